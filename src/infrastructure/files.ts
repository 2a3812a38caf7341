// Reads the files a catalog's `infrastructure` entries name, for the CLI and the extension alike:
// templates, CDK cloud assemblies (manifest.json, Stage sub-assemblies, nested stacks) and SAM
// apps (samconfig.toml's Region). The engine stays pure: this module reads, the engine parses.
//
// Safety: a path is read only inside the workspace. Absolute paths, `..` that leaves it, and
// symbolic links that lead out of it are refused with a finding; a symlink loop or a file over
// the size limit is a finding too, never a hang or a crash.
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { analyzeCatalog, type AnalyzeOptions, type CatalogAnalysis } from '../engine';
import { deployedSystem, infrastructureEntries, readCloudAssembly, samConfigRegion, type DeployedSystem, type InfrastructureEntry, type InfrastructureFiles, type InfrastructureProblem, type TemplateFile } from '../engine/infrastructure';

export interface InfrastructureRoot {
  /** The catalog's folder: entries are relative to it. */
  catalogDir: string;
  /** Nothing outside this folder is read. */
  workspaceRoot: string;
  /** Files over this size are refused. Default 10 MB. */
  maxFileBytes?: number;
}

const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Folders a walk never enters: dependencies, VCS data, Terraform's provider cache. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.terraform', '.aws-sam']);
const TEMPLATE_EXTENSIONS = new Set(['.yaml', '.yml', '.json', '.template']);
const MAX_FILES_IN_FOLDER = 5000;

/** How many template texts were read from disk (cached ones are not): the benchmark shows edits cost none. */
export const readCounter = { templates: 0 };

interface CachedFile { mtimeMs: number; size: number; text: string; nested?: string[] }
const fileCache = new Map<string, CachedFile>();
const systemCache = new Map<string, { signature: string; system: DeployedSystem }>();

/** The deployed system a catalog links, read afresh only when a linked file or the entries changed. */
export function loadDeployedSystem(entries: InfrastructureEntry[], root: InfrastructureRoot): DeployedSystem | undefined {
  if (entries.length === 0) return undefined;
  const found = new Finder(root).find(entries);
  const signature = JSON.stringify([found.templates.map((t) => [t.file, t.region, t.stack, t.entryIndex, t.stamp]), found.problems]);
  const key = resolve(root.catalogDir);
  const cached = systemCache.get(key);
  if (cached?.signature === signature) return cached.system;
  const system = deployedSystem(found);
  systemCache.set(key, { signature, system });
  return system;
}

class Finder {
  private readonly templates: Array<TemplateFile & { stamp: string }> = [];
  private readonly problems: InfrastructureProblem[] = [];
  private readonly files = new Set<string>();
  private readonly realRoot: string;
  private readonly limit: number;

  constructor(private readonly root: InfrastructureRoot) {
    this.realRoot = safeRealpath(root.workspaceRoot) ?? resolve(root.workspaceRoot);
    this.limit = root.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  }

  find(entries: InfrastructureEntry[]): Omit<InfrastructureFiles, 'templates'> & { templates: Array<TemplateFile & { stamp: string }> } {
    for (const entry of entries) this.readEntry(entry);
    return { templates: this.templates, problems: this.problems, files: [...this.files] };
  }

  private problem(entry: InfrastructureEntry, message: string, detail: string): void {
    this.problems.push({ entryIndex: entry.index, message, detail });
  }

  private readEntry(entry: InfrastructureEntry): void {
    const written = entry.path;
    if (isAbsolute(written) || /^[a-zA-Z]:[\\/]/.test(written)) {
      this.problem(entry, `${written} is not read: write infrastructure paths relative to the catalog.`, `\`${written}\` is an absolute path. CAP Advisor reads infrastructure only inside the workspace, so that a shared catalog cannot make it read files elsewhere: write the path relative to the catalog's folder.`);
      return;
    }
    const absolute = resolve(this.root.catalogDir, written);
    if (!this.inside(absolute)) {
      this.problem(entry, `${written} is not read: it leaves the workspace.`, `\`${written}\` resolves to a path outside the workspace (\`${this.root.workspaceRoot}\`). CAP Advisor reads infrastructure only inside the workspace; move the templates into it or open the folder that holds both.`);
      return;
    }
    let stat;
    try {
      stat = statSync(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') this.problem(entry, `${written} is not read: its symbolic links form a loop.`, `\`${written}\` is a symbolic link that leads back to itself (a loop), so there is nothing to read. Point the link at the templates.`);
      else if (code === 'ENOENT' || code === 'ENOTDIR') this.problem(entry, `${written} does not exist: check the path (relative to the catalog).`, `\`${written}\` does not exist. Infrastructure paths are relative to the catalog's folder; for a CDK app, run \`cdk synth\` first so that \`cdk.out\` exists.`);
      else this.problem(entry, `${written} cannot be read (${code ?? 'error'}).`, `\`${written}\` cannot be read: ${(error as Error).message}.`);
      return;
    }
    const real = safeRealpath(absolute);
    if (!real || !this.insideReal(real)) {
      this.problem(entry, `${written} is not read: a symbolic link leads out of the workspace.`, `\`${written}\` is (or passes through) a symbolic link to \`${real ?? '?'}\`, outside the workspace. CAP Advisor reads infrastructure only inside the workspace.`);
      return;
    }
    if (stat.isDirectory()) {
      if (this.exists(join(absolute, 'manifest.json'))) this.readAssembly(entry, absolute, new Set());
      else this.readFolder(entry, absolute);
      return;
    }
    if (basename(absolute) === 'manifest.json') {
      this.readAssembly(entry, dirname(absolute), new Set());
      return;
    }
    if (extname(absolute) === '.tf') {
      this.problem(entry, `${written} is Terraform, which this version does not read yet: link CloudFormation, CDK or SAM.`, `\`${written}\` is a Terraform file. This version of CAP Advisor reads CloudFormation templates, CDK cloud assemblies and SAM templates; Terraform support is next.`);
      return;
    }
    this.readTemplateFile(entry, absolute, { explicit: true });
  }

  /** A folder: a CDK assembly wherever a manifest.json is, else every file that is a template. */
  private readFolder(entry: InfrastructureEntry, folder: string): void {
    const before = this.templates.length;
    let terraform = false;
    const pending = [folder];
    const visited = new Set<string>();
    let seen = 0;
    while (pending.length > 0 && seen < MAX_FILES_IN_FOLDER) {
      const current = pending.shift() as string;
      const real = safeRealpath(current);
      if (!real || visited.has(real) || !this.insideReal(real)) continue; // a loop, or a link out of the workspace
      visited.add(real);
      if (current !== folder && this.exists(join(current, 'manifest.json'))) {
        this.readAssembly(entry, current, new Set());
        continue;
      }
      let names: string[];
      try {
        names = readdirSync(current).sort();
      } catch {
        continue;
      }
      for (const name of names) {
        seen++;
        const path = join(current, name);
        let isDirectory = false;
        try {
          isDirectory = statSync(path).isDirectory();
        } catch {
          continue; // a broken link or a loop inside a folder: nothing to read there
        }
        if (isDirectory) {
          if (!SKIPPED_FOLDERS.has(name)) pending.push(path);
        } else if (name.endsWith('.tf')) {
          terraform = true;
        } else if (TEMPLATE_EXTENSIONS.has(extname(name)) && name !== 'manifest.json' && !name.endsWith('.assets.json') && name !== 'tree.json') {
          this.readTemplateFile(entry, path, { explicit: false });
        }
      }
    }
    if (this.templates.length === before) {
      this.problem(entry, terraform
        ? `${entry.path} holds Terraform, which this version does not read yet: link CloudFormation, CDK or SAM.`
        : `${entry.path} holds no CloudFormation template, CDK assembly or SAM template.`, terraform
        ? `\`${entry.path}\` holds Terraform files. This version of CAP Advisor reads CloudFormation templates, CDK cloud assemblies and SAM templates; Terraform support is next.`
        : `\`${entry.path}\` holds no file CAP Advisor can read as infrastructure: a CloudFormation or SAM template (YAML or JSON with a \`Resources\` section), or a CDK cloud assembly (a folder with \`manifest.json\`; run \`cdk synth\`).`);
    }
  }

  /** A CDK cloud assembly: each stack's template in its environment's Region, Stage sub-assemblies, nested stacks. */
  private readAssembly(entry: InfrastructureEntry, folder: string, visited: Set<string>): void {
    const real = safeRealpath(folder) ?? folder;
    if (visited.has(real)) return;
    visited.add(real);
    const manifestPath = join(folder, 'manifest.json');
    const text = this.readText(entry, manifestPath);
    if (text === undefined) return;
    const assembly = readCloudAssembly(text);
    if ('error' in assembly) {
      this.problem(entry, `${this.display(manifestPath)} is not read: ${assembly.error}.`, `\`${this.display(manifestPath)}\` is not read: ${assembly.error}.`);
      return;
    }
    for (const stack of assembly.stacks) {
      const templatePath = resolve(folder, stack.templateFile);
      if (!this.inside(templatePath) || !this.exists(templatePath)) {
        this.problem(entry, `${this.display(manifestPath)} names ${stack.templateFile}, which is missing: run cdk synth again.`, `The CDK manifest \`${this.display(manifestPath)}\` names the template \`${stack.templateFile}\` of stack \`${stack.stackName}\`, which does not exist (or lies outside the workspace). The assembly is incomplete: run \`cdk synth\` again.`);
        continue;
      }
      this.readTemplateFile(entry, templatePath, { explicit: true, region: stack.region ?? entry.region, stack: stack.stackName });
    }
    for (const directory of assembly.nestedAssemblies) {
      const nested = resolve(folder, directory);
      if (this.inside(nested) && this.exists(join(nested, 'manifest.json'))) this.readAssembly(entry, nested, visited);
      else this.problem(entry, `${this.display(manifestPath)} names the Stage assembly ${directory}, which is missing.`, `The CDK manifest \`${this.display(manifestPath)}\` names the Stage sub-assembly \`${directory}\`, which has no manifest.json. Run \`cdk synth\` again.`);
    }
  }

  private readTemplateFile(entry: InfrastructureEntry, path: string, how: { explicit: boolean; region?: string; stack?: string }): void {
    const text = this.readText(entry, path);
    if (text === undefined) return;
    // In a folder, only files that look like templates are read; a named file is read whatever it holds.
    if (!how.explicit && !/["']?Resources["']?\s*:/.test(text)) return;
    const region = how.region ?? entry.region ?? this.samRegion(path);
    const stat = statSync(path);
    const file = this.display(path);
    this.templates.push({ entryIndex: entry.index, file, text, stack: how.stack ?? basename(path).replace(/\.(template\.)?(ya?ml|json|template)$/, ''), stamp: `${stat.mtimeMs}:${stat.size}`, ...(region ? { region } : {}) });
    const parsed = this.templates[this.templates.length - 1];
    // Nested stacks share their parent's Region and stack name.
    const cached = fileCache.get(path);
    const nestedPaths = cached?.text === text ? (cached.nested ??= nestedTemplatePaths(text)) : nestedTemplatePaths(text);
    for (const nested of nestedPaths) {
      const nestedPath = resolve(dirname(path), nested);
      if (this.inside(nestedPath) && this.exists(nestedPath) && !this.files.has(this.display(nestedPath))) this.readTemplateFile(entry, nestedPath, { explicit: true, region: parsed.region, stack: parsed.stack });
    }
  }

  private samRegion(templatePath: string): string | undefined {
    const config = join(dirname(templatePath), 'samconfig.toml');
    if (!this.exists(config)) return undefined;
    try {
      return samConfigRegion(readFileSync(config, 'utf8'));
    } catch {
      return undefined;
    }
  }

  private readText(entry: InfrastructureEntry, path: string): string | undefined {
    const display = this.display(path);
    try {
      const stat = statSync(path);
      if (stat.size > this.limit) {
        this.problem(entry, `${display} is not read: it is ${megabytes(stat.size)}, over the ${megabytes(this.limit)} limit.`, `\`${display}\` is ${megabytes(stat.size)}, over the ${megabytes(this.limit)} limit that keeps the editor responsive (CloudFormation itself accepts templates of at most 1 MB). Raise \`capAdvisor.maxFileSize\` or \`--max-file-size\` if it really is one template.`);
        return undefined;
      }
      this.files.add(display);
      const cached = fileCache.get(path);
      if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.text;
      const text = readFileSync(path, 'utf8');
      readCounter.templates++;
      fileCache.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, text });
      return text;
    } catch (error) {
      this.problem(entry, `${display} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, `\`${display}\` cannot be read: ${(error as Error).message}.`);
      return undefined;
    }
  }

  private display(path: string): string {
    return relative(this.root.catalogDir, path).split(sep).join('/');
  }

  private inside(path: string): boolean {
    const fromRoot = relative(resolve(this.root.workspaceRoot), path);
    return fromRoot === '' || (!fromRoot.startsWith('..') && !isAbsolute(fromRoot));
  }

  private insideReal(real: string): boolean {
    const fromRoot = relative(this.realRoot, real);
    return fromRoot === '' || (!fromRoot.startsWith('..') && !isAbsolute(fromRoot));
  }

  private exists(path: string): boolean {
    try {
      lstatSync(path);
      return statSync(path).isFile() || statSync(path).isDirectory();
    } catch {
      return false;
    }
  }
}

/** CDK writes a nested stack's template file in the parent's `AWS::CloudFormation::Stack` metadata. */
function nestedTemplatePaths(text: string): string[] {
  const paths: string[] = [];
  for (const match of text.matchAll(/"aws:asset:path"\s*:\s*"([^"]+\.nested\.template\.json)"/g)) paths.push(match[1]);
  return paths;
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function megabytes(bytes: number): string {
  return `${+(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The workspace a CLI run reads infrastructure in: the Git repository that holds the catalog, else its folder. */
export function workspaceRootOf(catalogPath: string): string {
  const start = dirname(resolve(catalogPath));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsQuietly(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

function existsQuietly(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

export interface CatalogFileOptions extends Omit<AnalyzeOptions, 'infrastructure'> {
  /** Where the catalog is: its `infrastructure` entries are relative to its folder. */
  catalogPath: string;
  /** Nothing outside it is read. Default: the Git repository that holds the catalog, else its folder. */
  workspaceRoot?: string;
}

/** The deployed system a catalog's text links, read from disk (cached between calls); undefined when it links none. */
export function catalogInfrastructure(text: string, options: Pick<CatalogFileOptions, 'catalogPath' | 'workspaceRoot' | 'maxFileBytes'>): DeployedSystem | undefined {
  const entries = infrastructureEntries(text);
  try {
    return loadDeployedSystem(entries, {
      catalogDir: dirname(resolve(options.catalogPath)),
      workspaceRoot: options.workspaceRoot ?? workspaceRootOf(options.catalogPath),
      maxFileBytes: options.maxFileBytes,
    });
  } catch (error) {
    // Reading must not take the catalog's own findings down with it.
    const problem = { entryIndex: entries[0].index, message: 'The infrastructure could not be read because of an internal error: please report it.', detail: `Reading the infrastructure failed: ${(error as Error).message}. Please report it with the files.` };
    return { stores: [], failovers: [], files: [], problems: [problem] };
  }
}

/** Analyses a catalog with the infrastructure it links. */
export function analyzeCatalogFile(text: string, options: CatalogFileOptions): CatalogAnalysis {
  const { catalogPath, workspaceRoot, ...analyzeOptions } = options;
  const infrastructure = catalogInfrastructure(text, { catalogPath, workspaceRoot, maxFileBytes: analyzeOptions.maxFileBytes });
  return analyzeCatalog(text, { ...analyzeOptions, ...(infrastructure ? { infrastructure } : {}) });
}
