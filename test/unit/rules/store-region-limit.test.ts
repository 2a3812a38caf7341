// store-region-limit: more Regions than the store can span (Aurora Global Database: one primary and up to 10
// secondaries, https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html;
// ElastiCache Global Datastore: up to two secondary Regions,
// https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastores-Getting-Started.html).
import { ruleTester } from '../../helpers/ruleTester';
import { headerWith } from '../../helpers/catalogs';

const TWELVE = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-northeast-1',
  'ap-southeast-1',
  'sa-east-1',
];

const dataType = (regions: string[], store: string, category: string) => `${headerWith('shop', regions)}dataTypes:
  - name: orders
    category: ${category}
    store: ${store}
    regions: [${regions.join(', ')}]
`;

ruleTester('store-region-limit', {
  fires: [
    {
      name: "an Aurora global database in twelve Regions: on regions, no fix (which Regions to keep is the team's call)",
      catalog: dataType(TWELVE, 'aurora-global', 'transaction'),
      findings: [{ line: 34, message: "'orders' is in 12 Regions; aurora-global spans at most 11." }],
      fixes: [],
    },
    {
      name: 'an ElastiCache Global Datastore in four Regions',
      catalog: dataType(TWELVE.slice(0, 4), 'elasticache-global', 'cache'),
      findings: [{ line: 18, message: "'orders' is in 4 Regions; elasticache-global spans at most 3." }],
    },
  ],
  silent: [
    { name: 'Aurora in eleven Regions (one primary and ten secondaries)', catalog: dataType(TWELVE.slice(0, 11), 'aurora-global', 'transaction') },
    { name: 'ElastiCache in three Regions', catalog: dataType(TWELVE.slice(0, 3), 'elasticache-global', 'cache') },
    { name: 'DynamoDB global tables in twelve Regions (no published limit)', catalog: dataType(TWELVE, 'dynamodb-global', 'session') },
  ],
});
