// The server's settings, from the client's `capAdvisor` section (workspace/configuration, or
// initializationOptions and didChangeConfiguration for clients that do not answer it). The same
// names and values as the VS Code extension's settings; anything unreadable falls back to the default.
import { minimatch } from 'minimatch';
import { DEFAULT_CATALOG_GLOBS, DEFAULT_MAX_FILE_BYTES, SEVERITY_SETTINGS, type SeveritySetting } from '../engine';

export const SETTINGS_SECTION = 'capAdvisor';

export interface ServerSettings {
  catalogGlobs: string[];
  /** Per-rule severity overrides, passed to the engine. */
  rules: Record<string, SeveritySetting>;
  run: 'onType' | 'onSave';
  maxFileSize: number;
}

export function readServerSettings(raw: unknown): ServerSettings {
  const section = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, SeveritySetting> = {};
  if (section.rules && typeof section.rules === 'object') {
    for (const [id, severity] of Object.entries(section.rules)) {
      if ((SEVERITY_SETTINGS as readonly unknown[]).includes(severity)) rules[id] = severity as SeveritySetting;
    }
  }
  const globs = Array.isArray(section.catalogGlobs) ? section.catalogGlobs.filter((glob): glob is string => typeof glob === 'string') : [];
  const maxFileSize = section.maxFileSize;
  return {
    catalogGlobs: globs.length > 0 ? globs : DEFAULT_CATALOG_GLOBS,
    rules,
    run: section.run === 'onSave' ? 'onSave' : 'onType',
    maxFileSize: typeof maxFileSize === 'number' && Number.isSafeInteger(maxFileSize) && maxFileSize > 0 ? maxFileSize : DEFAULT_MAX_FILE_BYTES,
  };
}

/** Whether a file's path matches one of the catalog globs; a glob that starts with `**` matches at any depth. */
export function isCatalogPath(path: string, globs: readonly string[]): boolean {
  const normalised = path.replace(/\\/g, '/');
  return globs.some((glob) => minimatch(normalised, glob, { dot: true }));
}
