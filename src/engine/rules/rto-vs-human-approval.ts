import { formatDuration } from '../read/durations';
import { defineRule, named } from './rule';

/** Paging someone and getting a failover approved takes about this long. */
const APPROVAL_DELAY_MS = 10 * 60_000;

export const rtoVsHumanApproval = defineRule({
  id: 'rto-vs-human-approval',
  scope: 'dataType',
  defaultSeverity: 'warning',
  description: '`rto` under 10 minutes with a `human-approval` guard (approval adds 5 to 10 minutes).',
  acceptable: true,
  check(dataType) {
    const { resolved } = dataType;
    const rto = resolved.rtoMs;
    if (rto === undefined || rto >= APPROVAL_DELAY_MS) return [];
    if (!resolved.splitBrainGuards.some((g) => g.type === 'human-approval')) return [];
    return [
      {
        at: dataType.at('rto'),
        message: `${named(resolved.name)} has rto ${formatDuration(rto)}; approval adds 5 to 10 min: raise it to 10m.`,
        detail: `\`${resolved.name}\` must recover within ${formatDuration(rto)}, but its failover waits for human approval, which adds 5 to 10 minutes (paging, reading the dashboards, approving). Raise the RTO to 10m or more, or rely on a guard that needs no person (fencing lease, witness Region, quorum).`,
      },
    ];
  },
  fix(fixer) {
    if (fixer.dataType) fixer.add('Set rto: 10m (time for a person to approve)', [fixer.setField('rto', '10m')]);
  },
});
