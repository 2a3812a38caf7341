// "CAP Advisor: Simulate Partition...": the matrix of data types × scenarios beside the catalog,
// coloured by verdict, with a picture of the chosen scenario (src/report/scenarioView.ts, drawn by
// the language server while the view is visible). Clicking a cell explains it, draws its scenario
// and reveals in the editor what changes a verdict that is not fine (the setting, or the finding
// whose quick fix makes the change), else the data type; a rule link opens the rule's page.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Disruption } from '../engine';
import type { CatalogClient } from './client';
import { activeCatalogUri, followCatalog, openRulePage, revealInCatalog, ViewRefresh } from './reportPanel';

/** Offsets as a webview posts them: two whole numbers, start before end. */
function isOffset(value: unknown): value is [number, number] {
  return Array.isArray(value) && value.length === 2 && value.every((n) => Number.isInteger(n) && n >= 0) && value[0] <= value[1];
}

export interface ScenarioPanelMessage {
  type?: 'reveal' | 'experiment' | 'openRule';
  dataType?: string;
  /** [start, end) in the catalog as drawn: a verdict's setting or finding. */
  offset?: [number, number];
  region?: string;
  rule?: string;
}

export class ScenarioPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  /** The disruptions chosen; undefined for every Region cut off and lost. */
  private disruptions: Disruption[] | undefined;
  /** What the view shows now: the same outcomes are not drawn again (Analyze Workspace reads every catalog), so the chosen scenario stays. */
  private shown: string | undefined;
  /** Where each data type's name is in the catalog shown, for a click on its row. */
  private nameOffsets: Record<string, [number, number]> = {};
  private readonly subscriptions: vscode.Disposable[];
  private readonly refresh = new ViewRefresh(() => this.render());

  /** `extensionUri`: where the bundled rule pages are (docs/rules). */
  constructor(
    private readonly catalogs: CatalogClient,
    private readonly extensionUri?: vscode.Uri,
  ) {
    // The view shows the catalog being edited, as the report does: the same scenarios where its
    // Regions allow (the server decides), else all of them.
    this.subscriptions = followCatalog(catalogs, () => (this.panel ? this.uri : null), {
      changed: () => this.refresh.soon(),
      activated: (uri) => {
        if (catalogs.summary(uri)?.regions.length === 0) return;
        this.uri = uri;
        void this.refresh.now();
      },
    });
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.refresh.dispose();
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
    const regions = target && (await this.catalogs.analysis(target))?.analysis.report.regions;
    if (!target || !regions?.length) {
      void vscode.window.showInformationMessage('CAP Advisor: open a data catalog with its regions to simulate a partition.');
      return false;
    }
    let disruptions: Disruption[] | 'all' | undefined = chosen;
    if (!disruptions) {
      const picks = [
        { label: 'Every Region, cut off and lost in turn', disruptions: 'all' as const },
        ...regions.flatMap((region) => [
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
    this.disruptions = disruptions === 'all' ? undefined : disruptions;
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
      this.panel.onDidChangeViewState(() => this.refresh.shown());
    }
    this.panel.reveal(undefined, true);
    await this.refresh.now();
    return true;
  }

  private async render(): Promise<boolean> {
    const { panel, uri } = this;
    if (!panel || !uri) return true;
    if (!panel.visible) return false;
    const file = vscode.workspace.asRelativePath(uri);
    const view = await this.catalogs.scenarioView({
      uri: uri.toString(),
      file,
      nonce: randomBytes(16).toString('hex'),
      ...(this.disruptions ? { disruptions: this.disruptions } : {}),
    });
    if (this.panel !== panel || this.uri !== uri || !view || view.fingerprint === this.shown) return true;
    this.shown = view.fingerprint;
    this.nameOffsets = view.nameOffsets;
    panel.title = `Partition scenarios: ${file}`;
    panel.webview.html = view.html;
    return true;
  }

  /** What the webview asks: reveal a place or a data type, open a rule's page, or write the experiment for a Region's isolation. */
  async handle(message: ScenarioPanelMessage): Promise<unknown> {
    if (message.type === 'experiment' && message.region) return vscode.commands.executeCommand('capAdvisor.writeExperiment', this.uri, message.region);
    if (message.type === 'openRule' && typeof message.rule === 'string') return this.extensionUri && openRulePage(this.extensionUri, message.rule);
    if (message.type === 'reveal' && isOffset(message.offset)) return this.uri && revealInCatalog(this.uri, message.offset);
    return this.reveal(message.dataType);
  }

  private async reveal(dataType: string | undefined): Promise<void> {
    const offset = dataType === undefined ? undefined : this.nameOffsets[dataType];
    if (!this.uri || !offset) return;
    await revealInCatalog(this.uri, offset);
  }
}
