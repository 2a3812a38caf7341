// Issue 34, items 4 and 5: an unclaimed resource goes to the data type named like it, a new data
// type takes the resource's own name and is born without errors, drafts take failover only from a
// route that fronts the store, and store-drift's fixes do not undo each other.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { applyEdits, quickFixes } from '../../src/engine/assist/fixes';
import { draftCatalog } from '../../src/engine/assist/draft';
import { analyzeCatalog } from '../../src/engine/analyze';
import type { DeployedStore, DeployedSystem } from '../../src/engine/model/deployed';
import { storeFacts } from '../../src/engine/model/storeFacts';
import type { CatalogAnalysis, StoreId } from '../../src/engine/model/types';
import { snippetAsPlainText } from '../../src/lsp/protocol';
import { loadDeployedSystem } from '../../src/workspace/files';
import { loadTerraformParser } from '../../src/workspace/terraform';
import { analyzeCase as analyzeRuleCase } from '../helpers/ruleTester';
import { US_HEADER } from '../helpers/catalogs';

const head = (entry: string) => `${US_HEADER}infrastructure:\n  - ${entry}\ndataTypes:\n`;
const SHOP = head('{ path: infra/shop.yaml, region: us-east-1 }');

const SEATS_TEMPLATE = `Resources:
  SeatsTable:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      TableName: seat-inventory
      Replicas:
        - Region: !Ref AWS::Region
        - Region: us-east-2
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
`;

const USER_SESSIONS = `  - name: user-sessions
    category: session
    store: dynamodb-global
    topology: hot-hot
    conflictResolution: merge
    regions: [us-east-1, us-east-2]
`;

const PAYMENTS_TF = `provider "aws" {
  region = "us-east-1"
}

resource "aws_dynamodb_table" "payments" {
  name         = "payments"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  replica {
    region_name = "us-east-2"
  }
}
`;

type Case = { catalog: string; files: Record<string, string> };
const analyzeCase = (testCase: Case) => analyzeRuleCase({ name: 'case', ...testCase });

function unclaimed(testCase: Case) {
  const { text, analysis } = analyzeCase(testCase);
  const finding = analysis.findings.find((f) => f.ruleId === 'unclaimed-resource');
  assert.ok(finding, 'an unclaimed-resource finding');
  return { text, analysis, fixes: quickFixes(text, analysis, finding) };
}

const titles = (fixes: Array<{ title: string; isPreferred: boolean }>) => fixes.map((fix) => `${fix.title}${fix.isPreferred ? ' *' : ''}`);

/** The errors on one data type once a fix is applied and the catalog analysed again. */
function errorsAfter(testCase: Case, text: string, dataType: string): string[] {
  const { analysis } = analyzeCase({ ...testCase, catalog: text });
  return errorsOn(analysis, dataType);
}

const errorsOn = (analysis: CatalogAnalysis, dataType: string) =>
  analysis.findings.filter((f) => f.dataType === dataType && f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`);

describe('an unclaimed resource goes to the data type named like it', () => {
  before(() => loadTerraformParser());

  it("TableName seat-inventory: claimed by 'seats' first; a new data type is 'seat-inventory', never offered to user-sessions", () => {
    const testCase = {
      catalog: `${SHOP}${USER_SESSIONS}  - name: seats\n    category: inventory\n    regions: [us-east-1, us-east-2]\n`,
      files: { 'infra/shop.yaml': SEATS_TEMPLATE },
    };
    const { text, fixes } = unclaimed(testCase);
    assert.deepEqual(titles(fixes), [
      "Add SeatsTable to the resources of 'seats' *",
      "Add a data type 'seat-inventory' for SeatsTable (category guessed: inventory)",
    ]);
    const claimed = applyEdits(text, fixes[0].edits);
    assert.ok(claimed.endsWith('  - name: seats\n    category: inventory\n    regions: [us-east-1, us-east-2]\n    resources:\n      - SeatsTable\n'), claimed);
    assert.deepEqual(
      analyzeCase({ ...testCase, catalog: claimed }).analysis.findings.filter((f) => f.ruleId === 'unclaimed-resource'),
      [],
    );
  });

  it('no data type named like it: the new data type, named after TableName, is preferred and born without errors', () => {
    const testCase = { catalog: `${SHOP}${USER_SESSIONS}`, files: { 'infra/shop.yaml': SEATS_TEMPLATE } };
    const { text, fixes } = unclaimed(testCase);
    assert.deepEqual(titles(fixes), [
      "Add a data type 'seat-inventory' for SeatsTable (category guessed: inventory) *",
      "Add SeatsTable to the resources of 'user-sessions'",
    ]);
    const added = applyEdits(text, fixes[0].edits);
    assert.ok(
      added.endsWith(`  - name: seat-inventory
    category: inventory
    topology: hot-warm
    store: dynamodb-global
    regions:
      - us-east-1
      - us-east-2
    resources:
      - SeatsTable
`),
      added,
    );
    assert.deepEqual(errorsAfter(testCase, added, 'seat-inventory'), []);
  });

  it("Terraform aws_dynamodb_table.payments is offered to 'payments' (saying the drift it leads to), not as a new payments-2", () => {
    const testCase = {
      catalog: `${head('main.tf')}  - name: payments\n    category: transaction\n    store: aurora-global\n    regions: [us-east-1, us-east-2]\n`,
      files: { 'main.tf': PAYMENTS_TF },
    };
    const { fixes } = unclaimed(testCase);
    assert.deepEqual(titles(fixes), ["Add aws_dynamodb_table.payments to the resources of 'payments' (then store-drift) *"]);
  });

  it('Terraform payments with no data type: a new transaction data type with one writer Region, no last-writer-wins, no error', () => {
    const testCase = { catalog: `${head('main.tf')}${USER_SESSIONS}`, files: { 'main.tf': PAYMENTS_TF } };
    const { text, fixes } = unclaimed(testCase);
    assert.equal(fixes[0].title, "Add a data type 'payments' for aws_dynamodb_table.payments (category guessed: transaction)");
    assert.ok(fixes[0].isPreferred);
    const added = applyEdits(text, fixes[0].edits);
    assert.ok(added.includes('  - name: payments\n    category: transaction\n    topology: hot-warm\n    store: dynamodb-global\n'), added);
    assert.doesNotMatch(added, /last-writer-wins/);
    assert.deepEqual(errorsAfter(testCase, added, 'payments'), []);
  });

  it('a name that says nothing of the data: the category is a choice the user makes, from those the store gives', () => {
    const template = SEATS_TEMPLATE.replace('SeatsTable', 'WidgetsTable').replace('      TableName: seat-inventory\n', '');
    const testCase = { catalog: `${SHOP}${USER_SESSIONS}`, files: { 'infra/shop.yaml': template } };
    const { text, fixes } = unclaimed(testCase);
    assert.equal(fixes[0].title, "Add a data type 'widgets' for WidgetsTable (choose its category)");
    assert.ok(fixes[0].snippet && fixes[0].isPreferred);
    const snippet = applyEdits(text, fixes[0].edits);
    assert.match(snippet, /\n {4}category: \$\{1\|session,cart,recommendation,analytics,preference,cache,other\|\}\n {4}consistency: eventual\n/);
    // Whatever the user picks, the entry is born without errors; the first choice is what a client without snippets inserts.
    for (const choice of ['session', 'other']) {
      const chosen = snippetAsPlainText(snippet).replace('category: session', `category: ${choice}`);
      assert.deepEqual(errorsAfter(testCase, chosen, 'widgets'), [], choice);
    }
  });
});

const ORDERS_TABLE = `Resources:
  OrdersTable:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      Replicas:
        - Region: !Ref AWS::Region
        - Region: us-east-2
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
`;

const ORDERS = (store: string) => `${SHOP}  - name: orders
    category: transaction
    store: ${store}
    topology: hot-hot
    regions: [us-east-1, us-east-2]
    splitBrainGuards:
      - { type: witness-region, region: us-west-2 }
    resources: [OrdersTable]
`;

describe('store-drift: either side may change, and the fixes do not ping-pong', () => {
  const files = { 'infra/shop.yaml': ORDERS_TABLE };

  it('says the template may be what must change, on the template line that deploys the resource', () => {
    const { analysis } = analyzeCase({ catalog: ORDERS('dynamodb-global-strong'), files });
    const drift = analysis.findings.find((f) => f.ruleId === 'store-drift')!;
    assert.deepEqual(
      drift.related?.map((r) => `${r.file}:${r.range.start.line}: ${r.message}`),
      [
        "infra/shop.yaml:2: OrdersTable (AWS::DynamoDB::GlobalTable): deploys dynamodb-global; if the catalog's dynamodb-global-strong is the intent, this template must change",
      ],
    );
    const fixes = quickFixes(ORDERS('dynamodb-global-strong'), analysis, drift);
    assert.deepEqual(titles(fixes), [
      'Declare the deployed store dynamodb-global (then lww-on-strong-data, store-mismatch)',
      'Accept the risk (store-drift) with a reason',
    ]);
  });

  it('once the deployed store is declared, no fix offers the declared store back as the preferred way out', () => {
    const before = ORDERS('dynamodb-global-strong');
    const { analysis } = analyzeCase({ catalog: before, files });
    const declare = quickFixes(
      before,
      analysis,
      analysis.findings.find((f) => f.ruleId === 'store-drift')!,
    )[0];
    const after = applyEdits(before, declare.edits);
    assert.equal(after, ORDERS('dynamodb-global'));
    const again = analyzeCase({ catalog: after, files }).analysis;
    assert.deepEqual(
      again.findings.filter((f) => f.ruleId === 'store-drift'),
      [],
    );
    const storeFixes = again.findings
      .filter((f) => f.dataType === 'orders')
      .flatMap((f) => quickFixes(after, again, f))
      .filter((fix) => /^Set store to/.test(fix.title));
    assert.ok(storeFixes.length > 0);
    for (const fix of storeFixes) {
      assert.equal(fix.isPreferred, false, fix.title);
      assert.match(fix.title, /; the template must change too\) \(then [^)]*store-drift/);
    }
  });
});

describe('drafts name, size and fail over what the infrastructure says', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'cap-h2-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const draft = (files: Record<string, string>, path: string, regions: Record<string, string> = { [path]: 'us-east-1' }) => {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    }
    const entries = Object.entries(regions).map(([file, region]) => ({ path: file, region }));
    const system = loadDeployedSystem(
      entries.map((entry, index) => ({ index, ...entry })),
      { catalogDir: root, workspaceRoot: root },
    )!;
    return draftCatalog(system, { infrastructure: entries });
  };

  it('a table named seat-inventory in AWS is drafted seat-inventory; a global table whose replica is its own Region is single-region', () => {
    const text = draft(
      {
        'shop.yaml': `${SEATS_TEMPLATE.replace('        - Region: us-east-2\n', '        - Region: us-east-1\n')}`,
      },
      'shop.yaml',
    );
    assert.match(text, /- name: seat-inventory\n {4}category: inventory # check: guessed from the name seat-inventory\n {4}topology: single-region\n/);
  });

  const API_AND_IMAGES = `Resources:
  ImagesBucket:
    Type: AWS::S3::Bucket
    Properties:
      ReplicationConfiguration:
        Role: arn:aws:iam::123456789012:role/replication
        Rules:
          - Status: Enabled
            Destination: { Bucket: "arn:aws:s3:::images-replica" }
  ApiHealth:
    Type: AWS::Route53::HealthCheck
    Properties:
      HealthCheckConfig: { Type: HTTPS, FullyQualifiedDomainName: !GetAtt Api.DomainName, ResourcePath: /health }
  ApiPrimary:
    Type: AWS::Route53::RecordSet
    Properties:
      Name: api.example.com
      Type: CNAME
      TTL: "60"
      Failover: PRIMARY
      HealthCheckId: !Ref ApiHealth
      ResourceRecords: [!GetAtt Api.DomainName]
  Api:
    Type: AWS::ApiGateway::DomainName
    Properties: { DomainName: api.example.com }
`;

  it("an API's health check is not the images bucket's failover: unknown, said in a check comment", () => {
    const text = draft({ 'shop.yaml': API_AND_IMAGES }, 'shop.yaml');
    assert.doesNotMatch(text, /failover:/);
    assert.match(
      text,
      /topology: hot-warm # check: who fails it over is unknown: ApiPrimary \(an HTTPS health check on api\.example\.com\) fronts another endpoint\n/,
    );
  });

  it("a failover record that fronts the cluster's endpoint tells its failover", () => {
    const primary = `Resources:
  LedgerGlobal:
    Type: AWS::RDS::GlobalCluster
    Properties: { GlobalClusterIdentifier: ledger, Engine: aurora-postgresql }
  LedgerCluster:
    Type: AWS::RDS::DBCluster
    Properties: { Engine: aurora-postgresql, GlobalClusterIdentifier: !Ref LedgerGlobal }
  DbHealth:
    Type: AWS::Route53::HealthCheck
    Properties:
      HealthCheckConfig: { Type: TCP, FullyQualifiedDomainName: !GetAtt LedgerCluster.Endpoint.Address, Port: 5432 }
  DbPrimary:
    Type: AWS::Route53::RecordSet
    Properties:
      Name: db.example.com
      Type: CNAME
      TTL: "60"
      Failover: PRIMARY
      HealthCheckId: !Ref DbHealth
      ResourceRecords: [!GetAtt LedgerCluster.Endpoint.Address]
`;
    const secondary = `Resources:
  LedgerSecondary:
    Type: AWS::RDS::DBCluster
    Properties: { Engine: aurora-postgresql, GlobalClusterIdentifier: ledger }
`;
    const text = draft({ 'db.yaml': primary, 'db-west.yaml': secondary }, 'db.yaml', { 'db.yaml': 'us-east-1', 'db-west.yaml': 'us-east-2' });
    assert.match(text, /- name: ledger\n {4}category: transaction # check: guessed from the name ledger\n {4}topology: hot-warm\n/);
    assert.match(text, /failover: automatic # check: from a TCP health check on db\.example\.com \(DbPrimary\)/);
  });
});

describe('a drafted data type is born without errors of its own making', () => {
  // A name per category the draft guesses, and one that says nothing (the placeholder).
  const NAMES = ['Payments', 'Inventory', 'Permissions', 'Accounts', 'Sessions', 'Carts', 'Recommendations', 'Metrics', 'Preferences', 'Cache'];
  const MORE = ['Catalog', 'History', 'Logs', 'Audit', 'Images', 'Widgets'];
  // What the deployment itself breaks (a strong table or DSQL cluster without its third Region) is no guess of the draft's.
  const DEPLOYED_SHAPE = new Set(['strong-table-topology', 'hot-hot-without-guard']);

  for (const store of Object.keys(storeFacts) as StoreId[]) {
    it(`every guessed category on ${store}, in one, two and three Regions`, () => {
      const failures: string[] = [];
      for (const count of [1, 2, 3]) {
        for (const name of [...NAMES, ...MORE]) {
          const deployed: DeployedStore = {
            file: 'a.yaml',
            range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 }, offset: [0, 1] },
            stack: 'a',
            logicalId: `${name}Table`,
            type: 'AWS::Example',
            entryIndex: 0,
            store,
            regions: ['us-east-1', 'us-east-2', 'us-west-2'].slice(0, count),
            members: [],
            homeRegion: 'us-east-1',
          };
          const system: DeployedSystem = { stores: [deployed], failovers: [], problems: [], files: ['a.yaml'] };
          const text = draftCatalog(system, { infrastructure: [{ path: 'a.yaml', region: 'us-east-1' }] });
          const errors = analyzeCatalog(text, { infrastructure: system }).findings.filter((f) => f.severity === 'error');
          const shape = errors.some((f) => f.ruleId === 'strong-table-topology');
          const own = errors.filter((f) => !(shape && DEPLOYED_SHAPE.has(f.ruleId)));
          if (own.length > 0) failures.push(`${name} in ${count}: ${own.map((f) => f.ruleId).join(', ')}`);
        }
      }
      assert.deepEqual(failures, []);
    });
  }
});

describe('a Terraform resource named `this` is drafted after its name in AWS', () => {
  before(() => loadTerraformParser());

  it('aws_dynamodb_table.this with name = "seat-inventory" is seat-inventory, and a data type of that name claims it', () => {
    const tf = PAYMENTS_TF.replace('"payments" {', '"this" {').replace('name         = "payments"', 'name         = "seat-inventory"');
    const testCase = { catalog: `${head('main.tf')}${USER_SESSIONS}`, files: { 'main.tf': tf } };
    const { fixes } = unclaimed(testCase);
    assert.equal(fixes[0].title, "Add a data type 'seat-inventory' for aws_dynamodb_table.this (category guessed: inventory)");
    const named = { ...testCase, catalog: `${testCase.catalog}  - name: seat-inventory\n    category: inventory\n` };
    assert.deepEqual(titles(unclaimed(named).fixes), ["Add aws_dynamodb_table.this to the resources of 'seat-inventory' *"]);
  });
});
