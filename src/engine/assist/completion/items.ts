// What a completion list is made of, shared by every kind of completion.
import type { DataTypeReport } from '../../model/types';

export interface CompletionItem {
  label: string;
  kind: 'key' | 'value' | 'region' | 'guard' | 'rule' | 'entry';
  /**
   * Replaces `range`. VS Code snippet syntax when `snippet` is true; lines after the first are
   * relative to the current line's indentation (the editor adds it).
   */
  insertText: string;
  snippet?: boolean;
  /** Markdown: what the key or the value means. */
  documentation: string;
  /** A short note beside the label: "recommended", "fires here". */
  detail?: string;
  /** Order in the list, lowest first. */
  sortText: string;
  preselect?: boolean;
  /** Open the list again after inserting (a key whose values can be offered). */
  retrigger?: boolean;
  /** [start, end) offsets of the text the item replaces: the word typed so far. */
  range: [number, number];
}

export const sortKey = (rank: number) => String(rank).padStart(3, '0');

/** What the shell found in the workspace that an `infrastructure` entry may name (the engine reads no files). */
export interface InfrastructureCandidate {
  /** Relative to the catalog's folder. */
  path: string;
  /** "CDK cloud assembly", "CloudFormation template", ... */
  detail: string;
}

export interface Scope {
  /** The Regions declared in the text. */
  regions: Array<{ name: string; role: string }>;
  /** The data type the cursor is in, as the last analysis saw it. */
  dataType?: DataTypeReport;
}
