// From the catalog's plain data to resolved data types: defaults applied, consistency and
// immutability from the category, regions filled in. Defensive throughout: the schema reports
// wrong types, so here a value of the wrong type is simply treated as absent.
import { CATEGORIES, categoryNeeds } from './decisionTable';
import { verdictFor } from './verdict';
import { witnessOf } from './writePath';
import { writePathOf } from './writePath';
import { namesOf, type DeployedStore, type DeployedSystem } from './deployed';
import { parseDuration } from '../read/durations';
import { CatalogSource, PathSegment } from '../read/source';
import { STORE_IDS, storeFacts, type StoreFacts } from './storeFacts';
import type { CatalogRegion, GuardType, RelatedLocation, ResolvedDataType, SourceRange, SplitBrainGuard, StoreId, Verdict, WritePath } from './types';

/** Where a finding about a field goes, and the other nodes worth showing with it. */
export interface Located {
  range: SourceRange;
  related?: RelatedLocation[];
}

export interface DataTypeUnderCheck {
  index: number;
  /** The declared name, or null when the entry has none (the schema reports it). */
  declaredName: string | null;
  resolved: ResolvedDataType;
  /** What the data type needs, the store chosen for it and how the declared store compares: what every rule and surface says. */
  verdict: Verdict;
  /** Who writes an item during a partition, and which guards something enforces. */
  writePath: WritePath;
  acceptedRisks: Array<{ rule: string; reason: string; index: number }>;
  /** The guards with their index in the YAML list (or in `defaults`), for ranges. */
  guards: Array<{ guard: SplitBrainGuard; index: number }>;
  /** The declared region names with their index in the YAML list; empty when defaulted. */
  declaredRegions: Array<{ name: string; index: number }>;
  /** The `resources` entries (the data type's own; never from `defaults`) with their index. */
  resources: Array<{ name: string; index: number }>;
  /** Where to report about a field (or a node inside it): see `locateField`. */
  at(field: string, ...inside: PathSegment[]): Located;
  nameAt(): Located;
  /** The store the data type's promises are checked against: the declared one, else the recommended one. */
  storeInQuestion(): StoreInQuestion;
}

export interface StoreInQuestion {
  store: StoreId;
  facts: StoreFacts;
  /** "its store `x`" or "the recommended store `x`", for messages. */
  described: string;
}

export interface CatalogModel {
  name?: string;
  owner?: string;
  regions: CatalogRegion[];
  regionNames: Set<string>;
  /** Where each Region is declared: its index in the YAML `regions` list (the first, if repeated). */
  regionIndex: Map<string, number>;
  witnessRegions: string[];
  dataTypes: DataTypeUnderCheck[];
  source: CatalogSource;
  /** Whether the catalog has `infrastructure` entries (read by the shell, or not, when only the engine runs). */
  linksInfrastructure: boolean;
  /** The deployed system the catalog's `infrastructure` links, when the shell read it. */
  deployed?: DeployedSystem;
  /** The deployed stores a `resources` entry names (several when the name is ambiguous). */
  storesNamed(name: string): DeployedStore[];
}

const CONSISTENCIES = ['strong', 'eventual'] as const;
const TOPOLOGIES = ['single-region', 'hot-warm', 'hot-hot'] as const;
const CAPS = ['CP', 'AP', 'CA'] as const;
const CONFLICT_RESOLUTIONS = ['none', 'last-writer-wins', 'merge', 'application'] as const;
const FAILOVERS = ['manual', 'automatic'] as const;
const GUARD_TYPES: readonly GuardType[] = ['human-approval', 'fencing-lease', 'witness-region', 'quorum'];
const ROLES = ['primary', 'secondary', 'witness'] as const;
const WRITE_MODES = ['any-region', 'one-region', 'home-region'] as const;
const WRITE_KINDS = ['idempotent-put', 'append-only', 'read-modify-write', 'counter', 'conditional', 'transaction'] as const;
const STORE_FEATURES = ['ttl', 'lsi', 'streams', 'global-secondary-indexes'] as const;
const RECOVERY_OPERATIONS = ['switchover', 'failover', 'detach-and-promote', 'move-writes'] as const;
const RECOVERY_TRIGGERS = ['person', 'routing-control', 'alarm-automation', 'health-check'] as const;
const STANDBYS = ['pilot-light', 'warm-standby', 'hot'] as const;
const READS = ['local', 'writer'] as const;
/** A trigger that acts without a person deciding is an automatic failover; an ARC routing control is flipped on purpose. */
const AUTOMATIC_TRIGGERS: ReadonlySet<string> = new Set(['alarm-automation', 'health-check']);

type Plain = Record<string, unknown>;

export function resolveCatalog(value: unknown, source: CatalogSource, deployed?: DeployedSystem): CatalogModel {
  const root = asObject(value) ?? {};
  const metadata = asObject(root.metadata) ?? {};
  const regionIndex = new Map<string, number>();
  const regions: CatalogRegion[] = asArray(root.regions).flatMap((region, index) => {
    const r = asObject(region);
    const name = typeof r?.name === 'string' ? r.name : undefined;
    const role = oneOf(r?.role, ROLES);
    if (!name || !role) return [];
    // A Region declared twice is one Region (duplicate-name says so): the first declaration counts.
    if (regionIndex.has(name)) return [];
    regionIndex.set(name, index);
    return [{ name, role }];
  });
  const witnessRegions = regions.filter((r) => r.role === 'witness').map((r) => r.name);
  const dataRegions = regions.filter((r) => r.role !== 'witness').map((r) => r.name);
  const defaults = asObject(root.defaults) ?? {};
  const dataTypes = asArray(root.dataTypes).flatMap((entry, index) => {
    const own = asObject(entry);
    return own ? [resolveDataType(own, index, defaults, dataRegions, witnessRegions, source)] : [];
  });
  return {
    name: typeof metadata.name === 'string' ? metadata.name : undefined,
    owner: typeof metadata.owner === 'string' ? metadata.owner : undefined,
    regions,
    regionNames: new Set(regions.map((r) => r.name)),
    regionIndex,
    witnessRegions,
    dataTypes,
    source,
    linksInfrastructure: asArray(root.infrastructure).length > 0,
    deployed,
    storesNamed: storeDirectory(deployed),
  };
}

/**
 * Finds a deployed store by a name a catalog may use: its logical id, `Stack/LogicalId`, or a member's.
 * A store's own name wins over the same name as another store's member: two buckets that replicate
 * into each other are two stores, each a member of the other, and each is found by its own name.
 */
export function storeDirectory(deployed: DeployedSystem | undefined): (name: string) => DeployedStore[] {
  const own = new Map<string, DeployedStore[]>();
  const asMember = new Map<string, DeployedStore[]>();
  const add = (byName: Map<string, DeployedStore[]>, name: string, store: DeployedStore) => {
    const list = byName.get(name) ?? [];
    if (!list.includes(store)) list.push(store);
    byName.set(name, list);
  };
  for (const store of deployed?.stores ?? []) {
    for (const name of namesOf(store)) add(own, name, store);
    for (const name of new Set(store.members.flatMap(namesOf))) add(asMember, name, store);
  }
  return (name) => own.get(name) ?? asMember.get(name) ?? [];
}

function resolveDataType(
  own: Plain,
  index: number,
  defaults: Plain,
  dataRegions: string[],
  witnessRegions: string[],
  source: CatalogSource,
): DataTypeUnderCheck {
  const field = (key: string): unknown => (own[key] !== undefined ? own[key] : defaults[key]);
  const declaredName = typeof own.name === 'string' && own.name ? own.name : null;
  const category = oneOf(field('category'), CATEGORIES) ?? 'other';
  const need = categoryNeeds[category];
  const declaredRegions = asArray(field('regions')).flatMap((name, i) => (typeof name === 'string' ? [{ name, index: i }] : []));
  const regions = Array.isArray(field('regions')) ? declaredRegions.map((r) => r.name) : dataRegions;
  const guards = asArray(field('splitBrainGuards')).flatMap((entry, i) => normaliseGuard(entry).map((guard) => ({ guard, index: i })));
  const immutable = typeof field('immutable') === 'boolean' ? (field('immutable') as boolean) : need.immutable;
  const topology = oneOf(field('topology'), TOPOLOGIES) ?? (regions.length >= 2 ? 'hot-warm' : 'single-region');
  const recoveryField = asObject(field('recovery'));
  const operation = oneOf(recoveryField?.operation, RECOVERY_OPERATIONS);
  const trigger = oneOf(recoveryField?.trigger, RECOVERY_TRIGGERS);
  const recovery = recoveryField ? { ...(operation ? { operation } : {}), ...(trigger ? { trigger } : {}) } : undefined;
  const backupField = asObject(field('backup'));
  const everyMs = parseDuration(backupField?.every);
  const backup = backupField
    ? { ...(typeof backupField.copyTo === 'string' ? { copyTo: backupField.copyTo } : {}), ...(everyMs !== undefined ? { everyMs } : {}) }
    : undefined;
  const rtc = asObject(field('replication'))?.rtc;
  const standby = oneOf(field('standby'), STANDBYS);
  const reads = oneOf(field('reads'), READS);
  const resolved: ResolvedDataType = {
    name: declaredName ?? `dataTypes[${index}]`,
    description: typeof own.description === 'string' ? own.description : undefined,
    category,
    consistency: oneOf(field('consistency'), CONSISTENCIES) ?? need.consistency,
    immutable,
    topology,
    regions,
    multiRegion: topology !== 'single-region' && new Set(regions).size >= 2,
    store: oneOf(field('store'), STORE_IDS),
    cap: oneOf(field('cap'), CAPS),
    conflictResolution: oneOf(field('conflictResolution'), CONFLICT_RESOLUTIONS),
    stalenessBudgetMs: parseDuration(field('stalenessBudget')),
    rpoMs: parseDuration(field('rpo')),
    rtoMs: parseDuration(field('rto')),
    failover: oneOf(field('failover'), FAILOVERS) ?? (recovery?.trigger ? (AUTOMATIC_TRIGGERS.has(recovery.trigger) ? 'automatic' : 'manual') : undefined),
    splitBrainGuards: guards.map((g) => g.guard),
    // AWS's write modes: hot-hot writes any item anywhere unless each item has a home Region.
    // Data partitioned by Region is written where each item lives.
    writeMode:
      oneOf(field('writeMode'), WRITE_MODES) ?? (field('partitionedBy') === 'region' ? 'home-region' : topology === 'hot-hot' ? 'any-region' : 'one-region'),
    ...(Array.isArray(field('writes')) ? { writes: [...new Set(asArray(field('writes')).flatMap((write) => oneOf(write, WRITE_KINDS) ?? []))] } : {}),
    ...(typeof rtc === 'boolean' ? { replicationTimeControl: rtc } : {}),
    ...(recovery ? { recovery } : {}),
    ...(standby ? { standby } : {}),
    ...(backup ? { backup } : {}),
    ...(field('partitionedBy') === 'region' ? { partitionedByRegion: true } : {}),
    ...(reads ? { reads } : {}),
    ...(Array.isArray(field('features'))
      ? { features: [...new Set(asArray(field('features')).flatMap((feature) => oneOf(feature, STORE_FEATURES) ?? []))] }
      : {}),
  };
  const votingRegions = new Set([...regions, ...witnessRegions]).size;
  const verdict = verdictFor(resolved, votingRegions, witnessOf(resolved, witnessRegions));
  const writePath = writePathOf(resolved, witnessRegions);
  const ownPath = (key: string, inside: PathSegment[]): PathSegment[] => ['dataTypes', index, key, ...inside];
  // Every data type's recommendation and most of its findings sit on its name: located once.
  let nameRange: SourceRange | undefined;
  const nameAt = (): Located => ({ range: (nameRange ??= source.rangeAt(['dataTypes', index, 'name'])) });
  return {
    index,
    declaredName,
    resolved,
    verdict,
    writePath,
    guards,
    declaredRegions,
    resources: asArray(own.resources).flatMap((name, i) => (typeof name === 'string' && name ? [{ name, index: i }] : [])),
    acceptedRisks: asArray(own.acceptedRisks).flatMap((risk, riskIndex) => {
      const r = asObject(risk);
      return r && typeof r.rule === 'string' && typeof r.reason === 'string' ? [{ rule: r.rule, reason: r.reason, index: riskIndex }] : [];
    }),
    nameAt,
    storeInQuestion() {
      const store = resolved.store ?? verdict.store;
      const described = resolved.store ? `its store \`${store}\`` : `the recommended store \`${store}\``;
      return { store, facts: storeFacts[store], described };
    },
    at(key, ...inside) {
      if (own[key] !== undefined) return { range: source.rangeAt(ownPath(key, inside)) };
      if (defaults[key] !== undefined) {
        // A field inherited from `defaults` is reported on the data type that inherits it, so
        // each finding stays next to the data type it concerns; the default is shown beside it.
        return { range: nameAt().range, related: [{ message: `\`${key}\` is set in \`defaults\``, range: source.rangeAt(['defaults', key, ...inside]) }] };
      }
      return nameAt();
    },
  };
}

function normaliseGuard(entry: unknown): SplitBrainGuard[] {
  if (typeof entry === 'string') {
    const type = oneOf(entry, GUARD_TYPES);
    return type ? [{ type }] : [];
  }
  const guard = asObject(entry);
  const type = oneOf(guard?.type, GUARD_TYPES);
  if (!guard || !type) return [];
  return [
    {
      type,
      ttl: typeof guard.ttl === 'string' ? guard.ttl : undefined,
      region: typeof guard.region === 'string' ? guard.region : undefined,
      approvers: typeof guard.approvers === 'number' ? guard.approvers : undefined,
      leaseStore: oneOf(guard.leaseStore, STORE_IDS),
    },
  ];
}

function asObject(value: unknown): Plain | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Plain) : undefined;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}
