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
  description:
    'A declared write, feature or recovery operation the store refuses or does not offer (transactions, TTL or local secondary indexes on dynamodb-global-strong; a switchover of an RDS read replica).',
  acceptable: false,
  check(dataType) {
    const { resolved } = dataType;
    if (!resolved.store) return [];
    const facts = storeFacts[resolved.store];
    const declared = [...(resolved.writes ?? []), ...(resolved.features ?? [])];
    const operation = resolved.recovery?.operation;
    // A runbook built on an operation the store does not have fails when it is needed.
    const recovery =
      operation && resolved.multiRegion && !facts.recovery.value.includes(operation)
        ? [
            {
              at: dataType.at('recovery', 'operation'),
              message: `${named(resolved.name)} recovers by ${operation}, which ${resolved.store} does not offer.`,
              detail: `\`${resolved.name}\` declares \`recovery: { operation: ${operation} }\`, but \`${resolved.store}\` (${facts.product}) offers ${
                facts.recovery.value.length > 0 ? facts.recovery.value.map((op) => `\`${op}\``).join(', ') : 'no recovery operation'
              }: ${facts.recovery.text} ([source](${facts.recovery.source})). Build the runbook on what the store offers.`,
              suggestion: facts.recovery.value[0],
            },
          ]
        : [];
    return [
      ...recovery,
      ...declared.flatMap((use) => {
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
      }),
    ];
  },
  fix(fixer) {
    // The verdict's store, as every finding of the data type offers it first: one data type, one first fix.
    fixer.setStore(true);
  },
});
