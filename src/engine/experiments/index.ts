// Fault-injection experiments from a catalog: for "isolate R", the AWS FIS experiment
// templates that cut R off (one network cut per other Region, one replication pause per table or
// bucket of the data types that live in R) and, per data type, the hypothesis the experiment
// tests: §7's verdict for the same scenario, what the writers should see, which metric shows it
// and what would contradict the catalog. Plain data: src/report renders it as CloudFormation,
// Terraform, the FIS API's JSON and a Markdown test plan.
import { knownRegions, regionOfArn, type DeployedStore, type RegionalResource, type ResourceLocation, type TerraformRoot } from '../model/deployed';
import { storeDirectory } from '../model/resolve';
import type { CatalogAnalysis, DataTypeReport, StoreId } from '../model/types';
import { scenarioStore, simulate, type Outcome, type Verdict } from '../scenarios';
import {
  CUT_BLAST_RADIUS,
  DATA_TYPE_TAG,
  faultLag,
  fisActions,
  fisOutputs,
  fisQuotas,
  storeExperimentFacts,
  STRONG_TABLE_PAUSE_PERMISSIONS,
  SUBNET_TAG,
} from './fis';

export { regionOfArn } from '../model/deployed';
export {
  fisActions,
  fisQuotas,
  fisOutputs,
  faultLag,
  storeExperimentFacts,
  DATA_TYPE_TAG,
  SUBNET_TAG,
  EGRESS_ONLY,
  CUT_BLAST_RADIUS,
  FIS_TRUST,
  STRONG_TABLE_PAUSE_PERMISSIONS,
} from './fis';

export const DEFAULT_EXPERIMENT_DURATION = 'PT15M';
/** The ARNs an experiment takes, one pattern each for the CLI's check and the templates' `AllowedPattern`. */
export const ALARM_ARN_PATTERN = '^arn:aws[a-z-]*:cloudwatch:[a-z0-9-]+:\\d{12}:alarm:.+$';
export const ROLE_ARN_PATTERN = '^arn:aws[a-z-]*:iam::\\d{12}:role/.+$';
export const LOG_GROUP_ARN_PATTERN = '^arn:aws[a-z-]*:logs:[a-z0-9-]+:\\d{12}:log-group:[^:]+(:\\*)?$';
const MINUTE = 60_000;
const MIN_DURATION_MS = MINUTE;
const MAX_DURATION_MS = 12 * 60 * MINUTE;
/** Faults per template: with the wait and an assertion, at most 10 actions run at once. */
const FAULTS_PER_TEMPLATE = fisQuotas.parallelActions.value - 2;

export interface ExperimentOptions {
  /** The Region to isolate: the experiment runs there. */
  isolate: string;
  /** ISO 8601 (`PT15M`) or a catalog duration (`15m`); 1 minute to 12 hours, and at least twice the faults' lag. */
  duration?: string;
  /** Write the mirror experiments (in every other data Region, cutting traffic towards R) instead of listing them. */
  bothWays?: boolean;
  /** CloudWatch alarm ARNs that stop the experiment; each template takes those of its own Region (read from the ARN), and asks for one where none is given. */
  stopAlarms?: string[];
  /** Alarm ARNs that must be OK while the faults run, checked after the wait; each template takes those of its own Region. */
  assertAlarms?: string[];
  /** The IAM role FIS assumes; without it the templates ask for one. */
  roleArn?: string;
  /** CloudWatch Logs log group ARNs for experiment logging; each template takes the one of its Region. */
  logGroups?: string[];
  /** `bucket` or `bucket/prefix` for experiment logging to S3. */
  logBucket?: string;
  /** `bucket` or `bucket/prefix` for the experiment report FIS writes when the experiment ends. */
  reportBucket?: string;
}

/** A linked resource an action targets by ARN: where it is written, and how each format names its ARN. */
export interface TargetResource {
  dataType: string;
  location: ResourceLocation;
  /** The Region of the resource the action acts on (the experiment Region). */
  region: string;
  /** CloudFormation parameter (and JSON placeholder) for its ARN, named after the logical id. */
  arnParameter: string;
  /** The ARN itself, when the infrastructure writes it (a DSQL peer named by ARN). */
  arn?: string;
  /** A Terraform expression for the ARN from the resource's own address, when the root module the file drops into deploys it. */
  terraformArn?: string;
  /** What the ARN is, for the parameter's description. */
  describes: string;
  /** A DSQL peer in this Region that the linked infrastructure does not name: its ARN is asked for. */
  unnamedPeer?: true;
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

/** An IAM policy document, as IAM reads it. */
export interface IamPolicy {
  Version: '2012-10-17';
  Statement: Array<{ Sid: string; Effect: 'Allow'; Action: string[]; Resource: '*'; Condition?: Record<string, Record<string, string | string[]>> }>;
}

/** An S3 destination: `bucket` or `bucket/prefix`. */
export interface BucketDestination {
  bucket: string;
  prefix?: string;
}

/** Everything that runs in one Region: its templates, its alarms, where it logs, the role's policy, and how Terraform names the Region. */
export interface ExperimentRun {
  region: string;
  role: ExperimentTemplate['role'];
  templates: ExperimentTemplate[];
  /** The alarms of this Region only; none means the template asks for one. */
  stopAlarms: string[];
  assertAlarms: string[];
  logGroup?: string;
  logBucket?: BucketDestination;
  reportBucket?: BucketDestination;
  /** The permissions the experiment role needs for these templates, complete. */
  policy: IamPolicy;
  terraform: TerraformPlacement;
}

/** Where a Terraform template for a Region goes, and which provider it names. */
export interface TerraformPlacement {
  /** The linked root module it drops into, when the catalog links Terraform. */
  root?: TerraformRoot;
  /** `aws.us_east_2`: set for every Region but the root's default one. */
  provider?: string;
  /** The provider must be declared in the root (no configuration of it was read). */
  declare: boolean;
}

export interface Hypothesis {
  dataType: string;
  store: StoreId;
  /** §7's verdict for "isolate R": the experiment tests it. */
  verdict: Verdict;
  writers: string[];
  staleReads: string[];
  /** What the writers in R and in each other Region should see, one sentence each, with what the cut must have to show it. */
  expect: string[];
  /** The metric that shows it. */
  watch: string;
  /** The result that would contradict the catalog. */
  contradicts: string;
  /** What the actions on it really test, where that is less than the scenario (DSQL's connection failures). */
  tests?: string;
  /** The actions that act on its resources (the network cuts concern every data type in R). */
  actions: string[];
  /** How its resources are chosen. */
  targeting: 'linked' | 'tagged' | 'network only' | 'untouched';
  /** What FIS cannot reproduce for it, with the step that would. */
  cannotReproduce: string[];
  /** Things a team must do or know first (tag a bucket, a Region the infrastructure lacks). */
  notes: string[];
  /** After the faults end: how to see that its copies converge again. */
  converge: string[];
  /** The §7 sentence. */
  message: string;
}

export interface ExperimentPlan {
  isolate: string;
  /** ISO 8601. */
  duration: string;
  wait: string;
  /** How long the faults may take to bite, and why: the wait is the duration less this. */
  lag: { ms: number; why: string };
  /** The shortest duration that tests something: the checks after the lag and a lag before the end. */
  minimumDuration: string;
  /** Set when the duration is shorter than that: the plan must not be written. */
  durationRefused?: string;
  /** The catalog's other Regions: one cut each. */
  cutFrom: string[];
  templates: ExperimentTemplate[];
  /** The templates by the Region they run in, the isolated Region first. */
  runs: ExperimentRun[];
  /** Mirror experiments a two-way cut needs, when not written (`bothWays` off). */
  mirrors: Array<{ region: string; why: string }>;
  hypotheses: Hypothesis[];
  /** Plan-wide notes: splits, quotas, why nothing was written. */
  notes: string[];
  /** What one cut reaches. */
  blastRadius: string;
  /** Why FIS has nothing to act on in R; set when no template is written. */
  nothingToActOn?: string;
  /** Parameters the templates need from the team (role, stop alarm), with what is known of them. */
  roleArn?: string;
  /** Alarms given for Regions where nothing of this plan runs: never used, and said so. */
  unusedAlarms: string[];
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

/** Why a duration cannot be used at all, or undefined (the plan then checks it against its faults' lag). */
export function durationProblem(text: string): string | undefined {
  const ms = parseExperimentDuration(text);
  if (ms === undefined) return `${text} is not a duration; write it as PT15M (ISO 8601) or 15m`;
  if (ms < MIN_DURATION_MS || ms > MAX_DURATION_MS) return `${text} is outside what FIS allows (1 minute to 12 hours)`;
  return undefined;
}

/** `bucket/prefix` → its parts. */
export function bucketDestination(text: string): BucketDestination {
  const slash = text.indexOf('/');
  return slash === -1 ? { bucket: text } : { bucket: text.slice(0, slash), ...(text.length > slash + 1 ? { prefix: text.slice(slash + 1) } : {}) };
}

/** A fault once per target: a second data type on the same table, cluster or bucket joins the first one's action. */
class FaultBook {
  readonly faults: ExperimentAction[] = [];
  readonly targets: ExperimentTarget[] = [];
  private readonly targetsByKey = new Map<string, ExperimentTarget>();
  private readonly faultsByKey = new Map<string, ExperimentAction>();

  constructor(private readonly names: UniqueNames) {}

  target(key: string, make: (name: (wanted: string) => string) => ExperimentTarget): ExperimentTarget {
    let target = this.targetsByKey.get(key);
    if (!target) {
      target = make((wanted) => this.names.take(wanted));
      this.targetsByKey.set(key, target);
      this.targets.push(target);
    }
    return target;
  }

  fault(key: string, dataType: string, make: () => ExperimentAction): ExperimentAction {
    let fault = this.faultsByKey.get(key);
    if (!fault) {
      fault = make();
      this.faultsByKey.set(key, fault);
      this.faults.push(fault);
    }
    if (!fault.dataTypes.includes(dataType)) fault.dataTypes.push(dataType);
    return fault;
  }
}

export function planExperiment(analysis: CatalogAnalysis, options: ExperimentOptions): ExperimentPlan {
  const { report } = analysis;
  const isolate = options.isolate;
  const durationMs = parseExperimentDuration(options.duration ?? DEFAULT_EXPERIMENT_DURATION) ?? 15 * MINUTE;
  const duration = isoDuration(durationMs);
  const witnesses = report.regions.filter((region) => region.role === 'witness').map((region) => region.name);
  const primary = report.regions.find((region) => region.role === 'primary')?.name;
  const cutFrom = report.regions.map((region) => region.name).filter((name) => name !== isolate);
  const [scenario] = simulate(analysis, [{ kind: 'isolate', region: isolate }]);
  const outcomes = new Map(scenario.outcomes.map((outcome) => [outcome.dataType, outcome]));
  const directory = storeDirectory(report.deployed);
  const terraformRoots = report.deployed?.terraformRoots ?? [];
  const placements = new Map<string, TerraformPlacement>();
  const placementIn = (region: string): TerraformPlacement => {
    let placement = placements.get(region);
    if (!placement) placements.set(region, (placement = terraformPlacement(region, terraformRoots, report.deployed?.stores ?? [])));
    return placement;
  };
  const notes: string[] = [];

  const names = new UniqueNames();
  const book = new FaultBook(names);
  const mirrorBooks = new Map<string, FaultBook>();
  const mirrorBook = (region: string) => {
    let mirror = mirrorBooks.get(region);
    if (!mirror) mirrorBooks.set(region, (mirror = new FaultBook(new UniqueNames())));
    return mirror;
  };
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
  const cuts = nothingToActOn ? [] : cutFrom.map((to) => cutAction(isolate, to));
  const cutNames = cuts.map((action) => action.name);
  const mirrorRegions = nothingToActOn ? [] : cutFrom.filter((region) => !witnesses.includes(region));
  let strongTables = false;

  const hypotheses = report.dataTypes.map((dataType): Hypothesis => {
    const outcome = outcomes.get(dataType.name)!;
    const store = scenarioStore(dataType);
    const facts = storeExperimentFacts[store];
    const livesInR = dataType.need.regions.includes(isolate);
    const hypothesis: Hypothesis = {
      dataType: dataType.name,
      store,
      verdict: outcome.verdict,
      writers: outcome.writers,
      staleReads: outcome.staleReads,
      expect: expectations(dataType, outcome, isolate),
      watch: facts.metric.text,
      contradicts: contradiction(dataType, outcome, isolate),
      actions: [],
      targeting: 'untouched',
      cannotReproduce: [],
      notes: [],
      converge: [],
      message: outcome.message,
    };
    if (!livesInR || nothingToActOn) return hypothesis;
    hypothesis.targeting = 'network only';
    const multiRegion = dataType.need.regions.length >= 2 && dataType.need.topology !== 'single-region';
    if (!multiRegion) hypothesis.notes.push(`It has no copy outside ${isolate}: only the network cuts act on it (other Regions' clients lose it).`);
    else if (!facts.replicationAction) hypothesis.notes.push(`FIS has no action on ${store}'s replication: only the network cuts act on it.`);
    hypothesis.actions.push(...cutNames);
    hypothesis.cannotReproduce.push(...facts.cannotReproduce.map((fact) => fact.text));
    if (multiRegion) hypothesis.converge.push(...convergence(dataType, store, primary));
    const actionKey = facts.replicationAction;
    if (!actionKey || !multiRegion) return hypothesis;
    if (actionKey === 'failDsqlConnections')
      hypothesis.tests = `\`${fisActions.failDsqlConnections.actionId}\` refuses the connections of ${isolate}'s clients to the cluster there: it tests how they handle refused connections (retries, the peer Region's endpoint), not what the cluster does when cut off from its peer, whose replication it does not touch.`;
    // The linked stores this action reaches (a table the catalog calls eventual may be deployed strong: the same pause acts on it).
    const linked = (dataType.deployed ?? [])
      .flatMap(({ name }) => directory(name).slice(0, 1))
      .filter((deployed) => typeof deployed.store === 'string' && storeExperimentFacts[deployed.store].replicationAction === actionKey);
    const inR = linked.filter((deployed) => {
      const { regions, complete } = knownRegions(deployed);
      if (regions.includes(isolate)) return true;
      hypothesis.notes.push(
        complete
          ? `${deployed.logicalId} (${deployed.file}) has no copy in ${isolate}: the catalog says it lives there, the infrastructure does not, so nothing of it is paused.`
          : `${deployed.logicalId} (${deployed.file}) has Regions the infrastructure does not fix: whether it has a copy in ${isolate} is unknown, so it is not paused.`,
      );
      return false;
    });
    if (actionKey === 'pauseBucket') {
      planBucketPauses(dataType, inR, linked.length > 0);
      return hypothesis;
    }
    const action = fisActions[actionKey];
    const noun = action.target.key === 'Tables' ? 'Table' : 'Cluster';
    const placement = placementIn(isolate);
    const chosen: Array<{ key: string; resource?: TargetResource }> =
      inR.length > 0
        ? inR.map((deployed) => {
            const resource = targetResource(dataType.name, deployed, isolate, placement);
            return { key: resource.arn ?? `${resource.location.file}#${resource.location.logicalId}@${isolate}`, resource };
          })
        : linked.length === 0
          ? [{ key: `tag:${action.target.resourceType}:${dataType.name}` }]
          : [];
    for (const { key, resource } of chosen) {
      const target = book.target(key, (name) =>
        resource
          ? { name: name(targetName(resource.location.logicalId, noun)), resourceType: action.target.resourceType, resources: [resource] }
          : { name: name(`${pascal(dataType.name)}${noun}s`), resourceType: action.target.resourceType, tags: { [DATA_TYPE_TAG]: dataType.name } },
      );
      const fault = book.fault(key, dataType.name, (): ExperimentAction =>
        actionKey === 'pauseTable' || actionKey === 'pauseMemoryDb'
          ? {
              name: `Pause${target.name}`,
              actionId: action.actionId,
              description: '',
              parameters: { duration },
              target: { key: action.target.key, name: target.name },
              dataTypes: [],
            }
          : {
              name: `FailConnections${target.name}`,
              actionId: action.actionId,
              description: '',
              parameters: { duration, percentage: '100' },
              target: { key: action.target.key, name: target.name },
              dataTypes: [],
            },
      );
      hypothesis.actions.push(fault.name);
      hypothesis.targeting = resource ? 'linked' : 'tagged';
      if (!resource)
        hypothesis.notes.push(
          `${dataType.name} links no ${noun.toLowerCase()}: tag its ${noun.toLowerCase()} in ${isolate} with ${DATA_TYPE_TAG}=${dataType.name} (the target is chosen by that tag).`,
        );
      else if (resource.unnamedPeer)
        hypothesis.notes.push(
          `The linked infrastructure does not name ${dataType.name}'s cluster in ${isolate}: parameter ${resource.arnParameter} asks for its ARN (a peer cluster has an ARN of its own).`,
        );
    }
    if (
      actionKey === 'pauseTable' &&
      chosen.length > 0 &&
      (store === 'dynamodb-global-strong' || inR.some((deployed) => deployed.store === 'dynamodb-global-strong'))
    ) {
      strongTables = true;
      hypothesis.notes.push('FIS impairs a strongly consistent table for at most 5,040 minutes in any 7 days.');
    }
    return hypothesis;

    function planBucketPauses(dt: DataTypeReport, buckets: DeployedStore[], anyLinked: boolean): void {
      // The S3 pause takes tags only and one destination Region: one action per bucket and destination.
      const sources = buckets.filter((bucket) => bucket.homeRegion === undefined || bucket.homeRegion === isolate);
      for (const bucket of buckets.filter((b) => !sources.includes(b))) {
        mirrorPause(bucket.homeRegion!, dt.name, bucket);
        hypothesis.notes.push(
          `${bucket.logicalId} replicates from ${bucket.homeRegion} into ${isolate}: its pause runs in ${bucket.homeRegion} (a mirror experiment).`,
        );
      }
      const pauses: Array<{ bucket?: DeployedStore; destinations: string[] }> =
        sources.length > 0
          ? sources.map((bucket) => ({ bucket, destinations: knownRegions(bucket).regions.filter((r) => r !== isolate) }))
          : anyLinked
            ? []
            : [{ destinations: dt.need.regions.filter((r) => r !== isolate && !witnesses.includes(r)) }];
      for (const { bucket, destinations } of pauses) {
        const key = bucketKey(dt.name, bucket);
        const target = book.target(key, (name) => bucketTarget(dt.name, bucket, name));
        for (const destination of destinations) {
          const fault = book.fault(`${key}>${destination}`, dt.name, () => bucketPause(target, destination, duration));
          hypothesis.actions.push(fault.name);
        }
        hypothesis.targeting = bucket ? 'linked' : 'tagged';
        const tag = target.tags![DATA_TYPE_TAG];
        hypothesis.notes.push(
          bucket
            ? `The S3 pause chooses buckets by tag only: tag ${bucket.logicalId} (${bucket.file}) with ${DATA_TYPE_TAG}=${tag}.`
            : `${dt.name} links no bucket: tag its bucket in ${isolate} with ${DATA_TYPE_TAG}=${tag} (the S3 pause chooses buckets by tag only).`,
        );
      }
      // Without linked buckets, the catalog's other Regions may replicate into R too: that is paused only in those Regions.
      if (!anyLinked) for (const peer of dt.need.regions.filter((r) => r !== isolate && !witnesses.includes(r))) mirrorPause(peer, dt.name);
    }

    function mirrorPause(peer: string, name: string, bucket?: DeployedStore): void {
      const mirror = mirrorBook(peer);
      const key = bucketKey(name, bucket);
      const target = mirror.target(key, (unique) => bucketTarget(name, bucket, unique));
      mirror.fault(`${key}>${isolate}`, name, () => bucketPause(target, isolate, duration));
    }
  });

  for (const fault of [...book.faults, ...[...mirrorBooks.values()].flatMap((mirror) => mirror.faults)]) fault.description = faultDescription(fault, isolate);
  const faults = [...cuts, ...book.faults];
  // The checks wait for the slowest fault to bite, and run a lag before the faults end.
  const lag = faults.some((fault) => fault.actionId === fisActions.pauseTable.actionId) ? faultLag.pauseTable : faultLag.immediate;
  const minimumMs = 2 * lag.value;
  const wait = isoDuration(Math.max(durationMs - lag.value, MIN_DURATION_MS));
  const durationRefused =
    nothingToActOn || durationMs >= minimumMs
      ? undefined
      : `${duration} is too short to test anything: at least ${isoDuration(minimumMs)}, because ${lag.text}, and the checks must run after that and ${isoDuration(lag.value)} before the faults end`;

  const runs: ExperimentRun[] = [];
  const alarmsIn = (list: string[] | undefined, region: string) => (list ?? []).filter((arn) => regionOfArn(arn) === region);
  const addRun = (region: string, role: ExperimentTemplate['role'], runFaults: ExperimentAction[], runTargets: ExperimentTarget[]) => {
    const assertAlarms = alarmsIn(options.assertAlarms, region);
    const parts = splitIntoTemplates(region, role, runFaults, runTargets, {
      wait,
      duration,
      hypotheses,
      assertAlarms,
      ...(role === 'mirror' ? { isolate } : {}),
    });
    const logGroup = alarmsIn(options.logGroups, region)[0];
    const run: ExperimentRun = {
      region,
      role,
      templates: parts,
      stopAlarms: alarmsIn(options.stopAlarms, region).slice(0, fisQuotas.stopConditions.value),
      assertAlarms,
      ...(logGroup ? { logGroup } : {}),
      ...(options.logBucket ? { logBucket: bucketDestination(options.logBucket) } : {}),
      ...(options.reportBucket ? { reportBucket: bucketDestination(options.reportBucket) } : {}),
      policy: { Version: '2012-10-17', Statement: [] },
      terraform: placementIn(region),
    };
    run.policy = rolePolicy(run, strongTables && role === 'isolation');
    runs.push(run);
  };
  if (!nothingToActOn) {
    addRun(isolate, 'isolation', faults, [subnets, ...book.targets]);
    if (options.bothWays) {
      for (const region of mirrorRegions) {
        const mirror = mirrorBooks.get(region);
        addRun(region, 'mirror', [cutAction(region, isolate), ...(mirror?.faults ?? [])], [subnets, ...(mirror?.targets ?? [])]);
      }
    }
  }
  const mirrors =
    options.bothWays || nothingToActOn
      ? []
      : mirrorRegions.map((region) => {
          const pausedThere = mirrorBooks.get(region)?.faults.flatMap((fault) => fault.dataTypes) ?? [];
          return {
            region,
            why: `the cut from ${isolate} blocks its egress only: ${region}'s traffic towards ${isolate}${pausedThere.length > 0 ? ` and its S3 replication into ${isolate} (${[...new Set(pausedThere)].join(', ')})` : ''} needs an experiment in ${region}`,
          };
        });
  for (const hypothesis of hypotheses)
    hypothesis.expect = hypothesis.expect.map((line) => observable(line, hypothesis, isolate, options.bothWays === true ? mirrorRegions : []));
  // Every template, the isolated Region's first: what the runs hold, in their order.
  const templates = runs.flatMap((run) => run.templates);
  const isolationParts = templates.filter((template) => template.role === 'isolation').length;
  if (isolationParts > 1)
    notes.push(
      `The quotas (${fisQuotas.parallelActions.text}, ${fisQuotas.actionsPerTemplate.text}) split the isolation into ${isolationParts} templates: start them together; at most ${fisQuotas.activeExperiments.value} experiments run at once per account and Region.`,
    );
  if (isolationParts > fisQuotas.activeExperiments.value)
    notes.push(
      `${isolationParts} parts cannot all run at once: part 1 holds the network cuts, so run it with up to ${fisQuotas.activeExperiments.value - 1} others at a time, or ask AWS for a higher quota of running experiments.`,
    );
  if (witnesses.length > 0 && !nothingToActOn)
    notes.push(`No mirror runs in ${witnesses.join(', ')}: a witness runs no application, and FIS cannot cut a store's witness off.`);
  const used = new Set(runs.map((run) => run.region));
  const unusedAlarms = [...(options.stopAlarms ?? []), ...(options.assertAlarms ?? []), ...(options.logGroups ?? [])].filter(
    (arn) => !used.has(regionOfArn(arn) ?? ''),
  );
  return {
    isolate,
    duration,
    wait,
    lag: { ms: lag.value, why: lag.text },
    minimumDuration: isoDuration(minimumMs),
    ...(durationRefused ? { durationRefused } : {}),
    cutFrom: nothingToActOn ? [] : cutFrom,
    templates,
    runs,
    mirrors,
    hypotheses,
    notes,
    blastRadius: CUT_BLAST_RADIUS.text,
    ...(nothingToActOn ? { nothingToActOn } : {}),
    ...(options.roleArn ? { roleArn: options.roleArn } : {}),
    unusedAlarms,
  };
}

/**
 * Which root module a Terraform template for `region` drops into, and the provider it names: the
 * root whose default provider is in that Region (one root per Region needs no alias), else the
 * root that deploys the linked stores, naming its alias for the Region or one to declare.
 */
function terraformPlacement(region: string, roots: readonly TerraformRoot[], stores: readonly DeployedStore[]): TerraformPlacement {
  const alias = `aws.${region.replace(/-/g, '_')}`;
  const home = roots.find((root) => root.providers.aws === region);
  if (home) return { root: home, declare: false };
  const linked = new Set(stores.map((store) => store.entryIndex));
  const root = roots.find((candidate) => linked.has(candidate.entryIndex)) ?? roots[0];
  if (!root) return { provider: alias, declare: true };
  const declared = Object.entries(root.providers).find(([key, value]) => key !== 'aws' && value === region);
  return declared ? { root, provider: declared[0], declare: false } : { root, provider: alias, declare: true };
}

interface TemplateContext {
  wait: string;
  duration: string;
  hypotheses: Hypothesis[];
  /** This Region's alarms that must be OK while the faults run. */
  assertAlarms: string[];
  /** For a mirror: the Region it cuts traffic towards. */
  isolate?: string;
}

/** Faults run in parallel, with a wait beside them and the assertion after it; the quotas split them into parts. */
function splitIntoTemplates(
  region: string,
  role: ExperimentTemplate['role'],
  faults: ExperimentAction[],
  targets: ExperimentTarget[],
  context: TemplateContext,
): ExperimentTemplate[] {
  const chunks: ExperimentAction[][] = [];
  for (let i = 0; i < faults.length; i += FAULTS_PER_TEMPLATE) chunks.push(faults.slice(i, i + FAULTS_PER_TEMPLATE));
  // Each part picks its targets and hypotheses by name, in their own order: a lookup per part, not a pass over all of them (thousands of parts on a large catalog).
  const targetsNamed = positionsByName(targets, (target) => target.name);
  const hypothesesOf = positionsByName(context.hypotheses, (hypothesis) => hypothesis.dataType);
  return chunks.map((chunk, index): ExperimentTemplate => {
    const used = new Set(chunk.flatMap((action) => (action.target ? [action.target.name] : [])));
    const actions: ExperimentAction[] = [
      ...chunk,
      {
        name: 'WaitDuringFaults',
        actionId: fisActions.wait.actionId,
        description: 'Wait while the faults bite; the checks start after it, before the faults end',
        parameters: { duration: context.wait },
        dataTypes: [],
      },
      ...(context.assertAlarms.length > 0
        ? [
            {
              name: 'AssertAlarmsOk',
              actionId: fisActions.assertAlarms.actionId,
              description: `Check ${region}'s alarms you named while the faults still run`,
              parameters: { alarmArns: context.assertAlarms.join(','), alarmStates: 'OK' },
              startAfter: ['WaitDuringFaults'],
              dataTypes: [],
            },
          ]
        : []),
    ];
    const acted = [...new Set(chunk.flatMap((action) => action.dataTypes))];
    const expected = inOrder(acted.flatMap((name) => hypothesesOf.get(name) ?? []));
    const part = chunks.length > 1 ? ` (part ${index + 1} of ${chunks.length})` : '';
    const cutTo = chunk.filter((a) => a.actionId === fisActions.cutRegion.actionId).map((a) => a.parameters.region);
    const what =
      role === 'mirror'
        ? `cut ${region}'s traffic towards ${context.isolate} (mirror)`
        : cutTo.length > 0
          ? `isolate ${region} from ${cutTo.join(', ')}`
          : `pause replication in ${region}, with part 1's cuts`;
    const summary = expected.map((hypothesis) => `${hypothesis.dataType} ${hypothesis.verdict}`).join('; ');
    return {
      region,
      role,
      part: index + 1,
      parts: chunks.length,
      description: clip(
        `CAP Advisor, runs in ${region}: ${what} for ${context.duration}${part}.${summary ? ` Expect: ${summary}.` : ''} Test plan: cap-advisor experiment --isolate ${context.isolate ?? region} --format markdown.`,
        512,
      ),
      targets: inOrder([...used].flatMap((name) => targetsNamed.get(name) ?? [])),
      actions,
      tags: {
        'cap-advisor:isolate': role === 'isolation' ? region : context.isolate!,
        'cap-advisor:runs-in': region,
        ...Object.fromEntries(
          expected
            .slice(0, 40)
            .map((hypothesis) => [
              clip(`cap-advisor:expect:${hypothesis.dataType}`, 128),
              clip(`${hypothesis.verdict}: writers ${hypothesis.writers.join(' ') || 'none'}`, 256),
            ]),
        ),
      },
    };
  });
}

/** The permissions the experiment role needs for one Region's templates, complete: every action's, the logging's and the report's. */
function rolePolicy(run: ExperimentRun, strongTables: boolean): IamPolicy {
  const statements: IamPolicy['Statement'] = [];
  const actionIds = new Set(run.templates.flatMap((template) => template.actions.map((action) => action.actionId)));
  const inRegion = { StringEquals: { 'aws:RequestedRegion': run.region } };
  if (actionIds.has(fisActions.cutRegion.actionId))
    statements.push({ Sid: 'CutCrossRegionTraffic', Effect: 'Allow', Action: [...fisActions.cutRegion.permissions], Resource: '*', Condition: inRegion });
  if (actionIds.has(fisActions.pauseTable.actionId)) {
    statements.push({
      Sid: 'PauseTableReplication',
      Effect: 'Allow',
      Action: [...fisActions.pauseTable.permissions.filter((p) => !p.startsWith('tag:')), ...(strongTables ? STRONG_TABLE_PAUSE_PERMISSIONS.value : [])],
      Resource: '*',
      Condition: inRegion,
    });
  }
  if (actionIds.has(fisActions.pauseBucket.actionId)) {
    const destinations = [
      ...new Set(
        run.templates.flatMap((template) => template.actions.filter((a) => a.actionId === fisActions.pauseBucket.actionId).map((a) => a.parameters.region)),
      ),
    ];
    statements.push(
      {
        Sid: 'PauseBucketReplicationConfiguration',
        Effect: 'Allow',
        Action: ['s3:PutReplicationConfiguration', 's3:GetReplicationConfiguration'],
        Resource: '*',
        Condition: { Bool: { 's3:IsReplicationPauseRequest': 'true' } },
      },
      {
        Sid: 'PauseBucketReplication',
        Effect: 'Allow',
        Action: ['s3:PauseReplication'],
        Resource: '*',
        Condition: { StringEquals: { 's3:DestinationRegion': destinations } },
      },
      { Sid: 'ListBuckets', Effect: 'Allow', Action: ['s3:ListAllMyBuckets'], Resource: '*' },
    );
  }
  // Actions whose own permissions, scoped to the Region, are all they need (tags are resolved once, below).
  for (const [Sid, action] of [
    ['PauseMemoryDbReplication', fisActions.pauseMemoryDb],
    ['FailDsqlConnections', fisActions.failDsqlConnections],
  ] as const)
    if (actionIds.has(action.actionId))
      statements.push({ Sid, Effect: 'Allow', Action: action.permissions.filter((p) => !p.startsWith('tag:')), Resource: '*', Condition: inRegion });
  const tagged = [fisActions.pauseTable, fisActions.pauseBucket, fisActions.pauseMemoryDb, fisActions.failDsqlConnections].some((fact) =>
    actionIds.has(fact.actionId),
  );
  if (tagged) statements.push({ Sid: 'ResolveTargetsByTag', Effect: 'Allow', Action: ['tag:GetResources'], Resource: '*' });
  if (actionIds.has(fisActions.assertAlarms.actionId))
    statements.push({ Sid: 'AssertAlarms', Effect: 'Allow', Action: [...fisActions.assertAlarms.permissions], Resource: '*' });
  if (run.logGroup) statements.push({ Sid: 'LogToCloudWatchLogs', Effect: 'Allow', Action: [...fisOutputs.logGroup.value], Resource: '*' });
  if (run.logBucket) statements.push({ Sid: 'LogToS3', Effect: 'Allow', Action: [...fisOutputs.logBucket.value], Resource: '*' });
  if (run.reportBucket) statements.push({ Sid: 'WriteExperimentReport', Effect: 'Allow', Action: [...fisOutputs.reportBucket.value], Resource: '*' });
  return { Version: '2012-10-17', Statement: statements };
}

/** A fault's description from the data types it acts for. */
function faultDescription(fault: ExperimentAction, isolate: string): string {
  const whose = fault.dataTypes.join(', ');
  if (fault.actionId === fisActions.pauseBucket.actionId) return clip(`Pause replication of ${whose} to ${fault.parameters.region}`, 512);
  if (fault.actionId === fisActions.failDsqlConnections.actionId) return clip(`Fail every connection to the ${whose} cluster in ${isolate}`, 512);
  return clip(`Pause replication of ${whose} in ${isolate}`, 512);
}

/**
 * An expectation with what a one-way cut needs to show it: the cut blocks only traffic that leaves
 * R's tagged subnets, so what another Region's writers see needs the mirror experiment there, and
 * what R's own writers see needs their subnets tagged.
 */
function observable(line: string, hypothesis: Hypothesis, isolate: string, mirrorsWritten: readonly string[]): string {
  const region = /^Writers in ([a-z0-9-]+)/.exec(line)?.[1];
  if (!region || hypothesis.targeting === 'untouched') return line;
  if (region === isolate)
    return hypothesis.targeting === 'network only'
      ? `${line} Observable only if ${isolate}'s application runs in subnets tagged ${SUBNET_TAG.key}=${SUBNET_TAG.value}.`
      : line;
  return mirrorsWritten.includes(region)
    ? `${line} Observable with the mirror experiment in ${region} running.`
    : `${line} Not observable with this one-way cut: it needs the mirror experiment in ${region} (--both-ways).`;
}

/** After the faults end: a canary written where the data type is written, read back in every Region, and the store's metric back to normal. */
function convergence(dataType: DataTypeReport, store: StoreId, primary: string | undefined): string[] {
  const regions = dataType.need.regions;
  // One writer outside hot-hot: the catalog's primary where the data type lives there.
  const writers = dataType.need.topology === 'hot-hot' ? regions : [primary && regions.includes(primary) ? primary : regions[0]];
  const within = dataType.need.stalenessBudget ? `within its staleness budget (${dataType.need.stalenessBudget})` : "within the store's replication window";
  const metric: Partial<Record<StoreId, string>> = {
    'dynamodb-global': '`ReplicationLatency` is back to its level before the experiment',
    'dynamodb-global-strong': '`FaultInjectionServiceInducedErrors` is back to 0',
    s3: '`OperationsPendingReplication` is back to 0',
    'aurora-global': '`AuroraGlobalDBReplicationLag` is back under the staleness budget',
    'documentdb-global': '`GlobalClusterReplicationLag` is back under the staleness budget',
    'rds-cross-region-replica': '`ReplicaLag` is back under the staleness budget',
    'keyspaces-multi-region': '`ReplicationLatency` is back to its level before the experiment',
  };
  return [
    `Write a canary ${store === 's3' ? 'object' : 'item'} (\`cap-advisor-canary-<time>\`) in ${writers.join(' and ')}, and read it back in ${regions.join(', ')} ${within}.`,
    ...(metric[store] ? [`Then ${metric[store]}.`] : []),
  ];
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
  return (
    [writing.length > 0 ? `writes failing in ${either(writing)}` : '', stopped.length > 0 ? `writes succeeding in ${either(stopped)}` : '']
      .filter(Boolean)
      .join(', or ')
      .replace(/^./, (first) => first.toUpperCase()) + '.'
  );
}

/**
 * The ARN of the resource an action acts on in `region`, as each format names it. A table's replica
 * in another Region is the same table name there, so its ARN is the home one with the Region
 * swapped; a DSQL cluster in another Region is a cluster of its own, named by its own ARN or
 * resource, or asked for, never derived from another's.
 */
function targetResource(dataType: string, deployed: DeployedStore, region: string, placement: TerraformPlacement): TargetResource {
  const own: RegionalResource | undefined = deployed.regionalResources?.find((resource) => resource.region === region);
  const distinct = deployed.regionalResources !== undefined;
  if (distinct && own?.arn)
    return {
      dataType,
      location: deployed,
      region,
      arnParameter: `${pascal(deployed.logicalId)}${pascal(region)}Arn`,
      arn: own.arn,
      describes: `the ${region} cluster peered with ${deployed.logicalId} (${deployed.file})`,
    };
  const location = distinct ? (own?.location ?? deployed) : deployed;
  const id = location.logicalId;
  const terraform = isTerraformAddress(id);
  const inRoot = terraform && !id.startsWith('module.') && placement.root?.entryIndex === location.entryIndex;
  const arnParameter = terraform
    ? `${pascal(id.replace(/\[.*$/, '').split('.').slice(-1)[0])}${pascal(id.split('.').slice(-2)[0].replace(/^aws_/, ''))}Arn`
    : `${pascal(id)}Arn`;
  if (distinct) {
    // The peer in this Region is not in the linked infrastructure: ask for it by name.
    if (!own)
      return {
        dataType,
        location: deployed,
        region,
        arnParameter: `${pascal(id)}PeerIn${pascal(region)}Arn`,
        unnamedPeer: true,
        describes: `ARN of the Aurora DSQL cluster in ${region} peered with ${id} (${deployed.file}), a cluster of its own that the linked infrastructure does not name`,
      };
    return {
      dataType,
      location,
      region,
      arnParameter,
      ...(inRoot ? { terraformArn: `${id}.arn` } : {}),
      describes: `ARN of ${id} (${location.file}), the Aurora DSQL cluster in ${region}, for ${dataType}`,
    };
  }
  const sameRegion = deployed.homeRegion === region;
  const terraformArn = !inRoot
    ? undefined
    : sameRegion
      ? `${id}.arn`
      : deployed.homeRegion
        ? `replace(${id}.arn, ":${deployed.homeRegion}:", ":${region}:")`
        : undefined;
  return {
    dataType,
    location,
    region,
    arnParameter,
    ...(terraformArn ? { terraformArn } : {}),
    describes: `ARN of ${id} (${location.file})${sameRegion ? '' : `, its replica in ${region} (the same table name)`}, for ${dataType}`,
  };
}

function isTerraformAddress(id: string): boolean {
  return /^(module\.[A-Za-z0-9_-]+(\[[^\]]+\])?\.)*[a-z0-9_]+\.[A-Za-z0-9_-]+(\[[^\]]+\])?$/.test(id) && /(^|\.)aws_/.test(id);
}

/** What makes two data types' bucket targets one: the linked bucket, else the data type's tag. */
function bucketKey(dataType: string, bucket: DeployedStore | undefined): string {
  return bucket ? `bucket:${bucket.file}#${bucket.logicalId}` : `bucket-tag:${dataType}`;
}

/** The S3 pause's target for a data type's bucket (the linked one, else the one its tag will choose): by tag, the only way the action selects buckets. */
function bucketTarget(dataType: string, bucket: DeployedStore | undefined, unique: (wanted: string) => string): ExperimentTarget {
  const name = bucket ? targetName(bucket.logicalId, 'Bucket') : `${pascal(dataType)}Bucket`;
  return { name: unique(name), resourceType: fisActions.pauseBucket.target.resourceType, tags: { [DATA_TYPE_TAG]: dataType } };
}

/** One S3 replication pause: the target's replication towards `to`, run where the buckets are. */
function bucketPause(target: ExperimentTarget, to: string, duration: string): ExperimentAction {
  return {
    name: `Pause${target.name}To${pascal(to)}`,
    actionId: fisActions.pauseBucket.actionId,
    description: '',
    parameters: { region: to, duration },
    target: { key: fisActions.pauseBucket.target.key, name: target.name },
    dataTypes: [],
  };
}

/** A target's name from a logical id or a Terraform address: `aws_dynamodb_table.carts` → `CartsTable`, `CatalogBucket` → `CatalogBucket`. */
function targetName(name: string, noun: 'Table' | 'Cluster' | 'Bucket'): string {
  const base = pascal(name.split('.').pop()!.replace(/\[.*$/, ''));
  return base.endsWith(noun) ? base : `${base}${noun}`;
}

/** `us-east-1` → `UsEast1`, `order-ledger` → `OrderLedger`, `aws_dynamodb_table` → `AwsDynamodbTable`. */
export function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('');
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
