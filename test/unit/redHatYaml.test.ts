// The Red Hat YAML extension's language service (yaml-language-server) run against the schema
// the extension contributes: no second report of what CAP Advisor already reports, and complete
// entries in its completion.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from 'yaml-language-server';
import { analyzeCatalog } from '../../src/engine';

const repoRoot = join(__dirname, '../../..');
const editorSchema = JSON.parse(readFileSync(join(repoRoot, 'dist/data-catalog.editor.schema.json'), 'utf8'));
const strictSchema = JSON.parse(readFileSync(join(repoRoot, 'schemas/data-catalog.schema.json'), 'utf8'));
const example = readFileSync(join(repoRoot, 'examples/storefront.catalog.yaml'), 'utf8');

let documents = 0;
/** A language service with `schema` for *.catalog.yaml, as the extension's yamlValidation sets it up. */
function redHat(schema: object) {
  const service = getLanguageService({
    schemaRequestService: async () => JSON.stringify(schema),
    workspaceContext: { resolveRelativePath: (relativePath: string) => relativePath },
  } as Parameters<typeof getLanguageService>[0]);
  service.configure({ validate: true, completion: true, hover: true, schemas: [{ uri: 'file:///catalog.schema.json', fileMatch: ['*.catalog.yaml'], schema }] });
  // The service caches parsed documents by URI and version: a fresh URI per text.
  const document = (text: string) => TextDocument.create(`file:///workspace/catalog-${documents++}.catalog.yaml`, 'yaml', 1, text);
  return {
    diagnostics: async (text: string) => (await service.doValidation(document(text), false)).map((d) => d.message),
    /** Labels and insert texts where `|` stands. */
    completions: async (textWithCursor: string) => {
      const doc = document(textWithCursor.replace('|', ''));
      const list = await service.doComplete(doc, doc.positionAt(textWithCursor.indexOf('|')), false);
      return new Map(list.items.map((item) => [item.label, item.insertText ?? item.label]));
    },
  };
}

describe('with the Red Hat YAML extension', function () {
  this.timeout(20_000);
  const withTypos = example.replace('category: cart\n', 'categroy: cart\n').replace('store: s3\n', 'store: s4\n').replace('rto: 5m', 'rto: soon');
  const base = example.slice(0, example.indexOf('dataTypes:'));

  it('reports nothing CAP Advisor reports: a schema error appears once (with the strict schema it would appear twice)', async () => {
    assert.equal(analyzeCatalog(withTypos).findings.filter((f) => f.ruleId === 'schema').length, 4);
    assert.deepEqual(await redHat(editorSchema).diagnostics(withTypos), []);
    assert.equal((await redHat(strictSchema).diagnostics(withTypos)).length, 4);
  });

  it('completes keys with their colon, and block keys with a first child', async () => {
    const service = redHat(editorSchema);
    const keys = await service.completions(`${base}dataTypes:\n  - name: x\n    |\n`);
    assert.equal(keys.get('store'), 'store: ');
    assert.equal(keys.get('immutable'), 'immutable: ');
    assert.equal(keys.get('description'), 'description: ');
    const top = await service.completions('apiVersion: cap-advisor/v1\n|\n');
    assert.equal(top.get('defaults'), 'defaults:\n  failover: ${1|manual,automatic|}');
  });

  it('offers complete entries: a Region with its role, a data type with its category', async () => {
    const service = redHat(editorSchema);
    assert.equal((await service.completions('apiVersion: cap-advisor/v1\nregions:\n  - |\n')).get('region'), 'name: ${1:us-east-1}\n  role: ${2|primary,secondary,witness|}');
    assert.match((await service.completions(`${base}dataTypes:\n  - |\n`)).get('data type')!, /^name: \$\{1:payments\}\n {2}category: \$\{2\|transaction,/);
  });

  it('offers the guards\' short forms, and object forms with two approvers', async () => {
    const guards = await redHat(editorSchema).completions(`${base}dataTypes:\n  - name: x\n    splitBrainGuards:\n      - |\n`);
    for (const short of ['fencing-lease', 'witness-region', 'quorum', 'human-approval']) assert.equal(guards.get(short), short);
    assert.equal(guards.get('{ type: human-approval, approvers }'), 'type: human-approval\n  approvers: 2');
    assert.equal(guards.get('approvers'), 'approvers: ${1:2}');
  });

  it('offers every store after store:', async () => {
    const stores = await redHat(editorSchema).completions(`${base}dataTypes:\n  - name: x\n    store: |\n`);
    assert.deepEqual([...stores.keys()], ['aurora-global', 'aurora', 'aurora-dsql', 'dynamodb-global', 'dynamodb-global-strong', 'dynamodb', 's3', 'elasticache-global']);
  });
});
