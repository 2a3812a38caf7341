import { storeFacts } from '../model/storeFacts';
import { defineRule, named } from './rule';

/** What the store's writes do under a partition (its model row), and why that fails this data type's need. */
const whatGoesWrong = (store: keyof typeof storeFacts, need: 'CP' | 'AP'): string =>
  `${storeFacts[store].partitionWrites.text}, ${need === 'CP' ? 'which strong data cannot afford' : 'although slightly old data would have done'}`;

export const storeMismatch = defineRule({
  id: 'store-mismatch',
  scope: 'dataType',
  readsTheNeed: true,
  defaultSeverity: 'warning',
  description: "The declared store's CAP position contradicts the data type's need.",
  acceptable: true,
  check(dataType) {
    const { resolved, verdict: rec } = dataType;
    // One writer Region for hot-hot data is single-writer-hot-hot's to say; a refused use, store-feature-unsupported's.
    if (!resolved.multiRegion || !resolved.store || rec.storeFits || rec.misfitKind === 'one-writer' || rec.misfitKind === 'refused') return [];
    const facts = storeFacts[resolved.store];
    const position = facts.position.value;
    if (rec.misfitKind === 'not-served') {
      return [
        {
          at: dataType.at('store'),
          message: `${named(resolved.name)} is data of record, but ${resolved.store} is a cache: use ${rec.store}.`,
          detail: `\`${resolved.name}\` is ${resolved.consistency} data of record, but ${rec.misfit}: a cache is rebuilt from its source, and a Region's loss or a failover can drop what it held. Use \`${rec.store}\`${rec.alternative ? ` (or \`${rec.alternative}\`)` : ''}.`,
        },
      ];
    }
    const orAlternative = rec.alternative ? ` (or, also ${rec.cap}, \`${rec.alternative}\`)` : '';
    const message =
      position === null
        ? `${named(resolved.name)} is in ${resolved.regions.length} Regions, but ${resolved.store} lives in one: use ${rec.store}.`
        : `${named(resolved.name)} needs ${rec.cap}, but ${resolved.store} is ${position}: use ${rec.store}.`;
    const detail =
      position === null
        ? `\`${resolved.name}\` is in ${resolved.regions.length} Regions, but \`${resolved.store}\` (${facts.product}) lives in one Region and has no cross-Region position. Use \`${rec.store}\` (${rec.cap}).`
        : `\`${resolved.name}\` needs ${rec.cap}, but \`${resolved.store}\` is ${position} across Regions (${facts.position.text}): ${whatGoesWrong(resolved.store, rec.cap === 'CP' ? 'CP' : 'AP')}. Use \`${rec.store}\`${orAlternative}.`;
    return [{ at: dataType.at('store'), message, detail }];
  },
  fix(fixer) {
    fixer.setStore(true);
  },
});
