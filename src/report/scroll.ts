// Wide content in a narrow pane (a report beside the catalog at 1280 px is 600-700 px wide): the
// scenario matrix and the CAP picture scroll sideways inside a frame that says so. A shadow
// darkens the cut edge while more lies beyond it, and the matrix keeps its data-type column in
// view. Webviews hide scroll bars until hovered, so the shadow is the cue. CSS only, so the
// exported page shows it too: the shadow follows the scroll position (a scroll-driven
// animation, in VS Code's webviews and Chromium browsers); where that is not supported, the
// sticky column and the scroll bar remain.
import { escapeHtml } from './escape';

export const SCROLL_STYLE = `
.scroll-frame { position: relative; timeline-scope: --cap-scroll-x; margin: 6px 0 12px; }
.scroll-x { overflow-x: auto; scroll-timeline: --cap-scroll-x x; }
.scroll-x > table { margin: 0; }
.scroll-frame::after { content: ''; position: absolute; top: 0; right: 0; bottom: 0; width: 28px; pointer-events: none; opacity: 0;
  background: linear-gradient(to left, rgba(0, 0, 0, .32), rgba(0, 0, 0, 0)); }
body.vscode-dark .scroll-frame::after, body.vscode-high-contrast .scroll-frame::after { background: linear-gradient(to left, rgba(255, 255, 255, .3), rgba(255, 255, 255, 0)); }
@supports (animation-timeline: scroll()) {
  .scroll-frame::after { animation: cap-more-beyond linear both; animation-timeline: --cap-scroll-x; }
}
@keyframes cap-more-beyond { 0%, 97% { opacity: 1; } 100% { opacity: 0; } }
table.matrix tr > :first-child { position: sticky; left: 0; z-index: 1; background: var(--cap-page, var(--vscode-editor-background, Canvas)); box-shadow: inset -2px 0 var(--vscode-panel-border, #d0d7de); }
`;

/** Wide content in a frame that scrolls sideways and shows the cue; `label` names it for a screen reader. */
export function scrollFrame(content: string, label: string): string {
  return `<div class="scroll-frame"><div class="scroll-x" role="region" aria-label="${escapeHtml(label)}" tabindex="0">${content}</div></div>`;
}
