// store-drift: the linked resource deploys another store than the data type's `store`.
import { ruleTester } from '../../helpers/ruleTester';
import { US_HEADER } from '../../helpers/catalogs';

const orders = (store: string, infrastructure: string, resource: string, extra = '') => `${US_HEADER}infrastructure:
  - ${infrastructure}
dataTypes:
  - name: orders
    category: transaction
    store: ${store}
    topology: hot-hot
    regions: [us-east-1, us-east-2]
    splitBrainGuards:
      - { type: witness-region, region: us-west-2 }
    resources: [${resource}]
${extra}`;

const SHOP = '{ path: infra/shop.yaml, region: us-east-1 }';
const strong = (store: string, extra = '') => orders(store, SHOP, 'OrdersTable', extra);

const table = (consistency: string, witness = '') => `Resources:
  OrdersTable:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      MultiRegionConsistency: ${consistency}
${witness}      Replicas:
        - Region: !Ref AWS::Region
        - Region: us-east-2
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
`;
const WITNESS = '      GlobalTableWitnesses:\n        - Region: us-west-2\n';

const TERRAFORM_EVENTUAL = `provider "aws" {
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
    region_name = "us-east-2"
  }
}
`;

const ledger = (store: string, extra = '') => `${US_HEADER}infrastructure:
  - { path: infra/ledger.yaml, region: us-east-1 }
dataTypes:
  - name: ledger
    category: transaction
    store: ${store}
    failover: manual
    resources: [LedgerCluster]
${extra}`;

const LONE_CLUSTER = `Resources:
  LedgerCluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
`;

const accept = `    acceptedRisks:
      - rule: store-drift
        reason: \${1:why the team accepts this, and where it was agreed}
`;

ruleTester('store-drift', {
  fires: [
    {
      name: 'declared strong, deployed EVENTUAL: set the deployed store (which raises what it means) or accept',
      catalog: strong('dynamodb-global-strong'),
      files: { 'infra/shop.yaml': table('EVENTUAL') },
      findings: [{ line: 22, message: "'orders' runs on dynamodb-global, declared dynamodb-global-strong." }],
      fixes: [
        { title: 'Declare the deployed store dynamodb-global (then lww-on-strong-data, store-mismatch)', output: strong('dynamodb-global') },
        { title: 'Accept the risk (store-drift) with a reason', output: strong('dynamodb-global-strong', accept) },
      ],
    },
    {
      name: 'declared aurora-global, deployed a lone Aurora cluster',
      catalog: ledger('aurora-global'),
      files: { 'infra/ledger.yaml': LONE_CLUSTER },
      findings: [{ line: 19, message: "'ledger': LedgerCluster deploys aurora, not the declared aurora-global." }],
      fixes: [
        { title: 'Declare the deployed store aurora (then store-mismatch)', output: ledger('aurora') },
        { title: 'Accept the risk (store-drift) with a reason', output: ledger('aurora-global', accept) },
      ],
    },
    {
      name: 'Terraform: a table with an eventual replica',
      catalog: orders('dynamodb-global-strong', 'main.tf', 'aws_dynamodb_table.orders'),
      files: { 'main.tf': TERRAFORM_EVENTUAL },
      findings: [{ line: 22, message: "'orders' runs on dynamodb-global, declared dynamodb-global-strong." }],
    },
  ],
  silent: [
    {
      name: 'a STRONG table with its witness (the documented design)',
      catalog: strong('dynamodb-global-strong'),
      files: { 'infra/shop.yaml': table('STRONG', WITNESS) },
    },
    { name: 'the catalog says what is deployed (the fix)', catalog: strong('dynamodb-global'), files: { 'infra/shop.yaml': table('EVENTUAL') } },
    {
      name: 'a consistency from a parameter without a default is unknown, never guessed',
      catalog: strong('dynamodb-global-strong'),
      files: { 'infra/shop.yaml': `Parameters:\n  Mode:\n    Type: String\n${table('!Ref Mode')}` },
    },
  ],
});
