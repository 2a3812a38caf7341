// ca-in-multi-region: `cap: CA` on data in two or more Regions, where a partition forces CP or AP.
import { ruleTester } from '../../helpers/ruleTester';
import { headerWith, US_HEADER } from '../../helpers/catalogs';

const fraudScores = (cap: string) => `${US_HEADER}dataTypes:
  - name: fraud-scores
    category: analytics
    cap: ${cap}
    store: dynamodb-global
`;

const payments = (cap: string) => `${US_HEADER}dataTypes:
  - name: payments
    category: transaction
    cap: ${cap}
    store: aurora-global
`;

ruleTester('ca-in-multi-region', {
  fires: [
    {
      name: 'CA analytics in two Regions: declare the recommended AP',
      catalog: fraudScores('CA'),
      findings: [{ line: 15, message: "'fraud-scores' is CA but lives in 2 Regions: declare AP, as recommended." }],
      fixes: [
        { title: 'Declare cap: AP (recommended)', output: fraudScores('AP') },
        {
          title: 'Accept the risk (ca-in-multi-region) with a reason',
          output: `${US_HEADER}dataTypes:
  - name: fraud-scores
    category: analytics
    cap: CA
    store: dynamodb-global
    acceptedRisks:
      - rule: ca-in-multi-region
        reason: \${1:why the team accepts this, and where it was agreed}
`,
        },
      ],
    },
    {
      name: 'CA transactions in two Regions: declare the recommended CP',
      catalog: payments('CA'),
      findings: [{ line: 15, message: "'payments' is CA but lives in 2 Regions: declare CP, as recommended." }],
      fixes: [
        { title: 'Declare cap: CP (recommended)', output: payments('CP') },
        {
          title: 'Accept the risk (ca-in-multi-region) with a reason',
          output: `${US_HEADER}dataTypes:
  - name: payments
    category: transaction
    cap: CA
    store: aurora-global
    acceptedRisks:
      - rule: ca-in-multi-region
        reason: \${1:why the team accepts this, and where it was agreed}
`,
        },
      ],
    },
    {
      name: 'the message counts the Regions: three',
      catalog: `${headerWith('shop', ['us-east-1', 'us-east-2', 'us-west-2'])}dataTypes:
  - name: fraud-scores
    category: analytics
    cap: CA
    store: dynamodb-global
`,
      findings: [{ line: 15, message: "'fraud-scores' is CA but lives in 3 Regions: declare AP, as recommended." }],
    },
  ],
  silent: [
    { name: 'AP declared, as the fix does', catalog: fraudScores('AP') },
    { name: 'CP declared on transactions', catalog: payments('CP') },
    {
      name: 'CA in one Region is a fair description',
      catalog: `${US_HEADER}dataTypes:
  - name: fraud-scores
    category: analytics
    cap: CA
    store: dynamodb
    topology: single-region
`,
    },
  ],
});
