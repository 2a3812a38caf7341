// `cap-advisor lsp` as an editor other than VS Code meets it: the real CLI on stdio, driven over
// the Language Server Protocol. What a user of Neovim, Helix or Zed would notice: the squiggles
// on open and after an unsaved edit, the hover, the completion list, a quick fix's result text,
// the lenses and the outline, the report and the scenarios, and bad input answered clearly.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CodeLens, CompletionItem, Diagnostic, DocumentSymbol, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  AnalyzeWorkspaceRequest,
  CatalogAnalysedNotification,
  CatalogForgottenNotification,
  ExportRequest,
  ReportViewRequest,
  ScenarioViewRequest,
  type CatalogSummary,
  type ScenarioView,
} from '../../src/lsp/requests';
import { HEADER } from '../helpers/catalogs';
import { repoRoot, TestClient } from '../helpers/lspClient';

const EXAMPLE = join(repoRoot, 'examples/storefront.catalog.yaml');
const exampleUri = pathToFileURL(EXAMPLE).href;
const exampleText = readFileSync(EXAMPLE, 'utf8');
/** A catalog that is not on disk: the editor's buffer is all there is. */
const scratchUri = pathToFileURL(join(repoRoot, 'test/fixtures/unsaved.catalog.yaml')).href;

const at = (d: Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`;
const lineOf = (text: string, line: number) => text.split('\n')[line - 1];

function applied(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'yaml', 1, text), edits);
}

describe('cap-advisor lsp (stdio, as Neovim, Helix or Zed start it)', function () {
  let client: TestClient;
  before(async () => {
    client = await TestClient.spawn();
  });
  after(async () => {
    const code = await client.stop();
    assert.equal(code, 0, 'the server exits 0 after shutdown and exit');
  });

  it('says what it serves', () => {
    const { capabilities } = client.initializeResult;
    assert.deepEqual(
      {
        hover: capabilities.hoverProvider,
        lens: !!capabilities.codeLensProvider,
        symbols: capabilities.documentSymbolProvider,
        actions: capabilities.codeActionProvider,
        commands: capabilities.executeCommandProvider?.commands,
      },
      {
        hover: true,
        lens: true,
        symbols: true,
        actions: { codeActionKinds: ['quickfix', 'source.fixAll.capAdvisor'] },
        commands: ['cap-advisor.report', 'cap-advisor.simulate'],
      },
    );
  });

  it('diagnoses the example on open: 7 errors, 12 warnings, 5 information, with the linked templates read', async () => {
    await client.open(exampleUri, exampleText);
    const diagnostics = await client.diagnosticsOf(exampleUri, 1);
    const bySeverity = [1, 2, 3].map((severity) => diagnostics.filter((d) => d.severity === severity).length);
    assert.deepEqual(bySeverity, [7, 12, 5]);
    // Lines and columns as the CLI prints them: the template findings prove the links were followed.
    assert.ok(diagnostics.some((d) => at(d) === '98:17 region-drift'));
    assert.ok(diagnostics.some((d) => at(d) === '47:12 single-writer-hot-hot'));
    const ledger = diagnostics.find((d) => at(d) === '65:12 lww-on-strong-data')!;
    assert.equal(ledger.source, 'cap-advisor');
    assert.equal(ledger.message, "'order-ledger' is strong; its last writer wins: use dynamodb-global-strong.");
    assert.match(ledger.codeDescription!.href, /docs\/rules\/lww-on-strong-data\.md$/);
  });

  it('diagnoses an unsaved edit, without a save', async () => {
    // `sessions` (line 89) moves from aurora-global to dynamodb-global: its store-mismatch goes.
    const line = 89 - 1;
    assert.equal(lineOf(exampleText, 89), '    store: aurora-global');
    const version = await client.change(exampleUri, { start: { line, character: 11 }, end: { line, character: 24 } }, 'dynamodb-global');
    const diagnostics = await client.diagnosticsOf(exampleUri, version);
    assert.ok(!diagnostics.some((d) => at(d) === '89:12 store-mismatch'));
    // The recommendation stays, as a quiet hint now that the declared store fits.
    assert.equal(diagnostics.find((d) => at(d) === '86:11 recommendation')?.severity, 4);
    // And back, so the later tests see the example as it is on disk.
    const back = await client.change(exampleUri, { start: { line, character: 11 }, end: { line, character: 26 } }, 'aurora-global');
    assert.ok((await client.diagnosticsOf(exampleUri, back)).some((d) => at(d) === '89:12 store-mismatch'));
  });

  it('hovers a data type with its verdict and a store with its facts', async () => {
    const onName = await client.request<Hover>('textDocument/hover', { textDocument: { uri: exampleUri }, position: { line: 85, character: 12 } });
    assert.match((onName.contents as { value: string }).value, /^\*\*sessions\*\*: AP on `dynamodb-global` \(recommended\)/);
    assert.deepEqual(onName.range, { start: { line: 85, character: 10 }, end: { line: 85, character: 18 } });
    const onStore = await client.request<Hover>('textDocument/hover', { textDocument: { uri: exampleUri }, position: { line: 88, character: 14 } });
    // The finding's reasoning first (the Problems panel shows only its short message), then the store's facts.
    assert.match((onStore.contents as { value: string }).value, /^\*\*store-mismatch\*\* \(\[rule page\]\([^)]+\)\): `sessions` needs AP/);
    assert.match((onStore.contents as { value: string }).value, /\n\*\*`aurora-global`\*\*: Aurora Global Database\n/);
  });

  it('completes a store with every store of the model and marks the recommended one', async () => {
    const items = await client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: exampleUri },
      position: { line: 88, character: 24 },
    });
    assert.equal(items.length, 13);
    const recommended = items.find((item) => item.detail === 'recommended: AP');
    assert.equal(recommended?.label, 'dynamodb-global');
    assert.deepEqual(recommended?.textEdit && 'range' in recommended.textEdit ? recommended.textEdit.range : undefined, {
      start: { line: 88, character: 11 },
      end: { line: 88, character: 24 },
    });
  });

  it('offers the quick fixes of a diagnostic, and applying one gives the fixed catalog', async () => {
    const diagnostics = await client.diagnosticsOf(exampleUri);
    const mismatch = diagnostics.find((d) => at(d) === '89:12 store-mismatch')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: exampleUri },
      range: mismatch.range,
      context: { diagnostics: [mismatch] },
    });
    const preferred = actions.find((action) => action.isPreferred)!;
    assert.equal(preferred.title, 'Set store to dynamodb-global (recommended)');
    assert.deepEqual(preferred.diagnostics, [mismatch]);
    const fixed = applied(exampleText, preferred.edit!.changes![exampleUri]);
    assert.equal(lineOf(fixed, 89), '    store: dynamodb-global');
    assert.equal(fixed.split('\n').length, exampleText.split('\n').length);
  });

  it('fixes all the safe problems on request (source.fixAll, as on save)', async () => {
    const uri = scratchUri;
    const text = `${HEADER}  - name: carts\n    category: sesion\n    store: dynamodb-global\n`;
    await client.open(uri, text);
    await client.diagnosticsOf(uri, 1);
    const [fixAll] = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(fixAll.title, 'Fix all auto-fixable CAP Advisor problems (1)');
    assert.equal(applied(text, fixAll.edit!.changes![uri]), `${HEADER}  - name: carts\n    category: session\n    store: dynamodb-global\n`);
    await client.close(uri);
  });

  it('shows a lens on every data type, and its outline', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: exampleUri } });
    assert.equal(lenses.length, 18);
    assert.deepEqual(lenses[0].range.start, { line: 28, character: 10 });
    assert.deepEqual(lenses[0].command?.arguments, [exampleUri, 'payments']);
    assert.equal(lenses[0].command?.command, 'cap-advisor.report');
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: exampleUri } });
    assert.deepEqual(
      symbols.slice(0, 3).map((s) => s.name),
      ['payments', 'inventory', 'loyalty-points'],
    );
    assert.equal(symbols.length, 18);
    assert.equal(symbols[0].detail, lenses[0].command?.title);
  });

  it('runs the report and a partition scenario, in Markdown', async () => {
    const report = await client.request<{ markdown: string }>('workspace/executeCommand', { command: 'cap-advisor.report', arguments: [exampleUri] });
    assert.match(report.markdown, /^# CAP Advisor/);
    assert.match(report.markdown, /order-ledger/);
    const scenario = await client.request<{ markdown: string }>('workspace/executeCommand', {
      command: 'cap-advisor.simulate',
      arguments: [exampleUri, { isolate: 'us-east-1' }],
    });
    assert.match(scenario.markdown, /us-east-1 cut off/);
    assert.doesNotMatch(scenario.markdown, /us-east-2 cut off/);
  });

  it('answers a request for a document that is not open with a clear error, and keeps serving', async () => {
    const closed = pathToFileURL(join(repoRoot, 'nowhere.catalog.yaml')).href;
    await assert.rejects(client.request('textDocument/hover', { textDocument: { uri: closed }, position: { line: 0, character: 0 } }), (error: Error) => {
      assert.match(error.message, /nowhere\.catalog\.yaml is not open; open it \(textDocument\/didOpen\) first/);
      return true;
    });
    await assert.rejects(client.request('workspace/executeCommand', { command: 'cap-advisor.nothing', arguments: [] }), /has no command cap-advisor\.nothing/);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: exampleUri }, position: { line: 85, character: 12 } });
    assert.ok(hover);
  });

  it('refuses a huge file with one diagnostic that says why', async () => {
    const uri = pathToFileURL(join(repoRoot, 'huge.catalog.yaml')).href;
    await client.open(uri, `${HEADER}${'# padding\n'.repeat(1_100_000)}`);
    const diagnostics = await client.diagnosticsOf(uri, 1);
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0].message, /^Not analysed: the file is 10\.5 MB, over the 10 MB limit; raise the limit or split it\.$/);
    await client.close(uri);
    assert.deepEqual(await client.diagnosticsOf(uri), [], 'closing clears its diagnostics');
  });

  it('answers a binary file with a clear diagnostic', async () => {
    const uri = pathToFileURL(join(repoRoot, 'binary.catalog.yaml')).href;
    await client.open(uri, '\u0000\u0001\u0002PK\u0003\u0004\u0000\u0000garbage\u0000');
    const diagnostics = await client.diagnosticsOf(uri, 1);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.message]),
      [['yaml-syntax', 'Not analysed: the file holds binary data (a NUL byte at line 1, column 1), not YAML text.']],
    );
    await client.close(uri);
  });

  it('leaves YAML that is not a catalog alone', async () => {
    const uri = pathToFileURL(join(repoRoot, 'docker-compose.yaml')).href;
    await client.open(uri, 'services:\n  web:\n    image: nginx\n');
    const lenses = await client.request<CodeLens[] | null>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses, null);
    assert.equal(client.diagnostics.get(uri), undefined);
    await client.close(uri);
  });
});

describe('cap-advisor lsp: settings and failures inside the server', function () {
  it('takes rule severities from workspace/configuration', async () => {
    const client = await TestClient.inProcess({ settings: { rules: { 'store-mismatch': 'off' } } });
    try {
      await client.open(exampleUri, exampleText);
      const diagnostics = await client.diagnosticsOf(exampleUri, 1);
      assert.ok(!diagnostics.some((d) => d.code === 'store-mismatch'));
      assert.ok(diagnostics.some((d) => d.code === 'lww-on-strong-data'));
    } finally {
      await client.stop();
    }
  });

  it('keeps serving after a rule crashes: the catalog gets one diagnostic asking for a report', async () => {
    const { rules } = await import('../../src/engine/rules');
    const rule = rules.find((r) => r.id === 'store-mismatch')!;
    const check = rule.check;
    (rule as { check: unknown }).check = () => {
      throw new Error('boom');
    };
    const client = await TestClient.inProcess();
    try {
      await client.open(exampleUri, exampleText);
      const [crashed] = await client.diagnosticsOf(exampleUri, 1);
      assert.match(crashed.message, /internal error: please report it/);
      (rule as { check: unknown }).check = check;
      const version = await client.change(exampleUri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '');
      assert.equal((await client.diagnosticsOf(exampleUri, version)).filter((d) => d.severity === 1).length, 7);
    } finally {
      (rule as { check: unknown }).check = check;
      await client.stop();
    }
  });

  it('keeps a half-typed key from wiping the findings: they stay, moved with the edit', async () => {
    const client = await TestClient.inProcess();
    try {
      await client.open(scratchUri, `${HEADER}  - name: carts\n    category: session\n    store: aurora-global\n`);
      const before = await client.diagnosticsOf(scratchUri, 1);
      assert.ok(before.some((d) => at(d) === '15:12 store-mismatch'));
      // A line inserted above with an unclosed flow sequence: a syntax error.
      const version = await client.change(scratchUri, { start: { line: 12, character: 0 }, end: { line: 12, character: 0 } }, '  - [\n');
      const during = await client.diagnosticsOf(scratchUri, version);
      assert.ok(during.some((d) => d.code === 'yaml-syntax'));
      assert.ok(
        during.some((d) => at(d) === '16:12 store-mismatch'),
        during.map(at).join(', '),
      );
    } finally {
      await client.stop();
    }
  });
});

describe('cap-advisor lsp: what the VS Code extension asks beyond the standard protocol', function () {
  /** A workspace of two catalogs (one by its name, one by its apiVersion), a YAML file that is not one, and a dependency's catalog. */
  let folder: string;
  const uriOf = (path: string) => pathToFileURL(join(folder, path)).href;
  const storeMismatch = `${HEADER}  - name: carts\n    category: session\n    store: aurora-global\n`;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'cap-advisor-lsp-'));
    mkdirSync(join(folder, 'notes'));
    mkdirSync(join(folder, 'node_modules/dep'), { recursive: true });
    writeFileSync(join(folder, 'shop.catalog.yaml'), storeMismatch);
    writeFileSync(join(folder, 'notes/ledger.yaml'), `# declared by apiVersion, not by name\n${HEADER}  - name: ledger\n    category: transaction\n`);
    writeFileSync(join(folder, 'notes/compose.yaml'), 'services:\n  web:\n    image: nginx\n');
    writeFileSync(join(folder, 'node_modules/dep/vendored.catalog.yaml'), storeMismatch);
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('analyses the closed catalogs of the workspace, and keeps one that is closed from the file as saved', async () => {
    const client = await TestClient.inProcess({ workspaceFolder: folder });
    const analysed: string[] = [];
    client.connection.onNotification(CatalogAnalysedNotification, (summary) => analysed.push(summary.uri));
    try {
      const { catalogs } = await client.request<{ catalogs: CatalogSummary[] }>(AnalyzeWorkspaceRequest.method, {});
      assert.deepEqual(catalogs.map((c) => c.uri.slice(pathToFileURL(folder).href.length)).sort(), ['/notes/ledger.yaml', '/shop.catalog.yaml']);
      const shop = catalogs.find((c) => c.uri === uriOf('shop.catalog.yaml'))!;
      assert.deepEqual({ version: shop.version, dataTypes: shop.dataTypes, regions: shop.regions.length }, { version: null, dataTypes: 1, regions: 3 });
      assert.equal(shop.counts.warning, (await client.diagnosticsOf(uriOf('shop.catalog.yaml'))).filter((d) => d.severity === 2).length);
      assert.ok((await client.diagnosticsOf(uriOf('shop.catalog.yaml'))).some((d) => at(d) === '15:12 store-mismatch'));
      // Opened, edited (the mismatch fixed) and closed unsaved: the file as saved is what counts again.
      await client.open(uriOf('shop.catalog.yaml'), storeMismatch);
      const version = await client.change(
        uriOf('shop.catalog.yaml'),
        { start: { line: 14, character: 11 }, end: { line: 14, character: 24 } },
        'dynamodb-global',
      );
      assert.ok(!(await client.diagnosticsOf(uriOf('shop.catalog.yaml'), version)).some((d) => d.code === 'store-mismatch'));
      await client.close(uriOf('shop.catalog.yaml'));
      assert.ok((await client.diagnosticsOf(uriOf('shop.catalog.yaml'))).some((d) => at(d) === '15:12 store-mismatch'));
      assert.ok(analysed.includes(uriOf('notes/ledger.yaml')));
    } finally {
      await client.stop();
    }
  });

  it('forgets a closed catalog deleted on disk, and reads one created there', async () => {
    const client = await TestClient.inProcess({ workspaceFolder: folder });
    const forgotten = new Promise<string>((resolve) => client.connection.onNotification(CatalogForgottenNotification, ({ uri }) => resolve(uri)));
    try {
      await client.request(AnalyzeWorkspaceRequest.method, {});
      await client.diagnosticsOf(uriOf('shop.catalog.yaml'));
      rmSync(join(folder, 'shop.catalog.yaml'));
      client.diagnostics.delete(uriOf('shop.catalog.yaml'));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('shop.catalog.yaml'), type: 3 }] });
      assert.deepEqual(await client.diagnosticsOf(uriOf('shop.catalog.yaml')), []);
      assert.equal(await forgotten, uriOf('shop.catalog.yaml'));
      writeFileSync(join(folder, 'orders.catalog.yaml'), storeMismatch);
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('orders.catalog.yaml'), type: 1 }] });
      assert.ok((await client.diagnosticsOf(uriOf('orders.catalog.yaml'))).some((d) => at(d) === '15:12 store-mismatch'));
    } finally {
      await client.stop();
    }
  });

  it('draws the report and the scenario views, and exports the report, from its own analyses', async () => {
    const client = await TestClient.inProcess();
    try {
      await client.open(exampleUri, exampleText);
      const report = await client.request<{ html: string }>(ReportViewRequest.method, {
        uri: exampleUri,
        file: 'storefront.catalog.yaml',
        cspSource: 'vscode-webview:',
        nonce: 'n0nce',
        focus: 'carts',
      });
      assert.match(report.html, /<body class="reveal" data-focus="dt-carts">/);
      assert.match(report.html, /script-src 'nonce-n0nce'/);
      // The same page in a file, for a client on the same machine (the VS Code extension).
      const inFile = await client.request<{ html?: string; htmlFile: string }>(ReportViewRequest.method, {
        uri: exampleUri,
        file: 'storefront.catalog.yaml',
        cspSource: 'vscode-webview:',
        nonce: 'n0nce',
        focus: 'carts',
        deliver: 'file',
      });
      assert.equal(inFile.html, undefined);
      assert.equal(readFileSync(inFile.htmlFile, 'utf8'), report.html);
      const params = { uri: exampleUri, file: 'storefront.catalog.yaml', nonce: 'n0nce' };
      const all = await client.request<ScenarioView>(ScenarioViewRequest.method, params);
      // 18 data types × every Region of the three cut off and lost.
      assert.equal(all.html!.match(/<td class="v /g)?.length, 18 * 6);
      const carts = exampleText.indexOf('- name: carts') + '- name: '.length;
      assert.deepEqual(all.nameOffsets.carts, [carts, carts + 'carts'.length]);
      assert.equal((await client.request<ScenarioView>(ScenarioViewRequest.method, params)).fingerprint, all.fingerprint);
      const one = await client.request<ScenarioView>(ScenarioViewRequest.method, { ...params, disruptions: [{ kind: 'isolate', region: 'us-east-1' }] });
      assert.equal(one.html!.match(/<td class="v /g)?.length, 18);
      // A Region the catalog does not have: every scenario instead.
      const unknown = await client.request<ScenarioView>(ScenarioViewRequest.method, { ...params, disruptions: [{ kind: 'lose', region: 'ap-south-2' }] });
      assert.equal(unknown.fingerprint, all.fingerprint);
      const exported = await client.request<{ content: string; catalogs: number }>(ExportRequest.method, {
        catalogs: [{ uri: exampleUri, file: 'examples/storefront.catalog.yaml' }],
        format: 'sarif',
        toolVersion: '9.9.9',
      });
      const sarif = JSON.parse(exported.content) as { runs: { tool: { driver: { version: string } }; results: unknown[] }[] };
      assert.equal(sarif.runs[0].tool.driver.version, '9.9.9');
      // The 25 results `cap-advisor check examples/storefront.catalog.yaml --format sarif` gives.
      assert.equal(sarif.runs[0].results.length, 25);
    } finally {
      await client.stop();
    }
  });
});
