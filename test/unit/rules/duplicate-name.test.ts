// duplicate-name: two data types share a name.
import { ruleTester } from '../../helpers/ruleTester';
import { US_HEADER } from '../../helpers/catalogs';

ruleTester('duplicate-name', {
  fires: [
    {
      name: "carts defined twice (the docs' example), on the later name",
      catalog: `${US_HEADER}dataTypes:
  - name: carts
    category: cart
    store: dynamodb-global
  - name: carts
    category: transaction
    store: aurora-global
`,
      findings: [{ line: 16, message: "'carts' is already defined on line 13: rename or merge one of them." }],
      fixes: [],
    },
    {
      name: 'a third definition points at the first, not the second',
      catalog: `${US_HEADER}dataTypes:
  - name: carts
    category: cart
  - name: sessions
    category: session
  - name: carts
    category: transaction
  - name: carts
    category: session
`,
      findings: [
        { line: 17, message: "'carts' is already defined on line 13: rename or merge one of them." },
        { line: 19, message: "'carts' is already defined on line 13: rename or merge one of them." },
      ],
    },
  ],
  silent: [
    {
      name: "the second renamed (the docs' Prefer)",
      catalog: `${US_HEADER}dataTypes:
  - name: carts
    category: cart
    store: dynamodb-global
  - name: checkouts
    category: transaction
    store: aurora-global
`,
    },
  ],
});
