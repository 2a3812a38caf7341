// A small Language Server Protocol client for the tests and the benchmark: it starts
// `cap-advisor lsp` as an editor would (a child process on stdio), or the server in this process
// over a pair of streams, and waits for diagnostics by condition, never by time.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { createConnection } from 'vscode-languageserver/node';
import { CatalogServer } from '../../src/lsp/server';

export const repoRoot = join(__dirname, '../../..');

export interface ClientOptions {
  /** What the client answers to workspace/configuration for the capAdvisor section. */
  settings?: Record<string, unknown>;
  workspaceFolder?: string;
  snippets?: boolean;
}

export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private waiters: Array<() => void> = [];
  private versions = new Map<string, number>();
  readonly logs: string[] = [];
  initializeResult!: InitializeResult;

  private constructor(
    readonly connection: ProtocolConnection,
    private readonly child: ChildProcess | undefined,
    private readonly options: ClientOptions,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      this.notify();
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      this.notify();
    });
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => options.settings ?? null));
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
  }

  /** The real CLI (`node bin/cap-advisor.js lsp --stdio`) as a child process. */
  static async spawn(options: ClientOptions = {}): Promise<TestClient> {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/cap-advisor.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    return new TestClient(connection, child, options).initialize();
  }

  /** The server in this process: tests can reach into the engine (a rule that throws). */
  static async inProcess(options: ClientOptions = {}): Promise<TestClient> {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    new CatalogServer(serverConnection).listen();
    const connection = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    return new TestClient(connection, undefined, options).initialize();
  }

  private async initialize(): Promise<this> {
    const folder = this.options.workspaceFolder ?? repoRoot;
    this.initializeResult = await this.connection.sendRequest('initialize', {
      // The server watches the client's process and exits with it: in this process that watch
      // would keep mocha alive, and there is nothing to watch.
      processId: this.child ? process.pid : null,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'test' }],
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { completion: { completionItem: { snippetSupport: this.options.snippets ?? false } } },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return this;
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    this.diagnostics.delete(uri);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  }

  /** An unsaved edit: `text` replaces the range. */
  async change(uri: string, range: { start: Position; end: Position }, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  /** Closes the document; diagnosticsOf(uri) then waits for what the server publishes after. */
  async close(uri: string): Promise<void> {
    this.diagnostics.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The diagnostics of a document once they are for `version` (or any version with no version given). */
  async diagnosticsOf(uri: string, version?: number): Promise<Diagnostic[]> {
    for (;;) {
      const published = this.diagnostics.get(uri);
      if (published && (version === undefined || published.version === version)) return published.diagnostics;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** The first log message that holds `text`, once the server has sent it. */
  async logged(text: string): Promise<string> {
    for (;;) {
      const found = this.logs.find((message) => message.includes(text));
      if (found) return found;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  async stop(): Promise<number | null> {
    if (!this.child) {
      // As a client ends a session: the server stops its view worker on shutdown.
      await this.connection.sendRequest('shutdown');
      this.connection.dispose();
      return null;
    }
    const exited = new Promise<number | null>((resolve) => this.child!.once('exit', (code) => resolve(code)));
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await exited;
    this.connection.dispose();
    return code;
  }

  private notify(): void {
    const waiting = this.waiters;
    this.waiters = [];
    waiting.forEach((resolve) => resolve());
  }
}

interface Position {
  line: number;
  character: number;
}
