import { formatDuration } from '../read/durations';
import { DataTypeRule, defineRule, named } from './rule';

export const rpoUnachievable = defineRule<DataTypeRule>({
  id: 'rpo-unachievable',
  scope: 'dataType',
  defaultSeverity: 'warning',
  description: 'The declared `rpo` is shorter than the store can promise on an unplanned failover.',
  acceptable: true,
  check(dataType) {
    const { resolved } = dataType;
    const rpo = resolved.rpoMs;
    if (rpo === undefined || !resolved.multiRegion) return [];
    const { facts, described: which } = dataType.storeInQuestion();
    const storeRpo = facts.rpo.value;
    if (storeRpo === null || rpo >= storeRpo) return [];
    return [{
      at: dataType.at('rpo'),
      message: `${named(resolved.name)} wants an RPO of ${formatDuration(rpo)}, but ${facts.id} can lose ${formatDuration(storeRpo)}: raise rpo or change store.`,
      detail: `\`${resolved.name}\` declares an RPO of ${formatDuration(rpo)}, but on an unplanned Regional failover ${which} loses ${facts.rpo.text}. Choose a store that commits synchronously across Regions (aurora-dsql, dynamodb-global-strong: RPO 0), or declare the RPO you can actually get.`,
    }];
  },
});
