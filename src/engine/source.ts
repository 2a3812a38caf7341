// The catalog text as the `yaml` library sees it, and the ranges of its nodes. Every finding's
// range comes from here, so positions are computed one way everywhere.
import { Document, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Node, Pair, ParsedNode } from 'yaml';
import type { Position, SourceRange } from './types';

/** Alias expansions allowed when turning the document into plain data (refuses alias bombs). */
const MAX_ALIAS_EXPANSIONS = 1000;

export type PathSegment = string | number;

export class CatalogSource {
  readonly doc: Document.Parsed;
  private lineStarts: number[] | undefined;

  constructor(readonly text: string) {
    // `merge: true` so `<<: *anchor` works as most YAML users expect.
    this.doc = parseDocument(text, { merge: true, prettyErrors: false });
  }

  /** The plain value of the document, or the reason it cannot be had (alias bomb). */
  toPlainData(): { value: unknown } | { refused: string } {
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
  nodeRange(node: Node | null | undefined): SourceRange | undefined {
    const r = node?.range;
    // An empty value (`key:` and nothing) has no text to underline; callers fall back to the key.
    if (!r || r[1] <= r[0]) return undefined;
    let end = r[1];
    if ((isMap(node) || isSeq(node)) && !node.flow) {
      const lineEnd = this.text.indexOf('\n', r[0]);
      if (lineEnd !== -1 && lineEnd < end) end = lineEnd;
    }
    return this.range(r[0], trimTrailingSpace(this.text, r[0], end));
  }

  /** The mapping pair for `key` in `map`, if the map has it. */
  static pairOf(map: unknown, key: string): Pair<ParsedNode, ParsedNode | null> | undefined {
    if (!isMap(map)) return undefined;
    for (const item of (map as YAMLMap<ParsedNode, ParsedNode | null>).items) {
      if (isPair(item) && isScalar(item.key) && String((item.key as Scalar).value) === key) return item;
    }
    return undefined;
  }

  /** The node at a JSON-pointer-like path of keys and indices, with the pair that holds it. */
  nodeAt(path: readonly PathSegment[]): { node: ParsedNode | null | undefined; pair?: Pair<ParsedNode, ParsedNode | null>; parent?: ParsedNode } {
    let node: ParsedNode | null | undefined = this.doc.contents as ParsedNode | null;
    let pair: Pair<ParsedNode, ParsedNode | null> | undefined;
    let parent: ParsedNode | undefined;
    for (const segment of path) {
      parent = node ?? undefined;
      pair = undefined;
      if (isSeq(node) && typeof segment === 'number') {
        node = (node as YAMLSeq<ParsedNode>).items[segment];
      } else if (isMap(node)) {
        pair = CatalogSource.pairOf(node, String(segment));
        node = pair ? pair.value : undefined;
        if (!pair) return { node: undefined, parent };
      } else {
        return { node: undefined, parent };
      }
      if (node === undefined) return { node: undefined, parent };
    }
    return { node, pair, parent };
  }

  /** The closest range for a path: the value, else its key, else the nearest ancestor. */
  rangeAt(path: readonly PathSegment[]): SourceRange {
    for (let depth = path.length; depth >= 0; depth--) {
      const { node, pair } = this.nodeAt(path.slice(0, depth));
      const range = (depth === path.length ? this.nodeRange(node) : undefined)
        ?? this.nodeRange(pair?.key as Node | undefined)
        ?? this.nodeRange(node);
      if (range) return range;
    }
    return this.range(0, 0);
  }

  /** The range of the key of the pair at a path (for unknown keys and missing values). */
  keyRangeAt(path: readonly PathSegment[]): SourceRange {
    const { pair } = this.nodeAt(path);
    return this.nodeRange(pair?.key as Node | undefined) ?? this.rangeAt(path);
  }
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
