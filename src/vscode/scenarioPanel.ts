// "CAP Advisor: Simulate Partition...": the matrix of data types × scenarios beside the catalog,
// coloured by verdict, with a picture of the chosen scenario. Clicking a cell explains it, draws
// its scenario and reveals the data type in the editor.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { allDisruptions, simulate, type Disruption } from '../engine';
import { escapeHtml, inlineCode } from '../report/escape';
import { PICTURE_STYLE, scenarioMatrixHtml, scenarioPictureSvg, VERDICT_STYLE } from '../report/scenarios';
import type { CatalogDiagnostics } from './catalogs';
import { activeCatalogUri, followCatalog, revealInCatalog } from './reportPanel';

const SCRIPT = `
const vscode = acquireVsCodeApi();
const show = (column) => document.querySelectorAll('.scenario').forEach((s) => { s.hidden = s.dataset.scenario !== String(column); });
// The scenario the user chose stays chosen when the view is drawn again after an edit.
const chosen = vscode.getState()?.column;
if (chosen !== undefined && document.querySelector('.scenario[data-scenario="' + chosen + '"]')) show(chosen);
document.addEventListener('click', (event) => {
  const experiment = event.target.closest('button[data-experiment]');
  if (experiment) {
    vscode.postMessage({ type: 'experiment', region: experiment.dataset.experiment });
    return;
  }
  const cell = event.target.closest('td[data-scenario]');
  if (!cell) return;
  show(cell.dataset.scenario);
  vscode.setState({ column: cell.dataset.scenario });
  document.getElementById('why').textContent = cell.title;
  vscode.postMessage({ type: 'reveal', dataType: cell.dataset.dataType });
});
// A matrix wider than the panel says so: webviews hide the scroll bar until it is hovered.
const wrap = document.querySelector('.wrap');
const cue = document.getElementById('more');
const updateCue = () => { if (wrap && cue) cue.hidden = wrap.scrollWidth <= wrap.clientWidth + 1 || wrap.scrollLeft + wrap.clientWidth >= wrap.scrollWidth - 1; };
window.addEventListener('resize', updateCue);
wrap?.addEventListener('scroll', updateCue);
updateCue();`;

export interface ScenarioPanelMessage {
  type?: 'reveal' | 'experiment';
  dataType?: string;
  region?: string;
}

export class ScenarioPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  private disruptions: Disruption[] | undefined;
  /** What the view shows now: the same outcomes are not drawn again (Analyze Workspace reads every catalog), so the chosen scenario stays. */
  private shown: string | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly catalogs: CatalogDiagnostics) {
    // The view shows the catalog being edited, as the report does: the same scenarios where its Regions allow, else all of them.
    this.subscriptions = followCatalog(catalogs, () => (this.panel ? this.uri : null), {
      changed: () => this.render(),
      activated: (uri) => {
        const current = catalogs.current(uri);
        if (!current || current.analysis.report.regions.length === 0) return;
        const regions = new Set(current.analysis.report.regions.map((region) => region.name));
        this.uri = uri;
        if (!this.disruptions?.every((disruption) => regions.has(disruption.region))) this.disruptions = allDisruptions(current.analysis);
        this.render();
      },
    });
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.panel?.dispose();
  }

  /** The HTML now shown, for tests. */
  get html(): string | undefined {
    return this.panel?.webview.html;
  }

  /**
   * Simulates the active catalog (or `uri`): every Region isolated and lost, or the disruptions
   * given; without either, asks which. Returns false when there is nothing to simulate.
   */
  async show(uri?: vscode.Uri, chosen?: Disruption[] | 'all'): Promise<boolean> {
    const target = uri ?? activeCatalogUri(this.catalogs);
    const current = target && this.catalogs.current(target);
    if (!target || !current || current.analysis.report.regions.length === 0) {
      void vscode.window.showInformationMessage('CAP Advisor: open a data catalog with its regions to simulate a partition.');
      return false;
    }
    let disruptions = chosen === 'all' ? allDisruptions(current.analysis) : chosen;
    if (!disruptions) {
      const picks = [
        { label: 'Every Region, cut off and lost in turn', disruptions: allDisruptions(current.analysis) },
        ...current.analysis.report.regions.flatMap((region) => [
          {
            label: `Cut off ${region.name}`,
            description: `${region.role}: alive, but it cannot reach any other Region`,
            disruptions: [{ kind: 'isolate' as const, region: region.name }],
          },
          { label: `Lose ${region.name}`, description: `${region.role}: the Region is down`, disruptions: [{ kind: 'lose' as const, region: region.name }] },
        ]),
      ];
      const picked = await vscode.window.showQuickPick(picks, { title: 'CAP Advisor: Simulate Partition', placeHolder: 'Which disruption?' });
      if (!picked) return false;
      disruptions = picked.disruptions;
    }
    this.uri = target;
    this.disruptions = disruptions;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        'capAdvisor.scenarios',
        'CAP Advisor: partition scenarios',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, localResourceRoots: [] },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.shown = undefined;
      });
      this.panel.webview.onDidReceiveMessage((message: ScenarioPanelMessage) => void this.handle(message));
    }
    this.render();
    this.panel.reveal(undefined, true);
    return true;
  }

  private render(): void {
    const current = this.panel && this.uri && this.catalogs.current(this.uri);
    if (!this.panel || !this.uri || !current || !this.disruptions) return;
    const scenarios = simulate(current.analysis, this.disruptions);
    const shown = `${this.uri.toString()}\n${JSON.stringify(scenarios)}\n${current.analysis.report.regions.map((region) => `${region.name}:${region.role}`).join(',')}`;
    if (shown === this.shown) return;
    this.shown = shown;
    const file = vscode.workspace.asRelativePath(this.uri);
    const nonce = randomBytes(16).toString('hex');
    // A Region's isolation can be tested: its column's scenario offers the fault-injection experiment.
    const experiment = (region: string) =>
      `<p><button data-experiment="${escapeHtml(region)}" title="The AWS FIS experiment that cuts ${escapeHtml(region)} off, and the test plan of what each data type should do">Write fault-injection experiment…</button></p>`;
    const pictures = scenarios
      .map(
        (scenario, column) =>
          `<div class="scenario" data-scenario="${column}"${column === 0 ? '' : ' hidden'}>${scenario.kind === 'isolate' ? experiment(scenario.region) : ''}${scenarioPictureSvg(scenario, current.analysis.report.regions)}</div>`,
      )
      .join('');
    const splitBrains = scenarios.flatMap((s) =>
      s.outcomes.filter((o) => o.verdict === 'split-brain').map((o) => `<li>${escapeHtml(o.message)} ${inlineCode(o.detail)}</li>`),
    );
    this.panel.title = `Partition scenarios: ${file}`;
    this.panel.webview.html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family, system-ui, sans-serif); color: var(--vscode-editor-foreground); background: var(--vscode-editor-background); padding: 8px 16px; }
table { border-collapse: collapse; margin: 8px 0; } th, td { border: 1px solid var(--vscode-panel-border, #d0d7de); padding: 3px 8px; text-align: left; }
td[data-scenario] { cursor: pointer; }
button { font: inherit; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 4px 10px; cursor: pointer; } button:hover { background: var(--vscode-button-hoverBackground); } .wrap { overflow-x: auto; } #why { min-height: 2.6em; margin: 6px 0; }
.meta { color: var(--vscode-descriptionForeground, #59636e); }
code { font-family: var(--vscode-editor-font-family, monospace); }
${VERDICT_STYLE}${PICTURE_STYLE}
</style>
</head>
<body>
<h2>Partition scenarios: ${escapeHtml(file)}</h2>
<p class="meta">What each data type does when a Region is cut off or lost. Click a cell for why, its scenario's picture and the data type in the catalog. Writes at risk are typical figures, not guarantees.</p>
${pictures}
<p id="why" class="meta"></p>
<p id="more" class="meta" hidden>More scenarios to the right: scroll the table sideways →</p>
<div class="wrap">${scenarioMatrixHtml({ file, scenarios })}</div>
${splitBrains.length > 0 ? `<h3>Split-brain</h3><ul>${splitBrains.join('')}</ul>` : '<p>No split-brain in these scenarios.</p>'}
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`;
  }

  /** What the webview asks: reveal a data type, or write the experiment for a Region's isolation. */
  async handle(message: ScenarioPanelMessage): Promise<unknown> {
    if (message.type === 'experiment' && message.region) return vscode.commands.executeCommand('capAdvisor.writeExperiment', this.uri, message.region);
    return this.reveal(message.dataType);
  }

  private async reveal(dataType: string | undefined): Promise<void> {
    const current = this.uri && this.catalogs.current(this.uri);
    const report = current?.analysis.report.dataTypes.find((dt) => dt.name === dataType);
    if (!this.uri || !report) return;
    await revealInCatalog(this.uri, report.nameRange.offset);
  }
}
