import { leaseInEventualStore as livesInEventualStore } from '../model/writePath';
import { storeFacts } from '../model/storeFacts';
import { defineRule, Issue, named } from './rule';

export const leaseInEventualStore = defineRule({
  id: 'lease-in-eventual-store',
  scope: 'dataType',
  defaultSeverity: 'error',
  description:
    'A `fencing-lease` guard whose `leaseStore` is an eventually consistent multi-Region store (`dynamodb-global`, `s3`), where the lease fences nothing.',
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
    if (fixer.isScalarAtFinding())
      fixer.add('Keep the lease in dynamodb-global-strong', [fixer.replaceAtFinding('dynamodb-global-strong')], { preferred: true });
  },
});
