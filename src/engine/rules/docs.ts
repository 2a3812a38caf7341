// Where each rule's documentation page lives; diagnostics and SARIF link here. The pages of the
// release that made the finding (its tag), not the default branch: a rule renamed or reworded
// later must not turn an old finding's link into the wrong page (ESLint links its version's docs).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- written by scripts/build.mjs from package.json
const { tag }: { tag: string } = require('../generated/release');

export const DOCS_BASE_URL = `https://github.com/cap-advisor/cap-advisor/blob/${tag}/docs/rules/`;

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

/** The partition-scenarios page, at a verdict's section: where a verdict no rule addresses is explained. */
export function verdictDocsUrl(verdict: string): string {
  return `${DOCS_BASE_URL.replace(/rules\/$/, 'scenarios.md')}#${verdict}`;
}
