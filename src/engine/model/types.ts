// The engine's public vocabulary. Everything here is plain data, so the CLI, the extension and
// the report renderers agree by construction.
import type { DeployedSystem, InfrastructureEntry } from './deployed';

export * from './vocabulary';
import type {
  CapPosition,
  Category,
  ConflictResolution,
  Consistency,
  FailoverMode,
  GuardType,
  RegionRole,
  Severity,
  SeveritySetting,
  SourceRange,
  RecoveryOperation,
  RecoveryTrigger,
  Standby,
  StoreFeature,
  StoreId,
  Topology,
  WriteKind,
  WriteMode,
} from './vocabulary';

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
  /** The other store that also meets the need, named as the alternative wherever the store is. */
  alternative?: StoreId;
  reason: string;
}

/**
 * The one answer per data type that every surface reads (findings' first actions, quick fixes,
 * the code lens, hovers, the report, the scenarios): what it needs, the store chosen for it and
 * the alternative, and how the declared store compares. See src/engine/model/verdict.ts.
 */
export interface Verdict extends Recommendation {
  declaredStore?: StoreId;
  /** The declared store already gives what the data needs. */
  storeFits: boolean;
  /** Why the declared store does not fit, as a clause ("aurora-global takes writes in one Region"); absent when it fits or none is declared. */
  misfit?: string;
  /** Which rule speaks for the misfit: `one-writer` is single-writer-hot-hot's, the others store-mismatch's. */
  misfitKind?: 'position' | 'one-region' | 'one-writer' | 'not-served' | 'refused';
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
  /** Where a fencing lease lives (`leaseStore`): it fences only in a strongly consistent store. */
  leaseStore?: StoreId;
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
  /** Where each item is written: as declared, else one-region (hot-warm, single-region) or any-region (hot-hot). */
  writeMode: WriteMode;
  /** What the application's writes are, when declared. */
  writes?: WriteKind[];
  /** The store features the design relies on, when declared. */
  features?: StoreFeature[];
  /** `replication: { rtc }`: whether S3 Replication Time Control is on, where no linked infrastructure says. */
  replicationTimeControl?: boolean;
  /** How its writes move to another Region, when declared (`failover` follows from its trigger when not declared itself). */
  recovery?: { operation?: RecoveryOperation; trigger?: RecoveryTrigger };
  /** The other Regions' disaster-recovery strategy, when declared. */
  standby?: Standby;
  /** A backup copied to another Region, for data in one Region. */
  backup?: { copyTo?: string; everyMs?: number };
  /** `partitionedBy: region`: each item lives in one Region on purpose (cells, data residency). */
  partitionedByRegion?: boolean;
  /** Where reads go, when declared: each Region's own copy, or the writing Region. */
  reads?: 'local' | 'writer';
}

/**
 * Who can write an item during a partition, and what keeps two Regions from both writing it:
 * decided once per data type (model/writePath.ts) and read by the rules and the scenarios, so
 * a guard counts in one place only where something enforces it.
 */
export interface WritePath {
  writeMode: WriteMode;
  /** Several Regions write each item on a last-writer-wins store (`dynamodb-global` any-region, `s3` written in every Region). */
  lastWriterWins: boolean;
  /** The declared store keeps a cut-off Region from writing by itself (`dynamodb-global-strong`, `aurora-dsql` in a shape AWS accepts). */
  builtInQuorum: boolean;
  /** One writer per item: a single-writer store, or `dynamodb-global` written in one Region or each item in its home Region. */
  oneWriterPerItem: boolean;
  /** The declared guards that something enforces here (a witness or quorum does not stop a last-writer-wins store's Regions). */
  enforcedGuards: GuardType[];
  /** The guards declared here that enforce nothing, for the findings to say so. */
  idleGuards: GuardType[];
  /** Declared writes that last writer wins loses when two Regions write one item. */
  lostUnderLastWriterWins: WriteKind[];
  /** Every declared write converges under last writer wins (idempotent puts, appends); false when none is declared. */
  convergentWrites: boolean;
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
  /** What the infrastructure does not fix, each with its reason ("a Region: the parameter SecondaryRegion, which has no default"): no rule judges it. */
  unknown?: string[];
}

/** Per data type, what the report shows. */
export interface DataTypeReport {
  name: string;
  /** Where the data type's name is written (code lenses sit on its line). */
  nameRange: SourceRange;
  /** Its place in the catalog's `dataTypes` list (0-based): where its settings are looked up. */
  entry: number;
  /** What every surface says about the data type; null while the entry has schema errors (finish it first). */
  verdict: Verdict | null;
  /** How many schema errors the entry has: what to finish before there is a verdict. */
  schemaErrors: number;
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
    writeMode: WriteMode;
    writes?: WriteKind[];
    /** A backup copied to another Region (data in one Region): where, and how often. */
    backup?: { copyTo?: string; every?: string; everyMs?: number };
    /** Each item lives in one Region on purpose (`partitionedBy: region`). */
    partitionedByRegion?: boolean;
  };
  /** Who writes an item during a partition, and which guards are enforced (see WritePath). */
  writePath: WritePath;
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
  /** The deployed system the catalog's `infrastructure` entries link, as the shell read it (see src/workspace). */
  infrastructure?: DeployedSystem;
  /**
   * Reads the deployed system the catalog's `infrastructure` entries name, when it has any: the
   * analysis calls it with the entries of the text it already parsed, so the shell never parses
   * the catalog a second time to find them. Ignored when `infrastructure` is given.
   */
  link?: (entries: InfrastructureEntry[]) => DeployedSystem | undefined;
}
