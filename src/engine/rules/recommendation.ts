import { storeFacts } from '../model/storeFacts';
import { DataTypeRule, defineRule, named } from './rule';

export const recommendation = defineRule<DataTypeRule>({
  id: 'recommendation',
  scope: 'dataType',
  defaultSeverity: 'information',
  description: 'Every data type: its recommended CAP position and store, with the reason (hint when the declared store already fits).',
  acceptable: false,
  check(dataType) {
    const { recommendation: rec, resolved } = dataType;
    const declared = resolved.store
      ? dataType.storeSatisfiesNeed
        ? ` The declared store \`${resolved.store}\` already fits.`
        : ` Declared: \`${resolved.store}\` (${storeFacts[resolved.store].position.text}).`
      : ' No store is declared yet.';
    return [{
      at: dataType.nameAt(),
      severity: dataType.storeSatisfiesNeed ? 'hint' : undefined,
      message: resolved.store
        ? dataType.storeSatisfiesNeed
          ? `${named(resolved.name)}: ${rec.cap} on ${rec.store}; the declared ${resolved.store} fits.`
          : `${named(resolved.name)}: ${rec.cap} on ${rec.store} is recommended, not the declared ${resolved.store}.`
        : `${named(resolved.name)}: ${rec.cap} on ${rec.store} is recommended; no store is declared yet.`,
      detail: `\`${resolved.name}\`: ${rec.cap} on \`${rec.store}\`.${declared} ${rec.reason}`,
    }];
  },
});
