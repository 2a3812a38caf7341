// The Red Hat YAML extension's language service (yaml-language-server) run against the schema
// the extension contributes for catalogs: it adds nothing CAP Advisor already gives (no second
// completion item, hover text or diagnostic), while the strict schema would repeat each.
import { STORE_IDS } from '../../src/engine/model/storeFacts';
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from 'yaml-language-server';
import { analyzeCatalog, completionsAt } from '../../src/engine';

const repoRoot = join(__dirname, '../../..');
const editorSchema = JSON.parse(readFileSync(join(repoRoot, 'dist/data-catalog.editor.schema.json'), 'utf8'));
const strictSchema = JSON.parse(readFileSync(join(repoRoot, 'schemas/data-catalog.schema.json'), 'utf8'));
const example = readFileSync(join(repoRoot, 'examples/storefront.catalog.yaml'), 'utf8');
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

let documents = 0;
/** A language service with `schema` for *.catalog.yaml, as the extension's yamlValidation sets it up. */
function redHat(schema: object) {
  const service = getLanguageService({
    schemaRequestService: async () => JSON.stringify(schema),
    workspaceContext: { resolveRelativePath: (relativePath: string) => relativePath },
  } as Parameters<typeof getLanguageService>[0]);
  service.configure({
    validate: true,
    completion: true,
    hover: true,
    schemas: [{ uri: 'file:///catalog.schema.json', fileMatch: ['*.catalog.yaml'], schema }],
  });
  // The service caches parsed documents by URI and version: a fresh URI per text.
  const document = (text: string) => TextDocument.create(`file:///workspace/catalog-${documents++}.catalog.yaml`, 'yaml', 1, text);
  return {
    diagnostics: async (text: string) => (await service.doValidation(document(text), false)).map((d) => d.message),
    /** Labels where `|` stands. */
    completions: async (textWithCursor: string) => {
      const doc = document(textWithCursor.replace('|', ''));
      return (await service.doComplete(doc, doc.positionAt(textWithCursor.indexOf('|')), false)).items.map((item) => item.label);
    },
    /** The hover text at the first character of `at` in `text`; '' for none (VS Code shows no empty hover). */
    hover: async (text: string, at: string) => {
      const doc = document(text);
      const hover = await service.doHover(doc, doc.positionAt(text.indexOf(at) + 1));
      const contents = hover?.contents;
      return typeof contents === 'object' && contents !== null && 'value' in contents ? contents.value : '';
    },
  };
}

const base = example.slice(0, example.indexOf('dataTypes:'));
/** Where a user asks for completion: a new key of a data type, a store, a guard, a Region, the top level, an empty file. */
const CURSORS = [
  `${base}dataTypes:\n  - name: x\n    |\n`,
  `${base}dataTypes:\n  - name: x\n    store: |\n`,
  `${base}dataTypes:\n  - name: x\n    splitBrainGuards:\n      - |\n`,
  'apiVersion: cap-advisor/v1\nregions:\n  - |\n',
  `${base}dataTypes:\n  - |\n`,
  'apiVersion: cap-advisor/v1\n|\n',
  `${base}|`,
  '|',
];

describe('with the Red Hat YAML extension', function () {
  this.timeout(20_000);
  const withTypos = example
    .replace('category: cart\n', 'categroy: cart\n')
    .replace('store: s3\n', 'store: s4\n')
    .replace('rto: 5m', 'rto: soon')
    .replace('defaults:\n  failover: manual', 'defaults: manual')
    .replace('resources: [CartsTable]', 'resources: [CartsTable, CartsTable]');

  it('the extension contributes its editor schema for every catalog file name', () => {
    const matched = manifest.contributes.yamlValidation.map((entry: { fileMatch: string; url: string }) => `${entry.fileMatch} ${entry.url}`);
    assert.deepEqual(
      matched,
      ['*.catalog.yaml', '*.catalog.yml', 'data-catalog.yaml', 'data-catalog.yml'].map((name) => `${name} ./dist/data-catalog.editor.schema.json`),
    );
  });

  it('reports nothing CAP Advisor reports: each schema error once, by CAP Advisor (the strict schema would repeat each, a repeated resources entry and defaults: manual included)', async () => {
    const ours = analyzeCatalog(withTypos).findings.filter((f) => f.ruleId === 'schema');
    assert.equal(ours.length, 6);
    assert.deepEqual(await redHat(editorSchema).diagnostics(withTypos), []);
    assert.ok((await redHat(strictSchema).diagnostics(withTypos)).length >= 5);
  });

  it('offers no completion item of its own: every key, value and entry comes once, from CAP Advisor', async () => {
    for (const cursor of CURSORS) {
      assert.deepEqual(await redHat(editorSchema).completions(cursor), [], cursor);
      const labels = completionsAt(cursor.replace('|', ''), cursor.indexOf('|')).map((item) => item.label);
      assert.equal(new Set(labels).size, labels.length, `CAP Advisor repeats an item at ${JSON.stringify(cursor.slice(-40))}: ${labels.join(', ')}`);
    }
    // What the strict schema did: every store again, beside CAP Advisor's.
    assert.equal((await redHat(strictSchema).completions(CURSORS[1])).length, STORE_IDS.length);
  });

  it("shows no hover text of its own: each description once, in CAP Advisor's hover", async () => {
    for (const at of ['category: cart', 'store: aurora-global', 'topology: hot-hot', 'splitBrainGuards:', '- name: us-east-1', 'resources: [CartsTable]']) {
      assert.equal(await redHat(editorSchema).hover(example, at), '', at);
    }
    assert.notEqual(await redHat(strictSchema).hover(example, 'category: cart'), '');
  });
});
