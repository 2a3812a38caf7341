// Where each rule's documentation page lives; diagnostics and SARIF link here.
export const DOCS_BASE_URL = 'https://github.com/cap-advisor/cap-advisor/blob/main/docs/rules/';

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
