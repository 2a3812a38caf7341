// `cap-advisor experiment`'s formats: the FIS experiment templates of a plan as CloudFormation,
// Terraform or the FIS API's JSON (`aws fis create-experiment-template --cli-input-json`), one
// file per Region the experiments run in, and the Markdown test plan a team follows and ticks.
import {
  ALARM_ARN_PATTERN,
  clip,
  CUT_BLAST_RADIUS,
  EGRESS_ONLY,
  FIS_TRUST,
  fisActions,
  fisOutputs,
  fisQuotas,
  pascal,
  ROLE_ARN_PATTERN,
  SUBNET_TAG,
  type BucketDestination,
  type ExperimentPlan,
  type ExperimentRun,
  type ExperimentTarget,
  type ExperimentTemplate,
  type TargetResource,
} from '../engine/experiments';

export const EXPERIMENT_FORMATS = ['cloudformation', 'terraform', 'json', 'markdown'] as const;
export type ExperimentFormat = (typeof EXPERIMENT_FORMATS)[number];

/** One file to write: the experiments that run in one Region (the isolated one, or a mirror's), or the role policy they need. */
export interface ExperimentFile {
  region: string;
  text: string;
  /** The IAM policy the experiment role needs in that Region, beside its template. */
  kind?: 'policy';
}

const ROLE_PARAMETER = 'ExperimentRoleArn';
const STOP_PARAMETER = 'StopAlarmArn';
/** The role policy's file sits beside the template's: `isolate.us-east-1.yaml` → `isolate.us-east-1.policy.yaml`. */
export const POLICY_SUFFIX = '.policy';

/** An ARN in one Region: a parameter for a target or an alarm in another Region is refused when the stack is created. */
function arnPatternIn(region: string): string {
  return `^arn:aws[a-z-]*:[a-z0-9-]+:${region}:\\d{12}:.+$`;
}

function alarmPatternIn(region: string): string {
  return ALARM_ARN_PATTERN.replace('[a-z0-9-]+', region);
}

/** What a Region's templates do, in a few words. */
function templateNoun(plan: ExperimentPlan, run: ExperimentRun): string {
  return run.role === 'mirror' ? `cut ${run.region} towards ${plan.isolate}` : `isolate ${plan.isolate}`;
}

/** The stop-condition parameters of a Region: one per alarm of that Region the user named, or one to fill in. */
function stopParameters(run: ExperimentRun): Array<{ name: string; value?: string }> {
  if (run.stopAlarms.length === 0) return [{ name: STOP_PARAMETER }];
  return run.stopAlarms.map((value, i) => ({ name: i === 0 ? STOP_PARAMETER : `${STOP_PARAMETER}${i + 1}`, value }));
}

/** How a format writes an experiment template: its field names, and a value that stands for a parameter. */
interface TemplateSpelling {
  /** A field by its FIS API name (`roleArn`): CloudFormation capitalises it (`RoleArn`). */
  field(name: string): string;
  /** The role, each stop condition's alarm and each target ARN: `{ Ref: Name }`, or a value or `${Name}`. */
  role: unknown;
  stopAlarms: unknown[];
  arn(parameter: string): unknown;
}

const CLOUDFORMATION_FIELD = (name: string) => name[0].toUpperCase() + name.slice(1);

/**
 * An experiment template's fields, as CloudFormation's `AWS::FIS::ExperimentTemplate` and the FIS
 * API's `create-experiment-template` input both hold them (one shape, two spellings), so the two
 * formats cannot drift apart.
 */
function templateFields(template: ExperimentTemplate, run: ExperimentRun, { field, role, stopAlarms, arn }: TemplateSpelling): Record<string, unknown> {
  const s3 = (destination: BucketDestination) => ({
    [field('bucketName')]: destination.bucket,
    ...(destination.prefix ? { [field('prefix')]: destination.prefix } : {}),
  });
  return {
    [field('description')]: template.description,
    [field('roleArn')]: role,
    [field('stopConditions')]: stopAlarms.map((alarm) => ({ [field('source')]: 'aws:cloudwatch:alarm', [field('value')]: alarm })),
    [field('targets')]: Object.fromEntries(
      template.targets.map((target) => [
        target.name,
        {
          [field('resourceType')]: target.resourceType,
          [field('selectionMode')]: 'ALL',
          ...(target.resources
            ? { [field('resourceArns')]: target.resources.map((resource) => resource.arn ?? arn(resource.arnParameter)) }
            : { [field('resourceTags')]: target.tags }),
        },
      ]),
    ),
    // Action parameters and names, target keys and tags are the user's or FIS's own: never respelled.
    [field('actions')]: Object.fromEntries(
      template.actions.map((action) => [
        action.name,
        {
          [field('actionId')]: action.actionId,
          [field('description')]: action.description,
          [field('parameters')]: action.parameters,
          ...(action.target ? { [field('targets')]: { [action.target.key]: action.target.name } } : {}),
          ...(action.startAfter ? { [field('startAfter')]: action.startAfter } : {}),
        },
      ]),
    ),
    [field('experimentOptions')]: { [field('accountTargeting')]: 'single-account', [field('emptyTargetResolutionMode')]: 'fail' },
    ...(run.logGroup || run.logBucket
      ? {
          [field('logConfiguration')]: {
            [field('logSchemaVersion')]: 2,
            ...(run.logGroup ? { [field('cloudWatchLogsConfiguration')]: { [field('logGroupArn')]: run.logGroup } } : {}),
            ...(run.logBucket ? { [field('s3Configuration')]: s3(run.logBucket) } : {}),
          },
        }
      : {}),
    ...(run.reportBucket
      ? { [field('experimentReportConfiguration')]: { [field('outputs')]: { [field('experimentReportS3Configuration')]: s3(run.reportBucket) } } }
      : {}),
    [field('tags')]: template.tags,
  };
}

function templateId(template: ExperimentTemplate, isolate: string): string {
  const base = template.role === 'isolation' ? `Isolate${pascal(template.region)}` : `Cut${pascal(template.region)}Towards${pascal(isolate)}`;
  return template.parts > 1 ? `${base}Part${template.part}` : base;
}

function resourcesOf(templates: readonly ExperimentTemplate[]): TargetResource[] {
  const seen = new Map<string, TargetResource>();
  for (const target of templates.flatMap((template) => template.targets)) {
    for (const resource of target.resources ?? []) if (!resource.arn && !seen.has(resource.arnParameter)) seen.set(resource.arnParameter, resource);
  }
  return [...seen.values()];
}

function headerLines(plan: ExperimentPlan, run: ExperimentRun, policyFile: string): string[] {
  const { region, templates } = run;
  return [
    run.role === 'mirror'
      ? `CAP Advisor: the mirror of "isolate ${plan.isolate}": cuts ${region}'s traffic towards ${plan.isolate}. Deploy and run it in ${region}.`
      : `CAP Advisor: isolate ${plan.isolate} for ${plan.duration}. Deploy and run it in ${region}: FIS acts in the Region it runs in.`,
    `Blast radius: ${CUT_BLAST_RADIUS.text}.`,
    `Tag the application subnets to cut with ${SUBNET_TAG.key}=${SUBNET_TAG.value}; give the experiment role ${policyFile}; the test plan (--format markdown) says what to expect and watch.`,
    ...(templates.length > 1
      ? [`${templates.length} templates: the FIS quotas (${fisQuotas.parallelActions.text}) split the experiment; start them together.`]
      : []),
  ];
}

// ── CloudFormation ──────────────────────────────────────────────────────────────────────────

/** The CloudFormation templates of a plan as objects, one per Region: what the YAML says. */
export function experimentCloudFormation(plan: ExperimentPlan): Array<{ region: string; comment: string[]; body: Record<string, unknown> }> {
  return plan.runs.map((run) => {
    const { region, templates } = run;
    const stops = stopParameters(run);
    const resources = resourcesOf(templates);
    const comment = headerLines(plan, run, `the policy written beside this file (*${POLICY_SUFFIX}.yaml)`);
    const parameters: Record<string, unknown> = {
      [ROLE_PARAMETER]: {
        Type: 'String',
        Description: `The IAM role FIS assumes: it trusts ${FIS_TRUST.value} and holds the policy written beside this template`,
        AllowedPattern: ROLE_ARN_PATTERN,
        ...(plan.roleArn ? { Default: plan.roleArn } : {}),
      },
      ...Object.fromEntries(
        stops.map(({ name, value }) => [
          name,
          {
            Type: 'String',
            Description: `A CloudWatch alarm in ${region} that stops the experiment when it fires`,
            AllowedPattern: alarmPatternIn(region),
            ...(value ? { Default: value } : {}),
          },
        ]),
      ),
      ...Object.fromEntries(
        resources.map((resource) => [
          resource.arnParameter,
          { Type: 'String', Description: clip(resource.describes, 255), AllowedPattern: arnPatternIn(region) },
        ]),
      ),
    };
    const body = {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: clip(`${comment[0]} ${comment[1]}`, 1024),
      Parameters: parameters,
      // Deployed anywhere else, the experiment would act on that Region's resources: refuse.
      Rules: {
        DeployIn: {
          Assertions: [
            { Assert: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, region] }, AssertDescription: `This experiment runs in ${region}: deploy the stack there.` },
          ],
        },
      },
      Resources: Object.fromEntries(
        templates.map((template) => [
          templateId(template, plan.isolate),
          {
            Type: 'AWS::FIS::ExperimentTemplate',
            Properties: templateFields(template, run, {
              field: CLOUDFORMATION_FIELD,
              role: { Ref: ROLE_PARAMETER },
              stopAlarms: stops.map(({ name }) => ({ Ref: name })),
              arn: (parameter) => ({ Ref: parameter }),
            }),
          },
        ]),
      ),
      Outputs: Object.fromEntries(
        templates.map((template) => [
          `${templateId(template, plan.isolate)}Id`,
          {
            Description: `Start it: aws fis start-experiment --region ${region} --experiment-template-id <this id>`,
            Value: { Ref: templateId(template, plan.isolate) },
          },
        ]),
      ),
    };
    return { region, comment, body };
  });
}

export function renderExperimentCloudFormation(plan: ExperimentPlan): ExperimentFile[] {
  return experimentCloudFormation(plan).map(({ region, comment, body }) => ({
    region,
    text: `${comment.map((line) => `# ${line}`).join('\n')}\n${blockYaml(body, '')}`,
  }));
}

/** The experiment role's policy of each Region, as a CloudFormation template of one managed policy (deployed apart: it needs CAPABILITY_IAM). */
export function experimentPolicyCloudFormation(plan: ExperimentPlan): Array<{ region: string; body: Record<string, unknown> }> {
  return plan.runs.map((run) => ({
    region: run.region,
    body: {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: clip(
        `CAP Advisor: the permissions the FIS experiment role needs to run "${templateNoun(plan, run)}" in ${run.region}. Attach the policy to the role that trusts ${FIS_TRUST.value}.`,
        1024,
      ),
      Resources: {
        ExperimentRolePolicy: {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: { Description: clip(`FIS experiment role: ${templateNoun(plan, run)} in ${run.region} (CAP Advisor)`, 1000), PolicyDocument: run.policy },
        },
      },
      Outputs: { ExperimentRolePolicyArn: { Description: 'Attach it to the experiment role', Value: { Ref: 'ExperimentRolePolicy' } } },
    },
  }));
}

/**
 * Block YAML for the templates' plain data (maps, lists, strings, numbers). Written here rather
 * than through \`yaml\`'s Document, which is much slower on a large catalog's hundreds of templates
 * (the benchmark guards it); a test reads every output back with \`yaml\` and compares. Any string
 * that is not a plain word is double-quoted in JSON's syntax, which YAML reads alike, so nothing is
 * read as a date, a number or a boolean (\`"2010-09-09"\`, \`"100"\`), and no anchor is ever written.
 */
function blockYaml(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    return value
      .map((item) =>
        isMap(item) && Object.keys(item).length > 0
          ? `${indent}- ${blockYaml(item, `${indent}  `).slice(indent.length + 2)}`
          : `${indent}- ${inlineYaml(item)}\n`,
      )
      .join('');
  }
  return Object.entries(value as Record<string, unknown>)
    .map(([key, item]) => {
      const nested = (isMap(item) || Array.isArray(item)) && Object.keys(item).length > 0;
      return nested ? `${indent}${yamlScalar(key)}:\n${blockYaml(item, `${indent}  `)}` : `${indent}${yamlScalar(key)}: ${inlineYaml(item)}\n`;
    })
    .join('');
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function inlineYaml(value: unknown): string {
  if (Array.isArray(value)) return '[]';
  if (isMap(value)) return '{}';
  return yamlScalar(value);
}

const PLAIN_WORD = /^[A-Za-z_][A-Za-z0-9_./@-]*(::?[A-Za-z0-9_./@-]+)*$/;
const YAML_KEYWORDS = /^(true|false|yes|no|on|off|null|y|n)$/i;

function yamlScalar(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = String(value);
  return PLAIN_WORD.test(text) && !YAML_KEYWORDS.test(text) ? text : JSON.stringify(text);
}

// ── Terraform ───────────────────────────────────────────────────────────────────────────────

/** An HCL string literal: JSON's escapes, and `${`/`%{` kept literal. */
function hclString(text: string): string {
  return JSON.stringify(text).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

function snake(text: string): string {
  return text
    .replace(/([a-z])([A-Z0-9])/g, '$1_$2')
    .replace(/([0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toLowerCase();
}

export function renderExperimentTerraform(plan: ExperimentPlan): ExperimentFile[] {
  const [isolation] = plan.runs;
  return plan.runs.map((run) => {
    const { region, templates, terraform } = run;
    const stops = stopParameters(run);
    const lines: string[] = headerLines(plan, run, `the policy written beside this file (*${POLICY_SUFFIX}.tf)`).map((line) => `# ${line}`);
    const rootName = terraform.root ? `the root module in ${terraform.root.folder}` : 'the root module that deploys the resources it names';
    lines.push(
      terraform.provider
        ? `# Drop it into ${rootName}. It names provider ${terraform.provider} (${region})${terraform.declare ? `, which that root must declare: provider "aws" { alias = "${terraform.provider.slice(4)}"  region = "${region}" }` : ''}.`
        : `# Drop it into ${rootName}, whose default provider is in ${region}.`,
      '',
    );
    const variable = (name: string, description: string, value?: string) => {
      lines.push(
        `variable "${name}" {`,
        '  type        = string',
        `  description = ${hclString(description)}`,
        ...(value ? [`  default     = ${hclString(value)}`] : []),
        '}',
        '',
      );
    };
    // A mirror's file that drops into the isolation's root shares the role the isolation's file declares; its alarms are its own Region's.
    const sharesRoot = run !== isolation && run.terraform.root?.entryIndex === isolation.terraform.root?.entryIndex;
    const suffix = run === isolation ? '' : `_${snake(region)}`;
    const roleVariable = sharesRoot ? 'cap_advisor_fis_role_arn' : `cap_advisor_fis_role_arn${suffix}`;
    const stopVariable = (name: string) => snake(`CapAdvisor${name}`) + suffix;
    if (!sharesRoot)
      variable(roleVariable, `The IAM role FIS assumes: it trusts ${FIS_TRUST.value} and holds the policy written beside this file`, plan.roleArn);
    for (const { name, value } of stops) variable(stopVariable(name), `A CloudWatch alarm in ${region} that stops the experiment when it fires`, value);
    const resources = resourcesOf(templates).filter((resource) => !resource.terraformArn);
    for (const resource of resources) variable(snake(resource.arnParameter), resource.describes);
    const arnOf = (resource: TargetResource) => (resource.arn ? hclString(resource.arn) : (resource.terraformArn ?? `var.${snake(resource.arnParameter)}`));
    for (const template of templates) {
      lines.push(`resource "aws_fis_experiment_template" "${snake(templateId(template, plan.isolate))}" {`);
      if (terraform.provider) lines.push(`  provider    = ${terraform.provider}`);
      lines.push(`  description = ${hclString(template.description)}`, `  role_arn    = var.${roleVariable}`, '');
      for (const { name } of stops)
        lines.push('  stop_condition {', '    source = "aws:cloudwatch:alarm"', `    value  = var.${stopVariable(name)}`, '  }', '');
      lines.push('  experiment_options {', '    account_targeting            = "single-account"', '    empty_target_resolution_mode = "fail"', '  }', '');
      lines.push(...terraformOutputs(run));
      for (const action of template.actions) {
        lines.push(
          '  action {',
          `    name        = ${hclString(action.name)}`,
          `    action_id   = ${hclString(action.actionId)}`,
          `    description = ${hclString(action.description)}`,
        );
        for (const [key, value] of Object.entries(action.parameters))
          lines.push('', '    parameter {', `      key   = ${hclString(key)}`, `      value = ${hclString(value)}`, '    }');
        if (action.target)
          lines.push('', '    target {', `      key   = ${hclString(action.target.key)}`, `      value = ${hclString(action.target.name)}`, '    }');
        if (action.startAfter) lines.push(`    start_after = [${action.startAfter.map(hclString).join(', ')}]`);
        lines.push('  }', '');
      }
      for (const target of template.targets) lines.push(...terraformTarget(target, arnOf), '');
      lines.push('  tags = {', ...Object.entries(template.tags).map(([key, value]) => `    ${hclString(key)} = ${hclString(value)}`), '  }', '}', '');
    }
    return { region, text: `${alignAssignments(lines.join('\n').trimEnd())}\n` };
  });
}

/** The logging and report blocks of a Region's templates, when asked for. */
function terraformOutputs(run: ExperimentRun): string[] {
  const s3 = (indent: string, destination: BucketDestination) => [
    `${indent}bucket_name = ${hclString(destination.bucket)}`,
    ...(destination.prefix ? [`${indent}prefix      = ${hclString(destination.prefix)}`] : []),
  ];
  const lines: string[] = [];
  if (run.logGroup || run.logBucket) {
    lines.push('  log_configuration {', '    log_schema_version = 2');
    if (run.logGroup) lines.push('', '    cloudwatch_logs_configuration {', `      log_group_arn = ${hclString(run.logGroup)}`, '    }');
    if (run.logBucket) lines.push('', '    s3_configuration {', ...s3('      ', run.logBucket), '    }');
    lines.push('  }', '');
  }
  if (run.reportBucket)
    lines.push(
      '  experiment_report_configuration {',
      '    outputs {',
      '      s3_configuration {',
      ...s3('        ', run.reportBucket),
      '      }',
      '    }',
      '  }',
      '',
    );
  return lines;
}

/** The experiment role's policy of each Region as Terraform: one `aws_iam_policy` (IAM is global: the default provider creates it). */
export function renderExperimentPolicyTerraform(plan: ExperimentPlan): ExperimentFile[] {
  return plan.runs.map((run) => {
    const name = `cap_advisor_fis_${snake(run.region)}`;
    const lines = [
      `# CAP Advisor: the permissions the FIS experiment role needs to ${templateNoun(plan, run)} in ${run.region}. Attach the policy to the role that trusts ${FIS_TRUST.value}.`,
      `resource "aws_iam_policy" "${name}" {`,
      `  name_prefix = ${hclString(`cap-advisor-fis-${run.region}-`)}`,
      `  description = ${hclString(`FIS experiment role: ${templateNoun(plan, run)} in ${run.region} (CAP Advisor)`)}`,
      `  policy      = jsonencode(${hclValue(run.policy, '  ')})`,
      '}',
    ];
    return { region: run.region, kind: 'policy' as const, text: `${alignAssignments(lines.join('\n'))}\n` };
  });
}

/** An assignment's start: its indentation and its name (an identifier, or a quoted object key). */
const ASSIGNMENT = /^( *)([A-Za-z_][\w-]*|"(?:[^"\\]|\\.)*") *=(?![=>]) */;

/**
 * As `terraform fmt` writes HCL: in each run of consecutive lines that assign at one indentation
 * (a multi-line value's first line included), the `=` signs line up one space after the longest
 * name, so the files drop into a repository whose CI runs `terraform fmt -check`.
 */
export function alignAssignments(text: string): string {
  const lines = text.split('\n');
  let run: number[] = [];
  const flush = () => {
    const width = Math.max(...run.map((i) => ASSIGNMENT.exec(lines[i])![2].length));
    for (const i of run) {
      const [start, indentation, name] = ASSIGNMENT.exec(lines[i])!;
      lines[i] = `${indentation}${name.padEnd(width)} = ${lines[i].slice(start.length)}`;
    }
    run = [];
  };
  lines.forEach((line, i) => {
    const assignment = ASSIGNMENT.exec(line);
    if (run.length > 0 && (!assignment || assignment[1].length !== ASSIGNMENT.exec(lines[run[0]])![1].length)) flush();
    if (assignment) run.push(i);
  });
  if (run.length > 0) flush();
  return lines.join('\n');
}

/** Plain JSON data as an HCL expression (objects with quoted keys, so `aws:RequestedRegion` stays one key). */
function hclValue(value: unknown, indent: string): string {
  if (Array.isArray(value))
    return value.length === 0 ? '[]' : `[\n${value.map((item) => `${indent}  ${hclValue(item, `${indent}  `)}`).join(',\n')},\n${indent}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length === 0
      ? '{}'
      : `{\n${entries.map(([key, item]) => `${indent}  ${hclString(key)} = ${hclValue(item, `${indent}  `)}`).join('\n')}\n${indent}}`;
  }
  return typeof value === 'string' ? hclString(value) : String(value);
}

function terraformTarget(target: ExperimentTarget, arnOf: (resource: TargetResource) => string): string[] {
  return [
    '  target {',
    `    name           = ${hclString(target.name)}`,
    `    resource_type  = ${hclString(target.resourceType)}`,
    '    selection_mode = "ALL"',
    ...(target.resources
      ? [`    resource_arns  = [${target.resources.map(arnOf).join(', ')}]`]
      : Object.entries(target.tags ?? {}).flatMap(([key, value]) => [
          '',
          '    resource_tag {',
          `      key   = ${hclString(key)}`,
          `      value = ${hclString(value)}`,
          '    }',
        ])),
    '  }',
  ];
}

// ── FIS API JSON ────────────────────────────────────────────────────────────────────────────

/** The `create-experiment-template` input; ARNs the catalog cannot know are `${Name}` placeholders (fill them with envsubst). */
export function experimentApiInputs(plan: ExperimentPlan): Array<{ region: string; input: Record<string, unknown> }> {
  return plan.runs.flatMap((run) =>
    run.templates.map((template) => ({
      region: template.region,
      input: templateFields(template, run, {
        field: (name) => name,
        role: plan.roleArn ?? `\${${ROLE_PARAMETER}}`,
        stopAlarms: stopParameters(run).map(({ name, value }) => value ?? `\${${name}}`),
        arn: (parameter) => `\${${parameter}}`,
      }),
    })),
  );
}

/** One JSON document per template (`--cli-input-json` takes one); each runs in its Region (`--region`, and the file's name). */
export function renderExperimentJson(plan: ExperimentPlan): ExperimentFile[] {
  return experimentApiInputs(plan).map(({ region, input }) => ({ region, text: `${JSON.stringify(input, null, 2)}\n` }));
}

/** The experiment role's policy of each Region as IAM reads it (`aws iam create-policy --policy-document file://…`). */
export function renderExperimentPolicyJson(plan: ExperimentPlan): ExperimentFile[] {
  return plan.runs.map((run) => ({ region: run.region, kind: 'policy' as const, text: `${JSON.stringify(run.policy, null, 2)}\n` }));
}

export function renderExperimentPolicyCloudFormation(plan: ExperimentPlan): ExperimentFile[] {
  return experimentPolicyCloudFormation(plan).map(({ region, body }) => ({ region, kind: 'policy' as const, text: blockYaml(body, '') }));
}

// ── Markdown test plan ──────────────────────────────────────────────────────────────────────

export function renderExperimentMarkdown(plan: ExperimentPlan, catalogFile: string): string {
  const lines: string[] = [`# Fault-injection test plan: isolate ${plan.isolate}`, ''];
  lines.push(
    `Catalog: \`${catalogFile}\`. Each data type's expectation is its verdict for "${plan.isolate} cut off" in \`cap-advisor simulate\`; the experiment tests it.`,
    '',
  );
  if (plan.nothingToActOn) {
    lines.push('## Nothing to run', '', `FIS has nothing to act on: ${plan.nothingToActOn}`, '');
  } else {
    lines.push('## What runs, and where', '');
    lines.push(
      `For ${plan.duration}, in ${plan.isolate}: ${plan.cutFrom.length} network cut${plan.cutFrom.length === 1 ? '' : 's'} (to ${plan.cutFrom.join(', ')}) and the replication pauses below. The checks start after \`WaitDuringFaults\` (${plan.wait}): ${plan.lag.why}, so they run ${isoMinutes(plan.lag.ms)} into the faults at the earliest and end ${isoMinutes(plan.lag.ms)} before them. The shortest duration that tests this is ${plan.minimumDuration}.`,
      '',
    );
    lines.push('| Template | Deploy and run in | Terraform provider | Actions |', '|---|---|---|---|');
    for (const run of plan.runs) {
      for (const template of run.templates)
        lines.push(
          `| ${template.role}${template.parts > 1 ? ` part ${template.part}` : ''} | ${run.region} | ${run.terraform.provider ? `\`${run.terraform.provider}\`` : 'the default'} | ${template.actions.map((action) => `\`${action.name}\``).join(', ')} |`,
        );
    }
    lines.push('');
    lines.push(
      `**Blast radius.** ${CUT_BLAST_RADIUS.text[0].toUpperCase()}${CUT_BLAST_RADIUS.text.slice(1)}. Every other application in those subnets is cut off too, and each pause acts on the whole table or bucket it names, for every client.`,
      '',
    );
    for (const note of plan.notes) lines.push(`> ${note}`, '');
    lines.push('## Before you start', '');
    lines.push(
      `- [ ] Tag the application subnets in ${plan.runs.map((run) => run.region).join(' and ')} with \`${SUBNET_TAG.key}=${SUBNET_TAG.value}\` (at most ${fisQuotas.subnetsPerCut.value} subnets per cut unless the quota is raised).`,
    );
    lines.push(
      '- [ ] Raise the VPC quota "routes per route table" to 250 (350 when a cut\'s Region is us-east-1) plus the routes already there: the cut adds a route table per subnet.',
    );
    lines.push(
      `- [ ] Create the experiment role (${plan.roleArn ? `\`${plan.roleArn}\`` : `parameter \`${ROLE_PARAMETER}\``}): it trusts \`${FIS_TRUST.value}\` and holds the policy below for each Region it runs in (written beside each template as \`*${POLICY_SUFFIX}.yaml\`, \`.tf\` or \`.json\`).`,
    );
    for (const run of plan.runs) {
      lines.push(
        run.stopAlarms.length > 0
          ? `- [ ] Check the stop alarm${run.stopAlarms.length > 1 ? 's' : ''} in ${run.region}: ${run.stopAlarms.map((alarm) => `\`${alarm}\``).join(', ')}.`
          : `- [ ] Name a stop alarm in ${run.region} (parameter \`${STOP_PARAMETER}\`, or \`--stop-alarm\` with an alarm of ${run.region}): CAP Advisor never invents one, and never uses another Region's.`,
      );
    }
    for (const run of plan.runs.filter((r) => r.terraform.provider && r.terraform.declare)) {
      lines.push(
        `- [ ] Terraform: the ${run.region} template names \`provider = ${run.terraform.provider}\`; declare it in ${run.terraform.root ? `the root module in \`${run.terraform.root.folder}\`` : 'the root module'}: \`provider "aws" { alias = "${run.terraform.provider!.slice(4)}"  region = "${run.region}" }\`.`,
      );
    }
    for (const note of [...new Set(plan.hypotheses.flatMap((hypothesis) => hypothesis.notes.filter((n) => / tag |asks for its ARN/.test(n))))])
      lines.push(`- [ ] ${note}`);
    lines.push('- [ ] Dry run: start it with `--experiment-options actionsMode=skip-all` to see the targets it resolves without injecting anything.', '');
    lines.push("### The experiment role's policy", '');
    for (const run of plan.runs) {
      lines.push(`In ${run.region} (${run.role}):`, '', '```json', JSON.stringify(run.policy, null, 2), '```', '');
    }
    if (plan.runs.some((run) => !run.logGroup && !run.logBucket))
      lines.push(
        `Experiment logging is off; \`--log-group ARN\` (a log group of the Region) or \`--log-bucket BUCKET[/PREFIX]\` turns it on, and \`--report-bucket BUCKET[/PREFIX]\` writes FIS's experiment report.`,
        '',
      );
  }
  const concerned = plan.hypotheses.filter((hypothesis) => hypothesis.targeting !== 'untouched');
  const untouched = plan.hypotheses.filter((hypothesis) => hypothesis.targeting === 'untouched');
  // A witness Region holds no data type: there is nothing expected there, only what must not change.
  if (concerned.length > 0) lines.push('## Expected, per data type', '');
  for (const hypothesis of concerned) {
    lines.push(`### ${hypothesis.dataType}: ${hypothesis.verdict}`, '');
    lines.push(`${hypothesis.message} Store: \`${hypothesis.store}\`.`, '');
    for (const expectation of hypothesis.expect) lines.push(`- [ ] ${expectation}`);
    lines.push('', `Watch: ${hypothesis.watch}.`, '', `Contradicts the catalog: ${hypothesis.contradicts}`, '');
    if (hypothesis.tests) lines.push(`What it really tests: ${hypothesis.tests}`, '');
    lines.push(`Acted on by: ${hypothesis.actions.map((action) => `\`${action}\``).join(', ') || 'nothing'}.`, '');
    for (const note of hypothesis.notes) lines.push(`- ${note}`);
    if (hypothesis.notes.length > 0) lines.push('');
    if (hypothesis.cannotReproduce.length > 0) {
      lines.push('FIS cannot reproduce:', '', ...hypothesis.cannotReproduce.map((what) => `- ${what}.`), '');
    }
  }
  const converging = concerned.filter((hypothesis) => hypothesis.converge.length > 0);
  if (converging.length > 0 && !plan.nothingToActOn) {
    lines.push('## After the faults end: the copies converge', '', 'The experiment is not over when the faults stop: every copy must catch up.', '');
    for (const hypothesis of converging) lines.push(...hypothesis.converge.map((step) => `- [ ] ${hypothesis.dataType}: ${step}`));
    lines.push('');
  }
  if (untouched.length > 0) {
    lines.push('## Not expected to change', '', 'These do not live in the isolated Region; any change in them contradicts the catalog.', '');
    for (const hypothesis of untouched) lines.push(`- ${hypothesis.dataType}: ${hypothesis.verdict}`);
    lines.push('');
  }
  if (plan.mirrors.length > 0) {
    lines.push(
      '## Mirror experiments for a two-way cut',
      '',
      `${EGRESS_ONLY.text[0].toUpperCase()}${EGRESS_ONLY.text.slice(1)}. Write them with \`--both-ways\`:`,
      '',
    );
    for (const mirror of plan.mirrors) lines.push(`- in ${mirror.region}: ${mirror.why}.`);
    lines.push('');
  }
  if (plan.unusedAlarms.length > 0)
    lines.push('## Not used', '', ...plan.unusedAlarms.map((arn) => `- \`${arn}\`: no experiment of this plan runs in its Region.`), '');
  lines.push('## Sources', '');
  const sources = [
    fisActions.cutRegion.source,
    fisActions.pauseTable.source,
    fisActions.pauseBucket.source,
    fisActions.failDsqlConnections.source,
    EGRESS_ONLY.source,
    CUT_BLAST_RADIUS.source,
    fisQuotas.actionsPerTemplate.source,
    FIS_TRUST.source,
    ...Object.values(fisOutputs).map((fact) => fact.source),
  ];
  for (const source of [...new Set(sources.flatMap((s) => s.split(' ')))]) lines.push(`- ${source}`);
  return `${lines.join('\n').trimEnd()}\n`;
}

function isoMinutes(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
