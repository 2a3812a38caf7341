// A catalog on a virtual file system, as in a GitHub repository opened with Remote Repositories
// (scheme `vscode-vfs`): the manifest declares virtualWorkspaces, so diagnostics, quick fixes
// and hovers must work through `workspace.fs` and the open document alone, with no disk.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { capDiagnostics, closeAllEditors, waitFor } from './helpers';

/** Just enough of a file system to hold a few files in memory. */
class MemoryFileSystem implements vscode.FileSystemProvider {
  private readonly files = new Map<string, { data: Uint8Array; mtime: number }>();
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const file = this.files.get(uri.path);
    if (file) return { type: vscode.FileType.File, ctime: 0, mtime: file.mtime, size: file.data.length };
    if ([...this.files.keys()].some((path) => path.startsWith(`${uri.path.replace(/\/$/, '')}/`)))
      return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    const prefix = `${uri.path.replace(/\/$/, '')}/`;
    return [...this.files.keys()]
      .filter((path) => path.startsWith(prefix) && !path.slice(prefix.length).includes('/'))
      .map((path) => [path.slice(prefix.length), vscode.FileType.File]);
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const file = this.files.get(uri.path);
    if (!file) throw vscode.FileSystemError.FileNotFound(uri);
    return file.data;
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    const existed = this.files.has(uri.path);
    this.files.set(uri.path, { data: content, mtime: Date.now() });
    this.changes.fire([{ type: existed ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
  }

  createDirectory(): void {}

  delete(uri: vscode.Uri): void {
    this.files.delete(uri.path);
    this.changes.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('rename');
  }
}

const ledger = vscode.Uri.parse('vscode-vfs://github/cap-advisor/demo/ledger.catalog.yaml');
const catalog = `apiVersion: cap-advisor/v1
kind: DataCatalog
metadata:
  name: demo
  owner: platform-team
regions:
  - name: us-east-1
    role: primary
  - name: us-west-2
    role: secondary
dataTypes:
  - name: ledger
    category: transaction
    topology: hot-hot
`;

describe('a catalog on a virtual file system (vscode-vfs)', () => {
  let registration: vscode.Disposable;
  before(async () => {
    registration = vscode.workspace.registerFileSystemProvider('vscode-vfs', new MemoryFileSystem());
    await vscode.workspace.fs.writeFile(ledger, new TextEncoder().encode(catalog));
  });
  after(async () => {
    await closeAllEditors();
    registration.dispose();
  });

  it('gets diagnostics, a quick fix that edits it, and hovers', async () => {
    const editor = await vscode.window.showTextDocument(ledger);
    const hotHot = 'error hot-hot-without-guard@13:14-13:21';
    await waitFor('the hot-hot finding', () => capDiagnostics(ledger).includes(hotHot));

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      ledger,
      new vscode.Range(13, 14, 13, 21),
      vscode.CodeActionKind.QuickFix.value,
    );
    const preferred = actions.find((a) => a.isPreferred && a.edit);
    assert.equal(preferred?.title, 'Add a split-brain guard: fencing lease');
    assert.ok(await vscode.workspace.applyEdit(preferred.edit!));
    assert.ok(
      editor.document.getText().endsWith('    topology: hot-hot\n    splitBrainGuards:\n      - { type: fencing-lease, ttl: 30s }\n'),
      editor.document.getText(),
    );
    assert.ok(await editor.document.save());
    assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(ledger)), /fencing-lease/);
    await waitFor('the finding to go', () => !capDiagnostics(ledger).includes(hotHot));

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', ledger, new vscode.Position(11, 12));
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(text, /^\*\*ledger\*\*: CP on `aurora-dsql` \(recommended\)/m);
  });
});
