// Where the cursor is, read from lines and indentation rather than a parse: the text being typed
// is rarely valid YAML.

interface LineShape {
  blank: boolean;
  indent: number;
  /** Column of a leading `- `, or -1. */
  dashCol: number;
  /** Column of a `key:` at the start of the content, or -1. */
  keyCol: number;
  key?: string;
  value: string;
}
const LINE = /^( *)((?:- +)?)(?:([A-Za-z_][\w-]*) *:(?= |$))?(.*)$/;

function shape(line: string): LineShape {
  if (/^\s*(#|$)/.test(line)) return { blank: true, indent: 0, dashCol: -1, keyCol: -1, value: '' };
  const [, spaces, dash, key, value] = LINE.exec(line.replace(/\r$/, ''))!;
  return { blank: false, indent: spaces.length, dashCol: dash ? spaces.length : -1, keyCol: key ? spaces.length + dash.length : -1, key, value: value.trim() };
}

interface Ancestor {
  key: string;
  row: number;
}

/** The keys (and `-` for sequence items) that contain column `col` of line `row`, from the root. */
export function ancestorsAt(lines: readonly string[], row: number, col: number): Ancestor[] {
  const path: Ancestor[] = [];
  let limit = col;
  for (let r = row - 1; r >= 0 && limit > 0; r--) {
    const line = shape(lines[r]);
    if (line.blank) continue;
    if (line.keyCol !== -1 && line.keyCol < limit) {
      path.unshift({ key: line.key!, row: r });
      limit = line.keyCol;
    }
    if (line.dashCol !== -1 && line.dashCol < limit) {
      path.unshift({ key: '-', row: r });
      limit = line.dashCol;
    }
  }
  return path;
}

/**
 * The keys already written in the mapping whose keys start at `keyCol`, around line `row`. On a
 * line that starts a new list item, the mapping starts there: the lines above are another item.
 */
export function siblingKeys(lines: readonly string[], row: number, keyCol: number, startsItem: boolean): Set<string> {
  return new Set(siblingEntries(lines, row, keyCol, startsItem).keys());
}

/** The keys written beside the cursor's line in the same mapping, with their values as written ('' for a block). */
export function siblingEntries(lines: readonly string[], row: number, keyCol: number, startsItem: boolean): Map<string, string> {
  const keys = new Map<string, string>();
  for (let r = row - 1; r >= 0 && !startsItem; r--) {
    const line = shape(lines[r]);
    if (line.blank) continue;
    if (line.keyCol === keyCol) keys.set(line.key!, line.value ?? '');
    if (line.dashCol !== -1 && line.dashCol < keyCol) break;
    if (line.indent < keyCol && line.dashCol === -1) break;
  }
  for (let r = row + 1; r < lines.length; r++) {
    const line = shape(lines[r]);
    if (line.blank) continue;
    if (line.indent < keyCol) break;
    if (line.keyCol === keyCol) keys.set(line.key!, line.value ?? '');
  }
  return keys;
}

/** The name written in the data type item that starts on line `itemRow`. */
export function itemName(lines: readonly string[], itemRow: number): string | undefined {
  const first = shape(lines[itemRow]);
  if (first.key === 'name') return first.value || undefined;
  const contentCol = first.keyCol !== -1 ? first.keyCol : first.dashCol + 2;
  for (let r = itemRow + 1; r < lines.length; r++) {
    const line = shape(lines[r]);
    if (line.blank) continue;
    if (line.indent <= first.dashCol) break;
    if (line.key === 'name' && line.keyCol === contentCol && line.dashCol === -1) return line.value || undefined;
  }
  return undefined;
}

/**
 * The Regions the catalog declares, read from its lines (`- name: x` / `role: y`, block or flow),
 * so they are known while the text being typed does not parse.
 */
export function declaredRegions(lines: readonly string[]): Array<{ name: string; role: string }> {
  const regions: Array<{ name: string; role: string }> = [];
  const start = lines.findIndex((line) => /^regions *:\s*$/.test(line.replace(/\r$/, '')));
  if (start === -1) return regions;
  for (let r = start + 1; r < lines.length; r++) {
    const line = lines[r].replace(/\r$/, '');
    if (/^\S/.test(line)) break;
    const name = /^\s*-?\s*(?:\{.*\b)?name *: *([\w-]+)/.exec(line)?.[1];
    if (name && /^\s*-/.test(line)) regions.push({ name, role: '' });
    const role = /\brole *: *([\w-]+)/.exec(line)?.[1];
    if (role && regions.length > 0) regions[regions.length - 1].role = role;
  }
  return regions;
}

/** The data type names written in the text (block or flow), so a new entry can avoid them. */
export function writtenNames(lines: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const line of lines) for (const match of line.matchAll(/(?:^\s*-\s*|^\s+|[{,]\s*)name *: *([\w.-]+)/g)) names.add(match[1]);
  return names;
}
