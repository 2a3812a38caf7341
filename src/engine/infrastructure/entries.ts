// The catalog's `infrastructure` entries, found in the plain data the analysis read, so the
// shell knows which files to read. Entries of the wrong shape are the schema's to report; here they are skipped.
import type { InfrastructureEntry } from '../model/deployed';

export type { InfrastructureEntry };

/**
 * The entries of a catalog already read as plain data: the analysis reads them from the text it
 * parsed and asks the shell to link them (`AnalyzeOptions.link`), so no shell parses a catalog twice.
 */
export function infrastructureEntriesOf(root: unknown): InfrastructureEntry[] {
  const list = (root as { infrastructure?: unknown } | null)?.infrastructure;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry, index): InfrastructureEntry[] => {
    if (typeof entry === 'string' && entry) return [{ index, path: entry }];
    const { path, region, regions } = (entry ?? {}) as { path?: unknown; region?: unknown; regions?: unknown };
    if (typeof path !== 'string' || !path) return [];
    // One template deployed once per Region: one stack in each, read as copies of one another.
    if (Array.isArray(regions) && typeof region !== 'string') {
      const names = [...new Set(regions.filter((name): name is string => typeof name === 'string' && name !== ''))];
      return names.map((name) => ({ index, path, region: name }));
    }
    return [{ index, path, ...(typeof region === 'string' ? { region } : {}) }];
  });
}
