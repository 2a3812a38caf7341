import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { capDiagnostics, closeAllEditors, EXTENSION_ID, sleep, waitFor, workspaceUri } from './helpers';

describe('activation', () => {
  after(closeAllEditors);

  it('activates in a workspace with a catalog and analyses the catalog that opens', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    const uri = workspaceUri('orders.catalog.yaml');
    await vscode.window.showTextDocument(uri);
    await waitFor('the extension to activate', () => extension.isActive);
    const diagnostics = await waitFor('diagnostics on orders.catalog.yaml', () => capDiagnostics(uri).length > 0 && capDiagnostics(uri));
    assert.deepEqual(diagnostics, ['hint recommendation@10:10-10:16']);
  });

  it('recognises a catalog by its apiVersion when the name does not say so', async () => {
    const uri = workspaceUri('other', 'declared.yaml');
    await vscode.window.showTextDocument(uri);
    const diagnostics = await waitFor('diagnostics on declared.yaml', () => capDiagnostics(uri).length > 0 && capDiagnostics(uri));
    assert.deepEqual(diagnostics, ['hint recommendation@9:10-9:15']);
  });

  it('leaves other YAML files alone', async () => {
    const uri = workspaceUri('other', 'not-a-catalog.yaml');
    const document = await vscode.window.showTextDocument(uri);
    assert.equal(document.document.languageId, 'yaml');
    // Nothing to wait for when nothing should happen: give a wrong analysis time to show up.
    await sleep(1000);
    assert.deepEqual(capDiagnostics(uri), []);
  });
});
