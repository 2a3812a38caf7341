// CDK apps as they synthesize: public apps synthesized with aws-cdk-lib from npm, their cloud
// assemblies committed under test/fixtures/public/cdk (sources in its README), linked by catalogs
// written as a team would write them.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { draftCatalog, type CatalogAnalysis } from '../../src/engine';
import { analyzeCatalogFile, loadDeployedSystem } from '../../src/workspace/files';
import { headerWith } from '../helpers/catalogs';

const assemblies = join(__dirname, '../../../test/fixtures/public/cdk');

function workspaceWith(app: string): string {
  const root = mkdtempSync(join(tmpdir(), 'cap-cdk-'));
  cpSync(join(assemblies, app, 'cdk.out'), join(root, 'cdk.out'), { recursive: true });
  return root;
}

function analyze(root: string, text: string): CatalogAnalysis {
  writeFileSync(join(root, 'data.catalog.yaml'), text);
  return analyzeCatalogFile(text, { catalogPath: join(root, 'data.catalog.yaml'), workspaceRoot: root });
}

/** A correct catalog for each app, as a team would write it: nothing to report, and the CLI exits 0. */
const CORRECT_CATALOGS = {
  integGlobal: `${headerWith('integ', ['eu-west-1', 'eu-west-2', 'eu-central-1'])}infrastructure:
  - cdk.out
dataTypes:
  - name: sessions
    category: session
    store: dynamodb-global
    topology: hot-hot
    conflictResolution: last-writer-wins
    regions: [eu-west-1, eu-west-2, eu-central-1]
    resources: [TableCD117FA1]
`,
  globalTableWithCmk: `${headerWith('cmk', ['us-east-1', 'us-west-2', 'us-east-2'])}infrastructure: [cdk.out]
dataTypes:
  - { name: profiles, category: preference, store: dynamodb-global, topology: hot-hot, conflictResolution: last-writer-wins, regions: [us-east-1, us-west-2, us-east-2], resources: [globaltable] }
`,
  auroraFromCluster: `${headerWith('ledger', ['us-east-1', 'us-west-2'])}infrastructure:
  - cdk.out
dataTypes:
  - name: ledger
    category: transaction
    store: aurora-global
    topology: hot-warm
    failover: manual
    splitBrainGuards: [human-approval]
    regions: [us-east-1, us-west-2]
    resources: [LedgerB7379752]
`,
  // aws-samples/aws-sam-nested-stack-sample, verbatim: the cart table sits in a nested application.
  samNestedStackSample: `${headerWith('shop', ['us-west-1'])}infrastructure: [template.yml]
dataTypes:
  - name: carts
    category: cart
    store: dynamodb
    topology: single-region
    resources: [DynamoDBShoppingCartTable]
`,
  samNested: `${headerWith('orders', ['us-west-2'])}infrastructure: [app/template.yaml]
dataTypes:
  - { name: orders, category: transaction, store: dynamodb, topology: single-region, regions: [us-west-2], resources: [OrdersTable] }
`,
};

const read = (root: string) => loadDeployedSystem([{ index: 0, path: 'cdk.out' }], { catalogDir: root, workspaceRoot: root })!;

describe('public CDK apps as they synthesize', () => {
  it('aws-cdk integ.global: the classic Table with replicationRegions is a global table in three Regions; the empty assertion stack is skipped', () => {
    const root = workspaceWith('aws-cdk-integ-dynamodb-global');
    const system = read(root);
    // Version 2: "…DeployAssert….template.json is not read: the template has no Resources section", and a one-Region dynamodb table.
    assert.deepEqual(system.problems, []);
    assert.deepEqual(
      system.stores.map((s) => [s.logicalId, s.store, s.regions, s.constructPath]),
      [['TableCD117FA1', 'dynamodb-global', ['eu-west-1', 'eu-west-2', 'eu-central-1'], 'cdk-dynamodb-global-20191121/Table/Resource']],
    );
    assert.deepEqual(
      system.stores[0].members.map((m) => m.logicalId),
      ['TableReplicaeuwest290D3CD3A', 'TableReplicaeucentral100A6A6E0'],
    );
    const analysis = analyze(root, CORRECT_CATALOGS.integGlobal);
    // A correct catalog: nothing to say (version 2: infrastructure-unreadable, store-drift and region-drift).
    assert.deepEqual(
      analysis.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.ruleId}: ${f.message}`),
      [],
    );
  });

  it('aws-cdk-examples global-table-with-cmk: the CfnGlobalTable in a nested stack, with the stack Region as the primary', () => {
    const root = workspaceWith('aws-cdk-examples-global-table-with-cmk');
    const system = read(root);
    assert.deepEqual(system.problems, []);
    assert.deepEqual(
      system.stores.map((s) => [s.logicalId, s.store, s.regions, s.homeRegion]),
      [['globaltable', 'dynamodb-global', ['us-east-1', 'us-west-2', 'us-east-2'], 'us-east-1']],
    );
  });

  for (const [app, name] of [
    ['aws-cdk-integ-dynamodb-global', 'table'],
    // Its construct is `GlobalTable` (store words only): its TableName, global-ddb-cmk-demo, says more.
    ['aws-cdk-examples-global-table-with-cmk', 'cmk-demo'],
  ]) {
    it(`the draft of ${app} names the data type after its construct or its name in AWS (${name}), not its hashed logical id, and passes check`, () => {
      const root = workspaceWith(app);
      const draft = draftCatalog(read(root), { infrastructure: ['cdk.out'] });
      assert.match(draft, new RegExp(`- name: ${name}\\n`));
      assert.doesNotMatch(draft, /single-region/);
      assert.deepEqual(
        analyze(root, draft)
          .findings.filter((f) => f.severity === 'error')
          .map((f) => `${f.ruleId}: ${f.message}`),
        [],
      );
    });
  }

  it('an assembly synthesized without asset metadata: nested stacks found through the asset hash in their TemplateURL', () => {
    const root = workspaceWith('aws-cdk-examples-global-table-with-cmk');
    // What `cdk synth --asset-metadata false` (or a synth outside the CLI) writes: no aws:asset:path.
    const parent = join(root, 'cdk.out/global-ddb-cmk.template.json');
    const template = JSON.parse(readFileSync(parent, 'utf8')) as { Resources: Record<string, { Metadata?: Record<string, unknown> }> };
    for (const resource of Object.values(template.Resources)) delete resource.Metadata?.['aws:asset:path'];
    writeFileSync(parent, JSON.stringify(template, null, 1));
    assert.doesNotMatch(readFileSync(parent, 'utf8'), /aws:asset:path/);
    assert.deepEqual(
      read(root).stores.map((s) => [s.logicalId, s.store]),
      [['globaltable', 'dynamodb-global']],
    );
  });

  it("SAM nested applications with a local Location are followed, with the parent's Region from samconfig.toml; a repository application is not", () => {
    const root = mkdtempSync(join(tmpdir(), 'cap-sam-'));
    cpSync(join(__dirname, '../../../test/fixtures/sam-nested'), join(root, 'app'), { recursive: true });
    const system = loadDeployedSystem([{ index: 0, path: 'app/template.yaml' }], { catalogDir: root, workspaceRoot: root })!;
    // Version 2: no data store (draft: "no data store found"), and unknown-resource with no did-you-mean.
    assert.deepEqual(
      system.stores.map((s) => [s.logicalId, s.store, s.regions, s.file]),
      [['OrdersTable', 'dynamodb', ['us-west-2'], 'app/orders/template.yaml']],
    );
    // The repository application is named, never dropped in silence (information: the rest is read).
    assert.deepEqual(
      system.problems.map((p) => p.message),
      ['app/template.yaml: nested application Catalogue is not read: it comes from the Serverless Application Repository.'],
    );
  });

  it("aws-sam-nested-stack-sample (public, verbatim): the cart table of the nested application shoppingcart-service.yaml is read, in samconfig.toml's Region, and drafted as shopping-cart", () => {
    const root = mkdtempSync(join(tmpdir(), 'cap-sam-'));
    cpSync(join(__dirname, '../../../test/fixtures/public/aws-sam-nested-stack-sample'), root, { recursive: true });
    const system = loadDeployedSystem([{ index: 0, path: 'template.yml' }], { catalogDir: root, workspaceRoot: root })!;
    // Version 2: "no data store found to draft a catalog from", and unknown-resource on DynamoDBShoppingCartTable (exit 1).
    assert.deepEqual(
      system.stores.map((s) => [s.logicalId, s.store, s.regions, s.file]),
      [['DynamoDBShoppingCartTable', 'dynamodb', ['us-west-1'], 'shoppingcart-service.yaml']],
    );
    assert.deepEqual(system.problems, []);
    const draft = draftCatalog(system, { infrastructure: ['template.yml'] });
    assert.match(draft, /- name: shopping-cart\n {4}category: cart # check: guessed from the name DynamoDBShoppingCartTable\n/);
    assert.match(draft, /regions: \[us-west-1\]\n {4}resources: \[DynamoDBShoppingCartTable\]/);
  });

  it("an Aurora global database built from an existing cluster (CfnGlobalCluster with sourceDbClusterIdentifier) keeps it as its primary, in its stack's Region", () => {
    // The app is ours (test/fixtures/cdk-aurora-global/app.ts, the usual CDK pattern); the assembly is aws-cdk-lib's.
    const root = mkdtempSync(join(tmpdir(), 'cap-cdk-'));
    cpSync(join(__dirname, '../../../test/fixtures/cdk-aurora-global/cdk.out'), join(root, 'cdk.out'), { recursive: true });
    const system = read(root);
    // Version 2: LedgerB7379752 a one-Region aurora (store-drift), LedgerGlobal "deployed in us-west-2".
    assert.deepEqual(
      system.stores.map((s) => [s.logicalId, s.store, s.regions, s.members.map((m) => m.logicalId)]),
      [['LedgerGlobal', 'aurora-global', ['us-east-1', 'us-west-2'], ['LedgerB7379752', 'LedgerSecondary']]],
    );
    const analysis = analyze(root, CORRECT_CATALOGS.auroraFromCluster);
    assert.deepEqual(
      analysis.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.ruleId}: ${f.message}`),
      [],
    );
  });

  describe('a correct catalog for each app: the CLI exits 0', () => {
    const cli = join(__dirname, '../../../bin/cap-advisor.js');
    const copy = (from: string, to: string) => (root: string) => cpSync(join(__dirname, '../../../test/fixtures', from), join(root, to), { recursive: true });
    const apps: Array<[string, (root: string) => void, string]> = [
      ['aws-cdk integ.global', copy('public/cdk/aws-cdk-integ-dynamodb-global/cdk.out', 'cdk.out'), CORRECT_CATALOGS.integGlobal],
      [
        'aws-cdk-examples global-table-with-cmk',
        copy('public/cdk/aws-cdk-examples-global-table-with-cmk/cdk.out', 'cdk.out'),
        CORRECT_CATALOGS.globalTableWithCmk,
      ],
      ['CfnGlobalCluster from an existing cluster', copy('cdk-aurora-global/cdk.out', 'cdk.out'), CORRECT_CATALOGS.auroraFromCluster],
      ['SAM nested application', copy('sam-nested', 'app'), CORRECT_CATALOGS.samNested],
      ['aws-sam-nested-stack-sample', copy('public/aws-sam-nested-stack-sample', '.'), CORRECT_CATALOGS.samNestedStackSample],
    ];
    for (const [app, setUp, catalog] of apps) {
      it(app, () => {
        const root = mkdtempSync(join(tmpdir(), 'cap-app-'));
        setUp(root);
        writeFileSync(join(root, 'data.catalog.yaml'), catalog);
        const run = spawnSync(process.execPath, [cli, 'check', '--root', root, join(root, 'data.catalog.yaml')], { encoding: 'utf8' });
        assert.equal(run.status, 0, run.stdout + run.stderr);
        assert.match(run.stdout, /✔|0 errors, 0 warnings/);
      });
    }
  });
});
