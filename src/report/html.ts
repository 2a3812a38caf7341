// `--format html` and the extension's report panel: one self-contained page (no remote
// content, a strict Content-Security-Policy) with the CAP picture, an overview table, each data
// type's need, recommendation and findings, and the accepted risks. Colours are VS Code's theme
// variables with light fallbacks, so the same page reads well in a browser and in a webview.
import { simulate, type Finding } from '../engine';
import { LEGEND_STYLE, scenarioMatrixHtml, verdictLegendHtml, VERDICT_STYLE } from './scenarios';
import { renderCapPicture } from './capPicture';
import { paletteStyle, toned } from './palette';
import { SCROLL_STYLE, scrollFrame } from './scroll';
import { escapeHtml, inlineCode } from './escape';
import {
  catalogTitle,
  countsText,
  declaredStoreText,
  deployedTexts,
  guardText,
  needText,
  plural,
  problemsOf,
  recommendedText,
  type AnalysedFile,
} from './model';

/** A store name as HTML code. */
const code = (store: string) => `<code>${escapeHtml(store)}</code>`;

export interface HtmlOptions {
  /**
   * For a VS Code webview: its CSP source and a fresh nonce. Adds a script that posts
   * `{ type: 'reveal', file, offset: [start, end] }` when a finding is clicked, and scrolls to
   * the data type named `focus`.
   */
  webview?: { cspSource: string; nonce: string; focus?: string };
}

const STYLE = `
:root { color-scheme: light dark; --cap-page: var(--vscode-editor-background, #ffffff); }
body { font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 14px);
  color: var(--vscode-editor-foreground, #1f2328); background: var(--vscode-editor-background, #ffffff); margin: 0 auto; padding: 16px 24px; max-width: 1100px; line-height: 1.45; }
h1 { font-size: 1.6em; margin: 0 0 4px; } h2 { font-size: 1.3em; margin: 28px 0 8px; border-bottom: 1px solid var(--vscode-panel-border, #d0d7de); padding-bottom: 4px; }
h3 { font-size: 1.1em; margin: 20px 0 6px; }
.meta, .caption, .legend { color: var(--vscode-descriptionForeground, #59636e); }
code { font-family: var(--vscode-editor-font-family, ui-monospace, monospace); background: var(--vscode-textCodeBlock-background, #eff1f3); padding: 0 3px; border-radius: 3px; }
table { border-collapse: collapse; margin: 6px 0 12px; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border: 1px solid var(--vscode-panel-border, #d0d7de); }
th { background: var(--vscode-editorWidget-background, #f6f8fa); font-weight: 600; }
a { color: var(--vscode-textLink-foreground, #0969da); }
.badge { display: inline-block; min-width: 5.5em; padding: 0 6px; border-radius: 8px; font-size: .85em; text-align: center; }
${paletteStyle()}
${toned('.badge.error', 'alarm')}
${toned('.badge.warning', 'caution')}
${toned('.badge.information, .badge.hint', 'note')}
.ok { color: var(--cap-fine-text); }
ul.findings { list-style: none; padding: 0; margin: 4px 0 12px; }
ul.findings li { padding: 4px 6px; border-left: 3px solid transparent; }
ul.findings li.error { border-left-color: var(--vscode-errorForeground, #cf222e); }
ul.findings li.warning { border-left-color: var(--vscode-editorWarning-foreground, #bf8700); }
.reveal ul.findings li { cursor: pointer; } .reveal ul.findings li:hover { background: var(--vscode-list-hoverBackground, #f6f8fa); }
.where { color: var(--vscode-descriptionForeground, #59636e); font-family: var(--vscode-editor-font-family, ui-monospace, monospace); font-size: .9em; }
svg.cap-picture { max-width: 100%; height: auto; margin: 8px 0; font-family: var(--vscode-font-family, system-ui, sans-serif); }
svg .heading, svg .side-title { font-weight: 600; fill: var(--vscode-editor-foreground, #1f2328); }
svg .side-title { font-size: 18px; } svg .label, svg .name { font-size: 13px; fill: var(--vscode-editor-foreground, #1f2328); }
svg .name { font-weight: 600; } svg .caption, svg .legend { font-size: 12px; fill: var(--vscode-descriptionForeground, #59636e); }
svg .store, svg .guards, svg .count { font-size: 12px; fill: var(--vscode-descriptionForeground, #59636e); }
svg .guards { font-weight: 600; letter-spacing: 1px; } svg .store.misplaced, svg .count.error { fill: var(--cap-alarm-text); }
svg .count.warning { fill: var(--cap-caution-text); }
svg rect.side { fill: none; stroke: var(--vscode-panel-border, #d0d7de); }
svg rect.side.CP { fill: var(--vscode-editorWidget-background, #f3f7ff); } svg rect.side.AP { fill: var(--vscode-editorWidget-background, #f5fbf4); }
svg .card rect { fill: var(--vscode-editor-background, #ffffff); stroke: var(--vscode-testing-iconPassed, #1a7f37); stroke-width: 1.5; }
svg .card.warning rect { stroke: var(--vscode-editorWarning-foreground, #bf8700); stroke-width: 2; }
svg .card.error rect { stroke: var(--vscode-errorForeground, #cf222e); stroke-width: 2.5; }
svg .region { stroke: var(--vscode-editor-foreground, #1f2328); stroke-width: 1.5; fill: none; }
${VERDICT_STYLE}
${LEGEND_STYLE}
table.matrix { width: auto; }
${SCROLL_STYLE}
h3.focus { outline: 2px solid var(--vscode-focusBorder, #0969da); outline-offset: 4px; }
details > summary { cursor: pointer; color: var(--vscode-descriptionForeground, #59636e); font-size: .9em; }
details > div { margin: 2px 0 4px 1em; }
/* Severity filter: radio buttons before the catalogs, CSS only, so the exported file filters too. */
body > input[name=severity] { margin: 0 4px 0 12px; vertical-align: middle; }
#show-error:checked ~ section ul.findings li:not(.error), #show-warning:checked ~ section ul.findings li:not(.error):not(.warning) { display: none; }
#show-error:checked ~ section .data-type:not(.has-error), #show-warning:checked ~ section .data-type:not(.has-error):not(.has-warning) { display: none; }
/* Half a window: a picture wide enough to read, scrolled sideways; the overview keeps its key columns. */
.picture svg.cap-picture { min-width: 760px; }
@media (max-width: 720px) {
  body { padding: 8px 12px; }
  table.overview .need, table.overview .guards { display: none; }
  th, td { padding: 3px 5px; }
}
svg .region.primary { fill: var(--vscode-editor-foreground, #1f2328); }
`;

function findingList(file: string, findings: readonly Finding[]): string {
  if (findings.length === 0) return '';
  const items = findings.map(
    (f) =>
      `<li class="${f.severity}" data-file="${escapeHtml(file)}" data-start="${f.range.offset[0]}" data-end="${f.range.offset[1]}">` +
      `<span class="badge ${f.severity}">${f.severity}</span> <a href="${escapeHtml(f.docsUrl)}" data-rule="${f.ruleId}">${f.ruleId}</a> ` +
      `<span class="where">${f.range.start.line}:${f.range.start.column}</span> ${escapeHtml(f.message)}` +
      `<details><summary>Why</summary><div>${inlineCode(f.detail)}</div></details></li>`,
  );
  return `<ul class="findings">${items.join('')}</ul>`;
}

function catalogSection(file: AnalysedFile): string {
  const { report, findings, acceptedRisks } = file.analysis;
  const out: string[] = [`<section class="catalog"><h2>${escapeHtml(catalogTitle(file))}</h2>`];
  const meta = [
    report.owner && `Owner: ${escapeHtml(report.owner)}`,
    `${countsText(findings)} in ${plural(report.dataTypes.length, 'data type')}`,
    acceptedRisks.length > 0 && plural(acceptedRisks.length, 'accepted risk'),
  ].filter(Boolean);
  out.push(`<p class="meta">${meta.join(' · ')}</p>`);
  if (report.catalogFindings.length > 0) out.push('<h3>Catalog</h3>', findingList(file.file, report.catalogFindings));
  if (report.dataTypes.length > 0) {
    out.push(`<div class="picture">${scrollFrame(renderCapPicture(report), 'CAP picture')}</div>`);
    out.push(
      '<table class="overview"><thead><tr><th>data type</th><th class="need">need</th><th>recommended</th><th>declared store</th><th class="guards">guards</th><th>problems</th></tr></thead><tbody>',
    );
    for (const dataType of report.dataTypes) {
      const problems = problemsOf(dataType.findings);
      out.push(
        `<tr class="data-type${severityClasses(problems)}"><td><a href="#dt-${escapeHtml(dataType.name)}">${escapeHtml(dataType.name)}</a></td><td class="need">${escapeHtml(needText(dataType))}</td>` +
          `<td>${recommendedText(dataType, code)}</td><td>${escapeHtml(declaredStoreText(dataType))}</td>` +
          `<td class="guards">${escapeHtml(dataType.guards.map(guardText).join(', ')) || '–'}</td>` +
          `<td>${problems.length > 0 ? problems.map((f) => `<span class="badge ${f.severity}">${f.ruleId}</span>`).join(' ') : '<span class="ok">✓</span>'}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  for (const dataType of report.dataTypes) {
    const rows: Array<[string, string]> = [
      ['need', `${escapeHtml(needText(dataType))} (category ${dataType.need.category})`],
      ['recommended', `<strong>${recommendedText(dataType, code)}</strong>`],
      ...(dataType.verdict ? [['why', inlineCode(dataType.verdict.reason)] as [string, string]] : []),
      ['declared store', escapeHtml(declaredStoreText(dataType))],
      ...deployedTexts(dataType).map((text): [string, string] => ['deployed', escapeHtml(text)]),
      ['split-brain guards', escapeHtml(dataType.guards.map(guardText).join(', ')) || 'none'],
    ];
    for (const [label, value] of [
      ['staleness budget', dataType.need.stalenessBudget],
      ['RPO', dataType.need.rpo],
      ['RTO', dataType.need.rto],
      ['failover', dataType.need.failover],
    ] as const) {
      if (value) rows.push([label, escapeHtml(value)]);
    }
    const problems = problemsOf(dataType.findings);
    out.push(`<div class="data-type${severityClasses(problems)}"><h3 id="dt-${escapeHtml(dataType.name)}">${escapeHtml(dataType.name)}</h3>`);
    if (dataType.description) out.push(`<p>${escapeHtml(dataType.description)}</p>`);
    out.push(`<table class="data-type-facts"><tbody>${rows.map(([label, value]) => `<tr><th>${label}</th><td>${value}</td></tr>`).join('')}</tbody></table>`);
    out.push(findingList(file.file, problems), '</div>');
  }
  if (report.dataTypes.length > 0 && report.regions.length > 0) {
    out.push(
      '<h3>Partition scenarios</h3>',
      '<p class="meta">What each data type does when a Region is cut off or lost (<code>cap-advisor simulate</code>); hover a cell for why, click a verdict for what changes it.</p>',
      verdictLegendHtml(),
      scrollFrame(scenarioMatrixHtml({ file: file.file, scenarios: simulate(file.analysis) }), 'Partition scenarios'),
    );
  }
  if (acceptedRisks.length > 0) {
    out.push('<h3>Accepted risks</h3><table class="accepted"><thead><tr><th>data type</th><th>rule</th><th>reason</th></tr></thead><tbody>');
    for (const risk of acceptedRisks) {
      out.push(
        `<tr data-file="${escapeHtml(file.file)}" data-start="${risk.range.offset[0]}" data-end="${risk.range.offset[1]}"><td>${escapeHtml(risk.dataType)}</td>` +
          `<td>${risk.rule}${risk.matched ? '' : ' <span class="meta">(did not fire)</span>'}</td><td>${escapeHtml(risk.reason)}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  out.push('</section>');
  return out.join('\n');
}

/** ` has-error has-warning`: what the severity filter keeps a data type for. */
function severityClasses(problems: readonly Finding[]): string {
  return ['error', 'warning']
    .filter((severity) => problems.some((f) => f.severity === severity))
    .map((severity) => ` has-${severity}`)
    .join('');
}

/** Posts the clicked finding's place to the extension, which reveals it in the editor. */
const REVEAL_SCRIPT = `
const vscode = acquireVsCodeApi();
const focus = document.body.dataset.focus && document.getElementById(document.body.dataset.focus);
if (focus) { focus.scrollIntoView({ block: 'start' }); focus.classList.add('focus'); }
document.addEventListener('click', (event) => {
  const rule = event.target.closest('a[data-rule]');
  if (rule) {
    // The rule's page as bundled with the extension, in VS Code's Markdown preview.
    event.preventDefault();
    vscode.postMessage({ type: 'openRule', rule: rule.dataset.rule });
    return;
  }
  if (event.target.closest('a')) return;
  const item = event.target.closest('[data-start]');
  if (!item) return;
  vscode.postMessage({ type: 'reveal', file: item.dataset.file, offset: [Number(item.dataset.start), Number(item.dataset.end)] });
});`;

export function renderHtml(files: readonly AnalysedFile[], options: HtmlOptions = {}): string {
  const { webview } = options;
  // No remote content either way: styles inline, no images, scripts only with the webview's nonce.
  const csp = webview
    ? `default-src 'none'; style-src ${webview.cspSource} 'nonce-${webview.nonce}'; script-src 'nonce-${webview.nonce}'; img-src ${webview.cspSource} data:;`
    : "default-src 'none'; style-src 'unsafe-inline'; img-src data:;";
  const nonce = webview ? ` nonce="${webview.nonce}"` : '';
  const all = files.flatMap(({ analysis }) => analysis.findings);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CAP Advisor report</title>
<style${nonce}>${STYLE}</style>
</head>
<body class="${webview ? 'reveal' : ''}"${webview?.focus ? ` data-focus="dt-${escapeHtml(webview.focus)}"` : ''}>
<h1>CAP Advisor report</h1>
<p class="meta">${plural(files.length, 'catalog')} · ${countsText(all)}. Figures are typical values from AWS documentation, not guarantees.</p>
<span class="meta">Show:</span><input type="radio" name="severity" id="show-all" checked><label for="show-all">everything</label><input type="radio" name="severity" id="show-warning"><label for="show-warning">errors and warnings</label><input type="radio" name="severity" id="show-error"><label for="show-error">errors</label>
${files.map(catalogSection).join('\n')}
${webview ? `<script${nonce}>${REVEAL_SCRIPT}</script>` : ''}
</body>
</html>
`;
}
