// The code lens above each data type: the recommendation and the data type's state.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeCatalog, dataTypeLenses } from '../../src/engine';
import { catalog } from '../helpers/catalogs';

const storefront = readFileSync(join(__dirname, '../../../examples/storefront.catalog.yaml'), 'utf8');

describe('code lens', () => {
  it("on the example: one per data type, on its name's line, with the recommendation and what is wrong or ✓", () => {
    const lenses = dataTypeLenses(analyzeCatalog(storefront));
    assert.equal(lenses.length, 18);
    const byName = new Map(lenses.map((lens) => [lens.dataType, `${lens.range.start.line} ${lens.title}`]));
    assert.equal(byName.get('payments'), '29 CP · aurora-global · 1 warning');
    assert.equal(byName.get('inventory'), '43 CP · advised aurora-dsql · 1 error');
    assert.equal(byName.get('order-ledger'), '61 CP · advised dynamodb-global-strong · 2 errors, 1 warning');
    assert.equal(byName.get('carts'), '93 AP · dynamodb-global · 1 warning');
    // AWS's "write to one Region": an eventual global table written in one Region fits a balance.
    assert.equal(byName.get('wallet-balances'), '158 CP · dynamodb-global ✓');
    assert.equal(byName.get('view-counts'), '166 AP · dynamodb-global · 1 error');
    assert.equal(byName.get('audit-log'), '137 AP · s3 ✓ · 1 accepted risk');
    assert.equal(byName.get('reporting-snapshots'), '150 CA · dynamodb ✓');
  });

  it('a declared store that fits is the one shown, not the recommended one (a newcomer reads the lens as the store in use)', () => {
    const strong = analyzeCatalog(
      catalog('  - name: ledger\n    category: transaction\n    topology: hot-hot\n    store: dynamodb-global-strong\n    regions: [us-east-1, us-east-2]\n'),
    );
    assert.equal(strong.report.dataTypes[0].verdict?.store, 'aurora-dsql');
    assert.match(dataTypeLenses(strong)[0].title, /^CP · dynamodb-global-strong /);
  });

  it('says when no store is declared, and when the declared one does not fit but no rule says so', () => {
    assert.equal(dataTypeLenses(analyzeCatalog(catalog('  - name: carts\n    category: cart\n')))[0].title, 'AP · advised dynamodb-global · no store declared');
    const quiet = analyzeCatalog(catalog('  - name: carts\n    category: cart\n    store: aurora-global\n'), { severities: { 'store-mismatch': 'off' } });
    assert.equal(dataTypeLenses(quiet)[0].title, 'AP · advised dynamodb-global · declared aurora-global');
  });
});
