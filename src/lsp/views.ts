// The report and scenario views, drawn off the server's main thread: at 2,000 data types the
// report is megabytes of HTML, and drawing it on the thread that answers the editor would hold up
// the diagnostics of the next key. A worker thread analyses the same text with the same inputs
// (cheaper to repeat than to copy a large analysis across threads) and draws the page; where the
// worker cannot start, the page is drawn in the server's own thread.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { allDisruptions, analyzeCatalog, settingLocator, simulate, type AnalyzeOptions, type CatalogAnalysis, type Disruption } from '../engine';
import { renderHtml } from '../report';
import type { ChangePlace } from '../report/scenarios';
import { renderScenarioView } from '../report/scenarioView';
import { linkedInfrastructure } from '../workspace/files';
import { loadTerraformParser } from '../workspace/terraform';
import type { DrawnView, ScenarioView, ViewDelivery } from './requests';

/** What an analysis of a catalog's text needs besides the text: the same in the server and in the worker. */
export interface AnalysisInputs {
  fileName: string;
  severities: AnalyzeOptions['severities'];
  maxFileBytes: number;
  /** Where the catalog's `infrastructure` paths are read from; absent for a document with no local path. */
  infrastructureRoot?: { catalogDir: string; workspaceRoot: string };
}

/** Which page, and what the client says about it. */
export type ViewPage = { file: string; nonce: string } & (
  { kind: 'report'; cspSource: string; focus?: string } | { kind: 'scenarios'; disruptions?: Disruption[] }
);

/** A page to draw from a text; with `htmlFile`, the page is written there and the answer gives the path instead. */
export type ViewRequest = ViewPage & { text: string; inputs: AnalysisInputs; htmlFile?: string };

export type ViewAnswer = DrawnView | ScenarioView | null;

/** Analyses with the inputs; a catalog that links Terraform waits for the parser once. */
export async function analyseWith(text: string, inputs: AnalysisInputs): Promise<CatalogAnalysis> {
  let pendingParser = false;
  const analyse = () =>
    analyzeCatalog(text, {
      fileName: inputs.fileName,
      severities: inputs.severities,
      maxFileBytes: inputs.maxFileBytes,
      link: (entries) => {
        if (!inputs.infrastructureRoot) return undefined;
        const system = linkedInfrastructure(entries, { ...inputs.infrastructureRoot, maxFileBytes: inputs.maxFileBytes });
        pendingParser = system?.pendingParser === true;
        return system;
      },
    });
  const analysis = analyse();
  if (!pendingParser) return analysis;
  await loadTerraformParser();
  return analyse();
}

/** Draws a view from an analysis: the same page wherever it is drawn, in the answer or in the file asked for. */
export function drawView(request: ViewRequest, analysis: CatalogAnalysis): ViewAnswer {
  const deliver = (html: string): DrawnView => {
    if (!request.htmlFile) return { html };
    writeFileSync(request.htmlFile, html);
    return { htmlFile: request.htmlFile };
  };
  if (request.kind === 'report') {
    const { file, cspSource, nonce, focus } = request;
    return deliver(renderHtml([{ file, analysis }], { webview: { cspSource, nonce, ...(focus ? { focus } : {}) } }));
  }
  const { regions, dataTypes } = analysis.report;
  if (regions.length === 0) return null;
  const names = new Set(regions.map((region) => region.name));
  // The scenarios chosen, where this catalog has their Regions; else every Region cut off and lost.
  const { disruptions, file, nonce } = request;
  const chosen = disruptions?.length && disruptions.every((d) => names.has(d.region)) ? disruptions : allDisruptions(analysis);
  const scenarios = simulate(analysis, chosen);
  const shownRegions = regions.map(({ name, role }) => ({ name, role }));
  // A verdict's link leads to the finding whose fix changes it, else to the setting; read from this text only when asked.
  const byName = new Map(dataTypes.map((dataType) => [dataType.name, dataType]));
  let locate: ReturnType<typeof settingLocator> | undefined;
  const place: ChangePlace = (name, change) => {
    if (change.rule) return change.rule.range.offset;
    const dataType = byName.get(name);
    return dataType && (locate ??= settingLocator(request.text, analysis))(dataType, change).offset;
  };
  return {
    ...deliver(renderScenarioView({ file, scenarios, regions: shownRegions, nonce, place })),
    fingerprint: createHash('sha256').update(JSON.stringify({ file, scenarios, shownRegions })).digest('hex'),
    nameOffsets: Object.fromEntries(dataTypes.map((dataType) => [dataType.name, dataType.nameRange.offset])),
  };
}

/** A view whose drawing stopped because its catalog changed meanwhile. */
export class ViewCancelled extends Error {
  constructor() {
    super('the catalog changed while its view was drawn; ask again');
  }
}

/** Draws views in a worker thread, one at a time, in the order asked. */
export class ViewRenderer {
  private worker: Worker | undefined;
  private nextId = 0;
  private nextFile = 0;
  private folder: string | undefined;
  private readonly waiting = new Map<number, { resolve: (answer: ViewAnswer) => void; reject: (error: Error) => void }>();

  /** `workerFile`: the worker's script; without one (or when it fails to start) views are drawn on this thread. */
  constructor(private readonly workerFile = join(__dirname, 'viewWorker.js')) {}

  async draw(request: ViewRequest, analysedHere: CatalogAnalysis): Promise<ViewAnswer> {
    const worker = this.start();
    if (!worker) return drawView(request, analysedHere);
    const id = this.nextId++;
    return new Promise<ViewAnswer>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, request });
    });
  }

  /**
   * The catalog changed: a view being drawn is of a text that is gone, and drawing it would take
   * the processor from the diagnostics of the key just typed. The drawing stops (the view asks
   * again once typing pauses).
   */
  cancel(): void {
    if (this.waiting.size > 0) this.stopWorker(new ViewCancelled());
  }

  private stopWorker(reason: Error): void {
    void this.worker?.terminate();
    this.worker = undefined;
    for (const waiter of this.waiting.values()) waiter.reject(reason);
    this.waiting.clear();
  }

  /** Where a page asked to come back in a file is written: a fresh file in the server's own temporary folder. */
  fileFor(deliver: ViewDelivery | undefined): string | undefined {
    if (deliver !== 'file') return undefined;
    this.folder ??= mkdtempSync(join(tmpdir(), 'cap-advisor-views-'));
    return join(this.folder, `view-${this.nextFile++}.html`);
  }

  dispose(): void {
    this.stopWorker(new ViewCancelled());
    if (this.folder) rmSync(this.folder, { recursive: true, force: true });
  }

  private start(): Worker | undefined {
    if (this.worker || !existsSync(this.workerFile)) return this.worker;
    const worker = new Worker(this.workerFile);
    // The server exits when its client goes: the worker must not keep it alive.
    worker.unref();
    worker.on('message', ({ id, answer, error }: { id: number; answer?: ViewAnswer; error?: string }) => {
      const waiter = this.waiting.get(id);
      this.waiting.delete(id);
      if (error !== undefined) waiter?.reject(new Error(error));
      else waiter?.resolve(answer ?? null);
    });
    const failed = (error: Error) => {
      // Whatever was asked fails with the reason; the next view starts a new worker.
      if (this.worker !== worker) return;
      this.stopWorker(error);
    };
    worker.on('error', failed);
    worker.on('exit', (code) => failed(new Error(`the view worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
