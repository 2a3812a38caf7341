// Partition scenarios (isolate or lose one Region): a test per branch of the decision, and a
// property over random catalogs that a split-brain is always one the rules already flag.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyzeCatalog, simulate, VERDICTS, type DisruptionKind, type Outcome } from '../../src/engine';
import { headerWith } from '../helpers/catalogs';

/** us-east-1 primary, us-east-2 secondary, us-west-2 witness; data types default to the two data Regions. */
const REGIONS = 'regions:\n  - { name: us-east-1, role: primary }\n  - { name: us-east-2, role: secondary }\n  - { name: us-west-2, role: witness }\n';
const catalogOf = (fields: string, regions = REGIONS) =>
  `apiVersion: cap-advisor/v1\nkind: DataCatalog\nmetadata:\n  name: shop\n${regions}dataTypes:\n  - name: subject\n${fields
    .split('\n')
    .filter(Boolean)
    .map((line) => `    ${line}`)
    .join('\n')}\n`;

function outcome(fields: string, kind: DisruptionKind, region: string, regions?: string): Outcome {
  const [scenario] = simulate(analyzeCatalog(catalogOf(fields, regions)), [{ kind, region }]);
  return scenario.outcomes[0];
}
const summary = (o: Outcome) => `${o.verdict} writers=${o.writers.join('+') || '-'} stale=${o.staleReads.join('+') || '-'} risk=${o.atRiskMs} guard=${o.guard}`;

describe('partition scenarios', () => {
  it('a Region declared twice is cut off and lost once (the schema finding says to remove the second)', () => {
    const text = `${headerWith('shop', ['us-east-1', 'us-west-2', 'us-east-1'])}dataTypes:\n  - name: carts\n    category: cart\n    store: dynamodb-global\n`;
    const analysis = analyzeCatalog(text);
    assert.deepEqual(
      simulate(analysis).map((scenario) => `${scenario.region} ${scenario.kind}`),
      ['us-east-1 isolate', 'us-west-2 isolate', 'us-east-1 lose', 'us-west-2 lose'],
    );
    assert.ok(analysis.findings.some((f) => f.message === "Region 'us-east-1' is declared twice: remove this one."));
  });

  describe('a single writer (hot-warm on Aurora Global Database)', () => {
    const base = 'category: transaction\nstore: aurora-global';
    const cases: Array<[string, string, DisruptionKind, string, string]> = [
      [
        'isolated, automatic failover, no guard',
        'failover: automatic',
        'isolate',
        'us-east-1',
        'split-brain writers=us-east-1+us-east-2 stale=us-east-1+us-east-2 risk=null guard=null',
      ],
      [
        'isolated, automatic failover, fencing lease',
        'failover: automatic\nsplitBrainGuards: [{ type: fencing-lease, ttl: 30s }]',
        'isolate',
        'us-east-1',
        'failed-over writers=us-east-2 stale=- risk=30000 guard=fencing-lease',
      ],
      [
        'isolated, automatic failover, lease without ttl',
        'failover: automatic\nsplitBrainGuards: [fencing-lease]',
        'isolate',
        'us-east-1',
        'failed-over writers=us-east-2 stale=- risk=null guard=fencing-lease',
      ],
      [
        'isolated, automatic failover, witness',
        'failover: automatic\nsplitBrainGuards: [{ type: witness-region, region: us-west-2 }]',
        'isolate',
        'us-east-1',
        'failed-over writers=us-east-2 stale=- risk=1000 guard=witness-region',
      ],
      [
        'isolated, automatic failover, quorum',
        'failover: automatic\nsplitBrainGuards: [quorum]',
        'isolate',
        'us-east-1',
        'failed-over writers=us-east-2 stale=- risk=1000 guard=quorum',
      ],
      [
        'isolated, manual failover with approval',
        'failover: manual\nsplitBrainGuards: [human-approval]',
        'isolate',
        'us-east-1',
        'degraded writers=us-east-1 stale=us-east-2 risk=0 guard=human-approval',
      ],
      ['a replica isolated', 'failover: automatic', 'isolate', 'us-east-2', 'degraded writers=us-east-1 stale=us-east-2 risk=0 guard=null'],
      [
        'the writer lost, automatic failover',
        'failover: automatic\nsplitBrainGuards: [quorum]',
        'lose',
        'us-east-1',
        'failed-over writers=us-east-2 stale=- risk=1000 guard=quorum',
      ],
      ['the writer lost, manual failover', 'failover: manual', 'lose', 'us-east-1', 'unavailable writers=- stale=- risk=1000 guard=null'],
      ['a replica lost', 'failover: manual', 'lose', 'us-east-2', 'available writers=us-east-1 stale=- risk=0 guard=null'],
      ['the witness isolated', 'failover: automatic', 'isolate', 'us-west-2', 'available writers=us-east-1 stale=- risk=0 guard=null'],
    ];
    for (const [title, fields, kind, region, expected] of cases) {
      it(title, () => assert.equal(summary(outcome(`${base}\n${fields}`, kind, region)), expected));
    }
    it('with a quorum guard but two voters, no side may write', () => {
      const twoRegions = 'regions:\n  - { name: us-east-1, role: primary }\n  - { name: us-east-2, role: secondary }\n';
      assert.equal(
        summary(outcome(`${base}\nfailover: automatic\nsplitBrainGuards: [quorum]`, 'isolate', 'us-east-1', twoRegions)),
        'unavailable writers=- stale=- risk=0 guard=quorum',
      );
    });
  });

  describe('several writers on an eventual store (DynamoDB global tables, S3)', () => {
    const hotHot = 'topology: hot-hot\nstore: dynamodb-global';
    const cases: Array<[string, string, DisruptionKind, string, string]> = [
      // AWS's guidance: eventual data on a last-writer-wins store converges on the last writer.
      [
        'eventual data with no declared merge: diverges, converging on the last writer',
        'category: cart',
        'isolate',
        'us-east-1',
        'diverges writers=us-east-1+us-east-2 stale=us-east-1+us-east-2 risk=null guard=null',
      ],
      [
        'idempotent puts: diverges, nothing lost',
        'category: preference\nwrites: [idempotent-put]',
        'isolate',
        'us-east-1',
        'diverges writers=us-east-1+us-east-2 stale=us-east-1+us-east-2 risk=0 guard=null',
      ],
      [
        'counters under last writer wins, even with merge declared: split-brain',
        'category: analytics\nconflictResolution: merge\nwrites: [counter]',
        'isolate',
        'us-east-1',
        'split-brain writers=us-east-1+us-east-2 stale=us-east-1+us-east-2 risk=null guard=null',
      ],
      [
        'a witness stops no Region of an eventual table: diverges',
        'category: cart\nsplitBrainGuards: [{ type: witness-region, region: us-west-2 }]',
        'isolate',
        'us-east-1',
        'diverges writers=us-east-1+us-east-2 stale=us-east-1+us-east-2 risk=null guard=null',
      ],
      [
        'strong data: split-brain even with a merge',
        'category: inventory\nconflictResolution: merge',
        'isolate',
        'us-east-2',
        'split-brain writers=us-east-1+us-east-2 stale=us-east-1+us-east-2 risk=null guard=null',
      ],
      [
        'eventual data that merges: diverges, nothing lost',
        'category: cart\nconflictResolution: merge',
        'isolate',
        'us-east-1',
        'diverges writers=us-east-1+us-east-2 stale=us-east-1+us-east-2 risk=0 guard=null',
      ],
      [
        'last writer wins: diverges, the earlier write of two is lost',
        'category: cart\nconflictResolution: last-writer-wins',
        'isolate',
        'us-east-1',
        'diverges writers=us-east-1+us-east-2 stale=us-east-1+us-east-2 risk=null guard=null',
      ],
      [
        'a fencing lease: only the side with it writes',
        'category: cart\nsplitBrainGuards: [fencing-lease]',
        'isolate',
        'us-east-1',
        'degraded writers=us-east-2 stale=us-east-1 risk=0 guard=fencing-lease',
      ],
      [
        'a writer lost: the replication window',
        'category: cart\nconflictResolution: merge',
        'lose',
        'us-east-1',
        'available writers=us-east-2 stale=- risk=1000 guard=null',
      ],
    ];
    for (const [title, fields, kind, region, expected] of cases) {
      it(title, () => assert.equal(summary(outcome(`${hotHot}\n${fields}`, kind, region)), expected));
    }
    it('immutable data: available', () => {
      assert.equal(
        summary(outcome('category: media\ntopology: hot-hot\nstore: s3', 'isolate', 'us-east-1')),
        'available writers=us-east-1+us-east-2 stale=us-east-1 risk=0 guard=null',
      );
    });
  });

  describe('one writing Region on a store every Region writes (DynamoDB global tables, S3): delayed, not lost; nothing is promoted', () => {
    // AWS: an isolated MREC replica keeps accepting local writes; what it had not replicated is delayed until it
    // returns, and may then be overwritten (https://docs.aws.amazon.com/prescriptive-guidance/latest/dynamodb-global-tables/overview.html).
    it('eventual idempotent puts under an automatic failover diverge and converge: nothing at risk, no split-brain', () => {
      const o = outcome('category: session\nstore: dynamodb-global\nfailover: automatic\nwrites: [idempotent-put]', 'isolate', 'us-east-1');
      assert.equal(summary(o), 'diverges writers=us-east-1+us-east-2 stale=us-east-1+us-east-2 risk=0 guard=null');
      assert.match(o.detail, /idempotent puts or appends, so they converge with nothing lost/);
    });

    it('eventual data without declared writes under an automatic failover diverges (last writer wins), never split-brain', () => {
      const o = outcome('category: session\nstore: dynamodb-global\nfailover: automatic', 'isolate', 'us-east-1');
      assert.equal(summary(o), 'diverges writers=us-east-1+us-east-2 stale=us-east-1+us-east-2 risk=null guard=null');
    });

    it('strong data with conditional writes under an automatic failover is still a split-brain', () => {
      const o = outcome('category: account\nstore: dynamodb-global\nfailover: automatic\nwrites: [conditional]', 'isolate', 'us-east-1');
      assert.equal(o.verdict, 'split-brain');
    });

    it('losing the writing Region: its unreplicated writes are delayed until it returns, and a person moves the writers (nothing is promoted)', () => {
      const table = outcome('category: session\nstore: dynamodb-global\nfailover: manual', 'lose', 'us-east-1');
      assert.equal(summary(table), 'unavailable writers=- stale=- risk=1000 guard=null');
      assert.match(
        table.detail,
        /a person moves them to us-east-2 \(`dynamodb-global` takes writes in every Region: nothing is promoted\); what us-east-1 accepted but had not replicated is delayed until us-east-1 returns, not lost/,
      );
      assert.doesNotMatch(table.detail, /promotes|are lost/);
      const bucket = outcome('category: media\nstore: s3\nfailover: automatic', 'lose', 'us-east-1');
      assert.equal(summary(bucket), 'failed-over writers=us-east-2 stale=- risk=0 guard=null');
      assert.match(bucket.detail, /its writes move to us-east-2 on their own \(`s3` takes writes in every Region: nothing is promoted\)/);
      // S3's 15 minutes are Replication Time Control's design bound, not a typical figure (most objects replicate in
      // seconds: https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html).
      const everywhere = outcome('category: media\nstore: s3\ntopology: hot-hot', 'lose', 'us-east-1');
      assert.match(
        everywhere.detail,
        /Writes at risk: up to 15 min \(Replication Time Control's design bound for 99\.99 % of objects, most of which replicate in seconds; with no bound at all without RTC\)\.$/,
      );
      assert.doesNotMatch(everywhere.detail, /typical figure/);
      // Aurora, which has a promote operation, still loses the lag on an unplanned failover.
      assert.match(
        outcome('category: transaction\nstore: aurora-global\nfailover: automatic', 'lose', 'us-east-1').detail,
        /promoted automatically; the writes not yet replicated are lost/,
      );
    });
  });

  describe('several writers on a CP store (Aurora DSQL, DynamoDB strong)', () => {
    const dsql = 'category: inventory\ntopology: hot-hot\nstore: aurora-dsql';
    it('a data Region isolated: the majority side writes, the other refuses', () => {
      assert.equal(summary(outcome(dsql, 'isolate', 'us-east-2')), 'degraded writers=us-east-1 stale=us-east-2 risk=0 guard=null');
    });
    it('the witness isolated: every data Region writes', () =>
      assert.equal(summary(outcome(dsql, 'isolate', 'us-west-2')), 'available writers=us-east-1+us-east-2 stale=- risk=0 guard=null'));
    it('one of three voters lost: nothing lost', () =>
      assert.equal(summary(outcome(dsql, 'lose', 'us-east-1')), 'available writers=us-east-2 stale=- risk=0 guard=null'));
    it('fewer than three voters: unavailable', () => {
      const twoRegions = 'regions:\n  - { name: us-east-1, role: primary }\n  - { name: us-east-2, role: secondary }\n';
      assert.equal(outcome(dsql.replace('aurora-dsql', 'dynamodb-global-strong'), 'isolate', 'us-east-1', twoRegions).verdict, 'unavailable');
    });
  });

  describe('single-Region data and Regions it does not use', () => {
    const oneRegion = 'category: cart\ntopology: single-region\nregions: [us-east-1]\nstore: dynamodb';
    it('its Region isolated: only local clients', () =>
      assert.equal(summary(outcome(oneRegion, 'isolate', 'us-east-1')), 'degraded writers=us-east-1 stale=- risk=0 guard=null'));
    it('its Region lost: unavailable, everything not backed up elsewhere at risk', () =>
      assert.equal(summary(outcome(oneRegion, 'lose', 'us-east-1')), 'unavailable writers=- stale=- risk=null guard=null'));
    it('a Region that is neither a copy nor a voter: unaffected', () => {
      const regions = `${REGIONS}  - { name: eu-west-1, role: secondary }\n`;
      assert.equal(outcome('category: cart\nregions: [us-east-1, us-east-2]\nstore: dynamodb-global', 'lose', 'eu-west-1', regions).verdict, 'unaffected');
    });
  });

  it('every outcome speaks as findings do: one short sentence naming the data type, then the reasoning', () => {
    const example = readFileSync(join(__dirname, '../../../examples/storefront.catalog.yaml'), 'utf8');
    const results = simulate(analyzeCatalog(example));
    assert.equal(results.length, 6);
    const verdicts = new Set<string>();
    for (const { outcomes } of results) {
      for (const o of outcomes) {
        verdicts.add(o.verdict);
        assert.ok(o.message.length <= 120 && o.message.startsWith(`'${o.dataType}'`) && o.message.endsWith('.'), o.message);
        assert.ok(o.detail.length > o.message.length, o.detail);
      }
    }
    // The example shows every verdict in some scenario.
    assert.deepEqual([...verdicts].sort(), [...VERDICTS].sort());
  });

  it('a split-brain is always one the rules already flag, unaffected means neither a copy nor a voter, and it never throws (write modes and writes too)', () => {
    const SPLIT_BRAIN_RULES = ['hot-hot-without-guard', 'unguarded-automatic-failover', 'lww-on-strong-data', 'lww-loses-updates'];
    const regionNames = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1'];
    const dataType = fc.record({
      category: fc.constantFrom('transaction', 'inventory', 'cart', 'session', 'media', 'other'),
      consistency: fc.option(fc.constantFrom('strong', 'eventual'), { nil: undefined }),
      topology: fc.option(fc.constantFrom('single-region', 'hot-warm', 'hot-hot'), { nil: undefined }),
      regions: fc.option(fc.subarray(regionNames, { minLength: 1 }), { nil: undefined }),
      store: fc.option(
        fc.constantFrom('aurora-global', 'aurora', 'aurora-dsql', 'dynamodb-global', 'dynamodb-global-strong', 'dynamodb', 's3', 'elasticache-global'),
        { nil: undefined },
      ),
      conflictResolution: fc.option(fc.constantFrom('none', 'last-writer-wins', 'merge', 'application'), { nil: undefined }),
      failover: fc.option(fc.constantFrom('manual', 'automatic'), { nil: undefined }),
      writeMode: fc.option(fc.constantFrom('any-region', 'one-region', 'home-region'), { nil: undefined }),
      writes: fc.option(fc.subarray(['idempotent-put', 'append-only', 'read-modify-write', 'counter', 'conditional', 'transaction'], { minLength: 1 }), {
        nil: undefined,
      }),
      immutable: fc.option(fc.boolean(), { nil: undefined }),
      guards: fc.subarray([
        'human-approval',
        'fencing-lease',
        'quorum',
        '{ type: witness-region, region: us-west-2 }',
        '{ type: fencing-lease, ttl: 10s }',
        '{ type: fencing-lease, ttl: 10s, leaseStore: dynamodb-global }',
        '{ type: fencing-lease, ttl: 10s, leaseStore: dynamodb-global-strong }',
      ]),
      accepts: fc.boolean(),
    });
    const roles = fc.tuple(fc.constantFrom('witness', 'secondary'), fc.boolean());
    fc.assert(
      fc.property(fc.array(dataType, { minLength: 1, maxLength: 4 }), roles, (dataTypes, [westRole, withEu]) => {
        const lines = [
          'apiVersion: cap-advisor/v1',
          'kind: DataCatalog',
          'metadata:',
          '  name: random',
          'regions:',
          '  - { name: us-east-1, role: primary }',
          '  - { name: us-east-2, role: secondary }',
          `  - { name: us-west-2, role: ${westRole} }`,
          ...(withEu ? ['  - { name: eu-west-1, role: secondary }'] : []),
          'dataTypes:',
        ];
        dataTypes.forEach(({ guards, accepts, ...fields }, i) => {
          lines.push(`  - name: dt-${i}`);
          for (const [key, value] of Object.entries(fields)) {
            if (value === undefined) continue;
            if (key === 'regions' && !withEu && (value as string[]).includes('eu-west-1')) continue;
            lines.push(`    ${key}: ${Array.isArray(value) ? `[${value.join(', ')}]` : value}`);
          }
          if (guards.length > 0) lines.push(`    splitBrainGuards: [${guards.join(', ')}]`);
          if (accepts) lines.push('    acceptedRisks:', ...SPLIT_BRAIN_RULES.map((rule) => `      - { rule: ${rule}, reason: x }`));
        });
        const analysis = analyzeCatalog(`${lines.join('\n')}\n`);
        // The rules that speak for a split-brain: no guard, an unguarded failover, strong data or lost updates under last writer wins.
        const flagged = new Set([
          ...analysis.findings.filter((f) => SPLIT_BRAIN_RULES.includes(f.ruleId)).map((f) => f.dataType),
          ...analysis.acceptedRisks.filter((r) => r.matched).map((r) => r.dataType),
        ]);
        const witnesses = analysis.report.regions.filter((r) => r.role === 'witness').map((r) => r.name);
        for (const scenario of simulate(analysis)) {
          for (const o of scenario.outcomes) {
            if (o.verdict === 'split-brain') assert.ok(flagged.has(o.dataType), `${o.dataType} splits with ${scenario.kind} ${scenario.region} unflagged`);
            // Every outcome a reader must act on says what changes it; a split-brain's change is the flagged finding's fix.
            const fine = o.verdict === 'available' || o.verdict === 'unaffected';
            assert.equal(o.change === undefined, fine, `${o.dataType} ${o.verdict} with ${scenario.kind} ${scenario.region}: change ${o.change?.setting}`);
            const unaccepted = analysis.findings.some((f) => f.dataType === o.dataType && SPLIT_BRAIN_RULES.includes(f.ruleId));
            if (o.verdict === 'split-brain' && unaccepted)
              assert.ok(o.change?.rule && SPLIT_BRAIN_RULES.includes(o.change.rule.id), `${o.dataType}: ${o.change?.rule?.id}`);
            const dataType = analysis.report.dataTypes.find((dt) => dt.name === o.dataType)!;
            const involved = dataType.need.regions.includes(scenario.region) || witnesses.includes(scenario.region);
            assert.equal(o.verdict === 'unaffected', !involved, `${o.dataType} ${o.verdict} with ${scenario.kind} ${scenario.region}`);
          }
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('docs/scenarios.md: every example gives the verdict the page states, and every verdict has its section', () => {
    const page = readFileSync(join(__dirname, '../../../docs/scenarios.md'), 'utf8');
    const sections = page.split(/^## /m).slice(1);
    assert.equal(sections.length, 8);
    const covered = new Set<string>();
    for (const section of sections) {
      const yaml = /^```yaml\n([\s\S]*?)^```$/m.exec(section)?.[1];
      // The page names a scenario as the report's matrix does: "us-east-1 cut off", "us-east-1 lost".
      const stated = /^Scenario: `([a-z0-9-]+) (cut off|lost)` · Verdict: `([a-z-]+)`/m.exec(section);
      assert.ok(yaml && stated, section.split('\n')[0]);
      const [, region, named, verdict] = stated;
      const kind = named === 'cut off' ? 'isolate' : 'lose';
      const text = catalogOf('category: other').replace(/dataTypes:[\s\S]*$/, yaml);
      const [scenario] = simulate(analyzeCatalog(text), [{ kind: kind as DisruptionKind, region }]);
      assert.equal(scenario.outcomes[0].verdict, verdict, section.split('\n')[0]);
      covered.add(verdict);
    }
    assert.deepEqual([...covered].sort(), [...VERDICTS].sort());
  });
});
