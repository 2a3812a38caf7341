import { closest } from 'fastest-levenshtein';
import type { PathSegment } from '../read/source';
import { CatalogIssue, defineRule, named } from './rule';

type Plain = Record<string, unknown>;

export const unknownRegion = defineRule({
  id: 'unknown-region',
  scope: 'catalog',
  defaultSeverity: 'error',
  description: "A data type or a guard names a Region that is not in the catalog's `regions`.",
  acceptable: false,
  check(catalog, plain) {
    const issues: CatalogIssue[] = [];
    const known = [...catalog.regionNames];
    const regionList = catalog.source.keyRangeAt(['regions']);
    // Each node is checked where it is written: `defaults` once, a data type for its own fields.
    const owners: Array<{ path: PathSegment[]; fields: Plain | undefined; dataType: string | null; dataTypeIndex?: number; label: string; short: string }> = [
      { path: ['defaults'], fields: asPlain(plain.defaults), dataType: null, label: '`defaults`', short: "'defaults'" },
      ...(Array.isArray(plain.dataTypes) ? plain.dataTypes : []).map((entry, index) => {
        const fields = asPlain(entry);
        const name = typeof fields?.name === 'string' ? fields.name : null;
        return {
          path: ['dataTypes', index] as PathSegment[],
          fields,
          dataType: name,
          dataTypeIndex: index,
          label: name ? `Data type \`${name}\`` : `Data type #${index + 1}`,
          short: name ? named(name) : `Data type #${index + 1}`,
        };
      }),
    ];
    for (const owner of owners) {
      if (!owner.fields) continue;
      const report = (region: unknown, path: PathSegment[], what: string): void => {
        if (typeof region !== 'string' || catalog.regionNames.has(region)) return;
        const suggestion = known.length ? closest(region, known) : undefined;
        issues.push({
          dataType: owner.dataType,
          dataTypeIndex: owner.dataTypeIndex,
          at: { range: catalog.source.rangeAt([...owner.path, ...path]), related: [{ message: 'the Regions this catalog declares', range: regionList }] },
          message: `${owner.short} names ${what} ${region}, which regions does not declare${suggestion ? `: did you mean ${suggestion}?` : ': declare it.'}`,
          detail: `${owner.label} names ${what} \`${region}\`, which is not declared in the catalog's \`regions\` (${known.join(', ') || 'none'}). Declare it there with its role, or correct the name${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}.`,
          suggestion,
        });
      };
      const regions = owner.fields.regions;
      if (Array.isArray(regions)) regions.forEach((region, i) => report(region, ['regions', i], 'Region'));
      const guards = owner.fields.splitBrainGuards;
      if (Array.isArray(guards)) {
        guards.forEach((guard, i) => {
          const g = asPlain(guard);
          if (g?.type === 'witness-region') report(g.region, ['splitBrainGuards', i, 'region'], 'the witness Region');
        });
      }
    }
    return issues;
  },
  fix(fixer) {
    fixer.changeToSuggestion({ safe: true });
  },
});

function asPlain(value: unknown): Plain | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Plain) : undefined;
}
