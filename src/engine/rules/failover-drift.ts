import { FENCING_LEASE } from '../edit/fixer';
import { failoverRoutesFor, resourceLocation } from './linked';
import { defineRule, named } from './rule';

export const failoverDrift = defineRule({
  id: 'failover-drift',
  scope: 'dataType',
  defaultSeverity: 'warning',
  description: "The catalog's `failover` differs from what Route 53 or ARC deploys.",
  acceptable: true,
  check(dataType, catalog) {
    const declared = dataType.resolved.failover;
    // Failover promotes a new writer: it concerns one-writer (hot-warm) data; hot-hot data writes everywhere already.
    if (!declared || !dataType.resolved.multiRegion || dataType.resolved.topology !== 'hot-warm') return [];
    // An automatic failover of immutable data splits nothing (new objects under new keys never conflict): only a manual one, slower than it says, matters there.
    const contradicting = failoverRoutesFor(dataType, catalog).find(
      (route) => route.mode !== declared && !(route.mode === 'automatic' && dataType.resolved.immutable),
    );
    if (!contradicting) return [];
    const consequence =
      contradicting.mode === 'automatic'
        ? 'A health check cannot tell a dead primary from a partition, so traffic can move to a secondary while the primary still takes writes: the split-brain a manual failover was meant to prevent.'
        : 'Traffic moves only when a person flips the routing control, so the recovery time includes a person being paged and deciding; an automatic `rto` may not be met.';
    return [
      {
        at: { ...dataType.at('failover'), related: [resourceLocation(contradicting, contradicting.how)] },
        message: `${named(dataType.resolved.name)} says failover: ${declared}; DNS fails over ${contradicting.mode === 'automatic' ? 'on its own' : 'by hand'}: make them agree.`,
        detail: `\`${dataType.resolved.name}\` declares \`failover: ${declared}\`, but \`${contradicting.logicalId}\` in \`${contradicting.file}\` moves traffic by ${contradicting.how}, which is ${contradicting.mode}. ${consequence} Make the catalog say what is deployed, or change the DNS failover (an ARC routing control on the PRIMARY record's health check makes it manual).`,
        suggestion: contradicting.mode,
      },
    ];
  },
  fix(fixer) {
    const { dataType, report, finding } = fixer;
    if (
      dataType &&
      finding.suggestion === 'automatic' &&
      report &&
      report.writePath.enforcedGuards.length === 0 &&
      !report.writePath.builtInQuorum &&
      !report.need.immutable
    ) {
      // Automatic failover with nothing to fence the old primary is unguarded-automatic-failover,
      // whose fix would switch back to manual: declare what DNS does and the guard it needs, together.
      fixer.add(
        'Declare automatic failover (what DNS does) and add a fencing lease',
        [fixer.setField('failover', 'automatic'), fixer.addGuard(FENCING_LEASE)],
        { preferred: true },
      );
    } else if (dataType && finding.suggestion) {
      fixer.add(`Set failover to ${finding.suggestion} (what DNS does)`, [fixer.setField('failover', finding.suggestion)], { preferred: true });
    }
  },
});
