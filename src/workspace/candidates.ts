// What an `infrastructure` entry may name, found on disk for completion: CDK cloud assemblies
// (folders with manifest.json), Terraform root modules, SAM and CloudFormation templates.
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { InfrastructureCandidate } from '../engine';

/** Folders never searched: dependencies, VCS data, tools' caches and build output of other tools. */
const SKIPPED = new Set(['node_modules', '.git', '.aws-sam', '.terraform', '.vscode-host']);
/** Folders whose YAML and JSON files are templates by where they are. */
const TEMPLATE_FOLDERS = new Set(['infra', 'infrastructure', 'templates', 'cloudformation', 'cfn']);
/** A search stops after this many files of each kind, as the editor's own search does. */
const MAX_OF_EACH = 200;
/** A workspace is searched at most this often: completion is typed, and a search of a monorepo is not free. */
const FRESH_FOR_MS = 10_000;

interface Found {
  assemblies: string[];
  terraform: string[];
  templates: string[];
}

const searches = new Map<string, { at: number; found: Found }>();

/** The candidates in `workspaceFolder`, relative to the catalog's folder. */
export function infrastructureCandidates(workspaceFolder: string, catalogDir: string): InfrastructureCandidate[] {
  let cached = searches.get(workspaceFolder);
  if (!cached || Date.now() - cached.at > FRESH_FOR_MS) {
    cached = { at: Date.now(), found: search(workspaceFolder) };
    searches.set(workspaceFolder, cached);
  }
  const { assemblies, terraform, templates } = cached.found;
  const inAssembly = (path: string) => assemblies.some((assembly) => !relative(assembly, path).startsWith('..'));
  const relativePath = (path: string) => relative(catalogDir, path).split(sep).join('/') || '.';
  return [
    ...assemblies.sort().map((path) => ({ path: relativePath(path), detail: 'CDK cloud assembly' })),
    ...terraform.sort().map((path) => ({ path: relativePath(path), detail: 'Terraform module' })),
    ...templates
      .filter((path) => !inAssembly(path) && !/\.catalog\.ya?ml$/.test(path))
      .sort()
      .map((path) => ({ path: relativePath(path), detail: /template\.ya?ml$/.test(path) ? 'SAM or CloudFormation template' : 'CloudFormation template' })),
  ];
}

function search(root: string): Found {
  const found: Found = { assemblies: [], terraform: [], templates: [] };
  const terraformFolders = new Set<string>();
  const walk = (folder: string, inTemplateFolder: boolean) => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return; // unreadable: nothing to offer from it
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) walk(path, inTemplateFolder || TEMPLATE_FOLDERS.has(entry.name));
      } else if (entry.isFile()) {
        if (entry.name === 'manifest.json' && found.assemblies.length < MAX_OF_EACH) found.assemblies.push(folder);
        // Terraform root modules: folders of .tf files that are not under a `modules` folder.
        else if (entry.name.endsWith('.tf') && !path.split(sep).includes('modules') && terraformFolders.size < MAX_OF_EACH) terraformFolders.add(folder);
        else if (isTemplateName(entry.name, inTemplateFolder) && found.templates.length < MAX_OF_EACH) found.templates.push(path);
      }
    }
  };
  walk(root, false);
  found.terraform = [...terraformFolders];
  return found;
}

function isTemplateName(name: string, inTemplateFolder: boolean): boolean {
  if (/^template\.ya?ml$/.test(name) || /\.template\.(ya?ml|json)$/.test(name)) return true;
  return inTemplateFolder && /\.(ya?ml|json)$/.test(name);
}
