// strong-table-topology: a strongly consistent multi-Region table or DSQL cluster whose Regions and witness AWS would not accept.
import { ruleTester } from '../../helpers/ruleTester';
import { headerWith, US_HEADER } from '../../helpers/catalogs';

/** us-east-1, us-east-2 and eu-west-1 hold data; us-west-2 is the witness. */
const MIXED_HEADER = `apiVersion: cap-advisor/v1
kind: DataCatalog
metadata:
  name: shop
regions:
  - name: us-east-1
    role: primary
  - name: us-east-2
    role: secondary
  - name: eu-west-1
    role: secondary
  - name: us-west-2
    role: witness
`;

const orders = (regions: string) => `${MIXED_HEADER}dataTypes:
  - name: orders
    category: transaction
    store: dynamodb-global-strong
    topology: hot-hot
    regions: [${regions}]
    splitBrainGuards:
      - { type: witness-region, region: us-west-2 }
`;

/** Two Regions and no witness Region anywhere in the catalog. */
const NO_WITNESS_HEADER = headerWith('shop', ['us-east-1', 'us-east-2']);

const strongIn = (store: string) => `${NO_WITNESS_HEADER}dataTypes:
  - name: orders
    category: transaction
    store: ${store}
    topology: hot-hot
`;

const linked = `${US_HEADER}infrastructure:
  - { path: infra/shop.yaml, region: us-east-1 }
dataTypes:
  - name: orders
    category: transaction
    store: dynamodb-global-strong
    topology: hot-hot
    regions: [us-east-1, us-east-2]
    splitBrainGuards:
      - { type: witness-region, region: us-west-2 }
    resources: [OrdersTable]
`;

const ordersTable = (witness: string) => `Resources:
  OrdersTable:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      MultiRegionConsistency: STRONG
${witness}      Replicas:
        - Region: !Ref AWS::Region
        - Region: us-east-2
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
`;

ruleTester('strong-table-topology', {
  fires: [
    {
      name: 'declared across the US and EU Region sets: no fix can make AWS accept it',
      catalog: orders('us-east-1, eu-west-1'),
      findings: [{ line: 19, message: "'orders' cannot be dynamodb-global-strong: it spans the US and EU Region sets." }],
      fixes: [],
    },
    {
      name: 'declared in two Regions with no witness (the finding is on the data type when it has no regions field)',
      catalog: strongIn('dynamodb-global-strong'),
      findings: [{ line: 11, message: "'orders' cannot be dynamodb-global-strong: 2 Regions, no witness (needs 3, or 2 and a witness)." }],
    },
    {
      name: 'aurora-dsql in two Regions with no witness',
      catalog: strongIn('aurora-dsql'),
      findings: [{ line: 11, message: "'orders' cannot be aurora-dsql: 2 Regions, no witness (needs 2 peers and a witness)." }],
    },
    {
      name: 'the deployed table: two replicas, no witness (on the resources entry)',
      catalog: linked,
      files: { 'infra/shop.yaml': ordersTable('') },
      findings: [{ line: 22, message: "'orders': OrdersTable cannot be dynamodb-global-strong: 2 Regions, no witness (needs 3, or 2 and a witness)." }],
    },
  ],
  silent: [
    { name: 'two US Regions and a US witness (the documented design)', catalog: orders('us-east-1, us-east-2') },
    {
      name: 'the deployed table has its witness',
      catalog: linked,
      files: { 'infra/shop.yaml': ordersTable('      GlobalTableWitnesses:\n        - Region: us-west-2\n') },
    },
    {
      name: 'a single-Region DSQL cluster is a shape AWS offers',
      catalog: `${US_HEADER}infrastructure:
  - { path: infra/shop.yaml, region: us-east-1 }
dataTypes:
  - name: payments
    category: transaction
    store: aurora-dsql
    regions: [us-east-1]
    resources: [PaymentsCluster]
`,
      files: { 'infra/shop.yaml': 'Resources:\n  PaymentsCluster:\n    Type: AWS::DSQL::Cluster\n    Properties:\n      DeletionProtectionEnabled: true\n' },
    },
  ],
});
