// The partition-scenario view (VS Code's "Simulate Partition"): the matrix of data types ×
// scenarios, coloured by verdict, with a picture of the chosen scenario. Clicking a cell explains it,
// draws its scenario and asks the editor to reveal the data type. Strict CSP with a nonce.
import type { CatalogRegion, ScenarioResult } from '../engine';
import { escapeHtml, inlineCode } from './escape';
import { paletteStyle } from './palette';
import { SCROLL_STYLE, scrollFrame } from './scroll';
import { LEGEND_STYLE, PICTURE_STYLE, scenarioMatrixHtml, scenarioPictureSvg, verdictLegendHtml, VERDICT_STYLE, type ChangePlace } from './scenarios';

const SCRIPT = `
const vscode = acquireVsCodeApi();
const show = (column) => document.querySelectorAll('.scenario').forEach((s) => { s.hidden = s.dataset.scenario !== String(column); });
// The scenario the user chose stays chosen when the view is drawn again after an edit.
const chosen = vscode.getState()?.column;
if (chosen !== undefined && document.querySelector('.scenario[data-scenario="' + chosen + '"]')) show(chosen);
document.addEventListener('click', (event) => {
  const experiment = event.target.closest('button[data-experiment]');
  if (experiment) {
    vscode.postMessage({ type: 'experiment', region: experiment.dataset.experiment });
    return;
  }
  const rule = event.target.closest('a[data-rule]');
  if (rule && !rule.closest('td')) {
    // The rule's page as bundled with the extension, in VS Code's Markdown preview.
    event.preventDefault();
    vscode.postMessage({ type: 'openRule', rule: rule.dataset.rule });
    return;
  }
  const cell = event.target.closest('td[data-scenario]');
  if (!cell) return;
  event.preventDefault();
  show(cell.dataset.scenario);
  vscode.setState({ column: cell.dataset.scenario });
  const why = document.getElementById('why');
  why.textContent = cell.title;
  // A verdict that is not fine leads to what changes it: the setting (or the finding whose fix makes it) in the catalog.
  const change = cell.querySelector('a[data-start]');
  if (change?.dataset.rule) {
    const link = document.createElement('a');
    link.href = change.href;
    link.dataset.rule = change.dataset.rule;
    link.textContent = 'Rule ' + change.dataset.rule + ' (its quick fix)';
    why.append(' ', link);
  }
  if (change) vscode.postMessage({ type: 'reveal', offset: [Number(change.dataset.start), Number(change.dataset.end)] });
  else vscode.postMessage({ type: 'reveal', dataType: cell.dataset.dataType });
});
// A matrix wider than the panel says so: webviews hide the scroll bar until it is hovered.
const wrap = document.querySelector('.scroll-x');
const cue = document.getElementById('more');
const updateCue = () => { if (wrap && cue) cue.hidden = wrap.scrollWidth <= wrap.clientWidth + 1 || wrap.scrollLeft + wrap.clientWidth >= wrap.scrollWidth - 1; };
window.addEventListener('resize', updateCue);
wrap?.addEventListener('scroll', updateCue);
updateCue();`;

export interface ScenarioViewInput {
  /** How the editor names the catalog. */
  file: string;
  scenarios: ScenarioResult[];
  regions: ReadonlyArray<Pick<CatalogRegion, 'name' | 'role'>>;
  nonce: string;
  /** Where each outcome's change is made in the catalog, for a click on its verdict. */
  place?: ChangePlace;
}

export function renderScenarioView({ file, scenarios, regions, nonce, place }: ScenarioViewInput): string {
  const experiment = (region: string) =>
    `<p><button data-experiment="${escapeHtml(region)}" title="The AWS FIS experiment that cuts ${escapeHtml(region)} off, and the test plan of what each data type should do">Write fault-injection experiment…</button></p>`;
  const pictures = scenarios
    .map(
      (scenario, column) =>
        `<div class="scenario" data-scenario="${column}"${column === 0 ? '' : ' hidden'}>${scenario.kind === 'isolate' ? experiment(scenario.region) : ''}${scenarioPictureSvg(scenario, regions)}</div>`,
    )
    .join('');
  const splitBrains = scenarios.flatMap((s) =>
    s.outcomes.filter((o) => o.verdict === 'split-brain').map((o) => `<li>${escapeHtml(o.message)} ${inlineCode(o.detail)}</li>`),
  );
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family, system-ui, sans-serif); color: var(--vscode-editor-foreground); background: var(--vscode-editor-background); padding: 8px 16px; }
table { border-collapse: collapse; margin: 8px 0; } th, td { border: 1px solid var(--vscode-panel-border, #d0d7de); padding: 3px 8px; text-align: left; }
td[data-scenario] { cursor: pointer; }
button { font: inherit; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 4px 10px; cursor: pointer; } button:hover { background: var(--vscode-button-hoverBackground); } #why { min-height: 2.6em; margin: 6px 0; }
.meta { color: var(--vscode-descriptionForeground, #59636e); }
code { font-family: var(--vscode-editor-font-family, monospace); }
${paletteStyle()}${VERDICT_STYLE}${PICTURE_STYLE}${SCROLL_STYLE}${LEGEND_STYLE}
</style>
</head>
<body>
<h2>Partition scenarios: ${escapeHtml(file)}</h2>
<p class="meta">What each data type does when a Region is cut off or lost. Click a cell for why, its scenario's picture and, for a verdict that is not fine, the setting that changes it in the catalog. Writes at risk are typical figures, not guarantees.</p>
${pictures}
<p id="why" class="meta"></p>
<p id="more" class="meta" hidden>More scenarios to the right: scroll the table sideways →</p>
${scrollFrame(scenarioMatrixHtml({ file, scenarios }, place), 'Partition scenarios')}
<details class="legend" open><summary>What the verdicts mean</summary>${verdictLegendHtml()}</details>
${splitBrains.length > 0 ? `<h3>Split-brain</h3><ul>${splitBrains.join('')}</ul>` : '<p>No split-brain in these scenarios.</p>'}
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`;
}
