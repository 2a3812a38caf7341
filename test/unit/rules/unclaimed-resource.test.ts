// unclaimed-resource: a data store in the linked infrastructure that no data type lists in `resources`.
import { ruleTester } from '../../helpers/ruleTester';
import { US_HEADER } from '../../helpers/catalogs';

const SHOP_TEMPLATE = `Resources:
  CartsTable:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      Replicas:
        - Region: !Ref AWS::Region
        - Region: us-east-2
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
  SessionsTable:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
`;

const HEAD = `${US_HEADER}infrastructure:
  - { path: infra/shop.yaml, region: us-east-1 }
dataTypes:
`;

const carts = (resources = '    resources: [CartsTable]\n') => `  - name: carts
    category: cart
    store: dynamodb-global
    topology: hot-hot
    conflictResolution: merge
    regions: [us-east-1, us-east-2]
${resources}`;

const SESSIONS = `  - name: sessions
    category: session
    store: dynamodb
    regions: [us-east-1]
`;

ruleTester('unclaimed-resource', {
  fires: [
    {
      name: 'a table no data type lists and no data type declares its store for: draft a data type',
      catalog: `${HEAD}${carts()}`,
      files: { 'infra/shop.yaml': SHOP_TEMPLATE },
      findings: [{ line: 13, severity: 'information', message: 'SessionsTable (DynamoDB::Table) belongs to no data type: add it to one.' }],
      fixes: [
        {
          title: "Add a data type 'sessions' for SessionsTable (category guessed: session)",
          output: `${HEAD}${carts()}  - name: sessions
    category: session
    topology: single-region
    store: dynamodb
    regions:
      - us-east-1
    resources:
      - SessionsTable
`,
        },
      ],
    },
    {
      name: 'nothing claimed: one finding per store; the data type named like it claims it, and no numbered copy is drafted',
      catalog: `${HEAD}${carts('')}${SESSIONS}`,
      files: { 'infra/shop.yaml': SHOP_TEMPLATE },
      findings: [
        { line: 13, message: 'CartsTable belongs to no data type: add it to one.' },
        { line: 13, message: 'SessionsTable (DynamoDB::Table) belongs to no data type: add it to one.' },
      ],
      fixes: [
        {
          title: "Add CartsTable to the resources of 'carts'",
          output: `${HEAD}${carts('    resources:\n      - CartsTable\n')}${SESSIONS}`,
        },
      ],
    },
  ],
  silent: [
    {
      name: 'every store listed (the documented design)',
      catalog: `${HEAD}${carts()}${SESSIONS}    topology: single-region\n    resources: [SessionsTable]\n`,
      files: { 'infra/shop.yaml': SHOP_TEMPLATE },
    },
    {
      name: 'a replication destination bucket is claimed with its source',
      catalog: `${US_HEADER}infrastructure:
  - { path: infra/media.yaml, region: us-east-1 }
  - { path: infra/replica.yaml, region: us-east-2 }
dataTypes:
  - name: product-images
    category: media
    store: s3
    regions: [us-east-1, us-east-2]
    resources: [MediaBucket]
`,
      files: {
        'infra/media.yaml': `Resources:
  MediaBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: shop-media
      VersioningConfiguration: { Status: Enabled }
      ReplicationConfiguration:
        Role: arn:aws:iam::123456789012:role/replication
        Rules:
          - Status: Enabled
            Destination:
              Bucket: arn:aws:s3:::shop-media-replica
`,
        'infra/replica.yaml': `Resources:
  MediaReplica:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: shop-media-replica
      VersioningConfiguration: { Status: Enabled }
`,
      },
    },
  ],
});
