// Issue 34, item 8: every verdict cell and severity badge must read at WCAG AA (4.5:1 for text)
// in each theme a page can be shown in. The colours are read from the CSS the pages emit, as a
// browser would resolve them for the theme, and the contrast computed with WCAG's formula.
import { strict as assert } from 'node:assert';
import { analyzeCatalog, simulate, VERDICTS } from '../../src/engine';
import { renderHtml } from '../../src/report';
import { renderScenariosHtml } from '../../src/report/scenarios';
import { renderScenarioView } from '../../src/report/scenarioView';
import { catalog } from '../helpers/catalogs';

interface CssRule {
  media: string | null;
  selectors: string[];
  declarations: Map<string, string>;
}

/** The rules of a page's style elements, with the @media block each sits in (one level, as the pages write them). */
function cssRules(html: string): CssRule[] {
  const css = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)]
    .map((m) => m[1])
    .join('\n')
    .replace(/\/\*[\s\S]*?\*\//g, '');
  const rules: CssRule[] = [];
  let media: string | null = null;
  let depth = 0;
  let start = 0;
  for (let i = 0; i < css.length; i++) {
    if (css[i] === '{') {
      const head = css.slice(start, i).trim();
      if (head.startsWith('@media')) {
        media = head;
        depth++;
        start = i + 1;
        continue;
      }
      const end = css.indexOf('}', i);
      const declarations = new Map<string, string>();
      for (const declaration of css.slice(i + 1, end).split(';')) {
        const colon = declaration.indexOf(':');
        if (colon > 0) declarations.set(declaration.slice(0, colon).trim(), declaration.slice(colon + 1).trim());
      }
      rules.push({ media: depth > 0 ? media : null, selectors: head.split(',').map((s) => s.trim()), declarations });
      i = end;
      start = end + 1;
    } else if (css[i] === '}' && depth > 0) {
      depth--;
      media = null;
      start = i + 1;
    }
  }
  return rules;
}

/** What a page is shown in: a browser (light, or dark when the page follows the system), or a webview with VS Code's body classes. */
interface Theme {
  name: string;
  bodyClasses: string[];
  dark: boolean;
  /** The page behind text that has no background of its own (the default themes' editor background). */
  page: string;
}
const THEMES: Theme[] = [
  { name: 'browser, light', bodyClasses: [], dark: false, page: '#ffffff' },
  { name: 'browser, dark system theme', bodyClasses: [], dark: true, page: '#121212' },
  { name: 'VS Code light', bodyClasses: ['vscode-light'], dark: false, page: '#ffffff' },
  { name: 'VS Code dark', bodyClasses: ['vscode-dark'], dark: true, page: '#1f1f1f' },
  { name: 'VS Code high contrast', bodyClasses: ['vscode-high-contrast'], dark: true, page: '#000000' },
  { name: 'VS Code high contrast light', bodyClasses: ['vscode-high-contrast', 'vscode-high-contrast-light'], dark: false, page: '#ffffff' },
];

/** The custom properties in force on the body, in cascade order (later rules of equal weight win; body's own beat :root's). */
function variablesFor(rules: CssRule[], theme: Theme): Map<string, string> {
  const applies = (rule: CssRule) => rule.media === null || (rule.media.includes('prefers-color-scheme: dark') && theme.dark && theme.bodyClasses.length === 0);
  const variables = new Map<string, string>();
  const take = (rule: CssRule) => rule.declarations.forEach((value, name) => name.startsWith('--') && variables.set(name, value));
  for (const rule of rules) if (applies(rule) && rule.selectors.includes(':root')) take(rule);
  for (const rule of rules) {
    const onBody = rule.selectors.some((s) => {
      const classes = /^body((?:\.[\w-]+)+)$/.exec(s)?.[1].split('.').filter(Boolean);
      return classes && classes.every((c) => theme.bodyClasses.includes(c));
    });
    if (applies(rule) && onBody) take(rule);
  }
  return variables;
}

/** A colour value as the theme resolves it: a hex, or a `var()` of the page's own properties (VS Code's own are not pairs, so they do not count). */
function resolve(value: string, variables: Map<string, string>): string | undefined {
  const named = /^var\((--[\w-]+)\)/.exec(value);
  if (named) {
    const found = variables.get(named[1]);
    return found === undefined ? undefined : resolve(found, variables);
  }
  return /^#[0-9a-f]{6}$/i.test(value) ? value.toLowerCase() : undefined;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2's contrast ratio. */
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

const text = catalog(`
  - name: payments
    category: transaction
    store: aurora-global
    failover: automatic
  - name: carts
    category: cart
    topology: hot-hot
    store: dynamodb-global
  - name: snapshots
    category: analytics
    regions: [us-east-1]
    store: dynamodb
`);
const analysis = analyzeCatalog(text);
const scenarios = simulate(analysis);
const PAGES: Array<[string, string]> = [
  ['the report (export and panel)', renderHtml([{ file: 'shop.catalog.yaml', analysis }])],
  ['the scenario view', renderScenarioView({ file: 'shop.catalog.yaml', scenarios, regions: analysis.report.regions, nonce: 'n' })],
  ['cap-advisor simulate --format html', renderScenariosHtml([{ file: 'shop.catalog.yaml', scenarios }])],
];

describe('colours reach WCAG AA (4.5:1) in every theme', () => {
  it('the contrast formula is WCAG’s: black on white is 21:1, and the issue’s light-theme “available” fails', () => {
    assert.equal(contrast('#000000', '#ffffff').toFixed(1), '21.0');
    // testing.iconPassed (#388a34) on diffEditor.insertedTextBackground (#9ccc2c40 over white, #e6f2ca).
    assert.ok(contrast('#388a34', '#e6f2ca') < 4.5);
  });

  for (const [page, html] of PAGES) {
    describe(page, () => {
      const rules = cssRules(html);
      const paired = rules.filter((r) => r.media === null && r.declarations.has('background') && r.declarations.has('color'));
      const wanted = [...VERDICTS.map((v) => `.${v}`), ...(page.startsWith('the report') ? ['.badge.error', '.badge.warning', '.badge.information'] : [])];

      it(`colours every verdict${page.startsWith('the report') ? ' and badge' : ''} with a pair of its own`, () => {
        for (const selector of wanted)
          assert.ok(
            paired.some((r) => r.selectors.includes(selector)),
            `${selector} has no text/background pair`,
          );
      });

      for (const theme of THEMES) {
        // A page that does not follow a dark system theme draws its own light background there.
        if (theme.name === 'browser, dark system theme' && !/prefers-color-scheme: dark/.test(html)) continue;
        it(`${theme.name}: every text on its background, and coloured text on the page`, () => {
          const variables = variablesFor(rules, theme);
          for (const rule of paired.filter((r) => r.selectors.some((s) => wanted.includes(s)))) {
            const fg = resolve(rule.declarations.get('color')!, variables);
            const bg = resolve(rule.declarations.get('background')!, variables);
            assert.ok(
              fg && bg,
              `${rule.selectors.join(', ')}: ${rule.declarations.get('color')} on ${rule.declarations.get('background')} is not the page's own pair`,
            );
            const ratio = contrast(fg, bg);
            assert.ok(ratio >= 4.5, `${rule.selectors.join(', ')}: ${fg} on ${bg} is ${ratio.toFixed(2)}:1`);
          }
          // Verdicts drawn as text straight on the page (the scenario picture, the ✓ of a data type without problems).
          for (const rule of rules.filter(
            (r) => r.media === null && /var\(--cap-/.test(r.declarations.get('fill') ?? r.declarations.get('color') ?? '') && !r.declarations.has('background'),
          )) {
            const fg = resolve(rule.declarations.get('fill') ?? rule.declarations.get('color')!, variables)!;
            const ratio = contrast(fg, theme.page);
            assert.ok(ratio >= 4.5, `${rule.selectors.join(', ')}: ${fg} on the page's ${theme.page} is ${ratio.toFixed(2)}:1`);
          }
        });
      }
    });
  }
});
