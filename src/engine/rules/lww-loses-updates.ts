import { storeFacts, writeGuidance } from '../model/storeFacts';
import { defineRule, named } from './rule';

export const lwwLosesUpdates = defineRule({
  id: 'lww-loses-updates',
  scope: 'dataType',
  readsTheNeed: true,
  defaultSeverity: 'error',
  description:
    'Writes that are not idempotent (read-modify-write, counter, conditional, transaction) from more than one Region on a last-writer-wins store (`dynamodb-global`, `s3`, `memorydb-multi-region`, `keyspaces-multi-region` written in any Region), whatever `conflictResolution` says.',
  acceptable: true,
  check(dataType) {
    const { resolved, writePath, verdict } = dataType;
    const lost = writePath.lostUnderLastWriterWins;
    if (lost.length === 0) return [];
    const facts = storeFacts[resolved.store!];
    // Hot-hot data written in one Region is the hot-warm topology, not a writeMode beside hot-hot.
    const oneRegion = resolved.topology === 'hot-hot' ? '`topology: hot-warm`' : '`writeMode: one-region`';
    const pinning = `Write each item in its home Region (\`writeMode: home-region\`) or every item in one Region (${oneRegion})`;
    // Only DynamoDB has a strongly consistent mode of the same store; it has no transactions.
    const fixes =
      facts.family !== 'dynamodb'
        ? `${pinning}, or keep the data on a store whose Regions do not overwrite each other.`
        : lost.includes('transaction')
          ? `${pinning}; multi-Region strong consistency has no transactions.`
          : `${pinning}, or move to \`dynamodb-global-strong\`, where every Region writes and sees the latest item.`;
    const howItLoses = facts.family === 'dynamodb' ? writeGuidance.lastWriterWinsLosesSilently.text : `On \`${resolved.store}\`: ${facts.conflicts.text}.`;
    const merge =
      resolved.conflictResolution === 'merge' || resolved.conflictResolution === 'application'
        ? ` \`conflictResolution: ${resolved.conflictResolution}\` does not change that: your application would have to merge, and ${facts.family === 'dynamodb' ? 'DynamoDB' : facts.product} itself keeps the last writer.`
        : '';
    return [
      {
        at: dataType.at('writes'),
        // The verdict's store change is this data type's first fix where its need asks for another store; else pinning items.
        message: `${named(resolved.name)}: last writer wins drops ${lost.length === 1 ? lost[0] : 'non-idempotent'} writes: ${
          storeChangeFirst(verdict) ? `use ${verdict.store}` : 'pin items to Regions'
        }.`,
        detail: `\`${resolved.name}\` makes ${lost.map((write) => `\`${write}\``).join(', ')} writes in ${resolved.regions.length} Regions on \`${resolved.store}\`, where the last writer wins: when two Regions update one item, one update disappears without an error. ${howItLoses}${merge} ${fixes}`,
      },
    ];
  },
  fix(fixer) {
    // Each item written in its home Region keeps every Region writing; the verdict's store (multi-Region
    // strong consistency, when the writes hold no transaction) is the other way, and first where the need asks for it.
    const first = fixer.report ? storeChangeFirst(fixer.report.verdict ?? undefined) : false;
    if (first) fixer.setStore(true);
    fixer.setWriteModes(!first);
    if (!first) fixer.setStore(false);
  },
});

/** Whether the data type's verdict asks for another store than the declared one (its need is not met by pinning items). */
function storeChangeFirst(verdict: { storeFits: boolean; declaredStore?: string; store: string } | undefined): boolean {
  return !!verdict && !verdict.storeFits && verdict.declaredStore !== undefined && verdict.declaredStore !== verdict.store;
}
