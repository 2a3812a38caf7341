// store-mismatch: the declared store's CAP position across Regions contradicts what the data type needs.
import { strict as assert } from 'node:assert';
import { analyzeCatalog } from '../../../src/engine/analyze';
import { STORE_IDS, storeFacts } from '../../../src/engine/model/storeFacts';
import type { StoreId } from '../../../src/engine/model/types';
import { ruleTester } from '../../helpers/ruleTester';
import { US_HEADER } from '../../helpers/catalogs';

const catalog = (name: string, category: string, store: string) => `${US_HEADER}dataTypes:
  - name: ${name}
    category: ${category}
    store: ${store}
`;

ruleTester('store-mismatch', {
  fires: [
    {
      name: "sessions (AP) on aurora-global (CP) (the docs' example)",
      catalog: catalog('sessions', 'session', 'aurora-global'),
      findings: [{ line: 15, message: "'sessions' needs AP, but aurora-global is CP: use dynamodb-global.", severity: 'warning' }],
      fixes: [
        { title: 'Set store to dynamodb-global (recommended)', output: catalog('sessions', 'session', 'dynamodb-global') },
        {
          title: 'Accept the risk (store-mismatch) with a reason',
          output: `${US_HEADER}dataTypes:
  - name: sessions
    category: session
    store: aurora-global
    acceptedRisks:
      - rule: store-mismatch
        reason: \${1:why the team accepts this, and where it was agreed}
`,
        },
      ],
    },
    {
      name: 'payments in two Regions on a single-Region dynamodb table',
      catalog: catalog('payments', 'transaction', 'dynamodb'),
      findings: [{ line: 15, message: "'payments' is in 2 Regions, but dynamodb lives in one: use dynamodb-global-strong." }],
      fixes: [
        { title: 'Set store to dynamodb-global-strong (recommended)', output: catalog('payments', 'transaction', 'dynamodb-global-strong') },
        { title: 'Set store to aurora-global (the alternative)', output: catalog('payments', 'transaction', 'aurora-global') },
        {
          title: 'Accept the risk (store-mismatch) with a reason',
          output: `${US_HEADER}dataTypes:
  - name: payments
    category: transaction
    store: dynamodb
    acceptedRisks:
      - rule: store-mismatch
        reason: \${1:why the team accepts this, and where it was agreed}
`,
        },
      ],
    },
    {
      name: 'payments (data of record) on a cache',
      catalog: catalog('payments', 'transaction', 'elasticache-global'),
      findings: [{ line: 15, message: "'payments' is data of record, but elasticache-global is a cache: use aurora-global." }],
      fixes: [
        { title: 'Set store to aurora-global (recommended)', output: catalog('payments', 'transaction', 'aurora-global') },
        { title: 'Set store to dynamodb-global-strong (the alternative)', output: catalog('payments', 'transaction', 'dynamodb-global-strong') },
        {
          title: 'Accept the risk (store-mismatch) with a reason',
          output: `${US_HEADER}dataTypes:
  - name: payments
    category: transaction
    store: elasticache-global
    acceptedRisks:
      - rule: store-mismatch
        reason: \${1:why the team accepts this, and where it was agreed}
`,
        },
      ],
    },
  ],
  silent: [
    { name: "sessions on dynamodb-global (the docs' Prefer)", catalog: catalog('sessions', 'session', 'dynamodb-global') },
    { name: 'payments on aurora-dsql: another CP store is fine', catalog: catalog('payments', 'transaction', 'aurora-dsql') },
    {
      name: 'payments on dynamodb-global written in one Region (AWS\'s "write to one Region")',
      catalog: catalog('payments', 'transaction', 'dynamodb-global'),
    },
    {
      name: "hot-hot inventory on aurora-global is single-writer-hot-hot's to say",
      catalog: `${US_HEADER}dataTypes:
  - name: inventory
    category: inventory
    topology: hot-hot
    store: aurora-global
`,
    },
    {
      name: 'payments on dynamodb in one Region',
      catalog: `${US_HEADER}dataTypes:
  - name: payments
    category: transaction
    regions: [us-east-1]
    store: dynamodb
`,
    },
  ],
});

describe('store-mismatch: each store in its own words', () => {
  // A message that describes a store quotes that store's row of the model: strong-mode DynamoDB, where every Region
  // that reaches a quorum writes, was once told it has "secondary Regions" that "cannot take writes" (Aurora's words).
  const cases: Array<[StoreId, string, string]> = [
    ['aurora-global', 'session', 'hot-warm'],
    ['dynamodb-global-strong', 'session', 'hot-warm'],
    ['aurora-dsql', 'session', 'hot-warm'],
    ['elasticache-global', 'session', 'hot-warm'],
    ['dynamodb-global', 'transaction', 'hot-hot'],
    ['s3', 'account', 'hot-warm'],
  ];
  for (const [store, category, topology] of cases) {
    it(`${store}: the detail says what its model row says about writes under a partition`, () => {
      const text = `${US_HEADER}dataTypes:\n  - name: data\n    category: ${category}\n    topology: ${topology}\n    store: ${store}\n    regions: [us-east-1, us-east-2]\n`;
      const finding = analyzeCatalog(text).findings.find((f) => f.ruleId === 'store-mismatch');
      assert.ok(finding, `no store-mismatch for ${category} on ${store}`);
      assert.ok(finding.detail.includes(storeFacts[store].partitionWrites.text), finding.detail);
      for (const other of STORE_IDS.filter((id) => storeFacts[id].partitionWrites.text !== storeFacts[store].partitionWrites.text)) {
        assert.ok(!finding.detail.includes(storeFacts[other].partitionWrites.text), `${store}'s detail tells ${other}'s behaviour`);
      }
    });
  }
});
