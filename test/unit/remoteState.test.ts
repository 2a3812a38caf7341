// One Terraform root per Region: the secondary adds its replica to the primary's table through
// `data.terraform_remote_state` (https://developer.hashicorp.com/terraform/language/state/remote-state-data).
// Which table it names is known only after apply: unknown, never a false drift.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeCatalogFile, loadDeployedSystem } from '../../src/workspace/files';
import { loadTerraformParser } from '../../src/workspace/terraform';
import { headerWith } from '../helpers/catalogs';

describe('a replica added from another root through terraform_remote_state', () => {
  before(() => loadTerraformParser());

  function workspace(): string {
    const root = mkdtempSync(join(tmpdir(), 'cap-remote-'));
    mkdirSync(join(root, 'infra/us-east-1'), { recursive: true });
    mkdirSync(join(root, 'infra/us-west-2'), { recursive: true });
    writeFileSync(
      join(root, 'infra/us-east-1/main.tf'),
      `provider "aws" {
  region = "us-east-1"
}
resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"
}
output "orders_arn" {
  value = aws_dynamodb_table.orders.arn
}
`,
    );
    writeFileSync(
      join(root, 'infra/us-west-2/main.tf'),
      `provider "aws" {
  region = "us-west-2"
}
data "terraform_remote_state" "primary" {
  backend = "s3"
  config = {
    bucket = "state"
    key    = "us-east-1.tfstate"
    region = "us-east-1"
  }
}
resource "aws_dynamodb_table_replica" "orders" {
  global_table_arn = data.terraform_remote_state.primary.outputs.orders_arn
}
`,
    );
    return root;
  }

  it('the replica is a global table whose other Regions are unknown; the primary table may be global', () => {
    const root = workspace();
    const system = loadDeployedSystem(
      [
        { index: 0, path: 'infra/us-east-1' },
        { index: 1, path: 'infra/us-west-2' },
      ],
      { catalogDir: root, workspaceRoot: root },
    )!;
    const byId = Object.fromEntries(system.stores.map((s) => [s.logicalId, s]));
    assert.deepEqual(byId['aws_dynamodb_table.orders'].store, {
      unknown: 'dynamodb-global if aws_dynamodb_table_replica.orders replicates it, else dynamodb',
    });
    assert.equal(byId['aws_dynamodb_table_replica.orders'].store, 'dynamodb-global');
    assert.equal(byId['aws_dynamodb_table_replica.orders'].regions[0], 'us-west-2');
  });

  it('a catalog of the global table in both Regions gets no false store-drift or region-drift', () => {
    const root = workspace();
    const text = `${headerWith('shop', ['us-east-1', 'us-west-2'])}infrastructure:
  - infra/us-east-1
  - infra/us-west-2
dataTypes:
  - name: carts
    category: cart
    topology: hot-hot
    writes: [idempotent-put]
    store: dynamodb-global
    resources: [aws_dynamodb_table.orders, aws_dynamodb_table_replica.orders]
`;
    writeFileSync(join(root, 'data.catalog.yaml'), text);
    const findings = analyzeCatalogFile(text, { catalogPath: join(root, 'data.catalog.yaml'), workspaceRoot: root }).findings;
    assert.deepEqual(
      findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.ruleId}: ${f.message}`),
      [],
    );
  });
});
