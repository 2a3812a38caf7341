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
  constructor(
    private readonly catalogs: CatalogDiagnostics,
    private readonly extensionUri: vscode.Uri,
  ) {
    // The report shows the catalog being edited: switching to another catalog switches it.
    this.subscriptions = followCatalog(catalogs, () => (this.panel ? this.uri : null), {
      changed: () => this.render(),
      activated: (uri) => {
        this.uri = uri;
        this.focus = undefined;
        this.render();
      },
    });
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
      this.panel = vscode.window.createWebviewPanel(
        ReportPanel.viewType,
        'CAP Advisor report',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        {
          enableScripts: true,
          localResourceRoots: [],
        },
      );
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
    this.panel.webview.html = renderHtml([{ file: vscode.workspace.asRelativePath(this.uri), analysis: current.analysis }], {
      webview: { cspSource: this.panel.webview.cspSource, nonce, focus: this.focus },
    });
  }

  private async reveal(message: { type?: string; offset?: [number, number] }): Promise<void> {
    if (message.type !== 'reveal' || !this.uri || !Array.isArray(message.offset)) return;
    await revealInCatalog(this.uri, message.offset);
  }
}

/** Shows the catalog in the first editor column with [start, end) selected: where a webview's click leads. */
export async function revealInCatalog(uri: vscode.Uri, [start, end]: [number, number]): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, {
    viewColumn: vscode.ViewColumn.One,
    selection: new vscode.Range(document.positionAt(start), document.positionAt(end)),
  });
}

/**
 * What a panel that shows one catalog listens to: `changed` when that catalog is analysed again,
 * `activated` when the user switches to another catalog's editor. `shown` is the catalog the panel
 * shows, or null while it is closed (then nothing is heard).
 */
export function followCatalog(
  catalogs: CatalogDiagnostics,
  shown: () => vscode.Uri | undefined | null,
  on: { changed: () => void; activated: (uri: vscode.Uri) => void },
): vscode.Disposable[] {
  return [
    catalogs.onDidChange((changed) => {
      const uri = changed instanceof vscode.Uri ? changed : changed.uri;
      const current = shown();
      if (current && current.toString() === uri.toString()) on.changed();
    }),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      const document = editor?.document;
      const current = shown();
      if (current === null || !document || !catalogs.isCatalog(document) || document.uri.toString() === current?.toString()) return;
      on.activated(document.uri);
    }),
  ];
}

export function activeCatalogUri(catalogs: CatalogDiagnostics): vscode.Uri | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document && catalogs.isCatalog(document) ? document.uri : undefined;
}
