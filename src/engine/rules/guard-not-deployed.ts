import { isStrongMultiRegionStore } from '../model/regionSets';
import { failoverRoutesFor, linkedResources, resourceLocation } from './linked';
import { defineRule, Issue, named } from './rule';

export const guardNotDeployed = defineRule({
  id: 'guard-not-deployed',
  scope: 'dataType',
  defaultSeverity: 'warning',
  description: 'A declared guard has no trace in the infrastructure where it would have one.',
  acceptable: true,
  check(dataType, catalog) {
    if (!catalog.deployed) return [];
    const issues: Issue[] = [];
    const name = dataType.resolved.name;
    for (const { guard, index } of dataType.guards) {
      if (guard.type === 'witness-region') {
        for (const link of linkedResources(dataType, catalog)) {
          const store = link.store;
          // Where a witness would be written: a DynamoDB global table (only MRSC tables take one) or a DSQL cluster.
          if (!store || !(isStrongMultiRegionStore(store.store) || store.store === 'dynamodb-global')) continue;
          if (store.witness !== undefined) {
            // A witness elsewhere than the guard names: the vote the catalog reasons about is not where it says.
            if (typeof store.witness === 'string' && guard.region && guard.region !== store.witness)
              issues.push({
                at: { ...dataType.at('splitBrainGuards', index), related: [resourceLocation(store, `its witness is ${store.witness}`)] },
                message: `${named(name)} declares its witness in ${guard.region}, but ${link.name} has it in ${store.witness}.`,
                detail: `\`${name}\` counts on a witness in \`${guard.region}\`, but \`${link.name}\` (\`${store.type}\` in \`${store.file}\`) is deployed with its witness in \`${store.witness}\`. The scenarios and the quorum count use the catalog's witness, so what they say about a Region's isolation is about the wrong Region. Declare \`${store.witness}\` as the witness (in \`regions\` and in the guard), or move the witness in the infrastructure.`,
              });
            continue;
          }
          issues.push({
            at: { ...dataType.at('splitBrainGuards', index), related: [resourceLocation(store, 'deployed without a witness')] },
            message: `${named(name)} declares a witness Region, but ${link.name} is deployed without one.`,
            detail: `\`${name}\` declares a \`witness-region\` guard, but \`${link.name}\` (\`${store.type}\` in \`${store.file}\`) has no witness (${store.store === 'aurora-dsql' ? '`MultiRegionProperties.WitnessRegion`' : '`GlobalTableWitnesses`, which only a table with `MultiRegionConsistency: STRONG` takes'}). The guard the catalog counts on is not deployed. Add the witness to the template, or remove the guard from the catalog so the findings reflect what runs.`,
          });
        }
      } else if (guard.type === 'human-approval' && dataType.resolved.topology === 'hot-warm') {
        const automatic = failoverRoutesFor(dataType, catalog).find((route) => route.mode === 'automatic');
        if (!automatic) continue;
        issues.push({
          at: { ...dataType.at('splitBrainGuards', index), related: [resourceLocation(automatic, automatic.how)] },
          message: `${named(name)} wants approval, but DNS fails over alone: add an ARC control.`,
          detail: `\`${name}\` declares a \`human-approval\` guard, but \`${automatic.logicalId}\` in \`${automatic.file}\` moves traffic by ${automatic.how}, with no person in the loop. Put an ARC routing control behind the PRIMARY record (a \`RECOVERY_CONTROL\` health check), or an ARC Region switch plan with a \`ManualApproval\` step, or remove the guard from the catalog.`,
        });
      }
    }
    return issues;
  },
});
