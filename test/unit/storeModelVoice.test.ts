// SPEC §14: what each store is lives in one model, and every message that describes a store says
// what that store's row states. Version 3 told readers that dynamodb-global-strong's "secondary
// Regions cannot take writes" (Aurora's words, reused): this test reads every sentence the tool
// writes about one store (findings, scenario outcomes, hovers) across catalogs on every store, and
// fails when a sentence claims a behaviour the store's row does not state.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { analyzeCatalog, hoverAt, simulate, STORE_IDS, storeFacts, type StoreFacts, type StoreId } from '../../src/engine';
import { US_HEADER } from '../helpers/catalogs';

/** Behaviour a sentence can claim about a store, and what its model row must say for the claim to hold. */
const CLAIMS: ReadonlyArray<{ claim: string; phrase: RegExp; holds: (facts: StoreFacts) => boolean }> = [
  {
    claim: 'one writer (read-only secondaries)',
    phrase: /secondary (Regions|clusters) (cannot take writes|are read-only)|read-only secondar|has one writer|takes writes in one Region/i,
    holds: (facts) => facts.writers.value === 'primary' || facts.writers.value === 'single-region',
  },
  {
    claim: 'last writer wins',
    phrase: /last writer wins|the last writer/i,
    holds: (facts) => facts.conflicts.value === 'last-writer-wins',
  },
  {
    claim: 'something is promoted',
    phrase: /(?<!nothing )\bis promoted\b|\bpromotes\b/i,
    holds: (facts) => facts.recovery.value.some((operation) => operation !== 'move-writes'),
  },
  {
    claim: 'every Region takes writes',
    phrase: /takes writes in every Region|every Region (takes|keeps (taking|accepting)) writes/i,
    holds: (facts) => facts.writers.value === 'all',
  },
  {
    claim: 'a quorum refuses a cut-off Region',
    phrase: /refuses writes/i,
    holds: (facts) => facts.conflicts.value === 'quorum' || facts.writers.value !== 'all',
  },
];

const STORE_NAME = new RegExp(`(?<![a-z-])(${[...STORE_IDS].sort((a, b) => b.length - a.length).join('|')})(?![a-z-])`, 'g');

/** The sentences of a text that name exactly one store, with it; a sentence about the catalog's own conflictResolution or comparing stores is left out. */
function sentencesAboutOneStore(text: string): Array<{ store: StoreId; sentence: string }> {
  return (
    text
      .split(/(?<=[.;])\s+|\n+/)
      .filter((sentence) => !/conflictResolution|leaseStore|deploys/.test(sentence))
      // What a sentence advises ("use aurora-dsql") is not what it says about the store in question.
      .map((sentence) => sentence.replace(/\b(use|Use|move to|Set store to|or, also [A-Z]+,)\b[^.;]*/g, ''))
      .flatMap((sentence) => {
        const named = new Set([...sentence.matchAll(STORE_NAME)].map((match) => match[1] as StoreId));
        return named.size === 1 ? [{ store: [...named][0], sentence }] : [];
      })
  );
}

function unfoundedClaims(text: string): string[] {
  return sentencesAboutOneStore(text).flatMap(({ store, sentence }) =>
    CLAIMS.filter(({ phrase, holds }) => phrase.test(sentence) && !holds(storeFacts[store])).map(({ claim }) => `${store}: "${claim}" in: ${sentence}`),
  );
}

const header = `${US_HEADER}dataTypes:\n`;

const entryArbitrary = fc.record({
  category: fc.constantFrom('transaction', 'inventory', 'account', 'cart', 'session', 'analytics', 'cache', 'audit'),
  store: fc.constantFrom(...STORE_IDS),
  topology: fc.constantFrom('hot-hot', 'hot-warm', 'single-region'),
  failover: fc.constantFrom('manual', 'automatic'),
  writes: fc.option(fc.subarray(['idempotent-put', 'append-only', 'counter', 'conditional', 'transaction'], { minLength: 1, maxLength: 2 }), {
    nil: undefined,
  }),
  guard: fc.constantFrom('', 'fencing-lease', 'quorum', '{ type: witness-region, region: us-west-2 }'),
});

function catalogOf(entries: Array<typeof entryArbitrary extends fc.Arbitrary<infer T> ? T : never>): string {
  return (
    header +
    entries
      .map(
        (entry, i) =>
          `  - name: data-${i}\n    category: ${entry.category}\n    store: ${entry.store}\n    topology: ${entry.topology}\n    failover: ${entry.failover}\n` +
          (entry.writes ? `    writes: [${entry.writes.join(', ')}]\n` : '') +
          (entry.guard ? `    splitBrainGuards: [${entry.guard}]\n` : ''),
      )
      .join('')
  );
}

/** Everything the tool says about the catalog's data types: findings, scenario outcomes, and the hover on each store and name. */
function everythingSaid(text: string): string[] {
  const analysis = analyzeCatalog(text);
  const said = analysis.findings.flatMap((finding) => [finding.message, finding.detail]);
  for (const scenario of simulate(analysis)) for (const outcome of scenario.outcomes) said.push(outcome.message, outcome.detail);
  for (const match of text.matchAll(/^ {4}store: (\S+)$|^ {2}- name: (\S+)$/gm)) {
    const hover = hoverAt(text, match.index + match[0].length - 1, analysis);
    if (hover) said.push(hover.markdown);
  }
  return said;
}

describe('every sentence about a store says what its model row states (SPEC §14)', () => {
  it('the check itself: the sentence version 3 wrote about dynamodb-global-strong fails it, the same words about aurora-global pass', () => {
    const v3 =
      '`orders` needs CP, but `dynamodb-global-strong` is CP across Regions: its secondary Regions cannot take writes, so during a partition or a failover writes there fail.';
    assert.equal(unfoundedClaims(v3).length, 1);
    assert.deepEqual(unfoundedClaims(v3.replace('dynamodb-global-strong', 'aurora-global')), []);
    assert.equal(unfoundedClaims('A person promotes us-east-2 (`dynamodb-global` takes writes in every Region).').length, 1);
  });

  it('on every store, each topology and failover, with and without guards and declared writes', () => {
    fc.assert(
      fc.property(fc.array(entryArbitrary, { minLength: 1, maxLength: 4 }), (entries) => {
        const text = catalogOf(entries);
        assert.deepEqual(everythingSaid(text).flatMap(unfoundedClaims), [], text);
      }),
      { numRuns: 150, seed: 14 },
    );
  });

  it('each store on its own, in the shapes a team would draw for it (and the claims checked are many, on every store)', () => {
    const checked = new Map<StoreId, number>();
    for (const store of STORE_IDS) {
      for (const topology of ['hot-hot', 'hot-warm'] as const) {
        for (const category of ['transaction', 'session'] as const) {
          const text = catalogOf([{ category, store, topology, failover: 'automatic', writes: ['counter'], guard: '' }]);
          const said = everythingSaid(text);
          assert.deepEqual(said.flatMap(unfoundedClaims), [], `${store} ${topology} ${category}`);
          for (const { store: about, sentence } of said.flatMap(sentencesAboutOneStore))
            if (CLAIMS.some(({ phrase }) => phrase.test(sentence))) checked.set(about, (checked.get(about) ?? 0) + 1);
        }
      }
    }
    const multiRegion = STORE_IDS.filter((store) => storeFacts[store].position.value !== null);
    assert.deepEqual(
      multiRegion.filter((store) => (checked.get(store) ?? 0) < 2),
      [],
      JSON.stringify(Object.fromEntries(checked)),
    );
  });
});
