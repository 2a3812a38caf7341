// Drafting a catalog from the deployed system, for a team that has none: one data type per data
// store with its store, Regions, topology and `resources`, the Regions section from what was
// found, and a category guessed from the resource's name. A guess is marked `# check:` so that
// nobody mistakes it for a decision; the team's own answers are what the advice needs.
import { describeUnmodelled } from '../model/unmodelled';
import { Document, isMap, isScalar, isSeq, type Scalar } from 'yaml';
import type { Category, StoreId, Topology } from '../model/types';
import type { CatalogEntry } from './wizard';
import { storeFacts } from '../model/storeFacts';
import { CATEGORIES, categoryNeeds } from '../model/decisionTable';
import { lastWriterWinsRecords } from '../model/writePath';
import { dedupeRegions, isUnknown, knownRegions, namesOf, type DeployedStore, type DeployedSystem } from '../model/deployed';

/** Words in resource names and the category they suggest, most specific first. */
const CATEGORY_WORDS: ReadonlyArray<[RegExp, Category]> = [
  [/audit/, 'audit'],
  [/(^|[^a-z])log|logs|journal/, 'log'],
  [/payment|ledger|order|invoice|billing|transaction|transfer|refund/, 'transaction'],
  [/inventory|stock|reservation/, 'inventory'],
  [/auth|token|permission|acl|credential|entitlement/, 'authorization'],
  [/account|balance|wallet|loyalty|customer|user|profile|member/, 'account'],
  [/session/, 'session'],
  [/cart|basket/, 'cart'],
  [/recommend|personali/, 'recommendation'],
  [/analytic|metric|event|report|stat|clickstream/, 'analytics'],
  [/pref|setting/, 'preference'],
  [/cache/, 'cache'],
  [/history|archive|snapshot|backup/, 'historical'],
  [/media|image|asset|video|photo|upload|document/, 'media'],
  [/catalog|product|reference|config|price|content/, 'reference'],
];

const NAME_SUFFIXES = /(Global(Cluster|Table)?|Table|Bucket|Cluster|Cache|Database|Db|ReplicationGroup|Datastore)$/;
/** A product named before the data (`DynamoDBShoppingCartTable`, `S3MediaBucket`): the store says it already. */
const NAME_PREFIXES = /^(DynamoDB|DynamoDb|Dynamo|DDB|Ddb|S3|RDS|Rds|Aurora|DSQL|Dsql|ElastiCache|Elasticache)(?=[A-Z][a-z])/;

/** Terraform names that say nothing about the data: the module's name says more. */
const GENERIC_NAMES = new Set(['this', 'main', 'default', 'primary', 'table', 'bucket', 'cluster', 'global', 'example']);

/** The words of a name: a Terraform address gives its resource name, or its module's when that is generic. */
function nameOf(logicalId: string): string {
  if (!logicalId.includes('.')) return logicalId;
  const parts = logicalId.replace(/\[[^\]]*\]/g, '').split('.');
  const name = parts[parts.length - 1];
  const module = parts.lastIndexOf('module') >= 0 ? parts[parts.lastIndexOf('module') + 1] : undefined;
  return GENERIC_NAMES.has(name) && module ? module : name;
}

/** `CartsTable` → `carts`, `DynamoDBShoppingCartTable` → `shopping-cart`, `PaymentsGlobal` → `payments`, `aws_dynamodb_table.carts` → `carts`, `module.ledger.aws_rds_global_cluster.this` → `ledger`. */
export function dataTypeName(logicalId: string): string {
  const base = nameOf(logicalId);
  const trimmed = base.replace(NAME_PREFIXES, '').replace(NAME_SUFFIXES, '') || base.replace(NAME_SUFFIXES, '') || base;
  // Acronyms stay whole: `OrdersDDBTable` → `orders-ddb`, not `orders-d-d-b` or `ordersddb`.
  const kebab = trimmed
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return /^[a-z0-9]/.test(kebab) ? kebab : `data-${kebab || 'store'}`;
}

/** Words a store's name adds to the data's: `seat-inventory-table` is the `seat-inventory` data. */
const STORE_WORDS = new Set(['table', 'tbl', 'bucket', 'cluster', 'db', 'ddb', 'global', 'store', 'datastore', 'database', 'cache', 'replica']);

/**
 * A data type's name from the name a resource has in AWS (`seat-inventory`, `payments-table`,
 * `images.example.com`, `orders-123456789012-us-east-1`): the words of the data, without the
 * domain, the account, the Region and the store's own words.
 */
export function dataTypeNameFromPhysical(physicalName: string): string | undefined {
  const words = physicalName
    .split('.')[0]
    .replace(/(?:us|eu|ap|sa|ca|me|af|il|mx)-(?:gov-)?[a-z]+-\d/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    // Account numbers and Region abbreviations (`use1`, `euw2`) make a name unique, they say nothing of the data.
    .filter((word) => word !== '' && !/^\d{6,}$/.test(word) && !/^(us|eu|ap|sa|ca|me|af|il|mx)[a-z]{1,2}\d$/.test(word));
  const data = words.filter((word) => !STORE_WORDS.has(word));
  const name = (data.length > 0 ? data : words).join('-');
  return /^[a-z0-9]/.test(name) ? name : undefined;
}

/**
 * What a person calls a store's data: its name in AWS when that starts with the words of its
 * logical id and says more (`SeatsTable` named `seat-inventory`), else where the team named it. A
 * name in AWS that puts other words first (`shop-media` for `MediaBucket`) leads with the app's
 * or the environment's namespace, not the data's.
 */
export function storeDataName(store: DeployedStore): string {
  const written = dataTypeName(writtenName(store));
  const physical = store.physicalName && dataTypeNameFromPhysical(store.physicalName);
  if (!physical) return written;
  // A written name of store words only (`this`, `Table`, `global-table`) says nothing of the data.
  if (
    nameOf(writtenName(store))
      .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .every((word) => word === '' || STORE_WORDS.has(word) || GENERIC_NAMES.has(word))
  )
    return physical;
  const [mine, theirs] = [dataWords(written), dataWords(physical)];
  return mine.length > 0 && mine.every((word, i) => theirs[i] === word) ? physical : written;
}

/** The words of a name that say what the data is, singular: `user-sessions` → session, user. */
function dataWords(name: string): string[] {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const data = words.filter((word) => !STORE_WORDS.has(word));
  return (data.length > 0 ? data : words).map((word) => word.replace(/ies$/, 'y').replace(/(?<!s)s$/, ''));
}

/**
 * How well a data type's name matches a store's names (its name in AWS, its logical id or
 * Terraform name): 2 the same words (`payments` and `aws_dynamodb_table.payments`), 1 one's words
 * among the other's (`seats` and `seat-inventory`), 0 none. Case, separators and plurals aside.
 */
export function nameMatch(dataType: string, store: DeployedStore): number {
  const wanted = dataWords(dataType);
  if (wanted.length === 0) return 0;
  const names = [store.physicalName && dataTypeNameFromPhysical(store.physicalName), dataTypeName(writtenName(store)), dataTypeName(store.logicalId)];
  let best = 0;
  for (const name of names) {
    if (!name) continue;
    const words = dataWords(name);
    if (words.join('-') === wanted.join('-')) return 2;
    const [shorter, longer] = words.length < wanted.length ? [words, wanted] : [wanted, words];
    if (shorter.length > 0 && shorter.every((word) => longer.includes(word))) best = 1;
  }
  return best;
}

export function guessCategory(logicalId: string): Category | undefined {
  const words = nameOf(logicalId)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return CATEGORY_WORDS.find(([pattern]) => pattern.test(words))?.[1];
}

/** One-writer stores fail over (hot-warm); the others write in every Region (hot-hot). */
function topologyOf(store: StoreId, regions: number): Topology {
  const facts = storeFacts[store];
  if (regions < 2 || facts.position.value === null) return 'single-region';
  // Buckets are usually written in one Region and replicated to the others (hot-warm), though every bucket could take writes.
  return facts.writers.value === 'primary' || facts.holds.value === 'objects' ? 'hot-warm' : 'hot-hot';
}

export interface DraftedDataType {
  entry: CatalogEntry;
  /** Why a field is a guess, by field: shown as `# check:` comments. */
  checks: Record<string, string>;
  /** Set when nothing in the name says what the data is: `other` stands in, and these categories fit what the store gives. */
  categoryChoices?: Category[];
}

/** The categories whose need the store gives: what a user picks from when the name says nothing. */
function categoriesFor(store: StoreId): Category[] {
  const facts = storeFacts[store];
  return CATEGORIES.filter((category) => {
    if (category === 'other') return false;
    const need = categoryNeeds[category];
    if (facts.holds.value === 'objects') return need.immutable;
    return !need.immutable && (facts.position.value === 'AP' ? need.consistency === 'eventual' : need.consistency === 'strong');
  });
}

/** Construct ids CDK gives the resource under a construct: the construct's own id says more. */
const CDK_LEAF_IDS = new Set(['Resource', 'Default']);

/**
 * What a resource is called where the team named it: the construct path CDK writes
 * (`Shop/Orders/Table/Resource` → `Orders/Table`, without the stack and CDK's own leaf), else the
 * logical id or Terraform address. CDK's logical ids end in a hash (`TableCD117FA1`).
 */
function writtenName(store: DeployedStore): string {
  if (!store.constructPath) return store.logicalId;
  const parts = store.constructPath.split('/').slice(1);
  while (parts.length > 1 && CDK_LEAF_IDS.has(parts[parts.length - 1])) parts.pop();
  const leaf = parts[parts.length - 1] ?? store.logicalId;
  // `Orders/Table` says more than `Table`: a generic leaf takes its parent's id too.
  return GENERIC_NAMES.has(leaf.toLowerCase()) && parts.length > 1 ? `${parts[parts.length - 2]}${leaf}` : leaf;
}

/** A data type for one deployed store, named apart from `taken`. */
export function draftDataType(store: DeployedStore, system: DeployedSystem, taken: Set<string>): DraftedDataType {
  const written = writtenName(store);
  const called = storeDataName(store);
  let name = called;
  for (let n = 2; taken.has(name); n++) name = `${called}-${n}`;
  taken.add(name);
  const checks: Record<string, string> = {};
  // The name in AWS says more than a logical id (`TableName: seat-inventory` on `SeatsTable`).
  const byPhysicalName = store.physicalName ? guessCategory(called) : undefined;
  const said = byPhysicalName ? store.physicalName : written;
  const guessed = byPhysicalName ?? guessCategory(written);
  checks.category = guessed ? `guessed from the name ${said}` : `nothing in the name ${said} says what the data is: choose a category`;
  const entry: CatalogEntry = { name, category: guessed ?? 'other' };
  let categoryChoices: Category[] | undefined;
  const { regions, complete } = knownRegions(store);
  if (isUnknown(store.store)) {
    checks.resources = `the store is unknown: ${store.store.unknown}`;
  } else {
    // A placeholder category takes the consistency the deployed store gives, so the draft does not
    // fault its own guess: the team says what the data needs by choosing a category.
    if (!guessed) {
      entry.consistency = storeFacts[store.store].position.value === 'AP' ? 'eventual' : 'strong';
      checks.consistency = `what ${store.store} gives, not yet what the data needs`;
      categoryChoices = categoriesFor(store.store);
    }
    // A store with two replicas is multi-Region even when the Region of one is unknown; one Region
    // written twice (a replica in the stack's own Region) is still one.
    const regionCount = dedupeRegions(store.regions).length;
    let topology = topologyOf(store.store, regionCount);
    const copies = copiesElsewhere(store, system.stores);
    if (storeFacts[store.store].position.value === null && regionCount > 1) {
      // One template deployed by a stack in each Region: copies that replicate nothing. Drafted
      // multi-Region, so that the check says what the team must decide (replicate, or not).
      topology = 'hot-warm';
      checks.topology = `one ${store.store} per Region (a stack in each), none replicated: a Region's loss loses what it held`;
    } else if (copies.length > 0) {
      checks.topology = `${store.logicalId} is also deployed by ${copies.map((copy) => copy.file).join(', ')}: copies per Region replicate nothing`;
    }
    // Strong data where the last writer wins stays whole only with one writer: the guess is drafted
    // so, rather than born with lww-on-strong-data; the check says what the other way costs.
    if (
      guessed &&
      topology === 'hot-hot' &&
      categoryNeeds[guessed].consistency === 'strong' &&
      !categoryNeeds[guessed].immutable &&
      lastWriterWinsRecords(store.store)
    ) {
      topology = 'hot-warm';
      checks.topology = `${guessed} data is strong: on ${store.store} one Region takes every write; if every Region writes, the store must change`;
    }
    entry.topology = topology;
    entry.store = store.store;
    // What DynamoDB global tables do with concurrent writes, said aloud: the team confirms or changes it.
    if (store.store === 'dynamodb-global' && topology === 'hot-hot') {
      entry.conflictResolution = 'last-writer-wins';
      checks.conflictResolution = 'what DynamoDB global tables do; merge or application if the code reconciles';
    }
  }
  if (regions.length > 0) entry.regions = regions;
  if (!complete)
    checks.regions = `some Regions are unknown: ${store.regions
      .filter(isUnknown)
      .map((r) => r.unknown)
      .join('; ')}`;
  if (typeof store.witness === 'string') entry.splitBrainGuards = [{ type: 'witness-region', region: store.witness }];
  // Who fails a one-writer store over: a DNS failover in its stack that fronts it (its record or
  // health check points at the store). Another route of the stack (an API's) says nothing of it.
  const ids = new Set([store.logicalId, ...store.members.map((member) => member.logicalId)]);
  const sameStack = system.failovers.filter((candidate) => candidate.stack === store.stack);
  const route = sameStack.find((candidate) => candidate.fronts === undefined || candidate.fronts.some((id) => ids.has(id)));
  if (route && entry.topology === 'hot-warm') {
    entry.failover = route.mode;
    checks.failover = `from ${route.how} (${route.logicalId})`;
  } else if (sameStack.length > 0 && entry.topology === 'hot-warm') {
    const other = sameStack[0];
    const note = `who fails it over is unknown: ${other.logicalId} (${other.how}) fronts another endpoint`;
    checks.topology = checks.topology ? `${checks.topology}; ${note}` : note;
  }
  const sameId = system.stores.filter((other) => other.logicalId === store.logicalId).length > 1;
  entry.resources = [sameId ? namesOf(store)[1] : store.logicalId];
  return { entry, checks, ...(categoryChoices ? { categoryChoices } : {}) };
}

export interface DraftOptions {
  /** The `infrastructure` entries, as the catalog will reach them. */
  infrastructure: Array<string | { path: string; region: string }>;
  name?: string;
  /** The folder the entries are relative to, said in the catalog when it is not written to a file: where to save it. */
  savedIn?: string;
}

/** The same store kind under the same logical id in other files: one template deployed by a stack per Region, read file by file. */
function copiesElsewhere(store: DeployedStore, stores: readonly DeployedStore[]): DeployedStore[] {
  return stores.filter(
    (other) =>
      other !== store && other.logicalId === store.logicalId && other.file !== store.file && JSON.stringify(other.store) === JSON.stringify(store.store),
  );
}

/**
 * The stores, each with its copies per Region in other files (the same store kind under the same
 * logical id, each in Regions of its own); a copy is listed once, with the first.
 */
function copiesAsOne(stores: readonly DeployedStore[]): Array<{ store: DeployedStore; copies: DeployedStore[] }> {
  const grouped = new Set<DeployedStore>();
  const result: Array<{ store: DeployedStore; copies: DeployedStore[] }> = [];
  for (const store of stores) {
    if (grouped.has(store)) continue;
    const own = knownRegions(store);
    // Copies are told apart only by Regions all known: an unknown one could be any other's.
    const seen = new Set(own.regions);
    const copies = !own.complete
      ? []
      : copiesElsewhere(store, stores).filter((copy) => {
          const { regions, complete } = knownRegions(copy);
          if (grouped.has(copy) || !complete || regions.length === 0 || regions.some((region) => seen.has(region))) return false;
          for (const region of regions) seen.add(region);
          return true;
        });
    for (const copy of copies) grouped.add(copy);
    result.push({ store, copies });
  }
  return result;
}

/** How many data types a draft of `system` holds: one per store, copies per Region counted once. */
export function draftedDataTypeCount(system: DeployedSystem): number {
  return copiesAsOne(system.stores).length;
}

/** A Region code written in a template's file name (`storefront-us-east-2.yaml` → us-east-2): what a team that deploys one stack per Region often writes. */
export function regionInFileName(path: string): string | undefined {
  return /(?:^|[^a-z])((?:us|eu|ap|sa|ca|me|af|il|mx)-(?:gov-)?[a-z]+-\d)(?![0-9])/.exec(path.split('/').pop() ?? '')?.[1];
}

/** A whole catalog, in YAML, drafted from a deployed system. */
export function draftCatalog(system: DeployedSystem, options: DraftOptions): string {
  const taken = new Set<string>();
  const drafted = copiesAsOne(system.stores).map(({ store, copies }) => {
    if (copies.length === 0) return draftDataType(store, system, taken);
    // Per-Region copies in separate files are one data type in every Region they are in, as one
    // template deployed by a stack per Region is: the check then says they replicate nothing.
    const whole = { ...store, regions: [store, ...copies].flatMap((copy) => copy.regions) };
    const drafted = draftDataType(whole, { ...system, stores: system.stores.filter((other) => !copies.includes(other)) }, taken);
    drafted.entry.resources = [store, ...copies].map((copy) => namesOf(copy)[1]);
    if (!isUnknown(store.store))
      drafted.checks.topology = `one ${store.store} per Region (${[store, ...copies].map((copy) => copy.file).join(', ')}), none replicated: a Region's loss loses what it held`;
    return drafted;
  });
  const dataRegions = new Map<string, number>();
  const witnesses = new Set<string>();
  for (const store of system.stores) {
    for (const region of knownRegions(store).regions) dataRegions.set(region, (dataRegions.get(region) ?? 0) + 1);
    if (typeof store.witness === 'string') witnesses.add(store.witness);
  }
  // The primary is the Region of the first stack read (CDK apps list the primary first), not the
  // first replica a table lists; other stacks' Regions follow, then the remaining replicas'.
  const homes = system.stores.flatMap((store) => (store.homeRegion && dataRegions.has(store.homeRegion) ? [store.homeRegion] : []));
  const ordered = [...new Set([...homes, ...dataRegions.keys()])];
  const regions = [
    ...ordered.map((region, i) => ({ name: region, role: i === 0 ? 'primary' : 'secondary' })),
    ...[...witnesses].filter((region) => !dataRegions.has(region)).map((region) => ({ name: region, role: 'witness' })),
  ];
  const doc = new Document({
    apiVersion: 'cap-advisor/v1',
    kind: 'DataCatalog',
    metadata: { name: options.name ?? 'drafted' },
    regions: regions.length > 0 ? regions : [{ name: 'us-east-1', role: 'primary' }],
    infrastructure: options.infrastructure,
    dataTypes: drafted.map((d) => d.entry),
  });
  doc.commentBefore =
    ' Drafted by `cap-advisor draft` from the infrastructure below. Every `# check:` is a guess:\n' +
    ' confirm it (category above all: it decides consistency), add what the data needs\n' +
    ' (stalenessBudget, rpo, rto, failover, guards), then delete the comment.';
  if (regions.length === 0) (doc.get('regions', true) as { commentBefore?: string }).commentBefore = ' check: no Region could be read from the infrastructure';
  const list = doc.get('dataTypes', true);
  if (isSeq(list)) {
    list.items.forEach((item, i) => {
      if (!isMap(item)) return;
      for (const pair of item.items) {
        if (isScalar(pair.key) && isSeq(pair.value) && ['regions', 'resources'].includes(String(pair.key.value))) pair.value.flow = true;
        if (isScalar(pair.key) && isSeq(pair.value) && pair.key.value === 'splitBrainGuards')
          pair.value.items.forEach((guard) => {
            if (isMap(guard)) guard.flow = true;
          });
        const check = isScalar(pair.key) ? drafted[i].checks[String(pair.key.value)] : undefined;
        if (check && pair.value) (pair.value as Scalar).comment = ` check: ${check}`;
      }
      if (i > 0) item.spaceBefore = true;
    });
  }
  if (options.savedIn && isMap(doc.contents)) {
    const key = doc.contents.items.find((pair) => isScalar(pair.key) && pair.key.value === 'infrastructure')?.key;
    if (isScalar(key)) key.commentBefore = ` Paths relative to ${options.savedIn}: save this catalog in that folder.`;
  }
  // What the draft leaves out is said in it: the data stores the model does not describe.
  if (system.unmodelled?.length)
    doc.comment = [
      ' not modelled, so not drafted (CAP Advisor does not judge these data stores):',
      ...system.unmodelled.map((r) => ` - ${describeUnmodelled(r)}`),
    ].join('\n');
  const infrastructure = doc.get('infrastructure', true);
  if (isSeq(infrastructure))
    infrastructure.items.forEach((entry) => {
      if (isMap(entry)) entry.flow = true;
    });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
