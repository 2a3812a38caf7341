// `npm run docs`: writes the generated documentation (after `npm run build`): the store facts page,
// and every list of rules (the setting's and the schema's enums, the rules index, the README's
// table) from the rule registry. Tests fail when a file drifts from what this writes.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { renderStoreFactsPage } = require(join(repoRoot, 'out/src/report/storeFactsPage.js'));
const { renderRuleLists } = require(join(repoRoot, 'out/src/report/ruleLists.js'));
const files = [{ path: 'docs/store-facts.md', text: renderStoreFactsPage() }, ...renderRuleLists((path) => readFileSync(join(repoRoot, path), 'utf8'))];
for (const { path, text } of files) {
  const before = readFileSync(join(repoRoot, path), 'utf8');
  if (before === text) continue;
  writeFileSync(join(repoRoot, path), text);
  process.stderr.write(`wrote ${path}\n`);
}
