// Values: what may follow a key (the recommended store first, durations with their meaning), and
// the items of the lists a data type holds (Regions, witnesses, resources, guards, accepted rules).
import { categoryExamples, categoryNeeds, CATEGORIES, storeSatisfies } from '../../model/decisionTable';
import { STORE_IDS, storeFacts } from '../../model/storeFacts';
import type { CatalogAnalysis, DataTypeReport, StoreId } from '../../model/types';
import { lastWriterWinsStore } from '../../model/writePath';
import { isOfRule, rules } from '../../rules';
import { sortKey, type CompletionItem, type Scope } from './items';
import { contextOf, guardDescription, KEYS_OF, resolved, type Context } from './schema';

/** What a value means, for the keys whose values have a meaning of their own (enums, stores, categories). */
export function describeValue(path: readonly string[], key: string | undefined, value: string): string | undefined {
  const context = contextOf(path);
  if (context === 'guards' && key === undefined) return guardDescription(value);
  if (context === 'writes' && key === undefined) {
    const kinds = writeKindsInSchema();
    const index = kinds.enum.indexOf(value);
    return index === -1 ? undefined : kinds.markdownEnumDescriptions[index];
  }
  if (key === undefined) return undefined;
  if ((context === 'dataType' || context === 'defaults') && key === 'store')
    return STORE_IDS.includes(value as StoreId) ? storeText(value as StoreId) : undefined;
  // In a data type the hover adds the data type's own verdict, so the category's default store would contradict it.
  if (context === 'dataType' && key === 'category')
    return CATEGORIES.includes(value as (typeof CATEGORIES)[number]) ? categoryNeedText(value as (typeof CATEGORIES)[number]) : undefined;
  if (context === 'defaults' && key === 'category')
    return CATEGORIES.includes(value as (typeof CATEGORIES)[number]) ? categoryText(value as (typeof CATEGORIES)[number]) : undefined;
  const node = KEYS_OF[context]?.[key];
  const enumNode = node && resolved(node);
  const index = enumNode?.enum?.indexOf(value) ?? -1;
  return index === -1 ? undefined : enumNode!.markdownEnumDescriptions?.[index];
}

const DURATION_EXAMPLES: Array<[string, string]> = [
  ['0s', 'No lag or loss at all: needs synchronous replication (`aurora-dsql`, `dynamodb-global-strong`).'],
  ['500ms', 'Half a second.'],
  ['1s', 'One second: about what asynchronous cross-Region replication typically takes.'],
  ['30s', 'Thirty seconds.'],
  ['5m', 'Five minutes.'],
  ['15m', "Fifteen minutes: S3 Replication Time Control's bound for 99.99 % of objects."],
  ['1h', 'One hour.'],
];

export function valuesFor(context: Context, key: string, range: [number, number], scope: Scope, lead: string): CompletionItem[] {
  const value = (label: string, documentation: string, rank: number, extra: Partial<CompletionItem> = {}): CompletionItem => ({
    label,
    kind: 'value',
    insertText: `${lead}${label}`,
    documentation,
    sortText: sortKey(rank),
    range,
    ...extra,
  });
  const inDataType = context === 'dataType' || context === 'defaults';
  if (inDataType && key === 'store') return storeValues(scope.dataType, value);
  if (inDataType && key === 'category') {
    return CATEGORIES.map((category, rank) => value(category, categoryText(category), rank));
  }
  if (inDataType && key === 'immutable') {
    return [value('true', 'Written once, never updated: cannot conflict across Regions (S3).', 0), value('false', 'Updated in place.', 1)];
  }
  if ((inDataType && ['stalenessBudget', 'rpo', 'rto'].includes(key)) || (context === 'guard' && key === 'ttl')) {
    return DURATION_EXAMPLES.map(([duration, meaning], rank) => value(duration, meaning, rank));
  }
  if (context === 'guard' && key === 'region') return witnessRegions(scope, range, lead);
  if (context === 'guard' && key === 'leaseStore') return leaseStores(value);
  if (context === 'acceptedRisk' && key === 'rule') return ruleIds(scope, range, lead);
  const node = KEYS_OF[context]?.[key];
  const enumNode = node && resolved(node);
  if (!enumNode?.enum) return [];
  return enumNode.enum.map((label, rank) => value(label, enumNode.markdownEnumDescriptions?.[rank] ?? '', rank));
}

/** A category in a sentence: what it holds, its consistency and the recommendation (completion, hovers, Add Data Type). */
export function categoryText(category: (typeof CATEGORIES)[number]): string {
  const need = categoryNeeds[category];
  const position =
    category === 'other' ? 'as declared' : need.immutable ? 'AP on `s3`' : need.consistency === 'strong' ? 'CP on `aurora-global`' : 'AP on `dynamodb-global`';
  return `${categoryNeedText(category).slice(0, -1)}; recommended: ${position}.`;
}

/** What a category holds and its consistency, without a store: a data type's own verdict says which store (hovers). */
export function categoryNeedText(category: (typeof CATEGORIES)[number]): string {
  const need = categoryNeeds[category];
  const kind = category === 'other' ? 'strong unless declared otherwise' : need.immutable ? 'immutable' : need.consistency;
  const examples = categoryExamples[category];
  return `${examples[0].toUpperCase()}${examples.slice(1)}. ${kind[0].toUpperCase()}${kind.slice(1)}.`;
}

/**
 * Where a fencing lease can live: only stores whose conditional writes see the latest lease. A store
 * where every Region writes and the last writer wins is left out, as lease-in-eventual-store reports it.
 */
function leaseStores(value: (label: string, doc: string, rank: number, extra?: Partial<CompletionItem>) => CompletionItem): CompletionItem[] {
  // Stores strongly consistent across Regions first: a lease that survives the loss of a Region.
  const multiRegionStrongFirst = (store: StoreId) => (storeFacts[store].conflicts.value === 'quorum' ? 0 : 1);
  const fencing = STORE_IDS.filter((store) => !lastWriterWinsStore(store)).sort((a, b) => multiRegionStrongFirst(a) - multiRegionStrongFirst(b));
  return fencing.map((store, rank) =>
    value(store, `${storeText(store)} A conditional write on the lease sees the latest lease, so the lease fences.`, rank, {
      ...(store === 'dynamodb-global-strong' ? { preselect: true, detail: 'strongly consistent in every Region' } : {}),
    }),
  );
}

function storeText(store: StoreId): string {
  const facts = storeFacts[store];
  return `**${facts.product}**: ${facts.position.text}. Writes: ${facts.writers.text}. Cross-Region window: ${facts.replicationWindow.text}.`;
}

/**
 * The verdict's store first, then its alternative; then the others that fit the need, as the
 * verdict judges a declared store; then the rest. While `store:` itself is being typed the entry
 * has a schema error and no verdict yet: the verdict's recommendation part, worked out from the
 * valid fields, ranks the stores (the lens and hovers still say to finish the entry).
 */
function storeValues(
  dataType: DataTypeReport | undefined,
  value: (label: string, doc: string, rank: number, extra?: Partial<CompletionItem>) => CompletionItem,
): CompletionItem[] {
  const verdict = dataType ? (dataType.verdict ?? dataType.recommendation) : undefined;
  const fits = (store: StoreId) => {
    if (!dataType || !verdict) return true;
    const { category, consistency, immutable, topology, regions, writeMode } = dataType.need;
    const multiRegion = regions.length > 1 && topology !== 'single-region';
    return storeSatisfies(
      { name: dataType.name, category, consistency, immutable, topology, regions, multiRegion, store, splitBrainGuards: [], writeMode },
      verdict,
    );
  };
  const rank = (store: StoreId) => (store === verdict?.store ? 0 : store === verdict?.alternative ? 1 : fits(store) ? 2 : 3);
  const ordered = [...STORE_IDS].sort((a, b) => rank(a) - rank(b));
  return ordered.map((store, index) =>
    value(
      store,
      storeText(store),
      index,
      store === verdict?.store
        ? { detail: `recommended: ${verdict.cap}`, preselect: true }
        : store === verdict?.alternative
          ? { detail: `the alternative: ${verdict.cap}` }
          : fits(store)
            ? {}
            : { detail: `does not fit ${dataType?.name ?? 'this data type'}` },
    ),
  );
}

/**
 * The data stores of the linked infrastructure, for `resources`: those no data type lists yet
 * first, each with what is deployed. A logical id two stacks share is offered as `Stack/LogicalId`.
 */
export function resourceNames(analysis: CatalogAnalysis | undefined, listed: Set<string>, range: [number, number]): CompletionItem[] {
  const stores = analysis?.report.deployed?.stores ?? [];
  const unclaimed = new Set((analysis?.findings ?? []).filter((f) => isOfRule(f, 'unclaimed-resource')).map((f) => f.suggestion));
  const idCount = new Map<string, number>();
  for (const store of stores) idCount.set(store.logicalId, (idCount.get(store.logicalId) ?? 0) + 1);
  return stores.flatMap((store, rank) => {
    const name = (idCount.get(store.logicalId) ?? 0) > 1 ? `${store.stack}/${store.logicalId}` : store.logicalId;
    if (listed.has(name)) return [];
    const deployed = typeof store.store === 'string' ? store.store : 'store unknown';
    // A Region the template does not fix (a parameter, a lookup) is said as unknown, not as `?`.
    const known = store.regions.filter((region): region is string => typeof region === 'string');
    const unknown = store.regions.length - known.length;
    const regions = unknown === 0 ? known.join(', ') : known.length === 0 ? 'Regions unknown' : `${known.join(', ')} + ${unknown} unknown`;
    const free = unclaimed.has(store.logicalId);
    return [
      {
        label: name,
        kind: 'value' as const,
        insertText: name,
        detail: `${deployed} · ${regions}`,
        documentation: `\`${store.type}\` in \`${store.file}\` (stack \`${store.stack}\`): deploys \`${deployed}\` in ${unknown && !known.length ? 'Regions the infrastructure does not fix' : regions}.${free ? ' No data type lists it yet.' : ''}`,
        sortText: `${free ? 'a' : 'b'}${sortKey(rank)}`,
        range,
      },
    ];
  });
}

export function regionNames(scope: Scope, listed: Set<string>, range: [number, number]): CompletionItem[] {
  return scope.regions
    .filter((region) => region.role !== 'witness' && !listed.has(region.name))
    .map((region, rank) => ({
      label: region.name,
      kind: 'region',
      insertText: region.name,
      documentation: `Declared in \`regions\` as ${region.role}.`,
      detail: region.role,
      sortText: sortKey(rank),
      range,
    }));
}

function witnessRegions(scope: Scope, range: [number, number], lead: string): CompletionItem[] {
  const holdsData = new Set(scope.dataType?.need.regions ?? []);
  return scope.regions
    .filter((region) => region.role === 'witness')
    .map((region, rank) => ({
      label: region.name,
      kind: 'region',
      insertText: `${lead}${region.name}`,
      documentation: `Declared in \`regions\` as a witness: it votes in failover decisions and holds no data.${holdsData.has(region.name) ? ' This data type also lists it as a data Region, which a witness must not be.' : ''}`,
      detail: 'witness',
      sortText: sortKey(rank),
      range,
    }));
}

/** The rules that fire on this data type first (they are what a team accepts), then every other acceptable rule. */
function ruleIds(scope: Scope, range: [number, number], lead: string): CompletionItem[] {
  const firing = new Set((scope.dataType?.findings ?? []).map((finding) => finding.ruleId));
  const acceptable = rules.filter((rule) => rule.acceptable);
  const ordered = [...acceptable.filter((rule) => firing.has(rule.id)), ...acceptable.filter((rule) => !firing.has(rule.id))];
  return ordered.map((rule, rank) => ({
    label: rule.id,
    kind: 'rule',
    insertText: `${lead}${rule.id}`,
    documentation: `${rule.description} [Rule page](${rule.docsUrl})`,
    ...(firing.has(rule.id) ? { detail: 'fires here', preselect: rank === 0 } : {}),
    sortText: sortKey(rank),
    range,
  }));
}

/** Short forms, then object forms with their fields as placeholders. Human approval last for hot-hot data. */
export function guardForms(scope: Scope, range: [number, number]): CompletionItem[] {
  const describe = (type: string) => guardDescription(type)!;
  const witness = scope.regions.find((region) => region.role === 'witness')?.name ?? 'eu-west-1';
  const hotHot = scope.dataType?.need.topology === 'hot-hot';
  const forms: Array<{ label: string; insertText: string; type: string; snippet?: boolean }> = [
    { label: 'fencing-lease', insertText: 'fencing-lease', type: 'fencing-lease' },
    { label: 'witness-region', insertText: 'witness-region', type: 'witness-region' },
    { label: 'quorum', insertText: 'quorum', type: 'quorum' },
    { label: 'human-approval', insertText: 'human-approval', type: 'human-approval' },
    { label: '{ type: fencing-lease, ttl: 30s }', insertText: '{ type: fencing-lease, ttl: ${1:30s} }', type: 'fencing-lease', snippet: true },
    {
      label: `{ type: witness-region, region: ${witness} }`,
      insertText: `{ type: witness-region, region: \${1:${witness}} }`,
      type: 'witness-region',
      snippet: true,
    },
    { label: '{ type: human-approval, approvers: 2 }', insertText: '{ type: human-approval, approvers: ${1:2} }', type: 'human-approval', snippet: true },
  ];
  const ordered = hotHot ? [...forms.filter((f) => f.type !== 'human-approval'), ...forms.filter((f) => f.type === 'human-approval')] : forms;
  return ordered.map((form, rank) => ({
    label: form.label,
    kind: 'guard',
    insertText: form.insertText,
    ...(form.snippet ? { snippet: true } : {}),
    documentation: describe(form.type),
    ...(hotHot && form.type === 'human-approval' ? { detail: 'no help for hot-hot data: it has no failover to approve' } : {}),
    sortText: sortKey(rank),
    range,
  }));
}

/** The kinds of `writes`, each with what last writer wins does to it; those already listed left out. */
export function writeKinds(listed: Set<string>, range: [number, number]): CompletionItem[] {
  const items = writeKindsInSchema();
  return items.enum.flatMap((kind, rank) =>
    listed.has(kind)
      ? []
      : [
          {
            label: kind,
            kind: 'value' as const,
            insertText: kind,
            documentation: items.markdownEnumDescriptions[rank],
            sortText: sortKey(rank),
            range,
          },
        ],
  );
}

/** The schema's kinds of `writes`, with what each means. */
function writeKindsInSchema(): { enum: string[]; markdownEnumDescriptions: string[] } {
  return resolved(KEYS_OF.dataType!.writes).items as { enum: string[]; markdownEnumDescriptions: string[] };
}
