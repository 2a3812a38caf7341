// The VS Code shell over src/engine: publishes the engine's findings for catalogs as
// diagnostics and offers "CAP Advisor: Analyze Workspace". Kept small on purpose; quick fixes,
// hovers, the report and settings come later.
import * as vscode from 'vscode';
import { analyzeCatalog, declaresCatalogApiVersion, DEFAULT_CATALOG_GLOBS, Finding, Severity } from './engine';

const SOURCE = 'cap-advisor';
const WORKSPACE_EXCLUDE = '{**/node_modules/**,**/.vscode-host/**}';
/** Edits are analysed once the typing pauses for this long. */
const CHANGE_DEBOUNCE_MS = 300;

const severities: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

let diagnostics: vscode.DiagnosticCollection;
const pendingChanges = new Map<string, NodeJS.Timeout>();

export function activate(context: vscode.ExtensionContext): void {
  diagnostics = vscode.languages.createDiagnosticCollection(SOURCE);
  context.subscriptions.push(
    diagnostics,
    vscode.workspace.onDidOpenTextDocument(didOpenTextDocument),
    vscode.workspace.onDidChangeTextDocument(didChangeTextDocument),
    vscode.workspace.onDidSaveTextDocument(didSaveTextDocument),
    vscode.workspace.onDidCloseTextDocument(didCloseTextDocument),
    vscode.commands.registerCommand('capAdvisor.analyzeWorkspace', analyzeWorkspace),
    { dispose: () => pendingChanges.forEach((timer) => clearTimeout(timer)) },
  );
  vscode.workspace.textDocuments.forEach(didOpenTextDocument);
}

export function deactivate(): void {}

function didOpenTextDocument(document: vscode.TextDocument): void {
  if (isCatalog(document)) lint(document);
}

function didChangeTextDocument(event: vscode.TextDocumentChangeEvent): void {
  const { document } = event;
  if (!isCatalog(document)) return;
  const key = document.uri.toString();
  clearTimeout(pendingChanges.get(key));
  pendingChanges.set(key, setTimeout(() => {
    pendingChanges.delete(key);
    if (!document.isClosed) lint(document);
  }, CHANGE_DEBOUNCE_MS));
}

function didSaveTextDocument(document: vscode.TextDocument): void {
  if (isCatalog(document)) lint(document);
}

function didCloseTextDocument(document: vscode.TextDocument): void {
  const key = document.uri.toString();
  clearTimeout(pendingChanges.get(key));
  pendingChanges.delete(key);
  diagnostics.delete(document.uri);
}

/** A catalog by its name (the default globs) or by declaring `apiVersion: cap-advisor/v1`. */
function isCatalog(document: vscode.TextDocument): boolean {
  // Not the read-only copies that git diffs and output panes open.
  if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled') return false;
  if (DEFAULT_CATALOG_GLOBS.some((pattern) => vscode.languages.match({ pattern }, document) > 0)) return true;
  return document.languageId === 'yaml' && declaresCatalogApiVersion(document.getText());
}

function lint(document: vscode.TextDocument): void {
  publish(document.uri, document.getText());
}

function publish(uri: vscode.Uri, text: string): void {
  const { findings } = analyzeCatalog(text, { fileName: uri.fsPath });
  diagnostics.set(uri, findings.map(toDiagnostic));
}

function toDiagnostic(finding: Finding): vscode.Diagnostic {
  // The engine's positions are 1-based (as the CLI prints them); VS Code's are 0-based.
  const { start, end } = finding.range;
  const range = new vscode.Range(start.line - 1, start.column - 1, end.line - 1, end.column - 1);
  const diagnostic = new vscode.Diagnostic(range, finding.message, severities[finding.severity]);
  diagnostic.source = SOURCE;
  diagnostic.code = { value: finding.ruleId, target: vscode.Uri.parse(finding.docsUrl) };
  return diagnostic;
}

/** Analyses every catalog in the workspace, open or not; returns how many files it analysed. */
async function analyzeWorkspace(): Promise<number> {
  const byName = await vscode.workspace.findFiles(`{${DEFAULT_CATALOG_GLOBS.join(',')}}`, WORKSPACE_EXCLUDE);
  const catalogs = new Map(byName.map((uri) => [uri.toString(), uri]));
  for (const uri of await vscode.workspace.findFiles('**/*.{yaml,yml}', WORKSPACE_EXCLUDE)) {
    if (!catalogs.has(uri.toString()) && declaresCatalogApiVersion(await readText(uri))) catalogs.set(uri.toString(), uri);
  }
  for (const uri of catalogs.values()) publish(uri, await readText(uri));
  return catalogs.size;
}

/** The text as the user sees it: the open editor's buffer when there is one, else the file. */
async function readText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  return open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}
