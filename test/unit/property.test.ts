// Property tests (bad input): whatever the text, the engine returns findings without throwing,
// and every range it reports lies inside the text and agrees with its own offsets, so the
// editor and the CLI point at real characters.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { analyzeCatalog, CATEGORIES, STORE_IDS, type SourceRange } from '../../src/engine';

const storefront = readFileSync(join(__dirname, '../../../examples/storefront.catalog.yaml'), 'utf8');

/** 1-based line and column of a UTF-16 offset, counted independently of the engine. */
function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function assertInside(text: string, range: SourceRange, what: string): void {
  const [start, end] = range.offset;
  assert.ok(Number.isInteger(start) && Number.isInteger(end), `${what}: offsets ${start}-${end}`);
  assert.ok(start >= 0 && start <= end && end <= text.length, `${what}: offsets ${start}-${end} outside 0-${text.length}`);
  assert.deepEqual(range.start, positionAt(text, start), `${what}: start does not match its offset`);
  assert.deepEqual(range.end, positionAt(text, end), `${what}: end does not match its offset`);
}

/** Analyses and checks the invariants every caller relies on. */
function checkInvariants(text: string): void {
  const analysis = analyzeCatalog(text);
  for (const finding of analysis.findings) {
    const label = `${finding.ruleId} "${finding.message}"`;
    assert.doesNotMatch(finding.message, /internal error/i, label);
    assertInside(text, finding.range, label);
    for (const related of finding.related ?? []) assertInside(text, related.range, `${label} related "${related.message}"`);
  }
  for (const risk of analysis.acceptedRisks) assertInside(text, risk.range, `accepted ${risk.rule}`);
}

// Values of the right and of the wrong kind for every field, so the schema mapping sees both.
const anyScalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null), fc.double({ noNaN: true }));
const duration = fc.oneof(fc.constantFrom('0s', '500ms', '1s', '30s', '5m', '2h', '1d', '10 min', '-1s'), anyScalar);
const regionName = fc.constantFrom('us-east-1', 'us-west-2', 'eu-west-1', 'ap-south-1', 'useast1', '');
const guard = fc.oneof(
  fc.constantFrom('human-approval', 'fencing-lease', 'witness-region', 'quorum', 'fencing_lease'),
  fc.record(
    {
      type: fc.constantFrom('human-approval', 'fencing-lease', 'witness-region', 'quorum', 'vote'),
      ttl: duration,
      region: regionName,
      approvers: fc.oneof(fc.integer({ min: -1, max: 5 }), anyScalar),
    },
    { requiredKeys: ['type'] },
  ),
  anyScalar,
);
const dataType = fc.record(
  {
    name: fc.oneof(fc.constantFrom('payments', 'carts', 'sessions', 'payments', 'Bad Name'), fc.string({ maxLength: 8 })),
    description: fc.string({ maxLength: 20 }),
    category: fc.oneof(fc.constantFrom(...CATEGORIES, 'transactions'), anyScalar),
    consistency: fc.oneof(fc.constantFrom('strong', 'eventual', 'strng'), anyScalar),
    cap: fc.oneof(fc.constantFrom('CP', 'AP', 'CA', 'cp'), anyScalar),
    topology: fc.oneof(fc.constantFrom('single-region', 'hot-warm', 'hot-hot'), anyScalar),
    regions: fc.oneof(fc.array(regionName, { maxLength: 4 }), anyScalar),
    store: fc.oneof(fc.constantFrom(...STORE_IDS, 'dynamo'), anyScalar),
    conflictResolution: fc.constantFrom('none', 'last-writer-wins', 'merge', 'application', 'lww'),
    immutable: fc.oneof(fc.boolean(), anyScalar),
    stalenessBudget: duration,
    rpo: duration,
    rto: duration,
    failover: fc.oneof(fc.constantFrom('manual', 'automatic'), anyScalar),
    splitBrainGuards: fc.oneof(fc.array(guard, { maxLength: 4 }), anyScalar),
    acceptedRisks: fc.array(
      fc.record({ rule: fc.constantFrom('staleness-budget-exceeded', 'rpo-unachievable', 'schema', 'nope'), reason: anyScalar }, { requiredKeys: [] }),
      { maxLength: 2 },
    ),
    colour: anyScalar,
  },
  { requiredKeys: [] },
);
const catalogObject = fc.record(
  {
    apiVersion: fc.constantFrom('cap-advisor/v1', 'cap-advisor/v2'),
    kind: fc.constant('DataCatalog'),
    metadata: fc.oneof(fc.record({ name: fc.string({ maxLength: 10 }), owner: anyScalar }, { requiredKeys: [] }), anyScalar),
    regions: fc.oneof(
      fc.array(fc.record({ name: regionName, role: fc.constantFrom('primary', 'secondary', 'witness', 'arbiter') }, { requiredKeys: [] }), { maxLength: 4 }),
      anyScalar,
    ),
    defaults: fc.oneof(dataType, anyScalar),
    dataTypes: fc.oneof(fc.array(dataType, { maxLength: 6 }), anyScalar),
  },
  { requiredKeys: ['apiVersion'] },
);
const yamlStyle = fc.record({ flow: fc.boolean(), indent: fc.integer({ min: 1, max: 4 }) });

/** Text edits of the kinds a user makes mid-typing: cut a span, paste noise, repeat a line, shift indentation. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.stringMatching(/^[-:#&*!|>'"{}[\],? \n\ta-z0-9]{1,12}$/) }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, change: Mutation): string {
  const at = text.length === 0 ? 0 : change.at % text.length;
  switch (change.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + change.length);
    case 'insert':
      return text.slice(0, at) + change.text + text.slice(at);
    case 'duplicateLine': {
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      const lineEnd = text.indexOf('\n', at);
      const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd + 1);
      return text.slice(0, lineStart) + line + text.slice(lineStart);
    }
    case 'indent': {
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      if (change.by >= 0) return text.slice(0, lineStart) + ' '.repeat(change.by) + text.slice(lineStart);
      const spaces = /^ */.exec(text.slice(lineStart))![0].length;
      return text.slice(0, lineStart) + text.slice(lineStart + Math.min(spaces, -change.by));
    }
  }
}

describe('property: any text', () => {
  it('random catalogs of right and wrong values, in block or flow style, never throw and stay in range', () => {
    fc.assert(
      fc.property(catalogObject, yamlStyle, (value, style) => {
        const text = stringify(value, { indent: style.indent, collectionStyle: style.flow ? 'flow' : 'any' });
        checkInvariants(text);
      }),
      { numRuns: 300 },
    );
  });

  it('the example catalog under random edits never throws and stays in range', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (changes) => {
        checkInvariants(changes.reduce(mutate, storefront));
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary Unicode text never throws and stays in range', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        checkInvariants(text);
      }),
      { numRuns: 300 },
    );
  });

  it('the range checker itself rejects a range that does not match its offsets', () => {
    const text = 'a: 1\nb: 2\n';
    const good: SourceRange = { start: { line: 2, column: 1 }, end: { line: 2, column: 2 }, offset: [5, 6] };
    assert.doesNotThrow(() => assertInside(text, good, 'good'));
    assert.throws(() => assertInside(text, { ...good, start: { line: 1, column: 6 } }, 'bad'), /start does not match/);
    assert.throws(() => assertInside(text, { ...good, offset: [5, 99] }, 'bad'), /outside/);
  });
});
