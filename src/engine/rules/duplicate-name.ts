import { CatalogIssue, defineRule, DataTypeUnderCheck, named } from './rule';

export const duplicateName = defineRule({
  id: 'duplicate-name',
  scope: 'catalog',
  defaultSeverity: 'error',
  description: 'Two data types share a name.',
  acceptable: false,
  check(catalog) {
    const firstByName = new Map<string, DataTypeUnderCheck>();
    const issues: CatalogIssue[] = [];
    for (const dataType of catalog.dataTypes) {
      const name = dataType.declaredName;
      if (name === null) continue;
      const first = firstByName.get(name);
      if (!first) {
        firstByName.set(name, dataType);
        continue;
      }
      const firstRange = first.nameAt().range;
      issues.push({
        dataType: name,
        dataTypeIndex: dataType.index,
        at: { range: dataType.nameAt().range, related: [{ message: `\`${name}\` is first defined here`, range: firstRange }] },
        message: `${named(name)} is already defined on line ${firstRange.start.line}: rename or merge one of them.`,
        detail: `Data type \`${name}\` is already defined on line ${firstRange.start.line}. Recommendations, findings and accepted risks are kept per name, so one definition would hide the other: rename one or merge them.`,
      });
    }
    return issues;
  },
});
