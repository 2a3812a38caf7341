import { standbyRecovery, writeGuidance } from '../model/storeFacts';
import { formatDuration } from '../read/durations';
import { defineRule, named } from './rule';

/** Under this, an RPO or RTO needs a copy in another Region: a backup restored elsewhere takes hours (AWS's DR strategies). */
const ONE_REGION_FLOOR_MS = writeGuidance.regionLossNeedsACopy.value;

export const rpoUnachievable = defineRule({
  id: 'rpo-unachievable',
  scope: 'dataType',
  defaultSeverity: 'warning',
  description:
    'The declared `rpo` is shorter than the store can promise on an unplanned failover; an `rto` shorter than the declared `standby` can recover; for data in one Region, an `rpo` or `rto` under an hour, which the loss of that Region breaks (unless a backup copied to another Region keeps the `rpo`).',
  acceptable: true,
  check(dataType) {
    const { resolved } = dataType;
    if (!resolved.multiRegion) {
      // In one Region nothing fails over: losing the Region loses the data until a copy elsewhere is restored.
      // A backup copied to another Region at least as often as the RPO keeps that promise (its restore is the RTO's matter).
      const backupKeepsRpo = resolved.backup?.copyTo !== undefined && resolved.backup.everyMs !== undefined && resolved.backup.everyMs <= (resolved.rpoMs ?? 0);
      const promise =
        resolved.rpoMs !== undefined && resolved.rpoMs < ONE_REGION_FLOOR_MS && !backupKeepsRpo
          ? 'rpo'
          : resolved.rtoMs !== undefined && resolved.rtoMs < ONE_REGION_FLOOR_MS
            ? 'rto'
            : undefined;
      if (!promise || resolved.regions.length === 0) return [];
      const value = formatDuration((promise === 'rpo' ? resolved.rpoMs : resolved.rtoMs)!);
      return [
        {
          at: dataType.at(promise),
          message: `${named(resolved.name)} lives in one Region, so an ${promise.toUpperCase()} of ${value} cannot survive its loss: add a Region.`,
          detail: `\`${resolved.name}\` lives in one Region (${resolved.regions.join(', ')}) and declares an ${promise.toUpperCase()} of ${value}. Nothing fails over within a Region's loss: only a copy in another Region keeps the data, and restoring a backup copied to another Region takes hours (${writeGuidance.regionLossNeedsACopy.text}). Add a second Region (a pilot light or warm standby), or declare the ${promise} a Region's loss really gives.`,
        },
      ];
    }
    // The standby strategy sets how soon another Region can take over: an RTO below it is a promise the design cannot keep.
    const standby = resolved.standby && standbyRecovery[resolved.standby];
    if (standby && resolved.rtoMs !== undefined && resolved.rtoMs < standby.value) {
      return [
        {
          at: dataType.at('rto'),
          message: `${named(resolved.name)} wants RTO ${formatDuration(resolved.rtoMs)}, but a ${resolved.standby} standby takes ${formatDuration(standby.value)}+: raise rto.`,
          detail: `\`${resolved.name}\` declares an RTO of ${formatDuration(resolved.rtoMs)} with \`standby: ${resolved.standby}\`: ${standby.text} ([source](${standby.source})). Declare the RTO the standby gives, or run a hotter standby.`,
        },
      ];
    }
    const rpo = resolved.rpoMs;
    if (rpo === undefined) return [];
    const { facts, described: which } = dataType.storeInQuestion();
    // A store whose typical loss is below what it can promise: judged against the bound, never the typical figure.
    if (facts.rpoBound && rpo < facts.rpoBound.value) {
      return [
        {
          at: dataType.at('rpo'),
          message: `${named(resolved.name)} wants RPO ${formatDuration(rpo)}; ${facts.id} can bound it at ${formatDuration(facts.rpoBound.value)}: raise rpo.`,
          detail: `\`${resolved.name}\` declares an RPO of ${formatDuration(rpo)}, but ${which} bounds its loss only so far: ${facts.rpoBound.text} ([source](${facts.rpoBound.source})). What it loses on an unplanned failover (${facts.rpo.text}) is a typical figure, not a promise. Declare an RPO of ${formatDuration(facts.rpoBound.value)} or more and set the parameter, or choose a store that commits synchronously across Regions (aurora-dsql, dynamodb-global-strong: RPO 0).`,
        },
      ];
    }
    const storeRpo = facts.rpo.value;
    if (storeRpo === null || rpo >= storeRpo) return [];
    return [
      {
        at: dataType.at('rpo'),
        message: `${named(resolved.name)} wants an RPO of ${formatDuration(rpo)}, but ${facts.id} can lose ${formatDuration(storeRpo)}: raise rpo or change store.`,
        detail: `\`${resolved.name}\` declares an RPO of ${formatDuration(rpo)}, but on an unplanned Regional failover ${which} loses ${facts.rpo.text}. Choose a store that commits synchronously across Regions (aurora-dsql, dynamodb-global-strong: RPO 0), or declare the RPO you can actually get.`,
      },
    ];
  },
});
