// unguarded-automatic-failover: automatic failover across Regions with nothing (lease, witness, quorum) to stop the old primary writing.
import { ruleTester } from '../../helpers/ruleTester';
import { US_HEADER } from '../../helpers/catalogs';

const MESSAGE = (name: string) => `'${name}' fails over automatically, unguarded: go manual.`;

const payments = `${US_HEADER}dataTypes:
  - name: payments
    category: transaction
    store: aurora-global
    failover: automatic
`;

const carts = `${US_HEADER}dataTypes:
  - name: carts
    category: cart
    store: dynamodb-global
    topology: hot-hot
    conflictResolution: merge
    failover: automatic
    splitBrainGuards:
      - { type: witness-region, region: us-west-2 }
`;

const fromDefaults = `${US_HEADER}defaults:
  failover: automatic
dataTypes:
  - name: payments
    category: transaction
    store: aurora-global
  - name: ledger
    category: transaction
    store: aurora-global
    failover: manual
`;

const leaseInEventualStore = `${US_HEADER}dataTypes:
  - name: payments
    category: transaction
    store: aurora-global
    failover: automatic
    splitBrainGuards:
      - { type: fencing-lease, ttl: 30s, leaseStore: dynamodb-global }
`;

ruleTester('unguarded-automatic-failover', {
  fires: [
    {
      name: 'eventual counters on dynamodb-global still fire: last writer wins loses increments',
      catalog: `${US_HEADER}dataTypes:
  - name: preferences
    category: preference
    store: dynamodb-global
    failover: automatic
    writes: [counter]
`,
      findings: [{ line: 16, message: "'preferences' fails over automatically, unguarded: go manual." }],
    },
    {
      name: 'aurora-global failing over automatically with no guard: each guard, manual failover, or accept',
      catalog: payments,
      findings: [{ line: 16, message: MESSAGE('payments') }],
      fixes: [
        {
          title: 'Add a split-brain guard: fencing lease',
          output: `${US_HEADER}dataTypes:
  - name: payments
    category: transaction
    store: aurora-global
    failover: automatic
    splitBrainGuards:
      - { type: fencing-lease, ttl: 30s }
`,
        },
        {
          title: 'Add a split-brain guard: witness Region us-west-2',
          output: `${US_HEADER}dataTypes:
  - name: payments
    category: transaction
    store: aurora-global
    failover: automatic
    splitBrainGuards:
      - { type: witness-region, region: us-west-2 }
`,
        },
        {
          title: 'Add a split-brain guard: quorum',
          output: `${US_HEADER}dataTypes:
  - name: payments
    category: transaction
    store: aurora-global
    failover: automatic
    splitBrainGuards:
      - quorum
`,
        },
        {
          title: 'Switch failover to manual',
          output: `${US_HEADER}dataTypes:
  - name: payments
    category: transaction
    store: aurora-global
    failover: manual
`,
        },
        {
          title: 'Accept the risk (unguarded-automatic-failover) with a reason',
          output: `${US_HEADER}dataTypes:
  - name: payments
    category: transaction
    store: aurora-global
    failover: automatic
    acceptedRisks:
      - rule: unguarded-automatic-failover
        reason: \${1:why the team accepts this, and where it was agreed}
`,
        },
      ],
    },
    {
      name: 'a witness guard on hot-hot dynamodb-global stops no Region: only the fencing lease is offered, after the witness',
      catalog: carts,
      findings: [{ line: 18, message: MESSAGE('carts') }],
      fixes: [
        {
          title: 'Add a split-brain guard: fencing lease',
          output: `${US_HEADER}dataTypes:
  - name: carts
    category: cart
    store: dynamodb-global
    topology: hot-hot
    conflictResolution: merge
    failover: automatic
    splitBrainGuards:
      - { type: witness-region, region: us-west-2 }
      - { type: fencing-lease, ttl: 30s }
`,
        },
        {
          title: 'Switch failover to manual',
          output: `${US_HEADER}dataTypes:
  - name: carts
    category: cart
    store: dynamodb-global
    topology: hot-hot
    conflictResolution: merge
    failover: manual
    splitBrainGuards:
      - { type: witness-region, region: us-west-2 }
`,
        },
        {
          title: 'Accept the risk (unguarded-automatic-failover) with a reason',
          output: `${US_HEADER}dataTypes:
  - name: carts
    category: cart
    store: dynamodb-global
    topology: hot-hot
    conflictResolution: merge
    failover: automatic
    splitBrainGuards:
      - { type: witness-region, region: us-west-2 }
    acceptedRisks:
      - rule: unguarded-automatic-failover
        reason: \${1:why the team accepts this, and where it was agreed}
`,
        },
      ],
    },
    {
      name: 'failover: automatic from defaults: the finding is on the data type, and manual is written on it',
      catalog: fromDefaults,
      findings: [{ line: 15, message: MESSAGE('payments') }],
      fixes: [
        {
          title: 'Add a split-brain guard: fencing lease',
          output: `${US_HEADER}defaults:
  failover: automatic
dataTypes:
  - name: payments
    category: transaction
    store: aurora-global
    splitBrainGuards:
      - { type: fencing-lease, ttl: 30s }
  - name: ledger
    category: transaction
    store: aurora-global
    failover: manual
`,
        },
        {
          title: 'Add a split-brain guard: witness Region us-west-2',
          output: `${US_HEADER}defaults:
  failover: automatic
dataTypes:
  - name: payments
    category: transaction
    store: aurora-global
    splitBrainGuards:
      - { type: witness-region, region: us-west-2 }
  - name: ledger
    category: transaction
    store: aurora-global
    failover: manual
`,
        },
        {
          title: 'Add a split-brain guard: quorum',
          output: `${US_HEADER}defaults:
  failover: automatic
dataTypes:
  - name: payments
    category: transaction
    store: aurora-global
    splitBrainGuards:
      - quorum
  - name: ledger
    category: transaction
    store: aurora-global
    failover: manual
`,
        },
        {
          title: 'Switch failover to manual',
          output: `${US_HEADER}defaults:
  failover: automatic
dataTypes:
  - name: payments
    category: transaction
    store: aurora-global
    failover: manual
  - name: ledger
    category: transaction
    store: aurora-global
    failover: manual
`,
        },
        {
          title: 'Accept the risk (unguarded-automatic-failover) with a reason',
          output: `${US_HEADER}defaults:
  failover: automatic
dataTypes:
  - name: payments
    category: transaction
    store: aurora-global
    acceptedRisks:
      - rule: unguarded-automatic-failover
        reason: \${1:why the team accepts this, and where it was agreed}
  - name: ledger
    category: transaction
    store: aurora-global
    failover: manual
`,
        },
      ],
    },
    {
      name: 'a fencing lease kept in an eventually consistent store enforces nothing',
      catalog: leaseInEventualStore,
      findings: [{ line: 16, message: MESSAGE('payments') }],
    },
  ],
  silent: [
    {
      // Writes that cannot conflict do not split: exempt as immutable data is.
      name: 'eventual idempotent puts on dynamodb-global, where every Region writes anyway',
      catalog: `${US_HEADER}dataTypes:
  - name: preferences
    category: preference
    store: dynamodb-global
    failover: automatic
    writes: [idempotent-put]
`,
    },
    {
      name: 'a fencing lease guards the automatic failover (the first fix)',
      catalog: `${US_HEADER}dataTypes:
  - name: payments
    category: transaction
    store: aurora-global
    failover: automatic
    splitBrainGuards:
      - { type: fencing-lease, ttl: 30s }
`,
    },
    { name: 'a manual failover', catalog: payments.replace('failover: automatic', 'failover: manual') },
    {
      name: 'dynamodb-global-strong with two Regions and a witness refuses writes in a cut-off Region by itself',
      catalog: `${US_HEADER}dataTypes:
  - name: orders
    category: transaction
    store: dynamodb-global-strong
    failover: automatic
`,
    },
    {
      name: 'immutable data (audit records, by their category) cannot conflict, whichever side writes',
      catalog: `${US_HEADER}dataTypes:
  - name: audit-trail
    category: audit
    store: s3
    failover: automatic
`,
    },
    {
      name: 'one Region has nothing to fail over to',
      catalog: `${US_HEADER}dataTypes:
  - name: payments
    category: transaction
    store: aurora-global
    regions: [us-east-1]
    failover: automatic
`,
    },
  ],
});
