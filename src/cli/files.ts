// Which files `cap-advisor check` analyses: files as given, and in directories every file
// whose name matches the default catalog globs (all of the form `**/<name pattern>`).
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

/** Expands the arguments into files, in the order given; directories sorted by path, without the files `ignored` names. */
export function catalogFiles(paths: readonly string[], ignored: (file: string) => boolean = () => false): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
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
    if (found.length === 0) throw new UsageError(`no catalog in ${path} (looked for ${DEFAULT_CATALOG_GLOBS.join(', ')})`);
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
