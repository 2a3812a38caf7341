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

/** A store whose Regions all write and resolve conflicts by last writer wins: eventual across Regions. */
export function lastWriterWinsStore(store: StoreId | undefined): boolean {
  return store !== undefined && storeFacts[store].conflicts.value === 'last-writer-wins';
}

/** Records on such a store (not objects or a cache): strong data there needs one writer per item, or it loses writes. */
export function lastWriterWinsRecords(store: StoreId | undefined): boolean {
  return lastWriterWinsStore(store) && storeFacts[store!].holds.value === 'records';
}

/** A lease fences nothing in an eventual store: a conditional write on the lease item sees only the local copy. */
export function leaseInEventualStore(guard: SplitBrainGuard): boolean {
  return guard.type === 'fencing-lease' && lastWriterWinsStore(guard.leaseStore);
}

/** The witness a strongly consistent store would use: the guard's, else the catalog's only witness for two data Regions. */
export function witnessOf(dataType: ResolvedDataType, witnessRegions: readonly string[]): string | undefined {
  const guard = dataType.splitBrainGuards.find((g) => g.type === 'witness-region' && g.region);
  return guard?.region ?? (dataType.regions.length === 2 ? witnessRegions[0] : undefined);
}

export function writePathOf(dataType: ResolvedDataType, witnessRegions: readonly string[]): WritePath {
  const { store, writeMode, multiRegion } = dataType;
  // Last writer wins decides only where two Regions write one item: in any Region (hot-hot's default write mode).
  const lastWriterWins = multiRegion && lastWriterWinsStore(store) && writeMode === 'any-region';
  const builtInQuorum = multiRegion && isStrongMultiRegionStore(store) && !strongTopologyProblem(store, dataType.regions, witnessOf(dataType, witnessRegions));
  const oneWriterPerItem =
    multiRegion && !!store && (storeFacts[store].writers.value === 'primary' || (lastWriterWinsStore(store) && writeMode !== 'any-region'));
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
