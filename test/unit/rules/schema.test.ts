// schema: the catalog breaks its JSON Schema (a missing field, an unknown key, a value outside its enum, a malformed duration, a second document).
import { ruleTester } from '../../helpers/ruleTester';
import { US_HEADER } from '../../helpers/catalogs';
import { NEW_CATALOG_TEMPLATE } from '../../../src/engine/assist/template';

ruleTester('schema', {
  fires: [
    {
      name: "a Region declared twice: the second name, and no fix (which one to keep is the team's call)",
      catalog: `${US_HEADER.replace('  - name: us-west-2\n    role: witness\n', '  - name: us-east-1\n    role: witness\n')}dataTypes:
  - name: carts
    category: cart
    store: dynamodb-global
    regions: [us-east-1, us-east-2]
`,
      findings: [{ line: 10, message: "Region 'us-east-1' is declared twice: remove this one." }],
      fixes: [],
    },
    {
      name: "a misspelt store and a misspelt key, each with a did-you-mean (the docs' example)",
      catalog: `${US_HEADER}dataTypes:
  - name: carts
    category: cart
    store: dynamo-global
    stalnessBudget: 1 second
`,
      findings: [
        { line: 15, message: "'carts': 'dynamo-global' is not a store: did you mean 'dynamodb-global'?" },
        { line: 16, message: "Unknown key 'stalnessBudget' in data type 'carts': did you mean 'stalenessBudget'?" },
      ],
      fixes: [
        {
          title: "Change to 'dynamodb-global'",
          output: `${US_HEADER}dataTypes:
  - name: carts
    category: cart
    store: dynamodb-global
    stalnessBudget: 1 second
`,
        },
      ],
    },
    {
      name: 'a malformed duration and an enum value with no close match: no fix',
      catalog: `${US_HEADER}dataTypes:
  - name: carts
    category: cart
    stalenessBudget: 1 second
    topology: hot-cold
`,
      findings: [
        { line: 15, message: "'carts': '1 second' is not a duration: write a number and ms, s, m, h or d, such as '30s'." },
        { line: 16, message: "'carts': 'hot-cold' is not a topology." },
      ],
      fixes: [],
    },
    {
      name: 'a file of comments only gets the catalog skeleton after its comments',
      catalog: "# the shop's catalog\n",
      findings: [{ line: 1, message: 'The file has no catalog in it: start it with apiVersion: cap-advisor/v1 and kind: DataCatalog.' }],
      fixes: [{ title: 'Insert a catalog skeleton', output: `# the shop's catalog\n${NEW_CATALOG_TEMPLATE}` }],
    },
    {
      name: 'a second YAML document, on its ---',
      catalog: `${US_HEADER}dataTypes:
  - name: carts
    category: cart
---
kind: DataCatalog
`,
      findings: [{ line: 15, message: 'A catalog file holds one YAML document: move this one and any after it to files of their own.' }],
      fixes: [],
    },
  ],
  silent: [
    {
      name: "the store and the key spelt right, a well-formed duration (the docs' Prefer)",
      catalog: `${US_HEADER}dataTypes:
  - name: carts
    category: cart
    store: dynamodb-global
    stalenessBudget: 1s
`,
    },
    {
      name: 'the skeleton itself',
      catalog: NEW_CATALOG_TEMPLATE,
    },
  ],
});
