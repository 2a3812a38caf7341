// One voice per data type (SPEC §12): the rule messages, the quick fixes, the code lens, the
// hovers and the report all read the same verdict, so they name the same store; a fix, once
// applied, raises no finding whose fix undoes it (or says in its title which one it raises).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import {
  analyzeCatalog,
  applyEdits,
  CATEGORIES,
  dataTypeLenses,
  hoverAt,
  quickFixes,
  quickFixesFor,
  STORE_IDS,
  type AnalyzeOptions,
  type CatalogAnalysis,
  type Finding,
  type QuickFix,
} from '../../src/engine';
import { analyzeCatalogFile } from '../../src/workspace/files';
import { US_HEADER } from '../helpers/catalogs';

const examplePath = join(__dirname, '../../../examples/storefront.catalog.yaml');
const example = readFileSync(examplePath, 'utf8');
const exampleAnalysis = analyzeCatalogFile(example, { catalogPath: examplePath });
const exampleOptions: AnalyzeOptions = { infrastructure: exampleAnalysis.report.deployed };
const workspaceCatalog = join(__dirname, '../../../test/integration/workspace/orders.catalog.yaml');

const offsetOf = (text: string, needle: string, from = 0): number => {
  const at = text.indexOf(needle, from);
  assert.notEqual(at, -1, `"${needle}" is in the text`);
  return at;
};

/** The findings that share a range: what one lightbulb lists. */
function atOneRange(analysis: CatalogAnalysis): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const finding of analysis.findings) {
    const key = finding.range.offset.join(':');
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  return [...groups.values()];
}

/** Every surface that names a store for the data type agrees with its verdict. */
function assertOneVoice(text: string, analysis: CatalogAnalysis, options: AnalyzeOptions = {}): void {
  const lenses = dataTypeLenses(analysis);
  for (const dataType of analysis.report.dataTypes) {
    const { verdict } = dataType;
    const lens = lenses.find((l) => l.range.offset[0] === dataType.nameRange.offset[0])!;
    const hover = hoverAt(text, dataType.nameRange.offset[0] + 1, analysis)?.markdown ?? '';
    if (!verdict) {
      assert.match(lens.title, /^Finish this entry/, `${dataType.name}: the lens of an unfinished entry`);
      assert.doesNotMatch(hover, /recommended/, `${dataType.name}: the hover of an unfinished entry`);
      continue;
    }
    // The lens shows the declared store where it fits, else the advised one, said as advice.
    const lensStore = verdict.storeFits && verdict.declaredStore ? verdict.declaredStore : `advised ${verdict.store}`;
    assert.ok(lens.title.startsWith(`${verdict.cap} · ${lensStore}`), `${dataType.name}: lens "${lens.title}" against ${lensStore}`);
    assert.ok(
      hover.includes(`${verdict.cap} on \`${verdict.store}\` (recommended)`),
      `${dataType.name}: name hover "${hover.split('\n')[0]}" against ${verdict.store}`,
    );
    assert.equal(dataType.recommendation.store, verdict.store, `${dataType.name}: the report's recommendation`);
    if (verdict.declaredStore && !verdict.storeFits)
      assert.doesNotMatch(hover, /which fits/, `${dataType.name}: the hover says the declared store fits, the verdict does not`);
    for (const finding of dataType.findings) {
      // "use X" in a message: the store to move to.
      for (const [, store] of finding.message.matchAll(/\buse ([a-z0-9-]+)/g)) {
        if (!(STORE_IDS as readonly string[]).includes(store)) continue;
        assert.equal(store, verdict.store, `${dataType.name}: ${finding.ruleId} says "${finding.message}"`);
      }
      for (const fix of quickFixes(text, analysis, finding, { analyzeOptions: options })) {
        const set = /^Set store to ([a-z0-9-]+) \((recommended|the alternative)/.exec(fix.title);
        if (set) assert.equal(set[1], set[2] === 'recommended' ? verdict.store : verdict.alternative, `${dataType.name}: fix "${fix.title}"`);
      }
    }
  }
  for (const group of atOneRange(analysis)) {
    const titles = quickFixesFor(text, analysis, group, { consequences: false }).map((fix) => fix.title);
    assert.deepEqual(titles, [...new Set(titles)], `one lightbulb lists a title twice: ${titles.join(' | ')}`);
  }
}

/** A data type's entry as plain data, by name, with what it inherits from `defaults` (a fix may override a default). */
function entryOf(text: string, name: string): Record<string, unknown> | undefined {
  const data = parse(text) as { defaults?: Record<string, unknown>; dataTypes?: Array<Record<string, unknown>> };
  const entry = data?.dataTypes?.find((candidate) => candidate?.name === name);
  return entry && { ...(data.defaults ?? {}), ...entry };
}

/** The fields of a data type's entry whose value differs between two texts. */
function changedFields(before: string, after: string, name: string): Map<string, string> {
  const a = entryOf(before, name) ?? {};
  const b = entryOf(after, name) ?? {};
  const changed = new Map<string, string>();
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) changed.set(key, JSON.stringify(a[key]));
  }
  return changed;
}

const isDesignFix = (fix: QuickFix) => !fix.snippet && !fix.title.startsWith('Accept the risk');

/**
 * Applies every fix the analysis offers, analyses the result, and checks that no finding it newly
 * raises on that data type (and that the fix did not announce) offers a fix that undoes it.
 */
function assertFixesConverge(text: string, analysis: CatalogAnalysis, options: AnalyzeOptions = {}): number {
  let checked = 0;
  for (const finding of analysis.findings) {
    if (finding.dataType === null) continue;
    const name = finding.dataType;
    for (const fix of quickFixes(text, analysis, finding, { analyzeOptions: options }).filter(isDesignFix)) {
      const fixed = applyEdits(text, fix.edits);
      const changed = changedFields(text, fixed, name);
      const after = analyzeCatalog(fixed, options);
      const before = new Set(analysis.findings.filter((f) => f.dataType === name).map((f) => f.ruleId));
      for (const raised of after.findings.filter((f) => f.dataType === name && !before.has(f.ruleId) && !fix.raises?.includes(f.ruleId))) {
        for (const next of quickFixes(fixed, after, raised, { consequences: false }).filter(isDesignFix)) {
          const undoneText = applyEdits(fixed, next.edits);
          const restored = entryOf(undoneText, name) ?? {};
          const undone: string[] = [...changedFields(fixed, undoneText, name).keys()].filter(
            (key) => changed.has(key) && JSON.stringify(restored[key]) === changed.get(key),
          );
          assert.deepEqual(undone, [], `"${fix.title}" (${finding.ruleId} on ${name}) raises ${raised.ruleId}, whose fix "${next.title}" undoes it`);
        }
      }
      checked++;
    }
  }
  return checked;
}

describe('one voice per data type', () => {
  describe('the contradictions a new user met, pinned', () => {
    it('order-ledger: lww-on-strong-data and store-mismatch name one store, and the lightbulb lists each fix once', () => {
      const ledger = exampleAnalysis.report.dataTypes.find((dt) => dt.name === 'order-ledger')!;
      const onStore = ledger.findings.filter((f) => f.range.offset[0] === offsetOf(example, 'dynamodb-global', offsetOf(example, '- name: order-ledger')));
      assert.deepEqual(onStore.map((f) => f.ruleId).sort(), ['lww-on-strong-data', 'store-mismatch']);
      // Written in both Regions (hot-hot): a strong store that takes writes everywhere, the smallest change first (SPEC §14):
      // DynamoDB's own strongly consistent mode, which its two Regions and the us-west-2 witness make a shape AWS accepts.
      for (const finding of onStore) assert.match(finding.message, /use dynamodb-global-strong\.$/, finding.message);
      assert.match(
        onStore.find((f) => f.ruleId === 'lww-on-strong-data')!.detail,
        /Use `dynamodb-global-strong` \(multi-Region strong consistency, available since 2025\), which keeps the DynamoDB API, or `aurora-dsql`/,
      );
      const titles = quickFixesFor(example, exampleAnalysis, onStore, { analyzeOptions: exampleOptions }).map((fix) => fix.title);
      assert.deepEqual(titles, [
        'Set store to dynamodb-global-strong (recommended)',
        'Set store to aurora-dsql (the alternative)',
        'Accept the risk (lww-on-strong-data) with a reason',
        'Accept the risk (store-mismatch) with a reason',
      ]);
    });

    it('inventory: the hovers on its name, category, store and topology name aurora-dsql, and none says aurora-global fits', () => {
      const entry = offsetOf(example, '- name: inventory');
      const hoverOn = (needle: string) => hoverAt(example, offsetOf(example, needle, entry) + 1, exampleAnalysis)!.markdown;
      const name = hoverOn('inventory');
      assert.match(name, /^\*\*inventory\*\*: CP on `aurora-dsql` \(recommended\), or `dynamodb-global-strong`/);
      assert.match(name, /Declared store: `aurora-global`, which does not fit: aurora-global takes writes in one Region\./);
      for (const key of ['category', 'store', 'topology']) {
        const value = offsetOf(example, ': ', offsetOf(example, `${key}:`, entry)) + 3;
        const text = hoverAt(example, value, exampleAnalysis)!.markdown;
        const what = key;
        assert.match(
          text,
          /For `inventory`: CP on `aurora-dsql` \(recommended\), or `dynamodb-global-strong`\. The declared `aurora-global` does not fit/,
          `${what} hover: ${text}`,
        );
        assert.doesNotMatch(text, /recommended: CP on `aurora-global`/, `${what} hover`);
      }
    });

    it('payments: declaring what DNS does adds the fencing lease with it, so no fix switches failover back', () => {
      const payments = exampleAnalysis.findings.find((f) => f.ruleId === 'failover-drift' && f.dataType === 'payments')!;
      const [fix] = quickFixes(example, exampleAnalysis, payments, { analyzeOptions: exampleOptions });
      assert.equal(fix.title, 'Declare automatic failover (what DNS does) and add a fencing lease');
      const fixed = applyEdits(example, fix.edits);
      assert.deepEqual(entryOf(fixed, 'payments')?.splitBrainGuards, ['human-approval', { type: 'fencing-lease', ttl: '30s' }]);
      assert.equal(entryOf(fixed, 'payments')?.failover, 'automatic');
      const after = analyzeCatalog(fixed, exampleOptions)
        .findings.filter((f) => f.dataType === 'payments')
        .map((f) => f.ruleId);
      assert.ok(!after.includes('failover-drift') && !after.includes('unguarded-automatic-failover'), after.join(', '));
    });

    it('a fix that can only lead to another finding says so in its title', () => {
      const carts = exampleAnalysis.findings.find((f) => f.ruleId === 'hot-hot-without-guard' && f.dataType === 'carts')!;
      const hotWarm = quickFixes(example, exampleAnalysis, carts, { analyzeOptions: exampleOptions }).find((fix) =>
        fix.title.startsWith('Make the topology hot-warm'),
      )!;
      // DNS fails over on a health check; a hot-warm carts table with `failover: manual` contradicts it.
      assert.equal(hotWarm.title, 'Make the topology hot-warm (one writer Region) (then failover-drift)');
      assert.deepEqual(hotWarm.raises, ['failover-drift']);
    });

    it("past about 650 data types the lightbulb lists the fixes without analysing each one's result, so it never keeps the editor waiting", () => {
      const large = `${example}${'# padding a large catalog would fill with entries\n'.repeat(4_200)}`;
      const analysis = analyzeCatalog(large, exampleOptions);
      const carts = analysis.findings.find((f) => f.ruleId === 'hot-hot-without-guard' && f.dataType === 'carts')!;
      const hotWarm = quickFixes(large, analysis, carts, { analyzeOptions: exampleOptions }).find((fix) => fix.title.startsWith('Make the topology hot-warm'))!;
      assert.equal(hotWarm.title, 'Make the topology hot-warm (one writer Region)');
    });

    it('an entry with no category yet, or a half-typed topology, gets no recommendation in its lens or hover', () => {
      for (const entry of ['  - name: led\n', '  - name: led\n    category: transaction\n    topology: hot-h\n']) {
        const text = `${US_HEADER}dataTypes:\n${entry}`;
        const analysis = analyzeCatalog(text);
        const [lens] = dataTypeLenses(analysis);
        assert.match(lens.title, /^Finish this entry: 1 schema error$/, JSON.stringify(entry));
        const hover = hoverAt(text, offsetOf(text, 'led') + 1, analysis)!.markdown;
        assert.match(hover, /finish this entry first \(1 schema error\); there is no recommendation until it is valid/);
        assert.equal(analysis.report.dataTypes[0].verdict, null);
      }
    });
  });

  describe('as a property', () => {
    it("the example and the integration workspace: every surface names the verdict's store, and every fix converges", function () {
      this.timeout(60_000);
      assertOneVoice(example, exampleAnalysis, exampleOptions);
      assert.ok(assertFixesConverge(example, exampleAnalysis, exampleOptions) > 30, 'the example offers its fixes');
      const orders = readFileSync(workspaceCatalog, 'utf8');
      const ordersAnalysis = analyzeCatalogFile(orders, { catalogPath: workspaceCatalog });
      assertOneVoice(orders, ordersAnalysis, { infrastructure: ordersAnalysis.report.deployed });
      assertFixesConverge(orders, ordersAnalysis, { infrastructure: ordersAnalysis.report.deployed });
    });

    // Valid catalogs in the US Region set, so the rules (not the schema) speak.
    const guard = fc.constantFrom(
      'human-approval',
      'fencing-lease',
      'quorum',
      { type: 'witness-region', region: 'us-west-2' },
      { type: 'fencing-lease', ttl: '30s' },
      { type: 'fencing-lease', ttl: '30s', leaseStore: 'dynamodb-global' },
    );
    const dataType = fc
      .record(
        {
          category: fc.constantFrom(...CATEGORIES),
          consistency: fc.constantFrom('strong', 'eventual'),
          topology: fc.constantFrom('single-region', 'hot-warm', 'hot-hot'),
          regions: fc.constantFrom(['us-east-1', 'us-east-2'], ['us-east-1'], ['us-east-1', 'us-east-2', 'eu-west-1']),
          store: fc.constantFrom(...STORE_IDS),
          conflictResolution: fc.constantFrom('none', 'last-writer-wins', 'merge', 'application'),
          immutable: fc.boolean(),
          cap: fc.constantFrom('CP', 'AP', 'CA'),
          stalenessBudget: fc.constantFrom('0s', '1s', '1m', '1h'),
          rpo: fc.constantFrom('0s', '1s', '1h'),
          rto: fc.constantFrom('5m', '15m'),
          failover: fc.constantFrom('manual', 'automatic'),
          splitBrainGuards: fc.uniqueArray(guard, { maxLength: 2, selector: (g) => JSON.stringify(g) }),
          writeMode: fc.constantFrom('any-region', 'one-region', 'home-region'),
          writes: fc.uniqueArray(fc.constantFrom('idempotent-put', 'append-only', 'read-modify-write', 'counter', 'conditional', 'transaction'), {
            minLength: 1,
            maxLength: 2,
          }),
        },
        { requiredKeys: ['category'] },
      )
      // Hot-warm is one writer Region, hot-hot every Region: a writeMode that says otherwise is a schema error.
      .filter(
        ({ topology, writeMode }) =>
          !(topology === 'hot-hot' && writeMode === 'one-region') && !(topology === 'hot-warm' && (writeMode === 'any-region' || writeMode === 'home-region')),
      );
    const catalogText = fc.array(dataType, { minLength: 1, maxLength: 3 }).map(
      (types) =>
        `${US_HEADER}  - { name: eu-west-1, role: secondary }\n${stringify({
          dataTypes: types.map((fields, i) => ({ name: `data-${i}`, ...fields })),
        })}`,
    );

    it("random valid catalogs: every surface names the verdict's store, and every fix converges", function () {
      // 200 catalogs, each fix of each analysed again: seconds, more on a loaded machine.
      this.timeout(120_000);
      fc.assert(
        fc.property(catalogText, (text) => {
          const analysis = analyzeCatalog(text);
          assert.deepEqual(
            analysis.findings.filter((f) => f.ruleId === 'schema').map((f) => f.message),
            [],
            'the generated catalog is valid',
          );
          assertOneVoice(text, analysis);
          assertFixesConverge(text, analysis);
        }),
        { numRuns: 200, seed: 20261129 },
      );
    });
  });
});
