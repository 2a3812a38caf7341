// A message is only as good as what the Problems panel shows of it. At 1280 px (a laptop) with the
// Explorer open, every finding on the example must be whole, the action at its end included.
// Only the page knows what a row shows, so the offline host measures it (scripts/vscode-host,
// VSCODE_HOST_PROBE_DIR); a desktop host has no page to ask, and the test says so and skips.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, repoRoot, waitFor } from './helpers';

const storefront = vscode.Uri.file(path.join(repoRoot, 'examples/storefront.catalog.yaml'));

interface ProblemsRow {
  message: string;
  code: string | null;
  textWidth: number;
  room: number;
}

async function measuredRows(probeDir: string, width: number): Promise<ProblemsRow[]> {
  const file = path.join(probeDir, `problems-${width}.json`);
  fs.rmSync(file, { force: true });
  console.log(`vscode-host: measure problems at ${width}`);
  const measured = await waitFor(`the Problems panel measured at ${width} px`, () => fs.existsSync(file) && JSON.parse(fs.readFileSync(file, 'utf8')), 30_000);
  assert.equal(measured.error, undefined, measured.error);
  return measured.rows;
}

describe("the Problems panel at a laptop's width", () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await closeAllEditors();
  });

  it('at 1280 px with the Explorer open, every message on the example is whole', async function () {
    const probeDir = process.env.VSCODE_HOST_PROBE_DIR;
    if (!probeDir) {
      console.log('    (skipped: only the offline code-server host can measure the page)');
      return this.skip();
    }
    this.timeout(60_000);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(storefront));
    const shown = await waitFor(
      "the example's findings",
      () => {
        const diagnostics = vscode.languages
          .getDiagnostics(storefront)
          .filter((d) => d.source === 'cap-advisor' && d.severity !== vscode.DiagnosticSeverity.Hint);
        return diagnostics.length >= 23 && diagnostics;
      },
      30_000,
    );
    await vscode.commands.executeCommand('workbench.view.explorer');
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    // Room for every row of every file the suites have opened: the measure needs them rendered.
    await vscode.commands.executeCommand('workbench.action.toggleMaximizedPanel');
    try {
      const rows = await measuredRows(probeDir, 1280);
      const verdicts = shown.map((diagnostic) => {
        const row = rows.find((r) => r.message === diagnostic.message);
        const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
        if (!row) return `${code}: not in the panel: ${diagnostic.message}`;
        return row.textWidth > row.room ? `${code}: cut, ${row.textWidth} px of text in ${row.room} px: ${diagnostic.message}` : 'whole';
      });
      assert.deepEqual(
        verdicts.filter((verdict) => verdict !== 'whole'),
        [],
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.toggleMaximizedPanel');
    }
  });
});
