// Quick fixes for findings, as text edits computed through the `yaml` document and CST
// (yamlEdits.ts). The extension turns them into WorkspaceEdits; fixAll applies the safe ones.
//
// Safe fixes are the ones that only correct what the user evidently meant (a typo with a
// single close match). Every other fix changes the design (a store, a guard, a Region, the
// failover mode) and waits for a person to choose it.
import { isMap, isSeq, visit, type Node, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { analyzeCatalog } from '../../analyze';
import { rules } from '../../rules';
import type { AnalyzeOptions, CatalogAnalysis, DataTypeReport, Finding, GuardType } from '../../model/types';
import { dataTypeName, draftDataType } from '../draft';
import { insertDataType } from '../wizard';
import { applyEdits, EditableCatalog, flowYaml, type TextEdit } from './yamlEdits';
import { NEW_CATALOG_TEMPLATE } from '../template';

export { applyEdits, type TextEdit };

export interface QuickFix {
  title: string;
  ruleId: string;
  /** The best fix for its finding. */
  isPreferred: boolean;
  /** Applied by fix-all (`source.fixAll.capAdvisor`). */
  safe: boolean;
  /** Non-overlapping edits, offsets into the original text. */
  edits: TextEdit[];
  /** When true, the edits' newText is VS Code snippet syntax (`${1:reason}`). */
  snippet?: boolean;
  /**
   * The rules the fix knowingly leads to on its data type, said in its title too: where the only
   * honest change to the catalog raises another finding, the user hears it before choosing.
   */
  raises?: string[];
}

/** Regions offered for a new witness, in order, when the catalog lacks one. */
const WITNESS_CANDIDATES = ['us-west-2', 'us-east-2', 'eu-west-1', 'us-west-1', 'eu-central-1', 'ap-southeast-2', 'ap-northeast-1'];
const FENCING_LEASE = '{ type: fencing-lease, ttl: 30s }';
const REASON_PLACEHOLDER = '${1:why the team accepts this, and where it was agreed}';

const acceptable = new Set(rules.filter((rule) => rule.acceptable).map((rule) => rule.id));

export function quickFixes(text: string, analysis: CatalogAnalysis, finding: Finding, options: QuickFixOptions = {}): QuickFix[] {
  const fixes = fixesOf(text, analysis, finding);
  return namesConsequences(text, options) ? fixes.map((fix) => withConsequences(text, analysis, finding, fix, options.analyzeOptions)) : fixes;
}

/** A finding's fixes as the builder offers them, before their consequences are named. */
function fixesOf(text: string, analysis: CatalogAnalysis, finding: Finding): QuickFix[] {
  const catalog = new EditableCatalog(text);
  if (catalog.doc.errors.length > 0) return [];
  const fixes = new FixBuilder(catalog, analysis, finding);
  try {
    fixes.collect();
  } catch {
    // A document the fixes cannot place an edit in gets no fix rather than a wrong one.
    return [];
  }
  return fixes.list;
}

const namesConsequences = (text: string, options: QuickFixOptions) => options.consequences !== false && text.length <= CONSEQUENCES_MAX_CHARS;

/**
 * Naming a fix's consequences analyses the fixed text once per fix: about 30 ms at 1,000 data
 * types, a second at 10,000. Past this size (about 650 data types) the lightbulb lists the fixes
 * without them rather than keep the editor waiting.
 */
const CONSEQUENCES_MAX_CHARS = 200_000;

export interface QuickFixOptions {
  /** Analyse each design fix's result to name the findings it raises (default true; fix-all, which applies only typo fixes, skips it). */
  consequences?: boolean;
  /** The options the analysis ran with (severities), so a fix's result is judged as the user sees it. */
  analyzeOptions?: AnalyzeOptions;
}

/**
 * The fixes of several findings at one place (a lightbulb), each title once: two findings on one
 * `store` both offer to set the verdict's store, and the user should see that choice once.
 */
export function quickFixesFor(text: string, analysis: CatalogAnalysis, findings: readonly Finding[], options: QuickFixOptions = {}): QuickFix[] {
  // Titles are merged before consequences are named, so a fix two findings share is analysed once.
  const byTitle = new Map<string, { fix: QuickFix; finding: Finding }>();
  for (const finding of findings) {
    for (const fix of fixesOf(text, analysis, finding)) {
      const seen = byTitle.get(fix.title);
      if (!seen) byTitle.set(fix.title, { fix, finding });
      else if (fix.isPreferred && !seen.fix.isPreferred) seen.fix = { ...seen.fix, isPreferred: true };
    }
  }
  const consequences = namesConsequences(text, options);
  // One preferred action at most, or VS Code's "auto fix" picks none.
  let preferred = false;
  return [...byTitle.values()].map(({ fix, finding }) => {
    const keep = fix.isPreferred && !preferred;
    preferred ||= keep;
    const named = consequences ? withConsequences(text, analysis, finding, fix, options.analyzeOptions) : fix;
    return keep === fix.isPreferred ? named : { ...named, isPreferred: keep };
  });
}

/** Rules whose findings a fix may raise without saying so: the recommendation restates the verdict. */
const SILENT_CONSEQUENCES = new Set(['recommendation']);

/** Applies a design fix to a copy, analyses it, and names in the title the findings it raises on its data type. */
function withConsequences(text: string, analysis: CatalogAnalysis, finding: Finding, fix: QuickFix, options: AnalyzeOptions = {}): QuickFix {
  if (fix.safe || fix.snippet || finding.dataType === null) return fix;
  const before = new Set(analysis.findings.filter((f) => f.dataType === finding.dataType).map((f) => f.ruleId));
  const after = analyzeCatalog(applyEdits(text, fix.edits), { ...options, infrastructure: analysis.report.deployed ?? options.infrastructure });
  const raised = [...new Set(after.findings
    .filter((f) => f.dataType === finding.dataType && (f.severity === 'error' || f.severity === 'warning') && !before.has(f.ruleId) && !SILENT_CONSEQUENCES.has(f.ruleId))
    .map((f) => f.ruleId))];
  const raises = [...new Set([...(fix.raises ?? []), ...raised])];
  if (raises.length === 0) return fix;
  const announced = raised.filter((rule) => !fix.raises?.includes(rule));
  return { ...fix, title: announced.length ? `${fix.title} (then ${announced.join(', ')})` : fix.title, raises };
}

/** `carts` and `CartsTable`: the data type's name is in the resource's. */
function namesAlike(dataType: string, logicalId: string): boolean {
  const squeeze = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  return squeeze(logicalId).includes(squeeze(dataType)) || squeeze(dataType).includes(squeeze(dataTypeName(logicalId)).replace(/-/g, ''));
}

class FixBuilder {
  readonly list: QuickFix[] = [];
  private readonly dataType: YAMLMap | undefined;
  private readonly report: DataTypeReport | undefined;

  constructor(private readonly catalog: EditableCatalog, private readonly analysis: CatalogAnalysis, private readonly finding: Finding) {
    this.dataType = finding.dataType === null ? undefined : catalog.dataTypeAt(finding.range.offset[0]);
    this.report = analysis.report.dataTypes.find((dt) => dt.findings.includes(finding))
      ?? analysis.report.dataTypes.find((dt) => dt.name === finding.dataType);
  }

  private add(title: string, edits: TextEdit[], options: { preferred?: boolean; safe?: boolean; snippet?: boolean; raises?: string[] } = {}): void {
    this.list.push({ title, ruleId: this.finding.ruleId, isPreferred: options.preferred ?? false, safe: options.safe ?? false, edits, ...(options.snippet ? { snippet: true } : {}), ...(options.raises ? { raises: options.raises } : {}) });
  }

  collect(): void {
    const { finding, dataType, report } = this;
    const rec = report?.verdict;
    switch (finding.ruleId) {
      case 'schema':
      case 'unknown-region':
        if (finding.suggestion !== undefined) this.add(`Change to '${finding.suggestion}'`, [this.replaceAt(finding, finding.suggestion)], { preferred: true, safe: true });
        // A file with no catalog in it yet (empty, or comments only): the skeleton New Data Catalog writes, after its comments.
        if (finding.ruleId === 'schema' && isEmptyOfYaml(this.catalog.text)) {
          const end = this.catalog.text.length;
          this.add('Insert a catalog skeleton', [{ offset: [end, end], newText: `${end > 0 && !this.catalog.text.endsWith('\n') ? '\n' : ''}${NEW_CATALOG_TEMPLATE}` }], { preferred: true });
        }
        break;
      case 'recommendation':
        if (dataType && rec && finding.severity !== 'hint' && report?.declaredStore !== rec.store) this.setStore(true);
        break;
      case 'store-mismatch':
      case 'single-writer-hot-hot':
        this.setStore(true);
        if (finding.ruleId === 'single-writer-hot-hot' && dataType) this.add('Make the topology hot-warm (one writer Region)', [this.catalog.setField(dataType, 'topology', 'hot-warm')]);
        break;
      case 'lww-on-strong-data':
        if (dataType && this.fieldAt('conflictResolution')) {
          this.add('Set conflictResolution: none', [this.catalog.setField(dataType, 'conflictResolution', 'none')], { preferred: true });
        } else {
          this.setStore(true);
        }
        break;
      case 'hot-hot-without-guard': {
        // Eventual data merges its copies (the rule's own advice); strong data needs a guard. Human
        // approval is never offered: it gates a failover, and hot-hot data has none.
        const eventual = report?.need.consistency === 'eventual';
        const lastWriterWins = report?.writePath.lastWriterWins ?? false;
        if (dataType && eventual && lastWriterWins && finding.severity === 'warning') {
          // AWS's "write to any Region": say what the store does, or what the writes are.
          this.add('Set conflictResolution: last-writer-wins (what the store does)', [this.catalog.setField(dataType, 'conflictResolution', 'last-writer-wins')], { preferred: true });
          this.add('Declare writes: [idempotent-put] (puts that converge)', [this.catalog.setField(dataType, 'writes', '[idempotent-put]')]);
        } else if (dataType && eventual) {
          this.add('Set conflictResolution: merge (diverging copies are merged on purpose)', [this.catalog.setField(dataType, 'conflictResolution', 'merge')], { preferred: true });
        }
        this.addGuards(['fencing-lease', 'witness-region', 'quorum'], { preferFencingLease: !eventual });
        if (dataType) this.add('Make the topology hot-warm (one writer Region)', [this.catalog.setField(dataType, 'topology', 'hot-warm')]);
        break;
      }
      case 'lww-loses-updates':
        // Each item written in its home Region keeps every Region writing; the verdict's alternative
        // (multi-Region strong consistency, when the writes hold no transaction) is the other way.
        this.setWriteModes();
        this.setStore(false);
        break;
      case 'lease-in-eventual-store':
        if (this.isScalarAt(finding)) this.add('Keep the lease in dynamodb-global-strong', [this.replaceAt(finding, 'dynamodb-global-strong')], { preferred: true });
        break;
      case 'unguarded-automatic-failover':
        this.addGuards(['fencing-lease', 'witness-region', 'quorum']);
        if (dataType) this.add('Switch failover to manual', [this.catalog.setField(dataType, 'failover', 'manual')]);
        break;
      case 'quorum-needs-three': {
        const witness = this.newWitnessName();
        this.add(`Add a witness Region (${witness}) to regions`, [this.addWitnessRegion(witness)], { preferred: true });
        break;
      }
      case 'witness-missing': {
        const existing = this.witnessOutside();
        if (existing) {
          this.add(`Name the witness Region ${existing}`, [this.replaceAt(finding, existing)], { preferred: true });
        } else {
          const witness = this.newWitnessName();
          const edits = [this.addWitnessRegion(witness)];
          if (this.isScalarAt(finding)) edits.push(this.replaceAt(finding, witness));
          this.add(`Add a witness Region (${witness}) to regions and name it here`, edits, { preferred: true });
        }
        break;
      }
      case 'ca-in-multi-region':
        if (dataType && rec) this.add(`Declare cap: ${rec.cap} (recommended)`, [this.catalog.setField(dataType, 'cap', rec.cap)], { preferred: true });
        break;
      case 'cap-intent-mismatch':
        if (dataType && report?.storePosition) this.add(`Declare cap: ${report.storePosition} (what ${report.declaredStore} is across Regions)`, [this.catalog.setField(dataType, 'cap', report.storePosition)], { preferred: true });
        if (report?.declaredCap === rec?.cap) this.setStore(false);
        break;
      case 'rto-vs-human-approval':
        if (dataType) this.add('Set rto: 10m (time for a person to approve)', [this.catalog.setField(dataType, 'rto', '10m')]);
        break;
      case 'unknown-resource':
        if (finding.suggestion !== undefined) this.add(`Change to '${finding.suggestion}'`, [this.replaceAt(finding, finding.suggestion)], { preferred: true });
        break;
      case 'store-drift':
        if (dataType && finding.suggestion) this.add(`Set store to ${finding.suggestion} (what is deployed)`, [this.catalog.setField(dataType, 'store', finding.suggestion)], { preferred: true });
        break;
      case 'witness-holds-data': {
        // Either the Region really is a data Region (its declaration changes), or the data leaves it.
        const region = finding.suggestion;
        const declaration = finding.related?.at(-1);
        const role = declaration && this.scalarAtOffset(declaration.range.offset[0]);
        if (region && role) this.add(`Make ${region} a data Region (role: secondary)`, [this.catalog.replaceScalar(role, 'secondary')], { preferred: true });
        const kept = report?.need.regions.filter((name) => name !== region) ?? [];
        if (dataType && region && this.fieldAt('regions') && kept.length > 0) this.add(`Remove ${region} from the Regions of '${report!.name}'`, [this.catalog.setField(dataType, 'regions', `[${kept.join(', ')}]`)]);
        break;
      }
      case 'region-drift':
        if (dataType && finding.suggestion) {
          const regions = finding.suggestion.split(',');
          // Data in a Region declared a witness is witness-holds-data: say it, never create it silently.
          const witnesses = regions.filter((region) => this.analysis.report.regions.some((r) => r.name === region && r.role === 'witness'));
          const note = witnesses.length > 0 ? `; ${witnesses.join(', ')} ${witnesses.length === 1 ? 'is' : 'are'} declared a witness` : '';
          this.add(`Set regions to ${regions.join(', ')} (where it is deployed${note})`, [this.catalog.setField(dataType, 'regions', `[${regions.join(', ')}]`)], { preferred: true, ...(witnesses.length > 0 ? { raises: ['witness-holds-data'] } : {}) });
        }
        break;
      case 'failover-drift':
        if (dataType && finding.suggestion === 'automatic' && report && report.writePath.enforcedGuards.length === 0 && !report.writePath.builtInQuorum && !report.need.immutable) {
          // Automatic failover with nothing to fence the old primary is unguarded-automatic-failover,
          // whose fix would switch back to manual: declare what DNS does and the guard it needs, together.
          this.add('Declare automatic failover (what DNS does) and add a fencing lease', [this.catalog.setField(dataType, 'failover', 'automatic'), this.addGuard(FENCING_LEASE)], { preferred: true });
        } else if (dataType && finding.suggestion) {
          this.add(`Set failover to ${finding.suggestion} (what DNS does)`, [this.catalog.setField(dataType, 'failover', finding.suggestion)], { preferred: true });
        }
        break;
      case 'unclaimed-resource':
        this.addDraftedDataType();
        break;
    }
    if (dataType && acceptable.has(finding.ruleId)) this.acceptRisk(dataType);
  }

  /** A drafted data type for an unclaimed store, at the end of `dataTypes`: its category is a guess the user confirms. */
  private addDraftedDataType(): void {
    const deployed = this.analysis.report.deployed;
    const at = this.finding.related?.[0];
    const store = deployed?.stores.find((candidate) => candidate.file === at?.file && candidate.range.offset[0] === at?.range.offset[0]);
    if (!deployed || !store) return;
    const taken = new Set(this.analysis.report.dataTypes.map((dt) => dt.name));
    const { entry } = draftDataType(store, deployed, taken);
    const name = String(this.finding.suggestion ?? store.logicalId);
    // The data types it may belong to: those that declare the store it deploys, the likeliest by name first.
    const owners = this.analysis.report.dataTypes
      .filter((dataType) => typeof store.store === 'string' && dataType.declaredStore === store.store)
      .sort((a, b) => Number(namesAlike(b.name, store.logicalId)) - Number(namesAlike(a.name, store.logicalId)))
      .slice(0, 2);
    for (const [rank, owner] of owners.entries()) {
      const map = this.catalog.dataTypeAt(owner.nameRange.offset[0]);
      if (!map) continue;
      const pair = this.catalog.pair(map, 'resources');
      const edit = pair && isSeq(pair.value) ? this.catalog.appendItem(pair.value, name) : this.newList(map, 'resources', [name]);
      this.add(`Add ${name} to the resources of '${owner.name}'`, [edit], { preferred: rank === 0 && namesAlike(owner.name, store.logicalId) });
    }
    this.add(`Add a data type '${String(entry.name)}' for ${store.logicalId} (category guessed: ${String(entry.category)})`, [insertDataType(this.catalog.text, entry)], { preferred: !this.list.some((fix) => fix.isPreferred) });
  }

  private fieldAt(key: string): boolean {
    const pair = this.dataType && this.catalog.pair(this.dataType, key);
    const range = pair?.value?.range;
    return !!range && range[0] <= this.finding.range.offset[0] && this.finding.range.offset[0] < range[1];
  }

  /** The verdict's store, and its alternative beside it: the same two stores every surface names. */
  private setStore(preferred: boolean): void {
    const verdict = this.report?.verdict;
    if (!this.dataType || !verdict) return;
    if (verdict.declaredStore !== verdict.store) this.add(`Set store to ${verdict.store} (recommended)`, [this.catalog.setField(this.dataType, 'store', verdict.store)], { preferred });
    if (verdict.alternative && verdict.declaredStore !== verdict.alternative) this.add(`Set store to ${verdict.alternative} (the alternative)`, [this.catalog.setField(this.dataType, 'store', verdict.alternative)]);
  }

  /** One writer per item, AWS's two designs for it: each item in its home Region (every Region keeps writing; preferred), or every write in one Region. */
  private setWriteModes(): void {
    if (!this.dataType) return;
    this.add('Set writeMode: home-region (each item written in its home Region)', [this.catalog.setField(this.dataType, 'writeMode', 'home-region')], { preferred: true });
    this.add('Set writeMode: one-region (one Region takes every write)', [this.catalog.setField(this.dataType, 'writeMode', 'one-region')]);
  }

  /** One action per guard strategy (the fencing lease preferred unless told otherwise). Only guards that make sense here. */
  private addGuards(types: Array<Exclude<GuardType, 'human-approval'>>, { preferFencingLease = true } = {}): void {
    if (!this.dataType || !this.report) return;
    // A witness or a quorum stops no Region of a last-writer-wins store: never offered there.
    if (this.report.writePath.lastWriterWins) types = types.filter((type) => type === 'fencing-lease');
    const witnesses = this.analysis.report.regions.filter((r) => r.role === 'witness').map((r) => r.name);
    const voters = new Set([...this.report.need.regions, ...witnesses]).size;
    for (const type of types) {
      if (type === 'fencing-lease') {
        this.add('Add a split-brain guard: fencing lease', [this.addGuard(FENCING_LEASE)], { preferred: preferFencingLease });
      } else if (type === 'witness-region') {
        const witness = witnesses.find((w) => !this.report!.need.regions.includes(w));
        if (witness) {
          this.add(`Add a split-brain guard: witness Region ${witness}`, [this.addGuard(`{ type: witness-region, region: ${witness} }`)]);
        } else {
          const name = this.newWitnessName();
          this.add(`Add a witness Region (${name}) and a witness-region guard`, [this.addWitnessRegion(name), this.addGuard(`{ type: witness-region, region: ${name} }`)]);
        }
      } else if (voters >= 3) {
        this.add('Add a split-brain guard: quorum', [this.addGuard('quorum')]);
      }
    }
  }

  /** Appends a guard to the data type's list, or creates the list (keeping guards inherited from `defaults`). */
  private addGuard(guard: string): TextEdit {
    const map = this.dataType!;
    const pair = this.catalog.pair(map, 'splitBrainGuards');
    if (pair && isSeq(pair.value)) return this.catalog.appendItem(pair.value, guard);
    if (pair && !pair.value) return this.catalog.setField(map, 'splitBrainGuards', `[${guard}]`);
    const inherited = this.inheritedGuards();
    return this.newList(map, 'splitBrainGuards', [...inherited, guard]);
  }

  private inheritedGuards(): string[] {
    const defaults = this.catalog.doc.get('defaults', true);
    const guards = isMap(defaults) ? defaults.get('splitBrainGuards', true) : undefined;
    return isSeq(guards) ? guards.items.map((item) => flowYaml((item as Node).toJSON())) : [];
  }

  /** A new `key:` with a block list in the file's style (or a flow list in a flow map). */
  private newList(map: YAMLMap, key: string, items: string[]): TextEdit {
    if (map.flow) return this.catalog.addField(map, key, `[${items.join(', ')}]`);
    const step = ' '.repeat(Math.max(this.catalog.sequenceIndentStep(), 0));
    return this.catalog.addField(map, key, '', (keyIndent) => items.map((item) => `\n${keyIndent}${step}- ${item}`).join(''));
  }

  private addWitnessRegion(name: string): TextEdit {
    const regions = this.catalog.doc.get('regions', true) as YAMLSeq | undefined;
    if (!isSeq(regions)) throw new Error('no regions list');
    const last = regions.items.at(-1);
    if (regions.flow || !isMap(last) || last.flow) return this.catalog.appendItem(regions, `{ name: ${name}, role: witness }`);
    return this.catalog.appendItem(regions, '', (itemIndent) => {
      const keyColumn = this.catalog.columnOf(last.items[0].key as Node, last);
      const afterDash = ' '.repeat(Math.max(keyColumn - itemIndent.length - 1, 1));
      return `${itemIndent}-${afterDash}name: ${name}\n${' '.repeat(itemIndent.length + 1 + afterDash.length)}role: witness`;
    });
  }

  private newWitnessName(): string {
    const used = new Set(this.analysis.report.regions.map((r) => r.name));
    return WITNESS_CANDIDATES.find((name) => !used.has(name)) ?? 'witness-region';
  }

  /** A declared witness that holds none of this data type's data. */
  private witnessOutside(): string | undefined {
    return this.analysis.report.regions.find((r) => r.role === 'witness' && !this.report?.need.regions.includes(r.name))?.name;
  }

  private acceptRisk(map: YAMLMap): void {
    const rule = this.finding.ruleId;
    const pair = this.catalog.pair(map, 'acceptedRisks');
    let edit: TextEdit;
    if (pair && isSeq(pair.value) && !pair.value.flow && pair.value.items.length > 0) {
      const first = pair.value.items[0] as Node;
      edit = this.catalog.appendItem(pair.value, '', (itemIndent) => {
        const keyColumn = isMap(first) ? this.catalog.columnOf(first.items[0]?.key as Node, first) : itemIndent.length + 2;
        const afterDash = ' '.repeat(Math.max(keyColumn - itemIndent.length - 1, 1));
        return `${itemIndent}-${afterDash}rule: ${rule}\n${' '.repeat(itemIndent.length + 1 + afterDash.length)}reason: ${REASON_PLACEHOLDER}`;
      });
    } else if (pair && isSeq(pair.value)) {
      edit = this.catalog.appendItem(pair.value, `{ rule: ${rule}, reason: "${REASON_PLACEHOLDER}" }`);
    } else if (map.flow) {
      edit = this.catalog.addField(map, 'acceptedRisks', `[{ rule: ${rule}, reason: "${REASON_PLACEHOLDER}" }]`);
    } else {
      const step = ' '.repeat(Math.max(this.catalog.sequenceIndentStep(), 0));
      edit = this.catalog.addField(map, 'acceptedRisks', '', (keyIndent) =>
        `\n${keyIndent}${step}- rule: ${rule}\n${keyIndent}${step}  reason: ${REASON_PLACEHOLDER}`);
    }
    this.add(`Accept the risk (${rule}) with a reason`, [edit], { snippet: true });
  }

  private scalarAt(finding: Finding): Scalar | undefined {
    return this.scalarAtOffset(finding.range.offset[0]);
  }

  /** The scalar that starts at an offset of the text, if any. */
  private scalarAtOffset(offset: number): Scalar | undefined {
    let found: Scalar | undefined;
    visit(this.catalog.doc, {
      Scalar: (_, node) => {
        if (node.range && node.range[0] === offset) {
          found = node;
          return visit.BREAK;
        }
        return undefined;
      },
    });
    return found;
  }

  private isScalarAt(finding: Finding): boolean {
    return this.scalarAt(finding) !== undefined;
  }

  /** Replaces the scalar a finding points at, keeping its quotes; else the finding's range as text. */
  private replaceAt(finding: Finding, value: string): TextEdit {
    const scalar = this.scalarAt(finding);
    if (scalar) return this.catalog.replaceScalar(scalar, value);
    return { offset: [finding.range.offset[0], finding.range.offset[1]], newText: value };
  }
}

/**
 * Applies every safe fix until none is left (a few passes at most): what `source.fixAll`
 * and editor.codeActionsOnSave run. Returns the new text and how many fixes it applied.
 */
export function fixAll(text: string, options: AnalyzeOptions = {}): { text: string; fixed: number } {
  let current = text;
  let fixed = 0;
  for (let pass = 0; pass < 5; pass++) {
    const analysis = analyzeCatalog(current, options);
    const edits: TextEdit[] = [];
    for (const finding of analysis.findings) {
      const fix = quickFixes(current, analysis, finding, { consequences: false }).find((f) => f.safe);
      if (!fix) continue;
      // Fixes that touch the same text wait for the next pass, which sees the result.
      if (fix.edits.some((e) => edits.some((o) => e.offset[0] <= o.offset[1] && o.offset[0] <= e.offset[1]))) continue;
      edits.push(...fix.edits);
      fixed++;
    }
    if (edits.length === 0) break;
    current = applyEdits(current, edits);
  }
  return { text: current, fixed };
}

/** Nothing but blank lines and comments: no YAML value at all. */
function isEmptyOfYaml(text: string): boolean {
  return text.split('\n').every((line) => /^\s*(#.*)?$/.test(line));
}
