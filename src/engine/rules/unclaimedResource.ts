import { namesOf } from '../model/deployed';
import { resourceLocation } from './linked';
import { CatalogIssue, CatalogRule, defineRule, resourceNamed } from './rule';

export const unclaimedResource = defineRule<CatalogRule>({
  id: 'unclaimed-resource',
  scope: 'catalog',
  defaultSeverity: 'information',
  description: 'A data store in the linked infrastructure that no data type lists in `resources`.',
  acceptable: false,
  check(catalog) {
    const deployed = catalog.deployed;
    if (!deployed) return [];
    const claimed = new Set(catalog.dataTypes.flatMap((dataType) => dataType.resources.flatMap(({ name }) => catalog.storesNamed(name))));
    return deployed.stores.filter((store) => !claimed.has(store)).map((store): CatalogIssue => ({
      dataType: null,
      at: { range: catalog.source.rangeAt(['infrastructure', store.entryIndex]), related: [resourceLocation(store, 'no data type lists it')] },
      message: `${resourceNamed(store.logicalId)} (${shortType(store.type)}) belongs to no data type: add it to one.`,
      detail: `\`${store.logicalId}\` (\`${store.type}\` in \`${store.file}\`) holds data, but no data type lists it in \`resources\`, so nothing checks it. Add \`${namesOf(store)[0]}\` to the \`resources\` of the data type it stores, or add a data type for it.`,
      suggestion: namesOf(store)[0],
    }));
  },
});

/** `DynamoDB::GlobalTable` for `AWS::DynamoDB::GlobalTable`: the message stays short. */
function shortType(type: string): string {
  return type.replace(/^AWS::/, '');
}
