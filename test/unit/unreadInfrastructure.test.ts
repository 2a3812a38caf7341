// What a reader does not read is said, never dropped in silence (SPEC §15, issue 33): nested stacks
// whose template is on S3 or not fixed, data stores the model does not describe (MSK, OpenSearch,
// EFS), and folders whose symbolic links lead to each other. Each through the CLI, as users see it.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { headerWith } from '../helpers/catalogs';

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'cap-unread-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) }, env: {} });
  return { code, stdout, stderr };
}

/** `check --format json`: each finding as `rule-id severity message`. */
async function findings(root: string, catalog: string): Promise<string[]> {
  writeFileSync(join(root, 'data.catalog.yaml'), catalog);
  const { stdout } = await run(['check', '--format', 'json', '--root', root, join(root, 'data.catalog.yaml')]);
  const report = JSON.parse(stdout) as { files: Array<{ findings: Array<{ ruleId: string; severity: string; message: string }> }> };
  return report.files[0].findings.filter((f) => f.ruleId !== 'recommendation').map((f) => `${f.ruleId} ${f.severity} ${f.message}`);
}

const HEAD = headerWith('shop', ['us-east-1']);

describe('what the readers do not read is named', () => {
  describe('nested stacks whose template is not a local file', () => {
    const root = workspace({
      'infra/root.yaml': `Parameters:
  DatabaseTemplate: { Type: String }
Resources:
  Database:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://my-templates.s3.amazonaws.com/database.yaml
  Search:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: !Ref DatabaseTemplate
  Media:
    Type: AWS::S3::Bucket
`,
    });
    const catalog = (resources: string) => `${HEAD}infrastructure:
  - { path: infra/root.yaml, region: us-east-1 }
dataTypes:
  - name: orders
    category: transaction
    store: aurora
    topology: single-region
    resources: [${resources}]
`;

    it('each is an information finding on the entry; a logical id that may be in it is not unknown-resource, a Terraform address is', async () => {
      assert.deepEqual(await findings(root, catalog('OrdersCluster, root/OrdersCluster, module.db.aws_rds_cluster.this')), [
        'infrastructure-unreadable information infra/root.yaml: nested stack Database is not read: its TemplateURL is on S3 or the web.',
        'infrastructure-unreadable information infra/root.yaml: nested stack Search is not read: its TemplateURL is not fixed.',
        'unclaimed-resource information Media (S3::Bucket) belongs to no data type: add it to one.',
        "unknown-resource error 'orders' names module.db.…_cluster.this, which the linked infrastructure does not deploy: did you mean Media?",
      ]);
    });

    it("a CDK nested stack's own nested stack (an asset, its TemplateURL built with Fn::Join) is the assembly's, not unread", async () => {
      const nestedStack = (metadata: string) =>
        `{ "Type": "AWS::CloudFormation::Stack", "Properties": { "TemplateURL": { "Fn::Join": ["", ["https://s3.us-east-1.amazonaws.com/cdk-assets/", "${'a'.repeat(64)}.json"]] } }${metadata} }`;
      const root = workspace({
        'cdk.out/manifest.json': JSON.stringify({
          version: '36.0.0',
          artifacts: { App: { type: 'aws:cloudformation:stack', environment: 'aws://1/us-east-1', properties: { templateFile: 'App.template.json' } } },
        }),
        'cdk.out/App.template.json': `{ "Resources": { "Data": ${nestedStack(', "Metadata": { "aws:asset:path": "AppData.nested.template.json" }')} } }`,
        'cdk.out/AppData.nested.template.json': `{ "Resources": { "Deeper": ${nestedStack('')}, "OrdersTable": { "Type": "AWS::DynamoDB::Table" } } }`,
      });
      assert.deepEqual(
        await findings(
          root,
          `${HEAD}infrastructure:\n  - cdk.out\ndataTypes:\n  - name: carts\n    category: cart\n    store: dynamodb\n    topology: single-region\n    resources: [OrdersTable]\n`,
        ),
        [],
      );
    });

    it('a draft that finds no store says what it skipped', async () => {
      const skipped = workspace({
        'infra/root.yaml': `Resources:
  Database:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: s3://my-templates/database.yaml
`,
      });
      const { code, stderr } = await run([
        'draft',
        '--from',
        join(skipped, 'infra/root.yaml'),
        '--region',
        'us-east-1',
        '--root',
        skipped,
        '-o',
        join(skipped, 'drafted.catalog.yaml'),
      ]);
      assert.equal(code, 1);
      assert.equal(
        stderr,
        'cap-advisor: infra/root.yaml: nested stack Database is not read: its TemplateURL is on S3 or the web.\ncap-advisor: no data store found to draft a catalog from.\n',
      );
    });
  });

  describe('data stores CAP Advisor does not model: listed as not modelled, never unknown-resource', () => {
    const catalog = (entry: string, resources: string) => `${HEAD}infrastructure:
  - ${entry}
dataTypes:
  - name: clicks
    category: analytics
    store: dynamodb
    topology: single-region
    resources: [${resources}]
`;

    it('CloudFormation: MSK and OpenSearch are named by --verbose and in the draft; naming one in resources is no error', async () => {
      const root = workspace({
        'infra/stream.yaml': `Resources:
  ClickStream:
    Type: AWS::MSK::Cluster
    Properties: { ClusterName: clicks, KafkaVersion: 3.6.0, NumberOfBrokerNodes: 3 }
  SearchDomain:
    Type: AWS::OpenSearchService::Domain
  ClicksTable:
    Type: AWS::DynamoDB::Table
`,
      });
      const text = catalog('{ path: infra/stream.yaml, region: us-east-1 }', 'ClicksTable, ClickStream');
      assert.deepEqual(await findings(root, text), []);
      const { stdout } = await run(['check', '--verbose', '--root', root, join(root, 'data.catalog.yaml')]);
      assert.ok(
        stdout.includes(
          `${join(root, 'data.catalog.yaml')}: not modelled, CAP Advisor does not judge these data stores:\n` +
            '  - ClickStream (AWS::MSK::Cluster, Amazon MSK) in infra/stream.yaml\n' +
            '  - SearchDomain (AWS::OpenSearchService::Domain, Amazon OpenSearch Service) in infra/stream.yaml\n',
        ),
        stdout,
      );
      const drafted = join(root, 'drafted.catalog.yaml');
      const draft = await run(['draft', '--from', join(root, 'infra/stream.yaml'), '--region', 'us-east-1', '--root', root, '-o', drafted]);
      assert.equal(draft.code, 0);
      assert.match(draft.stderr, /cap-advisor: not modelled, not drafted: ClickStream \(AWS::MSK::Cluster, Amazon MSK\) in infra\/stream\.yaml\n/);
      assert.match(
        readFileSync(drafted, 'utf8'),
        /# not modelled, so not drafted \(CAP Advisor does not judge these data stores\):\n# - ClickStream \(AWS::MSK::Cluster, Amazon MSK\) in infra\/stream\.yaml\n# - SearchDomain/,
      );
    });

    it('Terraform: MSK, OpenSearch and EFS resources are named, never dropped in silence', async () => {
      const root = workspace({
        'terraform/main.tf': `provider "aws" {
  region = "us-east-1"
}
resource "aws_msk_cluster" "clicks" {
  cluster_name           = "clicks"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
}
resource "aws_opensearch_domain" "search" {
  domain_name = "search"
}
resource "aws_efs_file_system" "shared" {}
resource "aws_dynamodb_table" "clicks" {
  name     = "clicks"
  hash_key = "id"
}
`,
      });
      assert.deepEqual(await findings(root, catalog('terraform', 'aws_dynamodb_table.clicks, aws_msk_cluster.clicks')), []);
      const { stdout } = await run(['check', '--verbose', '--root', root, join(root, 'data.catalog.yaml')]);
      assert.ok(
        stdout.includes(
          '  - aws_msk_cluster.clicks (aws_msk_cluster, Amazon MSK) in terraform/main.tf\n' +
            '  - aws_opensearch_domain.search (aws_opensearch_domain, Amazon OpenSearch Service) in terraform/main.tf\n' +
            '  - aws_efs_file_system.shared (aws_efs_file_system, Amazon EFS) in terraform/main.tf\n',
        ),
        stdout,
      );
    });
  });

  it('folders whose symbolic links lead to each other (a/to-c -> ../c, c/to-a -> ../a): one infrastructure-unreadable finding, the templates still read', async () => {
    const root = workspace({ 'infra/a/media.yaml': 'Resources:\n  MediaBucket:\n    Type: AWS::S3::Bucket\n' });
    mkdirSync(join(root, 'infra/c'));
    symlinkSync('../c', join(root, 'infra/a/to-c'));
    symlinkSync('../a', join(root, 'infra/c/to-a'));
    const text = `${HEAD}infrastructure:
  - { path: infra, region: us-east-1 }
dataTypes:
  - name: media
    category: media
    store: s3
    topology: single-region
    resources: [MediaBucket]
`;
    assert.deepEqual(await findings(root, text), ['infrastructure-unreadable error infra/a/to-c is not read: its symbolic links form a loop.']);
  });
});
