// Report renderers: pure functions from analyses to text, shared by the CLI and the extension.
export type { AnalysedFile } from './model';
export { renderText } from './text';
export { renderJson } from './json';
export { renderSarif } from './sarif';
export { renderMarkdown } from './markdown';
export { renderHtml, type HtmlOptions } from './html';
export { renderCapPicture } from './capPicture';
export { renderStoreFactsPage } from './storeFactsPage';
