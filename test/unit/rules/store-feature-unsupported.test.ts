// store-feature-unsupported: a declared write or feature the store refuses, from the store model (DynamoDB's
// multi-Region strong consistency refuses transactions, TTL and local secondary indexes:
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html).
import { strict as assert } from 'node:assert';
import { analyzeCatalog } from '../../../src/engine/analyze';
import { ruleTester } from '../../helpers/ruleTester';
import { US_HEADER } from '../../helpers/catalogs';

const balances = (store: string, uses: string) => `${US_HEADER}dataTypes:
  - name: balances
    category: account
    topology: hot-hot
    store: ${store}
${uses}`;

ruleTester('store-feature-unsupported', {
  fires: [
    {
      name: "transactions, TTL and an LSI on dynamodb-global-strong: one finding per refused use, on the use; the fix is the verdict's store",
      catalog: balances('dynamodb-global-strong', '    writes: [conditional, transaction]\n    features: [ttl, global-secondary-indexes, lsi]\n'),
      findings: [
        { line: 17, message: "'balances' declares transaction, which dynamodb-global-strong refuses." },
        { line: 18, message: "'balances' declares ttl, which dynamodb-global-strong refuses." },
        { line: 18, message: "'balances' declares lsi, which dynamodb-global-strong refuses." },
      ],
      fixes: [
        {
          title: 'Set store to aurora-dsql (recommended)',
          output: balances('aurora-dsql', '    writes: [conditional, transaction]\n    features: [ttl, global-secondary-indexes, lsi]\n'),
        },
      ],
    },
  ],
  silent: [
    {
      name: 'the same uses on aurora-dsql, which the model states no refusal for',
      catalog: balances('aurora-dsql', '    writes: [conditional, transaction]\n    splitBrainGuards: [{ type: witness-region, region: us-west-2 }, quorum]\n'),
    },
    {
      name: 'dynamodb-global-strong with conditional writes and global secondary indexes only',
      catalog: balances('dynamodb-global-strong', '    writes: [conditional]\n    features: [global-secondary-indexes]\n'),
    },
    {
      name: 'transactions on dynamodb-global written in one Region (AWS\'s "write to one Region")',
      catalog: balances('dynamodb-global', '    writeMode: one-region\n    writes: [transaction]\n').replace('topology: hot-hot', 'topology: hot-warm'),
    },
  ],
});

describe('store-feature-unsupported: one voice', () => {
  it('the verdict never calls a store that refuses a declared use a fit, nor advises it as the alternative', () => {
    const refused = analyzeCatalog(balances('dynamodb-global-strong', '    writes: [conditional, transaction]\n')).report.dataTypes[0].verdict!;
    assert.equal(refused.storeFits, false);
    assert.equal(refused.misfit, 'dynamodb-global-strong refuses transaction');
    // Strong data written with transactions: aurora-dsql, and no longer "(or dynamodb-global-strong)".
    assert.equal(refused.store, 'aurora-dsql');
    assert.equal(refused.alternative, undefined);
    const without = analyzeCatalog(balances('aurora-dsql', '    writes: [conditional]\n')).report.dataTypes[0].verdict!;
    assert.equal(without.alternative, 'dynamodb-global-strong');
  });
});
