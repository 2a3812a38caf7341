// witness-holds-data: a data type's declared Regions, or a linked resource's replicas, include a Region the catalog declares a witness.
import { ruleTester } from '../../helpers/ruleTester';
import { US_HEADER } from '../../helpers/catalogs';

const ACCEPT = `    acceptedRisks:
      - rule: witness-holds-data
        reason: \${1:why the team accepts this, and where it was agreed}
`;

const AS_SECONDARY = US_HEADER.replace('  - name: us-west-2\n    role: witness\n', '  - name: us-west-2\n    role: secondary\n');

const carts = (header: string, regions: string) => `${header}dataTypes:
  - name: carts
    category: cart
    topology: hot-hot
    regions: [${regions}]
    store: dynamodb-global
    conflictResolution: merge
`;

const linked = (header: string) => `${header}infrastructure:
  - { path: infra/carts.yaml, region: us-east-1 }
dataTypes:
  - name: carts
    category: cart
    topology: hot-hot
    store: dynamodb-global
    conflictResolution: merge
    resources: [CartsTable]
`;

const globalTable = (properties: string) => `Resources:
  CartsTable:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
${properties}`;

ruleTester('witness-holds-data', {
  fires: [
    {
      name: "carts list the us-west-2 witness among their Regions (the docs' example)",
      catalog: carts(US_HEADER, 'us-east-1, us-west-2'),
      findings: [{ line: 16, message: "'carts' keeps data in us-west-2, a witness: make it a data Region or drop it here." }],
      fixes: [
        { title: 'Make us-west-2 a data Region (role: secondary)', output: carts(AS_SECONDARY, 'us-east-1, us-west-2') },
        { title: "Remove us-west-2 from the Regions of 'carts'", output: carts(US_HEADER, 'us-east-1') },
        { title: 'Accept the risk (witness-holds-data) with a reason', output: carts(US_HEADER, 'us-east-1, us-west-2') + ACCEPT },
      ],
    },
    {
      name: 'the linked global table keeps a replica in the witness: on the resources entry',
      catalog: linked(US_HEADER),
      files: { 'infra/carts.yaml': globalTable('      Replicas:\n        - Region: us-east-1\n        - Region: us-west-2\n') },
      findings: [{ line: 20, message: "'carts' has a copy in witness us-west-2: make it a data Region." }],
      fixes: [
        { title: 'Make us-west-2 a data Region (role: secondary)', output: linked(AS_SECONDARY) },
        { title: 'Accept the risk (witness-holds-data) with a reason', output: linked(US_HEADER) + ACCEPT },
      ],
    },
  ],
  silent: [
    { name: "carts in the two data Regions (the docs' Prefer)", catalog: carts(US_HEADER, 'us-east-1, us-east-2') },
    { name: 'us-west-2 declared a data Region', catalog: carts(AS_SECONDARY, 'us-east-1, us-west-2') },
    {
      name: "a strongly consistent table's own witness is not a replica",
      catalog: linked(US_HEADER).replace(
        'category: cart\n    topology: hot-hot\n    store: dynamodb-global\n    conflictResolution: merge',
        'category: inventory\n    topology: hot-hot\n    store: dynamodb-global-strong',
      ),
      files: {
        'infra/carts.yaml': globalTable(`      MultiRegionConsistency: STRONG
      GlobalTableWitnesses:
        - Region: us-west-2
      Replicas:
        - Region: us-east-1
        - Region: us-east-2
`),
      },
    },
  ],
});
