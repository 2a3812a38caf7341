// `cap-advisor check`: the engine on files, for CI. Exit codes (README, On the command line):
// 0 when no finding is an error, 1 when one is, 2 for bad usage or an unreadable file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ruleRegistry, SEVERITY_SETTINGS, type SeveritySetting } from '../engine';
import { analyzeCatalogFileAsync, workspaceRootOf } from '../workspace/files';
import { configFor, ConfigError, isIgnored, readConfig } from '../workspace/config';
import { renderHtml, renderJson, renderMarkdown, renderSarif, renderText, type AnalysedFile } from '../report';
import { version } from '../../package.json';
import type { Console } from './console';
import { catalogFiles, STDIN, UsageError } from './files';
import { parseCommandArguments } from './arguments';
import { runDraft } from './draft';
import { runSimulate } from './simulate';
import { runExperiment } from './experiment';
import { runLanguageServer } from './lsp';

const FORMATS = ['text', 'json', 'sarif', 'markdown', 'html'] as const;
type Format = (typeof FORMATS)[number];
const FAIL_ON = ['error', 'warning', 'information'] as const;
type FailOn = (typeof FAIL_ON)[number];

export const USAGE = `Usage: cap-advisor check [options] FILE_OR_DIR_OR_GLOB... (- for standard input)
       cap-advisor simulate [--isolate REGION | --lose REGION | --all] [options] FILE...
       cap-advisor experiment --isolate REGION [options] FILE
       cap-advisor draft --from PATH... [options]
       cap-advisor lsp [--stdio]

Checks CAP Advisor data catalogs. Directories are searched for **/*.catalog.yaml,
**/*.catalog.yml, **/data-catalog.yaml and **/data-catalog.yml; a quoted glob
('**/*.catalog.yaml') is expanded here; neither looks in node_modules or .git, nor at what
.cap-advisor.yaml's ignore: names.

Options:
  -f, --format FORMAT       text (default), json, sarif, markdown or html
      --rule ID=SEVERITY    set a rule's severity: off, hint, information, warning or error
                            (repeatable; over the configuration's rules)
      --stdin-filename NAME the file standard input stands for: its name in messages, and
                            the folder its infrastructure links are read from
  -c, --config FILE         use this configuration for every catalog (default: each
                            catalog's nearest .cap-advisor.yaml, up to the Git root)
      --max-file-size BYTES analyse files up to this size (default 10485760, 10 MB)
      --root DIR            read linked infrastructure only inside DIR (default: the Git
                            repository that holds the catalog, else the catalog's folder)
  -o, --output FILE         write the report to FILE instead of standard output
      --fail-on SEVERITY    exit 1 on a finding of this severity or worse: error (default),
                            warning or information
      --max-warnings N      exit 1 when there are more than N warnings
      --no-error-on-unmatched-pattern
                            a folder with no catalog, or a glob that matches none, is not
                            an error: with nothing to check, exit 0 (for hooks that run on
                            any change)
      --verbose             text format: print each finding's detail (why, the figures,
                            the alternatives) under it
      --color, --no-color   force colours in the text format on or off
  -h, --help                show this help
  -v, --version             show the version

Exit codes: 0 no error findings, 1 error findings (or as --fail-on and --max-warnings say),
2 bad usage or an unreadable file.
simulate: what each data type does when a Region is cut off or lost (cap-advisor simulate --help).
experiment: the AWS FIS experiment that tests a Region's isolation (cap-advisor experiment --help).
draft: a catalog drafted from CloudFormation, CDK, SAM or Terraform (cap-advisor draft --help).
lsp: the language server for any editor, on standard input and output (cap-advisor lsp --help).
Rules: https://github.com/cap-advisor/cap-advisor/blob/main/docs/README.md
`;

interface CheckOptions {
  format: Format;
  severities: Record<string, SeveritySetting>;
  maxFileBytes?: number;
  workspaceRoot?: string;
  output?: string;
  color?: boolean;
  verbose: boolean;
  /** Exit 1 when more warnings than this (ESLint's --max-warnings). */
  maxWarnings?: number;
  /** Exit 1 on a finding of this severity or a more severe one. */
  failOn: FailOn;
  /** `--config FILE`: this configuration for every catalog, instead of each one's nearest. */
  config?: string;
  /** The name standard input (`-`) stands for. */
  stdinFilename?: string;
  /** Nothing to check is not an error. */
  allowUnmatched: boolean;
  paths: string[];
}

function parseCheckArguments(args: string[]): CheckOptions | 'help' | 'version' {
  const { values, positionals } = parseCommandArguments(args, {
    format: { type: 'string', short: 'f', default: 'text' },
    rule: { type: 'string', multiple: true, default: [] },
    'max-file-size': { type: 'string' },
    root: { type: 'string' },
    output: { type: 'string', short: 'o' },
    verbose: { type: 'boolean', default: false },
    'max-warnings': { type: 'string' },
    'fail-on': { type: 'string', default: 'error' },
    config: { type: 'string', short: 'c' },
    'stdin-filename': { type: 'string' },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    'no-error-on-unmatched-pattern': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
  });
  if (values.help) return 'help';
  if (values.version) return 'version';
  const [command, ...paths] = positionals;
  if (command !== 'check')
    throw new UsageError(
      command === undefined
        ? 'no command: give one of check, simulate, experiment, draft or lsp, e.g. cap-advisor check catalog.yaml'
        : `unknown command: ${command} (the commands are check, simulate, experiment, draft and lsp)`,
    );
  if (paths.length === 0) throw new UsageError('no files: give catalog files or directories to check');
  if (!(FORMATS as readonly string[]).includes(values.format)) throw new UsageError(`unknown format ${values.format}; use one of ${FORMATS.join(', ')}`);

  const knownRules = new Set(ruleRegistry.map((rule) => rule.id));
  const severities: Record<string, SeveritySetting> = {};
  for (const setting of values.rule) {
    const match = /^([a-z-]+)=([a-z]+)$/.exec(setting);
    if (!match) throw new UsageError(`--rule ${setting}: expected ID=SEVERITY, e.g. --rule staleness-budget-exceeded=off`);
    const [, id, severity] = match;
    if (!knownRules.has(id)) throw new UsageError(`--rule ${setting}: unknown rule ${id}`);
    if (!(SEVERITY_SETTINGS as readonly string[]).includes(severity))
      throw new UsageError(`--rule ${setting}: unknown severity ${severity}; use ${SEVERITY_SETTINGS.join(', ')}`);
    severities[id] = severity as SeveritySetting;
  }

  let maxFileBytes: number | undefined;
  if (values['max-file-size'] !== undefined) {
    maxFileBytes = Number(values['max-file-size']);
    if (!Number.isSafeInteger(maxFileBytes) || maxFileBytes <= 0)
      throw new UsageError(`--max-file-size ${values['max-file-size']}: expected a positive number of bytes`);
  }
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isSafeInteger(maxWarnings) || maxWarnings < 0)
      throw new UsageError(`--max-warnings ${values['max-warnings']}: expected a number of warnings, 0 or more`);
  }
  if (!(FAIL_ON as readonly string[]).includes(values['fail-on'])) throw new UsageError(`--fail-on ${values['fail-on']}: use one of ${FAIL_ON.join(', ')}`);
  const color = values['no-color'] ? false : values.color;
  return {
    format: values.format as Format,
    severities,
    maxFileBytes,
    workspaceRoot: values.root,
    output: values.output,
    color,
    verbose: values.verbose,
    maxWarnings,
    failOn: values['fail-on'] as FailOn,
    config: values.config,
    stdinFilename: values['stdin-filename'],
    allowUnmatched: values['no-error-on-unmatched-pattern'],
    paths,
  };
}

/**
 * SARIF's paths relative to the Git repository's root (its `%SRCROOT%`), which is what GitHub
 * code scanning maps to files: run from a monorepo's subdirectory, or with absolute paths, they
 * still name the file in the repository. Outside a repository, the working directory.
 */
function repositoryRelative(files: AnalysedFile[]): AnalysedFile[] {
  const root = workspaceRootOf(join(process.cwd(), 'catalog'));
  return files.map((entry) => {
    const fromRoot = relative(root, resolve(entry.file));
    return fromRoot.startsWith('..') || isAbsolute(fromRoot) ? entry : { ...entry, file: fromRoot.split(sep).join('/') };
  });
}

/** `--config FILE`, read as the nearest one would be; a missing file is bad usage. */
function readConfigFile(file: string) {
  try {
    return readConfig(file);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new UsageError(`--config ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

/** Colour in the text format: only for a terminal, never with NO_COLOR, always with FORCE_COLOR. */
function useColor(options: CheckOptions, io: Console): boolean {
  if (options.color !== undefined) return options.color;
  if (options.output) return false;
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return Boolean(io.stdout.isTTY);
}

function render(format: Format, files: AnalysedFile[], color: boolean, verbose: boolean): string {
  switch (format) {
    case 'text':
      return renderText(files, { color, verbose });
    case 'json':
      return renderJson(files);
    case 'sarif':
      return renderSarif(repositoryRelative(files), { toolVersion: version });
    case 'markdown':
      return renderMarkdown(files);
    case 'html':
      return renderHtml(files);
  }
}

export async function main(argv: string[], io: Console = process): Promise<number> {
  if (argv[0] === 'simulate') return runSimulate(argv.slice(1), io);
  if (argv[0] === 'experiment') return await runExperiment(argv.slice(1), io);
  if (argv[0] === 'draft') return await runDraft(argv.slice(1), io);
  if (argv[0] === 'lsp') return await runLanguageServer(argv.slice(1), io);
  let options: ReturnType<typeof parseCheckArguments>;
  let files: AnalysedFile[];
  try {
    options = parseCheckArguments(argv);
    if (options === 'help') {
      io.stdout.write(USAGE);
      return 0;
    }
    if (options === 'version') {
      io.stdout.write(`${version}\n`);
      return 0;
    }
    const { severities, maxFileBytes, workspaceRoot } = options;
    const named = options.config === undefined ? undefined : readConfigFile(options.config);
    const configOf = (file: string) => named ?? configFor(file);
    files = [];
    const givenFiles = catalogFiles(options.paths, (found) => isIgnored(found, configOf(found)), { allowUnmatched: options.allowUnmatched });
    if (givenFiles.length === 0) {
      io.stderr.write(`cap-advisor: no catalog in ${options.paths.join(', ')}; nothing to check\n`);
      return 0;
    }
    for (const given of givenFiles) {
      // Standard input is named by --stdin-filename in messages, and its links are relative to it.
      const file = given === STDIN ? (options.stdinFilename ?? '<stdin>') : given;
      const catalogPath = given === STDIN ? (options.stdinFilename ?? 'stdin.catalog.yaml') : given;
      const config = configOf(catalogPath);
      const root = workspaceRoot ?? config?.root;
      let text: string;
      try {
        text = readFileSync(given === STDIN ? 0 : given, 'utf8');
      } catch (error) {
        throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
      }
      files.push({
        file,
        analysis: await analyzeCatalogFileAsync(text, {
          catalogPath,
          fileName: file,
          // The configuration's rules, and --rule over them.
          severities: { ...config?.rules, ...severities },
          maxFileBytes,
          ...(root ? { workspaceRoot: root } : {}),
        }),
      });
    }
  } catch (error) {
    // parseArgs throws TypeErrors with a code for unknown options and missing values.
    if (error instanceof ConfigError) {
      io.stderr.write(`cap-advisor: bad configuration: ${error.message}\n`);
      return 2;
    }
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`cap-advisor: ${(error as Error).message}\nRun cap-advisor --help for usage.\n`);
      return 2;
    }
    throw error;
  }

  const report = render(options.format, files, useColor(options, io), options.verbose);
  if (options.output) {
    try {
      // A report written over a catalog checked would lose the catalog.
      if (files.some(({ file }) => resolve(file) === resolve(options.output!))) {
        io.stderr.write(`cap-advisor: -o ${options.output} is one of the catalogs checked; write the report elsewhere\n`);
        return 2;
      }
      mkdirSync(dirname(resolve(options.output)), { recursive: true });
      writeFileSync(options.output, report);
    } catch (error) {
      io.stderr.write(`cap-advisor: cannot write ${options.output}: ${(error as Error).message}\n`);
      return 2;
    }
    io.stderr.write(`cap-advisor: wrote ${options.output}\n`);
  } else {
    io.stdout.write(report);
  }
  return exitCode(files, options, io);
}

/** 1 when a finding reaches --fail-on, or the warnings pass --max-warnings; else 0. */
function exitCode(files: AnalysedFile[], options: CheckOptions, io: Console): number {
  const findings = files.flatMap(({ analysis }) => analysis.findings);
  const failing = FAIL_ON.slice(0, FAIL_ON.indexOf(options.failOn) + 1) as readonly string[];
  if (findings.some((f) => failing.includes(f.severity))) return 1;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr.write(`cap-advisor: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
    return 1;
  }
  return 0;
}
