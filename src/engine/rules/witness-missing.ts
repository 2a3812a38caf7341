import { visit, type YAMLMap } from 'yaml';
import type { TextEdit } from '../edit/yamlEdits';
import { defineRule, Issue, named } from './rule';

export const witnessMissing = defineRule({
  id: 'witness-missing',
  scope: 'dataType',
  defaultSeverity: 'error',
  description: 'A `witness-region` guard whose Region is not a declared witness, or is also a data Region.',
  acceptable: true,
  check(dataType, catalog) {
    const { resolved } = dataType;
    if (!resolved.multiRegion) return [];
    const issues: Issue[] = [];
    for (const { guard, index } of dataType.guards) {
      if (guard.type !== 'witness-region') continue;
      const region = guard.region;
      if (region === undefined) {
        if (catalog.witnessRegions.length === 0) {
          issues.push({
            at: dataType.at('splitBrainGuards', index),
            message: `${named(resolved.name)} relies on a witness Region, but none is declared: add a Region with role: witness.`,
            detail: `\`${resolved.name}\` relies on a witness Region, but the catalog declares none: add a third Region with \`role: witness\` to \`regions\` and name it in the guard (\`{ type: witness-region, region: <region> }\`).`,
          });
        }
        continue;
      }
      const declared = catalog.regions.find((r) => r.name === region);
      if (!declared) continue; // unknown-region reports it
      // Point at the Region's declaration: that is where its role is decided.
      const declaration = {
        message: `\`${region}\` is declared here as ${declared.role}`,
        range: catalog.source.rangeAt(['regions', catalog.regionIndex.get(region) ?? 0, 'role']),
      };
      if (declared.role !== 'witness') {
        issues.push({
          at: { ...dataType.at('splitBrainGuards', index, 'region'), related: [declaration] },
          message: `${named(resolved.name)}: its witness ${region} is a ${declared.role} Region: name a witness.`,
          detail: `\`${resolved.name}\`'s witness \`${region}\` is declared as a ${declared.role} Region, not a witness. A witness votes in failover decisions and holds no data; declare a third Region with \`role: witness\` and name it here.`,
        });
      } else if (resolved.regions.includes(region)) {
        issues.push({
          at: { ...dataType.at('splitBrainGuards', index, 'region'), related: [declaration] },
          message: `${named(resolved.name)} names ${region} as its witness but also stores data there: name another witness.`,
          detail: `\`${resolved.name}\`'s witness \`${region}\` is also one of its data Regions: a Region that holds the data cannot break the tie between the data Regions. Remove it from the data type's \`regions\` or name another witness.`,
        });
      }
    }
    return issues;
  },
  fix(fixer) {
    const existing = fixer.witnessOutside();
    const witness = existing ?? fixer.newWitnessName();
    // Name the witness in the guard: the guard's `region`, a bare `witness-region` written out with one, or a `region` added.
    const offset = fixer.finding.range.offset[0];
    const scalar = fixer.scalarAtOffset(offset);
    let guardMap: YAMLMap | undefined;
    if (!scalar) {
      visit(fixer.catalog.doc, {
        Map: (_, node) => {
          if (node.range?.[0] !== offset) return undefined;
          guardMap = node;
          return visit.BREAK;
        },
      });
    }
    const naming: TextEdit | undefined = scalar
      ? scalar.value === 'witness-region' && scalar.range
        ? { offset: [scalar.range[0], scalar.range[1]], newText: `{ type: witness-region, region: ${witness} }` }
        : fixer.catalog.replaceScalar(scalar, witness)
      : guardMap && !guardMap.has('region')
        ? fixer.catalog.addField(guardMap, 'region', witness)
        : undefined;
    if (existing) {
      if (naming) fixer.add(`Name the witness Region ${existing}`, [naming], { preferred: true });
      return;
    }
    fixer.add(
      `Add a witness Region (${witness}) to regions${naming ? ' and name it here' : ''}`,
      [fixer.addWitnessRegion(witness), ...(naming ? [naming] : [])],
      { preferred: true },
    );
  },
});
