// The engine's words: the enumerations of the catalog format and positions in a text. A leaf
// module (it imports nothing), so both the catalog model and the deployed-system model build on it.
export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';
/** Every severity a setting, `--rule` or `.cap-advisor.yaml` may give a rule, least first. */
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'hint', 'information', 'warning', 'error'];

export type CapPosition = 'CP' | 'AP' | 'CA';
export type Consistency = 'strong' | 'eventual';
export type Topology = 'single-region' | 'hot-warm' | 'hot-hot';
export type RegionRole = 'primary' | 'secondary' | 'witness';
export type ConflictResolution = 'none' | 'last-writer-wins' | 'merge' | 'application';
export type FailoverMode = 'manual' | 'automatic';
export type GuardType = 'human-approval' | 'fencing-lease' | 'witness-region' | 'quorum';
/** Where each item is written: AWS's three write modes for global tables. */
export type WriteMode = 'any-region' | 'one-region' | 'home-region';
/** A store feature a data type's design relies on (`features:`), checked against what the store refuses. */
export type StoreFeature = 'ttl' | 'lsi' | 'streams' | 'global-secondary-indexes';

/** What the application does to the data when it writes. */
export type WriteKind = 'idempotent-put' | 'append-only' | 'read-modify-write' | 'counter' | 'conditional' | 'transaction';

export type StoreId =
  | 'aurora-global'
  | 'aurora'
  | 'aurora-dsql'
  | 'dynamodb-global'
  | 'dynamodb-global-strong'
  | 'dynamodb'
  | 's3'
  | 'elasticache-global'
  | 'documentdb-global'
  | 'neptune-global'
  | 'memorydb-multi-region'
  | 'keyspaces-multi-region'
  | 'rds-cross-region-replica';

/**
 * What a team can do to move a store's writes to another Region: a switchover of healthy Regions
 * (nothing lost), a failover (loses the replication lag), detaching a replica and promoting it
 * to a separate database, or moving the writing Region of a store where every Region writes.
 */
export type RecoveryOperation = 'switchover' | 'failover' | 'detach-and-promote' | 'move-writes';
/** Who starts a recovery: a person, an ARC routing control flipped on purpose, an alarm's automation, or a DNS health check. */
export type RecoveryTrigger = 'person' | 'routing-control' | 'alarm-automation' | 'health-check';
/** AWS's disaster-recovery strategies for the Regions that stand by. */
export type Standby = 'pilot-light' | 'warm-standby' | 'hot';

export type Category =
  | 'transaction'
  | 'inventory'
  | 'authorization'
  | 'account'
  | 'session'
  | 'cart'
  | 'recommendation'
  | 'analytics'
  | 'preference'
  | 'cache'
  | 'reference'
  | 'historical'
  | 'log'
  | 'audit'
  | 'media'
  | 'other';

export type { Position, SourceRange } from '../read/range';
