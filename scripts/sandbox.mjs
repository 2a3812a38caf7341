// `npm run sandbox`: the real VS Code of the integration tests (code-server, offline) on
// 127.0.0.1 with CAP Advisor loaded as the extension under development and a throw-away copy of
// examples/ open (VS Code for the Web saves as you go, so fixes tried there must not reach the
// repository's example). Prints the URL to open in a browser; runs until Ctrl-C.
//
//   node scripts/sandbox.mjs [--port 8080] [--screenshots DIR] [--width 1440] [--theme dark|light]
//
// --screenshots DIR drives the workbench in Debian's Chromium instead: it opens the example
// catalog with the Problems panel, the code lenses and a quick-fix menu on a finding, then the
// completion list after `store:`, then the consistency report, then the partition scenarios,
// then order-ledger's lightbulb, where two findings name one store and each fix is listed once,
// saves DIR/diagnostics-quickfix.png, DIR/completion.png, DIR/infrastructure.png,
// DIR/one-voice.png, DIR/report.png and DIR/scenarios.png, and exits. --width sets the window's
// width (1440 by default; try 1280, a laptop's). --theme light uses VS Code's Default Light Modern
// theme and names the pictures DIR/<name>-light.png (the README and the walkthrough show both).
import { createRequire } from 'node:module';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureHost, versions } from './vscode-host/install.mjs';
import { freePort, makeRunDirs, startCodeServer, stopProcessGroup, waitForHealth } from './vscode-host/code-server-host.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const log = (message) => process.stderr.write(`[sandbox] ${message}\n`);

const { values: options } = parseArgs({
  options: {
    port: { type: 'string' },
    screenshots: { type: 'string' },
    width: { type: 'string', default: '1440' },
    theme: { type: 'string', default: 'dark' },
    verbose: { type: 'boolean', default: false },
  },
});

const paths = { ...ensureHost(), version: versions.codeServer };
const port = options.port ? Number(options.port) : await freePort();
const dirs = makeRunDirs();
// VS Code's default themes; a light run names its pictures `<name>-light.png`.
const THEMES = { dark: 'Default Dark Modern', light: 'Default Light Modern' };
if (!(options.theme in THEMES)) {
  log(`unknown --theme ${options.theme} (dark or light)`);
  process.exit(2);
}
mkdirSync(join(dirs.userData, 'User'), { recursive: true });
writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ 'workbench.colorTheme': THEMES[options.theme] }));
const pictureName = (file) => (options.theme === 'light' ? file.replace(/\.png$/, '-light.png') : file);
const workspace = join(dirs.root, 'examples');
cpSync(join(repoRoot, 'examples'), workspace, { recursive: true });
const server = startCodeServer(paths, port, dirs, options.verbose);
const stop = async () => {
  await stopProcessGroup(server);
  rmSync(dirs.root, { recursive: true, force: true });
};
process.once('SIGINT', () => void stop().then(() => process.exit(0)));
process.once('SIGTERM', () => void stop().then(() => process.exit(0)));

try {
  await waitForHealth(server, port, 60_000);
} catch (error) {
  log(error.message);
  await stop();
  process.exit(1);
}
const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
const payload = [
  ['extensionDevelopmentPath', remote(repoRoot)],
  ['skipWelcome', 'true'],
];
const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

if (!options.screenshots) {
  log(`code-server ${paths.version} with CAP Advisor loaded, on a copy of examples/ in ${workspace} (deleted on exit); open in a browser (Ctrl-C stops it):`);
  process.stdout.write(`${url}\n`);
} else {
  const outDir = resolve(options.screenshots);
  mkdirSync(outDir, { recursive: true });
  const { chromium } = createRequire(join(paths.playwrightCore, 'package.json'))('playwright-core');
  const browser = await chromium.launch({ executablePath: paths.chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage({ viewport: { width: Number(options.width), height: 900 } });
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.waitForTimeout(3000);
    const palette = async (command) => {
      await page.keyboard.press('F1');
      await page.waitForSelector('.quick-input-widget', { state: 'visible' });
      await page.keyboard.type(command);
      await page.waitForTimeout(500);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(1000);
    };
    // Quick Open is the palette without its `>`: a file name opens it, `:line:column` goes there.
    const quickOpen = async (text) => {
      await page.keyboard.press('F1');
      await page.waitForSelector('.quick-input-widget', { state: 'visible' });
      await page.keyboard.press('Backspace');
      await page.keyboard.type(text);
      await page.waitForTimeout(800);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(1500);
    };
    // The Problems panel, the cursor at `:line:column` and the quick-fix menu there, as one picture.
    const quickFixMenu = async (at, file) => {
      await palette('>View: Focus Problems');
      await quickOpen(at);
      await page.keyboard.press('Control+.');
      await page.waitForSelector('.action-widget', { state: 'visible', timeout: 10_000 }).catch(() => log('the quick-fix menu did not show'));
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(outDir, pictureName(file)) });
      log(`saved ${join(outDir, pictureName(file))}`);
      await page.keyboard.press('Escape');
    };
    await palette('>View: Close Secondary Side Bar');
    // The example catalog, at the hot-hot carts, with the Problems panel and the quick-fix menu.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'storefront.catalog.yaml' }).dblclick();
    await page.waitForSelector('.monaco-editor .view-lines', { state: 'visible' });
    await page.waitForTimeout(2500);
    await quickFixMenu(':96:15', 'diagnostics-quickfix.png');
    // The completion list after `store:` of carts (line 97 of the copy): the recommended store first.
    await palette('>View: Close Panel');
    await quickOpen(':97:12');
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Control+Space');
    await page.waitForSelector('.suggest-widget.visible', { state: 'visible', timeout: 10_000 }).catch(() => log('the completion list did not show'));
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(outDir, pictureName('completion.png')) });
    log(`saved ${join(outDir, pictureName('completion.png'))}`);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z');
    // The deployed system: carts' table has a third replica; the hover gives the reason and the
    // Problems panel the template line (examples/infra/storefront.yaml) beside the finding.
    await palette('>View: Focus Problems');
    await quickOpen(':98:17');
    await palette('>Show or Focus Hover');
    await page.waitForTimeout(1200);
    await page.screenshot({ path: join(outDir, pictureName('infrastructure.png')) });
    log(`saved ${join(outDir, pictureName('infrastructure.png'))}`);
    await page.keyboard.press('Escape');
    // One voice: order-ledger's store has two findings; both name aurora-dsql, and the lightbulb
    // lists each fix once, the alternative beside the recommendation.
    await quickFixMenu(':65:12', 'one-voice.png');
    await palette('>CAP Advisor: Show Consistency Report');
    await page.waitForTimeout(3000);
    await palette('>View: Close Panel');
    await page.screenshot({ path: join(outDir, pictureName('report.png')) });
    log(`saved ${join(outDir, pictureName('report.png'))}`);
    // Partition scenarios: every Region cut off and lost, beside the catalog.
    await page.keyboard.press('Control+1');
    await palette('>View: Close All Editor Groups');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'storefront.catalog.yaml' }).dblclick();
    await page.waitForTimeout(1500);
    await palette('>CAP Advisor: Simulate Partition');
    await page.waitForSelector('.quick-input-widget', { state: 'visible' });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(3000);
    await page.screenshot({ path: join(outDir, pictureName('scenarios.png')) });
    log(`saved ${join(outDir, pictureName('scenarios.png'))}`);
    // The experiment that cuts us-east-1 off, and its test plan, side by side.
    await palette('>CAP Advisor: Write Fault-Injection Experiment');
    await page.waitForSelector('.quick-input-widget', { state: 'visible' });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(800);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(3000);
    await page.screenshot({ path: join(outDir, pictureName('experiment.png')) });
    log(`saved ${join(outDir, pictureName('experiment.png'))}`);
  } finally {
    await browser.close();
    await stop();
  }
}
