// `npm run bench:check` (run by `npm test`): the benchmark's guard. It measures ratios within one
// run on this machine, never times, and fails when one regresses past a generous budget:
//
//   - the CLI process (`check --format json`) against a `yaml` parse of the same file: a second
//     parse of the catalog (as version 2 did, to find `infrastructure`) doubles it;
//   - the analysis against its own fast read: what the engine adds beyond reading the text;
//   - `simulate --all` against `check`: the partition scenarios stay cheap;
//   - `experiment --isolate R --both-ways` against `check`: writing the FIS templates stays cheap;
//   - the language server, against the analysis time it logs for the same text: an unsaved edit's
//     diagnostics arrive within the analysis and a small constant; a hover after an edit reuses
//     that analysis (no second parse); a half-typed line (a syntax error) costs no more than
//     valid text;
//   - typing at 2,000 data types with the report view open, against typing with it closed: the
//     view is drawn off the server's main thread, and a key typed while it is drawn stops it.
//
// Budgets sit well above the figures measured (printed by each run), so a loaded CI machine does
// not trip them, and well below what each regression it guards against costs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generateCatalog } from './generate.mjs';
import { measureLanguageServer, measureTypingWithReport } from './languageServer.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(benchDir, '..');
const require = createRequire(import.meta.url);
const { parseDocument } = require('yaml');
const { analyzeCatalog } = require(join(repoRoot, 'out/src/engine/index.js'));
const { readPlainCatalog } = require(join(repoRoot, 'out/src/engine/read/fastReader.js'));

const SIZE = Number(process.env.BENCH_CHECK_SIZE ?? 10_000);
const RUNS = 5;
/** Well above what `npm run bench:check` prints on a 2-core machine (the CHANGELOG keeps the history). */
const BUDGETS = {
  cliOverParse: 1.6,
  analysisOverRead: 6,
  simulateOverCheck: 2,
  experimentOverCheck: 4,
  editToDiagnosticsOverAnalysis: 1.6,
  hoverAfterEditOverAnalysis: 0.25,
  syntaxErrorOverValid: 1,
  typingReportOpenOverClosed: 1.4,
};
/** The size of the measure of typing with the report open (SPEC §17). */
const TYPING_SIZE = 2_000;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
};
const timed = (fn) => {
  const started = performance.now();
  fn();
  return performance.now() - started;
};
const cli = (args) => () => {
  const run = spawnSync(process.execPath, [join(repoRoot, 'bin/cap-advisor.js'), ...args], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0 && run.status !== 1) throw new Error(`cap-advisor ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
};

const folder = join(benchDir, '.generated');
mkdirSync(folder, { recursive: true });
const file = join(folder, `check-${SIZE}.catalog.yaml`);
const text = generateCatalog(SIZE);
writeFileSync(file, text);

const subjects = {
  parse: () => parseDocument(text, { merge: true, prettyErrors: false }),
  read: () => readPlainCatalog(text),
  analysis: () => analyzeCatalog(text),
  check: cli(['check', '--format', 'json', file]),
  simulate: cli(['simulate', '--all', '--format', 'json', file]),
  experiment: cli(['experiment', '--isolate', 'us-east-1', '--both-ways', '--format', 'cloudformation', file]),
};
// Warm the in-process subjects, then interleave every subject so that a slow stretch of the run
// (GC, another job on the machine) weighs on all of them alike.
for (const name of ['parse', 'read', 'analysis']) subjects[name]();
const times = Object.fromEntries(Object.keys(subjects).map((name) => [name, []]));
for (let run = 0; run < RUNS; run++) for (const [name, fn] of Object.entries(subjects)) times[name].push(timed(fn));
const ms = Object.fromEntries(Object.entries(times).map(([name, list]) => [name, median(list)]));

const server = await measureLanguageServer(repoRoot, text);
const typing = await measureTypingWithReport(repoRoot, generateCatalog(TYPING_SIZE));
const ratios = [
  ['CLI check process / yaml parse of the file', ms.check / ms.parse, BUDGETS.cliOverParse],
  ['analysis / its fast read', ms.analysis / ms.read, BUDGETS.analysisOverRead],
  ['simulate --all / check (processes)', ms.simulate / ms.check, BUDGETS.simulateOverCheck],
  ['experiment --both-ways / check (processes)', ms.experiment / ms.check, BUDGETS.experimentOverCheck],
  ['language server: unsaved edit to its diagnostics / the analysis', server.editToDiagnostics / server.serverAnalysis, BUDGETS.editToDiagnosticsOverAnalysis],
  ['language server: hover after an edit / the analysis', server.hoverAfterEdit / server.serverAnalysis, BUDGETS.hoverAfterEditOverAnalysis],
  ['language server: analysis with a syntax error / of valid text', server.syntaxErrorAnalysis / server.serverAnalysis, BUDGETS.syntaxErrorOverValid],
  [
    `language server at ${TYPING_SIZE} data types: a key's diagnostics with the report open / closed`,
    typing.typingReportOpen / typing.typingReportClosed,
    BUDGETS.typingReportOpenOverClosed,
  ],
];
console.log(`Benchmark guard on ${SIZE} data types (${text.length} bytes), medians of ${RUNS} interleaved runs:`);
console.log(
  `  yaml parse ${ms.parse.toFixed(0)} ms · fast read ${ms.read.toFixed(0)} ms · analysis ${ms.analysis.toFixed(0)} ms · check ${ms.check.toFixed(0)} ms · simulate --all ${ms.simulate.toFixed(0)} ms · experiment ${ms.experiment.toFixed(0)} ms`,
);
console.log(
  `  language server: analysis ${server.serverAnalysis.toFixed(0)} ms · unsaved edit to diagnostics ${server.editToDiagnostics.toFixed(0)} ms · hover after an edit ${server.hoverAfterEdit.toFixed(0)} ms · analysis with a syntax error ${server.syntaxErrorAnalysis.toFixed(0)} ms`,
);
console.log(
  `  typing at ${TYPING_SIZE} data types, a key to its diagnostics: report closed ${typing.typingReportClosed.toFixed(0)} ms · report open ${typing.typingReportOpen.toFixed(0)} ms (views drawn ${typing.viewsDrawn}, stopped by a key ${typing.viewsCancelled})`,
);
let failed = false;
for (const [what, ratio, budget] of ratios) {
  const ok = ratio <= budget;
  failed ||= !ok;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}: ${ratio.toFixed(2)} (budget ${budget})`);
}
if (failed) {
  console.error('bench:check: a ratio regressed past its budget (see README, Performance)');
  process.exit(1);
}
