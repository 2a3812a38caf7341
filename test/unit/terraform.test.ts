// Terraform linked to a catalog: a root module with two providers, tfvars, locals and a local
// module; a plan and a state of the same; the rules on resource addresses; bad input; drafting.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEdits, quickFixes, type CatalogAnalysis } from '../../src/engine';
import { draftCatalog } from '../../src/engine';
import { analyzeCatalogFile, loadDeployedSystem } from '../../src/workspace/files';
import { loadTerraformParser } from '../../src/workspace/terraform';
import { US_HEADER, where } from '../helpers/catalogs';

const fixtures = join(__dirname, '../../../test/fixtures');

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'cap-terraform-'));
  for (const folder of ['terraform', 'terraform-plan']) cpSync(join(fixtures, folder), join(root, folder), { recursive: true });
  return root;
}

function analyze(root: string, text: string): CatalogAnalysis {
  writeFileSync(join(root, 'shop.catalog.yaml'), text);
  return analyzeCatalogFile(text, { catalogPath: join(root, 'shop.catalog.yaml'), workspaceRoot: root });
}

const summary = (root: string, path: string) => {
  const system = loadDeployedSystem([{ index: 0, path }], { catalogDir: root, workspaceRoot: root })!;
  return {
    stores: system.stores.map((s) => [
      s.logicalId,
      s.store,
      s.regions,
      s.witness ?? null,
      s.replicationTimeControl ?? null,
      s.writeForwarding ?? null,
      `${s.file}:${s.range.start.line}`,
    ]),
    members: Object.fromEntries(system.stores.filter((s) => s.members.length > 0).map((s) => [s.logicalId, s.members.map((m) => m.logicalId)])),
    failovers: system.failovers.map((f) => [f.logicalId, f.mode, f.how]),
    problems: system.problems.map((p) => p.message),
  };
};

describe('Terraform', () => {
  before(() => loadTerraformParser());

  it("a root module: each resource in its provider's Region (default, alias, through a module call), tfvars and locals resolved", () => {
    const root = workspace();
    const read = summary(root, 'terraform');
    assert.deepEqual(read.stores, [
      ['aws_dynamodb_table.orders', 'dynamodb-global-strong', ['us-east-1', 'us-east-2'], 'us-west-2', null, null, 'terraform/main.tf:2'],
      ['aws_dynamodb_table.carts', 'dynamodb-global', ['us-east-1', 'us-east-2'], null, null, null, 'terraform/main.tf:23'],
      ['aws_s3_bucket.media', 's3', ['us-east-1', 'us-east-2'], null, true, null, 'terraform/main.tf:38'],
      [
        'module.ledger.aws_rds_global_cluster.this',
        'aurora-global',
        ['us-east-1', 'us-east-2'],
        null,
        null,
        true,
        'terraform/modules/aurora-global/main.tf:14',
      ],
    ]);
    assert.deepEqual(read.members, {
      'aws_s3_bucket.media': ['aws_s3_bucket_replication_configuration.media', 'aws_s3_bucket.media_replica'],
      'module.ledger.aws_rds_global_cluster.this': ['module.ledger.aws_rds_cluster.primary', 'module.ledger.aws_rds_cluster.secondary'],
    });
    assert.deepEqual(read.failovers, [['aws_route53_record.api_primary', 'automatic', 'an HTTPS health check on api.shop.example.com']]);
    assert.deepEqual(read.problems, ['1 module not read (registry or remote sources are never fetched): network (terraform-aws-modules/vpc/aws).']);
  });

  it('DSQL peers and an ElastiCache global datastore, joined across providers', () => {
    const root = mkdtempSync(join(tmpdir(), 'cap-terraform-'));
    mkdirSync(join(root, 'tf'));
    writeFileSync(
      join(root, 'tf/main.tf'),
      `provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "east2"
  region = "us-east-2"
}

resource "aws_dsql_cluster" "a" {
  deletion_protection_enabled = true
  multi_region_properties {
    witness_region = "us-west-2"
  }
}

resource "aws_dsql_cluster" "b" {
  provider                    = aws.east2
  deletion_protection_enabled = true
  multi_region_properties {
    witness_region = "us-west-2"
  }
}

resource "aws_dsql_cluster_peering" "a" {
  identifier     = aws_dsql_cluster.a.identifier
  clusters       = [aws_dsql_cluster.b.arn]
  witness_region = "us-west-2"
}

resource "aws_dynamodb_table" "disabled" {
  count = 0
  name  = "disabled"
}

resource "aws_elasticache_replication_group" "primary" {
  replication_group_id = "prices-use1"
  description          = "prices"
}

resource "aws_elasticache_global_replication_group" "prices" {
  global_replication_group_id_suffix = "prices"
  primary_replication_group_id       = aws_elasticache_replication_group.primary.id
}

resource "aws_elasticache_replication_group" "secondary" {
  provider                    = aws.east2
  replication_group_id        = "prices-use2"
  description                 = "prices"
  global_replication_group_id = aws_elasticache_global_replication_group.prices.global_replication_group_id
}
`,
    );
    const read = summary(root, 'tf');
    assert.deepEqual(
      read.stores.map((s) => s.slice(0, 4)),
      [
        // Peered clusters are one multi-Region cluster: b is a member of a, not a second store.
        ['aws_dsql_cluster.a', 'aurora-dsql', ['us-east-1', 'us-east-2'], 'us-west-2'],
        ['aws_elasticache_global_replication_group.prices', 'elasticache-global', ['us-east-1', 'us-east-2'], null],
      ],
    );
    assert.deepEqual(read.members['aws_dsql_cluster.a'], ['aws_dsql_cluster_peering.a', 'aws_dsql_cluster.b']);
    assert.deepEqual(read.members['aws_elasticache_global_replication_group.prices'], [
      'aws_elasticache_replication_group.primary',
      'aws_elasticache_replication_group.secondary',
    ]);
  });

  it('a plan (terraform show -json) and a state give the same stores, with values resolved; unknown fields are ignored', () => {
    const root = workspace();
    const plan = summary(root, 'terraform-plan/plan.json');
    assert.deepEqual(
      plan.stores.map((s) => s.slice(0, 6)),
      [
        ['aws_dynamodb_table.orders', 'dynamodb-global-strong', ['us-east-1', 'us-east-2'], 'us-west-2', null, null],
        ['aws_dynamodb_table.carts', 'dynamodb-global', ['us-east-1', 'us-east-2'], null, null, null],
        // This plan's replication rule has no replication_time block.
        ['aws_s3_bucket.media', 's3', ['us-east-1', 'us-east-2'], null, false, null],
        ['module.ledger.aws_rds_global_cluster.this', 'aurora-global', ['us-east-1', 'us-east-2'], null, null, true],
      ],
    );
    // The health check's id is known only after apply: the record is not judged rather than guessed.
    assert.deepEqual(plan.failovers, []);
    assert.deepEqual(plan.problems, []);
    const state = summary(root, 'terraform-plan/terraform.tfstate');
    assert.deepEqual(
      state.stores.map((s) => s.slice(0, 3)),
      [
        ['aws_dynamodb_table.orders', 'dynamodb-global-strong', ['us-east-1', 'us-east-2']],
        ['module.ledger.aws_rds_global_cluster.this', 'aurora-global', ['us-east-1', 'us-east-2']],
      ],
    );
    assert.equal(state.stores[0][6], 'terraform-plan/terraform.tfstate:10');
  });

  it('the rules on resource addresses, with the resource block beside each finding and quick fixes', () => {
    const root = workspace();
    const text = `${US_HEADER}infrastructure:
  - terraform
dataTypes:
  - name: carts
    category: cart
    store: dynamodb-global-strong
    topology: hot-hot
    regions: [us-east-1, us-east-2]
    splitBrainGuards: [{ type: witness-region, region: us-west-2 }]
    resources: [aws_dynamodb_table.carts]
  - name: ledger
    category: transaction
    store: aurora-global
    regions: [us-east-1, us-east-2]
    failover: manual
    resources: [module.ledger.aws_rds_global_cluster.this]
  - name: orders
    category: transaction
    store: dynamodb-global-strong
    topology: hot-hot
    regions: [us-east-1, us-east-2]
    splitBrainGuards: [{ type: witness-region, region: us-west-2 }]
    resources: [aws_dynamodb_table.order]
`;
    const analysis = analyze(root, text);
    const linked = analysis.findings.filter((f) => !['recommendation'].includes(f.ruleId));
    assert.deepEqual(linked.map(where), [
      'infrastructure-unreadable@13:5-13:14',
      'unclaimed-resource@13:5-13:14',
      'unclaimed-resource@13:5-13:14',
      'store-mismatch@17:12-17:34',
      'guard-not-deployed@20:24-20:67',
      'store-drift@21:17-21:41',
      'failover-drift@26:15-26:21',
      'unknown-resource@34:17-34:41',
    ]);
    const drift = analysis.findings.find((f) => f.ruleId === 'store-drift')!;
    assert.equal(drift.message, "'carts' runs on dynamodb-global, declared dynamodb-global-strong.");
    assert.deepEqual([drift.related![0].file, drift.related![0].range.start.line], ['terraform/main.tf', 23]);
    const unknown = analysis.findings.find((f) => f.ruleId === 'unknown-resource')!;
    assert.equal(unknown.suggestion, 'aws_dynamodb_table.orders');
    assert.ok(applyEdits(text, quickFixes(text, analysis, unknown)[0].edits).endsWith('    resources: [aws_dynamodb_table.orders]\n'));
    const failoverDrift = analysis.findings.find((f) => f.ruleId === 'failover-drift')!;
    assert.equal(failoverDrift.message, "'ledger' says failover: manual; DNS fails over on its own: make them agree.");
    assert.match(failoverDrift.detail, /moves traffic by an HTTPS health check on api\.shop\.example\.com, which is automatic/);
  });

  describe('bad input: one finding with the file and the line the parser gives, and the rest still read', () => {
    it('HCL that does not parse', () => {
      const root = workspace();
      writeFileSync(join(root, 'terraform/broken.tf'), 'resource "aws_dynamodb_table" "x" {\n  name = \n}\n');
      const read = summary(root, 'terraform');
      assert.ok(read.problems.includes('terraform/broken.tf is not read: it does not parse at line 2, column 3.'), read.problems.join(' | '));
      assert.equal(read.stores.length, 4);
    });

    it('a file over the size limit', () => {
      const root = workspace();
      writeFileSync(join(root, 'terraform/huge.tf'), `# ${'x'.repeat(11 * 1024 * 1024)}\n`);
      const read = summary(root, 'terraform');
      assert.ok(read.problems.includes('terraform/huge.tf is not read: it is 11 MB, over the 10 MB limit.'), read.problems.join(' | '));
      assert.equal(read.stores.length, 4);
    });

    it('a module cycle', () => {
      const root = mkdtempSync(join(tmpdir(), 'cap-terraform-'));
      mkdirSync(join(root, 'infra/modules/a'), { recursive: true });
      mkdirSync(join(root, 'infra/modules/b'), { recursive: true });
      writeFileSync(join(root, 'infra/main.tf'), 'module "a" {\n  source = "./modules/a"\n}\n');
      writeFileSync(join(root, 'infra/modules/a/main.tf'), 'module "b" {\n  source = "../b"\n}\nresource "aws_dynamodb_table" "a" {\n  name = "a"\n}\n');
      writeFileSync(join(root, 'infra/modules/b/main.tf'), 'module "a" {\n  source = "../a"\n}\n');
      const read = summary(root, 'infra');
      assert.deepEqual(read.problems, ['infra/modules/a is not read again: its modules call each other in a cycle.']);
      assert.deepEqual(
        read.stores.map((s) => s[0]),
        ['module.a.aws_dynamodb_table.a'],
      );
    });

    it('a plan of another format version, and a JSON file that is neither', () => {
      const root = workspace();
      writeFileSync(join(root, 'future.json'), JSON.stringify({ format_version: '2.0', planned_values: { root_module: {} } }));
      writeFileSync(join(root, 'other.json'), JSON.stringify({ terraform_version: '1.9', note: 'not a state' }));
      assert.deepEqual(summary(root, 'future.json').problems, ['future.json is not read: its format_version 2.0 is not one this version reads (1.x).']);
      assert.deepEqual(summary(root, 'other.json').problems, ['other.json is not read: it is neither a template nor a Terraform plan or state.']);
    });

    it('modules nested deeper than the limit: one finding, the levels above read', () => {
      const root = mkdtempSync(join(tmpdir(), 'cap-terraform-'));
      let folder = join(root, 'deep');
      for (let level = 0; level < 20; level++) {
        mkdirSync(folder, { recursive: true });
        writeFileSync(
          join(folder, 'main.tf'),
          `module "next" {\n  source = "./next"\n}\nresource "aws_s3_bucket" "level${level}" {\n  bucket = "level-${level}"\n}\n`,
        );
        folder = join(folder, 'next');
      }
      const read = summary(root, 'deep');
      assert.deepEqual(read.problems, [`deep/${'next/'.repeat(16)}is not read: modules nest more than 16 deep.`.replace('/is not', ' is not')]);
      assert.equal(read.stores.length, 16);
    });

    it('for_each and dynamic over unknowns, expressions it does not evaluate, locals that refer to each other: unknown, never a crash', () => {
      const root = mkdtempSync(join(tmpdir(), 'cap-terraform-'));
      mkdirSync(join(root, 'tf'));
      writeFileSync(
        join(root, 'tf/main.tf'),
        `provider "aws" {
  region = "us-east-1"
}
locals {
  a = local.b
  b = local.a
}
resource "aws_dynamodb_table" "per_region" {
  for_each = toset(data.aws_regions.all.names)
  name     = each.key
  dynamic "replica" {
    for_each = var.replicas
    content {
      region_name = replica.value
    }
  }
}
resource "aws_dynamodb_table" "odd" {
  name = provider::aws::arn_parse(local.a)
  replica {
    region_name = templatefile("x.tpl", {})
  }
  replica {
    region_name = local.a
  }
}
`,
      );
      const read = summary(root, 'tf');
      assert.deepEqual(read.problems, []);
      assert.deepEqual(
        read.stores.map((s) => [s[0], s[1], (s[2] as unknown[]).length]),
        [
          // One reading of the configuration whose instances are unknown; its replicas unknown, so is their consistency.
          [
            'aws_dynamodb_table.per_region',
            { unknown: 'consistency_mode: the dynamic "replica" blocks, repeated by for_each over the variable replicas, which has no default' },
            2,
          ],
          ['aws_dynamodb_table.odd', 'dynamodb-global', 3],
        ],
      );
    });

    it('a variable without a default leaves the Region unknown, never guessed', () => {
      const root = mkdtempSync(join(tmpdir(), 'cap-terraform-'));
      mkdirSync(join(root, 'tf'));
      writeFileSync(
        join(root, 'tf/main.tf'),
        'variable "region" {}\nprovider "aws" {\n  region = var.region\n}\nresource "aws_dynamodb_table" "t" {\n  name = "t"\n}\nresource "aws_s3_bucket" "b" {\n  region = "eu-west-1"\n}\n',
      );
      assert.deepEqual(
        summary(root, 'tf').stores.map((s) => [s[0], s[2]]),
        [
          ['aws_dynamodb_table.t', [{ unknown: 'the variable region, which has no default' }]],
          // AWS provider 6: a resource's own region argument wins.
          ['aws_s3_bucket.b', ['eu-west-1']],
        ],
      );
    });
  });

  it('.tf.json (the JSON syntax): providers, variables, locals, a dynamic block and provider = "aws.west" read as in .tf, at the line of each resource name', () => {
    const root = mkdtempSync(join(tmpdir(), 'cap-terraform-'));
    cpSync(join(fixtures, 'terraform-json'), join(root, 'tf'), { recursive: true });
    const read = summary(root, 'tf');
    assert.deepEqual(read.stores, [
      ['aws_dynamodb_table.orders', 'dynamodb-global-strong', ['us-east-1', 'us-east-2'], 'us-west-2', null, null, 'tf/main.tf.json:12'],
      ['aws_s3_bucket.media', 's3', ['us-west-2'], null, null, null, 'tf/main.tf.json:19'],
    ]);
    assert.deepEqual(read.problems, []);
  });

  it('a catalog without Terraform never loads the parser; one with Terraform loads it once', () => {
    const script = (catalog: string) => `
      const files = require(${JSON.stringify(join(__dirname, '../../src/workspace/files.js'))});
      const terraform = require(${JSON.stringify(join(__dirname, '../../src/workspace/terraform.js'))});
      const path = ${JSON.stringify(catalog)};
      files.analyzeCatalogFileAsync(require('node:fs').readFileSync(path, 'utf8'), { catalogPath: path })
        .then((analysis) => console.log(terraform.terraformParserLoaded(), analysis.findings.length > 0));`;
    const run = (catalog: string) => spawnSync(process.execPath, ['-e', script(catalog)], { encoding: 'utf8' }).stdout.trim();
    assert.equal(run(join(__dirname, '../../../examples/storefront.catalog.yaml')), 'false true');
    const root = workspace();
    const linked = join(root, 'shop.catalog.yaml');
    writeFileSync(
      linked,
      `${US_HEADER}infrastructure: [terraform]\ndataTypes:\n  - name: carts\n    category: cart\n    resources: [aws_dynamodb_table.carts]\n`,
    );
    assert.equal(run(linked), 'true true');
  });

  it('draft: from a Terraform folder and from a plan, schema-valid, named after the resources', () => {
    const root = workspace();
    for (const path of ['terraform', 'terraform-plan/plan.json']) {
      const system = loadDeployedSystem([{ index: 0, path }], { catalogDir: root, workspaceRoot: root })!;
      const text = draftCatalog(system, { infrastructure: [path] });
      const analysis = analyze(root, text);
      assert.deepEqual(analysis.findings.filter((f) => f.severity === 'error' && f.ruleId !== 'infrastructure-unreadable').map(where), [], path);
      assert.deepEqual(
        analysis.report.dataTypes.map((dt) => `${dt.name} ${dt.need.category} ${dt.declaredStore}`),
        ['orders transaction dynamodb-global-strong', 'carts cart dynamodb-global', 'media media s3', 'ledger transaction aurora-global'],
        path,
      );
    }
  });
});

describe('Terraform S3 Multi-Region Access Points (issue 33)', () => {
  before(() => loadTerraformParser());

  const PROVIDERS = 'provider "aws" {\n  region = "us-east-1"\n}\n\nprovider "aws" {\n  alias  = "west"\n  region = "us-west-2"\n}\n\n';
  const BUCKETS =
    'resource "aws_s3_bucket" "east" {\n  bucket = "images-east"\n}\n\nresource "aws_s3_bucket" "west" {\n  provider = aws.west\n  bucket   = "images-west"\n}\n\n';
  const replication = (from: string, to: string) =>
    `resource "aws_s3_bucket_replication_configuration" "${from}" {\n  bucket = aws_s3_bucket.${from}.id\n  role   = "r"\n\n  rule {\n    status = "Enabled"\n\n    destination {\n      bucket = ${to}\n    }\n  }\n}\n\n`;
  const accessPoint = (second: string) =>
    `resource "aws_s3control_multi_region_access_point" "images" {\n  details {\n    name = "images"\n\n    region {\n      bucket = aws_s3_bucket.east.id\n    }\n\n    region {\n      bucket = ${second}\n    }\n  }\n}\n`;
  /** Each bucket of the access point: its address, its Region, and where it replicates to. */
  const buckets = (tf: string) => {
    const root = mkdtempSync(join(tmpdir(), 'cap-mrap-'));
    mkdirSync(join(root, 'tf'));
    writeFileSync(join(root, 'tf/main.tf'), PROVIDERS + tf);
    const system = loadDeployedSystem([{ index: 0, path: 'tf' }], { catalogDir: root, workspaceRoot: root })!;
    return (system.accessPoints ?? []).map((point) => [
      point.logicalId,
      point.buckets.map((b) => ('unknown' in b ? b : [b.bucket.logicalId, b.region, b.replicatesTo.map((to) => ('unknown' in to ? to : to.logicalId))])),
    ]);
  };

  it("reads the buckets of details { region { bucket } }, each in its provider's Region, replicated both ways", () => {
    assert.deepEqual(
      buckets(BUCKETS + replication('east', 'aws_s3_bucket.west.arn') + replication('west', 'aws_s3_bucket.east.arn') + accessPoint('aws_s3_bucket.west.id')),
      [
        [
          'aws_s3control_multi_region_access_point.images',
          [
            ['aws_s3_bucket.east', 'us-east-1', ['aws_s3_bucket.west']],
            ['aws_s3_bucket.west', 'us-west-2', ['aws_s3_bucket.east']],
          ],
        ],
      ],
    );
  });

  it('reads one-way replication as such, and a bucket given by name', () => {
    assert.deepEqual(buckets(BUCKETS + replication('east', 'aws_s3_bucket.west.arn') + accessPoint('"images-west"')), [
      [
        'aws_s3control_multi_region_access_point.images',
        [
          ['aws_s3_bucket.east', 'us-east-1', ['aws_s3_bucket.west']],
          ['aws_s3_bucket.west', 'us-west-2', []],
        ],
      ],
    ]);
  });

  it('keeps a bucket from a variable, and a destination from a variable, unknown', () => {
    const variable = 'variable "peer" {\n  type = string\n}\n\n';
    const [[, fromVariable]] = buckets(variable + BUCKETS + accessPoint('var.peer'));
    assert.equal(fromVariable.length, 2);
    assert.match(JSON.stringify(fromVariable[1]), /^\{"unknown":/);
    const [[, destination]] = buckets(variable + BUCKETS + replication('east', 'var.peer') + accessPoint('aws_s3_bucket.west.id'));
    assert.deepEqual(destination[0], ['aws_s3_bucket.east', 'us-east-1', [{ unknown: 'a destination bucket the configuration does not deploy' }]]);
  });
});

describe('every rule of the deployed system, fed from Terraform: fires, and stays silent once fixed', () => {
  before(() => loadTerraformParser());

  const PROVIDERS = 'provider "aws" {\n  region = "us-east-1"\n}\n\nprovider "aws" {\n  alias  = "east2"\n  region = "us-east-2"\n}\n\n';
  const table = (replica: string, extra = '') =>
    `resource "aws_dynamodb_table" "orders" {\n  name     = "orders"\n  hash_key = "id"\n\n  replica {\n    region_name = "${replica}"\n${extra}  }\n}\n`;
  const strong = '    consistency_mode = "STRONG"\n';
  const witness = '\nresource "aws_dynamodb_table" "unused" {\n  name = "unused"\n}\n';
  const entry = (fields: string) => `${US_HEADER}infrastructure: [tf]\ndataTypes:\n  - name: orders\n${fields}`;
  const ORDERS =
    '    category: transaction\n    store: dynamodb-global-strong\n    topology: hot-hot\n    regions: [us-east-1, us-east-2]\n    splitBrainGuards: [{ type: witness-region, region: us-west-2 }]\n';
  const withWitness = (replica: string) => table(replica, strong).replace('\n}\n', '\n  global_table_witness {\n    region_name = "us-west-2"\n  }\n}\n');
  const cases: Array<{ rule: string; fires: [string, string]; silent: [string, string] }> = [
    {
      rule: 'unknown-resource',
      fires: [withWitness('us-east-2'), entry(`${ORDERS}    resources: [aws_dynamodb_table.order]\n`)],
      silent: [withWitness('us-east-2'), entry(`${ORDERS}    resources: [aws_dynamodb_table.orders]\n`)],
    },
    {
      rule: 'store-drift',
      fires: [table('us-east-2'), entry(`${ORDERS}    resources: [aws_dynamodb_table.orders]\n`)],
      silent: [withWitness('us-east-2'), entry(`${ORDERS}    resources: [aws_dynamodb_table.orders]\n`)],
    },
    {
      rule: 'region-drift',
      fires: [withWitness('eu-west-1'), entry(`${ORDERS}    resources: [aws_dynamodb_table.orders]\n`)],
      silent: [withWitness('us-east-2'), entry(`${ORDERS}    resources: [aws_dynamodb_table.orders]\n`)],
    },
    {
      rule: 'guard-not-deployed',
      fires: [table('us-east-2', strong), entry(`${ORDERS}    resources: [aws_dynamodb_table.orders]\n`)],
      silent: [withWitness('us-east-2'), entry(`${ORDERS}    resources: [aws_dynamodb_table.orders]\n`)],
    },
    {
      rule: 'strong-table-topology',
      fires: [withWitness('eu-west-1'), entry(`${ORDERS}    resources: [aws_dynamodb_table.orders]\n`)],
      silent: [withWitness('us-east-2'), entry(`${ORDERS}    resources: [aws_dynamodb_table.orders]\n`)],
    },
    {
      rule: 'unclaimed-resource',
      fires: [withWitness('us-east-2') + witness, entry(`${ORDERS}    resources: [aws_dynamodb_table.orders]\n`)],
      silent: [withWitness('us-east-2'), entry(`${ORDERS}    resources: [aws_dynamodb_table.orders]\n`)],
    },
    {
      rule: 'replication-without-rtc',
      fires: [
        'resource "aws_s3_bucket" "media" {\n  bucket = "media"\n}\n\nresource "aws_s3_bucket" "copy" {\n  provider = aws.east2\n  bucket   = "copy"\n}\n\nresource "aws_s3_bucket_replication_configuration" "media" {\n  bucket = aws_s3_bucket.media.id\n\n  rule {\n    status = "Enabled"\n\n    destination {\n      bucket = aws_s3_bucket.copy.arn\n    }\n  }\n}\n',
        entry('    category: media\n    store: s3\n    regions: [us-east-1, us-east-2]\n    rpo: 15m\n    resources: [aws_s3_bucket.media]\n'),
      ],
      silent: [
        'resource "aws_s3_bucket" "media" {\n  bucket = "media"\n}\n\nresource "aws_s3_bucket" "copy" {\n  provider = aws.east2\n  bucket   = "copy"\n}\n\nresource "aws_s3_bucket_replication_configuration" "media" {\n  bucket = aws_s3_bucket.media.id\n\n  rule {\n    status = "Enabled"\n\n    destination {\n      bucket = aws_s3_bucket.copy.arn\n\n      replication_time {\n        status = "Enabled"\n        time {\n          minutes = 15\n        }\n      }\n    }\n  }\n}\n',
        entry('    category: media\n    store: s3\n    regions: [us-east-1, us-east-2]\n    rpo: 15m\n    resources: [aws_s3_bucket.media]\n'),
      ],
    },
    {
      rule: 'failover-drift',
      fires: [
        'resource "aws_rds_global_cluster" "ledger" {\n  global_cluster_identifier = "ledger"\n}\n\nresource "aws_rds_cluster" "a" {\n  engine                    = "aurora-postgresql"\n  global_cluster_identifier = aws_rds_global_cluster.ledger.id\n}\n\nresource "aws_rds_cluster" "b" {\n  provider                  = aws.east2\n  engine                    = "aurora-postgresql"\n  global_cluster_identifier = aws_rds_global_cluster.ledger.id\n}\n\nresource "aws_route53_health_check" "api" {\n  type = "HTTPS"\n}\n\nresource "aws_route53_record" "api" {\n  name            = "api.example.com"\n  health_check_id = aws_route53_health_check.api.id\n\n  failover_routing_policy {\n    type = "PRIMARY"\n  }\n}\n',
        entry(
          '    category: transaction\n    store: aurora-global\n    regions: [us-east-1, us-east-2]\n    failover: manual\n    resources: [aws_rds_global_cluster.ledger]\n',
        ),
      ],
      silent: [
        'resource "aws_rds_global_cluster" "ledger" {\n  global_cluster_identifier = "ledger"\n}\n\nresource "aws_rds_cluster" "a" {\n  engine                    = "aurora-postgresql"\n  global_cluster_identifier = aws_rds_global_cluster.ledger.id\n}\n\nresource "aws_rds_cluster" "b" {\n  provider                  = aws.east2\n  engine                    = "aurora-postgresql"\n  global_cluster_identifier = aws_rds_global_cluster.ledger.id\n}\n\nresource "aws_route53_health_check" "api" {\n  type                = "RECOVERY_CONTROL"\n  routing_control_arn = "arn:aws:route53-recovery-control::123456789012:controlpanel/x/routingcontrol/y"\n}\n\nresource "aws_route53_record" "api" {\n  name            = "api.example.com"\n  health_check_id = aws_route53_health_check.api.id\n\n  failover_routing_policy {\n    type = "PRIMARY"\n  }\n}\n',
        entry(
          '    category: transaction\n    store: aurora-global\n    regions: [us-east-1, us-east-2]\n    failover: manual\n    resources: [aws_rds_global_cluster.ledger]\n',
        ),
      ],
    },
  ];
  const findings = ([tf, catalog]: [string, string]) => {
    const root = mkdtempSync(join(tmpdir(), 'cap-terraform-'));
    mkdirSync(join(root, 'tf'));
    writeFileSync(join(root, 'tf/main.tf'), PROVIDERS + tf);
    return analyze(root, catalog).findings;
  };
  for (const { rule, fires, silent } of cases) {
    it(rule, () => {
      const fired = findings(fires);
      assert.ok(
        fired.some((f) => f.ruleId === rule),
        `${rule} not in ${fired.map((f) => f.ruleId).join(', ')}`,
      );
      const quiet = findings(silent);
      assert.deepEqual(quiet.filter((f) => f.ruleId === rule || f.severity === 'error').map(where), []);
    });
  }
});
