// What the public corpus (test/fixtures/public, SOURCES.md) showed the readers and the drift rules
// got wrong, each pinned on the copied source with the catalog a careful engineer writes for it.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CatalogAnalysis } from '../../src/engine';
import { analyzeCatalogFile, loadDeployedSystem } from '../../src/workspace/files';
import { loadTerraformParser } from '../../src/workspace/terraform';
import { headerWith } from '../helpers/catalogs';

const publicFixtures = join(__dirname, '../../../test/fixtures/public');

/** A workspace holding one public repository's copy, as its team lays it out. */
function workspaceWith(repository: string): string {
  const root = mkdtempSync(join(tmpdir(), 'cap-corpus-'));
  cpSync(join(publicFixtures, repository), join(root, repository), { recursive: true });
  return root;
}

function analyze(root: string, text: string): CatalogAnalysis {
  writeFileSync(join(root, 'data.catalog.yaml'), text);
  return analyzeCatalogFile(text, { catalogPath: join(root, 'data.catalog.yaml'), workspaceRoot: root });
}

const drift = (analysis: CatalogAnalysis) =>
  analysis.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.ruleId}: ${f.message}`);

describe('public corpus: what the sources showed', () => {
  before(() => loadTerraformParser());

  it('a StackSet copy in an undeclared Region is region-drift even when its replication Region is unknown (multi-region-application-architecture)', () => {
    const root = workspaceWith('multi-region-application-architecture');
    const template = 'multi-region-application-architecture/deployment/multi-region-application-architecture-stackset-instance.yaml';
    const catalog = (regions: string) => `${headerWith('photo-gallery', ['us-east-1', 'us-west-2'])}infrastructure:
  - { path: ${template}, regions: [us-east-1, us-west-2] }
dataTypes:
  - name: photos
    category: media
    topology: ${regions.includes(',') ? 'hot-warm' : 'single-region'}
    store: s3
    regions: [${regions}]
    resources: [ObjectStoreBucket]
`;
    // The bucket's replication is Fn::If on a parameter without a default, so one Region is
    // unknown; the copy the StackSet puts in us-west-2 is known all the same.
    const wrong = analyze(root, catalog('us-east-1'));
    assert.deepEqual(drift(wrong), ["region-drift: 'photos' also deploys to us-west-2: declare it or drop the replica."]);
    const finding = wrong.findings.find((f) => f.ruleId === 'region-drift')!;
    assert.equal(finding.suggestion, 'us-east-1,us-west-2');
    assert.ok(finding.detail?.includes('(and Regions the infrastructure does not fix)'), finding.detail);
    // What could be missing is never claimed: the declared pair is not drift.
    assert.deepEqual(drift(analyze(root, catalog('us-east-1, us-west-2'))), []);
  });

  it("CloudFormation reads YAML 1.1: a parameter's `Default: yes` is true, so the Aurora global database its condition guards is deployed (eks-aurora-global-database)", () => {
    const root = workspaceWith('eks-aurora-global-database');
    const cfn = 'eks-aurora-global-database/cfn';
    // aurora_vpc_region.yaml: `DeployAurora: { Default: yes }` and `createResource: !Equals [!Ref DeployAurora, true]`.
    const system = loadDeployedSystem(
      [
        { index: 0, path: `${cfn}/aurora_vpc_region.yaml`, region: 'us-east-2' },
        { index: 1, path: `${cfn}/aurora_gdb.yaml`, region: 'us-west-2' },
      ],
      { catalogDir: root, workspaceRoot: root },
    )!;
    assert.deepEqual(
      system.stores.filter((s) => s.store !== 's3').map((s) => [s.logicalId, s.store, s.regions]),
      [['AuroraGlobalDbCluster', 'aurora-global', ['us-east-2', 'us-west-2']]],
    );
    const analysis = analyze(
      root,
      `${headerWith('retailapp', ['us-east-2', 'us-west-2'])}infrastructure:
  - { path: ${cfn}/aurora_vpc_region.yaml, region: us-east-2 }
  - { path: ${cfn}/aurora_gdb.yaml, region: us-west-2 }
dataTypes:
  - name: orders
    category: transaction
    topology: hot-warm
    store: aurora-global
    regions: [us-east-2, us-west-2]
    resources: [AuroraGlobalDbCluster]
`,
    );
    assert.deepEqual(drift(analysis), []);
  });

  it('one Terraform root per Region sharing a module: the ambiguous address asks for root-folder/address, and that form resolves (multi-region-resiliency-reference-implementation)', () => {
    const root = workspaceWith('multi-region-resiliency-reference-implementation');
    const apps = 'multi-region-resiliency-reference-implementation/infrastructure/apps/trading';
    const address = 'module.trading.module.ingress.module.ecs.aws_s3_bucket.log_bucket';
    const catalog = (name: string) => `${headerWith('trade-matching', ['us-east-1', 'us-west-2'])}infrastructure:
  - ${apps}/primary
  - ${apps}/secondary
dataTypes:
  - name: ingress-access-logs
    category: log
    topology: single-region
    store: s3
    regions: [us-east-1]
    resources: [${name}]
`;
    // Both roots call ../../template/regional: the bucket is written once, in modules/ecs/main.tf.
    const ambiguous = analyze(root, catalog(address)).findings.filter((f) => f.ruleId === 'unknown-resource');
    assert.deepEqual(
      ambiguous.map((f) => [f.message, f.suggestion]),
      [[`2 Terraform roots deploy it: write primary/${address}.`, `primary/${address}`]],
    );
    assert.deepEqual(drift(analyze(root, catalog(ambiguous[0].suggestion!))), []);
    assert.deepEqual(drift(analyze(root, catalog(`secondary/${address}`))), [
      `region-drift: 'ingress…logs' is in us-west-2 (undeclared), not us-east-1: align the Regions.`,
    ]);
  });

  it("a Custom:: resource that references a table and takes its Regions from a parameter's default makes the table's replication unknown, never single-Region (cfn-dynamodb-global-table)", () => {
    const root = workspaceWith('cfn-dynamodb-global-table');
    // ReplicationGroupList: !Ref ReplicationGroupList, a CommaDelimitedList defaulting to 'us-east-1,us-west-2'.
    const system = loadDeployedSystem([{ index: 0, path: 'cfn-dynamodb-global-table/DynamoDBGlobalTable.yml', region: 'us-east-1' }], {
      catalogDir: root,
      workspaceRoot: root,
    })!;
    assert.deepEqual(
      system.stores.map((s) => [s.logicalId, s.store, s.regions]),
      [
        [
          'ExampleTable',
          { unknown: 'a table the custom resource DynamoDBGlobalTable may make global' },
          ['us-east-1', { unknown: 'what the custom resource DynamoDBGlobalTable (Custom::DynamoDBGlobalTableCreate) sets up' }],
        ],
      ],
    );
    const analysis = analyze(
      root,
      `${headerWith('poc', ['us-east-1', 'us-west-2'])}infrastructure:
  - { path: cfn-dynamodb-global-table/DynamoDBGlobalTable.yml, region: us-east-1 }
dataTypes:
  - name: examples
    category: session
    topology: hot-hot
    store: dynamodb-global
    conflictResolution: last-writer-wins
    regions: [us-east-1, us-west-2]
    resources: [ExampleTable]
`,
    );
    assert.deepEqual(drift(analysis), []);
  });
});
