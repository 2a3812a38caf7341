// Completion in a catalog, from the text and the cursor: keys with their descriptions, values
// with what each means (the recommended store first), the Regions the catalog declares, witness
// Regions in a witness guard, the rules that fire on the data type in `acceptedRisks`, and the
// guards' short and object forms. It reads lines and indentation rather than a parse, because the
// text being typed is rarely valid YAML; the analysis (the last good one) supplies the advice.
import type { CatalogAnalysis } from '../../model/types';
import { ancestorsAt, declaredRegions, itemName, siblingEntries, siblingKeys } from './cursor';
import { CATEGORIES } from '../../model/decisionTable';
import { STORE_IDS } from '../../model/storeFacts';
import { catalogSkeleton, entryTemplates, regionTemplate } from './entries';
import { sortKey, type CompletionItem, type InfrastructureCandidate, type Scope } from './items';
import { keysFor } from './keys';
import { contextOf, keysOtherGuardsTake } from './schema';
import { guardForms, regionNames, resourceNames, valuesFor, writeKinds } from './values';

export type { CompletionItem, InfrastructureCandidate } from './items';
export { describeKey } from './schema';
export { categoryText, describeValue } from './values';

export function completionsAt(
  text: string,
  offset: number,
  analysis?: CatalogAnalysis,
  infrastructure: readonly InfrastructureCandidate[] = [],
): CompletionItem[] {
  const items = completionsIn(text, offset, analysis, infrastructure);
  // In an empty file the whole skeleton comes before any one key.
  if (text.trim() !== '') return items;
  return [...completionsInEmptyFile(text, offset), ...items.map((item) => ({ ...item, sortText: `~${item.sortText}` }))];
}

/** What an empty YAML file that is not (yet) a catalog is offered: the whole catalog, and nothing else. */
export function completionsInEmptyFile(text: string, offset: number): CompletionItem[] {
  if (text.trim() !== '') return [];
  return [catalogSkeleton([offset - /[\w-]*$/.exec(text.slice(0, offset))![0].length, offset], STORE_IDS, CATEGORIES)];
}

function completionsIn(text: string, offset: number, analysis?: CatalogAnalysis, infrastructure: readonly InfrastructureCandidate[] = []): CompletionItem[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  if (/(^|\s)#/.test(before)) return [];
  const lines = text.split('\n');
  const row = text.slice(0, lineStart).split('\n').length - 1;
  const [, spaces, dashes, rest] = /^( *)((?:- +)*)(.*)$/.exec(before)!;
  const container = dashes ? [...ancestorsAt(lines, row, spaces.length), { key: '-', row }] : ancestorsAt(lines, row, spaces.length);
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
    return infrastructure
      .filter((candidate) => !listed.has(candidate.path))
      .map((candidate, rank) => ({
        label: candidate.path,
        kind: 'value' as const,
        insertText: candidate.path,
        detail: candidate.detail,
        documentation: `${candidate.detail}, relative to the catalog. CAP Advisor compares what it deploys with the catalog.`,
        sortText: sortKey(rank),
        range: replacing(prefix),
      }));
  }
  const flowSeq = /^([\w-]+) *: *\[([^\]]*)$/.exec(rest);
  if (flowSeq) {
    const [, key, inside] = flowSeq;
    const prefix = /([\w-]*)$/.exec(inside)![1];
    const listed = new Set(
      inside
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    );
    const context = contextOf([...path, key]);
    if (context === 'dataRegions') return regionNames(scope, listed, replacing(prefix));
    if (context === 'guards') return guardForms(scope, replacing(prefix));
    if (context === 'resources') return resourceNames(analysis, listed, replacing(prefix));
    if (context === 'writes') return writeKinds(listed, replacing(prefix));
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
  // Where a data type entry starts: a whole entry for each kind of data; where a Region starts, a Region.
  if (path.join('/') === 'dataTypes' && !dashes) return entryTemplates(lines, replacing(word[1]), false);
  if (path.join('/') === 'regions' && !dashes) return [regionTemplate(replacing(word[1]), false)];
  if (context === 'region' && dashes && siblingKeys(lines, row, keyCol, true).size === 0) {
    return [...keysFor(context, replacing(word[1]), new Set(), true), regionTemplate(replacing(word[1]), true)];
  }
  if (context === 'dataType' && dashes && siblingKeys(lines, row, keyCol, true).size === 0) {
    return [...keysFor(context, replacing(word[1]), new Set(), true), ...entryTemplates(lines, replacing(word[1]), true)];
  }
  // A new guard item is a short form or an object form; `type` starts a block object.
  if (dashes && context === 'guard')
    return [
      ...guardForms(scope, replacing(word[1])),
      ...keysFor('guard', replacing(word[1]), new Set(['ttl', 'region', 'approvers']), true).map((item) => ({ ...item, sortText: `z${item.sortText}` })),
    ];
  if (dashes && context !== 'region' && context !== 'dataType' && context !== 'acceptedRisk') {
    const list = contextOf(path.slice(0, -1));
    if (list === 'dataRegions') return regionNames(scope, new Set(), replacing(word[1]));
    if (list === 'guards') return guardForms(scope, replacing(word[1]));
    if (list === 'resources') return resourceNames(analysis, new Set(), replacing(word[1]));
    if (list === 'writes') return writeKinds(new Set(), replacing(word[1]));
    return [];
  }
  const siblings = siblingEntries(lines, row, keyCol, dashes.length > 0);
  // A guard is offered only the settings its type takes: a fencing lease has no witness Region.
  const notHere = context === 'guard' ? keysOtherGuardsTake(siblings.get('type')) : new Set<string>();
  return keysFor(context, replacing(word[1]), new Set([...siblings.keys(), ...notHere]), true);
}

/**
 * Whether the line at `offset` may be in the `infrastructure` list: only then does a shell search
 * the workspace for templates, modules and assemblies to offer.
 */
export function mayNameInfrastructure(text: string, offset: number): boolean {
  const lineAt = (start: number) => {
    const end = text.indexOf('\n', start);
    return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
  };
  let lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const line = lineAt(lineStart);
  if (/^infrastructure *:/.test(line)) return true;
  if (!/^\s+-/.test(line)) return false;
  while (lineStart > 0) {
    lineStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    const above = lineAt(lineStart);
    if (/^\S/.test(above) && !above.startsWith('#')) return /^infrastructure *:/.test(above);
  }
  return false;
}
