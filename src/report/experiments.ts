// `cap-advisor experiment`'s formats: the FIS experiment templates of a plan as CloudFormation,
// Terraform or the FIS API's JSON (`aws fis create-experiment-template --cli-input-json`), one
// file per Region the experiments run in, and the Markdown test plan a team follows and ticks.
import { ALARM_ARN_PATTERN, clip, EGRESS_ONLY, fisActions, fisQuotas, pascal, ROLE_ARN_PATTERN, SUBNET_TAG, type ExperimentPlan, type ExperimentTarget, type ExperimentTemplate, type TargetResource } from '../engine/experiments';

export const EXPERIMENT_FORMATS = ['cloudformation', 'terraform', 'json', 'markdown'] as const;
export type ExperimentFormat = (typeof EXPERIMENT_FORMATS)[number];

/** One file to write: the experiments that run in one Region (the isolated one, or a mirror's). */
export interface ExperimentFile {
  region: string;
  text: string;
}

const ROLE_PARAMETER = 'ExperimentRoleArn';
const STOP_PARAMETER = 'StopAlarmArn';
const ARN_PATTERN = '^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\\d{12}:.+$';

/** The templates grouped by the Region they run in, the isolated Region first. */
function byRegion(plan: ExperimentPlan): Array<{ region: string; templates: ExperimentTemplate[] }> {
  const regions = [...new Set(plan.templates.map((template) => template.region))];
  return regions.map((region) => ({ region, templates: plan.templates.filter((template) => template.region === region) }));
}

/** The stop-condition parameters: one per alarm the user named, or one to fill in (a mirror's alarm must be in its own Region). */
function stopParameters(plan: ExperimentPlan, region: string): Array<{ name: string; value?: string }> {
  if (plan.stopAlarms.length === 0 || region !== plan.isolate) return [{ name: STOP_PARAMETER }];
  return plan.stopAlarms.slice(0, fisQuotas.stopConditions.value).map((value, i) => ({ name: i === 0 ? STOP_PARAMETER : `${STOP_PARAMETER}${i + 1}`, value }));
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
function templateFields(template: ExperimentTemplate, { field, role, stopAlarms, arn }: TemplateSpelling): Record<string, unknown> {
  return {
    [field('description')]: template.description,
    [field('roleArn')]: role,
    [field('stopConditions')]: stopAlarms.map((alarm) => ({ [field('source')]: 'aws:cloudwatch:alarm', [field('value')]: alarm })),
    [field('targets')]: Object.fromEntries(template.targets.map((target) => [target.name, {
      [field('resourceType')]: target.resourceType,
      [field('selectionMode')]: 'ALL',
      ...(target.resources ? { [field('resourceArns')]: target.resources.map((resource) => arn(resource.arnParameter)) } : { [field('resourceTags')]: target.tags }),
    }])),
    // Action parameters and names, target keys and tags are the user's or FIS's own: never respelled.
    [field('actions')]: Object.fromEntries(template.actions.map((action) => [action.name, {
      [field('actionId')]: action.actionId,
      [field('description')]: action.description,
      [field('parameters')]: action.parameters,
      ...(action.target ? { [field('targets')]: { [action.target.key]: action.target.name } } : {}),
      ...(action.startAfter ? { [field('startAfter')]: action.startAfter } : {}),
    }])),
    [field('experimentOptions')]: { [field('accountTargeting')]: 'single-account', [field('emptyTargetResolutionMode')]: 'fail' },
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
    for (const resource of target.resources ?? []) if (!seen.has(resource.arnParameter)) seen.set(resource.arnParameter, resource);
  }
  return [...seen.values()];
}

function headerLines(plan: ExperimentPlan, region: string, templates: readonly ExperimentTemplate[]): string[] {
  const mirror = templates[0].role === 'mirror';
  return [
    mirror
      ? `CAP Advisor: the mirror of "isolate ${plan.isolate}": cuts ${region}'s traffic towards ${plan.isolate}. Deploy in ${region}.`
      : `CAP Advisor: isolate ${plan.isolate} for ${plan.duration}. Deploy in ${region}: FIS acts in the Region it runs in.`,
    'Tag the application subnets to cut with ' + `${SUBNET_TAG.key}=${SUBNET_TAG.value}; the test plan (--format markdown) says what to expect and watch.`,
    ...(templates.length > 1 ? [`${templates.length} templates: the FIS quotas (${fisQuotas.parallelActions.text}) split the experiment; start them together.`] : []),
  ];
}

// ── CloudFormation ──────────────────────────────────────────────────────────────────────────

/** The CloudFormation templates of a plan as objects, one per Region: what the YAML says. */
export function experimentCloudFormation(plan: ExperimentPlan): Array<{ region: string; comment: string[]; body: Record<string, unknown> }> {
  return byRegion(plan).map(({ region, templates }) => {
    const stops = stopParameters(plan, region);
    const resources = resourcesOf(templates);
    const comment = headerLines(plan, region, templates);
    const parameters: Record<string, unknown> = {
      [ROLE_PARAMETER]: { Type: 'String', Description: 'The IAM role FIS assumes (trusts fis.amazonaws.com; the permissions of each action are in the test plan)', AllowedPattern: ROLE_ARN_PATTERN, ...(plan.roleArn ? { Default: plan.roleArn } : {}) },
      ...Object.fromEntries(stops.map(({ name, value }) => [name, { Type: 'String', Description: `A CloudWatch alarm in ${region} that stops the experiment when it fires`, AllowedPattern: ALARM_ARN_PATTERN, ...(value ? { Default: value } : {}) }])),
      ...Object.fromEntries(resources.map((resource) => [resource.arnParameter, { Type: 'String', Description: clip(resource.describes, 255), AllowedPattern: ARN_PATTERN }])),
    };
    const body = {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: clip(comment[0], 1024),
      Parameters: parameters,
      Resources: Object.fromEntries(templates.map((template) => [templateId(template, plan.isolate), {
        Type: 'AWS::FIS::ExperimentTemplate',
        Properties: templateFields(template, {
          field: CLOUDFORMATION_FIELD,
          role: { Ref: ROLE_PARAMETER },
          stopAlarms: stops.map(({ name }) => ({ Ref: name })),
          arn: (parameter) => ({ Ref: parameter }),
        }),
      }])),
      Outputs: Object.fromEntries(templates.map((template) => [`${templateId(template, plan.isolate)}Id`, {
        Description: `Start it: aws fis start-experiment --region ${region} --experiment-template-id <this id>`,
        Value: { Ref: templateId(template, plan.isolate) },
      }])),
    };
    return { region, comment, body };
  });
}

export function renderExperimentCloudFormation(plan: ExperimentPlan): ExperimentFile[] {
  return experimentCloudFormation(plan).map(({ region, comment, body }) => ({ region, text: `${comment.map((line) => `# ${line}`).join('\n')}\n${blockYaml(body, '')}` }));
}

/**
 * Block YAML for the templates' plain data (maps, lists, strings, numbers). Written here rather
 * than through \`yaml\`'s Document, which took 225 ms for a 1,000-data-type catalog's 378 templates
 * (this takes a tenth of it); a test reads every output back with \`yaml\` and compares. Any string
 * that is not a plain word is double-quoted in JSON's syntax, which YAML reads alike, so nothing is
 * read as a date, a number or a boolean (\`"2010-09-09"\`, \`"100"\`), and no anchor is ever written.
 */
function blockYaml(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    return value.map((item) => (isMap(item) && Object.keys(item).length > 0
      ? `${indent}- ${blockYaml(item, `${indent}  `).slice(indent.length + 2)}`
      : `${indent}- ${inlineYaml(item)}\n`)).join('');
  }
  return Object.entries(value as Record<string, unknown>).map(([key, item]) => {
    const nested = (isMap(item) || Array.isArray(item)) && Object.keys(item).length > 0;
    return nested ? `${indent}${yamlScalar(key)}:\n${blockYaml(item, `${indent}  `)}` : `${indent}${yamlScalar(key)}: ${inlineYaml(item)}\n`;
  }).join('');
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
  return text.replace(/([a-z])([A-Z0-9])/g, '$1_$2').replace(/([0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').toLowerCase();
}

export function renderExperimentTerraform(plan: ExperimentPlan): ExperimentFile[] {
  return byRegion(plan).map(({ region, templates }) => {
    const stops = stopParameters(plan, region);
    const lines: string[] = headerLines(plan, region, templates).map((line) => `# ${line}`);
    lines.push('# Drop it into the root module that deploys the resources it names; the provider that deploys it must be in ' + `${region}.`, '');
    const variable = (name: string, description: string, value?: string) => {
      lines.push(`variable "${name}" {`, '  type        = string', `  description = ${hclString(description)}`, ...(value ? [`  default     = ${hclString(value)}`] : []), '}', '');
    };
    // A mirror's file goes into the same root module: it shares the role the isolation's file declares, and needs a stop alarm in its own Region.
    const stopVariable = (name: string) => snake(`CapAdvisor${name}`) + (region === plan.isolate ? '' : `_${snake(region)}`);
    if (region === plan.isolate) variable('cap_advisor_fis_role_arn', 'The IAM role FIS assumes (trusts fis.amazonaws.com)', plan.roleArn);
    for (const { name, value } of stops) variable(stopVariable(name), `A CloudWatch alarm in ${region} that stops the experiment when it fires`, region === plan.isolate ? value : undefined);
    const resources = resourcesOf(templates).filter((resource) => !resource.terraformArn);
    for (const resource of resources) variable(snake(resource.arnParameter), resource.describes);
    const arnOf = (resource: TargetResource) => resource.terraformArn ?? `var.${snake(resource.arnParameter)}`;
    for (const template of templates) {
      lines.push(`resource "aws_fis_experiment_template" "${snake(templateId(template, plan.isolate))}" {`);
      if (template.role === 'mirror') lines.push(`  # Runs in ${region}: give it a provider there, for example provider = aws.${snake(region)}`);
      lines.push(`  description = ${hclString(template.description)}`, '  role_arn    = var.cap_advisor_fis_role_arn', '');
      for (const { name } of stops) lines.push('  stop_condition {', '    source = "aws:cloudwatch:alarm"', `    value  = var.${stopVariable(name)}`, '  }', '');
      lines.push('  experiment_options {', '    account_targeting            = "single-account"', '    empty_target_resolution_mode = "fail"', '  }', '');
      for (const action of template.actions) {
        lines.push('  action {', `    name        = ${hclString(action.name)}`, `    action_id   = ${hclString(action.actionId)}`, `    description = ${hclString(action.description)}`);
        for (const [key, value] of Object.entries(action.parameters)) lines.push('', '    parameter {', `      key   = ${hclString(key)}`, `      value = ${hclString(value)}`, '    }');
        if (action.target) lines.push('', '    target {', `      key   = ${hclString(action.target.key)}`, `      value = ${hclString(action.target.name)}`, '    }');
        if (action.startAfter) lines.push(`    start_after = [${action.startAfter.map(hclString).join(', ')}]`);
        lines.push('  }', '');
      }
      for (const target of template.targets) lines.push(...terraformTarget(target, arnOf), '');
      lines.push('  tags = {', ...Object.entries(template.tags).map(([key, value]) => `    ${hclString(key)} = ${hclString(value)}`), '  }', '}', '');
    }
    return { region, text: `${lines.join('\n').trimEnd()}\n` };
  });
}

function terraformTarget(target: ExperimentTarget, arnOf: (resource: TargetResource) => string): string[] {
  return [
    '  target {',
    `    name           = ${hclString(target.name)}`,
    `    resource_type  = ${hclString(target.resourceType)}`,
    '    selection_mode = "ALL"',
    ...(target.resources ? [`    resource_arns  = [${target.resources.map(arnOf).join(', ')}]`] : Object.entries(target.tags ?? {}).flatMap(([key, value]) => ['', '    resource_tag {', `      key   = ${hclString(key)}`, `      value = ${hclString(value)}`, '    }'])),
    '  }',
  ];
}

// ── FIS API JSON ────────────────────────────────────────────────────────────────────────────

/** The `create-experiment-template` input; ARNs the catalog cannot know are `${Name}` placeholders (fill them with envsubst). */
export function experimentApiInputs(plan: ExperimentPlan): Array<{ region: string; input: Record<string, unknown> }> {
  return plan.templates.map((template) => ({
    region: template.region,
    input: templateFields(template, {
      field: (name) => name,
      role: plan.roleArn ?? `\${${ROLE_PARAMETER}}`,
      stopAlarms: stopParameters(plan, template.region).map(({ name, value }) => value ?? `\${${name}}`),
      arn: (parameter) => `\${${parameter}}`,
    }),
  }));
}

/** One JSON document per template (`--cli-input-json` takes one). */
export function renderExperimentJson(plan: ExperimentPlan): ExperimentFile[] {
  return experimentApiInputs(plan).map(({ region, input }) => ({ region, text: `${JSON.stringify(input, null, 2)}\n` }));
}

// ── Markdown test plan ──────────────────────────────────────────────────────────────────────

export function renderExperimentMarkdown(plan: ExperimentPlan, catalogFile: string): string {
  const lines: string[] = [`# Fault-injection test plan: isolate ${plan.isolate}`, ''];
  lines.push(`Catalog: \`${catalogFile}\`. Each data type's expectation is its verdict for "${plan.isolate} cut off" in \`cap-advisor simulate\`; the experiment tests it.`, '');
  if (plan.nothingToActOn) {
    lines.push('## Nothing to run', '', `FIS has nothing to act on: ${plan.nothingToActOn}`, '');
  } else {
    lines.push('## What runs', '');
    lines.push(`For ${plan.duration}, in ${plan.isolate}: ${plan.cutFrom.length} network cut${plan.cutFrom.length === 1 ? '' : 's'} (to ${plan.cutFrom.join(', ')}) and the replication pauses below. The checks start after \`WaitDuringFaults\` (${plan.wait}), while the faults still run.`, '');
    lines.push('| Template | Runs in | Actions |', '|---|---|---|');
    for (const template of plan.templates) lines.push(`| ${template.role === 'isolation' ? 'isolation' : 'mirror'}${template.parts > 1 ? ` part ${template.part}` : ''} | ${template.region} | ${template.actions.map((action) => `\`${action.name}\``).join(', ')} |`);
    lines.push('');
    for (const note of plan.notes) lines.push(`> ${note}`, '');
    lines.push('## Before you start', '');
    lines.push(`- [ ] Tag the application subnets in ${plan.isolate} with \`${SUBNET_TAG.key}=${SUBNET_TAG.value}\` (at most ${fisQuotas.subnetsPerCut.value} subnets per cut unless the quota is raised).`);
    lines.push(`- [ ] Raise the VPC quota "routes per route table" to 250 (350 when a cut's Region is us-east-1) plus the routes already there: the cut adds a route table per subnet.`);
    lines.push(`- [ ] Give the role FIS assumes (${plan.roleArn ? `\`${plan.roleArn}\`` : `parameter \`${ROLE_PARAMETER}\``}) the permissions of each action, for example the managed policy \`AWSFaultInjectionSimulatorNetworkAccess\` and the Cross-Region scenario's policy.`);
    lines.push(`- [ ] Name a stop alarm in ${plan.isolate} (${plan.stopAlarms.length > 0 ? plan.stopAlarms.map((alarm) => `\`${alarm}\``).join(', ') : `parameter \`${STOP_PARAMETER}\`: CAP Advisor never invents one`}).`);
    for (const note of [...new Set(plan.hypotheses.flatMap((hypothesis) => hypothesis.notes.filter((n) => / tag /.test(n))))]) lines.push(`- [ ] ${note}`);
    lines.push('- [ ] Dry run: start it with `--experiment-options actionsMode=skip-all` to see the targets it resolves without injecting anything.', '');
  }
  const concerned = plan.hypotheses.filter((hypothesis) => hypothesis.targeting !== 'untouched');
  const untouched = plan.hypotheses.filter((hypothesis) => hypothesis.targeting === 'untouched');
  lines.push('## Expected, per data type', '');
  for (const hypothesis of concerned) {
    lines.push(`### ${hypothesis.dataType}: ${hypothesis.verdict}`, '');
    lines.push(`${hypothesis.message} Store: \`${hypothesis.store}\`.`, '');
    for (const expectation of hypothesis.expect) lines.push(`- [ ] ${expectation}`);
    lines.push('', `Watch: ${hypothesis.watch}.`, '', `Contradicts the catalog: ${hypothesis.contradicts}`, '');
    lines.push(`Acted on by: ${hypothesis.actions.map((action) => `\`${action}\``).join(', ') || 'nothing'}.`, '');
    for (const note of hypothesis.notes) lines.push(`- ${note}`);
    if (hypothesis.notes.length > 0) lines.push('');
    if (hypothesis.cannotReproduce.length > 0) {
      lines.push('FIS cannot reproduce:', '', ...hypothesis.cannotReproduce.map((what) => `- ${what}.`), '');
    }
  }
  if (untouched.length > 0) {
    lines.push('## Not expected to change', '', 'These do not live in the isolated Region; any change in them contradicts the catalog.', '');
    for (const hypothesis of untouched) lines.push(`- ${hypothesis.dataType}: ${hypothesis.verdict}`);
    lines.push('');
  }
  if (plan.mirrors.length > 0) {
    lines.push('## Mirror experiments for a two-way cut', '', `${EGRESS_ONLY.text[0].toUpperCase()}${EGRESS_ONLY.text.slice(1)}. Write them with \`--both-ways\`:`, '');
    for (const mirror of plan.mirrors) lines.push(`- in ${mirror.region}: ${mirror.why}.`);
    lines.push('');
  }
  lines.push('## Sources', '');
  for (const source of [fisActions.cutRegion.source, fisActions.pauseTable.source, fisActions.pauseBucket.source, fisActions.failDsqlConnections.source, EGRESS_ONLY.source, fisQuotas.actionsPerTemplate.source]) lines.push(`- ${source}`);
  return `${lines.join('\n').trimEnd()}\n`;
}
