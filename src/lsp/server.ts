// `cap-advisor lsp`: the engine behind the Language Server Protocol, for every editor. The
// server keeps one analysis per open catalog and answers every request from it: diagnostics on
// open and on each pause in typing, hover, completion, quick fixes and fix-all, code lenses,
// document symbols, and the report and partition scenarios as Markdown (workspace/executeCommand).
import { open, readdir, readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  CompletionItemKind,
  ErrorCodes,
  LSPErrorCodes,
  FileChangeType,
  InsertTextFormat,
  InsertTextMode,
  ResponseError,
  SymbolKind,
  TextDocumentSyncKind,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  type CodeAction,
  type CodeLens,
  type CompletionItem,
  type Connection,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  allDisruptions,
  analyzeCatalog,
  API_VERSION_HEAD_CHARS,
  completionsAt,
  completionsInEmptyFile,
  dataTypeLenses,
  declaresCatalogApiVersion,
  fixAllEdit,
  followRange,
  hoverAt,
  mayNameInfrastructure,
  parsesNot,
  quickFixesFor,
  simulate,
  type CatalogAnalysis,
  type CompletionItem as EngineCompletionItem,
  type Disruption,
  type Finding,
  type TextChange,
} from '../engine';
import type { InfrastructureEntry } from '../engine/infrastructure';
import { renderHtml, renderJson, renderMarkdown, renderSarif, type AnalysedFile } from '../report';
import { countBySeverity, countsText } from '../report/model';
import { renderScenariosMarkdown } from '../report/scenarios';
import { isInsideFolder, linkedInfrastructure, workspaceRootOf } from '../workspace/files';
import { CONFIG_FILE_NAMES, configFor, ConfigError, isIgnored, type CapAdvisorConfig } from '../workspace/config';
import { loadTerraformParser } from '../workspace/terraform';
import { infrastructureCandidates } from '../workspace/candidates';
import {
  AnalysisRequest,
  AnalyzeWorkspaceRequest,
  CatalogAnalysedNotification,
  CatalogForgottenNotification,
  CatalogsRequest,
  EDITABLE_SCHEMES,
  ExportRequest,
  ReportViewRequest,
  ScenarioViewRequest,
  SERVER_COMMANDS,
  type CatalogSummary,
  type DrawnView,
  type ExportParams,
  type ViewDelivery,
  type ScenarioView,
} from './requests';
import { ViewCancelled, ViewRenderer, type AnalysisInputs, type ViewAnswer, type ViewPage } from './views';
import { indentLaterLines, sameRange, snippetAsPlainText, SOURCE, toDiagnostic, toRange, toTextEdit } from './protocol';
import { isCatalogPath, readServerSettings, SETTINGS_SECTION, type ServerSettings } from './settings';

/** Analyse once typing pauses this long: short, so diagnostics come within the analysis time plus a little. */
const CHANGE_DEBOUNCE_MS = 30;
/** Linked templates change in bursts (cdk synth, git checkout): analyse again once they settle. */
const LINKED_DEBOUNCE_MS = 300;
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.capAdvisor`;
/** What linked infrastructure is written in: a change to one of these may change a catalog's findings. */
const INFRASTRUCTURE_GLOB = '**/*.{yaml,yml,json,template,toml,tf,tfvars,tfstate}';
/** Dependencies, VCS data and the test editor's own files hold no catalogs of the project. */
const EXCLUDED_FOLDER = /[\\/](node_modules|\.git|\.vscode-host)([\\/]|$)/;
const EDITABLE_SCHEME = new RegExp(`^(${EDITABLE_SCHEMES.join('|')}):`);

const COMPLETION_KINDS: Record<EngineCompletionItem['kind'], CompletionItemKind> = {
  key: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  region: CompletionItemKind.Constant,
  guard: CompletionItemKind.Value,
  rule: CompletionItemKind.Reference,
  entry: CompletionItemKind.Snippet,
};

/** A catalog's latest analysis, and the text it ran on: fixes' offsets refer to that text. */
interface AnalysedCatalog {
  uri: string;
  /** The open document's version; null for a catalog read from disk. */
  version: number | null;
  text: string;
  analysis: CatalogAnalysis;
  settings: ServerSettings;
  /** What the analysis was given besides the text: a view's worker analyses the same text with them. */
  inputs: AnalysisInputs;
}

/** The last analysis of a text that parsed, and the edits since: while a key is half typed, its findings and lenses stay, moved with the edits. */
interface LastGoodAnalysis {
  entry: AnalysedCatalog;
  changes: TextChange[];
}

interface ClientSupport {
  configuration: boolean;
  watchedFiles: boolean;
  snippets: boolean;
  /** The client indents a completion's later lines to the line's own indentation (VS Code does). */
  adjustsIndentation: boolean;
  hierarchicalSymbols: boolean;
}

export class CatalogServer {
  private readonly documents = new Map<string, TextDocument>();
  private readonly analysed = new Map<string, AnalysedCatalog>();
  private readonly lastGood = new Map<string, LastGoodAnalysis>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** Per catalog, the files and folders its `infrastructure` links: a change under one analyses it again. */
  private readonly linkedPaths = new Map<string, string[]>();
  private readonly settings = new Map<string, Promise<ServerSettings>>();
  private readonly views = new ViewRenderer();
  private support: ClientSupport = { configuration: false, watchedFiles: false, snippets: false, adjustsIndentation: false, hierarchicalSymbols: false };
  private workspaceFolders: string[] = [];
  /** Once a client asks (capAdvisor/analyzeWorkspace), catalogs that are not open are read from disk and kept current. */
  private workspaceCatalogs = false;
  /** Settings the client sent with initialize or didChangeConfiguration, for clients that do not answer workspace/configuration. */
  private pushedSettings: unknown;

  constructor(private readonly connection: Connection) {
    // The documents are kept here rather than by TextDocuments: the edits of each change also move
    // the last good analysis's findings while the text does not parse.
    connection.onDidOpenTextDocument(({ textDocument }) => {
      const document = TextDocument.create(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
      this.documents.set(document.uri, document);
      void this.analyseNow(document);
    });
    connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
      const document = this.documents.get(textDocument.uri);
      if (!document) return;
      const good = this.lastGood.get(document.uri);
      for (const change of contentChanges) {
        // Each change is in the coordinates of the text after the one before it, as followRange takes them.
        if ('range' in change) good?.changes.push({ start: change.range.start, end: change.range.end, text: change.text });
        else this.lastGood.delete(document.uri); // the whole text replaced: nothing to follow
      }
      this.views.cancel();
      const updated = TextDocument.update(document, contentChanges, textDocument.version);
      this.documents.set(updated.uri, updated);
      this.scheduleAnalysis(updated.uri, CHANGE_DEBOUNCE_MS);
    });
    connection.onDidSaveTextDocument(({ textDocument }) => {
      const document = this.documents.get(textDocument.uri);
      if (document) void this.analyseNow(document);
    });
    connection.onDidCloseTextDocument(({ textDocument }) => {
      this.documents.delete(textDocument.uri);
      this.forget(textDocument.uri, { unlessOnDisk: true });
    });
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => void this.initialized());
    connection.onDidChangeConfiguration((change) => {
      this.pushedSettings = (change.settings as Record<string, unknown> | null)?.[SETTINGS_SECTION];
      this.settings.clear();
      for (const document of this.documents.values()) void this.analyseNow(document);
      // The catalog globs may have changed: which files on disk are catalogs is found again.
      if (this.workspaceCatalogs) void this.analyseWorkspace();
    });
    connection.onDidChangeWatchedFiles(({ changes }) => {
      for (const change of changes) this.linkedFileChanged(change.uri, change.type);
    });
    connection.onHover((params) => this.guard('hover', () => this.hover(params.textDocument.uri, params.position)));
    connection.onCompletion((params) => this.guard('completion', () => this.complete(params.textDocument.uri, params.position)));
    connection.onCodeAction((params) =>
      this.guard('codeAction', () => this.codeActions(params.textDocument.uri, params.context.diagnostics, params.context.only)),
    );
    connection.onCodeLens((params) => this.guard('codeLens', () => this.codeLenses(params.textDocument.uri)));
    connection.onDocumentSymbol((params) => this.guard('documentSymbol', () => this.symbols(params.textDocument.uri)));
    connection.onExecuteCommand((params) => this.guard('executeCommand', () => this.execute(params.command, params.arguments ?? [])));
    connection.onRequest(AnalyzeWorkspaceRequest, () => this.guard('analyzeWorkspace', async () => ({ catalogs: await this.analyseWorkspace() })));
    connection.onRequest(CatalogsRequest, () => ({ catalogs: [...this.analysed.values()].map(summaryOf) }));
    connection.onRequest(AnalysisRequest, ({ uri }) =>
      this.guard('analysis', async () => {
        const entry = await this.known(uri);
        return entry ? { text: entry.text, analysis: entry.analysis } : null;
      }),
    );
    connection.onRequest(ReportViewRequest, ({ uri, deliver, ...page }) =>
      this.guard('reportView', () => this.drawView(uri, deliver, { kind: 'report', ...page }) as Promise<DrawnView | null>),
    );
    connection.onRequest(ScenarioViewRequest, ({ uri, deliver, ...page }) =>
      this.guard('scenarioView', () => this.drawView(uri, deliver, { kind: 'scenarios', ...page }) as Promise<ScenarioView | null>),
    );
    connection.onRequest(ExportRequest, (params) => this.guard('export', () => this.export(params)));
    connection.onShutdown(() => {
      this.pending.forEach((timer) => clearTimeout(timer));
      this.views.dispose();
    });
  }

  listen(): void {
    this.connection.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    const { capabilities } = params;
    this.support = {
      configuration: capabilities.workspace?.configuration === true,
      watchedFiles: capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
      snippets: capabilities.textDocument?.completion?.completionItem?.snippetSupport === true,
      adjustsIndentation:
        capabilities.textDocument?.completion?.completionItem?.insertTextModeSupport?.valueSet.includes(InsertTextMode.adjustIndentation) === true,
      hierarchicalSymbols: capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    };
    this.pushedSettings = (params.initializationOptions as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
    const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.workspaceFolders = folders.filter((uri) => uri.startsWith('file:')).map((uri) => fileURLToPath(uri));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [':', ' ', '[', ',', '{'] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) },
      },
      serverInfo: { name: 'cap-advisor' },
    };
  }

  private async initialized(): Promise<void> {
    if (this.support.watchedFiles) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: INFRASTRUCTURE_GLOB }] });
    }
  }

  /**
   * Runs a request; a failure inside the engine becomes an error response the client shows, and
   * the server keeps serving.
   */
  private async guard<T>(request: string, answer: () => T | Promise<T>): Promise<T | ResponseError<void>> {
    try {
      return await answer();
    } catch (error) {
      if (error instanceof ResponseError) return error;
      if (error instanceof ViewCancelled) return new ResponseError(LSPErrorCodes.ContentModified, `CAP Advisor: ${error.message}.`);
      this.connection.console.error(`${request} failed: ${(error as Error).stack ?? String(error)}`);
      return new ResponseError(ErrorCodes.InternalError, `CAP Advisor: ${request} failed (${(error as Error).message}); please report it with the file.`);
    }
  }

  private documentOf(uri: string): TextDocument {
    const document = this.documents.get(uri);
    if (!document) throw new ResponseError(ErrorCodes.InvalidParams, `CAP Advisor: ${uri} is not open; open it (textDocument/didOpen) first.`);
    return document;
  }

  private settingsOf(uri: string): Promise<ServerSettings> {
    let settings = this.settings.get(uri);
    if (!settings) {
      settings = this.support.configuration
        ? this.connection.workspace
            .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
            .then(readServerSettings, () => readServerSettings(this.pushedSettings))
        : Promise.resolve(readServerSettings(this.pushedSettings));
      this.settings.set(uri, settings);
    }
    return settings;
  }

  private async isCatalog(document: TextDocument, settings: ServerSettings): Promise<boolean> {
    if (!EDITABLE_SCHEME.test(document.uri)) return false;
    return isCatalogPath(pathOf(document.uri), settings.catalogGlobs) || declaresCatalogApiVersion(document.getText());
  }

  /** Analyses a catalog once things settle: the open document as it is then, or the file as saved. */
  private scheduleAnalysis(uri: string, delay: number, trigger: 'typing' | 'request' = 'typing'): void {
    clearTimeout(this.pending.get(uri));
    this.pending.set(
      uri,
      setTimeout(() => {
        this.pending.delete(uri);
        const document = this.documents.get(uri);
        void (document ? this.analyseNow(document, trigger) : this.analyseFromDisk(uri));
      }, delay),
    );
  }

  /** Analyses the document as it is now and publishes its diagnostics; undefined when it is not a catalog. */
  private async analyseNow(document: TextDocument, trigger: 'typing' | 'request' = 'request'): Promise<AnalysedCatalog | undefined> {
    clearTimeout(this.pending.get(document.uri));
    this.pending.delete(document.uri);
    const settings = await this.settingsOf(document.uri);
    if (this.documents.get(document.uri) !== document) return undefined; // closed, or reopened, meanwhile
    // With `run: onSave`, an edit waits for the save (a hover or a lens still analyses what it shows).
    if (trigger === 'typing' && settings.run === 'onSave' && this.analysed.has(document.uri)) return this.analysed.get(document.uri);
    return this.analyseIfCatalog(document, settings, true);
  }

  /**
   * A catalog that is not open, analysed from the file as saved (Analyze Workspace, a closed
   * editor, a git checkout); forgotten when the file is gone or no longer a catalog.
   */
  private async analyseFromDisk(uri: string): Promise<AnalysedCatalog | undefined> {
    const open = this.documents.get(uri);
    if (open) return this.analyseNow(open);
    let text: string;
    try {
      text = await readFile(fileURLToPath(uri), 'utf8');
    } catch {
      this.forget(uri);
      return undefined;
    }
    const settings = await this.settingsOf(uri);
    if (this.documents.has(uri)) return undefined; // opened meanwhile: the editor's text wins
    return this.analyseIfCatalog(TextDocument.create(uri, 'yaml', 0, text), settings, false);
  }

  private async analyseIfCatalog(document: TextDocument, settings: ServerSettings, open: boolean): Promise<AnalysedCatalog | undefined> {
    // A catalog's configuration is found once per analysis: whether it ignores the file, then its rules.
    const isCatalog = await this.isCatalog(document, settings);
    const configured = isCatalog ? configuredFor(document.uri) : {};
    if (!isCatalog || isIgnoredBy(configured, document.uri)) {
      if (this.analysed.has(document.uri)) this.forget(document.uri); // it no longer declares the apiVersion
      return undefined;
    }
    return this.publish(document, settings, configured, open);
  }

  private publish(document: TextDocument, settings: ServerSettings, configured: Configured, open: boolean): AnalysedCatalog {
    const { uri } = document;
    const text = document.getText();
    const version = open ? document.version : null;
    const started = performance.now();
    const inputs = this.analysisInputs(uri, settings, configured);
    const analysis = this.analyse(uri, text, inputs, () => this.scheduleAnalysis(uri, 0, 'request'));
    const entry: AnalysedCatalog = { uri, version, text, analysis, settings, inputs };
    const good = this.lastGood.get(uri);
    let diagnostics: Diagnostic[] = analysis.findings.map((finding) => toDiagnostic(finding, uri));
    if (configured.problem) diagnostics = [configurationDiagnostic(configured.problem), ...diagnostics];
    if (parsesNot(analysis) && good) {
      // The syntax error where it is, and the rest of the last good analysis where its text now is.
      const kept = good.entry.analysis.findings.flatMap((finding) => {
        const range = followRange(toRange(finding.range), good.changes);
        return range ? [{ ...toDiagnostic(finding, uri), range }] : [];
      });
      diagnostics = [...diagnostics, ...kept];
    } else {
      this.lastGood.set(uri, { entry, changes: [] });
    }
    this.analysed.set(uri, entry);
    const analysedAt = performance.now();
    void this.connection.sendDiagnostics({ uri, ...(version === null ? {} : { version }), diagnostics });
    void this.connection.sendNotification(CatalogAnalysedNotification, summaryOf(entry));
    const published = performance.now();
    this.connection.console.log(
      `analysed ${uri} (${version === null ? 'from disk' : `version ${version}`}) in ${(analysedAt - started).toFixed(1)} ms, published in ${(published - analysedAt).toFixed(1)} ms: ${countsText(analysis.findings)}`,
    );
    return entry;
  }

  /** What an analysis of the catalog is given besides its text. */
  private analysisInputs(uri: string, settings: ServerSettings, config: Configured): AnalysisInputs {
    // A file, or an unsaved draft that already has its path (the editor's Draft Catalog from Infrastructure).
    const catalogPath = localPathOf(uri);
    const catalogDir = catalogPath && dirname(catalogPath);
    return {
      fileName: pathOf(uri),
      // `.cap-advisor.yaml`'s rules where there is one; the editor's setting only where there is none.
      severities: config.config ? config.config.rules : settings.rules,
      maxFileBytes: settings.maxFileSize,
      ...(catalogPath && catalogDir ? { infrastructureRoot: { catalogDir, workspaceRoot: config.config?.root ?? this.workspaceRootFor(catalogPath) } } : {}),
    };
  }

  /** One parse: the analysis finds the `infrastructure` entries in the text and asks for them here. */
  private analyse(uri: string, text: string, inputs: AnalysisInputs, parserLoaded: () => void): CatalogAnalysis {
    this.linkedPaths.delete(uri);
    return analyzeCatalog(text, {
      fileName: inputs.fileName,
      severities: inputs.severities,
      maxFileBytes: inputs.maxFileBytes,
      link: (entries) => this.readInfrastructure(uri, entries, inputs, parserLoaded),
    });
  }

  private readInfrastructure(uri: string, entries: InfrastructureEntry[], { infrastructureRoot, maxFileBytes }: AnalysisInputs, parserLoaded: () => void) {
    if (!infrastructureRoot) return undefined;
    const { catalogDir } = infrastructureRoot;
    const system = linkedInfrastructure(entries, { ...infrastructureRoot, maxFileBytes });
    // Terraform needs its parser, loaded once, only when a catalog links Terraform.
    if (system?.pendingParser) void loadTerraformParser().then(parserLoaded);
    this.linkedPaths.set(uri, [
      ...entries.filter((entry) => !isAbsolute(entry.path)).map((entry) => resolve(catalogDir, entry.path)),
      ...(system?.files ?? []).map((file) => join(catalogDir, file)),
    ]);
    return system;
  }

  private workspaceFolderOf(path: string): string | undefined {
    return this.workspaceFolders.find((folder) => isInsideFolder(path, folder));
  }

  /** Where a catalog's infrastructure may be read: its workspace folder, else its Git repository. */
  private workspaceRootFor(path: string): string {
    return this.workspaceFolderOf(path) ?? workspaceRootOf(path);
  }

  private linkedFileChanged(changedUri: string, type: FileChangeType): void {
    if (!changedUri.startsWith('file:')) return;
    const changed = fileURLToPath(changedUri);
    if (EXCLUDED_FOLDER.test(changed)) return;
    // A catalog open in the editor: its text there wins over the file.
    if (this.documents.get(changedUri) && type === FileChangeType.Changed) return;
    if (CONFIG_FILE_NAMES.includes(basename(changed))) {
      for (const uri of this.analysed.keys()) this.scheduleAnalysis(uri, LINKED_DEBOUNCE_MS, 'request');
      return;
    }
    const folder = this.workspaceFolderOf(changed);
    if (this.workspaceCatalogs && folder && !this.documents.has(changedUri) && /\.ya?ml$/.test(changed)) {
      // A catalog of the workspace created, changed (git checkout) or deleted outside the editor.
      if (type === FileChangeType.Deleted) this.forget(changedUri);
      else void this.diskFileChanged(changedUri, changed, folder);
    }
    for (const [uri, paths] of this.linkedPaths) {
      if (paths.some((path) => isInsideFolder(changed, path))) this.scheduleAnalysis(uri, LINKED_DEBOUNCE_MS, 'request');
    }
  }

  /**
   * Every catalog of the workspace folders (by the globs, or by the apiVersion in a YAML file's
   * head), analysed from disk unless open; from now on the closed ones are kept current.
   */
  private async analyseWorkspace(): Promise<CatalogSummary[]> {
    this.workspaceCatalogs = true;
    const found = new Set<string>();
    for (const folder of this.workspaceFolders) {
      for await (const path of yamlFilesUnder(folder)) {
        const uri = pathToFileURL(path).href;
        if (!this.documents.has(uri) && !(await this.mayBeCatalogOnDisk(path, folder))) continue;
        const entry = this.documents.has(uri) ? await this.current(uri) : await this.analyseFromDisk(uri);
        if (entry) found.add(uri);
      }
    }
    // A file that stopped being a catalog (the globs changed) is forgotten.
    for (const uri of [...this.analysed.keys()]) if (!found.has(uri) && !this.documents.has(uri)) this.forget(uri);
    return [...found].flatMap((uri) => {
      const entry = this.analysed.get(uri);
      return entry ? [summaryOf(entry)] : [];
    });
  }

  /** A YAML file of the workspace changed on disk: analysed again if it is (or was) a catalog; most YAML files are not read whole. */
  private async diskFileChanged(uri: string, path: string, folder: string): Promise<void> {
    if (this.analysed.has(uri) || (await this.mayBeCatalogOnDisk(path, folder))) this.scheduleAnalysis(uri, CHANGE_DEBOUNCE_MS, 'request');
  }

  /**
   * Whether a file on disk may be a catalog: its name matches the globs (the folder's settings, one
   * request per folder, not per file), or its head declares the apiVersion. Most YAML files are not
   * catalogs, and only their first bytes are read.
   */
  private async mayBeCatalogOnDisk(path: string, folder: string): Promise<boolean> {
    const { catalogGlobs } = await this.settingsOf(pathToFileURL(folder).href);
    return isCatalogPath(path, catalogGlobs) || declaresCatalogApiVersion(await readHead(path));
  }

  /** A closed catalog of the workspace keeps its diagnostics, from the file as saved (when the client asked for the workspace). */
  private forget(uri: string, { unlessOnDisk = false } = {}): void {
    if (unlessOnDisk && this.workspaceCatalogs && uri.startsWith('file:') && this.workspaceFolderOf(fileURLToPath(uri))) {
      void this.analyseFromDisk(uri);
      return;
    }
    clearTimeout(this.pending.get(uri));
    this.pending.delete(uri);
    this.settings.delete(uri);
    this.linkedPaths.delete(uri);
    this.lastGood.delete(uri);
    if (this.analysed.delete(uri)) {
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      void this.connection.sendNotification(CatalogForgottenNotification, { uri });
    }
  }

  /** The analysis of the document's current text: the last one when nothing changed since, else a new one now. */
  private async current(uri: string): Promise<AnalysedCatalog | undefined> {
    const document = this.documentOf(uri);
    const known = this.analysed.get(uri);
    if (known && known.version === document.version) return known;
    return this.analyseNow(document);
  }

  /** An open catalog's current analysis, or a closed one's from disk (read now when it was not yet). */
  private async known(uri: string): Promise<AnalysedCatalog | undefined> {
    if (this.documents.has(uri)) return this.current(uri);
    return this.analysed.get(uri) ?? (uri.startsWith('file:') ? this.analyseFromDisk(uri) : undefined);
  }

  /** A view of a catalog's current text, drawn by the view worker; null when the document is not a catalog. */
  private async drawView(uri: string, deliver: ViewDelivery | undefined, page: ViewPage): Promise<ViewAnswer> {
    const entry = await this.known(uri);
    if (!entry) return null;
    return this.views.draw({ ...page, text: entry.text, inputs: entry.inputs, htmlFile: this.views.fileFor(deliver) }, entry.analysis);
  }

  private async export({ catalogs, format, toolVersion }: ExportParams): Promise<{ content: string; catalogs: number }> {
    const named = catalogs.length > 0 ? catalogs : [...this.analysed.keys()].map((uri) => ({ uri, file: this.workspaceRelative(uri) }));
    const files: AnalysedFile[] = [];
    for (const { uri, file } of named) {
      const entry = await this.known(uri);
      if (entry) files.push({ file, analysis: entry.analysis });
    }
    const content =
      format === 'markdown'
        ? renderMarkdown(files)
        : format === 'html'
          ? renderHtml(files)
          : format === 'json'
            ? renderJson(files, { indent: true })
            : renderSarif(files, { toolVersion });
    return { content, catalogs: files.length };
  }

  /** A catalog's path relative to its workspace folder, as a report names it. */
  private workspaceRelative(uri: string): string {
    const path = pathOf(uri);
    const folder = this.workspaceFolderOf(path);
    return folder ? relative(folder, path).replace(/\\/g, '/') : basename(path);
  }

  private async hover(uri: string, position: { line: number; character: number }): Promise<Hover | null> {
    const entry = await this.current(uri);
    if (!entry) return null;
    const document = this.documentOf(uri);
    const hover = hoverAt(entry.text, document.offsetAt(position), entry.analysis);
    return hover ? { contents: { kind: 'markdown', value: hover.markdown }, range: toRange(hover.range) } : null;
  }

  private async complete(uri: string, position: { line: number; character: number }): Promise<CompletionItem[] | null> {
    const entry = await this.current(uri);
    const document = this.documentOf(uri);
    const offset = document.offsetAt(position);
    const line = document.getText({ start: { line: position.line, character: 0 }, end: position });
    const indentation = /^\s*/.exec(line)![0];
    let items: EngineCompletionItem[];
    if (entry) {
      const candidates = uri.startsWith('file:') && mayNameInfrastructure(entry.text, offset) ? this.infrastructureCandidates(fileURLToPath(uri)) : [];
      items = completionsAt(entry.text, offset, entry.analysis, candidates);
    } else {
      // An empty YAML file is not a catalog yet: it is offered the whole catalog, and only that.
      items = completionsInEmptyFile(document.getText(), offset);
      if (items.length === 0) return null;
    }
    return items.map((item) => {
      const snippet = item.snippet && this.support.snippets;
      const text = item.snippet && !snippet ? snippetAsPlainText(item.insertText) : item.insertText;
      // Indented here only for a client that would insert the later lines at column 0.
      const insert = this.support.adjustsIndentation ? text : indentLaterLines(text, indentation);
      return {
        label: item.label,
        ...(item.detail ? { labelDetails: { description: item.detail }, detail: item.detail } : {}),
        kind: COMPLETION_KINDS[item.kind],
        documentation: { kind: 'markdown', value: item.documentation },
        sortText: item.sortText,
        preselect: item.preselect,
        insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        insertTextMode: this.support.adjustsIndentation ? InsertTextMode.adjustIndentation : InsertTextMode.asIs,
        textEdit: { range: { start: document.positionAt(item.range[0]), end: document.positionAt(item.range[1]) }, newText: insert },
        ...(item.retrigger ? { command: { title: 'Suggest values', command: 'editor.action.triggerSuggest' } } : {}),
      };
    });
  }

  private infrastructureCandidates(catalogPath: string) {
    return infrastructureCandidates(this.workspaceRootFor(catalogPath), dirname(catalogPath));
  }

  private async codeActions(uri: string, diagnostics: Diagnostic[], only: string[] | undefined): Promise<CodeAction[]> {
    const wantsFixAll = only?.some((kind) => FIX_ALL_KIND.startsWith(kind) && kind.startsWith(CodeActionKind.SourceFixAll));
    const wantsQuickFixes = !only || only.some((kind) => CodeActionKind.QuickFix.startsWith(kind));
    const entry = await this.current(uri);
    if (!entry) return [];
    const document = this.documentOf(uri);
    const analyzeOptions = { severities: entry.settings.rules, maxFileBytes: entry.settings.maxFileSize };
    const actions: CodeAction[] = [];
    if (wantsQuickFixes) {
      // The fixes of every finding the client asks about, each title once.
      const found = diagnostics
        .filter((d) => d.source === SOURCE)
        .flatMap((diagnostic) => {
          const finding = findingOf(entry.analysis, diagnostic);
          return finding ? [{ finding, diagnostic }] : [];
        });
      const fixes = quickFixesFor(
        entry.text,
        entry.analysis,
        found.map(({ finding }) => finding),
        { analyzeOptions },
      );
      for (const fix of fixes) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          isPreferred: fix.isPreferred,
          diagnostics: found.filter(({ finding }) => finding.ruleId === fix.ruleId).map(({ diagnostic }) => diagnostic),
          edit: { changes: { [uri]: fix.edits.map((edit) => toTextEdit(document, edit, fix.snippet ? snippetAsPlainText(edit.newText) : edit.newText)) } },
          // The snippet form, for a client that places the cursor in it (the VS Code extension).
          ...(fix.snippet ? { data: { snippets: fix.edits.map((edit) => ({ offset: edit.offset, newText: edit.newText })) } } : {}),
        });
      }
    }
    if (wantsFixAll) {
      const all = fixAllEdit(entry.text, analyzeOptions);
      if (all) {
        actions.push({
          title: `Fix all auto-fixable CAP Advisor problems (${all.fixed})`,
          kind: FIX_ALL_KIND,
          edit: { changes: { [uri]: [toTextEdit(document, all.edit)] } },
        });
      }
    }
    return actions;
  }

  /** While a key is half typed, the lenses of the last good analysis stay, moved with the edits typed since. */
  private async codeLenses(uri: string): Promise<CodeLens[] | null> {
    const document = this.documentOf(uri);
    const last = this.analysed.get(uri) ?? (await this.current(uri));
    if (!last) return null;
    const good = this.lastGood.get(uri);
    const shown = parsesNot(last.analysis) && good ? { entry: good.entry, changes: good.changes } : { entry: last, changes: [] };
    return dataTypeLenses(shown.entry.analysis).flatMap((lens) => {
      const range = followRange(toRange(lens.range), shown.changes);
      const command = { title: lens.title, command: SERVER_COMMANDS.report, arguments: [document.uri, lens.dataType] };
      // The data type and the tooltip, for a client that opens its own report view (the VS Code extension).
      return range ? [{ range, command, data: { dataType: lens.dataType, tooltip: lens.tooltip } }] : [];
    });
  }

  private async symbols(uri: string): Promise<DocumentSymbol[] | null> {
    const entry = await this.current(uri);
    if (!entry) return null;
    const lenses = new Map(dataTypeLenses(entry.analysis).map((lens) => [lens.dataType, lens.title]));
    return entry.analysis.report.dataTypes.map((dataType) => {
      const range = toRange(dataType.nameRange);
      return { name: dataType.name, detail: lenses.get(dataType.name), kind: SymbolKind.Struct, range, selectionRange: range };
    });
  }

  private async execute(command: string, args: unknown[]): Promise<{ markdown: string }> {
    const [uri, chosen] = args;
    if (command !== SERVER_COMMANDS.report && command !== SERVER_COMMANDS.simulate) {
      throw new ResponseError(ErrorCodes.InvalidParams, `CAP Advisor has no command ${command}; its commands: ${Object.values(SERVER_COMMANDS).join(', ')}.`);
    }
    const uris = typeof uri === 'string' ? [uri] : [...this.analysed.keys()];
    const entries: AnalysedCatalog[] = [];
    for (const one of uris) {
      const entry = await this.current(one);
      if (!entry) throw new ResponseError(ErrorCodes.InvalidParams, `CAP Advisor: ${one} is not a catalog.`);
      entries.push(entry);
    }
    const file = (entry: AnalysedCatalog) => (entry.uri.startsWith('file:') ? fileURLToPath(entry.uri) : entry.uri);
    if (command === SERVER_COMMANDS.report) return { markdown: renderMarkdown(entries.map((entry) => ({ file: file(entry), analysis: entry.analysis }))) };
    const disruptions = disruptionsOf(chosen);
    return {
      markdown: renderScenariosMarkdown(
        entries.map((entry) => ({ file: file(entry), scenarios: simulate(entry.analysis, disruptions ?? allDisruptions(entry.analysis)) })),
      ),
    };
  }
}

/** What a status bar or a picker shows of a catalog. */
function summaryOf({ uri, version, analysis }: AnalysedCatalog): CatalogSummary {
  return {
    uri,
    version,
    counts: countBySeverity(analysis.findings),
    dataTypes: analysis.report.dataTypes.length,
    regions: analysis.report.regions.map(({ name, role }) => ({ name, role })),
  };
}

/** A document's path: the file's, an unsaved draft's that has one, else the URI itself (messages name it). */
function pathOf(uri: string): string {
  return localPathOf(uri) ?? uri;
}

/** The local path of a file, or of an unsaved document that has one (`untitled:/work/drafted.catalog.yaml`). */
function localPathOf(uri: string): string | undefined {
  if (uri.startsWith('file:')) return fileURLToPath(uri);
  if (uri.startsWith('untitled:/')) return decodeURIComponent(new URL(uri).pathname);
  return undefined;
}

/** Enough of a file to tell whether it declares the apiVersion: a workspace of large YAML files is not read whole. */
async function readHead(path: string): Promise<string> {
  try {
    const file = await open(path, 'r');
    try {
      // Four UTF-8 bytes at most per character; a character cut at the end does not matter here.
      const { buffer, bytesRead } = await file.read(Buffer.alloc(API_VERSION_HEAD_CHARS * 4), 0, API_VERSION_HEAD_CHARS * 4, 0);
      return new TextDecoder().decode(buffer.subarray(0, bytesRead));
    } finally {
      await file.close();
    }
  } catch {
    return '';
  }
}

/** The YAML files under a folder, skipping dependencies and VCS data; a folder that cannot be read is skipped. */
async function* yamlFilesUnder(folder: string): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory() && !EXCLUDED_FOLDER.test(`${path}/`)) yield* yamlFilesUnder(path);
    else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) yield path;
  }
}

/** The configuration that applies to a catalog, or why it cannot be read. */
interface Configured {
  config?: CapAdvisorConfig;
  problem?: ConfigError;
}

function configuredFor(uri: string): Configured {
  if (!uri.startsWith('file:')) return {};
  try {
    return { config: configFor(fileURLToPath(uri)) };
  } catch (error) {
    if (error instanceof ConfigError) return { problem: error };
    throw error;
  }
}

function isIgnoredBy({ config }: Configured, uri: string): boolean {
  return config !== undefined && isIgnored(fileURLToPath(uri), config);
}

/** A configuration that cannot be read is said on every catalog it would apply to, at its first line. */
function configurationDiagnostic(problem: ConfigError): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    code: 'configuration',
    message: `CAP Advisor's configuration is not valid, so the editor's rule settings apply: ${problem.message}`,
    relatedInformation: [
      {
        location: {
          uri: pathToFileURL(problem.file).href,
          range: { start: { line: problem.line - 1, character: problem.column - 1 }, end: { line: problem.line - 1, character: problem.column - 1 } },
        },
        message: 'here',
      },
    ],
  };
}

/** `{ isolate: "us-east-1" }`, `{ lose: "eu-west-1" }` or a list of them; anything else means every Region. */
function disruptionsOf(chosen: unknown): Disruption[] | undefined {
  const list = Array.isArray(chosen) ? chosen : chosen ? [chosen] : [];
  const disruptions = list.flatMap((one): Disruption[] => {
    const { isolate, lose } = (one ?? {}) as { isolate?: unknown; lose?: unknown };
    if (typeof isolate === 'string') return [{ kind: 'isolate', region: isolate }];
    if (typeof lose === 'string') return [{ kind: 'lose', region: lose }];
    return [];
  });
  return disruptions.length > 0 ? disruptions : undefined;
}

/** The finding a diagnostic was made from: same rule, same range, same message. */
function findingOf(analysis: CatalogAnalysis, diagnostic: Diagnostic): Finding | undefined {
  return analysis.findings.find((f) => f.ruleId === diagnostic.code && f.message === diagnostic.message && sameRange(toRange(f.range), diagnostic.range));
}
