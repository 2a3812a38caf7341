// The engine's positions, findings and edits in the Language Server Protocol's terms. The engine
// counts lines and columns from 1 and edits by offset; LSP counts from 0 and edits by position.
import { DiagnosticSeverity, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Severity, TextEdit as EngineEdit } from '../engine';

/** Diagnostics carry it as their source, so a client (and a code action request) can tell ours apart. */
export const SOURCE = 'cap-advisor';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(range: Finding['range']): Range {
  return {
    start: { line: range.start.line - 1, character: range.start.column - 1 },
    end: { line: range.end.line - 1, character: range.end.column - 1 },
  };
}

export function toDiagnostic(finding: Finding, catalogUri: string): Diagnostic {
  return {
    range: toRange(finding.range),
    severity: severities[finding.severity],
    source: SOURCE,
    code: finding.ruleId,
    codeDescription: { href: finding.docsUrl },
    message: finding.message,
    // A template's line is in its own file, named relative to the catalog.
    ...(finding.related?.length
      ? {
          relatedInformation: finding.related.map((related) => ({
            location: { uri: related.file === undefined ? catalogUri : new URL(related.file, catalogUri).href, range: toRange(related.range) },
            message: related.message,
          })),
        }
      : {}),
  };
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function toTextEdit(document: TextDocument, edit: EngineEdit, newText = edit.newText): TextEdit {
  return { range: { start: document.positionAt(edit.offset[0]), end: document.positionAt(edit.offset[1]) }, newText };
}

/**
 * What a snippet inserts when the client takes no snippets: each placeholder's default
 * (`${1:reason}` → `reason`), tab stops dropped, escapes undone.
 */
export function snippetAsPlainText(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const char = snippet[i];
    if (char === '\\' && i + 1 < snippet.length && '$}\\'.includes(snippet[i + 1])) {
      out += snippet[++i];
    } else if (char === '$' && /\d/.test(snippet[i + 1] ?? '')) {
      while (/\d/.test(snippet[i + 1] ?? '')) i++;
    } else if (char === '$' && snippet[i + 1] === '{') {
      // ${1:default} or ${1|one,two|}: the default, or the first choice.
      const close = matchingBrace(snippet, i + 1);
      const body = snippet.slice(i + 2, close);
      const choice = /^\d+\|([^,|]*)/.exec(body);
      const placeholder = /^\d+:([\s\S]*)$/.exec(body);
      out += choice ? choice[1] : placeholder ? snippetAsPlainText(placeholder[1]) : '';
      i = close;
    } else {
      out += char;
    }
  }
  return out;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return text.length - 1;
}

/**
 * Completion text whose later lines the editor would indent (VS Code does, for its own items):
 * indented here to the line's own indentation, so every client inserts the same text.
 */
export function indentLaterLines(text: string, indentation: string): string {
  return text.replace(/\n(?=.)/g, `\n${indentation}`);
}
