// infrastructure-unreadable: an `infrastructure` entry that cannot be read (missing, outside the workspace, not a template, remote modules).
import { ruleTester } from '../../helpers/ruleTester';
import { US_HEADER } from '../../helpers/catalogs';

const ORDERS = `dataTypes:
  - name: orders
    category: transaction
    store: dynamodb-global-strong
    topology: hot-hot
    regions: [us-east-1, us-east-2]
    splitBrainGuards:
      - { type: witness-region, region: us-west-2 }
`;

/** The catalog with one infrastructure entry (line 13). */
const linking = (entry: string, resources = '') => `${US_HEADER}infrastructure:
  - ${entry}
${ORDERS}${resources}`;

const SHOP_TEMPLATE = `Resources:
  OrdersTable:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      MultiRegionConsistency: STRONG
      GlobalTableWitnesses:
        - Region: us-west-2
      Replicas:
        - Region: !Ref AWS::Region
        - Region: us-east-2
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
`;

const SHOP_ENTRY = '{ path: infra/shop.yaml, region: us-east-1 }';

ruleTester('infrastructure-unreadable', {
  fires: [
    {
      name: 'a cdk.out that was never synthesized',
      catalog: linking('cdk.out'),
      files: {},
      findings: [{ line: 13, message: 'cdk.out does not exist: check the path (relative to the catalog).' }],
      fixes: [],
    },
    {
      name: 'a path that leaves the workspace',
      catalog: linking('../elsewhere/stack.yaml'),
      files: {},
      findings: [{ line: 13, message: '../elsewhere/stack.yaml is not read: it leaves the workspace (widen it with --root).' }],
    },
    {
      name: 'an absolute path',
      catalog: linking('/etc/stack.yaml'),
      files: {},
      findings: [{ line: 13, message: '/etc/stack.yaml is not read: write infrastructure paths relative to the catalog.' }],
    },
    {
      name: 'a YAML file with no Resources section',
      catalog: linking(SHOP_ENTRY),
      files: { 'infra/shop.yaml': 'Parameters:\n  Env:\n    Type: String\n' },
      findings: [{ line: 13, message: 'infra/shop.yaml is not read: the template has no Resources section.' }],
    },
    {
      name: 'a template that does not parse: the line the parser stopped at',
      catalog: linking(SHOP_ENTRY),
      files: { 'infra/shop.yaml': 'Resources:\n  OrdersTable:\n    Type: [oops\n' },
      findings: [{ line: 13, message: 'infra/shop.yaml is not read: the template does not parse at line 4, column 1.' }],
    },
    {
      name: 'a Terraform module from the registry is never fetched: information',
      catalog: linking('main.tf'),
      files: {
        'main.tf': `module "tables" {
  source = "terraform-aws-modules/dynamodb-table/aws"
  name   = "orders"
}
`,
      },
      findings: [
        {
          line: 13,
          severity: 'information',
          message: '1 module not read (registry or remote sources are never fetched): tables (terraform-…odb-table/aws).',
        },
      ],
    },
  ],
  silent: [
    {
      name: 'a template beside the catalog (the documented design)',
      catalog: linking(SHOP_ENTRY, '    resources: [OrdersTable]\n'),
      files: { 'infra/shop.yaml': SHOP_TEMPLATE },
    },
    {
      name: 'a local Terraform root module',
      catalog: linking('main.tf', '    resources: [aws_dynamodb_table.orders]\n'),
      files: {
        'main.tf': `provider "aws" {
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

  replica {
    region_name      = "us-east-2"
    consistency_mode = "STRONG"
  }

  global_table_witness {
    region_name = "us-west-2"
  }
}
`,
      },
    },
  ],
});
