// Public entry of the analysis engine. No `vscode` import may appear under src/engine/.
// STUB: the real implementation lands in the next commits; the signatures are final.
import type { AnalyzeOptions, CatalogAnalysis } from './types';

export * from './types';

export interface RuleMeta {
  id: string;
  defaultSeverity: import('./types').Severity;
  /** One line: what the rule checks. */
  description: string;
  docsUrl: string;
}

export const ruleRegistry: readonly RuleMeta[] = [];

export const DEFAULT_CATALOG_GLOBS = ['**/*.catalog.yaml', '**/*.catalog.yml', '**/data-catalog.yaml', '**/data-catalog.yml'];

export function analyzeCatalog(_text: string, _options: AnalyzeOptions = {}): CatalogAnalysis {
  return { findings: [], recommendations: [], acceptedRisks: [], report: { regions: [], dataTypes: [], catalogFindings: [] } };
}

/** True when the text's first document declares `apiVersion: cap-advisor/v1`. */
export function declaresCatalogApiVersion(text: string): boolean {
  return /^apiVersion:\s*["']?cap-advisor\/v1["']?\s*(#.*)?$/m.test(text.slice(0, 4096));
}
