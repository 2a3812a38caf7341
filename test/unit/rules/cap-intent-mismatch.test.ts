// cap-intent-mismatch: the declared `cap` (CP or AP) is not what the declared multi-Region store does in a partition.
import { ruleTester } from '../../helpers/ruleTester';
import { US_HEADER } from '../../helpers/catalogs';

const dataType = (name: string, category: string, cap: string, store: string, extra = '') => `${US_HEADER}dataTypes:
  - name: ${name}
    category: ${category}
    cap: ${cap}
    store: ${store}
${extra}`;

const accept = `    acceptedRisks:
      - rule: cap-intent-mismatch
        reason: \${1:why the team accepts this, and where it was agreed}
`;

ruleTester('cap-intent-mismatch', {
  fires: [
    {
      name: 'CP on dynamodb-global, which is AP: declare AP',
      catalog: dataType('user-preferences', 'preference', 'CP', 'dynamodb-global'),
      findings: [{ line: 15, message: "'user-preferences' declares CP, but dynamodb-global is AP: change one." }],
      fixes: [
        { title: 'Declare cap: AP (what dynamodb-global is across Regions)', output: dataType('user-preferences', 'preference', 'AP', 'dynamodb-global') },
        { title: 'Accept the risk (cap-intent-mismatch) with a reason', output: dataType('user-preferences', 'preference', 'CP', 'dynamodb-global', accept) },
      ],
    },
    {
      name: 'CP is right for transactions: the store is what should change (the recommended store and the alternative)',
      catalog: dataType('payments', 'transaction', 'CP', 'dynamodb-global'),
      findings: [{ line: 15, message: "'payments' declares CP, but dynamodb-global is AP: change one." }],
      fixes: [
        { title: 'Declare cap: AP (what dynamodb-global is across Regions)', output: dataType('payments', 'transaction', 'AP', 'dynamodb-global') },
        { title: 'Set store to aurora-global (recommended)', output: dataType('payments', 'transaction', 'CP', 'aurora-global') },
        { title: 'Set store to dynamodb-global-strong (the alternative)', output: dataType('payments', 'transaction', 'CP', 'dynamodb-global-strong') },
        { title: 'Accept the risk (cap-intent-mismatch) with a reason', output: dataType('payments', 'transaction', 'CP', 'dynamodb-global', accept) },
      ],
    },
    {
      name: 'AP on aurora-global, which is CP',
      catalog: dataType('product-catalog', 'reference', 'AP', 'aurora-global'),
      findings: [{ line: 15, message: "'product-catalog' declares AP, but aurora-global is CP: change one." }],
      fixes: [
        { title: 'Declare cap: CP (what aurora-global is across Regions)', output: dataType('product-catalog', 'reference', 'CP', 'aurora-global') },
        { title: 'Set store to s3 (recommended)', output: dataType('product-catalog', 'reference', 'AP', 's3') },
        { title: 'Accept the risk (cap-intent-mismatch) with a reason', output: dataType('product-catalog', 'reference', 'AP', 'aurora-global', accept) },
      ],
    },
  ],
  silent: [
    { name: 'AP on dynamodb-global (the first fix)', catalog: dataType('user-preferences', 'preference', 'AP', 'dynamodb-global') },
    { name: 'CP on aurora-global', catalog: dataType('payments', 'transaction', 'CP', 'aurora-global') },
    { name: "CA is ca-in-multi-region's", catalog: dataType('user-preferences', 'preference', 'CA', 'dynamodb-global') },
    {
      name: "a single-Region store is store-mismatch's",
      catalog: dataType('user-preferences', 'preference', 'CP', 'dynamodb', '    topology: single-region\n'),
    },
  ],
});
