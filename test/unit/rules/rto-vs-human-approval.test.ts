// rto-vs-human-approval: a recovery time shorter than a person takes to approve a failover.
import { ruleTester } from '../../helpers/ruleTester';
import { US_HEADER } from '../../helpers/catalogs';

const catalog = (rto: string, guards = '[human-approval]') => `${US_HEADER}dataTypes:
  - name: auth-tokens
    category: authorization
    store: aurora-global
    rto: ${rto}
    splitBrainGuards: ${guards}
`;

const fromDefaults = (rto: string, extra = '') => `${US_HEADER}defaults:
  splitBrainGuards: [human-approval]
dataTypes:
  - name: accounts
    category: account
    store: aurora
    regions: [us-east-1]
    rto: ${rto}
${extra}`;

ruleTester('rto-vs-human-approval', {
  fires: [
    {
      name: 'a 5 minute RTO behind human approval: raise it to 10m, or accept',
      catalog: catalog('5m'),
      findings: [{ line: 16, message: "'auth-tokens' has rto 5 min; approval adds 5 to 10 min: raise it to 10m." }],
      fixes: [
        { title: 'Set rto: 10m (time for a person to approve)', output: catalog('10m') },
        {
          title: 'Accept the risk (rto-vs-human-approval) with a reason',
          output: `${US_HEADER}dataTypes:
  - name: auth-tokens
    category: authorization
    store: aurora-global
    rto: 5m
    splitBrainGuards: [human-approval]
    acceptedRisks:
      - rule: rto-vs-human-approval
        reason: \${1:why the team accepts this, and where it was agreed}
`,
        },
      ],
    },
    {
      name: 'a guard from defaults, in one Region: the rule counts Regions not at all',
      catalog: fromDefaults('2m'),
      findings: [{ line: 19, message: "'accounts' has rto 2 min; approval adds 5 to 10 min: raise it to 10m." }],
      fixes: [
        { title: 'Set rto: 10m (time for a person to approve)', output: fromDefaults('10m') },
        {
          title: 'Accept the risk (rto-vs-human-approval) with a reason',
          output: fromDefaults(
            '2m',
            `    acceptedRisks:
      - rule: rto-vs-human-approval
        reason: \${1:why the team accepts this, and where it was agreed}
`,
          ),
        },
      ],
    },
  ],
  silent: [
    { name: 'an RTO of an hour leaves time to approve', catalog: catalog('1h') },
    { name: 'an RTO of exactly 10m (the fix)', catalog: catalog('10m') },
    { name: 'a guard that needs no person', catalog: catalog('5m', '[{ type: fencing-lease, ttl: 30s }]') },
  ],
});
