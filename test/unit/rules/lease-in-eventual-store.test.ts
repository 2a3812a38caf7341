// lease-in-eventual-store: a fencing lease kept in an eventually consistent multi-Region store (dynamodb-global, s3), where it fences nothing.
import { ruleTester } from '../../helpers/ruleTester';
import { US_HEADER } from '../../helpers/catalogs';

const ACCEPT = `    acceptedRisks:
      - rule: lease-in-eventual-store
        reason: \${1:why the team accepts this, and where it was agreed}
`;

const orders = (lease: string) => `${US_HEADER}dataTypes:
  - name: orders
    category: transaction
    store: aurora-global
    failover: automatic
    splitBrainGuards:
      - ${lease}
`;

const fromDefaults = (ordersName: string) => `${US_HEADER}defaults:
  splitBrainGuards:
    - { type: fencing-lease, ttl: 30s, leaseStore: s3 }
dataTypes:
  - name: ${ordersName}
    category: transaction
    store: aurora-global
  - name: ledger
    category: transaction
    store: aurora-global
`;

ruleTester('lease-in-eventual-store', {
  fires: [
    {
      name: "a lease in dynamodb-global (the docs' example)",
      catalog: orders('{ type: fencing-lease, ttl: 30s, leaseStore: dynamodb-global }'),
      findings: [{ line: 18, message: "'orders': a lease in dynamodb-global fences nothing: keep it in dynamodb-global-strong." }],
      fixes: [
        { title: 'Keep the lease in dynamodb-global-strong', output: orders('{ type: fencing-lease, ttl: 30s, leaseStore: dynamodb-global-strong }') },
        {
          title: 'Accept the risk (lease-in-eventual-store) with a reason',
          output: orders('{ type: fencing-lease, ttl: 30s, leaseStore: dynamodb-global }') + ACCEPT,
        },
      ],
    },
    {
      name: 'a lease in s3 from defaults: one finding per data type, on its name',
      catalog: fromDefaults('orders'),
      findings: [
        { line: 16, message: "'orders': a lease in s3 fences nothing: keep it in dynamodb-global-strong." },
        { line: 19, message: "'ledger': a lease in s3 fences nothing: keep it in dynamodb-global-strong." },
      ],
      fixes: [
        // The finding sits on the data type's name; the fix moves the lease where it is written, in `defaults`
        // (it once replaced the name, renaming the data type).
        {
          title: 'Keep the lease in dynamodb-global-strong (in defaults, for every data type that inherits it)',
          output: fromDefaults('orders').replace('leaseStore: s3 }', 'leaseStore: dynamodb-global-strong }'),
        },
        {
          title: 'Accept the risk (lease-in-eventual-store) with a reason',
          output: `${US_HEADER}defaults:
  splitBrainGuards:
    - { type: fencing-lease, ttl: 30s, leaseStore: s3 }
dataTypes:
  - name: orders
    category: transaction
    store: aurora-global
${ACCEPT}  - name: ledger
    category: transaction
    store: aurora-global
`,
        },
      ],
    },
  ],
  silent: [
    {
      name: "the lease in dynamodb-global-strong (the docs' Prefer)",
      catalog: orders('{ type: fencing-lease, ttl: 30s, leaseStore: dynamodb-global-strong }'),
    },
    { name: 'a lease that does not say where it lives', catalog: orders('{ type: fencing-lease, ttl: 30s }') },
    { name: 'a lease on the primary of aurora-global', catalog: orders('{ type: fencing-lease, ttl: 30s, leaseStore: aurora-global }') },
  ],
});
