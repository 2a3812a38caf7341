// `cap-advisor simulate`'s formats: the matrix of data types × scenarios (isolate or lose each
// Region), then what goes wrong, in text, JSON, Markdown and HTML.
import { VERDICT_MEANINGS, verdictDocsUrl, VERDICTS, type Outcome, type OutcomeChange, type ScenarioResult, type Verdict } from '../engine';
import { paletteStyle, toned, type Tone } from './palette';
import { SCROLL_STYLE, scrollFrame } from './scroll';
import { escapeHtml, inlineCode } from './escape';

export interface SimulatedFile {
  file: string;
  scenarios: ScenarioResult[];
}

/** A scenario as every surface names it: "us-east-1 cut off" (the Simulate Partition picker's words), "us-east-1 lost". */
const scenarioName = ({ kind, region }: ScenarioResult) => `${region} ${kind === 'isolate' ? 'cut off' : 'lost'}`;
/** The outcomes a game day is about: the ones that lose data or writes. */
const ALARMING: ReadonlySet<Verdict> = new Set(['split-brain', 'unavailable', 'diverges']);

function dataTypesOf(file: SimulatedFile): string[] {
  return file.scenarios[0]?.outcomes.map((o) => o.dataType) ?? [];
}

function outcomeAt(file: SimulatedFile, scenario: ScenarioResult, dataType: string): Outcome {
  return scenario.outcomes.find((o) => o.dataType === dataType)!;
}

export function splitBrains(files: readonly SimulatedFile[]): number {
  return files.reduce((sum, file) => sum + file.scenarios.reduce((n, s) => n + s.outcomes.filter((o) => o.verdict === 'split-brain').length, 0), 0);
}

function summaryLine(files: readonly SimulatedFile[]): string {
  const scenarios = files.reduce((sum, file) => sum + file.scenarios.length, 0);
  const count = splitBrains(files);
  return count > 0
    ? `✖ ${count} split-brain outcome${count === 1 ? '' : 's'} in ${scenarios} scenario${scenarios === 1 ? '' : 's'}`
    : `✔ no split-brain in ${scenarios} scenario${scenarios === 1 ? '' : 's'}`;
}

export function renderScenariosText(files: readonly SimulatedFile[]): string {
  const lines: string[] = [];
  for (const file of files) {
    const names = dataTypesOf(file);
    const width = Math.max(9, ...names.map((n) => n.length));
    const columns = file.scenarios.map((s) => Math.max(scenarioName(s).length, 11));
    lines.push(file.file, '');
    lines.push(['data type'.padEnd(width), ...file.scenarios.map((s, i) => scenarioName(s).padEnd(columns[i]))].join('  ').trimEnd());
    for (const name of names)
      lines.push([name.padEnd(width), ...file.scenarios.map((s, i) => outcomeAt(file, s, name).verdict.padEnd(columns[i]))].join('  ').trimEnd());
    const alarming = file.scenarios.flatMap((s) => s.outcomes.filter((o) => ALARMING.has(o.verdict)).map((o) => `${scenarioName(s)}: ${o.message}`));
    if (alarming.length > 0) lines.push('', ...alarming);
    lines.push('');
  }
  lines.push(summaryLine(files));
  return `${lines.join('\n')}\n`;
}

/** Exactly the shape the README documents. */
export function renderScenariosJson(files: readonly SimulatedFile[]): string {
  const output = {
    files: files.map((file) => ({
      file: file.file,
      scenarios: file.scenarios.map((s) => ({
        kind: s.kind,
        region: s.region,
        outcomes: s.outcomes.map((o) => ({
          dataType: o.dataType,
          verdict: o.verdict,
          writers: o.writers,
          staleReads: o.staleReads,
          atRiskMs: o.atRiskMs,
          guard: o.guard,
          explanation: `${o.message} ${o.detail}`,
        })),
      })),
    })),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

export function renderScenariosMarkdown(files: readonly SimulatedFile[]): string {
  const out = ['# CAP Advisor partition scenarios', ''];
  for (const file of files) {
    out.push(`## ${cell(file.file)}`, '', ...scenarioMatrixMarkdown(file), '');
    for (const scenario of file.scenarios) {
      const alarming = scenario.outcomes.filter((o) => ALARMING.has(o.verdict));
      if (alarming.length === 0) continue;
      out.push(`### ${scenarioName(scenario)}`, '', ...alarming.map((o) => `- **${o.verdict}**: ${cell(o.message)} ${cell(o.detail)}`), '');
    }
  }
  out.push(summaryLine(files), '');
  return out.join('\n');
}

/** Where an outcome's change is made in the catalog (the editor's view reveals it there): [start, end) offsets. */
export type ChangePlace = (dataType: string, change: OutcomeChange) => readonly [number, number] | undefined;

/** What changes an outcome, in one line of plain text: "conflictResolution: set merge …". */
export function changeText({ setting, inCatalog, how }: OutcomeChange): string {
  return `${inCatalog ? "the catalog's " : ''}${setting}: ${how}`;
}

/**
 * A verdict's word, linked to what changes it when it is not fine: the rule's page (its quick fix)
 * or the verdict's section of the scenarios page; with `place`, the offsets of the setting too,
 * which the editor's view reveals in the catalog.
 */
function verdictLink(o: Outcome, place?: ChangePlace): string {
  const { change } = o;
  if (!change) return o.verdict;
  const where = place?.(o.dataType, change);
  const attributes = [
    `href="${escapeHtml(change.rule?.docsUrl ?? verdictDocsUrl(o.verdict))}"`,
    `data-setting="${change.inCatalog ? 'regions' : change.setting}"`,
    where ? `data-start="${where[0]}" data-end="${where[1]}"` : '',
    change.rule ? `data-rule="${change.rule.id}"` : '',
  ];
  return `<a ${attributes.filter(Boolean).join(' ')}>${o.verdict}</a>`;
}

/** The cell's tooltip: what happens, why, and what changes it. */
function cellTitle(o: Outcome): string {
  const why = `${o.message} ${o.detail.replace(/`/g, '')}`;
  return o.change ? `${why} What changes it: ${changeText(o.change)}${o.change.rule ? ` (${o.change.rule.id})` : ''}.` : why;
}

/** The legend: each verdict's word in its colours, and what it means. */
export function verdictLegendHtml(): string {
  return `<dl class="verdict-legend">${VERDICTS.map((verdict) => `<dt><span class="v ${verdict}">${verdict}</span></dt><dd>${escapeHtml(VERDICT_MEANINGS[verdict])}</dd>`).join('')}</dl>`;
}

export const LEGEND_STYLE = `
dl.verdict-legend { display: grid; grid-template-columns: max-content 1fr; gap: 3px 10px; margin: 6px 0 12px; font-size: .9em; }
dl.verdict-legend dt, dl.verdict-legend dd { margin: 0; } dl.verdict-legend span.v { display: inline-block; padding: 0 6px; border-radius: 3px; }
`;

/**
 * The matrix as an HTML table; each cell carries its scenario and data type for the editor's view,
 * and a verdict that is not fine links to what changes it (`place`: where, in the catalog).
 */
export function scenarioMatrixHtml(file: SimulatedFile, place?: ChangePlace): string {
  // The Region on one line (a code does not break at its dashes), what happens to it below.
  const header = `<tr><th>data type</th>${file.scenarios.map((s) => `<th><span class="nowrap">${escapeHtml(s.region)}</span><br>${s.kind === 'isolate' ? 'cut off' : 'lost'}</th>`).join('')}</tr>`;
  const rows = dataTypesOf(file).map(
    (name) =>
      `<tr><th>${escapeHtml(name)}</th>${file.scenarios
        .map((s, column) => {
          const o = outcomeAt(file, s, name);
          return `<td class="v ${o.verdict}" data-scenario="${column}" data-data-type="${escapeHtml(name)}" title="${escapeHtml(cellTitle(o))}">${verdictLink(o, place)}</td>`;
        })
        .join('')}</tr>`,
  );
  return `<table class="matrix">${header}${rows.join('')}</table>`;
}

/** The matrix in Markdown, for the report. */
export function scenarioMatrixMarkdown(file: SimulatedFile): string[] {
  return [
    `| data type | ${file.scenarios.map(scenarioName).join(' | ')} |`,
    `|---|${file.scenarios.map(() => '---|').join('')}`,
    ...dataTypesOf(file).map((name) => `| ${cell(name)} | ${file.scenarios.map((s) => outcomeAt(file, s, name).verdict).join(' | ')} |`),
  ];
}

/** The tone of each verdict: alarm where data is lost or writes stop, caution where a side gives way. */
export const VERDICT_TONES: Record<Verdict, Tone> = {
  'split-brain': 'alarm',
  unavailable: 'alarm',
  diverges: 'caution',
  'failed-over': 'caution',
  degraded: 'caution',
  available: 'fine',
  unaffected: 'quiet',
};

/** Colours of the verdicts (the palette's pairs per theme); the verdict's word is always in the cell too. */
export const VERDICT_STYLE = `
td.v { font-size: .9em; white-space: nowrap; } .nowrap { white-space: nowrap; } td.v a { color: inherit; }
${VERDICTS.map((verdict) => toned(`.${verdict}`, VERDICT_TONES[verdict], verdict === 'split-brain' ? 'font-weight: 600;' : '')).join('\n')}
`;

const STYLE = `
:root { color-scheme: light dark; }
${paletteStyle({ followSystem: true })}
${SCROLL_STYLE}
${LEGEND_STYLE}
body { font-family: system-ui, sans-serif; margin: 0 auto; padding: 16px 24px; max-width: 1200px; line-height: 1.45; }
table { border-collapse: collapse; margin: 8px 0 16px; } th, td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; vertical-align: top; }
${VERDICT_STYLE}`;

/** "What changes it" after an outcome's explanation, with the rule's page when a finding asks for the change. */
function changeHtml(o: Outcome): string {
  if (!o.change) return '';
  const rule = o.change.rule ? ` Fix: <a href="${escapeHtml(o.change.rule.docsUrl)}">${o.change.rule.id}</a>.` : '';
  return `<br><strong>What changes it:</strong> <code>${o.change.inCatalog ? 'regions' : o.change.setting}</code>: ${escapeHtml(o.change.how)}.${rule}`;
}

export function renderScenariosHtml(files: readonly SimulatedFile[]): string {
  const body = files
    .map((file) => {
      const details = file.scenarios
        .map((s) => {
          const alarming = s.outcomes.filter((o) => ALARMING.has(o.verdict));
          return alarming.length === 0
            ? ''
            : `<h3>${escapeHtml(scenarioName(s))}</h3><ul>${alarming.map((o) => `<li><span class="${o.verdict}">${o.verdict}</span> ${escapeHtml(o.message)} ${inlineCode(o.detail)}${changeHtml(o)}</li>`).join('')}</ul>`;
        })
        .join('');
      return `<section><h2>${escapeHtml(file.file)}</h2>${verdictLegendHtml()}${scrollFrame(scenarioMatrixHtml(file), 'Partition scenarios')}${details}</section>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CAP Advisor partition scenarios</title>
<style>${STYLE}</style>
</head>
<body>
<h1>CAP Advisor partition scenarios</h1>
<p>${escapeHtml(summaryLine(files))}. Writes at risk are typical figures from AWS documentation, not guarantees.</p>
${body}
</body>
</html>
`;
}

/**
 * One scenario as a picture: the Regions in a row, the disrupted one behind the cut (a dashed
 * line; crossed out when lost), and under each side the data types whose writes it still takes,
 * coloured by verdict. Data types that no Region writes are listed apart.
 */
export function scenarioPictureSvg(scenario: ScenarioResult, regions: ReadonlyArray<{ name: string; role: string }>): string {
  // Narrow enough to stay legible in half a window.
  const WIDTH = 560;
  const LINE = 18;
  const cutX = 230;
  const others = regions.filter((r) => r.name !== scenario.region);
  const cutSide = scenario.outcomes.filter((o) => o.writers.includes(scenario.region) && o.verdict !== 'unaffected');
  const otherSide = scenario.outcomes.filter((o) => o.writers.some((w) => w !== scenario.region) && o.verdict !== 'unaffected');
  const noWriter = scenario.outcomes.filter((o) => o.writers.length === 0);
  const rows = Math.max(cutSide.length, otherSide.length, 1);
  const listTop = 110;
  const noWriterTop = listTop + rows * LINE + 30;
  const height = noWriterTop + (noWriter.length > 0 ? 24 + Math.ceil(noWriter.length / 3) * LINE : 0) + 10;
  const parts: string[] = [];
  const region = (x: number, r: { name: string; role: string }, lost: boolean) =>
    `<g class="region${lost ? ' lost' : ''}"><circle cx="${x}" cy="40" r="14"/>${lost ? `<path d="M${x - 10} 30 L${x + 10} 50 M${x + 10} 30 L${x - 10} 50"/>` : ''}<text x="${x}" y="74" text-anchor="middle">${escapeHtml(r.name)}</text><text class="role" x="${x}" y="90" text-anchor="middle">${r.role}</text></g>`;
  const cut = regions.find((r) => r.name === scenario.region);
  if (cut) parts.push(region(cutX / 2, cut, scenario.kind === 'lose'));
  others.forEach((r, i) => parts.push(region(cutX + ((WIDTH - cutX) / (others.length + 1)) * (i + 1), r, false)));
  parts.push(`<line class="cut" x1="${cutX}" y1="10" x2="${cutX}" y2="${noWriterTop - 14}"/>`);
  const list = (items: Outcome[], x: number) =>
    items.map((o, i) => `<text class="dt ${o.verdict}" x="${x}" y="${listTop + 14 + i * LINE}">${escapeHtml(o.dataType)} · ${o.verdict}</text>`).join('');
  parts.push(list(cutSide, 16), list(otherSide, cutX + 24));
  if (noWriter.length > 0) {
    parts.push(`<text class="heading" x="16" y="${noWriterTop}">No Region takes their writes:</text>`);
    noWriter.forEach((o, i) =>
      parts.push(`<text class="dt ${o.verdict}" x="${16 + (i % 3) * 180}" y="${noWriterTop + 20 + Math.floor(i / 3) * LINE}">${escapeHtml(o.dataType)}</text>`),
    );
  }
  const title = `${scenario.kind === 'isolate' ? `${scenario.region} cut off from the other Regions` : `${scenario.region} lost`}: who still takes each data type's writes`;
  return `<svg class="scenario-picture" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title>${parts.join('')}</svg>`;
}

export const PICTURE_STYLE = `
svg.scenario-picture { max-width: 100%; height: auto; font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: 13px; }
svg .region circle { fill: none; stroke: var(--vscode-editor-foreground, #1f2328); stroke-width: 2; }
svg .region.lost circle, svg .region.lost path { stroke: var(--vscode-errorForeground, #cf222e); }
svg .region text { fill: var(--vscode-editor-foreground, #1f2328); } svg .region text.role, svg .heading { fill: var(--vscode-descriptionForeground, #59636e); font-size: 12px; }
svg line.cut { stroke: var(--vscode-errorForeground, #cf222e); stroke-width: 3; stroke-dasharray: 8 6; }
svg text.dt { fill: var(--vscode-editor-foreground, #1f2328); } svg text.split-brain, svg text.unavailable { fill: var(--cap-alarm-text); font-weight: 600; }
svg text.diverges, svg text.failed-over, svg text.degraded { fill: var(--cap-caution-text); }
svg text.available { fill: var(--cap-fine-text); }
`;
