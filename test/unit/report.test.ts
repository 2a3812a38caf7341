// Renderer details a reader of the report notices: where the CAP picture puts each data type,
// and what the webview variant of the page allows.
import { strict as assert } from 'node:assert';
import { analyzeCatalog } from '../../src/engine';
import { renderCapPicture, renderHtml } from '../../src/report';
import { catalog } from '../helpers/catalogs';

const text = catalog(`
  - name: payments
    category: transaction
    store: aurora-global
  - name: carts
    category: cart
    topology: hot-hot
    store: dynamodb-global
  - name: snapshots
    category: analytics
    regions: [us-east-1]
    store: dynamodb
  - name: ledger
    category: transaction
    topology: hot-hot
    store: dynamodb-global
`);
const analysis = analyzeCatalog(text);

/** The x of the card that names the data type, and its frame class. */
function cardOf(svg: string, name: string): { x: number; state: string } {
  const match = new RegExp(`<g class="card (\\w+)"><title>${name}:[^<]*</title><rect x="(\\d+)"`).exec(svg);
  assert.ok(match, `no card for ${name}`);
  return { state: match[1], x: Number(match[2]) };
}

describe('report', () => {
  it('the CAP picture puts CP data left, AP data right and one-Region data in its own band, framed by severity', () => {
    const svg = renderCapPicture(analysis.report);
    assert.deepEqual(cardOf(svg, 'payments'), { x: 12, state: 'ok' });
    // Carts on a last-writer-wins store that declares neither its writes nor a merge: a warning.
    assert.deepEqual(cardOf(svg, 'carts'), { x: 472, state: 'warning' });
    assert.deepEqual(cardOf(svg, 'ledger'), { x: 12, state: 'error' });
    const snapshots = cardOf(svg, 'snapshots');
    assert.equal(snapshots.x, 12);
    assert.ok(svg.indexOf('One Region') < svg.indexOf('<title>snapshots'), 'single-Region data sits in the One Region band');
    assert.match(svg, /dynamodb-global \(AP\) → aurora-dsql/);
  });

  it("the webview page allows only its own nonce'd style and script, which posts the clicked finding", () => {
    const html = renderHtml([{ file: '/w/shop.catalog.yaml', analysis }], { webview: { cspSource: 'vscode-webview://x', nonce: 'N0nce' } });
    assert.match(
      html,
      /content="default-src 'none'; style-src vscode-webview:\/\/x 'nonce-N0nce'; script-src 'nonce-N0nce'; img-src vscode-webview:\/\/x data:;"/,
    );
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.match(html, /<script nonce="N0nce">[\s\S]*postMessage\(\{ type: 'reveal'/);
    const carts = analysis.findings.find((f) => f.ruleId === 'hot-hot-without-guard')!;
    assert.ok(html.includes(`<li class="warning" data-file="/w/shop.catalog.yaml" data-start="${carts.range.offset[0]}" data-end="${carts.range.offset[1]}">`));
  });
});
