// CloudFormation as teams deploy it: one template per Region, Conditions and Fn::If, parameters
// without a default. The public template is copied verbatim (test/fixtures/public/SOURCES.md);
// regional-stack.yaml is ours, after a common pattern. Each case failed in version 2.
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { draftCatalog, type CatalogAnalysis } from '../../src/engine';
import type { InfrastructureEntry } from '../../src/engine/infrastructure';
import { analyzeCatalogFile, loadDeployedSystem } from '../../src/workspace/files';
import { renderText } from '../../src/report/text';
import { headerWith } from '../helpers/catalogs';

const fixtures = join(__dirname, '../../../test/fixtures');

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'cap-cfn-'));
  mkdirSync(join(root, 'templates'));
  cpSync(join(fixtures, 'public/aws-cloudformation-templates/S3/compliant-bucket.yaml'), join(root, 'templates/compliant-bucket.yaml'));
  cpSync(join(fixtures, 'cloudformation/regional-stack.yaml'), join(root, 'templates/regional-stack.yaml'));
  return root;
}

function analyze(root: string, text: string): CatalogAnalysis {
  writeFileSync(join(root, 'data.catalog.yaml'), text);
  return analyzeCatalogFile(text, { catalogPath: join(root, 'data.catalog.yaml'), workspaceRoot: root });
}

const read = (root: string, entries: InfrastructureEntry[]) => loadDeployedSystem(entries, { catalogDir: root, workspaceRoot: root })!;
const facts = (root: string, entries: InfrastructureEntry[]) =>
  read(root, entries).stores.map((s) => [
    s.logicalId,
    s.store,
    s.regions.map((r) => (typeof r === 'string' ? r : `? ${r.unknown}`)),
    s.replicationTimeControl ?? null,
  ]);

const HEAD = headerWith('documents', ['us-east-1', 'us-west-2']);

/** What a misread of the templates shows as: drift, a name that does not resolve, a store nobody claims. */
const linkingFindings = (analysis: CatalogAnalysis) =>
  analysis.findings.filter((f) => ['region-drift', 'store-drift', 'unknown-resource', 'unclaimed-resource'].includes(f.ruleId)).map((f) => f.message);

describe('CloudFormation as teams deploy it', () => {
  it('aws-cloudformation-templates S3/compliant-bucket.yaml, one stack per Region: the logical id names both copies; the same-Region replica is part of its source', () => {
    const root = workspace();
    const perRegion = facts(root, [
      { index: 0, path: 'templates/compliant-bucket.yaml', region: 'us-east-1' },
      { index: 0, path: 'templates/compliant-bucket.yaml', region: 'us-west-2' },
    ]);
    assert.deepEqual(perRegion, [
      ['ObjectStorageBucket', 's3', ['us-east-1', 'us-west-2'], false],
      ['ObjectStorageLogBucket', 's3', ['us-east-1', 'us-west-2'], null],
    ]);
    for (const infrastructure of [
      '{ path: templates/compliant-bucket.yaml, regions: [us-east-1, us-west-2] }',
      '{ path: templates/compliant-bucket.yaml, region: us-east-1 }\n  - { path: templates/compliant-bucket.yaml, region: us-west-2 }',
    ]) {
      const analysis = analyze(
        root,
        `${HEAD}infrastructure:
  - ${infrastructure}
dataTypes:
  - name: documents
    category: media
    store: s3
    topology: hot-hot
    regions: [us-east-1, us-west-2]
    resources: [ObjectStorageBucket]
  - name: access-logs
    category: audit
    store: s3
    topology: hot-hot
    regions: [us-east-1, us-west-2]
    resources: [ObjectStorageLogBucket]
`,
      );
      // Version 2: "names ObjectStorageBucket, which 2 stacks deploy: write compliant-bucket/ObjectStorageBucket", which named both again.
      assert.deepEqual(
        analysis.findings.filter((f) => ['unknown-resource', 'region-drift', 'unclaimed-resource', 'schema'].includes(f.ruleId)).map((f) => f.message),
        [],
        infrastructure,
      );
    }
  });

  it('two different templates with one logical id: the error names a form that resolves, and that form is accepted', () => {
    const root = workspace();
    mkdirSync(join(root, 'eu'));
    cpSync(join(fixtures, 'public/aws-cloudformation-templates/S3/compliant-bucket.yaml'), join(root, 'eu/compliant-bucket.yaml'));
    const catalog = (name: string) => `${HEAD}infrastructure:
  - { path: templates/compliant-bucket.yaml, region: us-east-1 }
  - { path: eu/compliant-bucket.yaml, region: us-west-2 }
dataTypes:
  - name: documents
    category: media
    store: s3
    topology: single-region
    regions: [us-east-1]
    resources: [${name}]
`;
    const ambiguous = analyze(root, catalog('ObjectStorageBucket')).findings.filter((f) => f.ruleId === 'unknown-resource');
    assert.equal(ambiguous.length, 1);
    const suggested = ambiguous[0].suggestion;
    assert.equal(suggested, 'templates/compliant-bucket.yaml#ObjectStorageBucket');
    assert.ok(ambiguous[0].message.includes(suggested), ambiguous[0].message);
    assert.deepEqual(
      analyze(root, catalog(suggested!)).findings.filter((f) => f.ruleId === 'unknown-resource'),
      [],
    );
  });

  it('Conditions and Fn::If: known in the primary Region, unknown (never "none") where a parameter has no default', () => {
    const root = workspace();
    assert.deepEqual(facts(root, [{ index: 0, path: 'templates/regional-stack.yaml', region: 'us-east-1' }]), [
      ['OrdersTable', 'dynamodb-global', ['us-east-1', '? the parameter SecondaryRegion, which has no default'], null],
      ['MediaBucket', 's3', ['us-east-1', '? a value computed by Fn::Sub (the parameter SecondaryRegion, which has no default)'], true],
      [
        'ArchiveBucket',
        's3',
        [
          'us-east-1',
          '? its replication: Fn::If on the condition ReplicateArchive, which depends on the parameter EnableArchiveReplication, which has no default',
        ],
        null,
      ],
    ]);
    // In another Region the condition is false: no table, no replication.
    assert.deepEqual(
      facts(root, [{ index: 0, path: 'templates/regional-stack.yaml', region: 'us-west-2' }]).map((row) => row.slice(0, 3)),
      [
        ['MediaBucket', 's3', ['us-west-2']],
        [
          'ArchiveBucket',
          's3',
          [
            'us-west-2',
            '? its replication: Fn::If on the condition ReplicateArchive, which depends on the parameter EnableArchiveReplication, which has no default',
          ],
        ],
      ],
    );
  });

  it('no rule fires on what could not be read; a draft of a table with a parameter Region is multi-Region (one writer for its strong guess), not single-region', () => {
    const root = workspace();
    const analysis = analyze(
      root,
      `${HEAD}infrastructure:
  - { path: templates/regional-stack.yaml, region: us-east-1 }
dataTypes:
  - name: archive
    category: audit
    store: s3
    topology: single-region
    regions: [us-east-1]
    rpo: 15m
    resources: [ArchiveBucket]
`,
    );
    // Version 2 read "no replication": nothing to say about RTC, and a region-drift had it been declared in two Regions.
    assert.deepEqual(
      analysis.findings.filter((f) => ['region-drift', 'replication-without-rtc', 'store-drift'].includes(f.ruleId)).map((f) => f.message),
      [],
    );
    // What was not judged, and why: in the report, and under --verbose.
    const why =
      'a Region: its replication: Fn::If on the condition ReplicateArchive, which depends on the parameter EnableArchiveReplication, which has no default';
    assert.deepEqual(analysis.report.dataTypes[0].deployed?.[0].unknown, [why]);
    const verbose = renderText([{ file: 'data.catalog.yaml', analysis }], { color: false, verbose: true });
    assert.match(verbose, /data\.catalog\.yaml: not judged, the infrastructure does not fix:\n {2}- archive: ArchiveBucket: a Region: its replication: Fn::If/);
    assert.doesNotMatch(renderText([{ file: 'data.catalog.yaml', analysis }], { color: false }), /not judged/);
    const draft = draftCatalog(read(root, [{ index: 0, path: 'templates/regional-stack.yaml', region: 'us-east-1' }]), {
      infrastructure: [{ path: 'templates/regional-stack.yaml', region: 'us-east-1' }],
    });
    const orders = draft.slice(draft.indexOf('- name: orders'), draft.indexOf('- name: media'));
    // Guessed transaction (strong) on a last-writer-wins table: drafted with one writer Region, not born with lww-on-strong-data.
    assert.match(orders, /topology: hot-warm # check: transaction data is strong: on dynamodb-global one Region takes every write/);
    assert.match(orders, /# check: some Regions are unknown: the parameter SecondaryRegion, which has no default/);
    assert.doesNotMatch(draft, /single-region/);
  });

  it('aws-samples aws-kinesis-data-streams-replicator ddb-template.yml: global tables whose replica Regions are parameters with defaults: drafted hot-hot in both Regions, and a catalog that writes them in both hears of last writer wins', () => {
    const root = workspace();
    cpSync(join(fixtures, 'public/aws-kinesis-data-streams-replicator/ddb-template.yml'), join(root, 'templates/ddb-template.yml'));
    const entries = [{ index: 0, path: 'templates/ddb-template.yml', region: 'us-east-1' }];
    assert.deepEqual(facts(root, entries), [
      ['ReplicationCheckpointTable', 'dynamodb-global', ['us-east-1', 'us-east-2'], null],
      ['KDSActiveRegionConfigTable', 'dynamodb-global', ['us-east-1', 'us-east-2'], null],
    ]);
    // Parameters with defaults, which version 2 already read; the draft now also says what the store gives.
    const draft = draftCatalog(read(root, entries), { infrastructure: [{ path: 'templates/ddb-template.yml', region: 'us-east-1' }] });
    assert.doesNotMatch(draft, /single-region/);
    assert.equal(draft.match(/topology: hot-hot/g)?.length, 2);
    assert.equal(draft.match(/regions: \[us-east-1, us-east-2\]/g)?.length, 2);
    const analysis = analyze(
      root,
      `${headerWith('replicator', ['us-east-1', 'us-east-2'])}infrastructure:
  - { path: templates/ddb-template.yml, region: us-east-1 }
dataTypes:
  - name: replication-checkpoints
    category: session
    store: dynamodb-global
    topology: hot-hot
    resources: [ReplicationCheckpointTable]
  - name: active-region-config
    category: reference
    store: dynamodb-global
    topology: hot-warm
    resources: [KDSActiveRegionConfigTable]
`,
    );
    assert.deepEqual(linkingFindings(analysis), []);
    assert.deepEqual(
      analysis.findings.filter((f) => f.ruleId === 'hot-hot-without-guard').map((f) => f.dataType),
      ['replication-checkpoints'],
    );
  });

  // Public Radio Exchange's production templates (PRX/Infrastructure, MIT): each case below failed in version 2.
  const prx = (root: string) => cpSync(join(fixtures, 'public/prx-infrastructure/db'), join(root, 'db'), { recursive: true });

  it('PRX db/dynamodb-global-table.yml: replica Regions that are parameters without a default are unknown, so the table is drafted hot-hot (version 2: single-region) and a catalog writing it in two Regions hears of last writer wins', () => {
    const root = workspace();
    prx(root);
    const entries = [{ index: 0, path: 'db/dynamodb-global-table.yml', region: 'us-east-1' }];
    const unknownRegion = (parameter: string, condition: string) =>
      `? Fn::If on the condition ${condition}, which depends on the parameter ${parameter}, which has no default`;
    // Version 2: ['us-east-1', '? an empty value', '? an empty value'].
    assert.deepEqual(facts(root, entries), [
      ['DynamoDBTable', 'dynamodb-global', ['us-east-1', unknownRegion('Region2', 'HasSecondaryRegion'), unknownRegion('Region3', 'HasTertiaryRegion')], null],
    ]);
    const draft = draftCatalog(read(root, entries), { infrastructure: [{ path: 'db/dynamodb-global-table.yml', region: 'us-east-1' }] });
    assert.doesNotMatch(draft, /single-region/);
    assert.match(draft, /topology: hot-hot/);
    assert.match(draft, /regions: \[us-east-1\] # check: some Regions are unknown: Fn::If on the condition HasSecondaryRegion/);
    const analysis = analyze(
      root,
      `${headerWith('podcasts', ['us-east-1', 'us-west-2'])}infrastructure:
  - { path: db/dynamodb-global-table.yml, region: us-east-1 }
dataTypes:
  - name: orders
    category: transaction
    consistency: eventual
    store: dynamodb-global
    topology: hot-hot
    resources: [DynamoDBTable]
`,
    );
    assert.deepEqual(linkingFindings(analysis), []);
    assert.deepEqual(
      analysis.findings.filter((f) => f.ruleId === 'hot-hot-without-guard').map((f) => f.dataType),
      ['orders'],
    );
  });

  it('PRX db/shared-apps-aurora-mysql: one cluster template per Region, joined to a GlobalCluster built from a parameter source: no drift on a correct catalog, and what is unknown says why', () => {
    const root = workspace();
    prx(root);
    for (const infrastructure of [
      '  - { path: db/shared-apps-aurora-mysql/database-cluster.yml, regions: [us-east-1, us-west-2] }\n',
      '  - { path: db/shared-apps-aurora-mysql/database-cluster.yml, region: us-east-1 }\n  - { path: db/shared-apps-aurora-mysql/database-cluster.yml, region: us-west-2 }\n',
    ]) {
      const analysis = analyze(
        root,
        `${headerWith('shared-apps', ['us-east-1', 'us-west-2'])}infrastructure:
${infrastructure}  - { path: db/shared-apps-aurora-mysql/global-database.yml, region: us-east-1 }
dataTypes:
  - name: shared-apps
    category: transaction
    store: aurora-global
    topology: hot-warm
    failover: manual
    splitBrainGuards: [human-approval]
    resources: [GlobalCluster, DbCluster]
`,
      );
      // Version 2: unknown-resource on DbCluster (two stacks), and the GlobalCluster "deployed only in us-east-1".
      assert.deepEqual(
        analysis.findings.filter((f) => f.severity !== 'hint').map((f) => `${f.ruleId} ${f.message}`),
        [],
        infrastructure,
      );
      const unknown = analysis.report.dataTypes[0].deployed?.flatMap((d) => d.unknown) ?? [];
      assert.ok(
        unknown.includes(
          'a Region: us-west-2, if DbCluster joins it: its GlobalClusterIdentifier is Fn::If on the condition HasGlobalClusterIdentifier, which depends on the parameter GlobalClusterIdentifier, which has no default',
        ),
        JSON.stringify(unknown),
      );
      assert.ok(
        unknown.includes(
          'the store: aurora-global or aurora: GlobalClusterIdentifier is Fn::If on the condition HasGlobalClusterIdentifier, which depends on the parameter GlobalClusterIdentifier, which has no default',
        ),
        JSON.stringify(unknown),
      );
    }
    // A catalog that calls it single-Region plain Aurora is told nothing false either: the store is unknown, not aurora-global.
    const plain = analyze(
      root,
      `${headerWith('shared-apps', ['us-east-1'])}infrastructure:
  - { path: db/shared-apps-aurora-mysql/database-cluster.yml, regions: [us-east-1, us-west-2] }
dataTypes:
  - name: shared-apps
    category: transaction
    store: aurora
    topology: single-region
    resources: [DbCluster]
`,
    );
    assert.deepEqual(
      plain.findings.filter((f) => f.ruleId === 'store-drift').map((f) => f.message),
      [],
    );
  });

  // AWS's own AWS::RDS::GlobalCluster examples (the CloudFormation User Guide, copied verbatim): the
  // YAML of two of them, deployed as their headings say.
  function userGuideExample(heading: string): string {
    const page = readFileSync(join(fixtures, 'public/aws-cloudformation-user-guide/doc_source/aws-resource-rds-globalcluster.md'), 'utf8');
    const block = [...page.matchAll(/^#### YAML<a name="([^"]+)"><\/a>\n\n```\n([\s\S]*?)^```$/gm)].find((match) => match[1].includes(heading));
    assert.ok(block, heading);
    return block[2];
  }

  it("the CloudFormation User Guide's GlobalCluster built from its template's cluster (what CDK's CfnGlobalCluster with sourceDbClusterIdentifier synthesizes), and a cluster added from another Region: one global database, no drift", () => {
    const root = workspace();
    writeFileSync(join(root, 'templates/primary.yaml'), userGuideExample('Creating_a_Global_Database_cluster_for_Aurora_MySQL'));
    writeFileSync(join(root, 'templates/secondary.yaml'), userGuideExample('Adding_a_Region_to_an_Aurora_database_cluster'));
    const entries = [
      { index: 0, path: 'templates/primary.yaml', region: 'us-east-1' },
      { index: 1, path: 'templates/secondary.yaml', region: 'us-west-2' },
    ];
    const system = read(root, entries);
    const joins = 'us-west-2, if RDSCluster joins it: its GlobalClusterIdentifier is the parameter GlobalClusterIdentifier, which has no default';
    // The source cluster is the global database's primary, not a plain Aurora cluster of its own.
    assert.deepEqual(
      system.stores.map((s) => [
        `${s.stack}/${s.logicalId}`,
        s.store,
        s.regions.map((r) => (typeof r === 'string' ? r : `? ${r.unknown}`)),
        s.members.map((m) => `${m.stack}/${m.logicalId}`),
      ]),
      [
        ['primary/GlobalCluster', 'aurora-global', ['us-east-1', `? ${joins}`], ['primary/RDSCluster']],
        [
          'secondary/RDSCluster',
          'aurora-global',
          ['? the Regions of the other members of global cluster (unnamed), which the linked infrastructure does not deploy', 'us-west-2'],
          [],
        ],
      ],
    );
    const analysis = analyze(
      root,
      `${headerWith('ledger', ['us-east-1', 'us-west-2'])}infrastructure:
  - { path: templates/primary.yaml, region: us-east-1 }
  - { path: templates/secondary.yaml, region: us-west-2 }
dataTypes:
  - name: ledger
    category: transaction
    store: aurora-global
    topology: hot-warm
    failover: manual
    splitBrainGuards: [human-approval]
    resources: [GlobalCluster, primary/RDSCluster, secondary/RDSCluster]
`,
    );
    // Version 2: store-drift "primary/RDSCluster deploys aurora, not the declared aurora-global" and two
    // region-drifts; before the unknown member was counted, "GlobalCluster is deployed only in us-east-1".
    assert.deepEqual(
      analysis.findings.filter((f) => f.severity !== 'hint').map((f) => `${f.ruleId} ${f.message}`),
      [],
    );
    assert.ok(analysis.report.dataTypes[0].deployed?.some((d) => d.unknown?.includes(`a Region: ${joins}`)));
    const draft = draftCatalog(system, { infrastructure: entries.map(({ path, region }) => ({ path, region })) });
    assert.doesNotMatch(draft, /store: aurora\n|single-region/);
    assert.equal(draft.match(/store: aurora-global/g)?.length, 2);
  });

  it('a table made global by a Custom:: resource, and an Aurora member of a global cluster defined elsewhere: unknown, no drift', () => {
    const root = workspace();
    writeFileSync(
      join(root, 'templates/legacy.yaml'),
      `Parameters:
  GlobalClusterId:
    Type: String
Resources:
  SessionsTable:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
  SessionsGlobal:
    Type: Custom::GlobalTable
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:111122223333:function:make-global
      TableName: !Ref SessionsTable
      Regions: [us-east-1, us-west-2]
  LedgerSecondary:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      GlobalClusterIdentifier: !Ref GlobalClusterId
`,
    );
    const analysis = analyze(
      root,
      `${HEAD}infrastructure:
  - { path: templates/legacy.yaml, region: us-west-2 }
dataTypes:
  - name: sessions
    category: session
    store: dynamodb-global
    topology: hot-hot
    regions: [us-east-1, us-west-2]
    conflictResolution: last-writer-wins
    resources: [SessionsTable]
  - name: ledger
    category: transaction
    store: aurora-global
    topology: hot-warm
    failover: manual
    splitBrainGuards: [human-approval]
    regions: [us-east-1, us-west-2]
    resources: [LedgerSecondary]
`,
    );
    // Version 2: an error-level store-drift on SessionsTable, and LedgerSecondary judged a one-Region global database.
    assert.deepEqual(
      analysis.findings.filter((f) => ['store-drift', 'region-drift'].includes(f.ruleId)).map((f) => f.message),
      [],
    );
  });
});
