// unknown-region: a data type, `defaults` or a witness-region guard names a Region that `regions` does not declare.
import { ruleTester } from '../../helpers/ruleTester';
import { US_HEADER } from '../../helpers/catalogs';

ruleTester('unknown-region', {
  fires: [
    {
      name: "a data type in eu-west-1, which is not declared (the docs' example): the closest name is offered",
      catalog: `${US_HEADER}dataTypes:
  - name: carts
    category: cart
    regions: [us-east-1, eu-west-1]
    store: dynamodb-global
`,
      findings: [{ line: 15, message: "'carts' names Region eu-west-1, which regions does not declare: did you mean us-west-2?" }],
      // The closest declared name is the us-west-2 witness: the safe fix puts carts' data in a witness.
      fixes: [
        {
          title: "Change to 'us-west-2'",
          output: `${US_HEADER}dataTypes:
  - name: carts
    category: cart
    regions: [us-east-1, us-west-2]
    store: dynamodb-global
`,
        },
      ],
    },
    {
      name: "a typo in defaults' regions and an undeclared witness in a guard",
      catalog: `${US_HEADER}defaults:
  regions: [us-east-1, us-east2]
dataTypes:
  - name: orders
    category: transaction
    store: aurora-global
    splitBrainGuards:
      - { type: witness-region, region: us-west-1 }
`,
      findings: [
        { line: 13, message: "'defaults' names Region us-east2, which regions does not declare: did you mean us-east-2?" },
        { line: 19, message: "'orders' names the witness Region us-west-1, which regions does not declare: did you mean us-west-2?" },
      ],
      fixes: [
        {
          title: "Change to 'us-east-2'",
          output: `${US_HEADER}defaults:
  regions: [us-east-1, us-east-2]
dataTypes:
  - name: orders
    category: transaction
    store: aurora-global
    splitBrainGuards:
      - { type: witness-region, region: us-west-1 }
`,
        },
      ],
    },
    {
      name: 'a catalog that declares no Region at all: nothing to suggest, so no fix',
      catalog: `apiVersion: cap-advisor/v1
kind: DataCatalog
metadata:
  name: shop
regions: []
dataTypes:
  - name: carts
    category: cart
    regions: [us-east-1]
`,
      findings: [{ line: 9, message: "'carts' names Region us-east-1, which regions does not declare: declare it." }],
      fixes: [],
    },
  ],
  silent: [
    {
      name: "eu-west-1 declared as a secondary Region (the docs' Prefer)",
      catalog: `${US_HEADER}  - name: eu-west-1
    role: secondary
dataTypes:
  - name: carts
    category: cart
    regions: [us-east-1, eu-west-1]
    store: dynamodb-global
`,
    },
    {
      name: 'a witness-region guard naming the declared witness',
      catalog: `${US_HEADER}dataTypes:
  - name: orders
    category: transaction
    store: aurora-global
    splitBrainGuards:
      - { type: witness-region, region: us-west-2 }
`,
    },
  ],
});
