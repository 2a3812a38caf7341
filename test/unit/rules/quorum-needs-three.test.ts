// quorum-needs-three: a quorum guard with fewer than three voting Regions (data Regions plus witnesses).
import { ruleTester } from '../../helpers/ruleTester';
import { headerWith, US_HEADER } from '../../helpers/catalogs';

const ACCEPT = `    acceptedRisks:
      - rule: quorum-needs-three
        reason: \${1:why the team accepts this, and where it was agreed}
`;

const TWO_REGIONS = headerWith('shop', ['us-east-1', 'us-east-2']);
const WITNESS = '  - name: us-west-2\n    role: witness\n';

const dsql = (header: string) => `${header}dataTypes:
  - name: inventory
    category: inventory
    topology: hot-hot
    store: aurora-dsql
    splitBrainGuards:
      - quorum
`;

const flowRegions = (regions: string) => `apiVersion: cap-advisor/v1
kind: DataCatalog
metadata:
  name: shop
regions: [${regions}]
dataTypes:
  - name: orders
    category: transaction
    regions: [us-east-1, us-east-2]
    store: aurora-global
    failover: automatic
    splitBrainGuards: [quorum]
`;
const THREE = '{ name: us-east-1, role: primary }, { name: us-east-2, role: secondary }, { name: eu-west-1, role: secondary }';

const fromDefaults = (header: string) => `${header}defaults:
  splitBrainGuards: [quorum]
dataTypes:
  - name: orders
    category: transaction
    store: aurora-global
  - name: images
    category: media
    regions: [us-east-1]
`;

ruleTester('quorum-needs-three', {
  fires: [
    {
      name: "aurora-dsql in two Regions and no witness (the docs' example)",
      catalog: dsql(TWO_REGIONS),
      findings: [{ line: 16, message: "'inventory' has a quorum guard but 2 voting Regions: add a witness Region to make three." }],
      fixes: [
        { title: 'Add a witness Region (us-west-2) to regions', output: dsql(TWO_REGIONS + WITNESS) },
        { title: 'Accept the risk (quorum-needs-three) with a reason', output: dsql(TWO_REGIONS) + ACCEPT },
      ],
    },
    {
      name: 'a third data Region the data type is not in does not vote; the witness joins a flow list',
      catalog: flowRegions(THREE),
      findings: [{ line: 12, message: "'orders' has a quorum guard but 2 voting Regions: add a witness Region to make three." }],
      fixes: [
        { title: 'Add a witness Region (us-west-2) to regions', output: flowRegions(`${THREE}, { name: us-west-2, role: witness }`) },
        { title: 'Accept the risk (quorum-needs-three) with a reason', output: flowRegions(THREE) + ACCEPT },
      ],
    },
    {
      name: 'a quorum from defaults, reported on the data type in two Regions only',
      catalog: fromDefaults(TWO_REGIONS),
      findings: [{ line: 13, message: "'orders' has a quorum guard but 2 voting Regions: add a witness Region to make three." }],
      fixes: [
        { title: 'Add a witness Region (us-west-2) to regions', output: fromDefaults(TWO_REGIONS + WITNESS) },
        {
          title: 'Accept the risk (quorum-needs-three) with a reason',
          output: `${TWO_REGIONS}defaults:
  splitBrainGuards: [quorum]
dataTypes:
  - name: orders
    category: transaction
    store: aurora-global
${ACCEPT}  - name: images
    category: media
    regions: [us-east-1]
`,
        },
      ],
    },
  ],
  silent: [
    { name: "two data Regions and the us-west-2 witness (the docs' Prefer)", catalog: dsql(US_HEADER) },
    {
      name: 'three data Regions and no witness',
      catalog: `${headerWith('shop', ['us-east-1', 'us-east-2', 'eu-west-1'])}dataTypes:
  - name: orders
    category: transaction
    store: aurora-global
    failover: automatic
    splitBrainGuards:
      - quorum
`,
    },
  ],
});
