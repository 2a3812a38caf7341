// Keys: those the schema allows where the cursor is and that are not written yet, block keys with
// their first child.
import { CATEGORIES } from '../../model/decisionTable';
import { sortKey, type CompletionItem } from './items';
import { KEYS_OF, markdownOf, resolved, type Context } from './schema';

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
  // Block lists: their items are offered where an item starts (the linked resources, the templates and folders).
  resources: 'resources:\n  - ${1}',
  infrastructure: 'infrastructure:\n  - ${1}',
  acceptedRisks: 'acceptedRisks:\n  - rule: ${1}\n    reason: ${2:why the team accepts this, and where it was agreed}',
};
/** Keys whose value (or first item) the list can offer at once. */
const RETRIGGER = new Set([
  'category',
  'consistency',
  'cap',
  'topology',
  'store',
  'conflictResolution',
  'immutable',
  'failover',
  'role',
  'type',
  'rule',
  'region',
  'stalenessBudget',
  'rpo',
  'rto',
  'ttl',
  'writeMode',
  'leaseStore',
  'resources',
  'infrastructure',
]);
const LIST_KEYS = new Set(['resources', 'infrastructure']);

/** `block`: on a line of its own, where a key may open a nested block; in a flow mapping it may not. */
export function keysFor(context: Context, range: [number, number], written: Set<string>, block: boolean): CompletionItem[] {
  const keys = KEYS_OF[context];
  if (!keys) return [];
  return Object.entries(keys)
    .filter(([key]) => !written.has(key))
    .map(([key, node], rank) => {
      const snippet = block ? KEY_SNIPPETS[context === 'root' && key === 'regions' ? 'root/regions' : key] : undefined;
      return {
        label: key,
        kind: 'key',
        insertText: snippet ?? `${key}: `,
        ...(snippet && snippet.includes('$') ? { snippet: true } : {}),
        documentation: markdownOf(resolved(node)) ?? '',
        sortText: sortKey(rank),
        ...(RETRIGGER.has(key) && (!snippet || LIST_KEYS.has(key)) ? { retrigger: true } : {}),
        range,
      };
    });
}
