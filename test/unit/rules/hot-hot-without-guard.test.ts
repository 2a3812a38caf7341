// hot-hot-without-guard: data written in several Regions with nothing that keeps two Regions from both writing one item.
import { ruleTester } from '../../helpers/ruleTester';
import { headerWith, US_HEADER } from '../../helpers/catalogs';

const ACCEPT = (rule: string) => `    acceptedRisks:
      - rule: ${rule}
        reason: \${1:why the team accepts this, and where it was agreed}
`;

const inventory = (fields: string) => `${US_HEADER}dataTypes:
  - name: inventory
    category: inventory
${fields}`;

const carts = (fields: string) => `${US_HEADER}dataTypes:
  - name: carts
    category: cart
${fields}`;

const TWO_REGIONS = headerWith('shop', ['us-east-1', 'us-east-2']);
const dsqlInTwo = (header: string, topology: string, guards: string) => `${header}dataTypes:
  - name: inventory
    category: inventory
    topology: ${topology}
    store: aurora-dsql
    splitBrainGuards: ${guards}
`;

ruleTester('hot-hot-without-guard', {
  fires: [
    {
      name: "strong hot-hot inventory with no store and no guard (the docs' example): a voting store or a guard",
      catalog: inventory('    topology: hot-hot\n'),
      findings: [{ line: 15, message: "'inventory' is strong and hot-hot with no guard: use aurora-dsql or add a fencing lease.", severity: 'error' }],
      fixes: [
        {
          title: 'Add a split-brain guard: fencing lease',
          output: inventory('    topology: hot-hot\n    splitBrainGuards:\n      - { type: fencing-lease, ttl: 30s }\n'),
        },
        {
          title: 'Add a split-brain guard: witness Region us-west-2',
          output: inventory('    topology: hot-hot\n    splitBrainGuards:\n      - { type: witness-region, region: us-west-2 }\n'),
        },
        { title: 'Add a split-brain guard: quorum', output: inventory('    topology: hot-hot\n    splitBrainGuards:\n      - quorum\n') },
        { title: 'Make the topology hot-warm (one writer Region)', output: inventory('    topology: hot-warm\n') },
        { title: 'Accept the risk (hot-hot-without-guard) with a reason', output: inventory(`    topology: hot-hot\n${ACCEPT('hot-hot-without-guard')}`) },
      ],
    },
    {
      name: 'aurora-dsql in two Regions with no witness, behind human approval only: a new witness Region is offered, no quorum',
      catalog: dsqlInTwo(TWO_REGIONS, 'hot-hot', '[human-approval]'),
      findings: [{ line: 13, message: "'inventory' is strong and hot-hot with no split-brain guard: add a fencing lease." }],
      fixes: [
        { title: 'Add a split-brain guard: fencing lease', output: dsqlInTwo(TWO_REGIONS, 'hot-hot', '[human-approval, { type: fencing-lease, ttl: 30s }]') },
        {
          title: 'Add a witness Region (us-west-2) and a witness-region guard',
          output: dsqlInTwo(
            `${TWO_REGIONS}  - name: us-west-2\n    role: witness\n`,
            'hot-hot',
            '[human-approval, { type: witness-region, region: us-west-2 }]',
          ),
        },
        { title: 'Make the topology hot-warm (one writer Region)', output: dsqlInTwo(TWO_REGIONS, 'hot-warm', '[human-approval]') },
        {
          title: 'Accept the risk (hot-hot-without-guard) with a reason',
          output: `${dsqlInTwo(TWO_REGIONS, 'hot-hot', '[human-approval]')}${ACCEPT('hot-hot-without-guard')}`,
        },
      ],
    },
    {
      name: 'eventual carts on dynamodb-global that say neither writes nor conflictResolution: a warning asking to say so',
      catalog: carts('    topology: hot-hot\n    store: dynamodb-global\n'),
      findings: [{ line: 15, message: "'carts' is hot-hot, last writer wins: set conflictResolution or writes.", severity: 'warning' }],
      fixes: [
        {
          title: 'Set conflictResolution: last-writer-wins (what the store does)',
          output: carts('    topology: hot-hot\n    store: dynamodb-global\n    conflictResolution: last-writer-wins\n'),
        },
        {
          title: 'Declare writes: [idempotent-put] (puts that converge)',
          output: carts('    topology: hot-hot\n    store: dynamodb-global\n    writes: [idempotent-put]\n'),
        },
        {
          title: 'Add a split-brain guard: fencing lease',
          output: carts('    topology: hot-hot\n    store: dynamodb-global\n    splitBrainGuards:\n      - { type: fencing-lease, ttl: 30s }\n'),
        },
        { title: 'Make the topology hot-warm (one writer Region)', output: carts('    topology: hot-warm\n    store: dynamodb-global\n') },
        {
          title: 'Accept the risk (hot-hot-without-guard) with a reason',
          output: carts(`    topology: hot-hot\n    store: dynamodb-global\n${ACCEPT('hot-hot-without-guard')}`),
        },
      ],
    },
    {
      name: 'eventual carts with conflictResolution: none: merging comes first',
      catalog: carts('    topology: hot-hot\n    store: dynamodb-global\n    conflictResolution: none\n'),
      findings: [{ line: 15, message: "'carts' is hot-hot with no split-brain guard: say how copies merge (conflictResolution).", severity: 'error' }],
      fixes: [
        {
          title: 'Set conflictResolution: merge (diverging copies are merged on purpose)',
          output: carts('    topology: hot-hot\n    store: dynamodb-global\n    conflictResolution: merge\n'),
        },
        {
          title: 'Add a split-brain guard: fencing lease',
          output: carts(
            '    topology: hot-hot\n    store: dynamodb-global\n    conflictResolution: none\n    splitBrainGuards:\n      - { type: fencing-lease, ttl: 30s }\n',
          ),
        },
        {
          title: 'Make the topology hot-warm (one writer Region)',
          output: carts('    topology: hot-warm\n    store: dynamodb-global\n    conflictResolution: none\n'),
        },
        {
          title: 'Accept the risk (hot-hot-without-guard) with a reason',
          output: carts(`    topology: hot-hot\n    store: dynamodb-global\n    conflictResolution: none\n${ACCEPT('hot-hot-without-guard')}`),
        },
      ],
    },
  ],
  silent: [
    { name: "inventory on aurora-dsql with the us-west-2 witness (the docs' Prefer)", catalog: inventory('    topology: hot-hot\n    store: aurora-dsql\n') },
    { name: 'inventory with a fencing lease', catalog: inventory('    topology: hot-hot\n    splitBrainGuards:\n      - { type: fencing-lease, ttl: 30s }\n') },
    { name: 'carts whose copies merge', catalog: carts('    topology: hot-hot\n    store: dynamodb-global\n    conflictResolution: merge\n') },
    {
      name: 'carts written by idempotent puts (AWS\'s "write to any Region")',
      catalog: carts('    topology: hot-hot\n    store: dynamodb-global\n    writes: [idempotent-put]\n'),
    },
    {
      name: 'carts with each item written in its home Region',
      catalog: carts('    topology: hot-hot\n    store: dynamodb-global\n    writeMode: home-region\n'),
    },
  ],
});
