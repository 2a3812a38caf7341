// AWS's recommended failover control, an ARC routing control behind DNS, is a manual failover:
// a RECOVERY_CONTROL health check changes only when a person or a runbook flips the routing
// control, and a CALCULATED check is what its children are (the CloudFormation Template Reference,
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-route53-healthcheck-healthcheckconfig.html,
// and ARC's static stability, https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/static-stability.html).
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeCatalogFile, loadDeployedSystem } from '../../src/workspace/files';
import { loadTerraformParser } from '../../src/workspace/terraform';
import { headerWith } from '../helpers/catalogs';

const publicFixtures = join(__dirname, '../../../test/fixtures/public');

const ROUTING_CONTROL = (name: string) =>
  `{ Type: RECOVERY_CONTROL, RoutingControlArn: arn:aws:route53-recovery-control::111122223333:controlpanel/abc/routingcontrol/${name} }`;

/** An Aurora global database in us-east-1 whose PRIMARY record's health check is `calculated`'s children. */
function template(children: string, extra = ''): string {
  return `Resources:
  Orders:
    Type: AWS::RDS::GlobalCluster
    Properties: { GlobalClusterIdentifier: orders, Engine: aurora-postgresql }
  OrdersEast:
    Type: AWS::RDS::DBCluster
    Properties: { Engine: aurora-postgresql, GlobalClusterIdentifier: !Ref Orders }
  ControlEast:
    Type: AWS::Route53::HealthCheck
    Properties:
      HealthCheckConfig: ${ROUTING_CONTROL('east')}
  ControlWest:
    Type: AWS::Route53::HealthCheck
    Properties:
      HealthCheckConfig: ${ROUTING_CONTROL('west')}
  Endpoint:
    Type: AWS::Route53::HealthCheck
    Properties:
      HealthCheckConfig: { Type: HTTPS, FullyQualifiedDomainName: east.example.com, ResourcePath: /health }
  Calculated:
    Type: AWS::Route53::HealthCheck
    Properties:
      HealthCheckConfig: { Type: CALCULATED, ChildHealthChecks: [${children}], HealthThreshold: 1 }
  Primary:
    Type: AWS::Route53::RecordSet
    Properties:
      Name: api.example.com.
      Type: CNAME
      TTL: '60'
      HostedZoneId: Z123
      SetIdentifier: east
      Failover: PRIMARY
      HealthCheckId: !Ref Calculated
      ResourceRecords: [east.example.com]
${extra}`;
}

function driftOf(templateText: string, failover: 'manual' | 'automatic'): string[] {
  const root = mkdtempSync(join(tmpdir(), 'cap-arc-'));
  mkdirSync(join(root, 'infra'));
  writeFileSync(join(root, 'infra/app.yaml'), templateText);
  const text = `${headerWith('shop', ['us-east-1', 'us-west-2'])}infrastructure:
  - { path: infra/app.yaml, region: us-east-1 }
dataTypes:
  - name: orders
    category: transaction
    store: aurora-global
    failover: ${failover}
    splitBrainGuards: [fencing-lease]
    resources: [Orders]
`;
  writeFileSync(join(root, 'data.catalog.yaml'), text);
  return analyzeCatalogFile(text, { catalogPath: join(root, 'data.catalog.yaml'), workspaceRoot: root })
    .findings.filter((f) => f.ruleId === 'failover-drift')
    .map((f) => f.message);
}

describe('ARC routing controls behind DNS are a manual failover', () => {
  before(() => loadTerraformParser());

  it('a CALCULATED check over routing-control checks: failover: manual is clean, automatic is told DNS fails over by hand', () => {
    const arc = template('!Ref ControlEast, !Ref ControlWest');
    assert.deepEqual(driftOf(arc, 'manual'), []);
    assert.deepEqual(driftOf(arc, 'automatic'), ["'orders' says failover: automatic; DNS fails over by hand: make them agree."]);
  });

  it('a CALCULATED check with a health-driven child is automatic', () => {
    const mixed = template('!Ref ControlEast, !Ref Endpoint');
    assert.deepEqual(driftOf(mixed, 'manual'), ["'orders' says failover: manual; DNS fails over on its own: make them agree."]);
    assert.deepEqual(driftOf(mixed, 'automatic'), []);
  });

  it('a CALCULATED check whose child another stack defines: who fails over is unknown, and nothing is claimed', () => {
    const elsewhere = template('!Ref ControlEast, abcdef01-2345-6789-abcd-ef0123456789');
    assert.deepEqual(driftOf(elsewhere, 'manual'), []);
    assert.deepEqual(driftOf(elsewhere, 'automatic'), []);
  });

  it('Terraform: a calculated aws_route53_health_check over RECOVERY_CONTROL checks is manual', () => {
    const root = mkdtempSync(join(tmpdir(), 'cap-arc-'));
    mkdirSync(join(root, 'infra'));
    writeFileSync(
      join(root, 'infra/main.tf'),
      `provider "aws" {
  region = "us-east-1"
}
resource "aws_route53_health_check" "east" {
  type                = "RECOVERY_CONTROL"
  routing_control_arn = "arn:aws:route53-recovery-control::111122223333:controlpanel/abc/routingcontrol/east"
}
resource "aws_route53_health_check" "west" {
  type                = "RECOVERY_CONTROL"
  routing_control_arn = "arn:aws:route53-recovery-control::111122223333:controlpanel/abc/routingcontrol/west"
}
resource "aws_route53_health_check" "calculated" {
  type                   = "CALCULATED"
  child_health_threshold = 1
  child_healthchecks     = [aws_route53_health_check.east.id, aws_route53_health_check.west.id]
}
resource "aws_route53_record" "primary" {
  zone_id         = "Z123"
  name            = "api.example.com"
  type            = "CNAME"
  ttl             = 60
  records         = ["east.example.com"]
  set_identifier  = "east"
  health_check_id = aws_route53_health_check.calculated.id
  failover_routing_policy {
    type = "PRIMARY"
  }
}
`,
    );
    const system = loadDeployedSystem([{ index: 0, path: 'infra' }], { catalogDir: root, workspaceRoot: root })!;
    assert.deepEqual(
      system.failovers.map((route) => [route.logicalId, route.mode, route.how]),
      [['aws_route53_record.primary', 'manual', 'ARC routing controls (through a calculated health check) on api.example.com']],
    );
  });

  it("sebsto/tictactoe-cdk's ARC templates: the records take the routing-control checks as parameters, so who fails over is unknown, never guessed", () => {
    const root = mkdtempSync(join(tmpdir(), 'cap-arc-'));
    cpSync(join(publicFixtures, 'tictactoe-cdk'), join(root, 'tictactoe-cdk'), { recursive: true });
    const system = loadDeployedSystem(
      [
        { index: 0, path: 'tictactoe-cdk/cloudformation/Route53-ARC-routing-control.yaml', region: 'us-east-1' },
        { index: 1, path: 'tictactoe-cdk/cloudformation/Route53-DNS-records.yaml', region: 'us-east-1' },
      ],
      { catalogDir: root, workspaceRoot: root },
    )!;
    assert.deepEqual(system.failovers, []);
    assert.deepEqual(system.problems, []);
  });
});
