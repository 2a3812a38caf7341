// The streams and environment each CLI command writes to and reads; tests pass their own.

export interface Console {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}
