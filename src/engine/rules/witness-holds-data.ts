import { atResource, knownRegions, linkedResources } from './linked';
import { defineRule, Issue, Located, named } from './rule';
import type { RelatedLocation } from '../model/types';

const withDeclaration = (at: Located, declaration: RelatedLocation): Located => ({ ...at, related: [...(at.related ?? []), declaration] });

export const witnessHoldsData = defineRule({
  id: 'witness-holds-data',
  scope: 'dataType',
  defaultSeverity: 'error',
  description: "A data type's declared or deployed Regions include a Region the catalog declares `witness`: a witness holds no data.",
  acceptable: true,
  check(dataType, catalog) {
    const witnesses = new Set(catalog.witnessRegions);
    if (witnesses.size === 0) return [];
    const name = dataType.resolved.name;
    // Where the Region's role is decided: the fix that makes it a data Region edits it there.
    const declaration = (region: string) => ({
      message: `\`${region}\` is declared here as a witness`,
      range: catalog.source.rangeAt(['regions', catalog.regionIndex.get(region) ?? 0, 'role']),
    });
    const why = (region: string) =>
      `A witness votes in failover decisions and holds no data; a Region that holds the data is a data Region in every vote and every scenario, so the catalog's count of data Regions and voters is wrong. Declare \`${region}\` a data Region (\`role: secondary\`), or keep the data out of it.`;
    const issues: Issue[] = [];
    for (const { name: region, index } of dataType.declaredRegions) {
      if (!witnesses.has(region)) continue;
      issues.push({
        at: withDeclaration(dataType.at('regions', index), declaration(region)),
        message: `${named(name)} keeps data in ${region}, a witness: make it a data Region or drop it here.`,
        detail: `\`${name}\` lists \`${region}\` among its Regions, but the catalog declares \`${region}\` a witness. ${why(region)}`,
        suggestion: region,
      });
    }
    for (const link of linkedResources(dataType, catalog)) {
      if (!link.store) continue;
      // A strongly consistent store's own witness is not among its replicas: only data Regions count.
      for (const region of knownRegions(link.store).regions.filter((r) => witnesses.has(r) && !dataType.declaredRegions.some((d) => d.name === r))) {
        issues.push({
          at: withDeclaration(atResource(link, link.store, `a replica in ${region}`), declaration(region)),
          message: `${named(name)}: ${link.name} has a copy in witness ${region}: make it a data Region.`,
          terse: `${named(name)} has a copy in witness ${region}: make it a data Region.`,
          detail: `\`${link.name}\` in \`${link.store.file}\` keeps a replica of \`${name}\` in \`${region}\`, which the catalog declares a witness. ${why(region)}`,
          suggestion: region,
        });
      }
    }
    return issues;
  },
  fix(fixer) {
    // Either the Region really is a data Region (its declaration changes), or the data leaves it.
    const region = fixer.finding.suggestion;
    const declaration = fixer.finding.related?.at(-1);
    const role = declaration && fixer.scalarAtOffset(declaration.range.offset[0]);
    if (region && role) fixer.add(`Make ${region} a data Region (role: secondary)`, [fixer.catalog.replaceScalar(role, 'secondary')], { preferred: true });
    const kept = fixer.report?.need.regions.filter((name) => name !== region) ?? [];
    if (fixer.dataType && region && fixer.fieldAt('regions') && kept.length > 0)
      fixer.add(`Remove ${region} from the Regions of '${fixer.report!.name}'`, [fixer.setField('regions', `[${kept.join(', ')}]`)]);
  },
});
