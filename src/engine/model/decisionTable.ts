// The decision table (README, The catalog): what each category needs, and the recommendation that follows from a data type's need.
import { formatDuration } from '../read/durations';
import { storeFacts } from './storeFacts';
import { lastWriterWinsRecords, LOST_UNDER_LAST_WRITER_WINS } from './writePath';
import type { Category, Consistency, Recommendation, ResolvedDataType, StoreId } from './types';

interface CategoryNeed {
  /** The default; an explicit `consistency` or `immutable` on the data type wins. */
  consistency: Consistency;
  immutable: boolean;
}

const strong: CategoryNeed = { consistency: 'strong', immutable: false };
const eventual: CategoryNeed = { consistency: 'eventual', immutable: false };
const immutable: CategoryNeed = { consistency: 'eventual', immutable: true };

export const categoryNeeds: Readonly<Record<Category, CategoryNeed>> = {
  transaction: strong,
  inventory: strong,
  authorization: strong,
  account: strong,
  session: eventual,
  cart: eventual,
  recommendation: eventual,
  analytics: eventual,
  preference: eventual,
  cache: eventual,
  reference: immutable,
  historical: immutable,
  log: immutable,
  audit: immutable,
  media: immutable,
  // `other` takes what the data type declares; strong is the safe default when it declares nothing.
  other: strong,
};

export const CATEGORIES = Object.keys(categoryNeeds) as Category[];

/** What a category holds, in a platform team's words (completion and hovers). */
export const categoryExamples: Readonly<Record<Category, string>> = {
  transaction: 'payments, orders, ledgers',
  inventory: 'stock counts, seat and room reservations',
  authorization: 'permissions, entitlements, API keys',
  account: 'balances, accounts of record',
  session: 'login sessions',
  cart: 'shopping carts',
  recommendation: 'suggestions, rankings',
  analytics: 'counters, metrics, events',
  preference: 'user settings',
  cache: 'derived data that can be rebuilt',
  reference: 'product catalogues, reference data',
  historical: 'snapshots, archives',
  log: 'application and access logs',
  audit: 'audit trails',
  media: 'images, video, documents',
  other: 'anything else: declare `consistency` and `immutable`',
};

/** Why a declared store does not give the data what it needs; `one-writer` is single-writer-hot-hot's to say, the others store-mismatch's. */
export interface StoreMisfit {
  kind: 'position' | 'one-region' | 'one-writer' | 'not-served' | 'refused';
  /** A clause: "aurora-global takes writes in one Region". */
  text: string;
}

/** Whether a declared store already gives the data type what the recommendation asks for. */
export function storeSatisfies(dataType: ResolvedDataType, recommendation: Pick<Recommendation, 'cap' | 'store' | 'alternative'>): boolean {
  return !!dataType.store && storeMisfit(dataType, recommendation) === undefined;
}

/** How a declared store falls short of the data's need, or undefined when it fits (or none is declared). */
/** The first declared write or feature a store refuses (the store model's `refuses`), if any. */
export function refusedUse(store: StoreId, dataType: Pick<ResolvedDataType, 'writes' | 'features'>): string | undefined {
  return [...(dataType.writes ?? []), ...(dataType.features ?? [])].find((use) => storeFacts[store].refuses[use] !== undefined);
}

export function storeMisfit(dataType: ResolvedDataType, recommendation: Pick<Recommendation, 'cap' | 'store' | 'alternative'>): StoreMisfit | undefined {
  const store = dataType.store;
  const refused = store && refusedUse(store, dataType);
  if (refused) return { kind: 'refused', text: `${store} refuses ${refused}` };
  // The verdict's alternative meets the need as well as its choice (that is what makes it the alternative).
  if (!store || store === recommendation.store || store === recommendation.alternative) return undefined;
  if (!dataType.multiRegion)
    return servesInOneRegion(store, dataType) ? undefined : { kind: 'not-served', text: `${store} does not serve ${kindOfData(dataType)} data` };
  const facts = storeFacts[store];
  const strongMutable = dataType.consistency === 'strong' && !dataType.immutable;
  // `partitionedBy: region`: one single-Region store per Region, each item in its home Region, on purpose.
  if (facts.position.value === null) return dataType.partitionedByRegion ? undefined : { kind: 'one-region', text: `${store} lives in one Region` };
  // AWS's "write to one Region" and "write to your Region" designs: one writer per item, so last writer wins never decides.
  if (lastWriterWinsRecords(store) && strongMutable && dataType.writeMode !== 'any-region') return undefined;
  if (facts.holds.value === 'cache' && dataType.category === 'cache') {
    // A cache is rebuilt from its source: one writer Region with read-only replicas fits it.
    return dataType.topology === 'hot-hot' && facts.writers.value === 'primary'
      ? { kind: 'one-writer', text: `${store} takes writes in one Region` }
      : undefined;
  }
  if (facts.position.value !== recommendation.cap) return { kind: 'position', text: `${store} is ${facts.position.value} across Regions` };
  if (facts.holds.value === 'cache') return { kind: 'not-served', text: `${store} is a cache: it fits data that can be rebuilt, not data of record` };
  if (dataType.topology === 'hot-hot' && facts.writers.value === 'primary') return { kind: 'one-writer', text: `${store} takes writes in one Region` };
  return undefined;
}

/**
 * In one Region there is no partition between Regions: any store that serves the data's
 * consistency fits (DynamoDB serves strongly consistent reads and transactions in a Region).
 * S3 holds objects, not records that strong data updates together; ElastiCache is a cache.
 */
export function servesInOneRegion(store: StoreId, dataType: ResolvedDataType): boolean {
  const holds = storeFacts[store].holds.value;
  if (holds === 'cache') return dataType.category === 'cache';
  if (holds === 'objects') return dataType.immutable || dataType.consistency === 'eventual';
  return true;
}

function kindOfData(dataType: ResolvedDataType): string {
  return dataType.immutable ? 'immutable' : dataType.category === 'cache' ? 'cache' : dataType.consistency === 'strong' ? 'strong' : 'eventual';
}

/** The recommended CAP position and store for a resolved data type, with the reason. */
export function recommend(dataType: ResolvedDataType, votingRegions: number): Recommendation {
  const { name } = dataType;
  const need = describeNeed(dataType);
  if (!dataType.multiRegion) {
    // The declared store is kept when it serves the data in its one Region.
    const declared = dataType.store && servesInOneRegion(dataType.store, dataType) ? dataType.store : undefined;
    const store: StoreId = declared ?? (dataType.immutable ? 's3' : dataType.consistency === 'strong' ? 'aurora' : 'dynamodb');
    const where = dataType.regions.length === 1 ? `one Region (${dataType.regions[0]})` : 'one Region';
    return {
      dataType: name,
      cap: 'CA',
      store,
      reason: `${need} It lives in ${where}, so there is no partition between Regions to tolerate: it is effectively CA, and ${storeFacts[store].product} fits${declared && !dataType.immutable && dataType.consistency === 'strong' ? ' (it serves strongly consistent reads and transactions within its Region)' : ''}. Its copy does not survive the loss of that Region: only a copy in another Region does. Spreading it over Regions later turns this into a CP/AP choice.`,
    };
  }
  if (dataType.immutable) {
    const s3 = storeFacts.s3;
    return {
      dataType: name,
      cap: 'AP',
      store: 's3',
      reason: `${need} Data that is written once and never updated cannot diverge between Regions, so it can stay available in all of them: S3 is strongly consistent within a Region and replicates across Regions asynchronously (${s3.replicationWindow.text}).`,
    };
  }
  if (dataType.consistency === 'strong' && dataType.topology === 'hot-hot') {
    const quorumNote =
      votingRegions >= 3
        ? `The catalog gives it ${votingRegions} voting Regions.`
        : `It has only ${votingRegions} voting Region(s): add a third Region or a witness Region.`;
    return {
      dataType: name,
      cap: 'CP',
      store: 'aurora-dsql',
      alternative: 'dynamodb-global-strong',
      reason: `${need} It must take writes in several Regions and stay strong, which Aurora Global Database cannot do (one writer Region). Aurora DSQL commits synchronously in two active Regions; DynamoDB multi-Region strong consistency (\`dynamodb-global-strong\`) is the key-value alternative. Both need three Regions, or two plus a witness Region. ${quorumNote}`,
    };
  }
  if (dataType.consistency === 'strong') {
    const aurora = storeFacts['aurora-global'];
    return {
      dataType: name,
      cap: 'CP',
      store: 'aurora-global',
      alternative: 'dynamodb-global-strong',
      reason: `${need} Aurora Global Database has one writer Region, so a partition cannot create two diverging copies. Readers in secondary Regions see stale data (${aurora.replicationWindow.text}), and an unplanned failover loses that lag: RPO ${aurora.rpo.text}. DynamoDB multi-Region strong consistency (\`dynamodb-global-strong\`) is the key-value alternative; it needs three Regions, or two plus a witness Region.`,
    };
  }
  const dynamo = storeFacts['dynamodb-global'];
  // Writes that last writer wins loses, from every Region: multi-Region strong consistency keeps them (it has no transactions).
  const lost =
    dataType.topology === 'hot-hot' && dataType.writeMode === 'any-region'
      ? (dataType.writes ?? []).filter((write) => LOST_UNDER_LAST_WRITER_WINS.has(write))
      : [];
  const strongAlternative = lost.length > 0 && !lost.includes('transaction');
  return {
    dataType: name,
    cap: 'AP',
    store: 'dynamodb-global',
    ...(strongAlternative ? { alternative: 'dynamodb-global-strong' as const } : {}),
    reason: `${need} Staying available in every Region matters more than reading the latest write, so DynamoDB global tables (multi-Region eventual consistency) fit: every Region takes writes, replicas converge ${dynamo.replicationWindow.text}, and concurrent writes to one item resolve by last writer wins.${lost.length > 0 ? ` Its ${lost.join(', ')} writes lose updates when two Regions write one item: write each item in its home Region (\`writeMode: home-region\`)${strongAlternative ? ', or use DynamoDB multi-Region strong consistency (`dynamodb-global-strong`), where every Region writes the latest item' : ''}.` : ''}`,
  };
}

function describeNeed(dataType: ResolvedDataType): string {
  const { consistency, immutable: isImmutable, category } = dataType;
  const kind = isImmutable ? 'immutable' : consistency === 'strong' ? 'strong' : 'eventually consistent';
  const why = isImmutable
    ? 'written once, never updated'
    : consistency === 'strong'
      ? 'wrong data is worse than no data'
      : 'no data is worse than slightly old data';
  const budget = dataType.stalenessBudgetMs !== undefined ? `; a read may lag by ${formatDuration(dataType.stalenessBudgetMs)}` : '';
  return `\`${dataType.name}\` is ${kind} data (${category}: ${why}${budget}).`;
}
