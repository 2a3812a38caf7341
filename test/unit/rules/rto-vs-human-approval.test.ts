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

ruleTester('rto-vs-human-approval', {
  fires: [
    {
      name: 'a 5 minute RTO behind human approval',
      catalog: catalog('5m'),
      findings: [{ line: 16, message: /'auth-tokens' has rto 5 min; approval adds 5 to 10 min/ }],
    },
  ],
  silent: [
    { name: 'an RTO of an hour leaves time to approve', catalog: catalog('1h') },
  ],
});
