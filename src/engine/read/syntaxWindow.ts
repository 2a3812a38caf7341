// A syntax error in a large catalog, found without parsing all of it with `yaml`: js-yaml (the
// fast reader) says where it stopped; `yaml` then reads only the top-level key and the one list
// entry around that place, so the message and its range are `yaml`'s own. When that slice holds
// no syntax error `yaml` reports (the cause lies elsewhere), the caller parses the whole text.
import { parseDocument, type YAMLError } from 'yaml';

/** Below this size a whole parse is quick; above it a syntax error mid-typing would cost twice a valid text's analysis. */
export const SYNTAX_WINDOW_FROM_CHARS = 200_000;

/**
 * Errors that come from the text in the slice alone. Others (an alias whose anchor is outside
 * it, several documents) depend on what the slice left out.
 */
const LOCAL_ERRORS = new Set([
  'BAD_INDENT',
  'BAD_SCALAR_START',
  'BLOCK_AS_IMPLICIT_KEY',
  'BLOCK_IN_FLOW',
  'DUPLICATE_KEY',
  'MISSING_CHAR',
  'MULTILINE_IMPLICIT_KEY',
  'TAB_AS_INDENT',
  'UNEXPECTED_TOKEN',
]);

export interface WindowedError {
  code: YAMLError['code'];
  message: string;
  pos: [number, number];
}

/** `yaml`'s syntax errors in the entry around `offset`, at their places in `text`; undefined to parse it all. */
export function syntaxErrorsAround(text: string, offset: number): WindowedError[] | undefined {
  const lineStart = (at: number) => text.lastIndexOf('\n', at - 1) + 1;
  // The top-level key above the error (`dataTypes:`): the nearest line that starts in column 0
  // with neither a comment nor a list dash.
  let keyStart = lineStart(Math.min(offset, text.length));
  while (keyStart > 0 && !/^[^\s#-]/.test(text.slice(keyStart, keyStart + 1))) keyStart = lineStart(keyStart - 1);
  if (!/^[^\s#-]/.test(text.slice(keyStart, keyStart + 1))) return undefined;
  const keyEnd = text.indexOf('\n', keyStart) + 1;
  if (keyEnd === 0 || keyEnd > offset) return undefined;
  // Its entries are the lines that start with a dash at the first entry's indentation.
  const firstDash = /^([ \t]*)- /m.exec(text.slice(keyEnd, keyEnd + 4096));
  if (!firstDash) return undefined;
  const dash = `${firstDash[1]}- `;
  const entryOrKey = new RegExp(`^${firstDash[1]}- |^[^\\s#]`, 'gm');
  const errorLine = lineStart(offset);
  let entryStart = -1;
  let entryEnd = text.length;
  entryOrKey.lastIndex = keyEnd;
  for (let found = entryOrKey.exec(text); found; found = entryOrKey.exec(text)) {
    if (found.index > errorLine) {
      entryEnd = found.index;
      break;
    }
    entryStart = found[0] === dash ? found.index : -1;
  }
  if (entryStart === -1) return undefined;
  const head = text.slice(keyStart, keyEnd);
  const slice = head + text.slice(entryStart, entryEnd);
  const errors = parseDocument(slice, { merge: true, prettyErrors: false }).errors;
  if (errors.length === 0 || errors.some((error) => !LOCAL_ERRORS.has(error.code))) return undefined;
  const inText = (at: number) => (at < head.length ? keyStart + at : entryStart + at - head.length);
  return errors.map((error) => ({ code: error.code, message: error.message, pos: [inText(error.pos[0]), inText(error.pos[1])] }));
}
