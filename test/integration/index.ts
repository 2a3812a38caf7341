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
  const files = (fs.readdirSync(__dirname, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.test.js'))
    .sort();
  for (const file of files) mocha.addFile(path.join(__dirname, file));

  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
