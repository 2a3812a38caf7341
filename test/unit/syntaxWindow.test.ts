// A syntax error in a large catalog is read from the entry around it, not from a parse of the
// whole text (a second `yaml` parse doubled the cost of a half-typed line at 10,000 data types).
// What the user sees must not change: the same messages at the same places as a whole parse.
import { strict as assert } from 'node:assert';
import { parseDocument } from 'yaml';
import { analyzeCatalog } from '../../src/engine';
import { readPlainCatalog } from '../../src/engine/read/fastReader';
import { SYNTAX_WINDOW_FROM_CHARS, syntaxErrorsAround } from '../../src/engine/read/syntaxWindow';
import { HEADER } from '../helpers/catalogs';

const entry = (i: number) =>
  `  - name: data-${i}\n    category: session\n    store: dynamodb-global\n    description: Session state for the storefront, kept for a day\n`;
const MIDDLE = `  - name: edited\n    category: session\n    store: dynamodb-global\n    description: Session state for the storefront, kept for a day\n`;
/** Entries on each side of the edited one: enough to pass the size from which errors are read around their place. */
const SIDE = Math.ceil(SYNTAX_WINDOW_FROM_CHARS / entry(0).length / 2) + 10;
const before = Array.from({ length: SIDE }, (_, i) => entry(i)).join('');
const afterEntries = Array.from({ length: SIDE }, (_, i) => entry(SIDE + i)).join('');

const mutations: Array<[string, (entry: string) => string]> = [
  ['an over-indented line', (e) => e.replace('    store:', '      store:')],
  ['a key without its colon', (e) => e.replace('    category: session', '    category session')],
  ['a tab as indentation', (e) => e.replace('    store:', '\tstore:')],
  ['an unclosed quote', (e) => e.replace('kept for a day', '"kept for a day')],
  ['an unclosed flow list', (e) => `${e}    resources: [SessionsTable, CartsTable\n`],
  ['a key given twice', (e) => `${e}    store: aurora-global\n`],
  ['a dash where a key belongs', (e) => e.replace('    store:', '    - store:')],
];

/** Where js-yaml (the fast reader) stopped, as the analysis hears it. */
function fastReaderStop(text: string): number | undefined {
  let stop: number | undefined;
  readPlainCatalog(text, (offset) => (stop = offset));
  return stop;
}

describe('a syntax error in a large catalog', () => {
  let windowed = 0;
  after(() => assert.ok(windowed >= 3, `only ${windowed} of the mutations were read around their place`));

  for (const [what, mutate] of mutations) {
    it(`${what}: the first error as a whole parse gives it, and no other`, () => {
      const edited = mutate(MIDDLE);
      const large = `${HEADER}${before}${edited}${afterEntries}`;
      assert.ok(large.length >= SYNTAX_WINDOW_FROM_CHARS);
      const whole = parseDocument(large, { merge: true, prettyErrors: false }).errors.filter((e) => e.code !== 'MULTIPLE_DOCS');
      const stop = fastReaderStop(large);
      if (whole.length === 0) {
        // Valid YAML in this context (a quote that runs on): no syntax finding at all.
        assert.ok(!analyzeCatalog(large).findings.some((f) => f.ruleId === 'yaml-syntax'));
        return;
      }
      // Where js-yaml took the text as valid or stopped elsewhere, the whole text is parsed.
      const around = stop === undefined ? undefined : syntaxErrorsAround(large, stop);
      if (around) {
        windowed++;
        // A whole parse goes on reporting into the entries after (thousands of findings for one
        // tab); read around its place, the errors stay in their entry: the first as the whole
        // parse gives it, and each of the others one the whole parse gives too.
        const key = (e: { code: string; message: string; pos: [number, number] }) => JSON.stringify([e.code, e.message, e.pos]);
        assert.equal(key(around[0]), key(whole[0]));
        const wholeKeys = new Set(whole.map(key));
        assert.ok(
          around.every((e) => wholeKeys.has(key(e))),
          JSON.stringify(around),
        );
      }
      const [first] = analyzeCatalog(large).findings.filter((f) => f.ruleId === 'yaml-syntax');
      assert.deepEqual(first.range.offset, whole[0].pos);
      assert.match(first.message, new RegExp(`^YAML syntax error: ${whole[0].message.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    });
  }

  it('reads only the entry around the error when the error is local to it', () => {
    const large = `${HEADER}${before}${MIDDLE.replace('    store:', '      store:')}${afterEntries}`;
    const around = syntaxErrorsAround(large, large.indexOf('      store:'));
    assert.ok(around && around.length > 0);
    const edited = large.indexOf('  - name: edited');
    assert.ok(
      around.every((error) => error.pos[0] >= edited && error.pos[1] <= edited + MIDDLE.length + 2),
      JSON.stringify(around),
    );
  });

  it('parses the whole text when the entry alone holds no error (the cause is elsewhere)', () => {
    const large = `${HEADER}${before}${MIDDLE}${afterEntries}`;
    assert.equal(syntaxErrorsAround(large, large.indexOf('  - name: edited') + 4), undefined);
  });
});
