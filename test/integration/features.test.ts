import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CapAdvisorApi } from '../../src/extension';
import { analyzeCatalog, STORE_IDS } from '../../src/engine';
import { byPosition, capDiagnostics, closeAllEditors, EXTENSION_ID, repoRoot, waitFor, workspaceUri } from './helpers';

const storefront = vscode.Uri.file(path.join(repoRoot, 'examples/storefront.catalog.yaml'));
const textOf = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

let api: CapAdvisorApi;
before(async () => {
  api = await vscode.extensions.getExtension<CapAdvisorApi>(EXTENSION_ID)!.activate();
});

/** In a suite that edits the example: it goes back to what it was, on disk and in the editor, after the suite. */
function restoresTheExample(): void {
  let original: string;
  before(async () => {
    original = await textOf(storefront);
  });
  after(async () => {
    await vscode.workspace.fs.writeFile(storefront, new TextEncoder().encode(original));
    await vscode.window.showTextDocument(storefront);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
}

describe('quick fixes in the editor', () => {
  restoresTheExample();

  it('the fixes for hot-hot carts follow the data: merging preferred, no human approval, hot-warm offered; once saved the finding is gone', async () => {
    const editor = await vscode.window.showTextDocument(storefront);
    const carts = 'warning hot-hot-without-guard@95:14-95:21';
    await waitFor('the carts finding', () => capDiagnostics(storefront).includes(carts));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      storefront,
      new vscode.Range(95, 14, 95, 21),
      vscode.CodeActionKind.QuickFix.value,
    );
    // Only the carts finding lies in this range, so these are its fixes (the workbench adds its
    // own AI actions, which carry no edit).
    const titles = actions.filter((a) => a.edit).map((a) => `${a.title}${a.isPreferred ? ' *' : ''}`);
    // A last-writer-wins table: say what it does, or that the writes converge (AWS's "write to any
    // Region"); no witness or quorum, which would stop no Region. DNS fails over on a health check,
    // so hot-warm says what follows.
    assert.deepEqual(titles, [
      'Set conflictResolution: last-writer-wins (what the store does) *',
      'Declare writes: [idempotent-put] (puts that converge)',
      'Add a split-brain guard: fencing lease',
      'Make the topology hot-warm (one writer Region) (then failover-drift)',
      'Accept the risk (hot-hot-without-guard) with a reason',
    ]);
    const preferred = actions.find((a) => a.isPreferred)!;
    assert.ok(await vscode.workspace.applyEdit(preferred.edit!));
    assert.ok(await editor.document.save());
    assert.match(
      await textOf(storefront),
      /    store: dynamodb-global\n    resources: \[CartsTable\]\n    conflictResolution: last-writer-wins\n\n  # AP by intent/,
    );
    await waitFor('the finding to disappear', () => !capDiagnostics(storefront).includes(carts));
    // Everything else is where it was: the edit added one line below the carts entry.
    assert.ok(capDiagnostics(storefront).includes('warning cap-intent-mismatch@110:9-110:11'));
  });

  it('accepting a risk inserts a snippet and the cursor lands on the reason', async () => {
    const editor = await vscode.window.showTextDocument(storefront);
    const budget = editor.document.positionAt(editor.document.getText().indexOf('stalenessBudget: 1m') + 'stalenessBudget: '.length);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      storefront,
      new vscode.Range(budget, budget.translate(0, 2)),
      vscode.CodeActionKind.QuickFix.value,
    );
    const accept = actions.find((a) => a.title === 'Accept the risk (staleness-budget-exceeded) with a reason');
    assert.ok(accept?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(accept.edit));
    const text = editor.document.getText();
    assert.match(text, /    acceptedRisks:\n      - rule: staleness-budget-exceeded\n        reason: why the team accepts this, and where it was agreed\n/);
    // The reason is the snippet's placeholder: selected, so typing replaces it.
    const reason = 'why the team accepts this, and where it was agreed';
    const reasonAt = text.indexOf(`reason: ${reason}`) + 'reason: '.length;
    assert.deepEqual([editor.document.offsetAt(editor.selection.start), editor.document.offsetAt(editor.selection.end)], [reasonAt, reasonAt + reason.length]);
    await waitFor('the finding to become an accepted risk', () => !capDiagnostics(storefront).some((d) => d.includes('staleness-budget-exceeded')));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});

describe('one voice per data type', () => {
  restoresTheExample();
  after(closeAllEditors);

  it("the lightbulb on order-ledger's store lists each fix once, and both findings name the smallest change, dynamodb-global-strong", async () => {
    const document = await vscode.workspace.openTextDocument(storefront);
    assert.equal(document.lineAt(64).text, '    store: dynamodb-global');
    await waitFor('both findings on the store', () => capDiagnostics(storefront).filter((d) => d.endsWith('@64:11-64:26')).length === 2 || undefined);
    const messages = vscode.languages
      .getDiagnostics(storefront)
      .filter((d) => d.range.start.line === 64)
      .map((d) => d.message);
    for (const message of messages) assert.match(message, /use dynamodb-global-strong\.$/, message);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      storefront,
      new vscode.Range(64, 11, 64, 26),
      vscode.CodeActionKind.QuickFix.value,
    );
    assert.deepEqual(
      actions.filter((a) => a.edit).map((a) => `${a.title}${a.isPreferred ? ' *' : ''}`),
      [
        'Set store to dynamodb-global-strong (recommended) *',
        'Set store to aurora-dsql (the alternative)',
        'Accept the risk (lww-on-strong-data) with a reason',
        'Accept the risk (store-mismatch) with a reason',
      ],
    );
  });

  it('declaring the failover DNS really does on payments brings the fencing lease along, and no finding asks to undo it', async () => {
    const editor = await vscode.window.showTextDocument(storefront);
    const drift = 'warning failover-drift@28:10-28:18';
    await waitFor('the failover-drift finding', () => capDiagnostics(storefront).includes(drift));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      storefront,
      new vscode.Range(28, 10, 28, 18),
      vscode.CodeActionKind.QuickFix.value,
    );
    const declare = actions.find((a) => a.title === 'Declare automatic failover (what DNS does) and add a fencing lease');
    assert.ok(declare?.edit && declare.isPreferred, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(declare.edit));
    assert.match(
      editor.document.getText(),
      /    splitBrainGuards:\n      - human-approval\n      - \{ type: fencing-lease, ttl: 30s \}\n    resources: \[PaymentsGlobal\]\n    failover: automatic\n/,
    );
    await waitFor('the drift to go, with no unguarded failover in its place', () => {
      const payments = capDiagnostics(storefront).filter((d) => /@(2[89]|3\d|4[01]):/.test(d));
      return !payments.some((d) => /failover-drift|unguarded-automatic-failover/.test(d)) || undefined;
    });
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('a key half typed: its syntax error where it is typed, the other findings and lenses kept and moved down a line', async () => {
    const content =
      'apiVersion: cap-advisor/v1\nkind: DataCatalog\nmetadata:\n  name: shop\nregions:\n  - { name: us-east-1, role: primary }\n  - { name: us-east-2, role: secondary }\ndataTypes:\n' +
      '  - name: carts\n    category: cart\n    store: aurora-global\n    topology: hot-hot\n' +
      '  - name: ledger\n    category: transaction\n    store: dynamodb-global\n    topology: hot-hot\n';
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content });
    const editor = await vscode.window.showTextDocument(document);
    const lenses = async () =>
      (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 100))
        .filter((lens) => lens.command?.command === 'capAdvisor.showReport')
        .map((lens) => `${lens.range.start.line} ${lens.command!.title}`);
    const before = await waitFor('the findings of the whole catalog', () => {
      const found = capDiagnostics(document.uri).filter((d) => !d.startsWith('hint'));
      return found.some((d) => /@1[2-5]:/.test(d)) && found.some((d) => /@(9|10|11):/.test(d)) && found;
    });
    const lensesBefore = await lenses();
    assert.equal(lensesBefore.length, 2, lensesBefore.join(' | '));
    // `    cat` typed on a new line under carts, before its colon: the text does not parse.
    await editor.edit((edit) => edit.insert(document.lineAt(11).range.end, '\n    cat'));
    const after = await waitFor('the syntax error beside the kept findings', () => {
      const found = capDiagnostics(document.uri);
      return found.some((d) => d.includes('yaml-syntax')) && found;
    });
    const shifted = (d: string) =>
      d.replace(
        /@(\d+):(\d+)-(\d+):/,
        (_, a: string, c: string, b: string) => `@${Number(a) >= 12 ? Number(a) + 1 : a}:${c}-${Number(b) >= 12 ? Number(b) + 1 : b}:`,
      );
    // Every finding of the last good analysis is still there, those below the new line one line down.
    assert.deepEqual(
      after.filter((d) => !d.includes('yaml-syntax') && !d.startsWith('hint')),
      before.map(shifted).sort(byPosition),
    );
    assert.ok(
      after.some((d) => /^error yaml-syntax@1[23]:/.test(d)),
      after.join(' | '),
    );
    assert.deepEqual(
      await lenses(),
      lensesBefore.map((lens) => lens.replace(/^12 /, '13 ')),
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('an entry still being written gets "Finish this entry" in its lens, not a recommendation', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content:
        'apiVersion: cap-advisor/v1\nkind: DataCatalog\nmetadata:\n  name: shop\nregions:\n  - { name: us-east-1, role: primary }\n  - { name: us-east-2, role: secondary }\ndataTypes:\n  - name: led\n',
    });
    await vscode.window.showTextDocument(document);
    const lensTitles = async () =>
      (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 100))
        .filter((lens) => lens.command?.command === 'capAdvisor.showReport')
        .map((lens) => lens.command!.title);
    const deadline = Date.now() + 10_000;
    let titles = await lensTitles();
    while (titles.join() !== 'Finish this entry: 1 schema error' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      titles = await lensTitles();
    }
    assert.deepEqual(titles, ['Finish this entry: 1 schema error']);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

describe('fix all', () => {
  const typo = () => workspaceUri('typo.catalog.yaml');
  after(async () => {
    // Revert first: closing a dirty editor could write the file back.
    await vscode.window.showTextDocument(typo());
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await closeAllEditors();
    await vscode.workspace.fs.delete(typo(), { useTrash: false });
  });

  it('source.fixAll.capAdvisor corrects the typos and nothing else', async () => {
    const text = (await textOf(workspaceUri('orders.catalog.yaml'))).replace('store: aurora-global', 'store: aurora-globl');
    await vscode.workspace.fs.writeFile(typo(), new TextEncoder().encode(text));
    const editor = await vscode.window.showTextDocument(typo());
    await waitFor('the typo finding', () => capDiagnostics(typo()).some((d) => d.startsWith('error schema@')));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      typo(),
      new vscode.Range(0, 0, 0, 0),
      'source.fixAll.capAdvisor',
    );
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Fix all auto-fixable CAP Advisor problems (1)'],
    );
    assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
    assert.equal(editor.document.getText(), text.replace('aurora-globl', 'aurora-global'));
  });
});

describe('hover', () => {
  it('explains a data type, a store and a guard', async () => {
    const document = await vscode.workspace.openTextDocument(storefront);
    const hoverText = async (line: number, character: number) => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', storefront, new vscode.Position(line, character));
      return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'object' && 'value' in c ? c.value : String(c)))).join('\n');
    };
    assert.equal(document.lineAt(92).text, '  - name: carts');
    assert.match(await hoverText(92, 12), /A customer in us-east-2 may see `carts` behind a write in us-east-1 \(typically within 1 s/);
    assert.match(await hoverText(96, 14), /\*\*`dynamodb-global`\*\*: DynamoDB global tables/);
    assert.match(await hoverText(37, 10), /adds 5 to 10 minutes to the RTO/);
    // On a category, a topology and a Region name: what each means.
    assert.equal(document.lineAt(94).text, '    category: cart');
    assert.match(
      await hoverText(94, 15),
      /\*\*category: cart\*\*: Shopping carts\. Eventual\.\n\nFor `carts`: AP on `dynamodb-global` \(recommended\)\. The declared `dynamodb-global` fits\./,
    );
    assert.match(await hoverText(95, 6), /\*\*topology\*\*: `single-region`: one Region/);
    assert.equal(document.lineAt(11).text, '  - name: us-east-2');
    assert.match(
      await hoverText(11, 12),
      /\*\*us-east-2\*\*: secondary Region\. Holds replicas and takes over on a failover\.\n\nHolds \d+ data types: payments, /,
    );
    // On a finding, the hover gives the detail the Problems panel leaves out.
    assert.equal(document.lineAt(95).text, '    topology: hot-hot');
    assert.match(
      await hoverText(95, 16),
      /\*\*hot-hot-without-guard\*\* \(\[rule page\]\([^)]+\)\): `carts` takes writes in 2 Regions on `dynamodb-global`, where concurrent writes to one item resolve by last writer wins/,
    );
  });
});

describe('code lens', () => {
  after(closeAllEditors);

  it("shows each data type's recommendation and state above it, and opens the report at that data type", async () => {
    await vscode.window.showTextDocument(storefront);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', storefront, 100);
    const ours = lenses.filter((lens) => lens.command?.command === 'capAdvisor.showReport');
    assert.equal(ours.length, 18);
    const carts = ours.find((lens) => lens.range.start.line === 92)!;
    assert.equal(carts.command!.title, 'AP · dynamodb-global · 1 error, 2 warnings');
    assert.equal(ours.find((lens) => lens.range.start.line === 28)!.command!.title, 'CP · aurora-global · 3 warnings');
    await vscode.commands.executeCommand(carts.command!.command, ...carts.command!.arguments!);
    assert.match(api.report.html ?? '', /<body class="reveal" data-focus="dt-carts">/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});

describe('completion', () => {
  after(closeAllEditors);
  const CATALOG =
    'apiVersion: cap-advisor/v1\nkind: DataCatalog\nmetadata:\n  name: shop\nregions:\n  - { name: us-east-1, role: primary }\n  - { name: us-east-2, role: secondary }\n  - { name: us-west-2, role: witness }\ndataTypes:\n  - name: carts\n    category: cart\n';
  /** CAP Advisor's items at the end of `lines` appended to the catalog, in the order the list shows them. */
  const completeAfter = async (lines: string) => {
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: CATALOG + lines });
    await vscode.window.showTextDocument(document);
    const end = document.positionAt(document.getText().length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, end);
    return list.items.filter((item) => item.sortText !== undefined && /^\d{3}$/.test(item.sortText)).sort((a, b) => a.sortText!.localeCompare(b.sortText!));
  };
  const label = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : `${item.label.label} ${item.label.description ?? ''}`.trim());

  it('after store: offers the recommended store first, every store with what it is', async () => {
    const items = await completeAfter('    store: ');
    assert.equal(label(items[0]), 'dynamodb-global recommended: AP');
    assert.equal(items[0].preselect, true);
    assert.equal(items.length, STORE_IDS.length);
    assert.match((items[0].documentation as vscode.MarkdownString).value, /DynamoDB global tables/);
  });

  it('store in a new entry, asked for before the typing pauses (the list a key reopens): the recommendation is labelled', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: CATALOG });
    const editor = await vscode.window.showTextDocument(document);
    await waitFor('the first analysis', () => capDiagnostics(document.uri).length > 0);
    // Typed at once and completed at once: no analysis of the new entry has run yet.
    await editor.edit((edit) => edit.insert(document.positionAt(document.getText().length), '  - name: ledger\n    category: transaction\n    store: '));
    const end = document.positionAt(document.getText().length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, end);
    const items = list.items
      .filter((item) => item.sortText !== undefined && /^\d{3}$/.test(item.sortText))
      .sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    assert.equal(label(items[0]), 'aurora-global recommended: CP');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('offers keys with their descriptions, and a key reopens the list for its value', async () => {
    const items = await completeAfter('    ');
    const topology = items.find((item) => label(item) === 'topology')!;
    assert.ok(topology, items.map(label).join());
    assert.equal(topology.command?.command, 'editor.action.triggerSuggest');
    assert.ok(!items.some((item) => label(item) === 'category'), 'category is written already');
  });

  it("offers the declared Regions in a data type's regions and the witness in a witness guard", async () => {
    assert.deepEqual((await completeAfter('    regions: [')).map(label), ['us-east-1 primary', 'us-east-2 secondary']);
    assert.deepEqual((await completeAfter('    splitBrainGuards:\n      - { type: witness-region, region: ')).map(label), ['us-west-2 witness']);
  });
});

describe('snippets', () => {
  const snippetLabels = async (content: string) => {
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content });
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      document.positionAt(content.length),
    );
    return list.items
      .filter((item) => item.kind === vscode.CompletionItemKind.Snippet)
      .map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
  };

  it('offer a whole catalog in an empty YAML file, a Region where a Region starts, and neither as a value', async () => {
    assert.deepEqual(await snippetLabels(''), ['cap-catalog']);
    const head = 'apiVersion: cap-advisor/v1\nkind: DataCatalog\nmetadata:\n  name: shop\nregions:\n  - name: us-east-1\n    role: primary\n';
    assert.deepEqual(await snippetLabels(`${head}  `), ['cap-region']);
    assert.deepEqual(await snippetLabels(`${head}  - `), ['cap-region']);
    const entry = `${head}dataTypes:\n  - name: orders\n    category: transaction\n`;
    for (const key of ['store', 'topology', 'failover', 'writeMode']) {
      const labels = await snippetLabels(`${entry}    ${key}: `);
      assert.ok(!labels.some((label) => label === 'cap-region' || label === 'cap-catalog'), `after ${key}: ${labels.join(', ')}`);
    }
    await closeAllEditors();
  });

  it('inside an inserted entry, no quick suggestion pops up to take the Tab that moves to the next field', () => {
    const yaml = vscode.workspace.getConfiguration('editor', { languageId: 'yaml' });
    assert.equal(yaml.get('suggest.snippetsPreventQuickSuggestions'), true);
  });

  it('in an empty catalog file, cap-catalog sorts first: the whole skeleton before any one key', async () => {
    const uri = workspaceUri('empty.catalog.yaml');
    await vscode.workspace.fs.writeFile(uri, new Uint8Array());
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(0, 0));
      const name = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
      // The suggest widget's order (CompletionModel's default comparator): sortText, else the label, lower-cased, compared code unit by code unit.
      const key = (item: vscode.CompletionItem) => (item.sortText ?? name(item)).toLowerCase();
      const sorted = [...list.items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      assert.ok(
        list.items.some((item) => name(item) === 'apiVersion'),
        "the catalog's own keys are offered too",
      );
      assert.equal(name(sorted[0]), 'cap-catalog', sorted.slice(0, 8).map(name).join(', '));
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      await vscode.workspace.fs.delete(uri, { useTrash: false });
    }
  });

  it('offer each kind of data type where an entry starts in a catalog, with a name the catalog does not use yet', async () => {
    const text = await textOf(storefront);
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: `${text}  \n` });
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      document.positionAt(document.getText().length - 1),
    );
    const entries = list.items.filter(
      (item) => item.kind === vscode.CompletionItemKind.Snippet && typeof item.label === 'object' && item.label.description?.startsWith('new data type'),
    );
    assert.deepEqual(
      entries.map((item) => `${(item.label as vscode.CompletionItemLabel).label} ${(item.label as vscode.CompletionItemLabel).description}`),
      [
        'cap-transaction new data type payments-2',
        'cap-session new data type sessions-2',
        'cap-cache new data type price-cache-2',
        'cap-reference new data type product-images-2',
      ],
    );
  });

  it("inserts each kind of entry as valid YAML, the dash typed or not: the editor's own indentation of a snippet", async () => {
    const head =
      'apiVersion: cap-advisor/v1\nkind: DataCatalog\nmetadata:\n  name: shop\nregions:\n  - { name: us-east-1, role: primary }\n  - { name: us-east-2, role: secondary }\ndataTypes:\n  - name: orders\n    category: transaction\n';
    for (const typed of ['  ', '  - ']) {
      for (const label of ['cap-transaction', 'cap-session', 'cap-cache', 'cap-reference']) {
        const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: `${head}${typed}` });
        const editor = await vscode.window.showTextDocument(document);
        const end = document.positionAt(document.getText().length);
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, end);
        const item = list.items.find((candidate) => typeof candidate.label === 'object' && candidate.label.label === label)!;
        assert.ok(item, `${label} after ${JSON.stringify(typed)}`);
        const range = item.range instanceof vscode.Range ? item.range : item.range!.replacing;
        // insertSnippet indents the lines after the first as accepting the completion does.
        assert.ok(await editor.insertSnippet(item.insertText as vscode.SnippetString, range));
        const text = editor.document.getText();
        const findings = analyzeCatalog(text).findings.filter((f) => f.ruleId === 'yaml-syntax' || f.ruleId === 'schema');
        assert.deepEqual(
          findings.map((f) => f.message),
          [],
          `${label} after ${JSON.stringify(typed)}:\n${text}`,
        );
        assert.match(text, /\n  - name: [a-z-]+\n    (description|category): /, `${label} after ${JSON.stringify(typed)}:\n${text}`);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    }
  });
});

describe('commands', () => {
  after(closeAllEditors);

  it('every contributed command is registered under the CAP Advisor category', async () => {
    const contributed = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as Array<{ command: string; category: string }>;
    assert.deepEqual(contributed.map((c) => c.command).sort(), [
      'capAdvisor.addDataType',
      'capAdvisor.analyzeWorkspace',
      'capAdvisor.draftCatalog',
      'capAdvisor.exportReport',
      'capAdvisor.newCatalog',
      'capAdvisor.openExample',
      'capAdvisor.showFixes',
      'capAdvisor.showReport',
      'capAdvisor.simulate',
      'capAdvisor.writeExperiment',
    ]);
    const registered = await vscode.commands.getCommands(true);
    for (const { command, category } of contributed) {
      assert.equal(category, 'CAP Advisor');
      assert.ok(registered.includes(command), command);
    }
  });

  it('Show Consistency Report opens the report of the active catalog, with the CAP picture, and follows edits', async () => {
    const editor = await vscode.window.showTextDocument(storefront);
    assert.equal(await vscode.commands.executeCommand('capAdvisor.showReport'), true);
    assert.match(api.report.html ?? '', /<svg class="cap-picture"/);
    assert.match(api.report.html ?? '', /script-src 'nonce-[0-9a-f]{32}'/);
    assert.match(api.status.text ?? '', /^\$\(error\) 7 \$\(warning\) 12 CAP$/);
    const firstFindingAt = () => Number(/data-start="(\d+)"/.exec(api.report.html ?? '')?.[1]);
    const before = firstFindingAt();
    const added = '# The report follows the editor.\n';
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), added));
    await waitFor('the report to show the edited catalog', () => firstFindingAt() === before + added.length);
    // The report is the active editor now: bring the catalog back to revert it, not the report.
    await vscode.window.showTextDocument(storefront);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(editor.document.isDirty, false);
    await waitFor('the report to follow the revert', () => firstFindingAt() === before);
  });

  it("the report follows the active catalog, and opens a rule's page inside VS Code", async () => {
    await vscode.window.showTextDocument(storefront);
    assert.equal(await vscode.commands.executeCommand('capAdvisor.showReport'), true);
    assert.equal(api.report.catalog?.toString(), storefront.toString());
    const orders = workspaceUri('orders.catalog.yaml');
    await vscode.window.showTextDocument(orders, { viewColumn: vscode.ViewColumn.One });
    await waitFor('the report to follow the active catalog', () => api.report.catalog?.toString() === orders.toString());
    await waitFor('the report of orders.catalog.yaml', () => /orders\.catalog\.yaml/.test(api.report.html ?? ''));
    assert.match(api.report.html ?? '', /<input type="radio" name="severity" id="show-error">/);
    await api.report.openRule('hot-hot-without-guard');
    await waitFor('the rule page in the Markdown preview', () =>
      vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => /hot-hot-without-guard\.md/.test(tab.label)),
    );
  });

  it("the walkthrough's commands: open a copy of the example with its infrastructure, then put the cursor on its first error with the fixes open", async () => {
    const walkthrough = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.walkthroughs[0];
    const registered = await vscode.commands.getCommands(true);
    for (const step of walkthrough.steps) assert.ok(registered.includes(/\(command:([\w.]+)\)/.exec(step.description)![1]), step.id);
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('capAdvisor.openExample');
    // A file in the extension's storage, not the extension's own example, with its templates beside it.
    assert.equal(document.uri.scheme, 'file');
    assert.ok(!document.uri.fsPath.startsWith(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri.fsPath), document.uri.fsPath);
    assert.equal(vscode.window.activeTextEditor?.document, document);
    // The README's counts: the deployed-system findings (region-drift on carts) show too.
    const found = await waitFor("the example's diagnostics, the linked templates read", () => {
      const all = capDiagnostics(document.uri);
      return all.includes('error single-writer-hot-hot@46:11-46:24') && all.some((d) => d.startsWith('warning region-drift')) && all;
    });
    const count = (severity: string) => found.filter((d) => d.startsWith(`${severity} `)).length;
    assert.deepEqual([count('error'), count('warning'), count('information')], [7, 12, 5]);
    assert.equal(await vscode.commands.executeCommand('capAdvisor.showFixes'), true);
    assert.deepEqual([vscode.window.activeTextEditor!.selection.active.line, vscode.window.activeTextEditor!.selection.active.character], [46, 11]);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it("Simulate Partition shows the matrix and the picture beside the catalog; a Region's hover says what cutting it off does", async () => {
    await vscode.window.showTextDocument(storefront);
    assert.equal(await vscode.commands.executeCommand('capAdvisor.simulate', storefront, 'all'), true);
    const html = api.scenarios.html ?? '';
    assert.match(html, /<td class="v split-brain" data-scenario="0" data-data-type="order-ledger"/);
    assert.equal(html.match(/<td class="v /g)?.length, 18 * 6);
    assert.equal(html.match(/<svg class="scenario-picture"/g)?.length, 6);
    assert.match(html, /script-src 'nonce-[0-9a-f]{32}'/);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', storefront, new vscode.Position(9, 12));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'object' && 'value' in c ? c.value : String(c)))).join('\n');
    assert.match(text, /\*\*Cut off:\*\* \*\*split-brain\*\*: order-ledger, price-cache, view-counts/);
  });

  it('a verdict that is not fine reveals in the catalog what changes it: the finding whose quick fix prevents it', async () => {
    await vscode.window.showTextDocument(storefront);
    assert.equal(await vscode.commands.executeCommand('capAdvisor.simulate', storefront, 'all'), true);
    const cell =
      /<td class="v split-brain" data-scenario="0" data-data-type="order-ledger"[^>]*>(?:(?!<\/td>)[\s\S])*?data-start="(\d+)" data-end="(\d+)"/.exec(
        api.scenarios.html ?? '',
      );
    assert.ok(cell, "order-ledger's split-brain cell links what changes it");
    const [start, end] = [Number(cell[1]), Number(cell[2])];
    await api.scenarios.handle({ type: 'reveal', offset: [start, end] });
    const editor = await waitFor('the catalog to show the change', () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.fsPath === storefront.fsPath && active.document.offsetAt(active.selection.start) === start && active;
    });
    const selected = editor.document.getText(editor.selection);
    console.log(`    revealed: ${JSON.stringify(selected)}`);
    const findings = vscode.languages.getDiagnostics(storefront).filter((d) => d.source === 'cap-advisor' && d.range.isEqual(editor.selection));
    assert.ok(findings.length > 0 || /^(failover|topology|writeMode|conflictResolution|splitBrainGuards|store)\b/.test(selected), `revealed ${selected}`);
  });

  it('the scenario view follows the active catalog, and Analyze Workspace does not draw it again (the chosen scenario stays)', async () => {
    await vscode.window.showTextDocument(storefront);
    assert.equal(await vscode.commands.executeCommand('capAdvisor.simulate', storefront, [{ kind: 'isolate', region: 'us-east-1' }]), true);
    assert.match(api.scenarios.html ?? '', /<h2>Partition scenarios: .*storefront\.catalog\.yaml<\/h2>/);
    const before = api.scenarios.html;
    await vscode.commands.executeCommand('capAdvisor.analyzeWorkspace');
    assert.equal(api.scenarios.html, before);
    // orders.catalog.yaml declares us-east-1 too: its scenario is kept.
    await vscode.window.showTextDocument(workspaceUri('orders.catalog.yaml'), { viewColumn: vscode.ViewColumn.One });
    const orders = await waitFor(
      'the view to show orders.catalog.yaml',
      () => /<h2>Partition scenarios: orders\.catalog\.yaml<\/h2>/.test(api.scenarios.html ?? '') && api.scenarios.html!,
    );
    assert.equal(orders.match(/<td class="v /g)?.length, 1);
    await vscode.window.showTextDocument(storefront, { viewColumn: vscode.ViewColumn.One });
    await waitFor('the view to show the storefront again', () => /storefront\.catalog\.yaml<\/h2>/.test(api.scenarios.html ?? ''));
  });

  it('Write fault-injection experiment: each cut-off column offers it; it opens the FIS template and the test plan side by side, unsaved, beside the catalog', async () => {
    await vscode.window.showTextDocument(storefront);
    assert.equal(await vscode.commands.executeCommand('capAdvisor.simulate', storefront, 'all'), true);
    const html = api.scenarios.html ?? '';
    assert.deepEqual(
      [...html.matchAll(/<button data-experiment="([^"]+)"[^>]*>Write fault-injection experiment…<\/button>/g)].map((m) => m[1]),
      ['us-east-1', 'us-east-2', 'us-west-2'],
    );
    const written = await vscode.commands.executeCommand<{ template: vscode.TextDocument; plan: vscode.TextDocument }>(
      'capAdvisor.writeExperiment',
      storefront,
      'us-east-1',
      'cloudformation',
    );
    assert.equal(written.template.uri.scheme, 'untitled');
    assert.equal(written.template.uri.path, vscode.Uri.joinPath(storefront, '../isolate-us-east-1.fis.yaml').path);
    assert.equal(written.template.languageId, 'yaml');
    assert.match(written.template.getText(), /^ {4}Type: AWS::FIS::ExperimentTemplate$/m);
    assert.match(written.template.getText(), /^ {8}PauseCartsTable:$/m);
    assert.equal(written.plan.uri.path, vscode.Uri.joinPath(storefront, '../isolate-us-east-1.test-plan.md').path);
    assert.match(written.plan.getText(), /^### carts: diverges$/m);
    const shown = await waitFor('the template and the plan side by side', () => {
      const columns = new Map(vscode.window.visibleTextEditors.map((editor) => [editor.document.uri.toString(), editor.viewColumn]));
      return (
        columns.get(written.template.uri.toString()) === vscode.ViewColumn.One && columns.get(written.plan.uri.toString()) === vscode.ViewColumn.Two && columns
      );
    });
    assert.ok(shown);
    // FIS has nothing to act on in a witness: the plan alone, saying why.
    const witness = await vscode.commands.executeCommand<{ template?: vscode.TextDocument; plan: vscode.TextDocument }>(
      'capAdvisor.writeExperiment',
      storefront,
      'us-west-2',
      'cloudformation',
    );
    assert.equal(witness.template, undefined);
    assert.match(witness.plan.getText(), /us-west-2 is a witness: it holds no data/);
    for (const document of [written.template, written.plan, witness.plan]) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('Export Report writes each format to the file given', async () => {
    await vscode.window.showTextDocument(storefront);
    for (const [format, check] of [
      ['json', /^\{\n {2}"files": \[/],
      ['sarif', /"version": "2\.1\.0"/],
      ['markdown', /^# CAP Advisor report/],
      ['html', /^<!DOCTYPE html>/],
    ] as const) {
      const target = workspaceUri(`report.${format}`);
      const written = await vscode.commands.executeCommand<vscode.Uri>('capAdvisor.exportReport', target, format);
      assert.equal(written?.toString(), target.toString());
      assert.match(await textOf(target), check);
      await vscode.workspace.fs.delete(target, { useTrash: false });
    }
  });

  it('New Data Catalog opens an untitled, commented catalog named after the system it asks for, that analyses clean', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('capAdvisor.newCatalog', 'ledger-service');
    assert.equal(document.uri.scheme, 'untitled');
    // Its tab is a catalog's file name in the workspace folder, not its first comment line.
    assert.match(document.uri.path, /\/ledger-service(-\d+)?\.catalog\.yaml$/);
    assert.equal(document.languageId, 'yaml');
    assert.match(document.getText(), /^# A CAP Advisor data catalog/);
    assert.match(document.getText(), /^metadata:\n {2}name: ledger-service\n/m);
    // The diagnostics of its text (an empty document's may show first, for the debounce's time).
    const diagnostics = await waitFor('its diagnostics', () => capDiagnostics(document.uri).length === 3 && capDiagnostics(document.uri));
    assert.deepEqual(
      diagnostics.map((d) => d.split('@')[0]),
      ['hint recommendation', 'hint recommendation', 'hint recommendation'],
    );
  });

  it('Add Data Type inserts the recommended entry at the end of dataTypes, in block YAML separated like its neighbours', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('capAdvisor.newCatalog', 'shop');
    const added = await vscode.commands.executeCommand<boolean>('capAdvisor.addDataType', { name: 'ledger', category: 'inventory', multiRegionWrites: true });
    assert.equal(added, true);
    assert.ok(
      document
        .getText()
        .endsWith(
          '    store: s3\n\n  - name: ledger\n    category: inventory\n    topology: hot-hot\n    cap: CP\n    store: aurora-dsql\n    splitBrainGuards:\n      - { type: witness-region, region: us-west-2 }\n      - quorum\n',
        ),
      document.getText(),
    );
    await waitFor(
      'the new entry analysed without errors',
      () => capDiagnostics(document.uri).length === 4 && capDiagnostics(document.uri).every((d) => d.startsWith('hint ')),
    );
  });
});

describe('settings', () => {
  const orders = () => workspaceUri('orders.catalog.yaml');
  after(async () => {
    await vscode.workspace.getConfiguration('capAdvisor').update('rules', undefined, vscode.ConfigurationTarget.Global);
  });

  it('capAdvisor.rules changes severities and turns rules off, for open and closed catalogs', async () => {
    await vscode.commands.executeCommand('capAdvisor.analyzeWorkspace');
    assert.deepEqual(capDiagnostics(orders()), ['hint recommendation@10:10-10:16']);
    await vscode.workspace.getConfiguration('capAdvisor').update('rules', { recommendation: 'warning' }, vscode.ConfigurationTarget.Global);
    await waitFor('the severity to change', () => capDiagnostics(orders())[0] === 'warning recommendation@10:10-10:16');
    await vscode.workspace.getConfiguration('capAdvisor').update('rules', { recommendation: 'off' }, vscode.ConfigurationTarget.Global);
    await waitFor('the rule to be off', () => capDiagnostics(orders()).length === 0);
  });
});
