import { defineRule, SourceRule } from './rule';

/** Findings of this rule come from the generated JSON Schema validator (schemaErrors.ts). */
export const schema = defineRule<SourceRule>({
  id: 'schema',
  scope: 'source',
  defaultSeverity: 'error',
  description: 'The document breaks the catalog\'s JSON Schema (unknown keys, wrong types, bad values).',
  acceptable: false,
});
