// Placeholder: `cap-advisor check` lands with the CLI.
export async function main(_argv: string[]): Promise<number> {
  return 0;
}
