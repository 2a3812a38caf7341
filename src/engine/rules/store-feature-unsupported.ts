import { storeFacts } from '../model/storeFacts';
import type { StoreFeature, WriteKind } from '../model/types';
import { defineRule, named } from './rule';

/** Where a data type declares a use: its `writes` or its `features`. */
const FIELD_OF: Record<WriteKind | StoreFeature, 'writes' | 'features'> = {
  'idempotent-put': 'writes',
  'append-only': 'writes',
  'read-modify-write': 'writes',
  counter: 'writes',
  conditional: 'writes',
  transaction: 'writes',
  ttl: 'features',
  lsi: 'features',
  streams: 'features',
  'global-secondary-indexes': 'features',
};

export const storeFeatureUnsupported = defineRule({
  id: 'store-feature-unsupported',
  scope: 'dataType',
  defaultSeverity: 'error',
  description: 'A declared write or feature the store refuses (transactions, TTL or local secondary indexes on dynamodb-global-strong).',
  acceptable: false,
  check(dataType) {
    const { resolved } = dataType;
    if (!resolved.store) return [];
    const facts = storeFacts[resolved.store];
    const declared = [...(resolved.writes ?? []), ...(resolved.features ?? [])];
    return declared.flatMap((use) => {
      const refusal = facts.refuses[use];
      if (!refusal) return [];
      const field = FIELD_OF[use];
      const index = (field === 'writes' ? resolved.writes : resolved.features)?.indexOf(use as never) ?? -1;
      return [
        {
          at: dataType.at(field, index),
          message: `${named(resolved.name)} declares ${use}, which ${resolved.store} refuses.`,
          detail: `\`${resolved.name}\` declares \`${field}: [${use}]\`, but ${refusal.text} ([source](${refusal.source})). Keep the use on a store that has it (for DynamoDB, multi-Region eventual consistency written in one Region: \`store: dynamodb-global\` with \`writeMode: one-region\`), or change the design so it does not need it.`,
          suggestion: use,
        },
      ];
    });
  },
  fix(fixer) {
    // The verdict's store, as every finding of the data type offers it first: one data type, one first fix.
    fixer.setStore(true);
  },
});
