// `cap-advisor experiment`: the AWS FIS experiment that tests a catalog's prediction for a
// Region's isolation, and its test plan. Exit codes: 0 written, 2 bad usage (an unknown Region,
// with the known ones listed) or an unreadable file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import {
  ALARM_ARN_PATTERN,
  DEFAULT_EXPERIMENT_DURATION,
  durationProblem,
  fisQuotas,
  LOG_GROUP_ARN_PATTERN,
  planExperiment,
  regionOfArn,
  ROLE_ARN_PATTERN,
  type ExperimentPlan,
} from '../engine';
import {
  EXPERIMENT_FORMATS,
  POLICY_SUFFIX,
  renderExperimentCloudFormation,
  renderExperimentJson,
  renderExperimentMarkdown,
  renderExperimentPolicyCloudFormation,
  renderExperimentPolicyJson,
  renderExperimentPolicyTerraform,
  renderExperimentTerraform,
  type ExperimentFile,
  type ExperimentFormat,
} from '../report/experiments';
import { analyzeCatalogFileAsync } from '../workspace/files';
import { catalogFiles, UsageError } from './files';
import { parseCommandArguments } from './arguments';
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
      --duration DURATION  how long the faults last: PT15M (default), 15m, PT1H; up to 12 h,
                           and at least twice the faults' lag (PT10M with a DynamoDB pause)
      --both-ways          also write the mirror experiments in the other Regions (the
                           network cut blocks egress only)
      --stop-alarm ARN     a CloudWatch alarm that stops the experiment (repeatable, at most 5
                           per Region); each template takes the alarms of its own Region, and
                           asks for one as a parameter where none is given
      --assert-alarm ARN   an alarm that must stay OK while the faults run (repeatable, at most 5
                           per Region; each template checks its own Region's)
      --role-arn ARN       the IAM role FIS assumes; without it the template asks for it
      --log-group ARN      experiment logging to a CloudWatch Logs log group (repeatable: one
                           per Region)
      --log-bucket BUCKET[/PREFIX]    experiment logging to S3
      --report-bucket BUCKET[/PREFIX] the experiment report FIS writes to S3 when it ends
  -o, --output FILE        write to FILE, named for the Region it runs in (FILE.us-east-1.yaml);
                           experiments in other Regions, further JSON templates and the role
                           policy of each (FILE.us-east-1.policy.yaml) go beside it; a Region
                           with nothing to act on gets the test plan only (FILE.us-east-1.md)
  -h, --help               show this help

Exit codes: 0 written, 2 bad usage or an unreadable file.
`;

export async function runExperiment(args: string[], io: Console): Promise<number> {
  let plan: ExperimentPlan;
  let format: ExperimentFormat;
  let output: string | undefined;
  let file: string;
  try {
    const { values, positionals } = parseCommandArguments(args, {
      isolate: { type: 'string' },
      format: { type: 'string', short: 'f', default: 'cloudformation' },
      duration: { type: 'string', default: DEFAULT_EXPERIMENT_DURATION },
      'both-ways': { type: 'boolean', default: false },
      'stop-alarm': { type: 'string', multiple: true, default: [] },
      'assert-alarm': { type: 'string', multiple: true, default: [] },
      'role-arn': { type: 'string' },
      'log-group': { type: 'string', multiple: true, default: [] },
      'log-bucket': { type: 'string' },
      'report-bucket': { type: 'string' },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      io.stdout.write(EXPERIMENT_USAGE);
      return 0;
    }
    if (!(EXPERIMENT_FORMATS as readonly string[]).includes(values.format))
      throw new UsageError(`unknown format ${values.format}; use one of ${EXPERIMENT_FORMATS.join(', ')}`);
    if (!values.isolate) throw new UsageError('no Region: give the one to cut off with --isolate REGION');
    if (positionals.length !== 1)
      throw new UsageError(
        positionals.length === 0 ? 'no file: give the catalog to write the experiment for' : 'one catalog at a time: an experiment runs in one account',
      );
    const problem = durationProblem(values.duration);
    if (problem) throw new UsageError(problem);
    for (const [option, arns] of [
      ['--stop-alarm', values['stop-alarm']],
      ['--assert-alarm', values['assert-alarm']],
    ] as const) {
      const bad = arns.find((arn) => !new RegExp(ALARM_ARN_PATTERN).test(arn));
      if (bad) throw new UsageError(`${option}: ${bad} is not a CloudWatch alarm ARN (arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME)`);
      const regions = arns.map((arn) => regionOfArn(arn) ?? '');
      const crowded = regions.find((region) => regions.filter((r) => r === region).length > fisQuotas.stopConditions.value);
      if (crowded)
        throw new UsageError(
          `${option}: at most ${fisQuotas.stopConditions.value} alarms per Region (${crowded} has ${regions.filter((r) => r === crowded).length})`,
        );
    }
    const badLog = values['log-group'].find((arn) => !new RegExp(LOG_GROUP_ARN_PATTERN).test(arn));
    if (badLog) throw new UsageError(`--log-group: ${badLog} is not a CloudWatch Logs log group ARN (arn:aws:logs:REGION:ACCOUNT:log-group:NAME)`);
    const logRegions = values['log-group'].map((arn) => regionOfArn(arn));
    const twice = logRegions.find((region, i) => logRegions.indexOf(region) !== i);
    if (twice) throw new UsageError(`--log-group: one log group per Region (${twice} has two)`);
    for (const option of ['log-bucket', 'report-bucket'] as const) {
      const bucket = values[option];
      if (bucket !== undefined && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(bucket))
        throw new UsageError(`--${option}: ${bucket} is not an S3 bucket name (BUCKET or BUCKET/PREFIX)`);
    }
    if (values['role-arn'] && !new RegExp(ROLE_ARN_PATTERN).test(values['role-arn']))
      throw new UsageError(`--role-arn: ${values['role-arn']} is not an IAM role ARN`);
    format = values.format as ExperimentFormat;
    output = values.output;
    // A directory stands for its one catalog; an experiment is planned for one catalog at a time.
    const found = catalogFiles(positionals);
    if (found.length > 1) throw new UsageError(`${positionals[0]} holds ${found.length} catalogs: give one of them (${found.slice(0, 3).join(', ')})`);
    [file] = found;
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
      isolate: values.isolate,
      duration: values.duration,
      bothWays: values['both-ways'],
      stopAlarms: values['stop-alarm'],
      assertAlarms: values['assert-alarm'],
      ...(values['role-arn'] ? { roleArn: values['role-arn'] } : {}),
      logGroups: values['log-group'],
      ...(values['log-bucket'] ? { logBucket: values['log-bucket'] } : {}),
      ...(values['report-bucket'] ? { reportBucket: values['report-bucket'] } : {}),
    });
    if (plan.durationRefused) throw new UsageError(`--duration: ${plan.durationRefused}`);
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`cap-advisor: ${(error as Error).message}\nRun cap-advisor experiment --help for usage.\n`);
      return 2;
    }
    throw error;
  }
  for (const arn of plan.unusedAlarms)
    io.stderr.write(
      `cap-advisor: ${arn} is not used: no experiment of this plan runs in ${regionOfArn(arn)}${plan.mirrors.some((m) => m.region === regionOfArn(arn)) ? ' (--both-ways writes its mirror)' : ''}\n`,
    );
  if (plan.nothingToActOn && format !== 'markdown') {
    io.stderr.write(`cap-advisor: nothing for FIS to act on in ${plan.isolate}; writing the test plan, which says why.\n`);
    format = 'markdown';
    // A .tf, .yaml or .json file is always a template: the plan gets a Markdown name.
    if (output) output = `${output.slice(0, output.length - extname(output).length)}.md`;
  }
  const templates: ExperimentFile[] =
    format === 'markdown'
      ? [{ region: plan.isolate, text: renderExperimentMarkdown(plan, file) }]
      : { cloudformation: renderExperimentCloudFormation, terraform: renderExperimentTerraform, json: renderExperimentJson }[format](plan);
  const policies: ExperimentFile[] =
    format === 'markdown'
      ? []
      : { cloudformation: renderExperimentPolicyCloudFormation, terraform: renderExperimentPolicyTerraform, json: renderExperimentPolicyJson }[format](plan);
  const files = [...templates, ...policies];
  if (!output) {
    io.stdout.write(
      format === 'json' && files.length > 1
        ? `[\n${files.map((f) => f.text.trimEnd()).join(',\n')}\n]\n`
        : files.map((f) => f.text).join(format === 'cloudformation' ? '---\n' : '\n'),
    );
    return 0;
  }
  const paths = filePaths(output, files);
  const inputs = new Set([resolve(file)]);
  const clash = paths.find((path) => inputs.has(resolve(path)));
  if (clash) {
    io.stderr.write(`cap-advisor: refusing to write ${clash}: it is the catalog read\n`);
    return 2;
  }
  try {
    files.forEach((f, i) => {
      mkdirSync(dirname(paths[i]), { recursive: true });
      writeFileSync(paths[i], f.text);
    });
  } catch (error) {
    io.stderr.write(`cap-advisor: cannot write ${output}: ${(error as Error).message}\n`);
    return 2;
  }
  io.stderr.write(
    files
      .map(
        (f, i) =>
          `cap-advisor: wrote ${paths[i]} (${f.kind === 'policy' ? "the experiment role's policy for" : format === 'markdown' ? 'the test plan; nothing runs in' : 'runs in'} ${f.region})\n`,
      )
      .join(''),
  );
  if (plan.mirrors.length > 0)
    io.stderr.write(`cap-advisor: a two-way cut also needs experiments in ${plan.mirrors.map((m) => m.region).join(', ')} (--both-ways writes them)\n`);
  return 0;
}

/**
 * Every file is named for the Region it runs in (unless the name given already says it), parts
 * numbered, and each role policy beside its template: `isolate.yaml` → `isolate.us-east-1.yaml`,
 * `isolate.us-east-1.policy.yaml`, `isolate.us-east-2.yaml`.
 */
function filePaths(output: string, files: readonly ExperimentFile[]): string[] {
  const extension = extname(output);
  let base = output.slice(0, output.length - extension.length);
  const named = files.length > 0 && base.includes(files[0].region) ? files[0].region : undefined;
  if (named) base = base.replace(named, '\u0000');
  const seen = new Map<string, number>();
  return files.map((f) => {
    const key = `${f.kind ?? 'template'}:${f.region}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    const regional = named ? base.replace('\u0000', f.region) : `${base}.${f.region}`;
    return `${regional}${count > 1 ? `.part${count}` : ''}${f.kind === 'policy' ? POLICY_SUFFIX : ''}${extension}`;
  });
}
