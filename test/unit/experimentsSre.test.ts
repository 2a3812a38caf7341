// Experiments an SRE would run: the Region each template runs in said in every format,
// targets that exist, one fault per target, only templates in template files, every permission
// stated, durations that test something, and a plan that says what a one-way cut cannot see.
// Checked on three systems: the example, a Terraform root with a module and two providers, and a
// catalog with DSQL, MRSC, MREC, Aurora Global and S3 over three data Regions (one of them also
// DSQL's witness). Facts: the FIS actions reference
// (https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html) and the
// Cross-Region scenario (https://docs.aws.amazon.com/fis/latest/userguide/cross-region-scenario.html).
/* eslint-disable @typescript-eslint/no-explicit-any -- the generated templates are read back as plain data */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { parse } from 'yaml';
import { analyzeCatalog, planExperiment, type ExperimentPlan } from '../../src/engine';
import {
  experimentApiInputs,
  experimentCloudFormation,
  experimentPolicyCloudFormation,
  renderExperimentCloudFormation,
  renderExperimentMarkdown,
  renderExperimentPolicyTerraform,
  renderExperimentTerraform,
} from '../../src/report/experiments';
import { analyzeCatalogFile } from '../../src/workspace/files';
import { loadTerraformParser, parseHcl } from '../../src/workspace/terraform';
import { runCli } from '../helpers/cli';
import { apiInputProblems } from '../helpers/fisShapes';
import { templateSchemaProblems } from '../helpers/cfnSchema';
import type { HclFile } from '../../src/engine/infrastructure';

const repoRoot = join(__dirname, '../../..');
const example = join(repoRoot, 'examples/storefront.catalog.yaml');
const ACCOUNT = '123456789012';
const alarm = (region: string, name: string) => `arn:aws:cloudwatch:${region}:${ACCOUNT}:alarm:${name}`;

const run = runCli;

function exampleAnalysis() {
  return analyzeCatalogFile(readFileSync(example, 'utf8'), { catalogPath: example, fileName: 'examples/storefront.catalog.yaml' });
}

/** Three data Regions: DSQL in us-east-1 and us-east-2 with us-west-2 as its witness, which also holds MRSC, MREC, Aurora and S3 copies. */
function threeRegionSystem(folder: string) {
  mkdirSync(join(folder, 'infra'), { recursive: true });
  writeFileSync(
    join(folder, 'infra/us-east-1.yaml'),
    `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  LedgerCluster:
    Type: AWS::DSQL::Cluster
    Properties:
      MultiRegionProperties:
        WitnessRegion: us-west-2
        Clusters:
          - arn:aws:dsql:us-east-2:${ACCOUNT}:cluster/peerinuseast2aaaaaaaaaaaa
  BalancesTable:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      BillingMode: PAY_PER_REQUEST
      MultiRegionConsistency: STRONG
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      Replicas: [{ Region: us-east-1 }, { Region: us-east-2 }, { Region: us-west-2 }]
  SessionsTable:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      Replicas: [{ Region: us-east-1 }, { Region: us-east-2 }, { Region: us-west-2 }]
  OrdersGlobal:
    Type: AWS::RDS::GlobalCluster
    Properties:
      GlobalClusterIdentifier: orders
      Engine: aurora-postgresql
  OrdersPrimary:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      GlobalClusterIdentifier: !Ref OrdersGlobal
  MediaBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: media-use1
      VersioningConfiguration: { Status: Enabled }
      ReplicationConfiguration:
        Role: arn:aws:iam::${ACCOUNT}:role/replication
        Rules:
          - Status: Enabled
            Destination:
              Bucket: arn:aws:s3:::media-usw2
              ReplicationTime: { Status: Enabled, Time: { Minutes: 15 } }
              Metrics: { Status: Enabled, EventThreshold: { Minutes: 15 } }
`,
  );
  writeFileSync(
    join(folder, 'infra/us-west-2.yaml'),
    `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  OrdersSecondary:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      GlobalClusterIdentifier: orders
  MediaReplica:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: media-usw2
      VersioningConfiguration: { Status: Enabled }
`,
  );
  const catalog = join(folder, 'three.catalog.yaml');
  writeFileSync(
    catalog,
    `apiVersion: cap-advisor/v1
kind: DataCatalog
metadata: { name: three }
regions:
  - { name: us-east-1, role: primary }
  - { name: us-east-2, role: secondary }
  - { name: us-west-2, role: secondary }
infrastructure:
  - { path: infra/us-east-1.yaml, region: us-east-1 }
  - { path: infra/us-west-2.yaml, region: us-west-2 }
dataTypes:
  - { name: ledger, category: transaction, topology: hot-hot, store: aurora-dsql, regions: [us-east-1, us-east-2], splitBrainGuards: [{ type: witness-region, region: us-west-2 }, quorum], resources: [LedgerCluster] }
  - { name: loyalty, category: account, topology: hot-hot, store: aurora-dsql, regions: [us-east-1, us-east-2], splitBrainGuards: [{ type: witness-region, region: us-west-2 }, quorum], resources: [LedgerCluster] }
  - { name: balances, category: account, topology: hot-hot, store: dynamodb-global-strong, regions: [us-east-1, us-east-2, us-west-2], resources: [BalancesTable] }
  - { name: sessions, category: session, topology: hot-hot, store: dynamodb-global, regions: [us-east-1, us-east-2, us-west-2], conflictResolution: last-writer-wins, resources: [SessionsTable] }
  - { name: orders, category: transaction, topology: hot-warm, store: aurora-global, regions: [us-east-1, us-west-2], resources: [OrdersGlobal] }
  - { name: media, category: media, store: s3, regions: [us-east-1, us-west-2], resources: [MediaBucket] }
  - { name: thumbnails, category: media, store: s3, regions: [us-east-1, us-west-2], resources: [MediaBucket] }
`,
  );
  return { catalog, analysis: analyzeCatalogFile(readFileSync(catalog, 'utf8'), { catalogPath: catalog, fileName: catalog, workspaceRoot: folder }) };
}

/** The Terraform fixture: a root with the default provider (us-east-1), an alias east2 (us-east-2) and a local module. */
function terraformSystem(folder: string) {
  cpSync(join(repoRoot, 'test/fixtures/terraform'), join(folder, 'terraform'), { recursive: true });
  const catalog = join(folder, 'shop.catalog.yaml');
  writeFileSync(
    catalog,
    `apiVersion: cap-advisor/v1
kind: DataCatalog
metadata: { name: shop }
regions:
  - { name: us-east-1, role: primary }
  - { name: us-east-2, role: secondary }
infrastructure: [terraform]
dataTypes:
  - { name: carts, category: cart, topology: hot-hot, store: dynamodb-global, regions: [us-east-1, us-east-2], conflictResolution: last-writer-wins, resources: [aws_dynamodb_table.carts] }
  - { name: media, category: media, store: s3, regions: [us-east-1, us-east-2], resources: [aws_s3_bucket.media] }
`,
  );
  return { catalog, analysis: analyzeCatalogFile(readFileSync(catalog, 'utf8'), { catalogPath: catalog, fileName: catalog, workspaceRoot: folder }) };
}

/** Every target of a template names a distinct resource: by ARN (or its parameter) or by tag set. */
function assertOneFaultPerTarget(plan: ExperimentPlan): void {
  for (const template of plan.templates) {
    const targetKeys = template.targets.map(
      (target) => `${target.resourceType} ${target.resources ? target.resources.map((r) => r.arn ?? r.arnParameter).join(',') : JSON.stringify(target.tags)}`,
    );
    assert.equal(new Set(targetKeys).size, targetKeys.length, `two targets name one resource: ${targetKeys.join(' | ')}`);
    const faults = template.actions
      .filter((action) => action.target && action.target.key !== 'Subnets')
      .map((action) => `${action.actionId} ${action.target!.name} ${action.parameters.region ?? ''}`);
    assert.equal(new Set(faults).size, faults.length, `two actions on one target: ${faults.join(' | ')}`);
  }
}

/** The CloudFormation of every Region and its policy, against the registry's schema (ajv) and, where installed, cfn-lint. */
function assertCloudFormationValid(plan: ExperimentPlan, folder: string): void {
  const bodies = [...experimentCloudFormation(plan), ...experimentPolicyCloudFormation(plan)];
  for (const { region, body } of bodies) assert.deepEqual(templateSchemaProblems(body), [], `${region}: ${JSON.stringify(body).slice(0, 200)}`);
  // The text written is what was checked: YAML reads back as the objects.
  for (const [i, file] of renderExperimentCloudFormation(plan).entries()) assert.deepEqual(parse(file.text), experimentCloudFormation(plan)[i].body);
  if (!cfnLint) return;
  const files = renderExperimentCloudFormation(plan).map((file, i) => {
    const path = join(folder, `lint-${i}.yaml`);
    writeFileSync(path, file.text);
    return path;
  });
  experimentPolicyCloudFormation(plan).forEach(({ body }, i) => {
    const path = join(folder, `lint-policy-${i}.yaml`);
    writeFileSync(path, JSON.stringify(body));
    files.push(path);
  });
  const lint = spawnSync('cfn-lint', ['--format', 'parseable', ...files], { encoding: 'utf8' });
  assert.equal(lint.status, 0, `cfn-lint: ${lint.stdout}${lint.stderr}`);
}

/**
 * Problems against the FIS API model. The model the project keeps (aws-sdk 2.1693.0, the last v2
 * release) predates experiment reports; that member is checked against the API reference's shape
 * (https://docs.aws.amazon.com/fis/latest/APIReference/API_CreateExperimentTemplate.html).
 */
function apiProblems(input: Record<string, any>): string[] {
  const { experimentReportConfiguration: report, ...rest } = input;
  const problems = apiInputProblems(rest);
  if (report !== undefined) {
    const s3 = report?.outputs?.experimentReportS3Configuration;
    if (
      Object.keys(report).some((key) => !['outputs', 'dataSources', 'preExperimentDuration', 'postExperimentDuration'].includes(key)) ||
      typeof s3?.bucketName !== 'string'
    )
      problems.push(`experimentReportConfiguration: ${JSON.stringify(report)}`);
  }
  return problems;
}

const cfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' }).status === 0;

describe('experiments an SRE would run', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'cap-sre-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it(`every CloudFormation template and role policy passes the registry schema (ajv)${cfnLint ? ' and cfn-lint' : '; cfn-lint is not installed here, so it was not run'}: the example, a Terraform root, three data Regions, every Region, both ways`, async () => {
    if (!cfnLint) console.log('      (cfn-lint is not installed: only the registry schema was checked)');
    await loadTerraformParser();
    const systems = [exampleAnalysis(), terraformSystem(folder).analysis, threeRegionSystem(folder).analysis];
    for (const analysis of systems) {
      for (const region of analysis.report.regions.filter((r) => r.role !== 'witness').map((r) => r.name)) {
        const plan = planExperiment(analysis, {
          isolate: region,
          bothWays: true,
          stopAlarms: [alarm(region, 'stop')],
          assertAlarms: [alarm(region, 'ok')],
          logGroups: [`arn:aws:logs:${region}:${ACCOUNT}:log-group:fis:*`],
          logBucket: 'fis-logs/exp',
          reportBucket: 'fis-reports',
        });
        assertCloudFormationValid(plan, folder);
        for (const { input } of experimentApiInputs(plan)) assert.deepEqual(apiProblems(input), []);
      }
    }
  });

  it('the schema check fails on what CloudFormation refuses: an unknown property, a missing required one, a string where a map is', () => {
    const [{ body }] = experimentCloudFormation(planExperiment(exampleAnalysis(), { isolate: 'us-east-1' }));
    const broken = structuredClone(body) as any;
    const [template] = Object.values(broken.Resources) as any[];
    template.Properties.LogConfig = {};
    delete template.Properties.RoleArn;
    template.Properties.Tags = 'expect';
    const problems = templateSchemaProblems(broken).join('\n');
    assert.match(problems, /must NOT have additional properties.*LogConfig/);
    assert.match(problems, /must have required property 'RoleArn'/);
    assert.match(problems, /\/Tags must be object/);
  });

  describe('the Region each template runs in is explicit in every format', () => {
    it("Terraform: a Region other than the root's default names its provider; the root's alias where it has one, else one the plan says to declare", async () => {
      await loadTerraformParser();
      const { analysis } = terraformSystem(folder);
      const east2 = planExperiment(analysis, { isolate: 'us-east-2', bothWays: true });
      const [isolation, mirror] = renderExperimentTerraform(east2);
      assert.equal(isolation.region, 'us-east-2');
      assert.match(isolation.text, /^ {2}provider {4}= aws\.east2$/m, 'the root declares aws.east2 in us-east-2');
      assert.equal(mirror.region, 'us-east-1');
      assert.doesNotMatch(mirror.text, /provider\s+=/, "us-east-1 is the root's default provider");
      assert.match(mirror.text, /^# Drop it into the root module in terraform, whose default provider is in us-east-1\.$/m);
      // Read back beside the root: it parses, and every resource it writes names its provider.
      for (const file of [isolation, mirror]) {
        const parsed = parseHcl('experiment.tf', file.text);
        assert.ok(!('error' in parsed), JSON.stringify(parsed));
        for (const block of (parsed as HclFile).blocks.filter((b) => b.type === 'resource')) {
          assert.equal(block.attributes.provider ? 'named' : 'default', file.region === 'us-east-1' ? 'default' : 'named');
        }
      }
      // Without linked Terraform the default is unknown: every Region names an alias, and the plan says to declare it.
      const plain = planExperiment(exampleAnalysis(), { isolate: 'us-east-1' });
      assert.match(renderExperimentTerraform(plain)[0].text, /^ {2}provider {4}= aws\.us_east_1$/m);
      assert.match(renderExperimentMarkdown(plain, 'x'), /declare it in the root module: `provider "aws" \{ alias = "us_east_1" {2}region = "us-east-1" \}`/);
    });

    it('CloudFormation refuses to deploy in another Region, and its parameters take ARNs of its own Region only; the description says where it runs', () => {
      const plan = planExperiment(exampleAnalysis(), { isolate: 'us-east-2', bothWays: true });
      for (const { region, body } of experimentCloudFormation(plan)) {
        assert.deepEqual((body as any).Rules.DeployIn.Assertions[0].Assert, { 'Fn::Equals': [{ Ref: 'AWS::Region' }, region] });
        assert.match((body as any).Description, new RegExp(`Deploy and run it in ${region}`));
        for (const [name, parameter] of Object.entries((body as any).Parameters) as Array<[string, any]>) {
          if (name === 'ExperimentRoleArn') continue;
          assert.ok(
            new RegExp(parameter.AllowedPattern).test(
              `arn:aws:dynamodb:${region}:${ACCOUNT}:table/x`
                .replace('dynamodb', name.startsWith('Stop') ? 'cloudwatch' : 'dynamodb')
                .replace('table/x', name.startsWith('Stop') ? 'alarm:x' : 'table/x'),
            ),
            `${name} takes an ARN of ${region}`,
          );
          assert.ok(!new RegExp(parameter.AllowedPattern).test(`arn:aws:cloudwatch:us-west-1:${ACCOUNT}:alarm:x`), `${name} refuses another Region's ARN`);
        }
        for (const template of Object.values((body as any).Resources) as any[])
          assert.match(template.Properties.Description, new RegExp(`^CAP Advisor, runs in ${region}:`));
      }
    });

    it("-o names every file for the Region it runs in, the role policy beside each; stop and assert alarms go to their own Region's template only", async () => {
      const output = join(folder, 'out/isolate.json');
      const east1Stop = alarm('us-east-1', 'east1-stop');
      const east2Stop = alarm('us-east-2', 'east2-stop');
      const east1Ok = alarm('us-east-1', 'east1-ok');
      const result = await run([
        'experiment',
        '--isolate',
        'us-east-1',
        '--both-ways',
        '-f',
        'json',
        '--stop-alarm',
        east1Stop,
        '--stop-alarm',
        east2Stop,
        '--assert-alarm',
        east1Ok,
        '-o',
        output,
        example,
      ]);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(readdirSync(join(folder, 'out')).sort(), [
        'isolate.us-east-1.json',
        'isolate.us-east-1.part2.json',
        'isolate.us-east-1.policy.json',
        'isolate.us-east-2.json',
        'isolate.us-east-2.policy.json',
      ]);
      const read = (name: string) => JSON.parse(readFileSync(join(folder, 'out', name), 'utf8'));
      for (const name of ['isolate.us-east-1.json', 'isolate.us-east-1.part2.json']) {
        assert.deepEqual(read(name).stopConditions, [{ source: 'aws:cloudwatch:alarm', value: east1Stop }]);
        assert.equal(read(name).actions.AssertAlarmsOk.parameters.alarmArns, east1Ok);
      }
      const mirror = read('isolate.us-east-2.json');
      assert.deepEqual(mirror.stopConditions, [{ source: 'aws:cloudwatch:alarm', value: east2Stop }]);
      assert.equal(mirror.actions.AssertAlarmsOk, undefined, "no alarm of us-east-2 was given to assert: us-east-1's is never used there");
      // A Region without an alarm asks for it.
      const asking = await run(['experiment', '--isolate', 'us-east-1', '--both-ways', '-f', 'json', '--stop-alarm', east1Stop, example]);
      const inputs = JSON.parse(asking.stdout) as any[];
      assert.deepEqual(
        inputs.filter((input) => input.description?.includes('runs in us-east-2')).map((input) => input.stopConditions[0].value),
        ['${StopAlarmArn}'],
      );
      // An alarm of a Region where nothing runs is said to be unused.
      const unused = await run(['experiment', '--isolate', 'us-east-1', '--stop-alarm', east2Stop, example]);
      assert.match(
        unused.stderr,
        /arn:aws:cloudwatch:us-east-2:123456789012:alarm:east2-stop is not used: no experiment of this plan runs in us-east-2 \(--both-ways writes its mirror\)/,
      );
      assert.doesNotMatch(unused.stdout, /east2-stop/);
    });

    it('more than five alarms of one Region are refused; five in each of two Regions are not', async () => {
      const six = Array.from({ length: 6 }, (_, i) => ['--stop-alarm', alarm('us-east-1', `a${i}`)]).flat();
      const refused = await run(['experiment', '--isolate', 'us-east-1', ...six, example]);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /--stop-alarm: at most 5 alarms per Region \(us-east-1 has 6\)/);
      const ten = ['us-east-1', 'us-east-2'].flatMap((region) => Array.from({ length: 5 }, (_, i) => ['--stop-alarm', alarm(region, `a${i}`)]).flat());
      assert.equal((await run(['experiment', '--isolate', 'us-east-1', '--both-ways', ...ten, example])).code, 0);
    });
  });

  describe('targets that exist, once each', () => {
    it("a DSQL peer is targeted by its own ARN, never by another cluster's ARN with the Region swapped", async () => {
      const plan = planExperiment(exampleAnalysis(), { isolate: 'us-east-2' });
      const cluster = plan.templates.flatMap((t) => t.targets).find((t) => t.resourceType === 'aws:dsql:cluster')!;
      assert.deepEqual(
        cluster.resources!.map((r) => r.arn),
        ['arn:aws:dsql:us-east-2:123456789012:cluster/aaaabbbbccccddddeeeeffffgg'],
      );
      const [cloudFormation] = experimentCloudFormation(plan);
      assert.equal((cloudFormation.body as any).Parameters.LoyaltyClusterArn, undefined, 'no parameter asks for a "copy" of the us-east-1 cluster');
      // Terraform peers: each cluster by its own address.
      await loadTerraformParser();
      mkdirSync(join(folder, 'tf'));
      writeFileSync(
        join(folder, 'tf/main.tf'),
        `provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "east2"
  region = "us-east-2"
}

resource "aws_dsql_cluster" "a" {
  multi_region_properties {
    witness_region = "us-west-2"
  }
}

resource "aws_dsql_cluster" "b" {
  provider = aws.east2
  multi_region_properties {
    witness_region = "us-west-2"
  }
}

resource "aws_dsql_cluster_peering" "a" {
  identifier     = aws_dsql_cluster.a.identifier
  clusters       = [aws_dsql_cluster.b.arn]
  witness_region = "us-west-2"
}
`,
      );
      const catalog = join(folder, 'dsql.catalog.yaml');
      const text =
        'apiVersion: cap-advisor/v1\nkind: DataCatalog\nmetadata: { name: dsql }\nregions:\n  - { name: us-east-1, role: primary }\n  - { name: us-east-2, role: secondary }\n  - { name: us-west-2, role: witness }\ninfrastructure: [tf]\ndataTypes:\n  - { name: ledger, category: transaction, topology: hot-hot, store: aurora-dsql, splitBrainGuards: [{ type: witness-region, region: us-west-2 }, quorum], resources: [aws_dsql_cluster.a] }\n';
      writeFileSync(catalog, text);
      const analysis = analyzeCatalogFile(text, { catalogPath: catalog, fileName: catalog, workspaceRoot: folder });
      for (const [isolate, address] of [
        ['us-east-1', 'aws_dsql_cluster.a.arn'],
        ['us-east-2', 'aws_dsql_cluster.b.arn'],
      ]) {
        const [file] = renderExperimentTerraform(planExperiment(analysis, { isolate }));
        assert.match(file.text, new RegExp(`resource_arns {2}= \\[${address.replace(/\./g, '\\.')}\\]`), isolate);
        assert.doesNotMatch(file.text, /replace\(/);
      }
    });

    it('a DSQL peer the infrastructure does not name is asked for as a cluster of its own', () => {
      // The deployed model as a reader leaves it when a peer's Region is known and its ARN is not.
      const range = { start: { line: 1, column: 3 }, end: { line: 1, column: 8 }, offset: [0, 1] as [number, number] };
      const location = { file: 'infra.yaml', range, stack: 'infra', logicalId: 'LedgerCluster', type: 'AWS::DSQL::Cluster', entryIndex: 0 };
      const infrastructure = {
        stores: [
          {
            ...location,
            store: 'aurora-dsql' as const,
            regions: ['us-east-1', 'us-east-2'],
            witness: 'us-west-2',
            members: [],
            homeRegion: 'us-east-1',
            regionalResources: [{ region: 'us-east-1', location }],
          },
        ],
        failovers: [],
        problems: [],
        files: ['infra.yaml'],
      };
      const text =
        'apiVersion: cap-advisor/v1\nkind: DataCatalog\nmetadata: { name: d }\nregions:\n  - { name: us-east-1, role: primary }\n  - { name: us-east-2, role: secondary }\n  - { name: us-west-2, role: witness }\ninfrastructure: [infra.yaml]\ndataTypes:\n  - { name: ledger, category: transaction, topology: hot-hot, store: aurora-dsql, splitBrainGuards: [{ type: witness-region, region: us-west-2 }, quorum], resources: [LedgerCluster] }\n';
      const plan = planExperiment(analyzeCatalog(text, { infrastructure }), { isolate: 'us-east-2' });
      const [cloudFormation] = experimentCloudFormation(plan);
      assert.deepEqual(Object.keys((cloudFormation.body as any).Parameters), ['ExperimentRoleArn', 'StopAlarmArn', 'LedgerClusterPeerInUsEast2Arn']);
      assert.match(
        (cloudFormation.body as any).Parameters.LedgerClusterPeerInUsEast2Arn.Description,
        /the Aurora DSQL cluster in us-east-2 peered with LedgerCluster \(infra\.yaml\), a cluster of its own/,
      );
      assert.match(renderExperimentMarkdown(plan, 'x'), /parameter LedgerClusterPeerInUsEast2Arn asks for its ARN/);
      // In us-east-1 the cluster is its own resource.
      assert.deepEqual(
        Object.keys((experimentCloudFormation(planExperiment(analyzeCatalog(text, { infrastructure }), { isolate: 'us-east-1' }))[0].body as any).Parameters),
        ['ExperimentRoleArn', 'StopAlarmArn', 'LedgerClusterArn'],
      );
    });

    it('two data types on one DSQL cluster and one bucket get one action each, acting for both', () => {
      const { analysis } = threeRegionSystem(folder);
      const plan = planExperiment(analysis, { isolate: 'us-east-1' });
      assertOneFaultPerTarget(plan);
      const actions = plan.templates.flatMap((t) => t.actions);
      const dsql = actions.filter((a) => a.actionId === 'aws:dsql:cluster-connection-failure');
      assert.deepEqual(
        dsql.map((a) => a.dataTypes),
        [['ledger', 'loyalty']],
      );
      assert.equal(dsql[0].description, 'Fail every connection to the ledger, loyalty cluster in us-east-1');
      const buckets = actions.filter((a) => a.actionId === 'aws:s3:bucket-pause-replication');
      assert.deepEqual(
        buckets.map((a) => [a.dataTypes, a.parameters.region]),
        [[['media', 'thumbnails'], 'us-west-2']],
      );
      for (const dataType of ['ledger', 'loyalty'])
        assert.deepEqual(
          plan.hypotheses.find((h) => h.dataType === dataType)!.actions.filter((a) => a.startsWith('Fail')),
          [dsql[0].name],
        );
    });

    it('over random catalogs sharing resources, no template has two actions on one target', () => {
      const { analysis } = threeRegionSystem(folder);
      const base = readFileSync(join(folder, 'three.catalog.yaml'), 'utf8').split('dataTypes:')[0];
      const resources = ['LedgerCluster', 'BalancesTable', 'SessionsTable', 'MediaBucket', 'OrdersGlobal'];
      const stores: Record<string, string> = {
        LedgerCluster: 'aurora-dsql',
        BalancesTable: 'dynamodb-global-strong',
        SessionsTable: 'dynamodb-global',
        MediaBucket: 's3',
        OrdersGlobal: 'aurora-global',
      };
      fc.assert(
        fc.property(
          fc.array(fc.constantFrom(...resources), { minLength: 1, maxLength: 10 }),
          fc.constantFrom('us-east-1', 'us-east-2', 'us-west-2'),
          fc.boolean(),
          (picked, isolate, bothWays) => {
            const lines = picked.map(
              (resource, i) =>
                `  - { name: dt-${i}, category: other, topology: hot-hot, store: ${stores[resource]}, regions: [us-east-1, us-east-2, us-west-2], resources: [${resource}] }`,
            );
            const text = `${base}dataTypes:\n${lines.join('\n')}\n`;
            const random = analyzeCatalog(text, { infrastructure: analysis.report.deployed! });
            assertOneFaultPerTarget(planExperiment(random, { isolate, bothWays }));
          },
        ),
        { numRuns: 100, seed: 16 },
      );
    });
  });

  describe('only templates in template files', () => {
    for (const [format, extension] of [
      ['terraform', 'tf'],
      ['cloudformation', 'yaml'],
      ['json', 'json'],
    ]) {
      it(`a witness Region (nothing to act on) writes the plan as Markdown, never into a .${extension}`, async () => {
        const output = join(folder, `experiment.${extension}`);
        const result = await run(['experiment', '--isolate', 'us-west-2', '-f', format, '-o', output, example]);
        assert.equal(result.code, 0, result.stderr);
        assert.deepEqual(readdirSync(folder), ['experiment.us-west-2.md']);
        assert.match(readFileSync(join(folder, 'experiment.us-west-2.md'), 'utf8'), /^# Fault-injection test plan: isolate us-west-2$/m);
      });
    }

    it('-o onto the catalog itself is refused, and a missing folder is created', async () => {
      const copy = join(folder, 'shop.us-east-1.catalog.yaml');
      cpSync(example, copy);
      cpSync(join(repoRoot, 'examples/infra'), join(folder, 'infra'), { recursive: true });
      const refused = await run(['experiment', '--isolate', 'us-east-1', '-o', join(folder, 'shop.us-east-1.catalog.yaml'), copy]);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /refusing to write .*shop\.us-east-1\.catalog\.yaml: it is the catalog read/);
      assert.equal(readFileSync(copy, 'utf8'), readFileSync(example, 'utf8'));
      const nested = await run(['experiment', '--isolate', 'us-east-1', '-o', join(folder, 'new/dir/x.yaml'), copy]);
      assert.equal(nested.code, 0, nested.stderr);
      assert.deepEqual(readdirSync(join(folder, 'new/dir')).sort(), ['x.us-east-1.policy.yaml', 'x.us-east-1.yaml']);
    });
  });

  describe('every permission stated', () => {
    it("the role policy holds each action's permissions, DSQL's and the assertion's included, scoped to the Region; MRSC adds dynamodb:InjectError", () => {
      const { analysis } = threeRegionSystem(folder);
      const plan = planExperiment(analysis, { isolate: 'us-east-1', assertAlarms: [alarm('us-east-1', 'ok')] });
      const [policy] = plan.runs.map((r) => r.policy);
      const allowed = new Set(policy.Statement.flatMap((statement) => statement.Action));
      for (const permission of [
        'dsql:InjectError',
        'dsql:GetCluster',
        'cloudwatch:DescribeAlarms',
        'dynamodb:InjectError',
        'dynamodb:PutResourcePolicy',
        's3:PauseReplication',
        'tag:GetResources',
        'ec2:CreateRouteTable',
      ])
        assert.ok(allowed.has(permission), permission);
      assert.deepEqual(policy.Statement.find((s) => s.Sid === 'PauseBucketReplication')!.Condition, {
        StringEquals: { 's3:DestinationRegion': ['us-west-2'] },
      });
      for (const sid of ['CutCrossRegionTraffic', 'PauseTableReplication', 'FailDsqlConnections'])
        assert.deepEqual(policy.Statement.find((s) => s.Sid === sid)!.Condition, { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } });
      // Nothing asked for, nothing granted: no logging permission without a log destination, no InjectError without a strong table.
      assert.ok(!allowed.has('logs:CreateLogDelivery'));
      const example2 = planExperiment(exampleAnalysis(), { isolate: 'us-east-1' }).runs[0].policy;
      assert.ok(!example2.Statement.some((s) => s.Action.includes('dynamodb:InjectError')));
      assert.ok(!example2.Statement.some((s) => s.Action.includes('cloudwatch:DescribeAlarms')));
    });

    it('logging and the report are opt-in by flag: the template gets LogConfiguration and ExperimentReportConfiguration, the policy their permissions', async () => {
      const logGroup = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:fis-experiments:*`;
      const result = await run([
        'experiment',
        '--isolate',
        'us-east-1',
        '-f',
        'json',
        '--log-group',
        logGroup,
        '--log-bucket',
        'fis-logs/cap',
        '--report-bucket',
        'fis-reports',
        example,
      ]);
      assert.equal(result.code, 0, result.stderr);
      const [input, , policy] = JSON.parse(result.stdout) as any[];
      assert.deepEqual(input.logConfiguration, {
        logSchemaVersion: 2,
        cloudWatchLogsConfiguration: { logGroupArn: logGroup },
        s3Configuration: { bucketName: 'fis-logs', prefix: 'cap' },
      });
      assert.deepEqual(input.experimentReportConfiguration, { outputs: { experimentReportS3Configuration: { bucketName: 'fis-reports' } } });
      assert.deepEqual(apiProblems(input), []);
      const allowed = policy.Statement.flatMap((s: any) => s.Action);
      for (const permission of ['logs:CreateLogDelivery', 's3:PutBucketPolicy', 's3:PutObject', 'cloudwatch:GetMetricWidgetImage'])
        assert.ok(allowed.includes(permission), permission);
      const bad = await run(['experiment', '--isolate', 'us-east-1', '--log-group', 'my-logs', example]);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--log-group: my-logs is not a CloudWatch Logs log group ARN/);
    });

    it("the Terraform policy reads back with the project's reader as the same document", async () => {
      await loadTerraformParser();
      const plan = planExperiment(exampleAnalysis(), { isolate: 'us-east-1' });
      const [file] = renderExperimentPolicyTerraform(plan);
      const parsed = parseHcl('policy.tf', file.text) as HclFile;
      assert.ok(!('error' in parsed));
      const [policy] = parsed.blocks;
      assert.deepEqual([policy.type, ...policy.labels], ['resource', 'aws_iam_policy', 'cap_advisor_fis_us_east_1']);
      assert.equal((policy.attributes.policy as any).kind, 'call');
    });
  });

  describe('durations that test something', () => {
    it("shorter than twice the faults' lag is refused with the minimum: PT10M with a DynamoDB pause, PT2M without", async () => {
      for (const duration of ['PT1M', 'PT5M', '9m']) {
        const result = await run(['experiment', '--isolate', 'us-east-1', '--duration', duration, example]);
        assert.equal(result.code, 2, duration);
        assert.match(result.stderr, /is too short to test anything: at least PT10M, because DynamoDB's pause may take up to 5 minutes to bite/);
      }
      const ten = await run(['experiment', '--isolate', 'us-east-1', '--duration', 'PT10M', '-f', 'json', example]);
      assert.equal(ten.code, 0);
      assert.equal(JSON.parse(ten.stdout)[0].actions.WaitDuringFaults.parameters.duration, 'PT5M');
      // DSQL alone acts at once: a minute in, a minute before the end.
      const dsqlOnly = analyzeCatalog(
        'apiVersion: cap-advisor/v1\nkind: DataCatalog\nmetadata: { name: d }\nregions:\n  - { name: us-east-1, role: primary }\n  - { name: us-east-2, role: secondary }\n  - { name: us-west-2, role: witness }\ndataTypes:\n  - { name: ledger, category: transaction, topology: hot-hot, store: aurora-dsql, splitBrainGuards: [{ type: witness-region, region: us-west-2 }, quorum] }\n',
      );
      assert.match(planExperiment(dsqlOnly, { isolate: 'us-east-1', duration: 'PT1M' }).durationRefused!, /at least PT2M/);
      const two = planExperiment(dsqlOnly, { isolate: 'us-east-1', duration: 'PT2M' });
      assert.equal(two.durationRefused, undefined);
      assert.equal(two.wait, 'PT1M');
    });

    it('the wait is always shorter than the faults by the lag, never equal', () => {
      const analysis = exampleAnalysis();
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 720 }), fc.constantFrom('us-east-1', 'us-east-2'), (minutes, isolate) => {
          const plan = planExperiment(analysis, { isolate, duration: `${minutes}m` });
          if (plan.durationRefused) return assert.ok(minutes < 10);
          const faults = plan.templates.flatMap((t) => t.actions).filter((a) => a.parameters.duration && a.actionId !== 'aws:fis:wait');
          for (const template of plan.templates) {
            const wait = template.actions.find((a) => a.name === 'WaitDuringFaults')!.parameters.duration;
            assert.equal(
              wait,
              `PT${minutes - 5 >= 60 ? `${Math.floor((minutes - 5) / 60)}H` : ''}${(minutes - 5) % 60 > 0 || minutes - 5 < 60 ? `${(minutes - 5) % 60}M` : ''}`,
            );
          }
          for (const fault of faults) assert.equal(fault.parameters.duration, plan.duration);
        }),
        { numRuns: 60, seed: 16 },
      );
    });
  });

  describe('what a one-way cut can observe, said beside each expectation', () => {
    it('writers in another Region need the mirror; with --both-ways they are observed with it running', () => {
      const oneWay = planExperiment(exampleAnalysis(), { isolate: 'us-east-1' });
      const carts = oneWay.hypotheses.find((h) => h.dataType === 'carts')!;
      assert.deepEqual(carts.expect, [
        'Writers in us-east-1 (isolated): writes succeed, reads may be stale.',
        'Writers in us-east-2: writes succeed, reads may be stale. Not observable with this one-way cut: it needs the mirror experiment in us-east-2 (--both-ways).',
      ]);
      const bothWays = planExperiment(exampleAnalysis(), { isolate: 'us-east-1', bothWays: true });
      assert.match(bothWays.hypotheses.find((h) => h.dataType === 'carts')!.expect[1], /Observable with the mirror experiment in us-east-2 running\.$/);
      // A data type only the network cut reaches needs its application's subnets tagged.
      const payments = oneWay.hypotheses.find((h) => h.dataType === 'payments')!;
      assert.equal(payments.targeting, 'network only');
      assert.match(payments.expect[0], /Observable only if us-east-1's application runs in subnets tagged DisruptSubnet=Allowed\.$/);
    });

    it("the plan says what DSQL's action really tests, the blast radius, and checks convergence with a canary in every Region after the faults", () => {
      const { analysis } = threeRegionSystem(folder);
      const plan = planExperiment(analysis, { isolate: 'us-east-1' });
      const markdown = renderExperimentMarkdown(plan, 'three.catalog.yaml');
      assert.doesNotMatch(markdown, /confirm/i);
      assert.match(
        markdown,
        /What it really tests: `aws:dsql:cluster-connection-failure` refuses the connections of us-east-1's clients to the cluster there: it tests how they handle refused connections/,
      );
      assert.match(
        markdown,
        /\*\*Blast radius\.\*\* Every subnet tagged for the cut loses its traffic to the named Regions' public IP ranges and AWS endpoints/,
      );
      assert.match(markdown, /## After the faults end: the copies converge/);
      assert.match(
        markdown,
        /- \[ \] sessions: Write a canary item \(`cap-advisor-canary-<time>`\) in us-east-1 and us-east-2 and us-west-2, and read it back in us-east-1, us-east-2, us-west-2 within the store's replication window\./,
      );
      assert.match(markdown, /- \[ \] media: Then `OperationsPendingReplication` is back to 0\./);
      assert.match(markdown, /- \[ \] orders: Write a canary item \(`cap-advisor-canary-<time>`\) in us-east-1, and read it back in us-east-1, us-west-2/);
      // Written in the catalog's primary, however the data type lists its Regions.
      const reordered = readFileSync(join(folder, 'three.catalog.yaml'), 'utf8').replace(
        'store: aurora-global, regions: [us-east-1, us-west-2]',
        'store: aurora-global, regions: [us-west-2, us-east-1]',
      );
      const orders = planExperiment(analyzeCatalog(reordered, { infrastructure: analysis.report.deployed! }), { isolate: 'us-east-1' }).hypotheses.find(
        (h) => h.dataType === 'orders',
      )!;
      assert.match(orders.converge[0], /in us-east-1, and read it back in us-west-2, us-east-1/);
    });
  });
});
