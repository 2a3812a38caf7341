// `--format markdown`: the report for a pull request or a design-review page. An overview
// table, then per data type its need, recommendation, guards and findings, then accepted risks.
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
import { simulate, type Finding } from '../engine';
import { scenarioMatrixMarkdown } from './scenarios';

/** Table cells hold one line and no pipes. Details already use `code` spans, which Markdown keeps. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** The short messages in a table, then each finding's detail, folded. */
function findingsTable(findings: readonly Finding[]): string[] {
  return [
    '| severity | rule | line | message |',
    '|---|---|---|---|',
    ...findings.map((f) => `| ${f.severity} | [${f.ruleId}](${f.docsUrl}) | ${f.range.start.line}:${f.range.start.column} | ${cell(f.message)} |`),
    '',
    '<details><summary>Why</summary>',
    '',
    ...findings.map((f) => `- **${f.ruleId}** (line ${f.range.start.line}): ${cell(f.detail)}`),
    '',
    '</details>',
  ];
}

export function renderMarkdown(files: readonly AnalysedFile[]): string {
  const out: string[] = ['# CAP Advisor report', ''];
  for (const file of files) {
    const { report, findings, acceptedRisks } = file.analysis;
    out.push(`## ${cell(catalogTitle(file))}`, '');
    if (report.owner) out.push(`Owner: ${cell(report.owner)}`, '');
    if (report.regions.length > 0) out.push(`Regions: ${report.regions.map((r) => `${r.name} (${r.role})`).join(', ')}`, '');
    out.push(
      `**${countsText(findings)}** in ${plural(report.dataTypes.length, 'data type')}` +
        (acceptedRisks.length > 0 ? `; ${plural(acceptedRisks.length, 'accepted risk')}` : ''),
      '',
    );

    if (report.catalogFindings.length > 0) out.push('### Catalog', '', ...findingsTable(report.catalogFindings), '');
    if (report.dataTypes.length > 0) {
      out.push('| data type | need | recommended | declared store | guards | problems |', '|---|---|---|---|---|---|');
      for (const dataType of report.dataTypes) {
        const problems = problemsOf(dataType.findings);
        out.push(
          `| [${cell(dataType.name)}](#${anchor(dataType.name)}) | ${cell(needText(dataType))} | ${recommendedText(dataType)} | ${declaredStoreText(dataType)} | ${cell(dataType.guards.map(guardText).join(', ') || '–')} | ${problems.length > 0 ? problems.map((f) => f.ruleId).join(', ') : '✓'} |`,
        );
      }
      out.push('');
    }
    for (const dataType of report.dataTypes) {
      out.push(`### ${cell(dataType.name)}`, '');
      if (dataType.description) out.push(cell(dataType.description), '');
      out.push(
        '| | |',
        '|---|---|',
        `| need | ${cell(needText(dataType))} (category ${dataType.need.category}) |`,
        `| recommended | **${recommendedText(dataType, (store) => `\`${store}\``)}** |`,
        ...(dataType.verdict ? [`| why | ${cell(dataType.verdict.reason)} |`] : []),
        `| declared store | ${declaredStoreText(dataType)} |`,
        ...deployedTexts(dataType).map((text) => `| deployed | ${cell(text)} |`),
        `| split-brain guards | ${cell(dataType.guards.map(guardText).join(', ') || 'none')} |`,
      );
      for (const [label, value] of [
        ['staleness budget', dataType.need.stalenessBudget],
        ['RPO', dataType.need.rpo],
        ['RTO', dataType.need.rto],
        ['failover', dataType.need.failover],
      ] as const) {
        if (value) out.push(`| ${label} | ${value} |`);
      }
      out.push('');
      const problems = problemsOf(dataType.findings);
      if (problems.length > 0) out.push(...findingsTable(problems), '');
    }
    if (report.dataTypes.length > 0 && report.regions.length > 0) {
      out.push(
        '### Partition scenarios',
        '',
        'What each data type does when a Region is cut off or lost (`cap-advisor simulate` explains each outcome).',
        '',
        ...scenarioMatrixMarkdown({ file: file.file, scenarios: simulate(file.analysis) }),
        '',
      );
    }
    if (acceptedRisks.length > 0) {
      out.push('### Accepted risks', '', '| data type | rule | reason | line |', '|---|---|---|---|');
      for (const risk of acceptedRisks) {
        out.push(`| ${cell(risk.dataType)} | ${risk.rule}${risk.matched ? '' : ' (did not fire)'} | ${cell(risk.reason)} | ${risk.range.start.line} |`);
      }
      out.push('');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** GitHub's heading anchors: lower case, spaces to dashes, most punctuation dropped. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
