// What every renderer shares: the input shape, counts and ordering. Renderers are pure
// functions from analyses to text, so the CLI and the extension's Export Report agree.
import { isOfRule, type CatalogAnalysis, type DataTypeReport, type Finding, type Severity, type SplitBrainGuard } from '../engine';

/** One analysed catalog and the path it is shown under (as given on the command line). */
export interface AnalysedFile {
  file: string;
  analysis: CatalogAnalysis;
}

export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/**
 * The one count of findings everywhere (CLI summary, status bar, log, Analyze Workspace):
 * `7 errors, 6 warnings, 3 information`, as VS Code's Problems panel lists them. Hints are left
 * out there too: they only say that a declared store already fits.
 */
export function countsText(findings: readonly Finding[] | SeverityCounts): string {
  const counts = Array.isArray(findings) ? countBySeverity(findings) : (findings as SeverityCounts);
  return `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.information} information`;
}

/** The per-data-type `recommendation` finding restates the report's recommendation column. */
export const isRecommendation = (finding: Finding): boolean => isOfRule(finding, 'recommendation');

/** Problems: the findings a reader must act on, without the recommendation of every data type. */
export const problemsOf = (findings: readonly Finding[]): Finding[] => findings.filter((f) => !isRecommendation(f));

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** `strong, mutable, hot-hot in us-east-1 + us-east-2`: the need in one short phrase. */
export function needText(dataType: DataTypeReport): string {
  const { consistency, immutable, topology, regions } = dataType.need;
  return `${consistency}${immutable ? ', immutable' : ''}, ${topology} in ${regions.length > 0 ? regions.join(' + ') : 'no Region'}`;
}

/** A guard as the catalog writes it: `fencing-lease (ttl 30s)`, `witness-region (us-west-2)`. */
export function guardText(guard: SplitBrainGuard): string {
  const details = [guard.ttl && `ttl ${guard.ttl}`, guard.region, guard.approvers !== undefined && `${guard.approvers} approvers`].filter(Boolean);
  return details.length > 0 ? `${guard.type} (${details.join(', ')})` : guard.type;
}

/** The declared store with its position, and whether it fits: the verdict's words. */
export function declaredStoreText(dataType: DataTypeReport): string {
  if (!dataType.declaredStore) return 'none declared';
  const position = dataType.storePosition ? ` (${dataType.storePosition})` : ' (single Region)';
  const { verdict } = dataType;
  const fit = !verdict ? '' : verdict.storeFits ? ', fits' : `, does not fit: ${verdict.misfit}`;
  return `${dataType.declaredStore}${position}${fit}`;
}

/**
 * The verdict as the report's "recommended" cell says it (`CP on aurora-global, or
 * dynamodb-global-strong`), or what to finish first while the entry has schema errors.
 * `store` formats a store name (code in Markdown and HTML).
 */
export function recommendedText(dataType: DataTypeReport, store: (id: string) => string = (id) => id): string {
  const { verdict } = dataType;
  if (!verdict) return `finish the entry first (${plural(dataType.schemaErrors, 'schema error')})`;
  return `${verdict.cap} on ${store(verdict.store)}${verdict.alternative ? `, or ${store(verdict.alternative)}` : ''}`;
}

/** What the linked infrastructure deploys for a data type: "CartsTable: dynamodb-global in us-east-1, us-east-2 (AWS::DynamoDB::GlobalTable, infra/shop.yaml:35)". */
export function deployedTexts(dataType: DataTypeReport): string[] {
  return (dataType.deployed ?? []).map(
    (resource) =>
      `${resource.name}: ${resource.store} in ${resource.regions.join(', ') || '?'}${resource.witness ? `, witness ${resource.witness}` : ''} (${resource.type}, ${resource.file}:${resource.line})${resource.unknown ? `; not judged, unknown: ${resource.unknown.join('; ')}` : ''}`,
  );
}

export function catalogTitle(file: AnalysedFile): string {
  return file.analysis.report.name ? `${file.analysis.report.name} (${file.file})` : file.file;
}

/** A file named relative to the catalog (a linked template), as a path from where the catalog's path starts. */
export function besideCatalog(catalogFile: string, relative: string): string {
  const slashed = catalogFile.replace(/\\/g, '/');
  const folder = slashed.includes('/') ? slashed.slice(0, slashed.lastIndexOf('/') + 1) : '';
  const joined = `${folder}${relative}`.split('/');
  const parts: string[] = [];
  for (const part of joined) {
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..' && parts[parts.length - 1] !== '') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  return parts.join('/');
}
