// `--format text`: one line per finding, `file:line:col severity rule-id message`, as compilers
// and ESLint's unix formatter print them (editors and CI logs make them links), then a summary.
// Hints are left out, as VS Code leaves them out of the Problems count: they only say that a
// declared store already fits.
import { besideCatalog, countBySeverity, countsText, plural, type AnalysedFile } from './model';
import { describeUnmodelled, type Severity } from '../engine';

const colours: Record<Severity | 'dim' | 'bold', [number, number]> = {
  error: [31, 39],
  warning: [33, 39],
  information: [36, 39],
  hint: [90, 39],
  dim: [2, 22],
  bold: [1, 22],
};

/** `verbose` adds each finding's detail under it, indented. */
/** Words to lines of at most `width` characters (a longer word keeps its own line). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) lines.push(current);
  return lines;
}

export function renderText(files: readonly AnalysedFile[], options: { color: boolean; verbose?: boolean }): string {
  const paint = (style: keyof typeof colours, text: string) => (options.color ? `\u001b[${colours[style][0]}m${text}\u001b[${colours[style][1]}m` : text);
  const lines: string[] = [];
  const all = files.flatMap(({ analysis }) => analysis.findings);
  for (const { file, analysis } of files) {
    for (const finding of analysis.findings) {
      if (finding.severity === 'hint') continue;
      const { line, column } = finding.range.start;
      // One line per finding, whatever the message holds.
      const message = finding.message.replace(/\s*\n\s*/g, ' ');
      lines.push(`${file}:${line}:${column} ${paint(finding.severity, finding.severity)} ${paint('dim', finding.ruleId)} ${message}`);
      if (options.verbose) {
        lines.push(...wrap(finding.detail, 96).map((detailLine) => `    ${paint('dim', detailLine)}`));
        // The template line a finding is about, where editors and terminals make it a link.
        for (const related of finding.related ?? []) {
          if (related.file !== undefined)
            lines.push(
              `    ${paint('dim', `see ${besideCatalog(file, related.file)}:${related.range.start.line}:${related.range.start.column} ${related.message}`)}`,
            );
        }
      }
    }
  }
  // What could not be judged is no finding (no rule fires on it), but --verbose says what and why.
  if (options.verbose) {
    for (const { file, analysis } of files) {
      const unjudged = analysis.report.dataTypes.flatMap((dataType) =>
        (dataType.deployed ?? []).flatMap((resource) => (resource.unknown ?? []).map((fact) => `${dataType.name}: ${resource.name}: ${fact}`)),
      );
      // Data stores the model does not describe: named, so their absence from the findings is not read as a pass.
      const unmodelled = analysis.report.deployed?.unmodelled ?? [];
      if (unmodelled.length > 0) {
        lines.push(`${file}: ${paint('bold', 'not modelled')}, CAP Advisor does not judge these data stores:`);
        for (const resource of unmodelled) lines.push(`  - ${paint('dim', describeUnmodelled(resource))}`);
      }
      if (unjudged.length === 0) continue;
      lines.push(`${file}: ${paint('bold', 'not judged')}, the infrastructure does not fix:`);
      for (const text of unjudged) lines.push(...wrap(text, 96).map((line, i) => `  ${i === 0 ? '- ' : '  '}${paint('dim', line)}`));
    }
  }
  const counts = countBySeverity(all);
  const problems = counts.error + counts.warning;
  const accepted = files.reduce((sum, { analysis }) => sum + analysis.acceptedRisks.length, 0);
  const tail = [
    plural(files.length, 'catalog'),
    plural(
      files.reduce((sum, { analysis }) => sum + analysis.recommendations.length, 0),
      'data type',
    ),
    ...(accepted > 0 ? [plural(accepted, 'accepted risk')] : []),
  ];
  const summary = `${problems > 0 ? '✖' : '✔'} ${countsText(all)} in ${tail.join(', ')}`;
  if (lines.length > 0) lines.push('');
  lines.push(paint(counts.error > 0 ? 'error' : problems > 0 ? 'warning' : 'bold', summary));
  return `${lines.join('\n')}\n`;
}
