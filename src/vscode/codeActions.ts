// Quick fixes and fix-all: the engine computes the edits; this turns them into WorkspaceEdits.
import * as vscode from 'vscode';
import { fixAllEdit, quickFixesFor, type Finding, type QuickFix } from '../engine';
import { findingOf, isCapDiagnostic, type CatalogDiagnostics } from './catalogs';
import { readSettings } from './settings';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('capAdvisor');

export class CatalogCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly catalogs: CatalogDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!this.catalogs.isCatalog(document)) return [];
    if ((context.only && FIX_ALL_KIND.contains(context.only)) || context.only?.contains(FIX_ALL_KIND)) return this.fixAll(document);
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix) && !vscode.CodeActionKind.QuickFix.contains(context.only)) return [];
    const current = this.catalogs.current(document.uri);
    if (!current || current.text !== document.getText()) return [];
    // The fixes of every finding here, each title once (two findings on one `store` offer the same store).
    const found = context.diagnostics.filter(isCapDiagnostic).flatMap((diagnostic) => {
      const finding = findingOf(current.analysis, diagnostic);
      return finding ? [{ finding, diagnostic }] : [];
    });
    const diagnosticsOf = (fix: QuickFix) => found.filter(({ finding }) => finding.ruleId === fix.ruleId).map(({ diagnostic }) => diagnostic);
    const settings = readSettings(document.uri);
    const findings: Finding[] = found.map(({ finding }) => finding);
    return quickFixesFor(current.text, current.analysis, findings, { analyzeOptions: { severities: settings.rules, maxFileBytes: settings.maxFileSize } }).map(
      (fix) => toAction(document, fix, diagnosticsOf(fix)),
    );
  }

  private fixAll(document: vscode.TextDocument): vscode.CodeAction[] {
    const settings = readSettings(document.uri);
    const all = fixAllEdit(document.getText(), { severities: settings.rules, maxFileBytes: settings.maxFileSize });
    if (!all) return [];
    const action = new vscode.CodeAction(`Fix all auto-fixable CAP Advisor problems (${all.fixed})`, FIX_ALL_KIND);
    action.edit = new vscode.WorkspaceEdit();
    const { offset, newText } = all.edit;
    action.edit.replace(document.uri, new vscode.Range(document.positionAt(offset[0]), document.positionAt(offset[1])), newText);
    return [action];
  }
}

function toAction(document: vscode.TextDocument, fix: QuickFix, diagnostics: vscode.Diagnostic[]): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = diagnostics;
  action.isPreferred = fix.isPreferred;
  action.edit = new vscode.WorkspaceEdit();
  const range = (offset: [number, number]) => new vscode.Range(document.positionAt(offset[0]), document.positionAt(offset[1]));
  if (fix.snippet) {
    // A snippet edit puts the cursor on the reason placeholder.
    action.edit.set(
      document.uri,
      fix.edits.map((edit) => new vscode.SnippetTextEdit(range(edit.offset), new vscode.SnippetString(edit.newText))),
    );
  } else {
    for (const edit of fix.edits) action.edit.replace(document.uri, range(edit.offset), edit.newText);
  }
  return action;
}
