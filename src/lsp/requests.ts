// What the server says and answers beyond the standard protocol, for a client that shows more than
// diagnostics (the VS Code extension: its report and scenario views, status bar and commands). Every
// answer is computed in the server's process, so a view that is shown costs the editor nothing but
// setting its HTML, and a view that is hidden costs nothing at all.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { CatalogAnalysis, CatalogRegion, Disruption, Severity } from '../engine';

/** The schemes of documents a user edits (a GitHub repository opened remotely is `vscode-vfs`); not the read-only copies a diff or an output pane opens. */
export const EDITABLE_SCHEMES = ['file', 'untitled', 'vscode-vfs', 'vscode-remote', 'vscode-test-web'] as const;

/** The commands any client can run (workspace/executeCommand); each answers in Markdown. */
export const SERVER_COMMANDS = { report: 'cap-advisor.report', simulate: 'cap-advisor.simulate' } as const;

/** What a status bar or a picker needs to know of a catalog, sent after every analysis. */
export interface CatalogSummary {
  uri: string;
  /** The open document's version the analysis ran on; null for a catalog read from disk. */
  version: number | null;
  counts: Record<Severity, number>;
  dataTypes: number;
  regions: Pick<CatalogRegion, 'name' | 'role'>[];
}

/** A catalog was analysed (its diagnostics are published with it). */
export const CatalogAnalysedNotification = new NotificationType<CatalogSummary>('capAdvisor/analysed');
/** A catalog is no longer one: closed outside the workspace, deleted, or no longer declaring the apiVersion. */
export const CatalogForgottenNotification = new NotificationType<{ uri: string }>('capAdvisor/forgotten');

/**
 * Reads every catalog of the workspace folders, open or not, publishes their diagnostics, and from
 * then on keeps the closed ones current as they change on disk.
 */
export const AnalyzeWorkspaceRequest = new RequestType<Record<string, never>, { catalogs: CatalogSummary[] }, void>('capAdvisor/analyzeWorkspace');

/** The catalogs the server knows now, open or read from disk. */
export const CatalogsRequest = new RequestType<Record<string, never>, { catalogs: CatalogSummary[] }, void>('capAdvisor/catalogs');

/** A catalog's analysis of its current text, for a command that plans from it (an experiment, a new data type). */
export const AnalysisRequest = new RequestType<{ uri: string }, { text: string; analysis: CatalogAnalysis } | null, void>('capAdvisor/analysis');

/**
 * How a drawn page comes back: in the answer, or (`file`, for a client on the same machine) in a
 * file whose path the answer gives, which the client reads and deletes. A large catalog's report is
 * megabytes: written by the thread that drew it, it never passes through the thread that answers
 * the editor.
 */
export type ViewDelivery = 'inline' | 'file';

export interface DrawnView {
  html?: string;
  htmlFile?: string;
}

/** The consistency report as a webview page; `file` is how the client names the catalog. */
export interface ReportViewParams {
  uri: string;
  file: string;
  cspSource: string;
  nonce: string;
  /** The data type the page opens at. */
  focus?: string;
  deliver?: ViewDelivery;
}
export const ReportViewRequest = new RequestType<ReportViewParams, DrawnView | null, void>('capAdvisor/reportView');

/** The partition scenarios as a webview page: the disruptions given, or every Region cut off and lost. */
export interface ScenarioViewParams {
  uri: string;
  file: string;
  nonce: string;
  disruptions?: Disruption[];
  deliver?: ViewDelivery;
}
export interface ScenarioView extends DrawnView {
  /** The same for the same outcomes: a view need not be drawn again (and lose its chosen scenario) when nothing it shows changed. */
  fingerprint: string;
  /** Where each data type's name is, for a click on its row. */
  nameOffsets: Record<string, [number, number]>;
}
export const ScenarioViewRequest = new RequestType<ScenarioViewParams, ScenarioView | null, void>('capAdvisor/scenarioView');

export type ExportFormat = 'markdown' | 'html' | 'json' | 'sarif';
/** The report of the catalogs named (every catalog known when none is), in a format; `file` names each one in it. */
export interface ExportParams {
  catalogs: { uri: string; file: string }[];
  format: ExportFormat;
  toolVersion: string;
}
export const ExportRequest = new RequestType<ExportParams, { content: string; catalogs: number }, void>('capAdvisor/export');
