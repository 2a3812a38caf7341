// SARIF that GitHub code scanning takes without a complaint: Microsoft's validator, with GitHub's
// rule kind and SARIF's own, on the example (linked CloudFormation, an accepted risk), a catalog
// linking CloudFormation and Terraform, one with several accepted risks, and a 1,000-type catalog.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ruleRegistry } from '../../src/engine';
import { sarifProblems } from '../helpers/sarifValidator';
import { US_HEADER } from '../helpers/catalogs';

const repoRoot = join(__dirname, '../../..');
const fixtures = join(repoRoot, 'test/fixtures');

function sarifOf(args: string[], cwd = repoRoot): string {
  const run = spawnSync(process.execPath, [join(repoRoot, 'bin/cap-advisor.js'), 'check', '--format', 'sarif', ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return run.stdout;
}

interface SarifRule {
  id: string;
  fullDescription?: { text: string; markdown?: string };
  help?: { text: string; markdown?: string };
}
const rulesOf = (sarif: string): SarifRule[] => JSON.parse(sarif).runs[0].tool.driver.rules;

describe('SARIF for GitHub code scanning', function () {
  // The validator is a .NET program: about a second a file.
  this.timeout(120_000);

  it('the example (linked CloudFormation, an accepted risk): no error and no warning', () => {
    assert.deepEqual(sarifProblems(sarifOf(['examples/storefront.catalog.yaml'])), []);
  });

  it('a catalog that links CloudFormation and Terraform, with related locations in both: no error and no warning', () => {
    const root = mkdtempSync(join(tmpdir(), 'cap-sarif-linked-'));
    cpSync(join(fixtures, 'terraform'), join(root, 'terraform'), { recursive: true });
    cpSync(join(fixtures, 'cloudformation/orders.yaml'), join(root, 'cloudformation/orders.yaml'));
    writeFileSync(
      join(root, 'shop.catalog.yaml'),
      `${US_HEADER}infrastructure:
  - terraform
  - { path: cloudformation/orders.yaml, region: us-east-1 }
dataTypes:
  - name: orders
    category: transaction
    topology: hot-hot
    store: dynamodb-global
    resources: [aws_dynamodb_table.orders]
  - name: carts
    category: cart
    topology: hot-hot
    store: dynamodb-global
    regions: [us-east-1]
    resources: [CartsTable]
  - name: ledger
    category: transaction
    store: aurora-global
    failover: manual
    resources: [module.ledger.aws_rds_global_cluster.this]
`,
    );
    const sarif = sarifOf(['--root', root, join(root, 'shop.catalog.yaml')], root);
    const results = JSON.parse(sarif).runs[0].results as Array<{
      ruleId: string;
      relatedLocations?: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
    }>;
    const relatedFiles = new Set(
      results
        .flatMap((result) => result.relatedLocations ?? [])
        .map((related) => related.physicalLocation.artifactLocation.uri.replace(/^.*?\/(terraform|cloudformation)\//, '$1/')),
    );
    assert.ok(
      [...relatedFiles].some((uri) => uri.startsWith('terraform/')) && [...relatedFiles].some((uri) => uri.startsWith('cloudformation/')),
      [...relatedFiles].join(', '),
    );
    assert.deepEqual(sarifProblems(sarif), []);
  });

  it('a catalog with accepted risks (suppressed results with their reasons), and one accepted risk that no longer fires: no error and no warning', () => {
    const root = mkdtempSync(join(tmpdir(), 'cap-sarif-accepted-'));
    writeFileSync(
      join(root, 'shop.catalog.yaml'),
      `${US_HEADER}dataTypes:
  - name: reports
    category: analytics
    store: dynamodb-global
    stalenessBudget: 10ms
    rpo: 0s
    acceptedRisks:
      - rule: staleness-budget-exceeded
        reason: "Reports tolerate a lag; signed off in review 42 (\\"quotes\\", <tags> & ampersands)"
      - rule: rpo-unachievable
        reason: Rebuilt from the event log
  - name: media
    category: media
    store: s3
    acceptedRisks:
      - { rule: store-mismatch, reason: Accepted before the store changed }
`,
    );
    const sarif = sarifOf([join(root, 'shop.catalog.yaml')], root);
    const suppressed = (JSON.parse(sarif).runs[0].results as Array<{ suppressions?: unknown[] }>).filter((result) => result.suppressions);
    assert.equal(suppressed.length, 2);
    assert.deepEqual(sarifProblems(sarif), []);
  });

  it('a catalog of 1,000 data types: no error and no warning, and no hint becomes an alert', async () => {
    const { generateCatalog } = (await import(join(repoRoot, 'bench/generate.mjs'))) as { generateCatalog(size: number): string };
    const root = mkdtempSync(join(tmpdir(), 'cap-sarif-large-'));
    writeFileSync(join(root, 'large.catalog.yaml'), generateCatalog(1_000));
    const sarif = sarifOf([join(root, 'large.catalog.yaml')], root);
    const levels = new Set(
      (JSON.parse(sarif).runs[0].results as Array<{ level: string; ruleId: string; message: { text: string } }>)
        .filter((result) => result.ruleId === 'recommendation')
        .map((result) => (result.message.text.includes('fits') ? 'fits' : result.level)),
    );
    assert.ok(!levels.has('fits'), 'a recommendation whose declared store fits is a hint, left out of SARIF');
    assert.deepEqual(sarifProblems(sarif), []);
  });

  it("every rule carries its page's lead paragraph as fullDescription and the page as help", () => {
    const rules = rulesOf(sarifOf(['examples/storefront.catalog.yaml']));
    assert.deepEqual(
      rules.map((rule) => rule.id),
      ruleRegistry.map((rule) => rule.id),
    );
    for (const rule of rules) {
      const page = readFileSync(join(repoRoot, 'docs/rules', `${rule.id}.md`), 'utf8');
      const lead = page.split(/\n\s*\n/)[2].replace(/\s*\n\s*/g, ' ');
      assert.equal(rule.fullDescription?.markdown, lead, rule.id);
      assert.ok(rule.fullDescription!.text.length > 0 && !rule.fullDescription!.text.includes('`'), `${rule.id}: plain text`);
      assert.ok(rule.help?.markdown?.startsWith(`# ${rule.id}\n`), rule.id);
      assert.doesNotMatch(rule.help!.markdown!, /\]\((?!https?:|#)/, `${rule.id}: every link in the help is absolute`);
    }
  });

  it('the check fails when a rule loses its fullDescription (GH2012), so it cannot pass by accident', () => {
    const log = JSON.parse(sarifOf(['examples/storefront.catalog.yaml']));
    delete log.runs[0].tool.driver.rules[7].fullDescription;
    const problems = sarifProblems(JSON.stringify(log, null, 2));
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0], /^GH2012 error at line \d+: Error_MissingFullDescription runs\[0\]\.tool\.driver\.rules\[7\]/);
  });
});
