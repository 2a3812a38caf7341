// The stores of SPEC §14 that version 3 could not name, read from public infrastructure copied
// verbatim into test/fixtures/public (sources, commits and licences in its README): for each, a
// correct catalog that is quiet, and a wrong one whose drift is caught.
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CatalogAnalysis, DeployedSystem } from '../../src/engine';
import { analyzeCatalogFile, loadDeployedSystem } from '../../src/workspace/files';
import { loadTerraformParser } from '../../src/workspace/terraform';
import { headerWith } from '../helpers/catalogs';

const publicFixtures = join(__dirname, '../../../test/fixtures/public');

function workspaceWith(...repositories: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'cap-stores-'));
  for (const repository of repositories) cpSync(join(publicFixtures, repository), join(root, repository), { recursive: true });
  return root;
}

function analyze(root: string, text: string): CatalogAnalysis {
  writeFileSync(join(root, 'data.catalog.yaml'), text);
  return analyzeCatalogFile(text, { catalogPath: join(root, 'data.catalog.yaml'), workspaceRoot: root });
}

const read = (root: string, entries: Array<{ index: number; path: string; region?: string }>): DeployedSystem =>
  loadDeployedSystem(entries, { catalogDir: root, workspaceRoot: root })!;

const storesIn = (system: DeployedSystem) =>
  system.stores.map((s) => [s.logicalId, s.store, s.regions.map((r) => (typeof r === 'string' ? r : `? ${r.unknown}`)), s.members.map((m) => m.logicalId)]);

/** The findings a user is asked to act on: errors and warnings. */
const problems = (analysis: CatalogAnalysis) =>
  analysis.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.ruleId}: ${f.message}`);

/** A YAML example of the CloudFormation User Guide, by its heading's anchor. */
function userGuideExample(page: string, heading: string): string {
  const text = readFileSync(join(publicFixtures, 'aws-cloudformation-user-guide/doc_source', page), 'utf8');
  const block = [...text.matchAll(/^#### YAML<a name="([^"]+)"><\/a>\n\n```\n([\s\S]*?)^```$/gm)].find((match) => match[1].includes(heading));
  assert.ok(block, heading);
  return block[2];
}

describe('public sources for the stores of SPEC §14', () => {
  before(() => loadTerraformParser());

  describe('terraform-aws-rds examples/cross-region-replica-postgres: an RDS read replica in another Region', () => {
    const path = 'terraform-aws-rds/examples/cross-region-replica-postgres';
    const entry = (store: string) => `${headerWith('shop', ['eu-west-1', 'eu-central-1'])}infrastructure:
  - ${path}
dataTypes:
  - name: orders
    category: transaction
    store: ${store}
    resources: [module.replica.module.db_instance.aws_db_instance.this]
`;

    it('reads one rds-cross-region-replica from eu-west-1 to eu-central-1, its source instance a member', () => {
      const system = read(workspaceWith('terraform-aws-rds'), [{ index: 0, path }]);
      assert.deepEqual(storesIn(system), [
        [
          'module.replica.module.db_instance.aws_db_instance.this',
          'rds-cross-region-replica',
          ['eu-west-1', 'eu-central-1'],
          ['module.master.module.db_instance.aws_db_instance.this'],
        ],
      ]);
    });

    it('the correct catalog has no error or warning; declaring aurora-global is store-drift', () => {
      const root = workspaceWith('terraform-aws-rds');
      assert.deepEqual(problems(analyze(root, entry('rds-cross-region-replica'))), []);
      assert.deepEqual(problems(analyze(root, entry('aurora-global'))), ["store-drift: 'orders' runs on rds-cross-region-replica, declared aurora-global."]);
    });
  });

  describe('amazon-documentdb-samples global-clusters: a DocumentDB global cluster built with AWS::RDS::GlobalCluster, a Region added by a second stack', () => {
    const templates = 'amazon-documentdb-samples/samples/global-clusters';
    const entries = [
      { index: 0, path: `${templates}/create_docdb_globalcluster.yaml`, region: 'us-east-1' },
      { index: 1, path: `${templates}/addRegion_globalCluster.yaml`, region: 'us-west-2' },
    ];
    const catalogFor = (store: string) => `${headerWith('shop', ['us-east-1', 'us-west-2'])}infrastructure:
  - { path: ${entries[0].path}, region: us-east-1 }
  - { path: ${entries[1].path}, region: us-west-2 }
dataTypes:
  - name: profiles
    category: account
    store: ${store}
    resources: [GlobalCluster, addRegion_globalCluster/DocumentDBCluster]
`;

    it('the engine (Engine: docdb, or a DocDB source cluster) makes it documentdb-global; the secondary joins by a parameter without a default, so where it joins is unknown', () => {
      const system = read(workspaceWith('amazon-documentdb-samples'), entries);
      assert.deepEqual(storesIn(system), [
        [
          'GlobalCluster',
          'documentdb-global',
          [
            'us-east-1',
            '? us-west-2, if DocumentDBCluster joins it: its GlobalClusterIdentifier is the parameter GlobalClusterIdentifier, which has no default',
          ],
          ['DocumentDBCluster'],
        ],
        [
          'DocumentDBCluster',
          'documentdb-global',
          ['? the Regions of the other members of global cluster (unnamed), which the linked infrastructure does not deploy', 'us-west-2'],
          [],
        ],
      ]);
    });

    it('the correct catalog has no error or warning; declaring aurora-global is store-drift on both', () => {
      const root = workspaceWith('amazon-documentdb-samples');
      assert.deepEqual(problems(analyze(root, catalogFor('documentdb-global'))), []);
      assert.deepEqual(problems(analyze(root, catalogFor('aurora-global'))), [
        "store-drift: 'profiles' runs on documentdb-global, declared aurora-global.",
        "store-drift: 'profiles' runs on documentdb-global, declared aurora-global.",
      ]);
    });
  });

  describe('terraform-aws-memory-db examples/multi-region (pull request 12): a MemoryDB multi-Region cluster with one member so far', () => {
    const path = 'terraform-aws-memory-db/examples/multi-region';
    const catalogIn = (regions: string) => `${headerWith('shop', ['us-east-1', 'us-west-2'])}infrastructure:
  - ${path}
dataTypes:
  - name: leaderboard
    category: session
    store: memorydb-multi-region
    regions: [${regions}]
    writes: [idempotent-put]
    resources: [module.multi_region_cluster.aws_memorydb_multi_region_cluster.this]
`;

    it('the Regional cluster joins the multi-Region cluster by its name output: one store in us-east-1 (the us-west-2 member is commented out)', () => {
      const system = read(workspaceWith('terraform-aws-memory-db'), [{ index: 0, path }]);
      assert.deepEqual(storesIn(system), [
        [
          'module.multi_region_cluster.aws_memorydb_multi_region_cluster.this',
          'memorydb-multi-region',
          ['us-east-1'],
          ['module.memory_db.aws_memorydb_cluster.this'],
        ],
      ]);
    });

    it('a catalog of what it deploys has no error or warning; a catalog that expects us-west-2 is region-drift', () => {
      const root = workspaceWith('terraform-aws-memory-db');
      assert.deepEqual(problems(analyze(root, catalogIn('us-east-1'))), []);
      assert.deepEqual(problems(analyze(root, catalogIn('us-east-1, us-west-2'))), [
        "region-drift: 'leaderboard' is deployed only in us-east-1, not us-west-2: deploy it or drop it.",
      ]);
    });
  });

  describe("the CloudFormation User Guide's examples: a multi-Region keyspace and a cross-Region read replica", () => {
    function workspace(): string {
      const root = mkdtempSync(join(tmpdir(), 'cap-stores-'));
      mkdirSync(join(root, 'templates'));
      writeFileSync(join(root, 'templates/keyspace.yaml'), userGuideExample('aws-resource-cassandra-keyspace.md', 'Create_a_new_multi-Region_keyspace--yaml'));
      writeFileSync(
        join(root, 'templates/replica.yaml'),
        userGuideExample('aws-resource-rds-dbinstance.md', 'Creating_a_cross-region_encrypted_read_replica--yaml'),
      );
      return root;
    }
    const catalogOf = (keyspaceStore: string) => `${headerWith('shop', ['us-east-1', 'us-west-2', 'eu-west-1'])}infrastructure:
  - { path: templates/keyspace.yaml, region: us-east-1 }
  - { path: templates/replica.yaml, region: us-west-2 }
dataTypes:
  - name: telemetry
    category: analytics
    store: ${keyspaceStore}
    writes: [append-only]
    resources: [MultiRegionKeyspace]
  - name: orders
    category: transaction
    store: rds-cross-region-replica
    regions: [us-east-1, us-west-2]
    resources: [MyDBSmall]
`;

    it('the keyspace is keyspaces-multi-region in its RegionList; the replica comes from the SourceRegion parameter, which has no default: unknown, never guessed', () => {
      const system = read(workspace(), [
        { index: 0, path: 'templates/keyspace.yaml', region: 'us-east-1' },
        { index: 1, path: 'templates/replica.yaml', region: 'us-west-2' },
      ]);
      assert.deepEqual(storesIn(system), [
        ['MultiRegionKeyspace', 'keyspaces-multi-region', ['us-east-1', 'us-west-2', 'eu-west-1'], []],
        ['MyDBSmall', 'rds-cross-region-replica', ['? the parameter SourceRegion, which has no default', 'us-west-2'], []],
      ]);
    });

    it('the correct catalog has no error or warning; declaring the keyspace dynamodb-global is store-drift', () => {
      const root = workspace();
      assert.deepEqual(problems(analyze(root, catalogOf('keyspaces-multi-region'))), []);
      assert.deepEqual(problems(analyze(root, catalogOf('dynamodb-global'))), [
        "store-drift: 'telemetry' runs on keyspaces-multi-region, declared dynamodb-global.",
      ]);
    });
  });

  describe('terraform-aws-neptune examples/global-cluster-new: its clusters come from the registry module, which is never fetched', () => {
    it('nothing is guessed: no store is read, the unread modules are reported, and a catalog naming them gets no drift', () => {
      const root = workspaceWith('terraform-aws-neptune');
      const path = 'terraform-aws-neptune/examples/global-cluster-new';
      const system = read(root, [{ index: 0, path }]);
      assert.deepEqual(storesIn(system), []);
      const analysis = analyze(
        root,
        `${headerWith('shop', ['us-east-1', 'us-west-2'])}infrastructure:
  - ${path}
dataTypes:
  - name: social-graph
    category: account
    store: neptune-global
    resources: [module.neptune_global_primary.aws_neptune_global_cluster.this]
`,
      );
      assert.deepEqual(problems(analysis), []);
      assert.deepEqual(
        analysis.findings.map((f) => f.ruleId),
        ['infrastructure-unreadable', 'recommendation'],
      );
      assert.match(analysis.findings[0].message, /neptune_global_primary \(dstrates\/neptune\/aws\)/);
    });
  });

  // No public template uses these CloudFormation types yet: their shape is the CloudFormation Template Reference's
  // (AWS::Neptune::GlobalCluster, AWS::DocDB::GlobalCluster, AWS::MemoryDB::MultiRegionCluster and their members).
  it('the native global cluster types of the CloudFormation Template Reference join their members across stacks', () => {
    const root = mkdtempSync(join(tmpdir(), 'cap-stores-'));
    writeFileSync(
      join(root, 'primary.yaml'),
      `Resources:
  Graph:
    Type: AWS::Neptune::GlobalCluster
    Properties: { GlobalClusterIdentifier: graph }
  GraphPrimary:
    Type: AWS::Neptune::DBCluster
    Properties: { GlobalClusterIdentifier: !Ref Graph }
  Docs:
    Type: AWS::DocDB::GlobalCluster
    Properties: { GlobalClusterIdentifier: docs }
  DocsPrimary:
    Type: AWS::DocDB::DBCluster
    Properties: { GlobalClusterIdentifier: !Ref Docs }
  Scores:
    Type: AWS::MemoryDB::MultiRegionCluster
    Properties: { MultiRegionClusterNameSuffix: scores, NodeType: db.r7g.xlarge }
  ScoresHere:
    Type: AWS::MemoryDB::Cluster
    Properties: { ClusterName: scores, NodeType: db.r7g.xlarge, ACLName: open-access, MultiRegionClusterName: !GetAtt Scores.MultiRegionClusterName }
`,
    );
    writeFileSync(
      join(root, 'secondary.yaml'),
      `Resources:
  GraphSecondary:
    Type: AWS::Neptune::DBCluster
    Properties: { GlobalClusterIdentifier: graph }
  DocsSecondary:
    Type: AWS::DocDB::DBCluster
    Properties: { GlobalClusterIdentifier: docs }
`,
    );
    const system = read(root, [
      { index: 0, path: 'primary.yaml', region: 'us-east-1' },
      { index: 1, path: 'secondary.yaml', region: 'us-west-2' },
    ]);
    assert.deepEqual(storesIn(system), [
      ['Graph', 'neptune-global', ['us-east-1', 'us-west-2'], ['GraphPrimary', 'GraphSecondary']],
      ['Docs', 'documentdb-global', ['us-east-1', 'us-west-2'], ['DocsPrimary', 'DocsSecondary']],
      ['Scores', 'memorydb-multi-region', ['us-east-1'], ['ScoresHere']],
    ]);
  });
});
