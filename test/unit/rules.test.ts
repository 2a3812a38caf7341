// For every rule: a catalog that fires it (rule id, severity, data type, exact 1-based range)
// and one, differing only in the point the rule is about, that must stay silent.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ruleRegistry, type RuleId } from '../../src/engine';
import { catalog, findingsOf, HEADER, where } from '../helpers/catalogs';

interface RuleCase {
  rule: string;
  title: string;
  fires: string;
  expect: { severity: string; dataType: string | null; at: string };
  silent: string;
}

// HEADER without the witness Region: two Regions, so no third voter. The data types start on line 11.
const TWO_REGIONS = HEADER.replace('  - name: eu-west-1\n    role: witness\n', '');

const cases: RuleCase[] = [
  {
    rule: 'yaml-syntax',
    title: 'an unclosed flow sequence',
    fires: catalog('  - name: carts\n    regions: [us-east-1\n    category: cart\n'),
    expect: { severity: 'error', dataType: null, at: 'yaml-syntax@15:5-15:6' },
    silent: catalog('  - name: carts\n    regions: [us-east-1]\n    category: cart\n'),
  },
  {
    rule: 'schema',
    title: 'a misspelt key',
    fires: catalog('  - name: carts\n    category: cart\n    topolgy: hot-hot\n'),
    expect: { severity: 'error', dataType: 'carts', at: 'schema@15:5-15:12' },
    silent: catalog('  - name: carts\n    category: cart\n    topology: hot-warm\n'),
  },
  {
    rule: 'duplicate-name',
    title: 'two data types named carts',
    fires: catalog('  - name: carts\n    category: cart\n  - name: carts\n    category: session\n'),
    expect: { severity: 'error', dataType: 'carts', at: 'duplicate-name@15:11-15:16' },
    silent: catalog('  - name: carts\n    category: cart\n  - name: sessions\n    category: session\n'),
  },
  {
    rule: 'unknown-region',
    title: 'a data type in an undeclared Region',
    fires: catalog('  - name: carts\n    category: cart\n    regions: [us-east-1, us-west-3]\n'),
    expect: { severity: 'error', dataType: 'carts', at: 'unknown-region@15:26-15:35' },
    silent: catalog('  - name: carts\n    category: cart\n    regions: [us-east-1, us-west-2]\n'),
  },
  {
    rule: 'store-mismatch',
    title: 'sessions (AP) on Aurora Global (CP)',
    fires: catalog('  - name: sessions\n    category: session\n    store: aurora-global\n'),
    expect: { severity: 'warning', dataType: 'sessions', at: 'store-mismatch@15:12-15:25' },
    silent: catalog('  - name: sessions\n    category: session\n    store: dynamodb-global\n'),
  },
  {
    rule: 'lww-on-strong-data',
    title: 'payments resolved by last writer wins',
    fires: catalog('  - name: payments\n    category: transaction\n    conflictResolution: last-writer-wins\n'),
    expect: { severity: 'error', dataType: 'payments', at: 'lww-on-strong-data@15:25-15:41' },
    silent: catalog('  - name: payments\n    category: transaction\n    conflictResolution: none\n'),
  },
  {
    rule: 'hot-hot-without-guard',
    title: 'hot-hot carts with no guard and no merge strategy',
    fires: catalog('  - name: carts\n    category: cart\n    topology: hot-hot\n'),
    expect: { severity: 'error', dataType: 'carts', at: 'hot-hot-without-guard@15:15-15:22' },
    silent: catalog('  - name: carts\n    category: cart\n    topology: hot-hot\n    conflictResolution: merge\n'),
  },
  {
    rule: 'single-writer-hot-hot',
    title: 'hot-hot inventory on Aurora Global',
    fires: catalog('  - name: inventory\n    category: inventory\n    topology: hot-hot\n    store: aurora-global\n    splitBrainGuards: [fencing-lease]\n'),
    expect: { severity: 'error', dataType: 'inventory', at: 'single-writer-hot-hot@16:12-16:25' },
    silent: catalog('  - name: inventory\n    category: inventory\n    topology: hot-hot\n    store: aurora-dsql\n    splitBrainGuards: [fencing-lease]\n'),
  },
  {
    rule: 'quorum-needs-three',
    title: 'a quorum of two Regions',
    fires: `${TWO_REGIONS}  - name: inventory\n    category: inventory\n    splitBrainGuards:\n      - { type: quorum }\n`,
    expect: { severity: 'error', dataType: 'inventory', at: 'quorum-needs-three@14:9-14:25' },
    silent: catalog('  - name: inventory\n    category: inventory\n    splitBrainGuards:\n      - { type: quorum }\n'),
  },
  {
    rule: 'witness-missing',
    title: 'a witness that is a secondary Region',
    fires: catalog('  - name: gift-cards\n    category: transaction\n    splitBrainGuards:\n      - { type: witness-region, region: us-west-2 }\n'),
    expect: { severity: 'error', dataType: 'gift-cards', at: 'witness-missing@16:41-16:50' },
    silent: catalog('  - name: gift-cards\n    category: transaction\n    splitBrainGuards:\n      - { type: witness-region, region: eu-west-1 }\n'),
  },
  {
    rule: 'unguarded-automatic-failover',
    title: 'automatic failover with only human approval',
    fires: catalog('  - name: payments\n    category: transaction\n    failover: automatic\n    splitBrainGuards: [human-approval]\n'),
    expect: { severity: 'warning', dataType: 'payments', at: 'unguarded-automatic-failover@15:15-15:24' },
    silent: catalog('  - name: payments\n    category: transaction\n    failover: automatic\n    splitBrainGuards: [fencing-lease]\n'),
  },
  {
    rule: 'ca-in-multi-region',
    title: 'CA declared across two Regions',
    fires: catalog('  - name: fraud-scores\n    category: analytics\n    cap: CA\n'),
    expect: { severity: 'error', dataType: 'fraud-scores', at: 'ca-in-multi-region@15:10-15:12' },
    silent: catalog('  - name: fraud-scores\n    category: analytics\n    cap: CA\n    topology: single-region\n    regions: [us-east-1]\n'),
  },
  {
    rule: 'cap-intent-mismatch',
    title: 'CP declared on DynamoDB multi-Region eventual',
    fires: catalog('  - name: prefs\n    category: preference\n    cap: CP\n    store: dynamodb-global\n'),
    expect: { severity: 'warning', dataType: 'prefs', at: 'cap-intent-mismatch@15:10-15:12' },
    silent: catalog('  - name: prefs\n    category: preference\n    cap: AP\n    store: dynamodb-global\n'),
  },
  {
    rule: 'staleness-budget-exceeded',
    title: 'a 100 ms budget for carts on DynamoDB global tables',
    fires: catalog('  - name: carts\n    category: cart\n    stalenessBudget: 100ms\n'),
    expect: { severity: 'warning', dataType: 'carts', at: 'staleness-budget-exceeded@15:22-15:27' },
    silent: catalog('  - name: carts\n    category: cart\n    stalenessBudget: 2s\n'),
  },
  {
    rule: 'rpo-unachievable',
    title: 'RPO 0 on Aurora Global Database',
    fires: catalog('  - name: payments\n    category: transaction\n    store: aurora-global\n    rpo: 0s\n'),
    expect: { severity: 'warning', dataType: 'payments', at: 'rpo-unachievable@16:10-16:12' },
    silent: catalog('  - name: payments\n    category: transaction\n    store: aurora-global\n    rpo: 20s\n'),
  },
  {
    rule: 'rto-vs-human-approval',
    title: 'a 5 minute RTO behind human approval',
    fires: catalog('  - name: payments\n    category: transaction\n    rto: 5m\n    splitBrainGuards: [human-approval]\n'),
    expect: { severity: 'warning', dataType: 'payments', at: 'rto-vs-human-approval@15:10-15:12' },
    silent: catalog('  - name: payments\n    category: transaction\n    rto: 15m\n    splitBrainGuards: [human-approval]\n'),
  },
];

describe('rules', () => {
  it('the registry lists each rule of the README once, in the documented order', () => {
    assert.deepEqual(
      ruleRegistry.map((r) => r.id),
      [
        'yaml-syntax',
        'schema',
        'duplicate-name',
        'unknown-region',
        'recommendation',
        'store-mismatch',
        'store-feature-unsupported',
        'store-region-limit',
        'lww-on-strong-data',
        'hot-hot-without-guard',
        'single-writer-hot-hot',
        'quorum-needs-three',
        'witness-missing',
        'witness-holds-data',
        'lease-in-eventual-store',
        'strong-reads-in-writer-region',
        'lww-loses-updates',
        'unguarded-automatic-failover',
        'ca-in-multi-region',
        'cap-intent-mismatch',
        'staleness-budget-exceeded',
        'rpo-unachievable',
        'rto-vs-human-approval',
        'infrastructure-unreadable',
        'unknown-resource',
        'store-drift',
        'region-drift',
        'failover-drift',
        'guard-not-deployed',
        'strong-table-topology',
        'replication-without-rtc',
        'mrap-without-replication',
        'unclaimed-resource',
      ],
    );
  });

  it('a rule is one file named for its id, with its check and its fixes; a misspelt rule id does not compile', () => {
    const folder = join(__dirname, '../../../src/engine/rules');
    for (const rule of ruleRegistry) assert.ok(existsSync(join(folder, `${rule.id}.ts`)), `src/engine/rules/${rule.id}.ts`);
    // The build fails on an unused @ts-expect-error: were the id a plain string, this would compile and the build would stop.
    // @ts-expect-error 'store-mismtach' is no rule id
    const misspelt: RuleId = 'store-mismtach';
    assert.equal(
      ruleRegistry.some((rule) => rule.id === misspelt),
      false,
    );
  });

  for (const c of cases) {
    describe(c.rule, () => {
      it(`fires on ${c.title}`, () => {
        const found = findingsOf(c.fires, c.rule);
        assert.deepEqual(found.map(where), [c.expect.at]);
        assert.equal(found[0].severity, c.expect.severity);
        assert.equal(found[0].dataType, c.expect.dataType);
        assert.equal(found[0].docsUrl, ruleRegistry.find((r) => r.id === c.rule)!.docsUrl);
        assert.match(found[0].docsUrl, new RegExp(`/docs/rules/${c.rule}\\.md$`));
      });
      it('stays silent once fixed', () => {
        assert.deepEqual(findingsOf(c.silent, c.rule).map(where), []);
      });
    });
  }

  describe('recommendation', () => {
    it('is information when no store is declared, and names the data type', () => {
      const [finding] = findingsOf(catalog('  - name: payments\n    category: transaction\n'), 'recommendation');
      assert.equal(where(finding), 'recommendation@13:11-13:19');
      assert.equal(finding.severity, 'information');
      assert.equal(finding.message, "'payments': CP on aurora-global is recommended; no store is declared yet.");
      assert.match(finding.detail, /^`payments`: CP on `aurora-global` \(or `dynamodb-global-strong`\)\. No store is declared yet\./);
    });
    it('is a hint when the declared store already fits', () => {
      const [finding] = findingsOf(catalog('  - name: payments\n    category: transaction\n    store: aurora-global\n'), 'recommendation');
      assert.equal(finding.severity, 'hint');
      assert.equal(finding.message, "'payments': CP on aurora-global; the declared aurora-global fits.");
      assert.match(finding.detail, /already fits/);
    });
    it('is not given for a half-typed entry: its schema findings say what to finish first', () => {
      const typing = catalog('  - name: carts\n    categroy: cart\n    store: dynamo\n');
      assert.deepEqual(
        findingsOf(typing)
          .filter((f) => f.dataType === 'carts')
          .map((f) => `${f.ruleId} ${f.message}`),
        [
          "schema Data type 'carts' is missing 'category'.",
          "schema Unknown key 'categroy' in data type 'carts': did you mean 'category'?",
          "schema 'carts': 'dynamo' is not a store: did you mean 'dynamodb'?",
        ],
      );
      const typed = catalog('  - name: carts\n    category: cart\n    store: dynamodb-global\n');
      assert.deepEqual(
        findingsOf(typed)
          .filter((f) => f.dataType === 'carts')
          .map((f) => `${f.severity} ${f.ruleId}`),
        ['hint recommendation'],
      );
    });
    it('did-you-mean on a store prefers the one that fits the need, once the entry says what it needs', () => {
      const suggestion = (fields: string, store = 'dynamo') =>
        findingsOf(catalog(`  - name: carts\n${fields}    store: ${store}\n`), 'schema').find((f) => f.message.includes('is not a store'))?.suggestion;
      assert.equal(suggestion('    category: cart\n'), 'dynamodb-global');
      // Strong data written in one Region (hot-warm) fits an eventual global table (AWS's "write to one Region").
      assert.equal(suggestion('    category: account\n'), 'dynamodb-global');
      assert.equal(suggestion('    category: account\n    topology: hot-hot\n'), 'dynamodb-global-strong');
      assert.equal(suggestion('    category: cart\n    regions: [us-east-1]\n'), 'dynamodb');
      assert.equal(suggestion('    categroy: cart\n'), 'dynamodb', 'the need is unknown: the nearest spelling');
      assert.equal(suggestion('    category: cart\n', 'auror'), 'aurora', 'no Aurora store fits eventual data: the nearest spelling');
    });
    it('a store of the same position is a hint, not a store-mismatch', () => {
      const text = catalog('  - name: payments\n    category: transaction\n    store: dynamodb-global-strong\n');
      assert.equal(findingsOf(text, 'recommendation')[0].severity, 'hint');
      assert.deepEqual(findingsOf(text, 'store-mismatch'), []);
    });
  });

  describe('details', () => {
    it("unguarded-automatic-failover speaks of Aurora's best-effort fencing only for Aurora, and of what the declared store does", () => {
      const failover = (store: string, category = 'transaction') =>
        findingsOf(catalog(`  - name: ledger\n    category: ${category}\n    store: ${store}\n    failover: automatic\n`), 'unguarded-automatic-failover')[0]
          .detail;
      assert.match(failover('aurora-global'), /Aurora tries to block writes on the old primary, best-effort/);
      for (const store of ['dynamodb-global', 'elasticache-global', 's3']) {
        assert.doesNotMatch(failover(store, 'cart'), /Aurora/, store);
        assert.match(failover(store, 'cart'), new RegExp(`with \`${store}\`, `), store);
      }
      assert.match(failover('dynamodb-global', 'cart'), /last writer wins/);
      // us-west-2 and the eu-west-1 witness are two Region sets: no quorum AWS would build, so the rule speaks.
      assert.match(
        failover('dynamodb-global-strong'),
        /`dynamodb-global-strong` itself refuses writes in a Region cut off from its quorum once its Regions and witness are a shape AWS accepts/,
      );
      // In one Region set with a witness, the store votes by itself: nothing to add.
      const usSet = catalog('  - name: ledger\n    category: transaction\n    store: dynamodb-global-strong\n    failover: automatic\n').replace(
        /regions:[\s\S]*?dataTypes:/,
        'regions:\n  - { name: us-east-1, role: primary }\n  - { name: us-east-2, role: secondary }\n  - { name: us-west-2, role: witness }\ndataTypes:',
      );
      assert.deepEqual(findingsOf(usSet, 'unguarded-automatic-failover'), []);
    });
    it("store-mismatch names the verdict's store and its one alternative, and for hot-hot data only stores that take writes everywhere", () => {
      const mismatch = (lines: string) => findingsOf(catalog(`  - name: ledger\n    category: transaction\n${lines}`), 'store-mismatch')[0].detail;
      assert.match(mismatch('    store: s3\n'), /Use `aurora-global` \(or, also CP, `dynamodb-global-strong`\)\.$/);
      const hotHot = mismatch('    topology: hot-hot\n    store: dynamodb-global\n');
      assert.match(hotHot, /Use `aurora-dsql` \(or, also CP, `dynamodb-global-strong`\)\.$/);
      assert.equal(hotHot.split('aurora-dsql').length, 2, hotHot);
    });
    it('duplicate-name points at the first definition', () => {
      const [finding] = findingsOf(cases[2].fires, 'duplicate-name');
      assert.equal(finding.related?.length, 1);
      assert.equal(finding.related![0].range.start.line, 13);
      assert.match(finding.message, /already defined on line 13/);
    });
    it('unknown-region suggests the nearest declared Region and points at the region list', () => {
      const [finding] = findingsOf(cases[3].fires, 'unknown-region');
      assert.equal(finding.suggestion, 'us-west-2');
      assert.equal(finding.related![0].range.start.line, 5);
    });
    it('unknown-region checks witness guards and defaults, once each', () => {
      const text =
        HEADER.replace('dataTypes:\n', 'defaults:\n  regions: [us-east-1, eu-central-1]\ndataTypes:\n') +
        '  - name: a\n    category: cart\n  - name: b\n    category: cart\n    splitBrainGuards:\n      - { type: witness-region, region: ap-south-1 }\n';
      assert.deepEqual(
        findingsOf(text, 'unknown-region').map((f) => `${where(f)} ${f.dataType}`),
        ['unknown-region@13:24-13:36 null', 'unknown-region@20:41-20:51 b'],
      );
    });
    it('lww-on-strong-data reports the store and the conflict resolution separately', () => {
      const text = catalog(
        '  - name: ledger\n    category: transaction\n    store: dynamodb-global\n    conflictResolution: last-writer-wins\n    writeMode: any-region\n',
      );
      assert.deepEqual(findingsOf(text, 'lww-on-strong-data').map(where), ['lww-on-strong-data@15:12-15:27', 'lww-on-strong-data@16:25-16:41']);
      // AWS's "write to one Region" (the default for hot-warm) and "write to your Region": one writer per item, no finding.
      for (const mode of ['one-region', 'home-region']) assert.deepEqual(findingsOf(text.replace('any-region', mode), 'lww-on-strong-data'), [], mode);
    });
    it('hot-hot-without-guard is silent for a single Region and for guarded strong data', () => {
      assert.deepEqual(
        findingsOf(catalog('  - name: carts\n    category: cart\n    topology: hot-hot\n    regions: [us-east-1]\n'), 'hot-hot-without-guard'),
        [],
      );
      assert.deepEqual(
        findingsOf(
          catalog('  - name: ledger\n    category: transaction\n    topology: hot-hot\n    splitBrainGuards: [fencing-lease]\n'),
          'hot-hot-without-guard',
        ),
        [],
      );
    });
    it('hot-hot-without-guard still fires for strong data that declares a merge', () => {
      const text = catalog('  - name: ledger\n    category: transaction\n    topology: hot-hot\n    conflictResolution: merge\n');
      assert.deepEqual(findingsOf(text, 'hot-hot-without-guard').map(where), ['hot-hot-without-guard@15:15-15:22']);
    });
    it('single-writer-hot-hot also covers ElastiCache Global Datastore (one primary)', () => {
      const text = catalog(
        '  - name: prices\n    category: cache\n    topology: hot-hot\n    store: elasticache-global\n    conflictResolution: last-writer-wins\n',
      );
      assert.deepEqual(findingsOf(text, 'single-writer-hot-hot').map(where), ['single-writer-hot-hot@16:12-16:30']);
    });
    it('witness-missing fires when the witness is also a data Region', () => {
      const text = catalog(
        '  - name: gift-cards\n    category: transaction\n    regions: [us-east-1, eu-west-1]\n    splitBrainGuards:\n      - { type: witness-region, region: eu-west-1 }\n',
      );
      const [finding] = findingsOf(text, 'witness-missing');
      assert.equal(where(finding), 'witness-missing@17:41-17:50');
      // The related location is the witness's declaration (HEADER line 11: `    role: witness`).
      assert.deepEqual(
        finding.related?.map((r) => `${r.message}@${r.range.start.line}:${r.range.start.column}`),
        ['`eu-west-1` is declared here as witness@11:11'],
      );
    });
    it('witness-missing points at the declaration of a Region that is not a witness', () => {
      const text = catalog('  - name: gift-cards\n    category: transaction\n    splitBrainGuards:\n      - { type: witness-region, region: us-west-2 }\n');
      const [finding] = findingsOf(text, 'witness-missing');
      assert.deepEqual(
        finding.related?.map((r) => `${r.message}@${r.range.start.line}:${r.range.start.column}-${r.range.end.column}`),
        ['`us-west-2` is declared here as secondary@9:11-20'],
      );
    });
    it('witness-missing fires on the short form when the catalog declares no witness', () => {
      const text = `${TWO_REGIONS}  - name: gift-cards\n    category: transaction\n    splitBrainGuards: [witness-region]\n`;
      assert.deepEqual(findingsOf(text, 'witness-missing').map(where), ['witness-missing@13:24-13:38']);
    });
    it('a field inherited from defaults is reported on the data type name, with the default beside it', () => {
      const text = HEADER.replace('dataTypes:\n', 'defaults:\n  topology: hot-hot\ndataTypes:\n') + '  - name: carts\n    category: cart\n';
      const [finding] = findingsOf(text, 'hot-hot-without-guard');
      assert.equal(where(finding), 'hot-hot-without-guard@15:11-15:16');
      assert.equal(finding.related![0].range.start.line, 13);
      assert.match(finding.related![0].message, /set in `defaults`/);
    });
    it('staleness uses the recommended store when none is declared, and says so', () => {
      const [finding] = findingsOf(cases[13].fires, 'staleness-budget-exceeded');
      assert.match(finding.detail, /the recommended store `dynamodb-global`/);
      assert.match(finding.detail, /no SLA/);
    });
    it('a single-Region data type gets no split-brain findings', () => {
      const text = catalog(
        '  - name: carts\n    category: cart\n    topology: hot-hot\n    regions: [us-east-1]\n    failover: automatic\n    cap: CA\n    splitBrainGuards: [quorum]\n',
      );
      assert.deepEqual(
        findingsOf(text)
          .filter((f) => f.ruleId !== 'recommendation')
          .map(where),
        [],
      );
    });
  });

  describe('accepted risks', () => {
    const text = catalog(`  - name: product-catalog
    category: reference
    store: s3
    stalenessBudget: 1m
    acceptedRisks:
      - rule: staleness-budget-exceeded
        reason: Prices are published 30 minutes ahead
      - rule: rpo-unachievable
        reason: Nothing to lose
`);
    it('an accepted rule is not reported', () => {
      assert.deepEqual(findingsOf(text, 'staleness-budget-exceeded'), []);
    });
    it('the report lists accepted risks with their reason, and whether they matched a finding', async () => {
      const { analyzeCatalog } = await import('../../src/engine');
      const analysis = analyzeCatalog(text);
      assert.deepEqual(
        analysis.acceptedRisks.map((r) => [r.dataType, r.rule, r.reason, r.matched, r.range.start.line]),
        [
          ['product-catalog', 'staleness-budget-exceeded', 'Prices are published 30 minutes ahead', true, 18],
          ['product-catalog', 'rpo-unachievable', 'Nothing to lose', false, 20],
        ],
      );
      assert.deepEqual(analysis.report.dataTypes[0].acceptedRisks, analysis.acceptedRisks);
    });
  });

  describe('severity settings', () => {
    it('raise, lower and turn off rules', () => {
      const text = cases[6].fires; // hot-hot carts
      assert.equal(findingsOf(text, 'hot-hot-without-guard', { severities: { 'hot-hot-without-guard': 'warning' } })[0].severity, 'warning');
      assert.deepEqual(findingsOf(text, 'hot-hot-without-guard', { severities: { 'hot-hot-without-guard': 'off' } }), []);
      assert.equal(findingsOf(text, 'recommendation', { severities: { recommendation: 'error' } })[0].severity, 'error');
    });
  });
});
