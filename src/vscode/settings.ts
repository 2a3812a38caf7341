// The extension's settings, read in one place (manifest: contributes.configuration).
import * as vscode from 'vscode';
import { configFor, ConfigError } from '../workspace/config';
import { readServerSettings, SETTINGS_SECTION, type ServerSettings } from '../lsp/settings';

export const SECTION = SETTINGS_SECTION;

/** The language server's settings, and why `.cap-advisor.yaml` could not be read, when it could not (its rules then come from the settings). */
export type Settings = ServerSettings & { configProblem?: ConfigError };

export function readSettings(scope?: vscode.Uri): Settings {
  // Every setting is resource-scoped: without a catalog to ask for, `null` says "any resource"
  // (undefined makes VS Code log a warning for each setting read). Read as the language server
  // reads the same section from any editor.
  const config = vscode.workspace.getConfiguration(SECTION, scope ?? null);
  const fromSettings = readServerSettings({
    catalogGlobs: config.get('catalogGlobs'),
    rules: config.get('rules'),
    run: config.get('run'),
    maxFileSize: config.get('maxFileSize'),
  });
  // `.cap-advisor.yaml`, where there is one, says the rules: the CLI and the language server read it too.
  if (scope?.scheme === 'file') {
    try {
      const file = configFor(scope.fsPath);
      if (file) return { ...fromSettings, rules: file.rules };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return { ...fromSettings, configProblem: error };
    }
  }
  return fromSettings;
}
