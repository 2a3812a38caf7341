// Completion in a catalog, from the text and the cursor: keys with their descriptions, values
// with what each means (the recommended store first), the Regions the catalog declares, witness
// Regions in a witness guard, the rules that fire on the data type in `acceptedRisks`, and the
// guards' short and object forms. It reads lines and indentation rather than a parse, because the
// text being typed is rarely valid YAML; the analysis (the last good one) supplies the advice.
import catalogSchema from '../../schemas/data-catalog.schema.json';
import { categoryExamples, categoryNeeds, CATEGORIES, storeSatisfies } from './decisionTable';
import { rules } from './rules';
import { STORE_IDS, storeFacts } from './storeFacts';
import type { CatalogAnalysis, DataTypeReport, StoreId } from './types';

export interface CompletionItem {
  label: string;
  kind: 'key' | 'value' | 'region' | 'guard' | 'rule' | 'entry';
  /**
   * Replaces `range`. VS Code snippet syntax when `snippet` is true; lines after the first are
   * relative to the current line's indentation (the editor adds it).
   */
  insertText: string;
  snippet?: boolean;
  /** Markdown: what the key or the value means. */
  documentation: string;
  /** A short note beside the label: "recommended", "fires here". */
  detail?: string;
  /** Order in the list, lowest first. */
  sortText: string;
  preselect?: boolean;
  /** Open the list again after inserting (a key whose values can be offered). */
  retrigger?: boolean;
  /** [start, end) offsets of the text the item replaces: the word typed so far. */
  range: [number, number];
}

type SchemaNode = {
  $ref?: string;
  description?: string;
  markdownDescription?: string;
  enum?: string[];
  markdownEnumDescriptions?: string[];
  properties?: Record<string, SchemaNode>;
  then?: SchemaNode;
  [key: string]: unknown;
};
const schema = catalogSchema as unknown as SchemaNode & { $defs: Record<string, SchemaNode> };
const defs = schema.$defs;

/** A schema node's description with its code spans: completion and hovers render Markdown. */
const markdownOf = (node: SchemaNode) => node.markdownDescription ?? node.description;

/** A node's own properties and those of its `$ref`s. */
function propertiesOf(node: SchemaNode): Record<string, SchemaNode> {
  const own = node.properties ?? {};
  return node.$ref ? { ...propertiesOf(refTarget(node.$ref)), ...own } : own;
}
function refTarget(ref: string): SchemaNode {
  return defs[ref.replace('#/$defs/', '')];
}
/** A property's schema with its `$ref` followed, keeping the property's own description. */
function resolved(node: SchemaNode): SchemaNode {
  return node.$ref ? { ...resolved(refTarget(node.$ref)), ...node, $ref: undefined } : node;
}

type Context = 'root' | 'metadata' | 'region' | 'defaults' | 'dataType' | 'guard' | 'acceptedRisk' | 'dataRegions' | 'guards' | 'resources' | 'other';

const KEYS_OF: Partial<Record<Context, Record<string, SchemaNode>>> = {
  root: schema.properties,
  metadata: schema.properties!.metadata.properties,
  region: defs.region.properties,
  defaults: propertiesOf(defs.dataTypeFields),
  dataType: { name: defs.dataType.properties!.name, ...propertiesOf(defs.dataTypeFields), resources: defs.dataType.properties!.resources },
  guard: defs.splitBrainGuardObject.properties,
  acceptedRisk: defs.acceptedRisk.properties,
};

/** What a path of keys (`-` for a sequence item) from the root holds. */
function contextOf(path: readonly string[]): Context {
  const joined = path.join('/');
  if (joined === '') return 'root';
  if (joined === 'metadata') return 'metadata';
  if (joined === 'regions/-') return 'region';
  if (joined === 'defaults') return 'defaults';
  if (joined === 'dataTypes/-') return 'dataType';
  if (/^(dataTypes\/-|defaults)\/splitBrainGuards\/-$/.test(joined)) return 'guard';
  if (/^(dataTypes\/-|defaults)\/acceptedRisks\/-$/.test(joined)) return 'acceptedRisk';
  if (/^(dataTypes\/-|defaults)\/regions$/.test(joined)) return 'dataRegions';
  if (/^(dataTypes\/-|defaults)\/splitBrainGuards$/.test(joined)) return 'guards';
  if (joined === 'dataTypes/-/resources') return 'resources';
  return 'other';
}

/** What a key means where it is written (`path`: the keys above it, `-` for list items), for hovers. */
export function describeKey(path: readonly string[], key: string): string | undefined {
  const node = KEYS_OF[contextOf(path)]?.[key];
  return node && markdownOf(resolved(node));
}

/** What a value means, for the keys whose values have a meaning of their own (enums, stores, categories). */
export function describeValue(path: readonly string[], key: string | undefined, value: string): string | undefined {
  const context = contextOf(path);
  if (context === 'guards' && key === undefined) return guardDescription(value);
  if (key === undefined) return undefined;
  if ((context === 'dataType' || context === 'defaults') && key === 'store') return STORE_IDS.includes(value as StoreId) ? storeText(value as StoreId) : undefined;
  if ((context === 'dataType' || context === 'defaults') && key === 'category') return CATEGORIES.includes(value as (typeof CATEGORIES)[number]) ? categoryText(value as (typeof CATEGORIES)[number]) : undefined;
  const node = KEYS_OF[context]?.[key];
  const enumNode = node && resolved(node);
  const index = enumNode?.enum?.indexOf(value) ?? -1;
  return index === -1 ? undefined : enumNode!.markdownEnumDescriptions?.[index];
}

function guardDescription(type: string): string | undefined {
  const node = defs.splitBrainGuard.then!;
  const index = node.enum!.indexOf(type);
  return index === -1 ? undefined : node.markdownEnumDescriptions![index];
}

interface LineShape {
  blank: boolean;
  indent: number;
  /** Column of a leading `- `, or -1. */
  dashCol: number;
  /** Column of a `key:` at the start of the content, or -1. */
  keyCol: number;
  key?: string;
  value: string;
}
const LINE = /^( *)((?:- +)?)(?:([A-Za-z_][\w-]*) *:(?= |$))?(.*)$/;

function shape(line: string): LineShape {
  if (/^\s*(#|$)/.test(line)) return { blank: true, indent: 0, dashCol: -1, keyCol: -1, value: '' };
  const [, spaces, dash, key, value] = LINE.exec(line.replace(/\r$/, ''))!;
  return { blank: false, indent: spaces.length, dashCol: dash ? spaces.length : -1, keyCol: key ? spaces.length + dash.length : -1, key, value: value.trim() };
}

interface Ancestor { key: string; row: number }

/** The keys (and `-` for sequence items) that contain column `col` of line `row`, from the root. */
function ancestorsAt(lines: readonly string[], row: number, col: number): Ancestor[] {
  const path: Ancestor[] = [];
  let limit = col;
  for (let r = row - 1; r >= 0 && limit > 0; r--) {
    const line = shape(lines[r]);
    if (line.blank) continue;
    if (line.keyCol !== -1 && line.keyCol < limit) {
      path.unshift({ key: line.key!, row: r });
      limit = line.keyCol;
    }
    if (line.dashCol !== -1 && line.dashCol < limit) {
      path.unshift({ key: '-', row: r });
      limit = line.dashCol;
    }
  }
  return path;
}

/**
 * The keys already written in the mapping whose keys start at `keyCol`, around line `row`. On a
 * line that starts a new list item, the mapping starts there: the lines above are another item.
 */
function siblingKeys(lines: readonly string[], row: number, keyCol: number, startsItem: boolean): Set<string> {
  const keys = new Set<string>();
  for (let r = row - 1; r >= 0 && !startsItem; r--) {
    const line = shape(lines[r]);
    if (line.blank) continue;
    if (line.keyCol === keyCol) keys.add(line.key!);
    if (line.dashCol !== -1 && line.dashCol < keyCol) break;
    if (line.indent < keyCol && line.dashCol === -1) break;
  }
  for (let r = row + 1; r < lines.length; r++) {
    const line = shape(lines[r]);
    if (line.blank) continue;
    if (line.indent < keyCol) break;
    if (line.keyCol === keyCol) keys.add(line.key!);
  }
  return keys;
}

/** The name written in the data type item that starts on line `itemRow`. */
function itemName(lines: readonly string[], itemRow: number): string | undefined {
  const first = shape(lines[itemRow]);
  if (first.key === 'name') return first.value || undefined;
  const contentCol = first.keyCol !== -1 ? first.keyCol : first.dashCol + 2;
  for (let r = itemRow + 1; r < lines.length; r++) {
    const line = shape(lines[r]);
    if (line.blank) continue;
    if (line.indent <= first.dashCol) break;
    if (line.key === 'name' && line.keyCol === contentCol && line.dashCol === -1) return line.value || undefined;
  }
  return undefined;
}

const sortKey = (rank: number) => String(rank).padStart(3, '0');

/** What the shell found in the workspace that an `infrastructure` entry may name (the engine reads no files). */
export interface InfrastructureCandidate {
  /** Relative to the catalog's folder. */
  path: string;
  /** "CDK cloud assembly", "CloudFormation template", ... */
  detail: string;
}

export function completionsAt(text: string, offset: number, analysis?: CatalogAnalysis, infrastructure: readonly InfrastructureCandidate[] = []): CompletionItem[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  if (/(^|\s)#/.test(before)) return [];
  const lines = text.split('\n');
  const row = text.slice(0, lineStart).split('\n').length - 1;
  const [, spaces, dashes, rest] = /^( *)((?:- +)*)(.*)$/.exec(before)!;
  const container = dashes
    ? [...ancestorsAt(lines, row, spaces.length), { key: '-', row }]
    : ancestorsAt(lines, row, spaces.length);
  const keyCol = spaces.length + dashes.length;
  const path = container.map((a) => a.key);
  const dataTypeRow = container[0]?.key === 'dataTypes' && container[1]?.key === '-' ? container[1].row : undefined;
  const dataTypeName = dataTypeRow === undefined ? undefined : itemName(lines, dataTypeRow);
  const scope: Scope = {
    regions: declaredRegions(lines),
    dataType: dataTypeName ? analysis?.report.dataTypes.find((dt) => dt.name === dataTypeName) : undefined,
  };
  const replacing = (prefix: string): [number, number] => [offset - prefix.length, offset];

  // Inside a flow sequence or mapping: `regions: [us-east-1, |`, `- { type: |`.
  const flowMap = /\{([^{}]*)$/.exec(rest);
  // A guard in flow form: an item of a block list (`- { type: `) or of a flow list (`splitBrainGuards: [{ type: `).
  if (flowMap && (contextOf(path) === 'guard' || /^splitBrainGuards *: *\[/.test(rest))) {
    const pair = /(?:^|,)\s*([\w-]+) *: *([\w-]*)$/.exec(flowMap[1]);
    if (pair) return valuesFor('guard', pair[1], replacing(pair[2]), scope, '');
    const key = /(?:^|,)\s*([\w-]*)$/.exec(flowMap[1]);
    const written = new Set([...flowMap[1].matchAll(/([\w-]+) *:/g)].map((m) => m[1]));
    return key ? keysFor('guard', replacing(key[1]), written, false) : [];
  }
  // An `infrastructure` entry: a path (with dots and slashes), as a block item or in a flow list.
  const flowInfrastructure = path.length === 0 && /^infrastructure *: *\[([^\]]*)$/.exec(rest);
  if (flowInfrastructure || (path.join('/') === 'infrastructure/-' && /^[\w./-]*$/.test(rest))) {
    const inside = flowInfrastructure ? flowInfrastructure[1] : rest;
    const prefix = /([\w./-]*)$/.exec(inside)![1];
    const listed = new Set(flowInfrastructure ? inside.split(',').map((item) => item.trim()) : []);
    return infrastructure.filter((candidate) => !listed.has(candidate.path)).map((candidate, rank) => ({
      label: candidate.path, kind: 'value' as const, insertText: candidate.path, detail: candidate.detail,
      documentation: `${candidate.detail}, relative to the catalog. CAP Advisor compares what it deploys with the catalog.`,
      sortText: sortKey(rank), range: replacing(prefix),
    }));
  }
  const flowSeq = /^([\w-]+) *: *\[([^\]]*)$/.exec(rest);
  if (flowSeq) {
    const [, key, inside] = flowSeq;
    const prefix = /([\w-]*)$/.exec(inside)![1];
    const listed = new Set(inside.split(',').map((item) => item.trim()).filter(Boolean));
    const context = contextOf([...path, key]);
    if (context === 'dataRegions') return regionNames(scope, listed, replacing(prefix));
    if (context === 'guards') return guardForms(scope, replacing(prefix));
    if (context === 'resources') return resourceNames(analysis, listed, replacing(prefix));
    return [];
  }

  // A value after `key:`.
  const valueAfterKey = /^([\w-]+) *:( *)([^\s]*)$/.exec(rest);
  if (valueAfterKey) {
    const [, key, space, prefix] = valueAfterKey;
    return valuesFor(contextOf(path), key, replacing(prefix), scope, space ? '' : ' ');
  }

  // A sequence item's value, or a key.
  const word = /^([\w-]*)$/.exec(rest);
  if (!word) return [];
  const context = contextOf(path);
  // Where a data type entry starts: a whole entry for each kind of data.
  if (path.join('/') === 'dataTypes' && !dashes) return entryTemplates(lines, replacing(word[1]), false);
  if (context === 'dataType' && dashes && siblingKeys(lines, row, keyCol, true).size === 0) {
    return [...keysFor(context, replacing(word[1]), new Set(), true), ...entryTemplates(lines, replacing(word[1]), true)];
  }
  // A new guard item is a short form or an object form; `type` starts a block object.
  if (dashes && context === 'guard') return [...guardForms(scope, replacing(word[1])), ...keysFor('guard', replacing(word[1]), new Set(['ttl', 'region', 'approvers']), true).map((item) => ({ ...item, sortText: `z${item.sortText}` }))];
  if (dashes && context !== 'region' && context !== 'dataType' && context !== 'acceptedRisk') {
    const list = contextOf(path.slice(0, -1));
    if (list === 'dataRegions') return regionNames(scope, new Set(), replacing(word[1]));
    if (list === 'guards') return guardForms(scope, replacing(word[1]));
    if (list === 'resources') return resourceNames(analysis, new Set(), replacing(word[1]));
    return [];
  }
  return keysFor(context, replacing(word[1]), siblingKeys(lines, row, keyCol, dashes.length > 0), true);
}

/**
 * The Regions the catalog declares, read from its lines (`- name: x` / `role: y`, block or flow),
 * so they are known while the text being typed does not parse.
 */
function declaredRegions(lines: readonly string[]): Array<{ name: string; role: string }> {
  const regions: Array<{ name: string; role: string }> = [];
  const start = lines.findIndex((line) => /^regions *:\s*$/.test(line.replace(/\r$/, '')));
  if (start === -1) return regions;
  for (let r = start + 1; r < lines.length; r++) {
    const line = lines[r].replace(/\r$/, '');
    if (/^\S/.test(line)) break;
    const name = /^\s*-?\s*(?:\{.*\b)?name *: *([\w-]+)/.exec(line)?.[1];
    if (name && /^\s*-/.test(line)) regions.push({ name, role: '' });
    const role = /\brole *: *([\w-]+)/.exec(line)?.[1];
    if (role && regions.length > 0) regions[regions.length - 1].role = role;
  }
  return regions;
}

interface Scope {
  /** The Regions declared in the text. */
  regions: Array<{ name: string; role: string }>;
  /** The data type the cursor is in, as the last analysis saw it. */
  dataType?: DataTypeReport;
}

/**
 * Whole data type entries for each kind of data, as `cap-*` items where a new entry starts. The
 * name is one the catalog does not use yet (`payments`, else `payments-2`, ...), so inserting an
 * entry never makes a duplicate. `@NAME@` stands for it; the lines follow the `- ` of the item.
 */
const ENTRY_TEMPLATES: ReadonlyArray<{ prefix: string; name: string; description: string; lines: string[] }> = [
  {
    prefix: 'cap-transaction', name: 'payments',
    description: 'Strong data (wrong data is worse than no data): CP on Aurora Global Database, human-approved failover.',
    lines: ['name: ${1:@NAME@}', '  description: ${2:Card payments and refunds}', '  category: ${3|transaction,inventory,authorization,account|}', '  topology: hot-warm',
      '  store: ${4|aurora-global,aurora-dsql,dynamodb-global-strong|}', '  rpo: ${5:1s}', '  rto: ${6:15m}', '  splitBrainGuards:', '    - ${7|human-approval,fencing-lease,quorum|}'],
  },
  {
    prefix: 'cap-session', name: 'carts',
    description: 'Eventual data written in every Region (no data is worse than slightly old data): AP on DynamoDB global tables, merged by intent.',
    lines: ['name: ${1:@NAME@}', '  description: ${2:Shopping carts}', '  category: ${3|cart,session,preference,recommendation|}', '  topology: ${4|hot-hot,hot-warm|}',
      '  store: dynamodb-global', '  conflictResolution: ${5|merge,application,last-writer-wins|}', '  stalenessBudget: ${6:1s}'],
  },
  {
    prefix: 'cap-cache', name: 'price-cache',
    description: 'A cache across Regions: AP, rebuilt from its source; fail over with a fencing lease or manually.',
    lines: ['name: ${1:@NAME@}', '  category: cache', '  store: ${2|dynamodb-global,elasticache-global|}', '  failover: ${3|manual,automatic|}', '  splitBrainGuards:', '    - { type: fencing-lease, ttl: ${4:30s} }'],
  },
  {
    prefix: 'cap-reference', name: 'product-images',
    description: 'Immutable data (written once, never updated): S3 with cross-Region replication.',
    lines: ['name: ${1:@NAME@}', '  category: ${2|reference,historical,log,audit,media|}', '  store: s3', '  stalenessBudget: ${3:15m}'],
  },
];

/** The data type names written in the text (block or flow), so a new entry can avoid them. */
function writtenNames(lines: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const line of lines) for (const match of line.matchAll(/(?:^\s*-\s*|^\s+|[{,]\s*)name *: *([\w.-]+)/g)) names.add(match[1]);
  return names;
}

function entryTemplates(lines: readonly string[], range: [number, number], startsWithDash: boolean): CompletionItem[] {
  const taken = writtenNames(lines);
  return ENTRY_TEMPLATES.map((template, rank) => {
    let name = template.name;
    for (let n = 2; taken.has(name); n++) name = `${template.name}-${n}`;
    // On `- |` the dash is written; otherwise the entry brings it, and its lines sit two further in.
    const body = template.lines.map((line) => line.replace('@NAME@', name));
    const insertText = startsWithDash ? body.map((line, i) => (i === 0 ? line : `  ${line}`)).join('\n') : `- ${body.join('\n')}`;
    return { label: template.prefix, kind: 'entry', insertText, snippet: true, documentation: `${template.description}\n\nInserts \`${name}\`, a name the catalog does not use yet.`, detail: `new data type ${name}`, sortText: `e${sortKey(rank)}`, range };
  });
}

/** Block keys insert their first child; the editor indents the lines after the first. */
const KEY_SNIPPETS: Record<string, string> = {
  apiVersion: 'apiVersion: cap-advisor/v1',
  kind: 'kind: DataCatalog',
  metadata: 'metadata:\n  name: ${1:storefront}',
  'root/regions': 'regions:\n  - name: ${1:us-east-1}\n    role: ${2|primary,secondary,witness|}',
  defaults: 'defaults:\n  ${1}',
  dataTypes: 'dataTypes:\n  - name: ${1:payments}\n    category: ${2|' + CATEGORIES.join(',') + '|}',
  regions: 'regions: [${1}]',
  splitBrainGuards: 'splitBrainGuards: [${1}]',
  acceptedRisks: 'acceptedRisks:\n  - rule: ${1}\n    reason: ${2:why the team accepts this, and where it was agreed}',
};
/** Keys whose value the list can offer at once. */
const RETRIGGER = new Set(['category', 'consistency', 'cap', 'topology', 'store', 'conflictResolution', 'immutable', 'failover', 'role', 'type', 'rule', 'region', 'stalenessBudget', 'rpo', 'rto', 'ttl']);

/** `block`: on a line of its own, where a key may open a nested block; in a flow mapping it may not. */
function keysFor(context: Context, range: [number, number], written: Set<string>, block: boolean): CompletionItem[] {
  const keys = KEYS_OF[context];
  if (!keys) return [];
  return Object.entries(keys).filter(([key]) => !written.has(key)).map(([key, node], rank) => {
    const snippet = block ? KEY_SNIPPETS[context === 'root' && key === 'regions' ? 'root/regions' : key] : undefined;
    return {
      label: key,
      kind: 'key',
      insertText: snippet ?? `${key}: `,
      ...(snippet && snippet.includes('$') ? { snippet: true } : {}),
      documentation: markdownOf(resolved(node)) ?? '',
      sortText: sortKey(rank),
      ...(RETRIGGER.has(key) && !snippet ? { retrigger: true } : {}),
      range,
    };
  });
}

const DURATION_EXAMPLES: Array<[string, string]> = [
  ['0s', 'No lag or loss at all: needs synchronous replication (`aurora-dsql`, `dynamodb-global-strong`).'],
  ['500ms', 'Half a second.'], ['1s', 'One second: about what asynchronous cross-Region replication typically takes.'],
  ['30s', 'Thirty seconds.'], ['5m', 'Five minutes.'], ['15m', "Fifteen minutes: S3 Replication Time Control's bound for 99.99 % of objects."], ['1h', 'One hour.'],
];

function valuesFor(context: Context, key: string, range: [number, number], scope: Scope, lead: string): CompletionItem[] {
  const value = (label: string, documentation: string, rank: number, extra: Partial<CompletionItem> = {}): CompletionItem =>
    ({ label, kind: 'value', insertText: `${lead}${label}`, documentation, sortText: sortKey(rank), range, ...extra });
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
  if (context === 'acceptedRisk' && key === 'rule') return ruleIds(scope, range, lead);
  const node = KEYS_OF[context]?.[key];
  const enumNode = node && resolved(node);
  if (!enumNode?.enum) return [];
  return enumNode.enum.map((label, rank) => value(label, enumNode.markdownEnumDescriptions?.[rank] ?? '', rank));
}

/** A category in a sentence: what it holds, its consistency and the recommendation (completion, hovers, Add Data Type). */
export function categoryText(category: (typeof CATEGORIES)[number]): string {
  const need = categoryNeeds[category];
  const position = category === 'other' ? 'as declared' : need.immutable ? 'AP on `s3`' : need.consistency === 'strong' ? 'CP on `aurora-global`' : 'AP on `dynamodb-global`';
  const kind = category === 'other' ? 'strong unless declared otherwise' : need.immutable ? 'immutable' : need.consistency;
  const examples = categoryExamples[category];
  return `${examples[0].toUpperCase()}${examples.slice(1)}. ${kind[0].toUpperCase()}${kind.slice(1)}; recommended: ${position}.`;
}

function storeText(store: StoreId): string {
  const facts = storeFacts[store];
  return `**${facts.product}**: ${facts.position.text}. Writes: ${facts.writers.text}. Cross-Region window: ${facts.replicationWindow.text}.`;
}

/** The recommended store first; then the others that fit the need, as the decision table judges a declared store; then the rest. */
function storeValues(dataType: DataTypeReport | undefined, value: (label: string, doc: string, rank: number, extra?: Partial<CompletionItem>) => CompletionItem): CompletionItem[] {
  const rec = dataType?.recommendation;
  const fits = (store: StoreId) => {
    if (!dataType) return true;
    const { category, consistency, immutable, topology, regions } = dataType.need;
    const multiRegion = regions.length > 1 && topology !== 'single-region';
    return storeSatisfies({ name: dataType.name, category, consistency, immutable, topology, regions, multiRegion, store, splitBrainGuards: [] }, dataType.recommendation);
  };
  const ordered = [...STORE_IDS].sort((a, b) => Number(b === rec?.store) - Number(a === rec?.store) || Number(fits(b)) - Number(fits(a)));
  return ordered.map((store, rank) => value(store, storeText(store), rank,
    store === rec?.store ? { detail: `recommended: ${rec.cap}`, preselect: true } : fits(store) ? {} : { detail: `does not fit ${dataType?.name ?? 'this data type'}` }));
}

/**
 * The data stores of the linked infrastructure, for `resources`: those no data type lists yet
 * first, each with what is deployed. A logical id two stacks share is offered as `Stack/LogicalId`.
 */
function resourceNames(analysis: CatalogAnalysis | undefined, listed: Set<string>, range: [number, number]): CompletionItem[] {
  const stores = analysis?.report.deployed?.stores ?? [];
  const unclaimed = new Set((analysis?.findings ?? []).filter((f) => f.ruleId === 'unclaimed-resource').map((f) => f.suggestion));
  const idCount = new Map<string, number>();
  for (const store of stores) idCount.set(store.logicalId, (idCount.get(store.logicalId) ?? 0) + 1);
  return stores.flatMap((store, rank) => {
    const name = (idCount.get(store.logicalId) ?? 0) > 1 ? `${store.stack}/${store.logicalId}` : store.logicalId;
    if (listed.has(name)) return [];
    const deployed = typeof store.store === 'string' ? store.store : 'store unknown';
    const regions = store.regions.map((region) => (typeof region === 'string' ? region : '?')).join(', ');
    const free = unclaimed.has(store.logicalId);
    return [{
      label: name,
      kind: 'value' as const,
      insertText: name,
      detail: `${deployed} · ${regions}`,
      documentation: `\`${store.type}\` in \`${store.file}\` (stack \`${store.stack}\`): deploys \`${deployed}\` in ${regions || 'an unknown Region'}.${free ? ' No data type lists it yet.' : ''}`,
      sortText: `${free ? 'a' : 'b'}${sortKey(rank)}`,
      range,
    }];
  });
}

function regionNames(scope: Scope, listed: Set<string>, range: [number, number]): CompletionItem[] {
  return scope.regions.filter((region) => region.role !== 'witness' && !listed.has(region.name)).map((region, rank) => ({
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
  return scope.regions.filter((region) => region.role === 'witness').map((region, rank) => ({
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
function guardForms(scope: Scope, range: [number, number]): CompletionItem[] {
  const describe = (type: string) => guardDescription(type)!;
  const witness = scope.regions.find((region) => region.role === 'witness')?.name ?? 'eu-west-1';
  const hotHot = scope.dataType?.need.topology === 'hot-hot';
  const forms: Array<{ label: string; insertText: string; type: string; snippet?: boolean }> = [
    { label: 'fencing-lease', insertText: 'fencing-lease', type: 'fencing-lease' },
    { label: 'witness-region', insertText: 'witness-region', type: 'witness-region' },
    { label: 'quorum', insertText: 'quorum', type: 'quorum' },
    { label: 'human-approval', insertText: 'human-approval', type: 'human-approval' },
    { label: '{ type: fencing-lease, ttl: 30s }', insertText: '{ type: fencing-lease, ttl: ${1:30s} }', type: 'fencing-lease', snippet: true },
    { label: `{ type: witness-region, region: ${witness} }`, insertText: `{ type: witness-region, region: \${1:${witness}} }`, type: 'witness-region', snippet: true },
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
