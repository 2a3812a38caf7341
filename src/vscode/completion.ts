// Completion in catalogs: the engine's items (completionsAt) as VS Code completion items.
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { completionsAt, mayNameInfrastructure, type CompletionItem, type InfrastructureCandidate } from '../engine';
import { infrastructureCandidates } from '../workspace/candidates';
import type { CatalogDiagnostics } from './catalogs';

const KINDS: Record<CompletionItem['kind'], vscode.CompletionItemKind> = {
  key: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.EnumMember,
  region: vscode.CompletionItemKind.Constant,
  guard: vscode.CompletionItemKind.Value,
  rule: vscode.CompletionItemKind.Reference,
  entry: vscode.CompletionItemKind.Snippet,
};

/** Up to this size an analysis is quick enough for completion to wait for one (`npm run bench` measures it). */
const FRESH_ANALYSIS_MAX_CHARS = 200_000;

export class CatalogCompletion implements vscode.CompletionItemProvider {
  /** After `key:` and `key: `, and inside flow lists and maps. */
  static readonly triggerCharacters = [':', ' ', '[', ',', '{'];

  constructor(private readonly catalogs: CatalogDiagnostics) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
    if (!this.catalogs.isCatalog(document)) return undefined;
    // The labels (recommended, does not fit) need the entry being typed in the analysis: a fresh
    // one when the text changed since the last, unless the catalog is large enough for that to
    // delay the list (then the last one, and the labels of what it knew).
    const last = this.catalogs.last(document.uri);
    const stale = last !== undefined && last.text !== document.getText();
    const analysis = (stale && document.getText().length <= FRESH_ANALYSIS_MAX_CHARS ? this.catalogs.current(document.uri) : last)?.analysis;
    const infrastructure = mayNameInfrastructure(document.getText(), document.offsetAt(position)) ? infrastructureCandidatesFor(document.uri) : [];
    return completionsAt(document.getText(), document.offsetAt(position), analysis, infrastructure).map((item) => {
      const completion = new vscode.CompletionItem(item.detail ? { label: item.label, description: item.detail } : item.label, KINDS[item.kind]);
      completion.insertText = item.snippet ? new vscode.SnippetString(item.insertText) : item.insertText;
      completion.documentation = new vscode.MarkdownString(item.documentation);
      completion.sortText = item.sortText;
      completion.preselect = item.preselect;
      completion.range = new vscode.Range(document.positionAt(item.range[0]), document.positionAt(item.range[1]));
      if (item.retrigger) completion.command = { command: 'editor.action.triggerSuggest', title: 'Suggest values' };
      return completion;
    });
  }
}

/** CDK assemblies, Terraform root modules, SAM and CloudFormation templates in the catalog's workspace folder, relative to the catalog. */
function infrastructureCandidatesFor(catalog: vscode.Uri): InfrastructureCandidate[] {
  if (catalog.scheme !== 'file') return [];
  const folder = vscode.workspace.getWorkspaceFolder(catalog);
  return folder ? infrastructureCandidates(folder.uri.fsPath, dirname(catalog.fsPath)) : [];
}
