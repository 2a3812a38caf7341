// Turns the generated ajv validator's errors into findings on the YAML node each one concerns,
// with a did-you-mean for enum values and unknown keys.
import { closest, distance } from 'fastest-levenshtein';
import catalogSchema from '../../../schemas/data-catalog.schema.json';
import { CatalogSource, PathSegment } from './source';
import type { SourceRange } from './range';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const validateCatalog: ValidateFunction = require('../generated/validateCatalog');

interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

interface ValidateFunction {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

export interface SchemaViolation {
  path: PathSegment[];
  range: SourceRange;
  /** One short sentence, plain text. */
  message: string;
  /** The message with what is allowed and why, in Markdown. */
  detail: string;
  suggestion?: string;
  /** For a misspelt enum value: every close value, nearest first, and the violation told with another of them. */
  alternatives?: { candidates: string[]; retell(suggestion: string): SchemaViolation };
}

type SchemaNode = { $ref?: string; properties?: Record<string, SchemaNode>; description?: string; markdownDescription?: string; [key: string]: unknown };

export function schemaViolations(value: unknown, source: CatalogSource): SchemaViolation[] {
  if (value === null || value === undefined) {
    return [
      {
        path: [],
        range: source.range(0, 0),
        message: 'The file has no catalog in it: start it with apiVersion: cap-advisor/v1 and kind: DataCatalog.',
        detail:
          'The file has no catalog in it. A catalog starts with `apiVersion: cap-advisor/v1` and `kind: DataCatalog` (the "New Data Catalog" command or the `cap-catalog` snippet writes a skeleton).',
      },
    ];
  }
  const violations: SchemaViolation[] = [...duplicateRegions(value, source), ...contradictoryWriteModes(value, source)];
  if (validateCatalog(value)) return violations;
  const seen = new Set<string>();
  for (const error of validateCatalog.errors ?? []) {
    // The if/then/else of a guard reports its branch's own error too; the branch error says it all.
    if (error.keyword === 'if') continue;
    const violation = describe(error, value, source);
    const key = `${violation.range.offset.join(':')}|${violation.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    violations.push(violation);
  }
  return violations;
}

/** A Region declared twice: JSON Schema cannot say that two items' names must differ, so it is checked here, on the second name. */
function duplicateRegions(value: unknown, source: CatalogSource): SchemaViolation[] {
  const regions = (value as { regions?: unknown }).regions;
  if (!Array.isArray(regions)) return [];
  const declared = new Map<string, number>();
  return regions.flatMap((region, index): SchemaViolation[] => {
    const name = (region as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') return [];
    const first = declared.get(name);
    if (first === undefined) {
      declared.set(name, index);
      return [];
    }
    return [
      {
        path: ['regions', index, 'name'],
        range: source.rangeAt(['regions', index, 'name']),
        message: `Region '${name}' is declared twice: remove this one.`,
        detail: `\`${name}\` is already declared at \`regions[${first}]\`. A Region is declared once, with one role: twice, every data type in it would be counted, simulated and drawn twice.`,
      },
    ];
  });
}

/**
 * A topology and a writeMode that contradict each other: hot-warm is one writer Region, hot-hot is
 * every Region writing (any-region, or each item in its home Region). Declared on one data type (or
 * one of them in `defaults`), the entry would say two things; it is checked on the data type's own
 * writeMode, or its topology.
 */
function contradictoryWriteModes(value: unknown, source: CatalogSource): SchemaViolation[] {
  const { dataTypes, defaults } = value as { dataTypes?: unknown; defaults?: { topology?: unknown; writeMode?: unknown } };
  if (!Array.isArray(dataTypes)) return [];
  return dataTypes.flatMap((entry, index): SchemaViolation[] => {
    const dataType = (entry ?? {}) as { name?: unknown; topology?: unknown; writeMode?: unknown };
    const topology = dataType.topology ?? defaults?.topology;
    const writeMode = dataType.writeMode ?? defaults?.writeMode;
    const name = typeof dataType.name === 'string' ? dataType.name : `dataTypes[${index}]`;
    const at = dataType.writeMode !== undefined ? 'writeMode' : dataType.topology !== undefined ? 'topology' : undefined;
    if (!at) return [];
    const path = ['dataTypes', index, at];
    if (topology === 'hot-hot' && writeMode === 'one-region') {
      return [
        {
          path,
          range: source.rangeAt(path),
          message: `'${name}' is hot-hot, but writeMode: one-region says one Region writes: make it hot-warm.`,
          detail: `\`${name}\` declares \`topology: hot-hot\` (every Region takes writes) and \`writeMode: one-region\` (one Region takes every write). One writer Region is the hot-warm topology: set \`topology: hot-warm\` and drop the writeMode, or keep hot-hot with \`writeMode: home-region\` (each item written in its home Region).`,
        },
      ];
    }
    if (topology === 'hot-warm' && (writeMode === 'any-region' || writeMode === 'home-region')) {
      return [
        {
          path,
          range: source.rangeAt(path),
          message: `'${name}' is hot-warm, but writeMode: ${writeMode} says every Region writes: make it hot-hot.`,
          detail: `\`${name}\` declares \`topology: hot-warm\` (one writer Region) and \`writeMode: ${writeMode}\` (every Region takes writes${writeMode === 'home-region' ? ', each item in its home Region' : ''}). Every Region writing is the hot-hot topology: set \`topology: hot-hot\`, or drop the writeMode to keep one writer Region.`,
        },
      ];
    }
    return [];
  });
}

function describe(error: SchemaError, value: unknown, source: CatalogSource): SchemaViolation {
  const violation = describeInMarkdown(error, value, source);
  return { ...violation, message: plainText(violation.message) };
}

/** Code spans become quotes: the Problems panel and the CLI show plain text. */
function plainText(markdown: string): string {
  return markdown.replace(/`([^`]*)`/g, "'$1'");
}

/** Messages in Markdown; `describe` makes the message plain text. */
function describeInMarkdown(error: SchemaError, value: unknown, source: CatalogSource): SchemaViolation {
  const path = parsePointer(error.instancePath);
  const where = describePath(path, value);
  const actual = valueAt(value, path);
  switch (error.keyword) {
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const key = String(error.params.additionalProperty ?? error.params.unevaluatedProperty);
      const allowed = Object.keys(propertiesAt(path, value));
      const suggestion = didYouMean(key, allowed);
      return {
        path: [...path, key],
        range: source.keyRangeAt([...path, key]),
        message: `Unknown key \`${key}\` in ${where}${suggestion ? `: did you mean \`${suggestion}\`?` : '.'}`,
        detail: `Unknown key \`${key}\` in ${where}.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''} Allowed keys: ${allowed.join(', ')}.`,
        suggestion,
      };
    }
    case 'required': {
      const missing = String(error.params.missingProperty);
      const property = propertiesAt(path, value)[missing];
      const description = property?.markdownDescription ?? property?.description;
      const hint = description ? ` ${firstSentence(description)}` : '';
      return {
        path,
        range: rangeForObject(source, path),
        message: `${capitalise(where)} is missing \`${missing}\`.`,
        detail: `${capitalise(where)} is missing \`${missing}\`.${hint}`,
      };
    }
    case 'enum': {
      const ownField = ownerOfField(path, value);
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      const candidates = typeof actual === 'string' ? closeValues(actual, allowed) : [];
      const tell = (suggestion: string | undefined): SchemaViolation => ({
        path,
        range: source.rangeAt(path),
        // A data type's own field starts with its name, as the rules' messages do: shorter, so the Problems panel shows it whole.
        message: plainText(
          `${ownField ? `${ownField}: ${show(actual)} is not ${article(fieldName(path))} ${fieldName(path)}` : `${show(actual)} is not a valid ${fieldName(path)} in ${where}`}${suggestion ? `: did you mean \`${suggestion}\`?` : '.'}`,
        ),
        detail: `${show(actual)} is not a valid ${fieldName(path)} in ${where}.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''} Allowed: ${allowed.join(', ')}.`,
        suggestion,
        alternatives: candidates.length > 1 ? { candidates, retell: tell } : undefined,
      });
      return tell(candidates[0]);
    }
    case 'const':
      return same({
        path,
        range: source.rangeAt(path),
        message: `\`${fieldName(path)}\` must be \`${String(error.params.allowedValue)}\`, not ${show(actual)}.`,
      });
    case 'type': {
      const expected = yamlTypeWord(String(error.params.type));
      const isGuard = typeof path[path.length - 1] === 'number' && path[path.length - 2] === 'splitBrainGuards';
      if (isGuard) {
        return {
          path,
          range: source.rangeAt(path),
          message: `A split-brain guard in ${where.replace(/^`[^`]*` of /, '')} is a name or an object, not ${show(actual)}.`,
          detail: `A split-brain guard is a name (human-approval, fencing-lease, witness-region, quorum) or an object such as \`{ type: fencing-lease, ttl: 30s }\`, not ${show(actual)}.`,
        };
      }
      return same({ path, range: source.rangeAt(path), message: `${capitalise(where)} must be ${article(expected)} ${expected}, not ${typeName(actual)}.` });
    }
    case 'pattern':
      return { path, range: source.rangeAt(path), ...patternMessage(String(error.params.pattern), actual, where, ownerOfField(path, value)) };
    case 'minItems':
      return same({ path, range: source.rangeAt(path), message: `${capitalise(where)} must list at least ${String(error.params.limit)} item(s).` });
    case 'minLength':
      return same({ path, range: source.rangeAt(path), message: `${capitalise(where)} must not be empty.` });
    case 'minimum':
      return same({ path, range: source.rangeAt(path), message: `${capitalise(where)} must be at least ${String(error.params.limit)}.` });
    default:
      return same({ path, range: source.rangeAt(path), message: `${capitalise(where)} ${error.message ?? 'is invalid'}.` });
  }
}

function patternMessage(pattern: string, actual: unknown, where: string, owner: string | undefined): { message: string; detail: string } {
  if (pattern === catalogSchema.$defs.duration.pattern) {
    return {
      message: `${owner ? `${owner}: ${show(actual)} is not a duration` : `${show(actual)} is not a duration (${where})`}: write a number and ms, s, m, h or d, such as \`30s\`.`,
      detail: `${show(actual)} is not a duration (${where}): write a whole number and a unit (ms, s, m, h or d), such as \`500ms\`, \`30s\`, \`5m\`.`,
    };
  }
  if (pattern === catalogSchema.$defs.regionName.pattern) {
    return {
      message: `${show(actual)} is not an AWS Region code (${where}): write it like \`us-east-1\`.`,
      detail: `${show(actual)} is not an AWS Region code (${where}): Region codes look like \`us-east-1\` or \`eu-west-2\`.`,
    };
  }
  return {
    message: `${show(actual)} is not a valid data type name: use lowercase letters, digits, -, _ and dots.`,
    detail: `${show(actual)} is not a valid data type name: use lowercase letters, digits, \`-\`, \`_\` and \`.\`, starting with a letter or digit.`,
  };
}

/** A violation whose message already says everything: the detail repeats it. */
function same(violation: Omit<SchemaViolation, 'detail'>): SchemaViolation {
  return { ...violation, detail: violation.message };
}

/** A missing property is reported on the key that holds the object (or its first line). */
function rangeForObject(source: CatalogSource, path: PathSegment[]): SourceRange {
  const last = path[path.length - 1];
  return typeof last === 'string' ? source.keyRangeAt(path) : source.rangeAt(path);
}

/**
 * The allowed values a typo could have meant, nearest spelling first: those within a few edits,
 * and those the typed text begins (`dynamo` may be any DynamoDB store). The analysis may prefer
 * one that fits the data type's need.
 */
function closeValues(actual: string, allowed: string[]): string[] {
  const scored = allowed.map((value) => ({ value, distance: distance(actual, value) }));
  const limit = (value: string) => Math.max(2, Math.floor(value.length / 3));
  return scored
    .filter(({ value, distance: d }) => d <= limit(value) || (actual.length >= 3 && value.startsWith(actual)))
    .sort((a, b) => a.distance - b.distance)
    .map(({ value }) => value);
}

/** The allowed value a mistyped one most likely meant, when it is a few letters away: every did-you-mean of the tool. */
export function didYouMean(actual: string, allowed: readonly string[]): string | undefined {
  if (allowed.length === 0) return undefined;
  const best = closest(actual, [...allowed]);
  const limit = Math.max(2, Math.floor(best.length / 3));
  return distance(actual, best) <= limit ? best : undefined;
}

function parsePointer(pointer: string): PathSegment[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => {
      const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^\d+$/.test(segment) ? Number(segment) : segment;
    });
}

function valueAt(value: unknown, path: PathSegment[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment as string];
  }
  return current;
}

/** `data type \`carts\``, `dataTypes[3].splitBrainGuards[0]`, `the catalog`. */
function describePath(path: PathSegment[], value: unknown): string {
  if (path.length === 0) return 'the catalog';
  if (path[0] === 'dataTypes' && typeof path[1] === 'number') {
    const name = valueAt(value, ['dataTypes', path[1], 'name']);
    const owner = typeof name === 'string' ? `data type \`${name}\`` : `data type #${path[1] + 1}`;
    const rest = formatPath(path.slice(2));
    return rest ? `\`${rest}\` of ${owner}` : owner;
  }
  return `\`${formatPath(path)}\``;
}

/**
 * For a data type's own field (`dataTypes[i].store`), the data type as the start of a message: its
 * name quoted, or its position while it has none. The rules' messages start the same way.
 */
function ownerOfField(path: PathSegment[], value: unknown): string | undefined {
  const [list, index] = path;
  if (path.length !== 3 || list !== 'dataTypes' || typeof index !== 'number') return undefined;
  const name = valueAt(value, ['dataTypes', index, 'name']);
  return typeof name === 'string' ? `\`${name}\`` : `Data type #${index + 1}`;
}

function formatPath(path: PathSegment[]): string {
  return path.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('');
}

function fieldName(path: PathSegment[]): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return String(path[i]);
  return 'value';
}

function schemaAt(schemaPath: string): SchemaNode | undefined {
  let node: unknown = catalogSchema;
  for (const raw of schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node as SchemaNode | undefined;
}

/**
 * The properties the schema allows at an instance path. Walks the schema along the data rather
 * than trusting ajv's `schemaPath`, which is relative to a `$ref`'d sub-schema in standalone code.
 */
function propertiesAt(path: PathSegment[], value: unknown): Record<string, SchemaNode> {
  let nodes = withRefs(catalogSchema as SchemaNode);
  let current = value;
  for (const segment of path) {
    current = valueAt(current, [segment]);
    const next = nodes.map((n) => (typeof segment === 'number' ? n.items : n.properties?.[segment]) as SchemaNode | undefined).find(Boolean);
    if (!next) return {};
    nodes = withRefs(next);
    // A guard's object form lives in the `else` branch of its if/then/else.
    const branch = nodes.find((n) => n.else)?.else as SchemaNode | undefined;
    if (branch && current !== null && typeof current === 'object') nodes = [...nodes, ...withRefs(branch)];
  }
  return Object.assign({}, ...nodes.map((n) => n.properties ?? {}));
}

/** A schema node followed by the nodes its `$ref` chain points at. */
function withRefs(node: SchemaNode): SchemaNode[] {
  const chain = [node];
  for (let n = node; n.$ref;) {
    n = schemaAt(n.$ref)!;
    chain.push(n);
  }
  return chain;
}

function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1);
}

function show(value: unknown): string {
  if (typeof value === 'string') return `\`${value.length > 60 ? `${value.slice(0, 57)}...` : value}\``;
  if (value === null || value === undefined) return 'an empty value';
  if (typeof value === 'object') return Array.isArray(value) ? 'a list' : 'a mapping';
  return `\`${String(value)}\``;
}

function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${article(typeof value)} ${typeof value} (${show(value)})`;
}

/** JSON Schema's type names in the words of a YAML user. */
function yamlTypeWord(jsonType: string): string {
  return ({ object: 'mapping', array: 'list', boolean: 'boolean (true or false)', integer: 'whole number' } as Record<string, string>)[jsonType] ?? jsonType;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
