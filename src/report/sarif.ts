// `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it. Rules carry their page's lead
// paragraph (fullDescription), the page itself (help), its link (helpUri) and default level;
// accepted risks become suppressed results with their reason, so a reviewer sees them as
// dismissed rather than as missing. Hints are left out, as in the text format.
import { ruleRegistry, type Finding, type Severity, type SourceRange } from '../engine';
import { besideCatalog, type AnalysedFile } from './model';
import { plainText, rulePage } from './rulePages';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/cap-advisor/cap-advisor';

type SarifLevel = 'error' | 'warning' | 'note';
const levels: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** A relative path as a URI reference against the checkout root; an absolute one as a file URI. */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  const slashed = file.replace(/\\/g, '/');
  if (slashed.startsWith('/')) return { uri: `file://${encodeURI(slashed)}` };
  return { uri: encodeURI(slashed.replace(/^\.\//, '')), uriBaseId: '%SRCROOT%' };
}

/** SARIF columns count UTF-16 code units by default and endColumn is exclusive, as ours are. */
function region(range: SourceRange) {
  return { startLine: range.start.line, startColumn: range.start.column, endLine: range.end.line, endColumn: range.end.column };
}

export function renderSarif(files: readonly AnalysedFile[], options: { toolVersion: string }): string {
  const ruleIndex = new Map(ruleRegistry.map((rule, index) => [rule.id, index]));
  const location = (file: string, range: SourceRange) => ({ physicalLocation: { artifactLocation: artifactLocation(file), region: region(range) } });
  const result = (file: string, finding: Finding) => ({
    ruleId: finding.ruleId,
    ruleIndex: ruleIndex.get(finding.ruleId),
    level: levels[finding.severity],
    // The short message is what code scanning lists; the detail is its Markdown rendering.
    message: { text: finding.message, markdown: finding.detail },
    locations: [location(file, finding.range)],
    ...(finding.related?.length
      ? {
          relatedLocations: finding.related.map((related, id) => ({
            id,
            ...location(related.file === undefined ? file : besideCatalog(file, related.file), related.range),
            message: { text: related.message },
          })),
        }
      : {}),
  });

  const results = files.flatMap(({ file, analysis }) => [
    // Hints only say that a declared store fits: nothing to act on, and a code scanning alert per
    // data type would bury the real ones (and a 10,000-type catalog near GitHub's 25,000 results).
    ...analysis.findings.filter((finding) => finding.severity !== 'hint').map((finding) => result(file, finding)),
    ...analysis.acceptedRisks
      .filter((risk) => risk.matched)
      .map((risk) => ({
        ruleId: risk.rule,
        ruleIndex: ruleIndex.get(risk.rule),
        level: levels[ruleRegistry[ruleIndex.get(risk.rule)!].defaultSeverity],
        message: { text: `\`${risk.dataType}\` accepts ${risk.rule}: ${risk.reason}` },
        locations: [location(file, risk.range)],
        suppressions: [{ kind: 'inSource', justification: risk.reason }],
      })),
  ]);

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cap-advisor',
            version: options.toolVersion,
            informationUri: INFORMATION_URI,
            rules: ruleRegistry.map((rule) => {
              // GitHub shows the full description and the help on every alert: the rule page's words.
              const page = rulePage(rule.id);
              const full = page?.lead || rule.description;
              return {
                id: rule.id,
                shortDescription: { text: plainText(rule.description) },
                fullDescription: { text: plainText(full), markdown: full },
                help: {
                  text: `${plainText(full)} See ${rule.docsUrl}`,
                  markdown: page?.markdown ?? `${rule.description} [The rule's page](${rule.docsUrl}) says why, with examples and sources.`,
                },
                helpUri: rule.docsUrl,
                defaultConfiguration: { level: levels[rule.defaultSeverity] },
              };
            }),
          },
        },
        originalUriBaseIds: {
          '%SRCROOT%': { description: { text: 'The root of the Git repository that holds the catalogs (else the directory cap-advisor was run from).' } },
        },
        artifacts: files.map(({ file }) => ({ location: artifactLocation(file) })),
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
