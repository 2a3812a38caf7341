// The public corpus (SPEC §15, issue 33): every source under test/fixtures/public/ has a correct
// catalog that `cap-advisor check` passes and a wrong one whose drift it catches. The catalogs live
// in test/fixtures/public-catalogs/<source-folder>/<case>.{correct,wrong}.catalog.yaml; a wrong
// catalog's first line says what must be caught (`# expect: rule-id, ...`). Each catalog is checked
// by the CLI's own `main`, as CI runs it.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { main } from '../../src/cli/main';

const repoRoot = join(__dirname, '../../..');
const catalogsRoot = join(repoRoot, 'test/fixtures/public-catalogs');
const MINIMUM_SOURCES = 30;

interface CorpusCatalog {
  /** The source folder under test/fixtures/public/ (for CDK, `cdk/<app>`). */
  source: string;
  path: string;
  kind: 'correct' | 'wrong';
  /** For a wrong catalog, the drift rules its first line names. */
  expected: string[];
}

/** Every catalog in the tree, with the source folder it belongs to (the folder that holds it). */
function corpusCatalogs(): CorpusCatalog[] {
  const found: CorpusCatalog[] = [];
  const walk = (folder: string) => {
    if (!existsSync(folder)) return;
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      const match = /\.(correct|wrong)\.catalog\.yaml$/.exec(name);
      if (!match) continue;
      const firstLine = readFileSync(path, 'utf8').split('\n', 1)[0];
      const expect = /^#\s*expect:\s*(.+)$/.exec(firstLine);
      found.push({
        source: relative(catalogsRoot, folder).split(sep).join('/'),
        path,
        kind: match[1] as 'correct' | 'wrong',
        expected: expect ? expect[1].split(',').map((id) => id.trim()) : [],
      });
    }
  };
  walk(catalogsRoot);
  return found;
}

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
}

/** `cap-advisor check --format json FILE`: its exit code and the findings it prints. */
async function check(path: string): Promise<{ code: number; findings: JsonFinding[]; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
  };
  const code = await main(['check', '--format', 'json', path], io);
  const report = JSON.parse(stdout) as { files: Array<{ findings: JsonFinding[] }> };
  return { code, findings: report.files.flatMap((file) => file.findings), stderr };
}

const drift = (findings: JsonFinding[]) => findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
const shown = (findings: JsonFinding[]) => findings.map((f) => `${f.severity} ${f.ruleId}: ${f.message}`).join('\n');

describe('the public corpus: cap-advisor check on real infrastructure', () => {
  const catalogs = corpusCatalogs();

  for (const catalog of catalogs) {
    const name = relative(catalogsRoot, catalog.path).split(sep).join('/');
    if (catalog.kind === 'correct') {
      it(`${name}: exit 0, no error or warning`, async () => {
        const { code, findings, stderr } = await check(catalog.path);
        assert.deepEqual(drift(findings), [], shown(drift(findings)));
        assert.equal(code, 0, stderr);
      });
    } else {
      it(`${name}: catches ${catalog.expected.join(', ') || '(no # expect: line)'}`, async () => {
        assert.ok(catalog.expected.length > 0, `${name}: its first line must be "# expect: <rule-id>[, <rule-id>...]"`);
        const { findings } = await check(catalog.path);
        const caught = [...new Set(drift(findings).map((f) => f.ruleId))].sort();
        assert.deepEqual(caught, [...new Set(catalog.expected)].sort(), shown(drift(findings)));
      });
    }
  }

  it(`every catalog says what the source deploys on its second line, and points into test/fixtures/public/`, () => {
    for (const catalog of catalogs) {
      const lines = readFileSync(catalog.path, 'utf8').split('\n');
      assert.match(lines[1], /^# \S/, `${catalog.path}: the second line is a one-sentence comment`);
      assert.ok(existsSync(join(repoRoot, 'test/fixtures/public', catalog.source)), `${catalog.source} is not a folder of test/fixtures/public/`);
    }
  });

  it(`at least ${MINIMUM_SOURCES} public sources have both a correct and a wrong catalog`, () => {
    const sources = new Map<string, Set<string>>();
    for (const catalog of catalogs) sources.set(catalog.source, (sources.get(catalog.source) ?? new Set()).add(catalog.kind));
    const complete = [...sources].filter(([, kinds]) => kinds.has('correct') && kinds.has('wrong')).map(([source]) => source);
    assert.ok(complete.length >= MINIMUM_SOURCES, `${complete.length} of ${MINIMUM_SOURCES} sources have both: ${complete.join(', ')}`);
  });
});
