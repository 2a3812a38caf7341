// `cap-advisor lsp`: the language server on standard input and output, for any editor.
import { serveOverStdio } from '../lsp/stdio';
import type { Console } from './console';

export const LSP_USAGE = `Usage: cap-advisor lsp [--stdio]

Runs the CAP Advisor language server on standard input and output (the Language Server
Protocol): diagnostics as you type, hover, completion, quick fixes and fix-all, code lenses,
document symbols, and the commands cap-advisor.report and cap-advisor.simulate (Markdown).
Settings come from the client's capAdvisor section. Editor set-up: see the README.
`;

/** Resolves only for --help and bad arguments: the server runs until the client sends exit or closes the stream. */
export function runLanguageServer(args: string[], io: Console): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(LSP_USAGE);
    return Promise.resolve(0);
  }
  const unknown = args.filter((arg) => arg !== '--stdio');
  if (unknown.length > 0) {
    io.stderr.write(`cap-advisor: lsp: unknown argument ${unknown[0]} (the server speaks on standard input and output; --stdio is accepted)\n`);
    return Promise.resolve(2);
  }
  serveOverStdio();
  return new Promise<number>(() => undefined);
}
