// "Add Data Type": the decision questions' answers become an entry that fits the catalog.
import { strict as assert } from 'node:assert';
import { analyzeCatalog, applyEdits, dataTypeEntry, insertDataType, NEW_CATALOG_TEMPLATE, type DataTypeAnswers } from '../../src/engine';
import { catalog } from '../helpers/catalogs';

const base = NEW_CATALOG_TEMPLATE;
const answers = (overrides: Partial<DataTypeAnswers>): DataTypeAnswers => ({
  name: 'ledger',
  wrongWorseThanMissing: false,
  multiRegionWrites: false,
  immutable: false,
  ...overrides,
});

function added(text: string, overrides: Partial<DataTypeAnswers>) {
  const { entry, recommendation } = dataTypeEntry(answers(overrides), analyzeCatalog(text));
  const result = applyEdits(text, [insertDataType(text, entry)]);
  return { entry, recommendation, result, problems: analyzeCatalog(result).findings.filter((f) => f.severity === 'error' || f.severity === 'warning') };
}

describe('new catalog and add data type', () => {
  it('the new-catalog template is clean: recommendations only, as quiet hints', () => {
    assert.deepEqual(
      analyzeCatalog(NEW_CATALOG_TEMPLATE).findings.map((f) => `${f.severity} ${f.ruleId} ${f.dataType}`),
      ['hint recommendation payments', 'hint recommendation carts', 'hint recommendation product-images'],
    );
  });

  it('wrong data worse than none, one writer: CP on Aurora Global Database', () => {
    const { entry, problems } = added(base, { wrongWorseThanMissing: true });
    assert.deepEqual(entry, {
      name: 'ledger',
      category: 'other',
      consistency: 'strong',
      immutable: false,
      topology: 'hot-warm',
      cap: 'CP',
      store: 'aurora-global',
    });
    assert.deepEqual(problems, []);
  });

  it('a category answers the consistency and immutability questions: only the category is written', () => {
    const { entry, problems } = added(base, { category: 'transaction' });
    assert.deepEqual(entry, { name: 'ledger', category: 'transaction', topology: 'hot-warm', cap: 'CP', store: 'aurora-global' });
    assert.deepEqual(problems, []);
    assert.equal(added(base, { category: 'media', multiRegionWrites: true }).entry.store, 's3');
  });

  it('strong and written in several Regions: Aurora DSQL with the witness and a quorum, in block YAML separated like its neighbours', () => {
    const { entry, result, problems } = added(base, { wrongWorseThanMissing: true, multiRegionWrites: true });
    assert.equal(entry.store, 'aurora-dsql');
    assert.deepEqual(entry.splitBrainGuards, [{ type: 'witness-region', region: 'us-west-2' }, 'quorum']);
    assert.ok(
      result.endsWith(`    store: s3

  - name: ledger
    category: other
    consistency: strong
    immutable: false
    topology: hot-hot
    cap: CP
    store: aurora-dsql
    splitBrainGuards:
      - { type: witness-region, region: us-west-2 }
      - quorum
`),
      result,
    );
    assert.deepEqual(problems, []);
  });

  it('strong and hot-hot without a witness: a fencing lease, as two Regions cannot form a quorum', () => {
    const twoRegions = catalog('  - name: carts\n    category: cart\n').replace('  - name: eu-west-1\n    role: witness\n', '');
    const { entry } = added(twoRegions, { wrongWorseThanMissing: true, multiRegionWrites: true });
    assert.deepEqual(entry.splitBrainGuards, [{ type: 'fencing-lease', ttl: '30s' }]);
  });

  it('old data better than none, written everywhere: AP on DynamoDB global tables, merging by intent', () => {
    const { entry, problems } = added(base, { multiRegionWrites: true, stalenessBudget: '5s', category: 'cart' });
    assert.deepEqual(entry, {
      name: 'ledger',
      category: 'cart',
      topology: 'hot-hot',
      cap: 'AP',
      store: 'dynamodb-global',
      stalenessBudget: '5s',
      conflictResolution: 'merge',
    });
    assert.deepEqual(problems, []);
  });

  it('immutable: S3', () => {
    const { recommendation, problems } = added(base, { immutable: true });
    assert.equal(recommendation.store, 's3');
    assert.deepEqual(problems, []);
  });

  it('a single data Region: the single-Region store, no guards', () => {
    const oneRegion = catalog('  - name: carts\n    category: cart\n    store: dynamodb\n').replace(/  - name: us-west-2\n    role: secondary\n/, '');
    const { entry } = added(oneRegion, { wrongWorseThanMissing: true, multiRegionWrites: true });
    assert.deepEqual([entry.topology, entry.store, entry.cap, entry.splitBrainGuards], ['single-region', 'aurora', 'CA', undefined]);
  });

  it('keeps a flow-style list flow, and starts a list when there is none', () => {
    const flow = catalog('').replace('dataTypes:\n', 'dataTypes: []\n');
    assert.ok(
      added(flow, { immutable: true }).result.includes(
        'dataTypes: [{ name: ledger, category: other, consistency: eventual, immutable: true, topology: hot-warm, cap: AP, store: s3 }]\n',
      ),
    );
    const none = catalog('').replace('dataTypes:\n', '');
    const { result } = added(none, { immutable: true });
    assert.ok(
      result.endsWith(
        'role: witness\ndataTypes:\n  - name: ledger\n    category: other\n    consistency: eventual\n    immutable: true\n    topology: hot-warm\n    cap: AP\n    store: s3\n',
      ),
      result,
    );
  });
});
