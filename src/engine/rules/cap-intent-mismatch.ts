import { storeFacts } from '../model/storeFacts';
import { defineRule, named } from './rule';

export const capIntentMismatch = defineRule({
  id: 'cap-intent-mismatch',
  scope: 'dataType',
  readsTheNeed: true,
  defaultSeverity: 'warning',
  description: "The declared `cap` differs from the declared store's position.",
  acceptable: true,
  check(dataType) {
    const { resolved } = dataType;
    // CA is ca-in-multi-region's; a single-Region store is store-mismatch's.
    if (!resolved.multiRegion || !resolved.store || !resolved.cap || resolved.cap === 'CA') return [];
    const facts = storeFacts[resolved.store];
    if (facts.position.value === null || facts.position.value === resolved.cap) return [];
    return [
      {
        at: dataType.at('cap'),
        message: `${named(resolved.name)} declares ${resolved.cap}, but ${resolved.store} is ${facts.position.value}: change one.`,
        detail: `\`${resolved.name}\` declares ${resolved.cap}, but its store \`${resolved.store}\` is ${facts.position.value} across Regions (${facts.position.text}). Change the store or the declared intent so the design review sees what will really happen in a partition.`,
      },
    ];
  },
  fix(fixer) {
    const { report } = fixer;
    if (fixer.dataType && report?.storePosition)
      fixer.add(`Declare cap: ${report.storePosition} (what ${report.declaredStore} is across Regions)`, [fixer.setField('cap', report.storePosition)], {
        preferred: true,
      });
    if (report?.declaredCap === report?.verdict?.cap) fixer.setStore(false);
  },
});
