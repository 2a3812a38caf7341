// witness-missing: a witness-region guard whose Region is not a declared witness, is one of the data's own Regions, or is missing with no witness declared.
import { ruleTester } from '../../helpers/ruleTester';
import { headerWith, US_HEADER } from '../../helpers/catalogs';

const ACCEPT = `    acceptedRisks:
      - rule: witness-missing
        reason: \${1:why the team accepts this, and where it was agreed}
`;

const TWO_REGIONS = headerWith('shop', ['us-east-1', 'us-east-2']);

const giftCards = (header: string, guard: string, regions = '') => `${header}dataTypes:
  - name: gift-cards
    category: transaction
${regions}    store: aurora-global
    splitBrainGuards:
      - ${guard}
`;

const IN_WITNESS = '    regions: [us-east-1, us-west-2]\n';

ruleTester('witness-missing', {
  fires: [
    {
      name: "the witness named is a secondary Region (the docs' example): the declared witness is offered",
      catalog: giftCards(US_HEADER, '{ type: witness-region, region: us-east-2 }'),
      findings: [{ line: 17, message: "'gift-cards': its witness us-east-2 is a secondary Region: name a witness." }],
      fixes: [
        { title: 'Name the witness Region us-west-2', output: giftCards(US_HEADER, '{ type: witness-region, region: us-west-2 }') },
        { title: 'Accept the risk (witness-missing) with a reason', output: giftCards(US_HEADER, '{ type: witness-region, region: us-east-2 }') + ACCEPT },
      ],
    },
    {
      name: 'the witness also holds the data, and no other witness exists: a new one is added and named',
      catalog: giftCards(US_HEADER, '{ type: witness-region, region: us-west-2 }', IN_WITNESS),
      findings: [{ line: 18, message: "'gift-cards' names us-west-2 as its witness but also stores data there: name another witness." }],
      fixes: [
        {
          title: 'Add a witness Region (eu-west-1) to regions and name it here',
          output: giftCards(`${US_HEADER}  - name: eu-west-1\n    role: witness\n`, '{ type: witness-region, region: eu-west-1 }', IN_WITNESS),
        },
        {
          title: 'Accept the risk (witness-missing) with a reason',
          output: giftCards(US_HEADER, '{ type: witness-region, region: us-west-2 }', IN_WITNESS) + ACCEPT,
        },
      ],
    },
    {
      name: 'a guard without a Region and no witness declared: the witness is added and named in the guard',
      catalog: giftCards(TWO_REGIONS, '{ type: witness-region }'),
      findings: [{ line: 15, message: "'gift-cards' relies on a witness Region, but none is declared: add a Region with role: witness." }],
      fixes: [
        // It once added the Region and left the guard without one, though its title said "and name it here".
        {
          title: 'Add a witness Region (us-west-2) to regions and name it here',
          output: giftCards(`${TWO_REGIONS}  - name: us-west-2\n    role: witness\n`, '{ type: witness-region, region: us-west-2 }'),
        },
        { title: 'Accept the risk (witness-missing) with a reason', output: giftCards(TWO_REGIONS, '{ type: witness-region }') + ACCEPT },
      ],
    },
    {
      name: 'a bare witness-region guard and no witness declared: the guard is written out with the new Region',
      catalog: giftCards(TWO_REGIONS, 'witness-region'),
      findings: [{ line: 15, message: "'gift-cards' relies on a witness Region, but none is declared: add a Region with role: witness." }],
      fixes: [
        // It once turned `- witness-region` into `- us-west-2`, which the schema refuses.
        {
          title: 'Add a witness Region (us-west-2) to regions and name it here',
          output: giftCards(`${TWO_REGIONS}  - name: us-west-2\n    role: witness\n`, '{ type: witness-region, region: us-west-2 }'),
        },
        { title: 'Accept the risk (witness-missing) with a reason', output: giftCards(TWO_REGIONS, 'witness-region') + ACCEPT },
      ],
    },
  ],
  silent: [
    { name: "the declared witness named (the docs' Prefer)", catalog: giftCards(US_HEADER, '{ type: witness-region, region: us-west-2 }') },
    { name: 'a guard without a Region while a witness is declared', catalog: giftCards(US_HEADER, '{ type: witness-region }') },
    { name: "an undeclared witness is unknown-region's to say", catalog: giftCards(US_HEADER, '{ type: witness-region, region: us-west-1 }') },
    { name: 'a data type in one Region', catalog: giftCards(US_HEADER, '{ type: witness-region, region: us-east-2 }', '    regions: [us-east-1]\n') },
  ],
});
