// A large CloudFormation template for the benchmark: `count` resources, a quarter each DynamoDB
// global tables, tables, S3 buckets and (not data stores) IAM roles, each with the properties a
// CDK app writes, padded with tags to `bytes` in all. JSON, as `cdk synth` writes it, or YAML.

export function generateTemplate({ count = 2000, bytes = 5 * 1024 * 1024, format = 'json' } = {}) {
  // Tags are sized on compact JSON; one calibration round brings the written text to `bytes`.
  const first = buildTemplate(count, bytes, format);
  return buildTemplate(count, Math.round(bytes * (bytes / first.length)), format);
}

function buildTemplate(count, bytes, format) {
  const resources = {};
  const perResource = Math.floor(bytes / count);
  for (let i = 0; i < count; i++) {
    const kind = i % 4;
    const tags = [];
    const resource =
      kind === 0
        ? {
            Type: 'AWS::DynamoDB::GlobalTable',
            Properties: {
              TableName: { 'Fn::Sub': `\${AWS::StackName}-orders-${i}` },
              BillingMode: 'PAY_PER_REQUEST',
              MultiRegionConsistency: i % 8 === 0 ? 'STRONG' : 'EVENTUAL',
              GlobalTableWitnesses: i % 8 === 0 ? [{ Region: 'us-west-2' }] : undefined,
              KeySchema: [
                { AttributeName: 'pk', KeyType: 'HASH' },
                { AttributeName: 'sk', KeyType: 'RANGE' },
              ],
              AttributeDefinitions: [
                { AttributeName: 'pk', AttributeType: 'S' },
                { AttributeName: 'sk', AttributeType: 'S' },
              ],
              Replicas: [
                { Region: { Ref: 'AWS::Region' }, Tags: tags },
                { Region: 'us-east-2', Tags: tags },
              ],
            },
          }
        : kind === 1
          ? {
              Type: 'AWS::DynamoDB::Table',
              Properties: {
                BillingMode: 'PAY_PER_REQUEST',
                KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
                AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
                PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
                Tags: tags,
              },
            }
          : kind === 2
            ? {
                Type: 'AWS::S3::Bucket',
                Properties: {
                  BucketName: `bench-bucket-${i}`,
                  VersioningConfiguration: { Status: 'Enabled' },
                  ReplicationConfiguration: {
                    Role: { 'Fn::GetAtt': ['ReplicationRole', 'Arn'] },
                    Rules: [
                      {
                        Status: 'Enabled',
                        Destination: {
                          Bucket: `arn:aws:s3:::bench-bucket-${i}-replica`,
                          ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } },
                          Metrics: { Status: 'Enabled', EventThreshold: { Minutes: 15 } },
                        },
                      },
                    ],
                  },
                  Tags: tags,
                },
              }
            : {
                Type: 'AWS::IAM::Role',
                Properties: {
                  AssumeRolePolicyDocument: {
                    Version: '2012-10-17',
                    Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
                  },
                  Tags: tags,
                },
              };
    resource.Metadata = { 'aws:cdk:path': `BenchStack/Resource${i}/Resource` };
    const base = JSON.stringify(resource).length;
    for (let t = 0; base + t * 60 < perResource - 60; t++) tags.push({ Key: `team-${t}`, Value: `value-${i}-${t}-${'x'.repeat(20)}` });
    resources[`Resource${String(i).padStart(4, '0')}`] = JSON.parse(JSON.stringify(resource));
  }
  const template = { AWSTemplateFormatVersion: '2010-09-09', Description: 'CAP Advisor benchmark', Resources: resources };
  if (format === 'json') return JSON.stringify(template, null, 1);
  return `${toYaml(template, 0)}\n`;
}

/** Block YAML for plain data (strings quoted), with `!Ref`/`!Sub`/`!GetAtt` short tags as a hand-written template has them. */
function toYaml(value, indent) {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    return value
      .map((item) =>
        item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length > 0 && !block(item, indent + 2).startsWith(' ')
          ? `${pad}- ${toYaml(item, indent + 2).slice(indent + 2)}`
          : `${pad}-${block(item, indent + 2)}`,
      )
      .join('\n');
  }
  return Object.entries(value)
    .map(([key, item]) => `${pad}${key}:${block(item, indent + 2)}`)
    .join('\n');
}

function block(item, indent) {
  if (item === null || typeof item !== 'object') return ` ${JSON.stringify(item)}`;
  const keys = Object.keys(item);
  if (!Array.isArray(item) && keys.length === 1 && keys[0] === 'Ref') return ` !Ref ${item.Ref}`;
  if (!Array.isArray(item) && keys.length === 1 && keys[0] === 'Fn::Sub') return ` !Sub ${JSON.stringify(item['Fn::Sub'])}`;
  if (!Array.isArray(item) && keys.length === 1 && keys[0] === 'Fn::GetAtt') return ` !GetAtt ${item['Fn::GetAtt'].join('.')}`;
  if (Array.isArray(item) && item.length === 0) return ' []';
  return `\n${toYaml(item, indent)}`;
}

/** A catalog of `dataTypes` data types, the first ones linked to the template's tables. */
export function catalogLinking(templatePath, { dataTypes = 100, region = 'us-east-1' } = {}) {
  const lines = [
    'apiVersion: cap-advisor/v1',
    'kind: DataCatalog',
    'metadata:',
    '  name: bench-infrastructure',
    'regions:',
    '  - name: us-east-1',
    '    role: primary',
    '  - name: us-east-2',
    '    role: secondary',
    '  - name: us-west-2',
    '    role: witness',
  ];
  if (templatePath) lines.push('infrastructure:', `  - { path: ${templatePath}, region: ${region} }`);
  lines.push('dataTypes:');
  for (let i = 0; i < dataTypes; i++) {
    lines.push(
      `  - name: carts-${i}`,
      '    category: cart',
      '    store: dynamodb-global',
      '    topology: hot-hot',
      '    conflictResolution: merge',
      '    regions: [us-east-1, us-east-2]',
    );
    if (templatePath) lines.push(`    resources: [Resource${String(i * 4 + 4).padStart(4, '0')}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** A Terraform root module of `files` files and `count` resources in all: tables with replicas (strong or eventual), buckets, their replicas in another Region and the replication between them. */
export function generateTerraform({ files = 200, count = 2000 } = {}) {
  const perFile = Math.ceil(count / files);
  const out = {
    'providers.tf':
      'provider "aws" {\n  region = var.region\n}\n\nprovider "aws" {\n  alias  = "east2"\n  region = "us-east-2"\n}\n\nvariable "region" {\n  default = "us-east-1"\n}\n\nvariable "create" {\n  default = true\n}\n\nlocals {\n  strong   = "STRONG"\n  replicas = [{ region_name = "us-east-2", kms_key_arn = null }]\n}\n',
  };
  for (let f = 0; f < files; f++) {
    let text = '';
    for (let slot = 0; slot < perFile; slot++) {
      const n = f * perFile + slot;
      if (n >= count) break;
      switch (n % 4) {
        case 0:
          // Half the tables are written as modules write them: count on a condition, a dynamic replica over a local, try() and lookup().
          text += `resource "aws_dynamodb_table" "t${n}" {\n  count        = var.create ? 1 : 0\n  name         = "t${n}-\${var.region}"\n  billing_mode = "PAY_PER_REQUEST"\n  hash_key     = "pk"\n\n  attribute {\n    name = "pk"\n    type = "S"\n  }\n\n${n % 8 === 0 ? '  replica {\n    region_name      = "us-east-2"\n    consistency_mode = local.strong\n  }\n' : '  dynamic "replica" {\n    for_each = local.replicas\n    content {\n      region_name      = replica.value.region_name\n      kms_key_arn      = lookup(replica.value, "kms_key_arn", null)\n      consistency_mode = try(replica.value.consistency_mode, null)\n    }\n  }\n'}${n % 8 === 0 ? '\n  global_table_witness {\n    region_name = "us-west-2"\n  }\n' : ''}\n  tags = {\n    team = "team-${n % 17}"\n    cost = "cc-${n}"\n  }\n}\n\n`;
          break;
        case 1:
          text += `resource "aws_s3_bucket" "b${n}" {\n  bucket = "bench-${n}"\n}\n\n`;
          break;
        case 2:
          text += `resource "aws_s3_bucket" "b${n - 1}_replica" {\n  provider = aws.east2\n  bucket   = "bench-${n - 1}-replica"\n}\n\n`;
          break;
        default:
          text += `resource "aws_s3_bucket_replication_configuration" "r${n}" {\n  bucket = aws_s3_bucket.b${n - 2}.id\n  role   = "arn:aws:iam::123456789012:role/r"\n\n  rule {\n    status = "Enabled"\n\n    destination {\n      bucket = aws_s3_bucket.b${n - 2}_replica.arn\n\n      replication_time {\n        status = "Enabled"\n        time {\n          minutes = 15\n        }\n      }\n    }\n  }\n}\n\n`;
      }
    }
    out[`main${String(f).padStart(3, '0')}.tf`] = text;
  }
  return out;
}

/** A catalog of `dataTypes` data types linked to the generated module's tables. */
export function catalogLinkingTerraform(folder, { dataTypes = 100 } = {}) {
  const lines = [
    'apiVersion: cap-advisor/v1',
    'kind: DataCatalog',
    'metadata:',
    '  name: bench-terraform',
    'regions:',
    '  - name: us-east-1',
    '    role: primary',
    '  - name: us-east-2',
    '    role: secondary',
    '  - name: us-west-2',
    '    role: witness',
  ];
  if (folder) lines.push('infrastructure:', `  - ${folder}`);
  lines.push('dataTypes:');
  for (let i = 0; i < dataTypes; i++) {
    lines.push(
      `  - name: carts-${i}`,
      '    category: cart',
      '    store: dynamodb-global',
      '    topology: hot-hot',
      '    conflictResolution: merge',
      '    regions: [us-east-1, us-east-2]',
    );
    if (folder) lines.push(`    resources: [aws_dynamodb_table.t${i * 8 + 4}]`);
  }
  return `${lines.join('\n')}\n`;
}
