// Packages the VS Code extension from a staging folder.
//
//   node scripts/package-vsix.mjs --out cap-advisor.vsix   # build the .vsix (after npm run build)
//   node scripts/package-vsix.mjs --list                   # print the files it would hold
//
// Why a staging folder: package.json's `files` is the npm package's allow list (the CLI), and
// vsce reads the same field as the .vsix's allow list and refuses a .vscodeignore beside it.
// The extension needs other files than the CLI, so it is packed from out/vsix/, holding exactly
// EXTENSION_FILES and a copy of the manifest whose `files` names them.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** What the installed extension reads: the bundles, the schema it contributes, the example, the icon and the rule pages. */
export const EXTENSION_FILES = [
  'dist/extension.js',
  // The language server the extension starts (cap-advisor lsp): the analysis runs in its process.
  'dist/server.js',
  'dist/viewWorker.js',
  // What the Red Hat YAML extension gets (completion and hovers, no second validation); built from schemas/.
  'dist/data-catalog.editor.schema.json',
  // The Terraform parser, loaded only when a catalog links Terraform.
  'dist/web-tree-sitter.wasm',
  'dist/tree-sitter-terraform.wasm',
  // The example and the templates it links: the walkthrough opens a copy of all three.
  'examples/storefront.catalog.yaml',
  'examples/infra/storefront.yaml',
  'examples/infra/storefront-us-east-2.yaml',
  'images/icon.png',
  // The report opens rule pages in VS Code, not on the web.
  ...readdirSync(join(repoRoot, 'docs/rules'))
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => `docs/rules/${file}`),
  'docs/store-facts.md',
  'docs/scenarios.md',
  'docs/infrastructure.md',
  // The walkthrough's pictures, in the theme each is for.
  ...walkthroughImages(),
];

/** The images the walkthrough's steps show (contributes.walkthroughs[].steps[].media.image). */
function walkthroughImages() {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const images = manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps.flatMap((step) => Object.values(step.media.image ?? {})));
  return [...new Set(images)].sort();
}
/** The Marketplace and Open VSX listing: its page, its Changelog tab and its license. */
const LISTING_FILES = ['README.md', 'CHANGELOG.md', 'LICENSE'];

export function stageExtension(stageDir = join(repoRoot, 'out/vsix')) {
  rmSync(stageDir, { recursive: true, force: true });
  for (const file of [...EXTENSION_FILES, ...LISTING_FILES]) {
    mkdirSync(dirname(join(stageDir, file)), { recursive: true });
    copyFileSync(join(repoRoot, file), join(stageDir, file));
  }
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  // The CLI's entry points and the build scripts mean nothing inside the extension.
  for (const key of ['bin', 'scripts', 'devDependencies', 'dependencies']) delete manifest[key];
  manifest.files = [...EXTENSION_FILES, ...LISTING_FILES];
  writeFileSync(join(stageDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return stageDir;
}

function vsce(args, cwd) {
  return execFileSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), ...args, '--no-dependencies'], { cwd, encoding: 'utf8' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values: options } = parseArgs({ options: { out: { type: 'string', default: 'cap-advisor.vsix' }, list: { type: 'boolean', default: false } } });
  const stageDir = stageExtension();
  if (options.list) process.stdout.write(vsce(['ls'], stageDir));
  else process.stdout.write(vsce(['package', '--out', resolve(options.out)], stageDir));
}
