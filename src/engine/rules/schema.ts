import { defineRule } from './rule';

/** Findings of this rule come from the generated JSON Schema validator (schemaErrors.ts). */
export const schema = defineRule({
  id: 'schema',
  scope: 'source',
  defaultSeverity: 'error',
  description: "The document breaks the catalog's JSON Schema (unknown keys, wrong types, bad values).",
  acceptable: false,
  fix(fixer) {
    fixer.changeToSuggestion({ safe: true });
    // A file with no catalog in it yet (empty, or comments only): the skeleton New Data Catalog writes, after its comments.
    const { text } = fixer.catalog;
    if (text.split('\n').every((line) => /^\s*(#.*)?$/.test(line))) {
      const end = text.length;
      fixer.add(
        'Insert a catalog skeleton',
        [{ offset: [end, end], newText: `${end > 0 && !text.endsWith('\n') ? '\n' : ''}${fixer.services.catalogSkeleton}` }],
        { preferred: true },
      );
    }
  },
});
