// The shape of a rule module: its id, default severity, one-line description, docs link and
// check. Checks return issues; the analysis adds the rule id, severity and data type.
import { ruleDocsUrl } from '../docs';
import type { CatalogModel, DataTypeUnderCheck, Located } from '../resolve';
import type { CatalogSource } from '../source';
import type { Severity } from '../types';

export interface Issue {
  at: Located;
  message: string;
  /** Overrides the rule's default severity for this issue (recommendation: hint when satisfied). */
  severity?: Severity;
  suggestion?: string;
}

export interface CatalogIssue extends Issue {
  dataType: string | null;
  /** Index of the data type in `dataTypes`, when the issue belongs to one. */
  dataTypeIndex?: number;
}

interface RuleMetaInput {
  id: string;
  defaultSeverity: Severity;
  description: string;
  /** Whether a data type may list the rule in `acceptedRisks`. */
  acceptable: boolean;
}

/** Rules on the text itself: they run before the catalog can be resolved. */
export interface SourceRule extends RuleMetaInput {
  scope: 'source';
  docsUrl: string;
}

/** Rules over the whole catalog (duplicates, regions). */
export interface CatalogRule extends RuleMetaInput {
  scope: 'catalog';
  docsUrl: string;
  check(catalog: CatalogModel, plain: Record<string, unknown>): CatalogIssue[];
}

/** Rules over one resolved data type. */
export interface DataTypeRule extends RuleMetaInput {
  scope: 'dataType';
  docsUrl: string;
  check(dataType: DataTypeUnderCheck, catalog: CatalogModel): Issue[];
}

export type Rule = SourceRule | CatalogRule | DataTypeRule;

type WithoutDocs<T> = Omit<T, 'docsUrl'>;

export function defineRule<T extends Rule>(rule: WithoutDocs<T>): T {
  return { ...rule, docsUrl: ruleDocsUrl(rule.id) } as T;
}

export type { CatalogModel, CatalogSource, DataTypeUnderCheck, Located };
