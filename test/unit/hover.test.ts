// Hovers: what a platform engineer reads when pointing at a data type, a store or a guard.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeCatalog, hoverAt } from '../../src/engine';
import { CatalogSource } from '../../src/engine/read/source';

const storefront = readFileSync(join(__dirname, '../../../examples/storefront.catalog.yaml'), 'utf8');
/** The hover at the first character of `value` in the first occurrence of `context`. */
const hoverOn = (context: string, value: string) => hoverAt(storefront, storefront.indexOf(context) + context.indexOf(value));

describe('hover', () => {
  it('on a data type name: recommendation, need, and what a partition means for the business, with the source', () => {
    const hover = hoverOn('name: carts', 'carts');
    assert.ok(hover);
    assert.deepEqual(
      [hover.range.start, hover.range.end],
      [
        { line: 93, column: 11 },
        { line: 93, column: 16 },
      ],
    );
    assert.match(hover.markdown, /^\*\*carts\*\*: AP on `dynamodb-global` \(recommended\)/);
    assert.match(hover.markdown, /A customer in us-east-2 may see `carts` behind a write in us-east-1 \(typically within 1 s/);
    assert.match(hover.markdown, /no SLA/);
    assert.match(hover.markdown, /\(\[source\]\(https:\/\/docs\.aws\.amazon\.com\/amazondynamodb\//);
  });

  it('on a CP data type: one writer, stale secondaries, the RPO of an unplanned failover', () => {
    const hover = hoverOn('name: payments', 'payments');
    assert.match(
      hover!.markdown,
      /Writes go to the primary Region \(us-east-1\)\. A reader in us-east-2 may see `payments` behind the latest write \(typically under 1 s/,
    );
    assert.match(hover!.markdown, /an unplanned failover loses the lag/);
  });

  it('on a store: its facts, each with its source', () => {
    const hover = hoverOn('store: aurora-dsql', 'aurora-dsql');
    assert.match(hover!.markdown, /^\*\*`aurora-dsql`\*\*: Aurora DSQL/);
    assert.match(hover!.markdown, /- \*\*Needs:\*\* two peered Regions plus a witness Region/);
    assert.equal(hover!.markdown.match(/\[source\]/g)?.length, 4);
  });

  it('on a guard, short or object form: what it protects against and what it costs', () => {
    assert.match(hoverOn('- human-approval', 'human-approval')!.markdown, /adds 5 to 10 minutes to the RTO/);
    assert.match(hoverOn('{ type: witness-region', 'witness-region')!.markdown, /^\*\*Witness Region\*\*/);
    assert.match(hoverOn('{ type: quorum }', 'quorum')!.markdown, /two cannot form a majority/);
  });

  it('on a finding: its detail, which the Problems panel leaves out, with its rule page; then what the node is', () => {
    const onTopology = hoverOn('category: cart\n    topology: hot-hot', 'hot-hot');
    assert.ok(onTopology);
    assert.match(
      onTopology.markdown,
      /^\*\*hot-hot-without-guard\*\* \(\[rule page\]\(https:\/\/github\.com\/cap-advisor\/cap-advisor\/blob\/v\d+\.\d+\.\d+\/docs\/rules\/hot-hot-without-guard\.md\)\): `carts` takes writes in 2 Regions on `dynamodb-global`, where concurrent writes to one item resolve by last writer wins/,
    );
    const onStore = hoverOn('category: transaction\n    topology: hot-hot\n    store: dynamodb-global', 'dynamodb-global');
    assert.match(
      onStore!.markdown,
      /^\*\*lww-on-strong-data\*\* [\s\S]*\n\*\*store-mismatch\*\* [\s\S]*\n---\n\n\*\*`dynamodb-global`\*\*: DynamoDB global tables/,
    );
  });

  it('on a key: what it means; on a value: what that value means', () => {
    assert.equal(
      hoverOn('    category: cart', 'category')!.markdown.split('.')[0],
      '**category**: Kind of data; sets the default consistency, immutability and recommendation',
    );
    // In a data type, the category's hover gives that data type's verdict, not the category's default.
    assert.equal(
      hoverOn('category: cart', 'cart')!.markdown,
      '**category: cart**: Shopping carts. Eventual.\n\nFor `carts`: AP on `dynamodb-global` (recommended). The declared `dynamodb-global` fits.',
    );
    assert.match(hoverOn('    topology: hot-warm', 'hot-warm')!.markdown, /^\*\*topology: hot-warm\*\*: One Region writes at a time/);
    assert.match(hoverOn('failover: automatic', 'automatic')!.markdown, /cannot tell a dead primary from a partition/);
    assert.match(hoverOn('role: witness', 'witness')!.markdown, /^\*\*role: witness\*\*: Votes in failover decisions and holds no data/);
  });

  it('on a Region name: its role, the data types it holds and those it is the witness for', () => {
    const declared = hoverOn('- name: us-west-2', 'us-west-2')!.markdown;
    assert.match(declared, /^\*\*us-west-2\*\*: witness Region\. Votes in failover decisions/);
    assert.match(declared, /Holds no data type\.\n\nWitness for: loyalty-points\.\n/);
    assert.match(hoverOn('region: us-west-2 }', 'us-west-2')!.markdown, /^\*\*us-west-2\*\*: witness Region/);
    assert.match(hoverOn('- name: us-east-2', 'us-east-2')!.markdown, /Holds \d+ data types: payments, /);
    // What cutting it off and losing it do, worst first, with the split-brains named.
    assert.match(
      hoverOn('- name: us-east-1', 'us-east-1')!.markdown,
      /\n\*\*Cut off:\*\* \*\*split-brain\*\*: order-ledger, price-cache, view-counts · 2 diverges · 13 degraded\n\n\*\*Lost:\*\* 12 unavailable · 1 failed-over · 5 available$/,
    );
  });

  it('nothing on a comment or on free text', () => {
    assert.equal(hoverOn('# Hot-hot carts', 'carts'), undefined);
    assert.equal(hoverOn('description: Shopping carts', 'Shopping'), undefined);
  });
});

describe('hover without a second parse', () => {
  // A catalog with what the fast reader takes beyond plain keys: quoted and flow values, a
  // guard map, a nested `infrastructure` entry, a list of resources, comments.
  const varied = storefront
    .replace('  - { path: infra/storefront.yaml, region: us-east-1 }', '  - path: infra/storefront.yaml\n    region: us-east-1\n  - "infra/other.yaml"')
    .replace('  - name: carts', "  - name: 'carts'");

  for (const [name, text] of [
    ['the example', storefront],
    ['quoted names, flow lists and infrastructure entries', varied],
  ] as const) {
    it(`${name}: at every offset, the hover from the analysis's own reading equals the one from yaml's nodes`, () => {
      const analysis = analyzeCatalog(text);
      // A copy of the analysis carries no reading of the text: hoverAt parses it with yaml.
      const unread = { ...analysis };
      let compared = 0;
      for (let offset = 0; offset <= text.length; offset++) {
        const fast = hoverAt(text, offset, analysis);
        const parsed = hoverAt(text, offset, unread);
        assert.deepEqual(fast, parsed, `at offset ${offset} (${JSON.stringify(text.slice(offset - 10, offset + 10))})`);
        if (fast) compared++;
      }
      assert.ok(new CatalogSource(text).readFast, 'the fast reader takes the text');
      assert.ok(compared > text.length / 5, `only ${compared} offsets had a hover`);
    });
  }

  it('a text the fast reader does not take (an anchor) is hovered from yaml all the same', () => {
    const text = storefront.replace('  - name: carts', '  - &carts\n    name: carts');
    const hover = hoverAt(text, text.indexOf('name: carts') + 7);
    assert.match(hover?.markdown ?? '', /^\*\*carts\*\*/);
  });
});
