import { storeFacts, writeGuidance } from '../model/storeFacts';
import { defineRule, named } from './rule';

export const strongReadsInWriterRegion = defineRule({
  id: 'strong-reads-in-writer-region',
  scope: 'dataType',
  readsTheNeed: true,
  defaultSeverity: 'information',
  description:
    "Strong data on `dynamodb-global` written in one Region or in each item's home Region: strongly consistent reads, conditional writes and transactions must go to the item's writing Region.",
  acceptable: false,
  check(dataType) {
    const { resolved, writePath } = dataType;
    if (resolved.store !== 'dynamodb-global' || !resolved.multiRegion || resolved.consistency !== 'strong' || resolved.immutable) return [];
    // `reads: writer` says the design already sends them there.
    if (writePath.writeMode === 'any-region' || resolved.reads === 'writer') return [];
    const where = writePath.writeMode === 'home-region' ? 'its home Region' : 'the writing Region';
    // On `writeMode` when the catalog says it, else on the store (a hot-warm table is written in one Region by default).
    const onWriteMode = dataType.at('writeMode');
    const declaredWriteMode = onWriteMode.range.offset[0] !== dataType.nameAt().range.offset[0] || onWriteMode.related !== undefined;
    return [
      {
        at: declaredWriteMode ? onWriteMode : dataType.at('store'),
        message: `${named(resolved.name)}: send strong reads to ${where === 'its home Region' ? "each item's home Region" : 'its writing Region'}.`,
        detail: `\`${resolved.name}\` is strong data on \`dynamodb-global\` written ${writePath.writeMode === 'home-region' ? "in each item's home Region" : 'in one Region'} (AWS's "write to ${writePath.writeMode === 'home-region' ? 'your' : 'one'} Region" design), so no two Regions write one item and the last writer never has to win. Strongly consistent reads, conditional writes and transactions must go to ${where}: ${writeGuidance.conditionalWritesAreLocal.text} Other Regions read eventually (${storeFacts['dynamodb-global'].replicationWindow.text}). A planned Region switch drains writes first; an unplanned one loses the replication lag (RPO ${storeFacts['dynamodb-global'].rpo.text}).`,
      },
    ];
  },
});
