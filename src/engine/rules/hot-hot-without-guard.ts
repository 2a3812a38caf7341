import { isStrongMultiRegionStore } from '../model/regionSets';
import { storeFacts } from '../model/storeFacts';
import type { GuardType } from '../model/types';
import { lastWriterWinsRecords } from '../model/writePath';
import { defineRule, named } from './rule';

const GUARD_WORDS: Record<GuardType, string> = {
  'human-approval': 'human approval',
  'fencing-lease': 'a fencing lease',
  'witness-region': 'a witness',
  quorum: 'a quorum',
};

export const hotHotWithoutGuard = defineRule({
  id: 'hot-hot-without-guard',
  scope: 'dataType',
  readsTheNeed: true,
  defaultSeverity: 'error',
  description:
    'Hot-hot data in two or more Regions with nothing that keeps both sides from writing one item: no enforced fencing lease, witness or quorum, and no store that carries its own quorum (unless it is immutable, eventual data that merges divergence by intent, or writes that converge under last writer wins).',
  acceptable: true,
  check(dataType) {
    const { resolved, writePath } = dataType;
    if (resolved.topology !== 'hot-hot' || !resolved.multiRegion || resolved.immutable) return [];
    // A store with its own quorum fences a cut-off Region; a single-writer store cannot split its
    // writes (single-writer-hot-hot speaks for that); pinned items have one writer each.
    if (writePath.builtInQuorum || writePath.oneWriterPerItem || writePath.writeMode === 'home-region') return [];
    if (writePath.enforcedGuards.length > 0) return [];
    const eventual = resolved.consistency === 'eventual';
    // Strong data written in every Region of an eventual global table is lww-on-strong-data's to say.
    if (!eventual && writePath.lastWriterWins && lastWriterWinsRecords(resolved.store)) return [];
    if (eventual && resolved.conflictResolution !== undefined && resolved.conflictResolution !== 'none') return [];
    // AWS's "write to any Region" design: idempotent or append-only writes converge on the last writer.
    if (eventual && writePath.lastWriterWins && writePath.convergentWrites) return [];
    // Writes that last writer wins loses are lww-loses-updates' to say.
    if (writePath.lostUnderLastWriterWins.length > 0) return [];
    const store = resolved.store!;
    const idle = writePath.idleGuards.filter((type) => type !== 'fencing-lease');
    const idleNote =
      idle.length > 0 && writePath.lastWriterWins
        ? ` ${idle
            .map((type) => GUARD_WORDS[type])
            .join(' and ')
            .replace(/^./, (c) =>
              c.toUpperCase(),
            )} does not stop ${storeFacts[store].product} from taking writes in every Region: ${idle.length > 1 ? 'they count' : 'it counts'} only where a store votes.`
        : '';
    const approvalOnly = resolved.splitBrainGuards.some((guard) => guard.type === 'human-approval')
      ? ' Human approval does not count: it gates a failover, and hot-hot data has no failover to gate.'
      : '';
    const leaseNote = writePath.idleGuards.includes('fencing-lease')
      ? ' Its fencing lease lives in an eventually consistent store, so it fences nothing (see lease-in-eventual-store).'
      : '';
    if (eventual && writePath.lastWriterWins && resolved.writes === undefined && resolved.conflictResolution === undefined) {
      // An undeclared design on a last-writer-wins store may well be AWS's "write to any Region": a warning that asks to say so.
      return [
        {
          at: dataType.at('topology'),
          severity: 'warning',
          message: `${named(resolved.name)} is hot-hot, last writer wins: set conflictResolution or writes.`,
          detail: `\`${resolved.name}\` takes writes in ${resolved.regions.length} Regions on \`${store}\`, where concurrent writes to one item resolve by last writer wins and the other write disappears without a trace.${idleNote}${approvalOnly} That is AWS's "write to any Region" design when the writes are idempotent puts or appends: declare them (\`writes: [idempotent-put]\`), or say that the last writer wins (\`conflictResolution: last-writer-wins\`). Writes that read and modify an item need one writer per item (\`writeMode: one-region\` or \`home-region\`) or \`dynamodb-global-strong\`.`,
        },
      ];
    }
    // No store declared yet, and the verdict's store votes by itself: that store is the guard.
    const votingStoreAdvised = !resolved.store && isStrongMultiRegionStore(dataType.verdict.store);
    const remedy = eventual
      ? 'Declare how the copies are merged (`conflictResolution: merge`, `application` or `last-writer-wins`), or add a guard (a fencing lease is the usual one).'
      : `Strong data cannot be merged after the fact: ${votingStoreAdvised ? `declare a store that votes (\`${dataType.verdict.store}\`, or \`${dataType.verdict.alternative ?? 'dynamodb-global-strong'}\`: a Region cut off from the majority refuses writes), or ` : ''}add a guard (a fencing lease is the usual one${writePath.lastWriterWins ? '' : '; a witness Region or a quorum of three Regions also work'}).`;
    return [
      {
        at: dataType.at('topology'),
        message: eventual
          ? `${named(resolved.name)} is hot-hot with no split-brain guard: say how copies merge (conflictResolution).`
          : votingStoreAdvised
            ? `${named(resolved.name)} is strong and hot-hot with no guard: use ${dataType.verdict.store} or add a fencing lease.`
            : `${named(resolved.name)} is strong and hot-hot with no split-brain guard: add a fencing lease.`,
        detail: `\`${resolved.name}\` takes writes in ${resolved.regions.length} Regions (hot-hot) with no split-brain guard that anything enforces: during a partition each side keeps writing and the copies diverge.${idleNote}${leaseNote}${approvalOnly} ${remedy}`,
      },
    ];
  },
  fix(fixer) {
    // Eventual data merges its copies (the rule's own advice); strong data needs a guard. Human
    // approval is never offered: it gates a failover, and hot-hot data has none.
    const eventual = fixer.report?.need.consistency === 'eventual';
    const lastWriterWins = fixer.report?.writePath.lastWriterWins ?? false;
    if (fixer.dataType && eventual && lastWriterWins && fixer.finding.severity === 'warning') {
      // AWS's "write to any Region": say what the store does, or what the writes are.
      fixer.add('Set conflictResolution: last-writer-wins (what the store does)', [fixer.setField('conflictResolution', 'last-writer-wins')], {
        preferred: true,
      });
      fixer.add('Declare writes: [idempotent-put] (puts that converge)', [fixer.setField('writes', '[idempotent-put]')]);
    } else if (fixer.dataType && eventual) {
      fixer.add('Set conflictResolution: merge (diverging copies are merged on purpose)', [fixer.setField('conflictResolution', 'merge')], { preferred: true });
    }
    fixer.addGuards(['fencing-lease', 'witness-region', 'quorum'], { preferFencingLease: !eventual });
    if (fixer.dataType) fixer.add('Make the topology hot-warm (one writer Region)', [fixer.setField('topology', 'hot-warm')]);
  },
});
