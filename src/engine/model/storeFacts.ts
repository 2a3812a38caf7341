// The store facts every rule and explanation rests on, in one table so they can be reviewed and
// updated in one place. Figures are typical values AWS documents, not guarantees, unless a
// fact says SLA. Each fact carries its source; docs/store-facts.md is generated from this table
// (`npm run docs`), and a test keeps the two equal.
import type { CapPosition, RecoveryOperation, Standby, StoreFeature, StoreId, WriteKind } from './types';

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
  /**
   * How two concurrent writes to one item in different Regions resolve: `none` where only one
   * Region writes an item, `last-writer-wins` (per item, cell or key: the text says which), or
   * `quorum` where a write commits in a majority of Regions first.
   */
  conflicts: SourcedFact<'none' | 'last-writer-wins' | 'quorum'>;
  /** The operations AWS offers to move the writes to another Region; only a store with a promote operation has anything "promoted". */
  recovery: SourcedFact<RecoveryOperation[]>;
  /** What it holds: records of data, a cache rebuilt from its source (never data of record), or objects (never records that strong data updates together). */
  holds: SourcedFact<'records' | 'cache' | 'objects'>;
  /**
   * The engine family: a change within it (another mode, another write mode) is smaller than a
   * migration to another engine, so the verdict names it first.
   */
  family: string;
  /** How writes sent to a secondary Region still depend on the primary, where the store offers such forwarding. */
  writeForwarding?: SourcedFact<true>;
  /** What keeps the copies behind one global endpoint in step, where the store offers one (S3 Multi-Region Access Points). */
  globalEndpoint?: SourcedFact<'replication-between-every-copy'>;
}

const AURORA_GLOBAL = 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html';
const AURORA_DR = 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html';
const DSQL_MULTI_REGION = 'https://docs.aws.amazon.com/aurora-dsql/latest/userguide/disaster-recovery-resiliency.html';
const DDB_GLOBAL_HOW = 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html';
const DDB_GLOBAL_GUIDE = 'https://docs.aws.amazon.com/prescriptive-guidance/latest/dynamodb-global-tables/overview.html';
const S3_CONSISTENCY = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html#ConsistencyModel';
const S3_RTC = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html';
const S3_MRAP_REPLICATION = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiRegionAccessPointBucketReplication.html';
const ELASTICACHE_GLOBAL = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastore.html';
const ELASTICACHE_FAILOVER = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_FailoverGlobalReplicationGroup.html';
const ELASTICACHE_DR = 'https://disaster-recovery.workshop.aws/en/services/databases/elasticache/global-datastore.html';

const DOCDB_GLOBAL = 'https://docs.aws.amazon.com/documentdb/latest/developerguide/global-clusters.html';
const DOCDB_CREATE_GLOBAL = 'https://docs.aws.amazon.com/cli/latest/reference/docdb/create-global-cluster.html';
const DOCDB_FAILOVER = 'https://docs.aws.amazon.com/documentdb/latest/developerguide/API_FailoverGlobalCluster.html';
const NEPTUNE_GLOBAL = 'https://docs.aws.amazon.com/neptune/latest/userguide/neptune-gdb-setup.html';
const NEPTUNE_FAILOVER = 'https://docs.aws.amazon.com/neptune/latest/apiref/API_FailoverGlobalCluster.html';
const MEMORYDB_MULTI_REGION = 'https://docs.aws.amazon.com/memorydb/latest/devguide/multi-region.html';
const MEMORYDB_LIMITS = 'https://docs.aws.amazon.com/memorydb/latest/devguide/multi-region.prereq.html';
const KEYSPACES_MULTI_REGION = 'https://docs.aws.amazon.com/keyspaces/latest/devguide/multiRegion-replication.html';
const KEYSPACES_NOTES = 'https://docs.aws.amazon.com/keyspaces/latest/devguide/multiRegion-replication_usage-notes.html';
const RDS_CROSS_REGION_REPLICA = 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html';
const RDS_PROMOTE_REPLICA = 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html';
const AURORA_WRITE_FORWARDING = 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-write-forwarding-apg.html';

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
  conflicts: { value: 'none', text: 'one Region writes every item', source },
  recovery: { value: [], text: 'none across Regions: a copy elsewhere (a backup, or a replica) is what a Region loss needs', source },
  holds: { value: 'records', text: 'records', source },
  family: id,
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
    conflicts: { value: 'none', text: 'none: one writer Region', source: AURORA_GLOBAL },
    recovery: {
      value: ['switchover', 'failover', 'detach-and-promote'],
      text: 'a switchover of healthy Regions loses nothing; a failover promotes a secondary and loses the lag; detaching a secondary makes it a separate database',
      source: AURORA_DR,
    },
    holds: { value: 'records', text: 'relational records', source: AURORA_GLOBAL },
    family: 'aurora',
    writeForwarding: {
      value: true,
      text: 'write forwarding still sends every write to the primary Region, so it fails when that Region is cut off',
      source: AURORA_WRITE_FORWARDING,
    },
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
    conflicts: {
      value: 'quorum',
      text: 'optimistic concurrency: of two conflicting transactions one fails at commit, in whichever Region it ran',
      source: DSQL_MULTI_REGION,
    },
    recovery: { value: [], text: 'none needed: both peered Regions keep writing while they reach the witness', source: DSQL_MULTI_REGION },
    holds: { value: 'records', text: 'relational records', source: DSQL_MULTI_REGION },
    family: 'aurora-dsql',
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
    conflicts: {
      value: 'last-writer-wins',
      text: 'last writer wins per item, on an internal timestamp; the losing write disappears without a trace',
      source: DDB_GLOBAL_HOW,
    },
    recovery: {
      value: ['move-writes'],
      text: 'nothing to promote: every Region already takes writes, so recovery moves the writing Region (what an isolated Region had not replicated is delayed until it returns)',
      source: DDB_GLOBAL_GUIDE,
    },
    holds: { value: 'records', text: 'items', source: DDB_GLOBAL_HOW },
    family: 'dynamodb',
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
    conflicts: { value: 'quorum', text: 'none diverge: a write commits in a quorum of Regions before it succeeds', source: DDB_GLOBAL_HOW },
    recovery: { value: [], text: 'none needed: every Region that reaches a quorum keeps writing', source: DDB_GLOBAL_HOW },
    holds: { value: 'records', text: 'items', source: DDB_GLOBAL_HOW },
    family: 'dynamodb',
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
    conflicts: { value: 'last-writer-wins', text: 'of two writes to one key, the later replaces the other', source: S3_RTC },
    recovery: {
      value: ['move-writes'],
      text: 'nothing to promote: every bucket takes writes, so recovery moves the writing Region',
      source: S3_RTC,
    },
    holds: { value: 'objects', text: 'objects, not records that strong data updates together', source: S3_CONSISTENCY },
    family: 's3',
    globalEndpoint: {
      value: 'replication-between-every-copy',
      text: 'a Multi-Region Access Point routes each request to the closest bucket without regard to its contents, so a read may reach a bucket that lacks the object (404); only Cross-Region Replication between its buckets lets every bucket serve every object',
      source: S3_MRAP_REPLICATION,
    },
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
    conflicts: { value: 'none', text: 'none: one writer Region', source: ELASTICACHE_GLOBAL },
    recovery: { value: ['failover'], text: 'a person promotes a secondary by an API call, which loses the lag', source: ELASTICACHE_FAILOVER },
    holds: { value: 'cache', text: 'a cache: data rebuilt from its source, not data of record', source: ELASTICACHE_GLOBAL },
    family: 'elasticache',
  },
  'documentdb-global': {
    id: 'documentdb-global',
    product: 'Amazon DocumentDB global cluster',
    position: {
      value: 'CP',
      text: 'CP like Aurora Global Database: one primary cluster takes writes; read-only secondary clusters serve stale reads',
      source: DOCDB_CREATE_GLOBAL,
    },
    writers: { value: 'primary', text: 'the primary cluster only; up to 10 secondary clusters are read-only', source: DOCDB_CREATE_GLOBAL },
    replicationWindow: { value: 1000, text: 'typically under 1 s (storage-based replication), no guarantee', source: DOCDB_GLOBAL },
    rpo: {
      value: 1000,
      text: 'the lag at failure time: a failover can lose writes not yet replicated; a switchover of healthy clusters loses none',
      source: DOCDB_FAILOVER,
    },
    votingRegionsNeeded: { value: null, text: 'none: failover is an explicit operation', source: DOCDB_FAILOVER },
    failoverFencing: { value: 'none', text: 'failover is an explicit API call; nothing here is known to fence the old primary', source: DOCDB_FAILOVER },
    partitionWrites: {
      value: 'refused',
      text: 'its secondary clusters are read-only, so during a partition or a failover writes there fail',
      source: DOCDB_CREATE_GLOBAL,
    },
    maxRegions: { value: 11, text: 'one primary and up to 10 secondary clusters, each in its own Region', source: DOCDB_CREATE_GLOBAL },
    refuses: {},
    conflicts: { value: 'none', text: 'none: one writer Region', source: DOCDB_CREATE_GLOBAL },
    recovery: {
      value: ['switchover', 'failover'],
      text: 'a switchover of healthy clusters loses nothing; a failover (FailoverGlobalCluster) promotes a secondary and can lose what was not replicated',
      source: DOCDB_FAILOVER,
    },
    holds: { value: 'records', text: 'documents', source: DOCDB_GLOBAL },
    family: 'documentdb',
  },
  'neptune-global': {
    id: 'neptune-global',
    product: 'Amazon Neptune global database',
    position: {
      value: 'CP',
      text: 'CP like Aurora Global Database: one primary cluster with a writer; read-only secondary clusters serve stale reads',
      source: NEPTUNE_GLOBAL,
    },
    writers: { value: 'primary', text: 'the primary cluster only; one to five secondary clusters are read-only', source: NEPTUNE_GLOBAL },
    replicationWindow: { value: null, text: 'asynchronous storage replication; no published figure', source: NEPTUNE_GLOBAL },
    rpo: {
      value: null,
      text: 'the lag at failure time, no published bound: a failover with AllowDataLoss can lose writes; a switchover does not',
      source: NEPTUNE_FAILOVER,
    },
    votingRegionsNeeded: { value: null, text: 'none: failover is an explicit operation', source: NEPTUNE_FAILOVER },
    failoverFencing: { value: 'none', text: 'failover is an explicit API call; nothing here is known to fence the old primary', source: NEPTUNE_FAILOVER },
    partitionWrites: {
      value: 'refused',
      text: 'its secondary clusters are read-only, so during a partition or a failover writes there fail',
      source: NEPTUNE_GLOBAL,
    },
    maxRegions: { value: 6, text: 'one primary and one to five secondary Regions', source: NEPTUNE_GLOBAL },
    refuses: {},
    conflicts: { value: 'none', text: 'none: one writer Region', source: NEPTUNE_GLOBAL },
    recovery: {
      value: ['switchover', 'failover'],
      text: 'a switchover of healthy clusters loses nothing; a failover (FailoverGlobalCluster with AllowDataLoss) promotes a secondary and loses the lag',
      source: NEPTUNE_FAILOVER,
    },
    holds: { value: 'records', text: 'graph data', source: NEPTUNE_GLOBAL },
    family: 'neptune',
  },
  'memorydb-multi-region': {
    id: 'memorydb-multi-region',
    product: 'Amazon MemoryDB Multi-Region',
    position: {
      value: 'AP',
      text: 'AP: every Region reads and writes, also when cut off; concurrent writes resolve by last writer wins per key or sub-key',
      source: MEMORYDB_MULTI_REGION,
    },
    writers: { value: 'all', text: 'every Region of the multi-Region cluster', source: MEMORYDB_MULTI_REGION },
    replicationWindow: { value: 1000, text: 'typically within 1 s, asynchronous; no RPO or RTO SLA', source: MEMORYDB_MULTI_REGION },
    rpo: {
      value: 1000,
      text: 'no published bound: an isolated Region keeps taking writes and the replication lag can grow without limit; they replicate when it reconnects',
      source: MEMORYDB_LIMITS,
    },
    votingRegionsNeeded: { value: null, text: 'none', source: MEMORYDB_MULTI_REGION },
    failoverFencing: {
      value: 'none',
      text: 'nothing is fenced: every Region keeps taking writes, and conflicts resolve by last writer wins',
      source: MEMORYDB_MULTI_REGION,
    },
    partitionWrites: {
      value: 'accepted',
      text: 'during a partition every Region keeps accepting writes, and of two writes to one key (or sub-key) the last writer wins',
      source: MEMORYDB_MULTI_REGION,
    },
    maxRegions: { value: 5, text: 'up to five Regions', source: MEMORYDB_LIMITS },
    refuses: {},
    conflicts: {
      value: 'last-writer-wins',
      text: 'CRDT-based last writer wins, per key for strings and per sub-key for hashes, sets and sorted sets',
      source: MEMORYDB_MULTI_REGION,
    },
    recovery: {
      value: ['move-writes'],
      text: "nothing to promote: every Region takes writes, so recovery moves the writing Region (an isolated Region's writes replicate when it reconnects)",
      source: MEMORYDB_MULTI_REGION,
    },
    holds: { value: 'records', text: 'keys (durable, in memory)', source: MEMORYDB_MULTI_REGION },
    family: 'memorydb',
  },
  'keyspaces-multi-region': {
    id: 'keyspaces-multi-region',
    product: 'Amazon Keyspaces multi-Region replication',
    position: {
      value: 'AP',
      text: 'AP: every Region reads and writes on its own; concurrent updates resolve per cell by timestamp, last writer wins',
      source: KEYSPACES_MULTI_REGION,
    },
    writers: { value: 'all', text: 'every Region of the keyspace', source: KEYSPACES_MULTI_REGION },
    replicationWindow: { value: 1000, text: 'typically under 1 s, asynchronous; no guarantee', source: KEYSPACES_MULTI_REGION },
    rpo: { value: 1000, text: 'the replication lag, no published bound', source: KEYSPACES_MULTI_REGION },
    votingRegionsNeeded: { value: null, text: 'none: no QUORUM across Regions, only LOCAL_QUORUM', source: KEYSPACES_NOTES },
    failoverFencing: {
      value: 'none',
      text: 'nothing is fenced: every Region keeps taking writes, and conflicts resolve per cell by last writer wins',
      source: KEYSPACES_MULTI_REGION,
    },
    partitionWrites: {
      value: 'accepted',
      text: 'during a partition every Region keeps accepting writes, and of two updates to one cell the last writer wins',
      source: KEYSPACES_MULTI_REGION,
    },
    maxRegions: NO_REGION_LIMIT(KEYSPACES_NOTES),
    refuses: {},
    conflicts: { value: 'last-writer-wins', text: 'last writer wins per cell, by timestamp', source: KEYSPACES_MULTI_REGION },
    recovery: {
      value: ['move-writes'],
      text: 'nothing to promote: every Region takes writes, so recovery moves the writing Region',
      source: KEYSPACES_MULTI_REGION,
    },
    holds: { value: 'records', text: 'rows (wide-column)', source: KEYSPACES_MULTI_REGION },
    family: 'keyspaces',
  },
  'rds-cross-region-replica': {
    id: 'rds-cross-region-replica',
    product: 'Amazon RDS with a cross-Region read replica',
    position: {
      value: 'CP',
      text: 'CP for clients of the source instance: one writer; the read replica in another Region serves stale reads',
      source: RDS_CROSS_REGION_REPLICA,
    },
    writers: { value: 'primary', text: 'the source DB instance only; the cross-Region read replica is read-only', source: RDS_CROSS_REGION_REPLICA },
    replicationWindow: {
      value: null,
      text: 'asynchronous replication; the lag depends on load and distance, no published figure',
      source: RDS_CROSS_REGION_REPLICA,
    },
    rpo: { value: null, text: 'the replica lag at failure time, no published bound', source: RDS_PROMOTE_REPLICA },
    votingRegionsNeeded: { value: null, text: 'none: promotion is an explicit operation', source: RDS_PROMOTE_REPLICA },
    failoverFencing: { value: 'none', text: 'promotion is a manual operation and nothing blocks writes on the old source', source: RDS_PROMOTE_REPLICA },
    partitionWrites: {
      value: 'refused',
      text: 'its read replica is read-only, so during a partition writes in the replica Region fail until someone promotes it',
      source: RDS_CROSS_REGION_REPLICA,
    },
    maxRegions: NO_REGION_LIMIT(RDS_CROSS_REGION_REPLICA),
    refuses: {},
    conflicts: { value: 'none', text: 'none: one writer', source: RDS_CROSS_REGION_REPLICA },
    recovery: {
      value: ['detach-and-promote'],
      text: 'a person promotes the replica, which becomes a separate standalone database (replication stops; a new replica must be built); there is no switchover',
      source: RDS_PROMOTE_REPLICA,
    },
    holds: { value: 'records', text: 'relational records', source: RDS_CROSS_REGION_REPLICA },
    family: 'rds',
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

/** How soon each of AWS's disaster-recovery strategies can take over a lost Region: the least RTO it can promise (`standby:`). */
export const standbyRecovery: Readonly<Record<Standby, SourcedFact<number>>> = {
  'pilot-light': {
    value: 10 * 60_000,
    text: 'pilot light: the data is replicated but the services are off; recovery takes tens of minutes',
    source: DR_STRATEGIES,
  },
  'warm-standby': {
    value: 60_000,
    text: 'warm standby: a scaled-down copy runs and scales up; recovery takes minutes',
    source: DR_STRATEGIES,
  },
  hot: { value: 0, text: 'multi-site active/active: every Region already serves; recovery is near zero', source: DR_STRATEGIES },
};
