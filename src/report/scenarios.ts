// `cap-advisor simulate`'s formats: the matrix of data types × scenarios (isolate or lose each
// Region), then what goes wrong, in text, JSON, Markdown and HTML.
import type { Outcome, ScenarioResult, Verdict } from '../engine';
import { escapeHtml, inlineCode } from './escape';

export interface SimulatedFile {
  file: string;
  scenarios: ScenarioResult[];
}

const scenarioName = ({ kind, region }: ScenarioResult) => `${kind} ${region}`;
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
  return count > 0 ? `✖ ${count} split-brain outcome${count === 1 ? '' : 's'} in ${scenarios} scenario${scenarios === 1 ? '' : 's'}` : `✔ no split-brain in ${scenarios} scenario${scenarios === 1 ? '' : 's'}`;
}

export function renderScenariosText(files: readonly SimulatedFile[]): string {
  const lines: string[] = [];
  for (const file of files) {
    const names = dataTypesOf(file);
    const width = Math.max(9, ...names.map((n) => n.length));
    const columns = file.scenarios.map((s) => Math.max(scenarioName(s).length, 11));
    lines.push(file.file, '');
    lines.push(['data type'.padEnd(width), ...file.scenarios.map((s, i) => scenarioName(s).padEnd(columns[i]))].join('  ').trimEnd());
    for (const name of names) lines.push([name.padEnd(width), ...file.scenarios.map((s, i) => outcomeAt(file, s, name).verdict.padEnd(columns[i]))].join('  ').trimEnd());
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
        outcomes: s.outcomes.map((o) => ({ dataType: o.dataType, verdict: o.verdict, writers: o.writers, staleReads: o.staleReads, atRiskMs: o.atRiskMs, guard: o.guard, explanation: `${o.message} ${o.detail}` })),
      })),
    })),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

export function renderScenariosMarkdown(files: readonly SimulatedFile[]): string {
  const out = ['# CAP Advisor partition scenarios', ''];
  for (const file of files) {
    out.push(`## ${cell(file.file)}`, '', `| data type | ${file.scenarios.map(scenarioName).join(' | ')} |`, `|---|${file.scenarios.map(() => '---|').join('')}`);
    for (const name of dataTypesOf(file)) out.push(`| ${cell(name)} | ${file.scenarios.map((s) => outcomeAt(file, s, name).verdict).join(' | ')} |`);
    out.push('');
    for (const scenario of file.scenarios) {
      const alarming = scenario.outcomes.filter((o) => ALARMING.has(o.verdict));
      if (alarming.length === 0) continue;
      out.push(`### ${scenarioName(scenario)}`, '', ...alarming.map((o) => `- **${o.verdict}**: ${cell(o.message)} ${cell(o.detail)}`), '');
    }
  }
  out.push(summaryLine(files), '');
  return out.join('\n');
}

const STYLE = `
:root { color-scheme: light dark; }
body { font-family: system-ui, sans-serif; margin: 0 auto; padding: 16px 24px; max-width: 1200px; line-height: 1.45; }
table { border-collapse: collapse; margin: 8px 0 16px; } th, td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; vertical-align: top; }
td.v { font-size: .9em; white-space: nowrap; }
.split-brain { background: #ffebe9; color: #a40e26; font-weight: 600; } .unavailable { background: #ffebe9; color: #a40e26; }
.diverges { background: #fff8c5; color: #7d4e00; } .failed-over, .degraded { background: #fff8c5; color: #5f4b00; }
.available { background: #dafbe1; color: #116329; } .unaffected { color: #59636e; }
@media (prefers-color-scheme: dark) { th, td { border-color: #444c56; } .split-brain, .unavailable { background: #4c1a1a; color: #ffb4b4; } .diverges, .failed-over, .degraded { background: #3d3413; color: #f0d98c; } .available { background: #17321f; color: #9be9a8; } }
`;

export function renderScenariosHtml(files: readonly SimulatedFile[]): string {
  const body = files.map((file) => {
    const header = `<tr><th>data type</th>${file.scenarios.map((s) => `<th>${escapeHtml(scenarioName(s))}</th>`).join('')}</tr>`;
    const rows = dataTypesOf(file).map((name) => `<tr><th>${escapeHtml(name)}</th>${file.scenarios.map((s) => {
      const o = outcomeAt(file, s, name);
      return `<td class="v ${o.verdict}" title="${escapeHtml(`${o.message} ${o.detail.replace(/`/g, '')}`)}">${o.verdict}</td>`;
    }).join('')}</tr>`);
    const details = file.scenarios.map((s) => {
      const alarming = s.outcomes.filter((o) => ALARMING.has(o.verdict));
      return alarming.length === 0 ? '' : `<h3>${escapeHtml(scenarioName(s))}</h3><ul>${alarming.map((o) => `<li><span class="${o.verdict}">${o.verdict}</span> ${escapeHtml(o.message)} ${inlineCode(o.detail)}</li>`).join('')}</ul>`;
    }).join('');
    return `<section><h2>${escapeHtml(file.file)}</h2><table>${header}${rows.join('')}</table>${details}</section>`;
  }).join('\n');
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
