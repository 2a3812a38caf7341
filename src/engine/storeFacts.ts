// The store facts every rule and explanation rests on, in one table so they can be reviewed and
// updated in one place. Figures are typical values AWS documents, not guarantees, unless a
// fact says SLA. Each fact carries its source (../shared/domain-facts.md has the reading notes;
// the fact ids A1, G3, … refer to it).
import type { CapPosition, StoreId } from './types';

/** A figure or statement with where it comes from. */
export interface SourcedFact<T> {
  value: T;
  /** How to say it to a user, with its caveat ("typically < 1 s, no SLA"). */
  text: string;
  /** domain-facts.md ids and the AWS documentation URL. */
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
}

const AURORA_GLOBAL = 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html';
const AURORA_DR = 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html';
const DSQL_MULTI_REGION = 'https://docs.aws.amazon.com/aurora-dsql/latest/userguide/disaster-recovery-resiliency.html';
const DDB_GLOBAL_HOW = 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html';
const DDB_GLOBAL_GUIDE = 'https://docs.aws.amazon.com/prescriptive-guidance/latest/dynamodb-global-tables/overview.html';
const S3_CONSISTENCY = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html#ConsistencyModel';
const S3_RTC = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html';
const ELASTICACHE_GLOBAL = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastore.html';
const ELASTICACHE_DR = 'https://disaster-recovery.workshop.aws/en/services/databases/elasticache/global-datastore.html';

const singleRegion = (id: StoreId, product: string, source: string): StoreFacts => ({
  id,
  product,
  position: { value: null, text: 'single Region: no cross-Region position', source },
  writers: { value: 'single-region', text: 'its one Region', source },
  replicationWindow: { value: null, text: 'no cross-Region replication', source },
  rpo: { value: null, text: 'no cross-Region copy: losing the Region loses availability (and, without backups elsewhere, data)', source },
  votingRegionsNeeded: { value: null, text: '–', source },
});

export const storeFacts: Readonly<Record<StoreId, StoreFacts>> = {
  'aurora-global': {
    id: 'aurora-global',
    product: 'Aurora Global Database',
    position: { value: 'CP', text: 'CP for clients of the primary Region; secondary Regions serve stale reads', source: `A1, A2, T5: ${AURORA_GLOBAL}` },
    writers: { value: 'primary', text: 'the primary Region only; secondary clusters are read-only', source: `A1: ${AURORA_GLOBAL}` },
    replicationWindow: { value: 1000, text: 'typically under 1 s of lag in secondary Regions, no guarantee', source: `A2: ${AURORA_GLOBAL}` },
    rpo: { value: 1000, text: 'typically seconds: an unplanned failover loses the lag at failure time (only a planned switchover is RPO 0)', source: `A4, A6: ${AURORA_DR}` },
    votingRegionsNeeded: { value: null, text: 'none: failover is an explicit operation', source: `A5, A6: ${AURORA_DR}` },
  },
  'aurora': singleRegion('aurora', 'Aurora (single Region)', `A1: ${AURORA_GLOBAL}`),
  'aurora-dsql': {
    id: 'aurora-dsql',
    product: 'Aurora DSQL (multi-Region)',
    position: { value: 'CP', text: 'CP: two peered Regions commit synchronously; the side without quorum refuses writes', source: `D2, D3: ${DSQL_MULTI_REGION}` },
    writers: { value: 'all', text: 'both peered Regions take writes', source: `D2: ${DSQL_MULTI_REGION}` },
    replicationWindow: { value: 0, text: '0: synchronous on commit', source: `D2: ${DSQL_MULTI_REGION}` },
    rpo: { value: 0, text: '0: a commit is in both Regions (via the witness log) before it succeeds', source: `D2: ${DSQL_MULTI_REGION}` },
    votingRegionsNeeded: { value: 3, text: 'two peered Regions plus a witness Region', source: `D2, R7: ${DSQL_MULTI_REGION}` },
  },
  'dynamodb-global': {
    id: 'dynamodb-global',
    product: 'DynamoDB global tables (multi-Region eventual consistency)',
    position: { value: 'AP', text: 'AP: every Region keeps taking writes during a partition; concurrent writes to an item resolve by last writer wins', source: `G3, G4: ${DDB_GLOBAL_HOW}` },
    writers: { value: 'all', text: 'every Region', source: `G3: ${DDB_GLOBAL_HOW}` },
    replicationWindow: { value: 1000, text: 'typically within 1 s (nearby Regions faster), no SLA on replication latency', source: `G3: ${DDB_GLOBAL_HOW}` },
    rpo: { value: 1000, text: 'the replication delay, usually a few seconds at most', source: `G3: ${DDB_GLOBAL_GUIDE}` },
    votingRegionsNeeded: { value: null, text: 'none', source: `G3: ${DDB_GLOBAL_HOW}` },
  },
  'dynamodb-global-strong': {
    id: 'dynamodb-global-strong',
    product: 'DynamoDB global tables (multi-Region strong consistency, since 2025)',
    position: { value: 'CP', text: 'CP: writes replicate synchronously to a quorum; an isolated Region serves only eventually consistent reads', source: `G6, G11: ${DDB_GLOBAL_HOW}` },
    writers: { value: 'all', text: 'every replica Region', source: `G6: ${DDB_GLOBAL_HOW}` },
    replicationWindow: { value: 0, text: '0: strongly consistent reads in any Region return the latest item', source: `G6: ${DDB_GLOBAL_HOW}` },
    rpo: { value: 0, text: '0', source: `G6: ${DDB_GLOBAL_GUIDE}` },
    votingRegionsNeeded: { value: 3, text: 'exactly three Regions (three replicas, or two plus a witness) within one Region set', source: `G7: ${DDB_GLOBAL_HOW}` },
  },
  'dynamodb': singleRegion('dynamodb', 'DynamoDB (single Region)', `G2: ${DDB_GLOBAL_HOW}`),
  's3': {
    id: 's3',
    product: 'S3 with Cross-Region Replication',
    position: { value: 'AP', text: 'strong within a Region; eventual across Regions (asynchronous replication)', source: `S1, S3: ${S3_CONSISTENCY}` },
    writers: { value: 'all', text: 'every Region with a bucket', source: `S3: ${S3_RTC}` },
    replicationWindow: { value: 900_000, text: '99.99 % of objects within 15 min with Replication Time Control; no time bound without it', source: `S3, S4: ${S3_RTC}` },
    rpo: { value: 900_000, text: '15 min with Replication Time Control; unbounded without it', source: `S4: ${S3_RTC}` },
    votingRegionsNeeded: { value: null, text: 'none', source: `S3: ${S3_RTC}` },
  },
  'elasticache-global': {
    id: 'elasticache-global',
    product: 'ElastiCache Global Datastore',
    position: { value: 'AP', text: 'one primary; read-only secondaries serve stale data during replication lag', source: `C1: ${ELASTICACHE_GLOBAL}` },
    writers: { value: 'primary', text: 'the primary cluster only; promotion is manual', source: `C1, C2: ${ELASTICACHE_GLOBAL}` },
    replicationWindow: { value: 1000, text: 'typically under 1 s, asynchronous', source: `C3: ${ELASTICACHE_DR} [secondary source]` },
    rpo: { value: 1000, text: 'generally under 1 s', source: `C3: ${ELASTICACHE_DR} [secondary source]` },
    votingRegionsNeeded: { value: null, text: 'none', source: `C2: ${ELASTICACHE_GLOBAL}` },
  },
};

export const STORE_IDS = Object.keys(storeFacts) as StoreId[];
