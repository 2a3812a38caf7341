// single-writer-hot-hot: hot-hot data on a store where only the primary Region takes writes.
import { ruleTester } from '../../helpers/ruleTester';
import { US_HEADER } from '../../helpers/catalogs';

const ACCEPT = `    acceptedRisks:
      - rule: single-writer-hot-hot
        reason: \${1:why the team accepts this, and where it was agreed}
`;

const inventory = (topology: string, store: string) => `${US_HEADER}dataTypes:
  - name: inventory
    category: inventory
    topology: ${topology}
    store: ${store}
    splitBrainGuards:
      - { type: fencing-lease, ttl: 30s }
`;

const sessions = (topology: string, store: string) => `${US_HEADER}dataTypes:
  - name: sessions
    category: session
    topology: ${topology}
    store: ${store}
`;

ruleTester('single-writer-hot-hot', {
  fires: [
    {
      name: "hot-hot inventory on aurora-global (the docs' example)",
      catalog: inventory('hot-hot', 'aurora-global'),
      findings: [{ line: 16, message: "'inventory' is hot-hot; aurora-global has one writer: use aurora-dsql." }],
      fixes: [
        { title: 'Set store to aurora-dsql (recommended)', output: inventory('hot-hot', 'aurora-dsql') },
        { title: 'Set store to dynamodb-global-strong (the alternative)', output: inventory('hot-hot', 'dynamodb-global-strong') },
        { title: 'Make the topology hot-warm (one writer Region)', output: inventory('hot-warm', 'aurora-global') },
        { title: 'Accept the risk (single-writer-hot-hot) with a reason', output: inventory('hot-hot', 'aurora-global') + ACCEPT },
      ],
    },
    {
      name: 'hot-hot sessions on elasticache-global: the store fix names the finding it then raises',
      catalog: sessions('hot-hot', 'elasticache-global'),
      findings: [{ line: 16, message: "'sessions' is hot-hot; elasticache-global has one writer: use dynamodb-global." }],
      fixes: [
        { title: 'Set store to dynamodb-global (recommended) (then hot-hot-without-guard)', output: sessions('hot-hot', 'dynamodb-global') },
        { title: 'Make the topology hot-warm (one writer Region)', output: sessions('hot-warm', 'elasticache-global') },
        { title: 'Accept the risk (single-writer-hot-hot) with a reason', output: sessions('hot-hot', 'elasticache-global') + ACCEPT },
      ],
    },
  ],
  silent: [
    { name: "hot-hot inventory on aurora-dsql (the docs' Prefer)", catalog: inventory('hot-hot', 'aurora-dsql') },
    { name: 'hot-warm inventory on aurora-global', catalog: inventory('hot-warm', 'aurora-global') },
    {
      name: 'hot-hot inventory on aurora-global in one Region',
      catalog: `${US_HEADER}dataTypes:
  - name: inventory
    category: inventory
    topology: hot-hot
    regions: [us-east-1]
    store: aurora-global
`,
    },
  ],
});
