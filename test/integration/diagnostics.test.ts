import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { byPosition, capDiagnostics, repoRoot, waitFor } from './helpers';

const storefront = vscode.Uri.file(path.join(repoRoot, 'examples/storefront.catalog.yaml'));

// What the engine reports for examples/storefront.catalog.yaml with the templates it links, from
// `node bin/cap-advisor.js check --format json examples/storefront.catalog.yaml`, turned into
// VS Code's 0-based positions. A change in the engine or in the shell's mapping fails here.
const expected = [
  'information unclaimed-resource@22:4-22:54',
  'warning failover-drift@28:10-28:18',
  'hint recommendation@28:10-28:18',
  'warning rpo-unachievable@34:9-34:11',
  'warning guard-not-deployed@37:8-37:22',
  'information recommendation@42:10-42:19',
  'error single-writer-hot-hot@46:11-46:24',
  'hint recommendation@49:10-49:24',
  'information recommendation@60:10-60:22',
  'error lww-on-strong-data@64:11-64:26',
  'warning store-mismatch@64:11-64:26',
  'error lww-on-strong-data@65:24-65:40',
  'hint recommendation@68:10-68:20',
  'error witness-missing@73:40-73:49',
  'hint recommendation@76:10-76:21',
  'warning rto-vs-human-approval@80:9-80:11',
  'information recommendation@85:10-85:18',
  'warning store-mismatch@88:11-88:24',
  'hint recommendation@92:10-92:15',
  'warning hot-hot-without-guard@95:14-95:21',
  'warning region-drift@97:16-97:26',
  'error witness-holds-data@97:16-97:26',
  'hint recommendation@100:10-100:25',
  'hint recommendation@107:10-107:26',
  'warning cap-intent-mismatch@109:9-109:11',
  'hint recommendation@113:10-113:22',
  'error ca-in-multi-region@115:9-115:11',
  'hint recommendation@119:10-119:21',
  'warning unguarded-automatic-failover@122:14-122:23',
  'hint recommendation@127:10-127:25',
  'warning staleness-budget-exceeded@131:21-131:23',
  'warning replication-without-rtc@132:16-132:29',
  'hint recommendation@136:10-136:19',
  'hint recommendation@144:10-144:24',
  'hint recommendation@149:10-149:29',
  'hint recommendation@157:10-157:25',
  'information strong-reads-in-writer-region@160:15-160:25',
  'hint recommendation@165:10-165:21',
  'error lww-loses-updates@170:12-170:21',
].sort(byPosition);

/** Each expected entry moved down by `lines`. */
function shifted(lines: number): string[] {
  return expected.map((entry) => entry.replace(/@(\d+):(\d+)-(\d+):(\d+)$/, (_, l1, c1, l2, c2) => `@${+l1 + lines}:${c1}-${+l2 + lines}:${c2}`));
}

const sameAs = (list: string[]) => () => {
  const actual = capDiagnostics(storefront);
  return JSON.stringify(actual) === JSON.stringify(list) && actual;
};

describe('diagnostics of examples/storefront.catalog.yaml', () => {
  let editor: vscode.TextEditor;

  before(async () => {
    editor = await vscode.window.showTextDocument(storefront);
  });
  after(async () => {
    // Leave the example as it is on disk (a dirty editor would ask to be saved when closed),
    // open, with the Problems panel, for the harness's --screenshot.
    await vscode.window.showTextDocument(storefront);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
  });

  it('are exactly the engine findings, with rule ids and ranges', async () => {
    await waitFor('the first diagnostics', () => capDiagnostics(storefront).length > 0);
    assert.deepEqual(capDiagnostics(storefront), expected);
  });

  it('carry the source, a short message and the rule id linked to its docs page', () => {
    for (const diagnostic of vscode.languages.getDiagnostics(storefront)) {
      assert.equal(diagnostic.source, 'cap-advisor');
      // One sentence the Problems panel shows whole, plain text: the reasoning is in the hover.
      assert.ok(diagnostic.message.length > 0 && diagnostic.message.length <= 120, diagnostic.message);
      assert.doesNotMatch(diagnostic.message, /`/);
      assert.ok(typeof diagnostic.code === 'object', 'code should be { value, target }');
      const { value, target } = diagnostic.code;
      assert.match(target.toString(), new RegExp(`/docs/rules/${value}\\.md$`));
    }
  });

  it("point at the other node involved: the witness-missing finding at the Region's declaration", () => {
    const witness = vscode.languages.getDiagnostics(storefront).find((d) => typeof d.code === 'object' && d.code.value === 'witness-missing');
    const related = witness?.relatedInformation?.map(
      (r) => `${r.message}@${r.location.uri.toString() === storefront.toString()}:${r.location.range.start.line}:${r.location.range.start.character}`,
    );
    assert.deepEqual(related, ['`us-east-2` is declared here as secondary@true:12:10']);
  });

  it("point at the template line a drift is about, in the template's own file", () => {
    const drift = vscode.languages.getDiagnostics(storefront).find((d) => typeof d.code === 'object' && d.code.value === 'region-drift');
    const related = drift?.relatedInformation?.map(
      (r) => `${r.message}@${path.relative(repoRoot, r.location.uri.fsPath)}:${r.location.range.start.line}:${r.location.range.start.character}`,
    );
    assert.deepEqual(related, ['CartsTable (AWS::DynamoDB::GlobalTable): deployed in us-east-1, us-east-2 and us-west-2@examples/infra/storefront.yaml:34:2']);
  });

  it('follow edits before they are saved', async () => {
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# an added line\n'));
    await waitFor('the diagnostics to move down one line', sameAs(shifted(1)), 5000);
    await editor.edit((edit) => edit.delete(new vscode.Range(0, 0, 1, 0)));
    await waitFor('the diagnostics to move back', sameAs(expected), 5000);
  });
  // Clearing on close is not tested: VS Code keeps a document that an extension opened alive
  // for up to 3 minutes after its editor closes, so onDidCloseTextDocument comes too late.
});
