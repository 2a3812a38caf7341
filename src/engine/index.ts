// Public entry of the analysis engine: pure functions over text. No `vscode` import and no
// file-system access may appear under src/engine/, so the CLI and the extension agree.
import { isOfRule, rules } from './rules';
import type { CatalogAnalysis, Severity } from './model/types';

export * from './model/types';
export type { DeployedStore, DeployedSystem, FailoverRoute, InfrastructureProblem, ResourceLocation, Unknown } from './model/deployed';
export { analyzeCatalog, DEFAULT_MAX_FILE_BYTES, formatBytes } from './analyze';
export { standbyRecovery, storeFacts, STORE_IDS, writeGuidance } from './model/storeFacts';
export type { StoreFacts, SourcedFact } from './model/storeFacts';
export { categoryNeeds, CATEGORIES } from './model/decisionTable';
export { formatDuration, parseDuration } from './read/durations';
export { ruleDocsUrl, verdictDocsUrl } from './rules/docs';
export { isOfRule, type RuleId } from './rules';
export { didYouMean } from './read/schemaErrors';

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** One line: what the rule checks. */
  description: string;
  docsUrl: string;
  /** Whether a data type may accept the rule's findings in `acceptedRisks`. */
  acceptable: boolean;
}

export const ruleRegistry: readonly RuleMeta[] = rules.map(({ id, defaultSeverity, description, docsUrl, acceptable }) => ({
  id,
  defaultSeverity,
  description,
  docsUrl,
  acceptable,
}));

export const DEFAULT_CATALOG_GLOBS = ['**/*.catalog.yaml', '**/*.catalog.yml', '**/data-catalog.yaml', '**/data-catalog.yml'];

/** How far into a file the apiVersion is looked for: a catalog declares it near the top. */
export const API_VERSION_HEAD_CHARS = 4096;

/** True when the text's first document declares `apiVersion: cap-advisor/v1` at the top level. */
export function declaresCatalogApiVersion(text: string): boolean {
  let inContent = false;
  for (const line of text.slice(0, API_VERSION_HEAD_CHARS).split('\n')) {
    if (line.startsWith('---')) {
      if (inContent) return false; // the first document ended without declaring it
      continue;
    }
    if (/^apiVersion:[ \t]*["']?cap-advisor\/v1["']?[ \t]*(#.*)?\r?$/.test(line)) return true;
    if (line.trim() && !line.trimStart().startsWith('#')) inContent = true;
  }
  return false;
}

export { quickFixes, quickFixesFor, fixAll, fixAllEdit, applyEdits } from './assist/fixes';
export type { QuickFix, QuickFixOptions, TextEdit } from './assist/fixes';
export { hoverAt, guardExplanations } from './assist/hover';
export type { Hover } from './assist/hover';
export { dataTypeEntry, insertDataType } from './assist/wizard';
export type { DataTypeAnswers, CatalogEntry } from './assist/wizard';
export { draftCatalog, draftedDataTypeCount, regionInFileName } from './assist/draft';
export { describeUnmodelled } from './model/unmodelled';
export type { DraftOptions } from './assist/draft';
export { NEW_CATALOG_TEMPLATE } from './assist/template';
export { categoryText, completionsAt, completionsInEmptyFile, mayNameInfrastructure } from './assist/completion';
export { followRange } from './assist/followEdits';
export type { TextChange } from './assist/followEdits';
export type { CompletionItem, InfrastructureCandidate } from './assist/completion';
export { dataTypeLenses } from './assist/codeLens';
export type { DataTypeLens } from './assist/codeLens';
export { allDisruptions, settingLocator, simulate, VERDICT_MEANINGS, VERDICTS } from './scenarios';
export type { Disruption, DisruptionKind, Outcome, OutcomeChange, ScenarioResult, ScenarioSetting, Verdict } from './scenarios';
export {
  ALARM_ARN_PATTERN,
  DEFAULT_EXPERIMENT_DURATION,
  durationProblem,
  fisQuotas,
  LOG_GROUP_ARN_PATTERN,
  planExperiment,
  regionOfArn,
  ROLE_ARN_PATTERN,
} from './experiments';
export type { ExperimentOptions, ExperimentPlan, ExperimentRun, ExperimentTemplate, Hypothesis } from './experiments';

/** Whether the text did not parse as YAML: its analysis is only the syntax error (the shells keep the last good one on show meanwhile). */
export function parsesNot(analysis: CatalogAnalysis): boolean {
  return analysis.findings.some((finding) => isOfRule(finding, 'yaml-syntax'));
}
