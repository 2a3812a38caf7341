// Reads the files a catalog's `infrastructure` entries name, for the CLI and the extension alike:
// templates, CDK cloud assemblies (manifest.json, Stage sub-assemblies, nested stacks) and SAM
// apps (samconfig.toml's Region). The engine stays pure: this module reads, the engine parses.
//
// Safety: a path is read only inside the workspace. Absolute paths, `..` that leaves it, and
// symbolic links that lead out of it are refused with a finding; a symlink loop or a file over
// the size limit is a finding too, never a hang or a crash.
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { analyzeCatalog, DEFAULT_MAX_FILE_BYTES, formatBytes, type AnalyzeOptions, type CatalogAnalysis } from '../engine';
import { plural } from '../report/model';
import {
  deployedSystem,
  isTerraformJson,
  MAX_MODULE_DEPTH,
  readCloudAssembly,
  readTerraformJson,
  samConfigRegion,
  type DeployedSystem,
  type InfrastructureEntry,
  type InfrastructureFiles,
  type InfrastructureProblem,
  type TemplateFile,
  type TerraformModule,
} from '../engine/infrastructure';
import { loadTerraformParser, parseHcl, parseHclJson, terraformParserError, terraformParserLoaded, type ParsedHcl } from './terraform';

export interface InfrastructureRoot {
  /** The catalog's folder: entries are relative to it. */
  catalogDir: string;
  /** Nothing outside this folder is read. */
  workspaceRoot: string;
  /** Files over this size are refused. Default: the engine's limit for a catalog, 10 MB. */
  maxFileBytes?: number;
}

/** Folders a walk never enters: dependencies, VCS data, Terraform's provider cache. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.terraform', '.aws-sam']);
const TEMPLATE_EXTENSIONS = new Set(['.yaml', '.yml', '.json', '.template', '.tfstate']);
const MAX_FILES_IN_FOLDER = 5000;

/** How many template texts were read from disk (cached ones are not): the benchmark shows edits cost none. */
export const readCounter = { templates: 0 };

interface CachedFile {
  mtimeMs: number;
  size: number;
  text: string;
  nested?: string[];
  hcl?: ParsedHcl;
}
const fileCache = new Map<string, CachedFile>();
const systemCache = new Map<string, { signature: string; system: DeployedSystem }>();

/** The deployed system a catalog links, read afresh only when a linked file or the entries changed. */
export function loadDeployedSystem(entries: InfrastructureEntry[], root: InfrastructureRoot): DeployedSystem | undefined {
  if (entries.length === 0) return undefined;
  const found = new Finder(root).find(entries);
  const signature = JSON.stringify([found.templates.map((t) => [t.file, t.region, t.stack, t.entryIndex]), found.stamps, found.problems, found.pendingParser]);
  const key = resolve(root.catalogDir);
  const cached = systemCache.get(key);
  if (cached?.signature === signature) return cached.system;
  const system: DeployedSystem = { ...deployedSystem(found), ...(found.pendingParser ? { pendingParser: true } : {}) };
  systemCache.set(key, { signature, system });
  return system;
}

class Finder {
  private readonly templates: TemplateFile[] = [];
  private readonly terraform: NonNullable<InfrastructureFiles['terraform']> = [];
  /** Every file read, with its time and size: with what was found, the cache's signature. */
  private readonly stamps: string[] = [];
  /** The entries whose symbolic-link loop has its finding already. */
  private readonly loopsSaid = new Set<number>();
  /** A `.tf` file was found before the parser was loaded: read again once it is. */
  pendingParser = false;
  private readonly problems: InfrastructureProblem[] = [];
  private readonly files = new Set<string>();
  private readonly realRoot: string;
  private readonly limit: number;

  constructor(private readonly root: InfrastructureRoot) {
    this.realRoot = safeRealpath(root.workspaceRoot) ?? resolve(root.workspaceRoot);
    this.limit = root.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  }

  find(entries: InfrastructureEntry[]): InfrastructureFiles & { stamps: string[]; pendingParser: boolean } {
    for (const entry of entries) this.readEntry(entry);
    return {
      templates: this.templates,
      problems: this.problems,
      files: [...this.files],
      terraform: this.terraform,
      stamps: this.stamps,
      pendingParser: this.pendingParser,
    };
  }

  private problem(entry: InfrastructureEntry, message: string, detail: string, unreadModules?: string[]): void {
    // An entry with `regions:` is read once per Region: what is wrong with its path is said once.
    if (this.problems.some((problem) => problem.entryIndex === entry.index && problem.message === message)) return;
    this.problems.push({ entryIndex: entry.index, message, detail, ...(unreadModules ? { unreadModules } : {}) });
  }

  private readEntry(entry: InfrastructureEntry): void {
    const written = entry.path;
    if (isAbsolute(written) || /^[a-zA-Z]:[\\/]/.test(written)) {
      this.problem(
        entry,
        `${written} is not read: write infrastructure paths relative to the catalog.`,
        `\`${written}\` is an absolute path. CAP Advisor reads infrastructure only inside the workspace, so that a shared catalog cannot make it read files elsewhere: write the path relative to the catalog's folder.`,
      );
      return;
    }
    const absolute = resolve(this.root.catalogDir, written);
    if (!this.inside(absolute)) {
      this.problem(
        entry,
        `${written} is not read: it leaves the workspace (widen it with --root).`,
        `\`${written}\` resolves to a path outside the workspace (\`${this.root.workspaceRoot}\`). A catalog can come from a pull request, so the paths written in it are read only inside the workspace. Move the templates into it, open the folder that holds both in VS Code, or on the command line widen it with \`--root DIR\`.`,
      );
      return;
    }
    let stat;
    try {
      stat = statSync(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP')
        this.problem(
          entry,
          `${written} is not read: its symbolic links form a loop.`,
          `\`${written}\` is a symbolic link that leads back to itself (a loop), so there is nothing to read. Point the link at the templates.`,
        );
      else if (code === 'ENOENT' || code === 'ENOTDIR')
        this.problem(
          entry,
          `${written} does not exist: check the path (relative to the catalog).`,
          `\`${written}\` does not exist. Infrastructure paths are relative to the catalog's folder; for a CDK app, run \`cdk synth\` first so that \`cdk.out\` exists.`,
        );
      else this.problem(entry, `${written} cannot be read (${code ?? 'error'}).`, `\`${written}\` cannot be read: ${(error as Error).message}.`);
      return;
    }
    const real = safeRealpath(absolute);
    if (!real || !this.insideReal(real)) {
      this.problem(
        entry,
        `${written} is not read: a symbolic link leads out of the workspace.`,
        `\`${written}\` is (or passes through) a symbolic link to \`${real ?? '?'}\`, outside the workspace. CAP Advisor reads infrastructure only inside the workspace.`,
      );
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
    if (isTerraformFile(absolute)) {
      // A module is a folder: a named .tf file stands for the folder that holds it.
      this.readTerraformRoot(entry, dirname(absolute));
      return;
    }
    this.readTemplateFile(entry, absolute, { explicit: true });
  }

  /**
   * A folder: a CDK assembly wherever a manifest.json is, a Terraform root module wherever `.tf`
   * files are (its modules are read through its module calls, not as roots; templates beside them
   * are read too), else every file that is a template, a plan or a state.
   */
  private readFolder(entry: InfrastructureEntry, folder: string): void {
    const before = this.templates.length + this.terraform.length + this.problems.length;
    const pending = [folder];
    const visited = new Set<string>();
    /** Every link to a folder met on the way, by real paths: links that lead to each other make a loop too. */
    const links: Array<{ path: string; from: string; to: string }> = [];
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
      if (names.some(isTerraformFile)) {
        this.readTerraformRoot(entry, current);
        // A template beside the .tf files is read too (a folder may hold both): never dropped without a word.
        for (const name of names)
          if (isTemplateName(name) && statSync(join(current, name), { throwIfNoEntry: false })?.isFile())
            this.readTemplateFile(entry, join(current, name), { explicit: false });
        continue;
      }
      for (const name of names) {
        seen++;
        const path = join(current, name);
        let isDirectory: boolean;
        try {
          isDirectory = statSync(path).isDirectory();
        } catch (error) {
          // A broken link has nothing to read; links that lead to each other are a loop, said once.
          if ((error as NodeJS.ErrnoException).code === 'ELOOP') this.symlinkLoop(entry, path);
          continue;
        }
        // A link back to a folder above it (`infra/again -> ..`) would be read forever: a loop.
        const target = isDirectory && lstatSync(path).isSymbolicLink() ? safeRealpath(path) : undefined;
        if (target && (real === target || real.startsWith(`${target}${sep}`))) {
          this.symlinkLoop(entry, path);
          continue;
        }
        if (target) links.push({ path, from: real, to: target });
        if (isDirectory) {
          // `modules/` holds the modules a root calls: they are read through the calls.
          if (!SKIPPED_FOLDERS.has(name) && name !== 'modules') pending.push(path);
        } else if (isTemplateName(name)) {
          this.readTemplateFile(entry, path, { explicit: false });
        }
      }
    }
    const looping = links.find((link) => leadsBack(link, links));
    if (looping) this.symlinkLoop(entry, looping.path);
    if (this.templates.length + this.terraform.length + this.problems.length === before && !this.pendingParser) {
      this.problem(
        entry,
        `${entry.path} holds no template, CDK assembly or Terraform.`,
        `\`${entry.path}\` holds no file CAP Advisor can read as infrastructure: a CloudFormation or SAM template (YAML or JSON with a \`Resources\` section), a CDK cloud assembly (a folder with \`manifest.json\`; run \`cdk synth\`), a Terraform module (\`.tf\` files) or a \`terraform show -json\` plan or state.`,
      );
    }
  }

  private symlinkLoop(entry: InfrastructureEntry, path: string): void {
    // Once per entry: a folder may hold several links of one loop.
    if (this.loopsSaid.has(entry.index)) return;
    this.loopsSaid.add(entry.index);
    const shown = this.display(path);
    this.problem(
      entry,
      `${shown} is not read: its symbolic links form a loop.`,
      `\`${shown}\` is a symbolic link that leads back to a folder that holds it (a loop), so it is not followed. The rest of \`${entry.path}\` is read. Remove the link, or point it at the templates.`,
    );
  }

  /** A Terraform root module: its `.tf` files, `terraform.tfvars` and `*.auto.tfvars`, and the local modules it calls. */
  private readTerraformRoot(entry: InfrastructureEntry, folder: string): void {
    const failed = terraformParserError();
    if (failed) {
      this.problem(
        entry,
        `${this.display(folder)} is not read: the Terraform parser did not load.`,
        `\`${this.display(folder)}\` holds Terraform, but its parser (WebAssembly) did not load: ${failed}. Please report it; a \`terraform show -json\` plan can be linked instead.`,
      );
      return;
    }
    if (!terraformParserLoaded()) {
      this.pendingParser = true;
      return;
    }
    const remote: Array<{ call: string; shown: string }> = [];
    const module = this.readTerraformModule(entry, folder, [], remote, true);
    if (remote.length > 0) {
      this.problem(
        entry,
        `${plural(remote.length, 'module')} not read (registry or remote sources are never fetched): ${remote
          .slice(0, 3)
          .map((r) => r.shown)
          .join(', ')}${remote.length > 3 ? ', …' : ''}.`,
        `These module calls have a registry, Git or other remote \`source\`, which CAP Advisor never fetches: ${remote.map((r) => `\`${r.shown}\``).join(', ')}. The data stores they deploy are not checked; link a \`terraform show -json\` plan to see them.`,
        remote.map((r) => r.call),
      );
    }
    if (module) this.terraform.push({ entryIndex: entry.index, module });
  }

  private readTerraformModule(
    entry: InfrastructureEntry,
    folder: string,
    callers: string[],
    remote: Array<{ call: string; shown: string }>,
    isRoot: boolean,
    prefix = '',
  ): TerraformModule | undefined {
    const real = safeRealpath(folder) ?? folder;
    if (callers.includes(real)) {
      this.problem(
        entry,
        `${this.display(folder)} is not read again: its modules call each other in a cycle.`,
        `The local modules form a cycle that reaches \`${this.display(folder)}\` again (${[...callers, real].map((path) => `\`${this.display(path)}\``).join(' → ')}). Terraform refuses it too; each module is read once.`,
      );
      return undefined;
    }
    if (callers.length >= MAX_MODULE_DEPTH) {
      this.problem(
        entry,
        `${this.display(folder)} is not read: modules nest more than ${MAX_MODULE_DEPTH} deep.`,
        `The module calls reach \`${this.display(folder)}\` through ${callers.length} modules. CAP Advisor reads ${MAX_MODULE_DEPTH} levels of local modules; link a \`terraform show -json\` plan to read the whole configuration.`,
      );
      return undefined;
    }
    let names: string[];
    try {
      names = readdirSync(folder).sort();
    } catch {
      this.problem(entry, `${this.display(folder)} cannot be read.`, `The Terraform module folder \`${this.display(folder)}\` cannot be read.`);
      return undefined;
    }
    const module: TerraformModule = { files: [], calls: new Map() };
    // Terraform's order: terraform.tfvars, then *.auto.tfvars in name order, JSON beside each.
    const tfvars = (file: string) => file === 'terraform.tfvars' || file === 'terraform.tfvars.json' || /\.auto\.tfvars(\.json)?$/.test(file);
    const varsFiles = isRoot
      ? names.filter(tfvars).sort((a, b) => Number(!a.startsWith('terraform.tfvars')) - Number(!b.startsWith('terraform.tfvars')) || a.localeCompare(b))
      : [];
    for (const name of [...names.filter(isTerraformFile), ...varsFiles]) {
      const path = join(folder, name);
      const parsed = this.parseTerraformFile(entry, path);
      if (!parsed) continue;
      if (tfvars(name)) module.tfvars = { ...module.tfvars, ...parsed.attributes };
      else module.files.push(parsed);
    }
    for (const file of module.files) {
      for (const block of file.blocks) {
        if (block.type !== 'module' || !block.labels[0]) continue;
        const source = block.attributes.source;
        const sourceText = source?.kind === 'literal' && typeof source.value === 'string' ? source.value : undefined;
        if (!sourceText || !/^\.\.?\//.test(sourceText)) {
          remote.push({ call: `${prefix}module.${block.labels[0]}`, shown: `${block.labels[0]}${sourceText ? ` (${sourceText})` : ''}` });
          continue;
        }
        const child = resolve(folder, sourceText);
        if (!this.inside(child)) {
          this.problem(
            entry,
            `module ${block.labels[0]} is not read: its source leaves the workspace.`,
            `The module \`${block.labels[0]}\` in \`${file.file}\` has the source \`${sourceText}\`, outside the workspace. CAP Advisor reads nothing outside it.`,
          );
          continue;
        }
        const called = this.readTerraformModule(entry, child, [...callers, real], remote, false, `${prefix}module.${block.labels[0]}.`);
        if (called) module.calls.set(block.labels[0], called);
      }
    }
    return module;
  }

  /** One `.tf` or `.tfvars` file, parsed once per version of the file. */
  private parseTerraformFile(entry: InfrastructureEntry, path: string): Exclude<ParsedHcl, { error: string }> | undefined {
    const text = this.readText(entry, path);
    if (text === undefined) return undefined;
    const display = this.display(path);
    const cached = fileCache.get(path);
    const parsed = cached?.text === text && cached.hcl ? cached.hcl : path.endsWith('.json') ? parseHclJson(display, text) : parseHcl(display, text);
    if (cached?.text === text) cached.hcl = parsed;
    if ('error' in parsed) {
      this.problem(
        entry,
        `${display} is not read: it does not parse at line ${parsed.line}, column ${parsed.column}.`,
        `\`${display}\` is not read: the HCL parser stops at line ${parsed.line}, column ${parsed.column} (${parsed.error}). The catalog is checked without it; \`terraform validate\` says more.`,
      );
      return undefined;
    }
    return parsed;
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
        this.problem(
          entry,
          `${this.display(manifestPath)} names ${stack.templateFile}, which is missing: run cdk synth again.`,
          `The CDK manifest \`${this.display(manifestPath)}\` names the template \`${stack.templateFile}\` of stack \`${stack.stackName}\`, which does not exist (or lies outside the workspace). The assembly is incomplete: run \`cdk synth\` again.`,
        );
        continue;
      }
      this.readTemplateFile(entry, templatePath, { explicit: true, region: stack.region ?? entry.region, stack: stack.stackName, fromCloudAssembly: true });
    }
    for (const directory of assembly.nestedAssemblies) {
      const nested = resolve(folder, directory);
      if (this.inside(nested) && this.exists(join(nested, 'manifest.json'))) this.readAssembly(entry, nested, visited);
      else
        this.problem(
          entry,
          `${this.display(manifestPath)} names the Stage assembly ${directory}, which is missing.`,
          `The CDK manifest \`${this.display(manifestPath)}\` names the Stage sub-assembly \`${directory}\`, which has no manifest.json. Run \`cdk synth\` again.`,
        );
    }
  }

  private readTemplateFile(
    entry: InfrastructureEntry,
    path: string,
    how: { explicit: boolean; region?: string; stack?: string; fromCloudAssembly?: boolean },
  ): void {
    const text = this.readText(entry, path);
    if (text === undefined) return;
    if ((path.endsWith('.json') || path.endsWith('.tfstate')) && /"(format_version|terraform_version)"/.test(text.slice(0, 4096))) {
      this.readTerraformJsonFile(entry, path, text, how.explicit);
      return;
    }
    // In a folder, only files that look like templates are read; a named file is read whatever it holds.
    if (!how.explicit && !/["']?Resources["']?\s*:/.test(text)) return;
    const region = how.region ?? entry.region ?? this.samRegion(path);
    const file = this.display(path);
    this.templates.push({
      entryIndex: entry.index,
      file,
      text,
      stack: how.stack ?? basename(path).replace(/\.(template\.)?(ya?ml|json|template)$/, ''),
      ...(region ? { region } : {}),
      ...(how.fromCloudAssembly ? { fromCloudAssembly: true } : {}),
    });
    const parsed = this.templates[this.templates.length - 1];
    // Nested stacks share their parent's Region and stack name.
    const cached = fileCache.get(path);
    const nestedPaths = cached?.text === text ? (cached.nested ??= nestedTemplatePaths(text, dirname(path))) : nestedTemplatePaths(text, dirname(path));
    for (const nested of nestedPaths) {
      const nestedPath = resolve(dirname(path), nested);
      if (this.inside(nestedPath) && this.exists(nestedPath) && !this.files.has(this.display(nestedPath)))
        // A CDK nested stack is of its assembly too: its own nested stacks are found through the assembly's assets.
        this.readTemplateFile(entry, nestedPath, { explicit: true, region: parsed.region, stack: parsed.stack, fromCloudAssembly: how.fromCloudAssembly });
    }
  }

  /** A `terraform show -json` plan or state, or a raw state file. */
  private readTerraformJsonFile(entry: InfrastructureEntry, path: string, text: string, explicit: boolean): void {
    const display = this.display(path);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (!isTerraformJson(value)) {
      if (explicit)
        this.problem(
          entry,
          `${display} is not read: it is neither a template nor a Terraform plan or state.`,
          `\`${display}\` is JSON, but neither a CloudFormation template (\`Resources\`) nor Terraform's (\`terraform show -json\` output or a state file).`,
        );
      return;
    }
    const resources = readTerraformJson(text, display);
    if ('error' in resources) {
      this.problem(entry, `${display} is not read: ${resources.error}.`, `\`${display}\` is not read: ${resources.error}.`);
      return;
    }
    this.terraform.push({ entryIndex: entry.index, resources });
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
        this.problem(
          entry,
          `${display} is not read: it is ${formatBytes(stat.size)}, over the ${formatBytes(this.limit)} limit.`,
          `\`${display}\` is ${formatBytes(stat.size)}, over the ${formatBytes(this.limit)} limit that keeps the editor responsive (CloudFormation itself accepts templates of at most 1 MB). Raise \`capAdvisor.maxFileSize\` or \`--max-file-size\` if it really is one template.`,
        );
        return undefined;
      }
      this.files.add(display);
      this.stamps.push(`${display}:${stat.mtimeMs}:${stat.size}`);
      const cached = fileCache.get(path);
      if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.text;
      const text = readFileSync(path, 'utf8');
      readCounter.templates++;
      fileCache.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, text });
      return text;
    } catch (error) {
      this.problem(
        entry,
        `${display} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
        `\`${display}\` cannot be read: ${(error as Error).message}.`,
      );
      return undefined;
    }
  }

  private display(path: string): string {
    return relative(this.root.catalogDir, path).split(sep).join('/');
  }

  private inside(path: string): boolean {
    return isInsideFolder(path, resolve(this.root.workspaceRoot));
  }

  private insideReal(real: string): boolean {
    return isInsideFolder(real, this.realRoot);
  }

  private exists(path: string): boolean {
    try {
      const stat = statSync(path);
      return stat.isFile() || stat.isDirectory();
    } catch {
      return false;
    }
  }
}

/**
 * Whether following `link` leads back to the folder that holds it through other links
 * (`a/to-c -> ../c` and `c/to-a -> ../a`): each folder is read once, but the loop is said.
 */
function leadsBack(link: { from: string; to: string }, links: ReadonlyArray<{ from: string; to: string }>): boolean {
  const reached = new Set([link.to]);
  const pending = [link.to];
  while (pending.length > 0) {
    const folder = pending.pop() as string;
    if (isInsideFolder(link.from, folder)) return true;
    for (const next of links)
      if (isInsideFolder(next.from, folder) && !reached.has(next.to)) {
        reached.add(next.to);
        pending.push(next.to);
      }
  }
  return false;
}

/** A file a folder's reading opens as a template, a plan or a state (not CDK's own manifests). */
function isTemplateName(name: string): boolean {
  return TEMPLATE_EXTENSIONS.has(extname(name)) && name !== 'manifest.json' && !name.endsWith('.assets.json') && name !== 'tree.json';
}

/**
 * The nested templates a template names, relative to it: CDK's `aws:asset:path` metadata, the
 * asset hash in a nested stack's TemplateURL (an assembly synthesized without asset metadata; the
 * `*.assets.json` beside it maps the hash to the file), SAM's nested applications
 * (`AWS::Serverless::Application` with a local `Location`, which `sam build` follows too), and plain
 * nested stacks (`AWS::CloudFormation::Stack` with a local `TemplateURL`, which `aws cloudformation
 * package` uploads).
 */
function nestedTemplatePaths(text: string, folder: string): string[] {
  const paths = new Set<string>();
  for (const match of text.matchAll(/"aws:asset:path"\s*:\s*"([^"]+\.nested\.template\.json)"/g)) paths.add(match[1]);
  if (paths.size === 0 && /AWS::CloudFormation::Stack/.test(text)) {
    const hashes = [...text.matchAll(/\/([0-9a-f]{64})\.json"/g)].map((match) => match[1]);
    if (hashes.length > 0) for (const path of assetTemplates(folder, hashes)) paths.add(path);
  }
  for (const match of text.matchAll(
    /AWS::Serverless::Application["']?\s*,?\s*\n?[\s\S]{0,300}?["']?Location["']?\s*:\s*["']?([^\s"'{}[\],]+\.(?:ya?ml|json|template))/g,
  )) {
    if (!/^[a-z0-9]+:\/\//i.test(match[1])) paths.add(match[1]);
  }
  // Plain CloudFormation's nested stacks before `aws cloudformation package`: a local TemplateURL (an S3 URL is never fetched).
  for (const match of text.matchAll(
    /AWS::CloudFormation::Stack["']?\s*,?\s*\n?[\s\S]{0,300}?["']?TemplateURL["']?\s*:\s*["']?([^\s"'{}[\],]+\.(?:ya?ml|json|template))/g,
  )) {
    if (!/^[a-z0-9]+:\/\//i.test(match[1])) paths.add(match[1]);
  }
  return [...paths];
}

/** The templates CDK's asset manifests in `folder` list under these hashes. */
function assetTemplates(folder: string, hashes: string[]): string[] {
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith('.assets.json'));
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const name of names) {
    try {
      const files = (JSON.parse(readFileSync(join(folder, name), 'utf8')) as { files?: Record<string, { source?: { path?: unknown } }> }).files ?? {};
      for (const hash of hashes) {
        const path = files[hash]?.source?.path;
        if (typeof path === 'string' && path.endsWith('.json')) found.push(path);
      }
    } catch {
      // A manifest that does not parse names nothing.
    }
  }
  return found;
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** Whether `path` is `folder` or lies under it. */
export function isInsideFolder(path: string, folder: string): boolean {
  const fromFolder = relative(folder, path);
  return fromFolder === '' || (!fromFolder.startsWith('..') && !isAbsolute(fromFolder));
}

/** The workspace a CLI run reads infrastructure in: the Git repository that holds the catalog, else its folder. */
export function workspaceRootOf(catalogPath: string): string {
  const start = dirname(resolve(catalogPath));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsQuietly(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

/** Whether anything (a file, a folder, a link) is at `path`. */
export function existsQuietly(path: string): boolean {
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

/**
 * The deployed system the entries link (cached between calls); undefined when there are none.
 * Never throws: reading must not take the catalog's own findings down with it.
 */
export function linkedInfrastructure(entries: InfrastructureEntry[], root: InfrastructureRoot): DeployedSystem | undefined {
  try {
    return loadDeployedSystem(entries, root);
  } catch (error) {
    const problem = {
      entryIndex: entries[0].index,
      message: 'The infrastructure could not be read because of an internal error: please report it.',
      detail: `Reading the infrastructure failed: ${(error as Error).message}. Please report it with the files.`,
    };
    return { stores: [], failovers: [], files: [], problems: [problem] };
  }
}

/** The same, and when the entries hold Terraform, its parser is loaded first (once per process). */
export async function linkedInfrastructureAsync(entries: InfrastructureEntry[], root: InfrastructureRoot): Promise<DeployedSystem | undefined> {
  const system = linkedInfrastructure(entries, root);
  if (!system?.pendingParser) return system;
  await loadTerraformParser();
  return linkedInfrastructure(entries, root);
}

type CatalogLocation = Pick<CatalogFileOptions, 'catalogPath' | 'workspaceRoot' | 'maxFileBytes'>;

/** Where a catalog's entries are read from: its folder, inside its workspace. */
export function infrastructureRootOf(options: CatalogLocation): InfrastructureRoot {
  return {
    catalogDir: dirname(resolve(options.catalogPath)),
    workspaceRoot: options.workspaceRoot ?? workspaceRootOf(options.catalogPath),
    maxFileBytes: options.maxFileBytes,
  };
}

/**
 * Analyses a catalog with the infrastructure it links, loading the Terraform parser when it is
 * needed (then once more, with the parser: the first time a process meets Terraform only).
 */
export async function analyzeCatalogFileAsync(text: string, options: CatalogFileOptions): Promise<CatalogAnalysis> {
  let needsParser = false;
  const analysis = analyzeLinked(text, options, (system) => {
    needsParser = !!system?.pendingParser;
  });
  if (!needsParser) return analysis;
  await loadTerraformParser();
  return analyzeCatalogFile(text, options);
}

/** Analyses a catalog with the infrastructure it links. */
export function analyzeCatalogFile(text: string, options: CatalogFileOptions): CatalogAnalysis {
  return analyzeLinked(text, options, () => undefined);
}

/** One parse: the analysis finds the `infrastructure` entries in the text it reads and asks for them here. */
function analyzeLinked(text: string, options: CatalogFileOptions, linked: (system: DeployedSystem | undefined) => void): CatalogAnalysis {
  const { catalogPath, workspaceRoot, ...analyzeOptions } = options;
  const root = infrastructureRootOf({ catalogPath, workspaceRoot, maxFileBytes: analyzeOptions.maxFileBytes });
  return analyzeCatalog(text, {
    ...analyzeOptions,
    link: (entries) => {
      const system = linkedInfrastructure(entries, root);
      linked(system);
      return system;
    },
  });
}

/** A Terraform configuration file, in the native syntax or the JSON one. */
function isTerraformFile(name: string): boolean {
  return name.endsWith('.tf') || name.endsWith('.tf.json');
}
