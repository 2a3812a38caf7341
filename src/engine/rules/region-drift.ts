import { atResource, knownRegions, linkedResources, listRegions } from './linked';
import { witnessHoldsData } from './witness-holds-data';
import { defineRule, Issue, named } from './rule';

export const regionDrift = defineRule({
  id: 'region-drift',
  scope: 'dataType',
  defaultSeverity: 'warning',
  description: "The linked resource's Regions differ from the data type's Regions.",
  acceptable: true,
  check(dataType, catalog) {
    const declared = [...new Set(dataType.resolved.regions)];
    const issues: Issue[] = [];
    const links = linkedResources(dataType, catalog).filter((link) => link.store);
    // The data lives where any of its resources is (a copy per Region, a bucket per Region): a
    // declared Region is missing only when no resource is there. An unknown Region could be it.
    const where = links.map((link) => knownRegions(link.store!));
    const everywhereKnown = where.every(({ complete }) => complete);
    const deployedSomewhere = new Set(where.flatMap(({ regions }) => regions));
    for (const link of links) {
      const { regions, complete } = knownRegions(link.store!);
      if (regions.length === 0) continue;
      // An incomplete picture reports only the Regions it knows are deployed and the catalog does
      // not declare (a StackSet's copies).
      const missing = complete && everywhereKnown ? declared.filter((region) => !deployedSomewhere.has(region)) : [];
      const extra = regions.filter((region) => !declared.includes(region));
      if (missing.length === 0 && extra.length === 0) continue;
      const few = (list: string[]) => (list.length <= 3 ? listRegions(list) : `${list.length} Regions`);
      const fewer = (list: string[]) => (list.length <= 2 ? listRegions(list) : `${list.length} Regions`);
      // Which side has what, and what to do: deployed in fewer Regions, in more, or in others.
      const says =
        extra.length === 0
          ? `is deployed only in ${few(regions)}, not ${few(missing)}: deploy it or drop ${missing.length === 1 ? 'it' : 'them'}.`
          : missing.length === 0
            ? `also deploys to ${few(extra)}: declare ${extra.length === 1 ? 'it' : 'them'} or drop the replica${extra.length === 1 ? '' : 's'}.`
            : `is in ${fewer(extra)} (undeclared), not ${fewer(missing)}: align the Regions.`;
      issues.push({
        at: atResource(link, link.store!, `deployed in ${listRegions(regions)}`),
        message: `${named(dataType.resolved.name)}: ${link.name} ${says}`,
        terse: `${named(dataType.resolved.name)} ${says}`,
        detail: `\`${dataType.resolved.name}\` is declared in ${listRegions(declared.map((r) => `\`${r}\``))}, but \`${link.name}\` is deployed in ${listRegions(regions.map((r) => `\`${r}\``))}${complete ? '' : ' (and Regions the infrastructure does not fix)'}. The partition advice counts Regions (a quorum, a witness, who can write when one is cut off), so it holds only for the Regions the data really lives in. Set the data type's \`regions\` to the deployed ones, or change the template.`,
        suggestion: (complete ? regions : [...declared, ...extra]).join(','),
      });
    }
    return issues;
  },
  fix(fixer) {
    if (!fixer.dataType || !fixer.finding.suggestion) return;
    const regions = fixer.finding.suggestion.split(',');
    // Data in a Region declared a witness is witness-holds-data: say it, never create it silently.
    const witnesses = regions.filter((region) => fixer.analysis.report.regions.some((r) => r.name === region && r.role === 'witness'));
    const note = witnesses.length > 0 ? `; ${witnesses.join(', ')} ${witnesses.length === 1 ? 'is' : 'are'} declared a witness` : '';
    fixer.add(`Set regions to ${regions.join(', ')} (where it is deployed${note})`, [fixer.setField('regions', `[${regions.join(', ')}]`)], {
      preferred: true,
      ...(witnesses.length > 0 ? { raises: [witnessHoldsData.id] } : {}),
    });
  },
});
