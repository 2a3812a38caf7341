// The language server as an editor meets it, on a generated catalog: `cap-advisor lsp` started as
// a child process, the catalog opened, then edits typed one by one, each timed from the change
// sent to its diagnostics received, beside the analysis time the server itself logged for that
// version; then a hover after an edit (its analysis made), and the same edit with a syntax error.
// Shared by `npm run bench` (which prints it) and the guard (bench/check.mjs).
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

/** Medians, in ms, of `edits` edits at the middle of `text` (a catalog of the benchmark's generator). */
export async function measureLanguageServer(repoRoot, text, edits = 5) {
  const { client, uri, line, end } = await openGenerated(repoRoot, 'lsp.catalog.yaml', text);
  try {
    const latencies = [];
    const analyses = [];
    const hovers = [];
    for (let i = 0; i < edits; i++) {
      const started = performance.now();
      const version = await client.change(uri, { start: { line, character: end }, end: { line, character: end } }, 'x');
      await client.diagnosticsOf(uri, version);
      latencies.push(performance.now() - started);
      analyses.push(await analysedMs(client, version));
      // A hover on the data type's name, above the edit: the analysis just made serves it.
      const hoverStarted = performance.now();
      const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: line - 1, character: 12 } });
      hovers.push(performance.now() - hoverStarted);
      if (!hover) throw new Error('the language server gave no hover on a data type name');
    }
    // One over-indented line (common mid-typing) beside valid text: the analysis the server logs.
    const syntaxAnalyses = [];
    for (let i = 0; i < edits; i++) {
      const broken = await client.change(uri, { start: { line, character: 0 }, end: { line, character: 0 } }, '  ');
      const diagnostics = await client.diagnosticsOf(uri, broken);
      if (!diagnostics.some((d) => d.code === 'yaml-syntax')) throw new Error('the over-indented line gave no yaml-syntax diagnostic');
      syntaxAnalyses.push(await analysedMs(client, broken));
      const fixed = await client.change(uri, { start: { line, character: 0 }, end: { line, character: 2 } }, '');
      await client.diagnosticsOf(uri, fixed);
    }
    return {
      editToDiagnostics: median(latencies),
      serverAnalysis: median(analyses),
      hoverAfterEdit: median(hovers),
      syntaxErrorAnalysis: median(syntaxAnalyses),
    };
  } finally {
    await client.stop();
  }
}

/**
 * `cap-advisor lsp` started as an editor starts it, with the catalog open and diagnosed, and where
 * to type: the end of a description's value in the middle of the file (a valid edit that changes no finding).
 */
async function openGenerated(repoRoot, name, text) {
  const { TestClient } = require(join(repoRoot, 'out/test/helpers/lspClient.js'));
  const client = await TestClient.spawn();
  const uri = pathToFileURL(join(repoRoot, 'bench/.generated', name)).href;
  await client.open(uri, text);
  await client.diagnosticsOf(uri, 1);
  const lines = text.split('\n');
  const line = lines.findIndex((l, i) => i > lines.length / 2 && l.startsWith('    description:'));
  return { client, uri, line, end: lines[line].length };
}

/** The analysis time the server logged for a version of the catalog. */
async function analysedMs(client, version) {
  const line = await client.logged(`(version ${version}) in `);
  const ms = /\) in ([\d.]+) ms/.exec(line);
  if (!ms) throw new Error(`the server logged no analysis of version ${version}`);
  return Number(ms[1]);
}

/**
 * Typing with the report view open, against typing with it closed: a key, its diagnostics, then a
 * pause long enough for the view to be asked for (the extension asks once analyses stop arriving
 * for VIEW_REFRESH_MS), then the measured key, typed while the view is drawn. Each round measures
 * a key with the report closed and one with it open, back to back, so that whatever else loads the
 * machine weighs on both alike. Medians, in ms, from a key to its diagnostics.
 */
export async function measureTypingWithReport(repoRoot, text, rounds = 7) {
  const VIEW_REFRESH_MS = 250;
  const PAUSE_MS = VIEW_REFRESH_MS + 100;
  const { client, uri, line, end } = await openGenerated(repoRoot, 'report.catalog.yaml', text);
  const params = { uri, file: 'report.catalog.yaml', cspSource: 'vscode-webview:', nonce: 'n', deliver: 'file' };
  try {
    let viewsDrawn = 0;
    let viewsCancelled = 0;
    let reportOpen = false;
    let refresh;
    let drawing = Promise.resolve();
    // As the extension's report view does: drawn again once analyses stop arriving for a while.
    const listener = client.connection.onNotification('capAdvisor/analysed', () => {
      clearTimeout(refresh);
      if (!reportOpen) return;
      refresh = setTimeout(() => {
        drawing = client.request('capAdvisor/reportView', params).then(
          ({ htmlFile }) => {
            // What the extension does with the page: read it, then delete the file.
            if (readFileSync(htmlFile, 'utf8').length > 0) viewsDrawn++;
            rmSync(htmlFile);
          },
          // A key typed while it was drawn stops the drawing: the view asks again at the next pause.
          () => viewsCancelled++,
        );
      }, VIEW_REFRESH_MS);
    });
    const key = async () => {
      const started = performance.now();
      const version = await client.change(uri, { start: { line, character: end }, end: { line, character: end } }, 'x');
      await client.diagnosticsOf(uri, version);
      return performance.now() - started;
    };
    const pause = () => new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    /** A key, a pause (the view drawn meanwhile when open), then the measured key. */
    const measured = async (open) => {
      reportOpen = open;
      await key();
      await pause();
      const latency = await key();
      reportOpen = false;
      clearTimeout(refresh);
      await drawing;
      await pause();
      return latency;
    };
    await measured(false); // warm-up, not counted
    const closed = [];
    const open = [];
    for (let round = 0; round < rounds; round++) {
      closed.push(await measured(false));
      open.push(await measured(true));
    }
    listener.dispose();
    // A last pause long enough for the whole page: the view must still be drawn at all.
    const { htmlFile } = await client.request('capAdvisor/reportView', params);
    if (readFileSync(htmlFile, 'utf8').length === 0) throw new Error('the report view was never drawn');
    rmSync(htmlFile);
    return { typingReportClosed: median(closed), typingReportOpen: median(open), viewsDrawn, viewsCancelled };
  } finally {
    await client.stop();
  }
}
