// `cap-advisor experiment`: the AWS FIS experiment that tests a catalog's prediction for a
// Region's isolation, and its test plan. Exit codes: 0 written, 2 bad usage (an unknown Region,
// with the known ones listed) or an unreadable file.
import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { ALARM_ARN_PATTERN, DEFAULT_EXPERIMENT_DURATION, durationProblem, fisQuotas, planExperiment, ROLE_ARN_PATTERN, type ExperimentPlan } from '../engine';
import { EXPERIMENT_FORMATS, renderExperimentCloudFormation, renderExperimentJson, renderExperimentMarkdown, renderExperimentTerraform, type ExperimentFile, type ExperimentFormat } from '../report/experiments';
import { analyzeCatalogFileAsync } from '../workspace/files';
import { UsageError } from './files';
import type { Console } from './console';

export const EXPERIMENT_USAGE = `Usage: cap-advisor experiment --isolate REGION [options] FILE

Writes the AWS Fault Injection Service experiment that tests what the catalog predicts when
REGION is cut off from the others (cap-advisor simulate --isolate REGION): network cuts to every
other Region, a replication pause per table and bucket of the data types that live there, and
per data type what its writers should see, the metric that shows it, and what would contradict
the catalog. Targets come from the infrastructure the catalog links.

Options:
      --isolate REGION     the Region to cut off (the experiment runs there)
  -f, --format FORMAT      cloudformation (default), terraform, json (the FIS API's
                           create-experiment-template input) or markdown (the test plan)
      --duration DURATION  how long the faults last: PT15M (default), 15m, PT1H; 1 min to 12 h
      --both-ways          also write the mirror experiments in the other Regions (the
                           network cut blocks egress only)
      --stop-alarm ARN     a CloudWatch alarm that stops the experiment (repeatable, at most 5);
                           without one the template asks for it as a parameter
      --assert-alarm ARN   an alarm that must stay OK while the faults run (repeatable, at most 5)
      --role-arn ARN       the IAM role FIS assumes; without it the template asks for it
  -o, --output FILE        write to FILE; experiments in other Regions, or further JSON
                           templates, go beside it (FILE.us-east-2.yaml)
  -h, --help               show this help

Exit codes: 0 written, 2 bad usage or an unreadable file.
`;

export async function runExperiment(args: string[], io: Console): Promise<number> {
  let plan: ExperimentPlan;
  let format: ExperimentFormat;
  let output: string | undefined;
  let file: string;
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        isolate: { type: 'string' },
        format: { type: 'string', short: 'f', default: 'cloudformation' },
        duration: { type: 'string', default: DEFAULT_EXPERIMENT_DURATION },
        'both-ways': { type: 'boolean', default: false },
        'stop-alarm': { type: 'string', multiple: true, default: [] },
        'assert-alarm': { type: 'string', multiple: true, default: [] },
        'role-arn': { type: 'string' },
        output: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout.write(EXPERIMENT_USAGE);
      return 0;
    }
    if (!(EXPERIMENT_FORMATS as readonly string[]).includes(values.format)) throw new UsageError(`unknown format ${values.format}; use one of ${EXPERIMENT_FORMATS.join(', ')}`);
    if (!values.isolate) throw new UsageError('no Region: give the one to cut off with --isolate REGION');
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'no file: give the catalog to write the experiment for' : 'one catalog at a time: an experiment runs in one account');
    const problem = durationProblem(values.duration);
    if (problem) throw new UsageError(problem);
    for (const [option, arns] of [['--stop-alarm', values['stop-alarm']], ['--assert-alarm', values['assert-alarm']]] as const) {
      if (arns.length > fisQuotas.stopConditions.value) throw new UsageError(`${option}: at most ${fisQuotas.stopConditions.value} alarms`);
      const bad = arns.find((arn) => !new RegExp(ALARM_ARN_PATTERN).test(arn));
      if (bad) throw new UsageError(`${option}: ${bad} is not a CloudWatch alarm ARN (arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME)`);
    }
    if (values['role-arn'] && !new RegExp(ROLE_ARN_PATTERN).test(values['role-arn'])) throw new UsageError(`--role-arn: ${values['role-arn']} is not an IAM role ARN`);
    format = values.format as ExperimentFormat;
    output = values.output;
    [file] = positionals;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
    }
    const analysis = await analyzeCatalogFileAsync(text, { catalogPath: file, fileName: file });
    const known = analysis.report.regions.map((region) => region.name);
    if (!known.includes(values.isolate)) throw new UsageError(`${file} declares no Region ${values.isolate}; its Regions: ${known.join(', ') || 'none'}`);
    plan = planExperiment(analysis, {
      isolate: values.isolate, duration: values.duration, bothWays: values['both-ways'],
      stopAlarms: values['stop-alarm'], assertAlarms: values['assert-alarm'], ...(values['role-arn'] ? { roleArn: values['role-arn'] } : {}),
    });
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`cap-advisor: ${(error as Error).message}\nRun cap-advisor experiment --help for usage.\n`);
      return 2;
    }
    throw error;
  }
  if (plan.nothingToActOn && format !== 'markdown') {
    io.stderr.write(`cap-advisor: nothing for FIS to act on in ${plan.isolate}; writing the test plan, which says why.\n`);
    format = 'markdown';
  }
  const files: ExperimentFile[] = format === 'markdown'
    ? [{ region: plan.isolate, text: renderExperimentMarkdown(plan, file) }]
    : { cloudformation: renderExperimentCloudFormation, terraform: renderExperimentTerraform, json: renderExperimentJson }[format](plan);
  if (!output) {
    io.stdout.write(format === 'json' && files.length > 1 ? `[\n${files.map((f) => f.text.trimEnd()).join(',\n')}\n]\n` : files.map((f) => f.text).join(format === 'cloudformation' ? '---\n' : '\n'));
    return 0;
  }
  const paths = filePaths(output, files);
  try {
    files.forEach((f, i) => writeFileSync(paths[i], f.text));
  } catch (error) {
    io.stderr.write(`cap-advisor: cannot write ${output}: ${(error as Error).message}\n`);
    return 2;
  }
  io.stderr.write(files.map((f, i) => `cap-advisor: wrote ${paths[i]} (runs in ${f.region})\n`).join(''));
  if (plan.mirrors.length > 0) io.stderr.write(`cap-advisor: a two-way cut also needs experiments in ${plan.mirrors.map((m) => m.region).join(', ')} (--both-ways writes them)\n`);
  return 0;
}

/** The first file takes the name given; the others go beside it, named after their Region (and part). */
function filePaths(output: string, files: readonly ExperimentFile[]): string[] {
  const extension = extname(output);
  const base = output.slice(0, output.length - extension.length);
  const seen = new Map<string, number>();
  return files.map((f, i) => {
    const count = (seen.get(f.region) ?? 0) + 1;
    seen.set(f.region, count);
    if (i === 0) return output;
    return `${base}${f.region === files[0].region ? '' : `.${f.region}`}${count > 1 ? `.part${count}` : ''}${extension}`;
  });
}
