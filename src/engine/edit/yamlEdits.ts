// Minimal text edits on a catalog, located through the `yaml` library's document and CST so
// that everything the edit does not touch (comments, key order, flow or block style, quoting,
// indentation, line endings) stays byte for byte as the user wrote it.
import { CST, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';

export interface TextEdit {
  /** Replace `text.slice(offset[0], offset[1])` with `newText`. */
  offset: [number, number];
  newText: string;
}

/** The catalog text with its document, parsed once for all the fixes of one request. */
export class EditableCatalog {
  readonly doc: Document.Parsed;
  readonly eol: string;

  constructor(readonly text: string) {
    this.doc = parseDocument(text, { keepSourceTokens: true, prettyErrors: false });
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
  }

  /** The `dataTypes` entry (a map) whose text contains the offset. */
  dataTypeAt(offset: number): YAMLMap | undefined {
    const list = this.doc.get('dataTypes', true);
    if (!isSeq(list)) return undefined;
    return list.items.find((item): item is YAMLMap => isMap(item) && !!item.range && item.range[0] <= offset && offset <= item.range[2]);
  }

  pair(map: YAMLMap, key: string): Pair<Scalar, Node | null> | undefined {
    return map.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<Scalar, Node | null> | undefined;
  }

  /** Replaces a scalar's value, keeping its quoting and the comment after it (CST.setScalarValue). */
  replaceScalar(node: Scalar, value: string): TextEdit {
    const token = node.srcToken as CST.FlowScalar | CST.BlockScalar | undefined;
    if (!token) throw new Error('scalar without a source token');
    const own = { ...token, end: undefined } as CST.Token;
    const changed = structuredClone(own) as CST.FlowScalar;
    CST.setScalarValue(changed, value);
    return { offset: [token.offset, token.offset + CST.stringify(own).length], newText: CST.stringify(changed) };
  }

  /**
   * Sets `key: value` in a data type: replaces the value when the key is there and holds a
   * scalar, else adds the key after the entry's last field (an override of `defaults`).
   */
  setField(map: YAMLMap, key: string, value: string): TextEdit {
    const existing = this.pair(map, key);
    if (existing && isScalar(existing.value)) return this.replaceScalar(existing.value, value);
    if (existing)
      return {
        offset: [existing.value?.range?.[0] ?? keyEnd(existing), existing.value?.range?.[1] ?? keyEnd(existing)],
        newText: `${existing.value ? '' : ' '}${value}`,
      };
    return this.addField(map, key, value);
  }

  /** Adds `key: <valueText>` to a map, in its style; `valueText` may span lines (already indented for the key). */
  addField(map: YAMLMap, key: string, valueText: string, blockValue?: (keyIndent: string) => string): TextEdit {
    if (map.flow) {
      const last = map.items.at(-1);
      if (!last) return { offset: [map.range![1] - 1, map.range![1] - 1], newText: `${key}: ${valueText}` };
      const afterLast = ((last.value as Node | null)?.range ?? (last.key as Node).range)![1];
      return { offset: [afterLast, afterLast], newText: `, ${key}: ${valueText}` };
    }
    const indent = this.columnOf(map.items[0]?.key as Node | undefined, map);
    const keyIndent = ' '.repeat(indent);
    const value = blockValue ? blockValue(keyIndent) : ` ${valueText}`;
    return this.insertLines(this.endOfLastLine(map), `${keyIndent}${key}:${value}`);
  }

  /** Appends an item to a sequence, in its style: `- item` on a new line, or `, item` before `]`. */
  appendItem(seq: YAMLSeq, flowItem: string, blockItem?: (itemIndent: string) => string): TextEdit {
    if (seq.flow) {
      const close = seq.range![1] - 1; // the `]`
      const empty = seq.items.length === 0;
      const afterLast = empty ? close : (seq.items.at(-1) as Node).range![1];
      return { offset: [afterLast, afterLast], newText: empty ? flowItem : `, ${flowItem}` };
    }
    const itemIndent = ' '.repeat(this.columnOf(seq, seq));
    return this.insertLines(this.endOfLastLine(seq), blockItem ? blockItem(itemIndent) : `${itemIndent}- ${flowItem}`);
  }

  /** Whole lines inserted at a line start (or at the end of a text without a final newline). */
  insertLines(at: number, lines: string): TextEdit {
    const lead = at === this.text.length && this.text.length > 0 && !this.text.endsWith('\n') ? this.eol : '';
    return { offset: [at, at], newText: `${lead}${lines.replace(/\r?\n/g, this.eol)}${this.eol}` };
  }

  /** How the file indents a block sequence under its key: 2 more than the key, or not at all. */
  sequenceIndentStep(): number {
    const list = this.doc.get('dataTypes', true) ?? this.doc.get('regions', true);
    if (isSeq(list) && !list.flow && list.range) {
      const keyPair = (this.doc.contents as YAMLMap).items.find((p) => p.value === list);
      const keyColumn = keyPair ? this.columnOf(keyPair.key as Node, undefined) : 0;
      return this.columnOf(list, list) - keyColumn;
    }
    return 2;
  }

  /** 0-based column where a node starts; for a block sequence, where its `-` stands. */
  columnOf(node: Node | undefined, fallback: Node | undefined): number {
    const start = node?.range?.[0] ?? fallback?.range?.[0] ?? 0;
    const lineStart = this.text.lastIndexOf('\n', start - 1) + 1;
    if (isSeq(node) && !node.flow) {
      // A block sequence's range starts at its first item's content; its `-` stands before it.
      const dash = this.text.lastIndexOf('-', start);
      return dash >= lineStart ? dash - lineStart : start - lineStart;
    }
    return start - lineStart;
  }

  /** The offset just after the line on which a block collection's last value ends. */
  endOfLastLine(node: Node): number {
    let end = node.range![1];
    // A trailing comment on the last line belongs to that line.
    while (end > 0 && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
    const newline = this.text.indexOf('\n', end);
    if (newline === -1) return this.text.length; // the caller's newText starts on a new line
    return newline + 1;
  }
}

function keyEnd(pair: Pair<Scalar, Node | null>): number {
  return pair.key.range![1] + 1;
}

/**
 * A plain value as a one-line flow YAML item: `human-approval`, `{ type: fencing-lease, ttl: 30s }`,
 * `[us-east-1, us-east-2]`. For the small values fixes and new entries write.
 */
export function flowYaml(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flowYaml).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${v === null ? '' : flowYaml(v)}`)
      .join(', ')} }`;
  return String(value);
}

/** Applies non-overlapping edits (offsets into the original text). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.offset[0] - a.offset[0] || b.offset[1] - a.offset[1]);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.offset[0]) + edit.newText + result.slice(edit.offset[1]);
  return result;
}
