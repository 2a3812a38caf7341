// Small catalogs for the engine's tests. HEADER is 12 lines, so the first data type's
// `- name:` line is line 13 and its next field is on line 14.
import { analyzeCatalog, type AnalyzeOptions, type Finding } from '../../src/engine';

export const HEADER = `apiVersion: cap-advisor/v1
kind: DataCatalog
metadata:
  name: shop
regions:
  - name: us-east-1
    role: primary
  - name: us-west-2
    role: secondary
  - name: eu-west-1
    role: witness
dataTypes:
`;

/** A catalog's head in the US Region set: two data Regions and a witness (strong multi-Region stores accept it). Ends before `dataTypes:`. */
export const US_HEADER = `apiVersion: cap-advisor/v1
kind: DataCatalog
metadata:
  name: shop
regions:
  - name: us-east-1
    role: primary
  - name: us-east-2
    role: secondary
  - name: us-west-2
    role: witness
`;

/** A catalog's head (ending before `infrastructure:` or `dataTypes:`) with these Regions: the first primary, the others secondary. */
export function headerWith(name: string, regions: string[]): string {
  return `apiVersion: cap-advisor/v1\nkind: DataCatalog\nmetadata:\n  name: ${name}\nregions:\n${regions.map((region, i) => `  - name: ${region}\n    role: ${i === 0 ? 'primary' : 'secondary'}\n`).join('')}`;
}

/** A catalog of HEADER plus the given data-type entries (already indented by two spaces). */
export function catalog(dataTypes: string): string {
  return HEADER + dataTypes.replace(/^\n/, '');
}

/** `rule@line:col-line:col` for each finding, the form the tests compare. */
export function where(finding: Finding): string {
  const { start, end } = finding.range;
  return `${finding.ruleId}@${start.line}:${start.column}-${end.line}:${end.column}`;
}

export function findingsOf(text: string, ruleId?: string, options?: AnalyzeOptions): Finding[] {
  const { findings } = analyzeCatalog(text, options);
  return ruleId ? findings.filter((f) => f.ruleId === ruleId) : findings;
}

/** Every finding except the per-data-type recommendation, as `rule@range`. */
export function problems(text: string, options?: AnalyzeOptions): string[] {
  return findingsOf(text, undefined, options)
    .filter((f) => f.ruleId !== 'recommendation')
    .map(where);
}

/** A hot-hot cart on an eventual global table with no conflict handling: one hot-hot-without-guard error. */
export const HOT_HOT_CART = catalog(`
  - name: carts
    category: cart
    topology: hot-hot
    store: dynamodb-global
    conflictResolution: none
`);
