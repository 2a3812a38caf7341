// `cap-advisor experiment` (SPEC §11): the FIS experiment for "isolate R" and its test plan,
// checked against shapes nobody here wrote and against `simulate` for the same catalog.
/* eslint-disable @typescript-eslint/no-explicit-any -- the generated templates are read back as plain data */
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { parse } from 'yaml';
import { analyzeCatalog, planExperiment, simulate, type DeployedSystem, type ExperimentPlan } from '../../src/engine';
import {
  CUT_BLAST_RADIUS,
  faultLag,
  FIS_TRUST,
  fisActions,
  fisOutputs,
  fisQuotas,
  storeExperimentFacts,
  STRONG_TABLE_PAUSE_PERMISSIONS,
} from '../../src/engine/experiments';
import { evaluateModules, type HclExpression, type HclFile } from '../../src/engine/infrastructure';
import {
  experimentApiInputs,
  experimentCloudFormation,
  renderExperimentCloudFormation,
  renderExperimentJson,
  renderExperimentMarkdown,
  renderExperimentPolicyTerraform,
  renderExperimentTerraform,
  alignAssignments,
} from '../../src/report/experiments';
import { analyzeCatalogFile } from '../../src/workspace/files';
import { loadTerraformParser, parseHcl } from '../../src/workspace/terraform';
import { US_HEADER } from '../helpers/catalogs';
import { runCli } from '../helpers/cli';
import { apiInputProblems, cloudFormationProblems } from '../helpers/fisShapes';

const repoRoot = join(__dirname, '../../..');
const example = join(repoRoot, 'examples/storefront.catalog.yaml');

function exampleAnalysis() {
  return analyzeCatalogFile(readFileSync(example, 'utf8'), { catalogPath: example, fileName: 'examples/storefront.catalog.yaml' });
}

/** Every FIS template of a CloudFormation output, with its problems against the specification. */
function fisResources(text: string): Array<{ id: string; properties: Record<string, any> }> {
  const template = parse(text) as { Resources: Record<string, { Type: string; Properties: Record<string, any> }>; Parameters: Record<string, unknown> };
  return Object.entries(template.Resources).map(([id, resource]) => {
    assert.equal(resource.Type, 'AWS::FIS::ExperimentTemplate');
    return { id, properties: resource.Properties };
  });
}

function assertQuotas(plan: ExperimentPlan): void {
  for (const template of plan.templates) {
    assert.ok(template.actions.length <= 20, `${template.actions.length} actions`);
    assert.ok(template.actions.filter((action) => !action.startAfter).length <= 10, 'more than 10 actions in parallel');
    for (const target of template.targets) assert.ok((target.resources?.length ?? 0) <= 5 && (target.resources ? !target.tags : !!target.tags), target.name);
    assert.ok(template.description.length <= 512);
    const names = new Set(template.targets.map((target) => target.name));
    for (const action of template.actions)
      if (action.target) assert.ok(names.has(action.target.name), `${action.name} targets ${action.target.name}, which the template lacks`);
  }
}

const run = runCli;

describe('experiment: fault injection from the catalog (SPEC §11)', () => {
  it('the example, isolating us-east-1: one cut per other Region, one pause per table and bucket of what lives there, split by the quotas', () => {
    const plan = planExperiment(exampleAnalysis(), { isolate: 'us-east-1' });
    const actions = plan.templates.flatMap((template) => template.actions.map((action) => action.name)).filter((name) => name !== 'WaitDuringFaults');
    assert.deepEqual(actions, [
      'CutToUsEast2',
      'CutToUsWest2',
      'FailConnectionsLoyaltyCluster',
      'PauseOrderLedgerTables',
      'PauseCartsTable',
      'PauseRecommendationsTables',
      'PauseUserPreferencesTables',
      'PauseFraudScoresTables',
      'PauseCatalogBucketToUsEast2',
      'PauseAuditLogBucketToUsEast2',
      'PauseProductImagesBucketToUsEast2',
      'PauseWalletBalancesTables',
      'PauseViewCountsTables',
    ]);
    assert.deepEqual(
      plan.templates.map((template) => [template.region, template.role, template.part, template.parts]),
      [
        ['us-east-1', 'isolation', 1, 2],
        ['us-east-1', 'isolation', 2, 2],
      ],
    );
    assert.match(plan.notes.join(' '), /split the isolation into 2 templates: start them together/);
    // Linked resources by ARN, buckets by tag (the S3 pause takes tags only), unlinked data types by tag.
    const targets = Object.fromEntries(
      plan.templates.flatMap((template) => template.targets).map((target) => [target.name, target.resources?.map((r) => r.location.logicalId) ?? target.tags]),
    );
    assert.deepEqual(targets.CartsTable, ['CartsTable']);
    assert.deepEqual(targets.LoyaltyCluster, ['LoyaltyCluster']);
    assert.deepEqual(targets.CatalogBucket, { 'cap-advisor:data-type': 'product-catalog' });
    assert.deepEqual(targets.OrderLedgerTables, { 'cap-advisor:data-type': 'order-ledger' });
    assert.deepEqual(targets.Subnets, { DisruptSubnet: 'Allowed' });
    assert.deepEqual(
      plan.mirrors.map((mirror) => mirror.region),
      ['us-east-2'],
    );
    assertQuotas(plan);
  });

  it('the CloudFormation output is accepted by the resource specification of AWS::FIS::ExperimentTemplate, and every Ref names a parameter', () => {
    for (const options of [
      { isolate: 'us-east-1' },
      {
        isolate: 'us-east-2',
        bothWays: true,
        stopAlarms: ['arn:aws:cloudwatch:us-east-2:123456789012:alarm:errors'],
        assertAlarms: ['arn:aws:cloudwatch:us-east-2:123456789012:alarm:ok'],
      },
    ]) {
      const files = renderExperimentCloudFormation(planExperiment(exampleAnalysis(), options));
      assert.ok(files.length >= 1);
      for (const file of files) {
        const template = parse(file.text) as { AWSTemplateFormatVersion: string; Parameters: Record<string, unknown> };
        assert.equal(template.AWSTemplateFormatVersion, '2010-09-09');
        assert.match(file.text, /^AWSTemplateFormatVersion: "2010-09-09"$/m);
        for (const { id, properties } of fisResources(file.text)) {
          assert.deepEqual(cloudFormationProblems('AWS::FIS::ExperimentTemplate', properties), [], id);
          assert.equal(properties.ExperimentOptions.EmptyTargetResolutionMode, 'fail');
          for (const [, ref] of JSON.stringify(properties).matchAll(/\{"Ref":"([^"]+)"\}/g))
            assert.ok(ref in template.Parameters, `${id} refers to ${ref}, which is no parameter`);
        }
      }
    }
  });

  it('the CloudFormation YAML reads back, with the yaml library, as exactly the templates planned: no anchor, no date, no number where a string was meant', () => {
    const plan = planExperiment(exampleAnalysis(), {
      isolate: 'us-east-1',
      bothWays: true,
      assertAlarms: ['arn:aws:cloudwatch:us-east-1:123456789012:alarm:ok'],
    });
    const bodies = experimentCloudFormation(plan);
    const files = renderExperimentCloudFormation(plan);
    assert.equal(files.length, bodies.length);
    files.forEach((file, i) => {
      assert.deepEqual(parse(file.text, { schema: 'yaml-1.1' }), bodies[i].body);
      assert.deepEqual(parse(file.text), bodies[i].body);
      assert.doesNotMatch(file.text, /[&*]a\d/);
    });
  });

  it('the specification check fails on a template it should refuse', () => {
    const [file] = renderExperimentCloudFormation(planExperiment(exampleAnalysis(), { isolate: 'us-east-1' }));
    const [{ properties }] = fisResources(file.text);
    delete properties.Description;
    properties.Actions.CutToUsEast2.Target = properties.Actions.CutToUsEast2.Targets;
    assert.deepEqual(cloudFormationProblems('AWS::FIS::ExperimentTemplate', properties), [
      'Properties.Description: required',
      'Properties.Actions.CutToUsEast2.Target: not a property of the type',
    ]);
  });

  it('the JSON output matches the FIS CreateExperimentTemplate input, with ${Name} placeholders for what the catalog cannot know', () => {
    const plan = planExperiment(exampleAnalysis(), { isolate: 'us-east-1', roleArn: 'arn:aws:iam::123456789012:role/fis' });
    const inputs = experimentApiInputs(plan);
    assert.equal(inputs.length, 2);
    for (const { input } of inputs) assert.deepEqual(apiInputProblems(input), []);
    assert.deepEqual(apiInputProblems({ ...inputs[0].input, target: {} }).length, 1);
    const [first] = renderExperimentJson(plan);
    const parsed = JSON.parse(first.text);
    assert.equal(parsed.roleArn, 'arn:aws:iam::123456789012:role/fis');
    assert.deepEqual(parsed.stopConditions, [{ source: 'aws:cloudwatch:alarm', value: '${StopAlarmArn}' }]);
    assert.deepEqual(parsed.targets.CartsTable.resourceArns, ['${CartsTableArn}']);
  });

  it('the Terraform output is as `terraform fmt` writes it: every run of assignments has its `=` one space after the longest name', () => {
    const example = join(repoRoot, 'examples/storefront.catalog.yaml');
    const text = readFileSync(example, 'utf8');
    const analysis = analyzeCatalogFile(text, { catalogPath: example, fileName: example, workspaceRoot: repoRoot });
    const misaligned: string[] = [];
    for (const isolate of ['us-east-1', 'us-east-2', 'us-west-2']) {
      const plan = planExperiment(analysis, { isolate });
      for (const file of [...renderExperimentTerraform(plan), ...renderExperimentPolicyTerraform(plan)]) {
        // Runs of consecutive `name = ` lines at one indentation, as terraform fmt groups them.
        let run: RegExpExecArray[] = [];
        const check = () => {
          const columns = new Set(run.map((m) => m[1].length + m[2].length + m[3].length));
          const longest = Math.max(...run.map((m) => m[2].length));
          if (columns.size > 1 || run.some((m) => m[3] !== ' '.repeat(longest - m[2].length + 1))) misaligned.push(run.map((m) => m[0]).join(' | '));
          run = [];
        };
        for (const line of file.text.split('\n')) {
          const m = /^( *)([A-Za-z_][\w-]*|"[^"]*")( *)=(?![=>])/.exec(line);
          if (run.length > 0 && (!m || m[1].length !== run[0][1].length)) check();
          if (m) run.push(m);
        }
        if (run.length > 0) check();
      }
    }
    assert.deepEqual(misaligned, []);
    assert.equal(alignAssignments('tags = {\n  "a" = 1\n  "long-key" = 2\n\n  b = 3\n}'), 'tags = {\n  "a"        = 1\n  "long-key" = 2\n\n  b = 3\n}');
  });

  it("the Terraform output, read back with the project's own reader beside the root module it names, resolves every target address to the linked resource", async () => {
    await loadTerraformParser();
    const folder = mkdtempSync(join(tmpdir(), 'cap-fis-tf-'));
    try {
      cpSync(join(repoRoot, 'test/fixtures/terraform'), join(folder, 'terraform'), { recursive: true });
      const catalogPath = join(folder, 'shop.catalog.yaml');
      const text = `${US_HEADER}infrastructure: [terraform]\ndataTypes:\n  - name: carts\n    category: cart\n    topology: hot-hot\n    store: dynamodb-global\n    regions: [us-east-1, us-east-2]\n    conflictResolution: last-writer-wins\n    resources: [aws_dynamodb_table.carts]\n  - name: media\n    category: media\n    store: s3\n    regions: [us-east-1, us-east-2]\n    resources: [aws_s3_bucket.media]\n`;
      writeFileSync(catalogPath, text);
      const analysis = analyzeCatalogFile(text, { catalogPath, fileName: catalogPath, workspaceRoot: folder });
      for (const isolate of ['us-east-1', 'us-east-2']) {
        const plan = planExperiment(analysis, { isolate });
        const [file] = renderExperimentTerraform(plan);
        writeFileSync(join(folder, 'terraform/experiment.tf'), file.text);
        const files = readdirSync(join(folder, 'terraform'))
          .filter((name) => name.endsWith('.tf'))
          .map((name): HclFile => {
            const parsed = parseHcl(name, readFileSync(join(folder, 'terraform', name), 'utf8'));
            assert.ok(!('error' in parsed), `${name} does not parse: ${JSON.stringify(parsed)}`);
            return parsed as HclFile;
          });
        const resources = evaluateModules({ files, calls: new Map() });
        const addresses = new Set(resources.map((resource) => resource.address));
        const experiment = files
          .find((f) => f.file === 'experiment.tf')!
          .blocks.filter((block) => block.type === 'resource' && block.labels[0] === 'aws_fis_experiment_template');
        assert.deepEqual(
          experiment.map((block) => block.labels[1]),
          [`isolate_${isolate.replace(/-/g, '_')}`],
        );
        const targets = experiment[0].blocks.filter((block) => block.type === 'target');
        const byName = Object.fromEntries(
          targets.map((target) => [(target.attributes.name as { value: string }).value, referencesIn(target.attributes.resource_arns)]),
        );
        assert.deepEqual(byName.CartsTable, ['aws_dynamodb_table.carts'], isolate);
        for (const [name, refs] of Object.entries(byName))
          for (const ref of refs) assert.ok(addresses.has(ref), `${name}: ${ref} is not a resource of the module`);
        // The bucket is chosen by tag (the S3 pause takes tags only), in the Region it replicates from: us-east-2's pause is the mirror's.
        assert.deepEqual(byName.MediaBucket, isolate === 'us-east-1' ? [] : undefined);
        if (isolate === 'us-east-2') assert.match(plan.mirrors.find((mirror) => mirror.region === 'us-east-1')!.why, /S3 replication into us-east-2 \(media\)/);
        assert.equal(experiment[0].blocks.filter((block) => block.type === 'action').length, plan.templates[0].actions.length);
        const evaluated = resources.find((resource) => resource.type === 'aws_fis_experiment_template')!;
        assert.equal((evaluated.values.target as unknown[]).length, targets.length);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("the hypothesis is simulate's verdict: over random linked catalogs, every data type's expected outcome, in the plan and its Markdown, is its scenario verdict", () => {
    const regionNames = ['us-east-1', 'us-east-2', 'eu-west-1'];
    const dataType = fc.record({
      store: fc.constantFrom('aurora-global', 'aurora-dsql', 'dynamodb-global', 'dynamodb-global-strong', 'dynamodb', 's3', 'elasticache-global'),
      topology: fc.constantFrom('single-region', 'hot-warm', 'hot-hot'),
      regions: fc.subarray(regionNames, { minLength: 1 }),
      deployedRegions: fc.subarray(regionNames, { minLength: 1 }),
      failover: fc.constantFrom('manual', 'automatic'),
      linked: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(dataType, { minLength: 1, maxLength: 12 }), fc.constantFrom(...regionNames), (dataTypes, isolate) => {
        const lines = [
          US_HEADER.replace('  - name: us-west-2\n    role: witness\n', '  - name: eu-west-1\n    role: secondary\n').trimEnd(),
          'infrastructure: [infra.yaml]',
          'dataTypes:',
        ];
        const stores: DeployedSystem['stores'] = [];
        dataTypes.forEach(({ store, topology, regions, deployedRegions, failover, linked }, i) => {
          lines.push(
            `  - name: dt-${i}`,
            '    category: other',
            `    store: ${store}`,
            `    topology: ${topology}`,
            `    regions: [${(topology === 'single-region' ? regions.slice(0, 1) : regions).join(', ')}]`,
            `    failover: ${failover}`,
          );
          if (!linked) return;
          lines.push(`    resources: [Res${i}]`);
          const type = store.startsWith('dynamodb')
            ? 'AWS::DynamoDB::GlobalTable'
            : store === 's3'
              ? 'AWS::S3::Bucket'
              : store === 'aurora-dsql'
                ? 'AWS::DSQL::Cluster'
                : 'AWS::RDS::GlobalCluster';
          const range = { start: { line: i + 1, column: 3 }, end: { line: i + 1, column: 8 }, offset: [0, 1] as [number, number] };
          stores.push({
            file: 'infra.yaml',
            range,
            stack: 'infra',
            logicalId: `Res${i}`,
            type,
            entryIndex: 0,
            store: store as never,
            regions: deployedRegions,
            members: [],
            homeRegion: deployedRegions[0],
          });
        });
        const analysis = analyzeCatalog(`${lines.join('\n')}\n`, { infrastructure: { stores, failovers: [], problems: [], files: ['infra.yaml'] } });
        const [scenario] = simulate(analysis, [{ kind: 'isolate', region: isolate }]);
        const plan = planExperiment(analysis, { isolate });
        const markdown = renderExperimentMarkdown(plan, 'random.catalog.yaml');
        assertQuotas(plan);
        for (const outcome of scenario.outcomes) {
          const hypothesis = plan.hypotheses.find((h) => h.dataType === outcome.dataType)!;
          assert.equal(hypothesis.verdict, outcome.verdict);
          assert.deepEqual(hypothesis.writers, outcome.writers);
          const stated = new RegExp(`^(### ${outcome.dataType}: ${outcome.verdict}|- ${outcome.dataType}: ${outcome.verdict})$`, 'm');
          assert.match(markdown, stated, `${outcome.dataType} ${outcome.verdict}`);
        }
        // Every linked table with a copy in R, of a multi-Region data type living there, is paused once, by ARN.
        const pausedTables = plan.templates
          .flatMap((t) => t.targets)
          .filter((t) => t.resourceType === 'aws:dynamodb:global-table' && t.resources)
          .map((t) => t.resources![0].location.logicalId);
        const expected = analysis.report.dataTypes
          .filter(
            (dt) =>
              dt.declaredStore?.startsWith('dynamodb-global') &&
              dt.need.regions.includes(isolate) &&
              dt.need.regions.length >= 2 &&
              dt.need.topology !== 'single-region',
          )
          .flatMap((dt) => stores.filter((s) => dt.deployed?.some((d) => d.name === s.logicalId) && s.regions.includes(isolate)).map((s) => s.logicalId));
        assert.deepEqual(pausedTables, expected);
      }),
      { numRuns: 200, seed: 20 },
    );
  });

  it('a catalog with nothing FIS can act on in R still writes the test plan, which says why', async () => {
    const witness = await run(['experiment', '--isolate', 'us-west-2', example]);
    assert.equal(witness.code, 0);
    assert.match(witness.stderr, /nothing for FIS to act on in us-west-2; writing the test plan/);
    assert.match(witness.stdout, /^# Fault-injection test plan: isolate us-west-2$/m);
    assert.match(witness.stdout, /us-west-2 is a witness: it holds no data/);
    assert.doesNotMatch(witness.stdout, /AWS::FIS::ExperimentTemplate/);
    // No data type lives in a witness: no empty heading for what is expected there.
    assert.doesNotMatch(witness.stdout, /## Expected, per data type/);
    assert.match(witness.stdout, /## Not expected to change\n/);
  });

  it('bad usage exits 2: an unknown Region lists the known ones; a bad duration, a missing Region, an alarm that is no ARN', async () => {
    const unknown = await run(['experiment', '--isolate', 'eu-west-1', example]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /declares no Region eu-west-1; its Regions: us-east-1, us-east-2, us-west-2/);
    for (const args of [
      ['--isolate', 'us-east-1', '--duration', 'PT13H'],
      ['--isolate', 'us-east-1', '--duration', 'soon'],
      [],
      ['--isolate', 'us-east-1', '--stop-alarm', 'my-alarm'],
      ['--isolate', 'us-east-1', '-f', 'yaml'],
    ]) {
      const result = await run(['experiment', ...args, example]);
      assert.equal(result.code, 2, args.join(' '));
      assert.equal(result.stdout, '');
    }
  });

  it('-o writes the isolation and, with --both-ways, the mirror in each other data Region beside it; exit 0', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'cap-fis-out-'));
    try {
      const output = join(folder, 'isolate.yaml');
      const result = await run(['experiment', '--isolate', 'us-east-1', '--both-ways', '--duration', '20m', '-o', output, example]);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(readdirSync(folder).sort(), [
        'isolate.us-east-1.policy.yaml',
        'isolate.us-east-1.yaml',
        'isolate.us-east-2.policy.yaml',
        'isolate.us-east-2.yaml',
      ]);
      const mirror = fisResources(readFileSync(join(folder, 'isolate.us-east-2.yaml'), 'utf8'));
      assert.deepEqual(
        mirror.map((m) => m.id),
        ['CutUsEast2TowardsUsEast1'],
      );
      assert.deepEqual(Object.keys(mirror[0].properties.Actions), [
        'CutToUsEast1',
        'PauseAuditLogBucketToUsEast1',
        'PauseProductImagesBucketToUsEast1',
        'WaitDuringFaults',
      ]);
      assert.equal(mirror[0].properties.Actions.CutToUsEast1.Parameters.duration, 'PT20M');
      assert.equal(mirror[0].properties.Actions.WaitDuringFaults.Parameters.duration, 'PT15M');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('docs/experiments.md: its walk-through shows the actions the example gets, and it cites every source of the FIS facts', () => {
    const page = readFileSync(join(repoRoot, 'docs/experiments.md'), 'utf8');
    const plan = planExperiment(exampleAnalysis(), { isolate: 'us-east-1' });
    const rows = [...page.matchAll(/^\| (\d) \| (.+) \|$/gm)].map(([, part, actions]) => [Number(part), actions.split(', ').map((a) => a.replace(/`/g, ''))]);
    assert.deepEqual(
      rows,
      plan.templates.map((template) => [template.part, template.actions.map((action) => action.name)]),
    );
    const sources = [
      ...Object.values(fisActions),
      ...Object.values(fisQuotas),
      ...Object.values(fisOutputs),
      ...Object.values(faultLag),
      FIS_TRUST,
      CUT_BLAST_RADIUS,
      STRONG_TABLE_PAUSE_PERMISSIONS,
      ...Object.values(storeExperimentFacts).flatMap((facts) => [facts.metric, ...facts.cannotReproduce]),
    ]
      .flatMap((fact) => fact.source.split(' '))
      .map((url) => url.replace(/#.*$/, ''));
    for (const url of new Set(sources)) assert.ok(page.includes(url), url);
  });

  it('generates experiments for a 1,000-data-type catalog in 6 Regions, within the quotas', () => {
    const regions = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-central-1'];
    const stores = ['dynamodb-global', 's3', 'aurora-global', 'aurora-dsql', 'dynamodb-global-strong'];
    const lines = [
      'apiVersion: cap-advisor/v1',
      'kind: DataCatalog',
      'metadata: { name: big }',
      'regions:',
      ...regions.map((r, i) => `  - { name: ${r}, role: ${i === 0 ? 'primary' : 'secondary'} }`),
      'dataTypes:',
    ];
    for (let i = 0; i < 1000; i += 1)
      lines.push(
        `  - { name: dt-${i}, category: other, store: ${stores[i % stores.length]}, topology: hot-hot, regions: [${regions[i % 6]}, ${regions[(i + 1) % 6]}] }`,
      );
    const plan = planExperiment(analyzeCatalog(`${lines.join('\n')}\n`), { isolate: 'us-east-1', bothWays: true });
    assertQuotas(plan);
    assert.ok(plan.templates.length > 1);
    for (const format of [renderExperimentCloudFormation, renderExperimentTerraform, renderExperimentJson]) assert.ok(format(plan).length >= 1);
  });
});

/** The resource addresses an HCL expression refers to (`aws_dynamodb_table.carts`). */
function referencesIn(expression: HclExpression | undefined): string[] {
  if (!expression) return [];
  switch (expression.kind) {
    case 'reference':
      return expression.path.length >= 2 && !['var', 'local', 'module', 'data'].includes(expression.path[0]) ? [expression.path.slice(0, 2).join('.')] : [];
    case 'traversal':
      return referencesIn(expression.base);
    case 'tuple':
      return expression.items.flatMap(referencesIn);
    case 'call':
      return expression.args.flatMap(referencesIn);
    case 'template':
      return expression.parts.flatMap((part) => (typeof part === 'string' ? [] : referencesIn(part)));
    default:
      return [];
  }
}
