// Drafting a catalog from infrastructure files, one way for every surface: `cap-advisor draft` and
// the editor's "Draft Catalog from Infrastructure" read the same files, give plain templates their
// Regions the same way and print the same catalog. Only how a missing Region is answered differs
// (the editor asks, offering the one in the file name; the command line reads the file name).
import { draftCatalog, draftedDataTypeCount, type DeployedSystem, type DraftOptions } from '../engine';
import { plural } from '../report/model';
import { linkedInfrastructureAsync, type InfrastructureRoot } from './files';

/** A file or folder the user named (`--from`, or picked), with the Region they gave it, relative to the catalog. */
export interface DraftSource {
  path: string;
  region?: string;
}

/** The Region of each plain template file that holds a store and says none, by file; files left out stay unknown. */
export type AnswerRegions = (files: string[], system: DeployedSystem) => Promise<Map<string, string>>;

export interface Drafted {
  /** The catalog, in YAML. */
  text: string;
  system: DeployedSystem;
}

/**
 * The catalog drafted from `sources`, or the system read (or nothing) when it holds no data store.
 * `savedIn`: the folder the paths are relative to, said in the draft when it is not written to a file.
 */
export async function draftFromInfrastructure(
  sources: readonly DraftSource[],
  root: InfrastructureRoot,
  answerRegions: AnswerRegions,
  options: { name?: string; savedIn?: string } = {},
): Promise<Drafted | { text?: undefined; system: DeployedSystem | undefined }> {
  const read = (entries: readonly DraftSource[]) =>
    linkedInfrastructureAsync(
      entries.map((entry, index) => ({ index, ...entry })),
      root,
    );
  let system = await read(sources);
  if (!system || system.stores.length === 0) return { system };
  let infrastructure: DraftOptions['infrastructure'] = sources.map((source) => (source.region ? { path: source.path, region: source.region } : source.path));
  const answers = await answerRegions(plainTemplateFiles(system), system);
  if (answers.size > 0) {
    infrastructure = withRegions(infrastructure, system, answers);
    system = (await read(infrastructure.map((entry) => (typeof entry === 'string' ? { path: entry } : entry)))) ?? system;
  }
  const text = draftCatalog(system, {
    infrastructure,
    ...(options.name ? { name: options.name } : {}),
    ...(options.savedIn ? { savedIn: options.savedIn } : {}),
  });
  return { text, system };
}

/** What both surfaces say once a catalog is drafted. */
export function draftedSummary(system: DeployedSystem): string {
  return `drafted ${plural(draftedDataTypeCount(system), 'data type')} from the infrastructure. Every "# check:" is a guess to confirm before the advice can be trusted.`;
}

/** CloudFormation templates that hold a store and do not say their Region (CDK and SAM apps, and Terraform, carry theirs). */
export function plainTemplateFiles(system: DeployedSystem): string[] {
  return [...new Set(system.stores.filter((store) => store.homeRegion === undefined && /^(AWS|Custom)::/.test(store.type)).map((store) => store.file))];
}

/** The entries with each answered template's Region: a folder that holds one is listed file by file (the files that deploy stores or failover). */
function withRegions(entries: DraftOptions['infrastructure'], system: DeployedSystem, answers: ReadonlyMap<string, string>): DraftOptions['infrastructure'] {
  const deploying = [...new Set([...system.stores, ...system.failovers].map((resource) => resource.file))].sort();
  return entries.flatMap((entry) => {
    // A Region the user gave stays with what they gave it to.
    if (typeof entry !== 'string') return [entry];
    const path = entry;
    const inside = (file: string) => path === '.' || file === path || file.startsWith(`${path}/`);
    if (![...answers.keys()].some(inside)) return [path];
    return deploying.filter(inside).map((file) => (answers.has(file) ? { path: file, region: answers.get(file)! } : file));
  });
}
