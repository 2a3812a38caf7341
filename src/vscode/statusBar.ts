// The status bar item while a catalog is active: its error and warning counts; a click opens
// the report.
import * as vscode from 'vscode';
import { countBySeverity, countsText, plural } from '../report/model';
import type { CatalogDiagnostics } from './catalogs';
import { activeCatalogUri } from './reportPanel';

export class CatalogStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('capAdvisor.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly catalogs: CatalogDiagnostics) {
    this.item.name = 'CAP Advisor';
    this.item.command = 'capAdvisor.showReport';
    this.disposables = [this.item, vscode.window.onDidChangeActiveTextEditor(() => this.update()), catalogs.onDidChange(() => this.update())];
    this.update();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  /** The text shown, for tests. */
  get text(): string | undefined {
    return this.item.text;
  }

  private update(): void {
    const uri = activeCatalogUri(this.catalogs);
    const current = uri && this.catalogs.current(uri);
    if (!current) {
      this.item.hide();
      return;
    }
    const { error: errors, warning: warnings } = countBySeverity(current.analysis.findings);
    this.item.text = `$(error) ${errors} $(warning) ${warnings} CAP`;
    this.item.tooltip = `CAP Advisor, this catalog: ${countsText(current.analysis.findings)} in ${plural(current.analysis.report.dataTypes.length, 'data type')}, as the Problems panel lists them for this file. Click for the consistency report.`;
    this.item.show();
  }
}
