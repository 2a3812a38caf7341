// The extension's settings, read in one place (manifest: contributes.configuration).
import * as vscode from 'vscode';
import { DEFAULT_CATALOG_GLOBS, DEFAULT_MAX_FILE_BYTES, type SeveritySetting } from '../engine';
import { configFor, ConfigError } from '../workspace/config';

export const SECTION = 'capAdvisor';

export interface Settings {
  catalogGlobs: string[];
  /** Per-rule severity overrides, passed to the engine. */
  rules: Record<string, SeveritySetting>;
  run: 'onType' | 'onSave';
  maxFileSize: number;
  /** Why `.cap-advisor.yaml` could not be read, when it could not (its rules then come from the settings). */
  configProblem?: ConfigError;
}

const SEVERITIES = new Set(['off', 'hint', 'information', 'warning', 'error']);

export function readSettings(scope?: vscode.Uri): Settings {
  // Every setting is resource-scoped: without a catalog to ask for, `null` says "any resource"
  // (undefined makes VS Code log a warning for each setting read).
  const config = vscode.workspace.getConfiguration(SECTION, scope ?? null);
  const rules: Record<string, SeveritySetting> = {};
  for (const [id, severity] of Object.entries(config.get<Record<string, string>>('rules') ?? {})) {
    if (SEVERITIES.has(severity)) rules[id] = severity as SeveritySetting;
  }
  // `.cap-advisor.yaml`, where there is one, says the rules: the CLI and the language server read it too.
  let configProblem: ConfigError | undefined;
  if (scope?.scheme === 'file') {
    try {
      const file = configFor(scope.fsPath);
      if (file) return { ...fromSettings(config, {}), rules: file.rules };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      configProblem = error;
    }
  }
  return { ...fromSettings(config, rules), ...(configProblem ? { configProblem } : {}) };
}

function fromSettings(config: vscode.WorkspaceConfiguration, rules: Record<string, SeveritySetting>): Settings {
  const globs = config.get<string[]>('catalogGlobs');
  return {
    catalogGlobs: Array.isArray(globs) && globs.length > 0 ? globs : DEFAULT_CATALOG_GLOBS,
    rules,
    run: config.get('run') === 'onSave' ? 'onSave' : 'onType',
    maxFileSize: config.get<number>('maxFileSize') ?? DEFAULT_MAX_FILE_BYTES,
  };
}
