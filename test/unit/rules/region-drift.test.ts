// region-drift: the linked resource is deployed in other Regions than the data type's `regions`.
import { ruleTester } from '../../helpers/ruleTester';
import { headerWith, US_HEADER } from '../../helpers/catalogs';

const THREE_REGIONS = headerWith('shop', ['us-east-1', 'us-east-2', 'us-west-2']);

const carts = (head: string, regions: string, extra = '', entry = '{ path: infra/shop.yaml, region: us-east-1 }') => `${head}infrastructure:
  - ${entry}
dataTypes:
  - name: carts
    category: cart
    store: dynamodb-global
    topology: hot-hot
    conflictResolution: merge
    regions: [${regions}]
    resources: [CartsTable]
${extra}`;

/** CartsTable with a replica in the stack's Region and in each of these. */
const table = (...others: string[]) => `Resources:
  CartsTable:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      Replicas:
        - Region: !Ref AWS::Region
${others.map((region) => `        - Region: ${region}\n`).join('')}      BillingMode: PAY_PER_REQUEST
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
`;

const accept = `    acceptedRisks:
      - rule: region-drift
        reason: \${1:why the team accepts this, and where it was agreed}
`;

ruleTester('region-drift', {
  fires: [
    {
      name: 'deployed in another Region than declared, and that Region is the witness: the fix says so',
      catalog: carts(US_HEADER, 'us-east-1, us-east-2'),
      files: { 'infra/shop.yaml': table('us-west-2') },
      findings: [{ line: 21, message: "'carts' is in us-west-2 (undeclared), not us-east-2: align the Regions." }],
      fixes: [
        {
          title: 'Set regions to us-east-1, us-west-2 (where it is deployed; us-west-2 is declared a witness)',
          output: carts(US_HEADER, 'us-east-1, us-west-2'),
        },
        { title: 'Accept the risk (region-drift) with a reason', output: carts(US_HEADER, 'us-east-1, us-east-2', accept) },
      ],
    },
    {
      name: 'deployed in fewer Regions than declared',
      catalog: carts(THREE_REGIONS, 'us-east-1, us-east-2, us-west-2'),
      files: { 'infra/shop.yaml': table('us-east-2') },
      findings: [{ line: 21, message: "'carts' is deployed only in us-east-1 and us-east-2, not us-west-2: deploy it or drop it." }],
      fixes: [
        { title: 'Set regions to us-east-1, us-east-2 (where it is deployed)', output: carts(THREE_REGIONS, 'us-east-1, us-east-2') },
        { title: 'Accept the risk (region-drift) with a reason', output: carts(THREE_REGIONS, 'us-east-1, us-east-2, us-west-2', accept) },
      ],
    },
    {
      name: 'deployed in more Regions than declared',
      catalog: carts(THREE_REGIONS, 'us-east-1, us-east-2'),
      files: { 'infra/shop.yaml': table('us-east-2', 'us-west-2') },
      findings: [{ line: 21, message: "'carts': CartsTable also deploys to us-west-2: declare it or drop the replica." }],
      fixes: [
        { title: 'Set regions to us-east-1, us-east-2, us-west-2 (where it is deployed)', output: carts(THREE_REGIONS, 'us-east-1, us-east-2, us-west-2') },
        { title: 'Accept the risk (region-drift) with a reason', output: carts(THREE_REGIONS, 'us-east-1, us-east-2', accept) },
      ],
    },
  ],
  silent: [
    {
      name: 'the declared Regions are the deployed ones (the documented design)',
      catalog: carts(US_HEADER, 'us-east-1, us-east-2'),
      files: { 'infra/shop.yaml': table('us-east-2') },
    },
    {
      name: 'a template without its Region: AWS::Region is unknown, so nothing is compared',
      catalog: carts(US_HEADER, 'us-east-1, us-east-2', '', 'infra/shop.yaml'),
      files: { 'infra/shop.yaml': table('us-east-2') },
    },
  ],
});
