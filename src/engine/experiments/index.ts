// Fault-injection experiments from a catalog: for "isolate R", the AWS FIS experiment
// templates that cut R off (one network cut per other Region, one replication pause per table or
// bucket of the data types that live in R) and, per data type, the hypothesis the experiment
// tests: §7's verdict for the same scenario, what the writers should see, which metric shows it
// and what would contradict the catalog. Plain data: src/report renders it as CloudFormation,
// Terraform, the FIS API's JSON and a Markdown test plan.
import { knownRegions, type DeployedStore, type ResourceLocation } from '../model/deployed';
import { storeDirectory } from '../model/resolve';
import type { CatalogAnalysis, DataTypeReport, StoreId } from '../model/types';
import { scenarioStore, simulate, type Outcome, type Verdict } from '../scenarios';
import { DATA_TYPE_TAG, fisActions, fisQuotas, storeExperimentFacts, SUBNET_TAG } from './fis';

export { fisActions, fisQuotas, storeExperimentFacts, DATA_TYPE_TAG, SUBNET_TAG, EGRESS_ONLY } from './fis';

export const DEFAULT_EXPERIMENT_DURATION = 'PT15M';
/** The ARNs an experiment takes, one pattern each for the CLI's check and the templates' `AllowedPattern`. */
export const ALARM_ARN_PATTERN = '^arn:aws[a-z-]*:cloudwatch:[a-z0-9-]+:\\d{12}:alarm:.+$';
export const ROLE_ARN_PATTERN = '^arn:aws[a-z-]*:iam::\\d{12}:role/.+$';
const MINUTE = 60_000;
const MIN_DURATION_MS = MINUTE;
const MAX_DURATION_MS = 12 * 60 * MINUTE;
/** A DynamoDB pause may take this long to bite: the in-experiment checks wait for it when the faults last long enough. */
const PAUSE_TAKES_EFFECT_MS = 5 * MINUTE;
/** Faults per template: with the wait and an assertion, at most 10 actions run at once. */
const FAULTS_PER_TEMPLATE = fisQuotas.parallelActions.value - 2;

export interface ExperimentOptions {
  /** The Region to isolate: the experiment runs there. */
  isolate: string;
  /** ISO 8601 (`PT15M`) or a catalog duration (`15m`); 1 minute to 12 hours. */
  duration?: string;
  /** Write the mirror experiments (in every other data Region, cutting traffic towards R) instead of listing them. */
  bothWays?: boolean;
  /** CloudWatch alarm ARNs that stop the experiment; never invented: without them the templates ask for one. */
  stopAlarms?: string[];
  /** Alarm ARNs that must be OK while the faults run, checked by an assertion after the wait. */
  assertAlarms?: string[];
  /** The IAM role FIS assumes; without it the templates ask for one. */
  roleArn?: string;
}

/** A linked resource an action targets by ARN: where it is written, and how each format names its ARN. */
export interface TargetResource {
  dataType: string;
  location: ResourceLocation;
  /** The Region of the copy the action acts on (the experiment Region). */
  region: string;
  /** CloudFormation parameter (and JSON placeholder) for its ARN, named after the logical id. */
  arnParameter: string;
  /** A Terraform expression for the ARN from the resource's own address, when the root module can reach it. */
  terraformArn?: string;
  /** What the ARN is, for the parameter's description. */
  describes: string;
}

export interface ExperimentTarget {
  name: string;
  resourceType: string;
  /** By ARN (at most 5)... */
  resources?: TargetResource[];
  /** ...or by tags. */
  tags?: Record<string, string>;
}

export interface ExperimentAction {
  name: string;
  actionId: string;
  description: string;
  parameters: Record<string, string>;
  /** The action's target key and the target's name. */
  target?: { key: string; name: string };
  startAfter?: string[];
  /** The data types whose hypothesis this action tests (none for the network cut, which concerns them all). */
  dataTypes: string[];
}

export interface ExperimentTemplate {
  /** The Region FIS runs it in: every action acts there. */
  region: string;
  /** What it does: isolate R (the experiment), or cut this Region's traffic towards R (a mirror). */
  role: 'isolation' | 'mirror';
  /** 1-based part and number of parts, when the quotas split the experiment. */
  part: number;
  parts: number;
  description: string;
  targets: ExperimentTarget[];
  actions: ExperimentAction[];
  /** Short hypotheses, by tag key. */
  tags: Record<string, string>;
}

export interface Hypothesis {
  dataType: string;
  store: StoreId;
  /** §7's verdict for "isolate R": the experiment tests it. */
  verdict: Verdict;
  writers: string[];
  staleReads: string[];
  /** What the writers in R and in each other Region should see, one sentence each. */
  expect: string[];
  /** The metric that shows it. */
  watch: string;
  /** The result that would contradict the catalog. */
  contradicts: string;
  /** The actions that act on its resources (the network cuts concern every data type in R). */
  actions: string[];
  /** How its resources are chosen. */
  targeting: 'linked' | 'tagged' | 'network only' | 'untouched';
  /** What FIS cannot reproduce for it, with the step that would. */
  cannotReproduce: string[];
  /** Things a team must do or know first (tag a bucket, a Region the infrastructure lacks). */
  notes: string[];
  /** The §7 sentence. */
  message: string;
}

export interface ExperimentPlan {
  isolate: string;
  /** ISO 8601. */
  duration: string;
  wait: string;
  /** The catalog's other Regions: one cut each. */
  cutFrom: string[];
  templates: ExperimentTemplate[];
  /** Mirror experiments a two-way cut needs, when not written (`bothWays` off). */
  mirrors: Array<{ region: string; why: string }>;
  hypotheses: Hypothesis[];
  /** Plan-wide notes: splits, quotas, why nothing was written. */
  notes: string[];
  /** Why FIS has nothing to act on in R; set when no template is written. */
  nothingToActOn?: string;
  /** Parameters the templates need from the team (role, stop alarm), with what is known of them. */
  roleArn?: string;
  stopAlarms: string[];
  assertAlarms: string[];
}

/** Milliseconds of `PT1H30M`-style or catalog (`15m`) durations; undefined when neither. */
export function parseExperimentDuration(text: string): number | undefined {
  const iso = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(text);
  if (iso && (iso[1] ?? iso[2] ?? iso[3]) !== undefined) return ((Number(iso[1] ?? 0) * 60 + Number(iso[2] ?? 0)) * 60 + Number(iso[3] ?? 0)) * 1000;
  const catalog = /^(\d+)(s|m|h)$/.exec(text);
  return catalog ? Number(catalog[1]) * { s: 1000, m: MINUTE, h: 60 * MINUTE }[catalog[2] as 's' | 'm' | 'h'] : undefined;
}

/** An ISO 8601 duration in whole minutes or hours: `PT15M`, `PT2H`, `PT1H30M`. */
export function isoDuration(ms: number): string {
  const minutes = Math.round(ms / MINUTE);
  const hours = Math.floor(minutes / 60);
  return `PT${hours > 0 ? `${hours}H` : ''}${minutes % 60 > 0 || hours === 0 ? `${minutes % 60}M` : ''}`;
}

/** Why a duration cannot be used, or undefined. */
export function durationProblem(text: string): string | undefined {
  const ms = parseExperimentDuration(text);
  if (ms === undefined) return `${text} is not a duration; write it as PT15M (ISO 8601) or 15m`;
  if (ms < MIN_DURATION_MS || ms > MAX_DURATION_MS) return `${text} is outside what FIS allows (1 minute to 12 hours)`;
  return undefined;
}

export function planExperiment(analysis: CatalogAnalysis, options: ExperimentOptions): ExperimentPlan {
  const { report } = analysis;
  const isolate = options.isolate;
  const durationMs = parseExperimentDuration(options.duration ?? DEFAULT_EXPERIMENT_DURATION) ?? 15 * MINUTE;
  const duration = isoDuration(durationMs);
  const waitMs = durationMs >= 2 * PAUSE_TAKES_EFFECT_MS ? durationMs - PAUSE_TAKES_EFFECT_MS : Math.max(MINUTE, Math.floor(durationMs / 2 / MINUTE) * MINUTE);
  const wait = isoDuration(waitMs);
  const witnesses = report.regions.filter((region) => region.role === 'witness').map((region) => region.name);
  const cutFrom = report.regions.map((region) => region.name).filter((name) => name !== isolate);
  const [scenario] = simulate(analysis, [{ kind: 'isolate', region: isolate }]);
  const outcomes = new Map(scenario.outcomes.map((outcome) => [outcome.dataType, outcome]));
  const directory = storeDirectory(report.deployed);
  const notes: string[] = [];

  const faults: ExperimentAction[] = [];
  const targets: ExperimentTarget[] = [];
  const mirrorPauses = new Map<string, Array<{ target: ExperimentTarget; dataType: string }>>();
  const names = new UniqueNames();
  const subnets: ExperimentTarget = { name: 'Subnets', resourceType: fisActions.cutRegion.target.resourceType, tags: { [SUBNET_TAG.key]: SUBNET_TAG.value } };
  const cutAction = (from: string, to: string): ExperimentAction => ({
    name: `CutTo${pascal(to)}`,
    actionId: fisActions.cutRegion.actionId,
    description: `Block traffic from ${from}'s tagged subnets to ${to}`,
    parameters: { region: to, duration },
    target: { key: fisActions.cutRegion.target.key, name: subnets.name },
    dataTypes: [],
  });
  const nothingToActOn = witnesses.includes(isolate)
    ? `${isolate} is a witness: it holds no data and runs no application, and a store's witness has no endpoint that FIS can reach, so there is nothing to cut off there.`
    : cutFrom.length === 0
      ? `${isolate} is the catalog's only Region: there is no other Region to cut it off from.`
      : undefined;
  if (!nothingToActOn) faults.push(...cutFrom.map((to) => cutAction(isolate, to)));
  const cutNames = faults.map((action) => action.name);

  const hypotheses = report.dataTypes.map((dataType): Hypothesis => {
    const outcome = outcomes.get(dataType.name)!;
    const store = scenarioStore(dataType);
    const facts = storeExperimentFacts[store];
    const livesInR = dataType.need.regions.includes(isolate);
    const hypothesis: Hypothesis = {
      dataType: dataType.name, store, verdict: outcome.verdict, writers: outcome.writers, staleReads: outcome.staleReads,
      expect: expectations(dataType, outcome, isolate), watch: facts.metric.text, contradicts: contradiction(dataType, outcome, isolate),
      actions: [], targeting: 'untouched', cannotReproduce: [], notes: [], message: outcome.message,
    };
    if (!livesInR || nothingToActOn) return hypothesis;
    hypothesis.targeting = 'network only';
    const multiRegion = dataType.need.regions.length >= 2 && dataType.need.topology !== 'single-region';
    if (!multiRegion) hypothesis.notes.push(`It has no copy outside ${isolate}: only the network cuts act on it (other Regions' clients lose it).`);
    else if (!facts.replicationAction) hypothesis.notes.push(`FIS has no action on ${store}'s replication: only the network cuts act on it.`);
    hypothesis.actions.push(...cutNames);
    hypothesis.cannotReproduce.push(...facts.cannotReproduce.map((fact) => fact.text));
    const actionKey = facts.replicationAction;
    if (!actionKey || !multiRegion) return hypothesis;
    // The linked stores this action reaches (a table the catalog calls eventual may be deployed strong: the same pause acts on it).
    const linked = (dataType.deployed ?? []).flatMap(({ name }) => directory(name).slice(0, 1))
      .filter((deployed) => typeof deployed.store === 'string' && storeExperimentFacts[deployed.store].replicationAction === actionKey);
    const inR = linked.filter((deployed) => {
      const { regions, complete } = knownRegions(deployed);
      if (regions.includes(isolate)) return true;
      hypothesis.notes.push(complete
        ? `${deployed.logicalId} (${deployed.file}) has no copy in ${isolate}: the catalog says it lives there, the infrastructure does not, so nothing of it is paused.`
        : `${deployed.logicalId} (${deployed.file}) has Regions the infrastructure does not fix: whether it has a copy in ${isolate} is unknown, so it is not paused.`);
      return false;
    });
    if (actionKey === 'pauseBucket') {
      planBucketPauses(dataType, inR, linked.length > 0);
      return hypothesis;
    }
    const action = fisActions[actionKey];
    const chosen: Array<TargetResource | undefined> = inR.length > 0 ? inR.map((deployed) => targetResource(dataType.name, deployed, isolate)) : linked.length === 0 ? [undefined] : [];
    for (const resource of chosen) {
      const noun = action.target.key === 'Tables' ? 'Table' : 'Cluster';
      const target: ExperimentTarget = resource
        ? { name: names.take(targetName(resource.location.logicalId, noun)), resourceType: action.target.resourceType, resources: [resource] }
        : { name: names.take(`${pascal(dataType.name)}${noun}s`), resourceType: action.target.resourceType, tags: { [DATA_TYPE_TAG]: dataType.name } };
      targets.push(target);
      const fault: ExperimentAction = actionKey === 'pauseTable'
        ? { name: `Pause${target.name}`, actionId: action.actionId, description: `Pause replication of ${dataType.name} in ${isolate}`, parameters: { duration }, target: { key: action.target.key, name: target.name }, dataTypes: [dataType.name] }
        : { name: `FailConnections${target.name}`, actionId: action.actionId, description: `Fail every connection to the ${dataType.name} cluster in ${isolate}`, parameters: { duration, percentage: '100' }, target: { key: action.target.key, name: target.name }, dataTypes: [dataType.name] };
      faults.push(fault);
      hypothesis.actions.push(fault.name);
      hypothesis.targeting = resource ? 'linked' : 'tagged';
      if (!resource) hypothesis.notes.push(`${dataType.name} links no ${noun.toLowerCase()}: tag its ${noun.toLowerCase()} in ${isolate} with ${DATA_TYPE_TAG}=${dataType.name} (the target is chosen by that tag).`);
    }
    if (store === 'dynamodb-global-strong' && chosen.length > 0) hypothesis.notes.push('FIS impairs a strongly consistent table for at most 5,040 minutes in any 7 days.');
    return hypothesis;

    function planBucketPauses(dt: DataTypeReport, buckets: DeployedStore[], anyLinked: boolean): void {
      // The S3 pause takes tags only and one destination Region: one action per bucket and destination.
      const sources = buckets.filter((bucket) => bucket.homeRegion === undefined || bucket.homeRegion === isolate);
      for (const bucket of buckets.filter((b) => !sources.includes(b))) {
        mirrorPause(bucket.homeRegion!, dt.name, bucket);
        hypothesis.notes.push(`${bucket.logicalId} replicates from ${bucket.homeRegion} into ${isolate}: its pause runs in ${bucket.homeRegion} (a mirror experiment).`);
      }
      const pauses: Array<{ bucket?: DeployedStore; destinations: string[] }> = sources.length > 0
        ? sources.map((bucket) => ({ bucket, destinations: knownRegions(bucket).regions.filter((r) => r !== isolate) }))
        : anyLinked ? [] : [{ destinations: dt.need.regions.filter((r) => r !== isolate) }];
      for (const { bucket, destinations } of pauses) {
        const target = bucketTarget(dt.name, bucket, names);
        targets.push(target);
        for (const destination of destinations) {
          const fault = bucketPause(target, dt.name, isolate, destination, duration);
          faults.push(fault);
          hypothesis.actions.push(fault.name);
        }
        hypothesis.targeting = bucket ? 'linked' : 'tagged';
        hypothesis.notes.push(bucket
          ? `The S3 pause chooses buckets by tag only: tag ${bucket.logicalId} (${bucket.file}) with ${DATA_TYPE_TAG}=${dt.name}.`
          : `${dt.name} links no bucket: tag its bucket in ${isolate} with ${DATA_TYPE_TAG}=${dt.name} (the S3 pause chooses buckets by tag only).`);
      }
      // Without linked buckets, the catalog's other Regions may replicate into R too: that is paused only in those Regions.
      if (!anyLinked) for (const peer of dt.need.regions.filter((r) => r !== isolate && !witnesses.includes(r))) mirrorPause(peer, dt.name);
    }

    function mirrorPause(peer: string, name: string, bucket?: DeployedStore): void {
      const list = mirrorPauses.get(peer) ?? [];
      list.push({ dataType: name, target: bucketTarget(name, bucket) });
      mirrorPauses.set(peer, list);
    }
  });

  const mirrorRegions = nothingToActOn ? [] : cutFrom.filter((region) => !witnesses.includes(region));
  const templates: ExperimentTemplate[] = [];
  if (!nothingToActOn) {
    templates.push(...splitIntoTemplates(isolate, 'isolation', faults, [subnets, ...targets], { wait, duration, hypotheses, options }));
    if (options.bothWays) {
      for (const region of mirrorRegions) {
        const pauses = mirrorPauses.get(region) ?? [];
        const mirrorFaults = [cutAction(region, isolate), ...pauses.map(({ target, dataType }) => bucketPause(target, dataType, region, isolate, duration))];
        templates.push(...splitIntoTemplates(region, 'mirror', mirrorFaults, [subnets, ...pauses.map(({ target }) => target)], { wait, duration, hypotheses, options, isolate }));
      }
    }
  }
  const mirrors = options.bothWays || nothingToActOn ? [] : mirrorRegions.map((region) => ({
    region,
    why: `the cut from ${isolate} blocks its egress only: ${region}'s traffic towards ${isolate}${mirrorPauses.has(region) ? ` and its S3 replication into ${isolate} (${mirrorPauses.get(region)!.map((pause) => pause.dataType).join(', ')})` : ''} needs an experiment in ${region}`,
  }));
  const isolationParts = templates.filter((template) => template.role === 'isolation').length;
  if (isolationParts > 1) notes.push(`The quotas (${fisQuotas.parallelActions.text}, ${fisQuotas.actionsPerTemplate.text}) split the isolation into ${isolationParts} templates: start them together; at most ${fisQuotas.activeExperiments.value} experiments run at once per account and Region.`);
  if (isolationParts > fisQuotas.activeExperiments.value) notes.push(`${isolationParts} parts cannot all run at once: part 1 holds the network cuts, so run it with up to ${fisQuotas.activeExperiments.value - 1} others at a time, or ask AWS for a higher quota of running experiments.`);
  if (witnesses.length > 0 && !nothingToActOn) notes.push(`No mirror runs in ${witnesses.join(', ')}: a witness runs no application, and FIS cannot cut a store's witness off.`);
  return {
    isolate, duration, wait, cutFrom: nothingToActOn ? [] : cutFrom, templates, mirrors, hypotheses, notes,
    ...(nothingToActOn ? { nothingToActOn } : {}),
    ...(options.roleArn ? { roleArn: options.roleArn } : {}),
    stopAlarms: options.stopAlarms ?? [], assertAlarms: options.assertAlarms ?? [],
  };
}

interface TemplateContext {
  wait: string;
  duration: string;
  hypotheses: Hypothesis[];
  options: ExperimentOptions;
  /** For a mirror: the Region it cuts traffic towards. */
  isolate?: string;
}

/** Faults run in parallel, with a wait beside them and the assertion after it; the quotas split them into parts. */
function splitIntoTemplates(region: string, role: ExperimentTemplate['role'], faults: ExperimentAction[], targets: ExperimentTarget[], context: TemplateContext): ExperimentTemplate[] {
  const chunks: ExperimentAction[][] = [];
  for (let i = 0; i < faults.length; i += FAULTS_PER_TEMPLATE) chunks.push(faults.slice(i, i + FAULTS_PER_TEMPLATE));
  // Each part picks its targets and hypotheses by name, in their own order: a lookup per part, not a pass over all of them (thousands of parts on a large catalog).
  const targetsNamed = positionsByName(targets, (target) => target.name);
  const hypothesesOf = positionsByName(context.hypotheses, (hypothesis) => hypothesis.dataType);
  return chunks.map((chunk, index): ExperimentTemplate => {
    const used = new Set(chunk.flatMap((action) => (action.target ? [action.target.name] : [])));
    const actions: ExperimentAction[] = [
      ...chunk,
      { name: 'WaitDuringFaults', actionId: fisActions.wait.actionId, description: 'Wait while the faults run; the checks start after it', parameters: { duration: context.wait }, dataTypes: [] },
      ...((context.options.assertAlarms ?? []).length > 0 ? [{ name: 'AssertAlarmsOk', actionId: fisActions.assertAlarms.actionId, description: 'Check the alarms you named while the faults still run', parameters: { alarmArns: context.options.assertAlarms!.join(','), alarmStates: 'OK' }, startAfter: ['WaitDuringFaults'], dataTypes: [] }] : []),
    ];
    const acted = [...new Set(chunk.flatMap((action) => action.dataTypes))];
    const expected = inOrder(acted.flatMap((name) => hypothesesOf.get(name) ?? []));
    const part = chunks.length > 1 ? ` (part ${index + 1} of ${chunks.length})` : '';
    const cuts = chunk.filter((a) => a.actionId === fisActions.cutRegion.actionId).map((a) => a.parameters.region);
    const what = role === 'mirror' ? `cut ${region}'s traffic towards ${context.isolate} (mirror)` : cuts.length > 0 ? `isolate ${region} from ${cuts.join(', ')}` : `pause replication in ${region}, with part 1's cuts`;
    const summary = expected.map((hypothesis) => `${hypothesis.dataType} ${hypothesis.verdict}`).join('; ');
    return {
      region, role, part: index + 1, parts: chunks.length,
      description: clip(`CAP Advisor: ${what} for ${context.duration}${part}.${summary ? ` Expect: ${summary}.` : ''} Test plan: cap-advisor experiment --isolate ${context.isolate ?? region} --format markdown.`, 512),
      targets: inOrder([...used].flatMap((name) => targetsNamed.get(name) ?? [])),
      actions,
      tags: {
        'cap-advisor:isolate': role === 'isolation' ? region : context.isolate!,
        ...Object.fromEntries(expected.slice(0, 40).map((hypothesis) => [clip(`cap-advisor:expect:${hypothesis.dataType}`, 128), clip(`${hypothesis.verdict}: writers ${hypothesis.writers.join(' ') || 'none'}`, 256)])),
      },
    };
  });
}

/** The items of a list by name, each with its position, so that a pick by names can keep the list's order. */
function positionsByName<T>(items: readonly T[], nameOf: (item: T) => string): Map<string, Array<{ item: T; position: number }>> {
  const byName = new Map<string, Array<{ item: T; position: number }>>();
  items.forEach((item, position) => {
    const name = nameOf(item);
    const same = byName.get(name);
    if (same) same.push({ item, position });
    else byName.set(name, [{ item, position }]);
  });
  return byName;
}

function inOrder<T>(picked: Array<{ item: T; position: number }>): T[] {
  return picked.sort((a, b) => a.position - b.position).map(({ item }) => item);
}

/** What the writers in R and in each other Region of the data type should see. */
function expectations(dataType: DataTypeReport, outcome: Outcome, isolate: string): string[] {
  if (!dataType.need.regions.includes(isolate)) return [`Nothing changes: ${outcome.message}`];
  const guard = outcome.guard ? ` (the ${outcome.guard} guard)` : '';
  return dataType.need.regions.map((region) => {
    const where = region === isolate ? `Writers in ${region} (isolated)` : `Writers in ${region}`;
    if (outcome.writers.includes(region)) return `${where}: writes succeed${outcome.staleReads.includes(region) ? ', reads may be stale' : ''}.`;
    if (region === isolate && outcome.guard) return `${where}: writes are refused${guard}.`;
    return `${where}: writes fail or wait${outcome.staleReads.includes(region) ? ', reads may be stale' : ''}.`;
  });
}

/** The result that would contradict the catalog's prediction. */
function contradiction(dataType: DataTypeReport, outcome: Outcome, isolate: string): string {
  if (!dataType.need.regions.includes(isolate)) return 'Any error or latency change in its writers: the catalog says it does not live in the isolated Region.';
  const writing = dataType.need.regions.filter((region) => outcome.writers.includes(region));
  const stopped = dataType.need.regions.filter((region) => !outcome.writers.includes(region));
  const either = (regions: string[]) => (regions.length > 1 ? `${regions.slice(0, -1).join(', ')} or ${regions[regions.length - 1]}` : regions[0]);
  return [
    writing.length > 0 ? `writes failing in ${either(writing)}` : '',
    stopped.length > 0 ? `writes succeeding in ${either(stopped)}` : '',
  ].filter(Boolean).join(', or ').replace(/^./, (first) => first.toUpperCase()) + '.';
}

/** The ARN of a linked resource, as each format names it. */
function targetResource(dataType: string, deployed: DeployedStore, region: string): TargetResource {
  const id = deployed.logicalId;
  const terraform = /^[a-z0-9_]+\.[A-Za-z0-9_-]+(\[[^\]]+\])?$/.test(id) && !id.startsWith('module.');
  const arnParameter = terraform ? `${pascal(id.replace(/\[.*$/, '').split('.')[1])}${pascal(id.split('.')[0].replace(/^aws_/, ''))}Arn` : `${pascal(id)}Arn`;
  const sameRegion = deployed.homeRegion === region;
  return {
    dataType, location: deployed, region, arnParameter,
    ...(terraform ? { terraformArn: sameRegion ? `${id}.arn` : deployed.homeRegion ? `replace(${id}.arn, ":${deployed.homeRegion}:", ":${region}:")` : undefined } : {}),
    describes: `ARN of ${id} (${deployed.file})${sameRegion ? '' : `, its copy in ${region}`}, for ${dataType}`,
  };
}

/**
 * The S3 pause's target for a data type's bucket (the linked one, else the one its tag will
 * choose): by tag, the only way the action selects buckets. `names` makes its name unique in the
 * template; a mirror's target stands in a template of its own.
 */
function bucketTarget(dataType: string, bucket: DeployedStore | undefined, names?: UniqueNames): ExperimentTarget {
  const name = bucket ? targetName(bucket.logicalId, 'Bucket') : `${pascal(dataType)}Bucket`;
  return { name: names ? names.take(name) : name, resourceType: fisActions.pauseBucket.target.resourceType, tags: { [DATA_TYPE_TAG]: dataType } };
}

/** One S3 replication pause: the target's replication from `from` to `to`, run in `from`. */
function bucketPause(target: ExperimentTarget, dataType: string, from: string, to: string, duration: string): ExperimentAction {
  return {
    name: `Pause${target.name}To${pascal(to)}`, actionId: fisActions.pauseBucket.actionId, description: `Pause replication of ${dataType} from ${from} to ${to}`,
    parameters: { region: to, duration }, target: { key: fisActions.pauseBucket.target.key, name: target.name }, dataTypes: [dataType],
  };
}

/** A target's name from a logical id or a Terraform address: `aws_dynamodb_table.carts` → `CartsTable`, `CatalogBucket` → `CatalogBucket`. */
function targetName(name: string, noun: 'Table' | 'Cluster' | 'Bucket'): string {
  const base = pascal(name.split('.').pop()!.replace(/\[.*$/, ''));
  return base.endsWith(noun) ? base : `${base}${noun}`;
}

/** `us-east-1` → `UsEast1`, `order-ledger` → `OrderLedger`, `aws_dynamodb_table` → `AwsDynamodbTable`. */
export function pascal(text: string): string {
  return text.split(/[^A-Za-z0-9]+/).filter(Boolean).map((word) => word[0].toUpperCase() + word.slice(1)).join('');
}

/** A text cut to a field's limit, its last character an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Action and target names are keys of one map: the second `Carts` becomes `Carts2`. */
class UniqueNames {
  private readonly taken = new Set<string>();

  take(name: string): string {
    let unique = name;
    for (let n = 2; this.taken.has(unique); n += 1) unique = `${name}${n}`;
    this.taken.add(unique);
    return unique;
  }
}
