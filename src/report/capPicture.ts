// The CAP picture of a catalog: each data type placed on the side its need puts it (CP or AP,
// or the single-Region band where no partition between Regions can happen), framed by the
// worst severity of its problems, with its store and split-brain guards, under the Regions.
// Colours come from CSS classes the HTML page defines, so the picture follows the theme.
import type { CatalogReport, DataTypeReport, GuardType } from '../engine';
import { escapeHtml } from './escape';
import { problemsOf, recommendedText } from './model';

const WIDTH = 880;
const COLUMN = 420;
const GAP = 40;
const CARD_HEIGHT = 44;
const CARD_GAP = 8;

const guardLetters: Record<GuardType, string> = { 'human-approval': 'H', 'fencing-lease': 'F', 'witness-region': 'W', quorum: 'Q' };

type Side = 'CP' | 'AP' | 'single';

function sideOf(dataType: DataTypeReport): Side {
  const { topology, regions } = dataType.need;
  if (topology === 'single-region' || regions.length < 2) return 'single';
  // The recommendation is the verdict's position, and still places an entry that is being written.
  return dataType.recommendation.cap === 'AP' ? 'AP' : 'CP';
}

function stateOf(dataType: DataTypeReport): 'error' | 'warning' | 'ok' {
  const problems = problemsOf(dataType.findings);
  if (problems.some((f) => f.severity === 'error')) return 'error';
  if (problems.some((f) => f.severity === 'warning')) return 'warning';
  return 'ok';
}

/** Cuts text that would overflow a card; SVG does not wrap. */
const fit = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function card(dataType: DataTypeReport, x: number, y: number, width: number): string {
  const state = stateOf(dataType);
  const guards = dataType.guards.map((g) => guardLetters[g.type]).join(' ');
  const declared = dataType.declaredStore ?? 'no store declared';
  const { verdict } = dataType;
  // The arrow points where the verdict moves the data: only when the declared store does not fit.
  const misplaced = !!verdict?.declaredStore && !verdict.storeFits && sideOf(dataType) !== 'single';
  const storeLine =
    `${declared}${dataType.storePosition ? ` (${dataType.storePosition})` : ''}` +
    (!verdict ? ' · unfinished' : verdict.storeFits ? '' : ` → ${verdict.store}`);
  const problems = problemsOf(dataType.findings).length;
  return [
    `<g class="card ${state}"><title>${escapeHtml(`${dataType.name}: ${recommendedText(dataType)}; ${problems} problem(s)`)}</title>`,
    `<rect x="${x}" y="${y}" width="${width}" height="${CARD_HEIGHT}" rx="6"/>`,
    `<text class="name" x="${x + 10}" y="${y + 18}">${escapeHtml(fit(dataType.name, 34))}</text>`,
    `<text class="store${misplaced ? ' misplaced' : ''}" x="${x + 10}" y="${y + 35}">${escapeHtml(fit(storeLine, 52))}</text>`,
    guards ? `<text class="guards" x="${x + width - 10}" y="${y + 18}" text-anchor="end">${guards}</text>` : '',
    problems > 0 ? `<text class="count ${state}" x="${x + width - 10}" y="${y + 35}" text-anchor="end">${problems} ✖</text>` : '',
    '</g>',
  ].join('');
}

export function renderCapPicture(report: CatalogReport): string {
  const bySide: Record<Side, DataTypeReport[]> = { CP: [], AP: [], single: [] };
  for (const dataType of report.dataTypes) bySide[sideOf(dataType)].push(dataType);

  const parts: string[] = [];
  let y = 0;

  // The Regions, primary first: ● primary, ○ secondary, ◇ witness.
  const regionsY = 24;
  parts.push(`<text class="heading" x="0" y="${regionsY - 6}">Regions</text>`);
  let x = 80;
  for (const region of report.regions) {
    const cy = regionsY - 10;
    parts.push(
      region.role === 'witness'
        ? `<path class="region witness" d="M${x} ${cy - 7} L${x + 7} ${cy} L${x} ${cy + 7} L${x - 7} ${cy} Z"><title>witness: votes, holds no data</title></path>`
        : `<circle class="region ${region.role}" cx="${x}" cy="${cy}" r="6"><title>${region.role}</title></circle>`,
    );
    const label = `${region.name} (${region.role})`;
    parts.push(`<text class="label" x="${x + 12}" y="${regionsY - 6}">${escapeHtml(label)}</text>`);
    x += 24 + label.length * 7;
  }
  y = regionsY + 20;

  // Two columns: CP on the left, AP on the right.
  const rows = Math.max(bySide.CP.length, bySide.AP.length, 1);
  const columnHeight = 52 + rows * (CARD_HEIGHT + CARD_GAP);
  const columns: Array<[Exclude<Side, 'single'>, number, string]> = [
    ['CP', 0, 'consistent: in a partition, the cut-off side refuses writes'],
    ['AP', COLUMN + GAP, 'available: every Region writes, copies converge later'],
  ];
  for (const [side, left, caption] of columns) {
    parts.push(`<rect class="side ${side}" x="${left}" y="${y}" width="${COLUMN}" height="${columnHeight}" rx="8"/>`);
    parts.push(`<text class="side-title" x="${left + 12}" y="${y + 24}">${side}</text>`);
    parts.push(`<text class="caption" x="${left + 44}" y="${y + 23}">${escapeHtml(caption)}</text>`);
    bySide[side].forEach((dataType, i) => parts.push(card(dataType, left + 12, y + 40 + i * (CARD_HEIGHT + CARD_GAP), COLUMN - 24)));
  }
  y += columnHeight + 16;

  if (bySide.single.length > 0) {
    const perRow = 2;
    const bandRows = Math.ceil(bySide.single.length / perRow);
    const bandHeight = 44 + bandRows * (CARD_HEIGHT + CARD_GAP);
    parts.push(`<rect class="side single" x="0" y="${y}" width="${WIDTH}" height="${bandHeight}" rx="8"/>`);
    parts.push(`<text class="side-title" x="12" y="${y + 24}">One Region</text>`);
    parts.push(
      `<text class="caption" x="132" y="${y + 23}">effectively CA: no partition between Regions to survive, but no copy in another Region either</text>`,
    );
    bySide.single.forEach((dataType, i) => {
      const column = i % perRow;
      const row = Math.floor(i / perRow);
      parts.push(card(dataType, 12 + column * (COLUMN + GAP), y + 36 + row * (CARD_HEIGHT + CARD_GAP), COLUMN - 24));
    });
    y += bandHeight + 16;
  }

  parts.push(`<text class="legend" x="0" y="${y + 8}">Guards: H human approval · F fencing lease · W witness Region · Q quorum.</text>`);
  parts.push(
    `<text class="legend" x="0" y="${y + 26}">Frame: red an error, amber a warning, green none. “a → b”: declared store a, recommended store b.</text>`,
  );
  y += 34;

  return `<svg class="cap-picture" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${y}" width="${WIDTH}" height="${y}" role="img" aria-label="CAP position of each data type">${parts.join('')}</svg>`;
}
