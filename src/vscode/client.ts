// The extension as a client of `cap-advisor lsp`, as vscode-eslint is of its server: the analysis
// runs in the server's process, so the extension host never waits for it. Diagnostics, hover,
// completion, quick fixes, fix-all and code lenses come through vscode-languageclient; this class
// adds what only VS Code shows (the report and scenario views, the status bar, the commands) and
// turns the server's portable answers into VS Code's (snippet fixes, the lens's command).
import { readFile, rm } from 'node:fs/promises';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type Middleware, type ServerOptions } from 'vscode-languageclient/node';
import { declaresCatalogApiVersion, type CatalogAnalysis } from '../engine';
import {
  AnalysisRequest,
  AnalyzeWorkspaceRequest,
  CatalogAnalysedNotification,
  CatalogForgottenNotification,
  EDITABLE_SCHEMES,
  ExportRequest,
  ReportViewRequest,
  ScenarioViewRequest,
  type CatalogSummary,
  type DrawnView,
  type ExportParams,
  type ReportViewParams,
  type ScenarioView,
  type ScenarioViewParams,
  SERVER_COMMANDS,
} from '../lsp/requests';
import { readSettings, SECTION } from './settings';

export class CatalogClient implements vscode.Disposable {
  private readonly summaries = new Map<string, CatalogSummary>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a catalog is analysed or forgotten. */
  readonly onDidChange = this.changed.event;

  private constructor(private readonly client: LanguageClient) {
    client.onNotification(CatalogAnalysedNotification, (summary) => {
      this.summaries.set(summary.uri, summary);
      this.changed.fire(vscode.Uri.parse(summary.uri));
    });
    client.onNotification(CatalogForgottenNotification, ({ uri }) => {
      this.summaries.delete(uri);
      this.changed.fire(vscode.Uri.parse(uri));
    });
  }

  /** Starts the server bundled with the extension (the CLI's `lsp` command, in a Node.js child process). */
  static async start(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Promise<CatalogClient> {
    const run = { module: context.asAbsolutePath('dist/server.js'), transport: TransportKind.stdio };
    const serverOptions: ServerOptions = { run, debug: run };
    const clientOptions: LanguageClientOptions = {
      documentSelector: EDITABLE_SCHEMES.map((scheme) => ({ scheme, language: 'yaml' })),
      synchronize: { configurationSection: SECTION },
      outputChannel: log,
      middleware,
    };
    const client = new LanguageClient('capAdvisor', 'CAP Advisor', serverOptions, clientOptions);
    const catalogs = new CatalogClient(client);
    await client.start();
    return catalogs;
  }

  async dispose(): Promise<void> {
    this.changed.dispose();
    await this.client.stop();
  }

  /** Whether a document is a catalog: by the globs, or by the apiVersion it declares (as the server decides). */
  isCatalog(document: vscode.TextDocument): boolean {
    if (!(EDITABLE_SCHEMES as readonly string[]).includes(document.uri.scheme)) return false;
    if (this.summaries.has(document.uri.toString())) return true;
    const { catalogGlobs } = readSettings(document.uri);
    if (catalogGlobs.some((pattern) => vscode.languages.match({ pattern }, document) > 0)) return true;
    return document.languageId === 'yaml' && declaresCatalogApiVersion(document.getText());
  }

  /** The last analysis's counts, data types and Regions of a catalog the server knows. */
  summary(uri: vscode.Uri): CatalogSummary | undefined {
    return this.summaries.get(uri.toString());
  }

  /** Every catalog the server knows: those open, and those of the workspace once it is analysed. */
  all(): CatalogSummary[] {
    return [...this.summaries.values()];
  }

  /** The analysis of a catalog's current text, for a command that plans from it; undefined for a document that is not a catalog. */
  async analysis(uri: vscode.Uri): Promise<{ text: string; analysis: CatalogAnalysis } | undefined> {
    return (await this.client.sendRequest(AnalysisRequest, { uri: uri.toString() })) ?? undefined;
  }

  /** Reads every catalog of the workspace; the server keeps the closed ones current from then on. */
  async analyzeWorkspace(): Promise<CatalogSummary[]> {
    const { catalogs } = await this.client.sendRequest(AnalyzeWorkspaceRequest, {});
    for (const summary of catalogs) this.summaries.set(summary.uri, summary);
    return catalogs;
  }

  /** The report page; undefined when the document is no longer a catalog. */
  async reportView(params: Omit<ReportViewParams, 'deliver'>): Promise<string | undefined> {
    const drawn = await this.client.sendRequest(ReportViewRequest, { ...params, deliver: 'file' });
    return drawn ? pageOf(drawn) : undefined;
  }

  async scenarioView(params: Omit<ScenarioViewParams, 'deliver'>): Promise<(ScenarioView & { html: string }) | undefined> {
    const drawn = await this.client.sendRequest(ScenarioViewRequest, { ...params, deliver: 'file' });
    return drawn ? { ...drawn, html: await pageOf(drawn) } : undefined;
  }

  async export(params: ExportParams): Promise<{ content: string; catalogs: number }> {
    return this.client.sendRequest(ExportRequest, params);
  }
}

/** A page the server drew: in its answer, or in the file it wrote beside it (read once, then deleted). */
async function pageOf({ html, htmlFile }: DrawnView): Promise<string> {
  if (html !== undefined || !htmlFile) return html ?? '';
  try {
    return await readFile(htmlFile, 'utf8');
  } finally {
    await rm(htmlFile, { force: true });
  }
}

/** What the server answers in portable terms, in VS Code's. */
const middleware: Middleware = {
  // The lens opens the report view at its data type (other editors get the report in Markdown).
  async provideCodeLenses(document, token, next) {
    const lenses = await next(document, token);
    return lenses?.map((lens) => {
      if (lens.command?.command !== SERVER_COMMANDS.report) return lens;
      const { dataType, tooltip } = ((lens as vscode.CodeLens & { data?: { dataType?: string; tooltip?: string } }).data ?? {}) as {
        dataType?: string;
        tooltip?: string;
      };
      return new vscode.CodeLens(lens.range, { title: lens.command.title, tooltip, command: 'capAdvisor.showReport', arguments: [document.uri, dataType] });
    });
  },
  // A fix with a placeholder (`reason: ${1:why}`) becomes a snippet edit: the cursor lands on it.
  async provideCodeActions(document, range, context, token, next) {
    const actions = await next(document, range, context, token);
    return actions?.map((action) => {
      const snippets = (action as vscode.CodeAction & { data?: { snippets?: { offset: [number, number]; newText: string }[] } }).data?.snippets;
      if (!(action instanceof vscode.CodeAction) || !snippets) return action;
      action.edit = new vscode.WorkspaceEdit();
      action.edit.set(
        document.uri,
        snippets.map(
          ({ offset, newText }) =>
            new vscode.SnippetTextEdit(new vscode.Range(document.positionAt(offset[0]), document.positionAt(offset[1])), new vscode.SnippetString(newText)),
        ),
      );
      return action;
    });
  },
};
