import { storeFacts } from '../model/storeFacts';
import { defineRule, named } from './rule';

export const storeRegionLimit = defineRule({
  id: 'store-region-limit',
  scope: 'dataType',
  defaultSeverity: 'error',
  description: 'A data type in more Regions than its store can span (Aurora Global Database 1 + 10, ElastiCache Global Datastore 1 + 2).',
  acceptable: false,
  check(dataType) {
    const { resolved } = dataType;
    if (!resolved.store || !resolved.multiRegion) return [];
    const limit = storeFacts[resolved.store].maxRegions;
    const regions = new Set(resolved.regions).size;
    if (limit.value === null || regions <= limit.value) return [];
    return [
      {
        at: dataType.at('regions'),
        message: `${named(resolved.name)} is in ${regions} Regions; ${resolved.store} spans at most ${limit.value}.`,
        detail: `\`${resolved.name}\` lists ${regions} Regions, but one ${storeFacts[resolved.store].product} spans ${limit.text} ([source](${limit.source})): it cannot be deployed as declared. Keep the Regions it needs, or split the data across deployments (each its own data type).`,
      },
    ];
  },
});
