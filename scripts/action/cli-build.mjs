// The packages `node scripts/build.mjs --cli` needs, and nothing else of the development
// toolchain: writes DIR/package.json and DIR/package-lock.json so that `npm ci` in DIR installs
// them at the versions (and integrity) of this repository's lock file.
// With --hash, prints a hash of what the CLI is built from instead, the Action's cache key.
// Usage: node scripts/action/cli-build.mjs DIR | --hash
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** What dist/cli.js bundles, what generates its validator, the bundler and the Terraform WebAssembly. */
export const CLI_BUILD_PACKAGES = [
  'ajv',
  'esbuild',
  'fastest-levenshtein',
  'js-yaml',
  'jsonc-parser',
  'minimatch',
  'vscode-languageserver',
  'vscode-languageserver-protocol',
  'vscode-languageserver-textdocument',
  'web-tree-sitter',
  'yaml',
  '@tree-sitter-grammars/tree-sitter-hcl',
];

/** The lock file's entries the given packages need, found as Node finds a dependency: nearest node_modules first. */
export function pruneLock(lock, names) {
  const kept = {};
  const visit = (from, name) => {
    for (let dir = from; ; dir = dir.includes('/node_modules/') ? dir.slice(0, dir.lastIndexOf('/node_modules/')) : '') {
      const path = `${dir ? `${dir}/` : ''}node_modules/${name}`;
      const entry = lock.packages[path];
      if (entry) {
        if (!kept[path]) {
          // Marked dev in the repository, they are this install's own dependencies (NODE_ENV=production must not drop them).
          const { dev: _dev, devOptional: _devOptional, ...rest } = entry;
          kept[path] = rest;
          for (const dependency of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies })) visit(path, dependency);
        }
        return;
      }
      // An optional peer the repository does not install is not needed here either.
      if (dir === '') return;
    }
  };
  for (const name of names) visit('', name);
  return kept;
}

/** What the CLI is built from; generated files are the build's output, present only after a build. */
const SOURCES = [
  'package.json',
  'package-lock.json',
  'CHANGELOG.md',
  'bin',
  'schemas',
  'src',
  'docs/rules',
  'scripts/build.mjs',
  'scripts/editor-schema.mjs',
  'scripts/action',
];

export function sourceHash() {
  const hash = createHash('sha256');
  const add = (path) => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) if (name !== 'generated') add(join(path, name));
    } else {
      hash
        .update(`${relative(root, path).split('\\').join('/')}\0`)
        .update(readFileSync(path))
        .update('\0');
    }
  };
  for (const source of SOURCES) add(join(root, source));
  return hash.digest('hex').slice(0, 16);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--hash') {
  console.log(sourceHash());
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: node scripts/action/cli-build.mjs DIR');
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const dependencies = Object.fromEntries(CLI_BUILD_PACKAGES.map((name) => [name, manifest.devDependencies[name]]));
  const pkg = { name: 'cap-advisor-cli-build', version: manifest.version, private: true, dependencies };
  const packages = { '': { name: pkg.name, version: pkg.version, dependencies }, ...pruneLock(lock, CLI_BUILD_PACKAGES) };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  writeFileSync(
    join(dir, 'package-lock.json'),
    `${JSON.stringify({ name: pkg.name, version: pkg.version, lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
  );
}
