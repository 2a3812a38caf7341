// The decision table (README, The catalog): what each category needs, and the recommendation that follows from a data type's need.
import { formatDuration } from '../read/durations';
import { storeFacts } from './storeFacts';
import type { CapPosition, Category, Consistency, Recommendation, ResolvedDataType, StoreId } from './types';

interface CategoryNeed {
  /** The default; an explicit `consistency` or `immutable` on the data type wins. */
  consistency: Consistency;
  immutable: boolean;
}

const strong: CategoryNeed = { consistency: 'strong', immutable: false };
const eventual: CategoryNeed = { consistency: 'eventual', immutable: false };
const immutable: CategoryNeed = { consistency: 'eventual', immutable: true };

export const categoryNeeds: Readonly<Record<Category, CategoryNeed>> = {
  transaction: strong, inventory: strong, authorization: strong, account: strong,
  session: eventual, cart: eventual, recommendation: eventual, analytics: eventual, preference: eventual, cache: eventual,
  reference: immutable, historical: immutable, log: immutable, audit: immutable, media: immutable,
  // `other` takes what the data type declares; strong is the safe default when it declares nothing.
  other: strong,
};

export const CATEGORIES = Object.keys(categoryNeeds) as Category[];

/** What a category holds, in a platform team's words (completion and hovers). */
export const categoryExamples: Readonly<Record<Category, string>> = {
  transaction: 'payments, orders, ledgers', inventory: 'stock counts, seat and room reservations',
  authorization: 'permissions, entitlements, API keys', account: 'balances, accounts of record',
  session: 'login sessions', cart: 'shopping carts', recommendation: 'suggestions, rankings',
  analytics: 'counters, metrics, events', preference: 'user settings', cache: 'derived data that can be rebuilt',
  reference: 'product catalogues, reference data', historical: 'snapshots, archives', log: 'application and access logs',
  audit: 'audit trails', media: 'images, video, documents', other: 'anything else: declare `consistency` and `immutable`',
};

/** Whether a declared store already gives the data type what the recommendation asks for. */
export function storeSatisfies(dataType: ResolvedDataType, recommendation: Recommendation): boolean {
  const store = dataType.store;
  if (!store) return false;
  if (store === recommendation.store) return true;
  const facts = storeFacts[store];
  if (!dataType.multiRegion) {
    // In one Region any store of the family fits: a single-Region store or a global one.
    const needed: CapPosition = dataType.consistency === 'strong' && !dataType.immutable ? 'CP' : 'AP';
    return facts.position.value === needed || singleRegionFamily(store) === recommendation.store;
  }
  if (facts.position.value !== recommendation.cap) return false;
  return !(dataType.topology === 'hot-hot' && facts.writers.value === 'primary');
}

function singleRegionFamily(store: StoreId): StoreId | undefined {
  return ({ aurora: 'aurora', dynamodb: 'dynamodb' } as Partial<Record<StoreId, StoreId>>)[store];
}

/** The recommended CAP position and store for a resolved data type, with the reason. */
export function recommend(dataType: ResolvedDataType, votingRegions: number): Recommendation {
  const { name } = dataType;
  const need = describeNeed(dataType);
  if (!dataType.multiRegion) {
    const store: StoreId = dataType.immutable ? 's3' : dataType.consistency === 'strong' ? 'aurora' : 'dynamodb';
    const where = dataType.regions.length === 1 ? `one Region (${dataType.regions[0]})` : 'one Region';
    return {
      dataType: name, cap: 'CA', store,
      reason: `${need} It lives in ${where}, so there is no partition between Regions to tolerate: it is effectively CA, and ${storeFacts[store].product} fits. Spreading it over Regions later turns this into a CP/AP choice.`,
    };
  }
  if (dataType.immutable) {
    const s3 = storeFacts.s3;
    return {
      dataType: name, cap: 'AP', store: 's3',
      reason: `${need} Data that is written once and never updated cannot diverge between Regions, so it can stay available in all of them: S3 is strongly consistent within a Region and replicates across Regions asynchronously (${s3.replicationWindow.text}).`,
    };
  }
  if (dataType.consistency === 'strong' && dataType.topology === 'hot-hot') {
    const quorumNote = votingRegions >= 3
      ? `The catalog gives it ${votingRegions} voting Regions.`
      : `It has only ${votingRegions} voting Region(s): add a third Region or a witness Region.`;
    return {
      dataType: name, cap: 'CP', store: 'aurora-dsql', alternative: 'dynamodb-global-strong',
      reason: `${need} It must take writes in several Regions and stay strong, which Aurora Global Database cannot do (one writer Region). Aurora DSQL commits synchronously in two active Regions; DynamoDB multi-Region strong consistency (\`dynamodb-global-strong\`) is the key-value alternative. Both need three Regions, or two plus a witness Region. ${quorumNote}`,
    };
  }
  if (dataType.consistency === 'strong') {
    const aurora = storeFacts['aurora-global'];
    return {
      dataType: name, cap: 'CP', store: 'aurora-global', alternative: 'dynamodb-global-strong',
      reason: `${need} Aurora Global Database has one writer Region, so a partition cannot create two diverging copies. Readers in secondary Regions see stale data (${aurora.replicationWindow.text}), and an unplanned failover loses that lag: RPO ${aurora.rpo.text}. DynamoDB multi-Region strong consistency (\`dynamodb-global-strong\`) is the key-value alternative; it needs three Regions, or two plus a witness Region.`,
    };
  }
  const dynamo = storeFacts['dynamodb-global'];
  return {
    dataType: name, cap: 'AP', store: 'dynamodb-global',
    reason: `${need} Staying available in every Region matters more than reading the latest write, so DynamoDB global tables (multi-Region eventual consistency) fit: every Region takes writes, replicas converge ${dynamo.replicationWindow.text}, and concurrent writes to one item resolve by last writer wins.`,
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
