// The npm package as a CI user gets it: packed, installed from the tarball into an empty
// project, and run through npx, with no build step on their side.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repoRoot = join(__dirname, '../../..');
const example = join(repoRoot, 'examples/storefront.catalog.yaml');
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('npm package', function () {
  this.timeout(120_000);
  let workDir: string;
  let tarball: string;
  let packedFiles: string[];

  before(() => {
    workDir = mkdtempSync(join(tmpdir(), 'cap-advisor-pack-'));
    // `npm test` has just built dist/; `npm pack` on its own runs the same build through `prepare`.
    const [packed] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', workDir], repoRoot));
    tarball = join(workDir, packed.filename);
    packedFiles = packed.files.map((file: { path: string }) => file.path).sort();
  });

  after(() => rmSync(workDir, { recursive: true, force: true }));

  it('holds the bin, the bundled CLI, the schema and the top-level docs, and no sources, tests or benchmark', () => {
    assert.deepEqual(packedFiles, [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'bin/cap-advisor.js',
      'dist/cli.js',
      'dist/tree-sitter-terraform.wasm',
      'dist/web-tree-sitter.wasm',
      'package.json',
      'schemas/data-catalog.schema.json',
    ]);
  });

  it("installs from the tarball into an empty project offline, with no dependency, and its bin gives the same JSON as the repository's", () => {
    const project = join(workDir, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'shop-platform', private: true }));
    // --offline: the bundle must need nothing from the registry.
    npm(['install', '--offline', '--no-audit', '--no-fund', tarball], project);
    const installed = JSON.parse(readFileSync(join(project, 'node_modules/cap-advisor/package.json'), 'utf8'));
    assert.equal(installed.dependencies, undefined);

    const fromPackage = spawnSync('npx', ['--no-install', 'cap-advisor', 'check', '--format', 'json', example], { cwd: project, encoding: 'utf8' });
    assert.equal(fromPackage.stderr, '');
    assert.equal(fromPackage.status, 1, 'the example has error findings');
    const report = JSON.parse(fromPackage.stdout);
    assert.equal(report.files.length, 1);
    assert.equal(report.files[0].file, example);
    const carts = report.files[0].findings.find((f: { ruleId: string; dataType: string }) => f.ruleId === 'hot-hot-without-guard' && f.dataType === 'carts');
    assert.deepEqual(carts?.range.start, { line: 96, column: 15 });

    const fromRepository = spawnSync(process.execPath, [join(repoRoot, 'bin/cap-advisor.js'), 'check', '--format', 'json', example], { encoding: 'utf8' });
    assert.equal(fromPackage.stdout, fromRepository.stdout);

    // The Terraform parser's WebAssembly ships beside the bundle and loads from there.
    const fixtures = join(repoRoot, 'test/fixtures');
    const drafted = spawnSync('npx', ['--no-install', 'cap-advisor', 'draft', '--from', join(fixtures, 'terraform'), '--root', fixtures], {
      cwd: project,
      encoding: 'utf8',
    });
    assert.equal(drafted.status, 0, drafted.stderr);
    assert.match(drafted.stdout, /resources: \[aws_dynamodb_table\.orders\]/);
  });

  it("`npm pack` prints only the tarball's name, build included, as pre-commit reads it to install the hook", () => {
    // This runs `prepare` (the build) in the repository: deterministic, so out/ and dist/ come out the same.
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    assert.equal(npm(['pack', '--dry-run'], repoRoot), `cap-advisor-${version}.tgz\n`);
  });
});
