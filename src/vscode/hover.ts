// Hovers on data type names, stores and guards, from the engine's explanations.
import * as vscode from 'vscode';
import { hoverAt } from '../engine';
import { toRange, type CatalogDiagnostics } from './catalogs';

export class CatalogHover implements vscode.HoverProvider {
  constructor(private readonly catalogs: CatalogDiagnostics) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!this.catalogs.isCatalog(document)) return undefined;
    const current = this.catalogs.current(document.uri);
    const text = document.getText();
    const hover = hoverAt(text, document.offsetAt(position), current?.text === text ? current.analysis : undefined);
    if (!hover) return undefined;
    const markdown = new vscode.MarkdownString(hover.markdown);
    return new vscode.Hover(markdown, toRange(hover.range));
  }
}
