import { storeFacts } from '../model/storeFacts';
import { formatDuration } from '../read/durations';
import { atResource, linkedResources } from './linked';
import { defineRule, Issue, named } from './rule';

export const replicationWithoutRtc = defineRule({
  id: 'replication-without-rtc',
  scope: 'dataType',
  defaultSeverity: 'warning',
  description:
    'S3 replication without Replication Time Control (linked, or `replication: { rtc: false }`) for a data type with an `rpo` or `stalenessBudget`; information when nothing says whether RTC is on.',
  acceptable: true,
  check(dataType, catalog) {
    const { resolved } = dataType;
    const promise = resolved.rpoMs !== undefined ? 'rpo' : resolved.stalenessBudgetMs !== undefined ? 'stalenessBudget' : undefined;
    if (!promise) return [];
    const issues: Issue[] = [];
    const links = linkedResources(dataType, catalog);
    const facts = resolved.store ? storeFacts[resolved.store] : undefined;
    // Without linked infrastructure the catalog says whether RTC is on (`replication: { rtc }`); never assumed.
    // A data type that names resources leaves them to speak (or to unknown-resource when they cannot be read).
    if (facts?.replicationBound && resolved.multiRegion && dataType.resources.length === 0) {
      const bound = formatDuration(facts.replicationBound.value);
      const promised = (promise === 'rpo' ? resolved.rpoMs : resolved.stalenessBudgetMs)!;
      if (resolved.replicationTimeControl === false)
        issues.push({
          at: dataType.at('replication', 'rtc'),
          message: `${named(resolved.name)} replicates without RTC, so nothing bounds its ${promise}: enable it.`,
          detail: `\`${resolved.name}\` declares a \`${promise}\`, but \`replication: { rtc: false }\`: without S3 Replication Time Control no time bounds the replication window. With it, ${facts.replicationBound.text} ([source](${facts.replicationBound.source})). Enable RTC on every replication rule, or drop the promise.`,
        });
      else if (resolved.replicationTimeControl === undefined && promised >= facts.replicationBound.value)
        issues.push({
          at: dataType.at(promise),
          severity: 'information',
          message: `${named(resolved.name)}: whether RTC bounds its ${promise} is unknown: declare replication.`,
          detail: `\`${resolved.name}\` declares a \`${promise}\` that S3 meets only with Replication Time Control (${bound}: ${facts.replicationBound.text}), and nothing says whether it is on: no infrastructure is linked and the catalog has no \`replication: { rtc }\`. Declare \`replication: { rtc: true }\` if it is on, or link the infrastructure that deploys the buckets.`,
        });
    }
    for (const link of links) {
      if (link.store?.replicationTimeControl !== false) continue;
      issues.push({
        at: atResource(link, link.store, 'replication without ReplicationTime'),
        message: `${named(resolved.name)}: ${link.name} replicates without RTC: enable it.`,
        detail: `\`${resolved.name}\` declares a \`${promise}\`, but \`${link.name}\` replicates without S3 Replication Time Control, so no time bounds the replication window: most objects copy in seconds, some take hours. With RTC (\`Destination.ReplicationTime: { Status: Enabled, Time: { Minutes: 15 } }\` with \`Metrics\`), 99.99 % of objects replicate within 15 minutes, backed by an SLA. Enable it on every rule, or drop the promise.`,
      });
    }
    return issues;
  },
});
