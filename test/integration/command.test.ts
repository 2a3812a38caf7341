import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { capDiagnostics, EXTENSION_ID, waitFor, workspaceUri } from './helpers';

const COMMAND = 'capAdvisor.analyzeWorkspace';

describe('CAP Advisor: Analyze Workspace', () => {
  // A catalog under node_modules must not count; it is created here because git ignores node_modules.
  const ignored = () => workspaceUri('node_modules', 'some-package', 'vendored.catalog.yaml');

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const catalog = await vscode.workspace.fs.readFile(workspaceUri('orders.catalog.yaml'));
    await vscode.workspace.fs.writeFile(ignored(), catalog);
  });
  after(async () => {
    await vscode.workspace.fs.delete(workspaceUri('node_modules'), { recursive: true, useTrash: false });
  });

  it('is in the command palette under the CAP Advisor category', async () => {
    const contributed = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.contributes.commands;
    assert.deepEqual(
      contributed.find((c: { command: string }) => c.command === COMMAND),
      { command: COMMAND, title: 'Analyze Workspace', category: 'CAP Advisor' },
    );
    assert.ok((await vscode.commands.getCommands(true)).includes(COMMAND), `${COMMAND} is not registered`);
  });

  it('analyses every catalog in the workspace and returns how many', async () => {
    // orders.catalog.yaml, nested/data-catalog.yml and other/declared.yaml (by its apiVersion);
    // not other/not-a-catalog.yaml, not node_modules.
    const analysed = await vscode.commands.executeCommand<number>(COMMAND);
    assert.equal(analysed, 3);
  });

  it('counts only the workspace: a catalog open from outside it is analysed, not counted', async () => {
    const outside = vscode.Uri.file(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cap-outside-')), 'elsewhere.catalog.yaml'));
    await vscode.workspace.fs.writeFile(outside, await vscode.workspace.fs.readFile(workspaceUri('orders.catalog.yaml')));
    await vscode.window.showTextDocument(outside);
    await waitFor('the outside catalog analysed', () => capDiagnostics(outside).length > 0);
    assert.equal(await vscode.commands.executeCommand<number>(COMMAND), 3);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('publishes diagnostics for catalogs that are not open', () => {
    const nested = workspaceUri('nested', 'data-catalog.yml');
    assert.ok(!vscode.workspace.textDocuments.some((document) => document.uri.toString() === nested.toString()));
    assert.deepEqual(capDiagnostics(nested), ['hint recommendation@8:10-8:18']);
    assert.deepEqual(capDiagnostics(ignored()), []);
  });

  it('follows a catalog written outside the editor, by its apiVersion, until it stops declaring it', async () => {
    const late = workspaceUri('other', 'late.yaml');
    const declared = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('other', 'declared.yaml')));
    try {
      await vscode.workspace.fs.writeFile(late, new TextEncoder().encode(declared));
      await waitFor('the new file analysed', () => capDiagnostics(late).length > 0);
      assert.deepEqual(capDiagnostics(late), capDiagnostics(workspaceUri('other', 'declared.yaml')));
      await vscode.workspace.fs.writeFile(late, new TextEncoder().encode(declared.replace('apiVersion: cap-advisor/v1', 'apiVersion: v1')));
      await waitFor('its diagnostics cleared', () => capDiagnostics(late).length === 0);
    } finally {
      await vscode.workspace.fs.delete(late, { useTrash: false });
    }
  });
});
