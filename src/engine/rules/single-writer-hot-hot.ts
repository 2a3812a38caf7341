import { storeFacts } from '../model/storeFacts';
import { defineRule, named } from './rule';

export const singleWriterHotHot = defineRule({
  id: 'single-writer-hot-hot',
  scope: 'dataType',
  readsTheNeed: true,
  defaultSeverity: 'error',
  description:
    'Hot-hot topology on a store with one writer Region (`aurora-global`, `elasticache-global`, `documentdb-global`, `neptune-global`, `rds-cross-region-replica`).',
  acceptable: true,
  check(dataType) {
    const { resolved, verdict: rec } = dataType;
    if (resolved.topology !== 'hot-hot' || !resolved.multiRegion || !resolved.store) return [];
    const facts = storeFacts[resolved.store];
    if (facts.writers.value !== 'primary') return [];
    const forwarding = facts.writeForwarding ? ` (${facts.writeForwarding.text})` : '';
    return [
      {
        at: dataType.at('store'),
        message: `${named(resolved.name)} is hot-hot; ${resolved.store} has one writer: use ${rec.store}.`,
        detail: `\`${resolved.name}\` is hot-hot, but \`${resolved.store}\` (${facts.product}) takes writes in ${facts.writers.text}${forwarding}. Use \`${rec.store}\` for writes in every Region, or make the topology hot-warm.`,
      },
    ];
  },
  fix(fixer) {
    fixer.setStore(true);
    if (fixer.dataType) fixer.add('Make the topology hot-warm (one writer Region)', [fixer.setField('topology', 'hot-warm')]);
  },
});
