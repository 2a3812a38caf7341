// A linear pre-scan that refuses pathologically deep YAML before the parser sees it. The
// `yaml` composer recurses once per level; near the stack limit V8 can abort the whole process
// (an extension host included) instead of throwing, so depth must be bounded up front.

/** Far beyond any catalog (which nests about six levels), far below the parser's stack use. */
export const MAX_NESTING_DEPTH = 256;

/** The 0-based offset of the first line that nests deeper than `limit`, or -1. */
export function firstTooDeepOffset(text: string, limit = MAX_NESTING_DEPTH): number {
  const blockIndents: number[] = [];
  let flowDepth = 0;
  let quote = 0; // the code of the open quote, or 0
  let lineStart = 0;
  // Character codes, not one-character strings: this scan reads every character of the catalog.
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let i = lineStart;
    if (flowDepth === 0 && quote === 0) {
      // Block structure: indentation plus compact `- ` / `? ` indicators, each one level.
      let column = 0;
      while (i < lineEnd && text.charCodeAt(i) === SPACE) {
        i++;
        column++;
      }
      let levels = 0;
      while (i + 1 < lineEnd && (text.charCodeAt(i) === DASH || text.charCodeAt(i) === QUESTION) && text.charCodeAt(i + 1) === SPACE) {
        i += 2;
        column += 2;
        levels++;
        while (i < lineEnd && text.charCodeAt(i) === SPACE) {
          i++;
          column++;
        }
      }
      if (i < lineEnd && text.charCodeAt(i) !== HASH) {
        while (blockIndents.length > 0 && blockIndents[blockIndents.length - 1] >= column - 2 * levels) blockIndents.pop();
        blockIndents.push(column - 2 * levels);
        if (blockIndents.length + levels > limit) return lineStart;
      }
    }
    // Flow structure: brackets that open a flow collection, outside quotes and comments.
    let valueStart = flowDepth > 0 || i === lineStart || opensValue(text.charCodeAt(i - 1));
    for (; i < lineEnd; i++) {
      const c = text.charCodeAt(i);
      if (quote !== 0) {
        if (c === BACKSLASH && quote === DOUBLE_QUOTE) i++;
        else if (c === quote) quote = 0;
        continue;
      }
      if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
        if (valueStart || flowDepth > 0) quote = c;
      } else if (c === HASH && (i === lineStart || isSpace(text.charCodeAt(i - 1)))) {
        break;
      } else if ((c === OPEN_BRACKET || c === OPEN_BRACE) && (valueStart || flowDepth > 0)) {
        if (++flowDepth > limit) return lineStart;
      } else if ((c === CLOSE_BRACKET || c === CLOSE_BRACE) && flowDepth > 0) {
        flowDepth--;
      }
      if (c === COLON || c === COMMA || c === DASH || c === QUESTION) valueStart = true;
      else if (c !== SPACE && c !== TAB) valueStart = flowDepth > 0 && (c === OPEN_BRACKET || c === OPEN_BRACE);
    }
    lineStart = lineEnd + 1;
  }
  return -1;
}

const SPACE = 0x20,
  TAB = 0x09,
  DASH = 0x2d,
  QUESTION = 0x3f,
  HASH = 0x23,
  COLON = 0x3a,
  COMMA = 0x2c,
  BACKSLASH = 0x5c;
const DOUBLE_QUOTE = 0x22,
  SINGLE_QUOTE = 0x27,
  OPEN_BRACKET = 0x5b,
  CLOSE_BRACKET = 0x5d,
  OPEN_BRACE = 0x7b,
  CLOSE_BRACE = 0x7d;

/** What a regular expression's `\s` matches. */
function isSpace(code: number): boolean {
  if (code < 128) return code === SPACE || (code >= TAB && code <= 0x0d);
  return /\s/.test(String.fromCharCode(code));
}

/** A character after which a bracket or a quote opens a value: white space or `:`, `,`, `?`, `-`. */
function opensValue(code: number): boolean {
  return isSpace(code) || code === COLON || code === COMMA || code === QUESTION || code === DASH;
}
