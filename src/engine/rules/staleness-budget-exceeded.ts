import { formatDuration } from '../read/durations';
import { defineRule, named } from './rule';

export const stalenessBudgetExceeded = defineRule({
  id: 'staleness-budget-exceeded',
  scope: 'dataType',
  defaultSeverity: 'warning',
  description: "The store's typical cross-Region replication window exceeds `stalenessBudget`.",
  acceptable: true,
  check(dataType) {
    const { resolved } = dataType;
    const budget = resolved.stalenessBudgetMs;
    // Reads that go to the writing Region see the latest write: no replication window between them.
    if (budget === undefined || !resolved.multiRegion || (resolved.reads === 'writer' && dataType.writePath.oneWriterPerItem)) return [];
    const { facts, described: which } = dataType.storeInQuestion();
    const window = facts.replicationWindow.value;
    if (window === null || window <= budget) return [];
    return [
      {
        at: dataType.at('stalenessBudget'),
        message: `${named(resolved.name)} allows ${formatDuration(budget)} stale; ${facts.id} can lag ${formatDuration(window)}+: raise it.`,
        detail: `\`${resolved.name}\` tolerates reads ${formatDuration(budget)} stale, but ${which} replicates across Regions ${facts.replicationWindow.text}: a reader in another Region can see older data than that. Read only in the writing Region, choose a synchronously replicated store (aurora-dsql, dynamodb-global-strong), or raise the budget.`,
      },
    ];
  },
});
