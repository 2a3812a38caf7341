// strong-reads-in-writer-region: strong data on dynamodb-global written in one Region (or each item's home Region) must read strongly there.
import { ruleTester } from '../../helpers/ruleTester';
import { US_HEADER } from '../../helpers/catalogs';

const balances = (fields: string, defaults = '') => `${US_HEADER}${defaults}dataTypes:
  - name: balances
    category: account
${fields}`;

ruleTester('strong-reads-in-writer-region', {
  fires: [
    {
      name: "written in one Region, declared (the docs' example): on writeMode",
      catalog: balances('    store: dynamodb-global\n    writeMode: one-region\n    writes: [conditional, transaction]\n'),
      findings: [{ line: 16, message: "'balances': send strong reads to its writing Region.", severity: 'information' }],
      fixes: [],
    },
    {
      name: 'hot-warm by default, so written in one Region: on the store',
      catalog: balances('    store: dynamodb-global\n'),
      findings: [{ line: 15, message: "'balances': send strong reads to its writing Region." }],
    },
    {
      name: 'hot-hot, each item written in its home Region',
      catalog: balances('    topology: hot-hot\n    store: dynamodb-global\n    writeMode: home-region\n'),
      findings: [{ line: 17, message: "'balances': send strong reads to each item's home Region." }],
    },
    {
      name: "writeMode from defaults: on the data type's name",
      catalog: balances('    topology: hot-hot\n    store: dynamodb-global\n', 'defaults:\n  writeMode: home-region\n'),
      findings: [{ line: 15, message: "'balances': send strong reads to each item's home Region." }],
    },
  ],
  silent: [
    { name: "balances on dynamodb-global-strong (the docs' Prefer)", catalog: balances('    store: dynamodb-global-strong\n    writes: [conditional]\n') },
    { name: "written in any Region: lww-on-strong-data's to say", catalog: balances('    topology: hot-hot\n    store: dynamodb-global\n') },
    { name: 'in one Region', catalog: balances('    regions: [us-east-1]\n    store: dynamodb-global\n') },
    {
      name: 'eventual data on dynamodb-global written in one Region',
      catalog: `${US_HEADER}dataTypes:
  - name: sessions
    category: session
    store: dynamodb-global
    writeMode: one-region
`,
    },
  ],
});
