// With the Red Hat YAML extension installed and a user's schema mapped to every YAML file
// ("yaml.schemas": {"kubernetes": "*.yaml"}), Red Hat used to check catalogs against that schema
// ("Property dataTypes is not allowed"). CAP Advisor registers a schema contributor, which Red Hat
// asks before any mapping: catalogs get CAP Advisor's editor schema, other YAML files keep the user's.
// Red Hat's language server runs beside ours as its extension wires it (test/fixtures/red-hat-yaml).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CapAdvisorApi } from '../../src/extension';
import { capDiagnostics, closeAllEditors, EXTENSION_ID, repoRoot, waitFor, workspaceUri } from './helpers';

interface RedHatYamlStub {
  validations(uri: vscode.Uri): number;
  contributors(): { schema: string; label?: string }[];
}

const redHatMessages = (uri: vscode.Uri) =>
  vscode.languages
    .getDiagnostics(uri)
    .filter((diagnostic) => diagnostic.source !== 'cap-advisor')
    .map((diagnostic) => diagnostic.message)
    .sort();

describe('with the Red Hat YAML extension and another schema mapped to *.yaml', function () {
  let redHat: RedHatYamlStub;
  const yaml = () => vscode.workspace.getConfiguration('yaml');

  before(async function () {
    const extension = vscode.extensions.getExtension<RedHatYamlStub>('redhat.vscode-yaml');
    // The code-server host installs the stand-in (and sets VSCODE_HOST_PROBE_DIR); a desktop host
    // started with --disable-extensions has none.
    if (!extension && !process.env.VSCODE_HOST_PROBE_DIR) {
      console.log('    (skipped: the Red Hat YAML stand-in is installed by the code-server host only)');
      return this.skip();
    }
    assert.ok(extension, 'the Red Hat YAML stand-in is not loaded');
    redHat = await extension.activate();
    await vscode.extensions.getExtension<CapAdvisorApi>(EXTENSION_ID)!.activate();
    const kubernetesLike = vscode.Uri.joinPath(vscode.Uri.file(repoRoot), 'test/fixtures/red-hat-yaml/kubernetes-like.schema.json').toString();
    await yaml().update('schemas', { [kubernetesLike]: '*.yaml' }, vscode.ConfigurationTarget.Global);
    await yaml().update('validate', true, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await yaml().update('schemas', undefined, vscode.ConfigurationTarget.Global);
    await yaml().update('validate', undefined, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  it('CAP Advisor is a schema contributor of Red Hat YAML', async () => {
    await waitFor('CAP Advisor to register its schema contributor', () => redHat.contributors().some(({ schema }) => schema === 'cap-advisor'));
    assert.deepEqual(redHat.contributors(), [{ schema: 'cap-advisor', label: 'CAP Advisor data catalog' }]);
  });

  it('an ordinary YAML file gets the user schema (the mapping is live)', async () => {
    const uri = workspaceUri('other', 'not-a-catalog.yaml');
    await vscode.window.showTextDocument(uri);
    const messages = await waitFor('Red Hat to validate not-a-catalog.yaml', () => redHatMessages(uri).length > 0 && redHatMessages(uri));
    assert.deepEqual(messages, ['Property name is not allowed.', 'Property steps is not allowed.']);
  });

  for (const [what, segments, capFinding] of [
    ['a catalog by its name', ['orders.catalog.yaml'], 'hint recommendation@10:10-10:16'],
    ['a catalog by its apiVersion', ['other', 'declared.yaml'], 'hint recommendation@9:10-9:15'],
  ] as const) {
    it(`${what} gets no finding from the other schema, and CAP Advisor's findings`, async () => {
      const uri = workspaceUri(...segments);
      await vscode.window.showTextDocument(uri);
      await waitFor(`CAP Advisor's findings on ${segments.join('/')}`, () => capDiagnostics(uri).length > 0);
      await waitFor(`Red Hat to validate ${segments.join('/')}`, () => redHat.validations(uri) > 0);
      assert.deepEqual(capDiagnostics(uri), [capFinding]);
      assert.deepEqual(redHatMessages(uri), []);
    });
  }
});
