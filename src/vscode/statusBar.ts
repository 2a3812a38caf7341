// The status bar item while a catalog is active: its error and warning counts; a click opens
// the report.
import * as vscode from 'vscode';
import { countsText, plural } from '../report/model';
import type { CatalogClient } from './client';
import { activeCatalogUri } from './reportPanel';

export class CatalogStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('capAdvisor.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly catalogs: CatalogClient) {
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
    // The server's counts of its last analysis, sent with the diagnostics: nothing is analysed here.
    const summary = uri && this.catalogs.summary(uri);
    if (!summary) {
      this.item.hide();
      return;
    }
    const { error: errors, warning: warnings } = summary.counts;
    this.item.text = `$(error) ${errors} $(warning) ${warnings} CAP`;
    this.item.tooltip = `CAP Advisor, this catalog: ${countsText(summary.counts)} in ${plural(summary.dataTypes, 'data type')}, as the Problems panel lists them for this file. Click for the consistency report.`;
    this.item.show();
  }
}
