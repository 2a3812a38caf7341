// The fast reader: a catalog's plain data and the span of every node, from js-yaml, which reads
// a large catalog about ten times faster than `yaml` builds its Document. It only takes plain catalogs
// (one document, no syntax error, no tags, anchors, aliases, merge keys or complex keys); for any
// other text it answers `undefined` and the caller reads with `yaml`, so syntax errors, alias
// limits and every YAML corner keep `yaml`'s behaviour. On what it does take, its data and spans
// equal `yaml`'s (test/unit/fastReader.test.ts compares the two on random and edited catalogs).
import { FAILSAFE_SCHEMA, load, Type, type State } from 'js-yaml';
import { isScalar, Schema } from 'yaml';

/** A node's text: `[start, end)` offsets, and whether it is a block (indented) collection. */
export interface NodeSpan {
  readonly start: number;
  readonly end: number;
  readonly blockCollection: boolean;
}

export interface ReadNode extends NodeSpan {
  /** A mapping's pairs by key (keys are always strings here). */
  readonly pairs?: ReadonlyMap<string, { key: ReadNode; value: ReadNode }>;
  /** A sequence's items. */
  readonly items?: readonly ReadNode[];
}

export interface FastRead {
  readonly value: unknown;
  readonly root: ReadNode | undefined;
}

/** `yaml`'s core schema resolution of plain scalars, handed to js-yaml, so `0o17` or `.inf` resolve alike. */
const coreSchema = FAILSAFE_SCHEMA.extend({
  implicit: new Schema({ schema: 'core' }).tags.flatMap((tag, index) => {
    const { test, resolve } = tag as { test?: RegExp; resolve?: (source: string, onError: (message: string) => void, options: object) => unknown };
    if (!test || !resolve) return [];
    // js-yaml keeps one implicit type per tag; `yaml` has three ints and three floats.
    return [new Type(`${tag.tag}#${index}`, {
      kind: 'scalar',
      resolve: (source: string | null) => test.test(source ?? ''),
      construct: (source: string | null) => {
        const resolved = resolve(source ?? '', () => undefined, {});
        return isScalar(resolved) ? resolved.value : resolved;
      },
    })];
  }),
});

/** Longest implicit key `yaml` accepts (YAML 1.2 §7.4); js-yaml does not enforce it. */
const MAX_IMPLICIT_KEY_LENGTH = 1024;

/**
 * Texts `yaml` reads differently from js-yaml, found by comparing the two (see the test):
 * directives and explicit document ends; a lone CR, a line break to js-yaml only; a comment
 * right after a flow collection or a quoted scalar, which only `yaml` rejects. (A leading byte
 * order mark is checked apart: js-yaml drops it, which shifts every offset.)
 */
const NEEDS_YAML = /^(?:%|\.\.\.)|\r(?!\n)|["'\]}]#/m;

class NotPlain extends Error {}

/**
 * js-yaml reports every node it composes, and every node it only tried (a block mapping at each
 * scalar), as an open/close pair: the nodes read so far sit on one flat stack, with where each
 * open node's children begin.
 */
class NodeStack {
  /** Offsets where the open nodes start, and where their children begin in `nodes`. */
  private readonly opens: number[] = [0];
  private readonly firstChild: number[] = [0];
  readonly nodes: ReadNode[] = [];
  /** Each node's value, as js-yaml resolved it (a key's name, or the node a failed key was). */
  private readonly values: unknown[] = [];

  /**
   * js-yaml opens several nodes at one offset (a block mapping tried, then the scalar it was): the
   * start past the comments there is found once (the read of the 10,000-type benchmark catalog
   * went from about 170 to 155 ms).
   */
  private lastOpen = -1;
  private lastStart = -1;

  private startOf(text: string, open: number): number {
    if (open !== this.lastOpen) {
      this.lastOpen = open;
      this.lastStart = skipSeparation(text, open);
    }
    return this.lastStart;
  }

  open(offset: number): void {
    this.opens.push(offset);
    this.firstChild.push(this.nodes.length);
  }

  close(text: string, state: State): void {
    const open = this.opens.pop() as number;
    const first = this.firstChild.pop() as number;
    const node = nodeOf(text, this.startOf(text, open), this.nodes, this.values, first, state);
    if (this.nodes.length > first) {
      this.nodes.length = first;
      this.values.length = first;
    }
    this.nodes.push(node);
    this.values.push(state.result);
  }
}

/** Reads a plain catalog, or answers `undefined` when the text needs `yaml`. */
export function readPlainCatalog(text: string): FastRead | undefined {
  if (NEEDS_YAML.test(text) || text.charCodeAt(0) === 0xfeff) return undefined;
  const stack = new NodeStack();
  try {
    const value = load(text, {
      schema: coreSchema,
      listener(event: string, state: State) {
        if (event === 'open') stack.open(state.position);
        else stack.close(text, state);
      },
    });
    const root = stack.nodes[stack.nodes.length - 1];
    return { value: value === undefined ? null : value, root: root && root.end > root.start ? root : undefined };
  } catch {
    // A syntax error, several documents, or a construct left to `yaml`.
    return undefined;
  }
}

/** The node js-yaml just closed at `start`, from the nodes read since it opened (`nodes[first..]`, with their values). */
function nodeOf(text: string, start: number, nodes: readonly ReadNode[], values: readonly unknown[], first: number, state: State): ReadNode {
  const firstChar = text.charCodeAt(start);
  const count = nodes.length - first;
  // `!tag`, `&anchor`, `*alias`, `? complex key`: left to `yaml`.
  if (firstChar === 0x21 || firstChar === 0x26 || firstChar === 0x2a || (firstChar === 0x3f && isBlankAt(text, start + 1))) throw new NotPlain(`property or complex key at ${start}`);
  // js-yaml tries a block mapping at a node, composing its first key; when no `:` follows, that
  // key (a flow collection or a scalar) was the node itself.
  if (count === 1 && nodes[first].start === start && values[first] === state.result) return nodes[first];
  const kind = (state as State & { kind: string | null }).kind;
  if (kind === null) return { start, end: start, blockCollection: false };
  const end = trimEnd(text, start, state.position);
  const flow = firstChar === 0x5b || firstChar === 0x7b;
  const blockScalar = firstChar === 0x7c || firstChar === 0x3e;
  // js-yaml lets a multi-line flow collection or quoted scalar run back to the left of where it
  // started; `yaml` wants it indented. Only what is clearly indented stays here.
  if ((flow || (kind === 'scalar' && !blockScalar)) && !continuationIndented(text, start, end)) throw new NotPlain(`multi-line node at ${start}`);
  if (kind === 'scalar') return { start, end, blockCollection: false };
  if (kind === 'sequence') {
    if (!Array.isArray(state.result) || count !== state.result.length) throw new NotPlain(`sequence items at ${start}`);
    return { start, end, blockCollection: !flow, items: nodes.slice(first) };
  }
  const keys = Object.keys(state.result as object);
  if (count !== 2 * keys.length) throw new NotPlain(`mapping pairs at ${start}`);
  const pairs = new Map<string, { key: ReadNode; value: ReadNode }>();
  for (let i = first; i < nodes.length; i += 2) {
    const key = nodes[i];
    const keyValue = values[i];
    // Non-string keys (`1:`, `null:`) and merge keys convert differently in the two parsers.
    if (typeof keyValue !== 'string' || keyValue === '<<' || key.items || key.pairs) throw new NotPlain(`key kind at ${key.start}`);
    if (key.end - key.start > MAX_IMPLICIT_KEY_LENGTH || text.charCodeAt(skipBlanks(text, key.end)) !== 0x3a) throw new NotPlain(`implicit key at ${key.start}`);
    pairs.set(keyValue, { key, value: nodes[i + 1] });
  }
  if (pairs.size !== keys.length) throw new NotPlain(`duplicate keys at ${start}`);
  return { start, end, blockCollection: !flow, pairs };
}

/** Past spaces, tabs, line breaks and comments: where a node's own text begins. */
function skipSeparation(text: string, offset: number): number {
  while (offset < text.length) {
    const code = text.charCodeAt(offset);
    if (isWhiteSpace(code)) {
      offset++;
    } else if (code === 0x23) {
      // Where a node should begin, `#` starts a comment: no scalar begins with one.
      while (offset < text.length && text.charCodeAt(offset) !== 0x0a) offset++;
    } else if (code === 0x2d && offset + 2 < text.length && text.startsWith('---', offset) && isLineStart(text, offset) && isBlankAt(text, offset + 3)) {
      offset += 3; // the document start marker
    } else {
      return offset;
    }
  }
  return offset;
}

/** Whether every further non-blank line of a node is indented deeper than the line it starts on. */
function continuationIndented(text: string, start: number, end: number): boolean {
  let lineBreak = text.indexOf('\n', start);
  if (lineBreak === -1 || lineBreak >= end) return true;
  const startIndent = indentAt(text, text.lastIndexOf('\n', start - 1) + 1);
  for (; lineBreak !== -1 && lineBreak < end; lineBreak = text.indexOf('\n', lineBreak + 1)) {
    const lineStart = lineBreak + 1;
    const indent = indentAt(text, lineStart);
    const next = text.charCodeAt(lineStart + indent);
    const blank = next === 0x0a || next === 0x0d || Number.isNaN(next);
    if (!blank && indent <= startIndent) return false;
  }
  return true;
}

function indentAt(text: string, lineStart: number): number {
  let offset = lineStart;
  while (text.charCodeAt(offset) === 0x20) offset++;
  return offset - lineStart;
}

/** Back over the spaces and line breaks js-yaml reads past the end of a node. */
function trimEnd(text: string, start: number, end: number): number {
  let trimmed = end;
  while (trimmed > start && isWhiteSpace(text.charCodeAt(trimmed - 1))) trimmed--;
  return trimmed;
}

function skipBlanks(text: string, offset: number): number {
  while (offset < text.length && (text.charCodeAt(offset) === 0x20 || text.charCodeAt(offset) === 0x09)) offset++;
  return offset;
}

function isBlankAt(text: string, offset: number): boolean {
  return offset >= text.length || isWhiteSpace(text.charCodeAt(offset));
}

/** Space, tab, line feed or carriage return: YAML's white space and line breaks. */
function isWhiteSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isLineStart(text: string, offset: number): boolean {
  return offset === 0 || text.charCodeAt(offset - 1) === 0x0a;
}
