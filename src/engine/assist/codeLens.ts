// The line above each data type: its recommendation and its state, at a glance
// (`AP · dynamodb-global ✓`, `CP · aurora-dsql · 2 errors`).
import type { CatalogAnalysis, SourceRange } from '../model/types';

export interface DataTypeLens {
  dataType: string;
  /** The data type's name: the lens sits on its line. */
  range: SourceRange;
  title: string;
  tooltip: string;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export function dataTypeLenses(analysis: CatalogAnalysis): DataTypeLens[] {
  return analysis.report.dataTypes.map((dataType) => {
    const { cap, store } = dataType.recommendation;
    const errors = dataType.findings.filter((f) => f.severity === 'error').length;
    const warnings = dataType.findings.filter((f) => f.severity === 'warning').length;
    const state = errors + warnings > 0
      ? [errors && plural(errors, 'error'), warnings && plural(warnings, 'warning')].filter(Boolean).join(', ')
      : !dataType.declaredStore ? 'no store declared'
        : dataType.storeFits ? '✓'
          : `declared ${dataType.declaredStore}`;
    const accepted = dataType.acceptedRisks.length > 0 ? ` · ${plural(dataType.acceptedRisks.length, 'accepted risk')}` : '';
    return {
      dataType: dataType.name,
      range: dataType.nameRange,
      title: `${cap} · ${store}${state === '✓' ? ' ✓' : ` · ${state}`}${accepted}`,
      tooltip: `${dataType.name}: ${cap} on ${store} recommended. Open the consistency report at this data type.`,
    };
  });
}
