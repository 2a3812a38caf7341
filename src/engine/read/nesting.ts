// A linear pre-scan that refuses pathologically deep YAML before the parser sees it. The
// `yaml` composer recurses once per level; near the stack limit V8 can abort the whole process
// (an extension host included) instead of throwing, so depth must be bounded up front.

/** Far beyond any catalog (which nests about six levels), far below the parser's stack use. */
export const MAX_NESTING_DEPTH = 256;

/** The 0-based offset of the first line that nests deeper than `limit`, or -1. */
export function firstTooDeepOffset(text: string, limit = MAX_NESTING_DEPTH): number {
  const blockIndents: number[] = [];
  let flowDepth = 0;
  let quote: '"' | "'" | null = null;
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let i = lineStart;
    if (flowDepth === 0 && quote === null) {
      // Block structure: indentation plus compact `- ` / `? ` indicators, each one level.
      let column = 0;
      while (i < lineEnd && text.charCodeAt(i) === 32) { i++; column++; }
      let levels = 0;
      while (i + 1 < lineEnd && (text[i] === '-' || text[i] === '?') && text[i + 1] === ' ') {
        i += 2; column += 2; levels++;
        while (i < lineEnd && text.charCodeAt(i) === 32) { i++; column++; }
      }
      if (i < lineEnd && text[i] !== '#') {
        while (blockIndents.length > 0 && blockIndents[blockIndents.length - 1] >= column - 2 * levels) blockIndents.pop();
        blockIndents.push(column - 2 * levels);
        if (blockIndents.length + levels > limit) return lineStart;
      }
    }
    // Flow structure: brackets that open a flow collection, outside quotes and comments.
    let valueStart = flowDepth > 0 || i === lineStart || /[\s:,?-]/.test(text[i - 1] ?? ' ');
    for (; i < lineEnd; i++) {
      const c = text[i];
      if (quote !== null) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote) quote = null;
        continue;
      }
      if (c === '"' || c === "'") {
        if (valueStart || flowDepth > 0) quote = c;
      } else if (c === '#' && (i === lineStart || /\s/.test(text[i - 1]))) {
        break;
      } else if ((c === '[' || c === '{') && (valueStart || flowDepth > 0)) {
        if (++flowDepth > limit) return lineStart;
      } else if ((c === ']' || c === '}') && flowDepth > 0) {
        flowDepth--;
      }
      if (c === ':' || c === ',' || c === '-' || c === '?') valueStart = true;
      else if (c !== ' ' && c !== '\t') valueStart = flowDepth > 0 && (c === '[' || c === '{');
    }
    lineStart = lineEnd + 1;
  }
  return -1;
}
