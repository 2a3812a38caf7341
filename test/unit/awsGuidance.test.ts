// Advice AWS's own architects would sign: designs AWS publishes, each held against what CAP
// Advisor says of it. Every case names the AWS page its design comes from. Before version 3
// the tool agreed on 6 of 15 such designs; these pin the other nine.
import { strict as assert } from 'node:assert';
import { analyzeCatalog, hoverAt, quickFixes, simulate, type CatalogAnalysis, type Outcome } from '../../src/engine';
import { US_HEADER } from '../helpers/catalogs';

const SOURCES = {
  howItWorks: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html',
  writeModes: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-global-table-design.prescriptive-guidance.writemodes.html',
  writeToOneRegion: 'https://docs.aws.amazon.com/prescriptive-guidance/latest/dynamodb-global-tables/write-to-one-region.html',
  globalTablesGuide: 'https://docs.aws.amazon.com/prescriptive-guidance/latest/dynamodb-global-tables/overview.html',
  dsql: 'https://docs.aws.amazon.com/aurora-dsql/latest/userguide/disaster-recovery-resiliency.html',
  drStrategies: 'https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html',
  elastiCacheGlobal: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastore.html',
  s3Replication: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html',
  auroraWriteForwarding: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-write-forwarding-apg.html',
};

/** A catalog in the US Region set (us-east-1 primary, us-east-2, the us-west-2 witness) with one data type. */
const design = (entry: string, regions = US_HEADER) => `${regions}dataTypes:\n  - name: design\n${entry.replace(/^/gm, '    ')}\n`;
/** The findings of the one data type, `severity rule`, without the recommendation. */
const problems = (analysis: CatalogAnalysis) => analysis.findings.filter((f) => f.ruleId !== 'recommendation').map((f) => `${f.severity} ${f.ruleId}`);
const outcome = (analysis: CatalogAnalysis, kind: 'isolate' | 'lose', region: string): Outcome => simulate(analysis, [{ kind, region }])[0].outcomes[0];

describe("advice AWS's own architects would sign", () => {
  it(`1. a witness on eventual global tables guards nothing: the hot-hot finding stays and both sides keep writing (${SOURCES.howItWorks})`, () => {
    const text = design(
      'category: cart\ntopology: hot-hot\nstore: dynamodb-global\nconflictResolution: none\nsplitBrainGuards:\n  - { type: witness-region, region: us-west-2 }',
    );
    const analysis = analyzeCatalog(text);
    const finding = analysis.findings.find((f) => f.ruleId === 'hot-hot-without-guard');
    assert.equal(finding?.severity, 'error');
    assert.match(finding!.detail, /A witness does not stop DynamoDB global tables \(multi-Region eventual consistency\) from taking writes in every Region/);
    const cut = outcome(analysis, 'isolate', 'us-east-1');
    assert.deepEqual(cut.writers, ['us-east-1', 'us-east-2']);
    assert.doesNotMatch(`${cut.message} ${cut.detail}`, /refuses writes|No write is lost/);
    // No quick fix offers a witness or a quorum where they would enforce nothing.
    const titles = quickFixes(text, analysis, finding!).map((fix) => fix.title);
    assert.ok(titles.length > 2 && titles.every((title) => !/witness|quorum/.test(title)), titles.join(' | '));
  });

  it(`2. "write to one Region" and "write to your Region" for conditional writes and transactions: no error, and where strong reads go (${SOURCES.writeModes}, ${SOURCES.writeToOneRegion})`, () => {
    for (const mode of ['one-region', 'home-region']) {
      const analysis = analyzeCatalog(
        design(
          `category: account\ntopology: ${mode === 'home-region' ? 'hot-hot' : 'hot-warm'}\nstore: dynamodb-global\nwriteMode: ${mode}\nwrites: [conditional, transaction]`,
        ),
      );
      assert.deepEqual(problems(analysis), ['information strong-reads-in-writer-region'], mode);
      assert.equal(analysis.report.dataTypes[0].verdict?.storeFits, true, mode);
      assert.match(
        analysis.findings.find((f) => f.ruleId === 'strong-reads-in-writer-region')!.detail,
        /Strongly consistent reads, conditional writes and transactions must go to/,
      );
    }
    // The same table written in any Region is what AWS warns about.
    assert.ok(
      problems(analyzeCatalog(design('category: account\ntopology: hot-hot\nstore: dynamodb-global\nwrites: [conditional]'))).includes(
        'error lww-on-strong-data',
      ),
    );
  });

  it(`3. MRSC (three replicas, or two and a witness) and Aurora DSQL carry their own quorum: no guard asked for, no lease offered (${SOURCES.howItWorks}, ${SOURCES.dsql})`, () => {
    const threeReplicas = `${US_HEADER.replace('role: witness', 'role: secondary')}`;
    for (const [store, regions, header] of [
      ['dynamodb-global-strong', '[us-east-1, us-east-2, us-west-2]', threeReplicas],
      ['dynamodb-global-strong', '[us-east-1, us-east-2]', US_HEADER],
      ['aurora-dsql', '[us-east-1, us-east-2]', US_HEADER],
    ] as const) {
      const analysis = analyzeCatalog(design(`category: inventory\ntopology: hot-hot\nregions: ${regions}\nstore: ${store}\nfailover: automatic`, header));
      assert.deepEqual(problems(analysis), [], `${store} in ${regions}`);
      assert.notEqual(outcome(analysis, 'isolate', 'us-east-2').verdict, 'split-brain');
    }
  });

  it(`4. a balance updated with ADD in any Region of an eventual table loses updates, whatever "merge" says (${SOURCES.globalTablesGuide})`, () => {
    const analysis = analyzeCatalog(
      design('category: account\nconsistency: eventual\ntopology: hot-hot\nstore: dynamodb-global\nconflictResolution: merge\nwrites: [counter]'),
    );
    const finding = analysis.findings.find((f) => f.ruleId === 'lww-loses-updates')!;
    assert.equal(finding.severity, 'error');
    assert.match(
      finding.detail,
      /`conflictResolution: merge` does not change that: your application would have to merge, and DynamoDB itself keeps the last writer/,
    );
    const cut = outcome(analysis, 'isolate', 'us-east-1');
    assert.equal(cut.verdict, 'split-brain');
    assert.doesNotMatch(cut.detail, /merged|No write is lost/);
    // The hover on `merge` says whose job merging is there.
    const text = design('category: account\nconsistency: eventual\ntopology: hot-hot\nstore: dynamodb-global\nconflictResolution: merge\nwrites: [counter]');
    assert.match(
      hoverAt(text, text.indexOf('merge') + 1, analysis)!.markdown,
      /your application must merge: the store itself keeps the last writer of each item/,
    );
    assert.deepEqual(
      quickFixes(
        design('category: account\nconsistency: eventual\ntopology: hot-hot\nstore: dynamodb-global\nconflictResolution: merge\nwrites: [counter]'),
        analysis,
        finding,
      )
        .map((fix) => fix.title)
        .slice(0, 3),
      [
        'Set writeMode: home-region (each item written in its home Region)',
        // One writer Region for hot-hot data is the hot-warm topology (AWS's "write to one Region").
        'Make the topology hot-warm (one Region takes every write)',
        'Set store to dynamodb-global-strong (the alternative)',
      ],
    );
  });

  it(`5. AWS's "write to any Region" example, contact data written with idempotent puts: no finding, and a partition diverges with nothing lost (${SOURCES.writeModes})`, () => {
    const analysis = analyzeCatalog(design('category: preference\ntopology: hot-hot\nstore: dynamodb-global\nwrites: [idempotent-put]'));
    assert.deepEqual(problems(analysis), []);
    const cut = outcome(analysis, 'isolate', 'us-east-2');
    assert.deepEqual([cut.verdict, cut.atRiskMs], ['diverges', 0]);
    // Without saying what the writes are, the tool asks, as a warning, not an error.
    assert.deepEqual(problems(analyzeCatalog(design('category: preference\ntopology: hot-hot\nstore: dynamodb-global'))), ['warning hot-hot-without-guard']);
  });

  it(`6. one Region cannot promise an RPO of 5 minutes, and DynamoDB serves strong data there as well as Aurora (${SOURCES.drStrategies})`, () => {
    const analysis = analyzeCatalog(design('category: account\ntopology: single-region\nregions: [us-east-1]\nstore: dynamodb\nrpo: 5m\nrto: 15m'));
    const finding = analysis.findings.find((f) => f.ruleId === 'rpo-unachievable')!;
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /lives in one Region, so an RPO of 5 min cannot survive its loss/);
    const { verdict } = analysis.report.dataTypes[0];
    assert.deepEqual([verdict?.cap, verdict?.store, verdict?.storeFits], ['CA', 'dynamodb', true]);
  });

  it(`7. ElastiCache Global Datastore has one writer Region: CP like Aurora Global, fine for a cache, not for sessions written everywhere (${SOURCES.elastiCacheGlobal})`, () => {
    const sessions = analyzeCatalog(design('category: session\nstore: elasticache-global'));
    assert.match(sessions.findings.find((f) => f.ruleId === 'store-mismatch')!.message, /elasticache-global is CP: use dynamodb-global\./);
    assert.deepEqual(problems(analyzeCatalog(design('category: cache\nstore: elasticache-global'))), []);
    assert.deepEqual(problems(analyzeCatalog(design('category: cache\ntopology: hot-hot\nstore: elasticache-global'))), ['error single-writer-hot-hot']);
  });

  it(`8. immutable objects with automatic failover cannot split: no unguarded failover, and both sides keep writing new objects (${SOURCES.s3Replication})`, () => {
    const analysis = analyzeCatalog(design('category: media\nstore: s3\nfailover: automatic'));
    assert.deepEqual(problems(analysis), []);
    const cut = outcome(analysis, 'isolate', 'us-east-1');
    assert.deepEqual([cut.verdict, cut.atRiskMs], ['available', 0]);
  });

  it(`9. Aurora write forwarding is still one writer: only single-writer-hot-hot speaks; a lost eventual Region's writes are delayed, not lost (${SOURCES.auroraWriteForwarding}, ${SOURCES.globalTablesGuide})`, () => {
    const forwarding = analyzeCatalog(design('category: transaction\ntopology: hot-hot\nstore: aurora-global'));
    assert.deepEqual(problems(forwarding), ['error single-writer-hot-hot']);
    assert.match(
      forwarding.findings.find((f) => f.ruleId === 'single-writer-hot-hot')!.detail,
      /write forwarding still sends every write to the primary Region/,
    );
    const lost = outcome(analyzeCatalog(design('category: cart\ntopology: hot-hot\nstore: dynamodb-global\nwrites: [idempotent-put]')), 'lose', 'us-east-2');
    assert.match(lost.detail, /delayed until us-east-2 returns, and may then be overwritten by newer writes/);
    assert.doesNotMatch(lost.detail, /is lost/);
  });

  it('a lease kept in an eventual global table fences nothing: lease-in-eventual-store, and the lease does not count as a guard', () => {
    const analysis = analyzeCatalog(
      design(
        'category: transaction\nstore: aurora-global\nfailover: automatic\nsplitBrainGuards:\n  - { type: fencing-lease, ttl: 30s, leaseStore: dynamodb-global }',
      ),
    );
    assert.deepEqual(problems(analysis).sort(), ['error lease-in-eventual-store', 'warning unguarded-automatic-failover']);
    assert.deepEqual(
      problems(
        analyzeCatalog(
          design(
            'category: transaction\nstore: aurora-global\nfailover: automatic\nsplitBrainGuards:\n  - { type: fencing-lease, ttl: 30s, leaseStore: dynamodb-global-strong }',
          ),
        ),
      ),
      [],
    );
  });
});
