// The rule pages (docs/rules/*.md) as the reports carry them: SARIF gives GitHub code scanning
// each rule's full description and help in the page's own words. The build bundles the pages
// (scripts/build.mjs), so the CLI reads no file for them.

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pages: Readonly<Record<string, string>> = require('./generated/rulePages');

export interface RulePage {
  /** The page's lead paragraph: what the rule checks, as one paragraph of Markdown. */
  lead: string;
  /** The whole page, its links absolute. */
  markdown: string;
}

/** A rule's page; undefined for an id without one (the docs test makes sure every rule has its page). */
export function rulePage(ruleId: string): RulePage | undefined {
  const markdown = pages[ruleId];
  if (markdown === undefined) return undefined;
  // `# id`, then `Default severity: …`, then the lead paragraph.
  const lead = markdown
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .find((paragraph, index) => index >= 2 && paragraph !== '' && !paragraph.startsWith('#'));
  return { lead: (lead ?? '').replace(/\s*\n\s*/g, ' '), markdown };
}

/** Markdown as plain text, for SARIF's `text` fields: code spans and links lose their marks. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1');
}
