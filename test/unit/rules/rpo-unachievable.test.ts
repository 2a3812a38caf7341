// rpo-unachievable: an `rpo` shorter than the store can lose on an unplanned failover, or an `rpo`/`rto` under an hour for data in one Region.
import { ruleTester } from '../../helpers/ruleTester';
import { US_HEADER } from '../../helpers/catalogs';

const payments = (rpo: string, store = 'aurora-global') => `${US_HEADER}dataTypes:
  - name: payments
    category: transaction
    store: ${store}
    rpo: ${rpo}
`;

const accounts = (promises: string) => `${US_HEADER}dataTypes:
  - name: accounts
    category: account
    store: aurora
    regions: [us-east-1]
${promises}`;

ruleTester('rpo-unachievable', {
  fires: [
    {
      name: 'an RPO of 0 on aurora-global: typical lag is no bound, and rds.global_db_rpo bounds it at 20 s at best',
      catalog: payments('0s'),
      findings: [{ line: 16, message: "'payments' wants RPO 0 s; aurora-global can bound it at 20 s: raise rpo." }],
      fixes: [
        {
          title: 'Accept the risk (rpo-unachievable) with a reason',
          output: `${US_HEADER}dataTypes:
  - name: payments
    category: transaction
    store: aurora-global
    rpo: 0s
    acceptedRisks:
      - rule: rpo-unachievable
        reason: \${1:why the team accepts this, and where it was agreed}
`,
        },
      ],
    },
    {
      // AWS: "typically measured in seconds"; rds.global_db_rpo (PostgreSQL, 20 s minimum) is the only bound
      // (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html).
      name: 'an RPO of 5 s on aurora-global: below its typical loss is not the question, below its bound is',
      catalog: payments('5s'),
      findings: [{ line: 16, message: "'payments' wants RPO 5 s; aurora-global can bound it at 20 s: raise rpo." }],
    },
    {
      name: 'one Region, an RPO of 5 minutes: the loss of the Region breaks it',
      catalog: accounts('    rpo: 5m\n'),
      findings: [{ line: 17, message: "'accounts' lives in one Region, so an RPO of 5 min cannot survive its loss: add a Region." }],
      fixes: [
        {
          title: 'Accept the risk (rpo-unachievable) with a reason',
          output: `${US_HEADER}dataTypes:
  - name: accounts
    category: account
    store: aurora
    regions: [us-east-1]
    rpo: 5m
    acceptedRisks:
      - rule: rpo-unachievable
        reason: \${1:why the team accepts this, and where it was agreed}
`,
        },
      ],
    },
    {
      name: 'one Region, no rpo but an RTO of 30 minutes',
      catalog: accounts('    rto: 30m\n'),
      findings: [{ line: 17, message: "'accounts' lives in one Region, so an RTO of 30 min cannot survive its loss: add a Region." }],
    },
  ],
  silent: [
    { name: 'an RPO of 20 s on aurora-global, the bound rds.global_db_rpo can enforce', catalog: payments('20s') },
    { name: 'an RPO of 0 on aurora-dsql, which commits in two Regions', catalog: payments('0s', 'aurora-dsql') },
    {
      name: 'an RPO of 1 s on dynamodb-global, its typical replication delay (no bound published: the typical figure is judged)',
      catalog: payments('1s', 'dynamodb-global'),
    },
    { name: "one Region with an hour's RPO and hours of RTO", catalog: accounts('    rpo: 1h\n    rto: 4h\n') },
  ],
});
