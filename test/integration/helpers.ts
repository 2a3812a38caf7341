// Small helpers shared by the integration suites. They use only the `vscode` API.
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'cap-advisor.cap-advisor';

/** The compiled suites live in out/test/integration; the repo root is three levels up. */
export const repoRoot = path.resolve(__dirname, '../../..');

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need the test/integration/workspace folder open');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** CAP Advisor's diagnostics for a file, as `severity ruleId@line:col-line:col` (0-based, VS Code's positions). */
export function capDiagnostics(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((diagnostic) => diagnostic.source === 'cap-advisor')
    .map(describe)
    .sort(byPosition);
}

export function describe(diagnostic: vscode.Diagnostic): string {
  const { start, end } = diagnostic.range;
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  const severity = ['error', 'warning', 'information', 'hint'][diagnostic.severity];
  return `${severity} ${code}@${start.line}:${start.character}-${end.line}:${end.character}`;
}

/** Orders `severity rule@l:c-l:c` strings by position, then by text, so that lists compare stably. */
export function byPosition(a: string, b: string): number {
  const position = (entry: string) => entry.split('@')[1].split(/[:-]/).map(Number);
  const [pa, pb] = [position(a), position(b)];
  for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Polls until `check` returns a value other than undefined/false, or fails with the last value seen. */
export async function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function closeAllEditors(): Promise<void> {
  // A test's unsaved edit must not reach the disk (closing a dirty editor here saves it).
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file')) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
