// Reading a CloudFormation (or SAM) template, YAML with its short-form tags or JSON, into
// resources with the position of each logical id, and what one stack says of its data stores
// and failover routes. Facts that span stacks (the members of an Aurora global database, an S3
// replication destination in another Region) are joined in system.ts. Values that intrinsic
// functions compute and that the template alone cannot give (a parameter without a default, an
// import) are unknown, never guessed.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { SourceRange, StoreId } from '../types';
import { STACK_REGION_UNKNOWN, type DeployedStore, type FailoverRoute, type ResourceLocation, type TemplateFile, type Unknown } from './model';

export interface TemplateResource {
  logicalId: string;
  type: string;
  /** Where the logical id is written. */
  range: SourceRange;
  /** The properties as plain data; intrinsic functions in their long form (`{ Ref }`, `{ "Fn::Sub": … }`). */
  properties: Record<string, unknown>;
  /** The resource's `Metadata` (CDK writes a nested stack's template file there). */
  metadata: Record<string, unknown>;
}

export interface Template {
  resources: TemplateResource[];
  /** Parameters with their `Default`, when they have one. */
  parameterDefaults: Record<string, unknown>;
}

/** Parses a template; a text that is not a CloudFormation template gets the reason why. */
export function readTemplate(text: string): Template | { error: string; why?: string } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const [error] = doc.errors;
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { error: `the template does not parse at line ${line}, column ${col}`, why: error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '') };
  }
  const root = doc.contents;
  if (!isMap(root)) return { error: 'a template is a mapping with a Resources section' };
  const section = (name: string) => root.items.find((pair) => isScalar(pair.key) && pair.key.value === name)?.value;
  const resources = section('Resources');
  if (!isMap(resources)) return { error: 'the template has no Resources section' };
  const range = (node: Node): SourceRange => {
    const [start, end] = node.range ?? [0, 0];
    const at = (offset: number) => {
      const { line, col } = lineCounter.linePos(offset);
      return { line, column: col };
    };
    return { start: at(start), end: at(end), offset: [start, end] };
  };
  const parameters = section('Parameters');
  const parameterDefaults: Record<string, unknown> = {};
  if (isMap(parameters)) {
    for (const pair of parameters.items) {
      const value = plain(pair.value as Node | null);
      if (isScalar(pair.key) && value && typeof value === 'object' && 'Default' in value) parameterDefaults[String(pair.key.value)] = (value as { Default: unknown }).Default;
    }
  }
  return {
    parameterDefaults,
    resources: resources.items.flatMap((pair) => {
      const resource = plain(pair.value as Node | null) as { Type?: unknown; Properties?: unknown; Metadata?: unknown } | null;
      if (!isScalar(pair.key) || !resource || typeof resource.Type !== 'string') return [];
      return [{ logicalId: String(pair.key.value), type: resource.Type, range: range(pair.key as Node), properties: asRecord(resource.Properties), metadata: asRecord(resource.Metadata) }];
    }),
  };
}

/**
 * A YAML node as plain data, short-form tags in their long form: `!Ref x` is `{ Ref: x }`,
 * `!Condition c` is `{ Condition: c }`, `!GetAtt a.b` is `{ "Fn::GetAtt": [a, b] }`, and any other
 * `!X v` is `{ "Fn::X": v }`, so tags CloudFormation adds later read too.
 */
function plain(node: Node | null | undefined): unknown {
  if (!node) return null;
  if (isAlias(node)) return null;
  let value: unknown;
  if (isMap(node)) value = Object.fromEntries(node.items.map((pair) => [String(isScalar(pair.key) ? pair.key.value : ''), plain(pair.value as Node | null)]));
  else if (isSeq(node)) value = node.items.map((item) => plain(item as Node | null));
  else value = isScalar(node) ? node.value : null;
  const tag = node.tag;
  if (!tag || !tag.startsWith('!') || tag.startsWith('!!')) return value;
  const name = tag.slice(1);
  if (name === 'Ref' || name === 'Condition') return { [name]: value };
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot === -1 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${name}`]: value };
}


function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : {};
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The logical id a `!Ref X` or `!GetAtt X.Attr` points at, when the value is one. */
export function referencedId(value: unknown): string | undefined {
  const record = asRecord(value);
  if (typeof record.Ref === 'string') return record.Ref;
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  return undefined;
}

/** A string the template fixes: a literal, `AWS::Region` when the stack's Region is known, a parameter's default. */
export function resolveString(value: unknown, template: Template, stackRegion?: string): string | Unknown {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'Ref' in value) {
    const ref = (value as { Ref: unknown }).Ref;
    if (ref === 'AWS::Region') return stackRegion ?? STACK_REGION_UNKNOWN;
    if (typeof ref === 'string' && typeof template.parameterDefaults[ref] === 'string') return template.parameterDefaults[ref] as string;
    return { unknown: `the parameter ${String(ref)}, which has no default` };
  }
  const fn = value && typeof value === 'object' ? Object.keys(value)[0] : undefined;
  return { unknown: fn ? `a value computed by ${fn}` : 'an empty value' };
}

/** A member cluster of an Aurora global database, joined to its global cluster in system.ts. */
export interface AuroraMember extends ResourceLocation {
  /** The global cluster's identifier, or the logical id of the `GlobalCluster` in the same template. */
  globalCluster: { identifier: string } | { logicalId: string } | Unknown;
  region: string | Unknown;
  writeForwarding: boolean;
}

/** An S3 bucket's replication, its destinations joined to buckets of other stacks in system.ts. */
export interface BucketReplication {
  store: DeployedStore;
  /** Destination bucket names (from `arn:aws:s3:::name`) or unknown ones. */
  destinations: Array<{ bucketName: string } | Unknown>;
}

/** What one stack's template says. */
export interface StackReading {
  stores: DeployedStore[];
  globalClusters: Array<{ store: DeployedStore; identifier?: string }>;
  auroraMembers: AuroraMember[];
  /** Buckets by their fixed name, for replication destinations in other stacks. */
  bucketsByName: Map<string, DeployedStore>;
  replications: BucketReplication[];
  /** Replication groups that join an ElastiCache global datastore. */
  cacheMembers: Array<ResourceLocation & { globalGroup: string | Unknown }>;
  failovers: FailoverRoute[];
  /** Nested stacks' template files, relative to this template (CDK's `aws:asset:path`). */
  nestedTemplates: string[];
}

const AURORA_ENGINES = new Set(['aurora', 'aurora-mysql', 'aurora-postgresql']);

/** Reads one stack's data stores, failover routes and nested templates. */
export function readStack(file: TemplateFile, template: Template): StackReading {
  const reading: StackReading = { stores: [], globalClusters: [], auroraMembers: [], bucketsByName: new Map(), replications: [], cacheMembers: [], failovers: [], nestedTemplates: [] };
  const here: string | Unknown = file.region ?? STACK_REGION_UNKNOWN;
  const text = (value: unknown) => resolveString(value, template, file.region);
  const byId = new Map(template.resources.map((resource) => [resource.logicalId, resource]));
  for (const resource of template.resources) {
    const location: ResourceLocation = { file: file.file, range: resource.range, stack: file.stack, logicalId: resource.logicalId, type: resource.type, entryIndex: file.entryIndex };
    const props = resource.properties;
    const store = (facts: Omit<DeployedStore, keyof ResourceLocation | 'members'>): DeployedStore => ({ ...location, ...facts, members: [] });
    switch (resource.type) {
      case 'AWS::DynamoDB::Table':
      case 'AWS::Serverless::SimpleTable':
        reading.stores.push(store({ store: 'dynamodb', regions: [here] }));
        break;
      case 'AWS::DynamoDB::GlobalTable': {
        const regions = asList(props.Replicas).map((replica) => text(asRecord(replica).Region));
        const witnesses = asList(props.GlobalTableWitnesses);
        const witness = witnesses.length > 0 ? text(asRecord(witnesses[0]).Region) : undefined;
        const consistency = text(props.MultiRegionConsistency ?? 'EVENTUAL');
        const id: StoreId | Unknown = typeof consistency !== 'string'
          ? { unknown: `MultiRegionConsistency: ${consistency.unknown}` }
          : consistency === 'STRONG' ? 'dynamodb-global-strong' : regions.length >= 2 ? 'dynamodb-global' : 'dynamodb';
        reading.stores.push(store({ store: id, regions, ...(witness !== undefined ? { witness } : {}) }));
        break;
      }
      case 'AWS::RDS::GlobalCluster': {
        const identifier = text(props.GlobalClusterIdentifier);
        reading.globalClusters.push({ store: store({ store: 'aurora-global', regions: [] }), ...(typeof identifier === 'string' ? { identifier } : {}) });
        break;
      }
      case 'AWS::RDS::DBCluster': {
        const engine = text(props.Engine);
        if (typeof engine === 'string' && !AURORA_ENGINES.has(engine)) break; // a Multi-AZ DB cluster of MySQL or PostgreSQL, not Aurora
        if (props.GlobalClusterIdentifier === undefined || props.GlobalClusterIdentifier === '') {
          reading.stores.push(store({ store: 'aurora', regions: [here] }));
          break;
        }
        const ref = referencedId(props.GlobalClusterIdentifier);
        const identifier = text(props.GlobalClusterIdentifier);
        const globalCluster = ref && byId.get(ref)?.type === 'AWS::RDS::GlobalCluster' ? { logicalId: ref } : typeof identifier === 'string' ? { identifier } : identifier;
        reading.auroraMembers.push({ ...location, globalCluster, region: here, writeForwarding: props.EnableGlobalWriteForwarding === true || props.EnableGlobalWriteForwarding === 'true' });
        break;
      }
      case 'AWS::DSQL::Cluster': {
        const multiRegion = asRecord(props.MultiRegionProperties);
        const peers = asList(multiRegion.Clusters).map((arn) => {
          const value = text(arn);
          if (typeof value !== 'string') return value;
          const region = value.split(':')[3];
          return region || { unknown: `the Region of the peer ${value}` };
        });
        const witness = multiRegion.WitnessRegion === undefined ? undefined : text(multiRegion.WitnessRegion);
        reading.stores.push(store({ store: 'aurora-dsql', regions: dedupe([here, ...peers]), ...(witness !== undefined ? { witness } : {}) }));
        break;
      }
      case 'AWS::S3::Bucket': {
        const name = props.BucketName === undefined ? undefined : text(props.BucketName);
        const rules = asList(asRecord(props.ReplicationConfiguration).Rules).map(asRecord).filter((rule) => rule.Status !== 'Disabled');
        const bucket = store({ store: 's3', regions: [here] });
        if (typeof name === 'string') reading.bucketsByName.set(name, bucket);
        reading.stores.push(bucket);
        if (rules.length === 0) break;
        bucket.replicationTimeControl = rules.every((rule) => asRecord(asRecord(rule.Destination).ReplicationTime).Status === 'Enabled');
        const destinations = rules.map((rule): { bucketName: string } | Unknown => {
          const destination = asRecord(rule.Destination).Bucket;
          const target = referencedId(destination);
          // A bucket of the same template is in the same Region: CloudFormation deploys a stack to one Region.
          if (target && byId.get(target)?.type === 'AWS::S3::Bucket') return { unknown: 'same-Region' };
          const arn = text(destination);
          if (typeof arn !== 'string') return arn;
          const bucketName = arn.startsWith('arn:') ? arn.split(':').slice(5).join(':') : arn;
          return bucketName ? { bucketName } : { unknown: `the destination ${arn}` };
        });
        reading.replications.push({ store: bucket, destinations: destinations.filter((d) => !('unknown' in d && d.unknown === 'same-Region')) });
        break;
      }
      case 'AWS::ElastiCache::GlobalReplicationGroup': {
        const members = asList(props.Members).map(asRecord);
        const regions = members.map((member) => text(member.ReplicationGroupRegion));
        reading.stores.push(store({ store: 'elasticache-global', regions }));
        break;
      }
      case 'AWS::ElastiCache::ReplicationGroup':
        if (props.GlobalReplicationGroupId !== undefined) reading.cacheMembers.push({ ...location, globalGroup: text(props.GlobalReplicationGroupId) });
        break;
      case 'AWS::Route53::RecordSet':
        pushFailover(reading, location, props, byId, template);
        break;
      case 'AWS::Route53::RecordSetGroup':
        for (const record of asList(props.RecordSets)) pushFailover(reading, location, asRecord(record), byId, template);
        break;
      case 'AWS::ARCRegionSwitch::Plan': {
        const manual = JSON.stringify(props.Workflows ?? []).includes('"ManualApproval"');
        const triggered = asList(props.Triggers).length > 0;
        reading.failovers.push({ ...location, mode: manual || !triggered ? 'manual' : 'automatic', how: manual ? 'an ARC Region switch plan with a ManualApproval step' : triggered ? 'an ARC Region switch plan started by alarm triggers' : 'an ARC Region switch plan a person starts' });
        break;
      }
      case 'AWS::CloudFormation::Stack': {
        const assetPath = resource.metadata['aws:asset:path'];
        if (typeof assetPath === 'string' && assetPath.endsWith('.json')) reading.nestedTemplates.push(assetPath);
        break;
      }
      default:
        break;
    }
  }
  return reading;
}

/**
 * A failover record and who moves traffic off the primary: an ARC routing control (a person) or a
 * health check (a machine). The PRIMARY record's check decides; a SECONDARY is only where traffic goes.
 */
function pushFailover(reading: StackReading, location: ResourceLocation, record: Record<string, unknown>, byId: Map<string, TemplateResource>, template: Template): void {
  if (resolveString(record.Failover, template) !== 'PRIMARY') return;
  const recordName = typeof record.Name === 'string' ? record.Name.replace(/\.$/, '') : location.logicalId;
  const checkId = referencedId(record.HealthCheckId);
  const check = checkId ? byId.get(checkId) : undefined;
  if (check?.type === 'AWS::Route53::HealthCheck') {
    const type = asRecord(check.properties.HealthCheckConfig).Type;
    const manual = type === 'RECOVERY_CONTROL';
    reading.failovers.push({ ...location, mode: manual ? 'manual' : 'automatic', how: manual ? `an ARC routing control on ${recordName}` : `${typeof type === 'string' ? withArticle(type) : 'a Route 53'} health check on ${recordName}` });
  } else if (record.HealthCheckId === undefined && asRecord(record.AliasTarget).EvaluateTargetHealth === true) {
    reading.failovers.push({ ...location, mode: 'automatic', how: `the alias target's health on ${recordName}` });
  }
  // A health check defined elsewhere: its type is not in this template, so neither is who fails over.
}

/** "an HTTPS", "a TCP": health check types are read letter by letter. */
function withArticle(checkType: string): string {
  return `${/^[AEFHILMNORSX]/.test(checkType) ? 'an' : 'a'} ${checkType}`;
}

function dedupe<T>(values: T[]): T[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = JSON.stringify(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
