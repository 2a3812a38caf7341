// The line above each data type: its verdict and its state, at a glance
// (`AP · dynamodb-global ✓`, `CP · advised aurora-dsql · 2 errors`). An entry with schema errors has no
// verdict yet: its lens says what to finish instead of advising on half a data type.
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
    const { verdict } = dataType;
    if (!verdict) {
      return {
        dataType: dataType.name,
        range: dataType.nameRange,
        title: `Finish this entry: ${plural(dataType.schemaErrors, 'schema error')}`,
        tooltip: `${dataType.name}: no recommendation until the entry is valid. Open the consistency report at this data type.`,
      };
    }
    const errors = dataType.findings.filter((f) => f.severity === 'error').length;
    const warnings = dataType.findings.filter((f) => f.severity === 'warning').length;
    const state =
      errors + warnings > 0
        ? [errors && plural(errors, 'error'), warnings && plural(warnings, 'warning')].filter(Boolean).join(', ')
        : !verdict.declaredStore
          ? 'no store declared'
          : verdict.storeFits
            ? '✓'
            : `declared ${verdict.declaredStore}`;
    const accepted = dataType.acceptedRisks.length > 0 ? ` · ${plural(dataType.acceptedRisks.length, 'accepted risk')}` : '';
    const alternative = verdict.alternative ? ` (or ${verdict.alternative})` : '';
    return {
      dataType: dataType.name,
      range: dataType.nameRange,
      // The store in use where it fits; otherwise the advised one, said as advice (never read as the store in use).
      title: `${verdict.cap} · ${verdict.storeFits && verdict.declaredStore ? verdict.declaredStore : `advised ${verdict.store}`}${state === '✓' ? ' ✓' : ` · ${state}`}${accepted}`,
      tooltip: `${dataType.name}: ${verdict.cap} on ${verdict.store}${alternative} recommended${verdict.misfit ? `; ${verdict.misfit}` : ''}. Open the consistency report at this data type.`,
    };
  });
}
