// Hover text for a catalog: on a data type's name, a store and a split-brain guard, what the
// position means during a partition and how stale a read can be, in the business's words, with
// the source of every figure; on any other key or value what it means, on a Region name what it
// holds; and on a finding its detail. Figures are the store facts table's typical values.
import { isMap, isPair, isScalar, isSeq, visit, type Node, type Scalar } from 'yaml';
import { analyzeCatalog } from '../analyze';
import { describeKey, describeValue } from './completion';
import { isOfRule } from '../rules';
import { simulate, VERDICTS, type Outcome } from '../scenarios';
import { namesOf } from '../model/deployed';
import { CatalogSource, fastSourceOf } from '../read/source';
import { storeFacts, type StoreFacts } from '../model/storeFacts';
import type { CatalogAnalysis, DataTypeReport, GuardType, SourceRange, StoreId } from '../model/types';

export interface Hover {
  markdown: string;
  range: SourceRange;
}

interface GuardExplanation {
  title: string;
  protects: string;
  costs: string;
  source: string;
}

export const guardExplanations: Readonly<Record<GuardType, GuardExplanation>> = {
  'human-approval': {
    title: 'Human-approved failover',
    protects:
      'A person confirms that the primary Region is really gone, not just cut off from the health checkers, before a secondary is promoted, so a partition does not create a second writer.',
    costs: 'Paging someone, reading the dashboards and approving adds 5 to 10 minutes to the RTO.',
    source: 'https://docs.aws.amazon.com/r53recovery/latest/dg/working-with-rs-execution-blocks.html',
  },
  'fencing-lease': {
    title: 'Fencing lease',
    protects:
      'A writer holds a lease with a strictly increasing token and the storage rejects writes that carry an older token, so an old primary that paused or was cut off cannot write after it lost the lease.',
    costs:
      'The lease must live where a conditional write sees the latest holder: `dynamodb-global-strong`, `aurora-dsql`, the primary of `aurora-global` or a table in one Region, never `dynamodb-global` or `s3` (say where with `leaseStore`); failover waits for the lease `ttl` to run out.',
    source: 'https://martin.kleppmann.com/2016/02/08/how-to-do-distributed-locking.html',
  },
  'witness-region': {
    title: 'Witness Region',
    protects:
      'A third Region votes in failover decisions and holds no data: during a partition only the side that can reach the witness has a majority and keeps writing.',
    costs:
      'A third Region to run (small: it stores no data), and the data Regions must not include it. Only a store that votes uses it (Aurora DSQL, DynamoDB multi-Region strong consistency): an eventual global table keeps taking writes in every Region whatever a witness says.',
    source: 'https://docs.aws.amazon.com/aurora-dsql/latest/userguide/disaster-recovery-resiliency.html',
  },
  quorum: {
    title: 'Quorum',
    protects: 'Writes or the failover decision need a majority of the voting Regions, so at most one side of a partition can act.',
    costs: 'Needs three or more voting Regions (two cannot form a majority); the minority side refuses writes during a partition.',
    source: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html',
  },
};

const GUARD_TYPES = new Set(Object.keys(guardExplanations));
const sourceUrl = (source: string) => /https?:\/\/\S+/.exec(source)?.[0];
const cite = (source: string) => {
  const url = sourceUrl(source);
  return url ? `[source](${url})` : source;
};

/** What a reader in another Region sees, in the data type's own words, from the store model's row. */
function businessMeaning(dataType: DataTypeReport, store: StoreId): string {
  const [home, ...others] = dataType.need.regions;
  const other = others[0] ?? 'another Region';
  const name = `\`${dataType.name}\``;
  const facts = storeFacts[store];
  if (facts.position.value === null)
    return `${name} lives in one Region (${dataType.need.regions.join(', ') || 'none'}): no cross-Region staleness, but losing that Region makes it unavailable.`;
  if (facts.writers.value === 'primary')
    return `Writes go to the primary Region (${home}). A reader in ${other} may see ${name} behind the latest write (${facts.replicationWindow.text}). If ${home} is cut off, writes stop until they move: ${facts.recovery.text} (RPO ${facts.rpo.text}).`;
  if (facts.conflicts.value === 'quorum')
    return `Every Region reads the latest write of ${name}; ${facts.partitionWrites.text}. Needs ${facts.votingRegionsNeeded.text}.`;
  return `Every Region takes writes. A customer in ${other} may see ${name} behind a write in ${home} (${facts.replicationWindow.text}); ${facts.partitionWrites.text}.`;
}

function storeMarkdown(facts: StoreFacts): string[] {
  return [
    `**\`${facts.id}\`**: ${facts.product}`,
    '',
    `- **Position across Regions:** ${facts.position.text} (${cite(facts.position.source)})`,
    `- **Writers:** ${facts.writers.text}`,
    `- **Replication window:** ${facts.replicationWindow.text} (${cite(facts.replicationWindow.source)})`,
    `- **RPO on an unplanned failover:** ${facts.rpo.text} (${cite(facts.rpo.source)})`,
    `- **Concurrent writes:** ${facts.conflicts.text}`,
    `- **Recovery:** ${facts.recovery.text} (${cite(facts.recovery.source)})`,
    `- **Needs:** ${facts.votingRegionsNeeded.text}`,
  ];
}

/** An entry with schema errors has no verdict: what to finish first, instead of advice about half a data type. */
function unfinished(dataType: DataTypeReport): string {
  return `**${dataType.name}**: finish this entry first (${dataType.schemaErrors} schema error${dataType.schemaErrors === 1 ? '' : 's'}); there is no recommendation until it is valid.`;
}

/** The verdict in one sentence, for the hovers on a data type's name, category, store and topology. */
function verdictSentence(dataType: DataTypeReport): string {
  const { verdict } = dataType;
  if (!verdict) return unfinished(dataType);
  const declared = verdict.declaredStore
    ? verdict.storeFits
      ? ` The declared \`${verdict.declaredStore}\` fits.`
      : ` The declared \`${verdict.declaredStore}\` does not fit: ${verdict.misfit}.`
    : ' No store declared yet.';
  return `For \`${dataType.name}\`: ${verdict.cap} on \`${verdict.store}\` (recommended)${verdict.alternative ? `, or \`${verdict.alternative}\`` : ''}.${declared}`;
}

function dataTypeMarkdown(dataType: DataTypeReport): string[] {
  const { verdict, need } = dataType;
  if (!verdict) return [unfinished(dataType)];
  const store = verdict.declaredStore ?? verdict.store;
  const facts = storeFacts[store];
  return [
    `**${dataType.name}**: ${verdict.cap} on \`${verdict.store}\` (recommended)${verdict.alternative ? `, or \`${verdict.alternative}\`` : ''}`,
    '',
    `Need: ${need.consistency}${need.immutable ? ', immutable' : ''}, ${need.topology} in ${need.regions.join(' + ') || 'no Region'} (category ${need.category}).`,
    verdict.declaredStore
      ? `Declared store: \`${verdict.declaredStore}\`${verdict.storeFits ? ', which fits.' : `, which does not fit: ${verdict.misfit}.`}`
      : 'No store declared yet.',
    '',
    `**In a partition:** ${businessMeaning(dataType, store)}`,
    '',
    `Figures: ${facts.product}, typical values rather than guarantees (${cite(facts.replicationWindow.source)}).`,
  ];
}

/** The keys from the root down to a node (`-` for a list item), read off `yaml`'s visitor path. */
function keysAbove(path: readonly unknown[]): string[] {
  const keys: string[] = [];
  for (const node of path) {
    if (isPair(node) && isScalar(node.key)) keys.push(String(node.key.value));
    else if (isSeq(node)) keys.push('-');
  }
  return keys;
}

/** Whether a scalar here is a Region name: a declared Region, a data type's Region, a witness. */
function namesRegion(container: readonly string[], key: string | undefined): boolean {
  const at = container.join('/');
  return (
    (at === 'regions/-' && key === 'name') ||
    (key === undefined && /^(dataTypes\/-|defaults)\/regions$/.test(at)) ||
    (key === 'region' && /^(dataTypes\/-|defaults)\/splitBrainGuards\/-$/.test(at))
  );
}

function regionMarkdown(name: string, analysis: CatalogAnalysis): string[] {
  const region = analysis.report.regions.find((r) => r.name === name);
  if (!region) return [`**${name}** is not declared in \`regions\`.`];
  const holding = analysis.report.dataTypes.filter((dt) => dt.need.regions.includes(name)).map((dt) => dt.name);
  const witnessFor = analysis.report.dataTypes.filter((dt) => dt.guards.some((g) => g.type === 'witness-region' && g.region === name)).map((dt) => dt.name);
  const role = describeValue(['regions', '-'], 'role', region.role);
  // What cutting it off and losing it do (cap-advisor simulate), counted by verdict, worst first.
  const [isolated, lost] = simulate(analysis, [
    { kind: 'isolate', region: name },
    { kind: 'lose', region: name },
  ]);
  const tally = (outcomes: Outcome[]) =>
    VERDICTS.map((verdict) => {
      const names = outcomes.filter((o) => o.verdict === verdict).map((o) => o.dataType);
      return names.length === 0 || verdict === 'unaffected'
        ? ''
        : verdict === 'split-brain'
          ? `**${verdict}**: ${names.join(', ')}`
          : `${names.length} ${verdict}`;
    })
      .filter(Boolean)
      .join(' · ') || 'nothing changes';
  return [
    `**${name}**: ${region.role} Region. ${role ?? ''}`.trimEnd(),
    '',
    holding.length > 0 ? `Holds ${holding.length} data type${holding.length === 1 ? '' : 's'}: ${holding.join(', ')}.` : 'Holds no data type.',
    ...(witnessFor.length > 0 ? ['', `Witness for: ${witnessFor.join(', ')}.`] : []),
    '',
    `**Cut off:** ${tally(isolated.outcomes)}`,
    '',
    `**Lost:** ${tally(lost.outcomes)}`,
  ];
}

function guardMarkdown(type: GuardType): string[] {
  const guard = guardExplanations[type];
  return [`**${guard.title}** (\`${type}\`)`, '', `**Protects:** ${guard.protects}`, '', `**Costs:** ${guard.costs}`, '', `[source](${guard.source})`];
}

/** The last text read for a hover: moving the mouse over one catalog parses it once, not per hover. */
let lastRead: { text: string; source: CatalogSource } | undefined;
function yamlSourceOf(text: string): CatalogSource {
  if (lastRead?.text !== text) lastRead = { text, source: new CatalogSource(text, 'yaml') };
  return lastRead.source;
}

/** The hover for the node at `offset`, or undefined where there is nothing to explain. */
/** The index of the `infrastructure` entry the offset is in, if any. */
function entryOfInfrastructure(source: CatalogSource, offset: number): number | undefined {
  const list = source.doc.get('infrastructure', true);
  if (!isSeq(list)) return undefined;
  const index = list.items.findIndex((item) => {
    const range = (item as Node | null)?.range;
    return !!range && range[0] <= offset && offset <= range[1];
  });
  return index === -1 ? undefined : index;
}

/** An `infrastructure` entry: what was read from it, so a user sees that the link works. */
function infrastructureMarkdown(path: string, entryIndex: number, analysis: CatalogAnalysis): string[] | undefined {
  const deployed = analysis.report.deployed;
  if (!deployed) return undefined;
  const stores = deployed.stores.filter((store) => store.entryIndex === entryIndex);
  const routes = deployed.failovers.filter((route) => route.entryIndex === entryIndex);
  if (stores.length === 0 && routes.length === 0) return undefined;
  const shown = stores.slice(0, 12).map((store) => `\`${store.logicalId}\` (${typeof store.store === 'string' ? store.store : 'store unknown'})`);
  return [
    `**${path}**: ${stores.length} data ${stores.length === 1 ? 'store' : 'stores'}${routes.length ? ` and ${routes.length} DNS failover ${routes.length === 1 ? 'route' : 'routes'}` : ''} read: ${shown.join(', ')}${stores.length > 12 ? ', …' : ''}.`,
  ];
}

/** A `resources` entry: what the linked infrastructure deploys under that name, and where. */
function resourceMarkdown(name: string, analysis: CatalogAnalysis): string[] | undefined {
  const deployed = analysis.report.deployed;
  if (!deployed) return undefined;
  const stores = deployed.stores.filter((store) => [store, ...store.members].some((part) => namesOf(part).includes(name)));
  if (stores.length !== 1) return undefined;
  const [store] = stores;
  const known = (value: string | { unknown: string }) => (typeof value === 'string' ? `\`${value}\`` : `unknown (${value.unknown})`);
  const facts = [
    `deploys ${known(store.store)} in ${store.regions.map(known).join(', ') || 'no Region the template fixes'}`,
    ...(store.witness !== undefined ? [`witness ${known(store.witness)}`] : []),
    ...(store.replicationTimeControl !== undefined ? [`Replication Time Control ${store.replicationTimeControl ? 'on' : 'off'}`] : []),
    ...(store.writeForwarding !== undefined ? [`write forwarding ${store.writeForwarding ? 'on' : 'off'}`] : []),
  ];
  const parts = store.members.map((member) => `\`${member.stack}/${member.logicalId}\` (${member.file}:${member.range.start.line})`);
  return [
    `**${name}**: \`${store.type}\` in \`${store.file}\`, line ${store.range.start.line} (stack \`${store.stack}\`): ${facts.join('; ')}.`,
    ...(parts.length > 0 ? ['', `With ${parts.join(', ')}.`] : []),
  ];
}

/** The scalar a hover is on, and where it sits in the catalog, however the text was read. */
interface HoveredScalar {
  value: string;
  range: SourceRange;
  /** The keys from the root down to the scalar (`-` for a list item), its own key included. */
  above: string[];
  /** The key of the pair the scalar is the value of. */
  key: string | undefined;
  isKey: boolean;
  inGuards: boolean;
  /** The offsets of the `dataTypes` entry that holds the scalar. */
  dataTypeEntry: [number, number] | undefined;
  /** The index of the `infrastructure` entry that holds the scalar. */
  infrastructureEntry: number | undefined;
}

/** From the spans the analysis's fast reader kept: no second parse of a text the analysis read. */
function hoveredInFastRead(source: CatalogSource, offset: number): HoveredScalar | undefined {
  const hit = source.fastScalarAt(offset);
  if (!hit) return undefined;
  const { path, span, isKey } = hit;
  const last = path[path.length - 1];
  const entryAt = path.findIndex((segment, i) => segment === 'dataTypes' && typeof path[i + 1] === 'number' && path.length > i + 2);
  const entry = entryAt === -1 ? undefined : source.fastSpanAt(path.slice(0, entryAt + 2));
  return {
    value: String(hit.value),
    range: source.range(span.start, span.end),
    above: path.map((segment) => (typeof segment === 'number' ? '-' : segment)),
    key: !isKey && typeof last === 'string' ? last : undefined,
    isKey,
    inGuards: path.includes('splitBrainGuards'),
    dataTypeEntry: entry && [entry.start, entry.end],
    infrastructureEntry: path[0] === 'infrastructure' && typeof path[1] === 'number' ? path[1] : undefined,
  };
}

/** From `yaml`'s nodes: for a text the fast reader did not take, or no analysis of this text. */
function hoveredInYaml(text: string, offset: number): HoveredScalar | undefined {
  const source = yamlSourceOf(text);
  let hit: { scalar: Scalar; path: readonly unknown[]; key: string | undefined; isKey: boolean } | undefined;
  visit(source.doc, {
    Scalar(key, node, path) {
      if (!node.range || offset < node.range[0] || offset > node.range[1]) return undefined;
      const parent = path.at(-1);
      // The key of the pair this scalar is the value of, if any.
      const pairKey = isPair(parent) && parent.value === node && isScalar(parent.key) ? String(parent.key.value) : undefined;
      hit = { scalar: node, path, key: key === 'key' ? undefined : pairKey, isKey: key === 'key' };
      return visit.BREAK;
    },
  });
  if (!hit) return undefined;
  const { scalar, path, key, isKey } = hit;
  const dataTypeMap = path.find(
    (node, i) =>
      isMap(node) &&
      isSeq(path[i - 1]) &&
      isPair(path[i - 2]) &&
      isScalar((path[i - 2] as { key: Node }).key) &&
      (path[i - 2] as { key: Scalar }).key.value === 'dataTypes',
  );
  const entryRange = (dataTypeMap as Node | undefined)?.range;
  return {
    value: String(scalar.value),
    range: source.range(scalar.range![0], scalar.range![1]),
    above: keysAbove(path),
    key,
    isKey,
    inGuards: path.some((node) => isPair(node) && isScalar(node.key) && node.key.value === 'splitBrainGuards'),
    dataTypeEntry: entryRange ? [entryRange[0], entryRange[1]] : undefined,
    infrastructureEntry: entryOfInfrastructure(source, offset),
  };
}

export function hoverAt(text: string, offset: number, analysis: CatalogAnalysis = analyzeCatalog(text)): Hover | undefined {
  const fast = fastSourceOf(analysis, text);
  const hovered = fast ? hoveredInFastRead(fast, offset) : hoveredInYaml(text, offset);
  // The reasoning of the findings here: the Problems panel shows only their short messages.
  const why = analysis.findings
    .filter((f) => !isOfRule(f, 'recommendation') && f.range.offset[0] <= offset && offset <= f.range.offset[1])
    .flatMap((f) => [`**${f.ruleId}** ([rule page](${f.docsUrl})): ${f.detail}`, '']);
  if (!hovered)
    return why.length > 0
      ? { markdown: why.join('\n').trimEnd(), range: analysis.findings.find((f) => f.range.offset[0] <= offset && offset <= f.range.offset[1])!.range }
      : undefined;
  const { value, range, key, isKey, inGuards, dataTypeEntry: entryRange, infrastructureEntry } = hovered;
  // The data type the node belongs to, as the analysis reports it (its name range lies inside the entry).
  const owner = entryRange && analysis.report.dataTypes.find((dt) => entryRange[0] <= dt.nameRange.offset[0] && dt.nameRange.offset[1] <= entryRange[1]);
  let lines: string[] | undefined;
  if (infrastructureEntry !== undefined && !isKey && (key === undefined || key === 'path')) {
    lines = infrastructureMarkdown(value, infrastructureEntry, analysis);
  } else if (key === 'name' && entryRange && !inGuards) {
    const report = analysis.report.dataTypes.find((dt) => dt.name === value);
    if (report) lines = dataTypeMarkdown(report);
  } else if (key === 'store' && value in storeFacts) {
    lines = storeMarkdown(storeFacts[value as StoreId]);
    if (owner) lines.push('', verdictSentence(owner));
  } else if (inGuards && GUARD_TYPES.has(value) && !isKey && (key === undefined || key === 'type')) {
    lines = guardMarkdown(value as GuardType);
  } else {
    const { above } = hovered;
    const container = above.slice(0, -1);
    const listItem = above.at(-1) === '-';
    if (isKey) {
      const meaning = describeKey(container, value);
      if (meaning) lines = [`**${value}**: ${meaning}`];
    } else if (listItem && container.join('/') === 'dataTypes/-/resources') {
      lines = resourceMarkdown(value, analysis);
    } else if (namesRegion(container, listItem ? undefined : key)) {
      lines = regionMarkdown(value, analysis);
    } else {
      const meaning = describeValue(container, listItem ? undefined : key, value);
      if (meaning) lines = [`**${listItem ? value : `${key}: ${value}`}**: ${meaning}`];
      // What the category or topology means for this data type: the verdict, never the category's default.
      if (meaning && owner && !listItem && (key === 'category' || key === 'topology')) lines!.push('', verdictSentence(owner));
      if (meaning && owner && key === 'conflictResolution' && owner.writePath.lastWriterWins && (value === 'merge' || value === 'application')) {
        lines!.push(
          '',
          `On \`${owner.declaredStore}\` written in every Region, your application must merge: the store itself keeps the last writer of each item and drops the other write silently.`,
        );
      }
    }
  }
  if (why.length > 0) lines = [...why, ...(lines ? ['---', '', ...lines] : [])];
  return lines ? { markdown: lines.join('\n').trimEnd(), range } : undefined;
}
