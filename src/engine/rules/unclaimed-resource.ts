import { isSeq } from 'yaml';
import { namesOf } from '../model/deployed';
import { resourceLocation } from './linked';
import type { DataTypeReport } from '../model/types';
import { CatalogIssue, defineRule } from './rule';

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
        message: `${store.logicalId} (${shortType(store.type)}) belongs to no data type: add it to one.`,
        terse: `${store.logicalId} belongs to no data type: add it to one.`,
        detail: `\`${store.logicalId}\` (\`${store.type}\` in \`${store.file}\`) holds data, but no data type lists it in \`resources\`, so nothing checks it. Add \`${namesOf(store)[0]}\` to the \`resources\` of the data type it stores, or add a data type for it.`,
        suggestion: namesOf(store)[0],
      }));
  },
  /**
   * Who the store belongs to, the likeliest first: a data type named like it (its name in AWS, its
   * logical id or Terraform name) is the preferred fix; else a new data type named after it; then
   * the data types that declare its store. A data type whose store is of another kind is offered
   * only when its name matches, and its title then says the drift it leads to.
   */
  fix(fixer) {
    const { analysis, finding, services } = fixer;
    const deployed = analysis.report.deployed;
    const at = finding.related?.[0];
    const store = deployed?.stores.find((candidate) => candidate.file === at?.file && candidate.range.offset[0] === at?.range.offset[0]);
    if (!deployed || !store) return;
    const name = String(finding.suggestion ?? store.logicalId);
    const claim = (owner: DataTypeReport, preferred: boolean) => {
      const map = fixer.catalog.dataTypeAt(owner.nameRange.offset[0]);
      if (!map) return;
      const pair = fixer.catalog.pair(map, 'resources');
      const edit = pair && isSeq(pair.value) ? fixer.catalog.appendItem(pair.value, name) : fixer.newList(map, 'resources', [name]);
      fixer.add(`Add ${name} to the resources of '${owner.name}'`, [edit], { preferred, dataType: owner.name });
    };
    const dataTypes = analysis.report.dataTypes;
    const byName = dataTypes
      .map((dataType) => ({ dataType, match: services.nameMatch(dataType.name, store) }))
      .filter(({ match }) => match > 0)
      .sort((a, b) => b.match - a.match)
      .slice(0, 2)
      .map(({ dataType }) => dataType);
    byName.forEach((owner, rank) => claim(owner, rank === 0));
    // A new data type takes the store's own name; when a data type has it, claiming is the fix.
    const taken = new Set(dataTypes.map((dt) => dt.name));
    if (!taken.has(services.storeDataName(store))) {
      const { entry, categoryChoices } = services.draftEntry(store, deployed, taken);
      const insert = services.insertDataType(fixer.catalog.text, entry);
      const title = `Add a data type '${String(entry.name)}' for ${store.logicalId}`;
      const preferred = byName.length === 0;
      if (categoryChoices) {
        // Nothing in the name says what the data is: the category is the user's to choose, from those the store gives.
        const choices = [...categoryChoices, 'other'].join(',');
        const newText = insert.newText.replace(/[\\$}]/g, '\\$&').replace(/^(\s*(?:- )?category: )other$/m, `$1\${1|${choices}|}`);
        fixer.add(`${title} (choose its category)`, [{ ...insert, newText }], { preferred, snippet: true });
      } else {
        fixer.add(`${title} (category guessed: ${String(entry.category)})`, [insert], { preferred, dataType: String(entry.name) });
      }
    }
    // The data types that declare the store it deploys, when no name says more.
    if (byName.length === 0)
      dataTypes
        .filter((dataType) => typeof store.store === 'string' && dataType.declaredStore === store.store)
        .slice(0, 2)
        .forEach((owner) => claim(owner, false));
  },
});

/** `DynamoDB::GlobalTable` for `AWS::DynamoDB::GlobalTable`: the message stays short. */
function shortType(type: string): string {
  return type.replace(/^AWS::/, '');
}
