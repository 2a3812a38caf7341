// The store facts every rule and explanation rests on, in one table so they can be reviewed and
// updated in one place. Figures are typical values AWS documents, not guarantees, unless a
// fact says SLA. Each fact carries its source; docs/store-facts.md is generated from this table
// (`npm run docs`), and a test keeps the two equal.
import type { CapPosition, StoreFeature, StoreId, WriteKind } from './types';

/** A figure or statement with where it comes from. */
export interface SourcedFact<T> {
  value: T;
  /** How to say it to a user, with its caveat ("typically < 1 s, no SLA"). */
  text: string;
  /** The documentation page it comes from (AWS's own unless marked [secondary source]). */
  source: string;
}

export interface StoreFacts {
  id: StoreId;
  /** The AWS product, as a user would name it. */
  product: string;
  /** CAP position across Regions; null for single-Region stores, which have none. */
  position: SourcedFact<CapPosition | null>;
  /** Which Regions accept writes: the primary only, every Region, or the one Region. */
  writers: SourcedFact<'primary' | 'all' | 'single-region'>;
  /** Typical cross-Region replication window in ms: how stale a read in another Region can be. */
  replicationWindow: SourcedFact<number | null>;
  /** Typical data loss on an unplanned Regional failover, in ms. */
  rpo: SourcedFact<number | null>;
  /** Voting Regions the store itself needs (strongly consistent multi-Region stores need 3). */
  votingRegionsNeeded: SourcedFact<number | null>;
  /** What the store itself does, on a failover or a partition, to keep a cut-off Region from taking writes. */
  failoverFencing: SourcedFact<'best-effort' | 'quorum' | 'none'>;
  /**
   * The smallest RPO the store can be made to promise, where that differs from its typical loss:
   * a bound a setting enforces (null: the typical figure is all AWS publishes).
   */
  rpoBound?: SourcedFact<number>;
  /** A replication window that is a design bound, not a typical figure (S3 with Replication Time Control). */
  replicationBound?: SourcedFact<number>;
  /** What writes do in a Region a partition cuts off, as a clause a finding quotes ("its secondary Regions cannot take writes, …"). */
  partitionWrites: SourcedFact<'refused' | 'accepted'>;
  /** The most Regions one deployment spans, where AWS sets a number (null: no published limit, or a Region shape that strong-table-topology judges). */
  maxRegions: SourcedFact<number | null>;
  /** The writes and features the store refuses, each with its source; what is not listed is not known to be refused. */
  refuses: Partial<Record<WriteKind | StoreFeature, SourcedFact<true>>>;
}

const AURORA_GLOBAL = 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html';
const AURORA_DR = 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html';
const DSQL_MULTI_REGION = 'https://docs.aws.amazon.com/aurora-dsql/latest/userguide/disaster-recovery-resiliency.html';
const DDB_GLOBAL_HOW = 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html';
const DDB_GLOBAL_GUIDE = 'https://docs.aws.amazon.com/prescriptive-guidance/latest/dynamodb-global-tables/overview.html';
const S3_CONSISTENCY = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html#ConsistencyModel';
const S3_RTC = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html';
const ELASTICACHE_GLOBAL = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastore.html';
const ELASTICACHE_FAILOVER = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_FailoverGlobalReplicationGroup.html';
const ELASTICACHE_DR = 'https://disaster-recovery.workshop.aws/en/services/databases/elasticache/global-datastore.html';

const NO_REGION_LIMIT = (source: string): SourcedFact<null> => ({ value: null, text: 'no published limit', source });
const ELASTICACHE_REGIONS = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastores-Getting-Started.html';

const singleRegion = (id: StoreId, product: string, source: string): StoreFacts => ({
  id,
  product,
  position: { value: null, text: 'single Region: no cross-Region position', source },
  writers: { value: 'single-region', text: 'its one Region', source },
  replicationWindow: { value: null, text: 'no cross-Region replication', source },
  rpo: { value: null, text: 'no cross-Region copy: losing the Region loses availability (and, without backups elsewhere, data)', source },
  votingRegionsNeeded: { value: null, text: '–', source },
  failoverFencing: { value: 'none', text: 'no cross-Region failover: the data lives in one Region', source },
  partitionWrites: { value: 'refused', text: 'the data lives in one Region: the Regions a partition cuts off from it cannot write it', source },
  maxRegions: NO_REGION_LIMIT(source),
  refuses: {},
});

export const storeFacts: Readonly<Record<StoreId, StoreFacts>> = {
  'aurora-global': {
    id: 'aurora-global',
    product: 'Aurora Global Database',
    position: { value: 'CP', text: 'CP for clients of the primary Region; secondary Regions serve stale reads', source: AURORA_GLOBAL },
    writers: { value: 'primary', text: 'the primary Region only; secondary clusters are read-only', source: AURORA_GLOBAL },
    replicationWindow: { value: 1000, text: 'typically under 1 s of lag in secondary Regions, no guarantee', source: AURORA_GLOBAL },
    rpo: {
      value: 1000,
      text: 'typically seconds: an unplanned failover loses the lag at failure time (only a planned switchover is RPO 0)',
      source: AURORA_DR,
    },
    votingRegionsNeeded: { value: null, text: 'none: failover is an explicit operation', source: AURORA_DR },
    failoverFencing: {
      value: 'best-effort',
      text: 'on a managed failover Aurora tries to block writes on the old primary, best-effort: it may briefly still accept them',
      source: AURORA_DR,
    },
    rpoBound: {
      value: 20_000,
      text: 'only the rds.global_db_rpo parameter bounds the loss, at 20 s at least, on Aurora PostgreSQL only, and it may hold commits on the primary',
      source: AURORA_DR,
    },
    partitionWrites: {
      value: 'refused',
      text: 'its secondary Regions cannot take writes, so during a partition or a failover writes there fail',
      source: AURORA_GLOBAL,
    },
    maxRegions: { value: 11, text: 'one primary and up to 10 secondary Regions', source: AURORA_GLOBAL },
    refuses: {},
  },
  aurora: singleRegion('aurora', 'Aurora (single Region)', AURORA_GLOBAL),
  'aurora-dsql': {
    id: 'aurora-dsql',
    product: 'Aurora DSQL (multi-Region)',
    position: { value: 'CP', text: 'CP: two peered Regions commit synchronously; the side without quorum refuses writes', source: DSQL_MULTI_REGION },
    writers: { value: 'all', text: 'both peered Regions take writes', source: DSQL_MULTI_REGION },
    replicationWindow: { value: 0, text: '0: synchronous on commit', source: DSQL_MULTI_REGION },
    rpo: { value: 0, text: '0: a commit is in both Regions (via the witness log) before it succeeds', source: DSQL_MULTI_REGION },
    votingRegionsNeeded: { value: 3, text: 'two peered Regions plus a witness Region', source: DSQL_MULTI_REGION },
    failoverFencing: { value: 'quorum', text: 'a Region cut off from the other and the witness refuses writes', source: DSQL_MULTI_REGION },
    partitionWrites: {
      value: 'refused',
      text: 'a Region cut off from its peer and the witness refuses writes until it reaches a quorum again',
      source: DSQL_MULTI_REGION,
    },
    maxRegions: {
      value: null,
      text: 'two peered Regions and a witness, in one Region set (strong-table-topology judges the shape)',
      source: DSQL_MULTI_REGION,
    },
    refuses: {},
  },
  'dynamodb-global': {
    id: 'dynamodb-global',
    product: 'DynamoDB global tables (multi-Region eventual consistency)',
    position: {
      value: 'AP',
      text: 'AP: every Region keeps taking writes during a partition; concurrent writes to an item resolve by last writer wins',
      source: DDB_GLOBAL_HOW,
    },
    writers: { value: 'all', text: 'every Region', source: DDB_GLOBAL_HOW },
    replicationWindow: { value: 1000, text: 'typically within 1 s (nearby Regions faster), no SLA on replication latency', source: DDB_GLOBAL_HOW },
    rpo: { value: 1000, text: 'the replication delay, usually a few seconds at most', source: DDB_GLOBAL_GUIDE },
    votingRegionsNeeded: { value: null, text: 'none', source: DDB_GLOBAL_HOW },
    failoverFencing: {
      value: 'none',
      text: 'nothing is fenced: every Region keeps taking writes, and conflicting writes resolve by last writer wins',
      source: DDB_GLOBAL_HOW,
    },
    partitionWrites: {
      value: 'accepted',
      text: 'during a partition every Region keeps accepting writes, and of two conflicting writes to an item the last writer wins and the other is lost',
      source: DDB_GLOBAL_HOW,
    },
    maxRegions: NO_REGION_LIMIT(DDB_GLOBAL_HOW),
    refuses: {},
  },
  'dynamodb-global-strong': {
    id: 'dynamodb-global-strong',
    product: 'DynamoDB global tables (multi-Region strong consistency, since 2025)',
    position: {
      value: 'CP',
      text: 'CP: writes replicate synchronously to a quorum; an isolated Region serves only eventually consistent reads',
      source: DDB_GLOBAL_HOW,
    },
    writers: { value: 'all', text: 'every replica Region', source: DDB_GLOBAL_HOW },
    replicationWindow: { value: 0, text: '0: strongly consistent reads in any Region return the latest item', source: DDB_GLOBAL_HOW },
    rpo: { value: 0, text: '0', source: DDB_GLOBAL_GUIDE },
    votingRegionsNeeded: { value: 3, text: 'exactly three Regions (three replicas, or two plus a witness) within one Region set', source: DDB_GLOBAL_HOW },
    failoverFencing: { value: 'quorum', text: 'a Region cut off from the quorum refuses strongly consistent writes', source: DDB_GLOBAL_HOW },
    partitionWrites: {
      value: 'refused',
      text: 'a Region cut off from the quorum refuses writes and strongly consistent reads until it reaches one again (every Region that reaches a quorum writes)',
      source: DDB_GLOBAL_HOW,
    },
    maxRegions: { value: null, text: 'exactly three Regions in one Region set (strong-table-topology judges the shape)', source: DDB_GLOBAL_HOW },
    refuses: {
      transaction: {
        value: true,
        text: 'transaction calls (TransactWriteItems, TransactGetItems) return errors on multi-Region strong consistency',
        source: DDB_GLOBAL_HOW,
      },
      ttl: { value: true, text: 'Time to Live is not supported on multi-Region strong consistency', source: DDB_GLOBAL_HOW },
      lsi: { value: true, text: 'local secondary indexes are not supported on multi-Region strong consistency', source: DDB_GLOBAL_HOW },
    },
  },
  dynamodb: singleRegion('dynamodb', 'DynamoDB (single Region)', DDB_GLOBAL_HOW),
  s3: {
    id: 's3',
    product: 'S3 with Cross-Region Replication',
    position: { value: 'AP', text: 'strong within a Region; eventual across Regions (asynchronous replication)', source: S3_CONSISTENCY },
    writers: { value: 'all', text: 'every Region with a bucket', source: S3_RTC },
    replicationWindow: { value: 900_000, text: '99.99 % of objects within 15 min with Replication Time Control; no time bound without it', source: S3_RTC },
    rpo: { value: 900_000, text: '15 min with Replication Time Control; unbounded without it', source: S3_RTC },
    votingRegionsNeeded: { value: null, text: 'none', source: S3_RTC },
    failoverFencing: { value: 'none', text: 'nothing is fenced: every bucket keeps taking writes, and replication is asynchronous', source: S3_RTC },
    replicationBound: {
      value: 900_000,
      text: "Replication Time Control's design bound for 99.99 % of objects, most of which replicate in seconds; with no bound at all without RTC",
      source: S3_RTC,
    },
    partitionWrites: {
      value: 'accepted',
      text: 'during a partition every bucket keeps accepting writes, and of two writes to one key the later replaces the other',
      source: S3_RTC,
    },
    maxRegions: NO_REGION_LIMIT(S3_RTC),
    refuses: {},
  },
  'elasticache-global': {
    id: 'elasticache-global',
    product: 'ElastiCache Global Datastore',
    position: {
      value: 'CP',
      text: 'CP like Aurora Global Database: one primary Region takes writes; read-only secondaries serve stale data; a secondary is promoted by an API call',
      source: ELASTICACHE_GLOBAL,
    },
    writers: { value: 'primary', text: 'the primary cluster only; promotion is manual', source: ELASTICACHE_GLOBAL },
    replicationWindow: { value: 1000, text: 'typically under 1 s, asynchronous', source: `${ELASTICACHE_DR} [secondary source]` },
    rpo: { value: 1000, text: 'generally under 1 s', source: `${ELASTICACHE_DR} [secondary source]` },
    votingRegionsNeeded: { value: null, text: 'none', source: ELASTICACHE_GLOBAL },
    failoverFencing: {
      value: 'none',
      text: 'promoting a secondary is a manual API call, and nothing blocks writes on the old primary',
      source: ELASTICACHE_FAILOVER,
    },
    partitionWrites: {
      value: 'refused',
      text: 'its secondary Regions are read-only, so during a partition or a promotion writes there fail',
      source: ELASTICACHE_GLOBAL,
    },
    maxRegions: { value: 3, text: 'one primary Region and secondary clusters in up to two other Regions', source: ELASTICACHE_REGIONS },
    refuses: {},
  },
};

export const STORE_IDS = Object.keys(storeFacts) as StoreId[];

/** Whether the store keeps taking writes in every Region a partition separates (DynamoDB global tables, S3): nothing is promoted there. */
export function everyRegionWrites(store: StoreId | undefined): boolean {
  return store !== undefined && storeFacts[store].partitionWrites.value === 'accepted';
}

const DDB_WRITE_MODES = 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-global-table-design.prescriptive-guidance.writemodes.html';
const DDB_WRITE_ONE_REGION = 'https://docs.aws.amazon.com/prescriptive-guidance/latest/dynamodb-global-tables/write-to-one-region.html';
const DR_STRATEGIES = 'https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html';

/**
 * What AWS's guidance says about writing to multi-Region stores, beyond each store's figures: the
 * facts behind the write-mode rules. Each with its source, on docs/store-facts.md.
 */
export const writeGuidance = {
  writeModes: {
    value: ['any-region', 'one-region', 'home-region'],
    text: 'Three write modes for global tables: write to any Region (every MRSC table; on MREC only for idempotent or append-only writes, or where conflicts are acceptable), write to one Region (what MREC needs for conditional writes and transactions: strong reads go to that Region), write to your Region (each item has a home Region, "Region pinning").',
    source: DDB_WRITE_MODES,
  },
  lastWriterWinsLosesSilently: {
    value: true,
    text: 'On MREC tables concurrent writes to one item resolve by last writer wins on an internal timestamp; the losing write disappears without a trace in CloudWatch or CloudTrail. A balance updated with ADD in two Regions loses an update; under MRSC it does not.',
    source: DDB_GLOBAL_GUIDE,
  },
  conditionalWritesAreLocal: {
    value: true,
    text: 'On MREC tables a strongly consistent read is strong only for items last written in that Region, conditional writes evaluate against the local copy, and a transaction is atomic only in the Region that runs it.',
    source: DDB_GLOBAL_HOW,
  },
  writeToOneRegion: {
    value: true,
    text: 'Writing to one Region gives strongly consistent reads, conditional writes and transactions in that Region; other Regions read eventually; a planned Region switch drains writes first, an unplanned one loses the replication lag.',
    source: DDB_WRITE_ONE_REGION,
  },
  mrscHasNoTransactions: {
    value: true,
    text: 'MRSC tables have no transactions (the calls fail), no TTL and no local secondary indexes; they need exactly three Regions in one Region set.',
    source: DDB_GLOBAL_HOW,
  },
  isolatedReplicaKeepsWriting: {
    value: true,
    text: 'An isolated MREC replica keeps accepting local writes and catches up later: writes it had not replicated are delayed until it returns, and may then be overwritten by newer writes.',
    source: DDB_GLOBAL_GUIDE,
  },
  witnessOnlyForStrong: {
    value: true,
    text: 'A witness Region exists only for MRSC tables (and Aurora DSQL): an MREC table has no witness and every Region accepts writes at any time.',
    source: DDB_GLOBAL_HOW,
  },
  regionLossNeedsACopy: {
    value: 3_600_000,
    text: 'Data in one Region does not survive the loss of that Region; backup and restore to another Region takes hours (RPO and RTO in hours), pilot light and warm standby tens of minutes, multi-site active/active near zero.',
    source: DR_STRATEGIES,
  },
} as const satisfies Record<string, SourcedFact<unknown>>;
