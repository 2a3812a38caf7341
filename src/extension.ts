// Placeholder: the VS Code shell over src/engine (issue: the VS Code extension).
import * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {}

export function deactivate(): void {}
