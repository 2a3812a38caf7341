import { atResource, linkedResources } from './linked';
import { defineRule, Issue, named, resourceNamed } from './rule';

export const replicationWithoutRtc = defineRule({
  id: 'replication-without-rtc',
  scope: 'dataType',
  defaultSeverity: 'warning',
  description: 'S3 replication without Replication Time Control for a data type with an `rpo` or `stalenessBudget`.',
  acceptable: true,
  check(dataType, catalog) {
    const { resolved } = dataType;
    const promise = resolved.rpoMs !== undefined ? 'rpo' : resolved.stalenessBudgetMs !== undefined ? 'stalenessBudget' : undefined;
    if (!promise) return [];
    const issues: Issue[] = [];
    for (const link of linkedResources(dataType, catalog)) {
      if (link.store?.replicationTimeControl !== false) continue;
      issues.push({
        at: atResource(link, link.store, 'replication without ReplicationTime'),
        message: `${named(resolved.name)}: ${resourceNamed(link.name)} replicates without RTC: enable it.`,
        detail: `\`${resolved.name}\` declares a \`${promise}\`, but \`${link.name}\` replicates without S3 Replication Time Control, so no time bounds the replication window: most objects copy in seconds, some take hours. With RTC (\`Destination.ReplicationTime: { Status: Enabled, Time: { Minutes: 15 } }\` with \`Metrics\`), 99.99 % of objects replicate within 15 minutes, backed by an SLA. Enable it on every rule, or drop the promise.`,
      });
    }
    return issues;
  },
});
