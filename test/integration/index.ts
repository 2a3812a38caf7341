// The tests entry VS Code loads into the extension host (`extensionTestsPath`), on the desktop
// (@vscode/test-electron) and in the offline code-server host alike: it runs mocha over the
// compiled suites beside it and rejects when any test fails, which makes the host exit with 1.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    // The extension host starts cold: activation and the first analysis can take a few seconds.
    timeout: 20_000,
    // Output goes through the extension host's console, which does not render ANSI colours.
    color: false,
    grep: process.env.CAP_INTEGRATION_GREP || undefined,
  });
  const files = (fs.readdirSync(__dirname, { recursive: true }) as string[]).filter((file) => file.endsWith('.test.js')).sort();
  for (const file of files) mocha.addFile(path.join(__dirname, file));

  return new Promise<number>((resolve) => mocha.run(resolve)).then(async (failures) => {
    await holdForScreenshot();
    if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
  });
}

/**
 * The offline host's `--screenshot` (scripts/vscode-host) must capture the workbench while this
 * extension host still runs, or the diagnostics are gone: it sets VSCODE_HOST_SCREENSHOT_SIGNAL,
 * waits for this line, takes the picture and creates the file.
 */
async function holdForScreenshot(): Promise<void> {
  const signal = process.env.VSCODE_HOST_SCREENSHOT_SIGNAL;
  if (!signal) return;
  console.log('vscode-host: ready for a screenshot');
  for (let waited = 0; waited < 15_000 && !fs.existsSync(signal); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
