// The VS Code shell over src/engine and src/report: every decision is the engine's; this file
// only wires the features to VS Code's events and commands.
import * as vscode from 'vscode';
import { version } from '../package.json';
import { plural } from './report/model';
import { CatalogClient } from './vscode/client';
import { addDataType, analyzeWorkspace, draftCatalogFromInfrastructure, exportReport, newCatalog, openExample, showFixes } from './vscode/commands';
import { writeExperiment } from './vscode/experiment';
import { catalogSchemaContributor, contributeCatalogSchemaToRedHatYaml, type CatalogSchemaContributor } from './vscode/redHatYaml';
import { ReportPanel } from './vscode/reportPanel';
import { ScenarioPanel } from './vscode/scenarioPanel';
import { CatalogStatus } from './vscode/statusBar';

/** What the extension exposes to its integration tests. */
export interface CapAdvisorApi {
  catalogs: CatalogClient;
  report: ReportPanel;
  scenarios: ScenarioPanel;
  status: CatalogStatus;
  /** What the Red Hat YAML extension is given, when it is installed: which files are catalogs, and their schema. */
  yamlSchema: CatalogSchemaContributor;
}

export async function activate(context: vscode.ExtensionContext): Promise<CapAdvisorApi> {
  const log = vscode.window.createOutputChannel('CAP Advisor', { log: true });
  context.subscriptions.push(log);
  // The analysis runs in the language server's process (cap-advisor lsp): diagnostics, hover,
  // completion, quick fixes, fix-all and code lenses come from it through the client.
  const catalogs = await CatalogClient.start(context, log);
  const report = new ReportPanel(catalogs, context.extensionUri);
  const scenarios = new ScenarioPanel(catalogs, context.extensionUri);
  const status = new CatalogStatus(catalogs);
  const yamlSchema = catalogSchemaContributor(context.extensionUri);
  context.subscriptions.push(
    catalogs,
    report,
    scenarios,
    status,
    contributeCatalogSchemaToRedHatYaml(yamlSchema, log),
    vscode.commands.registerCommand('capAdvisor.analyzeWorkspace', () => analyzeWorkspace(catalogs)),
    vscode.commands.registerCommand('capAdvisor.showReport', (uri?: vscode.Uri, dataType?: string) =>
      report.show(uri instanceof vscode.Uri ? uri : undefined, typeof dataType === 'string' ? dataType : undefined),
    ),
    vscode.commands.registerCommand('capAdvisor.exportReport', (target?: vscode.Uri, format?: 'markdown' | 'html' | 'json' | 'sarif') =>
      exportReport(catalogs, version, target instanceof vscode.Uri ? target : undefined, format),
    ),
    vscode.commands.registerCommand('capAdvisor.newCatalog', (name?: string) => newCatalog(typeof name === 'string' ? name : undefined)),
    vscode.commands.registerCommand('capAdvisor.draftCatalog', (targets?: vscode.Uri[] | vscode.Uri, regions?: Record<string, string>) =>
      draftCatalogFromInfrastructure(
        Array.isArray(targets) ? targets : targets instanceof vscode.Uri ? [targets] : undefined,
        regions && typeof regions === 'object' && !Array.isArray(regions) ? regions : undefined,
      ),
    ),
    vscode.commands.registerCommand('capAdvisor.simulate', (uri?: vscode.Uri, chosen?: Parameters<ScenarioPanel['show']>[1]) =>
      scenarios.show(uri instanceof vscode.Uri ? uri : undefined, chosen),
    ),
    vscode.commands.registerCommand('capAdvisor.writeExperiment', (uri?: vscode.Uri, region?: string, format?: Parameters<typeof writeExperiment>[3]) =>
      writeExperiment(catalogs, uri instanceof vscode.Uri ? uri : undefined, typeof region === 'string' ? region : undefined, format),
    ),
    vscode.commands.registerCommand('capAdvisor.openExample', () => openExample(context.extensionUri, context.globalStorageUri)),
    vscode.commands.registerCommand('capAdvisor.showFixes', () => showFixes(catalogs)),
    vscode.commands.registerCommand('capAdvisor.addDataType', (answers?: Parameters<typeof addDataType>[1]) => addDataType(catalogs, answers)),
  );
  log.info(`CAP Advisor ${version} active`);
  // Catalogs that are not open get their diagnostics too, without holding up activation.
  void catalogs.analyzeWorkspace().then(
    (found) => log.info(`analysed ${plural(found.length, 'catalog')} in the workspace`),
    (error: Error) => log.error(`could not analyse the workspace: ${error.message}`),
  );
  return { catalogs, report, scenarios, status, yamlSchema: await yamlSchema };
}

export function deactivate(): void {}
