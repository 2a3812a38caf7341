// `.cap-advisor.yaml`: one configuration for the CLI, the language server and the extension.
// What a team notices: the nearest file wins, a bad one is one clear error naming the file, the
// line and the valid values, `ignore:` keeps fixtures out of `check .`, and every surface agrees.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { configFor, ConfigError, isIgnored, parseConfig } from '../../src/workspace/config';
import { HOT_HOT_CART } from '../helpers/catalogs';
import { repoRoot, TestClient } from '../helpers/lspClient';

const ONE_ERROR = HOT_HOT_CART;

function cli(args: string[], cwd: string, input?: string) {
  const run = spawnSync(process.execPath, [join(repoRoot, 'bin/cap-advisor.js'), ...args], { cwd, encoding: 'utf8', input });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('.cap-advisor.yaml', () => {
  let repo: string;
  const write = (path: string, text: string) => {
    const file = join(repo, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };
  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'cap-config-'));
    mkdirSync(join(repo, '.git'));
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  describe('reading it', () => {
    for (const [what, text, message] of [
      ['an unknown key', 'rule:\n  schema: off\n', /^x\.yaml:1:1: unknown key rule \(did you mean rules\?\); the keys are rules, ignore, root$/],
      ['an unknown rule', 'rules:\n  store-mismatsh: off\n', /^x\.yaml:2:3: unknown rule store-mismatsh \(did you mean store-mismatch\?\)$/],
      [
        'an unknown severity',
        'rules:\n  store-mismatch: fatal\n',
        /^x\.yaml:2:19: store-mismatch: unknown severity fatal; use off, hint, information, warning, error$/,
      ],
      ['ignore not a list', 'ignore: test/**\n', /^x\.yaml:1:9: ignore: expected a list of globs/],
      ['YAML that does not parse', 'rules: [\n', /^x\.yaml:\d+:\d+: not valid YAML: /],
    ] as const) {
      it(`${what}: one error naming the file, the line and the valid values`, () => {
        assert.throws(
          () => parseConfig('x.yaml', text),
          (error: Error) => error instanceof ConfigError && message.test(error.message),
        );
      });
    }

    it('the nearest file wins, up to the Git root and not beyond', () => {
      write('.cap-advisor.yaml', 'rules:\n  schema: warning\n');
      write('services/orders/.cap-advisor.yaml', 'rules:\n  schema: off\n');
      assert.deepEqual(configFor(join(repo, 'services/orders/deep/a.catalog.yaml'))?.rules, { schema: 'off' });
      assert.deepEqual(configFor(join(repo, 'services/billing/a.catalog.yaml'))?.rules, { schema: 'warning' });
      const nested = join(repo, 'vendor/other');
      mkdirSync(join(nested, '.git'), { recursive: true });
      assert.equal(configFor(join(nested, 'a.catalog.yaml')), undefined, 'another repository does not inherit it');
    });

    it('ignore: globs relative to the file, and node_modules always', () => {
      const config = parseConfig(join(repo, '.cap-advisor.yaml'), "ignore: ['test/fixtures/**']\n");
      assert.equal(isIgnored(join(repo, 'test/fixtures/bad.catalog.yaml'), config), true);
      assert.equal(isIgnored(join(repo, 'test/real.catalog.yaml'), config), false);
      assert.equal(isIgnored(join(repo, 'node_modules/x/a.catalog.yaml'), undefined), true);
    });
  });

  describe('the CLI', () => {
    it('takes the rules from it, --rule over them, and skips what ignore names in a search', () => {
      write('.cap-advisor.yaml', "rules:\n  hot-hot-without-guard: warning\nignore:\n  - 'test/fixtures/**'\n");
      write('services/carts.catalog.yaml', ONE_ERROR);
      write('test/fixtures/broken.catalog.yaml', 'dataTypes: [\n');
      const checked = cli(['check', '-f', 'json', '.'], repo);
      assert.equal(checked.code, 0, checked.stderr);
      const report = JSON.parse(checked.stdout) as { files: Array<{ file: string; findings: Array<{ ruleId: string; severity: string }> }> };
      assert.deepEqual(
        report.files.map((f) => f.file),
        ['services/carts.catalog.yaml'],
      );
      assert.ok(report.files[0].findings.some((f) => f.ruleId === 'hot-hot-without-guard' && f.severity === 'warning'));
      assert.equal(cli(['check', '--rule', 'hot-hot-without-guard=error', '.'], repo).code, 1);
    });

    it('expands a quoted glob itself, without node_modules or what ignore names; paths with spaces as given', () => {
      write('.cap-advisor.yaml', "ignore: ['test/**']\n");
      write('services/orders.catalog.yaml', ONE_ERROR);
      write('my catalogs/carts.catalog.yaml', ONE_ERROR);
      write('node_modules/pkg/x.catalog.yaml', ONE_ERROR);
      write('test/fixture.catalog.yaml', ONE_ERROR);
      const files = (args: string[]) =>
        (JSON.parse(cli(['check', '-f', 'json', ...args], repo).stdout) as { files: Array<{ file: string }> }).files.map((f) => f.file);
      assert.deepEqual(files(['**/*.catalog.yaml']), ['my catalogs/carts.catalog.yaml', 'services/orders.catalog.yaml']);
      assert.deepEqual(files(['services/*.catalog.yaml', 'my catalogs/carts.catalog.yaml']), [
        'services/orders.catalog.yaml',
        'my catalogs/carts.catalog.yaml',
      ]);
      const none = cli(['check', 'nowhere/**/*.catalog.yaml'], repo);
      assert.equal(none.code, 2);
      assert.match(none.stderr, /no file matches nowhere\/\*\*\/\*\.catalog\.yaml/);
    });

    it('reads standard input for -, named by --stdin-filename', () => {
      write('.cap-advisor.yaml', 'rules:\n  hot-hot-without-guard: warning\n');
      const piped = cli(['check', '-f', 'json', '--stdin-filename', 'services/carts.catalog.yaml', '-'], repo, ONE_ERROR);
      assert.equal(piped.code, 0, piped.stderr);
      const [file] = (JSON.parse(piped.stdout) as { files: Array<{ file: string; findings: Array<{ ruleId: string; severity: string }> }> }).files;
      assert.equal(file.file, 'services/carts.catalog.yaml');
      assert.ok(
        file.findings.some((f) => f.ruleId === 'hot-hot-without-guard' && f.severity === 'warning'),
        'the configuration applies to it',
      );
      const text = cli(['check', '-'], repo, ONE_ERROR);
      // Unnamed, it stands for a file in the working directory, where the configuration applies too.
      assert.match(text.stdout, /^<stdin>:15:15 warning hot-hot-without-guard /m);
    });

    it('--config FILE applies one file to every catalog', () => {
      write('ci/strict.yaml', 'rules:\n  hot-hot-without-guard: off\n');
      write('carts.catalog.yaml', ONE_ERROR);
      assert.equal(cli(['check', 'carts.catalog.yaml'], repo).code, 1);
      assert.equal(cli(['check', '--config', 'ci/strict.yaml', 'carts.catalog.yaml'], repo).code, 0);
      const missing = cli(['check', '--config', 'ci/none.yaml', 'carts.catalog.yaml'], repo);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /--config ci\/none\.yaml: no such file/);
    });

    it('a bad file is exit 2 with the file, the line and the valid values', () => {
      write('.cap-advisor.yaml', 'rules:\n  hot-hot-without-guard: fatal\n');
      write('carts.catalog.yaml', ONE_ERROR);
      const { code, stdout, stderr } = cli(['check', 'carts.catalog.yaml'], repo);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.equal(
        stderr,
        `cap-advisor: bad configuration: ${join(repo, '.cap-advisor.yaml')}:2:26: hot-hot-without-guard: unknown severity fatal; use off, hint, information, warning, error\n`,
      );
    });
  });

  describe('the language server', () => {
    it("takes the rules from it over the editor's setting, and says when it cannot be read", async () => {
      write('.cap-advisor.yaml', 'rules:\n  hot-hot-without-guard: warning\n');
      const file = write('carts.catalog.yaml', ONE_ERROR);
      const uri = pathToFileURL(file).href;
      const client = await TestClient.inProcess({ workspaceFolder: repo, settings: { rules: { 'hot-hot-without-guard': 'off' } } });
      try {
        await client.open(uri, ONE_ERROR);
        const diagnostics = await client.diagnosticsOf(uri, 1);
        assert.equal(diagnostics.find((d) => d.code === 'hot-hot-without-guard')?.severity, 2);
        write('.cap-advisor.yaml', 'rules:\n  hot-hot-without-guard: fatal\n');
        const version = await client.change(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '');
        const [first] = await client.diagnosticsOf(uri, version);
        assert.equal(first.code, 'configuration');
        assert.match(
          first.message,
          /configuration is not valid, so the editor's rule settings apply: .*\.cap-advisor\.yaml:2:26: hot-hot-without-guard: unknown severity fatal/,
        );
      } finally {
        await client.stop();
      }
    });
  });
});
