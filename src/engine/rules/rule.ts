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
  /** Names in the message the user must copy as written (a form that resolves): never shortened to fit. */
  verbatim?: readonly string[];
  /** The message without the names the finding's position already shows, for when the message does not fit the panel. */
  terse?: string;
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
 * What a row of the Problems panel shows of a message beside its rule id, in characters: at 1280 px
 * with the Explorer open (the integration test problemsPanel.test.ts measures the pixels).
 */
export const PANEL_ROOM = 90;
/**
 * Names longer than this are long: shortened in a message that does not fit, never below it. A
 * quoted data type name reads from its start; an address or path needs more of its end too.
 */
const LONG_NAME = { quoted: 12, written: 24 };
const MIN_CUT = 6;

/**
 * The words of a message without the sentence's punctuation. Only names are longer than LONG_NAME:
 * a quoted name ('customer-ledger'), a logical id, an address or a path.
 */
function namesIn(message: string): Array<{ text: string; at: number }> {
  return [...message.matchAll(/\S+/g)].map((word) => {
    const text = word[0].replace(/[.,;:?!)]+$/, '').replace(/^\(/, '');
    return { text, at: word.index + word[0].indexOf(text) };
  });
}

/**
 * A message that fits the panel beside `ruleId`: while it is too long, the longest long name in it
 * is shortened to its start and end (the detail says it whole). A name in `verbatim` stays whole,
 * as do the tool's own words (`vocabulary`: rule ids, store ids), and so does the wording: a message
 * with no long name left is kept as written.
 */
export function fitToPanel(
  message: string,
  ruleId: string,
  { verbatim = [], vocabulary = new Set(), terse }: { verbatim?: readonly string[]; vocabulary?: ReadonlySet<string>; terse?: string } = {},
): string {
  const room = PANEL_ROOM - ruleId.length;
  const keptWhole = (name: string) => verbatim.includes(name) || vocabulary.has(name);
  const floorOf = (name: string) => (/^['"]/.test(name) ? LONG_NAME.quoted : LONG_NAME.written);
  const shortened = (text: string) => {
    let fitted = text;
    while (fitted.length > room) {
      // A name cut by a few characters reads worse and buys nothing: only names well past the floor.
      const long = namesIn(fitted).filter(({ text: name }) => name.length >= floorOf(name) + MIN_CUT && !keptWhole(name.replace(/^['"]|['"]$/g, '')));
      if (long.length === 0) break;
      const longest = long.reduce((a, b) => (b.text.length > a.text.length ? b : a));
      const target = Math.max(floorOf(longest.text), longest.text.length - (fitted.length - room));
      fitted = fitted.slice(0, longest.at) + shortenName(longest.text, target) + fitted.slice(longest.at + longest.text.length);
    }
    return fitted;
  };
  let fitted = shortened(message);
  // Still too long: the message without what its position shows (the resource under the squiggle).
  if (fitted.length > room && terse !== undefined) fitted = shortened(terse);
  // A name to copy is worth more than the 120-character limit.
  return verbatim.some((name) => fitted.includes(name)) ? fitted : withinSentenceLimit(fitted);
}

/** A name cut to `length` characters around an ellipsis, its quotes kept. */
function shortenName(name: string, length: number): string {
  const quote = /^['"]/.test(name) ? name[0] : '';
  const inner = quote ? name.slice(1, -1) : name;
  // A name shortened before (named) is shortened again from what it kept.
  const [start, end] = inner.includes('…') ? inner.split('…') : [inner, inner];
  const room = length - 2 * quote.length - 1;
  // A quoted name is told by its start; an address or path by its end (the resource type and name, the file).
  const share = quote ? 0.6 : 0.4;
  const head = Math.min(start.length, Math.max(Math.ceil(room * share), room - end.length));
  return `${quote}${start.slice(0, head)}…${end.slice(end.length - (room - head))}${quote}`;
}

/** The hard limit of a message: cut at a space, never inside a word. */
function withinSentenceLimit(message: string): string {
  if (message.length <= 120) return message;
  const cut = message.lastIndexOf(' ', 118);
  return `${message.slice(0, cut > 60 ? cut : 119)}…`;
}

type WithoutDocs<T> = T extends Rule ? Omit<T, 'docsUrl'> : never;

/** A rule with its docs link; its id keeps its literal type, so the registry's ids are a union (`RuleId`). */
export function defineRule<const Id extends string, R extends WithoutDocs<Rule> & { id: Id }>(rule: R & { id: Id }): R & { id: Id; docsUrl: string } {
  return { ...rule, docsUrl: ruleDocsUrl(rule.id) };
}

export type { CatalogModel, CatalogSource, DataTypeUnderCheck, Fixer, Located };
