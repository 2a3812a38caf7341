// lww-on-strong-data: strong data resolved by last writer wins, declared or implied by dynamodb-global written in any Region.
import { ruleTester } from '../../helpers/ruleTester';
import { US_HEADER } from '../../helpers/catalogs';

const hotHotPayments = (fields: string) => `${US_HEADER}dataTypes:
  - name: payments
    category: transaction
    topology: hot-hot
${fields}`;

ruleTester('lww-on-strong-data', {
  fires: [
    {
      name: "hot-hot payments on dynamodb-global with last writer wins (the docs' example): one finding on each",
      catalog: hotHotPayments('    store: dynamodb-global\n    conflictResolution: last-writer-wins\n'),
      findings: [
        { line: 16, message: "'payments' is strong; its last writer wins: use dynamodb-global-strong." },
        { line: 17, message: "'payments' is strong; last writer wins: set conflictResolution: none." },
      ],
      fixes: [
        {
          title: 'Set store to dynamodb-global-strong (recommended)',
          output: hotHotPayments('    store: dynamodb-global-strong\n    conflictResolution: last-writer-wins\n'),
        },
        { title: 'Set store to aurora-dsql (the alternative)', output: hotHotPayments('    store: aurora-dsql\n    conflictResolution: last-writer-wins\n') },
        {
          title: 'Accept the risk (lww-on-strong-data) with a reason',
          output: hotHotPayments(`    store: dynamodb-global
    conflictResolution: last-writer-wins
    acceptedRisks:
      - rule: lww-on-strong-data
        reason: \${1:why the team accepts this, and where it was agreed}
`),
        },
      ],
    },
    {
      name: 'hot-hot payments on dynamodb-global: the store implies last writer wins',
      catalog: hotHotPayments('    store: dynamodb-global\n'),
      findings: [{ line: 16, message: "'payments' is strong; its last writer wins: use dynamodb-global-strong." }],
      fixes: [
        { title: 'Set store to dynamodb-global-strong (recommended)', output: hotHotPayments('    store: dynamodb-global-strong\n') },
        { title: 'Set store to aurora-dsql (the alternative)', output: hotHotPayments('    store: aurora-dsql\n') },
        {
          title: 'Accept the risk (lww-on-strong-data) with a reason',
          output: hotHotPayments(`    store: dynamodb-global
    acceptedRisks:
      - rule: lww-on-strong-data
        reason: \${1:why the team accepts this, and where it was agreed}
`),
        },
      ],
    },
    {
      name: 'declared last writer wins fires in one Region too',
      catalog: `${US_HEADER}dataTypes:
  - name: payments
    category: transaction
    regions: [us-east-1]
    conflictResolution: last-writer-wins
`,
      findings: [{ line: 16, message: "'payments' is strong; last writer wins: set conflictResolution: none." }],
      fixes: [
        {
          title: 'Set conflictResolution: none',
          output: `${US_HEADER}dataTypes:
  - name: payments
    category: transaction
    regions: [us-east-1]
    conflictResolution: none
`,
        },
        {
          title: 'Accept the risk (lww-on-strong-data) with a reason',
          output: `${US_HEADER}dataTypes:
  - name: payments
    category: transaction
    regions: [us-east-1]
    conflictResolution: last-writer-wins
    acceptedRisks:
      - rule: lww-on-strong-data
        reason: \${1:why the team accepts this, and where it was agreed}
`,
        },
      ],
    },
  ],
  silent: [
    {
      name: "payments on aurora-global with conflictResolution: none (the docs' Prefer)",
      catalog: `${US_HEADER}dataTypes:
  - name: payments
    category: transaction
    store: aurora-global
    conflictResolution: none
`,
    },
    { name: 'hot-hot payments on dynamodb-global-strong', catalog: hotHotPayments('    store: dynamodb-global-strong\n') },
    {
      name: 'hot-warm payments on dynamodb-global, written in one Region',
      catalog: `${US_HEADER}dataTypes:
  - name: payments
    category: transaction
    store: dynamodb-global
`,
    },
    {
      name: 'hot-hot payments on dynamodb-global, each item written in its home Region',
      catalog: hotHotPayments('    store: dynamodb-global\n    writeMode: home-region\n'),
    },
    {
      name: 'eventual carts with last writer wins',
      catalog: `${US_HEADER}dataTypes:
  - name: carts
    category: cart
    topology: hot-hot
    store: dynamodb-global
    conflictResolution: last-writer-wins
`,
    },
  ],
});
