// unknown-resource: a `resources` entry that names no data store of the linked infrastructure (or there is none linked).
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

const linked = (resource: string) => `${US_HEADER}infrastructure:
  - { path: infra/shop.yaml, region: us-east-1 }
${ORDERS}    resources: [${resource}]
`;

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

/** One table, by the same logical id, in two templates. */
const SESSIONS_TEMPLATE = `Resources:
  SessionsTable:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
`;
const TWO_TEMPLATES = { 'infra/east.yaml': SESSIONS_TEMPLATE, 'infra/west.yaml': SESSIONS_TEMPLATE };

const sessions = (resource: string) => `${US_HEADER}infrastructure:
  - { path: infra/east.yaml, region: us-east-1 }
  - { path: infra/west.yaml, region: us-east-2 }
dataTypes:
  - name: sessions
    category: session
    store: dynamodb
    regions: [us-east-1]
    resources: [${resource}]
`;

ruleTester('unknown-resource', {
  fires: [
    {
      name: 'a typo: did you mean the one table there is',
      catalog: linked('OrderTable'),
      files: { 'infra/shop.yaml': SHOP_TEMPLATE },
      findings: [{ line: 22, message: "'orders' names OrderTable, which the linked infrastructure does not deploy: did you mean OrdersTable?" }],
      fixes: [{ title: "Change to 'OrdersTable'", output: linked('OrdersTable') }],
    },
    {
      name: 'an id two templates use: write Stack/LogicalId',
      catalog: sessions('SessionsTable'),
      files: TWO_TEMPLATES,
      findings: [{ line: 20, message: 'SessionsTable is in 2 templates: write east/SessionsTable.' }],
      fixes: [{ title: "Change to 'east/SessionsTable'", output: sessions('east/SessionsTable') }],
    },
    {
      name: 'resources, but no infrastructure linked',
      catalog: `${US_HEADER}${ORDERS}    resources: [OrdersTable]\n`,
      findings: [{ line: 20, message: "'orders' lists resources, but the catalog links no infrastructure: add an infrastructure entry." }],
      fixes: [],
    },
    {
      name: 'a template with no data store: nothing to suggest',
      catalog: linked('OrdersTable'),
      files: { 'infra/shop.yaml': 'Resources:\n  Alerts:\n    Type: AWS::SNS::Topic\n' },
      findings: [{ line: 22, message: "'orders' names OrdersTable, which the linked infrastructure does not deploy." }],
      fixes: [],
    },
  ],
  silent: [
    { name: 'the name the template deploys (the fix)', catalog: linked('OrdersTable'), files: { 'infra/shop.yaml': SHOP_TEMPLATE } },
    { name: 'Stack/LogicalId names one of two same-named tables (the fix)', catalog: sessions('east/SessionsTable'), files: TWO_TEMPLATES },
    {
      name: 'an entry that could not be read may hold the name: infrastructure-unreadable speaks instead',
      catalog: linked('OrderTable'),
      files: {},
    },
  ],
});
