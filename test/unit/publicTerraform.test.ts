// What terraform-aws-modules deploy from their own examples, copied verbatim into
// test/fixtures/public (sources in its README), read as a careful engineer reads them, and
// linked by catalogs written as a team would write them. Each case failed in version 2.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { draftCatalog, type CatalogAnalysis } from '../../src/engine';
import { analyzeCatalogFile, loadDeployedSystem } from '../../src/workspace/files';
import { loadTerraformParser } from '../../src/workspace/terraform';
import { headerWith, US_HEADER } from '../helpers/catalogs';

const publicFixtures = join(__dirname, '../../../test/fixtures/public');

/** A workspace holding one public repository's copy, as its team lays it out. */
function workspaceWith(repository: string): string {
  const root = mkdtempSync(join(tmpdir(), 'cap-public-'));
  cpSync(join(publicFixtures, repository), join(root, repository), { recursive: true });
  return root;
}

function analyze(root: string, text: string): CatalogAnalysis {
  writeFileSync(join(root, 'data.catalog.yaml'), text);
  return analyzeCatalogFile(text, { catalogPath: join(root, 'data.catalog.yaml'), workspaceRoot: root });
}

const storesOf = (root: string, path: string) => loadDeployedSystem([{ index: 0, path }], { catalogDir: root, workspaceRoot: root })!;

describe('public Terraform: the terraform-aws-modules examples', () => {
  before(() => loadTerraformParser());

  it('rds-aurora examples/dsql: clusters peered through module outputs are one two-Region cluster with its witness; no false region-drift', () => {
    const root = workspaceWith('terraform-aws-rds-aurora');
    const path = 'terraform-aws-rds-aurora/examples/dsql';
    const system = storesOf(root, path);
    assert.deepEqual(
      system.stores.map((s) => [s.logicalId, s.store, s.regions, s.witness ?? null]),
      [
        ['module.dsql_cluster_1.aws_dsql_cluster.this', 'aurora-dsql', ['us-east-1', 'us-east-2'], 'us-west-2'],
        ['module.dsql_single_region.aws_dsql_cluster.this', 'aurora-dsql', ['us-east-1'], null],
      ],
    );
    assert.deepEqual(system.problems, []);
    const analysis = analyze(
      root,
      `${US_HEADER}infrastructure:
  - ${path}
dataTypes:
  - name: ledger
    category: transaction
    topology: hot-hot
    store: aurora-dsql
    regions: [us-east-1, us-east-2]
    splitBrainGuards:
      - { type: witness-region, region: us-west-2 }
    resources:
      - module.dsql_cluster_1.aws_dsql_cluster.this
      - module.dsql_cluster_2.aws_dsql_cluster.this
`,
    );
    // Version 2 read two single-Region clusters: a region-drift on each name. The third cluster is nobody's data yet.
    assert.deepEqual(
      analysis.findings.filter((f) => f.ruleId !== 'recommendation').map((f) => `${f.ruleId}: ${f.suggestion}`),
      ['unclaimed-resource: module.dsql_single_region.aws_dsql_cluster.this'],
    );
  });

  it('dynamodb-table examples/global-tables: the one table the module deploys (count = 0 on the others), global through its dynamic replica', () => {
    const root = workspaceWith('terraform-aws-dynamodb-table');
    const path = 'terraform-aws-dynamodb-table/examples/global-tables';
    const system = storesOf(root, path);
    assert.deepEqual(
      system.stores.map((s) => [s.logicalId, s.store, s.regions]),
      [['module.dynamodb_table.aws_dynamodb_table.this', 'dynamodb-global', ['eu-west-1', 'us-east-1']]],
    );
    const draft = draftCatalog(system, { infrastructure: [path] });
    assert.match(draft, /store: dynamodb-global\n/);
    assert.match(draft, /regions: \[eu-west-1, us-east-1\]\n/);
    assert.doesNotMatch(draft, /single-region/);
  });

  it('s3-bucket examples/s3-replication: rules passed into the module resolve to the replica bucket, named after a random_pet; one data type in two Regions, RTC on one rule only', () => {
    const root = workspaceWith('terraform-aws-s3-bucket');
    const path = 'terraform-aws-s3-bucket/examples/s3-replication';
    const system = storesOf(root, path);
    assert.deepEqual(
      system.stores.map((s) => [s.logicalId, s.store, s.regions, s.replicationTimeControl ?? null]),
      [['module.s3_bucket.aws_s3_bucket.this', 's3', ['eu-west-1', 'eu-central-1'], false]],
    );
    assert.ok(system.stores[0].members.some((m) => m.logicalId === 'module.replica_bucket.aws_s3_bucket.this'));
    const analysis = analyze(
      root,
      `${headerWith('media', ['eu-west-1', 'eu-central-1'])}infrastructure:
  - ${path}
dataTypes:
  - name: product-images
    category: media
    store: s3
    topology: hot-warm
    regions: [eu-west-1, eu-central-1]
    rpo: 15m
    resources: [module.s3_bucket.aws_s3_bucket.this]
`,
    );
    // Three of the four rules replicate without Replication Time Control: the 15-minute RPO is not bounded.
    assert.deepEqual(
      analysis.findings.filter((f) => f.severity !== 'information' && f.ruleId !== 'recommendation').map((f) => f.ruleId),
      ['replication-without-rtc'],
    );
  });

  for (const [repository, example] of [
    ['terraform-aws-rds-aurora', 'dsql'],
    ['terraform-aws-dynamodb-table', 'global-tables'],
    ['terraform-aws-s3-bucket', 's3-replication'],
  ]) {
    it(`the draft of ${repository} examples/${example} passes check without an error of its own making`, () => {
      const root = workspaceWith(repository);
      const path = `${repository}/examples/${example}`;
      const draft = draftCatalog(storesOf(root, path), { infrastructure: [path] });
      assert.deepEqual(
        analyze(root, draft)
          .findings.filter((f) => f.severity === 'error')
          .map((f) => `${f.ruleId}: ${f.message}`),
        [],
      );
    });
  }
});
