// A rule tester in the manner of ESLint's and typescript-eslint's: per rule, the catalogs where it
// fires (each finding's line and message, and the catalog text after each of its quick fixes, as
// the editor would apply them) and the catalogs where it stays silent. One file per rule uses it:
// test/unit/rules/<rule-id>.test.ts.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { analyzeCatalog } from '../../src/engine/analyze';
import { applyEdits, quickFixes } from '../../src/engine/assist/fixes';
import type { AnalyzeOptions, CatalogAnalysis, Finding, Severity } from '../../src/engine/model/types';
import { analyzeCatalogFile } from '../../src/workspace/files';
import { loadTerraformParser } from '../../src/workspace/terraform';

export interface RuleCase {
  name: string;
  /** The catalog's text. */
  catalog: string;
  /** Files beside the catalog (templates, `.tf`), by path relative to it: the catalog is then read as the CLI reads it. */
  files?: Record<string, string>;
  options?: AnalyzeOptions;
}

export interface FiresCase extends RuleCase {
  /** Every finding of the rule, in order: its line (1-based, where its range starts), its message, and its severity when not the default. */
  findings: Array<{ line: number; message: string | RegExp; severity?: Severity }>;
  /** The quick fixes of the first finding, in order: each title and the whole catalog text after it. */
  fixes?: Array<{ title: string; output: string }>;
}

/** The analysis of a case, and its text. */
export function analyzeCase(testCase: RuleCase): { text: string; analysis: CatalogAnalysis } {
  if (!testCase.files) return { text: testCase.catalog, analysis: analyzeCatalog(testCase.catalog, testCase.options) };
  const folder = mkdtempSync(join(tmpdir(), 'cap-rule-'));
  try {
    for (const [path, text] of Object.entries(testCase.files)) {
      mkdirSync(dirname(join(folder, path)), { recursive: true });
      writeFileSync(join(folder, path), text);
    }
    const catalogPath = join(folder, 'test.catalog.yaml');
    writeFileSync(catalogPath, testCase.catalog);
    return {
      text: testCase.catalog,
      analysis: analyzeCatalogFile(testCase.catalog, { ...testCase.options, catalogPath, fileName: 'test.catalog.yaml', workspaceRoot: folder }),
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function findingsOf(ruleId: string, analysis: CatalogAnalysis): Finding[] {
  return analysis.findings.filter((finding) => finding.ruleId === ruleId);
}

export function ruleTester(ruleId: string, cases: { fires: FiresCase[]; silent: RuleCase[] }): void {
  describe(ruleId, () => {
    before(() => loadTerraformParser());

    describe('fires', () => {
      for (const testCase of cases.fires) {
        it(testCase.name, () => {
          const { text, analysis } = analyzeCase(testCase);
          const found = findingsOf(ruleId, analysis);
          assert.equal(
            found.length,
            testCase.findings.length,
            `findings of ${ruleId}: ${found.map((f) => `${f.range.start.line}: ${f.message}`).join(' | ') || 'none'}`,
          );
          testCase.findings.forEach((expected, i) => {
            assert.equal(found[i].range.start.line, expected.line, `finding ${i + 1}'s line`);
            if (typeof expected.message === 'string') assert.equal(found[i].message, expected.message);
            else assert.match(found[i].message, expected.message);
            if (expected.severity) assert.equal(found[i].severity, expected.severity);
          });
          if (testCase.fixes) {
            const fixes = quickFixes(text, analysis, found[0]);
            assert.deepEqual(
              fixes.map((fix) => fix.title),
              testCase.fixes.map((fix) => fix.title),
            );
            fixes.forEach((fix, i) => assert.equal(applyEdits(text, fix.edits), testCase.fixes![i].output, `the text after "${fix.title}"`));
          }
        });
      }
    });

    describe('stays silent', () => {
      for (const testCase of cases.silent) {
        it(testCase.name, () => {
          const found = findingsOf(ruleId, analyzeCase(testCase).analysis);
          assert.deepEqual(
            found.map((f) => `${f.range.start.line}: ${f.message}`),
            [],
          );
        });
      }
    });
  });
}
