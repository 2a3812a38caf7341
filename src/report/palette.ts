// The colours of verdicts and severity badges, one text/background pair per tone and theme, each
// at least 4.5:1 (WCAG AA for text) against its own background and the theme's page. VS Code's
// theme variables are not pairs (a diff background under a test icon's green read 1.65:1 in the
// light theme), so the pages set their own: by the class VS Code puts on a webview's body, and
// for a page opened in a browser, light unless it follows a dark system theme.

/** A tone: what a colour says, whatever the theme. */
export type Tone = 'alarm' | 'caution' | 'fine' | 'note' | 'quiet';

type Pairs = Record<Tone, { text: string; background: string }>;

const pair = (text: string, background: string) => ({ text, background });

const LIGHT: Pairs = {
  alarm: pair('#a40e26', '#ffebe9'),
  caution: pair('#7a4700', '#fff8c5'),
  fine: pair('#116329', '#dafbe1'),
  note: pair('#0550ae', '#ddf4ff'),
  quiet: pair('#4f5862', '#eef1f4'),
};
const DARK: Pairs = {
  alarm: pair('#ffb3ad', '#4b1216'),
  caution: pair('#f2cc60', '#3b2e05'),
  fine: pair('#7ee2a8', '#0f3a1e'),
  note: pair('#a5d6ff', '#0c2d6b'),
  quiet: pair('#c0c6cd', '#2d333b'),
};
// High contrast: the theme's own black or white behind every tone, told apart by text and border.
const HIGH_CONTRAST: Pairs = {
  alarm: pair('#ffb3ad', '#000000'),
  caution: pair('#ffd75e', '#000000'),
  fine: pair('#8ff0a4', '#000000'),
  note: pair('#9cdcfe', '#000000'),
  quiet: pair('#ffffff', '#000000'),
};
const HIGH_CONTRAST_LIGHT: Pairs = {
  alarm: pair('#8b0000', '#ffffff'),
  caution: pair('#5c3b00', '#ffffff'),
  fine: pair('#0b5d1e', '#ffffff'),
  note: pair('#0b4f9c', '#ffffff'),
  quiet: pair('#000000', '#ffffff'),
};

const TONES: readonly Tone[] = ['alarm', 'caution', 'fine', 'note', 'quiet'];

function variables(pairs: Pairs): string {
  return TONES.map((tone) => `--cap-${tone}-text: ${pairs[tone].text}; --cap-${tone}-background: ${pairs[tone].background};`).join(' ');
}

/**
 * The tones' custom properties for every theme. `followSystem`: a page with no background of
 * its own, which a browser draws dark under a dark system theme, takes the dark pairs then.
 */
export function paletteStyle({ followSystem = false } = {}): string {
  return [
    `:root { ${variables(LIGHT)} }`,
    followSystem ? `@media (prefers-color-scheme: dark) { :root { ${variables(DARK)} } }` : '',
    `body.vscode-light { ${variables(LIGHT)} }`,
    `body.vscode-dark { ${variables(DARK)} }`,
    `body.vscode-high-contrast { ${variables(HIGH_CONTRAST)} }`,
    `body.vscode-high-contrast-light { ${variables(HIGH_CONTRAST_LIGHT)} }`,
    // In high contrast a tone is a framed word: the border tells cells apart where backgrounds do not.
    'body.vscode-high-contrast td.v, body.vscode-high-contrast .badge { outline: 1px solid var(--cap-quiet-text); outline-offset: -1px; }',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The rule that colours an element in a tone: text on its background. */
export const toned = (selector: string, tone: Tone, extra = '') =>
  `${selector} { background: var(--cap-${tone}-background); color: var(--cap-${tone}-text);${extra ? ` ${extra}` : ''} }`;
