// `cap-advisor lsp`: the language server on standard input and output, for any editor.
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { CatalogServer } from '../lsp/server';
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
  // Standard output carries the protocol: nothing else may write to it.
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  console.log = (...parts: unknown[]) => connection.console.log(parts.join(' '));
  new CatalogServer(connection).listen();
  // A client that goes away without `exit` leaves nothing to serve.
  process.stdin.on('end', () => process.exit(0));
  return new Promise<number>(() => undefined);
}
