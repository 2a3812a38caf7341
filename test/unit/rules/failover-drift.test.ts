// failover-drift: the data type's `failover` (manual or automatic) is not what its deployed Route 53 / ARC failover does.
import { ruleTester } from '../../helpers/ruleTester';
import { US_HEADER } from '../../helpers/catalogs';

const INFRASTRUCTURE = `infrastructure:
  - { path: infra/primary.yaml, region: us-east-1 }
  - { path: infra/secondary.yaml, region: us-east-2 }
`;

const ledger = (fields: string) => `${US_HEADER}${INFRASTRUCTURE}dataTypes:
  - name: ledger
    category: transaction
    store: aurora-global
    regions: [us-east-1, us-east-2]
${fields}`;

/** The global database in us-east-1 and the PRIMARY record, failed over by this health check. */
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

const SECONDARY = `Resources:
  LedgerSecondary:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      GlobalClusterIdentifier: ledger
`;

const BY_HEALTH_CHECK = { 'infra/primary.yaml': primary(HTTPS), 'infra/secondary.yaml': SECONDARY };
const BY_PERSON = { 'infra/primary.yaml': primary(ROUTING_CONTROL), 'infra/secondary.yaml': SECONDARY };

const LEASE = `    splitBrainGuards:
      - { type: fencing-lease, ttl: 30s }
`;

const accept = `    acceptedRisks:
      - rule: failover-drift
        reason: \${1:why the team accepts this, and where it was agreed}
`;

ruleTester('failover-drift', {
  fires: [
    {
      name: 'manual in the catalog, an HTTPS health check in DNS, no guard: declare automatic with a fencing lease',
      catalog: ledger('    rto: 30m\n    failover: manual\n    resources: [LedgerGlobal]\n'),
      files: BY_HEALTH_CHECK,
      findings: [{ line: 21, message: "'ledger' says failover: manual; DNS fails over on its own: make them agree." }],
      fixes: [
        {
          title: 'Declare automatic failover (what DNS does) and add a fencing lease',
          output: ledger(`    rto: 30m\n    failover: automatic\n    resources: [LedgerGlobal]\n${LEASE}`),
        },
        {
          title: 'Accept the risk (failover-drift) with a reason',
          output: ledger(`    rto: 30m\n    failover: manual\n    resources: [LedgerGlobal]\n${accept}`),
        },
      ],
    },
    {
      name: 'manual in the catalog, automatic in DNS, already fenced: just declare automatic',
      catalog: ledger(`    failover: manual\n${LEASE}    resources: [LedgerGlobal]\n`),
      files: BY_HEALTH_CHECK,
      findings: [{ line: 20, message: "'ledger' says failover: manual; DNS fails over on its own: make them agree." }],
      fixes: [
        { title: 'Set failover to automatic (what DNS does)', output: ledger(`    failover: automatic\n${LEASE}    resources: [LedgerGlobal]\n`) },
        { title: 'Accept the risk (failover-drift) with a reason', output: ledger(`    failover: manual\n${LEASE}    resources: [LedgerGlobal]\n${accept}`) },
      ],
    },
    {
      name: 'automatic in the catalog, an ARC routing control in DNS',
      catalog: ledger(`    failover: automatic\n${LEASE}    resources: [LedgerGlobal]\n`),
      files: BY_PERSON,
      findings: [{ line: 20, message: "'ledger' says failover: automatic; DNS fails over by hand: make them agree." }],
      fixes: [
        { title: 'Set failover to manual (what DNS does)', output: ledger(`    failover: manual\n${LEASE}    resources: [LedgerGlobal]\n`) },
        {
          title: 'Accept the risk (failover-drift) with a reason',
          output: ledger(`    failover: automatic\n${LEASE}    resources: [LedgerGlobal]\n${accept}`),
        },
      ],
    },
  ],
  silent: [
    {
      name: 'manual failover behind an ARC routing control (the documented design)',
      catalog: ledger('    rto: 30m\n    failover: manual\n    resources: [LedgerGlobal]\n'),
      files: BY_PERSON,
    },
    {
      name: 'automatic and fenced, as DNS does (the fix)',
      catalog: ledger(`    rto: 30m\n    failover: automatic\n    resources: [LedgerGlobal]\n${LEASE}`),
      files: BY_HEALTH_CHECK,
    },
    {
      name: 'no resources linked: no route concerns the data type',
      catalog: ledger('    rto: 30m\n    failover: manual\n'),
      files: BY_HEALTH_CHECK,
    },
  ],
});
