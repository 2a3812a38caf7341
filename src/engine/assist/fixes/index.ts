// Quick fixes for findings, as text edits computed through the `yaml` document and CST
// (yamlEdits.ts). The extension turns them into WorkspaceEdits; fixAll applies the safe ones.
//
// Safe fixes are the ones that only correct what the user evidently meant (a typo with a
// single close match). Every other fix changes the design (a store, a guard, a Region, the
// failover mode) and waits for a person to choose it.
import { analyzeCatalog } from '../../analyze';
import { rulesById, type RuleId } from '../../rules';
import type { AnalyzeOptions, CatalogAnalysis, Finding } from '../../model/types';
import { Fixer, type FixServices, type QuickFix } from '../../edit/fixer';
import { applyEdits, EditableCatalog, type TextEdit } from '../../edit/yamlEdits';
import { dataTypeName, draftDataType, nameMatch, storeDataName } from '../draft';
import { insertDataType } from '../wizard';
import { NEW_CATALOG_TEMPLATE } from '../template';

export { applyEdits, type QuickFix, type TextEdit };

/** What a rule's fixes borrow from this stage: drafting a data type, and the new catalog's skeleton. */
const services: FixServices = {
  draftEntry: (store, system, taken) => draftDataType(store, system, taken),
  insertDataType: (text, entry) => insertDataType(text, entry as Parameters<typeof insertDataType>[1]),
  dataTypeName,
  nameMatch,
  storeDataName,
  catalogSkeleton: NEW_CATALOG_TEMPLATE,
};

export function quickFixes(text: string, analysis: CatalogAnalysis, finding: Finding, options: QuickFixOptions = {}): QuickFix[] {
  const fixes = fixesOf(text, analysis, finding);
  return namesConsequences(text, options) ? fixes.map((fix) => withConsequences(text, analysis, finding, fix, options.analyzeOptions)) : fixes;
}

/** A finding's fixes as its rule offers them (and the accepted risk, where the rule allows it), before their consequences are named. */
function fixesOf(text: string, analysis: CatalogAnalysis, finding: Finding): QuickFix[] {
  const catalog = new EditableCatalog(text);
  if (catalog.doc.errors.length > 0) return [];
  const rule = rulesById.get(finding.ruleId);
  const fixer = new Fixer(catalog, analysis, finding, services);
  try {
    rule?.fix?.(fixer);
    if (rule?.acceptable) fixer.acceptRisk();
  } catch {
    // A document the fixes cannot place an edit in gets no fix rather than a wrong one.
    return [];
  }
  return fixer.list;
}

const namesConsequences = (text: string, options: QuickFixOptions) => options.consequences !== false && text.length <= CONSEQUENCES_MAX_CHARS;

/**
 * Naming a fix's consequences analyses the fixed text once per fix, which grows with the catalog:
 * past this size the lightbulb lists the fixes without them rather than keep the editor waiting
 * (`npm run bench` measures the analysis at each size).
 */
const CONSEQUENCES_MAX_CHARS = 200_000;

export interface QuickFixOptions {
  /** Analyse each design fix's result to name the findings it raises (default true; fix-all, which applies only typo fixes, skips it). */
  consequences?: boolean;
  /** The options the analysis ran with (severities), so a fix's result is judged as the user sees it. */
  analyzeOptions?: AnalyzeOptions;
}

/**
 * The fixes of several findings at one place (a lightbulb), each title once: two findings on one
 * `store` both offer to set the verdict's store, and the user should see that choice once.
 */
export function quickFixesFor(text: string, analysis: CatalogAnalysis, findings: readonly Finding[], options: QuickFixOptions = {}): QuickFix[] {
  // Titles are merged before consequences are named, so a fix two findings share is analysed once.
  const byTitle = new Map<string, { fix: QuickFix; finding: Finding }>();
  for (const finding of findings) {
    for (const fix of fixesOf(text, analysis, finding)) {
      const seen = byTitle.get(fix.title);
      if (!seen) byTitle.set(fix.title, { fix, finding });
      else if (fix.isPreferred && !seen.fix.isPreferred) seen.fix = { ...seen.fix, isPreferred: true };
    }
  }
  const consequences = namesConsequences(text, options);
  // One preferred action at most, or VS Code's "auto fix" picks none.
  let preferred = false;
  return [...byTitle.values()].map(({ fix, finding }) => {
    const keep = fix.isPreferred && !preferred;
    preferred ||= keep;
    const named = consequences ? withConsequences(text, analysis, finding, fix, options.analyzeOptions) : fix;
    return keep === fix.isPreferred ? named : { ...named, isPreferred: keep };
  });
}

/** Rules whose findings a fix may raise without saying so: the recommendation restates the verdict. */
const SILENT_CONSEQUENCES = new Set<string>(['recommendation'] satisfies RuleId[]);

/** Applies a design fix to a copy, analyses it, and names in the title the findings it raises on its data type. */
function withConsequences(text: string, analysis: CatalogAnalysis, finding: Finding, fix: QuickFix, options: AnalyzeOptions = {}): QuickFix {
  // A catalog-wide finding's fix (claim a resource, add a data type) is judged on the data type it changes.
  const dataType = finding.dataType ?? fix.dataType;
  if (fix.safe || fix.snippet || dataType === undefined || dataType === null) return fix;
  const before = new Set(analysis.findings.filter((f) => f.dataType === dataType).map((f) => f.ruleId));
  const after = analyzeCatalog(applyEdits(text, fix.edits), { ...options, infrastructure: analysis.report.deployed ?? options.infrastructure });
  const raised = [
    ...new Set(
      after.findings
        .filter(
          (f) => f.dataType === dataType && (f.severity === 'error' || f.severity === 'warning') && !before.has(f.ruleId) && !SILENT_CONSEQUENCES.has(f.ruleId),
        )
        .map((f) => f.ruleId),
    ),
  ];
  const raises = [...new Set([...(fix.raises ?? []), ...raised])];
  if (raises.length === 0) return fix;
  const announced = raised.filter((rule) => !fix.raises?.includes(rule));
  return { ...fix, title: announced.length ? `${fix.title} (then ${announced.join(', ')})` : fix.title, raises };
}

/**
 * Applies every safe fix until none is left (a few passes at most): what `source.fixAll`
 * and editor.codeActionsOnSave run. Returns the new text and how many fixes it applied.
 */
export function fixAll(text: string, options: AnalyzeOptions = {}): { text: string; fixed: number } {
  let current = text;
  let fixed = 0;
  for (let pass = 0; pass < 5; pass++) {
    const analysis = analyzeCatalog(current, options);
    const edits: TextEdit[] = [];
    for (const finding of analysis.findings) {
      const fix = quickFixes(current, analysis, finding, { consequences: false }).find((f) => f.safe);
      if (!fix) continue;
      // Fixes that touch the same text wait for the next pass, which sees the result.
      if (fix.edits.some((e) => edits.some((o) => e.offset[0] <= o.offset[1] && o.offset[0] <= e.offset[1]))) continue;
      edits.push(...fix.edits);
      fixed++;
    }
    if (edits.length === 0) break;
    current = applyEdits(current, edits);
  }
  return { text: current, fixed };
}

/**
 * Fix-all as an editor applies it: one edit over the span that changed, so the cursor and the
 * folds outside it stay put; undefined when nothing is fixed.
 */
export function fixAllEdit(text: string, options: AnalyzeOptions = {}): { edit: TextEdit; fixed: number } | undefined {
  const { text: fixedText, fixed } = fixAll(text, options);
  if (fixed === 0) return undefined;
  let start = 0;
  while (start < text.length && start < fixedText.length && text[start] === fixedText[start]) start++;
  let end = 0;
  while (end < text.length - start && end < fixedText.length - start && text[text.length - 1 - end] === fixedText[fixedText.length - 1 - end]) end++;
  return { edit: { offset: [start, text.length - end], newText: fixedText.slice(start, fixedText.length - end) }, fixed };
}
