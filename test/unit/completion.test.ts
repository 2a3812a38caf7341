// Completion in the engine, from the text and the cursor: a test per context a user types in.
import { strict as assert } from 'node:assert';
import { analyzeCatalog, completionsAt, mayNameInfrastructure, ruleRegistry, STORE_IDS, type CompletionItem } from '../../src/engine';
import { indentLaterLines, snippetAsPlainText } from '../../src/lsp/protocol';
import { catalog } from '../helpers/catalogs';

/** Completions where `|` stands in the text, with the analysis of the text without it (as the editor's last analysis). */
function at(textWithCursor: string, analysisText = textWithCursor.replace('|', '')): CompletionItem[] {
  const offset = textWithCursor.indexOf('|');
  return completionsAt(textWithCursor.replace('|', ''), offset, analyzeCatalog(analysisText));
}
const labels = (items: CompletionItem[]) => items.map((item) => item.label);

describe('completion', () => {
  it('keys of a data type, each with its description, leaving out the keys already written', () => {
    const items = at(catalog('  - name: carts\n    category: cart\n    |\n'));
    assert.ok(!labels(items).includes('name') && !labels(items).includes('category'), labels(items).join());
    const store = items.find((item) => item.label === 'store')!;
    assert.equal(store.kind, 'key');
    assert.equal(store.insertText, 'store: ');
    assert.equal(store.retrigger, true);
    assert.match(store.documentation, /The AWS store deployed or planned/);
    const cursor = catalog('  - name: carts\n    category: cart\n    ').length;
    assert.deepEqual(store.range, [cursor, cursor]);
    const guards = items.find((item) => item.label === 'splitBrainGuards')!;
    assert.deepEqual([guards.insertText, guards.snippet], ['splitBrainGuards: [${1}]', true]);
  });

  it('keys replace the word typed so far, and a new list item offers the data type keys', () => {
    const text = catalog('  - name: carts\n    category: cart\n    top|\n');
    const [topology] = at(text).filter((item) => item.label === 'topology');
    assert.deepEqual(topology.range, [text.indexOf('|') - 3, text.indexOf('|')]);
    assert.ok(labels(at(catalog('  - name: carts\n    category: cart\n  - |\n'))).includes('name'));
  });

  it('keys at the top level, in metadata, in a Region and in a guard object', () => {
    assert.deepEqual(labels(at('apiVersion: cap-advisor/v1\n|\n')), ['kind', 'metadata', 'regions', 'defaults', 'infrastructure', 'dataTypes']);
    assert.deepEqual(labels(at(catalog('').replace('  name: shop\n', '  name: shop\n  |\n'))), ['owner']);
    // A new Region item: its keys, and the whole Region.
    assert.deepEqual(labels(at(catalog('').replace('    role: primary\n', '    role: primary\n  - |\n'))), ['name', 'role', 'cap-region']);
  });

  it('a guard is offered only the settings of its type; a guard without a type yet, all of them', () => {
    const guard = (lines: string) => labels(at(catalog(`  - name: carts\n    category: cart\n    splitBrainGuards:\n${lines}`)));
    assert.deepEqual(guard('      - type: fencing-lease\n        |\n'), ['ttl', 'leaseStore']);
    assert.deepEqual(guard('      - type: witness-region\n        |\n'), ['region']);
    assert.deepEqual(guard('      - type: human-approval\n        |\n'), ['approvers']);
    assert.deepEqual(guard('      - type: quorum\n        |\n'), []);
    assert.deepEqual(guard('      - ttl: 10s\n        |\n'), ['type', 'region', 'approvers', 'leaseStore']);
  });

  it('a lease store is offered only where a lease fences, each documented; lease-in-eventual-store stays quiet on every one', () => {
    const text = catalog('  - name: carts\n    category: cart\n    splitBrainGuards:\n      - type: fencing-lease\n        leaseStore: |\n');
    const items = at(text);
    assert.deepEqual(labels(items).slice(0, 2), ['aurora-dsql', 'dynamodb-global-strong']);
    for (const eventual of ['dynamodb-global', 's3', 'memorydb-multi-region', 'keyspaces-multi-region']) assert.ok(!labels(items).includes(eventual), eventual);
    for (const item of items) {
      assert.match(item.documentation, /A conditional write on the lease sees the latest lease/, item.label);
      const findings = analyzeCatalog(text.replace('|', item.label)).findings.map((finding) => finding.ruleId);
      assert.ok(!findings.includes('lease-in-eventual-store'), `${item.label}: ${findings.join()}`);
    }
    assert.equal(items.find((item) => item.preselect)?.label, 'dynamodb-global-strong');
  });

  it('resources and infrastructure insert a block list and open its items (the linked resources, the templates)', () => {
    const dataTypeKeys = at(catalog('  - name: carts\n    category: cart\n    |\n'));
    const resources = dataTypeKeys.find((item) => item.label === 'resources')!;
    assert.deepEqual([resources.insertText, resources.snippet, resources.retrigger], ['resources:\n  - ${1}', true, true]);
    const infrastructure = at('apiVersion: cap-advisor/v1\n|\n').find((item) => item.label === 'infrastructure')!;
    assert.deepEqual([infrastructure.insertText, infrastructure.snippet, infrastructure.retrigger], ['infrastructure:\n  - ${1}', true, true]);
  });

  it('a linked resource whose Regions the infrastructure does not fix says so, never "?"', () => {
    const text = catalog('  - name: carts\n    category: cart\n    resources:\n      - |\n').replace('|', '');
    const store = (logicalId: string, regions: Array<string | { unknown: string }>) => ({
      file: 'infra/app.yaml',
      range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 }, offset: [0, 1] as [number, number] },
      stack: 'app',
      logicalId,
      type: 'AWS::DynamoDB::GlobalTable',
      entryIndex: 0,
      store: 'dynamodb-global' as const,
      regions,
      members: [],
    });
    const infrastructure = {
      files: [],
      stores: [store('Carts', [{ unknown: 'a parameter' }, { unknown: 'a parameter' }]), store('Orders', ['us-east-1', { unknown: 'a parameter' }])],
      failovers: [],
      problems: [],
    };
    const offset = catalog('  - name: carts\n    category: cart\n    resources:\n      - ').length;
    const items = completionsAt(text, offset, analyzeCatalog(text, { infrastructure }));
    assert.deepEqual(
      items.map((item) => `${item.label}: ${item.detail}`),
      ['Carts: dynamodb-global · Regions unknown', 'Orders: dynamodb-global · us-east-1 + 1 unknown'],
    );
    assert.match(items[0].documentation, /in Regions the infrastructure does not fix/);
  });

  it('writeMode and leaseStore open their value lists once the key is chosen', () => {
    const keys = at(catalog('  - name: carts\n    category: cart\n    |\n'));
    assert.equal(keys.find((item) => item.label === 'writeMode')?.retrigger, true);
    const guardKeys = at(catalog('  - name: carts\n    category: cart\n    splitBrainGuards:\n      - type: fencing-lease\n        |\n'));
    assert.equal(guardKeys.find((item) => item.label === 'leaseStore')?.retrigger, true);
  });

  it('store values: the recommended store first and preselected, every store with what it is', () => {
    const items = at(catalog('  - name: carts\n    category: cart\n    store: |\n'));
    assert.deepEqual(
      items.slice(0, 2).map((item) => `${item.label} ${item.detail ?? ''}`),
      ['dynamodb-global recommended: AP', 's3 '],
    );
    const strong = at(catalog('  - name: ledger\n    category: transaction\n    store: |\n'));
    assert.deepEqual(
      strong.slice(0, 2).map((item) => `${item.label} ${item.detail ?? ''}`),
      ['aurora-global recommended: CP', 'dynamodb-global-strong the alternative: CP'],
    );
    assert.equal(items[0].preselect, true);
    assert.deepEqual([...labels(items)].sort(), [...STORE_IDS].sort());
    assert.match(items[0].documentation, /^\*\*DynamoDB global tables \(multi-Region eventual consistency\)\*\*: AP/);
    assert.equal(items.find((item) => item.label === 'aurora-global')!.detail, 'does not fit carts');
    // Strong data written in several Regions: Aurora DSQL.
    assert.equal(at(catalog('  - name: stock\n    category: inventory\n    topology: hot-hot\n    store: |\n'))[0].label, 'aurora-dsql');
  });

  it("the new keys of version 3: writeMode's modes, the kinds of writes (those listed left out, in flow and block lists), a lease's store", () => {
    assert.deepEqual(labels(at(catalog('  - name: carts\n    category: cart\n    writeMode: |\n'))), ['any-region', 'one-region', 'home-region']);
    assert.deepEqual(labels(at(catalog('  - name: carts\n    category: cart\n    writes: [counter, |\n'))), [
      'idempotent-put',
      'append-only',
      'read-modify-write',
      'conditional',
      'transaction',
    ]);
    const block = at(catalog('  - name: carts\n    category: cart\n    writes:\n      - |\n'));
    assert.equal(block.length, 6);
    assert.match(block.find((item) => item.label === 'counter')!.documentation, /under last writer wins in two Regions one increment is lost/);
    assert.ok(
      labels(at(catalog('  - name: carts\n    category: cart\n    splitBrainGuards:\n      - { type: fencing-lease, leaseStore: |\n'))).includes(
        'dynamodb-global-strong',
      ),
    );
  });

  it('a value typed right after the colon gets its space', () => {
    const [first] = at(catalog('  - name: carts\n    category: cart\n    topology:|\n'));
    assert.deepEqual([first.label, first.insertText], ['single-region', ' single-region']);
  });

  it("enum values with their meaning: category, topology, failover, a Region's role", () => {
    const categories = at(catalog('  - name: carts\n    category: |\n'));
    assert.equal(categories.length, 16);
    assert.equal(categories.find((item) => item.label === 'cart')!.documentation, 'Shopping carts. Eventual; recommended: AP on `dynamodb-global`.');
    assert.match(
      at(catalog('  - name: carts\n    category: cart\n    topology: |\n')).find((item) => item.label === 'hot-hot')!.documentation,
      /split-brain guard/,
    );
    assert.match(
      at(catalog('  - name: carts\n    category: cart\n    failover: a|\n')).find((item) => item.label === 'automatic')!.documentation,
      /cannot tell a dead primary from a partition/,
    );
    assert.deepEqual(labels(at(catalog('').replace('    role: primary\n', '    role: |\n'))), ['primary', 'secondary', 'witness']);
  });

  it('Region names declared in regions, in a flow list and in a block list, leaving out witnesses and those listed', () => {
    const flow = at(catalog('  - name: carts\n    category: cart\n    regions: [us-east-1, |]\n'));
    assert.deepEqual(
      flow.map((item) => `${item.label} ${item.detail}`),
      ['us-west-2 secondary'],
    );
    const block = at(catalog('  - name: carts\n    category: cart\n    regions:\n      - |\n'));
    assert.deepEqual(labels(block), ['us-east-1', 'us-west-2']);
  });

  it('witness Regions in a witness guard, object form and flow form', () => {
    const block = at(catalog('  - name: carts\n    category: cart\n    splitBrainGuards:\n      - type: witness-region\n        region: |\n'));
    assert.deepEqual(
      block.map((item) => `${item.label} ${item.detail}`),
      ['eu-west-1 witness'],
    );
    const flow = at(catalog('  - name: carts\n    category: cart\n    splitBrainGuards:\n      - { type: witness-region, region: |\n'));
    assert.deepEqual(labels(flow), ['eu-west-1']);
  });

  it('rule ids in acceptedRisks: the rules that fire on this data type first, then every acceptable rule', () => {
    const text = catalog('  - name: carts\n    category: cart\n    topology: hot-hot\n    store: aurora-global\n    acceptedRisks:\n      - rule: |\n');
    const items = at(text, text.replace('|', 'hot-hot-without-guard\n        reason: x'));
    const firing = items.filter((item) => item.detail === 'fires here').map((item) => item.label);
    assert.deepEqual(firing, ['store-mismatch', 'single-writer-hot-hot']);
    assert.deepEqual(labels(items).slice(0, 2), firing);
    assert.deepEqual(
      [...labels(items)].sort(),
      ruleRegistry
        .filter((rule) => rule.acceptable)
        .map((rule) => rule.id)
        .sort(),
    );
    assert.match(
      items[0].documentation,
      /\[Rule page\]\(https:\/\/github\.com\/cap-advisor\/cap-advisor\/blob\/v\d+\.\d+\.\d+\/docs\/rules\/store-mismatch\.md\)/,
    );
  });

  it('guard forms: short and object forms, the object forms as snippets; human approval last for hot-hot data', () => {
    const hotWarm = at(catalog('  - name: ledger\n    category: transaction\n    splitBrainGuards:\n      - |\n'));
    assert.deepEqual(labels(hotWarm), [
      'fencing-lease',
      'witness-region',
      'quorum',
      'human-approval',
      '{ type: fencing-lease, ttl: 30s }',
      '{ type: witness-region, region: eu-west-1 }',
      '{ type: human-approval, approvers: 2 }',
      'type',
      'leaseStore',
    ]);
    assert.deepEqual([hotWarm[4].insertText, hotWarm[4].snippet], ['{ type: fencing-lease, ttl: ${1:30s} }', true]);
    const hotHot = at(catalog('  - name: carts\n    category: cart\n    topology: hot-hot\n    splitBrainGuards: [|]\n'));
    assert.deepEqual(labels(hotHot).slice(-2), ['human-approval', '{ type: human-approval, approvers: 2 }']);
    assert.match(hotHot.at(-1)!.detail!, /no failover to approve/);
    assert.deepEqual(labels(at(catalog('  - name: carts\n    category: cart\n    splitBrainGuards: [{ type: |\n'))), [
      'human-approval',
      'fencing-lease',
      'witness-region',
      'quorum',
    ]);
    assert.deepEqual(labels(at(catalog('  - name: carts\n    category: cart\n    splitBrainGuards: [{ type: quorum, |\n'))), [
      'ttl',
      'region',
      'approvers',
      'leaseStore',
    ]);
  });

  it('where a data type starts: an entry for each kind of data, with a name the catalog does not use yet', () => {
    const items = at(catalog('  - name: strong-data\n    category: transaction\n  - name: carts\n    category: cart\n  |\n'));
    // The names say the kind of data, to type over: never the example shop's (payments, price-cache).
    assert.deepEqual(
      items.map((item) => `${item.label} ${item.detail}`),
      [
        'cap-transaction new data type strong-data-2',
        'cap-session new data type eventual-data',
        'cap-cache new data type cached-data',
        'cap-reference new data type immutable-data',
      ],
    );
    assert.equal(items[0].insertText.split('\n').slice(0, 2).join('\n'), '- name: ${1:strong-data-2}\n  description: ${2:what this data is}');
    assert.equal(items[0].snippet, true);
    // After `- ` the dash is written: the entry's lines sit under its first key once the editor adds
    // the line's indentation (two spaces here) to each line after the first.
    const afterDash = at(catalog('  - name: payments\n    category: transaction\n  - |\n')).find((item) => item.label === 'cap-cache')!;
    assert.equal(
      afterDash.insertText,
      'name: ${1:cached-data}\n  category: cache\n  store: ${2|dynamodb-global,elasticache-global|}\n  failover: ${3|manual,automatic|}\n  splitBrainGuards:\n    - { type: fencing-lease, ttl: ${4:30s} }',
    );
    // Every choice an entry offers is a value the schema accepts, and the entry analyses without a schema error.
    for (const item of items) {
      for (const choice of item.insertText.match(/\$\{\d+\|[^|]+\|\}/g) ?? []) {
        for (const value of choice
          .replace(/^\$\{\d+\|/, '')
          .replace(/\|\}$/, '')
          .split(',')) {
          const text = catalog(
            `  ${item.insertText
              .replace(choice, value)
              .replace(/\$\{\d+\|([^,|]+)[^}]*\}/g, '$1')
              .replace(/\$\{\d+:([^}]*)\}/g, '$1')
              .replace(/\n/g, '\n  ')}\n`,
          );
          assert.deepEqual(
            analyzeCatalog(text)
              .findings.filter((f) => f.ruleId === 'schema')
              .map((f) => f.message),
            [],
            `${item.label} with ${value}`,
          );
        }
      }
    }
    // In a flow-style catalog too.
    assert.equal(
      at(catalog('  - { name: immutable-data, category: media }\n  |\n')).find((item) => item.label === 'cap-reference')!.detail,
      'new data type immutable-data-2',
    );
  });

  it('durations with what each means', () => {
    const items = at(catalog('  - name: carts\n    category: cart\n    stalenessBudget: |\n'));
    assert.deepEqual(labels(items), ['0s', '500ms', '1s', '30s', '5m', '15m', '1h']);
    assert.match(items[0].documentation, /synchronous replication/);
  });

  it('nothing in a comment, in a name, or after a complete flow list', () => {
    assert.deepEqual(at(catalog('  - name: carts # the |\n')), []);
    assert.deepEqual(at(catalog('  - name: ca|\n')), []);
    assert.deepEqual(at(catalog('  - name: carts\n    regions: [us-east-1] |\n')), []);
  });

  it('works on the half-typed entry that has no analysis of its own yet', () => {
    const text = catalog('  - name: carts\n    category: cart\n  - name: sessions\n    categroy: sess|\n');
    assert.ok(at(text, catalog('  - name: carts\n    category: cart\n')).length === 0, 'an unknown key has no values');
    const keys = labels(at(catalog('  - name: carts\n    category: cart\n  - name: sessions\n    cat|\n')));
    assert.ok(keys.includes('category') && !keys.includes('name'), keys.join());
  });
});

describe('mayNameInfrastructure: when a shell searches the workspace for templates to offer', () => {
  const text = `apiVersion: cap-advisor/v1\ninfrastructure:\n  # the stacks\n  - infra/\ndataTypes:\n  - name: carts\n`;
  const offsetOf = (line: string, column = 0) => text.indexOf(line) + column;

  it('on the infrastructure key and on its items, past a comment', () => {
    assert.equal(mayNameInfrastructure(text, offsetOf('infrastructure:', 15)), true);
    assert.equal(mayNameInfrastructure(text, offsetOf('  - infra/', 10)), true);
  });

  it('not on the items of another list, nor on other keys', () => {
    assert.equal(mayNameInfrastructure(text, offsetOf('  - name: carts', 6)), false);
    assert.equal(mayNameInfrastructure(text, offsetOf('dataTypes:', 3)), false);
    assert.equal(mayNameInfrastructure(text.replace(/\n/g, '\r\n'), offsetOf('  - infra/', 10) + 3), true);
  });
});

describe('completion: the whole-catalog and Region snippets, only where they fit', () => {
  const head = 'apiVersion: cap-advisor/v1\nkind: DataCatalog\nmetadata:\n  name: shop\nregions:\n  - name: us-east-1\n    role: primary\n';
  /** The text after choosing `label` at the end of `text`, each placeholder at its default, later lines indented as the editor does. */
  const chosen = (text: string, label: string) => {
    const item = completionsAt(text, text.length).find((candidate) => candidate.label === label);
    assert.ok(item, `${label} offered after ${JSON.stringify(text.slice(-20))}`);
    const indentation = /[^\n]*$/.exec(text)![0].match(/^ */)![0];
    return text.slice(0, item.range[0]) + indentLaterLines(snippetAsPlainText(item.insertText), indentation) + text.slice(item.range[1]);
  };

  it('an empty file is offered the whole catalog first, and it analyses with no schema error', () => {
    assert.equal(completionsAt('', 0)[0].label, 'cap-catalog');
    const catalog = chosen('', 'cap-catalog');
    assert.deepEqual(
      analyzeCatalog(catalog).findings.filter((f) => f.ruleId === 'schema' || f.ruleId === 'yaml-syntax'),
      [],
    );
    assert.deepEqual(
      analyzeCatalog(catalog).report.regions.map((r) => `${r.name} ${r.role}`),
      ['us-east-1 primary', 'us-east-2 secondary', 'us-west-2 witness'],
    );
  });

  it('a Region is offered where a Region starts, the dash typed or not, and inserts one more Region', () => {
    for (const typed of ['  ', '  - ']) {
      const text = chosen(`${head}${typed}`, 'cap-region');
      assert.deepEqual(
        analyzeCatalog(`${text}\ndataTypes: []\n`).report.regions.map((r) => r.name),
        ['us-east-1', 'eu-west-1'],
        text,
      );
    }
  });

  it('neither is offered as a value: after store, topology, failover or writeMode', () => {
    const entry = `${head}dataTypes:\n  - name: orders\n    category: transaction\n`;
    for (const key of ['store', 'topology', 'failover', 'writeMode']) {
      const text = `${entry}    ${key}: `;
      const labels = completionsAt(text, text.length).map((item) => item.label);
      assert.ok(!labels.includes('cap-region') && !labels.includes('cap-catalog'), `${key}: ${labels.join(', ')}`);
    }
  });
});
