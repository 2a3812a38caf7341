// Reading Terraform for the CLI and the extension: `.tf` files parsed with tree-sitter's
// Terraform grammar (web-tree-sitter, WebAssembly), turned into the engine's HCL model with the
// line of every block. The parser loads on first use, only when a catalog links Terraform, so
// activation and a plain `check` never pay for it; after that, parsing is synchronous.
//
// Why tree-sitter and not hcl2json: hcl2json (@cdktn/hcl2json) gives no positions, answers only
// asynchronously, and was slower on a large configuration; findings must point at the resource block's line, which tree-sitter gives for every node.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Language as TreeSitterLanguage, Node as SyntaxNode, Parser as TreeSitterParser } from 'web-tree-sitter';
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { LineStarts, type HclBlock, type HclExpression, type HclFile, type HclStep } from '../engine/infrastructure';
import type { SourceRange } from '../engine';

let parser: TreeSitterParser | undefined;
let loading: Promise<void> | undefined;
/** Why the parser did not load, once it has failed: Terraform then gets a finding, not silence. */
let loadError: string | undefined;

/** Bundled (dist/) beside this file, else from node_modules (tests run from out/). */
function wasmPath(file: string, packagePath: string): string {
  const beside = join(__dirname, file);
  return existsSync(beside) ? beside : require.resolve(packagePath);
}

export function terraformParserLoaded(): boolean {
  return parser !== undefined;
}

export function terraformParserError(): string | undefined {
  return loadError;
}

/** Loads the WebAssembly parser once; later calls wait for the same load. Never rejects: a failure is kept for terraformParserError. */
export function loadTerraformParser(): Promise<void> {
  loading ??= (async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use only
    const { Parser, Language } = require('web-tree-sitter') as typeof import('web-tree-sitter');
    const core = wasmPath('web-tree-sitter.wasm', 'web-tree-sitter/web-tree-sitter.wasm');
    await Parser.init({ locateFile: () => core });
    const language: TreeSitterLanguage = await Language.load(
      wasmPath('tree-sitter-terraform.wasm', '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'),
    );
    const created = new Parser();
    created.setLanguage(language);
    parser = created;
  })().catch((error: unknown) => {
    loadError = error instanceof Error ? error.message : String(error);
  });
  return loading;
}

/** A file's blocks, and its top-level attributes (what a `.tfvars` file holds). */
export type ParsedHcl = (HclFile & { attributes: Record<string, HclExpression> }) | { error: string; line: number; column: number };

/** One `.tf` (or `.tfvars`) file in the engine's model; a syntax error gives the first place the parser stopped. */
export function parseHcl(file: string, text: string): ParsedHcl {
  if (!parser) throw new Error('the Terraform parser is not loaded');
  const tree = parser.parse(text);
  if (!tree) return { error: 'the parser gave no tree', line: 1, column: 1 };
  try {
    const root = tree.rootNode;
    if (root.hasError) {
      const bad = firstError(root) ?? root;
      return { error: bad.isMissing ? `a missing ${bad.type}` : 'a syntax error', line: bad.startPosition.row + 1, column: bad.startPosition.column + 1 };
    }
    const body = root.namedChildren.find((child) => child?.type === 'body');
    return { file, ...(body ? bodyOf(body) : { blocks: [], attributes: {} }) };
  } finally {
    tree.delete();
  }
}

function firstError(node: SyntaxNode): SyntaxNode | undefined {
  if (node.isError || node.isMissing) return node;
  for (const child of node.children) {
    if (child && (child.hasError || child.isMissing)) return firstError(child) ?? child;
  }
  return undefined;
}

function rangeOf(node: SyntaxNode): SourceRange {
  // The block's first line: where `resource "type" "name"` is written.
  const end = node.children.find((child) => child?.type === 'block_start') ?? node;
  return {
    start: { line: node.startPosition.row + 1, column: node.startPosition.column + 1 },
    end: { line: end.endPosition.row + 1, column: end.endPosition.column + 1 },
    offset: [node.startIndex, end.endIndex],
  };
}

/** A body's nested blocks and its attributes. */
function bodyOf(body: SyntaxNode): { blocks: HclBlock[]; attributes: Record<string, HclExpression> } {
  const blocks: HclBlock[] = [];
  const attributes: Record<string, HclExpression> = {};
  for (const child of body.namedChildren) {
    if (child?.type === 'block') blocks.push(blockOf(child));
    else if (child?.type === 'attribute') {
      const [name, value] = attributeOf(child);
      if (name) attributes[name] = value;
    }
  }
  return { blocks, attributes };
}

function blockOf(node: SyntaxNode): HclBlock {
  const children = node.namedChildren.filter((child): child is SyntaxNode => child !== null);
  const type = children.find((child) => child.type === 'identifier')?.text ?? '';
  const labels = children
    .filter((child) => child.type === 'string_lit' || (child.type === 'identifier' && child !== children[0]))
    .map((label) => (label.type === 'string_lit' ? stringOf(label) : label.text));
  const body = children.find((child) => child.type === 'body');
  return { type, labels, range: rangeOf(node), ...(body ? bodyOf(body) : { blocks: [], attributes: {} }) };
}

function attributeOf(node: SyntaxNode): [string, HclExpression] {
  const name = node.namedChildren.find((child) => child?.type === 'identifier')?.text ?? '';
  const expression = node.namedChildren.find((child) => child?.type === 'expression');
  return [name, expression ? expressionOf(expression) : { kind: 'other', text: '' }];
}

/** A quoted string's text (escapes as HCL writes them; templates are not expected in labels). */
function stringOf(node: SyntaxNode): string {
  return node.namedChildren
    .filter((child): child is SyntaxNode => child?.type === 'template_literal')
    .map((child) => child.text)
    .join('');
}

function expressionOf(node: SyntaxNode): HclExpression {
  const children = node.namedChildren.filter((child): child is SyntaxNode => child !== null);
  if (node.type === 'expression')
    return children.length === 1
      ? expressionOf(children[0])
      : termOf(
          node.children.filter((child): child is SyntaxNode => child !== null),
          node.text,
        );
  switch (node.type) {
    case 'literal_value': {
      const literal = children[0];
      if (!literal) return { kind: 'other', text: node.text };
      if (literal.type === 'string_lit')
        return literal.namedChildren.some((child) => child?.type === 'template_interpolation')
          ? templateOf(literal)
          : { kind: 'literal', value: stringOf(literal) };
      if (literal.type === 'numeric_lit') return { kind: 'literal', value: Number(literal.text) };
      if (literal.type === 'bool_lit') return { kind: 'literal', value: literal.text === 'true' };
      if (literal.type === 'null_lit') return { kind: 'literal', value: null };
      return { kind: 'other', text: node.text };
    }
    case 'template_expr': {
      const quoted = children.find((child) => child.type === 'quoted_template');
      return quoted ? templateOf(quoted) : { kind: 'other', text: node.text };
    }
    case 'collection_value': {
      const collection = children[0];
      if (collection?.type === 'tuple')
        return { kind: 'tuple', items: collection.namedChildren.filter((child): child is SyntaxNode => child?.type === 'expression').map(expressionOf) };
      if (collection?.type === 'object') {
        const entries: Array<[string, HclExpression]> = [];
        for (const element of collection.namedChildren) {
          if (element?.type !== 'object_elem') continue;
          const [key, value] = element.namedChildren.filter((child): child is SyntaxNode => child?.type === 'expression');
          if (key && value) entries.push([keyOf(key), expressionOf(value)]);
        }
        return { kind: 'object', entries };
      }
      return { kind: 'other', text: node.text };
    }
    case 'variable_expr':
      return { kind: 'reference', path: [node.text] };
    case 'function_call': {
      const name = children.find((child) => child.type === 'identifier')?.text ?? '';
      const args = children.find((child) => child.type === 'function_arguments');
      const items = args?.namedChildren.filter((child): child is SyntaxNode => child?.type === 'expression') ?? [];
      return { kind: 'call', name, args: items.map(expressionOf), expand: !!args?.namedChildren.some((child) => child?.type === 'ellipsis') };
    }
    case 'conditional': {
      const [condition, then, otherwise] = children.filter((child) => child.type === 'expression');
      return condition && then && otherwise
        ? { kind: 'conditional', condition: expressionOf(condition), then: expressionOf(then), otherwise: expressionOf(otherwise) }
        : { kind: 'other', text: node.text };
    }
    case 'operation':
      return children[0] ? expressionOf(children[0]) : { kind: 'other', text: node.text };
    case 'unary_operation': {
      const [operator, ...operand] = node.children.filter((child): child is SyntaxNode => child !== null);
      return { kind: 'operation', operator: operator?.type ?? '', operands: [termOf(operand, node.text)] };
    }
    case 'binary_operation': {
      const all = node.children.filter((child): child is SyntaxNode => child !== null);
      // The operator is the one unnamed child between the two terms (parentheses are unnamed too).
      const at = all.findIndex((child, i) => i > 0 && !child.isNamed && BINARY_OPERATORS.has(child.type));
      if (at === -1) return { kind: 'other', text: node.text };
      return { kind: 'operation', operator: all[at].type, operands: [termOf(all.slice(0, at), node.text), termOf(all.slice(at + 1), node.text)] };
    }
    case 'for_expr': {
      const inner = children[0];
      const intro = inner?.namedChildren.find((child) => child?.type === 'for_intro');
      if (!inner || !intro) return { kind: 'other', text: node.text };
      const names = intro.namedChildren.filter((child): child is SyntaxNode => child?.type === 'identifier').map((child) => child.text);
      const collection = intro.namedChildren.find((child) => child?.type === 'expression');
      const bodies = inner.namedChildren.filter((child): child is SyntaxNode => child?.type === 'expression');
      const condition = inner.namedChildren.find((child) => child?.type === 'for_cond')?.namedChildren.find((child) => child?.type === 'expression');
      if (!collection || bodies.length === 0) return { kind: 'other', text: node.text };
      const object = inner.type === 'for_object_expr';
      return {
        kind: 'for',
        ...(names.length === 2 ? { keyName: names[0] } : {}),
        valueName: names[names.length - 1] ?? '',
        collection: expressionOf(collection),
        ...(object ? { key: expressionOf(bodies[0]) } : {}),
        value: expressionOf(bodies[object ? 1 : 0] ?? bodies[0]),
        ...(condition ? { condition: expressionOf(condition) } : {}),
        grouping: inner.namedChildren.some((child) => child?.type === 'ellipsis'),
      };
    }
    default:
      return { kind: 'other', text: node.text };
  }
}

const BINARY_OPERATORS = new Set(['*', '/', '%', '+', '-', '>', '>=', '<', '<=', '==', '!=', '&&', '||']);

/**
 * A term written as a head and its steps, which the grammar flattens into one child list:
 * `var.x`, `aws_s3_bucket.a[0].arn`, `(expr).y`, `f(x)[0]`, `var.list[*].name`.
 */
function termOf(nodes: SyntaxNode[], text: string): HclExpression {
  let rest = nodes;
  let base: HclExpression;
  if (rest[0]?.type === '(') {
    const inner = rest[1];
    if (!inner || rest[2]?.type !== ')') return { kind: 'other', text };
    base = expressionOf(inner);
    rest = rest.slice(3);
  } else if (rest[0]?.type === 'variable_expr') {
    // The leading names are one reference: `var.x`, `aws_s3_bucket.a`, `module.m.out`.
    const path = [rest[0].text];
    let i: number;
    for (i = 1; rest[i]?.type === 'get_attr'; i++) path.push(attributeName(rest[i]));
    base = { kind: 'reference', path: path.slice(0, i) };
    rest = rest.slice(i);
  } else if (rest[0]) {
    base = expressionOf(rest[0]);
    rest = rest.slice(1);
  } else {
    return { kind: 'other', text };
  }
  const steps = rest.flatMap((node) => stepsOf(node));
  if (steps === null || rest.some((node) => !['get_attr', 'index', 'splat', 'comment'].includes(node.type))) return { kind: 'other', text };
  return steps.length === 0 ? base : { kind: 'traversal', base, steps };
}

function attributeName(node: SyntaxNode): string {
  return node.text.replace(/^\./, '').trim();
}

function stepsOf(node: SyntaxNode): HclStep[] {
  if (node.type === 'get_attr') return [{ attribute: attributeName(node) }];
  if (node.type === 'index') {
    const inner = node.namedChildren[0];
    if (inner?.type === 'legacy_index') return [{ index: { kind: 'literal', value: Number(inner.text.replace(/^\./, '')) } }];
    const expression = inner?.namedChildren.find((child) => child?.type === 'expression');
    return expression ? [{ index: expressionOf(expression) }] : [];
  }
  if (node.type === 'splat') {
    const inner = node.namedChildren[0];
    return [{ splat: true }, ...(inner?.namedChildren.filter((child): child is SyntaxNode => child !== null).flatMap(stepsOf) ?? [])];
  }
  return [];
}

/** An object key: a bare name (`aws`) or a quoted one. */
function keyOf(node: SyntaxNode): string {
  const expression = expressionOf(node);
  if (expression.kind === 'literal' && typeof expression.value === 'string') return expression.value;
  if (expression.kind === 'reference') return expression.path.join('.');
  return node.text.replace(/^"|"$/g, '');
}

function templateOf(node: SyntaxNode): HclExpression {
  const parts: Array<string | HclExpression> = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'template_literal') parts.push(child.text);
    else if (child.type === 'template_interpolation') {
      const inner = child.namedChildren.find((part) => part?.type === 'expression');
      parts.push(inner ? expressionOf(inner) : { kind: 'other', text: child.text });
    }
  }
  // `"${x}"` is x itself (a list stays a list), as Terraform reads it.
  if (parts.length === 1) return typeof parts[0] === 'string' ? { kind: 'literal', value: parts[0] } : parts[0];
  return { kind: 'template', parts };
}

/**
 * Nested blocks in Terraform's JSON syntax look like object attributes: without the provider's
 * schema, the block types the readers look at (and the ones modules wrap them in) are read as blocks.
 */
const JSON_BLOCK_TYPES = new Set([
  'replica',
  'global_table_witness',
  'multi_region_properties',
  'rule',
  'destination',
  'replication_time',
  'time',
  'metrics',
  'event_threshold',
  'failover_routing_policy',
  'alias',
  'content',
  'timeouts',
  'lifecycle',
  'attribute',
  'point_in_time_recovery',
  'server_side_encryption',
  'ttl',
]);

/** Top-level block types and how many labels each has in the JSON syntax. */
const JSON_LABELS: Record<string, number> = { resource: 2, data: 2, variable: 1, output: 1, module: 1, provider: 1, locals: 0 };

/**
 * A `.tf.json` file (Terraform's JSON syntax) in the engine's model: the same blocks as a `.tf`
 * file, strings read as templates (`"${var.x}"`), positions from jsonc-parser.
 */
export function parseHclJson(file: string, text: string): ParsedHcl {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const lines = new LineStarts(text);
  if (errors.length > 0 || !tree || tree.type !== 'object') {
    const { line, column } = lines.position(errors[0]?.offset ?? 0);
    return { error: errors.length > 0 ? 'invalid JSON' : 'a configuration that is not a JSON object', line, column };
  }
  const blocks: HclBlock[] = [];
  const rangeOf = (node: JsonNode): SourceRange => lines.range(node.offset, node.offset + node.length);
  const jsonBodyOf = (node: JsonNode) => jsonBody(node, rangeOf);
  // A `.tfvars.json` file is only values.
  if (file.endsWith('.tfvars.json')) return { file, blocks, attributes: jsonBodyOf(tree).attributes };
  const labelled = (type: string, node: JsonNode | undefined, labels: string[], depth: number, at: JsonNode): void => {
    if (!node) return;
    if (depth === 0) {
      for (const body of bodiesOf(node)) blocks.push({ type, labels, range: rangeOf(at), ...jsonBodyOf(body) });
      return;
    }
    for (const property of propertiesOf(node))
      labelled(type, property.children?.[1], [...labels, String(property.children?.[0].value)], depth - 1, property.children![0]);
  };
  for (const property of tree.children ?? []) {
    const [key, value] = property.children ?? [];
    const type = String(key?.value);
    if (!(type in JSON_LABELS) || !value || !key) continue;
    if (type === 'locals') {
      for (const body of bodiesOf(value)) blocks.push({ type, labels: [], range: rangeOf(key), attributes: jsonBodyOf(body).attributes, blocks: [] });
      continue;
    }
    labelled(type, value, [], JSON_LABELS[type], key);
  }
  return { file, blocks, attributes: {} };
}

function propertiesOf(node: JsonNode): JsonNode[] {
  return node.type === 'object' ? (node.children ?? []).filter((child) => child.type === 'property') : [];
}

/** A block written once (an object) or several times (an array of objects). */
function bodiesOf(node: JsonNode): JsonNode[] {
  if (node.type === 'object') return [node];
  return node.type === 'array' ? (node.children ?? []).filter((child) => child.type === 'object') : [];
}

function jsonBody(node: JsonNode, rangeOf: (node: JsonNode) => SourceRange): { blocks: HclBlock[]; attributes: Record<string, HclExpression> } {
  const jsonBodyOf = (inner: JsonNode) => jsonBody(inner, rangeOf);
  const blocks: HclBlock[] = [];
  const attributes: Record<string, HclExpression> = {};
  for (const property of propertiesOf(node)) {
    const [key, value] = property.children ?? [];
    if (!key || !value) continue;
    const name = String(key.value);
    const range = rangeOf(key);
    if (name === 'dynamic') {
      for (const dynamic of propertiesOf(value)) {
        const [label, body] = dynamic.children ?? [];
        for (const inner of body ? bodiesOf(body) : []) blocks.push({ type: 'dynamic', labels: [String(label?.value)], range, ...jsonBodyOf(inner) });
      }
    } else if (JSON_BLOCK_TYPES.has(name) && bodiesOf(value).length > 0) {
      for (const body of bodiesOf(value)) blocks.push({ type: name, labels: [], range, ...jsonBodyOf(body) });
    } else if ((name === 'provider' || name === 'iterator') && value.type === 'string') {
      // `"provider": "aws.west"` names a provider; it is not a string.
      attributes[name] = { kind: 'reference', path: String(value.value).split('.') };
    } else if (name === 'providers' && value.type === 'object') {
      attributes[name] = {
        kind: 'object',
        entries: propertiesOf(value).map((entry) => [
          String(entry.children?.[0].value),
          { kind: 'reference', path: String(entry.children?.[1]?.value).split('.') },
        ]),
      };
    } else {
      attributes[name] = jsonExpressionOf(value);
    }
  }
  return { blocks, attributes };
}

function jsonExpressionOf(node: JsonNode): HclExpression {
  switch (node.type) {
    case 'string': {
      const value = String(node.value);
      if (!value.includes('${')) return { kind: 'literal', value };
      // The string is an HCL template: parsed as one, written as an HCL string literal.
      const parsed = parseHcl('', `value = ${JSON.stringify(value)}\n`);
      return 'error' in parsed ? { kind: 'other', text: value } : (parsed.attributes.value ?? { kind: 'other', text: value });
    }
    case 'number':
    case 'boolean':
    case 'null':
      return { kind: 'literal', value: node.value as number | boolean | null };
    case 'array':
      return { kind: 'tuple', items: (node.children ?? []).map(jsonExpressionOf) };
    case 'object':
      return {
        kind: 'object',
        entries: propertiesOf(node).flatMap((property): Array<[string, HclExpression]> =>
          property.children?.[1] ? [[String(property.children[0].value), jsonExpressionOf(property.children[1])]] : [],
        ),
      };
    default:
      return { kind: 'other', text: '' };
  }
}
