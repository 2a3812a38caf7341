// The language server's second real client: Neovim (Debian's package), headless, with its own
// LSP client, opens the example, is diagnosed on open and after an unsaved edit, hovers,
// completes, and applies a quick fix through its own workspace-edit code (test/neovim/lsp.lua).
// CI installs Neovim (.ci/run); elsewhere the test is skipped when there is no `nvim`.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../helpers/lspClient';

interface NeovimResult {
  error?: string;
  onOpen: string[];
  severities: number[];
  afterEdit: string[];
  modified: boolean;
  hover?: string;
  completion: Array<{ label: string; detail?: string }>;
  actions: string[];
  fixedLine: string;
  lineCount: number;
  afterFix: string[];
}

const neovim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const hasNeovim = neovim.status === 0;

describe('Neovim as a client of cap-advisor lsp', function () {
  this.timeout(120_000);
  let result: NeovimResult;
  let folder: string;

  before(function () {
    if (!hasNeovim) {
      // CI must run it: a skipped test there would pass without testing anything.
      if (process.env.CI) throw new Error("nvim is not installed: .ci/run installs Debian's neovim package");
      this.skip();
    }
    folder = mkdtempSync(join(tmpdir(), 'cap-nvim-'));
    cpSync(join(repoRoot, 'examples'), folder, { recursive: true });
    const resultFile = join(folder, 'result.json');
    const run = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${join(repoRoot, 'test/neovim/lsp.lua')}`], {
      env: {
        ...process.env,
        CATALOG: join(folder, 'storefront.catalog.yaml'),
        RESULT: resultFile,
        NODE: process.execPath,
        CAP_ADVISOR: join(repoRoot, 'bin/cap-advisor.js'),
      },
      encoding: 'utf8',
      timeout: 110_000,
    });
    assert.equal(run.status, 0, `nvim exited ${run.status}: ${run.stderr}`);
    result = JSON.parse(readFileSync(resultFile, 'utf8')) as NeovimResult;
    assert.equal(result.error, undefined, `the Lua script stopped: ${result.error}`);
  });
  after(() => folder && rmSync(folder, { recursive: true, force: true }));

  it('shows the diagnostics on open: 7 errors, 12 warnings, 5 information, 15 hints', () => {
    // And a quiet hint on each of the 15 data types whose declared store is the advised one.
    assert.deepEqual(result.severities, [7, 12, 5, 15]);
    assert.ok(result.onOpen.includes('98:17 region-drift'), 'the linked templates were read');
    assert.ok(result.onOpen.includes('89:12 store-mismatch'));
  });

  it('diagnoses an unsaved edit', () => {
    assert.equal(result.modified, true, 'the buffer was not saved');
    assert.ok(!result.afterEdit.includes('89:12 store-mismatch'));
    assert.ok(result.afterEdit.includes('65:12 lww-on-strong-data'));
  });

  it('hovers a data type with its verdict', () => {
    assert.match(result.hover ?? '', /^\*\*sessions\*\*: AP on `dynamodb-global` \(recommended\)/);
  });

  it('completes the store with every store of the model', () => {
    assert.equal(result.completion.length, 13);
    assert.deepEqual(result.completion[0], { label: 'dynamodb-global', detail: 'recommended: AP' });
  });

  it('applies the preferred quick fix with its own workspace edit', () => {
    assert.ok(result.actions.includes('Set store to dynamodb-global (recommended)'), result.actions.join(', '));
    assert.equal(result.fixedLine, '    store: dynamodb-global');
    assert.equal(result.lineCount, readFileSync(join(repoRoot, 'examples/storefront.catalog.yaml'), 'utf8').split('\n').length - 1);
    assert.ok(!result.afterFix.includes('89:12 store-mismatch'));
  });
});
