// The catalog's JSON Schema as completion and hovers read it: which keys a place holds and what
// each key and enum value means, in the schema's own words.
import catalogSchema from '../../../../schemas/data-catalog.schema.json';

export type SchemaNode = {
  $ref?: string;
  description?: string;
  markdownDescription?: string;
  enum?: string[];
  markdownEnumDescriptions?: string[];
  properties?: Record<string, SchemaNode>;
  then?: SchemaNode;
  [key: string]: unknown;
};
const schema = catalogSchema as unknown as SchemaNode & { $defs: Record<string, SchemaNode> };
const defs = schema.$defs;

/** A schema node's description with its code spans: completion and hovers render Markdown. */
export const markdownOf = (node: SchemaNode) => node.markdownDescription ?? node.description;

/** A node's own properties and those of its `$ref`s. */
function propertiesOf(node: SchemaNode): Record<string, SchemaNode> {
  const own = node.properties ?? {};
  return node.$ref ? { ...propertiesOf(refTarget(node.$ref)), ...own } : own;
}
function refTarget(ref: string): SchemaNode {
  return defs[ref.replace('#/$defs/', '')];
}
/** A property's schema with its `$ref` followed, keeping the property's own description. */
export function resolved(node: SchemaNode): SchemaNode {
  return node.$ref ? { ...resolved(refTarget(node.$ref)), ...node, $ref: undefined } : node;
}

export type Context =
  'root' | 'metadata' | 'region' | 'defaults' | 'dataType' | 'guard' | 'acceptedRisk' | 'dataRegions' | 'guards' | 'resources' | 'writes' | 'other';

export const KEYS_OF: Partial<Record<Context, Record<string, SchemaNode>>> = {
  root: schema.properties,
  metadata: schema.properties!.metadata.properties,
  region: defs.region.properties,
  defaults: propertiesOf(defs.dataTypeFields),
  dataType: { name: defs.dataType.properties!.name, ...propertiesOf(defs.dataTypeFields), resources: defs.dataType.properties!.resources },
  guard: defs.splitBrainGuardObject.properties,
  acceptedRisk: defs.acceptedRisk.properties,
};

/** What a path of keys (`-` for a sequence item) from the root holds. */
export function contextOf(path: readonly string[]): Context {
  const joined = path.join('/');
  if (joined === '') return 'root';
  if (joined === 'metadata') return 'metadata';
  if (joined === 'regions/-') return 'region';
  if (joined === 'defaults') return 'defaults';
  if (joined === 'dataTypes/-') return 'dataType';
  if (/^(dataTypes\/-|defaults)\/splitBrainGuards\/-$/.test(joined)) return 'guard';
  if (/^(dataTypes\/-|defaults)\/acceptedRisks\/-$/.test(joined)) return 'acceptedRisk';
  if (/^(dataTypes\/-|defaults)\/regions$/.test(joined)) return 'dataRegions';
  if (/^(dataTypes\/-|defaults)\/splitBrainGuards$/.test(joined)) return 'guards';
  if (joined === 'dataTypes/-/resources') return 'resources';
  if (/^(dataTypes\/-|defaults)\/writes$/.test(joined)) return 'writes';
  return 'other';
}

/** What a key means where it is written (`path`: the keys above it, `-` for list items), for hovers. */
export function describeKey(path: readonly string[], key: string): string | undefined {
  const node = KEYS_OF[contextOf(path)]?.[key];
  return node && markdownOf(resolved(node));
}

/** The keys each kind of guard takes besides `type` (the schema's descriptions say "of a fencing-lease guard"...). */
const GUARD_SETTINGS: Record<string, readonly string[]> = {
  'fencing-lease': ['leaseStore', 'ttl'],
  'witness-region': ['region'],
  'human-approval': ['approvers'],
  quorum: [],
};

/** Keys that do not belong to a guard of `type` (none while the type is unknown or unwritten). */
export function keysOtherGuardsTake(type: string | undefined): Set<string> {
  const own = type === undefined ? undefined : GUARD_SETTINGS[type];
  if (!own) return new Set();
  return new Set(Object.values(GUARD_SETTINGS).flatMap((keys) => keys.filter((key) => !own.includes(key))));
}

export function guardDescription(type: string): string | undefined {
  const node = defs.splitBrainGuard.then!;
  const index = node.enum!.indexOf(type);
  return index === -1 ? undefined : node.markdownEnumDescriptions![index];
}
