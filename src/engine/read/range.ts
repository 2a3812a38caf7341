// Positions in a text, as every stage reports them: 1-based for people, offsets for edits.

/** A 1-based line and column, as the CLI's JSON prints them. */
export interface Position {
  line: number;
  column: number;
}

/** A range in the catalog text: 1-based positions plus 0-based character offsets for edits. */
export interface SourceRange {
  start: Position;
  end: Position;
  /** [start, end) offsets into the text (UTF-16 code units, as JavaScript strings count). */
  offset: [number, number];
}
