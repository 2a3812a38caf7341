// Reading CloudFormation templates (issue 12, first piece): short-form tags, JSON, positions,
// and the DynamoDB stores with their Regions and witness, unknown where the template does not fix them.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dynamoDbStores, readTemplate, type Template } from '../../src/engine/infrastructure/cloudformation';

const yamlTemplate = readFileSync(join(__dirname, '../../../test/fixtures/cloudformation/orders.yaml'), 'utf8');
const read = (text: string) => {
  const template = readTemplate(text);
  assert.ok(!('error' in template), 'error' in template ? template.error : '');
  return template as Template;
};

describe('CloudFormation templates', () => {
  it('reads every resource with the line of its logical id, short-form tags in their long form', () => {
    const template = read(yamlTemplate);
    assert.deepEqual(template.resources.map((r) => `${r.logicalId} ${r.type} ${r.range.start.line}:${r.range.start.column}`),
      ['OrdersTable AWS::DynamoDB::GlobalTable 13:3', 'CartsTable AWS::DynamoDB::GlobalTable 26:3', 'SessionsTable AWS::DynamoDB::Table 33:3', 'Notifications AWS::SNS::Topic 38:3']);
    const [orders, carts, sessions, topic] = template.resources;
    assert.deepEqual(orders.properties.TableName, { 'Fn::Sub': '${AWS::StackName}-orders' });
    assert.deepEqual(orders.properties.Replicas, [{ Region: { Ref: 'AWS::Region' } }, { Region: { Ref: 'PeerRegion' } }]);
    assert.deepEqual(carts.properties.StreamSpecification, { 'Fn::If': ['IsProd', { StreamViewType: 'NEW_AND_OLD_IMAGES' }, { Ref: 'AWS::NoValue' }] });
    assert.deepEqual(sessions.properties.TableName, { 'Fn::Join': ['-', ['sessions', { 'Fn::Select': [0, { 'Fn::Split': ['-', { Ref: 'AWS::StackName' }] }] }]] });
    // A tag CloudFormation added later reads by the same rule.
    assert.deepEqual(topic.properties, { DisplayName: { 'Fn::GetAtt': ['OrdersTable', 'Arn'] }, Tags: { 'Fn::ToJsonString': { team: 'orders' } } });
    assert.deepEqual(template.parameterDefaults, { PeerRegion: 'us-east-2' });
  });

  it('derives each DynamoDB store, its Regions and witness; what the template does not fix is unknown, never guessed', () => {
    const stores = dynamoDbStores(read(yamlTemplate), 'us-east-1');
    assert.deepEqual(stores.map((s) => [s.logicalId, s.store, s.regions, s.witness]), [
      ['OrdersTable', 'dynamodb-global-strong', ['us-east-1', 'us-east-2'], 'us-west-2'],
      ['CartsTable', 'dynamodb-global', ['us-east-1', { unknown: 'the parameter WitnessRegion, which has no default' }], undefined],
      ['SessionsTable', 'dynamodb', ['us-east-1'], undefined],
    ]);
    const computed = yamlTemplate.replace('MultiRegionConsistency: STRONG', 'MultiRegionConsistency: !Ref WitnessRegion');
    assert.deepEqual(dynamoDbStores(read(computed), 'us-east-1')[0].store, { unknown: 'MultiRegionConsistency: the parameter WitnessRegion, which has no default' });
    const noRegion = dynamoDbStores(read(yamlTemplate));
    assert.deepEqual(noRegion[0].regions[0], { unknown: 'the stack\'s Region (give it in the catalog\'s infrastructure entry)' });
  });

  it('reads a JSON template the same way, with positions', () => {
    const json = JSON.stringify({ Resources: { Ledger: { Type: 'AWS::DynamoDB::GlobalTable', Properties: { MultiRegionConsistency: 'EVENTUAL', Replicas: [{ Region: 'eu-west-1' }, { Region: 'eu-west-2' }] } } } }, null, 2);
    const [ledger] = dynamoDbStores(read(json));
    assert.deepEqual([ledger.store, ledger.regions, ledger.range.start], ['dynamodb-global', ['eu-west-1', 'eu-west-2'], { line: 3, column: 5 }]);
  });

  it('a text that is not a template says why', () => {
    assert.match((readTemplate('Resources: [') as { error: string }).error, /^the template does not parse: /);
    assert.deepEqual(readTemplate('- a list'), { error: 'a template is a mapping with a Resources section' });
    assert.deepEqual(readTemplate('{ "name": "package.json" }'), { error: 'the template has no Resources section' });
  });
});
