import { DataTypeRule, defineRule } from './rule';

const PARTITION_SAFE_GUARDS = new Set(['fencing-lease', 'witness-region', 'quorum']);

export const unguardedAutomaticFailover = defineRule<DataTypeRule>({
  id: 'unguarded-automatic-failover',
  scope: 'dataType',
  defaultSeverity: 'warning',
  description: '`failover: automatic` in two or more Regions with no fencing-lease, witness-region or quorum guard.',
  acceptable: true,
  check(dataType) {
    const { resolved } = dataType;
    if (resolved.failover !== 'automatic' || !resolved.multiRegion) return [];
    if (resolved.splitBrainGuards.some((g) => PARTITION_SAFE_GUARDS.has(g.type))) return [];
    return [{
      at: dataType.at('failover'),
      message: `\`${resolved.name}\` fails over automatically with no fencing lease, witness Region or quorum: a health check cannot tell a dead primary from one cut off by a partition, so it can promote a secondary while the old primary keeps taking writes (Aurora's own write fencing is best-effort). Add one of those guards, or switch to \`failover: manual\`.`,
    }];
  },
});
