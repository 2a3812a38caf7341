// SPEC §14, each judgement pinned on a catalog and the AWS page it rests on (named in the test).
import { strict as assert } from 'node:assert';
import { analyzeCatalog, planExperiment, simulate, type CatalogAnalysis } from '../../src/engine';
import { experimentApiInputs } from '../../src/report/experiments';
import { apiInputProblems } from '../helpers/fisShapes';
import { US_HEADER } from '../helpers/catalogs';

const analyze = (dataTypes: string): CatalogAnalysis => analyzeCatalog(`${US_HEADER}dataTypes:\n${dataTypes}`);
const said = (analysis: CatalogAnalysis) => analysis.findings.filter((f) => f.severity !== 'hint').map((f) => `${f.ruleId} ${f.severity}: ${f.message}`);
const outcome = (analysis: CatalogAnalysis, scenario: string, dataType: string) => {
  const result = simulate(analysis).find((s) => `${s.region} ${s.kind}` === scenario)!;
  return result.outcomes.find((o) => o.dataType === dataType)!;
};

describe('the store model (SPEC §14)', () => {
  describe('the five stores version 3 could not name are in the schema and the advice', () => {
    it('documentdb-global, neptune-global, memorydb-multi-region, keyspaces-multi-region and rds-cross-region-replica are valid stores, each judged by its row', () => {
      const analysis = analyze(`  - name: profiles
    category: account
    store: documentdb-global
  - name: graph
    category: account
    store: neptune-global
  - name: sessions
    category: session
    store: memorydb-multi-region
    topology: hot-hot
    writes: [idempotent-put]
  - name: telemetry
    category: analytics
    store: keyspaces-multi-region
    topology: hot-hot
    writes: [append-only]
  - name: ledger
    category: transaction
    store: rds-cross-region-replica
`);
      // Hot-warm strong data on a one-writer store fits; eventual data on an every-Region store fits.
      assert.deepEqual(said(analysis), []);
      const storeFits = Object.fromEntries(analysis.report.dataTypes.map((dt) => [dt.name, dt.verdict?.storeFits]));
      assert.deepEqual(storeFits, { profiles: true, graph: true, sessions: true, telemetry: true, ledger: true });
    });

    it('Neptune has one writer (https://docs.aws.amazon.com/neptune/latest/userguide/neptune-gdb-setup.html): hot-hot on it is single-writer-hot-hot', () => {
      assert.deepEqual(said(analyze(`  - name: graph\n    category: account\n    store: neptune-global\n    topology: hot-hot\n`)), [
        "recommendation information: 'graph': CP on aurora-dsql is advised, not neptune-global.",
        "single-writer-hot-hot error: 'graph' is hot-hot; neptune-global has one writer: use aurora-dsql.",
      ]);
    });

    it('MemoryDB resolves concurrent writes by last writer wins per key (https://docs.aws.amazon.com/memorydb/latest/devguide/multi-region.html): counters written in both Regions lose updates', () => {
      const analysis = analyze(`  - name: likes\n    category: analytics\n    store: memorydb-multi-region\n    topology: hot-hot\n    writes: [counter]\n`);
      const finding = analysis.findings.find((f) => f.ruleId === 'lww-loses-updates')!;
      assert.equal(finding.message, "'likes': last writer wins drops counter writes: pin items to Regions.");
      assert.match(finding.detail, /CRDT-based last writer wins, per key for strings and per sub-key/);
      // Not DynamoDB's guidance, and no DynamoDB mode offered for a MemoryDB cluster.
      assert.doesNotMatch(finding.detail, /MREC|dynamodb-global-strong/);
    });

    it('MemoryDB spans at most five Regions (https://docs.aws.amazon.com/memorydb/latest/devguide/multi-region.prereq.html)', () => {
      const six = `apiVersion: cap-advisor/v1\nkind: DataCatalog\nmetadata:\n  name: shop\nregions:\n${['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-central-1'].map((r, i) => `  - name: ${r}\n    role: ${i === 0 ? 'primary' : 'secondary'}\n`).join('')}dataTypes:\n  - name: sessions\n    category: session\n    store: memorydb-multi-region\n`;
      assert.deepEqual(
        analyzeCatalog(six)
          .findings.filter((f) => f.ruleId === 'store-region-limit')
          .map((f) => f.message),
        ["'sessions' is in 6 Regions; memorydb-multi-region spans at most 5."],
      );
    });

    it('an RDS read replica is promoted into a separate database and has no switchover (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html)', () => {
      const analysis = analyze(`  - name: ledger\n    category: transaction\n    store: rds-cross-region-replica\n    recovery: { operation: switchover }\n`);
      const finding = analysis.findings.find((f) => f.ruleId === 'store-feature-unsupported')!;
      assert.equal(finding.message, "'ledger' recovers by switchover, which rds-cross-region-replica does not offer.");
      assert.match(finding.detail, /offers `detach-and-promote`: a person promotes the replica, which becomes a separate standalone database/);
      assert.match(
        outcome(analysis, 'us-east-1 lose', 'ledger').detail,
        /a person acts in us-east-2: a person promotes the replica, which becomes a separate standalone database/,
      );
    });
  });

  describe('the smallest change first: one first fix in every finding', () => {
    it('strong counters on dynamodb-global in us-east-1 and us-east-2 with the us-west-2 witness: every finding says dynamodb-global-strong, a shape AWS accepts (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html)', () => {
      const analysis = analyze(`  - name: balances\n    category: account\n    store: dynamodb-global\n    topology: hot-hot\n    writes: [counter]\n`);
      const firstFixes = analysis.findings.map((f) => / (use [a-z-]+)\.$/.exec(f.message)?.[1] ?? /CP on ([a-z-]+)/.exec(f.message)?.[1]);
      assert.deepEqual([...new Set(firstFixes)].sort(), ['dynamodb-global-strong', 'use dynamodb-global-strong'].sort());
    });

    it('the same data in four Regions, a shape multi-Region strong consistency does not accept: the engine migration comes first', () => {
      const analysis = analyzeCatalog(
        `apiVersion: cap-advisor/v1\nkind: DataCatalog\nmetadata:\n  name: shop\nregions:\n${['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1'].map((r, i) => `  - name: ${r}\n    role: ${i === 0 ? 'primary' : 'secondary'}\n`).join('')}dataTypes:\n  - name: balances\n    category: account\n    store: dynamodb-global\n    topology: hot-hot\n    writes: [counter]\n`,
      );
      assert.equal(analysis.report.dataTypes[0].verdict?.store, 'aurora-dsql');
    });
  });

  describe('the optional catalog fields', () => {
    it('replication: { rtc: false } on S3 with an RPO: nothing bounds it (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html)', () => {
      assert.deepEqual(said(analyze(`  - name: media\n    category: media\n    store: s3\n    rpo: 30m\n    replication: { rtc: false }\n`)), [
        "replication-without-rtc warning: 'media' replicates without RTC, so nothing bounds its rpo: enable it.",
      ]);
      assert.deepEqual(said(analyze(`  - name: media\n    category: media\n    store: s3\n    rpo: 30m\n    replication: { rtc: true }\n`)), []);
    });

    it('S3 with an RPO RTC would meet and nothing that says whether RTC is on: the user is told it is unknown, never assumed', () => {
      assert.deepEqual(said(analyze(`  - name: media\n    category: media\n    store: s3\n    rpo: 30m\n`)), [
        "replication-without-rtc information: 'media': whether RTC bounds its rpo is unknown: declare replication.",
      ]);
    });

    it('recovery: { trigger } maps onto failover: an ARC routing control is flipped on purpose, a health check is automatic (https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/static-stability.html)', () => {
      const onTrigger = (trigger: string) =>
        said(analyze(`  - name: payments\n    category: transaction\n    store: aurora-global\n    recovery: { operation: failover, trigger: ${trigger} }\n`));
      assert.deepEqual(onTrigger('routing-control'), []);
      assert.deepEqual(onTrigger('person'), []);
      assert.deepEqual(onTrigger('health-check'), ["unguarded-automatic-failover warning: 'payments' fails over automatically, unguarded: go manual."]);
    });

    it('standby: pilot-light cannot recover within five minutes (https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html)', () => {
      assert.deepEqual(said(analyze(`  - name: payments\n    category: transaction\n    store: aurora-global\n    standby: pilot-light\n    rto: 5m\n`)), [
        "rpo-unachievable warning: 'payments' wants RTO 5 min, but a pilot-light standby takes 10 min+: raise rto.",
      ]);
      assert.deepEqual(said(analyze(`  - name: payments\n    category: transaction\n    store: aurora-global\n    standby: warm-standby\n    rto: 5m\n`)), []);
    });

    it('backup: a copy in another Region every 30 minutes keeps a 30-minute RPO for data in one Region, and the loss scenario says what it bounds', () => {
      const analysis = analyze(
        `  - name: reports\n    category: analytics\n    store: dynamodb\n    topology: single-region\n    regions: [us-east-1]\n    rpo: 30m\n    backup: { copyTo: us-east-2, every: 30m }\n`,
      );
      assert.deepEqual(said(analysis), []);
      assert.match(
        outcome(analysis, 'us-east-1 lose', 'reports').detail,
        /it is unavailable until us-east-1 returns or the backup copied to us-east-2 is restored \(hours\), and what was written since the last copy \(up to 30 min\) is lost with the Region\. Writes at risk: up to 30 min \(the declared backup interval\)/,
      );
      const without = analyze(
        `  - name: reports\n    category: analytics\n    store: dynamodb\n    topology: single-region\n    regions: [us-east-1]\n    rpo: 30m\n`,
      );
      assert.deepEqual(
        said(without).map((s) => s.split(':')[0]),
        ['rpo-unachievable warning'],
      );
    });

    it('partitionedBy: region: a table per Region on purpose is neither a misfit nor CA by accident, and a Region loss takes only its own items', () => {
      const analysis = analyze(`  - name: residency\n    category: account\n    store: dynamodb\n    cap: CA\n    partitionedBy: region\n`);
      assert.deepEqual(said(analysis), []);
      const lost = outcome(analysis, 'us-east-1 lose', 'residency');
      assert.equal(lost.verdict, 'degraded');
      assert.match(lost.detail, /Its items homed in us-east-1 live there only \(partitioned by Region, on purpose\)/);
      assert.deepEqual(said(analyze(`  - name: residency\n    category: account\n    store: dynamodb\n`)), [
        "recommendation information: 'residency': CP on dynamodb-global-strong is advised, not dynamodb.",
        "store-mismatch warning: 'residency' is in 2 Regions, but dynamodb lives in one: use dynamodb-global-strong.",
      ]);
    });

    it('reads: writer sees the latest write: no staleness finding on Aurora Global Database (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html)', () => {
      const base = `  - name: payments\n    category: transaction\n    store: aurora-global\n    stalenessBudget: 100ms\n`;
      assert.deepEqual(
        said(analyze(base)).map((s) => s.split(' ')[0]),
        ['staleness-budget-exceeded'],
      );
      assert.deepEqual(said(analyze(`${base}    reads: writer\n`)), []);
    });
  });

  describe('writes that cannot conflict do not split (https://docs.aws.amazon.com/prescriptive-guidance/latest/dynamodb-global-tables/write-to-any-region.html)', () => {
    it('eventual session data under an unguarded automatic failover diverges; it never splits its brain', () => {
      const analysis = analyze(`  - name: sessions\n    category: session\n    store: dynamodb-global\n    failover: automatic\n`);
      assert.equal(outcome(analysis, 'us-east-1 isolate', 'sessions').verdict, 'diverges');
      const idempotent = analyze(
        `  - name: events\n    category: analytics\n    store: memorydb-multi-region\n    failover: automatic\n    writes: [idempotent-put]\n`,
      );
      assert.equal(outcome(idempotent, 'us-east-1 isolate', 'events').verdict, 'diverges');
      assert.deepEqual(said(idempotent), []);
    });

    it('a lost Region of an every-Region store delays its unreplicated writes, never loses them (https://docs.aws.amazon.com/prescriptive-guidance/latest/dynamodb-global-tables/overview.html)', () => {
      for (const store of ['dynamodb-global', 's3', 'memorydb-multi-region', 'keyspaces-multi-region']) {
        const analysis = analyze(`  - name: data\n    category: session\n    store: ${store}\n`);
        const { detail } = outcome(analysis, 'us-east-1 lose', 'data');
        assert.match(detail, /delayed until us-east-1 returns, not lost/, store);
        assert.match(detail, /nothing is promoted/, store);
      }
    });
  });

  describe('experiments where FIS acts on the new stores', () => {
    it('a MemoryDB multi-Region cluster is paused with aws:memorydb:multi-region-cluster-pause-replication (https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html#multi-region-cluster-pause-replication), valid for the FIS API, its permissions in the role', () => {
      const analysis = analyze(
        `  - name: leaderboard\n    category: session\n    store: memorydb-multi-region\n    topology: hot-hot\n    writes: [idempotent-put]\n`,
      );
      const plan = planExperiment(analysis, { isolate: 'us-east-1' });
      const actions = plan.templates.flatMap((template) => template.actions);
      const pause = actions.find((action) => action.actionId === 'aws:memorydb:multi-region-cluster-pause-replication')!;
      assert.ok(pause, actions.map((a) => a.actionId).join(', '));
      assert.deepEqual(pause.target, { key: 'MultiRegionClusters', name: 'LeaderboardClusters' });
      for (const { input } of experimentApiInputs(plan)) assert.deepEqual(apiInputProblems(input), []);
      const pausing = plan.runs[0].policy.Statement.find((statement) => statement.Sid === 'PauseMemoryDbReplication')!;
      assert.deepEqual(pausing.Action, ['memorydb:DescribeMultiRegionClusters', 'memorydb:PauseMultiRegionClusterReplication']);
    });

    it('an RDS read replica has no FIS action: the plan says what cannot be reproduced and what would (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html)', () => {
      const analysis = analyze(`  - name: ledger\n    category: transaction\n    store: rds-cross-region-replica\n`);
      const plan = planExperiment(analysis, { isolate: 'us-east-1' });
      const hypothesis = plan.hypotheses.find((h) => h.dataType === 'ledger')!;
      assert.ok(
        hypothesis.cannotReproduce.some((text) => /PromoteReadReplica/.test(text)),
        hypothesis.cannotReproduce.join(' | '),
      );
    });
  });
});
