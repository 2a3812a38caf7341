// `npm run bench`: how much the analysis costs beyond the YAML parse it cannot avoid, at 100,
// 1,000 and 10,000 data types, and the whole CLI process beside Spectral on the largest file.
// Prints figures; asserts nothing (goals are read off the table, not enforced by a timer).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generateCatalog } from './generate.mjs';
import { measureLanguageServer, measureTypingWithReport } from './languageServer.mjs';
import { catalogLinking, catalogLinkingTerraform, generateTemplate, generateTerraform } from './infrastructure.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(benchDir, '..');
const require = createRequire(import.meta.url);
const { parseDocument } = require('yaml');
const { analyzeCatalog, completionsAt, dataTypeLenses, hoverAt, planExperiment, simulate, STORE_IDS } = require(join(repoRoot, 'out/src/engine/index.js'));
const experimentFormats = require(join(repoRoot, 'out/src/report/experiments.js'));
const { readPlainCatalog } = require(join(repoRoot, 'out/src/engine/read/fastReader.js'));
const { analyzeCatalogFile, analyzeCatalogFileAsync, readCounter } = require(join(repoRoot, 'out/src/workspace/files.js'));
const terraformParser = require(join(repoRoot, 'out/src/workspace/terraform.js'));

const SIZES = process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',').map(Number) : [100, 1_000, 10_000];
/** Runs per size: enough for a stable median without making the benchmark slow. */
const RUNS = { 100: 300, 1_000: 40, 10_000: 9 };
const runsFor = (size) => RUNS[size] ?? 5;
const PROCESS_RUNS = 7;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function timeOf(fn, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  return median(times);
}

/**
 * Wall times of several commands, their runs interleaved (a, b, a, b, ...) so that a slow stretch
 * of the machine weighs on each alike, as the guard does; the median of each.
 */
function interleavedWallTimes(commands) {
  const times = commands.map(() => []);
  const last = [];
  for (let i = 0; i < PROCESS_RUNS; i++) {
    commands.forEach(([command, args], k) => {
      const started = performance.now();
      last[k] = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 30 });
      times[k].push(performance.now() - started);
      if (last[k].error) throw last[k].error;
    });
  }
  return commands.map((_, k) => ({ ms: median(times[k]), result: last[k] }));
}

function wallTime(command, args) {
  return interleavedWallTimes([[command, args]])[0];
}

function ensureSpectral() {
  const spectral = join(benchDir, 'node_modules/.bin/spectral');
  if (!existsSync(spectral)) {
    console.log("Installing the benchmark's own dependencies (Spectral) into bench/node_modules ...");
    const install = spawnSync('npm', ['ci', '--prefix', benchDir, '--no-audit', '--no-fund', '--loglevel=error'], { stdio: 'inherit' });
    if (install.status !== 0) throw new Error('npm ci --prefix bench failed');
  }
  return spectral;
}

/**
 * The Spectral side: the same JSON Schema, embedded, plus three rules as close to ours as
 * Spectral's JSONPath and core functions allow. They ignore `defaults` and our rules'
 * exceptions, so Spectral does less work than cap-advisor, not more.
 */
function writeSpectralRuleset() {
  const schema = JSON.parse(readFileSync(join(repoRoot, 'schemas/data-catalog.schema.json'), 'utf8'));
  const ruleset = {
    rules: {
      'catalog-schema': { given: '$', severity: 'error', then: { function: 'schema', functionOptions: { schema, dialect: 'draft2020-12', allErrors: true } } },
      'hot-hot-without-guard': { given: "$.dataTypes[?(@.topology == 'hot-hot')]", severity: 'error', then: { field: 'splitBrainGuards', function: 'truthy' } },
      'single-writer-hot-hot': {
        given: "$.dataTypes[?(@.topology == 'hot-hot')].store",
        severity: 'error',
        then: { function: 'pattern', functionOptions: { notMatch: '^aurora-global$' } },
      },
      'ca-in-multi-region': { given: "$.dataTypes[?(@.cap == 'CA')].regions", severity: 'error', then: { function: 'length', functionOptions: { max: 1 } } },
    },
  };
  const file = join(generatedDir, '.spectral.json');
  writeFileSync(file, JSON.stringify(ruleset, null, 2));
  return file;
}

const ms = (value) => value.toFixed(value < 10 ? 2 : 1).padStart(9);

const cpus = os.cpus();
console.log(
  `Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`,
);
console.log("Medians, once warm. yaml parse: yaml's parseDocument with the engine's options, the floor the goals were set");
console.log('against. analysis: the whole engine; plain catalogs like these are read by its fast reader (js-yaml with spans),');
console.log('timed alone as "fast read". via yaml: the same catalog behind a `%YAML 1.2` directive, which sends it to yaml,');
console.log('as a catalog with anchors or tags would be.\n');
console.log('data types |     bytes | yaml parse ms | analysis ms | ratio | fast read ms | beyond read ms | via yaml ms | ratio | findings');
console.log('-----------|-----------|---------------|-------------|-------|--------------|----------------|-------------|-------|---------');

const generatedDir = join(benchDir, '.generated');
/** The whole `check --format json` process on a generated catalog (its linked infrastructure beside it). */
const checkProcess = (file) => wallTime(process.execPath, [join(repoRoot, 'bin/cap-advisor.js'), 'check', '--format', 'json', '--root', generatedDir, file]);
mkdirSync(generatedDir, { recursive: true });
const files = {};
for (const size of SIZES) {
  const text = generateCatalog(size);
  const file = join(generatedDir, `bench-${size}.catalog.yaml`);
  writeFileSync(file, text);
  files[size] = file;
  const viaYaml = `%YAML 1.2\n---\n${text}`;
  if (!readPlainCatalog(text) || readPlainCatalog(viaYaml)) throw new Error(`bench-${size} did not take the intended readers`);
  const subjects = {
    parse: () => parseDocument(text, { merge: true, prettyErrors: false }),
    analysis: () => analyzeCatalog(text),
    read: () => readPlainCatalog(text),
    viaYaml: () => analyzeCatalog(viaYaml),
  };
  // Warm up every subject, so the JIT has compiled the hot paths before timing ("once warm").
  for (let i = 0; i < Math.max(3, runsFor(size) / 10); i++) for (const run of Object.values(subjects)) run();
  // Interleave, so a slower second half of the run (GC, thermal) favours none of them.
  const times = Object.fromEntries(Object.keys(subjects).map((name) => [name, []]));
  for (let i = 0; i < runsFor(size); i++) {
    for (const [name, run] of Object.entries(subjects)) times[name].push(timeOf(run, 1));
  }
  const { parse, analysis, read, viaYaml: yamlPath } = Object.fromEntries(Object.entries(times).map(([name, list]) => [name, median(list)]));
  const findings = subjects.analysis().findings.length;
  if (subjects.viaYaml().findings.length !== findings) throw new Error(`bench-${size}: the two readers gave different findings`);
  console.log(
    [
      String(size).padStart(10),
      String(text.length).padStart(9),
      ms(parse).padStart(13),
      ms(analysis).padStart(11),
      (analysis / parse).toFixed(2).padStart(5),
      ms(read).padStart(12),
      ms(analysis - read).padStart(14),
      ms(yamlPath).padStart(11),
      (yamlPath / parse).toFixed(2).padStart(5),
      String(findings).padStart(8),
    ].join(' | '),
  );
}

// The editor's features on the analysis it already holds (the diagnostics' last one), at a data
// type in the middle of the file: what a keystroke or a scroll costs once warm.
console.log('\nEditor features, medians once warm, given the last analysis (goals at 1,000 data types: completion and code lenses under 20 ms):');
console.log('Hovers find their node in the analysis\'s own reading: "first hover" is the first after an edit (its analysis made), "hover" the ones after it.');
console.log('data types | completion at store: ms | completion of a key ms | code lenses ms | hover ms | first hover ms');
console.log('-----------|-------------------------|------------------------|----------------|----------|---------------');
for (const size of SIZES) {
  const text = readFileSync(files[size], 'utf8');
  const analysis = analyzeCatalog(text);
  const middle = text.indexOf(`  - name: ${['transaction', 'inventory', 'authorization', 'account', 'session', 'cart'][(size >> 1) % 6]}-`, text.length >> 1);
  const storeValue = text.indexOf('    store: ', middle) + '    store: '.length;
  const keyStart = text.indexOf('    category: ', middle) + 4;
  const nameAt = middle + '  - name: '.length;
  if (
    completionsAt(text, storeValue, analysis).length !== STORE_IDS.length ||
    completionsAt(text, keyStart, analysis).length === 0 ||
    !hoverAt(text, nameAt, analysis)
  ) {
    throw new Error(`bench-${size}: the editor features found nothing at the middle data type`);
  }
  const subjects = {
    storeCompletion: () => completionsAt(text, storeValue, analysis),
    keyCompletion: () => completionsAt(text, keyStart, analysis),
    lenses: () => dataTypeLenses(analysis),
    hover: () => hoverAt(text, nameAt, analysis),
  };
  for (let i = 0; i < 5; i++) for (const run of Object.values(subjects)) run();
  const runs = Math.max(9, runsFor(size));
  const time = Object.fromEntries(Object.entries(subjects).map(([name, run]) => [name, timeOf(run, runs)]));
  // The first hover after an edit, once the edit's analysis (the diagnostics') is made: a
  // different text each run (a trailing space), analysed untimed, then hovered.
  const edited = Array.from({ length: Math.min(runs, 9) }, (_, i) => {
    const editedText = `${text}${' '.repeat(i + 1)}`;
    return { editedText, editedAnalysis: analyzeCatalog(editedText) };
  });
  let edits = 0;
  const firstHover = timeOf(() => {
    const { editedText, editedAnalysis } = edited[edits++ % edited.length];
    return hoverAt(editedText, nameAt, editedAnalysis);
  }, edited.length);
  console.log(
    [
      String(size).padStart(10),
      ms(time.storeCompletion).padStart(23),
      ms(time.keyCompletion).padStart(22),
      ms(time.lenses).padStart(14),
      ms(time.hover).padStart(8),
      ms(firstHover).padStart(13),
    ].join(' | '),
  );
}

// The language server (`cap-advisor lsp`) as an editor meets it: diagnostics after an unsaved
// edit beside the analysis the server logged for it, a hover after the edit, and a half-typed
// line (one over-indented line, a syntax error) beside valid text.
console.log(
  '\nLanguage server over stdio, medians of 5 edits (goals at 10,000 data types: diagnostics within the analysis + 100 ms, a hover after an edit under 100 ms, a syntax error no dearer than valid text):',
);
console.log('data types | analysis ms | edit to diagnostics ms | added ms | hover after an edit ms | analysis with a syntax error ms');
console.log('-----------|-------------|------------------------|----------|------------------------|--------------------------------');
for (const size of SIZES.filter((size) => size >= 1000)) {
  const server = await measureLanguageServer(repoRoot, readFileSync(files[size], 'utf8'));
  console.log(
    [
      String(size).padStart(10),
      ms(server.serverAnalysis).padStart(11),
      ms(server.editToDiagnostics).padStart(22),
      ms(server.editToDiagnostics - server.serverAnalysis).padStart(8),
      ms(server.hoverAfterEdit).padStart(22),
      ms(server.syntaxErrorAnalysis).padStart(30),
    ].join(' | '),
  );
}

// Typing with the report view open (the VS Code extension asks the server to draw it once
// analyses stop arriving for 250 ms), against typing with it closed: a key, its diagnostics, a pause
// long enough for the view to be asked for, the next key typed while it is drawn.
console.log(
  '\nTyping with the report view open, medians of 7 rounds, each a key with the report closed and one with it open, typed 350 ms after the key before (goal at 2,000 data types: the open report adds nothing):',
);
console.log('data types | report closed ms | report open ms | views drawn | stopped by a key');
console.log('-----------|------------------|----------------|-------------|-----------------');
for (const size of [2_000]) {
  const typing = await measureTypingWithReport(repoRoot, generateCatalog(size));
  console.log(
    [
      String(size).padStart(10),
      ms(typing.typingReportClosed).padStart(16),
      ms(typing.typingReportOpen).padStart(14),
      String(typing.viewsDrawn).padStart(11),
      String(typing.viewsCancelled).padStart(16),
    ].join(' | '),
  );
}

// Partition scenarios: every Region isolated and lost, on the catalog with three more data Regions
// (6 Regions, 12 scenarios), beside the analysis it starts from.
console.log('\nPartition scenarios, medians once warm (goal at 1,000 data types: simulate --all adds under 50 ms to the analysis):');
console.log('data types | Regions | scenarios | analysis ms | simulate ms | outcomes');
console.log('-----------|---------|-----------|-------------|-------------|---------');
const SIX_REGIONS = '  - name: us-east-2\n    role: secondary\n  - name: eu-central-1\n    role: secondary\n  - name: ap-southeast-2\n    role: secondary\n';
for (const size of SIZES) {
  const text = readFileSync(files[size], 'utf8').replace('  # Votes in failover decisions', `${SIX_REGIONS}  # Votes in failover decisions`);
  const analysis = analyzeCatalog(text);
  if (analysis.report.regions.length !== 6) throw new Error(`bench-${size}: expected 6 Regions`);
  for (let i = 0; i < 3; i++) simulate(analysis);
  const runs = Math.max(5, runsFor(size) / 4);
  const analysisMs = timeOf(() => analyzeCatalog(text), runs);
  const simulateMs = timeOf(() => simulate(analysis), runs);
  const results = simulate(analysis);
  console.log(
    [
      String(size).padStart(10),
      '6'.padStart(7),
      String(results.length).padStart(9),
      ms(analysisMs).padStart(11),
      ms(simulateMs).padStart(11),
      String(results.length * analysis.report.dataTypes.length).padStart(8),
    ].join(' | '),
  );
}

// Fault-injection experiments: "isolate us-east-1" with its mirrors, on the same 6-Region catalogs,
// planned and written in every format in the process, and the CLI end to end (Node's start included).
console.log('\nFault-injection experiments for "isolate us-east-1" with --both-ways, 6 Regions, medians once warm');
console.log('(goal at 1,000 data types: the CLI writes them in under 1 s):');
console.log('data types | templates | actions | plan ms | all formats ms | CLI experiment ms | CLI check ms');
console.log('-----------|-----------|---------|---------|----------------|-------------------|-------------');
for (const size of SIZES) {
  const text = readFileSync(files[size], 'utf8').replace('  # Votes in failover decisions', `${SIX_REGIONS}  # Votes in failover decisions`);
  const sixRegionFile = files[size].replace(/\.catalog\.yaml$/, '-6-regions.catalog.yaml');
  writeFileSync(sixRegionFile, text);
  const analysis = analyzeCatalog(text);
  const options = { isolate: 'us-east-1', bothWays: true };
  const renderAll = (plan) => [
    experimentFormats.renderExperimentCloudFormation(plan),
    experimentFormats.renderExperimentTerraform(plan),
    experimentFormats.renderExperimentJson(plan),
    experimentFormats.renderExperimentMarkdown(plan, sixRegionFile),
  ];
  for (let i = 0; i < 3; i++) renderAll(planExperiment(analysis, options));
  const runs = Math.max(5, runsFor(size) / 4);
  const planMs = timeOf(() => planExperiment(analysis, options), runs);
  const plan = planExperiment(analysis, options);
  const renderMs = timeOf(() => renderAll(plan), runs);
  const cliRuns = 5;
  const experimentCli = timeOf(
    () =>
      execFileSync(
        process.execPath,
        [join(repoRoot, 'bin/cap-advisor.js'), 'experiment', '--isolate', 'us-east-1', '--both-ways', '-f', 'cloudformation', sixRegionFile],
        { maxBuffer: 1 << 30 },
      ),
    cliRuns,
  );
  const checkCli = timeOf(() => {
    try {
      execFileSync(process.execPath, [join(repoRoot, 'bin/cap-advisor.js'), 'check', '--format', 'json', sixRegionFile], { maxBuffer: 1 << 30 });
    } catch (error) {
      if (error.status !== 1) throw error;
    }
  }, cliRuns);
  const actions = plan.templates.reduce((sum, template) => sum + template.actions.length, 0);
  console.log(
    [
      String(size).padStart(10),
      String(plan.templates.length).padStart(9),
      String(actions).padStart(7),
      ms(planMs).padStart(7),
      ms(renderMs).padStart(14),
      ms(experimentCli).padStart(17),
      ms(checkCli).padStart(12),
    ].join(' | '),
  );
}

// Linked infrastructure: a 5 MB template of 2,000 resources (CDK's JSON, and YAML with short tags),
// read and linked by the CLI, beside the same catalog without it; and in the editor, an edit to the
// catalog alone must parse no template again.
console.log('\nLinked infrastructure: a template of 2,000 resources (500 of each: global tables, tables, buckets, IAM roles)');
console.log('linked to a catalog of 100 data types (goals: the CLI adds under 1 s; an edit to the catalog reads and parses no template).');
console.log('template | bytes     | CLI without ms | CLI with ms | added ms | first analysis ms | after a catalog edit ms | templates read on the edit');
console.log('---------|-----------|----------------|-------------|----------|-------------------|-------------------------|---------------------------');
for (const format of ['json', 'yaml']) {
  const templateFile = join(generatedDir, `bench-template.${format}`);
  const template = generateTemplate({ format });
  writeFileSync(templateFile, template);
  const linkedFile = join(generatedDir, `bench-linked-${format}.catalog.yaml`);
  const plainFile = join(generatedDir, 'bench-unlinked.catalog.yaml');
  writeFileSync(linkedFile, catalogLinking(`bench-template.${format}`));
  writeFileSync(plainFile, catalogLinking(undefined));
  const without = checkProcess(plainFile);
  const withTemplate = checkProcess(linkedFile);
  const linkedFindings = JSON.parse(withTemplate.result.stdout).files[0].findings;
  if (linkedFindings.some((f) => f.ruleId === 'infrastructure-unreadable' || f.ruleId === 'unknown-resource'))
    throw new Error(`bench-template.${format} was not read: ${linkedFindings[0].message}`);
  // In process, as the extension does: the first analysis reads the template; an edit to the catalog then costs no read.
  const text = readFileSync(linkedFile, 'utf8');
  const options = { catalogPath: linkedFile, workspaceRoot: generatedDir };
  const started = performance.now();
  analyzeCatalogFile(text, options);
  const first = performance.now() - started;
  const reads = readCounter.templates;
  let edit = 0;
  const afterEdit = timeOf(() => analyzeCatalogFile(text.replace('carts-0', `carts-edited-${++edit}`), options), 9);
  console.log(
    [
      format.padEnd(8),
      String(Buffer.byteLength(template)).padStart(9),
      ms(without.ms).padStart(14),
      ms(withTemplate.ms).padStart(11),
      ms(withTemplate.ms - without.ms).padStart(8),
      ms(first).padStart(17),
      ms(afterEdit).padStart(23),
      String(readCounter.templates - reads).padStart(26),
    ].join(' | '),
  );
}

// Terraform: a root module of 200 files and 2,000 resources. The parser (WebAssembly) loads only when
// a catalog links Terraform; the read and link is timed once it is loaded.
{
  console.log('\nTerraform: a root module of 200 .tf files and 2,000 resources linked to a catalog of 100 data types');
  console.log('(goals: read and linked in under 1 s once the parser is loaded; a catalog without Terraform never loads it).');
  const folder = join(generatedDir, 'bench-terraform');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const module = generateTerraform();
  for (const [name, text] of Object.entries(module)) writeFileSync(join(folder, name), text);
  const linkedFile = join(generatedDir, 'bench-terraform.catalog.yaml');
  writeFileSync(linkedFile, catalogLinkingTerraform('bench-terraform'));
  const text = readFileSync(linkedFile, 'utf8');
  const options = { catalogPath: linkedFile, workspaceRoot: generatedDir };
  const plainFile = join(generatedDir, 'bench-unlinked.catalog.yaml');
  const loadStarted = performance.now();
  await terraformParser.loadTerraformParser();
  const loadMs = performance.now() - loadStarted;
  // Each run reads and parses every file afresh: touch them so the cache cannot answer.
  const reads = [];
  for (let run = 0; run < 5; run++) {
    const stamp = new Date(Date.now() + (run + 1) * 1000);
    for (const name of Object.keys(module)) utimesSync(join(folder, name), stamp, stamp);
    const started = performance.now();
    const analysis = await analyzeCatalogFileAsync(text, options);
    reads.push(performance.now() - started);
    if (run === 0 && analysis.findings.some((f) => f.ruleId === 'infrastructure-unreadable' || f.ruleId === 'unknown-resource'))
      throw new Error(
        `bench-terraform was not read: ${analysis.findings.find((f) => f.ruleId === 'infrastructure-unreadable' || f.ruleId === 'unknown-resource').message}`,
      );
  }
  const cached = timeOf(() => analyzeCatalogFile(text.replace('carts-0', 'carts-edited'), options), 9);
  const without = checkProcess(plainFile);
  const withTerraform = checkProcess(linkedFile);
  const bytes = Object.values(module).reduce((sum, t) => sum + Buffer.byteLength(t), 0);
  console.log('files | bytes     | parser load ms | read and link ms | after a catalog edit ms | CLI without ms | CLI with ms | added ms');
  console.log('------|-----------|----------------|------------------|-------------------------|----------------|-------------|---------');
  console.log(
    [
      String(Object.keys(module).length).padEnd(5),
      String(bytes).padStart(9),
      ms(loadMs).padStart(14),
      ms(median(reads)).padStart(16),
      ms(cached).padStart(23),
      ms(without.ms).padStart(14),
      ms(withTerraform.ms).padStart(11),
      ms(withTerraform.ms - without.ms).padStart(8),
    ].join(' | '),
  );
}

const largest = files[SIZES.at(-1)];
const shown = relative(repoRoot, largest);
console.log(`\nWhole process on ${shown} (median of ${PROCESS_RUNS} runs, wall time; cap-advisor's and Spectral's runs interleaved):`);
const checkCommand = [process.execPath, [join(repoRoot, 'bin/cap-advisor.js'), 'check', '--format', 'json', largest]];
let spectralCommand;
try {
  spectralCommand = [ensureSpectral(), ['lint', '--ruleset', writeSpectralRuleset(), '--format', 'json', '--quiet', largest]];
} catch (error) {
  console.log(`  spectral: not run (${error.message})`);
}
const [ours, theirs] = interleavedWallTimes(spectralCommand ? [checkCommand, spectralCommand] : [checkCommand]);
const ourFindings = JSON.parse(ours.result.stdout).files[0].findings.length;
console.log(`  cap-advisor check --format json   ${ms(ours.ms)} ms   exit ${ours.result.status}, ${ourFindings} findings (17 rules + schema)`);
const simulated = wallTime(process.execPath, [join(repoRoot, 'bin/cap-advisor.js'), 'simulate', '--all', '--format', 'json', largest]);
console.log(
  `  cap-advisor simulate --all -f json ${ms(simulated.ms)} ms   exit ${simulated.result.status}, ${JSON.parse(simulated.result.stdout).files[0].scenarios.length} scenarios; ${(simulated.ms / ours.ms).toFixed(2)} times check (goal: under 2)`,
);
if (theirs) {
  let theirFindings = '?';
  try {
    theirFindings = JSON.parse(theirs.result.stdout).length;
  } catch {
    /* Spectral printed no JSON; its stderr says why */
  }
  console.log(`  spectral lint --format json       ${ms(theirs.ms)} ms   exit ${theirs.result.status}, ${theirFindings} findings (schema + 3 rules)`);
  if (theirs.result.status !== 0 && theirs.result.status !== 1) console.log(`  spectral stderr: ${theirs.result.stderr.slice(0, 500)}`);
  console.log(`  cap-advisor / spectral: ${(ours.ms / theirs.ms).toFixed(2)}`);
}
