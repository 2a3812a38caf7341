// The engine's public vocabulary. Everything here is plain data, so the CLI, the extension and
// the report renderers agree by construction.
import type { DeployedSystem } from './infrastructure/model';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export type CapPosition = 'CP' | 'AP' | 'CA';
export type Consistency = 'strong' | 'eventual';
export type Topology = 'single-region' | 'hot-warm' | 'hot-hot';
export type RegionRole = 'primary' | 'secondary' | 'witness';
export type ConflictResolution = 'none' | 'last-writer-wins' | 'merge' | 'application';
export type FailoverMode = 'manual' | 'automatic';
export type GuardType = 'human-approval' | 'fencing-lease' | 'witness-region' | 'quorum';

export type StoreId =
  | 'aurora-global'
  | 'aurora'
  | 'aurora-dsql'
  | 'dynamodb-global'
  | 'dynamodb-global-strong'
  | 'dynamodb'
  | 's3'
  | 'elasticache-global';

export type Category =
  | 'transaction' | 'inventory' | 'authorization' | 'account'
  | 'session' | 'cart' | 'recommendation' | 'analytics' | 'preference' | 'cache'
  | 'reference' | 'historical' | 'log' | 'audit' | 'media'
  | 'other';

/** A 1-based line and column, as the CLI's JSON prints them. */
export interface Position {
  line: number;
  column: number;
}

/** A range in the catalog text: 1-based positions plus 0-based character offsets for edits. */
export interface SourceRange {
  start: Position;
  end: Position;
  /** [start, end) offsets into the text (UTF-16 code units, as JavaScript strings count). */
  offset: [number, number];
}

export interface RelatedLocation {
  message: string;
  range: SourceRange;
  /** Set when the location is in another file (a template), relative to the catalog's folder; else it is in the catalog. */
  file?: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** One sentence of at most 120 characters, plain text: what the Problems panel and the CLI show. */
  message: string;
  /** The reasoning, in Markdown: why, the store figures, the alternatives. Hovers, the report, JSON and SARIF carry it. */
  detail: string;
  /** The data type the finding concerns; null for findings outside a data type. */
  dataType: string | null;
  range: SourceRange;
  /** Other nodes involved: a duplicate's first definition, the region list, the witness. */
  related?: RelatedLocation[];
  /** For `schema` typos: the value or key the user probably meant. */
  suggestion?: string;
  /** Docs page of the rule. */
  docsUrl: string;
}

export interface Recommendation {
  dataType: string;
  cap: CapPosition;
  store: StoreId;
  reason: string;
}

export interface AcceptedRisk {
  dataType: string;
  rule: string;
  reason: string;
  /** Whether the accepted rule actually fired for this data type in this analysis. */
  matched: boolean;
  range: SourceRange;
}

/** One split-brain guard as declared (short or object form), normalised. */
export interface SplitBrainGuard {
  type: GuardType;
  ttl?: string;
  region?: string;
  approvers?: number;
}

/** A region as declared in the catalog's `regions` list. */
export interface CatalogRegion {
  name: string;
  role: RegionRole;
}

/** A data type with defaults, category-derived fields and regions filled in. */
export interface ResolvedDataType {
  name: string;
  description?: string;
  category: Category;
  consistency: Consistency;
  immutable: boolean;
  topology: Topology;
  regions: string[];
  /** True when the data lives in two or more regions (and topology is not single-region). */
  multiRegion: boolean;
  store?: StoreId;
  cap?: CapPosition;
  conflictResolution?: ConflictResolution;
  stalenessBudgetMs?: number;
  rpoMs?: number;
  rtoMs?: number;
  failover?: FailoverMode;
  splitBrainGuards: SplitBrainGuard[];
}

/** A `resources` entry as deployed, in words a report can print; values the infrastructure does not fix are `?`. */
export interface DeployedResource {
  name: string;
  type: string;
  file: string;
  line: number;
  store: string;
  regions: string[];
  witness?: string;
}

/** Per data type, what the report shows. */
export interface DataTypeReport {
  name: string;
  /** Where the data type's name is written (code lenses sit on its line). */
  nameRange: SourceRange;
  /** The declared store already gives what the recommendation asks for. */
  storeFits: boolean;
  description?: string;
  need: {
    category: Category;
    consistency: Consistency;
    immutable: boolean;
    topology: Topology;
    regions: string[];
    stalenessBudget?: string;
    rpo?: string;
    rto?: string;
    failover?: FailoverMode;
    conflictResolution?: ConflictResolution;
  };
  declaredStore?: StoreId;
  declaredCap?: CapPosition;
  recommendation: Recommendation;
  /** The declared store's position across regions, when a store is declared. */
  storePosition?: CapPosition;
  /** What the linked infrastructure deploys for each of its `resources` entries (absent without infrastructure). */
  deployed?: DeployedResource[];
  guards: SplitBrainGuard[];
  findings: Finding[];
  acceptedRisks: AcceptedRisk[];
}

export interface CatalogReport {
  name?: string;
  owner?: string;
  regions: CatalogRegion[];
  dataTypes: DataTypeReport[];
  /** Findings outside any data type (syntax, schema of the header, regions). */
  catalogFindings: Finding[];
  /** The deployed system the catalog's `infrastructure` links, when the shell read it. */
  deployed?: DeployedSystem;
}

export interface CatalogAnalysis {
  /** Every reported finding, sorted by position; accepted and `off` findings are left out. */
  findings: Finding[];
  recommendations: Recommendation[];
  acceptedRisks: AcceptedRisk[];
  report: CatalogReport;
}

export interface AnalyzeOptions {
  /** Shown in messages only; the engine never touches the file system. */
  fileName?: string;
  /** Per-rule severity overrides (settings, `--rule`). */
  severities?: Record<string, SeveritySetting>;
  /** Texts longer than this are refused with one finding. Default 10 MB. */
  maxFileBytes?: number;
  /** The deployed system the catalog's `infrastructure` entries link, as the shell read it (see src/infrastructure). */
  infrastructure?: DeployedSystem;
}
