// Bad input: no input crashes the engine. Each gets findings or one clear finding, quickly.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { analyzeCatalog, type CatalogAnalysis } from '../../src/engine';
import { catalog, findingsOf, where } from '../helpers/catalogs';

/** Analyse, asserting it neither throws nor takes long, and that every range lies in the text. */
function analyse(text: string, options: Parameters<typeof analyzeCatalog>[1] = {}, budgetMs = 5000): CatalogAnalysis {
  const started = Date.now();
  const analysis = analyzeCatalog(text, options);
  const elapsed = Date.now() - started;
  assert.ok(elapsed < budgetMs, `took ${elapsed} ms`);
  for (const finding of analysis.findings) {
    assert.ok(finding.range.offset[0] >= 0 && finding.range.offset[1] <= text.length, `${where(finding)} outside the text`);
    assert.doesNotMatch(finding.message, /internal error/);
  }
  return analysis;
}

function bigCatalog(targetBytes: number): string {
  const entry = (i: number) =>
    `  # entry ${i}\n  - name: data-${i}\n    category: cart\n    topology: hot-hot\n    conflictResolution: merge\n    store: dynamodb-global\n`;
  const parts = [catalog('')];
  let size = parts[0].length;
  for (let i = 0; size < targetBytes; i++) {
    const e = entry(i);
    parts.push(e);
    size += e.length;
  }
  return parts.join('');
}

describe('bad input', () => {
  it('an empty file gets one finding saying there is no catalog', () => {
    const { findings } = analyse('');
    assert.deepEqual(
      findings.map((f) => `${where(f)} ${f.severity}`),
      ['schema@1:1-1:1 error'],
    );
    assert.match(findings[0].message, /no catalog in it/);
  });
  it('a file of comments only is treated like an empty one', () => {
    const { findings } = analyse('# just a comment\n# and another\n');
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      ['schema'],
    );
    assert.match(findings[0].message, /no catalog in it/);
  });
  it('a scalar', () => {
    const { findings } = analyse('hello');
    assert.deepEqual(
      findings.map((f) => `${where(f)}`),
      ['schema@1:1-1:6'],
    );
    assert.match(findings[0].message, /^The catalog must be a mapping, not a string/);
  });
  it('a list', () => {
    const { findings } = analyse('- a\n- b\n');
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      ['schema'],
    );
    assert.match(findings[0].message, /must be a mapping, not a list/);
  });
  it('several documents: the first is analysed, the second is reported once', () => {
    const text = `${catalog('  - name: carts\n    category: cart\n    topology: hot-hot\n')}---\nkind: Other\n---\nmore: 1\n`;
    const { findings } = analyse(text);
    assert.deepEqual(findings.filter((f) => f.ruleId !== 'recommendation').map(where), ['hot-hot-without-guard@15:15-15:22', 'schema@16:1-16:4']);
    assert.match(findings.find((f) => f.ruleId === 'schema')!.message, /holds one YAML document/);
  });
  it('an alias bomb is refused, not expanded', () => {
    let bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    let previous = 'a';
    for (const name of 'bcdefghi') {
      bomb += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
      previous = name;
    }
    const { findings } = analyse(bomb, {}, 1000);
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      ['yaml-syntax'],
    );
    assert.match(findings[0].message, /^Refused: the document expands too many YAML aliases/);
  });
  it('a few anchors and aliases, and merge keys, are fine', () => {
    const text = catalog('  - &cart\n    name: carts\n    category: cart\n  - <<: *cart\n    name: wishlists\n').replace(
      'dataTypes:\n',
      'defaults:\n  regions: &both [us-east-1, us-west-2]\ndataTypes:\n',
    );
    const { findings, recommendations } = analyse(text);
    assert.deepEqual(findings.filter((f) => f.ruleId !== 'recommendation').map(where), []);
    assert.deepEqual(
      recommendations.map((r) => r.dataType),
      ['carts', 'wishlists'],
    );
  });
  it('5,000-deep nesting is refused quickly with one finding', () => {
    // Flow nesting, compact block sequences, and block mappings indented one more space per level.
    const blockMappings = Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1';
    for (const text of ['['.repeat(5000) + ']'.repeat(5000), `${'- '.repeat(5000)}x`, blockMappings]) {
      const { findings } = analyse(text, { maxFileBytes: 20 * 1024 * 1024 }, 2000);
      assert.deepEqual(
        findings.map((f) => f.ruleId),
        ['yaml-syntax'],
      );
      assert.match(findings[0].message, /^Refused: the YAML nests deeper than 256 levels here/);
    }
  });
  it('the depth guard counts real nesting only: brackets in text, quotes and comments do not count', () => {
    const descriptions = Array.from({ length: 400 }, (_, i) => `  - name: d-${i}\n    category: cart\n    description: see [docs and {notes "[" # [[[\n`).join(
      '',
    );
    const text = catalog(
      descriptions.replace(/description: see/g, (m, offset) => (offset % 2 ? m : 'description: "quoted [[[ { text"\n    # [[[[ a comment\n    x: see')),
    );
    assert.deepEqual(findingsOf(text, 'yaml-syntax'), []);
    const nested = (depth: number) => `${catalog('  - name: deep\n    category: cart\n')}    description: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
    assert.deepEqual(findingsOf(nested(200), 'yaml-syntax'), []);
    assert.deepEqual(findingsOf(nested(300), 'yaml-syntax').map(where), ['yaml-syntax@15:1-15:201']);
  });
  it('20 KB of random bytes gives findings and never throws', () => {
    for (let i = 0; i < 20; i++) {
      const noise = randomBytes(20 * 1024);
      for (const text of [noise.toString('latin1'), noise.toString('utf8')]) {
        const { findings } = analyse(text);
        assert.ok(findings.length > 0);
      }
    }
  });
  it('every field with a wrong type: one schema finding per field, and no crash in the rules', () => {
    const fields = [
      'description: [a]',
      'category: 7',
      'consistency: {}',
      'cap: true',
      'topology: 1',
      'regions: {a: 1}',
      'store: [s3]',
      'conflictResolution: 2',
      'immutable: "yes"',
      'stalenessBudget: 5',
      'rpo: true',
      'rto: []',
      'failover: {}',
      'splitBrainGuards: fencing-lease',
      'acceptedRisks: {rule: x}',
    ];
    const text = catalog(`  - name: everything-wrong\n${fields.map((f) => `    ${f}\n`).join('')}`);
    const { findings } = analyse(text);
    const schemaLines = findings.filter((f) => f.ruleId === 'schema').map((f) => f.range.start.line);
    assert.deepEqual(
      schemaLines,
      fields.map((_, i) => 14 + i),
    );
    const header = 'apiVersion: 1\nkind: [DataCatalog]\nmetadata: x\nregions: {a: 1}\ndefaults: []\ndataTypes: {}\n';
    assert.deepEqual(
      analyse(header).findings.map((f) => f.range.start.line),
      [1, 2, 3, 4, 5, 6],
    );
    const nested = catalog(
      '  - 42\n  - [a]\n  - name: 1\n    category: cart\n    splitBrainGuards: [3, {type: 4}, {type: quorum, approvers: x}]\n    acceptedRisks: [x, {rule: 1, reason: 2}]\n',
    );
    assert.deepEqual(
      analyse(nested)
        .findings.filter((f) => f.ruleId === 'schema')
        .map((f) => f.range.start.line),
      [13, 14, 15, 17, 17, 17, 18, 18, 18],
    );
  });
  it('a file over the size limit gets one finding that says how to raise the limit', () => {
    const text = bigCatalog(11 * 1024 * 1024);
    const { findings } = analyse(text, {}, 2000);
    assert.deepEqual(
      findings.map((f) => `${where(f)} ${f.severity}`),
      ['yaml-syntax@1:1-1:27 error'],
    );
    assert.equal(findings[0].message, 'Not analysed: the file is 11 MB, over the 10 MB limit; raise the limit or split it.');
    assert.match(findings[0].detail, /^Not analysed: the file is 11 MB, over the 10 MB limit .*`capAdvisor\.maxFileSize`.*`--max-file-size`/);
  });
  it('the limit counts UTF-8 bytes, not characters', () => {
    const text = `${catalog('')}# ${'é'.repeat(600)}\n`;
    assert.equal(analyse(text, { maxFileBytes: 1000 }).findings[0].ruleId, 'yaml-syntax');
    assert.notEqual(analyse(text, { maxFileBytes: 2000 }).findings[0].ruleId, 'yaml-syntax');
  });
  it('a 30 MB catalog is refused at once by default, and analysed within seconds when the limit is raised', function () {
    this.timeout(120_000);
    const text = bigCatalog(30 * 1024 * 1024);
    assert.equal(analyse(text, {}, 1000).findings.length, 1);
    const started = Date.now();
    const { findings, recommendations } = analyse(text, { maxFileBytes: 64 * 1024 * 1024 }, 60_000);
    const seconds = (Date.now() - started) / 1000;
    assert.ok(recommendations.length > 200_000, `${recommendations.length} data types`);
    assert.deepEqual(
      findings.filter((f) => f.ruleId !== 'recommendation'),
      [],
    );
    // Printed so CI logs show the figure; the performance goals live in `npm run bench`.
    console.log(`      30 MB catalog (${recommendations.length} data types) analysed in ${seconds.toFixed(1)} s`);
  });
});
