// The shape of a rule module: its id, default severity, one-line description, docs link, check
// and quick fixes. Checks return issues; the analysis adds the rule id, severity and data type.
// Fixes are written with the fixer of the edit stage; the accepted-risk fix is added for every
// rule that can be accepted.
import { ruleDocsUrl } from './docs';
import type { Fixer } from '../edit/fixer';
import type { CatalogModel, DataTypeUnderCheck, Located } from '../model/resolve';
import type { CatalogSource } from '../read/source';
import type { Severity } from '../model/types';

export interface Issue {
  at: Located;
  /** One sentence of at most 120 characters: the data type, what is wrong, the first thing to do. Plain text. */
  message: string;
  /** The reasoning behind it, in Markdown: why, the store figures, the alternatives. */
  detail: string;
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
  /** Offers the quick fixes of one of its findings, through the fixer. */
  fix?(fixer: Fixer): void;
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
  /**
   * It reasons from the data's need (its category, consistency or immutability): it stays silent
   * while one of those is not a valid value (`category: ses` mid-typing is no strong data).
   */
  readsTheNeed?: boolean;
  check(dataType: DataTypeUnderCheck, catalog: CatalogModel): Issue[];
}

export type Rule = SourceRule | CatalogRule | DataTypeRule;

/** Longest data type name a message quotes whole: a message stays within 120 characters. */
const MAX_NAME_IN_MESSAGE = 32;

/** A data type's name as a message quotes it: 'carts', or its first characters for a very long name. */
export function named(name: string): string {
  return `'${name.length > MAX_NAME_IN_MESSAGE ? `${name.slice(0, MAX_NAME_IN_MESSAGE - 1)}…` : name}'`;
}

/**
 * A resource's name as a message quotes it (logical ids may be long): at most 32 characters,
 * unquoted. A long one keeps its start and its end, where CDK's hash and Terraform's instance key
 * are: two resources of one construct still read differently.
 */
export function resourceNamed(name: string): string {
  if (name.length <= MAX_NAME_IN_MESSAGE) return name;
  const tail = 10;
  return `${name.slice(0, MAX_NAME_IN_MESSAGE - tail - 1)}…${name.slice(-tail)}`;
}

type WithoutDocs<T> = T extends Rule ? Omit<T, 'docsUrl'> : never;

/** A rule with its docs link; its id keeps its literal type, so the registry's ids are a union (`RuleId`). */
export function defineRule<const Id extends string, R extends WithoutDocs<Rule> & { id: Id }>(rule: R & { id: Id }): R & { id: Id; docsUrl: string } {
  return { ...rule, docsUrl: ruleDocsUrl(rule.id) };
}

export type { CatalogModel, CatalogSource, DataTypeUnderCheck, Fixer, Located };
