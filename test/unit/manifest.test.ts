// The extension manifest and package: what VS Code and the .vsix get. Kept in step with the
// engine by tests rather than by hand.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { completionsAt, ruleRegistry, STORE_IDS, CATEGORIES } from '../../src/engine';

const repoRoot = join(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

describe('extension manifest', () => {
  it("the capAdvisor.rules setting knows exactly the engine's rule ids", () => {
    const rules = manifest.contributes.configuration.properties['capAdvisor.rules'];
    assert.deepEqual(
      rules.propertyNames.enum,
      ruleRegistry.map((rule) => rule.id),
    );
    assert.deepEqual(rules.additionalProperties.enum, ['off', 'hint', 'information', 'warning', 'error']);
  });

  it('every setting is documented, every command is in the CAP Advisor category', () => {
    for (const [key, setting] of Object.entries<{ markdownDescription?: string; description?: string }>(manifest.contributes.configuration.properties)) {
      assert.ok((setting.markdownDescription ?? setting.description ?? '').length > 20, key);
    }
    for (const command of manifest.contributes.commands) assert.equal(command.category, 'CAP Advisor', command.command);
  });

  it('activates only for YAML and workspaces with a catalog, and works untrusted and virtual', () => {
    assert.deepEqual(manifest.activationEvents, [
      'onLanguage:yaml',
      'workspaceContains:**/*.catalog.yaml',
      'workspaceContains:**/*.catalog.yml',
      'workspaceContains:**/data-catalog.yaml',
      'workspaceContains:**/data-catalog.yml',
    ]);
    assert.deepEqual(manifest.capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true });
  });

  it("contributes the schema to the Red Hat YAML extension, and no snippets of its own: the whole-catalog and Region snippets, whose choices are the schema's enums, come from the language server where they fit", () => {
    for (const entry of manifest.contributes.yamlValidation) assert.ok(existsSync(join(repoRoot, entry.url)), entry.url);
    // VS Code offers a contributed snippet everywhere, as a value after `store:` too.
    assert.equal(manifest.contributes.snippets, undefined);
    const snippets = [
      ...completionsAt('', 0),
      ...completionsAt('apiVersion: cap-advisor/v1\nregions:\n  ', 'apiVersion: cap-advisor/v1\nregions:\n  '.length),
    ].filter((item) => item.label === 'cap-catalog' || item.label === 'cap-region');
    assert.deepEqual(snippets.map((item) => item.label).sort(), ['cap-catalog', 'cap-region']);
    const choices = snippets.flatMap((snippet) => snippet.insertText.match(/\$\{\d+\|[^|]+\|\}/g) ?? []);
    const known = new Set<string>([
      ...STORE_IDS,
      ...CATEGORIES,
      'primary',
      'secondary',
      'witness',
      'manual',
      'automatic',
      'hot-hot',
      'hot-warm',
      'single-region',
      'human-approval',
      'fencing-lease',
      'quorum',
      'merge',
      'application',
      'last-writer-wins',
    ]);
    for (const choice of choices) {
      for (const value of choice
        .replace(/^\$\{\d+\|/, '')
        .replace(/\|\}$/, '')
        .split(','))
        assert.ok(known.has(value), `${value} in ${choice}`);
    }
    assert.ok(choices.length >= 4);
  });

  it('the .vsix holds the bundles (extension, language server, view worker), the schema, the example, the icon and the rule pages, and no sources, tests or CLI', function () {
    this.timeout(60_000);
    const files = execFileSync(process.execPath, [join(repoRoot, 'scripts/package-vsix.mjs'), '--list'], { cwd: repoRoot, encoding: 'utf8' })
      .trim()
      .split('\n')
      .sort();
    assert.deepEqual(files, [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/data-catalog.editor.schema.json',
      'dist/extension.js',
      'dist/server.js',
      'dist/tree-sitter-terraform.wasm',
      'dist/viewWorker.js',
      'dist/web-tree-sitter.wasm',
      ...['completion', 'diagnostics-quickfix', 'infrastructure', 'one-voice', 'report', 'scenarios'].flatMap((name) => [
        `docs/images/${name}-light.png`,
        `docs/images/${name}.png`,
      ]),
      'docs/infrastructure.md',
      ...ruleRegistry.map((rule) => `docs/rules/${rule.id}.md`).sort(),
      'docs/scenarios.md',
      'docs/store-facts.md',
      'examples/infra/storefront-us-east-2.yaml',
      'examples/infra/storefront.yaml',
      'examples/storefront.catalog.yaml',
      'images/icon.png',
      'package.json',
    ]);
  });

  it('has a walkthrough whose steps have their picture and the commands that run them', () => {
    const [walkthrough] = manifest.contributes.walkthroughs;
    const commands = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
    assert.deepEqual(
      walkthrough.steps.map((step: { id: string }) => step.id),
      ['openExample', 'readFinding', 'applyFix', 'openReport', 'simulate', 'startOwn'],
    );
    for (const step of walkthrough.steps as Array<{ id: string; description: string; media: { image: Record<string, string> }; completionEvents: string[] }>) {
      for (const image of Object.values(step.media.image)) assert.ok(existsSync(join(repoRoot, image)), image);
      const stepCommands = [...step.description.matchAll(/\]\(command:([\w.]+)\)/g)].map((match) => match[1]);
      assert.ok(stepCommands.length > 0, step.id);
      for (const command of stepCommands) assert.ok(commands.has(command) || command.startsWith('workbench.'), command);
      assert.deepEqual(
        step.completionEvents,
        stepCommands.map((command) => `onCommand:${command}`),
      );
    }
  });

  it('has what a Marketplace or Open VSX listing needs: a PNG icon of at least 128 px, a banner, links and a license', () => {
    const icon = readFileSync(join(repoRoot, manifest.icon));
    assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG');
    const [width, height] = [icon.readUInt32BE(16), icon.readUInt32BE(20)];
    assert.ok(width >= 128 && width === height, `${width}x${height}`);
    assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
    for (const url of [manifest.repository.url, manifest.bugs.url, manifest.homepage]) assert.match(url, /^https:\/\/github\.com\/cap-advisor\/cap-advisor\b/);
    assert.equal(manifest.license, 'MIT');
    assert.ok(existsSync(join(repoRoot, 'LICENSE')));
    assert.ok(manifest.keywords.length <= 30, 'the Marketplace takes at most 30 keywords');
  });
});
