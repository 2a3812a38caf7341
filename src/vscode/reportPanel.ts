// "CAP Advisor: Show Consistency Report": the HTML report in a webview, updated as the catalog
// changes and following the active catalog. Strict CSP with a nonce; clicking a finding reveals
// it in the editor, clicking a rule opens its page (bundled with the extension) in the Markdown preview.
import { randomBytes } from 'node:crypto';
import { basename, isAbsolute } from 'node:path';
import * as vscode from 'vscode';
import { renderHtml } from '../report';
import type { AnalysedCatalog, CatalogDiagnostics } from './catalogs';

export class ReportPanel implements vscode.Disposable {
  static readonly viewType = 'capAdvisor.report';
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  /** The data type the report opens at (a code lens was clicked), until another is asked for. */
  private focus: string | undefined;
  private readonly subscriptions: vscode.Disposable[];

  /** `extensionUri`: where the bundled rule pages are (docs/rules). */
  constructor(private readonly catalogs: CatalogDiagnostics, private readonly extensionUri: vscode.Uri) {
    this.subscriptions = [
      catalogs.onDidChange((changed) => {
        const uri = changed instanceof vscode.Uri ? changed : changed.uri;
        if (this.panel && this.uri?.toString() === uri.toString()) this.render();
      }),
      // The report shows the catalog being edited: switching to another catalog switches it.
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        const document = editor?.document;
        if (!this.panel || !document || !catalogs.isCatalog(document) || document.uri.toString() === this.uri?.toString()) return;
        this.uri = document.uri;
        this.focus = undefined;
        this.render();
      }),
    ];
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.panel?.dispose();
  }

  /** Opens (or focuses) the report of a catalog: the given one, the active editor's, or the first known; at a data type if given. */
  show(uri?: vscode.Uri, dataType?: string): boolean {
    const target = uri ?? activeCatalogUri(this.catalogs) ?? this.catalogs.all()[0]?.uri;
    if (!target) {
      void vscode.window.showInformationMessage('CAP Advisor: open a data catalog (*.catalog.yaml) to see its consistency report.');
      return false;
    }
    this.uri = target;
    this.focus = dataType;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(ReportPanel.viewType, 'CAP Advisor report', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        localResourceRoots: [],
      });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
      });
      this.panel.webview.onDidReceiveMessage((message: { type?: string; offset?: [number, number]; rule?: string }) => {
        if (message.type === 'openRule' && typeof message.rule === 'string') void this.openRule(message.rule);
        else void this.reveal(message);
      });
    }
    this.render();
    this.panel.reveal(undefined, true);
    return true;
  }

  /** Opens a rule's page, as bundled with the extension, in VS Code's Markdown preview. */
  async openRule(ruleId: string): Promise<void> {
    if (!/^[a-z-]+$/.test(ruleId)) return;
    await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(this.extensionUri, 'docs', 'rules', `${ruleId}.md`));
  }

  /** The catalog shown, for tests. */
  get catalog(): vscode.Uri | undefined {
    return this.uri;
  }

  /** The HTML now shown, for tests. */
  get html(): string | undefined {
    return this.panel?.webview.html;
  }

  private render(): void {
    if (!this.panel || !this.uri) return;
    const current: AnalysedCatalog | undefined = this.catalogs.current(this.uri);
    // A catalog outside the workspace (an untitled copy, a file opened alone) is named by its file name, not its absolute path.
    const shown = vscode.workspace.asRelativePath(this.uri);
    this.panel.title = `CAP Advisor: ${isAbsolute(shown) ? basename(shown) : shown}`;
    if (!current) {
      this.panel.webview.html = '<!DOCTYPE html><html><body><p>The catalog is closed or was deleted.</p></body></html>';
      return;
    }
    const nonce = randomBytes(16).toString('hex');
    this.panel.webview.html = renderHtml([{ file: vscode.workspace.asRelativePath(this.uri), analysis: current.analysis }], { webview: { cspSource: this.panel.webview.cspSource, nonce, focus: this.focus } });
  }

  private async reveal(message: { type?: string; offset?: [number, number] }): Promise<void> {
    if (message.type !== 'reveal' || !this.uri || !Array.isArray(message.offset)) return;
    await revealInCatalog(this.uri, message.offset);
  }
}

/** Shows the catalog in the first editor column with [start, end) selected: where a webview's click leads. */
export async function revealInCatalog(uri: vscode.Uri, [start, end]: [number, number]): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(document.positionAt(start), document.positionAt(end)) });
}

export function activeCatalogUri(catalogs: CatalogDiagnostics): vscode.Uri | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document && catalogs.isCatalog(document) ? document.uri : undefined;
}
