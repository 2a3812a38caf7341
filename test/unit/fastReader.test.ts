// The fast reader (js-yaml) must be invisible: on every text it takes, the plain data and every
// range the analysis can ask for equal what `yaml` gives, and `yaml` finds no error in that text.
// Whatever it is unsure of goes to `yaml`.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { analyzeCatalog } from '../../src/engine';
import { CatalogSource, type PathSegment } from '../../src/engine/read/source';

const storefront = readFileSync(join(__dirname, '../../../examples/storefront.catalog.yaml'), 'utf8');

/** Every path in the data, plus a missing key and a missing index under each collection. */
function pathsOf(value: unknown, path: PathSegment[] = [], out: PathSegment[][] = []): PathSegment[][] {
  out.push(path);
  if (Array.isArray(value)) {
    value.forEach((item, index) => pathsOf(item, [...path, index], out));
    out.push([...path, value.length]);
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) pathsOf((value as Record<string, unknown>)[key], [...path, key], out);
    out.push([...path, 'no-such-key']);
  }
  return out;
}

/** Compares the two readers on a text; answers whether the fast reader took it. */
function assertSameAsYaml(text: string): boolean {
  const fast = new CatalogSource(text);
  if (!fast.readFast) return false;
  const slow = new CatalogSource(text, 'yaml');
  assert.deepEqual(
    slow.doc.errors.map((e) => e.message),
    [],
    'the fast reader took a text yaml rejects',
  );
  const data = slow.toPlainData();
  assert.deepEqual(fast.toPlainData(), data, 'plain data differs');
  assert.ok('value' in data);
  for (const path of pathsOf(data.value)) {
    assert.deepEqual(fast.rangeAt(path), slow.rangeAt(path), `rangeAt ${JSON.stringify(path)}`);
    assert.deepEqual(fast.keyRangeAt(path), slow.keyRangeAt(path), `keyRangeAt ${JSON.stringify(path)}`);
  }
  return true;
}

// Catalog-shaped values with scalars that resolve differently under careless schemas.
const trickyScalar = fc.oneof(
  fc.constantFrom(
    '0o17',
    '0x1F',
    '1_000',
    '1e3',
    '.5',
    '+.inf',
    '.NaN',
    '~',
    'null',
    'Null',
    'yes',
    'on',
    'TRUE',
    '2024-01-01',
    '0123',
    '-0',
    '12:30',
    'a: b',
    '#x',
    "it's",
    '"q"',
  ),
  fc.string({ maxLength: 10 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const entry = fc.dictionary(
  fc.constantFrom('name', 'store', 'rpo', 'regions', 'splitBrainGuards', 'description', 'x y', '1', 'true'),
  fc.oneof(trickyScalar, fc.array(trickyScalar, { maxLength: 3 }), fc.dictionary(fc.constantFrom('type', 'ttl', 'region'), trickyScalar, { maxKeys: 3 })),
  { maxKeys: 6 },
);
const catalog = fc.record({ apiVersion: fc.constant('cap-advisor/v1'), metadata: entry, dataTypes: fc.array(entry, { maxLength: 5 }) });
const style = fc.record({
  flow: fc.boolean(),
  indent: fc.integer({ min: 1, max: 4 }),
  quote: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
  crlf: fc.boolean(),
  documentStart: fc.boolean(),
});

/** Edits that reach the corners of YAML syntax: comments, block scalars, anchors, tags, CRs. */
const edit = fc.record({ at: fc.nat(), cut: fc.integer({ min: 0, max: 8 }), text: fc.stringMatching(/^[-:#&*!|>'"{}[\],? \r\n\ta-z0-9]{0,10}$/) });
function applyEdit(text: string, change: { at: number; cut: number; text: string }): string {
  const at = text.length === 0 ? 0 : change.at % text.length;
  return text.slice(0, at) + change.text + text.slice(at + change.cut);
}

describe('fast reader', () => {
  it('takes the example, and agrees with yaml on it', () => {
    assert.equal(assertSameAsYaml(storefront), true);
  });

  it('a mapping of many keys, looked up through its key index rather than scanned: the same ranges as yaml', () => {
    // Past 16 pairs a mapping's keys are indexed on the first lookup; every key, a missing one and
    // a key that only differs in case must still land where yaml puts them.
    const keys = Array.from({ length: 40 }, (_, i) => `key-${i}: { value: ${i}, list: [a, b] }`);
    const text = `apiVersion: cap-advisor/v1\nmetadata:\n${keys.map((line) => `  ${line}\n`).join('')}  KEY-0: upper\ndataTypes: []\n`;
    assert.equal(assertSameAsYaml(text), true);
    const source = new CatalogSource(text);
    assert.deepEqual(source.rangeAt(['metadata', 'key-39', 'list', 1]).start, { line: 42, column: 34 });
  });

  it('random catalogs in every scalar and collection style: same data and ranges as yaml', () => {
    let taken = 0;
    fc.assert(
      fc.property(catalog, style, (value, { flow, indent, quote, crlf, documentStart }) => {
        let text = stringify(value, { indent, collectionStyle: flow ? 'flow' : 'any', defaultStringType: quote, directives: documentStart });
        if (crlf) text = text.replace(/\n/g, '\r\n');
        if (assertSameAsYaml(text)) taken++;
      }),
      { numRuns: 400 },
    );
    // Not a vacuous pass: about half of these texts are plain catalogs (flow style across lines is not).
    assert.ok(taken > 120, `the fast reader took only ${taken} of 400`);
  });

  it('the example under random edits: the fast reader takes a text only where it agrees with yaml', () => {
    let taken = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (changes) => {
        if (assertSameAsYaml(changes.reduce(applyEdit, storefront))) taken++;
      }),
      { numRuns: 400 },
    );
    assert.ok(taken > 50, `the fast reader took only ${taken} of 400`);
  });

  it('leaves to yaml what it does not read: syntax errors, several documents, anchors, tags, merge keys, non-string keys', () => {
    for (const text of [
      'a: [1, 2\n',
      'a: 1\n---\nb: 2\n',
      'base: &base { store: s3 }\nother: *base\n',
      'a: !!str 1\n',
      'base: &b { x: 1 }\nc:\n  <<: *b\n',
      '1: one\n',
      '? complex\n: key\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: 1\na: 2\n',
      'm: { a: 1, a: 2 }\n',
    ]) {
      assert.equal(new CatalogSource(text).readFast, false, JSON.stringify(text));
    }
  });

  it('the analysis is the same whichever reader read the text', () => {
    // A directive sends the same catalog to yaml; its findings must not change, two lines down.
    const directed = `%YAML 1.2\n---\n${storefront}`;
    assert.equal(new CatalogSource(directed).readFast, false);
    const findings = (text: string, linesAbove: number) =>
      analyzeCatalog(text).findings.map(({ ruleId, severity, message, range }) => ({
        ruleId,
        severity,
        message,
        start: [range.start.line - linesAbove, range.start.column],
        end: [range.end.line - linesAbove, range.end.column],
      }));
    assert.deepEqual(findings(directed, 2), findings(storefront, 0));
  });
});
