// "CAP Advisor: Show Consistency Report": the HTML report in a webview, updated as the catalog
// changes and following the active catalog. The language server renders it, and only while the
// view is visible and typing has paused: a hidden report costs nothing, a shown one never delays a
// diagnostic. Strict CSP with a nonce; clicking a finding reveals it in the editor, clicking a rule
// opens its page (bundled with the extension) in the Markdown preview.
import { randomBytes } from 'node:crypto';
import { basename, isAbsolute } from 'node:path';
import * as vscode from 'vscode';
import type { CatalogClient } from './client';

/** A view is drawn again once analyses stop arriving for this long (typing has paused). */
const VIEW_REFRESH_MS = 250;

export class ReportPanel implements vscode.Disposable {
  static readonly viewType = 'capAdvisor.report';
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  /** The data type the report opens at (a code lens was clicked), until another is asked for. */
  private focus: string | undefined;
  private readonly subscriptions: vscode.Disposable[];
  private readonly refresh = new ViewRefresh(() => this.render());

  /** `extensionUri`: where the bundled rule pages are (docs/rules). */
  constructor(
    private readonly catalogs: CatalogClient,
    private readonly extensionUri: vscode.Uri,
  ) {
    // The report shows the catalog being edited: switching to another catalog switches it.
    this.subscriptions = followCatalog(catalogs, () => (this.panel ? this.uri : null), {
      changed: () => this.refresh.soon(),
      activated: (uri) => {
        this.uri = uri;
        this.focus = undefined;
        void this.refresh.now();
      },
    });
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.refresh.dispose();
    this.panel?.dispose();
  }

  /** Opens (or focuses) the report of a catalog: the given one, the active editor's, or the first known; at a data type if given. */
  async show(uri?: vscode.Uri, dataType?: string): Promise<boolean> {
    const known = this.catalogs.all()[0]?.uri;
    const target = uri ?? activeCatalogUri(this.catalogs) ?? (known ? vscode.Uri.parse(known) : undefined);
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
      // A report hidden behind another tab is drawn when it shows again, if the catalog changed meanwhile.
      this.panel.onDidChangeViewState(() => this.refresh.shown());
      this.panel.webview.onDidReceiveMessage((message: { type?: string; offset?: [number, number]; rule?: string }) => {
        if (message.type === 'openRule' && typeof message.rule === 'string') void this.openRule(message.rule);
        else void this.reveal(message);
      });
    }
    this.panel.reveal(undefined, true);
    await this.refresh.now();
    return true;
  }

  /** Opens a rule's page, as bundled with the extension, in VS Code's Markdown preview. */
  async openRule(ruleId: string): Promise<void> {
    await openRulePage(this.extensionUri, ruleId);
  }

  /** The catalog shown, for tests. */
  get catalog(): vscode.Uri | undefined {
    return this.uri;
  }

  /** The HTML now shown, for tests. */
  get html(): string | undefined {
    return this.panel?.webview.html;
  }

  private async render(): Promise<boolean> {
    const { panel, uri } = this;
    if (!panel || !uri) return true;
    if (!panel.visible) return false;
    // A catalog outside the workspace (an untitled copy, a file opened alone) is named by its file name, not its absolute path.
    const shown = vscode.workspace.asRelativePath(uri);
    const file = isAbsolute(shown) ? basename(shown) : shown;
    const html = await this.catalogs.reportView({
      uri: uri.toString(),
      file: shown,
      cspSource: panel.webview.cspSource,
      nonce: randomBytes(16).toString('hex'),
      ...(this.focus ? { focus: this.focus } : {}),
    });
    // Closed, or switched to another catalog, while the server drew it: a later render draws that one.
    if (this.panel !== panel || this.uri !== uri) return true;
    panel.title = `CAP Advisor: ${file}`;
    panel.webview.html = html ?? '<!DOCTYPE html><html><body><p>The catalog is closed or was deleted.</p></body></html>';
    return true;
  }

  private async reveal(message: { type?: string; offset?: [number, number] }): Promise<void> {
    if (message.type !== 'reveal' || !this.uri || !Array.isArray(message.offset)) return;
    await revealInCatalog(this.uri, message.offset);
  }
}

/** A rule's page, as bundled with the extension (docs/rules), in VS Code's Markdown preview: where a webview's rule link leads. */
export async function openRulePage(extensionUri: vscode.Uri, ruleId: string): Promise<void> {
  if (!/^[a-z-]+$/.test(ruleId)) return;
  await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${ruleId}.md`));
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
  catalogs: CatalogClient,
  shown: () => vscode.Uri | undefined | null,
  on: { changed: () => void; activated: (uri: vscode.Uri) => void },
): vscode.Disposable[] {
  return [
    catalogs.onDidChange((uri) => {
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

export function activeCatalogUri(catalogs: CatalogClient): vscode.Uri | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document && catalogs.isCatalog(document) ? document.uri : undefined;
}

/**
 * When a view is drawn: at once when it opens or switches catalog, and after an edit once analyses
 * stop arriving (VIEW_REFRESH_MS), so a shown view never competes with the diagnostics of the next
 * key. A view that was hidden when its turn came is drawn when it shows again.
 */
export class ViewRefresh implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private stale = false;
  private drawing: Promise<void> = Promise.resolve();

  /** `draw` resolves false when the view was hidden and nothing was drawn. */
  constructor(private readonly draw: () => Promise<boolean>) {}

  soon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.now(), VIEW_REFRESH_MS);
  }

  /** Draws now, after any drawing under way; resolves when drawn. */
  now(): Promise<void> {
    clearTimeout(this.timer);
    this.drawing = this.drawing.then(async () => {
      this.stale = !(await this.draw().catch(() => true));
    });
    return this.drawing;
  }

  /** The view was shown or hidden: drawn now if something changed while it was hidden. */
  shown(): void {
    if (this.stale) void this.now();
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
