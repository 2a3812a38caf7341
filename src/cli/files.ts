// Which files `cap-advisor check` analyses: files as given, and in directories every file
// whose name matches the default catalog globs (all of the form `**/<name pattern>`).
import { readdirSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { minimatch } from 'minimatch';
import { DEFAULT_CATALOG_GLOBS } from '../engine';

/** Directories never searched: dependencies and VCS data hold no catalogs of the project. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn']);

const catalogNamePatterns = DEFAULT_CATALOG_GLOBS.map((glob) => {
  const name = glob.replace(/^\*\*\//, '');
  return new RegExp(
    `^${name
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]*')}$`,
  );
});

export function isCatalogName(fileName: string): boolean {
  return catalogNamePatterns.some((pattern) => pattern.test(fileName));
}

export class UsageError extends Error {}

/** The argument that stands for standard input. */
export const STDIN = '-';

function isGlob(path: string): boolean {
  return /[*?[{]/.test(path);
}

/** The files a glob matches, sorted, searched from its fixed leading folders; never in node_modules or .git. */
function expandGlob(pattern: string): string[] {
  const normalised = pattern.replace(/\\/g, '/');
  const segments = normalised.split('/');
  const fixed = segments.slice(
    0,
    segments.findIndex((segment) => isGlob(segment)),
  );
  const base = fixed.length === 0 ? '.' : fixed.join('/') || '/';
  const matches: string[] = [];
  const walk = (directory: string) => {
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = directory === '.' ? entry.name : join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(path);
      } else if (entry.isFile() && minimatch(path.split(sep).join('/'), normalised.replace(/^\.\//, ''), { dot: true })) {
        matches.push(path);
      }
    }
  };
  walk(base);
  return matches.sort();
}

/** Expands the arguments into files, in the order given; directories sorted by path, without the files `ignored` names. */
export function catalogFiles(
  paths: readonly string[],
  ignored: (file: string) => boolean = () => false,
  /** A folder with no catalog, or a glob that matches none, is skipped instead of an error (ESLint's --no-error-on-unmatched-pattern). */
  { allowUnmatched = false } = {},
): string[] {
  const files: string[] = [];
  for (const path of paths) {
    if (path === STDIN) {
      files.push(path);
      continue;
    }
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      // A quoted glob, expanded here as ESLint does: the shell did not, or could not (`**`).
      if (isGlob(path)) {
        const matched = expandGlob(path).filter((file) => !ignored(file));
        if (matched.length === 0 && !allowUnmatched) throw new UsageError(`no file matches ${path}`);
        files.push(...matched);
        continue;
      }
      throw new UsageError(
        `cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (error as Error).message}`,
      );
    }
    if (!isDirectory) {
      files.push(path);
      continue;
    }
    // What the configuration's `ignore:` names is skipped in a search; a file named is analysed.
    const found = searchDirectory(path).filter((file) => !ignored(file));
    if (found.length === 0 && !allowUnmatched) throw new UsageError(`no catalog in ${path} (looked for ${DEFAULT_CATALOG_GLOBS.join(', ')})`);
    files.push(...found);
  }
  // `x` and `./x` are one file: analysed once, under the name given first.
  const seen = new Set<string>();
  return files.filter((file) => !seen.has(resolve(file)) && seen.add(resolve(file)));
}

function searchDirectory(directory: string): string[] {
  const found: string[] = [];
  const entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) found.push(...searchDirectory(path));
    } else if (entry.isFile() && isCatalogName(entry.name)) {
      found.push(path);
    }
  }
  return found;
}
