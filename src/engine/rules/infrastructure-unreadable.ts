import { CatalogIssue, defineRule } from './rule';

/** Bad infrastructure input gets one clear finding on its entry, never a crash and never silence. */
export const infrastructureUnreadable = defineRule({
  id: 'infrastructure-unreadable',
  scope: 'catalog',
  defaultSeverity: 'error',
  description: 'An `infrastructure` entry that cannot be read: missing, outside the workspace, too large, or not a template.',
  acceptable: false,
  check(catalog) {
    return (catalog.deployed?.problems ?? []).map((problem): CatalogIssue => ({
      dataType: null,
      at: { range: catalog.source.rangeAt(['infrastructure', problem.entryIndex]) },
      message: problem.message,
      detail: problem.detail,
      // What was skipped on purpose (remote modules, nested templates on S3) is information: the rest is read.
      ...(problem.unreadModules || problem.unreadNestedStacks ? { severity: 'information' as const } : {}),
    }));
  },
});
