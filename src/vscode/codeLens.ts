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
    const current = this.catalogs.last(document.uri);
    if (!current) return undefined;
    return dataTypeLenses(current.analysis).map((lens) => new vscode.CodeLens(toRange(lens.range), {
      title: lens.title,
      tooltip: lens.tooltip,
      command: 'capAdvisor.showReport',
      arguments: [document.uri, lens.dataType],
    }));
  }
}
