import { DataTypeRule, defineRule, named, PARTITION_GUARDS } from './rule';

export const hotHotWithoutGuard = defineRule<DataTypeRule>({
  id: 'hot-hot-without-guard',
  scope: 'dataType',
  defaultSeverity: 'error',
  description: 'Hot-hot data in two or more Regions with no fencing-lease, witness-region or quorum guard (unless it is immutable, or eventual data that merges divergence by intent).',
  acceptable: true,
  check(dataType) {
    const { resolved } = dataType;
    if (resolved.topology !== 'hot-hot' || !resolved.multiRegion || resolved.immutable) return [];
    if (resolved.splitBrainGuards.some((guard) => PARTITION_GUARDS.has(guard.type))) return [];
    const mergesByIntent = resolved.consistency === 'eventual' && resolved.conflictResolution !== undefined && resolved.conflictResolution !== 'none';
    if (mergesByIntent) return [];
    const remedy = resolved.consistency === 'eventual'
      ? 'Declare how the copies are merged (`conflictResolution: merge`, `application` or `last-writer-wins`), or add a guard (a fencing lease is the usual one).'
      : 'Strong data cannot be merged after the fact: add a guard (a fencing lease is the usual one; a witness Region or a quorum of three Regions also work).';
    // Human approval gates a failover; hot-hot data has none to gate.
    const approvalOnly = resolved.splitBrainGuards.length > 0 ? ' Human approval does not count: it gates a failover, and hot-hot data has no failover to gate.' : '';
    return [{
      at: dataType.at('topology'),
      message: resolved.consistency === 'eventual'
        ? `${named(resolved.name)} is hot-hot with no split-brain guard: declare how copies merge (conflictResolution: merge).`
        : `${named(resolved.name)} is strong, hot-hot data with no split-brain guard: add a fencing lease.`,
      detail: `\`${resolved.name}\` takes writes in ${resolved.regions.length} Regions (hot-hot) with no split-brain guard: during a partition each side keeps writing and the copies diverge.${approvalOnly} ${remedy}`,
    }];
  },
});
