// `npm run docs`: writes the generated documentation pages (after `npm run build`).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const { renderStoreFactsPage } = createRequire(import.meta.url)(join(repoRoot, 'out/src/report/storeFactsPage.js'));
writeFileSync(join(repoRoot, 'docs/store-facts.md'), renderStoreFactsPage());
process.stderr.write('wrote docs/store-facts.md\n');
