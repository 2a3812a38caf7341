// What the deployed system is, as read from its infrastructure as code: the data stores with the
// facts a catalog declares (store, Regions, witness, replication time control, write
// forwarding), the DNS failover routes, and what could not be read. Plain data: the shells read
// the files, the readers here turn their text into this, and the rules compare it with the catalog.
import type { SourceRange, StoreId } from './vocabulary';

/** A value the infrastructure does not fix; the reason is shown to the user. Never guessed. */
export interface Unknown {
  unknown: string;
  /** How the value is built, where it is built from values known only after apply: equal symbols are equal values. */
  symbol?: string;
}

/** The Region an ARN names (`arn:aws:dsql:us-east-2:…` → `us-east-2`); undefined for anything that is not an ARN with one. */
export function regionOfArn(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith('arn:') ? value.split(':')[3] || undefined : undefined;
}

export function isUnknown(value: unknown): value is Unknown {
  return value !== null && typeof value === 'object' && 'unknown' in value;
}

/** Where a resource is written: the file as the catalog reaches it (relative to the catalog) and the logical id's range there. */
export interface ResourceLocation {
  /** Path relative to the catalog's folder, with forward slashes. */
  file: string;
  range: SourceRange;
  /** The stack that deploys it (CDK stack name, or the template's file name). */
  stack: string;
  /** CloudFormation logical id (or, later, a Terraform address). */
  logicalId: string;
  type: string;
  /** Index of the catalog's `infrastructure` entry that brought the file in. */
  entryIndex: number;
}

export interface DeployedStore extends ResourceLocation {
  store: StoreId | Unknown;
  /** The Regions that hold the data, as far as the infrastructure fixes them. */
  regions: Array<string | Unknown>;
  witness?: string | Unknown;
  /** S3 with replication: whether every enabled rule has Replication Time Control. */
  replicationTimeControl?: boolean;
  /** Aurora global: whether a member cluster forwards writes to the writer. */
  writeForwarding?: boolean;
  /** A Terraform replica (`aws_dynamodb_table_replica`) of a table another configuration deploys: it adds a Region to a table elsewhere. */
  replicaOfUnlinkedTable?: boolean;
  /** Resources that are parts of this store (the member clusters of a global database); a catalog may name them too. */
  members: ResourceLocation[];
  /** The Region of the stack (or provider) that deploys it, when known: a draft makes it the primary. */
  homeRegion?: string;
  /** The name the resource gives the data in AWS (`TableName: seat-inventory`, `bucket = "payments"`), when the infrastructure fixes it: what a person calls the data. */
  physicalName?: string;
  /** The CDK construct path (`aws:cdk:path` metadata, `Orders/Table/Resource`): a draft names the data type after it. */
  constructPath?: string;
  /**
   * For a store whose Regions are distinct resources with ARNs of their own (the peer clusters of
   * an Aurora DSQL cluster): each Region's cluster, by its ARN where the infrastructure writes it,
   * else by where it is declared. An experiment targets each by its own ARN, never by another's.
   */
  regionalResources?: RegionalResource[];
}

/** One Region's own resource of a multi-Region store: its literal ARN, or where it is declared. */
export interface RegionalResource {
  region: string;
  arn?: string;
  location?: ResourceLocation;
}

/** A data resource the infrastructure deploys that no store of the model describes (MSK, OpenSearch, EFS). */
export interface UnmodelledResource extends ResourceLocation {
  /** The service, as its documentation names it: "Amazon MSK". */
  service: string;
}

/**
 * An S3 Multi-Region Access Point: one endpoint that routes each request to a bucket in one of its
 * Regions. Routing (active-active, or a Region set passive) is set by an API, never by the
 * infrastructure, so a careful reading takes it as active-active: a write may land in any bucket.
 */
export interface MultiRegionAccessPoint extends ResourceLocation {
  /** The buckets it routes to, or unknown ones (a bucket name from a parameter, one the infrastructure does not deploy). */
  buckets: Array<AccessPointBucket | Unknown>;
}

/** A bucket behind a Multi-Region Access Point, and the buckets its replication rules copy into. */
export interface AccessPointBucket {
  bucket: ResourceLocation;
  region: string | Unknown;
  /** The buckets its enabled replication rules copy into; an unknown one when a rule's destination cannot be read. */
  replicatesTo: Array<ResourceLocation | Unknown>;
}

/** One key per resource, for comparing locations read apart: its stack, file and logical id. */
export function locationKey(location: ResourceLocation): string {
  return `${location.stack} ${location.file}#${location.logicalId}`;
}

export type FailoverMode = 'automatic' | 'manual';

/** A Route 53 failover record or an ARC Region switch plan, and who moves traffic. */
export interface FailoverRoute extends ResourceLocation {
  mode: FailoverMode;
  /** How the infrastructure decides, in a few words for messages: "a HTTPS health check". */
  how: string;
  /**
   * The resources (logical ids, Terraform addresses) the record and its health check point at: a
   * route fails over the store it fronts, not every store of its stack (an API's health check says
   * nothing about an images bucket). Absent when the reader cannot tell.
   */
  fronts?: string[];
}

/** An `infrastructure` entry (or a file under it) that could not be read: one finding on that entry. */
export interface InfrastructureProblem {
  entryIndex: number;
  /**
   * Set when the problem is only that these Terraform module calls were not read: other names can
   * still be judged, and it is information, not an error (remote modules are normal; their stores
   * are simply not checked).
   */
  unreadModules?: string[];
  /**
   * Set when the problem is only that nested stacks of these stacks were not read (a `TemplateURL`
   * on S3, or one that does not resolve): a plain logical id may live in them, so it is not judged.
   */
  unreadNestedStacks?: string[];
  /** One sentence, at most 120 characters. */
  message: string;
  detail: string;
}

export interface DeployedSystem {
  stores: DeployedStore[];
  failovers: FailoverRoute[];
  problems: InfrastructureProblem[];
  /** Data resources no store of the model describes (MSK, OpenSearch, EFS): listed, never judged, never silently dropped. */
  unmodelled?: UnmodelledResource[];
  /** S3 Multi-Region Access Points, with the buckets they route to. */
  accessPoints?: MultiRegionAccessPoint[];
  /** Paths of every file read, relative to the catalog (the editor watches them). */
  files: string[];
  /** Set when Terraform was found before the shell loaded its parser: the shell reads again once it has. */
  pendingParser?: boolean;
  /** The Terraform root modules read from `.tf` files, with their AWS providers: a file written for one names its provider. */
  terraformRoots?: TerraformRoot[];
}

export interface TerraformRoot {
  entryIndex: number;
  /** The root module's folder, relative to the catalog, with forward slashes (`.` for the catalog's own). */
  folder: string;
  /** Provider key (`aws`, `aws.west`) → its Region, as the root configures it. */
  providers: Record<string, string | Unknown>;
}

/** A template the shell has read, with what it knows of where it is deployed. */
export interface TemplateFile {
  entryIndex: number;
  file: string;
  text: string;
  /** The stack's Region, from a CDK environment, samconfig.toml or the catalog entry. */
  region?: string;
  stack: string;
  /** A stack of a CDK cloud assembly: one without resources (a placeholder, an integ-tests assertion stack) is skipped, as `cdk deploy` skips it. */
  fromCloudAssembly?: boolean;
}

/**
 * The names a catalog's `resources` entry may use for a resource: its logical id, `Stack/LogicalId`,
 * and `path#LogicalId` (the template's path as the catalog reaches it), which tells apart two
 * templates whose stacks share a name.
 */
export function namesOf(location: ResourceLocation): string[] {
  return [location.logicalId, `${location.stack}/${location.logicalId}`, `${location.file}#${location.logicalId}`];
}

/** The properties that name a store in AWS, per dialect (CloudFormation, Terraform), the first one set wins. */
export const PHYSICAL_NAME_PROPERTIES = {
  cloudFormation: [
    'TableName',
    'BucketName',
    'DBClusterIdentifier',
    'GlobalClusterIdentifier',
    'ClusterName',
    'KeyspaceName',
    'ReplicationGroupId',
    'GlobalReplicationGroupIdSuffix',
    'MultiRegionClusterNameSuffix',
    'DBInstanceIdentifier',
  ],
  terraform: [
    'name',
    'bucket',
    'cluster_identifier',
    'global_cluster_identifier',
    'identifier',
    'cluster_name',
    'keyspace_name',
    'replication_group_id',
    'global_replication_group_id_suffix',
    'multi_region_cluster_name_suffix',
  ],
} as const;

/** The first of `properties` that is a literal name (not an ARN, not empty). */
export function physicalNameIn(values: Record<string, unknown>, properties: readonly string[]): string | undefined {
  for (const property of properties) {
    const value = values[property];
    if (typeof value === 'string' && value !== '' && !value.startsWith('arn:')) return value;
  }
  return undefined;
}

/** Where a resource is written, without the facts of the store it may be: what a member list holds. */
export function locationOf({ file, range, stack, logicalId, type, entryIndex }: ResourceLocation): ResourceLocation {
  return { file, range, stack, logicalId, type, entryIndex };
}

/**
 * Folds `part` into `whole`, which keeps the facts of both: their Regions, a witness either gives,
 * write forwarding if either forwards, Replication Time Control only if both have it. `asMember`
 * lists `part` among the members (a peer, a source cluster), so that a catalog may name it; a copy
 * of the same resource in another Region needs no name of its own.
 */
export function absorbStore(whole: DeployedStore, part: DeployedStore, { asMember }: { asMember: boolean }): void {
  whole.regions = dedupeRegions([...whole.regions, ...part.regions]);
  whole.members.push(...(asMember ? [locationOf(part)] : []), ...part.members);
  if (whole.witness === undefined && part.witness !== undefined) whole.witness = part.witness;
  if (part.replicationTimeControl !== undefined) whole.replicationTimeControl = (whole.replicationTimeControl ?? true) && part.replicationTimeControl;
  if (part.writeForwarding) whole.writeForwarding = true;
  if (part.regionalResources) whole.regionalResources = [...(whole.regionalResources ?? []), ...part.regionalResources];
}

/** What the infrastructure does not fix about a store, each with its reason: what no rule judges. */
export function unknownFactsOf(store: DeployedStore): string[] {
  return [
    ...(isUnknown(store.store) ? [`the store: ${store.store.unknown}`] : []),
    ...store.regions.filter(isUnknown).map((region) => `a Region: ${region.unknown}`),
    ...(isUnknown(store.witness) ? [`the witness: ${store.witness.unknown}`] : []),
  ];
}

/** The Regions of a store the infrastructure fixes, and whether some are unknown. */
export function knownRegions(store: DeployedStore): { regions: string[]; complete: boolean } {
  const regions = store.regions.filter((r): r is string => typeof r === 'string');
  return { regions: [...new Set(regions)], complete: regions.length === store.regions.length };
}

export const STACK_REGION_UNKNOWN: Unknown = { unknown: "the stack's Region (give it in the catalog's infrastructure entry: { path, region })" };

/** "an HTTPS", "a TCP": health check types are read letter by letter. */
export function healthCheckArticle(checkType: string): string {
  return `${/^[AEFHILMNORSX]/.test(checkType) ? 'an' : 'a'} ${checkType}`;
}

/**
 * Who moves DNS behind a Route 53 health check: an ARC routing control (`RECOVERY_CONTROL`) changes
 * only when a person or a runbook flips it, so it is a manual failover; a `CALCULATED` check is what
 * its children are (all routing controls: manual; any health-driven child: automatic; a child the
 * infrastructure does not define: unknown); every other type follows the endpoint's health.
 */
export function healthCheckControl(type: unknown, children: ReadonlyArray<{ type: unknown } | undefined>): 'manual' | 'automatic' | 'unknown' {
  if (type === 'RECOVERY_CONTROL') return 'manual';
  if (type !== 'CALCULATED') return 'automatic';
  if (children.length === 0 || children.some((child) => child === undefined)) return 'unknown';
  const kinds = children.map((child) => healthCheckControl(child!.type, []));
  if (kinds.includes('automatic')) return 'automatic';
  return kinds.every((kind) => kind === 'manual') ? 'manual' : 'unknown';
}

/** How a failover route's health check reads in a finding. */
export function healthCheckHow(type: unknown, control: 'manual' | 'automatic', recordName: string): string {
  if (type === 'CALCULATED')
    return control === 'manual'
      ? `ARC routing controls (through a calculated health check) on ${recordName}`
      : `a calculated health check with health-driven children on ${recordName}`;
  if (control === 'manual') return `an ARC routing control on ${recordName}`;
  return `${typeof type === 'string' ? healthCheckArticle(type) : 'a Route 53'} health check on ${recordName}`;
}

/** Regions once each, unknown ones once per reason. */
export function dedupeRegions(regions: Array<string | Unknown>): Array<string | Unknown> {
  const seen = new Set<string>();
  return regions.filter((region) => {
    const key = typeof region === 'string' ? region : `?${region.unknown}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** 1-based lines and columns from offsets, by binary search over the line starts. */
export class LineStarts {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.starts[low] + 1 };
  }

  range(start: number, end: number): SourceRange {
    return { start: this.position(start), end: this.position(end), offset: [start, end] };
  }
}

/** An `infrastructure` entry of the catalog: what the shell reads. */
export interface InfrastructureEntry {
  /** Index in the catalog's `infrastructure` list: problems with the entry are reported there. */
  index: number;
  /** As written: relative to the catalog's folder. */
  path: string;
  /** The Region of a plain template, which the template itself never says. */
  region?: string;
}
