// "CAP Advisor: Write Fault-Injection Experiment...": for a Region of the catalog, the AWS FIS
// experiment that cuts it off and the test plan that says what each data type should do, opened
// side by side as unsaved files beside the catalog (the engine plans; src/report writes).
import * as vscode from 'vscode';
import { planExperiment } from '../engine';
import {
  renderExperimentCloudFormation,
  renderExperimentJson,
  renderExperimentMarkdown,
  renderExperimentTerraform,
  type ExperimentFormat,
} from '../report/experiments';
import type { CatalogClient } from './client';
import { showUntitled } from './commands';
import { activeCatalogUri } from './reportPanel';

type TemplateFormat = Exclude<ExperimentFormat, 'markdown'>;

const FORMATS: Record<TemplateFormat, { label: string; extension: string; language: string; render: typeof renderExperimentJson }> = {
  cloudformation: { label: 'CloudFormation', extension: '.fis.yaml', language: 'yaml', render: renderExperimentCloudFormation },
  terraform: { label: 'Terraform', extension: '.fis.tf', language: 'terraform', render: renderExperimentTerraform },
  json: { label: 'FIS API JSON (aws fis create-experiment-template --cli-input-json)', extension: '.fis.json', language: 'json', render: renderExperimentJson },
};

/** The opened documents: the template (absent when FIS has nothing to act on) and the test plan. */
export interface WrittenExperiment {
  template?: vscode.TextDocument;
  plan: vscode.TextDocument;
}

/**
 * Writes the experiment for "isolate `region`" of the catalog (the active one, or `uri`), asking
 * for the Region and the format when not given; undefined when the user cancels.
 */
export async function writeExperiment(
  catalogs: CatalogClient,
  uri?: vscode.Uri,
  region?: string,
  format?: TemplateFormat,
): Promise<WrittenExperiment | undefined> {
  const target = uri ?? activeCatalogUri(catalogs);
  const current = target && (await catalogs.analysis(target));
  if (!target || !current || current.analysis.report.regions.length === 0) {
    void vscode.window.showInformationMessage('CAP Advisor: open a data catalog with its regions to write a fault-injection experiment.');
    return undefined;
  }
  const title = 'CAP Advisor: Write Fault-Injection Experiment';
  const regions = current.analysis.report.regions;
  if (!region || !regions.some((r) => r.name === region)) {
    const picked = await vscode.window.showQuickPick(
      regions.map((r) => ({ label: `Cut off ${r.name}`, description: r.role, region: r.name })),
      { title, placeHolder: 'Which Region should the experiment cut off?' },
    );
    if (!picked) return undefined;
    region = picked.region;
  }
  if (!format) {
    // Terraform first when the catalog links Terraform: the file drops into the root module.
    const linksTerraform = current.analysis.report.deployed?.files.some((file) => file.endsWith('.tf') || file.endsWith('.tf.json')) ?? false;
    const order: TemplateFormat[] = linksTerraform ? ['terraform', 'cloudformation', 'json'] : ['cloudformation', 'terraform', 'json'];
    const picked = await vscode.window.showQuickPick(
      order.map((id) => ({ label: FORMATS[id].label, id })),
      { title, placeHolder: `The experiment that cuts off ${region}, as` },
    );
    if (!picked) return undefined;
    format = picked.id;
  }
  const plan = planExperiment(current.analysis, { isolate: region });
  const catalogName = vscode.workspace.asRelativePath(target);
  const stem = `isolate-${region}`;
  const folder = vscode.Uri.joinPath(target, '..');
  const testPlan = renderExperimentMarkdown(plan, catalogName);
  if (plan.templates.length === 0) {
    const planDocument = await showUntitled(folder, `${stem}.test-plan`, '.md', testPlan, {
      language: 'markdown',
      viewColumn: vscode.ViewColumn.One,
      fromTop: true,
    });
    void vscode.window.showInformationMessage(`CAP Advisor: nothing for FIS to act on in ${region}; the test plan says why.`);
    return { plan: planDocument };
  }
  const { extension, language, render } = FORMATS[format];
  // The isolation's own Region first; mirrors are listed in the plan, the CLI writes them (--both-ways).
  const [isolation] = render(plan);
  // Both are read from the top, where the header says where to deploy and what to expect.
  const templateDocument = await showUntitled(folder, stem, extension, isolation.text, { language, viewColumn: vscode.ViewColumn.One, fromTop: true });
  const planDocument = await showUntitled(folder, `${stem}.test-plan`, '.md', testPlan, {
    language: 'markdown',
    viewColumn: vscode.ViewColumn.Two,
    preserveFocus: true,
    fromTop: true,
  });
  return { template: templateDocument, plan: planDocument };
}
