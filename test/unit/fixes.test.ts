// Quick fixes: the exact text after each, that the finding goes away, and that everything
// else the user wrote (comments, order, style, line endings) is left as it was.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeCatalog, applyEdits, fixAll, quickFixes, type QuickFix } from '../../src/engine';
import { catalog } from '../helpers/catalogs';

/** The fixes offered for the first finding of a rule (optionally of one data type). */
function fixesFor(text: string, ruleId: string, dataType?: string): QuickFix[] {
  const analysis = analyzeCatalog(text);
  const finding = analysis.findings.find((f) => f.ruleId === ruleId && (dataType === undefined || f.dataType === dataType));
  assert.ok(finding, `${ruleId} did not fire`);
  return quickFixes(text, analysis, finding);
}

function apply(text: string, ruleId: string, title: string | RegExp): string {
  const fix = fixesFor(text, ruleId).find((f) => (typeof title === 'string' ? f.title === title : title.test(f.title)));
  assert.ok(
    fix,
    `no fix "${title}" for ${ruleId}: ${fixesFor(text, ruleId)
      .map((f) => f.title)
      .join(' | ')}`,
  );
  return applyEdits(text, fix.edits);
}

const rulesLeft = (text: string, ruleId: string) => analyzeCatalog(text).findings.filter((f) => f.ruleId === ruleId).length;
const commentLines = (text: string) => text.split(/\r?\n/).filter((line) => line.trim().startsWith('#') || / #/.test(line));

const HOT_HOT = catalog(`
  # Carts in both Regions.
  - name: carts # the shopping cart
    category: cart
    topology: hot-hot
    store: dynamodb-global
`);

/** Every fix that edits (not the accept-risk snippet) removes the finding and keeps every comment. */
function assertEachFixRemoves(text: string, fixes: QuickFix[], ruleId: string): void {
  for (const fix of fixes.filter((f) => !f.snippet)) {
    const fixed = applyEdits(text, fix.edits);
    assert.equal(rulesLeft(fixed, ruleId), 0, fix.title);
    assert.deepEqual(commentLines(fixed), commentLines(text), fix.title);
  }
}

describe('quick fixes', () => {
  it('a file with no catalog in it yet (empty, or comments only) is offered the skeleton, which analyses without an error', () => {
    for (const text of ['', '# our shop\n', '# no newline']) {
      const analysis = analyzeCatalog(text);
      const [finding] = analysis.findings;
      const fix = quickFixes(text, analysis, finding).find((f) => f.title === 'Insert a catalog skeleton');
      assert.ok(fix?.isPreferred, JSON.stringify(text));
      const fixed = applyEdits(text, fix.edits);
      assert.ok(fixed.startsWith(text), JSON.stringify(text));
      assert.deepEqual(
        analyzeCatalog(fixed)
          .findings.filter((f) => f.severity === 'error' || f.severity === 'warning')
          .map((f) => f.message),
        [],
        JSON.stringify(text),
      );
    }
    // A file with YAML in it is not offered a second catalog.
    const notEmpty = 'name: x\n';
    const analysis = analyzeCatalog(notEmpty);
    assert.ok(!analysis.findings.some((finding) => quickFixes(notEmpty, analysis, finding).some((f) => f.title === 'Insert a catalog skeleton')));
  });

  it('for eventual hot-hot data on a last-writer-wins store: say so or declare idempotent writes (AWS\'s "write to any Region"), a lease, hot-warm; never a witness or a quorum', () => {
    // Source: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-global-table-design.prescriptive-guidance.writemodes.html
    const fixes = fixesFor(HOT_HOT, 'hot-hot-without-guard');
    assert.deepEqual(
      fixes.map((f) => `${f.title}${f.isPreferred ? ' *' : ''}${f.safe ? ' safe' : ''}`),
      [
        'Set conflictResolution: last-writer-wins (what the store does) *',
        'Declare writes: [idempotent-put] (puts that converge)',
        'Add a split-brain guard: fencing lease',
        'Make the topology hot-warm (one writer Region)',
        'Accept the risk (hot-hot-without-guard) with a reason',
      ],
    );
    assertEachFixRemoves(HOT_HOT, fixes, 'hot-hot-without-guard');
  });

  it('for eventual hot-hot data with no store yet: merging first (preferred), then one guard per strategy, hot-warm, never human approval; each removes the finding', () => {
    const noStore = HOT_HOT.replace('    store: dynamodb-global\n', '');
    const fixes = fixesFor(noStore, 'hot-hot-without-guard');
    assert.deepEqual(
      fixes.map((f) => `${f.title}${f.isPreferred ? ' *' : ''}${f.safe ? ' safe' : ''}`),
      [
        'Set conflictResolution: merge (diverging copies are merged on purpose) *',
        'Add a split-brain guard: fencing lease',
        'Add a split-brain guard: witness Region eu-west-1',
        'Add a split-brain guard: quorum',
        'Make the topology hot-warm (one writer Region)',
        'Accept the risk (hot-hot-without-guard) with a reason',
      ],
    );
    assertEachFixRemoves(noStore, fixes, 'hot-hot-without-guard');
  });

  it('for strong hot-hot data: a guard, the fencing lease preferred, then hot-warm; no merge, no human approval', () => {
    const strong = HOT_HOT.replace('category: cart', 'category: inventory').replace('store: dynamodb-global', 'store: aurora-dsql');
    const fixes = fixesFor(strong, 'hot-hot-without-guard');
    assert.deepEqual(
      fixes.map((f) => `${f.title}${f.isPreferred ? ' *' : ''}`),
      [
        'Add a split-brain guard: fencing lease *',
        'Add a split-brain guard: witness Region eu-west-1',
        'Add a split-brain guard: quorum',
        'Make the topology hot-warm (one writer Region)',
        'Accept the risk (hot-hot-without-guard) with a reason',
      ],
    );
    for (const fix of fixes.filter((f) => !f.snippet)) assert.equal(rulesLeft(applyEdits(strong, fix.edits), 'hot-hot-without-guard'), 0, fix.title);
  });

  it('hot-hot-without-guard: human approval alone does not guard hot-hot data, and immutable data needs no guard', () => {
    const approvalOnly = HOT_HOT.replace('store: dynamodb-global', 'store: dynamodb-global\n    splitBrainGuards: [human-approval]');
    assert.equal(rulesLeft(approvalOnly, 'hot-hot-without-guard'), 1);
    assert.match(
      analyzeCatalog(approvalOnly).findings.find((f) => f.ruleId === 'hot-hot-without-guard')!.detail,
      /Human approval does not count: it gates a failover/,
    );
    assert.equal(rulesLeft(HOT_HOT.replace('category: cart', 'category: media').replace('store: dynamodb-global', 'store: s3'), 'hot-hot-without-guard'), 0);
  });

  it('adds the guard list after the last field, indented like the file', () => {
    assert.equal(
      apply(HOT_HOT, 'hot-hot-without-guard', 'Add a split-brain guard: fencing lease'),
      catalog(`
  # Carts in both Regions.
  - name: carts # the shopping cart
    category: cart
    topology: hot-hot
    store: dynamodb-global
    splitBrainGuards:
      - { type: fencing-lease, ttl: 30s }
`),
    );
  });

  it('appends to an existing block or flow guard list', () => {
    const automatic = (guards: string) =>
      catalog(`
  - name: payments
    category: transaction
    store: aurora-global
    failover: automatic
${guards}    rpo: 1s
`);
    assert.equal(
      apply(automatic('    splitBrainGuards:\n      - human-approval # on-call\n'), 'unguarded-automatic-failover', 'Add a split-brain guard: fencing lease'),
      automatic('    splitBrainGuards:\n      - human-approval # on-call\n      - { type: fencing-lease, ttl: 30s }\n'),
    );
    assert.equal(
      apply(automatic('    splitBrainGuards: [human-approval] # on-call\n'), 'unguarded-automatic-failover', 'Add a split-brain guard: quorum'),
      automatic('    splitBrainGuards: [human-approval, quorum] # on-call\n'),
    );
  });

  it('keeps guards inherited from defaults when the data type gets its own list', () => {
    const text = catalog(`
  - name: payments
    category: transaction
    store: aurora-global
`).replace('dataTypes:\n', 'defaults:\n  failover: automatic\n  splitBrainGuards:\n    - human-approval\ndataTypes:\n');
    const fixed = apply(text, 'unguarded-automatic-failover', 'Add a split-brain guard: fencing lease');
    assert.ok(fixed.endsWith('    store: aurora-global\n    splitBrainGuards:\n      - human-approval\n      - { type: fencing-lease, ttl: 30s }\n'), fixed);
    assert.equal(rulesLeft(fixed, 'unguarded-automatic-failover'), 0);
  });

  it('switches failover to manual in the data type, not in the defaults other types share', () => {
    const text = catalog(`
  - name: payments
    category: transaction
    store: aurora-global
`).replace('dataTypes:\n', 'defaults:\n  failover: automatic\ndataTypes:\n');
    const fixed = apply(text, 'unguarded-automatic-failover', 'Switch failover to manual');
    assert.ok(fixed.includes('defaults:\n  failover: automatic\n'));
    assert.ok(fixed.endsWith('    store: aurora-global\n    failover: manual\n'));
  });

  it("sets the recommended store, keeping the value's quotes and the comment after it", () => {
    const text = catalog(`
  - name: sessions
    category: session
    store: "aurora-global" # chosen in 2019
`);
    const fixes = fixesFor(text, 'store-mismatch');
    assert.equal(fixes[0].title, 'Set store to dynamodb-global (recommended)');
    assert.equal(fixes[0].isPreferred, true);
    assert.equal(applyEdits(text, fixes[0].edits), text.replace('"aurora-global"', '"dynamodb-global"'));
  });

  it('works in a flow-style data type and with CRLF line endings', () => {
    const flow = catalog('  - { name: carts, category: cart, topology: hot-hot, store: dynamodb-global }\n');
    assert.equal(
      apply(flow, 'hot-hot-without-guard', 'Add a split-brain guard: fencing lease'),
      catalog('  - { name: carts, category: cart, topology: hot-hot, store: dynamodb-global, splitBrainGuards: [{ type: fencing-lease, ttl: 30s }] }\n'),
    );
    const crlf = HOT_HOT.replace(/\n/g, '\r\n');
    const fixed = apply(crlf, 'hot-hot-without-guard', 'Add a split-brain guard: fencing lease');
    assert.equal(fixed, apply(HOT_HOT, 'hot-hot-without-guard', 'Add a split-brain guard: fencing lease').replace(/\n/g, '\r\n'));
  });

  it("adds a witness Region to regions, in the list's style, for a quorum of two", () => {
    const twoRegions = catalog(`
  - name: inventory
    category: inventory
    topology: hot-hot
    store: aurora-dsql
    splitBrainGuards: [quorum]
`).replace('  - name: eu-west-1\n    role: witness\n', '');
    const fixes = fixesFor(twoRegions, 'quorum-needs-three');
    assert.equal(fixes[0].title, 'Add a witness Region (us-east-2) to regions');
    const fixed = applyEdits(twoRegions, fixes[0].edits);
    assert.ok(fixed.includes('  - name: us-west-2\n    role: secondary\n  - name: us-east-2\n    role: witness\ndataTypes:\n'), fixed);
    assert.equal(rulesLeft(fixed, 'quorum-needs-three'), 0);
  });

  it('names a declared witness instead of a data Region', () => {
    const text = catalog(`
  - name: gift-cards
    category: transaction
    store: aurora-global
    splitBrainGuards:
      - { type: witness-region, region: us-west-2 }
`);
    const fixed = apply(text, 'witness-missing', 'Name the witness Region eu-west-1');
    assert.equal(fixed, text.replace('region: us-west-2 }', 'region: eu-west-1 }'));
    assert.equal(rulesLeft(fixed, 'witness-missing'), 0);
  });

  it('sets conflictResolution: none on strong data, and the declared cap for CA and mismatched intent', () => {
    const lww = catalog(`
  - name: ledger
    category: transaction
    store: aurora-global
    conflictResolution: last-writer-wins
`);
    assert.equal(apply(lww, 'lww-on-strong-data', 'Set conflictResolution: none'), lww.replace('last-writer-wins', 'none'));
    const ca = catalog('  - name: scores\n    category: analytics\n    cap: CA\n');
    assert.equal(apply(ca, 'ca-in-multi-region', 'Declare cap: AP (recommended)'), ca.replace('cap: CA', 'cap: AP'));
    const intent = catalog('  - name: prefs\n    category: preference\n    cap: CP\n    store: dynamodb-global\n');
    assert.equal(apply(intent, 'cap-intent-mismatch', /^Declare cap: AP/), intent.replace('cap: CP', 'cap: AP'));
  });

  it('accepts a risk with an acceptedRisks entry whose reason is a snippet placeholder', () => {
    const [accept] = fixesFor(HOT_HOT, 'hot-hot-without-guard').filter((f) => f.snippet);
    assert.equal(accept.safe, false);
    assert.equal(
      applyEdits(HOT_HOT, accept.edits),
      `${HOT_HOT}    acceptedRisks:\n      - rule: hot-hot-without-guard\n        reason: \${1:why the team accepts this, and where it was agreed}\n`,
    );
    const withReason = applyEdits(HOT_HOT, accept.edits).replace(/\$\{1:[^}]*\}/, 'Merged nightly (ADR 3)');
    assert.deepEqual(
      analyzeCatalog(withReason).acceptedRisks.map((r) => `${r.rule} ${r.matched}`),
      ['hot-hot-without-guard true'],
    );
    assert.equal(rulesLeft(withReason, 'hot-hot-without-guard'), 0);
  });

  it('offers no acceptance for rules that cannot be accepted', () => {
    const duplicate = catalog('  - name: a\n    category: cart\n  - name: a\n    category: cart\n');
    assert.deepEqual(fixesFor(duplicate, 'duplicate-name'), []);
  });

  it('replaces an enum or key typo with the suggestion, as a safe fix', () => {
    const typo = catalog('  - name: carts\n    category: cart\n    store: dynamo-global\n    stalnessBudget: 1s\n');
    const storeFix = fixesFor(typo, 'schema').find((f) => f.title === "Change to 'dynamodb-global'");
    assert.ok(storeFix?.safe && storeFix.isPreferred);
    assert.equal(applyEdits(typo, storeFix.edits), typo.replace('dynamo-global', 'dynamodb-global'));
  });
});

describe('fix all', () => {
  it('applies every safe fix and nothing else', () => {
    const typo = catalog(`
  # Carts, with two typos.
  - name: carts
    category: cart
    store: dynamo-global
    stalnessBudget: 1s
    regions: [us-east-1, us-west2]
`);
    const { text, fixed } = fixAll(typo);
    assert.equal(fixed, 3);
    assert.equal(text, typo.replace('dynamo-global', 'dynamodb-global').replace('stalnessBudget', 'stalenessBudget').replace('us-west2', 'us-west-2'));
    assert.deepEqual(
      analyzeCatalog(text).findings.filter((f) => f.severity === 'error'),
      [],
    );
  });

  it('leaves the example catalog as it is: its findings need a person to choose', () => {
    const storefront = readFileSync(join(__dirname, '../../../examples/storefront.catalog.yaml'), 'utf8');
    assert.deepEqual(fixAll(storefront), { text: storefront, fixed: 0 });
  });

  it('every preferred fix of the example keeps every comment line and yields valid YAML', () => {
    const storefront = readFileSync(join(__dirname, '../../../examples/storefront.catalog.yaml'), 'utf8');
    const analysis = analyzeCatalog(storefront);
    let checked = 0;
    for (const finding of analysis.findings) {
      for (const fix of quickFixes(storefront, analysis, finding)) {
        const fixed = applyEdits(storefront, fix.edits);
        assert.deepEqual(commentLines(fixed), commentLines(storefront), fix.title);
        assert.deepEqual(
          analyzeCatalog(fixed)
            .findings.filter((f) => f.ruleId === 'yaml-syntax' || f.ruleId === 'schema')
            .map((f) => f.message),
          [],
          fix.title,
        );
        checked++;
      }
    }
    assert.ok(checked >= 30, `only ${checked} fixes`);
  });
});
