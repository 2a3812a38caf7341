import { storeFacts, writeGuidance } from '../model/storeFacts';
import { storeWithAlternative } from '../model/verdict';
import { lastWriterWinsRecords } from '../model/writePath';
import { defineRule, Issue, named } from './rule';

export const lwwOnStrongData = defineRule({
  id: 'lww-on-strong-data',
  scope: 'dataType',
  readsTheNeed: true,
  defaultSeverity: 'error',
  description:
    'Strong data resolved by last writer wins, or stored where every Region writes and the last writer wins (`dynamodb-global`, `memorydb-multi-region`, `keyspaces-multi-region`) and written in any Region.',
  acceptable: true,
  check(dataType) {
    const { resolved, verdict, writePath } = dataType;
    if (resolved.consistency !== 'strong') return [];
    // AWS's "write to one Region" and "write to your Region": one writer per item, so the last
    // writer never has to win (strong-reads-in-writer-region says where strong reads go).
    const recordsWonByLastWriter = lastWriterWinsRecords(resolved.store);
    if (recordsWonByLastWriter && writePath.oneWriterPerItem) return [];
    const issues: Issue[] = [];
    if (resolved.conflictResolution === 'last-writer-wins') {
      issues.push({
        at: dataType.at('conflictResolution'),
        message: `${named(resolved.name)} is strong; last writer wins: set conflictResolution: none.`,
        detail: `\`${resolved.name}\` is strong data but resolves conflicts by last writer wins: when two Regions write the same item, the earlier write disappears without an error. Set \`conflictResolution: none\` and keep the data on a store with one writer per item or a strongly consistent one: ${storeWithAlternative(verdict, true)} for \`${resolved.name}\`.`,
      });
    }
    if (recordsWonByLastWriter && resolved.multiRegion) {
      const store = resolved.store!;
      const facts = storeFacts[store];
      // DynamoDB's own guidance adds that conditional writes and transactions see only the local Region.
      const local = facts.family === 'dynamodb' ? ` ${writeGuidance.conditionalWritesAreLocal.text}` : '';
      issues.push({
        at: dataType.at('store'),
        message: `${named(resolved.name)} is strong; its last writer wins: use ${verdict.store}.`,
        detail: `\`${resolved.name}\` is strong data on \`${store}\` (${facts.product}): concurrent writes resolve by ${facts.conflicts.text}.${local} Use ${
          verdict.store === 'dynamodb-global-strong' && facts.family === 'dynamodb'
            ? `\`dynamodb-global-strong\` (multi-Region strong consistency, available since 2025), which keeps the DynamoDB API${verdict.alternative ? `, or \`${verdict.alternative}\`` : ''}`
            : storeWithAlternative(verdict, true)
        }.`,
      });
    }
    return issues;
  },
  fix(fixer) {
    if (fixer.dataType && fixer.fieldAt('conflictResolution'))
      fixer.add('Set conflictResolution: none', [fixer.setField('conflictResolution', 'none')], { preferred: true });
    else fixer.setStore(true);
  },
});
