// The rule pages the diagnostics link to: one per rule, with the registry's severity, and
// examples that do what the page says (Avoid fires the rule, Prefer is clean).
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { quickFixesFor, ruleDocsUrl, ruleRegistry, STORE_IDS, storeFacts, type CatalogAnalysis } from '../../src/engine';
import { analyzeCatalogFile } from '../../src/workspace/files';
import { renderStoreFactsPage } from '../../src/report';
import { renderRuleLists } from '../../src/report/ruleLists';

const docsDir = join(__dirname, '../../../docs');
const rulePage = (id: string) => readFileSync(join(docsDir, 'rules', `${id}.md`), 'utf8');

/** The one ```yaml block under a `## heading`. */
function exampleUnder(page: string, heading: string): string {
  const section = page.split(/^## /m).find((part) => part.startsWith(`${heading}\n`));
  assert.ok(section, `no "## ${heading}" section`);
  const blocks = [...section.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)];
  assert.equal(blocks.length, 1, `"## ${heading}" must hold exactly one yaml block`);
  return blocks[0][1];
}

/**
 * Analyses the example under a heading as the CLI would, with the templates the section shows
 * beside it (```yaml infra/shop.yaml blocks) written to their paths next to the catalog.
 */
function analyzeExample(page: string, heading: string, appended = ''): CatalogAnalysis {
  const section = page.split(/^## /m).find((part) => part.startsWith(`${heading}\n`)) ?? '';
  const folder = mkdtempSync(join(tmpdir(), 'cap-docs-'));
  for (const [, path, text] of section.matchAll(/^```yaml (\S+)\n([\s\S]*?)^```$/gm)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  const catalogPath = join(folder, 'shop.catalog.yaml');
  const text = appended ? `${exampleUnder(page, heading).trimEnd()}\n${appended}` : exampleUnder(page, heading);
  return analyzeCatalogFile(text, { catalogPath, workspaceRoot: folder });
}

const summary = (page: string, heading: string) => analyzeExample(page, heading).findings.map((f) => `${f.severity} ${f.ruleId}`);

describe('rule documentation', () => {
  for (const rule of ruleRegistry) {
    describe(rule.id, () => {
      it('has a page at the docs URL the diagnostics link to, headed by the id and stating the default severity', () => {
        assert.equal(rule.docsUrl, ruleDocsUrl(rule.id));
        assert.ok(rule.docsUrl.endsWith(`/docs/rules/${rule.id}.md`));
        const page = rulePage(rule.id);
        assert.equal(page.split('\n')[0], `# ${rule.id}`);
        assert.ok(page.includes(`Default severity: **${rule.defaultSeverity}** · Can be accepted in \`acceptedRisks\`: **${rule.acceptable ? 'yes' : 'no'}**`));
        for (const heading of ['What it checks', 'Why', 'Avoid', 'Prefer', 'Accepting the risk', 'Options', 'Sources']) {
          assert.match(page, new RegExp(`^## ${heading}$`, 'm'));
        }
      });

      it('its Avoid example fires the rule', () => {
        const findings = summary(rulePage(rule.id), 'Avoid');
        const expected = rule.id === 'recommendation' ? 'information recommendation' : `${rule.defaultSeverity} ${rule.id}`;
        assert.ok(findings.includes(expected), `${expected} not in ${JSON.stringify(findings)}`);
      });

      it("says what the Avoid example's finding says: its message and its detail, as the engine words them", () => {
        const finding = analyzeExample(rulePage(rule.id), 'Avoid').findings.find(
          (f) => f.ruleId === rule.id && (rule.id !== 'recommendation' || f.severity === 'information'),
        );
        assert.ok(finding);
        const says = rulePage(rule.id)
          .split(/^## /m)
          .find((part) => part.startsWith('What it says\n'));
        assert.ok(says, 'no "## What it says" section');
        assert.ok(says.includes(`\n> ${finding.message}\n`), `the message is now: ${finding.message}`);
        assert.ok(says.includes(`\n> ${finding.detail}\n`), `the detail is now: ${finding.detail}`);
      });

      it('its Prefer example does not, and has no error at all', () => {
        const findings = summary(rulePage(rule.id), 'Prefer');
        const fired =
          rule.id === 'recommendation' ? findings.filter((f) => f === 'information recommendation') : findings.filter((f) => f.endsWith(` ${rule.id}`));
        assert.deepEqual(fired, []);
        if (rule.id === 'recommendation') assert.ok(findings.includes('hint recommendation'), `no hint recommendation in ${JSON.stringify(findings)}`);
        assert.deepEqual(
          findings.filter((f) => f.startsWith('error ')),
          [],
        );
      });

      it('an acceptable rule shows an acceptedRisks entry that silences it', function () {
        if (!rule.acceptable) return this.skip();
        const page = rulePage(rule.id);
        const entry = /```yaml\n( {4}acceptedRisks:\n[\s\S]*?)```/.exec(page.split('## Accepting the risk')[1])?.[1];
        assert.ok(entry, 'no acceptedRisks example');
        // Appended to the Avoid example's last data type, the entry must turn the finding into an accepted risk.
        const accepted = analyzeExample(page, 'Avoid', entry);
        assert.deepEqual(
          accepted.findings.filter((f) => f.ruleId === rule.id),
          [],
        );
        assert.deepEqual(
          accepted.acceptedRisks.map((r) => `${r.rule} ${r.matched}`),
          [`${rule.id} true`],
        );
      });
    });
  }

  it('the index links every rule page, and there is no page for a rule that does not exist', () => {
    const index = readFileSync(join(docsDir, 'README.md'), 'utf8');
    for (const rule of ruleRegistry) assert.ok(index.includes(`(rules/${rule.id}.md)`), `${rule.id} not linked from docs/README.md`);
    const pages = readdirSync(join(docsDir, 'rules'))
      .map((file) => file.replace(/\.md$/, ''))
      .sort();
    assert.deepEqual(pages, ruleRegistry.map((rule) => rule.id).sort());
    assert.ok(existsSync(join(docsDir, 'rules', 'hot-hot-without-guard.md')));
  });

  it("every list of rules (the setting's enum, the schema's acceptedRisks enum, the rules index, the README's table) is what `npm run docs` renders from the registry", () => {
    const repoRoot = join(docsDir, '..');
    const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
    for (const { path, text } of renderRuleLists(read)) assert.equal(read(path), text, `${path} is out of date: run \`npm run docs\``);
  });

  it('the rule-list check fails on a list that drifts from the registry', () => {
    const repoRoot = join(docsDir, '..');
    const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
    const drifted = (path: string) => (path === 'README.md' ? read(path).replace('| [`store-drift`]', '| [`store-drfit`]') : read(path));
    const readme = renderRuleLists(drifted).find((file) => file.path === 'README.md')!;
    assert.notEqual(drifted('README.md'), readme.text);
  });

  describe('store facts page', () => {
    it('docs/store-facts.md is what `npm run docs` renders from the store facts table', () => {
      assert.equal(readFileSync(join(docsDir, 'store-facts.md'), 'utf8'), renderStoreFactsPage(), 'docs/store-facts.md is out of date: run `npm run docs`');
    });

    it('cites a web page for every fact of every store', () => {
      for (const id of STORE_IDS) {
        const { refuses, ...facts } = storeFacts[id];
        const sourced = [...Object.entries(facts), ...Object.entries(refuses).map(([use, fact]) => [`refuses.${use}`, fact] as const)];
        for (const [name, fact] of sourced) {
          if (typeof fact === 'object') assert.match(fact.source, /^https:\/\/\S+( \[secondary source\])?$/, `${id}.${name}`);
        }
      }
    });
  });

  it('the project stands alone: no source, doc or schema points at the steering files beside it', () => {
    const repoRoot = join(docsDir, '..');
    const walk = (dir: string): string[] =>
      readdirSync(join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? (entry.name === 'generated' ? [] : walk(join(dir, entry.name))) : [join(dir, entry.name)],
      );
    const files = [...walk('src'), ...walk('docs'), ...walk('schemas'), ...walk('scripts'), 'README.md', 'CHANGELOG.md'].filter(
      (file) => !file.endsWith('.png'),
    );
    assert.ok(files.length > 50, `${files.length} files`);
    for (const file of files) {
      assert.doesNotMatch(readFileSync(join(repoRoot, file), 'utf8'), /\.\.\/shared|\b(domain|iac)-facts\.md|\bSPEC(\.md| §)/, file);
    }
  });
});

describe('the walkthrough', () => {
  // Markdown media is hidden when the editor is 950 px or narrower (a 1280 px window with the side
  // bar open): every step shows a picture, in the theme in use, and says what matters in its text.
  it('each step shows a picture for light and dark themes, and the last step starts your own catalog', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));
    const steps: Array<{ id: string; media: { image?: Record<string, string>; markdown?: string }; description: string }> =
      manifest.contributes.walkthroughs[0].steps;
    for (const step of steps) {
      assert.equal(step.media.markdown, undefined, step.id);
      assert.deepEqual(Object.keys(step.media.image ?? {}).sort(), ['dark', 'hc', 'hcLight', 'light'], step.id);
      for (const image of Object.values(step.media.image!)) assert.ok(existsSync(join(__dirname, '../../..', image)), image);
    }
    const last = steps[steps.length - 1];
    assert.equal(last.id, 'startOwn');
    assert.match(last.description, /command:capAdvisor\.newCatalog/);
    assert.match(last.description, /command:capAdvisor\.draftCatalog/);
  });

  it('"Apply a fix" describes the error its button goes to (the example\'s first error) and the fixes it offers', () => {
    const example = join(__dirname, '../../../examples/storefront.catalog.yaml');
    const text = readFileSync(example, 'utf8');
    const analysis = analyzeCatalogFile(text, { catalogPath: example, fileName: example });
    const first = analysis.findings.find((finding) => finding.severity === 'error')!;
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));
    const page: string = manifest.contributes.walkthroughs[0].steps.find((step: { id: string }) => step.id === 'applyFix').description;
    assert.ok(page.includes(`**${first.dataType}**`) && page.includes(`\`${first.ruleId}\``), `${first.dataType} ${first.ruleId}`);
    for (const fix of quickFixesFor(text, analysis, [first])) {
      const store = /^Set store to (\S+)/.exec(fix.title)?.[1];
      if (store) assert.ok(page.includes(`\`${store}\``), fix.title);
    }
  });
});
