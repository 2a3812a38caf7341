// A category half typed (`category: ses` on the way to `session`) is no strong data: the schema's
// did-you-mean speaks, and no rule reasons from a need that could not be read.
import { strict as assert } from 'node:assert';
import { analyzeCatalog } from '../../src/engine';
import { US_HEADER } from '../helpers/catalogs';

describe('a need that could not be read', () => {
  it('category: ses on hot-hot dynamodb-global: only the schema speaks, with its did-you-mean', () => {
    const analysis = analyzeCatalog(`${US_HEADER}dataTypes:\n  - name: sessions\n    category: ses\n    topology: hot-hot\n    store: dynamodb-global\n`);
    assert.deepEqual(
      analysis.findings.map((f) => `${f.ruleId}: ${f.message}`),
      ["schema: 'sessions': 'ses' is not a category: did you mean 'session'?"],
    );
  });

  it('once typed, the entry gets the findings of what it is: eventual sessions one, a transaction the strong-data ones', () => {
    const typed = (category: string) =>
      analyzeCatalog(`${US_HEADER}dataTypes:\n  - name: sessions\n    category: ${category}\n    topology: hot-hot\n    store: dynamodb-global\n`)
        .findings.filter((f) => f.severity === 'error' || f.severity === 'warning')
        .map((f) => f.ruleId);
    assert.deepEqual(typed('session'), ['hot-hot-without-guard']);
    assert.deepEqual(typed('transaction'), ['lww-on-strong-data', 'store-mismatch']);
  });
});
