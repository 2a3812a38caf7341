// replication-without-rtc: an S3 bucket replicating without Replication Time Control for data that promises an `rpo` or `stalenessBudget`.
import { ruleTester } from '../../helpers/ruleTester';
import { US_HEADER } from '../../helpers/catalogs';

const images = (promise: string, extra = '') => `${US_HEADER}infrastructure:
  - { path: infra/media.yaml, region: us-east-1 }
  - { path: infra/replica.yaml, region: us-east-2 }
dataTypes:
  - name: product-images
    category: media
    store: s3
    regions: [us-east-1, us-east-2]
${promise}    resources: [MediaBucket]
${extra}`;

const media = (destination: string) => `Resources:
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
${destination}`;

const RTC = `              ReplicationTime:
                Status: Enabled
                Time: { Minutes: 15 }
              Metrics:
                Status: Enabled
                EventThreshold: { Minutes: 15 }
`;

const REPLICA = `Resources:
  MediaReplica:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: shop-media-replica
      VersioningConfiguration: { Status: Enabled }
`;

const WITHOUT_RTC = { 'infra/media.yaml': media(''), 'infra/replica.yaml': REPLICA };

const terraform = (replicationTime: string) => `provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "east2"
  region = "us-east-2"
}

resource "aws_s3_bucket" "media" {
  bucket = "shop-media"
}

resource "aws_s3_bucket" "media_replica" {
  provider = aws.east2
  bucket   = "shop-media-replica"
}

resource "aws_s3_bucket_replication_configuration" "media" {
  bucket = aws_s3_bucket.media.id
  role   = "arn:aws:iam::123456789012:role/replication"

  rule {
    id     = "all"
    status = "Enabled"

    destination {
      bucket = aws_s3_bucket.media_replica.arn
${replicationTime}    }
  }
}
`;

ruleTester('replication-without-rtc', {
  fires: [
    {
      name: 'an rpo, and replication with no ReplicationTime: accepting the risk is the one fix',
      catalog: images('    rpo: 15m\n'),
      files: WITHOUT_RTC,
      findings: [{ line: 21, message: "'product-images': MediaBucket replicates without RTC: enable it." }],
      fixes: [
        {
          title: 'Accept the risk (replication-without-rtc) with a reason',
          output: images(
            '    rpo: 15m\n',
            `    acceptedRisks:
      - rule: replication-without-rtc
        reason: \${1:why the team accepts this, and where it was agreed}
`,
          ),
        },
      ],
    },
    {
      name: 'a stalenessBudget, and Terraform replication with no replication_time',
      catalog: `${US_HEADER}infrastructure:
  - main.tf
dataTypes:
  - name: product-images
    category: media
    store: s3
    regions: [us-east-1, us-east-2]
    stalenessBudget: 30m
    resources: [aws_s3_bucket.media]
`,
      files: { 'main.tf': terraform('') },
      findings: [{ line: 20, message: "'product-images': aws_s3_bucket.media replicates without RTC: enable it." }],
    },
  ],
  silent: [
    {
      name: 'RTC on the rule (the documented design)',
      catalog: images('    rpo: 15m\n'),
      files: { 'infra/media.yaml': media(RTC), 'infra/replica.yaml': REPLICA },
    },
    { name: 'no rpo and no stalenessBudget: nothing is promised', catalog: images(''), files: WITHOUT_RTC },
    {
      name: 'Terraform replication with replication_time enabled',
      catalog: `${US_HEADER}infrastructure:
  - main.tf
dataTypes:
  - name: product-images
    category: media
    store: s3
    regions: [us-east-1, us-east-2]
    stalenessBudget: 30m
    resources: [aws_s3_bucket.media]
`,
      files: {
        'main.tf': terraform(`
      replication_time {
        status = "Enabled"
        time {
          minutes = 15
        }
      }

      metrics {
        status = "Enabled"
        event_threshold {
          minutes = 15
        }
      }
`),
      },
    },
  ],
});
