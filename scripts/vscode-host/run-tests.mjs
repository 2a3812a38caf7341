// Runs the integration suites (out/test/integration, built by `npm run build`) inside a real
// VS Code extension host, picking the host:
//   - a desktop VS Code through @vscode/test-electron, when VSCODE_EXECUTABLE names one, or
//     when VSCODE_TEST_DOWNLOAD=1 allows test-electron to download VS Code;
//   - otherwise the offline code-server host, installed on first use into .vscode-host/.
//
// Usage: node scripts/vscode-host/run-tests.mjs [--host auto|electron|code-server]
//          [--screenshot out.png] [--timeout seconds] [--verbose]
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const extensionDevelopmentPath = repoRoot;
// Red Hat's YAML language server, wired as the Red Hat YAML extension wires it, is installed beside
// ours: the real extension cannot be downloaded offline (test/fixtures/red-hat-yaml/extension.js).
const installedExtensions = [join(repoRoot, 'test/fixtures/red-hat-yaml')];
const extensionTestsPath = join(repoRoot, 'out/test/integration/index.js');
// A small workspace of catalogs, kept apart from the repo so that findFiles sees only fixtures.
const workspace = join(repoRoot, 'test/integration/workspace');

const log = (message) => process.stderr.write(`[vscode-host] ${message}\n`);

/** The files the suites open and edit: the example and the fixture workspace. */
function filesTheSuitesTouch() {
  const fixtures = readdirSync(workspace, { recursive: true })
    .map((entry) => join(workspace, entry))
    .filter((file) => statSync(file).isFile());
  return new Map([join(repoRoot, 'examples/storefront.catalog.yaml'), ...fixtures].map((file) => [file, readFileSync(file)]));
}

/**
 * The suites must leave the repository as they found it (an unsaved edit saved on close once
 * changed the example, and the unit tests with it). Puts back what changed and says so.
 */
function restoreChangedFiles(before) {
  const after = filesTheSuitesTouch();
  const changed = [];
  for (const [file, content] of before) {
    if (!after.get(file)?.equals(content)) {
      writeFileSync(file, content);
      changed.push(file);
    }
  }
  for (const file of after.keys()) {
    if (!before.has(file)) {
      rmSync(file);
      changed.push(file);
    }
  }
  for (const file of changed) log(`the suites changed ${file}; restored`);
  return changed.length;
}

function pickHost(requested) {
  if (requested !== 'auto') return requested;
  return process.env.VSCODE_EXECUTABLE || process.env.VSCODE_TEST_DOWNLOAD === '1' ? 'electron' : 'code-server';
}

async function runInDesktopVSCode() {
  const { runTests } = createRequire(import.meta.url)('@vscode/test-electron');
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE || undefined;
  log(
    vscodeExecutablePath
      ? `desktop VS Code at ${vscodeExecutablePath}`
      : `desktop VS Code ${process.env.VSCODE_TEST_VERSION || 'stable'}, downloaded by @vscode/test-electron`,
  );
  try {
    return await runTests({
      vscodeExecutablePath,
      version: process.env.VSCODE_TEST_VERSION || undefined,
      extensionDevelopmentPath,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    });
  } catch (error) {
    // runTests rejects with the exit code when the tests fail.
    if (typeof error === 'number') return error;
    log(`desktop VS Code failed: ${error?.message ?? error}`);
    return 1;
  }
}

async function runInCodeServerHost(options) {
  const { ensureHost, versions } = await import('./install.mjs');
  const { runInCodeServer } = await import('./code-server-host.mjs');
  const paths = { ...ensureHost(), version: versions.codeServer };
  return runInCodeServer({
    paths,
    extensionDevelopmentPath,
    extensionTestsPath,
    installedExtensions,
    workspace,
    screenshot: options.screenshot ? resolve(options.screenshot) : undefined,
    timeoutMs: Number(options.timeout) * 1000,
    verbose: options.verbose,
  });
}

async function main() {
  const { values: options } = parseArgs({
    options: {
      host: { type: 'string', default: process.env.VSCODE_TEST_HOST || 'auto' },
      screenshot: { type: 'string' },
      timeout: { type: 'string', default: '600' },
      verbose: { type: 'boolean', default: false },
    },
  });
  if (!existsSync(extensionTestsPath) || !existsSync(join(repoRoot, 'dist/extension.js'))) {
    log('build first: npm run build');
    return 1;
  }
  const host = pickHost(options.host);
  if (host !== 'electron' && host !== 'code-server') {
    log(`unknown --host ${host} (auto, electron or code-server)`);
    return 2;
  }
  if (host === 'electron' && options.screenshot) log('--screenshot is only supported by the code-server host; ignored');
  const before = filesTheSuitesTouch();
  const code = host === 'electron' ? await runInDesktopVSCode() : await runInCodeServerHost(options);
  return restoreChangedFiles(before) > 0 ? code || 1 : code;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    log(error?.stack ?? String(error));
    process.exitCode = 1;
  },
);
