// yaml-syntax: the file does not parse as YAML, or is refused before parsing (too large, too deep, too many aliases).
import { ruleTester } from '../../helpers/ruleTester';
import { US_HEADER } from '../../helpers/catalogs';

ruleTester('yaml-syntax', {
  fires: [
    {
      name: "a field indented one space short of its siblings (the docs' example)",
      catalog: `${US_HEADER}dataTypes:
  - name: carts
    category: cart
   store: dynamodb-global
`,
      findings: [{ line: 15, message: 'YAML syntax error: Sequence item without - indicator.' }],
      fixes: [],
    },
    {
      name: 'an unclosed flow sequence',
      catalog: `${US_HEADER}dataTypes:
  - name: carts
    regions: [us-east-1
    category: cart
`,
      findings: [{ line: 15, message: 'YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ].' }],
    },
    {
      name: 'a value nested 300 levels deep is refused on its line',
      catalog: `${US_HEADER}dataTypes:
  - name: carts
    category: cart
    regions: ${'['.repeat(300)}${']'.repeat(300)}
`,
      findings: [{ line: 15, message: 'Refused: the YAML nests deeper than 256 levels here; a catalog never nests this deep.' }],
    },
    {
      name: 'an alias bomb (10,000 expansions) is refused on the first line',
      catalog: `${US_HEADER}a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
`,
      findings: [{ line: 1, message: 'Refused: the document expands too many YAML aliases; a catalog needs only a few anchors.' }],
    },
    {
      name: 'a file over the size limit is not analysed',
      catalog: `${US_HEADER}dataTypes:
  - name: carts
    category: cart
`,
      options: { maxFileBytes: 100 },
      findings: [{ line: 1, message: 'Not analysed: the file is 0.2 KB, over the 0.1 KB limit; raise the limit or split it.' }],
    },
  ],
  silent: [
    {
      name: "the field indented like its siblings (the docs' Prefer)",
      catalog: `${US_HEADER}dataTypes:
  - name: carts
    category: cart
    store: dynamodb-global
`,
    },
    {
      name: 'the flow sequence closed',
      catalog: `${US_HEADER}dataTypes:
  - name: carts
    regions: [us-east-1]
    category: cart
`,
    },
    {
      name: 'an anchor and a merge key used a few times',
      catalog: `${US_HEADER}defaults: &shared
  topology: hot-warm
dataTypes:
  - name: carts
    <<: *shared
    category: cart
`,
    },
  ],
});
