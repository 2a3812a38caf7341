// Issue 34, items 10 and 11, as a new user at 1280 px sees the scenario matrix: it scrolls
// sideways in a frame that says so, a legend explains every verdict, and a verdict that is not
// fine leads to what changes it (the setting, or the finding whose quick fix makes the change).
import { strict as assert } from 'node:assert';
import { analyzeCatalog, simulate, VERDICTS } from '../../src/engine';
import { drawView, type AnalysisInputs } from '../../src/lsp/views';
import { renderHtml } from '../../src/report';
import { renderScenariosHtml } from '../../src/report/scenarios';
import { catalog } from '../helpers/catalogs';

const text = catalog(`
  - name: payments
    category: transaction
    store: aurora-global
    failover: automatic
  - name: carts
    category: cart
    topology: hot-hot
    store: dynamodb-global
    conflictResolution: merge
`);
const analysis = analyzeCatalog(text);
const inputs: AnalysisInputs = { fileName: 'shop.catalog.yaml', severities: {}, maxFileBytes: 1_000_000 };
const view = drawView({ kind: 'scenarios', file: 'shop.catalog.yaml', nonce: 'n', text, inputs }, analysis);
const viewHtml = view && 'html' in view ? view.html! : '';
const report = renderHtml([{ file: 'shop.catalog.yaml', analysis }]);
const exported = renderScenariosHtml([{ file: 'shop.catalog.yaml', scenarios: simulate(analysis) }]);

/** The matrix cell of a data type in a scenario column ("us-east-1 cut off" is column 0). */
function cellOf(html: string, dataType: string, column: number): string {
  const match = new RegExp(`<td class="v [a-z-]+" data-scenario="${column}" data-data-type="${dataType}"[^>]*>.*?</td>`).exec(html);
  assert.ok(match, `no cell for ${dataType} in column ${column}`);
  return match[0];
}

const PAGES: Array<[string, string]> = [
  ['the scenario view', viewHtml],
  ['the report', report],
  ['cap-advisor simulate --format html', exported],
];

describe('the scenario matrix in a narrow pane', () => {
  for (const [page, html] of PAGES) {
    it(`${page}: scrolls sideways in a frame that shades the cut edge and keeps the data-type column in view`, () => {
      assert.match(html, /<div class="scroll-frame"><div class="scroll-x" role="region" aria-label="Partition scenarios" tabindex="0"><table class="matrix">/);
      const css = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n');
      assert.match(css, /\.scroll-x \{ overflow-x: auto; scroll-timeline: --cap-scroll-x x; \}/);
      // The shade at the right edge shows while more lies beyond it, and leaves when scrolled to the end.
      assert.match(css, /\.scroll-frame::after \{ content: ''; position: absolute; top: 0; right: 0; bottom: 0;[^}]*linear-gradient\(to left/);
      assert.match(css, /animation-timeline: --cap-scroll-x;/);
      assert.match(css, /@keyframes cap-more-beyond \{ 0%, 97% \{ opacity: 1; \} 100% \{ opacity: 0; \} \}/);
      assert.match(css, /table\.matrix tr > :first-child \{ position: sticky; left: 0;/);
    });
  }

  it('the report: the CAP picture, wider than half a window, scrolls in the same frame', () => {
    assert.match(
      report,
      /<div class="picture"><div class="scroll-frame"><div class="scroll-x" role="region" aria-label="CAP picture" tabindex="0"><svg class="cap-picture"/,
    );
  });
});

describe('the scenario matrix says what its verdicts mean and what changes them', () => {
  for (const [page, html] of PAGES) {
    it(`${page}: a legend explains every verdict the engine can give`, () => {
      const legend = /<dl class="verdict-legend">([\s\S]*?)<\/dl>/.exec(html)?.[1];
      assert.ok(legend, 'no legend');
      assert.deepEqual(
        [...legend.matchAll(/<dt><span class="v ([a-z-]+)">\1<\/span><\/dt>/g)].map((m) => m[1]),
        [...VERDICTS],
      );
      assert.match(
        legend,
        /<dt><span class="v diverges">diverges<\/span><\/dt><dd>both sides take writes; the copies differ until the link returns and are merged then<\/dd>/,
      );
      assert.match(legend, /<dt><span class="v failed-over">failed-over<\/span><\/dt><dd>its writes move to another Region without two writers/);
    });
  }

  it('the scenario view: a diverges cell names the setting that changes it and links to where it is written', () => {
    const carts = cellOf(viewHtml, 'carts', 0);
    assert.match(carts, /class="v diverges"/);
    assert.match(
      carts,
      /What changes it: conflictResolution: conflictResolution: merge leaves the merge to your application; declare idempotent writes, or add a fencing lease so one side writes/,
    );
    const link = /<a href="([^"]+)" data-setting="conflictResolution" data-start="(\d+)" data-end="(\d+)"( data-rule="[a-z-]+")?>diverges<\/a>/.exec(carts);
    assert.ok(link, carts);
    const rule = analysis.findings.find((f) => f.dataType === 'carts' && ['hot-hot-without-guard', 'lww-loses-updates'].includes(f.ruleId));
    const at = Number(link[2]);
    // Where the quick fix waits when a rule asks for the change, else the setting itself.
    if (rule) assert.equal(at, rule.range.offset[0]);
    else assert.equal(text.slice(at, Number(link[3])), 'conflictResolution');
  });

  it('the scenario view: a split-brain cell links the finding whose quick fix prevents it, and its rule page', () => {
    const payments = cellOf(viewHtml, 'payments', 0);
    const finding = analysis.findings.find((f) => f.dataType === 'payments' && f.ruleId === 'unguarded-automatic-failover')!;
    assert.match(payments, /class="v split-brain"/);
    assert.ok(
      payments.includes(
        `<a href="${finding.docsUrl}" data-setting="failover" data-start="${finding.range.offset[0]}" data-end="${finding.range.offset[1]}" data-rule="unguarded-automatic-failover">split-brain</a>`,
      ),
      payments,
    );
    assert.equal(text.slice(...finding.range.offset), 'automatic');
    // The click posts the place to the extension, which reveals it (the report panel's message).
    assert.match(viewHtml, /vscode\.postMessage\(\{ type: 'reveal', offset: \[Number\(change\.dataset\.start\), Number\(change\.dataset\.end\)\] \}\)/);
    assert.match(viewHtml, /vscode\.postMessage\(\{ type: 'openRule', rule: rule\.dataset\.rule \}\)/);
  });

  it('a fine verdict links nowhere; the exported pages link the rule page or the verdict’s section of the scenarios page', () => {
    assert.match(cellOf(viewHtml, 'payments', 2), /title="[^"]*">available<\/td>$/);
    const degraded = cellOf(exported, 'payments', 1);
    assert.match(
      degraded,
      /^<td class="v degraded"[^>]*><a href="https:\/\/github\.com\/cap-advisor\/cap-advisor\/blob\/[^/]+\/docs\/scenarios\.md#degraded" data-setting="topology">degraded<\/a><\/td>$/,
    );
    assert.match(
      exported,
      /<strong>What changes it:<\/strong> <code>failover<\/code>: add a fencing lease \(or a witness Region\) to splitBrainGuards, or set failover: manual\. Fix: <a href="[^"]+\/docs\/rules\/unguarded-automatic-failover\.md">unguarded-automatic-failover<\/a>\./,
    );
  });
});
