// Who can write an item during a partition, and what keeps two Regions from both writing it. The
// lesson's guards are only what something enforces, as AWS's guidance says: a witness or a quorum stops
// nothing on a store where every Region keeps taking writes, a lease fences only where it lives
// in a strongly consistent store, and strongly consistent multi-Region stores carry their own
// quorum. Decided here once; the rules and the scenarios read it.
import { strongTopologyProblem, isStrongMultiRegionStore } from './regionSets';
import { storeFacts } from './storeFacts';
import type { GuardType, ResolvedDataType, SplitBrainGuard, StoreId, WriteKind, WritePath } from './types';

/** Writes whose result depends on the current value: last writer wins keeps one and drops the other silently (AWS's example: a balance updated with `ADD`). */
export const LOST_UNDER_LAST_WRITER_WINS: ReadonlySet<WriteKind> = new Set(['read-modify-write', 'counter', 'conditional', 'transaction']);

/** Stores where a lease does not fence: eventual across Regions, so a conditional write on the lease item sees only the local copy. */
const EVENTUAL_MULTI_REGION_STORES: ReadonlySet<StoreId> = new Set(['dynamodb-global', 's3']);

export function leaseInEventualStore(guard: SplitBrainGuard): boolean {
  return guard.type === 'fencing-lease' && guard.leaseStore !== undefined && EVENTUAL_MULTI_REGION_STORES.has(guard.leaseStore);
}

/** The witness a strongly consistent store would use: the guard's, else the catalog's only witness for two data Regions. */
export function witnessOf(dataType: ResolvedDataType, witnessRegions: readonly string[]): string | undefined {
  const guard = dataType.splitBrainGuards.find((g) => g.type === 'witness-region' && g.region);
  return guard?.region ?? (dataType.regions.length === 2 ? witnessRegions[0] : undefined);
}

export function writePathOf(dataType: ResolvedDataType, witnessRegions: readonly string[]): WritePath {
  const { store, writeMode, multiRegion } = dataType;
  const lastWriterWins = multiRegion && ((store === 'dynamodb-global' && writeMode === 'any-region') || (store === 's3' && dataType.topology === 'hot-hot'));
  const builtInQuorum = multiRegion && isStrongMultiRegionStore(store) && !strongTopologyProblem(store, dataType.regions, witnessOf(dataType, witnessRegions));
  const oneWriterPerItem =
    multiRegion && !!store && (storeFacts[store].writers.value === 'primary' || (store === 'dynamodb-global' && writeMode !== 'any-region'));
  const enforced = (guard: SplitBrainGuard): boolean => {
    if (guard.type === 'fencing-lease') return !leaseInEventualStore(guard);
    if (guard.type === 'witness-region' || guard.type === 'quorum') return !lastWriterWins;
    return false; // human approval gates a failover; it keeps no Region from writing
  };
  const partitionGuards = dataType.splitBrainGuards.filter((guard) => guard.type !== 'human-approval');
  const writes = dataType.writes ?? [];
  return {
    writeMode,
    lastWriterWins,
    builtInQuorum,
    oneWriterPerItem,
    enforcedGuards: unique(partitionGuards.filter(enforced).map((guard) => guard.type)),
    idleGuards: unique(partitionGuards.filter((guard) => !enforced(guard)).map((guard) => guard.type)),
    lostUnderLastWriterWins: lastWriterWins ? writes.filter((write) => LOST_UNDER_LAST_WRITER_WINS.has(write)) : [],
    convergentWrites: writes.length > 0 && writes.every((write) => !LOST_UNDER_LAST_WRITER_WINS.has(write)),
  };
}

const unique = (types: GuardType[]): GuardType[] => [...new Set(types)];
