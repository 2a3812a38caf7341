// lww-loses-updates: non-idempotent writes (read-modify-write, counter, conditional, transaction) from several Regions on a last-writer-wins store.
import { ruleTester } from '../../helpers/ruleTester';
import { US_HEADER } from '../../helpers/catalogs';

const ACCEPT = `    acceptedRisks:
      - rule: lww-loses-updates
        reason: \${1:why the team accepts this, and where it was agreed}
`;

const pageViews = (store: string, extra = '') => `${US_HEADER}dataTypes:
  - name: page-views
    category: analytics
    topology: hot-hot
    store: ${store}
    conflictResolution: merge
    writes: [counter]
${extra}`;

const carts = (extra = '') => `${US_HEADER}dataTypes:
  - name: carts
    category: cart
    topology: hot-hot
    store: dynamodb-global
    writes: [conditional, transaction]
${extra}`;

const reports = (extra = '') => `${US_HEADER}dataTypes:
  - name: reports
    category: media
    topology: hot-hot
    store: s3
    writes: [read-modify-write]
${extra}`;

ruleTester('lww-loses-updates', {
  fires: [
    {
      name: "counter writes in two Regions on dynamodb-global, merge declared (the docs' example)",
      catalog: pageViews('dynamodb-global'),
      findings: [{ line: 18, message: "'page-views': last writer wins drops counter writes: pin items to Regions." }],
      fixes: [
        { title: 'Set writeMode: home-region (each item written in its home Region)', output: pageViews('dynamodb-global', '    writeMode: home-region\n') },
        {
          title: 'Make the topology hot-warm (one Region takes every write)',
          output: pageViews('dynamodb-global').replace('topology: hot-hot', 'topology: hot-warm'),
        },
        { title: 'Set store to dynamodb-global-strong (the alternative)', output: pageViews('dynamodb-global-strong') },
        { title: 'Accept the risk (lww-loses-updates) with a reason', output: pageViews('dynamodb-global', ACCEPT) },
      ],
    },
    {
      name: 'conditional writes and transactions: no strongly consistent store offered',
      catalog: carts(),
      findings: [{ line: 17, message: "'carts': last writer wins drops non-idempotent writes: pin items to Regions." }],
      fixes: [
        { title: 'Set writeMode: home-region (each item written in its home Region)', output: carts('    writeMode: home-region\n') },
        { title: 'Make the topology hot-warm (one Region takes every write)', output: carts().replace('topology: hot-hot', 'topology: hot-warm') },
        { title: 'Accept the risk (lww-loses-updates) with a reason', output: carts(ACCEPT) },
      ],
    },
    {
      name: 'read-modify-write on s3 written in every Region',
      catalog: reports(),
      findings: [{ line: 17, message: "'reports': last writer wins drops read-modify-write writes: pin items to Regions." }],
      fixes: [
        // Current behaviour: writeMode does not change who writes an s3 object, so the home-region fix does not silence the rule.
        { title: 'Set writeMode: home-region (each item written in its home Region)', output: reports('    writeMode: home-region\n') },
        { title: 'Make the topology hot-warm (one Region takes every write)', output: reports().replace('topology: hot-hot', 'topology: hot-warm') },
        { title: 'Accept the risk (lww-loses-updates) with a reason', output: reports(ACCEPT) },
      ],
    },
  ],
  silent: [
    { name: "each item written in its home Region (the docs' Prefer)", catalog: pageViews('dynamodb-global', '    writeMode: home-region\n') },
    { name: 'counters on dynamodb-global-strong', catalog: pageViews('dynamodb-global-strong') },
    {
      name: 'idempotent puts converge under last writer wins',
      catalog: `${US_HEADER}dataTypes:
  - name: carts
    category: cart
    topology: hot-hot
    store: dynamodb-global
    writes: [idempotent-put, append-only]
`,
    },
    { name: 'read-modify-write on s3 written in one Region (hot-warm)', catalog: reports().replace('hot-hot', 'hot-warm') },
  ],
});
