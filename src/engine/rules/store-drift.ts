import { isUnknown } from '../model/deployed';
import { atResource, linkedResources } from './linked';
import { defineRule, Issue, named } from './rule';

export const storeDrift = defineRule({
  id: 'store-drift',
  scope: 'dataType',
  defaultSeverity: 'error',
  description: 'The linked resource deploys another store than the catalog declares.',
  acceptable: true,
  check(dataType, catalog) {
    const declared = dataType.resolved.store;
    if (!declared) return [];
    const issues: Issue[] = [];
    for (const link of linkedResources(dataType, catalog)) {
      const deployed = link.store?.store;
      if (!link.store || deployed === undefined || isUnknown(deployed) || deployed === declared) continue;
      const why =
        declared === 'dynamodb-global-strong' && deployed === 'dynamodb-global'
          ? ' Its `MultiRegionConsistency` is `EVENTUAL` or absent, so replicas converge by last writer wins: a strong write can be lost in a partition. The mode cannot be changed after creation; a new table is needed.'
          : '';
      issues.push({
        // Either side may be wrong: the template line is where the other change is made.
        at: atResource(link, link.store, `deploys ${deployed}; if the catalog's ${declared} is the intent, this template must change`),
        message: `${named(dataType.resolved.name)}: ${link.name} deploys ${deployed}, not the declared ${declared}.`,
        terse: `${named(dataType.resolved.name)} runs on ${deployed}, declared ${declared}.`,
        detail: `\`${dataType.resolved.name}\` declares \`store: ${declared}\`, but \`${link.name}\` (\`${link.store.type}\` in \`${link.store.file}\`) deploys \`${deployed}\`.${why} The advice is only as good as the catalog: either the catalog describes the intent and the template must change, or set \`store: ${deployed}\` so the findings are about the real system.`,
        suggestion: deployed,
      });
    }
    return issues;
  },
  /**
   * One catalog edit, never preferred: which side is right is the team's call, and the other
   * side's change is in the template (the related location), not a fix here.
   */
  fix(fixer) {
    const deployed = fixer.finding.suggestion;
    if (fixer.dataType && deployed) fixer.add(`Declare the deployed store ${deployed}`, [fixer.setField('store', deployed)]);
  },
});
