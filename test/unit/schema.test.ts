// Schema violations land on the right line and column; typos get the right suggestion.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';
import { ruleRegistry } from '../../src/engine';
import { catalog, findingsOf, where } from '../helpers/catalogs';

const schemaFindings = (text: string) => findingsOf(text, 'schema');

describe('schema', () => {
  it('an unknown key is reported on the key, with the nearest allowed key', () => {
    const [finding] = schemaFindings(catalog('  - name: carts\n    category: cart\n    stalnessBudget: 1s\n'));
    assert.equal(where(finding), 'schema@15:5-15:19');
    assert.equal(finding.suggestion, 'stalenessBudget');
    assert.match(finding.detail, /^Unknown key `stalnessBudget` in data type `carts`\. Did you mean `stalenessBudget`\? Allowed keys: name, /);
    assert.equal(finding.message, "Unknown key 'stalnessBudget' in data type 'carts': did you mean 'stalenessBudget'?");
    assert.equal(finding.dataType, 'carts');
  });
  it('an unknown key at the top level and in metadata', () => {
    const text = catalog('  - name: carts\n    category: cart\n')
      .replace('kind: DataCatalog\n', 'kind: DataCatalog\nowner: me\n')
      .replace('  name: shop\n', '  name: shop\n  ownr: me\n');
    assert.deepEqual(
      schemaFindings(text).map((f) => `${where(f)} ${f.suggestion}`),
      ['schema@3:1-3:6 undefined', 'schema@6:3-6:7 owner'],
    );
  });
  it('an empty value is reported on its key', () => {
    const [finding] = schemaFindings(catalog(''));
    assert.equal(where(finding), 'schema@12:1-12:10');
    assert.match(finding.detail, /`dataTypes` must be a list, not an empty value/);
  });
  it("an empty list item is reported on its dash, not on the list's key far above (fast reader and yaml alike)", () => {
    const entries = '  - name: carts\n    category: cart\n  -\n  - name: ledger\n    category: transaction\n  -\n';
    for (const text of [catalog(entries), `%YAML 1.2\n---\n${catalog(entries)}`]) {
      const shift = text.startsWith('%YAML') ? 2 : 0;
      assert.deepEqual(schemaFindings(text).map(where), [`schema@${15 + shift}:3-${15 + shift}:4`, `schema@${18 + shift}:3-${18 + shift}:4`]);
    }
  });
  it('a misspelt enum value is reported on the value, with the suggestion', () => {
    const [finding] = schemaFindings(catalog('  - name: carts\n    category: cart\n    store: aurora-globl\n'));
    assert.equal(where(finding), 'schema@15:12-15:24');
    assert.equal(finding.suggestion, 'aurora-global');
    assert.match(
      finding.detail,
      /`aurora-globl` is not a valid store in `store` of data type `carts`\. Did you mean `aurora-global`\? Allowed: aurora-global, /,
    );
    assert.equal(finding.message, "'carts': 'aurora-globl' is not a store: did you mean 'aurora-global'?");
  });
  it('a value far from every allowed one gets no suggestion, but the list', () => {
    const [finding] = schemaFindings(catalog('  - name: carts\n    category: shopping\n'));
    assert.equal(finding.suggestion, undefined);
    assert.match(finding.detail, /Allowed: transaction, inventory/);
  });
  it('a misspelt guard in short form, in a flow sequence', () => {
    const [finding] = schemaFindings(catalog('  - name: carts\n    category: cart\n    splitBrainGuards: [fencing-lese]\n'));
    assert.equal(where(finding), 'schema@15:24-15:36');
    assert.equal(finding.suggestion, 'fencing-lease');
  });
  it('a misspelt key inside a guard object', () => {
    const [finding] = schemaFindings(catalog('  - name: carts\n    category: cart\n    splitBrainGuards:\n      - { type: fencing-lease, tll: 30s }\n'));
    assert.equal(where(finding), 'schema@16:32-16:35');
    assert.equal(finding.suggestion, 'ttl');
  });
  it('a missing required field is reported on the entry, naming the field and what it is for', () => {
    const [finding] = schemaFindings(catalog('  - name: carts\n    store: s3\n'));
    assert.equal(where(finding), 'schema@13:5-13:16');
    assert.match(finding.detail, /^Data type `carts` is missing `category`\. Kind of data; sets the default consistency/);
  });
  it('a missing top-level section is reported on the first line', () => {
    const text = catalog('').replace(/regions:[\s\S]*dataTypes:\n/, 'dataTypes: []\n');
    assert.deepEqual(
      schemaFindings(text).map((f) => [where(f), f.detail.split('.')[0]]),
      [['schema@1:1-1:27', 'The catalog is missing `regions`']],
    );
  });
  it('a wrong type says what was expected in YAML words', () => {
    const [finding] = schemaFindings(catalog('  - name: carts\n    category: cart\n    regions: us-east-1\n'));
    assert.equal(where(finding), 'schema@15:14-15:23');
    assert.match(finding.detail, /must be a list, not a string/);
  });
  it('a bad duration explains the format', () => {
    const [finding] = schemaFindings(catalog('  - name: carts\n    category: cart\n    rpo: 5 min\n'));
    assert.equal(where(finding), 'schema@15:10-15:15');
    assert.match(finding.detail, /not a duration .*`500ms`, `30s`, `5m`/);
  });
  it('a Region code without its dash is caught by the pattern', () => {
    const [finding] = schemaFindings(catalog('  - name: carts\n    category: cart\n    regions: [us-east1]\n'));
    assert.match(finding.detail, /`us-east1` is not an AWS Region code/);
  });
  it('the wrong apiVersion', () => {
    const [finding] = schemaFindings(catalog('').replace('cap-advisor/v1', 'cap-advisor/v2'));
    assert.equal(where(finding), 'schema@1:13-1:27');
    assert.match(finding.detail, /`apiVersion` must be `cap-advisor\/v1`/);
  });
  it('an accepted risk must name a rule that can be accepted, and give a reason', () => {
    const text = catalog(
      '  - name: carts\n    category: cart\n    acceptedRisks:\n      - rule: hot-hot-without-gaurd\n      - rule: schema\n        reason: no\n',
    );
    assert.deepEqual(
      schemaFindings(text).map((f) => `${where(f)} ${f.suggestion}`),
      [
        'schema@16:9-16:36 undefined', // missing reason, on the entry's first line
        'schema@16:15-16:36 hot-hot-without-guard',
        'schema@17:15-17:21 undefined',
      ],
    );
  });
  it('the acceptedRisks enum is exactly the rules that can be accepted', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '../../../schemas/data-catalog.schema.json'), 'utf8'));
    assert.deepEqual(
      schema.$defs.acceptedRisk.properties.rule.enum,
      ruleRegistry.filter((r) => r.acceptable).map((r) => r.id),
    );
  });
  it('every property of the schema has a description (hovers in the Red Hat YAML extension)', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '../../../schemas/data-catalog.schema.json'), 'utf8'));
    const missing: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (node === null || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (n.properties) {
        for (const [key, property] of Object.entries(n.properties as Record<string, Record<string, unknown>>)) {
          if (typeof property.description !== 'string') missing.push(`${path}/properties/${key}`);
          // Red Hat renders markdownDescription; other tools show description, the same text without code spans.
          else if (property.markdownDescription === undefined || String(property.markdownDescription).replace(/`/g, '') !== property.description)
            missing.push(`${path}/properties/${key} (markdown)`);
        }
      }
      for (const [key, child] of Object.entries(n)) visit(child, `${path}/${key}`);
    };
    visit(schema, '#');
    assert.deepEqual(missing, []);
  });
  it('a valid catalog has no schema finding', () => {
    const text = readFileSync(join(__dirname, '../../../examples/storefront.catalog.yaml'), 'utf8');
    assert.deepEqual(schemaFindings(text), []);
  });

  describe('for the Red Hat YAML extension', () => {
    const repoRoot = join(__dirname, '../../..');
    const strict = JSON.parse(readFileSync(join(repoRoot, 'schemas/data-catalog.schema.json'), 'utf8'));
    const editor = JSON.parse(readFileSync(join(repoRoot, 'dist/data-catalog.editor.schema.json'), 'utf8'));
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

    it("the editor schema the extension contributes accepts every catalog: every schema finding is CAP Advisor's alone, a list written as one value included", () => {
      for (const entry of manifest.contributes.yamlValidation) assert.equal(entry.url, './dist/data-catalog.editor.schema.json');
      const ajv = new Ajv2020({ strict: false, allErrors: true });
      const validate = ajv.compile(editor);
      for (const broken of [
        catalog('  - name: carts\n    categroy: cart\n    store: dynamo\n'),
        catalog(
          '  - name: Carts!\n    regions: [useast1]\n    splitBrainGuards: [fencing-lese, { type: quorum, approvers: 0 }]\n    rpo: soon\n    immutable: maybe\n',
        ),
        catalog('  - name: carts\n    category: cart\n    regions: us-east-1\n'),
        'apiVersion: v2\nkind: Other\nextra: 1\n',
      ]) {
        assert.ok(findingsOf(broken, 'schema').length > 0, 'CAP Advisor reports it');
        assert.equal(validate(parse(broken)), true, JSON.stringify(validate.errors));
      }
      // Nothing for the YAML extension to complete or describe: CAP Advisor does both (test/unit/redHatYaml.test.ts).
      assert.deepEqual(Object.keys(editor), ['$comment']);
    });

    it('the published schema (for other editors) offers complete entries: a Region with its role, a data type with its category, guards in short and object form, two approvers', () => {
      assert.deepEqual(Object.keys(strict.$defs.region.defaultSnippets[0].body), ['name', 'role']);
      assert.deepEqual(Object.keys(strict.$defs.dataType.defaultSnippets[0].body), ['name', 'category']);
      assert.deepEqual(
        strict.$defs.splitBrainGuard.defaultSnippets.slice(0, 4).map((s: { body: string }) => s.body),
        ['fencing-lease', 'witness-region', 'quorum', 'human-approval'],
      );
      assert.equal(strict.$defs.splitBrainGuardObject.properties.approvers.default, 2);
      assert.ok(strict.properties.defaults.defaultSnippets[0].body.failover);
    });
  });
});

describe('schema: a topology and a writeMode that contradict each other', () => {
  const entry = (topology: string, writeMode: string) =>
    catalog(`  - name: views\n    category: analytics\n    topology: ${topology}\n    store: dynamodb-global\n    writeMode: ${writeMode}\n`);

  it('hot-hot with writeMode one-region: one error on the writeMode, which says to make it hot-warm, and no verdict until then', () => {
    const findings = findingsOf(entry('hot-hot', 'one-region'));
    assert.deepEqual(
      findings.map((f) => `${where(f)} ${f.message}`),
      ["schema@17:16-17:26 'views' is hot-hot, but writeMode: one-region says one Region writes: make it hot-warm."],
    );
  });

  it('hot-warm with writeMode any-region or home-region: one error that says to make it hot-hot', () => {
    for (const writeMode of ['any-region', 'home-region']) {
      assert.deepEqual(
        schemaFindings(entry('hot-warm', writeMode)).map((f) => f.message),
        [`'views' is hot-warm, but writeMode: ${writeMode} says every Region writes: make it hot-hot.`],
      );
    }
  });

  it('the modes each topology allows are quiet: hot-hot with any-region or home-region, hot-warm with one-region', () => {
    for (const [topology, writeMode] of [
      ['hot-hot', 'any-region'],
      ['hot-hot', 'home-region'],
      ['hot-warm', 'one-region'],
    ]) {
      assert.deepEqual(schemaFindings(entry(topology, writeMode)), [], `${topology} + ${writeMode}`);
    }
  });
});
