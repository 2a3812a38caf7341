import { storeFacts } from '../model/storeFacts';
import { storeWithAlternative } from '../model/verdict';
import { defineRule, named } from './rule';

export const recommendation = defineRule({
  id: 'recommendation',
  scope: 'dataType',
  readsTheNeed: true,
  defaultSeverity: 'information',
  description: 'Every data type: its recommended CAP position and store, with the reason (hint when the declared store already fits).',
  acceptable: false,
  check(dataType) {
    const { verdict, resolved } = dataType;
    const declared = verdict.declaredStore
      ? verdict.storeFits
        ? ` The declared store \`${verdict.declaredStore}\` already fits.`
        : ` Declared: \`${verdict.declaredStore}\` (${storeFacts[verdict.declaredStore].position.text}), which does not fit: ${verdict.misfit}.`
      : ' No store is declared yet.';
    return [
      {
        at: dataType.nameAt(),
        severity: verdict.storeFits ? 'hint' : undefined,
        message: verdict.declaredStore
          ? verdict.storeFits
            ? `${named(resolved.name)}: ${verdict.cap} on ${verdict.store}; the declared ${verdict.declaredStore} fits.`
            : `${named(resolved.name)}: ${verdict.cap} on ${verdict.store} is advised, not ${verdict.declaredStore}.`
          : `${named(resolved.name)}: ${verdict.cap} on ${verdict.store} is recommended; no store is declared yet.`,
        detail: `\`${resolved.name}\`: ${verdict.cap} on ${storeWithAlternative(verdict, true)}.${declared} ${verdict.reason}`,
      },
    ];
  },
  fix(fixer) {
    const { report } = fixer;
    if (fixer.dataType && report?.verdict && fixer.finding.severity !== 'hint' && report.declaredStore !== report.verdict.store) fixer.setStore(true);
  },
});
