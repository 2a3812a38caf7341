// guard-not-deployed: a witness-region or human-approval guard the catalog declares but the linked infrastructure does not deploy.
import { ruleTester } from '../../helpers/ruleTester';
import { US_HEADER } from '../../helpers/catalogs';

const strongData = (name: string, store: string, resource: string, extra = '') => `${US_HEADER}infrastructure:
  - { path: infra/shop.yaml, region: us-east-1 }
dataTypes:
  - name: ${name}
    category: transaction
    store: ${store}
    topology: hot-hot
    regions: [us-east-1, us-east-2]
    splitBrainGuards:
      - { type: witness-region, region: us-west-2 }
    resources: [${resource}]
${extra}`;

const accept = `    acceptedRisks:
      - rule: guard-not-deployed
        reason: \${1:why the team accepts this, and where it was agreed}
`;

const ordersTable = (witness: string) => `Resources:
  OrdersTable:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      MultiRegionConsistency: STRONG
${witness}      Replicas:
        - Region: !Ref AWS::Region
        - Region: us-east-2
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
`;

const DSQL_WITHOUT_WITNESS = `Resources:
  PaymentsCluster:
    Type: AWS::DSQL::Cluster
    Properties:
      MultiRegionProperties:
        Clusters:
          - arn:aws:dsql:us-east-2:123456789012:cluster/abcdefghijklmnopqrstuvwxyz
`;

/** Hot-warm ledger data whose PRIMARY DNS record fails over by this health check. */
const ledger = `${US_HEADER}infrastructure:
  - { path: infra/primary.yaml, region: us-east-1 }
  - { path: infra/secondary.yaml, region: us-east-2 }
dataTypes:
  - name: ledger
    category: transaction
    store: aurora-global
    regions: [us-east-1, us-east-2]
    rto: 30m
    failover: manual
    splitBrainGuards:
      - human-approval
    resources: [LedgerGlobal]
`;

const primary = (healthCheck: string) => `Resources:
  LedgerGlobal:
    Type: AWS::RDS::GlobalCluster
    Properties:
      GlobalClusterIdentifier: ledger
      Engine: aurora-postgresql
  LedgerPrimary:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      GlobalClusterIdentifier: !Ref LedgerGlobal
  ApiHealth:
    Type: AWS::Route53::HealthCheck
    Properties:
      HealthCheckConfig:
${healthCheck}  ApiPrimary:
    Type: AWS::Route53::RecordSet
    Properties:
      HostedZoneName: example.com.
      Name: api.example.com.
      Type: CNAME
      TTL: '60'
      SetIdentifier: primary
      Failover: PRIMARY
      HealthCheckId: !Ref ApiHealth
      ResourceRecords: [api-use1.example.com]
`;

const SECONDARY = `Resources:
  LedgerSecondary:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      GlobalClusterIdentifier: ledger
`;

const HTTPS = `        Type: HTTPS
        FullyQualifiedDomainName: api-use1.example.com
        ResourcePath: /health
`;

const ROUTING_CONTROL = `        Type: RECOVERY_CONTROL
        RoutingControlArn: !GetAtt PrimaryRouting.RoutingControlArn
  PrimaryRouting:
    Type: AWS::Route53RecoveryControl::RoutingControl
    Properties:
      Name: ledger-us-east-1
      ClusterArn: arn:aws:route53-recovery-control::123456789012:cluster/abc
`;

ruleTester('guard-not-deployed', {
  fires: [
    {
      name: 'a witness-region guard on a strong table deployed without GlobalTableWitnesses: accepting the risk is the one fix',
      catalog: strongData('orders', 'dynamodb-global-strong', 'OrdersTable'),
      files: { 'infra/shop.yaml': ordersTable('') },
      findings: [{ line: 21, message: "'orders' declares a witness Region, but OrdersTable is deployed without one." }],
      fixes: [
        {
          title: 'Accept the risk (guard-not-deployed) with a reason',
          output: strongData('orders', 'dynamodb-global-strong', 'OrdersTable', accept),
        },
      ],
    },
    {
      name: 'a witness-region guard on a DSQL cluster with no WitnessRegion',
      catalog: strongData('payments', 'aurora-dsql', 'PaymentsCluster'),
      files: { 'infra/shop.yaml': DSQL_WITHOUT_WITNESS },
      findings: [{ line: 21, message: "'payments' declares a witness Region, but PaymentsCluster is deployed without one." }],
    },
    {
      name: 'a witness-region guard naming another Region than the DSQL cluster deploys its witness in',
      catalog: strongData('payments', 'aurora-dsql', 'PaymentsCluster'),
      files: {
        'infra/shop.yaml': DSQL_WITHOUT_WITNESS.replace('      MultiRegionProperties:\n', '      MultiRegionProperties:\n        WitnessRegion: us-west-1\n'),
      },
      findings: [{ line: 21, message: "'payments' declares its witness in us-west-2, but PaymentsCluster has it in us-west-1." }],
    },
    {
      name: 'a human-approval guard while DNS fails over by an HTTPS health check',
      catalog: ledger,
      files: { 'infra/primary.yaml': primary(HTTPS), 'infra/secondary.yaml': SECONDARY },
      findings: [{ line: 23, message: "'ledger' wants approval, but DNS fails over alone: add an ARC control." }],
    },
  ],
  silent: [
    {
      name: 'the witness is in the template (the documented design)',
      catalog: strongData('orders', 'dynamodb-global-strong', 'OrdersTable'),
      files: { 'infra/shop.yaml': ordersTable('      GlobalTableWitnesses:\n        - Region: us-west-2\n') },
    },
    {
      name: 'human approval behind an ARC routing control',
      catalog: ledger,
      files: { 'infra/primary.yaml': primary(ROUTING_CONTROL), 'infra/secondary.yaml': SECONDARY },
    },
    {
      name: 'no infrastructure linked: nothing to compare with',
      catalog: `${US_HEADER}dataTypes:
  - name: orders
    category: transaction
    store: dynamodb-global-strong
    topology: hot-hot
    regions: [us-east-1, us-east-2]
    splitBrainGuards:
      - { type: witness-region, region: us-west-2 }
`,
    },
  ],
});
