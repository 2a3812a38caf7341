import { isMap, isScalar, isSeq } from 'yaml';
import { leaseInEventualStore as livesInEventualStore } from '../model/writePath';
import { storeFacts } from '../model/storeFacts';
import { defineRule, Issue, named } from './rule';

export const leaseInEventualStore = defineRule({
  id: 'lease-in-eventual-store',
  scope: 'dataType',
  defaultSeverity: 'error',
  description:
    'A `fencing-lease` guard whose `leaseStore` is an eventually consistent multi-Region store (`dynamodb-global`, `s3`, `memorydb-multi-region`, `keyspaces-multi-region`), where the lease fences nothing.',
  acceptable: true,
  check(dataType) {
    return dataType.guards
      .filter(({ guard }) => livesInEventualStore(guard))
      .map(({ guard, index }): Issue => {
        const store = guard.leaseStore!;
        return {
          at: dataType.at('splitBrainGuards', index, 'leaseStore'),
          message: `${named(dataType.resolved.name)}: a lease in ${store} fences nothing: keep it in dynamodb-global-strong.`,
          detail: `\`${dataType.resolved.name}\`'s fencing lease lives in \`${store}\` (${storeFacts[store].product}). A lease fences only if taking it is a linearizable compare: on \`${store}\` a conditional write sees only the local Region's copy, so two Regions cut off from each other can both take the lease and both write. Keep the lease in a strongly consistent store: \`dynamodb-global-strong\`, \`aurora-dsql\`, the primary of \`aurora-global\`, or a table in one Region.`,
        };
      });
  },
  fix(fixer) {
    const STRONG = 'dynamodb-global-strong';
    const atFinding = fixer.scalarAtOffset(fixer.finding.range.offset[0]);
    // The finding sits on the leaseStore value when the data type declares the guard: replace that value.
    if (atFinding && typeof atFinding.value === 'string' && atFinding.value in storeFacts) {
      fixer.add(`Keep the lease in ${STRONG}`, [fixer.catalog.replaceScalar(atFinding, STRONG)], { preferred: true });
      return;
    }
    // A guard inherited from `defaults` is reported on the data type's name: the lease to move is the one in `defaults`.
    const defaults = fixer.catalog.doc.getIn(['defaults', 'splitBrainGuards'], true);
    const inherited = isSeq(defaults)
      ? defaults.items.flatMap((item) => {
          const store = isMap(item) ? item.get('leaseStore', true) : undefined;
          return isScalar(store) && typeof store.value === 'string' && store.value !== STRONG && store.value in storeFacts ? [store] : [];
        })
      : [];
    if (inherited.length > 0)
      fixer.add(
        `Keep the lease in ${STRONG} (in defaults, for every data type that inherits it)`,
        inherited.map((store) => fixer.catalog.replaceScalar(store, STRONG)),
        {
          preferred: true,
        },
      );
  },
});
