import { storeFacts } from '../model/storeFacts';
import type { StoreId } from '../model/types';
import { DataTypeRule, defineRule, named, PARTITION_GUARDS } from './rule';

/** The end of the message: what the declared store itself does about a cut-off Region, then the advice. */
function storeAndAdvice(store: StoreId | undefined): string {
  const advice = 'Add one of those guards, or switch to `failover: manual`.';
  if (!store) return `. ${advice}`;
  const fencing = storeFacts[store].failoverFencing;
  switch (fencing.value) {
    case 'quorum':
      return `. \`${store}\` itself refuses writes in a Region cut off from its quorum: declare that as a \`quorum\` guard, or switch to \`failover: manual\`.`;
    case 'best-effort':
      return ` (${fencing.text}). ${advice}`;
    case 'none':
      return ` (with \`${store}\`, ${fencing.text}). ${advice}`;
  }
}

export const unguardedAutomaticFailover = defineRule<DataTypeRule>({
  id: 'unguarded-automatic-failover',
  scope: 'dataType',
  defaultSeverity: 'warning',
  description: '`failover: automatic` in two or more Regions with no fencing-lease, witness-region or quorum guard.',
  acceptable: true,
  check(dataType) {
    const { resolved } = dataType;
    if (resolved.failover !== 'automatic' || !resolved.multiRegion) return [];
    if (resolved.splitBrainGuards.some((g) => PARTITION_GUARDS.has(g.type))) return [];
    return [{
      at: dataType.at('failover'),
      message: `${named(resolved.name)} fails over automatically with no fencing lease, witness or quorum: make failover manual.`,
      detail: `\`${resolved.name}\` fails over automatically with no fencing lease, witness Region or quorum: a health check cannot tell a dead primary from one cut off by a partition, so traffic can move to another Region while the old primary still takes writes${storeAndAdvice(resolved.store)}`,
    }];
  },
});
