// Terraform configuration as the engine sees it: blocks, attributes and expressions with the
// position of each block, whatever parser the shell used (src/workspace/terraform.ts turns
// tree-sitter's syntax tree into this). Evaluating a module tree gives each resource its values
// and its Region: its own `region` argument (AWS provider 6), its `provider = aws.alias`, the
// providers its module call passes, else the module's default provider. What the configuration
// does not fix (a variable without a default, a data source, an attribute known after apply) is
// unknown, never guessed.
import type { SourceRange } from '../model/types';
import { isUnknown, type Unknown } from '../model/deployed';

export type HclExpression =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'template'; parts: Array<string | HclExpression> }
  /** `var.x`, `local.y`, `aws.west`, `aws_s3_bucket.a.arn`, `module.m.out`: the traversal's names. */
  | { kind: 'reference'; path: string[] }
  | { kind: 'tuple'; items: HclExpression[] }
  | { kind: 'object'; entries: Array<[string, HclExpression]> }
  /** Anything else (a function call, a conditional, a `for`): its source text, for messages. */
  | { kind: 'other'; text: string };

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

/** A reference kept for joining resources (`aws_s3_bucket.replica.arn` → the resource's address). */
export interface Reference {
  ref: string;
}

export type TerraformValue = string | number | boolean | null | Unknown | Reference | TerraformValue[] | { [key: string]: TerraformValue };

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

export function isReference(value: unknown): value is Reference {
  return value !== null && typeof value === 'object' && 'ref' in value;
}

const UNKNOWN_PROVIDER_REGION: Unknown = { unknown: 'the AWS provider\'s Region, which the configuration does not set' };

interface Scope {
  module: TerraformModule;
  /** `module.a.module.b` */
  prefix: string;
  variables: Map<string, HclExpression | undefined>;
  /** Where variable values come from: the calling module's scope (for a module call's arguments), or this scope (defaults). */
  inputs: Map<string, { expression: HclExpression; scope: Scope | undefined }>;
  locals: Map<string, HclExpression>;
  /** Provider key (`aws`, `aws.west`) → its Region. */
  providers: Map<string, string | Unknown>;
  evaluating: Set<string>;
}

/** Every resource of a module tree, with its values and Region. */
export function evaluateModules(root: TerraformModule): TerraformResource[] {
  const resources: TerraformResource[] = [];
  walk(root, '', undefined, new Map(), new Map(), resources);
  return resources;
}

function walk(module: TerraformModule, prefix: string, parent: Scope | undefined, inputs: Scope['inputs'], passedProviders: Map<string, string | Unknown>, out: TerraformResource[]): void {
  const blocks = module.files.flatMap((file) => file.blocks.map((block) => ({ block, file: file.file })));
  const scope: Scope = { module, prefix, variables: new Map(), inputs, locals: new Map(), providers: new Map(passedProviders), evaluating: new Set() };
  for (const { block } of blocks) {
    if (block.type === 'variable' && block.labels[0]) scope.variables.set(block.labels[0], block.attributes.default);
    if (block.type === 'locals') for (const [name, expression] of Object.entries(block.attributes)) scope.locals.set(name, expression);
  }
  if (!parent && module.tfvars) {
    for (const [name, expression] of Object.entries(module.tfvars)) scope.inputs.set(name, { expression, scope: undefined });
  }
  // Providers configured here override what the caller passed (a child module should not, but may).
  for (const { block } of blocks) {
    if (block.type !== 'provider' || block.labels[0] !== 'aws') continue;
    const alias = evaluate(block.attributes.alias, scope);
    const key = typeof alias === 'string' ? `aws.${alias}` : 'aws';
    const region = block.attributes.region ? evaluate(block.attributes.region, scope) : UNKNOWN_PROVIDER_REGION;
    scope.providers.set(key, typeof region === 'string' ? region : isUnknown(region) ? region : { unknown: 'a Region the provider computes' });
  }
  for (const { block, file } of blocks) {
    if (block.type === 'resource' && block.labels.length === 2) {
      const [type, name] = block.labels;
      // `count = 0` (often `var.enabled ? 1 : 0` resolved to 0) deploys nothing. Other counts and
      // for_each make instances of one configuration, read here as the one resource they share.
      if (block.attributes.count && evaluate(block.attributes.count, scope) === 0) continue;
      const values = evaluateBody(block, scope);
      out.push({ address: `${prefix}${type}.${name}`, type, file, range: block.range, values, region: regionOf(block, values, scope), module: prefix.replace(/\.$/, '') });
    } else if (block.type === 'module' && block.labels[0]) {
      const child = module.calls.get(block.labels[0]);
      if (!child) continue;
      const childInputs: Scope['inputs'] = new Map();
      for (const [name, expression] of Object.entries(block.attributes)) {
        if (!['source', 'version', 'providers', 'count', 'for_each', 'depends_on'].includes(name)) childInputs.set(name, { expression, scope });
      }
      // `providers = { aws = aws.west }` maps the child's provider keys to this module's.
      const childProviders = new Map<string, string | Unknown>([['aws', scope.providers.get('aws') ?? UNKNOWN_PROVIDER_REGION]]);
      const mapping = block.attributes.providers;
      if (mapping?.kind === 'object') {
        for (const [childKey, value] of mapping.entries) {
          if (value.kind === 'reference') childProviders.set(childKey, scope.providers.get(value.path.join('.')) ?? UNKNOWN_PROVIDER_REGION);
        }
      }
      walk(child, `${prefix}module.${block.labels[0]}.`, scope, childInputs, childProviders, out);
    }
  }
}

/** The effective Region: the resource's own `region` (provider 6), its `provider = aws.x`, else the default provider. */
function regionOf(block: HclBlock, values: Record<string, TerraformValue>, scope: Scope): string | Unknown {
  const own = values.region;
  if (typeof own === 'string') return own;
  if (own !== undefined && isUnknown(own)) return own;
  const provider = block.attributes.provider;
  const key = provider?.kind === 'reference' ? provider.path.join('.') : 'aws';
  return scope.providers.get(key) ?? (key === 'aws' ? UNKNOWN_PROVIDER_REGION : { unknown: `the Region of provider ${key}, which the configuration does not declare` });
}

function evaluateBody(block: HclBlock, scope: Scope): Record<string, TerraformValue> {
  const values: Record<string, TerraformValue> = {};
  for (const [name, expression] of Object.entries(block.attributes)) values[name] = evaluate(expression, scope);
  for (const nested of block.blocks) {
    // `dynamic "replica" { ... }` repeats a block as many times as its for_each says: unknown here.
    const key = nested.type === 'dynamic' ? nested.labels[0] ?? 'dynamic' : nested.type;
    const list = (values[key] ??= []) as TerraformValue[];
    if (!Array.isArray(list)) continue;
    list.push(nested.type === 'dynamic' ? { unknown: `a dynamic "${key}" block, repeated by for_each` } : evaluateBody(nested, scope));
  }
  return values;
}

/** An expression's value where the configuration fixes it; references to resources are kept for joining. */
export function evaluate(expression: HclExpression | undefined, scope: Scope): TerraformValue {
  if (!expression) return { unknown: 'an argument that is not set' };
  switch (expression.kind) {
    case 'literal':
      return expression.value;
    case 'tuple':
      return expression.items.map((item) => evaluate(item, scope));
    case 'object':
      return Object.fromEntries(expression.entries.map(([key, value]) => [key, evaluate(value, scope)]));
    case 'template': {
      let text = '';
      for (const part of expression.parts) {
        const value = typeof part === 'string' ? part : evaluate(part, scope);
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') text += String(value);
        else return isUnknown(value) ? value : { unknown: 'a string built from a value known only after apply' };
      }
      return text;
    }
    case 'reference':
      return resolveReference(expression.path, scope);
    case 'other':
      return { unknown: `the expression ${expression.text.length > 40 ? `${expression.text.slice(0, 39)}…` : expression.text}` };
  }
}

function resolveReference(path: string[], scope: Scope): TerraformValue {
  const [root, name] = path;
  if (root === 'var' && name) {
    const input = scope.inputs.get(name);
    if (input) return withGuard(scope, `var.${name}`, () => evaluate(input.expression, input.scope ?? scope));
    const fallback = scope.variables.get(name);
    if (fallback) return withGuard(scope, `var.${name}`, () => evaluate(fallback, scope));
    return { unknown: `the variable ${name}, which has no default` };
  }
  if (root === 'local' && name) {
    const local = scope.locals.get(name);
    return local ? withGuard(scope, `local.${name}`, () => evaluate(local, scope)) : { unknown: `the local ${name}, which is not defined` };
  }
  if (root === 'data') return { unknown: `the data source ${path.slice(0, 3).join('.')}` };
  if (root === 'module') return { unknown: `an output of module ${name}` };
  if (root && /^aws_/.test(root) && name) return { ref: `${scope.prefix}${root}.${name}` };
  if (root === 'each' || root === 'count' || root === 'self' || root === 'path' || root === 'terraform') return { unknown: `${path.join('.')}` };
  return { unknown: `the reference ${path.join('.')}` };
}

/** A local or variable that refers to itself (a cycle) is unknown rather than a stack overflow. */
function withGuard(scope: Scope, key: string, compute: () => TerraformValue): TerraformValue {
  if (scope.evaluating.has(key)) return { unknown: `${key}, which refers to itself` };
  scope.evaluating.add(key);
  try {
    return compute();
  } finally {
    scope.evaluating.delete(key);
  }
}
