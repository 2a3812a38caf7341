// A message is only as good as what the Problems panel shows of it. At 1280 px (a laptop) with the
// Explorer open, every finding on the example must be whole, the action at its end included.
// Only the page knows what a row shows, so the offline host measures it (scripts/vscode-host,
// VSCODE_HOST_PROBE_DIR); a desktop host has no page to ask, and the test says so and skips.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, repoRoot, waitFor } from './helpers';

const storefront = vscode.Uri.file(path.join(repoRoot, 'examples/storefront.catalog.yaml'));

/**
 * Catalogs whose messages carry a user's long names: a Terraform address (store-drift,
 * unclaimed-resource), a long data type name, the category did-you-mean, and a YAML syntax error.
 */
function catalogsWithLongNames(): vscode.Uri[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cap-long-names-'));
  fs.mkdirSync(path.join(dir, 'infra'));
  fs.writeFileSync(
    path.join(dir, 'infra/main.tf'),
    `provider "aws" {\n  region = "us-east-1"\n}\n\n` +
      ['customer_payment_authorizations', 'customer_ledger_entries_secondary_index']
        .map(
          (name) =>
            `resource "aws_dynamodb_table" "${name}" {\n  name     = "${name}"\n  hash_key = "id"\n\n  replica {\n    region_name = "us-west-2"\n  }\n}\n`,
        )
        .join('\n'),
  );
  const head =
    'apiVersion: cap-advisor/v1\nkind: DataCatalog\nmetadata:\n  name: payments\nregions:\n  - name: us-east-1\n    role: primary\n  - name: us-west-2\n    role: secondary\n';
  fs.writeFileSync(
    path.join(dir, 'long.catalog.yaml'),
    `${head}infrastructure:\n  - infra\ndataTypes:\n` +
      '  - name: customer-payment-authorizations-primary\n    category: transaction\n    store: aurora-global\n    failover: manual\n    resources: [aws_dynamodb_table.customer_payment_authorizations]\n' +
      '  - name: customer-payment-authorizations-archive\n    category: transactoin\n    store: s3\n',
  );
  fs.writeFileSync(
    path.join(dir, 'broken.catalog.yaml'),
    `${head}dataTypes:\n  - name: "customer-payment-authorizations-${'x'.repeat(60)}\n    category: cart\n`,
  );
  // The example with every data type's name made long (a team's naming convention), its templates beside it.
  fs.cpSync(path.join(repoRoot, 'examples/infra'), path.join(dir, 'infra'), { recursive: true });
  let example = fs.readFileSync(path.join(repoRoot, 'examples/storefront.catalog.yaml'), 'utf8');
  for (const [, name] of example.matchAll(/^ {2}- name: ([a-z][\w-]+)$/gm)) {
    if (!/^(us|eu|ap)-/.test(name)) example = example.replace(new RegExp(`(?<![\\w-])${name}(?![\\w-])`, 'g'), `${name}-for-the-customer-facing-api`);
  }
  fs.writeFileSync(path.join(dir, 'example-long.catalog.yaml'), example);
  return ['long.catalog.yaml', 'broken.catalog.yaml', 'example-long.catalog.yaml'].map((name) => vscode.Uri.file(path.join(dir, name)));
}

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

  it('at 1280 px with the Explorer open, every message on the example, and those carrying long names, is whole', async function () {
    const probeDir = process.env.VSCODE_HOST_PROBE_DIR;
    if (!probeDir) {
      console.log('    (skipped: only the offline code-server host can measure the page)');
      return this.skip();
    }
    this.timeout(60_000);
    const shownOn = (uri: vscode.Uri) =>
      vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'cap-advisor' && d.severity !== vscode.DiagnosticSeverity.Hint);
    const [long, broken, exampleLong] = catalogsWithLongNames();
    for (const uri of [long, broken, exampleLong]) {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
      await waitFor(`the findings of ${path.basename(uri.fsPath)}`, () => shownOn(uri).length > 0, 30_000);
    }
    const byRule = new Set([...shownOn(long), ...shownOn(broken)].map((d) => (typeof d.code === 'object' ? d.code.value : d.code)));
    assert.deepEqual(
      ['store-drift', 'unclaimed-resource', 'schema', 'yaml-syntax'].filter((id) => !byRule.has(id)),
      [],
      `long-name findings missing: ${[...byRule].join(', ')}`,
    );
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(storefront));
    const shown = await waitFor(
      "the example's findings",
      () => {
        const diagnostics = shownOn(storefront);
        return diagnostics.length >= 23 && [...diagnostics, ...shownOn(long), ...shownOn(broken), ...shownOn(exampleLong)];
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
