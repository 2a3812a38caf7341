import { isUnknown } from '../model/deployed';
import { isStrongMultiRegionStore, strongTopologyProblem } from '../model/regionSets';
import { witnessOf } from '../model/writePath';
import { atResource, knownRegions, linkedResources } from './linked';
import { defineRule, Issue, named } from './rule';

const SHAPE = {
  'dynamodb-global-strong':
    'three replicas, or two replicas and a witness, all in one Region set: US (us-east-1, us-east-2, us-west-2), EU (eu-west-1, eu-west-2, eu-west-3, eu-central-1) or AP (ap-northeast-1, ap-northeast-2, ap-northeast-3)',
  'aurora-dsql': 'two peered Regions and a witness Region, in one Region set (US, EU or AP)',
} as const;

export const strongTableTopology = defineRule({
  id: 'strong-table-topology',
  scope: 'dataType',
  defaultSeverity: 'error',
  description: 'A strongly consistent multi-Region table or cluster whose Regions and witness are not a shape AWS accepts.',
  acceptable: false,
  check(dataType, catalog) {
    const { resolved } = dataType;
    const issues: Issue[] = [];
    let checkedDeployed = false;
    for (const link of linkedResources(dataType, catalog)) {
      const store = link.store;
      if (!store || !isStrongMultiRegionStore(store.store)) continue;
      checkedDeployed = true;
      const { regions, complete } = knownRegions(store);
      if (!complete || isUnknown(store.witness)) continue;
      // A single-Region DSQL cluster (no witness, no peer) is a shape AWS offers: it is not a multi-Region one gone wrong.
      if (store.store === 'aurora-dsql' && regions.length === 1 && store.witness === undefined) continue;
      const problem = strongTopologyProblem(store.store, regions, store.witness);
      if (!problem) continue;
      issues.push({
        at: atResource(link, store),
        message: `${named(resolved.name)}: ${link.name} cannot be ${store.store}: ${problem.short}.`,
        detail: `\`${link.name}\` in \`${store.file}\` is deployed as \`${store.store}\`, which needs ${SHAPE[store.store]}. Here ${problem.long}. CloudFormation would fail to create or update it.`,
      });
    }
    if (checkedDeployed || !isStrongMultiRegionStore(resolved.store) || !resolved.multiRegion) return issues;
    // No deployed resource to go by: the catalog's own Regions and witness.
    const witness = witnessOf(resolved, catalog.witnessRegions);
    const problem = strongTopologyProblem(resolved.store, resolved.regions, witness);
    if (!problem) return issues;
    issues.push({
      at: dataType.at('regions'),
      message: `${named(resolved.name)} cannot be ${resolved.store}: ${problem.short}.`,
      detail: `\`${resolved.name}\` declares \`${resolved.store}\`, which needs ${SHAPE[resolved.store]}. As declared (Regions ${resolved.regions.map((r) => `\`${r}\``).join(', ')}${witness ? `, witness \`${witness}\`` : ''}) ${problem.long}. Choose Regions that fit, or another store.`,
    });
    return issues;
  },
});
