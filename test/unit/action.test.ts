// The GitHub Action (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml): their
// scripts run here as a runner would run them, with the inputs in the environment.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { sarifProblems } from '../helpers/sarifValidator';
import { DEFAULT_CATALOG_GLOBS } from '../../src/engine';

const repoRoot = join(__dirname, '../../..');
const examples = join(repoRoot, 'examples');

interface Step {
  name: string;
  id?: string;
  shell: string;
  run: string;
  env?: Record<string, string>;
}
const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { description: string; default: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};

describe('GitHub Action', () => {
  let workDir: string;
  beforeEach(() => {
    workDir = mkdtempSync(join(tmpdir(), 'cap-advisor-action-'));
  });
  afterEach(() => rmSync(workDir, { recursive: true, force: true }));

  /** Runs the check step's script in workDir, as the runner would with these inputs. */
  function check(inputs: Record<string, string>) {
    const outputFile = join(workDir, 'github-output');
    writeFileSync(outputFile, '');
    const step = action.runs.steps.find((s) => s.id === 'check')!;
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      GITHUB_OUTPUT: outputFile,
      GITHUB_ACTION_PATH: repoRoot,
      CAP_ADVISOR_CLI: join(repoRoot, 'bin/cap-advisor.js'),
    };
    for (const [name, expression] of Object.entries(step.env ?? {})) {
      const input = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(expression)![1];
      env[name] = inputs[input] ?? action.inputs[input].default;
    }
    const run = spawnSync('bash', ['-c', step.run], { cwd: workDir, env, encoding: 'utf8' });
    const outputs = Object.fromEntries(
      readFileSync(outputFile, 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split(/=(.*)/s).slice(0, 2)),
    );
    return { status: run.status, stdout: run.stdout, stderr: run.stderr, outputs };
  }

  it('is a composite action whose steps run scripts of this repository, with every input passed through the environment', () => {
    assert.equal(action.runs.using, 'composite');
    const passed = new Set<string>();
    for (const step of action.runs.steps) {
      const script = /^"\$GITHUB_ACTION_PATH\/(scripts\/action\/[\w.]+)"$/.exec(step.run)?.[1];
      assert.ok(script, `step "${step.name}" runs ${step.run}`);
      accessSync(join(repoRoot, script), constants.X_OK);
      for (const expression of Object.values(step.env ?? {})) passed.add(/inputs\.([\w-]+)/.exec(expression)![1]);
    }
    assert.deepEqual([...passed].sort(), Object.keys(action.inputs).sort());
    assert.deepEqual(Object.keys(action.outputs).sort(), ['exit-code', 'output-file']);
  });

  it('with format sarif writes cap-advisor.sarif for upload-sarif, applies the rule severities and fails on error findings', function () {
    this.timeout(60_000);
    const result = check({ paths: examples, format: 'sarif', rules: 'staleness-budget-exceeded=off\nrpo-unachievable=off' });
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(result.outputs, { 'output-file': 'cap-advisor.sarif', 'exit-code': '1' });
    const written = readFileSync(join(workDir, 'cap-advisor.sarif'), 'utf8');
    assert.deepEqual(sarifProblems(written), [], 'what upload-sarif sends, as GitHub would check it');
    const sarif = JSON.parse(written);
    assert.equal(sarif.version, '2.1.0');
    const ruleIds = new Set(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId));
    assert.ok(ruleIds.has('hot-hot-without-guard'));
    assert.ok(!ruleIds.has('staleness-budget-exceeded'));
  });

  it('with fail-on-error false passes the step and still reports the exit code', () => {
    const result = check({ paths: examples, format: 'json', output: 'report.json', 'fail-on-error': 'false' });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(result.outputs, { 'output-file': 'report.json', 'exit-code': '1' });
    assert.equal(JSON.parse(readFileSync(join(workDir, 'report.json'), 'utf8')).files.length, 1);
  });

  it('fails on bad usage whatever fail-on-error says', () => {
    const result = check({ paths: examples, rules: 'no-such-rule=off', 'fail-on-error': 'false' });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /unknown rule no-such-rule/);
    assert.equal(result.outputs['exit-code'], '2');
  });

  it('with format text turns error and warning lines into annotations through its problem matcher', () => {
    const result = check({ paths: examples });
    assert.equal(result.status, 1);
    const lines = result.stdout.split('\n');
    const matcherFile = /^::add-matcher::(.+)$/.exec(lines[0])?.[1];
    assert.ok(matcherFile && existsSync(matcherFile), lines[0]);
    assert.ok(lines.includes('::remove-matcher owner=cap-advisor::'));
    const [pattern] = JSON.parse(readFileSync(matcherFile, 'utf8')).problemMatcher[0].pattern;
    const regexp = new RegExp(pattern.regexp);
    const annotations = lines.map((line) => regexp.exec(line)).filter((m) => m !== null);
    assert.equal(annotations.length, 19);
    const carts = annotations.find((m) => m[pattern.code] === 'hot-hot-without-guard' && m[pattern.line] === '96')!;
    assert.deepEqual([carts[pattern.file], carts[pattern.column], carts[pattern.severity]], [join(examples, 'storefront.catalog.yaml'), '15', 'warning']);
    assert.equal(carts[pattern.message], "'carts' is hot-hot, last writer wins: set conflictResolution or writes.");
  });

  /** Runs the setup step; returns the CLI it named in GITHUB_ENV. */
  function setUp(version: string): string {
    const envFile = join(workDir, 'github-env');
    const step = action.runs.steps[0];
    const env = { PATH: process.env.PATH ?? '', GITHUB_ACTION_PATH: repoRoot, GITHUB_ENV: envFile, RUNNER_TEMP: workDir, CAP_ADVISOR_VERSION: version };
    const run = spawnSync('bash', ['-c', step.run], { cwd: workDir, env, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^cap-advisor \d+\.\d+\.\d+$/m);
    return /^CAP_ADVISOR_CLI=(.+)\n$/.exec(readFileSync(envFile, 'utf8'))![1];
  }

  it("its setup step uses the action's own build when there is one, and names the CLI in GITHUB_ENV", () => {
    assert.equal(setUp(''), join(repoRoot, 'bin/cap-advisor.js'));
  });

  it('its setup step installs the version it is given (here the packed package, as a file: version)', function () {
    this.timeout(60_000);
    const packed = JSON.parse(
      spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', workDir], { cwd: repoRoot, encoding: 'utf8' }).stdout,
    )[0];
    assert.equal(setUp(`file:${join(workDir, packed.filename)}`), join(workDir, 'cap-advisor-cli/node_modules/cap-advisor/bin/cap-advisor.js'));
  });
});

describe('pre-commit hook', () => {
  const [hook] = parse(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string; language: string; files: string }>;

  it('is the cap-advisor CLI, installed as this npm package', () => {
    assert.equal(hook.id, 'cap-advisor');
    assert.equal(hook.language, 'node');
    assert.equal(hook.entry, 'cap-advisor check');
  });

  it('its files pattern matches the default catalog names, and no other YAML', () => {
    // pre-commit matches with Python's re.search; this pattern means the same in JavaScript.
    const files = new RegExp(hook.files);
    assert.equal(DEFAULT_CATALOG_GLOBS.length, 4);
    for (const path of ['shop.catalog.yaml', 'catalogs/eu/shop.catalog.yml', 'data-catalog.yaml', 'infra/data-catalog.yml']) assert.match(path, files);
    for (const path of ['catalog.yaml', 'shop.catalog.yaml.bak', 'my-data-catalog.yaml', 'data-catalog.json', 'shop.catalog.json', 'docker-compose.yml'])
      assert.doesNotMatch(path, files);
  });
});
