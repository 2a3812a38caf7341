// The engine's lens above each data type (`AP · dynamodb-global ✓`); clicking it opens the
// consistency report at that data type.
import * as vscode from 'vscode';
import { dataTypeLenses } from '../engine';
import { toRange, type CatalogDiagnostics } from './catalogs';

export class CatalogCodeLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly catalogs: CatalogDiagnostics) {
    this.subscription = catalogs.onDidChange(() => this.changed.fire());
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] | undefined {
    if (!this.catalogs.isCatalog(document)) return undefined;
    // While a key is half typed, the lenses of the last good analysis stay, moved with the edits.
    const shown = this.catalogs.lenses(document.uri);
    if (!shown) return undefined;
    return dataTypeLenses(shown.entry.analysis).flatMap((lens) => {
      const range = shown.follow(toRange(lens.range));
      return range
        ? [new vscode.CodeLens(range, { title: lens.title, tooltip: lens.tooltip, command: 'capAdvisor.showReport', arguments: [document.uri, lens.dataType] })]
        : [];
    });
  }
}
