// `.cap-advisor.yaml`: the one configuration the CLI, the language server and the VS Code
// extension read, found from each catalog upward to the repository root (the nearest wins), as
// ESLint and tflint find theirs. It says each rule's severity (`rules:`), the files never
// analysed (`ignore:`, globs relative to the file's folder) and where linked infrastructure may
// be read (`root:`).
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { minimatch } from 'minimatch';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { existsQuietly } from './files';
import { didYouMean, ruleRegistry, SEVERITY_SETTINGS, type SeveritySetting } from '../engine';

export const CONFIG_FILE_NAMES = ['.cap-advisor.yaml', '.cap-advisor.yml'];
const KEYS = ['rules', 'ignore', 'root'];
/** Folders a glob never needs to look in: never catalogs of the project. */
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

export interface CapAdvisorConfig {
  file: string;
  rules: Record<string, SeveritySetting>;
  /** Globs relative to the file's folder. */
  ignore: string[];
  /** The folder linked infrastructure is read in, resolved; undefined to keep the default. */
  root?: string;
}

/** A configuration that cannot be read: where, and what the valid values are. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    problem: string,
  ) {
    super(`${file}:${line}:${column}: ${problem}`);
  }
}

const cache = new Map<string, { mtimeMs: number; size: number; config: CapAdvisorConfig | ConfigError }>();

/**
 * The configuration that applies to a catalog: the nearest `.cap-advisor.yaml` in its folder or
 * above, up to the Git repository's root (or the file system's). Undefined when there is none;
 * throws ConfigError when the nearest one is not valid.
 */
export function configFor(catalogPath: string): CapAdvisorConfig | undefined {
  for (let dir = dirname(resolve(catalogPath)); ; dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const file = join(dir, name);
      if (isFile(file)) return readConfig(file);
    }
    // The Git root, as workspaceRootOf finds it, is as far as the search goes.
    if (existsQuietly(join(dir, '.git')) || dirname(dir) === dir) return undefined;
  }
}

/** Reads and checks one configuration file (cached by its time and size). */
export function readConfig(file: string): CapAdvisorConfig {
  const stat = statSync(file);
  const cached = cache.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) {
    if (cached.config instanceof ConfigError) throw cached.config;
    return cached.config;
  }
  let config: CapAdvisorConfig | ConfigError;
  try {
    config = parseConfig(file, readFileSync(file, 'utf8'));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    config = error;
  }
  cache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, config });
  if (config instanceof ConfigError) throw config;
  return config;
}

export function parseConfig(file: string, text: string): CapAdvisorConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (node: Node | null | undefined, problem: string): ConfigError => {
    const { line, col } = lines.linePos(node?.range?.[0] ?? 0);
    return new ConfigError(file, line, col, problem);
  };
  if (doc.errors.length > 0) {
    const [error] = doc.errors;
    const { line, col } = lines.linePos(error.pos[0]);
    throw new ConfigError(file, line, col, `not valid YAML: ${error.message}`);
  }
  const config: CapAdvisorConfig = { file, rules: {}, ignore: [] };
  if (doc.contents === null) return config;
  if (!isMap(doc.contents)) throw at(doc.contents, `expected a mapping with ${KEYS.join(', ')}`);
  const knownRules = ruleRegistry.map((rule) => rule.id);
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    if (key === 'rules') {
      if (value === null) continue;
      if (!isMap(value)) throw at(value, 'rules: expected a mapping of rule ids to severities, e.g. store-mismatch: warning');
      for (const rule of value.items) {
        const id = isScalar(rule.key) ? String(rule.key.value) : '';
        if (!knownRules.includes(id)) throw at(rule.key as Node, `unknown rule ${id}${suggestion(id, knownRules)}`);
        const severity = isScalar(rule.value) ? String(rule.value.value) : '';
        if (!(SEVERITY_SETTINGS as readonly string[]).includes(severity))
          throw at(rule.value as Node, `${id}: unknown severity ${severity || '(none)'}; use ${SEVERITY_SETTINGS.join(', ')}`);
        config.rules[id] = severity as SeveritySetting;
      }
    } else if (key === 'ignore') {
      if (value === null) continue;
      if (!isSeq(value) || !value.items.every((item) => isScalar(item) && typeof item.value === 'string'))
        throw at(value, "ignore: expected a list of globs, e.g. ['test/fixtures/**']");
      config.ignore = value.items.map((item) => String((item as { value: string }).value));
    } else if (key === 'root') {
      if (!isScalar(value) || typeof value.value !== 'string') throw at(value, 'root: expected a folder, relative to this file');
      config.root = resolve(dirname(file), value.value);
    } else {
      throw at(pair.key as Node, `unknown key ${key}${suggestion(key, KEYS)}; the keys are ${KEYS.join(', ')}`);
    }
  }
  return config;
}

/** Whether the configuration's `ignore:` (or node_modules, .git) covers a file. */
export function isIgnored(path: string, config: CapAdvisorConfig | undefined): boolean {
  const fromConfig = config ? relative(dirname(config.file), resolve(path)).split(sep).join('/') : undefined;
  if (ALWAYS_IGNORED.some((glob) => minimatch(resolve(path).split(sep).join('/'), glob, { dot: true }))) return true;
  if (!config || fromConfig === undefined || fromConfig.startsWith('..')) return false;
  return config.ignore.some((glob) => minimatch(fromConfig, glob, { dot: true }));
}

function suggestion(given: string, known: readonly string[]): string {
  const nearest = didYouMean(given, known);
  return nearest ? ` (did you mean ${nearest}?)` : '';
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
