// The entry of dist/server.js, the language server the VS Code extension starts (`--stdio`).
import { serveOverStdio } from './stdio';

serveOverStdio();
