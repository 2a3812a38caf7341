// The layout a newcomer relies on: the engine is pure and laid out by stage, and no import runs
// in a circle (an arrow back up the pipeline is where two surfaces start to disagree).
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const repoRoot = join(__dirname, '../../..');
const srcRoot = join(repoRoot, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative import of a file (type-only imports too: they tie modules together just the same). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*['"](\.{1,2}\/[^'"]+)['"]/g)].flatMap(([, spec]) => {
    const base = resolve(dirname(file), spec);
    const target = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
    return target ? [target] : [];
  });
}

/** The import cycles of a graph, each as the files around it. */
export function importCycles(graph: ReadonlyMap<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

describe('architecture', () => {
  const files = sourceFiles(srcRoot);
  const graph = new Map(files.map((file) => [file, importsOf(file)]));

  it('no import runs in a circle', () => {
    const cycles = importCycles(graph).map((cycle) => cycle.map((file) => relative(repoRoot, file)).join(' -> '));
    assert.deepEqual(cycles, []);
  });

  it('the cycle check finds a circle when there is one', () => {
    const cycles = importCycles(
      new Map([
        ['a', ['b']],
        ['b', ['c']],
        ['c', ['a']],
        ['d', ['a']],
      ]),
    );
    assert.deepEqual(cycles, [['a', 'b', 'c', 'a']]);
  });

  it('src/engine shows its stages at the top level: read, model, infrastructure, edit, rules, scenarios, experiments, assist', () => {
    const top = readdirSync(join(srcRoot, 'engine'))
      .filter((name) => name !== 'generated')
      .sort();
    assert.deepEqual(top, ['analyze.ts', 'assist', 'edit', 'experiments', 'index.ts', 'infrastructure', 'model', 'read', 'rules', 'scenarios']);
  });

  it('the engine imports neither vscode nor the file system, and never a shell', () => {
    for (const file of files.filter((path) => path.startsWith(join(srcRoot, 'engine')))) {
      const text = readFileSync(file, 'utf8');
      assert.doesNotMatch(text, /from ['"](vscode|node:fs|fs|node:child_process)['"]/, relative(repoRoot, file));
      for (const target of graph.get(file) ?? []) {
        assert.ok(target.startsWith(join(srcRoot, 'engine')), `${relative(repoRoot, file)} imports ${relative(repoRoot, target)}, outside the engine`);
      }
    }
  });

  it('an earlier stage never imports a later one: read ← model ← infrastructure ← edit ← rules ← scenarios ← experiments ← assist', () => {
    const order = ['read', 'model', 'infrastructure', 'edit', 'rules', 'scenarios', 'experiments', 'assist'];
    const stageOf = (file: string): number => order.indexOf(relative(join(srcRoot, 'engine'), file).split('/')[0]);
    const backwards = files
      .filter((path) => stageOf(path) !== -1)
      .flatMap((file) =>
        (graph.get(file) ?? [])
          .filter((target) => stageOf(target) > stageOf(file))
          .map((target) => `${relative(repoRoot, file)} imports ${relative(repoRoot, target)}`),
      );
    assert.deepEqual(backwards, []);
  });
});
