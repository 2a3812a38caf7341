// The deployed system in the editor: a catalog linked to a template in the workspace gets its
// drift with the template line as related information, is analysed again when the template
// changes on disk, and Draft Catalog from Infrastructure opens a draft beside it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { US_HEADER } from '../helpers/catalogs';
import { capDiagnostics, closeAllEditors, waitFor, workspaceUri } from './helpers';

const TEMPLATE = `Resources:
  OrdersTable:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      MultiRegionConsistency: EVENTUAL
      Replicas:
        - Region: !Ref AWS::Region
        - Region: us-east-2
`;

const CATALOG = `${US_HEADER}infrastructure:
  - { path: infra/orders.yaml, region: us-east-1 }
dataTypes:
  - name: orders
    category: transaction
    store: dynamodb-global-strong
    topology: hot-hot
    regions: [us-east-1, us-east-2]
    splitBrainGuards: [{ type: witness-region, region: us-west-2 }]
    resources: [OrdersTable]
`;

describe('linked infrastructure', () => {
  const template = () => workspaceUri('infra', 'orders.yaml');
  const catalog = () => workspaceUri('deployed.catalog.yaml');
  const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));

  before(async () => {
    await write(template(), TEMPLATE);
    await write(catalog(), CATALOG);
  });
  after(async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(catalog(), { useTrash: false });
    await vscode.workspace.fs.delete(workspaceUri('infra'), { recursive: true, useTrash: false });
  });

  it('reports a table declared strong but deployed eventual on its resources entry, with the template line beside it', async () => {
    await vscode.window.showTextDocument(catalog());
    const drift = 'error store-drift@20:16-20:27';
    await waitFor('the store-drift finding', () => capDiagnostics(catalog()).includes(drift));
    const diagnostic = vscode.languages.getDiagnostics(catalog()).find((d) => typeof d.code === 'object' && d.code.value === 'store-drift')!;
    const [related] = diagnostic.relatedInformation!;
    assert.equal(related.location.uri.toString(), template().toString());
    assert.deepEqual([related.location.range.start.line, related.location.range.start.character], [1, 2]);
    assert.equal(
      related.message,
      "OrdersTable (AWS::DynamoDB::GlobalTable): deploys dynamodb-global; if the catalog's dynamodb-global-strong is the intent, this template must change",
    );
    // Its witness is not deployed either.
    assert.ok(capDiagnostics(catalog()).includes('warning guard-not-deployed@19:23-19:66'), capDiagnostics(catalog()).join(', '));
  });

  it('completes an infrastructure entry with the templates of the workspace', async () => {
    const document = await vscode.workspace.openTextDocument(catalog());
    const line = document.getText().split('\n').indexOf('  - { path: infra/orders.yaml, region: us-east-1 }');
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.insert(new vscode.Position(line + 1, 0), '  - \n'));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      new vscode.Position(line + 1, 4),
    );
    const labels = list.items.map(
      (item) => `${typeof item.label === 'string' ? item.label : item.label.label} ${typeof item.label === 'string' ? '' : item.label.description}`,
    );
    assert.ok(labels.includes('infra/orders.yaml CloudFormation template'), labels.join(', '));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('analyses the catalog again when the template changes on disk', async () => {
    await write(
      template(),
      TEMPLATE.replace('MultiRegionConsistency: EVENTUAL', 'MultiRegionConsistency: STRONG\n      GlobalTableWitnesses: [{ Region: us-west-2 }]'),
    );
    await waitFor('the drift to go away', () => !capDiagnostics(catalog()).some((d) => /store-drift|guard-not-deployed/.test(d)));
  });

  it('reads Terraform once its parser has loaded, which only a catalog that links Terraform asks for', async () => {
    const tfCatalog = workspaceUri('terraform.catalog.yaml');
    await write(
      workspaceUri('tf', 'main.tf'),
      'provider "aws" {\n  region = "us-east-1"\n}\n\nresource "aws_dynamodb_table" "orders" {\n  name = "orders"\n\n  replica {\n    region_name = "us-east-2"\n  }\n}\n',
    );
    await write(
      tfCatalog,
      CATALOG.replace('  - { path: infra/orders.yaml, region: us-east-1 }', '  - tf').replace(
        'resources: [OrdersTable]',
        'resources: [aws_dynamodb_table.orders]',
      ),
    );
    try {
      await vscode.window.showTextDocument(tfCatalog);
      await waitFor('the store-drift finding from Terraform', () => capDiagnostics(tfCatalog).includes('error store-drift@20:16-20:41'));
      const diagnostic = vscode.languages.getDiagnostics(tfCatalog).find((d) => typeof d.code === 'object' && d.code.value === 'store-drift')!;
      assert.equal(diagnostic.relatedInformation![0].location.uri.toString(), workspaceUri('tf', 'main.tf').toString());
      assert.equal(diagnostic.relatedInformation![0].location.range.start.line, 4);
      // Drafting works on a Terraform folder too.
      const draft = await vscode.commands.executeCommand<vscode.TextDocument>('capAdvisor.draftCatalog', [workspaceUri('tf')], {});
      assert.match(draft.getText(), /resources: \[aws_dynamodb_table\.orders\]/);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await closeAllEditors();
      await vscode.workspace.fs.delete(tfCatalog, { useTrash: false });
      await vscode.workspace.fs.delete(workspaceUri('tf'), { recursive: true, useTrash: false });
    }
  });

  it("an unclaimed Terraform table named like a data type: the lightbulb's preferred fix adds it to that data type", async () => {
    const claims = workspaceUri('claims.catalog.yaml');
    await write(
      workspaceUri('tfclaims', 'main.tf'),
      'provider "aws" {\n  region = "us-east-1"\n}\n\nresource "aws_dynamodb_table" "payments" {\n  name = "payments"\n\n  replica {\n    region_name = "us-east-2"\n  }\n}\n',
    );
    await write(
      claims,
      `${US_HEADER}infrastructure:\n  - tfclaims\ndataTypes:\n  - name: user-sessions\n    category: session\n    store: dynamodb-global\n    regions: [us-east-1, us-east-2]\n  - name: payments\n    category: transaction\n    store: dynamodb-global\n    topology: hot-warm\n    regions: [us-east-1, us-east-2]\n`,
    );
    try {
      const editor = await vscode.window.showTextDocument(claims);
      const unclaimed = await waitFor('the unclaimed-resource finding', () =>
        vscode.languages.getDiagnostics(claims).find((d) => typeof d.code === 'object' && d.code.value === 'unclaimed-resource'),
      );
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', claims, unclaimed.range);
      const preferred = actions.filter((action) => action.isPreferred);
      // Version 4 offered user-sessions or a new data type, never payments.
      assert.deepEqual(
        preferred.map((action) => action.title),
        ["Add aws_dynamodb_table.payments to the resources of 'payments'"],
      );
      await vscode.workspace.applyEdit(preferred[0].edit!);
      await waitFor(
        'the finding to go',
        () => !vscode.languages.getDiagnostics(claims).some((d) => typeof d.code === 'object' && d.code.value === 'unclaimed-resource'),
      );
      assert.match(editor.document.getText(), /- name: payments\n(?: {4}.*\n)* {4}resources:\s*\[?\s*-?\s*aws_dynamodb_table\.payments/);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await closeAllEditors();
      await vscode.workspace.fs.delete(claims, { useTrash: false });
      await vscode.workspace.fs.delete(workspaceUri('tfclaims'), { recursive: true, useTrash: false });
    }
  });

  it('Draft Catalog from Infrastructure on a folder holding a template and a .tf drafts the stores of both, and its check reads both', async () => {
    await write(workspaceUri('mixed', 'main.tf'), 'provider "aws" {\n  region = "us-east-1"\n}\n\nresource "aws_s3_bucket" "media" {\n  bucket = "media"\n}\n');
    await write(
      workspaceUri('mixed', 'orders.yaml'),
      'Resources:\n  OrdersTable:\n    Type: AWS::DynamoDB::GlobalTable\n    Properties:\n      Replicas: [{ Region: us-east-1 }, { Region: us-west-2 }]\n',
    );
    try {
      const draft = await vscode.commands.executeCommand<vscode.TextDocument>('capAdvisor.draftCatalog', [workspaceUri('mixed')], {
        'mixed/orders.yaml': 'us-east-1',
      });
      const text = draft.getText();
      // Version 4 drafted the Terraform only and dropped the template's table without a word.
      assert.match(text, /resources: \[OrdersTable\]/);
      assert.match(text, /resources: \[aws_s3_bucket\.media\]/);
      await waitFor("the draft's diagnostics", () => capDiagnostics(draft.uri).length > 0);
      assert.deepEqual(
        capDiagnostics(draft.uri).filter((d) => /^error (infrastructure-unreadable|unknown-resource)/.test(d)),
        [],
      );
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await closeAllEditors();
      await vscode.workspace.fs.delete(workspaceUri('mixed'), { recursive: true, useTrash: false });
    }
  });

  it('Draft Catalog from Infrastructure opens a draft named beside the infrastructure, already analysed', async () => {
    // No Region given for the plain template (the user left it unknown).
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('capAdvisor.draftCatalog', [workspaceUri('infra')], {});
    assert.equal(document.uri.scheme, 'untitled');
    assert.equal(document.uri.path, workspaceUri('drafted.catalog.yaml').path);
    const text = document.getText();
    assert.match(text, /infrastructure:\n {2}- infra\n/);
    assert.match(text, / {2}- name: orders\n {4}category: transaction # check: guessed from the name OrdersTable\n/);
    // A plain template's Region is unknown, and the draft says so instead of guessing.
    assert.match(text, /resources: \[OrdersTable\] # check: |regions: \[us-east-2\] # check: some Regions are unknown/);
    await waitFor("the draft's diagnostics", () => capDiagnostics(document.uri).length > 0);
    assert.deepEqual(
      capDiagnostics(document.uri).filter((d) => d.startsWith('error infrastructure-unreadable')),
      [],
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Draft Catalog from Infrastructure: with the Region of a plain template answered, the draft links that file in it and knows every Region', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('capAdvisor.draftCatalog', [workspaceUri('infra')], {
      'infra/orders.yaml': 'us-east-1',
    });
    const text = document.getText();
    assert.match(text, /infrastructure:\n {2}- \{ ?path: infra\/orders\.yaml, region: us-east-1 ?\}\n/);
    assert.match(text, /regions:\n {2}- name: us-east-1\n {4}role: primary\n {2}- name: us-east-2\n/);
    assert.match(text, / {4}regions: \[us-east-1, us-east-2\]\n/);
    assert.doesNotMatch(text, /some Regions are unknown/);
    // The draft's own analysis (the empty document it was inserted into had a schema error at 0:0).
    const found = await waitFor(
      "the draft's diagnostics",
      () => capDiagnostics(document.uri).some((d) => !d.includes('@0:0-0:0')) && capDiagnostics(document.uri),
    );
    assert.deepEqual(
      found.filter((d) => d.startsWith('error ')),
      [],
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
