// A folder holding a CloudFormation template beside Terraform's .tf files: both are read, never
// one of them silently (a team migrating between the two keeps both for a while).
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { draftCatalog } from '../../src/engine';
import { loadDeployedSystem } from '../../src/workspace/files';
import { loadTerraformParser } from '../../src/workspace/terraform';

describe('a folder with a template and .tf files', () => {
  before(() => loadTerraformParser());

  function workspace(): string {
    const root = mkdtempSync(join(tmpdir(), 'cap-mixed-'));
    mkdirSync(join(root, 'infra'));
    writeFileSync(join(root, 'infra/main.tf'), 'provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_s3_bucket" "media" {\n  bucket = "media"\n}\n');
    writeFileSync(
      join(root, 'infra/orders.yaml'),
      'Resources:\n  OrdersTable:\n    Type: AWS::DynamoDB::GlobalTable\n    Properties:\n      Replicas: [{ Region: us-east-1 }, { Region: us-west-2 }]\n',
    );
    return root;
  }

  it('reads both: the Terraform bucket and the template table', () => {
    const root = workspace();
    const system = loadDeployedSystem([{ index: 0, path: 'infra', region: 'us-east-1' }], { catalogDir: root, workspaceRoot: root })!;
    assert.deepEqual(system.stores.map((s) => [s.logicalId, s.store]).sort(), [
      ['OrdersTable', 'dynamodb-global'],
      ['aws_s3_bucket.media', 's3'],
    ]);
  });

  it('the draft holds a data type for each', () => {
    const root = workspace();
    const system = loadDeployedSystem([{ index: 0, path: 'infra', region: 'us-east-1' }], { catalogDir: root, workspaceRoot: root })!;
    const draft = draftCatalog(system, { infrastructure: [{ path: 'infra', region: 'us-east-1' }] });
    assert.match(draft, /resources: \[OrdersTable\]/);
    assert.match(draft, /resources: \[aws_s3_bucket\.media\]/);
  });
});
