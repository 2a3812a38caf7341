// The fast reader: a catalog's plain data and the span of every node, from js-yaml, which reads
// a large catalog much faster than `yaml` builds its Document. It only takes plain catalogs
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

/** The node at a path and the key that names it, as spans of text. */
export interface Located {
  node?: NodeSpan;
  key?: NodeSpan;
}

/** A scalar found at an offset: where it is, the path to it, and whether it is a key. */
export interface ScalarHit {
  path: (string | number)[];
  span: NodeSpan;
  isKey: boolean;
}

export interface FastRead {
  readonly value: unknown;
  /** The spans of the document's nodes, looked up by path. */
  readonly nodes: ReadNodes;
}

interface CoreTag {
  test: RegExp;
  resolve: (source: string, onError: (message: string) => void, options: object) => unknown;
}
/** `yaml`'s core schema tags that resolve plain scalars (null, bool, three ints, three floats), in its order. */
const coreTags = new Schema({ schema: 'core' }).tags.filter((tag): tag is typeof tag & CoreTag => Boolean(tag.test && tag.resolve));

/**
 * The first characters with which a plain scalar can be something other than a string under the
 * core schema (`~`, `null`, `true`, `False`, `0o17`, `-1`, `+.inf`, `.nan`...), or an empty one:
 * most scalars (names, stores, Regions) start otherwise, and skip the seven patterns.
 */
const MAY_RESOLVE = new Uint8Array(128);
for (const char of '~nNtTfF0123456789-+.') MAY_RESOLVE[char.charCodeAt(0)] = 1;

function coreTagOf(source: string): CoreTag | undefined {
  if (source.length > 0 && MAY_RESOLVE[source.charCodeAt(0)] !== 1) return undefined;
  return coreTags.find((tag) => tag.test.test(source));
}

/** `yaml`'s core schema resolution of plain scalars, handed to js-yaml as one type, so `0o17` or `.inf` resolve alike. */
const coreSchema = FAILSAFE_SCHEMA.extend({
  implicit: [
    new Type('tag:yaml.org,2002:core', {
      kind: 'scalar',
      resolve: (source: string | null) => coreTagOf(source ?? '') !== undefined,
      construct: (source: string | null) => {
        const resolved = coreTagOf(source ?? '')!.resolve(source ?? '', () => undefined, {});
        return isScalar(resolved) ? resolved.value : resolved;
      },
    }),
  ],
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

/** What a node is; `BLOCK` is added to a collection written as an indented block. */
const SCALAR = 0;
const SEQUENCE = 1;
const MAPPING = 2;
const BLOCK = 4;
/** A mapping with more pairs than this gets a key index on its first lookup; a shorter one is scanned. */
const SCANNED_PAIRS = 16;
/** No node: a missing key or index, or no document. */
const MISSING = -1;

/**
 * The spans of every node read, in typed-array columns indexed by node id: they stay off the
 * JavaScript heap, where an object per node and a Map per mapping would be copied by every
 * scavenge on a large catalog. A collection's children are
 * consecutive ids in `children`: a sequence's items, or a mapping's keys and values alternating.
 */
export class ReadNodes {
  private start = new Int32Array(1024);
  private end = new Int32Array(1024);
  private shape = new Uint8Array(1024);
  private firstChild = new Int32Array(1024);
  private childCount = new Int32Array(1024);
  private count = 0;
  private children = new Int32Array(1024);
  private childrenUsed = 0;
  /** A mapping child's key name, at the key's slot in `children` (the values' slots stay empty). */
  private readonly keyNames: (string | undefined)[] = [];
  /** The key index of each long mapping looked up so far. */
  private readonly pairIndexes = new Map<number, Map<string, number>>();
  /** The document's node, once read. */
  root = MISSING;

  add(start: number, end: number, shape: number): number {
    if (this.count === this.start.length) {
      this.start = grown(this.start);
      this.end = grown(this.end);
      this.shape = grown(this.shape);
      this.firstChild = grown(this.firstChild);
      this.childCount = grown(this.childCount);
    }
    const id = this.count++;
    this.start[id] = start;
    this.end[id] = end;
    this.shape[id] = shape;
    this.firstChild[id] = this.childrenUsed;
    this.childCount[id] = 0;
    return id;
  }

  /** Gives `parent` the ids `ids[from..]` as its children, with the keys' names for a mapping. */
  adopt(parent: number, ids: readonly number[], names: readonly unknown[] | undefined, from: number): void {
    const count = ids.length - from;
    while (this.childrenUsed + count > this.children.length) this.children = grown(this.children);
    this.firstChild[parent] = this.childrenUsed;
    this.childCount[parent] = count;
    for (let i = from; i < ids.length; i++) {
      const slot = this.childrenUsed++;
      this.children[slot] = ids[i];
      // Written for every slot, so the array stays packed (a gap of a long sequence's items would
      // turn it into a dictionary).
      this.keyNames[slot] = names && (i - from) % 2 === 0 ? (names[i] as string) : undefined;
    }
  }

  isCollection(id: number): boolean {
    return (this.shape[id] & 3) !== SCALAR;
  }

  startOf(id: number): number {
    return this.start[id];
  }

  endOf(id: number): number {
    return this.end[id];
  }

  span(id: number): NodeSpan | undefined {
    if (id === MISSING) return undefined;
    return { start: this.start[id], end: this.end[id], blockCollection: (this.shape[id] & BLOCK) !== 0 };
  }

  /** The node at a path of keys and indices, and the key that names it. */
  locate(path: readonly (string | number)[]): Located {
    let node = this.root;
    let key = MISSING;
    for (const segment of path) {
      if (node === MISSING) return {};
      const kind = this.shape[node] & 3;
      if (kind === SEQUENCE && typeof segment === 'number') {
        node = segment >= 0 && segment < this.childCount[node] ? this.children[this.firstChild[node] + segment] : MISSING;
      } else if (kind === MAPPING) {
        const slot = this.pairSlot(node, String(segment));
        if (slot === MISSING) return {};
        node = this.children[slot + 1];
        key = this.children[slot];
        continue;
      } else {
        return {};
      }
      key = MISSING;
      if (node === MISSING) return {};
    }
    return { node: this.span(node), key: this.span(key) };
  }

  /**
   * The first scalar in document order whose text holds `offset` (its end included, as a hover
   * takes it), with the path of keys and indices to it; `isKey` when the scalar is a mapping's
   * key (the path then names the pair). Undefined when no scalar holds the offset.
   */
  scalarAt(offset: number): ScalarHit | undefined {
    return this.root === MISSING ? undefined : this.scalarUnder(this.root, offset, []);
  }

  private scalarUnder(node: number, offset: number, path: (string | number)[]): ScalarHit | undefined {
    if (offset < this.start[node] || offset > this.end[node]) return undefined;
    const kind = this.shape[node] & 3;
    if (kind === SCALAR) return { path, span: this.span(node)!, isKey: false };
    const first = this.firstChild[node];
    const count = this.childCount[node];
    // The children are in document order: skip, by bisection, those that end before the offset.
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.end[this.children[first + middle]] < offset) low = middle + 1;
      else high = middle;
    }
    if (kind === MAPPING) low -= low % 2; // from the pair's key
    for (let i = low; i < count && this.start[this.children[first + i]] <= offset; i++) {
      const child = this.children[first + i];
      if (kind === SEQUENCE) {
        const hit = this.scalarUnder(child, offset, [...path, i]);
        if (hit) return hit;
      } else if (i % 2 === 0) {
        const name = this.keyNames[first + i] as string;
        if (offset <= this.end[child] && (this.shape[child] & 3) === SCALAR) return { path: [...path, name], span: this.span(child)!, isKey: true };
      } else {
        const hit = this.scalarUnder(child, offset, [...path, this.keyNames[first + i - 1] as string]);
        if (hit) return hit;
      }
    }
    return undefined;
  }

  /** The slot in `children` of the key named `name` in a mapping, or MISSING. */
  private pairSlot(mapping: number, name: string): number {
    const first = this.firstChild[mapping];
    const pairs = this.childCount[mapping] >> 1;
    if (pairs <= SCANNED_PAIRS) {
      for (let slot = first; slot < first + 2 * pairs; slot += 2) if (this.keyNames[slot] === name) return slot;
      return MISSING;
    }
    let index = this.pairIndexes.get(mapping);
    if (!index) {
      index = new Map();
      for (let slot = first; slot < first + 2 * pairs; slot += 2) index.set(this.keyNames[slot] as string, slot);
      this.pairIndexes.set(mapping, index);
    }
    return index.get(name) ?? MISSING;
  }
}

function grown<T extends Int32Array | Uint8Array>(array: T): T {
  const larger = new (array.constructor as new (length: number) => T)(array.length * 2);
  larger.set(array);
  return larger;
}

/**
 * js-yaml reports every node it composes, and every node it only tried (a block mapping at each
 * scalar), as an open/close pair: the ids of the nodes read so far sit on one flat stack, with
 * where each open node's children begin.
 */
class NodeStack {
  /** Offsets where the open nodes start, and where their children begin in `ids`. */
  private readonly opens: number[] = [0];
  private readonly firstChild: number[] = [0];
  readonly ids: number[] = [];
  /** Each node's value, as js-yaml resolved it (a key's name, or the node a failed key was). */
  private readonly values: unknown[] = [];

  constructor(readonly nodes: ReadNodes) {}

  /**
   * js-yaml opens several nodes at one offset (a block mapping tried, then the scalar it was): the
   * start past the comments there is found once.
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
    this.firstChild.push(this.ids.length);
  }

  close(text: string, state: State): void {
    const open = this.opens.pop() as number;
    const first = this.firstChild.pop() as number;
    const id = nodeOf(text, this.startOf(text, open), this.nodes, this.ids, this.values, first, state);
    if (this.ids.length > first) {
      this.ids.length = first;
      this.values.length = first;
    }
    this.ids.push(id);
    this.values.push(state.result);
  }
}

/** Reads a plain catalog, or answers `undefined` when the text needs `yaml`. */
/**
 * `onSyntaxError` hears where js-yaml met a syntax error (an offset), when that is why the text
 * was not taken; constructs left to `yaml` (anchors, tags) are not syntax errors.
 */
export function readPlainCatalog(text: string, onSyntaxError?: (offset: number) => void): FastRead | undefined {
  if (NEEDS_YAML.test(text) || text.charCodeAt(0) === 0xfeff) return undefined;
  const nodes = new ReadNodes();
  const stack = new NodeStack(nodes);
  try {
    const value = load(text, {
      schema: coreSchema,
      listener(event: string, state: State) {
        if (event === 'open') stack.open(state.position);
        else stack.close(text, state);
      },
    });
    const root = stack.ids.length > 0 ? stack.ids[stack.ids.length - 1] : MISSING;
    if (root !== MISSING && nodes.endOf(root) > nodes.startOf(root)) nodes.root = root;
    return { value: value === undefined ? null : value, nodes };
  } catch (error) {
    // A syntax error, several documents, or a construct left to `yaml`.
    const mark = (error as { name?: string; mark?: { position?: number } }).mark;
    if (onSyntaxError && (error as Error).name === 'YAMLException' && typeof mark?.position === 'number') onSyntaxError(mark.position);
    return undefined;
  }
}

/**
 * The id of the node js-yaml just closed at `start`, from the nodes read since it opened
 * (`ids[first..]`, with their values): a new node, or one of those.
 */
function nodeOf(text: string, start: number, nodes: ReadNodes, ids: readonly number[], values: readonly unknown[], first: number, state: State): number {
  const firstChar = text.charCodeAt(start);
  const count = ids.length - first;
  // `!tag`, `&anchor`, `*alias`, `? complex key`: left to `yaml`.
  if (firstChar === 0x21 || firstChar === 0x26 || firstChar === 0x2a || (firstChar === 0x3f && isBlankAt(text, start + 1)))
    throw new NotPlain(`property or complex key at ${start}`);
  // js-yaml tries a block mapping at a node, composing its first key; when no `:` follows, that
  // key (a flow collection or a scalar) was the node itself.
  if (count === 1 && nodes.startOf(ids[first]) === start && values[first] === state.result) return ids[first];
  const kind = (state as State & { kind: string | null }).kind;
  // No text (`key:` and nothing): a node all the same, as `yaml` has one.
  if (kind === null) return nodes.add(start, start, SCALAR);
  const end = trimEnd(text, start, state.position);
  const flow = firstChar === 0x5b || firstChar === 0x7b;
  const blockScalar = firstChar === 0x7c || firstChar === 0x3e;
  // js-yaml lets a multi-line flow collection or quoted scalar run back to the left of where it
  // started; `yaml` wants it indented. Only what is clearly indented stays here.
  if ((flow || (kind === 'scalar' && !blockScalar)) && !continuationIndented(text, start, end)) throw new NotPlain(`multi-line node at ${start}`);
  if (kind === 'scalar') return nodes.add(start, end, SCALAR);
  const block = flow ? 0 : BLOCK;
  if (kind === 'sequence') {
    if (!Array.isArray(state.result) || count !== state.result.length) throw new NotPlain(`sequence items at ${start}`);
    const sequence = nodes.add(start, end, SEQUENCE | block);
    nodes.adopt(sequence, ids, undefined, first);
    return sequence;
  }
  // A repeated key leaves fewer keys than pairs.
  if (count !== 2 * Object.keys(state.result as object).length) throw new NotPlain(`mapping pairs at ${start}`);
  for (let i = first; i < ids.length; i += 2) {
    const key = ids[i];
    const keyValue = values[i];
    // Non-string keys (`1:`, `null:`) and merge keys convert differently in the two parsers.
    if (typeof keyValue !== 'string' || keyValue === '<<' || nodes.isCollection(key)) throw new NotPlain(`key kind at ${nodes.startOf(key)}`);
    const keyEnd = nodes.endOf(key);
    if (keyEnd - nodes.startOf(key) > MAX_IMPLICIT_KEY_LENGTH || text.charCodeAt(skipBlanks(text, keyEnd)) !== 0x3a)
      throw new NotPlain(`implicit key at ${nodes.startOf(key)}`);
  }
  const mapping = nodes.add(start, end, MAPPING | block);
  nodes.adopt(mapping, ids, values, first);
  return mapping;
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
