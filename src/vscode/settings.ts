// The extension's settings, read in one place (manifest: contributes.configuration). The language
// server reads the same section (workspace/configuration) for the analysis; the extension itself
// needs only the catalog globs, to tell which editor shows a catalog.
import * as vscode from 'vscode';
import { readServerSettings, SETTINGS_SECTION, type ServerSettings } from '../lsp/settings';

export const SECTION = SETTINGS_SECTION;

export function readSettings(scope?: vscode.Uri): ServerSettings {
  // Every setting is resource-scoped: without a catalog to ask for, `null` says "any resource"
  // (undefined makes VS Code log a warning for each setting read).
  const config = vscode.workspace.getConfiguration(SECTION, scope ?? null);
  return readServerSettings({
    catalogGlobs: config.get('catalogGlobs'),
    rules: config.get('rules'),
    run: config.get('run'),
    maxFileSize: config.get('maxFileSize'),
  });
}
