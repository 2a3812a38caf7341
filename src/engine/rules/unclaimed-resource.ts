import { isSeq } from 'yaml';
import { namesOf } from '../model/deployed';
import { resourceLocation } from './linked';
import { CatalogIssue, defineRule, resourceNamed } from './rule';

export const unclaimedResource = defineRule({
  id: 'unclaimed-resource',
  scope: 'catalog',
  defaultSeverity: 'information',
  description: 'A data store in the linked infrastructure that no data type lists in `resources`.',
  acceptable: false,
  check(catalog) {
    const deployed = catalog.deployed;
    if (!deployed) return [];
    const claimed = new Set(catalog.dataTypes.flatMap((dataType) => dataType.resources.flatMap(({ name }) => catalog.storesNamed(name))));
    return deployed.stores
      .filter((store) => !claimed.has(store))
      .map((store): CatalogIssue => ({
        dataType: null,
        at: { range: catalog.source.rangeAt(['infrastructure', store.entryIndex]), related: [resourceLocation(store, 'no data type lists it')] },
        message: `${resourceNamed(store.logicalId)} (${shortType(store.type)}) belongs to no data type: add it to one.`,
        terse: `${resourceNamed(store.logicalId)} belongs to no data type: add it to one.`,
        detail: `\`${store.logicalId}\` (\`${store.type}\` in \`${store.file}\`) holds data, but no data type lists it in \`resources\`, so nothing checks it. Add \`${namesOf(store)[0]}\` to the \`resources\` of the data type it stores, or add a data type for it.`,
        suggestion: namesOf(store)[0],
      }));
  },
  /** A drafted data type for the unclaimed store, or the data types it may belong to: its category is a guess the user confirms. */
  fix(fixer) {
    const { analysis, finding, services } = fixer;
    const deployed = analysis.report.deployed;
    const at = finding.related?.[0];
    const store = deployed?.stores.find((candidate) => candidate.file === at?.file && candidate.range.offset[0] === at?.range.offset[0]);
    if (!deployed || !store) return;
    const taken = new Set(analysis.report.dataTypes.map((dt) => dt.name));
    const { entry } = services.draftEntry(store, deployed, taken);
    const name = String(finding.suggestion ?? store.logicalId);
    // `carts` and `CartsTable`: the data type's name is in the resource's.
    const squeeze = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
    const namesAlike = (dataType: string) =>
      squeeze(store.logicalId).includes(squeeze(dataType)) || squeeze(dataType).includes(squeeze(services.dataTypeName(store.logicalId)).replace(/-/g, ''));
    // The data types it may belong to: those that declare the store it deploys, the likeliest by name first.
    const owners = analysis.report.dataTypes
      .filter((dataType) => typeof store.store === 'string' && dataType.declaredStore === store.store)
      .sort((a, b) => Number(namesAlike(b.name)) - Number(namesAlike(a.name)))
      .slice(0, 2);
    for (const [rank, owner] of owners.entries()) {
      const map = fixer.catalog.dataTypeAt(owner.nameRange.offset[0]);
      if (!map) continue;
      const pair = fixer.catalog.pair(map, 'resources');
      const edit = pair && isSeq(pair.value) ? fixer.catalog.appendItem(pair.value, name) : fixer.newList(map, 'resources', [name]);
      fixer.add(`Add ${name} to the resources of '${owner.name}'`, [edit], { preferred: rank === 0 && namesAlike(owner.name) });
    }
    fixer.add(
      `Add a data type '${String(entry.name)}' for ${store.logicalId} (category guessed: ${String(entry.category)})`,
      [services.insertDataType(fixer.catalog.text, entry)],
      { preferred: !fixer.list.some((fix) => fix.isPreferred) },
    );
  },
});

/** `DynamoDB::GlobalTable` for `AWS::DynamoDB::GlobalTable`: the message stays short. */
function shortType(type: string): string {
  return type.replace(/^AWS::/, '');
}
