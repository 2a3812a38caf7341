// The palette commands besides the report: Analyze Workspace, Export Report, New Data Catalog,
// Add Data Type, Draft Catalog from Infrastructure.
import { relative, sep } from 'node:path';
import * as vscode from 'vscode';
import {
  analyzeCatalog,
  CATEGORIES,
  categoryNeeds,
  categoryText,
  dataTypeEntry,
  insertDataType,
  NEW_CATALOG_TEMPLATE,
  parseDuration,
  type DataTypeAnswers,
} from '../engine';
import { regionInFileName, type DeployedSystem } from '../engine';
import { knownRegions } from '../engine/infrastructure';
import { draftedSummary, draftFromInfrastructure } from '../workspace/draft';
import { countsText, plural } from '../report/model';
import type { CatalogClient } from './client';
import type { ExportFormat } from '../lsp/requests';
import { activeCatalogUri } from './reportPanel';

/** Analyze Workspace from the palette: progress while it reads the catalogs, then what it found. */
export async function analyzeWorkspace(catalogs: CatalogClient): Promise<number> {
  const analysed = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'CAP Advisor: analysing the workspace' }, () =>
    catalogs.analyzeWorkspace(),
  );
  // Catalogs open from outside the workspace (the walkthrough's example copy) are analysed, not counted.
  const found = analysed.filter((summary) => vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(summary.uri)) !== undefined);
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const summary of found) for (const severity of Object.keys(counts) as (keyof typeof counts)[]) counts[severity] += summary.counts[severity];
  void vscode.window.showInformationMessage(
    found.length === 0
      ? 'CAP Advisor: no data catalog in this workspace (files named *.catalog.yaml or declaring apiVersion: cap-advisor/v1).'
      : `CAP Advisor: ${plural(found.length, 'catalog')} in the workspace, ${countsText(counts)}.`,
  );
  return found.length;
}

/** The example and the templates it links, as the extension ships them. */
const EXAMPLE_FILES = ['storefront.catalog.yaml', 'infra/storefront.yaml', 'infra/storefront-us-east-2.yaml'];

/**
 * The walkthrough's first step: a fresh copy of the bundled example and its `infra/` templates in
 * the extension's storage, so that trying fixes never edits the extension and the deployed-system
 * findings show too. Where there is no storage to write (a web host), an untitled copy, and one
 * line saying that its linked infrastructure is not read.
 */
export async function openExample(extensionUri: vscode.Uri, storageUri?: vscode.Uri): Promise<vscode.TextDocument> {
  const source = vscode.Uri.joinPath(extensionUri, 'examples');
  if (storageUri) {
    try {
      const copy = vscode.Uri.joinPath(storageUri, 'example');
      for (const file of EXAMPLE_FILES) {
        const target = vscode.Uri.joinPath(copy, file);
        await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
        await vscode.workspace.fs.writeFile(target, await vscode.workspace.fs.readFile(vscode.Uri.joinPath(source, file)));
      }
      // An editor left open on an earlier copy shows the fresh one.
      const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(copy, EXAMPLE_FILES[0]));
      if (document.isDirty) await vscode.window.showTextDocument(document).then(() => vscode.commands.executeCommand('workbench.action.files.revert'));
      await vscode.window.showTextDocument(document);
      return document;
    } catch {
      // No storage to write: the untitled copy below.
    }
  }
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(source, EXAMPLE_FILES[0]));
  const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: new TextDecoder().decode(bytes) });
  await vscode.window.showTextDocument(document);
  void vscode.window.showInformationMessage(
    'CAP Advisor: the example opened as an untitled copy, so the templates it links (infra/) are not read: the deployed-system findings are missing.',
  );
  return document;
}

/** The walkthrough's fix step: the cursor on the active catalog's first error, and its quick fixes open. */
export async function showFixes(catalogs: CatalogClient): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  const first =
    editor && catalogs.isCatalog(editor.document)
      ? (await catalogs.analysis(editor.document.uri))?.analysis.findings.find((finding) => finding.severity === 'error')
      : undefined;
  if (!editor || !first) {
    void vscode.window.showInformationMessage('CAP Advisor: open a catalog with an error first (the example has several).');
    return false;
  }
  const start = editor.document.positionAt(first.range.offset[0]);
  editor.selection = new vscode.Selection(start, start);
  editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  await vscode.commands.executeCommand('editor.action.quickFix');
  return true;
}

const EXPORT_FORMATS = {
  markdown: { label: 'Markdown', extension: 'md' },
  html: { label: 'HTML', extension: 'html' },
  json: { label: 'JSON', extension: 'json' },
  sarif: { label: 'SARIF 2.1.0', extension: 'sarif' },
} as const;

/**
 * Writes the report of the active catalog (or of every catalog analysed in the workspace) in a
 * format and to a file the user picks. Tests pass both as arguments.
 */
export async function exportReport(catalogs: CatalogClient, version: string, target?: vscode.Uri, format?: ExportFormat): Promise<vscode.Uri | undefined> {
  const active = activeCatalogUri(catalogs);
  const sources = active ? [active] : catalogs.all().map((summary) => vscode.Uri.parse(summary.uri));
  if (sources.length === 0) {
    void vscode.window.showInformationMessage('CAP Advisor: no data catalog to report on. Open one, or run "CAP Advisor: Analyze Workspace".');
    return undefined;
  }
  const chosen =
    format ??
    (
      await vscode.window.showQuickPick(
        (Object.keys(EXPORT_FORMATS) as ExportFormat[]).map((id) => ({ label: EXPORT_FORMATS[id].label, id })),
        { title: 'CAP Advisor: Export Report', placeHolder: 'Format of the report' },
      )
    )?.id;
  if (!chosen) return undefined;
  const base = sources.length === 1 ? sources[0] : vscode.workspace.workspaceFolders?.[0]?.uri;
  const suggested = base && vscode.Uri.joinPath(base, sources.length === 1 ? '..' : '.', `cap-advisor-report.${EXPORT_FORMATS[chosen].extension}`);
  const destination =
    target ??
    (await vscode.window.showSaveDialog({
      defaultUri: suggested,
      title: 'Export the CAP Advisor report',
      filters: { [EXPORT_FORMATS[chosen].label]: [EXPORT_FORMATS[chosen].extension] },
    }));
  if (!destination) return undefined;
  // The server renders it from its analyses, each catalog named as the workspace shows it.
  const { content } = await catalogs.export({
    catalogs: sources.map((uri) => ({ uri: uri.toString(), file: vscode.workspace.asRelativePath(uri) })),
    format: chosen,
    toolVersion: version,
  });
  await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(content));
  void vscode.window.showInformationMessage(`CAP Advisor: report written to ${vscode.workspace.asRelativePath(destination)}.`);
  return destination;
}

/**
 * "New Data Catalog": asks the system's name (`name` answers instead), then opens an untitled
 * `<name>.catalog.yaml` in the workspace folder with the commented starting catalog; undefined
 * when the user cancels.
 */
export async function newCatalog(name?: string): Promise<vscode.TextDocument | undefined> {
  const system =
    name ??
    (await vscode.window.showInputBox({
      title: 'CAP Advisor: New Data Catalog',
      prompt: 'Name of the system the catalog describes (lower case, e.g. storefront): its file is <name>.catalog.yaml',
      value: 'shop',
      validateInput: (value) => (NAME_PATTERN.test(value) ? undefined : 'Use lower-case letters, digits, -, _ and ., starting with a letter or digit.'),
    }));
  if (!system) return undefined;
  const text = NEW_CATALOG_TEMPLATE.replace(/^( {2}name: )my-system$/m, `$1${system}`);
  // Named like a catalog (its tab reads `<name>.catalog.yaml`, not its first comment line), in the
  // workspace folder when there is one, so that saving it proposes that place and that name.
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (folder) return showUntitled(folder, system, '.catalog.yaml', text, { language: 'yaml' });
  const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: text });
  await vscode.window.showTextDocument(document);
  return document;
}

/**
 * An unsaved file named `stem[-n]extension` in `folder`, a name neither on disk nor open, shown
 * with `content`: its tab reads like the file it will be, and saving it proposes that place and
 * that name. `fromTop` puts the cursor back on the first line, where a header is to be read first.
 */
export async function showUntitled(
  folder: vscode.Uri,
  stem: string,
  extension: string,
  content: string,
  options: { language: string; viewColumn?: vscode.ViewColumn; preserveFocus?: boolean; fromTop?: boolean },
): Promise<vscode.TextDocument> {
  let file = vscode.Uri.joinPath(folder, `${stem}${extension}`);
  for (let n = 2; (await exists(file)) || vscode.workspace.textDocuments.some((d) => d.uri.path === file.path); n++)
    file = vscode.Uri.joinPath(folder, `${stem}-${n}${extension}`);
  let document = await vscode.workspace.openTextDocument(file.with({ scheme: 'untitled' }));
  const editor = await vscode.window.showTextDocument(document, { viewColumn: options.viewColumn, preserveFocus: options.preserveFocus });
  await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), content));
  if (options.fromTop) {
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
  }
  if (document.languageId !== options.language && (await vscode.languages.getLanguages()).includes(options.language)) {
    document = await vscode.languages.setTextDocumentLanguage(document, options.language);
  }
  return document;
}

const NAME_PATTERN = /^[a-z0-9][a-z0-9-_.]*$/;

/** Asks the decision questions; undefined when the user cancels. */
async function askDecisionQuestions(existingNames: Set<string>): Promise<DataTypeAnswers | undefined> {
  const title = 'CAP Advisor: Add Data Type';
  const name = await vscode.window.showInputBox({
    title,
    prompt: 'Name of the data type (lower case, e.g. order-ledger)',
    validateInput: (value) =>
      !NAME_PATTERN.test(value)
        ? 'Use lower-case letters, digits, -, _ and ., starting with a letter or digit.'
        : existingNames.has(value)
          ? `${value} is already in the catalog.`
          : undefined,
  });
  if (!name) return undefined;
  // The category first: it answers most of the questions below.
  const picked = await vscode.window.showQuickPick(
    CATEGORIES.map((category) => ({ label: category, detail: categoryText(category).replace(/`/g, ''), category })),
    { title: `${title}: ${name}`, placeHolder: 'What kind of data is it?', matchOnDetail: true, ignoreFocusOut: true },
  );
  if (!picked) return undefined;
  const { category } = picked;
  const yesNo = async (question: string, yes: string, no: string): Promise<boolean | undefined> => {
    const answer = await vscode.window.showQuickPick(
      [
        { label: 'Yes', detail: yes, value: true },
        { label: 'No', detail: no, value: false },
      ],
      { title: `${title}: ${name}`, placeHolder: question, ignoreFocusOut: true },
    );
    return answer?.value;
  };
  let wrongWorseThanMissing: boolean | undefined;
  let immutable: boolean | undefined;
  if (category === 'other') {
    wrongWorseThanMissing = await yesNo(
      'Is wrong data worse than no data?',
      'Strong consistency: refuse writes rather than diverge (CP).',
      'Eventual consistency: stay available, converge later (AP).',
    );
    if (wrongWorseThanMissing === undefined) return undefined;
    immutable = await yesNo('Is it immutable (written once, never updated)?', 'S3 fits: copies cannot diverge.', 'It is updated after it is written.');
    if (immutable === undefined) return undefined;
  }
  const multiRegionWrites =
    categoryNeeds[category].immutable || immutable
      ? false
      : await yesNo(
          'Must several Regions take writes?',
          'Hot-hot: every Region writes; needs a split-brain guard.',
          'Hot-warm: one writer Region, the others read and stand by.',
        );
  if (multiRegionWrites === undefined) return undefined;
  const stalenessBudget = await vscode.window.showInputBox({
    title: `${title}: ${name}`,
    prompt: 'How stale may a read in another Region be? A duration such as 0s, 500ms, 1s, 5m; empty to skip.',
    validateInput: (value) => (value === '' || parseDuration(value) !== undefined ? undefined : 'A duration: a number and ms, s, m, h or d (e.g. 1s).'),
  });
  if (stalenessBudget === undefined) return undefined;
  return { name, category, wrongWorseThanMissing, multiRegionWrites, immutable, stalenessBudget: stalenessBudget || undefined };
}

/** Inserts a complete entry at the end of `dataTypes` of the active catalog. Tests pass the answers. */
export async function addDataType(catalogs: CatalogClient, answers?: DataTypeAnswers): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !catalogs.isCatalog(editor.document)) {
    void vscode.window.showInformationMessage('CAP Advisor: open a data catalog to add a data type to it.');
    return false;
  }
  const text = editor.document.getText();
  const analysis = analyzeCatalog(text);
  const chosen = answers ?? (await askDecisionQuestions(new Set(analysis.report.dataTypes.map((dt) => dt.name))));
  if (!chosen) return false;
  const { entry, recommendation } = dataTypeEntry(chosen, analysis);
  let edit;
  try {
    edit = insertDataType(text, entry);
  } catch {
    void vscode.window.showErrorMessage('CAP Advisor: the catalog has no dataTypes list to add to. Fix its YAML first.');
    return false;
  }
  const range = new vscode.Range(editor.document.positionAt(edit.offset[0]), editor.document.positionAt(edit.offset[1]));
  const applied = await editor.edit((builder) => builder.replace(range, edit.newText));
  if (applied) {
    const start = editor.document.positionAt(edit.offset[0] + edit.newText.search(/\S/));
    editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    editor.selection = new vscode.Selection(start, start);
    void vscode.window.showInformationMessage(`CAP Advisor: added ${chosen.name}: ${recommendation.cap} on ${recommendation.store}.`);
  }
  return applied;
}

/**
 * Draft Catalog from Infrastructure...: the user picks templates, a cdk.out or a folder (tests pass
 * `targets`); the draft opens unsaved, as `drafted.catalog.yaml` in the workspace folder, so that
 * its `infrastructure` paths (relative to that folder) resolve and its findings show at once. A
 * plain template never says its Region: for each one that holds a store, the user is asked (a
 * Region code in the file name is offered first); `regions` answers instead, by file (tests, and
 * callers that know).
 */
export async function draftCatalogFromInfrastructure(targets?: vscode.Uri[], regions?: Record<string, string>): Promise<vscode.TextDocument | undefined> {
  const picked =
    targets ??
    (await vscode.window.showOpenDialog({
      title: 'CAP Advisor: Draft Catalog from Infrastructure',
      openLabel: 'Draft Catalog',
      canSelectFiles: true,
      canSelectFolders: true,
      canSelectMany: true,
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      filters: { 'CloudFormation, SAM, CDK or Terraform': ['yaml', 'yml', 'json', 'template', 'tf'] },
    }));
  if (!picked || picked.length === 0) return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(picked[0])?.uri ?? vscode.Uri.joinPath(picked[0], '..');
  const paths = picked.map((uri) => relative(folder.fsPath, uri.fsPath).split(sep).join('/') || '.');
  const root = { catalogDir: folder.fsPath, workspaceRoot: folder.fsPath };
  // The command line drafts with the same function: the same files and Regions give the same catalog.
  const drafted = await draftFromInfrastructure(
    paths.map((path) => ({ path })),
    root,
    (files, system) => regionsOfPlainTemplates(files, system, regions),
  );
  if (drafted.text === undefined) {
    const problems = drafted.system?.problems.map((problem) => problem.message) ?? [];
    void vscode.window.showWarningMessage(`CAP Advisor: no data store found to draft a catalog from.${problems.length ? ` ${problems[0]}` : ''}`);
    return undefined;
  }
  const problems = drafted.system.problems.map((problem) => problem.message);
  const document = await showUntitled(folder, 'drafted', '.catalog.yaml', drafted.text, { language: 'yaml' });
  void vscode.window.showInformationMessage(`CAP Advisor: ${draftedSummary(drafted.system)}${problems.length ? ` Not read: ${problems.join(' ')}` : ''}`);
  return document;
}

/** The Region of each plain template that holds a store, by file: asked, unless `given`. */
async function regionsOfPlainTemplates(files: string[], system: DeployedSystem, given: Record<string, string> | undefined): Promise<Map<string, string>> {
  const known = [...new Set(system.stores.flatMap((store) => knownRegions(store).regions))].sort();
  const answers = new Map<string, string>();
  for (const file of files) {
    if (given) {
      if (given[file]) answers.set(file, given[file]);
      continue;
    }
    const named = regionInFileName(file);
    const offered = [...new Set([...(named ? [named] : []), ...known])];
    const items: Array<vscode.QuickPickItem & { region?: string }> = [
      ...offered.map((region) => ({ label: region, region, description: region === named ? 'in the file name' : 'a Region the infrastructure names' })),
      { label: 'Leave it unknown', description: 'the draft marks what it does not know with # check:' },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: 'CAP Advisor: Draft Catalog from Infrastructure',
      placeHolder: `Which Region is ${file} deployed in? A plain template never says.`,
      ignoreFocusOut: true,
    });
    if (picked?.region) answers.set(file, picked.region);
  }
  return answers;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
