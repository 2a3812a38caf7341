// Reading CloudFormation templates (issue 12, first piece): short-form tags, JSON, positions,
// and the DynamoDB stores with their Regions and witness, unknown where the template does not fix them.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { readStack, readTemplate, type Template } from '../../src/engine/infrastructure/cloudformation';
import { deployedSystem } from '../../src/engine/infrastructure';

const yamlTemplate = readFileSync(join(__dirname, '../../../test/fixtures/cloudformation/orders.yaml'), 'utf8');
/** The stores one template deploys, in the given Region. */
const dynamoDbStores = (template: Template, region?: string) =>
  readStack({ entryIndex: 0, file: 'orders.yaml', text: '', stack: 'orders', ...(region ? { region } : {}) }, template).stores;
const read = (text: string) => {
  const template = readTemplate(text);
  assert.ok(!('error' in template), 'error' in template ? template.error : '');
  return template as Template;
};

describe('CloudFormation templates', () => {
  it('reads every resource with the line of its logical id, short-form tags in their long form', () => {
    const template = read(yamlTemplate);
    assert.deepEqual(
      template.resources.map((r) => `${r.logicalId} ${r.type} ${r.range.start.line}:${r.range.start.column}`),
      [
        'OrdersTable AWS::DynamoDB::GlobalTable 13:3',
        'CartsTable AWS::DynamoDB::GlobalTable 26:3',
        'SessionsTable AWS::DynamoDB::Table 33:3',
        'Notifications AWS::SNS::Topic 38:3',
      ],
    );
    const [orders, carts, sessions, topic] = template.resources;
    assert.deepEqual(orders.properties.TableName, { 'Fn::Sub': '${AWS::StackName}-orders' });
    assert.deepEqual(orders.properties.Replicas, [{ Region: { Ref: 'AWS::Region' } }, { Region: { Ref: 'PeerRegion' } }]);
    assert.deepEqual(carts.properties.StreamSpecification, { 'Fn::If': ['IsProd', { StreamViewType: 'NEW_AND_OLD_IMAGES' }, { Ref: 'AWS::NoValue' }] });
    assert.deepEqual(sessions.properties.TableName, {
      'Fn::Join': ['-', ['sessions', { 'Fn::Select': [0, { 'Fn::Split': ['-', { Ref: 'AWS::StackName' }] }] }]],
    });
    // A tag CloudFormation added later reads by the same rule.
    assert.deepEqual(topic.properties, { DisplayName: { 'Fn::GetAtt': ['OrdersTable', 'Arn'] }, Tags: { 'Fn::ToJsonString': { team: 'orders' } } });
    assert.deepEqual(template.parameterDefaults, { PeerRegion: 'us-east-2' });
  });

  it('derives each DynamoDB store, its Regions and witness; what the template does not fix is unknown, never guessed', () => {
    const stores = dynamoDbStores(read(yamlTemplate), 'us-east-1');
    assert.deepEqual(
      stores.map((s: { logicalId: string; store: unknown; regions: unknown; witness?: unknown }) => [s.logicalId, s.store, s.regions, s.witness]),
      [
        ['OrdersTable', 'dynamodb-global-strong', ['us-east-1', 'us-east-2'], 'us-west-2'],
        ['CartsTable', 'dynamodb-global', ['us-east-1', { unknown: 'the parameter WitnessRegion, which has no default' }], undefined],
        ['SessionsTable', 'dynamodb', ['us-east-1'], undefined],
      ],
    );
    const computed = yamlTemplate.replace('MultiRegionConsistency: STRONG', 'MultiRegionConsistency: !Ref WitnessRegion');
    assert.deepEqual(dynamoDbStores(read(computed), 'us-east-1')[0].store, {
      unknown: 'MultiRegionConsistency: the parameter WitnessRegion, which has no default',
    });
    const noRegion = dynamoDbStores(read(yamlTemplate));
    assert.deepEqual(noRegion[0].regions[0], { unknown: "the stack's Region (give it in the catalog's infrastructure entry: { path, region })" });
  });

  it('reads a JSON template the same way, with positions', () => {
    const json = JSON.stringify(
      {
        Resources: {
          Ledger: {
            Type: 'AWS::DynamoDB::GlobalTable',
            Properties: { MultiRegionConsistency: 'EVENTUAL', Replicas: [{ Region: 'eu-west-1' }, { Region: 'eu-west-2' }] },
          },
        },
      },
      null,
      2,
    );
    const [ledger] = dynamoDbStores(read(json));
    assert.deepEqual([ledger.store, ledger.regions, ledger.range.start], ['dynamodb-global', ['eu-west-1', 'eu-west-2'], { line: 3, column: 5 }]);
  });

  it('a text that is not a template says why', () => {
    assert.match((readTemplate('Resources: [') as { error: string }).error, /^the template does not parse at line 1, column \d+$/);
    assert.deepEqual(readTemplate('- a list'), { error: 'a template is a mapping with a Resources section' });
    assert.deepEqual(readTemplate('{ "name": "package.json" }'), { error: 'the template has no Resources section', empty: true });
    assert.deepEqual(readTemplate('Resources: [1]'), { error: 'the template has no Resources section' });
  });
});

describe('The deployed system across stacks', () => {
  const template = (resources: Record<string, unknown>) => JSON.stringify({ Resources: resources }, null, 1);
  const system = (...stacks: Array<[string, string, Record<string, unknown>]>) =>
    deployedSystem({
      templates: stacks.map(([stack, region, resources], entryIndex) => ({ entryIndex, file: `${stack}.json`, stack, region, text: template(resources) })),
      problems: [],
      files: [],
    });
  const summary = (s: ReturnType<typeof deployedSystem>) =>
    s.stores.map((store) => [store.logicalId, store.store, store.regions, store.members.map((m) => `${m.stack}/${m.logicalId}`)]);

  it("joins an Aurora global database's member clusters from their stacks, each in its stack's Region, with write forwarding", () => {
    const s = system(
      [
        'primary',
        'us-east-1',
        {
          Global: { Type: 'AWS::RDS::GlobalCluster', Properties: { GlobalClusterIdentifier: 'ledger', Engine: 'aurora-mysql' } },
          Writer: { Type: 'AWS::RDS::DBCluster', Properties: { Engine: 'aurora-mysql', GlobalClusterIdentifier: { Ref: 'Global' } } },
        },
      ],
      [
        'secondary',
        'eu-west-1',
        {
          Reader: { Type: 'AWS::RDS::DBCluster', Properties: { Engine: 'aurora-mysql', GlobalClusterIdentifier: 'ledger', EnableGlobalWriteForwarding: true } },
          MultiAz: { Type: 'AWS::RDS::DBCluster', Properties: { Engine: 'mysql' } },
        },
      ],
    );
    assert.deepEqual(summary(s), [['Global', 'aurora-global', ['us-east-1', 'eu-west-1'], ['primary/Writer', 'secondary/Reader']]]);
    assert.equal(s.stores[0].writeForwarding, true);
  });

  it('gives an S3 replication destination the Region of the stack that deploys it, and knows Replication Time Control', () => {
    const rtc = { Status: 'Enabled', Time: { Minutes: 15 } };
    const source = (replicationTime?: unknown) => ({
      Source: {
        Type: 'AWS::S3::Bucket',
        Properties: {
          ReplicationConfiguration: {
            Role: 'r',
            Rules: [{ Status: 'Enabled', Destination: { Bucket: 'arn:aws:s3:::copy', ...(replicationTime ? { ReplicationTime: replicationTime } : {}) } }],
          },
        },
      },
    });
    const copy = { Copy: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'copy' } } };
    const plain = system(['a', 'us-east-1', source()], ['b', 'us-west-2', copy]);
    assert.deepEqual(summary(plain), [['Source', 's3', ['us-east-1', 'us-west-2'], ['b/Copy']]]);
    assert.equal(plain.stores[0].replicationTimeControl, false);
    assert.equal(system(['a', 'us-east-1', source(rtc)], ['b', 'us-west-2', copy]).stores[0].replicationTimeControl, true);
    // A destination the linked infrastructure does not deploy has an unknown Region, never a guessed one.
    assert.deepEqual(system(['a', 'us-east-1', source()]).stores[0].regions, [
      'us-east-1',
      { unknown: 'the Region of bucket copy, which the linked infrastructure does not deploy' },
    ]);
  });

  describe('S3 Multi-Region Access Points (issue 33)', () => {
    const bucket = (name: string, replicatesTo?: unknown) => ({
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketName: name,
        ...(replicatesTo !== undefined
          ? { ReplicationConfiguration: { Role: 'r', Rules: [{ Status: 'Enabled', Destination: { Bucket: replicatesTo } }] } }
          : {}),
      },
    });
    const accessPoint = (second: unknown) => ({
      Type: 'AWS::S3::MultiRegionAccessPoint',
      Properties: { Regions: [{ Bucket: { Ref: 'East' } }, { Bucket: second }] },
    });
    /** Each bucket of the access point: where it is, its Region, and where it replicates to. */
    const buckets = (s: ReturnType<typeof deployedSystem>) =>
      (s.accessPoints ?? []).map((point) => [
        point.logicalId,
        point.buckets.map((b) =>
          'unknown' in b ? b : [`${b.bucket.stack}/${b.bucket.logicalId}`, b.region, b.replicatesTo.map((to) => ('unknown' in to ? to : to.logicalId))],
        ),
      ]);

    it('reads the buckets, each in the Region of the stack that deploys it, and where each replicates to: both ways', () => {
      const s = system(
        ['east', 'us-east-1', { East: bucket('images-east', 'arn:aws:s3:::images-west'), Images: accessPoint('images-west') }],
        ['west', 'us-west-2', { West: bucket('images-west', 'arn:aws:s3:::images-east') }],
      );
      assert.deepEqual(buckets(s), [
        [
          'Images',
          [
            ['east/East', 'us-east-1', ['West']],
            ['west/West', 'us-west-2', ['East']],
          ],
        ],
      ]);
    });

    it('reads one-way replication as such: the destination replicates nowhere', () => {
      const s = system(
        ['east', 'us-east-1', { East: bucket('images-east', 'arn:aws:s3:::images-west'), Images: accessPoint('images-west') }],
        ['west', 'us-west-2', { West: bucket('images-west') }],
      );
      assert.deepEqual(buckets(s), [
        [
          'Images',
          [
            ['east/East', 'us-east-1', ['West']],
            ['west/West', 'us-west-2', []],
          ],
        ],
      ]);
    });

    it('keeps a bucket named by a parameter, one not deployed, and unreadable replication unknown', () => {
      const parameter = system(['east', 'us-east-1', { East: bucket('images-east'), Images: accessPoint({ Ref: 'PeerBucket' }) }]);
      assert.deepEqual(buckets(parameter)[0][1], [
        ['east/East', 'us-east-1', []],
        { unknown: 'a bucket named by the parameter PeerBucket, which has no default' },
      ]);
      const elsewhere = system(['east', 'us-east-1', { East: bucket('images-east'), Images: accessPoint('images-west') }]);
      assert.deepEqual(buckets(elsewhere)[0][1][1], { unknown: 'the bucket images-west, which the linked infrastructure does not deploy' });
      const unreadable = system(
        ['east', 'us-east-1', { East: bucket('images-east', { Ref: 'PeerArn' }), Images: accessPoint('images-west') }],
        ['west', 'us-west-2', { West: bucket('images-west') }],
      );
      assert.deepEqual(buckets(unreadable)[0][1][0], ['east/East', 'us-east-1', [{ unknown: 'the parameter PeerArn, which has no default' }]]);
    });
  });

  it('reads DSQL peers from their ARNs, ElastiCache members from their Regions', () => {
    const s = system([
      'a',
      'us-east-1',
      {
        Payments: {
          Type: 'AWS::DSQL::Cluster',
          Properties: {
            MultiRegionProperties: { WitnessRegion: 'us-west-2', Clusters: ['arn:aws:dsql:us-east-2:123456789012:cluster/abcdefghijklmnopqrstuvwxyz'] },
          },
        },
        Cache: {
          Type: 'AWS::ElastiCache::GlobalReplicationGroup',
          Properties: {
            Members: [
              { ReplicationGroupId: 'a', ReplicationGroupRegion: 'us-east-1', Role: 'PRIMARY' },
              { ReplicationGroupId: 'b', ReplicationGroupRegion: 'eu-west-1', Role: 'SECONDARY' },
            ],
          },
        },
      },
    ]);
    assert.deepEqual(
      s.stores.map((store) => [store.logicalId, store.store, store.regions, store.witness]),
      [
        ['Payments', 'aurora-dsql', ['us-east-1', 'us-east-2'], 'us-west-2'],
        ['Cache', 'elasticache-global', ['us-east-1', 'eu-west-1'], undefined],
      ],
    );
  });

  it('tells a health-check failover from an ARC routing control and an ARC Region switch plan with approval', () => {
    const record = (check: string) => ({
      Type: 'AWS::Route53::RecordSet',
      Properties: { Name: 'api.example.com.', Type: 'A', Failover: 'PRIMARY', SetIdentifier: 'p', HealthCheckId: { Ref: check } },
    });
    const s = system([
      'dns',
      'us-east-1',
      {
        Http: { Type: 'AWS::Route53::HealthCheck', Properties: { HealthCheckConfig: { Type: 'HTTPS' } } },
        Arc: { Type: 'AWS::Route53::HealthCheck', Properties: { HealthCheckConfig: { Type: 'RECOVERY_CONTROL', RoutingControlArn: 'arn' } } },
        ByHealth: record('Http'),
        ByPerson: record('Arc'),
        Elsewhere: record('NotInThisTemplate'),
        Secondary: { Type: 'AWS::Route53::RecordSet', Properties: { Failover: 'SECONDARY', HealthCheckId: { Ref: 'Http' } } },
        Plan: {
          Type: 'AWS::ARCRegionSwitch::Plan',
          Properties: {
            Triggers: [{ Action: 'activate' }],
            Workflows: [
              {
                Steps: [
                  { ExecutionBlockType: 'Parallel', ExecutionBlockConfiguration: { ParallelConfig: { Steps: [{ ExecutionBlockType: 'ManualApproval' }] } } },
                ],
              },
            ],
          },
        },
      },
    ]);
    assert.deepEqual(
      s.failovers.map((route) => [route.logicalId, route.mode, route.how]),
      [
        ['ByHealth', 'automatic', 'an HTTPS health check on api.example.com'],
        ['ByPerson', 'manual', 'an ARC routing control on api.example.com'],
        ['Plan', 'manual', 'an ARC Region switch plan with a ManualApproval step'],
      ],
    );
  });

  it('a template that does not parse is a problem of its entry, and the other stacks are still read', () => {
    const s = deployedSystem({
      templates: [
        { entryIndex: 3, file: 'bad.yaml', stack: 'bad', text: 'Resources: [' },
        { entryIndex: 4, file: 'ok.json', stack: 'ok', region: 'us-east-1', text: template({ T: { Type: 'AWS::DynamoDB::Table' } }) },
      ],
      problems: [],
      files: [],
    });
    assert.deepEqual(
      s.problems.map((p) => [p.entryIndex, p.message.split(':')[0]]),
      [[3, 'bad.yaml is not read']],
    );
    assert.deepEqual(
      s.stores.map((store) => store.logicalId),
      ['T'],
    );
  });
});

describe('Every short-form tag', () => {
  const text = readFileSync(join(__dirname, '../../../test/fixtures/cloudformation/every-tag.yaml'), 'utf8');

  it('reads each tag in its long form, with the position of each logical id (quoted or not)', () => {
    const template = read(text);
    assert.deepEqual(
      template.resources.map((r) => `${r.logicalId} ${r.range.start.line}:${r.range.start.column}-${r.range.end.column}`),
      ['LedgerTable 19:3-14', 'QuotedTable 30:3-16', 'Subnets 37:3-10'],
    );
    const [ledger, quoted, subnets] = template.resources;
    assert.deepEqual(ledger.properties.MultiRegionConsistency, { 'Fn::If': ['IsProd', 'STRONG', 'EVENTUAL'] });
    assert.deepEqual(ledger.properties.GlobalTableWitnesses, [{ Region: { 'Fn::FindInMap': ['Witness', { Ref: 'AWS::Region' }, 'Region'] } }]);
    assert.deepEqual(quoted.properties.Tags, [{ Key: 'zones', Value: { 'Fn::ToJsonString': { count: { 'Fn::Length': [{ 'Fn::GetAZs': '' }] } } } }]);
    assert.deepEqual(subnets.properties.CidrBlock, { 'Fn::Select': [0, { 'Fn::Cidr': [{ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, 4, 8] }] });
    assert.deepEqual(subnets.properties.UserData, { 'Fn::Base64': '#!/bin/sh\necho "Resources: not a key"\n' });
    assert.deepEqual(subnets.properties.Name, { 'Fn::Sub': ['${Prefix}-subnet', { Prefix: { 'Fn::ImportValue': 'shared-prefix' } }] });
    assert.deepEqual(subnets.properties.Other, { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://bucket/snippet.yaml' } } });
    assert.deepEqual(template.parameterDefaults, { Env: 'prod', PeerRegion: 'us-east-2' });
  });

  it('a tag CloudFormation adds later reads by the same rule, and the result is the same either way', () => {
    // An unknown tag sends the text to the full reader (`yaml`); the resources before it read alike.
    const withNewTag = `${text}\n  Later:\n    Value: !SomeFutureFunction [a, b]\n`.replace('Outputs:\n', 'Outputs:\n  Future:\n    Value: !NewIntrinsic x\n');
    const full = read(withNewTag);
    assert.deepEqual(full.resources, read(text).resources);
    const json = JSON.stringify(
      { Resources: { A: { Type: 'AWS::DynamoDB::Table', Properties: { Tags: [{ Key: 'k', Value: { 'Fn::Sub': 'x' } }] } } } },
      null,
      1,
    );
    // JSON reads fast; the same JSON behind a comment line (not JSON any more, but YAML) reads with `yaml`: the same template.
    const viaYaml = read(`# a comment\n${json}`);
    const fast = read(json);
    assert.deepEqual(
      viaYaml.resources.map((r) => [r.logicalId, r.properties, r.range.start.line + 0]),
      fast.resources.map((r) => [r.logicalId, r.properties, r.range.start.line + 1]),
    );
  });
});

describe('Templates of any shape', () => {
  const fixtures = ['cloudformation/orders.yaml', 'cloudformation/every-tag.yaml', 'cdk/cdk.out/ShopEast1.template.json', 'sam/template.yaml'].map((file) =>
    readFileSync(join(__dirname, '../../../test/fixtures', file), 'utf8'),
  );

  it('cut, spliced or garbled, a template reads or says why, and never throws', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fixtures), fc.nat(), fc.nat(), fc.string({ maxLength: 40 }), (text, a, b, noise) => {
        const [from, to] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y);
        const mutated = `${text.slice(0, from)}${noise}${text.slice(to)}`;
        const system = deployedSystem({ templates: [{ entryIndex: 0, file: 't', stack: 's', region: 'us-east-1', text: mutated }], problems: [], files: [] });
        for (const problem of system.problems) assert.ok(problem.message.length <= 120 && /[.]$/.test(problem.message), problem.message);
        for (const store of system.stores) assert.ok(store.range.start.line >= 1 && store.range.offset[1] <= mutated.length);
      }),
      { numRuns: 400, seed: 20261125 },
    );
  });
});
