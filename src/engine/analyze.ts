// The analysis pipeline: guard the size, parse, validate against the schema, resolve, run the
// rules, set aside accepted risks, apply severity settings, and build the report model.
import { formatDuration } from './read/durations';
import { firstTooDeepOffset, MAX_NESTING_DEPTH } from './read/nesting';
import { resolveCatalog, type CatalogModel, type DataTypeUnderCheck } from './model/resolve';
import { infrastructureEntriesOf } from './infrastructure/entries';
import { catalogRules, dataTypeRules, recommendationRule, rulesById, schemaRule, yamlSyntaxRule, type Rule } from './rules';
import { fitToPanel, type Issue } from './rules/rule';
import { schemaViolations, type SchemaViolation } from './read/schemaErrors';
import { CATEGORIES, storeSatisfies } from './model/decisionTable';
import { CatalogSource, rememberSource } from './read/source';
import { STORE_IDS, storeFacts } from './model/storeFacts';
import { unknownFactsOf } from './model/deployed';
import type {
  AcceptedRisk,
  AnalyzeOptions,
  CatalogAnalysis,
  CatalogReport,
  DataTypeReport,
  DeployedResource,
  Finding,
  Recommendation,
  SourceRange,
  StoreId,
  Verdict,
} from './model/types';

/** The fields a data type's need is read from. */
const NEED_FIELDS: ReadonlySet<string> = new Set(['category', 'consistency', 'immutable']);

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Analyse a catalog's text. Never throws: every input gets findings or one clear finding. */
export function analyzeCatalog(text: string, options: AnalyzeOptions = {}): CatalogAnalysis {
  try {
    return new Analysis(text, options).run();
  } catch (error) {
    // A bug must not take the editor or the CI job down with it; it must not pass silently either.
    const detail = error instanceof Error ? error.message : String(error);
    const finding = makeFinding(yamlSyntaxRule, null, {
      at: { range: firstLineRange(text) },
      message: 'CAP Advisor could not analyse this file because of an internal error: please report it with the file.',
      detail: `CAP Advisor could not analyse this file (internal error: ${detail}). Please report it with the file attached.`,
    });
    return emptyAnalysis([finding]);
  }
}

class Analysis {
  private readonly findingsByDataType = new Map<number, Finding[]>();
  /** Data types whose category, consistency or immutability is not a valid value (a schema error). */
  private readonly needUnread = new Set<number>();
  private readonly catalogFindings: Finding[] = [];
  private readonly acceptedRisks = new Map<number, AcceptedRisk[]>();
  /** Schema findings that leave the entry whole (an acceptance the rule refuses): not "finish this entry first". */
  private readonly notHalfTyping = new Set<Finding>();

  constructor(
    private readonly text: string,
    private readonly options: AnalyzeOptions,
  ) {}

  run(): CatalogAnalysis {
    const limit = this.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    const size = this.text.length * 3 > limit ? utf8Length(this.text) : this.text.length;
    if (size > limit) {
      return this.refused(
        `Not analysed: the file is ${formatBytes(size)}, over the ${formatBytes(limit)} limit; raise the limit or split it.`,
        `Not analysed: the file is ${formatBytes(size)}, over the ${formatBytes(limit)} limit that keeps the editor responsive. Raise the limit with the \`capAdvisor.maxFileSize\` setting or the CLI's \`--max-file-size\` flag, or split the catalog.`,
        firstLineRange(this.text),
      );
    }

    // YAML text never holds a NUL (YAML 1.2, 5.1): a binary file, or text in UTF-16 read as UTF-8.
    const nul = this.text.indexOf('\u0000');
    if (nul !== -1) {
      const at = lineRange(this.text, nul);
      const column = nul - this.text.lastIndexOf('\n', nul - 1);
      const range = { start: { line: at.start.line, column }, end: { line: at.start.line, column: column + 1 }, offset: [nul, nul + 1] as [number, number] };
      return this.refused(
        `Not analysed: the file holds binary data (a NUL byte at line ${at.start.line}, column ${column}), not YAML text.`,
        'Not analysed: the file holds a NUL byte, which YAML text never does (YAML 1.2, section 5.1): it is a binary file, or text saved in another encoding such as UTF-16. Save the catalog as UTF-8 text.',
        range,
      );
    }

    const tooDeep = firstTooDeepOffset(this.text);
    if (tooDeep !== -1) {
      return this.refused(
        `Refused: the YAML nests deeper than ${MAX_NESTING_DEPTH} levels here; a catalog never nests this deep.`,
        `Refused: the YAML nests deeper than ${MAX_NESTING_DEPTH} levels here, which can exhaust the parser's stack. A catalog never nests this deep; nothing else is checked until it is flattened.`,
        lineRange(this.text, tooDeep),
      );
    }

    const source = new CatalogSource(this.text);
    const syntaxErrors = source.errors.filter((e) => e.code !== 'MULTIPLE_DOCS');
    if (syntaxErrors.length > 0) {
      const seenCodes = new Set<string>();
      for (const error of syntaxErrors) {
        // Nesting past the parser's depth limit repeats once per level, and after one unexpected
        // token the parser reports every later token of the stream: the first one says it.
        if ((error.code === 'RESOURCE_EXHAUSTION' || error.code === 'UNEXPECTED_TOKEN') && seenCodes.has(error.code)) continue;
        seenCodes.add(error.code);
        const detail =
          error.code === 'RESOURCE_EXHAUSTION'
            ? `Refused: ${sentence(error.message)} A catalog never nests this deep; nothing else is checked until the YAML parses.`
            : `YAML syntax error: ${syntaxErrorText(error.message)}. Nothing else is checked until the YAML parses.`;
        const message =
          error.code === 'RESOURCE_EXHAUSTION'
            ? 'Refused: the YAML nests too deep for the parser; a catalog never nests this deep.'
            : `YAML syntax error: ${syntaxErrorText(error.message)}.`;
        this.catalogFindings.push(makeFinding(yamlSyntaxRule, null, { at: { range: source.range(error.pos[0], error.pos[1]) }, message, detail }));
      }
      return this.resultOf(this.catalogFindings, undefined);
    }

    const plain = source.toPlainData();
    if ('refused' in plain) {
      return this.refused(
        'Refused: the document expands too many YAML aliases; a catalog needs only a few anchors.',
        `Refused: the document expands too many YAML aliases (${plain.refused}). Alias bombs exhaust memory; a catalog needs only a few anchors.`,
        firstLineRange(this.text),
      );
    }

    for (const extra of source.errors.filter((e) => e.code === 'MULTIPLE_DOCS')) {
      this.catalogFindings.push(
        makeFinding(schemaRule, null, {
          at: { range: source.range(extra.pos[0], lineEnd(this.text, extra.pos[0])) },
          message: 'A catalog file holds one YAML document: move this one and any after it to files of their own.',
          detail: 'A catalog file holds one YAML document: this document and any after it are not analysed. Move each catalog to a file of its own.',
        }),
      );
    }
    // The deployed system: as the shell passed it, or linked now from the entries this parse found.
    const entries = this.options.infrastructure || !this.options.link ? [] : infrastructureEntriesOf(plain.value);
    const deployed = this.options.infrastructure ?? (entries.length > 0 ? this.options.link!(entries) : undefined);
    const catalog = resolveCatalog(plain.value, source, deployed);
    const dataTypesByIndex = new Map(catalog.dataTypes.map((dataType) => [dataType.index, dataType]));
    for (const found of schemaViolations(plain.value, source)) {
      const index = found.path[0] === 'dataTypes' && typeof found.path[1] === 'number' ? found.path[1] : undefined;
      const underCheck = index === undefined ? undefined : dataTypesByIndex.get(index);
      const refused = refusedAcceptance(plain.value, found);
      const violation = refused ?? (underCheck && declaresItsNeed(plain.value, underCheck.index) ? preferStoreThatFits(found, underCheck) : found);
      const dataType = index !== undefined ? nameOf(plain.value, index) : null;
      if (index !== undefined && NEED_FIELDS.has(String(found.path[2]))) this.needUnread.add(index);
      const finding = makeFinding(schemaRule, dataType, {
        at: { range: violation.range },
        message: violation.message,
        detail: violation.detail,
        suggestion: violation.suggestion,
      });
      // A rule that cannot be accepted leaves the entry whole: its recommendation still shows.
      if (refused) this.notHalfTyping.add(finding);
      this.add(index, finding);
    }

    const root = (plain.value !== null && typeof plain.value === 'object' ? plain.value : {}) as Record<string, unknown>;
    for (const rule of catalogRules) {
      for (const issue of rule.check(catalog, root)) {
        this.add(issue.dataTypeIndex, makeFinding(rule, issue.dataType, issue));
      }
    }
    for (const dataType of catalog.dataTypes) this.checkDataType(dataType, catalog);
    const analysis = this.resultOf(this.catalogFindings, catalog);
    // Hovers find their node in what this read, not in a second parse of the text.
    if (source.readFast) rememberSource(analysis, source);
    return analysis;
  }

  /** Schema errors of a data type's entry, counted before severity settings (a rule turned off still leaves the entry half typed). */
  private schemaErrorsOf(index: number): number {
    return (this.findingsByDataType.get(index) ?? []).filter((finding) => finding.ruleId === schemaRule.id && !this.notHalfTyping.has(finding)).length;
  }

  private checkDataType(dataType: DataTypeUnderCheck, catalog: CatalogModel): void {
    // Only what a rule lets be accepted is an accepted risk (the others are schema findings).
    const accepted = new Map(
      dataType.acceptedRisks.filter((risk) => rulesById.get(risk.rule)?.acceptable).map((risk) => [risk.rule, { ...risk, matched: false }]),
    );
    // Advice about a half-typed entry misleads (`store: dynamo` read as "no store yet"): its schema
    // findings say what to finish first.
    const halfTyped = this.schemaErrorsOf(dataType.index) > 0;
    // A need that could not be read is unknown: no rule reasons from it.
    const needUnread = this.needUnread.has(dataType.index);
    for (const rule of dataTypeRules) {
      if (halfTyped && rule === recommendationRule) continue;
      if (needUnread && rule.readsTheNeed) continue;
      for (const issue of rule.check(dataType, catalog)) {
        const acceptance = accepted.get(rule.id);
        if (acceptance && rule.acceptable) {
          acceptance.matched = true;
          continue;
        }
        this.add(dataType.index, makeFinding(rule, dataType.declaredName, issue));
      }
    }
    this.acceptedRisks.set(
      dataType.index,
      [...accepted.values()].map((risk) => ({
        dataType: dataType.resolved.name,
        rule: risk.rule,
        reason: risk.reason,
        matched: risk.matched,
        range: catalog.source.rangeAt(['dataTypes', dataType.index, 'acceptedRisks', risk.index]),
      })),
    );
  }

  private add(dataTypeIndex: number | undefined, finding: Finding): void {
    if (dataTypeIndex === undefined) {
      this.catalogFindings.push(finding);
      return;
    }
    const list = this.findingsByDataType.get(dataTypeIndex) ?? [];
    list.push(finding);
    this.findingsByDataType.set(dataTypeIndex, list);
  }

  private refused(message: string, detail: string, range: SourceRange): CatalogAnalysis {
    return this.resultOf([makeFinding(yamlSyntaxRule, null, { at: { range }, message, detail })], undefined);
  }

  private resultOf(catalogFindings: Finding[], catalog: CatalogModel | undefined): CatalogAnalysis {
    const configured = (findings: Finding[]): Finding[] => applySeverities(findings, this.options.severities);
    const dataTypes = catalog?.dataTypes ?? [];
    const findingsOf = dataTypes.map((dataType) => [...configured(this.findingsByDataType.get(dataType.index) ?? [])].sort(byPosition));
    const acceptedRisksOf = dataTypes.map((dataType) => this.acceptedRisks.get(dataType.index) ?? []);
    const schemaErrors = dataTypes.map((dataType) => this.schemaErrorsOf(dataType.index));
    // Findings of entries that never became data types (`- 42`) stay with the catalog, so none is lost.
    const resolvedIndices = new Set(dataTypes.map((dt) => dt.index));
    const orphaned = [...this.findingsByDataType].filter(([index]) => !resolvedIndices.has(index)).flatMap(([, list]) => list);
    const sortedCatalogFindings = configured([...catalogFindings, ...orphaned]).sort(byPosition);
    // The report model serves the editor and the HTML and Markdown reports; `check --format json`
    // never reads it, so it is built on first use.
    let report: CatalogReport | undefined;
    const reportOf = (): CatalogReport => ({
      name: catalog?.name,
      owner: catalog?.owner,
      regions: catalog?.regions ?? [],
      dataTypes: dataTypes.map((dataType, i) => dataTypeReport(dataType, findingsOf[i], acceptedRisksOf[i], schemaErrors[i], catalog)),
      catalogFindings: sortedCatalogFindings,
      ...(catalog?.deployed ? { deployed: catalog.deployed } : {}),
    });
    return {
      findings: [...sortedCatalogFindings, ...findingsOf.flat()].sort(byPosition),
      recommendations: dataTypes.map((dataType) => recommendationOf(dataType.verdict)),
      acceptedRisks: acceptedRisksOf.flat(),
      get report() {
        return (report ??= reportOf());
      },
    };
  }
}

function dataTypeReport(
  dataType: DataTypeUnderCheck,
  findings: Finding[],
  acceptedRisks: AcceptedRisk[],
  schemaErrors: number,
  catalog?: CatalogModel,
): DataTypeReport {
  const r = dataType.resolved;
  const deployed =
    catalog?.deployed && dataType.resources.length > 0
      ? dataType.resources.flatMap(({ name }): DeployedResource[] => {
          const stores = catalog.storesNamed(name);
          if (stores.length !== 1) return [];
          const [store] = stores;
          const shown = (value: string | { unknown: string }) => (typeof value === 'string' ? value : '?');
          const unknown = unknownFactsOf(store);
          return [
            {
              name,
              type: store.type,
              file: store.file,
              line: store.range.start.line,
              store: shown(store.store),
              regions: store.regions.map(shown),
              ...(store.witness !== undefined ? { witness: shown(store.witness) } : {}),
              ...(unknown.length > 0 ? { unknown } : {}),
            },
          ];
        })
      : undefined;
  const duration = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : formatDuration(ms));
  return {
    name: r.name,
    nameRange: dataType.nameAt().range,
    entry: dataType.index,
    verdict: schemaErrors === 0 ? dataType.verdict : null,
    schemaErrors,
    description: r.description,
    need: {
      category: r.category,
      consistency: r.consistency,
      immutable: r.immutable,
      topology: r.topology,
      regions: r.regions,
      stalenessBudget: duration(r.stalenessBudgetMs),
      rpo: duration(r.rpoMs),
      rto: duration(r.rtoMs),
      failover: r.failover,
      conflictResolution: r.conflictResolution,
      writeMode: r.writeMode,
      ...(r.writes ? { writes: r.writes } : {}),
      ...(r.backup
        ? {
            backup: {
              ...(r.backup.copyTo ? { copyTo: r.backup.copyTo } : {}),
              ...(r.backup.everyMs !== undefined ? { every: duration(r.backup.everyMs), everyMs: r.backup.everyMs } : {}),
            },
          }
        : {}),
      ...(r.partitionedByRegion ? { partitionedByRegion: true } : {}),
    },
    writePath: dataType.writePath,
    declaredStore: r.store,
    declaredCap: r.cap,
    recommendation: recommendationOf(dataType.verdict),
    storePosition: r.store ? (storeFacts[r.store].position.value ?? 'CA') : undefined,
    ...(deployed ? { deployed } : {}),
    guards: r.splitBrainGuards,
    findings,
    acceptedRisks,
  };
}

/** The recommendation part of a verdict, as the CLI's JSON prints it. */
function recommendationOf({ dataType, cap, store, alternative, reason }: Verdict): Recommendation {
  return { dataType, cap, store, ...(alternative ? { alternative } : {}), reason };
}

/** Whether an entry says what its data needs (a category or a consistency), so a store can be judged against it. */
function declaresItsNeed(root: unknown, index: number): boolean {
  const entry = (root as { dataTypes?: unknown[] }).dataTypes?.[index] as Record<string, unknown> | undefined;
  return (CATEGORIES as unknown[]).includes(entry?.category) || entry?.consistency === 'strong' || entry?.consistency === 'eventual';
}

/**
 * Did-you-mean weighs meaning as well as spelling: of the stores a misspelt `store` could mean,
 * the first that fits the data type's need (`dynamo` on eventual multi-Region data is
 * `dynamodb-global`, not the single-Region `dynamodb`).
 */
function preferStoreThatFits(violation: SchemaViolation, dataType: DataTypeUnderCheck): SchemaViolation {
  if (!violation.alternatives || violation.path.length !== 3 || violation.path[2] !== 'store') return violation;
  const fitting = violation.alternatives.candidates.find((candidate) =>
    storeSatisfies({ ...dataType.resolved, store: candidate as StoreId }, dataType.verdict),
  );
  return fitting && fitting !== violation.suggestion ? violation.alternatives.retell(fitting) : violation;
}

/** The tool's own words a message may quote, never shortened to fit the panel. */
const OWN_WORDS: ReadonlySet<string> = new Set([...rulesById.keys(), ...STORE_IDS]);

function makeFinding(rule: Rule, dataType: string | null, issue: Issue): Finding {
  const finding: Finding = {
    ruleId: rule.id,
    severity: issue.severity ?? rule.defaultSeverity,
    message: fitToPanel(issue.message, rule.id, { verbatim: issue.verbatim, vocabulary: OWN_WORDS, terse: issue.terse }),
    detail: issue.detail,
    dataType,
    range: issue.at.range,
    docsUrl: rule.docsUrl,
  };
  if (issue.at.related?.length) finding.related = issue.at.related;
  if (issue.suggestion !== undefined) finding.suggestion = issue.suggestion;
  return finding;
}

function applySeverities(findings: Finding[], severities: AnalyzeOptions['severities']): Finding[] {
  if (!severities) return findings;
  return findings.flatMap((finding) => {
    const setting = severities[finding.ruleId];
    if (setting === undefined || !rulesById.has(finding.ruleId)) return [finding];
    return setting === 'off' ? [] : [{ ...finding, severity: setting }];
  });
}

function byPosition(a: Finding, b: Finding): number {
  return a.range.offset[0] - b.range.offset[0] || a.range.offset[1] - b.range.offset[1] || a.ruleId.localeCompare(b.ruleId);
}

function nameOf(value: unknown, index: number): string | null {
  const entry = (value as { dataTypes?: unknown[] })?.dataTypes?.[index] as { name?: unknown } | undefined;
  return typeof entry?.name === 'string' ? entry.name : null;
}

function emptyAnalysis(findings: Finding[]): CatalogAnalysis {
  return { findings, recommendations: [], acceptedRisks: [], report: { regions: [], dataTypes: [], catalogFindings: findings } };
}

/** The first line of the text, for findings about the whole file. */
function firstLineRange(text: string): SourceRange {
  return lineRange(text, 0);
}

/**
 * A known rule named in `acceptedRisks` that cannot be accepted: said as such, with the rules
 * that can be, rather than as an unknown rule.
 */
function refusedAcceptance(value: unknown, found: SchemaViolation): SchemaViolation | undefined {
  const [dataTypes, index, risks, riskIndex, key] = found.path;
  if (dataTypes !== 'dataTypes' || risks !== 'acceptedRisks' || key !== 'rule' || typeof index !== 'number' || typeof riskIndex !== 'number') return undefined;
  const entry = (value as { dataTypes?: Array<{ acceptedRisks?: Array<{ rule?: unknown }> }> }).dataTypes?.[index];
  const id = entry?.acceptedRisks?.[riskIndex]?.rule;
  const rule = typeof id === 'string' ? rulesById.get(id) : undefined;
  if (!rule || rule.acceptable) return undefined;
  const acceptable = [...rulesById.values()].filter((r) => r.acceptable).map((r) => r.id);
  return {
    ...found,
    message: `'${id}' cannot be accepted: it is not a design risk to live with; fix what it reports.`,
    detail: `\`${id}\` cannot be accepted in \`acceptedRisks\`: it reports something to fix (${lowerFirst(rule.description.replace(/\.$/, ''))}), not a design risk to live with. The rules that can be accepted: ${acceptable.join(', ')}.`,
    suggestion: undefined,
    alternatives: undefined,
  };
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** The parser's message without its position suffix, and with a quoted token cut to one short line. */
function syntaxErrorText(message: string): string {
  return message.replace(/\s+at line \d+, column \d+:?[\s\S]*$/, '').replace(/: "([\s\S]*)"$/, (_, token: string) => {
    const firstLine = token.split('\n')[0];
    return `: "${firstLine.length > 40 || firstLine !== token ? `${firstLine.slice(0, 40)}…` : token}"`;
  });
}

/** The line starting at `offset` (at most 200 characters of it), without a LineCounter. */
function lineRange(text: string, offset: number): SourceRange {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  const end = Math.min(lineEnd(text, offset), offset + 200);
  return { start: { line, column: 1 }, end: { line, column: end - offset + 1 }, offset: [offset, end] };
}

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** `20 MB`, `12.3 KB`: a size as the findings about it say it. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${+(bytes / 1024).toFixed(1)} KB`;
}
