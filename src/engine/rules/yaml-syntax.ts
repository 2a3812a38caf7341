import { defineRule } from './rule';

/** Findings of this rule come from the parse stage (analyze.ts): parser errors, and refusals. */
export const yamlSyntax = defineRule({
  id: 'yaml-syntax',
  scope: 'source',
  defaultSeverity: 'error',
  description: 'The YAML does not parse (or is refused: too large, too many aliases, too deep).',
  acceptable: false,
});
