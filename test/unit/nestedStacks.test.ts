// Plain CloudFormation nested stacks (AWS::CloudFormation::Stack) whose TemplateURL is a local path,
// as written before `aws cloudformation package` uploads them: followed with the parent's Region,
// as SAM's nested applications and CDK's nested stacks are
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-nested-stacks.html).
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeCatalogFile, loadDeployedSystem } from '../../src/workspace/files';
import { headerWith } from '../helpers/catalogs';

describe('nested stacks in plain CloudFormation', () => {
  function workspace(): string {
    const root = mkdtempSync(join(tmpdir(), 'cap-nested-'));
    mkdirSync(join(root, 'infra/nested'), { recursive: true });
    writeFileSync(
      join(root, 'infra/root.yaml'),
      `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Database:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./nested/db.yaml
      Parameters: { Stage: prod }
`,
    );
    writeFileSync(
      join(root, 'infra/nested/db.yaml'),
      `Parameters:
  Stage: { Type: String }
Resources:
  OrdersTable:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      Replicas: [{ Region: us-east-1 }, { Region: us-west-2 }]
`,
    );
    return root;
  }

  it('a local TemplateURL is read with the parent stack: its table is found, in its Regions', () => {
    const root = workspace();
    const system = loadDeployedSystem([{ index: 0, path: 'infra/root.yaml', region: 'us-east-1' }], { catalogDir: root, workspaceRoot: root })!;
    assert.deepEqual(
      system.stores.map((s) => [s.logicalId, s.store, s.regions, s.file]),
      [['OrdersTable', 'dynamodb-global', ['us-east-1', 'us-west-2'], 'infra/nested/db.yaml']],
    );
  });

  it('a catalog naming the nested table is checked against it: eventual carts are clean, a strong declaration is store-drift', () => {
    const root = workspace();
    const catalogOf = (store: string) => `${headerWith('shop', ['us-east-1', 'us-west-2'])}infrastructure:
  - { path: infra/root.yaml, region: us-east-1 }
dataTypes:
  - name: carts
    category: cart
    topology: hot-hot
    writes: [idempotent-put]
    store: ${store}
    resources: [OrdersTable]
`;
    const findings = (store: string) =>
      analyzeCatalogFile(catalogOf(store), { catalogPath: join(root, 'data.catalog.yaml'), workspaceRoot: root })
        .findings.filter((f) => f.severity === 'error' || f.severity === 'warning')
        .map((f) => f.ruleId);
    assert.deepEqual(findings('dynamodb-global'), []);
    assert.ok(findings('dynamodb-global-strong').includes('store-drift'));
  });
});
