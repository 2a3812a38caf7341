// The catalog text as a parser sees it, and the ranges of its nodes. Every finding's range comes
// from here, so positions are computed one way everywhere. Plain catalogs are read by the fast
// reader (js-yaml); anything else by `yaml`, whose Document is also built on demand for hovers.
import { Document, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Pair, ParsedNode, YAMLError } from 'yaml';
import { readPlainCatalog, type FastRead, type Located, type NodeSpan, type ScalarHit } from './fastReader';
import type { Position, SourceRange } from './range';
import { SYNTAX_WINDOW_FROM_CHARS, syntaxErrorsAround, type WindowedError } from './syntaxWindow';

/** Alias expansions allowed when turning the document into plain data (refuses alias bombs). */
const MAX_ALIAS_EXPANSIONS = 1000;

export type PathSegment = string | number;

export class CatalogSource {
  private readonly fast: FastRead | undefined;
  private parsed: Document.Parsed | undefined;
  private lineStarts: number[] | undefined;
  /** Where js-yaml met a syntax error, when that is why the fast reader did not take the text. */
  private syntaxErrorAt: number | undefined;
  /** The errors of the one entry around it, once read (null: the whole text must be parsed). */
  private windowed: WindowedError[] | null | undefined;

  /** `reader: 'yaml'` skips the fast reader: for callers that walk `yaml`'s nodes, and for the tests that compare the two. */
  constructor(
    readonly text: string,
    reader: 'fast-if-plain' | 'yaml' = 'fast-if-plain',
  ) {
    this.fast = reader === 'yaml' ? undefined : readPlainCatalog(text, (offset) => (this.syntaxErrorAt = offset));
  }

  /** Whether the fast reader took the text. */
  get readFast(): boolean {
    return this.fast !== undefined;
  }

  /** `yaml`'s Document of the text, parsed on first use. */
  get doc(): Document.Parsed {
    // `merge: true` so `<<: *anchor` works as most YAML users expect.
    return (this.parsed ??= parseDocument(this.text, { merge: true, prettyErrors: false }));
  }

  /** The scalar at an offset, from the fast reader's spans; undefined when it did not read the text or no scalar is there. */
  fastScalarAt(offset: number): (ScalarHit & { value: unknown }) | undefined {
    const hit = this.fast?.nodes.scalarAt(offset);
    if (!hit) return undefined;
    if (hit.isKey) return { ...hit, value: hit.path[hit.path.length - 1] };
    let value: unknown = this.fast!.value;
    for (const segment of hit.path) value = (value as Record<string | number, unknown> | null)?.[segment];
    return { ...hit, value };
  }

  /** The span of the node at a path (a key or index path), from the fast reader. */
  fastSpanAt(path: readonly PathSegment[]): NodeSpan | undefined {
    return this.fast?.nodes.locate(path).node;
  }

  /** `yaml`'s errors (syntax, several documents); a text the fast reader took has none. */
  get errors(): readonly Pick<YAMLError, 'code' | 'message' | 'pos'>[] {
    if (this.fast) return [];
    // A syntax error in a large text: `yaml` reads the entry around it, not the whole text.
    if (!this.parsed && this.syntaxErrorAt !== undefined && this.text.length >= SYNTAX_WINDOW_FROM_CHARS) {
      this.windowed ??= syntaxErrorsAround(this.text, this.syntaxErrorAt) ?? null;
      if (this.windowed) return this.windowed;
    }
    return this.doc.errors;
  }

  /** The plain value of the document, or the reason it cannot be had (alias bomb). */
  toPlainData(): { value: unknown } | { refused: string } {
    if (this.fast) return { value: this.fast.value };
    try {
      return { value: this.doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS }) };
    } catch (error) {
      return { refused: error instanceof Error ? error.message : String(error) };
    }
  }

  range(start: number, end: number): SourceRange {
    // The parser's error positions can point one past the end of the text (a lone `%`).
    start = Math.min(Math.max(start, 0), this.text.length);
    end = Math.min(Math.max(start, end), this.text.length);
    return { start: this.positionAt(start), end: this.positionAt(end), offset: [start, end] };
  }

  /**
   * 1-based line and column of an offset. Counted from the text rather than with the parser's
   * LineCounter, which misses the line breaks inside a token it could not parse.
   */
  positionAt(offset: number): Position {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low] + 1 };
  }

  /**
   * The range a squiggle should cover for a node: a scalar or flow collection whole; a block
   * collection only up to the end of its first line, so a whole block is not underlined.
   */
  private spanRange(span: NodeSpan | undefined): SourceRange | undefined {
    // An empty value (`key:` and nothing) has no text to underline; callers fall back to the key.
    if (!span || span.end <= span.start) return undefined;
    let end = span.end;
    if (span.blockCollection) {
      const lineEnd = this.text.indexOf('\n', span.start);
      if (lineEnd !== -1 && lineEnd < end) end = lineEnd;
    }
    return this.range(span.start, trimTrailingSpace(this.text, span.start, end));
  }

  /** The node at a JSON-pointer-like path of keys and indices, and the key that names it. */
  private locate(path: readonly PathSegment[]): Located {
    return this.fast ? this.fast.nodes.locate(path) : locateParsed(this.doc.contents as ParsedNode | null, path);
  }

  /** The closest range for a path: the value, else its key, else the nearest ancestor. */
  rangeAt(path: readonly PathSegment[]): SourceRange {
    const emptyItem = this.emptyItemRange(path);
    if (emptyItem) return emptyItem;
    for (let depth = path.length; depth >= 0; depth--) {
      const { node, key } = this.locate(depth === path.length ? path : path.slice(0, depth));
      const range = (depth === path.length ? this.spanRange(node) : undefined) ?? this.spanRange(key) ?? this.spanRange(node);
      if (range) return range;
    }
    return this.range(0, 0);
  }

  /**
   * An empty item of a block list (a `-` with nothing after it) has no node to point at: its dash
   * is the place, not the list's key, which may be many lines above.
   */
  private emptyItemRange(path: readonly PathSegment[]): SourceRange | undefined {
    const index = path[path.length - 1];
    if (typeof index !== 'number' || path.length === 0) return undefined;
    const { node } = this.locate(path);
    if (node && node.end > node.start) return undefined;
    const list = this.locate(path.slice(0, -1)).node;
    if (!list || this.text[list.start] !== '-') return undefined;
    const lineStart = this.text.lastIndexOf('\n', list.start) + 1;
    const indent = this.text.slice(lineStart, list.start);
    if (!/^[ \t]*$/.test(indent)) return undefined;
    const dash = new RegExp(`^${indent}-(?=[ \\t]|\\r?$)`, 'gm');
    dash.lastIndex = lineStart;
    let seen = -1;
    for (let match = dash.exec(this.text); match && match.index < list.end + 1; match = dash.exec(this.text)) {
      if (++seen === index) return this.range(match.index + indent.length, match.index + indent.length + 1);
    }
    return undefined;
  }

  /** The range of the key of the pair at a path (for unknown keys and missing values). */
  keyRangeAt(path: readonly PathSegment[]): SourceRange {
    return this.spanRange(this.locate(path).key) ?? this.rangeAt(path);
  }
}

function locateParsed(root: ParsedNode | null, path: readonly PathSegment[]): Located {
  let node: ParsedNode | null | undefined = root;
  let key: ParsedNode | undefined;
  for (const segment of path) {
    key = undefined;
    if (isSeq(node) && typeof segment === 'number') {
      node = (node as YAMLSeq<ParsedNode>).items[segment];
    } else if (isMap(node)) {
      const pair = pairOf(node, String(segment));
      if (!pair) return {};
      node = pair.value;
      key = pair.key;
    } else {
      return {};
    }
    if (!node) return { key: spanOfParsed(key) };
  }
  return { node: spanOfParsed(node), key: spanOfParsed(key) };
}

/** The mapping pair for `key` in `map`, if the map has it. */
function pairOf(map: unknown, key: string): Pair<ParsedNode, ParsedNode | null> | undefined {
  if (!isMap(map)) return undefined;
  for (const item of (map as YAMLMap<ParsedNode, ParsedNode | null>).items) {
    if (isPair(item) && isScalar(item.key) && String((item.key as Scalar).value) === key) return item;
  }
  return undefined;
}

function spanOfParsed(node: ParsedNode | null | undefined): NodeSpan | undefined {
  if (!node?.range) return undefined;
  return { start: node.range[0], end: node.range[1], blockCollection: (isMap(node) || isSeq(node)) && !node.flow };
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function trimTrailingSpace(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}

/** The source each analysis read its text from, while the analysis lives: hovers reuse its reading. */
const analysedSources = new WeakMap<object, CatalogSource>();

export function rememberSource(analysis: object, source: CatalogSource): void {
  analysedSources.set(analysis, source);
}

/** The fast-read source of an analysis of exactly this text, if there is one. */
export function fastSourceOf(analysis: object, text: string): CatalogSource | undefined {
  const source = analysedSources.get(analysis);
  return source?.text === text && source.readFast ? source : undefined;
}
