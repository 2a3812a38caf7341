// Completion in catalogs: the engine's items (completionsAt) as VS Code completion items.
import { dirname, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import { completionsAt, type CompletionItem, type InfrastructureCandidate } from '../engine';
import type { CatalogDiagnostics } from './catalogs';

const KINDS: Record<CompletionItem['kind'], vscode.CompletionItemKind> = {
  key: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.EnumMember,
  region: vscode.CompletionItemKind.Constant,
  guard: vscode.CompletionItemKind.Value,
  rule: vscode.CompletionItemKind.Reference,
  entry: vscode.CompletionItemKind.Snippet,
};

/** Up to this size an analysis is quick enough for completion to wait for one (`npm run bench` measures it). */
const FRESH_ANALYSIS_MAX_CHARS = 200_000;

export class CatalogCompletion implements vscode.CompletionItemProvider {
  /** After `key:` and `key: `, and inside flow lists and maps. */
  static readonly triggerCharacters = [':', ' ', '[', ',', '{'];

  constructor(private readonly catalogs: CatalogDiagnostics) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
    if (!this.catalogs.isCatalog(document)) return undefined;
    // The labels (recommended, does not fit) need the entry being typed in the analysis: a fresh
    // one when the text changed since the last, unless the catalog is large enough for that to
    // delay the list (then the last one, and the labels of what it knew).
    const last = this.catalogs.last(document.uri);
    const stale = last !== undefined && last.text !== document.getText();
    const analysis = (stale && document.getText().length <= FRESH_ANALYSIS_MAX_CHARS ? this.catalogs.current(document.uri) : last)?.analysis;
    const infrastructure = mayNameInfrastructure(document, position) ? await infrastructureCandidates(document.uri) : [];
    return completionsAt(document.getText(), document.offsetAt(position), analysis, infrastructure).map((item) => {
      const completion = new vscode.CompletionItem(item.detail ? { label: item.label, description: item.detail } : item.label, KINDS[item.kind]);
      completion.insertText = item.snippet ? new vscode.SnippetString(item.insertText) : item.insertText;
      completion.documentation = new vscode.MarkdownString(item.documentation);
      completion.sortText = item.sortText;
      completion.preselect = item.preselect;
      completion.range = new vscode.Range(document.positionAt(item.range[0]), document.positionAt(item.range[1]));
      if (item.retrigger) completion.command = { command: 'editor.action.triggerSuggest', title: 'Suggest values' };
      return completion;
    });
  }
}

/** Whether the cursor may be in the `infrastructure` list: only then is the workspace searched. */
function mayNameInfrastructure(document: vscode.TextDocument, position: vscode.Position): boolean {
  const line = document.lineAt(position).text;
  if (/^infrastructure *:/.test(line)) return true;
  if (!/^\s+-/.test(line)) return false;
  for (let row = position.line - 1; row >= 0; row--) {
    const above = document.lineAt(row).text;
    if (/^\S/.test(above) && !above.startsWith('#')) return /^infrastructure *:/.test(above);
  }
  return false;
}

const CANDIDATES_TTL_MS = 10_000;
const candidateCache = new Map<string, { at: number; found: Promise<Array<{ path: string; detail: string }>> }>();

/** CDK assemblies (folders with manifest.json), Terraform root modules, SAM and CloudFormation templates in the workspace, relative to the catalog. */
async function infrastructureCandidates(catalog: vscode.Uri): Promise<InfrastructureCandidate[]> {
  if (catalog.scheme !== 'file') return [];
  const folder = vscode.workspace.getWorkspaceFolder(catalog);
  if (!folder) return [];
  const key = folder.uri.toString();
  let cached = candidateCache.get(key);
  if (!cached || Date.now() - cached.at > CANDIDATES_TTL_MS) {
    cached = { at: Date.now(), found: searchInfrastructure(folder) };
    candidateCache.set(key, cached);
  }
  const from = dirname(catalog.fsPath);
  return (await cached.found).map(({ path, detail }) => ({ path: relative(from, path).split(sep).join('/') || '.', detail }));
}

async function searchInfrastructure(folder: vscode.WorkspaceFolder): Promise<Array<{ path: string; detail: string }>> {
  const exclude = '{**/node_modules/**,**/.git/**,**/.aws-sam/**,**/.terraform/**,**/.vscode-host/**}';
  const find = (glob: string) => vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), exclude, 200);
  const [manifests, terraformFiles, ...found] = await Promise.all([
    find('**/manifest.json'),
    find('**/*.tf'),
    find('**/template.{yaml,yml}'),
    find('**/*.template.{yaml,yml,json}'),
    ...['infra', 'infrastructure', 'templates', 'cloudformation', 'cfn'].map((name) => find(`**/${name}/**/*.{yaml,yml,json}`)),
  ]);
  const templates = [...new Map(found.flat().map((uri) => [uri.toString(), uri])).values()];
  const assemblies = manifests.map((uri) => dirname(uri.fsPath));
  // A CDK assembly's own templates come with it.
  const inAssembly = (path: string) => assemblies.some((assembly) => !relative(assembly, path).startsWith('..'));
  // Terraform root modules: folders of .tf files that are not under a `modules` folder.
  const terraform = [...new Set(terraformFiles.map((uri) => dirname(uri.fsPath)))].filter((path) => !path.split(sep).includes('modules'));
  return [
    ...assemblies.sort().map((path) => ({ path, detail: 'CDK cloud assembly' })),
    ...terraform.sort().map((path) => ({ path, detail: 'Terraform module' })),
    ...templates
      .map((uri) => uri.fsPath)
      .filter((path) => !inAssembly(path) && !path.endsWith('.catalog.yaml') && !path.endsWith('.catalog.yml'))
      .sort()
      .map((path) => ({ path, detail: /template\.ya?ml$/.test(path) ? 'SAM or CloudFormation template' : 'CloudFormation template' })),
  ];
}
