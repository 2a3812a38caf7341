// `cap-advisor check` as CI runs it: the built bin as a child process, its output and exit code.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { analyzeCatalog, regionInFileName, ruleRegistry, simulate } from '../../src/engine';
import { analyzeCatalogFile } from '../../src/workspace/files';
import { draftFromInfrastructure } from '../../src/workspace/draft';
import { version } from '../../package.json';
import { sarifProblems } from '../helpers/sarifValidator';
import { catalog, HOT_HOT_CART } from '../helpers/catalogs';

const repoRoot = join(__dirname, '../../..');
const EXAMPLE = 'examples/storefront.catalog.yaml';
const exampleText = readFileSync(join(repoRoot, EXAMPLE), 'utf8');
/** The example as the CLI analyses it: with the templates its `infrastructure` links. */
const analyzeExample = () => analyzeCatalogFile(exampleText, { catalogPath: join(repoRoot, EXAMPLE) });

function cli(args: string[], env: NodeJS.ProcessEnv = {}, cwd = repoRoot) {
  const { NO_COLOR, FORCE_COLOR, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [join(repoRoot, 'bin/cap-advisor.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...inherited, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const CLEAN = catalog(`
  - name: payments
    category: transaction
    store: aurora-global
`);
const ONE_ERROR = HOT_HOT_CART;

describe('cap-advisor check', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'cap-cli-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const path = join(scratch, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return path;
  };

  describe('store-drift names the template line that may be what must change', () => {
    const TABLE = `Resources:
  OrdersTable:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      Replicas:
        - Region: !Ref AWS::Region
        - Region: us-east-2
`;
    const CATALOG = `apiVersion: cap-advisor/v1
kind: DataCatalog
metadata:
  name: shop
regions:
  - name: us-east-1
    role: primary
  - name: us-east-2
    role: secondary
infrastructure:
  - { path: infra/shop.yaml, region: us-east-1 }
dataTypes:
  - name: orders
    category: transaction
    store: aurora-global
    resources: [OrdersTable]
`;
    const SAYS = "OrdersTable (AWS::DynamoDB::GlobalTable): deploys dynamodb-global; if the catalog's aurora-global is the intent, this template must change";

    it('text --verbose: the finding, its detail, then the template line beside it', () => {
      write('infra/shop.yaml', TABLE);
      write('shop.catalog.yaml', CATALOG);
      const { stdout } = cli(['check', '--no-color', '--verbose', 'shop.catalog.yaml'], {}, scratch);
      const lines = stdout.split('\n');
      const at = lines.indexOf("shop.catalog.yaml:16:17 error store-drift 'orders': OrdersTable deploys dynamodb-global, not the declared aurora-global.");
      assert.ok(at >= 0, stdout);
      const see = lines.slice(at + 1).find((line) => line.startsWith('    see '));
      assert.equal(see, `    see infra/shop.yaml:2:3 ${SAYS}`);
    });

    it('SARIF: the template line is a related location with the same words', () => {
      write('infra/shop.yaml', TABLE);
      write('shop.catalog.yaml', CATALOG);
      const sarif = JSON.parse(cli(['check', '-f', 'sarif', 'shop.catalog.yaml'], {}, scratch).stdout) as {
        runs: Array<{
          results: Array<{
            ruleId: string;
            relatedLocations?: Array<{ message: { text: string }; physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
          }>;
        }>;
      };
      const drift = sarif.runs[0].results.find((result) => result.ruleId === 'store-drift')!;
      assert.deepEqual(
        drift.relatedLocations?.map((r) => `${r.physicalLocation.artifactLocation.uri}:${r.physicalLocation.region.startLine} ${r.message.text}`),
        [`infra/shop.yaml:2 ${SAYS}`],
      );
    });
  });

  describe('--format text (the default)', () => {
    it('prints one line per finding, file:line:col severity rule-id message, hints left out, then a summary', () => {
      const { code, stdout, stderr } = cli(['check', EXAMPLE]);
      assert.equal(code, 1);
      assert.equal(stderr, '');
      const expected = analyzeExample()
        .findings.filter((f) => f.severity !== 'hint')
        .map((f) => `${EXAMPLE}:${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.ruleId} ${f.message}`);
      const lines = stdout.trimEnd().split('\n');
      assert.deepEqual(lines.slice(0, -2), expected);
      assert.equal(lines.at(-2), '');
      assert.equal(lines.at(-1), '✖ 7 errors, 12 warnings, 5 information in 1 catalog, 18 data types, 1 accepted risk');
      assert.ok(
        lines.includes(`${EXAMPLE}:47:12 error single-writer-hot-hot ${analyzeExample().findings.find((f) => f.ruleId === 'single-writer-hot-hot')!.message}`),
      );
    });

    it('has no colour when stdout is not a terminal, and colour with FORCE_COLOR unless NO_COLOR', () => {
      assert.doesNotMatch(cli(['check', EXAMPLE]).stdout, /\u001b\[/);
      assert.match(cli(['check', EXAMPLE], { FORCE_COLOR: '1' }).stdout, /\u001b\[31merror\u001b\[39m/);
      assert.doesNotMatch(cli(['check', EXAMPLE], { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout, /\u001b\[/);
      assert.match(cli(['check', '--color', EXAMPLE]).stdout, /\u001b\[/);
    });

    it("--verbose prints each finding's detail under it, indented and wrapped", () => {
      const { code, stdout } = cli(['check', '--verbose', EXAMPLE]);
      assert.equal(code, 1);
      const lines = stdout.split('\n');
      const at = lines.findIndex((line) => line.startsWith(`${EXAMPLE}:47:12 error single-writer-hot-hot `));
      const detail = analyzeExample().findings.find((f) => f.ruleId === 'single-writer-hot-hot')!.detail;
      const indented = lines.slice(at + 1).filter((line, i, rest) => rest.slice(0, i + 1).every((l) => l.startsWith('    ')));
      assert.ok(indented.length >= 2, stdout);
      assert.equal(indented.map((line) => line.trim()).join(' '), detail);
      assert.ok(indented.every((line) => line.length <= 100));
    });

    it('says so when all is well, and exits 0', () => {
      const { code, stdout } = cli(['check', write('shop.catalog.yaml', CLEAN)]);
      assert.equal(code, 0);
      assert.equal(stdout, '✔ 0 errors, 0 warnings, 0 information in 1 catalog, 1 data type\n');
    });
  });

  describe('--format json', () => {
    it("prints exactly the documented shape, with the engine's findings, recommendations and accepted risks", () => {
      const { code, stdout } = cli(['check', '--format', 'json', EXAMPLE]);
      assert.equal(code, 1);
      const output = JSON.parse(stdout);
      assert.deepEqual(Object.keys(output), ['files']);
      assert.equal(output.files.length, 1);
      const [file] = output.files;
      assert.deepEqual(Object.keys(file), ['file', 'findings', 'recommendations', 'acceptedRisks']);
      assert.equal(file.file, EXAMPLE);
      const analysis = analyzeExample();
      assert.deepEqual(
        file.findings,
        analysis.findings.map((f) => ({
          ruleId: f.ruleId,
          severity: f.severity,
          message: f.message,
          detail: f.detail,
          dataType: f.dataType,
          range: { start: f.range.start, end: f.range.end },
        })),
      );
      for (const finding of file.findings) {
        assert.deepEqual(Object.keys(finding), ['ruleId', 'severity', 'message', 'detail', 'dataType', 'range']);
        assert.deepEqual(Object.keys(finding.range.start), ['line', 'column']);
      }
      assert.deepEqual(file.recommendations[1], {
        dataType: 'inventory',
        cap: 'CP',
        store: 'aurora-dsql',
        reason: analysis.recommendations[1].reason,
      });
      assert.equal(file.recommendations.length, 18);
      assert.deepEqual(file.acceptedRisks, [
        {
          dataType: 'audit-log',
          rule: 'rpo-unachievable',
          reason: 'Audit events are also streamed to the compliance account within seconds (review 42)',
        },
      ]);
    });

    it('gives findings outside a data type a null dataType', () => {
      const { stdout } = cli(['check', '-f', 'json', write('broken.catalog.yaml', 'apiVersion: cap-advisor/v1\nkind: [\n')]);
      const [finding] = JSON.parse(stdout).files[0].findings;
      assert.equal(finding.ruleId, 'yaml-syntax');
      assert.equal(finding.dataType, null);
    });
  });

  describe('--format sarif', () => {
    it("names files from the Git repository's root, run from a subdirectory or with absolute paths, as code scanning maps them", function () {
      this.timeout(60_000);
      mkdirSync(join(scratch, '.git'));
      const catalogFile = write('services/shop/orders.catalog.yaml', ONE_ERROR);
      const uris = (stdout: string) =>
        (
          JSON.parse(stdout) as {
            runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }> }> }>;
          }
        ).runs[0].results.map((result) => result.locations[0].physicalLocation.artifactLocation);
      const inSubdirectory = spawnSync(process.execPath, [join(repoRoot, 'bin/cap-advisor.js'), 'check', '-f', 'sarif', 'shop/orders.catalog.yaml'], {
        cwd: join(scratch, 'services'),
        encoding: 'utf8',
      });
      const absolute = spawnSync(process.execPath, [join(repoRoot, 'bin/cap-advisor.js'), 'check', '-f', 'sarif', catalogFile], {
        cwd: join(scratch, 'services'),
        encoding: 'utf8',
      });
      for (const run of [inSubdirectory, absolute]) {
        assert.deepEqual(uris(run.stdout)[0], { uri: 'services/shop/orders.catalog.yaml', uriBaseId: '%SRCROOT%' });
        assert.deepEqual(sarifProblems(run.stdout), []);
      }
    });

    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validateSarif = ajv.compile(JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8')));

    it("validates against the SARIF 2.1.0 schema, and Microsoft's validator finds nothing under GitHub's rules or SARIF's", function () {
      this.timeout(60_000);
      const { code, stdout } = cli(['check', '--format', 'sarif', EXAMPLE]);
      assert.equal(code, 1);
      assert.deepEqual(sarifProblems(stdout), []);
      const log = JSON.parse(stdout);
      assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 3)));
      // The validator is not lenient: a result without a message is rejected.
      const broken = structuredClone(log) as { runs: Array<{ results: Array<{ message?: unknown }> }> };
      delete broken.runs[0].results[0].message;
      assert.equal(validateSarif(broken), false);
    });

    it('describes every rule with its help URI and default level, and places each result', () => {
      const [run] = JSON.parse(cli(['check', '-f', 'sarif', EXAMPLE]).stdout).runs;
      assert.deepEqual(
        run.tool.driver.rules.map((r: { id: string }) => r.id),
        ruleRegistry.map((r) => r.id),
      );
      const hotHot = run.tool.driver.rules.find((r: { id: string }) => r.id === 'hot-hot-without-guard');
      assert.equal(hotHot.helpUri, `https://github.com/cap-advisor/cap-advisor/blob/v${version}/docs/rules/hot-hot-without-guard.md`);
      assert.equal(hotHot.defaultConfiguration.level, 'error');
      const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'hot-hot-without-guard');
      assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'hot-hot-without-guard');
      // carts: eventual data on a last-writer-wins store that declares neither its writes nor a merge, a warning.
      assert.deepEqual(result.locations[0].physicalLocation, {
        artifactLocation: { uri: EXAMPLE, uriBaseId: '%SRCROOT%' },
        region: { startLine: 96, startColumn: 15, endLine: 96, endColumn: 22 },
      });
      assert.equal(result.level, 'warning');
      assert.equal(run.results.filter((r: { level: string }) => r.level === 'error').length, 7);
      const finding = analyzeExample().findings.find((f) => f.ruleId === 'hot-hot-without-guard')!;
      assert.deepEqual(result.message, { text: finding.message, markdown: finding.detail });
      // GitHub shows the full description and the help on every alert: the rule page's own words.
      assert.match(hotHot.fullDescription.markdown, /^A data type takes writes in two or more Regions \(`topology: hot-hot`\)/);
      assert.match(hotHot.help.markdown, /^# hot-hot-without-guard\n/);
    });

    it('reports an accepted risk as a suppressed result with its reason', () => {
      const [run] = JSON.parse(cli(['check', '-f', 'sarif', EXAMPLE]).stdout).runs;
      const suppressed = run.results.filter((r: { suppressions?: unknown[] }) => r.suppressions);
      assert.equal(suppressed.length, 1);
      assert.equal(suppressed[0].ruleId, 'rpo-unachievable');
      assert.deepEqual(suppressed[0].suppressions, [
        { kind: 'inSource', justification: 'Audit events are also streamed to the compliance account within seconds (review 42)' },
      ]);
    });
  });

  describe('--format markdown and html', () => {
    it('both reports have the matrix of partition scenarios', () => {
      assert.ok(
        cli(['check', '-f', 'markdown', EXAMPLE]).stdout.includes(
          '### Partition scenarios\n\nWhat each data type does when a Region is cut off or lost (`cap-advisor simulate` explains each outcome).\n\n| data type | us-east-1 cut off | us-east-2 cut off | us-west-2 cut off | us-east-1 lost | us-east-2 lost | us-west-2 lost |',
        ),
      );
      assert.match(
        cli(['check', '-f', 'html', EXAMPLE]).stdout,
        /<h3>Partition scenarios<\/h3>[\s\S]*<td class="v split-brain" data-scenario="0" data-data-type="order-ledger"/,
      );
    });

    it('markdown has a section per data type with its recommendation, and the accepted risks', () => {
      const { code, stdout } = cli(['check', '-f', 'markdown', EXAMPLE]);
      assert.equal(code, 1);
      for (const dataType of analyzeExample().report.dataTypes) assert.ok(stdout.includes(`\n### ${dataType.name}\n`), dataType.name);
      assert.ok(stdout.includes('| recommended | **CP on `aurora-dsql`, or `dynamodb-global-strong`** |'));
      assert.ok(stdout.includes('| declared store | aurora-global (CP), does not fit: aurora-global takes writes in one Region |'));
      assert.ok(
        stdout.includes('| audit-log | rpo-unachievable | Audit events are also streamed to the compliance account within seconds (review 42) | 142 |'),
      );
      assert.ok(
        stdout.includes(
          `| error | [single-writer-hot-hot](https://github.com/cap-advisor/cap-advisor/blob/v${version}/docs/rules/single-writer-hot-hot.md) | 47:12 |`,
        ),
      );
    });

    it('html is one self-contained page with a strict CSP, the CAP picture, and user text escaped', () => {
      const hostile = catalog(`
  - name: carts
    description: <script>alert(1)</script> & "quotes"
    category: cart
    store: dynamodb-global
`);
      const { stdout } = cli(['check', '-f', 'html', write('x.catalog.yaml', hostile)]);
      assert.match(stdout, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;">/);
      assert.match(stdout, /<svg class="cap-picture"/);
      assert.ok(stdout.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;'));
      assert.ok(!stdout.includes('<script>alert(1)'));
      assert.doesNotMatch(stdout, /(src|href)="(https?:)?\/\/(?!github\.com\/cap-advisor)/, 'no remote content');
      assert.doesNotMatch(stdout, /<script/, 'no script outside a webview');
    });
  });

  describe('exit codes and usage', () => {
    it('0 without error findings, 1 with one, and --rule changes it', () => {
      const file = write('shop.catalog.yaml', ONE_ERROR);
      assert.equal(cli(['check', file]).code, 1);
      assert.equal(cli(['check', '--rule', 'hot-hot-without-guard=off', file]).code, 0);
      const downgraded = cli(['check', '--rule', 'hot-hot-without-guard=warning', '-f', 'json', file]);
      assert.equal(downgraded.code, 0);
      assert.deepEqual(
        JSON.parse(downgraded.stdout).files[0].findings.map((f: { ruleId: string; severity: string }) => `${f.severity} ${f.ruleId}`),
        ['hint recommendation', 'warning hot-hot-without-guard'],
      );
      const ruleIds = (args: string[]) => new Set(JSON.parse(cli(args).stdout).files[0].findings.map((f: { ruleId: string }) => f.ruleId));
      assert.equal(ruleIds(['check', '--rule', 'store-mismatch=error', EXAMPLE, '-f', 'json']).has('recommendation'), true);
      assert.equal(ruleIds(['check', '--rule', 'store-mismatch=error', EXAMPLE, '--rule', 'recommendation=off', '-f', 'json']).has('recommendation'), false);
    });

    for (const [what, args, message] of [
      ['no arguments', [], /no command: give one of check, simulate, experiment, draft or lsp/],
      ['no files', ['check'], /no files/],
      ['an unknown command', ['lint', EXAMPLE], /unknown command: lint/],
      ['an unknown rule', ['check', '--rule', 'no-such-rule=off', EXAMPLE], /unknown rule no-such-rule/],
      ['an unknown severity', ['check', '--rule', 'schema=fatal', EXAMPLE], /unknown severity fatal/],
      ['an unknown format', ['check', '-f', 'xml', EXAMPLE], /unknown format xml/],
      ['an unknown option', ['check', '--fix', EXAMPLE], /^cap-advisor: unknown option --fix\nRun cap-advisor --help/],
      ['a mistyped option', ['check', '--formt', 'json', EXAMPLE], /^cap-advisor: unknown option --formt; did you mean --format\?\n/],
      ['a mistyped option of simulate', ['simulate', '--isolat', 'us-east-1', EXAMPLE], /^cap-advisor: unknown option --isolat; did you mean --isolate\?\n/],
      ['an option without its value', ['check', EXAMPLE, '--format'], /^cap-advisor: --format needs a value\n/],
      [
        'a value that looks like an option',
        ['check', '--max-warnings', '-1', EXAMPLE],
        /^cap-advisor: --max-warnings needs a value; write one that starts with a dash as --max-warnings=VALUE\n/,
      ],
      ['a value given to a flag', ['check', '--verbose=yes', EXAMPLE], /^cap-advisor: --verbose takes no value\n/],
      ['a bad --max-warnings', ['check', '--max-warnings=-1', EXAMPLE], /--max-warnings -1: expected a number of warnings, 0 or more/],
      ['a bad --fail-on', ['check', '--fail-on', 'hint', EXAMPLE], /--fail-on hint: use one of error, warning, information/],
      ['a missing file', ['check', 'missing.catalog.yaml'], /cannot read missing.catalog.yaml: no such file or directory/],
      ['a bad size', ['check', '--max-file-size', 'ten', EXAMPLE], /--max-file-size ten/],
    ] as const) {
      it(`2 for ${what}, with the reason on stderr and nothing on stdout`, () => {
        const { code, stdout, stderr } = cli([...args]);
        assert.equal(code, 2);
        assert.equal(stdout, '');
        assert.match(stderr, message);
      });
    }

    it('simulate and experiment take a directory as check does: its catalogs, never a raw EISDIR', () => {
      const folder = join(scratch, 'one-catalog');
      mkdirSync(folder);
      writeFileSync(join(folder, 'shop.catalog.yaml'), readFileSync(EXAMPLE, 'utf8'));
      const simulated = cli(['simulate', folder]);
      assert.doesNotMatch(simulated.stderr, /EISDIR/);
      assert.match(simulated.stdout, /us-east-1 cut off/);
      const planned = cli(['experiment', '--isolate', 'us-east-1', folder]);
      assert.doesNotMatch(planned.stderr, /EISDIR/);
      assert.equal(planned.code, 0, planned.stderr);
    });

    it('2 for a directory without catalogs', () => {
      mkdirSync(join(scratch, 'empty'));
      const { code, stderr } = cli(['check', join(scratch, 'empty')]);
      assert.equal(code, 2);
      assert.match(stderr, /no catalog in .*empty/);
    });

    it('0 with nothing to check under --no-error-on-unmatched-pattern (the pre-commit hook on a repository with no catalog yet)', () => {
      mkdirSync(join(scratch, 'none'));
      const empty = cli(['check', '--no-error-on-unmatched-pattern', join(scratch, 'none'), `${join(scratch, 'none')}/**/*.catalog.yaml`]);
      assert.deepEqual(
        [empty.code, empty.stdout, empty.stderr],
        [0, '', `cap-advisor: no catalog in ${join(scratch, 'none')}, ${join(scratch, 'none')}/**/*.catalog.yaml; nothing to check\n`],
      );
      // A catalog found beside an empty folder is still checked, and its errors still fail the run.
      const broken = write('none-beside.catalog.yaml', ONE_ERROR);
      const mixed = cli(['check', '--no-error-on-unmatched-pattern', join(scratch, 'none'), broken]);
      assert.equal(mixed.code, 1, mixed.stderr);
    });

    it('--fail-on and --max-warnings set when findings fail the run, as ESLint and tflint do', () => {
      const warningsOnly = write('warnings.catalog.yaml', ONE_ERROR);
      const asWarning = ['--rule', 'hot-hot-without-guard=warning'];
      assert.equal(cli(['check', ...asWarning, warningsOnly]).code, 0);
      assert.equal(cli(['check', ...asWarning, '--fail-on', 'warning', warningsOnly]).code, 1);
      assert.equal(cli(['check', ...asWarning, '--fail-on', 'information', warningsOnly]).code, 1);
      const tooMany = cli(['check', ...asWarning, '--max-warnings', '0', warningsOnly]);
      assert.equal(tooMany.code, 1);
      assert.match(tooMany.stderr, /^cap-advisor: 1 warnings, more than --max-warnings 0\n$/);
      assert.equal(cli(['check', ...asWarning, '--max-warnings', '1', warningsOnly]).code, 0);
      // An error still fails the run whatever the warnings.
      assert.equal(cli(['check', '--max-warnings', '100', warningsOnly]).code, 1);
    });

    it('--help and --version exit 0', () => {
      assert.match(cli(['--help']).stdout, /^Usage: cap-advisor check/);
      assert.equal(cli(['--help']).code, 0);
      assert.equal(cli(['--version']).stdout, `${JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version}\n`);
    });
  });

  describe('files and options', () => {
    it('searches directories by the catalog globs, skipping node_modules and other YAML', () => {
      write('a.catalog.yaml', CLEAN);
      write('sub/data-catalog.yml', CLEAN);
      write('sub/deeper/b.catalog.yml', CLEAN);
      write('sub/data-catalog.yaml.bak', CLEAN);
      write('other.yaml', CLEAN);
      write('node_modules/pkg/c.catalog.yaml', CLEAN);
      const { code, stdout } = cli(['check', '-f', 'json', scratch]);
      assert.equal(code, 0);
      assert.deepEqual(
        JSON.parse(stdout).files.map((f: { file: string }) => f.file.slice(scratch.length + 1)),
        ['a.catalog.yaml', 'sub/data-catalog.yml', 'sub/deeper/b.catalog.yml'],
      );
    });

    it('analyses a file given by name whatever its name', () => {
      const { stdout } = cli(['check', '-f', 'json', write('plain.yaml', ONE_ERROR)]);
      assert.equal(JSON.parse(stdout).files[0].findings.length, 2);
    });

    it('-o writes the report to a file and nothing to stdout', () => {
      const report = join(scratch, 'report.html');
      const { code, stdout, stderr } = cli(['check', '-f', 'html', '-o', report, EXAMPLE]);
      assert.equal(code, 1);
      assert.equal(stdout, '');
      assert.equal(stderr, `cap-advisor: wrote ${report}\n`);
      assert.match(readFileSync(report, 'utf8'), /^<!DOCTYPE html>/);
    });

    it('-o into a missing folder creates it; -o onto a catalog checked is refused and leaves it as it was', () => {
      const report = join(scratch, 'reports', 'ci', 'report.json');
      assert.equal(cli(['check', '-f', 'json', '-o', report, EXAMPLE]).code, 1);
      assert.equal(JSON.parse(readFileSync(report, 'utf8')).files.length, 1);
      const catalog = write('kept.catalog.yaml', CLEAN);
      const refused = cli(['check', '-o', `./${relative(repoRoot, catalog)}`, catalog]);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /is one of the catalogs checked; write the report elsewhere/);
      assert.equal(readFileSync(catalog, 'utf8'), CLEAN);
    });

    it('a rule that cannot be accepted says so, and the data type keeps its recommendation and counts no accepted risk', () => {
      const file = write(
        'refused.catalog.yaml',
        `${CLEAN}    acceptedRisks:\n      - rule: unknown-resource\n        reason: the table belongs to another team\n`,
      );
      const { code, stdout } = cli(['check', file]);
      assert.equal(code, 1);
      assert.match(stdout, /:\d+:\d+ error schema 'unknown-resource' cannot be accepted: it is not a design risk to live with; fix what it reports\.\n/);
      assert.match(stdout, /in 1 catalog, 1 data type\n$/, 'no accepted risk counted');
      const json = JSON.parse(cli(['check', '-f', 'json', file]).stdout) as { files: Array<{ findings: Array<{ ruleId: string }>; acceptedRisks: unknown[] }> };
      assert.ok(json.files[0].findings.some((f) => f.ruleId === 'recommendation'));
      assert.deepEqual(json.files[0].acceptedRisks, []);
    });

    it('a missing infrastructure entry deployed to several Regions is reported once', () => {
      const file = write(
        'linked.catalog.yaml',
        CLEAN.replace('dataTypes:\n', 'infrastructure:\n  - path: infra/missing.yaml\n    regions: [us-east-1, us-west-2]\ndataTypes:\n'),
      );
      const { stdout } = cli(['check', file]);
      assert.equal(stdout.match(/infrastructure-unreadable infra\/missing\.yaml does not exist/g)?.length, 1, stdout);
    });

    it('one file named twice (x and ./x) is analysed once', () => {
      const catalog = write('twice.catalog.yaml', CLEAN);
      const relativePath = relative(repoRoot, catalog); // the CLI runs in the repository
      const { stdout } = cli(['check', '-f', 'json', relativePath, `./${relativePath}`, catalog]);
      assert.equal(JSON.parse(stdout).files.length, 1);
    });

    it('--max-file-size refuses a larger file with one finding that says how to raise the limit', () => {
      const { code, stdout } = cli(['check', '-f', 'json', '--max-file-size', '100', EXAMPLE]);
      assert.equal(code, 1);
      const [finding, ...rest] = JSON.parse(stdout).files[0].findings;
      assert.deepEqual(rest, []);
      assert.equal(finding.ruleId, 'yaml-syntax');
      assert.match(finding.detail, /--max-file-size/);
      assert.equal(cli(['check', '-f', 'json', '--max-file-size', '100000', EXAMPLE]).stdout.includes('--max-file-size'), false);
    });
  });
});

describe('cap-advisor simulate', () => {
  const scenarios = simulate(analyzeCatalog(exampleText));

  it('text: the matrix of data types × every Region isolated and lost, what goes wrong, a summary; exit 1 on a split-brain', () => {
    const { code, stdout, stderr } = cli(['simulate', EXAMPLE]);
    assert.equal(code, 1);
    assert.equal(stderr, '');
    const lines = stdout.split('\n');
    assert.equal(lines[0], EXAMPLE);
    assert.match(lines[2], /^data type +us-east-1 cut off +us-east-2 cut off +us-west-2 cut off +us-east-1 lost +us-east-2 lost +us-west-2 lost$/);
    assert.match(stdout, /^order-ledger +split-brain +split-brain +available +available +available +available$/m);
    // Carts converge on the last writer (AWS's guidance): they diverge, they do not split.
    assert.match(stdout, /^carts +diverges +diverges +available +available +available +available$/m);
    assert.ok(lines.includes("us-east-1 cut off: 'order-ledger': split-brain with us-east-1 cut off: us-east-1 and us-east-2 both take writes."));
    assert.equal(lines.at(-2), '✖ 5 split-brain outcomes in 6 scenarios');
  });

  it('json: exactly the documented shape, one scenario with --lose', () => {
    const { code, stdout } = cli(['simulate', '--lose', 'us-east-2', '--format', 'json', EXAMPLE]);
    assert.equal(code, 0, 'losing us-east-2 splits nothing');
    const output = JSON.parse(stdout);
    assert.deepEqual(Object.keys(output.files[0]), ['file', 'scenarios']);
    const [scenario] = output.files[0].scenarios;
    assert.deepEqual([scenario.kind, scenario.region], ['lose', 'us-east-2']);
    const expected = simulate(analyzeCatalog(exampleText), [{ kind: 'lose', region: 'us-east-2' }])[0].outcomes;
    assert.deepEqual(
      scenario.outcomes,
      expected.map((o) => ({
        dataType: o.dataType,
        verdict: o.verdict,
        writers: o.writers,
        staleReads: o.staleReads,
        atRiskMs: o.atRiskMs,
        guard: o.guard,
        explanation: `${o.message} ${o.detail}`,
      })),
    );
  });

  it("--isolate: the split-brain of the lesson's story, with the writes at risk unbounded", () => {
    const { code, stdout } = cli(['simulate', '--isolate', 'us-east-1', '-f', 'json', EXAMPLE]);
    assert.equal(code, 1);
    const priceCache = JSON.parse(stdout).files[0].scenarios[0].outcomes.find((o: { dataType: string }) => o.dataType === 'price-cache');
    assert.deepEqual([priceCache.verdict, priceCache.writers, priceCache.atRiskMs, priceCache.guard], ['split-brain', ['us-east-1', 'us-east-2'], null, null]);
    assert.match(priceCache.explanation, /A health check cannot tell a cut-off us-east-1 from a dead one/);
  });

  it('markdown and html: the matrix and what goes wrong', () => {
    const markdown = cli(['simulate', '-f', 'markdown', EXAMPLE]);
    assert.equal(markdown.code, 1);
    assert.ok(markdown.stdout.includes('| order-ledger | split-brain | split-brain | available | available | available | available |'));
    assert.ok(markdown.stdout.includes('### us-east-1 cut off'));
    const html = cli(['simulate', '-f', 'html', EXAMPLE]);
    assert.match(html.stdout, /^<!DOCTYPE html>/);
    assert.match(
      html.stdout,
      /<td class="v split-brain" data-scenario="0" data-data-type="order-ledger" title="&#39;order-ledger&#39;: split-brain with us-east-1 cut off/,
    );
    assert.equal(html.stdout.match(/<td class="v /g)?.length, scenarios.length * 18);
  });

  it('bad usage exits 2: an unknown Region (listing the known ones), an unknown format, no file', () => {
    for (const [args, message] of [
      [['simulate', '--isolate', 'eu-central-1', EXAMPLE], /declares no Region eu-central-1; its Regions: us-east-1, us-east-2, us-west-2/],
      [['simulate', '-f', 'sarif', EXAMPLE], /unknown format sarif; use one of text, json, markdown, html/],
      [['simulate'], /no file/],
      [['simulate', 'missing.catalog.yaml'], /cannot read missing\.catalog\.yaml/],
    ] as const) {
      const { code, stderr } = cli([...args]);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, message);
    }
  });
});

describe('cap-advisor draft', () => {
  it('prints a catalog drafted from a CDK assembly, exit 0; usage errors exit 2; nothing to draft exits 1', () => {
    const fixtures = join(repoRoot, 'test/fixtures');
    const drafted = cli(['draft', '--from', 'test/fixtures/cdk/cdk.out', '--name', 'shop', '--root', fixtures]);
    assert.equal(drafted.code, 0, drafted.stderr);
    assert.match(drafted.stdout, /^# Drafted by `cap-advisor draft`/);
    assert.match(drafted.stdout, /metadata:\n {2}name: shop\n/);
    assert.match(drafted.stdout, /infrastructure:\n {2}- test\/fixtures\/cdk\/cdk\.out\n/);
    assert.equal(cli(['draft']).code, 2);
    assert.match(cli(['draft']).stderr, /no infrastructure: give --from PATH/);
    assert.equal(cli(['draft', '--from', 'no/such/folder']).code, 2);
    assert.equal(cli(['draft', '--from', 'test/fixtures/cdk', '--region', 'mars-1']).code, 2);
    const empty = mkdtempSync(join(tmpdir(), 'cap-draft-'));
    writeFileSync(join(empty, 'notes.yaml'), 'just: notes\n');
    const nothing = cli(['draft', '--from', empty, '--root', empty]);
    assert.equal(nothing.code, 1);
    assert.match(nothing.stderr, /no data store found to draft a catalog from/);
    rmSync(empty, { recursive: true, force: true });
  });

  it('--from reads a path wherever the user points it (outside the repository too); a catalog naming it needs --root to check', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'cap-elsewhere-'));
    cpSync(join(repoRoot, 'test/fixtures/cloudformation/orders.yaml'), join(elsewhere, 'orders.yaml'));
    const drafted = cli(['draft', '--from', join(elsewhere, 'orders.yaml'), '--region', 'us-east-1', '-o', 'out/elsewhere.catalog.yaml']);
    assert.equal(drafted.code, 0, drafted.stderr);
    assert.match(readFileSync(join(repoRoot, 'out/elsewhere.catalog.yaml'), 'utf8'), /resources: \[/);
    // Version 2: "is not read: it leaves the workspace", with no word of --root.
    const refused = cli(['check', 'out/elsewhere.catalog.yaml']);
    assert.match(refused.stdout, /it leaves the workspace \(widen it with --root\)/);
    rmSync(elsewhere, { recursive: true, force: true });
  });

  it('-o writes the catalog with infrastructure paths relative to where it is written, and it checks without unreadable entries', () => {
    const folder = mkdtempSync(join(tmpdir(), 'cap-draft-'));
    mkdirSync(join(folder, 'catalogs'));
    const target = join(folder, 'catalogs/drafted.catalog.yaml');
    const written = cli(['draft', '--from', join(repoRoot, 'test/fixtures/terraform'), '-o', target, '--root', repoRoot]);
    assert.equal(written.code, 0, written.stderr);
    assert.match(written.stderr, /wrote .*drafted\.catalog\.yaml \(4 data types to review\)/);
    const checked = cli(['check', '--format', 'json', '--root', '/', target]);
    const findings = JSON.parse(checked.stdout).files[0].findings as Array<{ ruleId: string; severity: string; message: string }>;
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'schema' || f.ruleId === 'unknown-resource'),
      [],
    );
    // The fixture calls a registry module: noted as information, never fetched.
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'infrastructure-unreadable').map((f) => `${f.severity} ${f.message}`),
      ['information 1 module not read (registry or remote sources are never fetched): network (terraform-aws-modules/vpc/aws).'],
    );
    rmSync(folder, { recursive: true, force: true });
  });

  describe('plain templates deployed by one stack per Region', () => {
    let folder: string;
    const TABLE = `Resources:
  CartsTable:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
`;
    beforeEach(() => {
      folder = mkdtempSync(join(tmpdir(), 'cap-draft-'));
      mkdirSync(join(folder, 'stacks'));
      for (const name of ['east.yaml', 'west.yaml', 'storefront.yaml', 'storefront-us-east-1.yaml', 'storefront-us-west-2.yaml'])
        writeFileSync(join(folder, 'stacks', name), TABLE);
    });
    afterEach(() => rmSync(folder, { recursive: true, force: true }));
    const draft = (...args: string[]) => cli(['draft', ...args], {}, folder);
    const infrastructureOf = (text: string) => /\ninfrastructure:\n((?: {2}- .*\n)+)/.exec(text)?.[1];

    it('each --region goes with the --from before it (version 4 gave every --from the last one)', () => {
      const drafted = draft('--from', 'stacks/east.yaml', '--region', 'us-east-1', '--from', 'stacks/west.yaml', '--region', 'us-west-2');
      assert.equal(drafted.code, 0, drafted.stderr);
      assert.equal(infrastructureOf(drafted.stdout), '  - {path: stacks/east.yaml, region: us-east-1}\n  - {path: stacks/west.yaml, region: us-west-2}\n');
      // The same table in two files, one per Region: one data type in both (see the per-Region copies below).
      assert.match(drafted.stdout, /\n {4}regions: \[us-east-1, us-west-2\]\n {4}resources: \[east\/CartsTable, west\/CartsTable\]\n/);
      // The one order that cannot be misread still works: a single --from with its --region before it.
      assert.equal(infrastructureOf(draft('--region', 'us-east-1', '--from', 'stacks/east.yaml').stdout), '  - {path: stacks/east.yaml, region: us-east-1}\n');
    });

    it('a --region whose --from cannot be told is bad usage, exit 2, naming the flag', () => {
      for (const [args, message] of [
        [
          ['--region', 'us-east-1', '--from', 'stacks/east.yaml', '--from', 'stacks/west.yaml'],
          'cap-advisor: --region us-east-1 comes before any --from: write each --region after the --from it belongs to (--from PATH --region REGION)',
        ],
        [
          ['--from', 'stacks/east.yaml', '--region', 'us-east-1', '--region', 'us-west-2'],
          'cap-advisor: --region us-west-2: --from stacks/east.yaml already has --region us-east-1; a template deployed in several Regions takes one --from per Region (--from stacks/east.yaml --region us-west-2)',
        ],
        [['--from', 'stacks/east.yaml', '--region', 'mars-1'], 'cap-advisor: --region mars-1: not an AWS Region code (e.g. us-east-1)'],
      ] as const) {
        const refused = draft(...args);
        assert.equal(refused.code, 2, args.join(' '));
        assert.equal(refused.stdout, '');
        assert.equal(refused.stderr, `${message}\nRun cap-advisor draft --help for usage.\n`);
      }
    });

    it('reads a Region in a file name as the editor does; copies per Region in two files are one data type, and its check says they replicate nothing', () => {
      const drafted = draft('--from', 'stacks/storefront-us-east-1.yaml', '--from', 'stacks/storefront-us-west-2.yaml');
      assert.equal(drafted.code, 0, drafted.stderr);
      assert.equal(
        infrastructureOf(drafted.stdout),
        '  - {path: stacks/storefront-us-east-1.yaml, region: us-east-1}\n  - {path: stacks/storefront-us-west-2.yaml, region: us-west-2}\n',
      );
      assert.match(drafted.stdout, /\nregions:\n {2}- name: us-east-1\n {4}role: primary\n {2}- name: us-west-2\n {4}role: secondary\n/);
      assert.match(
        drafted.stdout,
        /\ndataTypes:\n {2}- name: carts\n {4}category: cart # check: guessed from the name CartsTable\n {4}topology: hot-warm # check: one dynamodb per Region \(stacks\/storefront-us-east-1\.yaml, stacks\/storefront-us-west-2\.yaml\), none replicated: a Region's loss loses what it held\n {4}store: dynamodb\n {4}regions: \[us-east-1, us-west-2\]\n {4}resources: \[storefront-us-east-1\/CartsTable, storefront-us-west-2\/CartsTable\]\n$/,
      );
      assert.match(drafted.stderr, /drafted 1 data type from the infrastructure/);
      // Version 4 drafted two single-region data types, and their check was clean.
      writeFileSync(join(folder, 'drafted.catalog.yaml'), drafted.stdout);
      const checked = cli(['check', 'drafted.catalog.yaml'], {}, folder);
      assert.deepEqual(
        checked.stdout.split('\n').filter((line) => / (error|warning) /.test(line)),
        ["drafted.catalog.yaml:22:12 warning store-mismatch 'carts' is in 2 Regions, but dynamodb lives in one: use dynamodb-global."],
      );
      // A Region given wins over the file name's.
      assert.equal(
        infrastructureOf(draft('--from', 'stacks/storefront-us-east-1.yaml', '--region', 'eu-west-1').stdout),
        '  - {path: stacks/storefront-us-east-1.yaml, region: eu-west-1}\n',
      );
    });

    it('one template given a Region per stack is one data type in both, not single-region, and its check says what is left to decide', () => {
      const drafted = draft('--from', 'stacks/storefront.yaml', '--region', 'us-east-1', '--from', 'stacks/storefront.yaml', '--region', 'us-west-2');
      assert.equal(drafted.code, 0, drafted.stderr);
      assert.match(
        drafted.stdout,
        /\ndataTypes:\n {2}- name: carts\n {4}category: cart # check: guessed from the name CartsTable\n {4}topology: hot-warm # check: one dynamodb per Region \(a stack in each\), none replicated: a Region's loss loses what it held\n {4}store: dynamodb\n {4}regions: \[us-east-1, us-west-2\]\n {4}resources: \[CartsTable\]\n$/,
      );
      writeFileSync(join(folder, 'drafted.catalog.yaml'), drafted.stdout);
      const checked = cli(['check', 'drafted.catalog.yaml'], {}, folder);
      // Version 4 drafted it single-region and the check said nothing.
      assert.equal(checked.code, 0, checked.stdout);
      assert.equal(
        checked.stdout,
        "drafted.catalog.yaml:19:11 information recommendation 'carts': AP on dynamodb-global is advised, not dynamodb.\n" +
          "drafted.catalog.yaml:22:12 warning store-mismatch 'carts' is in 2 Regions, but dynamodb lives in one: use dynamodb-global.\n\n" +
          '✖ 0 errors, 1 warning, 1 information in 1 catalog, 1 data type\n',
      );
    });

    it('the command line drafts what the editor drafts for the same files and Regions', async () => {
      const drafted = draft('--from', 'stacks');
      assert.equal(drafted.code, 0, drafted.stderr);
      // The folder is listed file by file, each file named with a Region with it; the others are left unknown.
      assert.equal(
        infrastructureOf(drafted.stdout),
        '  - stacks/east.yaml\n  - {path: stacks/storefront-us-east-1.yaml, region: us-east-1}\n  - {path: stacks/storefront-us-west-2.yaml, region: us-west-2}\n' +
          '  - stacks/storefront.yaml\n  - stacks/west.yaml\n',
      );
      const root = { catalogDir: realpathSync(folder), workspaceRoot: realpathSync(folder) };
      // The editor's command, its Region question answered with the Region it offers first: the file name's.
      const editor = await draftFromInfrastructure(
        [{ path: 'stacks' }],
        root,
        async (files) => new Map(files.flatMap((file) => (regionInFileName(file) ? [[file, regionInFileName(file)!] as const] : []))),
        { savedIn: realpathSync(folder) },
      );
      assert.equal(drafted.stdout, editor.text);
    });

    it('on standard output, paths are relative to the working directory and the draft says so: saved there, it checks; saved elsewhere, check says so', () => {
      const drafted = draft('--from', 'stacks/east.yaml', '--region', 'us-east-1');
      assert.match(
        drafted.stdout,
        new RegExp(
          `\\n# Paths relative to ${realpathSync(folder).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: save this catalog in that folder\\.\\ninfrastructure:\\n`,
        ),
      );
      assert.equal(
        drafted.stderr,
        'cap-advisor: the infrastructure paths are relative to this folder: save the catalog here, or use -o FILE.\n' +
          'cap-advisor: drafted 1 data type from the infrastructure. Every "# check:" is a guess to confirm before the advice can be trusted.\n',
      );
      writeFileSync(join(folder, 'drafted.catalog.yaml'), drafted.stdout);
      const here = cli(['check', 'drafted.catalog.yaml'], {}, folder);
      assert.equal(here.code, 0, here.stdout);
      assert.equal(here.stdout, '✔ 0 errors, 0 warnings, 0 information in 1 catalog, 1 data type\n');
      mkdirSync(join(folder, 'catalogs'));
      writeFileSync(join(folder, 'catalogs/drafted.catalog.yaml'), drafted.stdout);
      const elsewhere = cli(['check', 'catalogs/drafted.catalog.yaml'], {}, folder);
      assert.equal(elsewhere.code, 1);
      assert.match(elsewhere.stdout, /error infrastructure-unreadable /);
    });
  });
});
