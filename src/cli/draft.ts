// `cap-advisor draft --from PATH...`: a catalog drafted from CloudFormation, CDK, SAM or Terraform, for a
// team that has none. Prints YAML (or writes it with -o); the paths in its `infrastructure` are
// relative to where the catalog is written. Exit codes: 0 drafted, 1 nothing could be read
// (the problems are printed), 2 bad usage.
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { draftCatalog } from '../engine';
import { linkedInfrastructureAsync, workspaceRootOf } from '../workspace/files';
import { UsageError } from './files';
import { parseCommandArguments } from './arguments';
import type { Console } from './console';

export const DRAFT_USAGE = `Usage: cap-advisor draft --from PATH... [options]

Drafts a data catalog from the infrastructure that deploys the system: CloudFormation or SAM
templates (YAML or JSON), CDK cloud assemblies (cdk.out), Terraform modules (.tf) and
"terraform show -json" plans or states, or folders holding them. One data type
per data store found, with its store, Regions, topology and resources filled in; the category is
guessed from the resource's name and marked "# check:". Review every guess before relying on it.

Options:
      --from PATH          a template, a CDK cloud assembly, a Terraform folder or plan, or a
                           folder holding them (repeatable)
      --region REGION      the Region of plain templates (CDK and SAM apps carry theirs)
      --name NAME          the catalog's metadata.name (default: drafted)
  -o, --output FILE        write the catalog to FILE instead of standard output
      --root DIR           read only inside DIR (default: the Git repository around the
                           output, else its folder)

Exit codes: 0 drafted, 1 no data store could be read, 2 bad usage.
`;

export async function runDraft(args: string[], io: Console): Promise<number> {
  let values: { from: string[]; region?: string; name?: string; output?: string; root?: string; help?: boolean };
  try {
    ({ values } = parseCommandArguments(
      args,
      {
        from: { type: 'string', multiple: true, default: [] },
        region: { type: 'string' },
        name: { type: 'string' },
        output: { type: 'string', short: 'o' },
        root: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      { positionals: false },
    ) as { values: typeof values });
    if (values.help) {
      io.stdout.write(DRAFT_USAGE);
      return 0;
    }
    if (values.from.length === 0) throw new UsageError('no infrastructure: give --from PATH (a template, cdk.out or a folder)');
    if (values.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(values.region))
      throw new UsageError(`--region ${values.region}: not an AWS Region code (e.g. us-east-1)`);
    for (const path of values.from) if (!existsSync(path)) throw new UsageError(`--from ${path}: no such file or folder`);
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
    commonFolder([workspaceRootOf(values.output ? resolve(values.output) : resolve(catalogDir, 'catalog.yaml')), ...values.from.map((path) => resolve(path))]);
  // Paths as the catalog will reach them: relative to where it is written.
  const paths = values.from.map((path) => relative(catalogDir, resolve(path)).split(sep).join('/') || '.');
  const entries = paths.map((path, index) => ({ index, path, ...(values.region ? { region: values.region } : {}) }));
  const system = await linkedInfrastructureAsync(entries, { catalogDir, workspaceRoot });
  for (const problem of system?.problems ?? []) io.stderr.write(`cap-advisor: ${problem.message}\n`);
  if (!system || system.stores.length === 0) {
    io.stderr.write('cap-advisor: no data store found to draft a catalog from.\n');
    return 1;
  }
  const catalog = draftCatalog(system, {
    infrastructure: paths.map((path) => (values.region ? { path, region: values.region } : path)),
    ...(values.name ? { name: values.name } : {}),
  });
  if (values.output) {
    writeFileSync(values.output, catalog);
    io.stderr.write(`cap-advisor: wrote ${values.output} (${system.stores.length} data types to review)\n`);
  } else {
    io.stdout.write(catalog);
  }
  return 0;
}

/** The deepest folder that holds every path. */
function commonFolder(paths: string[]): string {
  const split = paths.map((path) => path.split(sep));
  const shared: string[] = [];
  for (let i = 0; split.every((parts) => i < parts.length && parts[i] === split[0][i]); i++) shared.push(split[0][i]);
  return shared.join(sep) || sep;
}
