// Runs the integration suites (out/test/integration, built by `npm run build`) inside a real
// VS Code extension host, picking the host:
//   - a desktop VS Code through @vscode/test-electron, when VSCODE_EXECUTABLE names one, or
//     when VSCODE_TEST_DOWNLOAD=1 allows test-electron to download VS Code;
//   - otherwise the offline code-server host, installed on first use into .vscode-host/.
//
// Usage: node scripts/vscode-host/run-tests.mjs [--host auto|electron|code-server]
//          [--screenshot out.png] [--timeout seconds] [--verbose]
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const extensionDevelopmentPath = repoRoot;
const extensionTestsPath = join(repoRoot, 'out/test/integration/index.js');
// A small workspace of catalogs, kept apart from the repo so that findFiles sees only fixtures.
const workspace = join(repoRoot, 'test/integration/workspace');

const log = (message) => process.stderr.write(`[vscode-host] ${message}\n`);

function pickHost(requested) {
  if (requested !== 'auto') return requested;
  return process.env.VSCODE_EXECUTABLE || process.env.VSCODE_TEST_DOWNLOAD === '1' ? 'electron' : 'code-server';
}

async function runInDesktopVSCode() {
  const { runTests } = createRequire(import.meta.url)('@vscode/test-electron');
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE || undefined;
  log(vscodeExecutablePath ? `desktop VS Code at ${vscodeExecutablePath}` : `desktop VS Code ${process.env.VSCODE_TEST_VERSION || 'stable'}, downloaded by @vscode/test-electron`);
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
  if (host === 'electron') {
    if (options.screenshot) log('--screenshot is only supported by the code-server host; ignored');
    return runInDesktopVSCode();
  }
  if (host !== 'code-server') {
    log(`unknown --host ${host} (auto, electron or code-server)`);
    return 2;
  }
  return runInCodeServerHost(options);
}

main().then(
  (code) => { process.exitCode = code; },
  (error) => {
    log(error?.stack ?? String(error));
    process.exitCode = 1;
  },
);
