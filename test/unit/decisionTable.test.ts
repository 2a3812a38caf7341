// The decision table: every category's recommendation, and each explicit override.
import { strict as assert } from 'node:assert';
import { analyzeCatalog, CATEGORIES } from '../../src/engine';
import { catalog } from '../helpers/catalogs';

function recommendationFor(fields: string): { cap: string; store: string; reason: string } {
  const { recommendations } = analyzeCatalog(catalog(`  - name: data\n${fields}`));
  assert.equal(recommendations.length, 1);
  return recommendations[0];
}

const expected: Record<string, string> = {
  transaction: 'CP aurora-global',
  inventory: 'CP aurora-global',
  authorization: 'CP aurora-global',
  account: 'CP aurora-global',
  session: 'AP dynamodb-global',
  cart: 'AP dynamodb-global',
  recommendation: 'AP dynamodb-global',
  analytics: 'AP dynamodb-global',
  preference: 'AP dynamodb-global',
  cache: 'AP dynamodb-global',
  reference: 'AP s3',
  historical: 'AP s3',
  log: 'AP s3',
  audit: 'AP s3',
  media: 'AP s3',
  other: 'CP aurora-global',
};

describe('decision table', () => {
  it('covers every category of the schema', () => {
    assert.deepEqual([...CATEGORIES].sort(), Object.keys(expected).sort());
  });

  for (const [category, recommended] of Object.entries(expected)) {
    it(`${category} → ${recommended}`, () => {
      const r = recommendationFor(`    category: ${category}\n`);
      assert.equal(`${r.cap} ${r.store}`, recommended);
    });
  }

  it('immutable: true gives S3 whatever the category', () => {
    const r = recommendationFor('    category: transaction\n    immutable: true\n');
    assert.equal(`${r.cap} ${r.store}`, 'AP s3');
  });
  it('consistency: strong gives CP on Aurora Global Database', () => {
    const r = recommendationFor('    category: cart\n    consistency: strong\n');
    assert.equal(`${r.cap} ${r.store}`, 'CP aurora-global');
  });
  it('consistency: eventual on mutable data gives AP on DynamoDB global tables', () => {
    const r = recommendationFor('    category: account\n    consistency: eventual\n');
    assert.equal(`${r.cap} ${r.store}`, 'AP dynamodb-global');
  });
  it('other with consistency: eventual follows the declaration', () => {
    const r = recommendationFor('    category: other\n    consistency: eventual\n');
    assert.equal(`${r.cap} ${r.store}`, 'AP dynamodb-global');
  });
  it('strong hot-hot data recommends Aurora DSQL and names DynamoDB strong consistency and the three-Region need', () => {
    const r = recommendationFor('    category: inventory\n    topology: hot-hot\n');
    assert.equal(`${r.cap} ${r.store}`, 'CP aurora-dsql');
    assert.match(r.reason, /`dynamodb-global-strong`/);
    assert.match(r.reason, /three Regions, or two plus a witness/);
    assert.match(r.reason, /3 voting Regions/);
  });
  it('strong hot-hot data with only two voting Regions is told to add one', () => {
    const text = catalog('  - name: data\n    category: inventory\n    topology: hot-hot\n').replace('  - name: eu-west-1\n    role: witness\n', '');
    assert.match(analyzeCatalog(text).recommendations[0].reason, /only 2 voting Region\(s\): add a third Region or a witness Region/);
  });
  it('a single-Region data type is effectively CA on the single-Region store', () => {
    const capAndStore = (fields: string): string => {
      const r = recommendationFor(fields);
      return `${r.cap} ${r.store}`;
    };
    assert.equal(capAndStore('    category: transaction\n    regions: [us-east-1]\n'), 'CA aurora');
    assert.equal(capAndStore('    category: cart\n    topology: single-region\n'), 'CA dynamodb');
    assert.equal(capAndStore('    category: media\n    regions: [us-east-1]\n'), 'CA s3');
  });
  it('defaults apply to every data type that does not set the field', () => {
    const text = catalog('  - name: a\n    category: cart\n  - name: b\n    category: cart\n    consistency: eventual\n').replace(
      'dataTypes:\n',
      'defaults:\n  consistency: strong\ndataTypes:\n',
    );
    assert.deepEqual(
      analyzeCatalog(text).recommendations.map((r) => `${r.dataType} ${r.cap}`),
      ['a CP', 'b AP'],
    );
  });
  it("the reasons say why in the domain's words and do not oversell the figures", () => {
    assert.match(recommendationFor('    category: transaction\n').reason, /secondary Regions see stale data \(typically under 1 s of lag/);
    assert.match(recommendationFor('    category: cart\n').reason, /no SLA/);
    assert.match(recommendationFor('    category: log\n').reason, /99\.99 % of objects within 15 min with Replication Time Control/);
  });
});
