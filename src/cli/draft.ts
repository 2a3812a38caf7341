// `cap-advisor draft --from PATH...`: a catalog drafted from CloudFormation, CDK, SAM or Terraform, for a
// team that has none, as the editor drafts it (src/workspace/draft.ts). Prints YAML (or writes it
// with -o); the paths in its `infrastructure` are relative to where the catalog is written, the
// working directory on standard output. Exit codes: 0 drafted, 1 nothing could be read
// (the problems are printed), 2 bad usage.
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { describeUnmodelled, regionInFileName } from '../engine';
import { workspaceRootOf } from '../workspace/files';
import { draftedSummary, draftFromInfrastructure, type AnswerRegions, type DraftSource } from '../workspace/draft';
import { UsageError } from './files';
import { parseCommandArguments } from './arguments';
import type { Console } from './console';

export const DRAFT_USAGE = `Usage: cap-advisor draft --from PATH [--region REGION]... [options]

Drafts a data catalog from the infrastructure that deploys the system: CloudFormation or SAM
templates (YAML or JSON), CDK cloud assemblies (cdk.out), Terraform modules (.tf) and
"terraform show -json" plans or states, or folders holding them. One data type
per data store found, with its store, Regions, topology and resources filled in; the category is
guessed from the resource's name and marked "# check:". Review every guess before relying on it.

Options:
      --from PATH          a template, a CDK cloud assembly, a Terraform folder or plan, or a
                           folder holding them (repeatable)
      --region REGION      the Region of the plain template named by the --from just before it
                           (CDK and SAM apps carry theirs); without one, a Region in the file
                           name is read (orders-us-east-1.yaml). A template deployed in several
                           Regions: --from T --region R1 --from T --region R2
      --name NAME          the catalog's metadata.name (default: drafted)
  -o, --output FILE        write the catalog to FILE instead of standard output
      --root DIR           read only inside DIR (default: the Git repository around the
                           output, else its folder)

Paths: the infrastructure paths in the catalog are relative to FILE's folder with -o, and to
the working directory on standard output: save the catalog there
(cap-advisor draft --from infra > drafted.catalog.yaml); the draft says so in a comment.

Exit codes: 0 drafted, 1 no data store could be read, 2 bad usage.
`;

const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

export async function runDraft(args: string[], io: Console): Promise<number> {
  let values: { from: string[]; region?: string[]; name?: string; output?: string; root?: string; help?: boolean };
  let sources: DraftSource[];
  try {
    const parsed = parseCommandArguments(
      args,
      {
        from: { type: 'string', multiple: true, default: [] },
        region: { type: 'string', multiple: true },
        name: { type: 'string' },
        output: { type: 'string', short: 'o' },
        root: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      { positionals: false },
    );
    values = parsed.values as typeof values;
    if (values.help) {
      io.stdout.write(DRAFT_USAGE);
      return 0;
    }
    if (values.from.length === 0) throw new UsageError('no infrastructure: give --from PATH (a template, cdk.out or a folder)');
    sources = pairedSources(parsed.tokens ?? []);
    for (const { path } of sources) if (!existsSync(path)) throw new UsageError(`--from ${path}: no such file or folder`);
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`cap-advisor: ${(error as Error).message}\nRun cap-advisor draft --help for usage.\n`);
      return 2;
    }
    throw error;
  }
  const catalogDir = values.output ? dirname(resolve(values.output)) : process.cwd();
  // A path named on the command line is read wherever it is: the user chose it. (Paths written
  // inside a catalog stay inside the workspace; `check` widens it only with --root.)
  const workspaceRoot =
    values.root ??
    commonFolder([workspaceRootOf(values.output ? resolve(values.output) : resolve(catalogDir, 'catalog.yaml')), ...sources.map(({ path }) => resolve(path))]);
  // Paths as the catalog will reach them: relative to where it is written.
  const relativeSources = sources.map((source) => ({ ...source, path: relative(catalogDir, resolve(source.path)).split(sep).join('/') || '.' }));
  // Nobody to ask on a command line: a plain template's Region is the one in its file name, if any (the editor offers it first).
  const fromFileNames: AnswerRegions = async (files) => new Map(files.flatMap((file) => (regionInFileName(file) ? [[file, regionInFileName(file)!]] : [])));
  const drafted = await draftFromInfrastructure(relativeSources, { catalogDir, workspaceRoot }, fromFileNames, {
    ...(values.name ? { name: values.name } : {}),
    ...(values.output ? {} : { savedIn: catalogDir }),
  });
  for (const problem of drafted.system?.problems ?? []) io.stderr.write(`cap-advisor: ${problem.message}\n`);
  for (const resource of drafted.system?.unmodelled ?? []) io.stderr.write(`cap-advisor: not modelled, not drafted: ${describeUnmodelled(resource)}\n`);
  if (drafted.text === undefined) {
    io.stderr.write('cap-advisor: no data store found to draft a catalog from.\n');
    return 1;
  }
  if (values.output) {
    writeFileSync(values.output, drafted.text);
    io.stderr.write(`cap-advisor: wrote ${values.output} (${drafted.system.stores.length} data types to review)\n`);
  } else {
    io.stdout.write(drafted.text);
    io.stderr.write(`cap-advisor: the infrastructure paths are relative to this folder: save the catalog here, or use -o FILE.\n`);
  }
  io.stderr.write(`cap-advisor: ${draftedSummary(drafted.system)}\n`);
  return 0;
}

/**
 * Each `--from` with the `--region` that follows it. A `--region` before every `--from` is read
 * only when there is one `--from` (the order earlier versions accepted); otherwise whose it is
 * cannot be told, and neither can a second Region for one `--from`.
 */
function pairedSources(tokens: ReadonlyArray<{ kind: string; name?: string; value?: string }>): DraftSource[] {
  const sources: DraftSource[] = [];
  const before: string[] = [];
  for (const token of tokens) {
    if (token.kind !== 'option' || token.value === undefined) continue;
    if (token.name === 'from') sources.push({ path: token.value });
    if (token.name !== 'region') continue;
    const region = token.value;
    if (!AWS_REGION.test(region)) throw new UsageError(`--region ${region}: not an AWS Region code (e.g. us-east-1)`);
    const last = sources.at(-1);
    if (!last) before.push(region);
    else if (last.region)
      throw new UsageError(
        `--region ${region}: --from ${last.path} already has --region ${last.region}; a template deployed in several Regions takes one --from per Region (--from ${last.path} --region ${region})`,
      );
    else last.region = region;
  }
  if (before.length > 0) {
    if (before.length > 1 || sources.length > 1 || sources[0].region)
      throw new UsageError(`--region ${before[0]} comes before any --from: write each --region after the --from it belongs to (--from PATH --region REGION)`);
    sources[0].region = before[0];
  }
  return sources;
}

/** The deepest folder that holds every path. */
function commonFolder(paths: string[]): string {
  const split = paths.map((path) => path.split(sep));
  const shared: string[] = [];
  for (let i = 0; split.every((parts) => i < parts.length && parts[i] === split[0][i]); i++) shared.push(split[0][i]);
  return shared.join(sep) || sep;
}
