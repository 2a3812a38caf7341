// Completion in catalogs: the engine's items (completionsAt) as VS Code completion items.
import * as vscode from 'vscode';
import { completionsAt, type CompletionItem } from '../engine';
import type { CatalogDiagnostics } from './catalogs';

const KINDS: Record<CompletionItem['kind'], vscode.CompletionItemKind> = {
  key: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.EnumMember,
  region: vscode.CompletionItemKind.Constant,
  guard: vscode.CompletionItemKind.Value,
  rule: vscode.CompletionItemKind.Reference,
  entry: vscode.CompletionItemKind.Snippet,
};

export class CatalogCompletion implements vscode.CompletionItemProvider {
  /** After `key:` and `key: `, and inside flow lists and maps. */
  static readonly triggerCharacters = [':', ' ', '[', ',', '{'];

  constructor(private readonly catalogs: CatalogDiagnostics) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    if (!this.catalogs.isCatalog(document)) return undefined;
    const analysis = this.catalogs.last(document.uri)?.analysis;
    return completionsAt(document.getText(), document.offsetAt(position), analysis).map((item) => {
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
