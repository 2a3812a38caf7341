import { everyRegionWrites, storeFacts } from '../model/storeFacts';
import type { StoreId } from '../model/types';
import { defineRule, named } from './rule';

/** The end of the message: what the declared store itself does about a cut-off Region, then the advice. */
function storeAndAdvice(store: StoreId | undefined): string {
  const advice = 'Add one of those guards, or switch to `failover: manual`.';
  if (!store) return `. ${advice}`;
  const fencing = storeFacts[store].failoverFencing;
  switch (fencing.value) {
    case 'quorum':
      return `. \`${store}\` itself refuses writes in a Region cut off from its quorum once its Regions and witness are a shape AWS accepts (see strong-table-topology); until then, add a guard or switch to \`failover: manual\`.`;
    case 'best-effort':
      return ` (${fencing.text}). ${advice}`;
    case 'none':
      return ` (with \`${store}\`, ${fencing.text}). ${advice}`;
  }
}

export const unguardedAutomaticFailover = defineRule({
  id: 'unguarded-automatic-failover',
  scope: 'dataType',
  readsTheNeed: true,
  defaultSeverity: 'warning',
  description:
    '`failover: automatic` in two or more Regions with no enforced fencing-lease, witness-region or quorum guard and no store that carries its own quorum (immutable data, and eventual idempotent or append-only writes on a store every Region writes, are exempt).',
  acceptable: true,
  check(dataType) {
    const { resolved, writePath } = dataType;
    if (resolved.failover !== 'automatic' || !resolved.multiRegion) return [];
    // New objects under new keys never conflict, whichever side writes them; a voting store fences by itself.
    if (resolved.immutable || writePath.builtInQuorum) return [];
    // Nor do eventual writes that converge (idempotent puts, appends) on a store where every Region writes anyway.
    if (resolved.consistency === 'eventual' && writePath.convergentWrites && everyRegionWrites(resolved.store)) return [];
    if (writePath.enforcedGuards.length > 0) return [];
    const idle =
      writePath.idleGuards.length > 0
        ? ` Its ${writePath.idleGuards.join(' and ')} guard enforces nothing here${writePath.lastWriterWins ? `: \`${resolved.store}\` keeps taking writes in every Region` : ': the lease lives in an eventually consistent store'}.`
        : '';
    return [
      {
        at: dataType.at('failover'),
        message: `${named(resolved.name)} fails over automatically, unguarded: go manual.`,
        detail: `\`${resolved.name}\` fails over automatically with no fencing lease, witness Region or quorum that anything enforces: a health check cannot tell a dead primary from one cut off by a partition, so traffic can move to another Region while the old primary still takes writes${storeAndAdvice(resolved.store)}${idle}`,
      },
    ];
  },
  fix(fixer) {
    fixer.addGuards(['fencing-lease', 'witness-region', 'quorum']);
    if (fixer.dataType) fixer.add('Switch failover to manual', [fixer.setField('failover', 'manual')]);
  },
});
