import { DataTypeRule, defineRule, Issue, named } from './rule';

export const lwwOnStrongData = defineRule<DataTypeRule>({
  id: 'lww-on-strong-data',
  scope: 'dataType',
  defaultSeverity: 'error',
  description: 'Strong data resolved by last writer wins, or stored on `dynamodb-global` (multi-Region eventual consistency).',
  acceptable: true,
  check(dataType) {
    const { resolved } = dataType;
    if (resolved.consistency !== 'strong') return [];
    const issues: Issue[] = [];
    if (resolved.conflictResolution === 'last-writer-wins') {
      issues.push({
        at: dataType.at('conflictResolution'),
        message: `${named(resolved.name)} is strong data, but the last writer wins on conflicts: set conflictResolution: none.`,
        detail: `\`${resolved.name}\` is strong data but resolves conflicts by last writer wins: when two Regions write the same item, the earlier write disappears without an error. Keep one writer Region (\`aurora-global\`) or a strongly consistent store, and set \`conflictResolution: none\`.`,
      });
    }
    if (resolved.store === 'dynamodb-global') {
      issues.push({
        at: dataType.at('store'),
        message: `${named(resolved.name)} is strong data on dynamodb-global, where the last writer wins: use dynamodb-global-strong.`,
        detail: `\`${resolved.name}\` is strong data on \`dynamodb-global\` (multi-Region eventual consistency): concurrent writes to an item resolve by last writer wins and the loser vanishes unlogged; conditional writes and transactions only see the local Region. Use \`dynamodb-global-strong\` (multi-Region strong consistency, available since 2025) or \`aurora-global\`.`,
      });
    }
    return issues;
  },
});
