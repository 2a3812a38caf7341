// Reading a CloudFormation (or SAM) template, YAML with its short-form tags or JSON, into
// resources with the position of each logical id, and what one stack says of its data stores
// and failover routes. Facts that span stacks (the members of an Aurora global database, an S3
// replication destination in another Region) are joined in system.ts. Values that intrinsic
// functions compute and that the template alone cannot give (a parameter without a default, an
// import) are unknown, never guessed.
import { CORE_SCHEMA, load as loadYaml, Type } from 'js-yaml';
import { visit as visitJson } from 'jsonc-parser';
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { SourceRange, StoreId } from '../model/types';
import { dedupeRegions, healthCheckArticle, LineStarts, STACK_REGION_UNKNOWN, type DeployedStore, type FailoverRoute, type ResourceLocation, type TemplateFile, type Unknown } from '../model/deployed';

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
  const read = readFast(text) ?? readWithYaml(text);
  if ('error' in read) return read;
  const root = read.value;
  if (root === null || typeof root !== 'object' || Array.isArray(root)) return { error: 'a template is a mapping with a Resources section' };
  const { Resources: resources, Parameters: parameters } = root as Record<string, unknown>;
  if (resources === null || typeof resources !== 'object' || Array.isArray(resources)) return { error: 'the template has no Resources section' };
  const lines = new LineStarts(text);
  const parameterDefaults: Record<string, unknown> = {};
  for (const [name, parameter] of Object.entries(asRecord(parameters))) {
    if (parameter && typeof parameter === 'object' && 'Default' in parameter) parameterDefaults[name] = (parameter as { Default: unknown }).Default;
  }
  return {
    parameterDefaults,
    resources: Object.entries(resources as Record<string, unknown>).flatMap(([logicalId, value]) => {
      const resource = value as { Type?: unknown; Properties?: unknown; Metadata?: unknown } | null;
      const span = read.logicalIds.get(logicalId);
      if (!resource || typeof resource.Type !== 'string' || !span) return [];
      return [{ logicalId, type: resource.Type, range: lines.range(span[0], span[1]), properties: asRecord(resource.Properties), metadata: asRecord(resource.Metadata) }];
    }),
  };
}

/** A template's plain data (intrinsic functions in their long form) and where each logical id is written. */
interface ReadTemplate {
  value: unknown;
  logicalIds: Map<string, [number, number]>;
}

/** The full reader: `yaml`'s Document, for any text (JSON is YAML), with its errors and every YAML corner. */
function readWithYaml(text: string): ReadTemplate | { error: string; why: string } {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const [error] = doc.errors;
    const { line, column } = new LineStarts(text).position(error.pos[0]);
    return { error: `the template does not parse at line ${line}, column ${column}`, why: error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '') };
  }
  const logicalIds = new Map<string, [number, number]>();
  const root = doc.contents;
  const resources = isMap(root) ? root.items.find((pair) => isScalar(pair.key) && pair.key.value === 'Resources')?.value : undefined;
  if (isMap(resources)) {
    for (const pair of resources.items) {
      const range = (pair.key as Node | null)?.range;
      if (isScalar(pair.key) && range) logicalIds.set(String(pair.key.value), [range[0], range[1]]);
    }
  }
  return { value: plain(root as Node | null), logicalIds };
}

/**
 * The fast reader, for the large templates CDK writes: JSON.parse with jsonc-parser's offsets for
 * JSON, js-yaml with the intrinsic-function tags for YAML (about ten times faster than building
 * `yaml`'s Document). It answers only when it is sure; any doubt (an unknown tag, a syntax error,
 * logical ids it cannot place) goes to readWithYaml, which reads every template.
 */
function readFast(text: string): ReadTemplate | undefined {
  try {
    return /^\s*\{/.test(text) ? readJson(text) : readYamlFast(text);
  } catch {
    return undefined;
  }
}

function readJson(text: string): ReadTemplate | undefined {
  const value = JSON.parse(text) as unknown;
  const logicalIds = new Map<string, [number, number]>();
  // Keys one level inside the top-level "Resources" object.
  visitJson(text, {
    onObjectProperty(property, offset, length, _line, _column, pathSupplier) {
      const path = pathSupplier();
      if (path.length === 1 && path[0] === 'Resources') logicalIds.set(property, [offset, offset + length]);
    },
  });
  return { value, logicalIds };
}

/** Every short form CloudFormation documents, each as a scalar, a sequence and a mapping. */
const INTRINSIC_TAGS = ['Ref', 'Condition', 'GetAtt', 'Base64', 'Cidr', 'FindInMap', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform',
  'And', 'Equals', 'If', 'Not', 'Or', 'ToJsonString', 'Length', 'Contains', 'EachMemberEquals', 'EachMemberIn', 'RefAll', 'ValueOf', 'ValueOfAll', 'Rain::Embed'];
const templateSchema = CORE_SCHEMA.extend(INTRINSIC_TAGS.flatMap((name) => (['scalar', 'sequence', 'mapping'] as const).map((kind) =>
  new Type(`!${name}`, { kind, construct: (data: unknown) => longForm(name, data ?? (kind === 'scalar' ? '' : kind === 'sequence' ? [] : {})) }))));

function readYamlFast(text: string): ReadTemplate | undefined {
  const value = loadYaml(text, { schema: templateSchema, json: true }) as Record<string, unknown> | null;
  const resources = value?.Resources;
  if (!resources || typeof resources !== 'object') return { value, logicalIds: new Map() };
  const logicalIds = blockKeysUnder(text, 'Resources');
  // The line scan must find exactly the keys the parser found, in order; else `yaml` decides.
  const expected = Object.keys(resources);
  const found = [...logicalIds.keys()];
  return expected.length === found.length && expected.every((id, i) => id === found[i]) ? { value, logicalIds } : undefined;
}

/** The keys of a top-level block mapping `section:`, by their lines: logical ids are alphanumeric, so a key is a word at one indentation. */
function blockKeysUnder(text: string, section: string): Map<string, [number, number]> {
  const keys = new Map<string, [number, number]>();
  const header = new RegExp(`^${section}[ \t]*:[ \t]*(#.*)?$`, 'm').exec(text);
  if (!header) return keys;
  const key = /^([ \t]+)(["']?)([A-Za-z0-9]+)\2[ \t]*:(?=[ \t]|$)/;
  let indent: string | undefined;
  for (let start = text.indexOf('\n', header.index) + 1; start > 0 && start < text.length; start = text.indexOf('\n', start) + 1) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end);
    if (/^\S/.test(line) && !line.startsWith('#')) break; // the next top-level key
    const match = key.exec(line);
    if (match && (indent === undefined || match[1] === indent)) {
      indent = match[1];
      const at = start + match[1].length;
      keys.set(match[3], [at, at + match[2].length * 2 + match[3].length]);
    }
  }
  return keys;
}

/** `!Ref x` is `{ Ref: x }`, `!Condition c` is `{ Condition: c }`, `!GetAtt a.b` is `{ "Fn::GetAtt": [a, b] }`, any other `!X v` is `{ "Fn::X": v }`. */
function longForm(name: string, value: unknown): unknown {
  if (name === 'Ref' || name === 'Condition') return { [name]: value };
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot === -1 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${name}`]: value };
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
  return longForm(tag.slice(1), value);
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
  const sub = value && typeof value === 'object' ? (value as Record<string, unknown>)['Fn::Sub'] : undefined;
  if (typeof sub === 'string') return resolveSub(sub, template, stackRegion);
  const fn = value && typeof value === 'object' ? Object.keys(value)[0] : undefined;
  return { unknown: fn ? `a value computed by ${fn}` : 'an empty value' };
}

/** `!Sub "api.${DomainName}"` when every variable is a parameter with a default (or the known Region). */
function resolveSub(pattern: string, template: Template, stackRegion?: string): string | Unknown {
  let unknown: Unknown | undefined;
  const resolved = pattern.replace(/\$\{(!?)([^}]*)\}/g, (whole, literal: string, name: string) => {
    if (literal) return `\${${name}}`; // `${!Literal}` is written as `${Literal}`
    const value = resolveString({ Ref: name.trim() }, template, stackRegion);
    if (typeof value === 'string') return value;
    unknown ??= { unknown: `a value computed by Fn::Sub (${value.unknown})` };
    return whole;
  });
  return unknown ?? resolved;
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
        reading.stores.push(store({ store: 'aurora-dsql', regions: dedupeRegions([here, ...peers]), ...(witness !== undefined ? { witness } : {}) }));
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
  const name = resolveString(record.Name, template);
  const recordName = typeof name === 'string' ? name.replace(/\.$/, '') : location.logicalId;
  const checkId = referencedId(record.HealthCheckId);
  const check = checkId ? byId.get(checkId) : undefined;
  if (check?.type === 'AWS::Route53::HealthCheck') {
    const type = asRecord(check.properties.HealthCheckConfig).Type;
    const manual = type === 'RECOVERY_CONTROL';
    reading.failovers.push({ ...location, mode: manual ? 'manual' : 'automatic', how: manual ? `an ARC routing control on ${recordName}` : `${typeof type === 'string' ? healthCheckArticle(type) : 'a Route 53'} health check on ${recordName}` });
  } else if (record.HealthCheckId === undefined && asRecord(record.AliasTarget).EvaluateTargetHealth === true) {
    reading.failovers.push({ ...location, mode: 'automatic', how: `the alias target's health on ${recordName}` });
  }
  // A health check defined elsewhere: its type is not in this template, so neither is who fails over.
}

