// recommendation: every data type's recommended CAP position and store (a hint when the declared store already fits).
import { ruleTester } from '../../helpers/ruleTester';
import { US_HEADER } from '../../helpers/catalogs';

ruleTester('recommendation', {
  fires: [
    {
      name: "sessions with no store yet (the docs' example)",
      catalog: `${US_HEADER}dataTypes:
  - name: sessions
    category: session
`,
      findings: [{ line: 13, message: "'sessions': AP on dynamodb-global is recommended; no store is declared yet.", severity: 'information' }],
      fixes: [
        {
          title: 'Set store to dynamodb-global (recommended)',
          output: `${US_HEADER}dataTypes:
  - name: sessions
    category: session
    store: dynamodb-global
`,
        },
      ],
    },
    {
      name: 'strong hot-hot data on aurora-global: the recommended store and its alternative',
      catalog: `${US_HEADER}dataTypes:
  - name: inventory
    category: inventory
    topology: hot-hot
    store: aurora-global
`,
      findings: [{ line: 13, message: "'inventory': CP on aurora-dsql is advised, not aurora-global.", severity: 'information' }],
      fixes: [
        {
          title: 'Set store to aurora-dsql (recommended)',
          output: `${US_HEADER}dataTypes:
  - name: inventory
    category: inventory
    topology: hot-hot
    store: aurora-dsql
`,
        },
        {
          title: 'Set store to dynamodb-global-strong (the alternative)',
          output: `${US_HEADER}dataTypes:
  - name: inventory
    category: inventory
    topology: hot-hot
    store: dynamodb-global-strong
`,
        },
      ],
    },
    {
      name: 'media in one Region: effectively CA',
      catalog: `${US_HEADER}dataTypes:
  - name: images
    category: media
    regions: [us-east-1]
`,
      findings: [{ line: 13, message: "'images': CA on s3 is recommended; no store is declared yet.", severity: 'information' }],
      fixes: [
        {
          title: 'Set store to s3 (recommended)',
          output: `${US_HEADER}dataTypes:
  - name: images
    category: media
    regions: [us-east-1]
    store: s3
`,
        },
      ],
    },
    {
      name: "the declared store fits (the docs' Prefer): a hint, with no fix",
      catalog: `${US_HEADER}dataTypes:
  - name: sessions
    category: session
    store: dynamodb-global
`,
      findings: [{ line: 13, message: "'sessions': AP on dynamodb-global; the declared dynamodb-global fits.", severity: 'hint' }],
      fixes: [],
    },
  ],
  silent: [
    {
      name: 'a half-typed entry (store: dynamo) gets its schema finding, not advice',
      catalog: `${US_HEADER}dataTypes:
  - name: carts
    category: cart
    store: dynamo
`,
    },
    {
      name: 'a catalog with no data types',
      catalog: `${US_HEADER}dataTypes: []
`,
    },
  ],
});
