import { writeGuidance } from '../model/storeFacts';
import { defineRule, named } from './rule';

export const lwwLosesUpdates = defineRule({
  id: 'lww-loses-updates',
  scope: 'dataType',
  defaultSeverity: 'error',
  description:
    'Writes that are not idempotent (read-modify-write, counter, conditional, transaction) from more than one Region on a last-writer-wins store (`dynamodb-global` written in any Region, `s3` written in every Region), whatever `conflictResolution` says.',
  acceptable: true,
  check(dataType) {
    const { resolved, writePath } = dataType;
    const lost = writePath.lostUnderLastWriterWins;
    if (lost.length === 0) return [];
    const transactions = lost.includes('transaction');
    const fixes = transactions
      ? 'Write each item in its home Region (`writeMode: home-region`) or every item in one Region (`writeMode: one-region`); multi-Region strong consistency has no transactions.'
      : 'Write each item in its home Region (`writeMode: home-region`) or every item in one Region (`writeMode: one-region`), or move to `dynamodb-global-strong`, where every Region writes and sees the latest item.';
    const merge =
      resolved.conflictResolution === 'merge' || resolved.conflictResolution === 'application'
        ? ` \`conflictResolution: ${resolved.conflictResolution}\` does not change that: your application would have to merge, and DynamoDB itself keeps the last writer.`
        : '';
    return [
      {
        at: dataType.at('writes'),
        message: `${named(resolved.name)}: last writer wins drops ${lost.length === 1 ? lost[0] : 'non-idempotent'} writes: pin items to Regions.`,
        detail: `\`${resolved.name}\` makes ${lost.map((write) => `\`${write}\``).join(', ')} writes in ${resolved.regions.length} Regions on \`${resolved.store}\`, where the last writer wins: when two Regions update one item, one update disappears without an error. ${writeGuidance.lastWriterWinsLosesSilently.text}${merge} ${fixes}`,
      },
    ];
  },
  fix(fixer) {
    // Each item written in its home Region keeps every Region writing; the verdict's alternative
    // (multi-Region strong consistency, when the writes hold no transaction) is the other way.
    fixer.setWriteModes();
    fixer.setStore(false);
  },
});
