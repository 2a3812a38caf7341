// "Add Data Type": the decision questions' answers become a complete catalog entry with the
// recommended store and the guards its topology needs, inserted at the end of `dataTypes` in the
// file's style, so that the new entry raises no error in the catalog it joins.
import { isMap, isSeq, type YAMLSeq } from 'yaml';
import { categoryNeeds, recommend } from '../model/decisionTable';
import { parseDuration } from '../read/durations';
import { EditableCatalog, flowYaml, type TextEdit } from '../edit/yamlEdits';
import type { CatalogAnalysis, Category, Recommendation, ResolvedDataType } from '../model/types';

export interface DataTypeAnswers {
  name: string;
  /** Asked first. A category other than `other` answers the consistency and immutability questions. */
  category?: Category;
  /** Is wrong data worse than no data? Yes: strong. Asked for `other` only. */
  wrongWorseThanMissing?: boolean;
  /** Must several Regions take writes? Yes: hot-hot. */
  multiRegionWrites: boolean;
  /** Written once, never updated? Asked for `other` only. */
  immutable?: boolean;
  /** How stale may a read in another Region be (a duration such as `1s`)? */
  stalenessBudget?: string;
}

export type CatalogEntry = Record<string, string | boolean | Array<string | Record<string, string>>>;

export function dataTypeEntry(answers: DataTypeAnswers, analysis: CatalogAnalysis): { entry: CatalogEntry; recommendation: Recommendation } {
  const regions = analysis.report.regions;
  const witnesses = regions.filter((r) => r.role === 'witness').map((r) => r.name);
  const dataRegions = regions.filter((r) => r.role !== 'witness').map((r) => r.name);
  const known = answers.category && answers.category !== 'other' ? categoryNeeds[answers.category] : undefined;
  const consistency = known?.consistency ?? (answers.wrongWorseThanMissing ? 'strong' : 'eventual');
  const immutable = known?.immutable ?? answers.immutable ?? false;
  const multiRegion = dataRegions.length >= 2;
  const topology = !multiRegion ? 'single-region' : answers.multiRegionWrites ? 'hot-hot' : 'hot-warm';
  const resolved: ResolvedDataType = {
    name: answers.name,
    category: answers.category ?? 'other',
    consistency,
    immutable,
    topology,
    regions: dataRegions,
    multiRegion,
    stalenessBudgetMs: parseDuration(answers.stalenessBudget),
    splitBrainGuards: [],
    writeMode: topology === 'hot-hot' ? 'any-region' : 'one-region',
  };
  const voters = new Set([...dataRegions, ...witnesses]).size;
  const recommendation = recommend(resolved, voters);

  const entry: CatalogEntry = { name: answers.name, category: answers.category ?? 'other' };
  // `other` takes its consistency and immutability from the entry itself.
  if (!known) {
    entry.consistency = consistency;
    entry.immutable = immutable;
  }
  entry.topology = topology;
  entry.cap = recommendation.cap;
  entry.store = recommendation.store;
  if (answers.stalenessBudget) entry.stalenessBudget = answers.stalenessBudget;
  if (topology === 'hot-hot' && !immutable) {
    if (consistency === 'eventual') {
      entry.conflictResolution = 'merge';
    } else {
      const witness = witnesses.find((w) => !dataRegions.includes(w));
      entry.splitBrainGuards = witness
        ? [{ type: 'witness-region', region: witness }, 'quorum']
        : voters >= 3
          ? ['quorum']
          : [{ type: 'fencing-lease', ttl: '30s' }];
    }
  }
  return { entry, recommendation };
}

/**
 * Inserts the entry at the end of `dataTypes` as the list is written: a flow entry in a flow
 * list; otherwise block YAML (lists as block sequences, indented as the file indents them),
 * separated from the entry before by a blank line when the entries are.
 */
export function insertDataType(text: string, entry: CatalogEntry): TextEdit {
  const catalog = new EditableCatalog(text);
  const fields = Object.entries(entry);
  const flowEntry = `{ ${fields.map(([k, v]) => `${k}: ${flowYaml(v)}`).join(', ')} }`;
  const list = catalog.doc.get('dataTypes', true) as YAMLSeq | undefined;
  const step = ' '.repeat(catalog.sequenceIndentStep());
  const blockField = (keyIndent: string, [key, value]: [string, CatalogEntry[string]]) =>
    Array.isArray(value)
      ? [`${keyIndent}${key}:`, ...value.map((item) => `${keyIndent}${step}- ${flowYaml(item)}`)].join('\n')
      : `${keyIndent}${key}: ${flowYaml(value)}`;
  if (isSeq(list)) {
    const last = list.items.at(-1);
    if (list.flow || (last && isMap(last) && last.flow)) return catalog.appendItem(list, flowEntry);
    const [before, previous] = [list.items.at(-2), last] as Array<{ range?: [number, number, number] } | undefined>;
    // A blank line between the last two entries (from the line where the one before ends).
    const gap = before?.range && previous?.range ? text.slice(text.lastIndexOf('\n', before.range[1] - 1) + 1, previous.range[0]) : '';
    const separated = gap
      .split('\n')
      .slice(0, -1)
      .some((line) => line.trim() === '');
    return catalog.appendItem(list, '', (itemIndent) => {
      const keyIndent = `${itemIndent}  `;
      const lines = fields.map((field, i) => (i === 0 ? blockField(`${itemIndent}- `, field) : blockField(keyIndent, field))).join('\n');
      return separated ? `\n${lines}` : lines;
    });
  }
  // No list yet (or `dataTypes:` with nothing after it): add one at the end of the document.
  const root = catalog.doc.contents;
  const blockFields = fields.map(([k, v], i) => `${i === 0 ? '  - ' : '    '}${k}: ${flowYaml(v)}`).join('\n');
  if (isMap(root) && !root.flow) {
    const existing = catalog.pair(root, 'dataTypes');
    if (existing) {
      const at = catalog.endOfLastLine(existing.key as never);
      return catalog.insertLines(at, blockFields);
    }
    return catalog.insertLines(text.length, `dataTypes:\n${blockFields}`);
  }
  throw new Error('the catalog is not a block mapping');
}
