// Runs an extension's tests inside the extension host of a real VS Code without downloading
// VS Code: a code-server (VS Code server + web workbench) on 127.0.0.1, opened in Debian's
// headless Chromium through playwright-core. The workbench's `payload` URL parameter names the
// extension under development and the tests entry, exactly as `--extensionDevelopmentPath` and
// `--extensionTestsPath` do on the desktop; it reports the tests' exit code through
// `window.codeAutomationExit`, which we expose to the page.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';

const log = (message) => process.stderr.write(`[vscode-host] ${message}\n`);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A throw-away home for one run. Short, under the OS temp dir: the server's IPC socket path must stay under ~107 bytes. */
export function makeRunDirs() {
  const root = mkdtempSync(join(tmpdir(), 'vsch-'));
  const dirs = {
    root,
    userData: join(root, 'd'),
    extensions: join(root, 'e'),
    tmp: join(root, 't'),
    xdgData: join(root, 'x'),
    config: join(root, 'config.yaml'),
    screenshotSignal: join(root, 'screenshot-taken'),
    probes: join(root, 'p'),
  };
  for (const dir of [dirs.userData, dirs.extensions, dirs.tmp, dirs.xdgData, dirs.probes]) mkdirSync(dir);
  // Without --config code-server writes one into $HOME/.config.
  writeFileSync(dirs.config, 'auth: none\ncert: false\n');
  return dirs;
}

export function startCodeServer(paths, port, dirs, verbose) {
  // The extension host inherits this environment (see SCREENSHOT_SIGNAL below).
  const env = {
    ...process.env,
    TMPDIR: dirs.tmp,
    XDG_DATA_HOME: dirs.xdgData,
    VSCODE_HOST_SCREENSHOT_SIGNAL: dirs.screenshotSignal,
    VSCODE_HOST_PROBE_DIR: dirs.probes,
  };
  delete env.PORT; // $PORT would override --bind-addr
  const args = [
    paths.codeServerEntry,
    '--config',
    dirs.config,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    // A built workbench ignores `payload` unless the smoke-test driver is enabled.
    '--vscode-option',
    'enable-smoke-test-driver',
  ];
  // detached: its own process group, so teardown reaches the extension host, file watcher,
  // pty host and agent host it spawns, not just the wrapper process.
  const server = spawn(paths.node24, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  for (const stream of [server.stdout, server.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      output.push(chunk);
      if (verbose) process.stderr.write(chunk.replace(/^/gm, '[code-server] '));
    });
  }
  server.exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve(code ?? signal)));
  server.output = () => output.join('');
  return server;
}

export async function waitForHealth(server, port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  server.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline && !exited) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not become healthy${exited ? ' (it exited)' : ''}:\n${server.output()}`);
}

export async function stopProcessGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    // The wrapper may be gone while its children live on: still signal the group.
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* group already gone */
    }
    return;
  }
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = new Promise((resolve) => setTimeout(resolve, 5000, 'timeout'));
  if ((await Promise.race([child.exited, timer])) === 'timeout') log('code-server ignored SIGTERM for 5 s; killing it');
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* group already gone */
  }
}

/**
 * Once the extension host exits, its diagnostics and editors are gone from the workbench. So the
 * tests entry, when VSCODE_HOST_SCREENSHOT_SIGNAL is set, prints this line after the last test
 * and waits until that file exists; we take the screenshot in between and create the file.
 */
const SCREENSHOT_NOW = 'vscode-host: ready for a screenshot';

/**
 * What only the page can tell a test: whether the Problems panel shows each message whole. A test
 * prints `vscode-host: measure problems at <width>` and waits for VSCODE_HOST_PROBE_DIR/problems-<width>.json:
 * the window is resized to that width (and tall, so that the list renders every row), each row's
 * message is measured (cut when its text is wider than the room the row gives it), and the window
 * goes back to its size.
 */
const MEASURE_PROBLEMS = /^vscode-host: measure problems at (\d+)$/;

async function measureProblems(page, width, probeDir) {
  const before = page.viewportSize();
  await page.setViewportSize({ width, height: 4800 });
  try {
    // The list re-renders after the resize: wait until its rows span the new width.
    await page.waitForFunction(
      (w) => {
        const row = document.querySelector('.markers-panel .monaco-list-row');
        return row && row.getBoundingClientRect().right <= w && document.querySelectorAll('.markers-panel .marker-message').length > 0;
      },
      width,
      { timeout: 10_000 },
    );
    await page.waitForTimeout(300);
    const rows = await page.evaluate(() =>
      [...document.querySelectorAll('.markers-panel .monaco-list-row')].flatMap((row) => {
        const message = row.querySelector('.marker-message');
        if (!message) return [];
        return [
          {
            message: message.textContent,
            code: row.querySelector('.marker-code')?.textContent ?? null,
            textWidth: message.scrollWidth,
            room: message.clientWidth,
          },
        ];
      }),
    );
    writeFileSync(join(probeDir, `problems-${width}.json`), JSON.stringify({ width, rows }));
    log(`measured ${rows.length} Problems rows at ${width} px`);
  } finally {
    await page.setViewportSize(before);
  }
}

/** Prints the extension host's console calls, which the workbench mirrors to the page console when a `debugId` is set. */
function forwardExtensionHostConsole(page, onLine) {
  let queue = Promise.resolve();
  page.on('console', (message) => {
    const args = message.args();
    if (!message.text().startsWith('%c[Extension Host]')) return;
    const stream = message.type() === 'error' || message.type() === 'warning' ? process.stderr : process.stdout;
    // Chain so that lines stay in order although reading each argument is asynchronous.
    queue = queue.then(async () => {
      const values = await Promise.all(args.map((arg) => arg.jsonValue().catch(() => String(arg))));
      // util.format drops each %c with its CSS argument. A call whose first argument is not a
      // string (mocha's empty console.log()) comes as `%c[Extension Host]%`, hence the `%`.
      const line = format(...values).replace(/^\[Extension Host\](?: |%)/, '');
      if (await onLine(line)) return;
      stream.write(`${line}\n`);
    });
  });
  return () => queue;
}

/**
 * Runs the tests and resolves to their exit code (124 on timeout). Always tears down the
 * browser and the whole server process group it started, and removes the run's temp dir.
 */
export async function runInCodeServer({
  paths,
  extensionDevelopmentPath,
  extensionTestsPath,
  installedExtensions = [],
  workspace,
  screenshot,
  timeoutMs = 10 * 60_000,
  verbose = false,
}) {
  const started = Date.now();
  const dirs = makeRunDirs();
  // Installed as a user would have them: a link in the extensions folder, named publisher.name-version.
  for (const path of installedExtensions) {
    const { publisher, name, version } = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'));
    symlinkSync(path, join(dirs.extensions, `${publisher}.${name}-${version}`), 'dir');
  }
  const port = await freePort();
  let server;
  let browser;
  let onSignal;
  try {
    server = startCodeServer(paths, port, dirs, verbose);
    onSignal = (signal) => {
      log(`${signal}: tearing down`);
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      browser?.close().catch(() => {});
      rmSync(dirs.root, { recursive: true, force: true });
      process.exit(130);
    };
    process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
    await waitForHealth(server, port, 60_000);
    log(`code-server ${paths.version ?? ''} up on 127.0.0.1:${port} in ${seconds(started)}`);

    const { chromium } = createRequire(join(paths.playwrightCore, 'package.json'))('playwright-core');
    browser = await chromium.launch({
      executablePath: paths.chromium,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });

    let reportExit;
    const exitCode = new Promise((resolve) => {
      reportExit = resolve;
    });
    await page.exposeFunction('codeAutomationExit', (code) => reportExit(Number(code ?? 1)));
    // Without a debugId the workbench sends the extension host's output here, mixed with its own log.
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      if (verbose) process.stderr.write(`[workbench ${type}] ${format(...(Array.isArray(args) ? args : [args]))}\n`);
    });
    let screenshotTaken = false;
    const takeScreenshot = async () => {
      if (!screenshot || screenshotTaken) return;
      screenshotTaken = true;
      await page.screenshot({ path: screenshot });
      log(`screenshot saved to ${screenshot}`);
    };
    const flushConsole = forwardExtensionHostConsole(page, async (line) => {
      const probe = MEASURE_PROBLEMS.exec(line);
      if (probe) {
        await measureProblems(page, Number(probe[1]), dirs.probes).catch((error) => {
          log(`measuring the Problems panel failed: ${error.message}`);
          writeFileSync(join(dirs.probes, `problems-${probe[1]}.json`), JSON.stringify({ error: error.message }));
        });
        return true;
      }
      if (line !== SCREENSHOT_NOW) return false;
      await takeScreenshot().catch((error) => log(`screenshot failed: ${error.message}`));
      writeFileSync(dirs.screenshotSignal, '');
      return true;
    });

    const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
      ['extensionTestsPath', remote(extensionTestsPath)],
      ['skipWelcome', 'true'],
      // With a debugId the workbench prints each extension-host console call as `%c[Extension Host]`.
      // It does not start a debugger.
      ['debugId', 'vscode-host-driver'],
    ];
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);

    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(resolve, timeoutMs, 124);
    });
    const code = await Promise.race([exitCode, timeout]);
    clearTimeout(timer);
    await flushConsole();
    if (code === 124) log(`timed out after ${timeoutMs / 1000} s`);
    await takeScreenshot(); // when the tests never got to the end
    log(`tests exited with ${code} after ${seconds(started)}`);
    return code;
  } finally {
    if (onSignal) process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    await browser?.close().catch((error) => log(`closing Chromium: ${error.message}`));
    if (server) await stopProcessGroup(server);
    rmSync(dirs.root, { recursive: true, force: true });
  }
}
