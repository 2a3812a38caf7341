// Which documents are catalogs, their latest analysis, and the diagnostics published for them:
// every catalog in the workspace (open or not), kept current on open, edit, save, file
// creation, deletion and rename, and settings changes.
import { open } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import * as vscode from 'vscode';
import {
  analyzeCatalog,
  API_VERSION_HEAD_CHARS,
  parsesNot,
  declaresCatalogApiVersion,
  followRange,
  type CatalogAnalysis,
  type Finding,
  type Severity,
  type TextChange,
} from '../engine';
import type { InfrastructureEntry } from '../engine/infrastructure';
import { isInsideFolder, linkedInfrastructure } from '../workspace/files';
import { loadTerraformParser } from '../workspace/terraform';
import { readSettings, SECTION, type Settings } from './settings';
import { CONFIG_FILE_NAMES } from '../workspace/config';
import { countsText } from '../report/model';

const SOURCE = 'cap-advisor';
const WORKSPACE_EXCLUDE = '{**/node_modules/**,**/.git/**,**/.vscode-host/**}';
/** Edits are analysed once typing pauses for this long. */
const CHANGE_DEBOUNCE_MS = 300;

const severities: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export interface AnalysedCatalog {
  uri: vscode.Uri;
  /** The text the analysis ran on: fixes' offsets refer to it. */
  text: string;
  analysis: CatalogAnalysis;
}

/**
 * The last analysis of a text that parsed, and the edits typed since: while the text does not
 * parse (a key half typed), its findings and lenses stay, moved with the edits.
 */
interface LastGoodAnalysis {
  entry: AnalysedCatalog;
  changes: TextChange[];
}

/** Where the last good analysis's things are now, while the text does not parse. */
export interface FollowedAnalysis {
  entry: AnalysedCatalog;
  /** A range of the analysed text where it is now; undefined when an edit touched it. */
  follow(range: vscode.Range): vscode.Range | undefined;
}

export class CatalogDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(SOURCE);
  private readonly analysed = new Map<string, AnalysedCatalog>();
  private readonly lastGood = new Map<string, LastGoodAnalysis>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly changed = new vscode.EventEmitter<AnalysedCatalog | vscode.Uri>();
  private watcher: vscode.FileSystemWatcher | undefined;
  /** Templates and assembly files change outside the editor (cdk synth, git checkout). */
  private readonly infrastructureWatcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,json,template,toml,tf,tfvars,tfstate}');
  /** Per catalog, the files and folders its `infrastructure` links: a change under one re-analyses it. */
  private readonly linkedPaths = new Map<string, string[]>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Fires after a catalog is analysed (an AnalysedCatalog) or forgotten (its Uri). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      this.collection,
      this.changed,
      vscode.workspace.onDidOpenTextDocument((document) => this.didOpenTextDocument(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.didChangeTextDocument(event)),
      vscode.workspace.onDidSaveTextDocument((document) => this.didSaveTextDocument(document)),
      vscode.workspace.onDidCloseTextDocument((document) => void this.didCloseTextDocument(document)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(SECTION)) void this.didChangeConfiguration(event);
      }),
    );
    this.watchFiles();
    const linkedFileChanged = (uri: vscode.Uri) => this.linkedFileChanged(uri);
    this.disposables.push(
      this.infrastructureWatcher,
      this.infrastructureWatcher.onDidCreate(linkedFileChanged),
      this.infrastructureWatcher.onDidChange(linkedFileChanged),
      this.infrastructureWatcher.onDidDelete(linkedFileChanged),
    );
    vscode.workspace.textDocuments.forEach((document) => this.didOpenTextDocument(document));
  }

  dispose(): void {
    this.pending.forEach((timer) => clearTimeout(timer));
    this.watcher?.dispose();
    this.disposables.forEach((d) => d.dispose());
  }

  /** The latest analysis of a catalog, re-run when the open document has changed since. */
  current(uri: vscode.Uri): AnalysedCatalog | undefined {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const known = this.analysed.get(uri.toString());
    if (open && this.isCatalog(open) && known?.text !== open.getText()) return this.lint(open);
    return known;
  }

  /**
   * The last analysis, even if the text has changed since: completion and code lenses must not
   * wait for a new analysis on every keystroke (diagnostics bring a fresh one after the debounce).
   */
  last(uri: vscode.Uri): AnalysedCatalog | undefined {
    return this.analysed.get(uri.toString()) ?? this.current(uri);
  }

  /**
   * What code lenses show: the last analysis, or, while the text does not parse, the last good
   * one with its ranges moved by the edits typed since.
   */
  lenses(uri: vscode.Uri): FollowedAnalysis | undefined {
    const last = this.last(uri);
    const good = this.lastGood.get(uri.toString());
    if (last && good && parsesNot(last.analysis) && good.entry !== last) return { entry: good.entry, follow: (range) => follow(range, good.changes) };
    return last && { entry: last, follow: (range) => range };
  }

  all(): AnalysedCatalog[] {
    return [...this.analysed.values()];
  }

  isCatalog(document: vscode.TextDocument): boolean {
    // Not the read-only copies that git diffs and output panes open.
    if (!['file', 'untitled', 'vscode-vfs', 'vscode-remote', 'vscode-test-web'].includes(document.uri.scheme)) return false;
    const { catalogGlobs } = readSettings(document.uri);
    if (catalogGlobs.some((pattern) => vscode.languages.match({ pattern }, document) > 0)) return true;
    return document.languageId === 'yaml' && declaresCatalogApiVersion(document.getText());
  }

  lint(document: vscode.TextDocument): AnalysedCatalog {
    return this.publish(document.uri, document.getText());
  }

  /** Analyses every catalog in the workspace, open or not; returns how many. `progress` hears of each one. */
  async analyzeWorkspace(progress?: (done: number, total: number) => void): Promise<number> {
    const { catalogGlobs } = readSettings();
    const byName = await vscode.workspace.findFiles(`{${catalogGlobs.join(',')}}`, WORKSPACE_EXCLUDE);
    const catalogs = new Map(byName.map((uri) => [uri.toString(), uri]));
    for (const uri of await vscode.workspace.findFiles('**/*.{yaml,yml}', WORKSPACE_EXCLUDE)) {
      if (catalogs.has(uri.toString())) continue;
      try {
        if (declaresCatalogApiVersion(await this.readHead(uri))) catalogs.set(uri.toString(), uri);
      } catch {
        // Deleted since the search, or unreadable: not a catalog we can show.
      }
    }
    let done = 0;
    for (const uri of catalogs.values()) {
      progress?.(done++, catalogs.size);
      let text: string;
      try {
        text = await this.readText(uri);
      } catch {
        continue;
      }
      this.publish(uri, text);
      // Yield between files so a large workspace does not hold up the extension host.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return catalogs.size;
  }

  private publish(uri: vscode.Uri, text: string): AnalysedCatalog {
    const settings = readSettings(uri);
    const started = performance.now();
    // The analysis finds the `infrastructure` entries in the text it parses and asks for them here:
    // one parse per edit. A catalog that links nothing any more watches no file.
    this.linkedPaths.delete(uri.toString());
    const analysis = analyzeCatalog(text, {
      fileName: uri.fsPath,
      severities: settings.rules,
      maxFileBytes: settings.maxFileSize,
      link: (entries) => this.readInfrastructure(uri, text, entries, settings.maxFileSize),
    });
    const elapsed = performance.now() - started;
    const key = uri.toString();
    const good = this.lastGood.get(key);
    if (parsesNot(analysis) && good && good.entry.uri.toString() === key) {
      // The syntax error where it is, and the rest of the last good analysis where its text now is.
      const kept = good.entry.analysis.findings.flatMap((finding) => {
        const range = follow(toRange(finding.range), good.changes);
        if (!range) return [];
        const diagnostic = toDiagnostic(uri, finding);
        diagnostic.range = range;
        return [diagnostic];
      });
      this.collection.set(uri, [...analysis.findings.map((finding) => toDiagnostic(uri, finding)), ...kept]);
    } else {
      this.collection.set(uri, [...configurationDiagnostics(settings), ...analysis.findings.map((finding) => toDiagnostic(uri, finding))]);
    }
    this.log.info(`analysed ${vscode.workspace.asRelativePath(uri)} in ${elapsed.toFixed(1)} ms: ${countsText(analysis.findings)}`);
    const entry = { uri, text, analysis };
    this.analysed.set(uri.toString(), entry);
    if (!parsesNot(analysis)) this.lastGood.set(key, { entry, changes: [] });
    this.changed.fire(entry);
    return entry;
  }

  /**
   * The infrastructure a catalog on disk links, read inside its workspace folder. Reading is
   * cached by file time and size, so an edit to the catalog alone parses no template again.
   */
  private readInfrastructure(uri: vscode.Uri, text: string, entries: InfrastructureEntry[], maxFileBytes: number | undefined) {
    // A file, or an unsaved draft that already has its path (Draft Catalog from Infrastructure).
    if (uri.scheme !== 'file' && !(uri.scheme === 'untitled' && isAbsolute(uri.fsPath))) return undefined;
    const catalogDir = dirname(uri.fsPath);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const system = linkedInfrastructure(entries, { catalogDir, workspaceRoot: folder?.uri.fsPath ?? catalogDir, ...(maxFileBytes ? { maxFileBytes } : {}) });
    if (system?.pendingParser) {
      // Terraform needs its parser, loaded once, only now that a catalog links Terraform.
      void loadTerraformParser().then(() => {
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        this.publish(uri, open ? open.getText() : text);
      });
    }
    // The entries (a missing cdk.out may appear) and every file read.
    this.linkedPaths.set(uri.toString(), [
      ...entries.filter((entry) => !isAbsolute(entry.path)).map((entry) => resolve(catalogDir, entry.path)),
      ...(system?.files ?? []).map((file) => join(catalogDir, file)),
    ]);
    return system;
  }

  /** A file under a linked path changed on disk: the catalogs that link it are analysed again, once typing and writing settle. */
  private linkedFileChanged(changed: vscode.Uri): void {
    if (changed.scheme !== 'file' || isExcluded(changed)) return;
    if (CONFIG_FILE_NAMES.includes(basename(changed.fsPath))) {
      // `.cap-advisor.yaml` may set the rules of any catalog.
      for (const entry of this.all()) {
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === entry.uri.toString());
        this.publish(entry.uri, open ? open.getText() : entry.text);
      }
      return;
    }
    for (const [key, paths] of this.linkedPaths) {
      if (!paths.some((path) => isInsideFolder(changed.fsPath, path))) continue;
      const entry = this.analysed.get(key);
      if (!entry) continue;
      clearTimeout(this.pending.get(key));
      this.pending.set(
        key,
        setTimeout(() => {
          this.pending.delete(key);
          const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
          this.publish(entry.uri, open ? open.getText() : entry.text);
        }, CHANGE_DEBOUNCE_MS),
      );
    }
  }

  private forget(uri: vscode.Uri): void {
    this.linkedPaths.delete(uri.toString());
    this.lastGood.delete(uri.toString());
    this.collection.delete(uri);
    this.analysed.delete(uri.toString());
    this.changed.fire(uri);
  }

  private didOpenTextDocument(document: vscode.TextDocument): void {
    if (this.isCatalog(document)) this.lint(document);
  }

  private didChangeTextDocument(event: vscode.TextDocumentChangeEvent): void {
    const { document } = event;
    if (event.contentChanges.length === 0 || readSettings(document.uri).run === 'onSave' || !this.isCatalog(document)) return;
    const key = document.uri.toString();
    // The edits since the last good analysis, each in the coordinates of the text before it: an
    // event's changes refer to the text before the event, so the later ones go first.
    const good = this.lastGood.get(key);
    if (good) {
      const changes = [...event.contentChanges].sort((a, b) => b.range.start.compareTo(a.range.start));
      good.changes.push(...changes.map((change) => ({ start: change.range.start, end: change.range.end, text: change.text })));
    }
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        // A completion or hover may have analysed this very text already.
        if (!document.isClosed && this.analysed.get(key)?.text !== document.getText()) this.lint(document);
      }, CHANGE_DEBOUNCE_MS),
    );
  }

  private didSaveTextDocument(document: vscode.TextDocument): void {
    if (this.isCatalog(document)) this.lint(document);
  }

  /** A closed catalog that lives in the workspace keeps its diagnostics, from the file as saved. */
  private async didCloseTextDocument(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    if (!this.analysed.has(key)) return;
    if (document.uri.scheme !== 'untitled' && vscode.workspace.getWorkspaceFolder(document.uri)) {
      try {
        const saved = await this.readText(document.uri);
        if (this.isWorkspaceCatalog(document.uri, saved)) {
          this.publish(document.uri, saved);
          return;
        }
      } catch {
        // Gone from disk: forget it below.
      }
    }
    this.forget(document.uri);
  }

  private async didChangeConfiguration(event: vscode.ConfigurationChangeEvent): Promise<void> {
    if (event.affectsConfiguration(`${SECTION}.catalogGlobs`)) {
      this.watchFiles();
      for (const entry of this.all()) this.forget(entry.uri);
      vscode.workspace.textDocuments.forEach((document) => this.didOpenTextDocument(document));
      await this.analyzeWorkspace();
      return;
    }
    for (const entry of this.all()) {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === entry.uri.toString());
      this.publish(entry.uri, open ? open.getText() : entry.text);
    }
  }

  /**
   * Files created, changed on disk (git checkout), deleted or renamed outside the editor: those
   * the globs name, and any YAML file, which is a catalog when it declares the apiVersion.
   */
  private watchFiles(): void {
    this.watcher?.dispose();
    const { catalogGlobs } = readSettings();
    this.watcher = vscode.workspace.createFileSystemWatcher(`{${[...catalogGlobs, '**/*.yaml', '**/*.yml'].join(',')}}`);
    const fromDisk = async (uri: vscode.Uri) => {
      if (isExcluded(uri)) return;
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return; // the editor's text wins
      try {
        // Most YAML files are not catalogs: look at the head of those the globs do not name first.
        if (!this.matchesGlobs(uri) && !declaresCatalogApiVersion(await this.readHead(uri))) {
          if (this.analysed.has(uri.toString())) this.forget(uri); // it no longer declares the apiVersion
          return;
        }
        this.publish(uri, await this.readText(uri));
      } catch {
        this.forget(uri);
      }
    };
    this.watcher.onDidCreate(fromDisk);
    this.watcher.onDidChange(fromDisk);
    this.watcher.onDidDelete((uri) => this.forget(uri));
  }

  /** A file of the workspace is a catalog by its name (the globs) or by its declared apiVersion. */
  private isWorkspaceCatalog(uri: vscode.Uri, text: string): boolean {
    return this.matchesGlobs(uri) || declaresCatalogApiVersion(text);
  }

  private matchesGlobs(uri: vscode.Uri): boolean {
    const { catalogGlobs } = readSettings(uri);
    return catalogGlobs.some((pattern) => vscode.languages.match({ pattern }, { uri, languageId: 'yaml' } as vscode.TextDocument) > 0);
  }

  /**
   * Enough of a file to tell whether it declares the apiVersion. On disk only its first bytes are
   * read, so a workspace of large YAML files (Kubernetes CRDs, say) is not read whole at start-up.
   */
  private async readHead(uri: vscode.Uri): Promise<string> {
    if (uri.scheme !== 'file' || vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return this.readText(uri);
    const file = await open(uri.fsPath, 'r');
    try {
      // Four UTF-8 bytes at most per character; a character cut at the end does not matter here.
      const { buffer, bytesRead } = await file.read(Buffer.alloc(API_VERSION_HEAD_CHARS * 4), 0, API_VERSION_HEAD_CHARS * 4, 0);
      return new TextDecoder().decode(buffer.subarray(0, bytesRead));
    } finally {
      await file.close();
    }
  }

  /** The text as the user sees it: the open editor's buffer when there is one, else the file. */
  private async readText(uri: vscode.Uri): Promise<string> {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    return open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  }
}

function follow(range: vscode.Range, changes: readonly TextChange[]): vscode.Range | undefined {
  const moved = followRange(range, changes);
  return moved && new vscode.Range(moved.start.line, moved.start.character, moved.end.line, moved.end.character);
}

/** Dependencies and VCS data hold no catalogs of the project (the workspace search skips them too). */
function isExcluded(uri: vscode.Uri): boolean {
  return /\/(node_modules|\.git|\.vscode-host)\//.test(uri.path);
}

/** The engine's 1-based positions become VS Code's 0-based ones. */
export function toRange(range: Finding['range']): vscode.Range {
  return new vscode.Range(range.start.line - 1, range.start.column - 1, range.end.line - 1, range.end.column - 1);
}

function toDiagnostic(uri: vscode.Uri, finding: Finding): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, severities[finding.severity]);
  diagnostic.source = SOURCE;
  diagnostic.code = { value: finding.ruleId, target: vscode.Uri.parse(finding.docsUrl) };
  if (finding.related?.length) {
    // A template's line is in its own file, named relative to the catalog.
    diagnostic.relatedInformation = finding.related.map(
      (related) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(related.file === undefined ? uri : vscode.Uri.joinPath(uri, '..', related.file), toRange(related.range)),
          related.message,
        ),
    );
  }
  return diagnostic;
}

/** A `.cap-advisor.yaml` that cannot be read, said at the catalog's first line with a link to the place. */
function configurationDiagnostics(settings: Settings): vscode.Diagnostic[] {
  const problem = settings.configProblem;
  if (!problem) return [];
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(0, 0, 0, 0),
    `CAP Advisor's configuration is not valid, so the editor's rule settings apply: ${problem.message}`,
    vscode.DiagnosticSeverity.Error,
  );
  diagnostic.source = SOURCE;
  diagnostic.code = 'configuration';
  const at = new vscode.Position(problem.line - 1, problem.column - 1);
  diagnostic.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(problem.file), at), 'here')];
  return [diagnostic];
}

export function isCapDiagnostic(diagnostic: vscode.Diagnostic): boolean {
  return diagnostic.source === SOURCE;
}

/** The finding a diagnostic was made from: same rule and same range. */
export function findingOf(analysis: CatalogAnalysis, diagnostic: vscode.Diagnostic): Finding | undefined {
  const rule = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return analysis.findings.find((f) => f.ruleId === rule && toRange(f.range).isEqual(diagnostic.range) && f.message === diagnostic.message);
}
