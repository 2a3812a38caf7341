// The language server on standard input and output: how `cap-advisor lsp` runs it for any editor,
// and how the VS Code extension starts its bundled copy (dist/server.js).
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { CatalogServer } from './server';

/** Serves until the client sends `exit` or closes the stream. */
export function serveOverStdio(): void {
  // Standard output carries the protocol: nothing else may write to it.
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  console.log = (...parts: unknown[]) => connection.console.log(parts.join(' '));
  new CatalogServer(connection).listen();
  // A client that goes away without `exit` leaves nothing to serve.
  process.stdin.on('end', () => process.exit(0));
}
