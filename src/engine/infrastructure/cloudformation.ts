// Reading a CloudFormation (or SAM) template, YAML with its short-form tags or JSON, into
// resources with the position of each logical id, and the data-store facts of the DynamoDB
// resources. A first piece of reading the deployed system (issue 12): the linking, the rules,
// the other stores, CDK assemblies and Route 53 come next. Values that intrinsic functions
// compute and that the template alone cannot give (a parameter without a default, an import)
// are `unknown`, never guessed.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { SourceRange, StoreId } from '../types';

export interface TemplateResource {
  logicalId: string;
  type: string;
  /** Where the logical id is written. */
  range: SourceRange;
  /** The properties as plain data; intrinsic functions in their long form (`{ Ref }`, `{ "Fn::Sub": … }`). */
  properties: Record<string, unknown>;
}

export interface Template {
  resources: TemplateResource[];
  /** Parameters with their `Default`, when they have one. */
  parameterDefaults: Record<string, unknown>;
}

/** A value the template does not fix: the reason is shown to the user. */
export interface Unknown {
  unknown: string;
}

export interface DataStoreFacts {
  logicalId: string;
  type: string;
  range: SourceRange;
  /** Unknown when the consistency mode is computed by something the template does not fix. */
  store: StoreId | Unknown;
  /** The Regions that hold the data, as far as the template fixes them. */
  regions: Array<string | Unknown>;
  witness?: string | Unknown;
}

/** Parses a template; a text that is not a CloudFormation template gets the reason why. */
export function readTemplate(text: string): Template | { error: string } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) return { error: `the template does not parse: ${doc.errors[0].message.split('\n')[0]}` };
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
      const resource = plain(pair.value as Node | null) as { Type?: unknown; Properties?: unknown } | null;
      if (!isScalar(pair.key) || !resource || typeof resource.Type !== 'string') return [];
      const properties = resource.Properties && typeof resource.Properties === 'object' ? resource.Properties as Record<string, unknown> : {};
      return [{ logicalId: String(pair.key.value), type: resource.Type, range: range(pair.key as Node), properties }];
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

/** A string the template fixes: a literal, `AWS::Region` when the stack's Region is known, a parameter's default. */
export function resolveString(value: unknown, template: Template, stackRegion?: string): string | Unknown {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'Ref' in value) {
    const ref = (value as { Ref: unknown }).Ref;
    if (ref === 'AWS::Region') return stackRegion ?? { unknown: 'the stack\'s Region (give it in the catalog\'s infrastructure entry)' };
    if (typeof ref === 'string' && typeof template.parameterDefaults[ref] === 'string') return template.parameterDefaults[ref] as string;
    return { unknown: `the parameter ${String(ref)}, which has no default` };
  }
  const fn = value && typeof value === 'object' ? Object.keys(value)[0] : undefined;
  return { unknown: fn ? `a value computed by ${fn}` : 'an empty value' };
}

/** The DynamoDB data stores of a template, with what the template says of their store, Regions and witness. */
export function dynamoDbStores(template: Template, stackRegion?: string): DataStoreFacts[] {
  return template.resources.flatMap((resource): DataStoreFacts[] => {
    const base = { logicalId: resource.logicalId, type: resource.type, range: resource.range };
    const here = stackRegion ?? { unknown: 'the stack\'s Region (give it in the catalog\'s infrastructure entry)' };
    if (resource.type === 'AWS::DynamoDB::Table' || resource.type === 'AWS::Serverless::SimpleTable') return [{ ...base, store: 'dynamodb', regions: [here] }];
    if (resource.type !== 'AWS::DynamoDB::GlobalTable') return [];
    const replicas = Array.isArray(resource.properties.Replicas) ? resource.properties.Replicas : [];
    const regions = replicas.map((replica) => resolveString((replica as { Region?: unknown } | null)?.Region, template, stackRegion));
    const witnesses = resource.properties.GlobalTableWitnesses;
    const witness = Array.isArray(witnesses) && witnesses.length > 0 ? resolveString((witnesses[0] as { Region?: unknown } | null)?.Region, template, stackRegion) : undefined;
    const consistency = resolveString(resource.properties.MultiRegionConsistency ?? 'EVENTUAL', template, stackRegion);
    const store: StoreId | Unknown = typeof consistency !== 'string'
      ? { unknown: `MultiRegionConsistency: ${consistency.unknown}` }
      : consistency === 'STRONG' ? 'dynamodb-global-strong' : regions.length >= 2 ? 'dynamodb-global' : 'dynamodb';
    return [{ ...base, store, regions, ...(witness !== undefined ? { witness } : {}) }];
  });
}
