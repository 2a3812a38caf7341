// mrap-without-replication: an S3 Multi-Region Access Point routes writes to a bucket that does not replicate into its other buckets.
import { ruleTester } from '../../helpers/ruleTester';
import { US_HEADER } from '../../helpers/catalogs';

const images = (extra = '', writeMode = '') => `${US_HEADER}infrastructure:
  - { path: infra/images-east.yaml, region: us-east-1 }
  - { path: infra/images-west.yaml, region: us-east-2 }
dataTypes:
  - name: product-images
    category: media
    topology: hot-hot
    store: s3
    regions: [us-east-1, us-east-2]
${writeMode}    resources: [ImagesEast]
${extra}`;

const replication = (destination: string) => `      VersioningConfiguration: { Status: Enabled }
      ReplicationConfiguration:
        Role: arn:aws:iam::123456789012:role/replication
        Rules:
          - Status: Enabled
            Destination:
              Bucket: ${destination}
`;

const east = (replicates: string, secondBucket = 'shop-images-use2', parameters = '') => `${parameters}Resources:
  ImagesEast:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: shop-images-use1
${replicates}  ImagesAccessPoint:
    Type: AWS::S3::MultiRegionAccessPoint
    Properties:
      Regions:
        - Bucket: !Ref ImagesEast
        - Bucket: ${secondBucket}
`;

const west = (replicates: string) => `Resources:
  ImagesWest:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: shop-images-use2
${replicates}`;

const TO_WEST = replication('arn:aws:s3:::shop-images-use2');
const TO_EAST = replication('arn:aws:s3:::shop-images-use1');

const terraform = (back: boolean) => `provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "east2"
  region = "us-east-2"
}

resource "aws_s3_bucket" "east" {
  bucket = "shop-images-use1"
}

resource "aws_s3_bucket" "west" {
  provider = aws.east2
  bucket   = "shop-images-use2"
}

resource "aws_s3_bucket_replication_configuration" "east" {
  bucket = aws_s3_bucket.east.id
  role   = "arn:aws:iam::123456789012:role/replication"

  rule {
    status = "Enabled"

    destination {
      bucket = aws_s3_bucket.west.arn
    }
  }
}
${
  back
    ? `
resource "aws_s3_bucket_replication_configuration" "west" {
  provider = aws.east2
  bucket   = aws_s3_bucket.west.id
  role     = "arn:aws:iam::123456789012:role/replication"

  rule {
    status = "Enabled"

    destination {
      bucket = aws_s3_bucket.east.arn
    }
  }
}
`
    : ''
}
resource "aws_s3control_multi_region_access_point" "images" {
  details {
    name = "images"

    region {
      bucket = aws_s3_bucket.east.id
    }

    region {
      bucket = aws_s3_bucket.west.id
    }
  }
}
`;

const terraformCatalog = `${US_HEADER}infrastructure:
  - main.tf
dataTypes:
  - name: product-images
    category: media
    topology: hot-hot
    store: s3
    regions: [us-east-1, us-east-2]
    resources: [aws_s3_bucket.east]
`;

ruleTester('mrap-without-replication', {
  fires: [
    {
      name: 'one-way replication under an access point: the other bucket takes writes that never reach the first; accepting is the one fix',
      catalog: images(),
      files: { 'infra/images-east.yaml': east(TO_WEST), 'infra/images-west.yaml': west('') },
      findings: [{ line: 21, message: "'product-images': its access point writes to us-east-2, not replicated to us-east-1: add that replication." }],
      fixes: [
        {
          title: 'Accept the risk (mrap-without-replication) with a reason',
          output: images(`    acceptedRisks:
      - rule: mrap-without-replication
        reason: \${1:why the team accepts this, and where it was agreed}
`),
        },
      ],
    },
    {
      name: 'no replication at all: every direction is missing',
      catalog: images(),
      files: { 'infra/images-east.yaml': east(''), 'infra/images-west.yaml': west('') },
      findings: [{ line: 21, message: "'product-images': its access point writes to buckets not replicated to each other: replicate each into every other." }],
    },
    {
      name: 'Terraform: an aws_s3control_multi_region_access_point over one-way replication',
      catalog: terraformCatalog,
      files: { 'main.tf': terraform(false) },
      findings: [
        {
          line: 20,
          message: "'product-images': its access point writes to us-east-2, not replicated to us-east-1: add that replication.",
        },
      ],
    },
    {
      name: 'one writing Region (writeMode: one-region) that does not replicate out',
      catalog: images('', '    writeMode: one-region\n'),
      files: { 'infra/images-east.yaml': east(''), 'infra/images-west.yaml': west(TO_EAST) },
      findings: [{ line: 22, message: "'product-images': its access point writes to us-east-1, not replicated to us-east-2: add that replication." }],
    },
  ],
  silent: [
    {
      name: 'each bucket replicates into the other',
      catalog: images(),
      files: { 'infra/images-east.yaml': east(TO_WEST), 'infra/images-west.yaml': west(TO_EAST) },
    },
    { name: 'Terraform: replicated both ways', catalog: terraformCatalog, files: { 'main.tf': terraform(true) } },
    {
      name: 'one writing Region (writeMode: one-region) that replicates out: the other bucket only serves reads',
      catalog: images('', '    writeMode: one-region\n'),
      files: { 'infra/images-east.yaml': east(TO_WEST), 'infra/images-west.yaml': west('') },
    },
    {
      name: 'the second bucket is a parameter without a default: unknown, never a finding',
      catalog: images(),
      files: {
        'infra/images-east.yaml': east(TO_WEST, '!Ref PeerBucket', 'Parameters:\n  PeerBucket:\n    Type: String\n'),
        'infra/images-west.yaml': west(''),
      },
    },
    {
      name: 'replication the template does not fix (a destination from a parameter): unknown, never a finding',
      catalog: images(),
      files: {
        'infra/images-east.yaml': east(replication('!Ref PeerArn'), 'shop-images-use2', 'Parameters:\n  PeerArn:\n    Type: String\n'),
        'infra/images-west.yaml': west(replication('!Ref PeerArn').replace(/^/, '')),
      },
    },
    {
      name: 'no access point: replication is not this rule',
      catalog: images(),
      files: { 'infra/images-east.yaml': east(TO_WEST).split('  ImagesAccessPoint:')[0], 'infra/images-west.yaml': west('') },
    },
  ],
});
