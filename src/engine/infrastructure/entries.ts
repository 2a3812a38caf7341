// The catalog's `infrastructure` entries, read before the analysis so the shells know which
// files to read. Entries of the wrong shape are the schema's to report; here they are skipped.
import { parse } from 'yaml';

export interface InfrastructureEntry {
  /** Index in the catalog's `infrastructure` list: problems with the entry are reported there. */
  index: number;
  /** As written: relative to the catalog's folder. */
  path: string;
  /** The Region of a plain template, which the template itself never says. */
  region?: string;
}

export function infrastructureEntries(catalogText: string): InfrastructureEntry[] {
  let root: unknown;
  try {
    root = parse(catalogText, { maxAliasCount: 100, uniqueKeys: false, prettyErrors: false });
  } catch {
    return [];
  }
  const list = (root as { infrastructure?: unknown } | null)?.infrastructure;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry, index): InfrastructureEntry[] => {
    if (typeof entry === 'string' && entry) return [{ index, path: entry }];
    const { path, region } = (entry ?? {}) as { path?: unknown; region?: unknown };
    if (typeof path !== 'string' || !path) return [];
    return [{ index, path, ...(typeof region === 'string' ? { region } : {}) }];
  });
}
