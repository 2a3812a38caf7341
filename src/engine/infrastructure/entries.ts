// The catalog's `infrastructure` entries, read before the analysis so the shells know which
// files to read. Entries of the wrong shape are the schema's to report; here they are skipped.
import { parse } from 'yaml';
import type { InfrastructureEntry } from '../model/deployed';

export type { InfrastructureEntry };

/**
 * The entries of a catalog's text, for a shell that needs them without an analysis (the editor's
 * file watcher). A text that never says `infrastructure` has none and is not parsed; the analysis
 * itself reads them from what it already parsed (`infrastructureEntriesOf`).
 */
export function infrastructureEntries(catalogText: string): InfrastructureEntry[] {
  if (!catalogText.includes('infrastructure')) return [];
  let root: unknown;
  try {
    root = parse(catalogText, { maxAliasCount: 100, uniqueKeys: false, prettyErrors: false });
  } catch {
    return [];
  }
  return infrastructureEntriesOf(root);
}

/** The entries of a catalog already read as plain data. */
export function infrastructureEntriesOf(root: unknown): InfrastructureEntry[] {
  const list = (root as { infrastructure?: unknown } | null)?.infrastructure;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry, index): InfrastructureEntry[] => {
    if (typeof entry === 'string' && entry) return [{ index, path: entry }];
    const { path, region } = (entry ?? {}) as { path?: unknown; region?: unknown };
    if (typeof path !== 'string' || !path) return [];
    return [{ index, path, ...(typeof region === 'string' ? { region } : {}) }];
  });
}
