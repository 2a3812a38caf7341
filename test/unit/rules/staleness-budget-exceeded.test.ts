// staleness-budget-exceeded: the store replicates across Regions more slowly than the data type's `stalenessBudget` allows.
import { ruleTester } from '../../helpers/ruleTester';
import { US_HEADER } from '../../helpers/catalogs';

const productCatalog = (budget: string, store = '    store: s3\n') => `${US_HEADER}dataTypes:
  - name: product-catalog
    category: reference
${store}    stalenessBudget: ${budget}
`;

ruleTester('staleness-budget-exceeded', {
  fires: [
    {
      name: 's3 (15 min with RTC) against a 1 minute budget: accepting the risk is the one fix',
      catalog: productCatalog('1m'),
      findings: [{ line: 16, message: "'product-catalog' allows 1 min stale; s3 can lag 15 min+: raise it." }],
      fixes: [
        {
          title: 'Accept the risk (staleness-budget-exceeded) with a reason',
          output: `${US_HEADER}dataTypes:
  - name: product-catalog
    category: reference
    store: s3
    stalenessBudget: 1m
    acceptedRisks:
      - rule: staleness-budget-exceeded
        reason: \${1:why the team accepts this, and where it was agreed}
`,
        },
      ],
    },
    {
      name: 'no store declared: the recommended store (s3) is judged',
      catalog: productCatalog('1m', ''),
      findings: [{ line: 15, message: "'product-catalog' allows 1 min stale; s3 can lag 15 min+: raise it." }],
    },
    {
      name: 'dynamodb-global (about 1 s) against a budget of 0 s',
      catalog: `${US_HEADER}dataTypes:
  - name: prices
    category: reference
    store: dynamodb-global
    stalenessBudget: 0s
`,
      findings: [{ line: 16, message: "'prices' allows 0 s stale; dynamodb-global can lag 1 s+: raise it." }],
    },
  ],
  silent: [
    { name: 'a budget of 15 minutes covers s3 with RTC', catalog: productCatalog('15m') },
    {
      name: 'a budget of one second covers dynamodb-global',
      catalog: `${US_HEADER}dataTypes:
  - name: prices
    category: reference
    store: dynamodb-global
    stalenessBudget: 1s
`,
    },
    {
      name: 'in one Region nothing replicates',
      catalog: `${US_HEADER}dataTypes:
  - name: product-catalog
    category: reference
    store: s3
    regions: [us-east-1]
    stalenessBudget: 1m
`,
    },
  ],
});
