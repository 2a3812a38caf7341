// Terraform configuration as the engine sees it: blocks, attributes and expressions with the
// position of each block, whatever parser the shell used (src/workspace/terraform.ts turns
// tree-sitter's syntax tree into this). Evaluating a module tree gives each resource its values
// and its Region: its own `region` argument (AWS provider 6), its `provider = aws.alias`, the
// providers its module call passes, else the module's default provider. What the configuration
// does not fix (a variable without a default, a data source, an attribute known after apply) is
// unknown, never guessed.
import type { SourceRange } from '../model/types';
import { isUnknown, type Unknown } from '../model/deployed';
import { callFunction, failure, isFailure, isObject, isReference, notKnown, sortedEntries, type TerraformObject, type TerraformValue } from './hclFunctions';

export { isReference, type Reference, type TerraformValue } from './hclFunctions';

export type HclExpression =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'template'; parts: Array<string | HclExpression> }
  /** The leading names of a traversal: `var.x`, `local.y`, `aws.west`, `aws_s3_bucket.a`, `module.m.out`. */
  | { kind: 'reference'; path: string[] }
  | { kind: 'tuple'; items: HclExpression[] }
  | { kind: 'object'; entries: Array<[string, HclExpression]> }
  /** `f(a, b)`, `f(list...)` */
  | { kind: 'call'; name: string; args: HclExpression[]; expand: boolean }
  | { kind: 'conditional'; condition: HclExpression; then: HclExpression; otherwise: HclExpression }
  /** `!a`, `-a` (one operand), `a && b`, `a == b`, `a + b` (two). */
  | { kind: 'operation'; operator: string; operands: HclExpression[] }
  /** What follows a term: `aws_s3_bucket.a[0].arn`, `var.rules[*].id`, `(expr).x`. */
  | { kind: 'traversal'; base: HclExpression; steps: HclStep[] }
  /** `[for v in list : v.x if cond]`, `{ for k, v in map : k => v }`. */
  | {
      kind: 'for';
      keyName?: string;
      valueName: string;
      collection: HclExpression;
      key?: HclExpression;
      value: HclExpression;
      condition?: HclExpression;
      grouping: boolean;
    }
  /** Anything else (a heredoc, a template directive): its source text, for messages. */
  | { kind: 'other'; text: string };

export type HclStep = { attribute: string } | { index: HclExpression } | { splat: true };

export interface HclBlock {
  type: string;
  labels: string[];
  /** Where the block's first line is (`resource "aws_dynamodb_table" "carts" {`). */
  range: SourceRange;
  attributes: Record<string, HclExpression>;
  blocks: HclBlock[];
}

export interface HclFile {
  /** Relative to the catalog's folder. */
  file: string;
  blocks: HclBlock[];
}

/** A module as the shell read it: its files and the local modules it calls, read in turn. */
export interface TerraformModule {
  files: HclFile[];
  /** `*.tfvars` values of a root module (terraform.tfvars, *.auto.tfvars). */
  tfvars?: Record<string, HclExpression>;
  /** The local modules its `module` blocks call, by the call's name. */
  calls: Map<string, TerraformModule>;
}

export interface TerraformResource {
  /** `aws_dynamodb_table.carts`, `module.db.aws_rds_cluster.writer`. */
  address: string;
  type: string;
  file: string;
  range: SourceRange;
  /** Arguments and nested blocks (a list per block type), evaluated. */
  values: Record<string, TerraformValue>;
  region: string | Unknown;
  /** The module path (`module.db`), or '' for the root module. */
  module: string;
}

const UNKNOWN_PROVIDER_REGION: Unknown = { unknown: "the AWS provider's Region, which the configuration does not set" };

/** Module calls deeper than this are not followed: a configuration that nests so deep is a loop or a generator's output. */
export const MAX_MODULE_DEPTH = 16;

/** At most this many instances of one resource are read (`count = 10000` describes one configuration). */
const MAX_INSTANCES = 64;

interface Scope {
  module: TerraformModule;
  /** `module.a.module.b.` */
  prefix: string;
  variables: Map<string, HclExpression | undefined>;
  /** Where variable values come from: the calling module's scope (for a module call's arguments), or this scope (defaults). */
  inputs: Map<string, { expression: HclExpression; scope: Scope | undefined }>;
  locals: Map<string, HclExpression>;
  outputs: Map<string, HclExpression>;
  /** Provider key (`aws`, `aws.west`) → its Region. */
  providers: Map<string, string | Unknown>;
  /** The module calls this module makes that were read, by name (absent: not read, or `count = 0`). */
  children: Map<string, Scope>;
  /** Names bound here: `each`, `count`, a dynamic block's iterator, a `for` expression's names. */
  bindings: Map<string, TerraformValue>;
  /** Locals, variables and outputs being evaluated: one that refers to itself is unknown, not a stack overflow. */
  evaluating: Set<string>;
  /** Their values once known: they do not depend on `each` or `count`, so every instance shares them. */
  values: Map<string, TerraformValue>;
}

/** Every resource of a module tree, with its values and Region. */
export function evaluateModules(root: TerraformModule): TerraformResource[] {
  const resources: TerraformResource[] = [];
  collect(scopeOf(root, '', undefined, new Map(), new Map(), 0), resources);
  return resources;
}

/**
 * The AWS provider configurations of a root module, by key (`aws`, `aws.west`) → Region: where a
 * file dropped into the root deploys by default, and which aliases it may name.
 */
export function rootProviders(root: TerraformModule): Record<string, string | Unknown> {
  return Object.fromEntries(scopeOf(root, '', undefined, new Map(), new Map(), MAX_MODULE_DEPTH).providers);
}

function scopeOf(
  module: TerraformModule,
  prefix: string,
  parent: Scope | undefined,
  inputs: Scope['inputs'],
  passedProviders: Map<string, string | Unknown>,
  depth: number,
): Scope {
  const blocks = module.files.flatMap((file) => file.blocks);
  const scope: Scope = {
    module,
    prefix,
    variables: new Map(),
    inputs,
    locals: new Map(),
    outputs: new Map(),
    providers: new Map(passedProviders),
    children: new Map(),
    bindings: new Map(),
    evaluating: new Set(),
    values: new Map(),
  };
  for (const block of blocks) {
    if (block.type === 'variable' && block.labels[0]) scope.variables.set(block.labels[0], block.attributes.default);
    if (block.type === 'locals') for (const [name, expression] of Object.entries(block.attributes)) scope.locals.set(name, expression);
    if (block.type === 'output' && block.labels[0] && block.attributes.value) scope.outputs.set(block.labels[0], block.attributes.value);
  }
  if (!parent && module.tfvars) {
    for (const [name, expression] of Object.entries(module.tfvars)) scope.inputs.set(name, { expression, scope: undefined });
  }
  // Providers configured here override what the caller passed (a child module should not, but may).
  for (const block of blocks) {
    if (block.type !== 'provider' || block.labels[0] !== 'aws') continue;
    const alias = evaluate(block.attributes.alias, scope);
    const key = typeof alias === 'string' ? `aws.${alias}` : 'aws';
    const region = block.attributes.region ? evaluate(block.attributes.region, scope) : UNKNOWN_PROVIDER_REGION;
    scope.providers.set(key, typeof region === 'string' ? region : (notKnown(region) ?? { unknown: 'a Region the provider computes' }));
  }
  if (depth >= MAX_MODULE_DEPTH) return scope;
  for (const block of blocks) {
    const name = block.labels[0];
    const child = block.type === 'module' && name ? module.calls.get(name) : undefined;
    if (!child || !name) continue;
    // `count = 0` (often `var.enabled ? 1 : 0`) calls nothing; other counts and for_each make one
    // reading of the module, with `count.index` and `each` unknown.
    const repetition = instancesOf(block, scope);
    if (Array.isArray(repetition) && repetition.length === 0) continue;
    const callScope =
      Array.isArray(repetition) && repetition.length === 1
        ? repetition[0].scope
        : bind(scope, {
            count: { index: { unknown: 'count.index of a module called more than once' } },
            each: { key: { unknown: 'each.key of a module called for_each' }, value: { unknown: 'each.value of a module called for_each' } },
          });
    const childInputs: Scope['inputs'] = new Map();
    for (const [argument, expression] of Object.entries(block.attributes)) {
      if (!['source', 'version', 'providers', 'count', 'for_each', 'depends_on'].includes(argument))
        childInputs.set(argument, { expression, scope: callScope });
    }
    // `providers = { aws = aws.west }` maps the child's provider keys to this module's.
    const childProviders = new Map<string, string | Unknown>([['aws', scope.providers.get('aws') ?? UNKNOWN_PROVIDER_REGION]]);
    const mapping = block.attributes.providers;
    if (mapping?.kind === 'object') {
      for (const [childKey, value] of mapping.entries) {
        if (value.kind === 'reference')
          childProviders.set(
            childKey,
            scope.providers.get(value.path.join('.')) ?? {
              unknown: `the Region of provider ${value.path.join('.')}, which the configuration does not declare`,
            },
          );
      }
    }
    scope.children.set(name, scopeOf(child, `${prefix}module.${name}.`, scope, childInputs, childProviders, depth + 1));
  }
  return scope;
}

function collect(scope: Scope, out: TerraformResource[]): void {
  for (const file of scope.module.files) {
    for (const block of file.blocks) {
      if (block.type !== 'resource' || block.labels.length !== 2) continue;
      const [type, name] = block.labels;
      const instances = instancesOf(block, scope);
      const list = Array.isArray(instances)
        ? instances
        : [{ suffix: '', scope: bind(scope, { count: { index: instances }, each: { key: instances, value: instances } }) }];
      for (const instance of list) {
        const values = evaluateBody(block, instance.scope);
        out.push({
          address: `${scope.prefix}${type}.${name}${instance.suffix}`,
          type,
          file: file.file,
          range: block.range,
          values,
          region: regionOf(block, values, instance.scope),
          module: scope.prefix.replace(/\.$/, ''),
        });
      }
    }
  }
  for (const child of scope.children.values()) collect(child, out);
}

/**
 * The instances `count` or `for_each` make: none for `count = 0` or an empty collection, one per
 * number or key (`[0]`, `["key"]`); one instance without a suffix when there is neither, or
 * `count = 1`. Unknown when the count or the collection is.
 */
function instancesOf(block: HclBlock, scope: Scope): Array<{ suffix: string; scope: Scope }> | Unknown {
  const { count, for_each: forEach } = block.attributes;
  if (count) {
    const value = evaluate(count, scope);
    if (typeof value === 'boolean') return failure('a count that is a bool');
    if (typeof value !== 'number') return notKnown(value) ?? { unknown: 'a count that is not a number' };
    if (value === 1) return [{ suffix: '', scope: bind(scope, { count: { index: 0 } }) }];
    return Array.from({ length: Math.min(Math.max(0, Math.floor(value)), MAX_INSTANCES) }, (_, index) => ({
      suffix: `[${index}]`,
      scope: bind(scope, { count: { index } }),
    }));
  }
  if (forEach) {
    const value = evaluate(forEach, scope);
    const entries = entriesOf(value);
    if (!entries) return notKnown(value) ?? { unknown: 'a for_each over a value that is neither a map nor a set' };
    return entries.slice(0, MAX_INSTANCES).map(([key, item]) => ({ suffix: `[${JSON.stringify(key)}]`, scope: bind(scope, { each: { key, value: item } }) }));
  }
  return [{ suffix: '', scope }];
}

/** A map's entries, or a set's items as their own keys (what `for_each` and `dynamic` iterate). */
function entriesOf(value: TerraformValue): Array<[string | number, TerraformValue]> | undefined {
  if (Array.isArray(value))
    return value.some((item) => notKnown(item)) ? undefined : value.map((item, index) => [typeof item === 'string' ? item : index, item]);
  if (isObject(value)) return sortedEntries(value);
  return undefined;
}

function bind(scope: Scope, names: Record<string, TerraformValue>): Scope {
  return { ...scope, bindings: new Map([...scope.bindings, ...Object.entries(names)]) };
}

/** The effective Region: the resource's own `region` (provider 6), its `provider = aws.x`, else the default provider. */
function regionOf(block: HclBlock, values: Record<string, TerraformValue>, scope: Scope): string | Unknown {
  const own = values.region;
  if (typeof own === 'string') return own;
  if (own !== undefined && own !== null) {
    const unknown = notKnown(own);
    if (unknown) return isFailure(unknown) ? { unknown: unknown.unknown } : unknown;
  }
  const provider = block.attributes.provider;
  const key = provider?.kind === 'reference' ? provider.path.join('.') : 'aws';
  return (
    scope.providers.get(key) ??
    (key === 'aws' ? UNKNOWN_PROVIDER_REGION : { unknown: `the Region of provider ${key}, which the configuration does not declare` })
  );
}

function evaluateBody(block: HclBlock, scope: Scope): Record<string, TerraformValue> {
  const values: Record<string, TerraformValue> = {};
  for (const [name, expression] of Object.entries(block.attributes)) {
    if (name === 'count' || name === 'for_each' || name === 'depends_on') continue;
    values[name] = evaluate(expression, scope);
  }
  for (const nested of block.blocks) {
    if (nested.type === 'lifecycle' || nested.type === 'provisioner' || nested.type === 'connection') continue;
    const key = nested.type === 'dynamic' ? (nested.labels[0] ?? 'dynamic') : nested.type;
    const list = (values[key] ??= []) as TerraformValue[];
    if (!Array.isArray(list)) continue;
    if (nested.type !== 'dynamic') {
      list.push(evaluateBody(nested, scope));
      continue;
    }
    // `dynamic "replica" { for_each = …  content { … } }` is one block per item, the item bound to
    // the iterator's name (the label, or `iterator = name`).
    const content = nested.blocks.find((inner) => inner.type === 'content');
    const iterator = nested.attributes.iterator?.kind === 'reference' ? nested.attributes.iterator.path[0] : key;
    const collection = evaluate(nested.attributes.for_each, scope);
    const entries = entriesOf(collection);
    if (!entries || !content) {
      const why = notKnown(collection)?.unknown ?? 'a value that is neither a map nor a list';
      list.push({ unknown: `the dynamic "${key}" blocks, repeated by for_each over ${why}` });
      continue;
    }
    for (const [itemKey, item] of entries) list.push(evaluateBody(content, bind(scope, { [iterator]: { key: itemKey, value: item } })));
  }
  return values;
}

/** An expression's value where the configuration fixes it; references to resources are kept for joining. */
export function evaluate(expression: HclExpression | undefined, scope: Scope): TerraformValue {
  if (!expression) return { unknown: 'an argument that is not set' };
  switch (expression.kind) {
    case 'literal':
      return expression.value;
    case 'tuple': {
      // An error anywhere in a collection is the collection's error (what `try` steps over).
      const items = expression.items.map((item) => evaluate(item, scope));
      return items.find(isFailure) ?? items;
    }
    case 'object': {
      const entries = expression.entries.map(([key, value]): [string, TerraformValue] => [key, evaluate(value, scope)]);
      return entries.find(([, value]) => isFailure(value))?.[1] ?? Object.fromEntries(entries);
    }
    case 'template':
      return template(expression.parts, scope);
    case 'reference':
      return resolveReference(expression.path, scope);
    case 'traversal':
      return traverse(evaluate(expression.base, scope), expression.steps, scope);
    case 'call':
      return call(expression, scope);
    case 'conditional': {
      const condition = evaluate(expression.condition, scope);
      if (typeof condition === 'boolean') return evaluate(condition ? expression.then : expression.otherwise, scope);
      return isFailure(condition) ? condition : (notKnown(condition) ?? failure('a condition that is not a bool'));
    }
    case 'operation':
      return operate(
        expression.operator,
        expression.operands.map((operand) => () => evaluate(operand, scope)),
      );
    case 'for':
      return forExpression(expression, scope);
    case 'other':
      return { unknown: `the expression ${expression.text.length > 40 ? `${expression.text.slice(0, 39)}…` : expression.text}` };
  }
}

/**
 * A string template. Where a part is known only after apply, the result is unknown but keeps its
 * shape (`arn:aws:s3:::replica-${random_pet.this.id}`), so that two values built the same way
 * are known to be equal: a replication rule's destination and the bucket it names.
 */
function template(parts: Array<string | HclExpression>, scope: Scope): TerraformValue {
  let text = '';
  let shape = '';
  let unknown: Unknown | undefined;
  for (const part of parts) {
    const value = typeof part === 'string' ? part : evaluate(part, scope);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      text += String(value);
      shape += String(value);
      continue;
    }
    if (value === null) return failure('a null value in a string template');
    if (isFailure(value)) return value;
    const symbol = isReference(value) ? `\${${value.ref}}` : isUnknown(value) ? value.symbol : undefined;
    unknown ??= notKnown(value) ?? failure('a list or map in a string template');
    if (symbol === undefined) return unknown;
    shape += symbol;
  }
  return unknown ? { unknown: unknown.unknown, symbol: shape } : text;
}

function call(expression: Extract<HclExpression, { kind: 'call' }>, scope: Scope): TerraformValue {
  if (expression.name === 'try') {
    // The first argument Terraform can evaluate; an unknown one is the result (Terraform waits for it).
    for (const arg of expression.args) {
      const value = evaluate(arg, scope);
      if (!isFailure(value)) return value;
    }
    return failure('try() with no argument that evaluates');
  }
  if (expression.name === 'can') {
    const value = evaluate(expression.args[0], scope);
    return isFailure(value) ? false : notKnown(value) && !isReference(value) ? value : true;
  }
  let args = expression.args.map((arg) => evaluate(arg, scope));
  if (expression.expand) {
    const last = args[args.length - 1];
    if (!Array.isArray(last)) return notKnown(last) ?? failure('an expanded argument that is not a list');
    args = [...args.slice(0, -1), ...last];
  }
  return callFunction(expression.name, args);
}

function operate(operator: string, operands: Array<() => TerraformValue>): TerraformValue {
  const left = operands[0]();
  if (isFailure(left)) return left;
  if (operands.length === 1) {
    if (operator === '!') return typeof left === 'boolean' ? !left : (notKnown(left) ?? failure('! of a value that is not a bool'));
    return typeof left === 'number' ? -left : (notKnown(left) ?? failure('- of a value that is not a number'));
  }
  // `false && x` is false and `true || x` is true whatever x is.
  if (operator === '&&' && left === false) return false;
  if (operator === '||' && left === true) return true;
  const right = operands[1]();
  if (isFailure(right)) return right;
  if (operator === '&&' || operator === '||') {
    if (right === (operator === '||')) return right;
    if (typeof left === 'boolean' && typeof right === 'boolean') return right;
    return notKnown(left) ?? notKnown(right) ?? failure(`${operator} of a value that is not a bool`);
  }
  const unknown = notKnown(left) ?? notKnown(right);
  if (unknown) return unknown;
  if (operator === '==' || operator === '!=') return (JSON.stringify(left) === JSON.stringify(right)) === (operator === '==');
  if (typeof left !== 'number' || typeof right !== 'number') return failure(`${operator} of a value that is not a number`);
  switch (operator) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      return right === 0 ? failure('a division by zero') : left / right;
    case '%':
      return right === 0 ? failure('a division by zero') : left % right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    default:
      return { unknown: `the operator ${operator}` };
  }
}

function forExpression(expression: Extract<HclExpression, { kind: 'for' }>, scope: Scope): TerraformValue {
  const collection = evaluate(expression.collection, scope);
  const entries: Array<[string | number, TerraformValue]> | undefined = Array.isArray(collection)
    ? collection.map((item, index) => [index, item])
    : isObject(collection)
      ? sortedEntries(collection)
      : undefined;
  if (!entries) return notKnown(collection) ?? failure('a for expression over a value that is not a collection');
  const tuple: TerraformValue[] = [];
  const object: TerraformObject = {};
  for (const [key, value] of entries) {
    const inner = bind(scope, { ...(expression.keyName ? { [expression.keyName]: key } : {}), [expression.valueName]: value });
    if (expression.condition) {
      const keep = evaluate(expression.condition, inner);
      if (keep === false) continue;
      if (keep !== true) return notKnown(keep) ?? failure('a for condition that is not a bool');
    }
    const item = evaluate(expression.value, inner);
    if (!expression.key) {
      tuple.push(item);
      continue;
    }
    const name = evaluate(expression.key, inner);
    if (typeof name !== 'string') return notKnown(name) ?? failure('a for key that is not a string');
    if (expression.grouping) ((object[name] ??= []) as TerraformValue[]).push(item);
    else object[name] = item;
  }
  return expression.key ? object : tuple;
}

/** Attributes, indexes and splats applied to a value. */
function traverse(value: TerraformValue, steps: HclStep[], scope: Scope): TerraformValue {
  let current = value;
  for (const [i, step] of steps.entries()) {
    // A resource reference stays the resource (`aws_s3_bucket.a[0].arn` joins to aws_s3_bucket.a); an unknown stays unknown.
    if (isReference(current) || isUnknown(current)) return current;
    if ('splat' in step) {
      const list = current === null ? [] : Array.isArray(current) ? current : [current];
      return list.map((item) => traverse(item, steps.slice(i + 1), scope));
    }
    if ('attribute' in step) {
      if (!isObject(current) || !(step.attribute in current)) return failure(`no attribute ${step.attribute}`);
      current = current[step.attribute];
      continue;
    }
    const key = evaluate(step.index, scope);
    if (isUnknown(key) || isReference(key)) return notKnown(key) as Unknown;
    if (Array.isArray(current) && typeof key === 'number') current = current[key] ?? failure(`no item ${key}`);
    else if (isObject(current) && (typeof key === 'string' || typeof key === 'number')) current = current[String(key)] ?? failure(`no key ${key}`);
    else return failure(`an index into a value that has none`);
  }
  return current;
}

function resolveReference(path: string[], scope: Scope): TerraformValue {
  const [root, name] = path;
  const rest = (from: number, value: TerraformValue) =>
    traverse(
      value,
      path.slice(from).map((attribute) => ({ attribute })),
      scope,
    );
  if (scope.bindings.has(root)) return rest(1, scope.bindings.get(root) as TerraformValue);
  if (root === 'var' && name) {
    const input = scope.inputs.get(name);
    if (input)
      return rest(
        2,
        withGuard(scope, `var.${name}`, () => evaluate(input.expression, input.scope ?? scope)),
      );
    const fallback = scope.variables.get(name);
    if (fallback)
      return rest(
        2,
        withGuard(scope, `var.${name}`, () => evaluate(fallback, scope)),
      );
    return { unknown: `the variable ${name}, which has no default` };
  }
  if (root === 'local' && name) {
    const local = scope.locals.get(name);
    return local
      ? rest(
          2,
          withGuard(scope, `local.${name}`, () => evaluate(local, scope)),
        )
      : failure(`the local ${name}, which is not defined`);
  }
  if (root === 'module' && name) {
    const child = scope.children.get(name);
    const output = path[2] ? child?.outputs.get(path[2]) : undefined;
    if (!child || !output) return { unknown: `an output of module ${name}${child ? '' : ', which is not read'}` };
    return rest(
      3,
      withGuard(child, `output.${path[2]}`, () => evaluate(output, child)),
    );
  }
  if (root === 'data') return { unknown: `the data source ${path.slice(0, 3).join('.')}` };
  if (root && /^aws_/.test(root) && name) return { ref: `${scope.prefix}${root}.${name}` };
  if (root === 'each' || root === 'count' || root === 'self' || root === 'path' || root === 'terraform') return { unknown: `${path.join('.')}` };
  // Another provider's resource (`random_pet.this.id`): its attribute is known after apply, and the same everywhere it is used.
  if (name) return { unknown: `${path.slice(0, 3).join('.')}, known after apply`, symbol: `\${${scope.prefix}${path.join('.')}}` };
  return { unknown: `the reference ${path.join('.')}` };
}

/** A local, variable or output, evaluated once per module; one that refers to itself (a cycle) is unknown rather than a stack overflow. */
function withGuard(scope: Scope, key: string, compute: () => TerraformValue): TerraformValue {
  const known = scope.values.get(key);
  if (known !== undefined) return known;
  if (scope.evaluating.has(key)) return { unknown: `${key}, which refers to itself` };
  scope.evaluating.add(key);
  try {
    const value = compute();
    scope.values.set(key, value);
    return value;
  } finally {
    scope.evaluating.delete(key);
  }
}
