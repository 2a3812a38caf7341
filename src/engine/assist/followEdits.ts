// Keeping the last good analysis in place while the text does not parse: its findings and lenses
// move with the edits typed since, so nothing jumps, and those on the text being typed are dropped
// (they may no longer hold). Positions are 0-based, as editors give them.

export interface EditorPosition {
  line: number;
  character: number;
}

/** One replacement, as an editor reports it: the range it replaced, in the text before it, and the new text. */
export interface TextChange {
  start: EditorPosition;
  end: EditorPosition;
  text: string;
}

/**
 * Where a position of an older text is after the changes, applied in order; undefined when a
 * change replaced the text around it. Text inserted exactly at the position goes after it, or
 * before it with `stickAfter` (a range's start moves along with text inserted there).
 */
export function followPosition(position: EditorPosition, changes: readonly TextChange[], stickAfter = false): EditorPosition | undefined {
  let { line, character } = position;
  for (const change of changes) {
    const toStart = compare({ line, character }, change.start);
    if (toStart < 0 || (toStart === 0 && !stickAfter)) continue;
    if (compare({ line, character }, change.end) < 0) return undefined;
    const inserted = change.text.split('\n');
    const newLines = inserted.length - 1;
    if (line === change.end.line) character = (newLines === 0 ? change.start.character : 0) + inserted[newLines].length + (character - change.end.character);
    line += newLines - (change.end.line - change.start.line);
  }
  return { line, character };
}

/** A range after the changes; undefined when a change replaced or entered it (what it marks may no longer hold). */
export function followRange(
  range: { start: EditorPosition; end: EditorPosition },
  changes: readonly TextChange[],
): { start: EditorPosition; end: EditorPosition } | undefined {
  let current = range;
  for (const change of changes) {
    if (compare(change.start, current.end) < 0 && compare(change.end, current.start) > 0) return undefined;
    const start = followPosition(current.start, [change], true);
    const end = followPosition(current.end, [change]);
    if (!start || !end) return undefined;
    current = { start, end };
  }
  return current;
}

function compare(a: EditorPosition, b: EditorPosition): number {
  return a.line - b.line || a.character - b.character;
}
