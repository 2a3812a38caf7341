// The extension's settings, read in one place (manifest: contributes.configuration).
import * as vscode from 'vscode';
import { DEFAULT_CATALOG_GLOBS, DEFAULT_MAX_FILE_BYTES, type SeveritySetting } from '../engine';

export const SECTION = 'capAdvisor';

export interface Settings {
  catalogGlobs: string[];
  /** Per-rule severity overrides, passed to the engine. */
  rules: Record<string, SeveritySetting>;
  run: 'onType' | 'onSave';
  maxFileSize: number;
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
  const globs = config.get<string[]>('catalogGlobs');
  return {
    catalogGlobs: Array.isArray(globs) && globs.length > 0 ? globs : DEFAULT_CATALOG_GLOBS,
    rules,
    run: config.get('run') === 'onSave' ? 'onSave' : 'onType',
    maxFileSize: config.get<number>('maxFileSize') ?? DEFAULT_MAX_FILE_BYTES,
  };
}
