// The GitHub Action (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml): their
// scripts run here as a runner would run them, with the inputs in the environment, and the hook
// runs in Debian's pre-commit (CI installs it, .ci/run; elsewhere that test is skipped without it).
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { sarifProblems } from '../helpers/sarifValidator';
import { DEFAULT_CATALOG_GLOBS } from '../../src/engine';

const repoRoot = join(__dirname, '../../..');
const examples = join(repoRoot, 'examples');

interface Step {
  name: string;
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
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
  function check(inputs: Record<string, string>, cli = join(repoRoot, 'bin/cap-advisor.js')) {
    const outputFile = join(workDir, 'github-output');
    writeFileSync(outputFile, '');
    const step = action.runs.steps.find((s) => s.id === 'check')!;
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      GITHUB_OUTPUT: outputFile,
      GITHUB_ACTION_PATH: repoRoot,
      CAP_ADVISOR_CLI: cli,
    };
    for (const [name, expression] of Object.entries(step.env ?? {})) {
      const input = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(expression)![1];
      env[name] = inputs[input] ?? action.inputs[input].default;
    }
    const run = spawnSync('bash', ['-c', step.run!], { cwd: workDir, env, encoding: 'utf8' });
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
    for (const step of action.runs.steps.filter((s) => s.run)) {
      const script = /^"\$GITHUB_ACTION_PATH\/(scripts\/action\/[\w.-]+)"$/.exec(step.run!)?.[1];
      assert.ok(script, `step "${step.name}" runs ${step.run}`);
      accessSync(join(repoRoot, script), constants.X_OK);
      for (const expression of Object.values(step.env ?? {})) {
        const input = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(expression)?.[1];
        if (input) passed.add(input);
        else assert.equal(expression, '${{ steps.cli.outputs.key }}', `step "${step.name}" is given ${expression}`);
      }
    }
    assert.deepEqual([...passed].sort(), Object.keys(action.inputs).sort());
    assert.deepEqual(Object.keys(action.outputs).sort(), ['exit-code', 'output-file']);
  });

  it('caches the installed CLI under the key its first step names, before the setup step installs it', () => {
    const names = action.runs.steps.map((s) => s.id ?? s.uses ?? s.name);
    assert.deepEqual(names, ['cli', 'actions/cache@v4', 'Set up the cap-advisor CLI', 'check']);
    assert.deepEqual(action.runs.steps[1], {
      name: 'Restore the cap-advisor CLI from the cache',
      if: "steps.cli.outputs.key != ''",
      uses: 'actions/cache@v4',
      with: { path: '${{ steps.cli.outputs.path }}', key: '${{ steps.cli.outputs.key }}' },
    });
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

  it("takes a glob as GitHub passes it ('**/*.catalog.yaml'), and paths with spaces one per line", () => {
    const catalogText = readFileSync(join(examples, 'storefront.catalog.yaml'), 'utf8').replace(/^infrastructure:[\s\S]*?\n(?=\S)/m, '');
    mkdirSync(join(workDir, 'team a/orders'), { recursive: true });
    mkdirSync(join(workDir, 'payments'));
    writeFileSync(join(workDir, 'team a/orders/orders.catalog.yaml'), catalogText);
    writeFileSync(join(workDir, 'payments/payments.catalog.yaml'), catalogText);
    const files = () => (JSON.parse(readFileSync(join(workDir, 'report.json'), 'utf8')) as { files: { file: string }[] }).files.map((f) => f.file).sort();
    const globbed = check({ paths: '**/*.catalog.yaml', format: 'json', output: 'report.json', 'fail-on-error': 'false' });
    assert.equal(globbed.outputs['exit-code'], '1', globbed.stderr);
    assert.deepEqual(files(), ['payments/payments.catalog.yaml', 'team a/orders/orders.catalog.yaml']);
    const listed = check({ paths: '  team a/orders/orders.catalog.yaml\n\n  payments\n', format: 'json', output: 'report.json', 'fail-on-error': 'false' });
    assert.equal(listed.outputs['exit-code'], '1', listed.stderr);
    assert.deepEqual(files(), ['payments/payments.catalog.yaml', 'team a/orders/orders.catalog.yaml']);
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

  /** Runs a step's script as the runner would: GitHub's variables, the step's env with these values. */
  function runStep(id: string, actionPath: string, values: Record<string, string>, path = process.env.PATH ?? '') {
    const step = action.runs.steps.find((s) => (s.id ?? s.name) === id)!;
    const files = { GITHUB_ENV: join(workDir, 'github-env'), GITHUB_OUTPUT: join(workDir, 'github-output'), GITHUB_STEP_SUMMARY: join(workDir, 'summary') };
    for (const file of Object.values(files)) writeFileSync(file, '');
    const env: Record<string, string> = {
      PATH: path,
      HOME: process.env.HOME ?? '',
      GITHUB_ACTION_PATH: actionPath,
      GITHUB_WORKSPACE: workDir,
      RUNNER_TEMP: runnerTemp(),
      ...files,
    };
    for (const [name, expression] of Object.entries(step.env ?? {})) {
      const value = /^\$\{\{ (?:inputs|steps\.cli\.outputs)\.([\w-]+) \}\}$/.exec(expression)![1];
      env[name] = values[value] ?? action.inputs[value]?.default ?? '';
    }
    const run = spawnSync('bash', ['-c', step.run!], { cwd: workDir, env, encoding: 'utf8' });
    const read = (file: string) => Object.fromEntries([...readFileSync(file, 'utf8').matchAll(/^([\w-]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
    return { status: run.status, stdout: run.stdout, stderr: run.stderr, outputs: read(files.GITHUB_OUTPUT), env: read(files.GITHUB_ENV) };
  }
  const runnerTemp = () => {
    mkdirSync(join(workDir, 'runner-temp'), { recursive: true });
    return join(workDir, 'runner-temp');
  };
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const installed = () => join(runnerTemp(), 'cap-advisor-cli/lib/node_modules/cap-advisor');

  /** The key step, then the setup step with that key (no cache restored: a cold runner); returns the setup's result and the key. */
  function setUp(inputs: { version?: string }, actionPath = repoRoot, path?: string) {
    const key = runStep('cli', actionPath, inputs);
    assert.equal(key.status, 0, key.stderr);
    assert.equal(key.outputs.path, join(runnerTemp(), 'cap-advisor-cli'));
    const setup = runStep('Set up the cap-advisor CLI', actionPath, { ...inputs, key: key.outputs.key }, path);
    return { ...setup, key: key.outputs.key };
  }

  /** The action's checkout as GitHub gives it for `uses: cap-advisor/cap-advisor@ref`: the tracked files, no dist/, no node_modules. */
  function actionCheckout(): string {
    const checkout = join(workDir, 'action');
    const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' })
      .split('\0')
      .filter((file) => file && !file.startsWith('node_modules') && existsSync(join(repoRoot, file)));
    for (const file of files) cpSync(join(repoRoot, file), join(checkout, file), { recursive: true });
    return checkout;
  }

  /** A PATH where `npm` fails loudly, to show a step does not install anything. */
  function pathWithoutNpm(): string {
    const bin = join(workDir, 'no-npm');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'npm'), '#!/bin/sh\necho "npm must not run: $*" >&2\nexit 97\n', { mode: 0o755 });
    return `${bin}:${process.env.PATH}`;
  }

  it("with version empty, on the action's checkout as GitHub gives it, builds and installs only the packed CLI, which the check step runs; a cached CLI installs nothing", function () {
    this.timeout(120_000);
    const checkout = actionCheckout();
    assert.ok(!existsSync(join(checkout, 'dist')));
    const setup = setUp({}, checkout);
    assert.equal(setup.status, 0, setup.stderr);
    assert.equal(setup.stdout, `cap-advisor ${version}\n`);
    assert.match(setup.key, /^cap-advisor-cli-[0-9a-f]{16}$/);
    assert.deepEqual(setup.env, { CAP_ADVISOR_CLI: join(installed(), 'bin/cap-advisor.js') });

    // The runner keeps the installed package alone: no devDependency, no build folder, no node_modules in the checkout.
    assert.deepEqual(readdirSync(runnerTemp()), ['cap-advisor-cli']);
    assert.deepEqual(readdirSync(join(runnerTemp(), 'cap-advisor-cli/lib/node_modules')), ['cap-advisor']);
    assert.ok(!existsSync(join(checkout, 'node_modules')));
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: repoRoot, encoding: 'utf8' }));
    const listed = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? listed(join(dir, entry.name)) : [relative(installed(), join(dir, entry.name))],
      );
    assert.deepEqual(listed(installed()).sort(), packed.files.map((file: { path: string }) => file.path).sort());

    // The check step runs that CLI: the same report, exit code and outputs as the repository's own build.
    const fromInstalled = check({ paths: examples, format: 'json' }, setup.env.CAP_ADVISOR_CLI);
    const fromRepository = check({ paths: examples, format: 'json' });
    assert.equal(fromInstalled.status, 1, fromInstalled.stderr);
    assert.deepEqual(fromInstalled.outputs, { 'output-file': '', 'exit-code': '1' });
    assert.equal(fromInstalled.stdout, fromRepository.stdout);

    // A later job whose cache restored the CLI: the same key, the CLI already there, npm never runs.
    const again = setUp({}, checkout, pathWithoutNpm());
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.key, setup.key);
    assert.equal(again.stdout, `cap-advisor ${version}\n`);
    assert.equal(again.stderr, `cap-advisor: the CLI came from the cache (${setup.key})\n`);
  });

  it("its cache key follows the CLI's sources and the exact version asked for; a range or a tag is not cached", () => {
    const checkout = actionCheckout();
    const keyOf = (inputs: { version?: string }) => runStep('cli', checkout, inputs).outputs.key;
    const before = keyOf({});
    assert.equal(keyOf({}), before);
    writeFileSync(join(checkout, 'README.md'), 'not part of the CLI\n');
    assert.equal(keyOf({}), before);
    writeFileSync(join(checkout, 'src/cli/main.ts'), '// changed\n', { flag: 'a' });
    assert.notEqual(keyOf({}), before);
    assert.equal(keyOf({ version: '0.1.0' }), 'cap-advisor-cli-npm-0.1.0');
    assert.equal(keyOf({ version: '1.2.0-beta.1' }), 'cap-advisor-cli-npm-1.2.0-beta.1');
    for (const version of ['latest', '^0.1.0', 'file:/tmp/cap-advisor-0.1.0.tgz']) assert.equal(keyOf({ version }), '', version);
  });

  it("with version empty and the action's own build present, installs that build packed, not the checkout's files", function () {
    this.timeout(60_000);
    const setup = setUp({});
    assert.equal(setup.status, 0, setup.stderr);
    assert.deepEqual(setup.env, { CAP_ADVISOR_CLI: join(installed(), 'bin/cap-advisor.js') });
    assert.deepEqual(readdirSync(join(runnerTemp(), 'cap-advisor-cli/lib/node_modules')), ['cap-advisor']);
    assert.ok(!existsSync(join(installed(), 'src')));
  });

  it('its setup step installs the version it is given (here the packed package, as a file: version)', function () {
    this.timeout(60_000);
    const packed = JSON.parse(
      spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', workDir], { cwd: repoRoot, encoding: 'utf8' }).stdout,
    )[0];
    const setup = setUp({ version: `file:${join(workDir, packed.filename)}` });
    assert.equal(setup.status, 0, setup.stderr);
    assert.equal(setup.stdout, `cap-advisor ${version}\n`);
    assert.deepEqual(setup.env, { CAP_ADVISOR_CLI: join(installed(), 'bin/cap-advisor.js') });
  });
});

describe('pre-commit hook', () => {
  interface Hook {
    id: string;
    name: string;
    entry: string;
    language: string;
    files: string;
    pass_filenames?: boolean;
  }
  const hooks = parse(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
  const [hook] = hooks;

  it('is the cap-advisor CLI, installed as this npm package, checking the whole repository so that ignore: applies', () => {
    assert.equal(hooks.length, 1);
    assert.equal(hook.id, 'cap-advisor');
    assert.equal(hook.language, 'node');
    // Nothing to check (a repository with no catalog yet) is not an error that blocks a commit.
    assert.equal(hook.entry, 'cap-advisor check --no-error-on-unmatched-pattern .');
    assert.equal(hook.pass_filenames, false);
  });

  /** The README's local hook, for projects with cap-advisor in their devDependencies. */
  const readmeLocalHook = () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const block = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).find((text) => text.includes('repo: local'))!;
    return { config: block, hook: (parse(block) as { repos: Array<{ hooks: Hook[] }> }).repos[0].hooks[0] };
  };

  it("the README's local hook is this hook on the project's own installed CLI", () => {
    const local = readmeLocalHook().hook;
    assert.deepEqual(
      { ...local, entry: local.entry.replace(/^npx --no-install /, ''), language: 'node' },
      { id: hook.id, name: hook.name, entry: hook.entry, language: hook.language, pass_filenames: hook.pass_filenames, files: hook.files },
    );
  });

  it('its files pattern matches catalogs, the configuration and infrastructure (CloudFormation, SAM, CDK output, Terraform), not other files', () => {
    // pre-commit matches with Python's re.search; this pattern means the same in JavaScript.
    const files = new RegExp(hook.files);
    assert.equal(DEFAULT_CATALOG_GLOBS.length, 4);
    for (const path of [
      'shop.catalog.yaml',
      'catalogs/eu/shop.catalog.yml',
      'data-catalog.yaml',
      '.cap-advisor.yaml',
      'infra/orders.yaml',
      'stacks/orders.template',
      'stacks/orders.json',
      'sam/samconfig.toml',
      'terraform/main.tf',
      'terraform/prod.tfvars',
      'cdk.out/manifest.json',
      'app/cdk.out/asset.1234/index.py',
    ])
      assert.match(path, files);
    for (const path of ['README.md', 'src/app.ts', 'Dockerfile', 'shop.catalog.yaml.bak', 'cdk.outline.md']) assert.doesNotMatch(path, files);
  });

  describe("in Debian's pre-commit, on a repository whose catalog links a CloudFormation template", function () {
    this.timeout(120_000);
    const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
    let dir: string;
    let repo: string;
    let env: NodeJS.ProcessEnv;
    const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, env, encoding: 'utf8' });
    const template = (consistency: string) =>
      `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  OrdersTable:\n    Type: AWS::DynamoDB::GlobalTable\n    Properties:\n${consistency}      GlobalTableWitnesses:\n        - Region: us-west-2\n      Replicas:\n        - Region: us-east-1\n        - Region: us-east-2\n`;
    const STRONG = '      MultiRegionConsistency: STRONG\n';

    before(function () {
      if (preCommit.status !== 0) {
        // CI must run it: a skipped test there would pass without testing anything.
        if (process.env.CI) throw new Error("pre-commit is not installed: .ci/run installs Debian's pre-commit package");
        this.skip();
      }
      dir = mkdtempSync(join(tmpdir(), 'cap-advisor-pre-commit-'));
      env = { ...process.env, PRE_COMMIT_HOME: join(dir, 'pre-commit-home'), GIT_CONFIG_NOSYSTEM: '1', HOME: dir };
      repo = join(dir, 'shop');
      mkdirSync(join(repo, 'infra'), { recursive: true });
      mkdirSync(join(repo, 'test/fixtures'), { recursive: true });
      writeFileSync(join(repo, 'infra/orders.yaml'), template(STRONG));
      writeFileSync(
        join(repo, 'shop.catalog.yaml'),
        [
          'apiVersion: cap-advisor/v1',
          'kind: DataCatalog',
          'metadata: {name: shop}',
          'regions:',
          '  - {name: us-east-1, role: primary}',
          '  - {name: us-east-2, role: secondary}',
          '  - {name: us-west-2, role: witness}',
          'infrastructure:',
          '  - infra/orders.yaml',
          'dataTypes:',
          '  - name: orders',
          '    category: transaction',
          '    topology: hot-hot',
          '    store: dynamodb-global-strong',
          '    regions: [us-east-1, us-east-2]',
          '    splitBrainGuards:',
          '      - {type: witness-region, region: us-west-2}',
          '    resources: [OrdersTable]',
          '',
        ].join('\n'),
      );
      // A fixture with an error on purpose, which the configuration's ignore: leaves out.
      cpSync(join(examples, 'storefront.catalog.yaml'), join(repo, 'test/fixtures/broken.catalog.yaml'));
      writeFileSync(join(repo, '.cap-advisor.yaml'), "ignore:\n  - 'test/fixtures/**'\n");
      // The README's local hook on the project's own cap-advisor, installed from the packed package: offline, no Node.js download.
      writeFileSync(join(repo, '.pre-commit-config.yaml'), readmeLocalHook().config);
      writeFileSync(join(repo, '.gitignore'), 'node_modules/\n');
      writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'shop', private: true }));
      const [packed] = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: repoRoot, encoding: 'utf8' }));
      execFileSync('npm', ['install', '--save-dev', '--offline', '--no-audit', '--no-fund', join(dir, packed.filename)], { cwd: repo, stdio: 'ignore' });

      assert.equal(git('init', '-q').status, 0);
      git('config', 'user.name', 'Shop Developer');
      git('config', 'user.email', 'dev@shop.example');
      const install = spawnSync('pre-commit', ['install'], { cwd: repo, env, encoding: 'utf8' });
      assert.equal(install.status, 0, install.stderr);
      git('add', '.');
      const first = git('commit', '-q', '-m', 'Orders: strong across two Regions and a witness');
      assert.equal(first.status, 0, first.stdout + first.stderr);
    });
    after(() => dir && rmSync(dir, { recursive: true, force: true }));

    it('a template edit that breaks the catalog fails the commit, with the finding printed', () => {
      const head = git('rev-parse', 'HEAD').stdout;
      writeFileSync(join(repo, 'infra/orders.yaml'), template(''));
      git('add', 'infra/orders.yaml');
      const commit = git('commit', '-m', 'Orders: drop strong consistency');
      assert.equal(commit.status, 1, commit.stdout + commit.stderr);
      // git gives its hooks' output on standard error.
      const lines = commit.stderr.split('\n');
      assert.match(lines[0], /^CAP Advisor\.+Failed$/);
      assert.ok(lines.includes('- exit code: 1'), commit.stderr);
      assert.ok(lines.includes("shop.catalog.yaml:18:17 error store-drift 'orders' runs on dynamodb-global, declared dynamodb-global-strong."), commit.stderr);
      assert.ok(lines.includes('✖ 1 error, 0 warnings, 0 information in 1 catalog, 1 data type'), commit.stderr);
      assert.equal(git('rev-parse', 'HEAD').stdout, head, 'nothing was committed');
      git('checkout', '--', '.');
      git('reset', '-q');
      writeFileSync(join(repo, 'infra/orders.yaml'), template(STRONG));
    });

    it('a template edit that keeps the catalog right commits', () => {
      writeFileSync(join(repo, 'infra/orders.yaml'), template(`${STRONG}      BillingMode: PAY_PER_REQUEST\n`));
      git('add', 'infra/orders.yaml');
      const commit = git('commit', '-m', 'Orders: pay per request');
      assert.equal(commit.status, 0, commit.stdout + commit.stderr);
      assert.match(commit.stderr.split('\n')[0], /^CAP Advisor\.+Passed$/);
      assert.equal(git('log', '-1', '--format=%s').stdout, 'Orders: pay per request\n');
    });

    it('a commit that touches neither catalogs nor infrastructure does not run the check', () => {
      writeFileSync(join(repo, 'README.md'), '# Shop\n');
      git('add', 'README.md');
      const commit = git('commit', '-m', 'README');
      assert.equal(commit.status, 0, commit.stdout + commit.stderr);
      assert.match(commit.stderr.split('\n')[0], /^CAP Advisor\.+\(no files to check\)Skipped$/);
    });
  });
});
