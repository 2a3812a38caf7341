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
import { unmodelledService } from '../model/unmodelled';
import {
  absorbStore,
  dedupeRegions,
  healthCheckControl,
  healthCheckHow,
  LineStarts,
  PHYSICAL_NAME_PROPERTIES,
  physicalNameIn,
  regionOfArn,
  STACK_REGION_UNKNOWN,
  type DeployedStore,
  type FailoverRoute,
  type RegionalResource,
  type ResourceLocation,
  type TemplateFile,
  type UnmodelledResource,
  type Unknown,
} from '../model/deployed';

export interface TemplateResource {
  logicalId: string;
  type: string;
  /** Where the logical id is written. */
  range: SourceRange;
  /** The properties as plain data; intrinsic functions in their long form (`{ Ref }`, `{ "Fn::Sub": … }`). */
  properties: Record<string, unknown>;
  /** The resource's `Metadata` (CDK writes a nested stack's template file there). */
  metadata: Record<string, unknown>;
  /** The name of the condition that decides whether the resource is created. */
  condition?: string;
}

export interface Template {
  resources: TemplateResource[];
  /** Parameters with their `Default`, when they have one. */
  parameterDefaults: Record<string, unknown>;
  /** The `Conditions` section, as written (long form). */
  conditions: Record<string, unknown>;
  /** The `Mappings` section. */
  mappings: Record<string, unknown>;
}

/** Parses a template; a text that is not a CloudFormation template gets the reason why. */
export function readTemplate(text: string): Template | { error: string; why?: string; empty?: boolean } {
  const read = readFast(text) ?? readWithYaml(text);
  if ('error' in read) return read;
  const root = read.value;
  if (root === null || typeof root !== 'object' || Array.isArray(root)) return { error: 'a template is a mapping with a Resources section' };
  const { Resources: resources, Parameters: parameters, Conditions: conditions, Mappings: mappings } = root as Record<string, unknown>;
  if (resources === undefined) return { error: 'the template has no Resources section', empty: true };
  if (resources === null || typeof resources !== 'object' || Array.isArray(resources)) return { error: 'the template has no Resources section' };
  const lines = new LineStarts(text);
  const parameterDefaults: Record<string, unknown> = {};
  for (const [name, parameter] of Object.entries(asRecord(parameters))) {
    if (parameter && typeof parameter === 'object' && 'Default' in parameter) parameterDefaults[name] = (parameter as { Default: unknown }).Default;
  }
  return {
    parameterDefaults,
    conditions: asRecord(conditions),
    mappings: asRecord(mappings),
    resources: Object.entries(resources as Record<string, unknown>).flatMap(([logicalId, value]) => {
      const resource = value as { Type?: unknown; Properties?: unknown; Metadata?: unknown; Condition?: unknown } | null;
      const span = read.logicalIds.get(logicalId);
      if (!resource || typeof resource.Type !== 'string' || !span) return [];
      return [
        {
          logicalId,
          type: resource.Type,
          range: lines.range(span[0], span[1]),
          properties: asRecord(resource.Properties),
          metadata: asRecord(resource.Metadata),
          ...(typeof resource.Condition === 'string' ? { condition: resource.Condition } : {}),
        },
      ];
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
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, customTags: (tags) => [...tags, yaml11BoolTag] });
  if (doc.errors.length > 0) {
    const [error] = doc.errors;
    const { line, column } = new LineStarts(text).position(error.pos[0]);
    return {
      error: `the template does not parse at line ${line}, column ${column}`,
      why: error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
    };
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
 * JSON, js-yaml with the intrinsic-function tags for YAML (much faster than building `yaml`'s
 * Document: `npm run bench` measures it). It answers only when it is sure; any doubt (an unknown tag, a syntax error,
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
const INTRINSIC_TAGS = [
  'Ref',
  'Condition',
  'GetAtt',
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  'ToJsonString',
  'Length',
  'Contains',
  'EachMemberEquals',
  'EachMemberIn',
  'RefAll',
  'ValueOf',
  'ValueOfAll',
  'Rain::Embed',
];
/**
 * CloudFormation reads YAML 1.1, where a plain `yes`, `no`, `on` or `off` is a boolean (a
 * parameter `Default: yes` is "true" to `Fn::Equals [!Ref P, true]`); YAML 1.2 reads a string.
 * Its other 1.1 types (timestamps, binary, sets) CloudFormation does not support.
 */
const YAML11_BOOLEAN = /^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE)$/;
const yaml11Boolean = (text: string) => /^(?:yes|on|true)$/i.test(text);
const yaml11BoolTag = { tag: 'tag:yaml.org,2002:bool', test: YAML11_BOOLEAN, resolve: yaml11Boolean, identify: () => false, default: true };
const templateSchema = CORE_SCHEMA.extend({
  implicit: [
    new Type('tag:yaml.org,2002:bool', {
      kind: 'scalar',
      resolve: (data: unknown) => typeof data === 'string' && YAML11_BOOLEAN.test(data),
      construct: yaml11Boolean,
    }),
  ],
  explicit: INTRINSIC_TAGS.flatMap((name) =>
    (['scalar', 'sequence', 'mapping'] as const).map(
      (kind) => new Type(`!${name}`, { kind, construct: (data: unknown) => longForm(name, data ?? (kind === 'scalar' ? '' : kind === 'sequence' ? [] : {})) }),
    ),
  ),
});

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
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
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

/** Every logical id a value points at with `Ref` or `Fn::GetAtt`, however deep. */
function referencedIds(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedIds(item, found);
  } else if (value !== null && typeof value === 'object') {
    const id = referencedId(value);
    if (id) found.add(id);
    for (const inner of Object.values(value)) referencedIds(inner, found);
  }
  return found;
}

/** A string the template fixes: a literal, `AWS::Region` when the stack's Region is known, a parameter's default, or an intrinsic function of those. */
export function resolveString(value: unknown, template: Template, stackRegion?: string): string | Unknown {
  const resolved = evaluateIntrinsics(value, template, stackRegion);
  if (typeof resolved === 'string') return resolved;
  if (typeof resolved === 'number' || typeof resolved === 'boolean') return String(resolved);
  if (isUnknownValue(resolved)) return resolved;
  if (resolved === NO_VALUE || resolved === undefined || resolved === null) return { unknown: 'an empty value' };
  const fn = typeof resolved === 'object' ? Object.keys(resolved)[0] : undefined;
  return { unknown: fn ? `a value computed by ${fn}` : 'a value that is not a string' };
}

function isUnknownValue(value: unknown): value is Unknown {
  return (
    value !== null &&
    typeof value === 'object' &&
    'unknown' in value &&
    typeof (value as Unknown).unknown === 'string' &&
    Object.keys(value).every((key) => key === 'unknown')
  );
}

/** `!Ref AWS::NoValue`: the property is removed, as if it were not written. */
const NO_VALUE = Symbol('AWS::NoValue');

/**
 * A property's value with the intrinsic functions a careful reader can evaluate worked out: `Ref`
 * to a parameter with a default or to `AWS::Region`, `Fn::If` on a condition that resolves,
 * `Fn::FindInMap`, `Fn::Sub`, `Fn::Join`, `Fn::Select`, `Fn::Split`, and `AWS::NoValue` (the key
 * is dropped). What cannot be known is an `{ unknown }` with its reason; `Ref` and `Fn::GetAtt`
 * to resources stay as written, for joining.
 */
export function evaluateIntrinsics(value: unknown, template: Template, stackRegion?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => evaluateIntrinsics(item, template, stackRegion)).filter((item) => item !== NO_VALUE);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const evaluate = (inner: unknown) => evaluateIntrinsics(inner, template, stackRegion);
  if (keys.length === 1) {
    const [key] = keys;
    const argument = record[key];
    switch (key) {
      case 'Ref': {
        if (argument === 'AWS::NoValue') return NO_VALUE;
        if (argument === 'AWS::Region') return stackRegion ?? STACK_REGION_UNKNOWN;
        if (typeof argument !== 'string') return { unknown: 'a Ref to nothing' };
        if (argument in template.parameterDefaults) return template.parameterDefaults[argument];
        if (argument.startsWith('AWS::')) return { unknown: `the pseudo parameter ${argument}` };
        if (template.resources.some((resource) => resource.logicalId === argument)) return value;
        return { unknown: `the parameter ${argument}, which has no default` };
      }
      case 'Fn::If': {
        const [name, whenTrue, whenFalse] = asList(argument);
        const holds = typeof name === 'string' ? conditionValue(name, template, stackRegion, new Set()) : { unknown: 'an Fn::If without a condition name' };
        if (typeof holds !== 'boolean') return { unknown: `Fn::If on the condition ${String(name)}, which depends on ${holds.unknown}` };
        return evaluate(holds ? whenTrue : whenFalse);
      }
      case 'Fn::FindInMap': {
        const [map, first, second] = asList(argument).map(evaluate);
        const unknown = [map, first, second].find(isUnknownValue);
        if (unknown) return { unknown: `Fn::FindInMap with a key that is ${unknown.unknown}` };
        const found = asRecord(asRecord(template.mappings[String(map)])[String(first)])[String(second)];
        return found === undefined
          ? { unknown: `Fn::FindInMap of ${String(map)}.${String(first)}.${String(second)}, which the Mappings do not hold` }
          : evaluate(found);
      }
      case 'Fn::Sub':
        return typeof argument === 'string'
          ? resolveSub(argument, {}, template, stackRegion)
          : Array.isArray(argument) && typeof argument[0] === 'string'
            ? resolveSub(argument[0], asRecord(argument[1]), template, stackRegion)
            : { unknown: 'an Fn::Sub that is not a string' };
      case 'Fn::Join': {
        const [separator, list] = asList(argument);
        const parts = evaluate(list);
        if (isUnknownValue(parts)) return parts;
        const strings = asList(parts).map((part) => (typeof part === 'string' || typeof part === 'number' ? String(part) : part));
        const unknown = strings.find((part) => typeof part !== 'string');
        if (unknown !== undefined) return isUnknownValue(unknown) ? unknown : { unknown: 'a value computed by Fn::Join' };
        return typeof separator === 'string' ? strings.join(separator) : { unknown: 'an Fn::Join without a separator' };
      }
      case 'Fn::Select': {
        const [index, list] = asList(argument).map(evaluate);
        if (isUnknownValue(index)) return index;
        if (isUnknownValue(list)) return list;
        const item = Array.isArray(list) ? list[Number(index)] : undefined;
        return item === undefined ? { unknown: 'a value computed by Fn::Select' } : item;
      }
      case 'Fn::Split': {
        const [separator, text] = asList(argument).map(evaluate);
        if (isUnknownValue(text)) return text;
        return typeof separator === 'string' && typeof text === 'string' ? text.split(separator) : { unknown: 'a value computed by Fn::Split' };
      }
      case 'Fn::GetAtt':
      case 'Fn::ImportValue':
      case 'Fn::GetAZs':
      case 'Fn::Base64':
      case 'Fn::Cidr':
        return value;
      default:
        break;
    }
  }
  const entries = keys.map((key) => [key, evaluate(record[key])] as const).filter(([, inner]) => inner !== NO_VALUE);
  return Object.fromEntries(entries);
}

/** A named condition's value: `Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or` and `Condition` over what the template fixes. */
function conditionValue(name: string, template: Template, stackRegion: string | undefined, seen: Set<string>): boolean | Unknown {
  if (seen.has(name)) return { unknown: `the condition ${name}, which refers to itself` };
  if (!(name in template.conditions)) return { unknown: `the condition ${name}, which the template does not define` };
  seen.add(name);
  return conditionOf(template.conditions[name], template, stackRegion, seen);
}

function conditionOf(expression: unknown, template: Template, stackRegion: string | undefined, seen: Set<string>): boolean | Unknown {
  const record = asRecord(expression);
  const [key] = Object.keys(record);
  const operands = asList(record[key]);
  const all = () => operands.map((operand) => conditionOf(operand, template, stackRegion, seen));
  switch (key) {
    case 'Condition':
      return typeof record.Condition === 'string'
        ? conditionValue(record.Condition, template, stackRegion, new Set(seen))
        : { unknown: 'a Condition that is not a name' };
    case 'Fn::Equals': {
      const [left, right] = operands.map((operand) => evaluateIntrinsics(operand, template, stackRegion));
      const unknown = [left, right].find(isUnknownValue);
      if (unknown) return unknown;
      return JSON.stringify(left) === JSON.stringify(right) || String(left) === String(right);
    }
    case 'Fn::Not': {
      const [inner] = all();
      return typeof inner === 'boolean' ? !inner : (inner ?? { unknown: 'an Fn::Not of nothing' });
    }
    case 'Fn::And': {
      const values = all();
      if (values.includes(false)) return false;
      return values.find(isUnknownValue) ?? true;
    }
    case 'Fn::Or': {
      const values = all();
      if (values.includes(true)) return true;
      return values.find(isUnknownValue) ?? false;
    }
    default:
      return { unknown: `a condition written with ${key ?? 'nothing'}` };
  }
}

/** `!Sub "api.${DomainName}"` when every variable is a parameter with a default, the known Region, or one of its own variables. */
function resolveSub(pattern: string, variables: Record<string, unknown>, template: Template, stackRegion?: string): string | Unknown {
  let unknown: Unknown | undefined;
  const resolved = pattern.replace(/\$\{(!?)([^}]*)\}/g, (whole, literal: string, name: string) => {
    if (literal) return `\${${name}}`; // `${!Literal}` is written as `${Literal}`
    const key = name.trim();
    const value = key in variables ? resolveString(variables[key], template, stackRegion) : resolveString({ Ref: key }, template, stackRegion);
    if (typeof value === 'string') return value;
    unknown ??= { unknown: `a value computed by Fn::Sub (${value.unknown})` };
    return whole;
  });
  return unknown ?? resolved;
}

/** A member cluster of an Aurora global database, joined to its global cluster in system.ts. */
/** The global store a cluster engine makes: Aurora, DocumentDB or Neptune (all three can be `AWS::RDS::*` resources). */
function engineStore(engine: string | Unknown): StoreId | undefined {
  if (typeof engine !== 'string') return undefined;
  if (AURORA_ENGINES.has(engine)) return 'aurora-global';
  if (engine === 'docdb') return 'documentdb-global';
  if (engine === 'neptune') return 'neptune-global';
  return undefined;
}

/** The store a global cluster of each kind deploys (its members' type is the same with `::DBCluster`). */
const GLOBAL_CLUSTER_STORES: Record<string, StoreId> = {
  'AWS::RDS::GlobalCluster': 'aurora-global',
  'AWS::DocDB::GlobalCluster': 'documentdb-global',
  'AWS::Neptune::GlobalCluster': 'neptune-global',
};

export interface GlobalMember extends ResourceLocation {
  /** The store of the global cluster it joins (Aurora, DocumentDB, Neptune, MemoryDB). */
  store: StoreId;
  /** The global cluster's identifier, or the logical id of the `GlobalCluster` in the same template. */
  globalCluster: { identifier: string } | { logicalId: string } | Unknown;
  region: string | Unknown;
  writeForwarding: boolean;
  /** Why it may not be a member at all: `GlobalClusterIdentifier` is an `Fn::If` the template does not decide. */
  membershipUnknown?: string;
}

/** An S3 bucket's replication, its destinations joined to buckets of other stacks in system.ts. */
export interface BucketReplication {
  store: DeployedStore;
  /** Destination bucket names (from `arn:aws:s3:::name`) or unknown ones. */
  destinations: Array<{ bucketName: string } | Unknown>;
}

/** A Multi-Region Access Point and its buckets: one of this template, one named (joined in system.ts), or unknown. */
export interface AccessPointReading {
  location: ResourceLocation;
  buckets: Array<{ store: DeployedStore } | { bucketName: string } | Unknown>;
}

/** While a template is read: a bucket of it by logical id, resolved once every bucket is read. */
type AccessPointBucketRef = AccessPointReading['buckets'][number] | { logicalId: string };

/** What one stack's template says. */
export interface StackReading {
  stores: DeployedStore[];
  globalClusters: Array<{ store: DeployedStore; identifier?: string }>;
  globalMembers: GlobalMember[];
  /** Buckets by their fixed name, for replication destinations in other stacks. */
  bucketsByName: Map<string, DeployedStore>;
  replications: BucketReplication[];
  /** Buckets whose replication the template does not fix: where they copy to is unknown. */
  unknownReplications: Map<DeployedStore, Unknown>;
  accessPoints: AccessPointReading[];
  /** Replication groups that join an ElastiCache global datastore. */
  cacheMembers: Array<ResourceLocation & { globalGroup: string | Unknown }>;
  failovers: FailoverRoute[];
  /** Nested stacks' template files, relative to this template (CDK's `aws:asset:path`). */
  nestedTemplates: string[];
  /** Buckets of this template that another bucket of it replicates into, with that source. */
  sameRegionReplicas: Map<string, DeployedStore>;
  /** Plain nested stacks and SAM applications, with where their template is: followed by the shell when it is a local file. */
  nestedStacks: Array<{ logicalId: string; property: 'TemplateURL' | 'Location'; location: string | Unknown }>;
  /** Data resources no store of the model describes. */
  unmodelled: UnmodelledResource[];
}

const AURORA_ENGINES = new Set(['aurora', 'aurora-mysql', 'aurora-postgresql']);

/** Reads one stack's data stores, failover routes and nested templates. */
export function readStack(file: TemplateFile, template: Template): StackReading {
  const reading: StackReading = {
    stores: [],
    globalClusters: [],
    globalMembers: [],
    bucketsByName: new Map(),
    replications: [],
    unknownReplications: new Map(),
    accessPoints: [],
    cacheMembers: [],
    failovers: [],
    nestedTemplates: [],
    sameRegionReplicas: new Map(),
    nestedStacks: [],
    unmodelled: [],
  };
  const here: string | Unknown = file.region ?? STACK_REGION_UNKNOWN;
  const text = (value: unknown) => resolveString(value, template, file.region);
  const byId = new Map(template.resources.map((resource) => [resource.logicalId, resource]));
  const locate = (resource: TemplateResource): ResourceLocation => ({
    file: file.file,
    range: resource.range,
    stack: file.stack,
    logicalId: resource.logicalId,
    type: resource.type,
    entryIndex: file.entryIndex,
  });
  /** Clusters of this template that a global cluster was built from, by logical id. */
  const sourceClusters = new Map<string, DeployedStore>();
  const bucketsById = new Map<string, DeployedStore>();
  const accessPoints: Array<{ location: ResourceLocation; buckets: AccessPointBucketRef[] }> = [];
  for (const resource of template.resources) {
    // A resource whose condition is false in this stack's Region is not created there.
    if (resource.condition && conditionValue(resource.condition, template, file.region, new Set()) === false) continue;
    const location = locate(resource);
    const props = asRecord(evaluateIntrinsics(resource.properties, template, file.region));
    const constructPath = typeof resource.metadata['aws:cdk:path'] === 'string' ? (resource.metadata['aws:cdk:path'] as string) : undefined;
    const physicalName = physicalNameIn(props, PHYSICAL_NAME_PROPERTIES.cloudFormation);
    const store = (facts: Omit<DeployedStore, keyof ResourceLocation | 'members'>): DeployedStore => ({
      ...location,
      ...facts,
      members: [],
      ...(physicalName ? { physicalName } : {}),
      ...(file.region ? { homeRegion: file.region } : {}),
      ...(constructPath ? { constructPath } : {}),
    });
    switch (resource.type) {
      case 'AWS::DynamoDB::Table':
      case 'AWS::Serverless::SimpleTable':
        reading.stores.push(store({ store: 'dynamodb', regions: [here] }));
        break;
      case 'AWS::DynamoDB::GlobalTable': {
        // Replicas the template does not fix (an Fn::If on a parameter without a default) are unknown, not absent.
        const regions = isUnknownValue(props.Replicas)
          ? [here, props.Replicas]
          : asList(props.Replicas).map((replica) => (isUnknownValue(replica) ? replica : text(asRecord(replica).Region)));
        const witnesses = asList(props.GlobalTableWitnesses);
        const witness = isUnknownValue(props.GlobalTableWitnesses)
          ? props.GlobalTableWitnesses
          : witnesses.length > 0
            ? text(asRecord(witnesses[0]).Region)
            : undefined;
        const consistency = text(props.MultiRegionConsistency ?? 'EVENTUAL');
        const id: StoreId | Unknown =
          typeof consistency !== 'string'
            ? { unknown: `MultiRegionConsistency: ${consistency.unknown}` }
            : consistency === 'STRONG'
              ? 'dynamodb-global-strong'
              : regions.length >= 2
                ? 'dynamodb-global'
                : 'dynamodb';
        reading.stores.push(store({ store: id, regions, ...(witness !== undefined ? { witness } : {}) }));
        break;
      }
      case 'AWS::RDS::GlobalCluster':
      case 'AWS::DocDB::GlobalCluster':
      case 'AWS::Neptune::GlobalCluster': {
        const identifier = text(props.GlobalClusterIdentifier);
        // Built from an existing cluster (`SourceDBClusterIdentifier`, CDK's usual way), it lives in
        // that cluster's stack and Region, and keeps the cluster as its primary.
        const fromSource = props.SourceDBClusterIdentifier !== undefined;
        // AWS::RDS::GlobalCluster also builds DocumentDB and Neptune global clusters: its engine, or its source cluster's kind, says which.
        const sourceType = byId.get(referencedId(props.SourceDBClusterIdentifier) ?? '')?.type;
        const storeId =
          engineStore(text(props.Engine)) ??
          (sourceType ? GLOBAL_CLUSTER_STORES[sourceType.replace('::DBCluster', '::GlobalCluster')] : undefined) ??
          GLOBAL_CLUSTER_STORES[resource.type];
        const global = store({ store: storeId, regions: fromSource ? [here] : [] });
        reading.globalClusters.push({ store: global, ...(typeof identifier === 'string' ? { identifier } : {}) });
        const source = referencedId(props.SourceDBClusterIdentifier);
        if (source) sourceClusters.set(source, global);
        break;
      }
      case 'AWS::RDS::DBCluster':
      case 'AWS::DocDB::DBCluster':
      case 'AWS::Neptune::DBCluster': {
        const engine = text(props.Engine);
        // AWS::RDS::DBCluster with `Engine: docdb` or `neptune` is a DocumentDB or Neptune cluster.
        const byEngine = engineStore(engine);
        if (resource.type === 'AWS::RDS::DBCluster' && typeof engine === 'string' && !byEngine) break; // a Multi-AZ DB cluster of MySQL or PostgreSQL, not Aurora
        const memberStore = byEngine ?? GLOBAL_CLUSTER_STORES[resource.type.replace('::DBCluster', '::GlobalCluster')];
        if (props.GlobalClusterIdentifier === undefined || props.GlobalClusterIdentifier === '') {
          // A lone DocumentDB or Neptune cluster is a single-Region store the catalog has no id for.
          if (memberStore === 'aurora-global') reading.stores.push(store({ store: 'aurora', regions: [here] }));
          break;
        }
        const ref = referencedId(props.GlobalClusterIdentifier);
        const identifier = text(props.GlobalClusterIdentifier);
        const globalCluster =
          ref && GLOBAL_CLUSTER_STORES[byId.get(ref)?.type ?? ''] ? { logicalId: ref } : typeof identifier === 'string' ? { identifier } : identifier;
        // `!If [IsSecondary, !Ref GlobalClusterId, !Ref AWS::NoValue]`: a primary in one stack, a secondary in another.
        const conditional = isUnknownValue(props.GlobalClusterIdentifier) && 'Fn::If' in asRecord(asRecord(resource.properties).GlobalClusterIdentifier);
        reading.globalMembers.push({
          ...location,
          store: memberStore,
          globalCluster,
          region: here,
          writeForwarding: props.EnableGlobalWriteForwarding === true || props.EnableGlobalWriteForwarding === 'true',
          ...(conditional ? { membershipUnknown: `GlobalClusterIdentifier is ${(props.GlobalClusterIdentifier as Unknown).unknown}` } : {}),
        });
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
        // Each peer is a cluster of its own: this one where the stack deploys it, the others by the ARN written here.
        const regionalResources: RegionalResource[] = [
          ...(typeof here === 'string' ? [{ region: here, location }] : []),
          ...asList(multiRegion.Clusters)
            .map((arn) => text(arn))
            .flatMap((arn) => {
              const region = regionOfArn(arn);
              return region ? [{ region, arn: arn as string }] : [];
            }),
        ];
        reading.stores.push(
          store({ store: 'aurora-dsql', regions: dedupeRegions([here, ...peers]), regionalResources, ...(witness !== undefined ? { witness } : {}) }),
        );
        break;
      }
      case 'AWS::S3::Bucket': {
        const name = props.BucketName === undefined ? undefined : text(props.BucketName);
        const replication = props.ReplicationConfiguration;
        const bucket = store({ store: 's3', regions: [here] });
        bucketsById.set(resource.logicalId, bucket);
        if (typeof name === 'string') reading.bucketsByName.set(name, bucket);
        reading.stores.push(bucket);
        // Replication the template does not fix (an Fn::If on an unresolvable condition) is unknown,
        // never "none": another Region may hold the data, with or without RTC.
        if (isUnknownValue(replication) || isUnknownValue(asRecord(replication).Rules)) {
          const unknown = { unknown: `its replication: ${(isUnknownValue(replication) ? replication : (asRecord(replication).Rules as Unknown)).unknown}` };
          bucket.regions.push(unknown);
          reading.unknownReplications.set(bucket, unknown);
          break;
        }
        const rules = asList(asRecord(replication).Rules)
          .map(asRecord)
          .filter((rule) => rule.Status !== 'Disabled');
        if (rules.length === 0) break;
        bucket.replicationTimeControl = rules.every((rule) => asRecord(asRecord(rule.Destination).ReplicationTime).Status === 'Enabled');
        const destinations = rules.map((rule): { bucketName: string } | Unknown => {
          const destination = asRecord(rule.Destination).Bucket;
          const target = referencedId(destination);
          // A bucket of the same template is in the same Region (CloudFormation deploys a stack to one
          // Region): it is part of its source's store, not a store of its own.
          if (target && byId.get(target)?.type === 'AWS::S3::Bucket') {
            reading.sameRegionReplicas.set(target, bucket);
            return { unknown: 'same-Region' };
          }
          const arn = text(destination);
          if (typeof arn !== 'string') return arn;
          const bucketName = arn.startsWith('arn:') ? arn.split(':').slice(5).join(':') : arn;
          return bucketName ? { bucketName } : { unknown: `the destination ${arn}` };
        });
        reading.replications.push({ store: bucket, destinations: destinations.filter((d) => !('unknown' in d && d.unknown === 'same-Region')) });
        break;
      }
      case 'AWS::S3::MultiRegionAccessPoint': {
        // `Regions: [{ Bucket }]`: a bucket of this template by `Ref`, else a name joined to the stack that deploys it.
        const regions = isUnknownValue(props.Regions) ? [props.Regions] : asList(props.Regions);
        const buckets = regions.map((entry): AccessPointBucketRef => {
          if (isUnknownValue(entry)) return entry;
          const bucket = asRecord(entry).Bucket;
          const id = referencedId(bucket);
          if (id && byId.get(id)?.type === 'AWS::S3::Bucket') return { logicalId: id };
          const name = text(bucket);
          return typeof name === 'string' ? { bucketName: name } : { unknown: `a bucket named by ${name.unknown}` };
        });
        accessPoints.push({ location, buckets });
        break;
      }
      case 'AWS::MemoryDB::MultiRegionCluster':
        // Its Regions are its Regional clusters' (joined in system.ts); AWS prefixes its name, so members find it by reference.
        reading.globalClusters.push({ store: store({ store: 'memorydb-multi-region', regions: [] }) });
        break;
      case 'AWS::MemoryDB::Cluster': {
        if (props.MultiRegionClusterName === undefined) break; // a single-Region cluster
        const ref = referencedId(props.MultiRegionClusterName);
        const name = text(props.MultiRegionClusterName);
        reading.globalMembers.push({
          ...location,
          store: 'memorydb-multi-region',
          globalCluster:
            ref && byId.get(ref)?.type === 'AWS::MemoryDB::MultiRegionCluster' ? { logicalId: ref } : typeof name === 'string' ? { identifier: name } : name,
          region: here,
          writeForwarding: false,
        });
        break;
      }
      case 'AWS::Cassandra::Keyspace': {
        const specification = props.ReplicationSpecification;
        if (specification === undefined) break; // single-Region by default
        if (isUnknownValue(specification)) {
          reading.stores.push(store({ store: { unknown: `ReplicationSpecification: ${specification.unknown}` }, regions: [here] }));
          break;
        }
        const strategy = text(asRecord(specification).ReplicationStrategy ?? 'SINGLE_REGION');
        if (strategy === 'SINGLE_REGION') break;
        const listed = asRecord(specification).RegionList;
        const regions = isUnknownValue(listed) ? [here, listed] : [here, ...asList(listed).map((region) => text(region))];
        reading.stores.push(
          store({
            store: typeof strategy === 'string' ? 'keyspaces-multi-region' : { unknown: `ReplicationStrategy: ${strategy.unknown}` },
            regions: dedupeRegions(regions),
          }),
        );
        break;
      }
      case 'AWS::RDS::DBInstance': {
        // A read replica of an instance in another Region (`SourceDBInstanceIdentifier` an ARN there, or `SourceRegion`).
        if (props.SourceDBInstanceIdentifier === undefined) break;
        const source = text(props.SourceDBInstanceIdentifier);
        const sourceRegion = props.SourceRegion !== undefined ? text(props.SourceRegion) : (regionOfArn(source) ?? here);
        if (typeof sourceRegion === 'string' && sourceRegion === here) break; // a replica in the stack's own Region
        reading.stores.push(store({ store: 'rds-cross-region-replica', regions: [sourceRegion, here] }));
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
        reading.failovers.push({
          ...location,
          mode: manual || !triggered ? 'manual' : 'automatic',
          how: manual
            ? 'an ARC Region switch plan with a ManualApproval step'
            : triggered
              ? 'an ARC Region switch plan started by alarm triggers'
              : 'an ARC Region switch plan a person starts',
        });
        break;
      }
      case 'AWS::CloudFormation::Stack': {
        const assetPath = resource.metadata['aws:asset:path'];
        if (typeof assetPath === 'string' && assetPath.endsWith('.json')) reading.nestedTemplates.push(assetPath);
        // A CDK assembly's nested stacks are its own assets, found through its manifests.
        else if (!file.fromCloudAssembly)
          reading.nestedStacks.push({ logicalId: resource.logicalId, property: 'TemplateURL', location: text(props.TemplateURL) });
        break;
      }
      case 'AWS::Serverless::Application': {
        // `Location: { ApplicationId, SemanticVersion }` is an application of the Serverless Application Repository.
        const where = props.Location;
        const location: string | Unknown =
          where !== null && typeof where === 'object' && !isUnknownValue(where)
            ? { unknown: 'an application of the Serverless Application Repository' }
            : text(where);
        reading.nestedStacks.push({ logicalId: resource.logicalId, property: 'Location', location });
        break;
      }
      default: {
        const service = unmodelledService(resource.type);
        if (service) reading.unmodelled.push({ ...location, service });
        break;
      }
    }
  }
  // The cluster a global cluster was built from is its primary member, not a one-Region cluster.
  for (const [logicalId, global] of sourceClusters) {
    const primary = reading.stores.findIndex((candidate) => candidate.logicalId === logicalId && candidate.store === 'aurora');
    if (primary === -1) {
      // A DocumentDB or Neptune cluster is no store of its own: it joins as the primary member, so a catalog may name it.
      const cluster = template.resources.find((resource) => resource.logicalId === logicalId);
      if (cluster && !global.members.some((member) => member.logicalId === logicalId)) global.members.push(locate(cluster));
      continue;
    }
    const [cluster] = reading.stores.splice(primary, 1);
    absorbStore(global, cluster, { asMember: true });
  }
  // CDK's classic global table (`Table` with `replicationRegions`): one Custom::DynamoDBReplica per
  // Region, the table by `Ref`, the Region a plain property (or one the template fixes).
  const cdkReplicas = template.resources.filter((resource) => resource.type === 'Custom::DynamoDBReplica');
  for (const replica of cdkReplicas) {
    const props = asRecord(evaluateIntrinsics(replica.properties, template, file.region));
    const table = reading.stores.find((store) => store.logicalId === referencedId(props.TableName) && store.type === 'AWS::DynamoDB::Table');
    if (!table) continue;
    table.regions.push(resolveString(props.Region, template, file.region));
    table.regions = dedupeRegions(table.regions);
    if (table.store === 'dynamodb') table.store = 'dynamodb-global';
    table.members.push(locate(replica));
  }
  // Another `Custom::` resource that references a table or bucket of this stack and names Regions
  // (the pre-2019 way to make a plain table global) may replicate it: its Regions become unknown.
  for (const custom of template.resources.filter(
    (resource) =>
      (resource.type.startsWith('Custom::') && resource.type !== 'Custom::DynamoDBReplica') || resource.type === 'AWS::CloudFormation::CustomResource',
  )) {
    // Regions written in it, or given by a parameter's default (`ReplicationGroupList: !Ref Regions`).
    const namesRegions =
      /[a-z]{2}(-gov)?-[a-z]+-\d|Region/.test(JSON.stringify(custom.properties)) ||
      /[a-z]{2}(-gov)?-[a-z]+-\d/.test(JSON.stringify(evaluateIntrinsics(custom.properties, template, file.region)));
    if (!namesRegions) continue;
    const referenced = referencedIds(custom.properties);
    for (const store of reading.stores) {
      if (!referenced.has(store.logicalId)) continue;
      store.regions.push({ unknown: `what the custom resource ${custom.logicalId} (${custom.type}) sets up` });
      if (store.store === 'dynamodb') store.store = { unknown: `a table the custom resource ${custom.logicalId} may make global` };
    }
  }
  // A bucket of this template that the condition leaves out in this Region is not one the access point can reach.
  for (const { location, buckets } of accessPoints) {
    reading.accessPoints.push({
      location,
      buckets: buckets.map((bucket) => {
        if (!('logicalId' in bucket)) return bucket;
        const store = bucketsById.get(bucket.logicalId);
        return store ? { store } : { unknown: `the bucket ${bucket.logicalId}, which this stack does not create in its Region` };
      }),
    });
  }
  // A one-way same-Region replica belongs to its source: the catalog names the source.
  for (const [replicaId, source] of reading.sameRegionReplicas) {
    const replica = reading.stores.find((candidate) => candidate.logicalId === replicaId);
    if (!replica || replica === source || reading.replications.some((replication) => replication.store === replica)) continue;
    source.members.push(replica);
    reading.stores.splice(reading.stores.indexOf(replica), 1);
  }
  return reading;
}

/** The logical ids a record and its health check point at: `Ref`, `Fn::GetAtt`, and `${Id.Attr}` in `Fn::Sub`. */
function frontedIds(values: unknown[]): Set<string> {
  const found = new Set<string>();
  for (const value of values) referencedIds(value, found);
  JSON.stringify(values).replace(/"Fn::Sub":\s*\[?"([^"]*)"/g, (_, pattern: string) => {
    for (const [, id] of pattern.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[^}]*)?\}/g)) if (!id.startsWith('AWS')) found.add(id);
    return '';
  });
  return found;
}

/**
 * A failover record and who moves traffic off the primary: an ARC routing control (a person) or a
 * health check (a machine). The PRIMARY record's check decides; a SECONDARY is only where traffic goes.
 */
function pushFailover(
  reading: StackReading,
  location: ResourceLocation,
  record: Record<string, unknown>,
  byId: Map<string, TemplateResource>,
  template: Template,
): void {
  if (resolveString(record.Failover, template) !== 'PRIMARY') return;
  const name = resolveString(record.Name, template);
  const recordName = typeof name === 'string' ? name.replace(/\.$/, '') : location.logicalId;
  const checkId = referencedId(record.HealthCheckId);
  const check = checkId ? byId.get(checkId) : undefined;
  const fronts = [...frontedIds([byId.get(location.logicalId)?.properties, check?.properties])].filter((id) => id !== checkId);
  const push = (route: Omit<FailoverRoute, keyof ResourceLocation | 'fronts'>) => reading.failovers.push({ ...location, ...route, fronts });
  if (check?.type === 'AWS::Route53::HealthCheck') {
    const config = asRecord(check.properties.HealthCheckConfig);
    // A calculated check's children, when this template defines them (a child defined elsewhere is unknown).
    const children = asList(config.ChildHealthChecks).map((child) => {
      const defined = byId.get(referencedId(child) ?? '');
      return defined?.type === 'AWS::Route53::HealthCheck' ? { type: asRecord(defined.properties.HealthCheckConfig).Type } : undefined;
    });
    const control = healthCheckControl(config.Type, children);
    if (control !== 'unknown') push({ mode: control, how: healthCheckHow(config.Type, control, recordName) });
  } else if (record.HealthCheckId === undefined && asRecord(record.AliasTarget).EvaluateTargetHealth === true) {
    push({ mode: 'automatic', how: `the alias target's health on ${recordName}` });
  }
  // A health check defined elsewhere: its type is not in this template, so neither is who fails over.
}
