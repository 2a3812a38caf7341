import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('the extension host', () => {
  it('opens the test workspace', () => {
    console.log(`VS Code ${vscode.version}, appHost ${vscode.env.appHost}, remote ${vscode.env.remoteName ?? 'none'}`);
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1);
    assert.match(folders[0].uri.path, /\/test\/integration\/workspace$/);
  });
});
