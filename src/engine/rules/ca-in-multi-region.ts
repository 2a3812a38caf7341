import { defineRule, named } from './rule';

export const caInMultiRegion = defineRule({
  id: 'ca-in-multi-region',
  scope: 'dataType',
  defaultSeverity: 'error',
  description: '`cap: CA` on a data type in two or more Regions.',
  acceptable: true,
  check(dataType) {
    const { resolved, verdict: rec } = dataType;
    // Items that each live in one Region on purpose are CA item by item: no partition splits an item's copies.
    if (resolved.cap !== 'CA' || !resolved.multiRegion || resolved.partitionedByRegion) return [];
    return [
      {
        at: dataType.at('cap'),
        message: `${named(resolved.name)} is CA but lives in ${resolved.regions.length} Regions: declare ${rec.cap}, as recommended.`,
        detail: `\`${resolved.name}\` declares CA but lives in ${resolved.regions.length} Regions: links between Regions do fail, and then it must either refuse requests (CP) or accept diverging copies (AP). Declare the choice; the recommendation is ${rec.cap}.`,
      },
    ];
  },
  fix(fixer) {
    const verdict = fixer.report?.verdict;
    if (fixer.dataType && verdict) fixer.add(`Declare cap: ${verdict.cap} (recommended)`, [fixer.setField('cap', verdict.cap)], { preferred: true });
  },
});
