// The fixer a rule writes its quick fixes with: the finding, the data type's YAML map and report,
// and the edits every rule shares (the verdict's store, a split-brain guard, a witness Region, an
// accepted risk), each located through the `yaml` document and CST (yamlEdits.ts) so that
// comments, order and indentation survive. A rule's own fixes live in the rule's file; what two
// rules share lives here.
import { isMap, isSeq, visit, type Node, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { CatalogAnalysis, DataTypeReport, Finding, GuardType } from '../model/types';
import type { DeployedStore, DeployedSystem } from '../model/deployed';
import { EditableCatalog, flowYaml, type TextEdit } from './yamlEdits';

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
  /** The data type a fix of a catalog-wide finding changes or adds: the findings it raises there are named in its title. */
  dataType?: string;
}

export interface FixOptions {
  preferred?: boolean;
  safe?: boolean;
  snippet?: boolean;
  raises?: string[];
  dataType?: string;
}

/** What the later stages lend the fixer: drafting a data type for a deployed store, and the new-catalog skeleton. */
export interface FixServices {
  draftEntry(store: DeployedStore, system: DeployedSystem, taken: Set<string>): { entry: Record<string, unknown>; categoryChoices?: string[] };
  /** How well a data type's name matches a store's names: 2 the same words, 1 some, 0 none. */
  nameMatch(dataType: string, store: DeployedStore): number;
  /** What a person calls a store's data (`seat-inventory`): the name a new data type for it takes. */
  storeDataName(store: DeployedStore): string;
  insertDataType(text: string, entry: Record<string, unknown>): TextEdit;
  /** `CartsTable` → `carts`: a data type's name from a logical id. */
  dataTypeName(logicalId: string): string;
  catalogSkeleton: string;
}

/** Regions offered for a new witness, in order, when the catalog lacks one. */
const WITNESS_CANDIDATES = ['us-west-2', 'us-east-2', 'eu-west-1', 'us-west-1', 'eu-central-1', 'ap-southeast-2', 'ap-northeast-1'];
export const FENCING_LEASE = '{ type: fencing-lease, ttl: 30s }';
const REASON_PLACEHOLDER = '${1:why the team accepts this, and where it was agreed}';

export class Fixer {
  readonly list: QuickFix[] = [];
  /** The finding's data type as the YAML holds it; undefined for a catalog-wide finding. */
  readonly dataType: YAMLMap | undefined;
  /** The finding's data type as the analysis reports it. */
  readonly report: DataTypeReport | undefined;

  constructor(
    readonly catalog: EditableCatalog,
    readonly analysis: CatalogAnalysis,
    readonly finding: Finding,
    readonly services: FixServices,
  ) {
    this.dataType = finding.dataType === null ? undefined : catalog.dataTypeAt(finding.range.offset[0]);
    this.report = analysis.report.dataTypes.find((dt) => dt.findings.includes(finding)) ?? analysis.report.dataTypes.find((dt) => dt.name === finding.dataType);
  }

  add(title: string, edits: TextEdit[], options: FixOptions = {}): void {
    this.list.push({
      title,
      ruleId: this.finding.ruleId,
      isPreferred: options.preferred ?? false,
      safe: options.safe ?? false,
      edits,
      ...(options.snippet ? { snippet: true } : {}),
      ...(options.raises ? { raises: options.raises } : {}),
      ...(options.dataType !== undefined ? { dataType: options.dataType } : {}),
    });
  }

  /** Sets a field of the finding's data type (adds it where it is missing). */
  setField(key: string, value: string): TextEdit {
    return this.catalog.setField(this.dataType!, key, value);
  }

  /** Whether the finding points into the value of this field of its data type. */
  fieldAt(key: string): boolean {
    const pair = this.dataType && this.catalog.pair(this.dataType, key);
    const range = pair?.value?.range;
    return !!range && range[0] <= this.finding.range.offset[0] && this.finding.range.offset[0] < range[1];
  }

  /** The verdict's store, and its alternative beside it: the same two stores every surface names. */
  setStore(preferred: boolean): void {
    const verdict = this.report?.verdict;
    if (!this.dataType || !verdict) return;
    // A store other than the one the linked template deploys is a change to the template too:
    // said so, and never preferred, or the fix would undo store-drift's and the two ping-pong.
    const deployed = this.deployedStore();
    const offer = (store: string, why: string, prefer: boolean) => {
      const elsewhere = deployed !== undefined && store !== deployed;
      this.add(`Set store to ${store} (${why}${elsewhere ? '; the template must change too' : ''})`, [this.setField('store', store)], {
        preferred: prefer && !elsewhere,
      });
    };
    if (verdict.declaredStore !== verdict.store) offer(verdict.store, 'recommended', preferred);
    if (verdict.alternative && verdict.declaredStore !== verdict.alternative) offer(verdict.alternative, 'the alternative', false);
  }

  /** The one store the data type's linked resources deploy, when they agree and it is known. */
  deployedStore(): string | undefined {
    const stores = new Set((this.report?.deployed ?? []).map((resource) => resource.store));
    const [store] = stores;
    return stores.size === 1 && store !== '?' ? store : undefined;
  }

  /**
   * One writer per item, AWS's two designs for it: each item in its home Region (every Region keeps
   * writing; preferred), or every write in one Region. On hot-hot data the second is the hot-warm
   * topology, not a writeMode beside hot-hot, which would say both that every Region writes and
   * that one does.
   */
  setWriteModes(preferred = true): void {
    if (!this.dataType) return;
    this.add('Set writeMode: home-region (each item written in its home Region)', [this.setField('writeMode', 'home-region')], { preferred });
    if (this.report?.need.topology === 'hot-hot') {
      this.add('Make the topology hot-warm (one Region takes every write)', [this.setField('topology', 'hot-warm')]);
    } else {
      this.add('Set writeMode: one-region (one Region takes every write)', [this.setField('writeMode', 'one-region')]);
    }
  }

  /** One action per guard strategy (the fencing lease preferred unless told otherwise). Only guards that make sense here. */
  addGuards(types: Array<Exclude<GuardType, 'human-approval'>>, { preferFencingLease = true } = {}): void {
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
          this.add(`Add a witness Region (${name}) and a witness-region guard`, [
            this.addWitnessRegion(name),
            this.addGuard(`{ type: witness-region, region: ${name} }`),
          ]);
        }
      } else if (voters >= 3) {
        this.add('Add a split-brain guard: quorum', [this.addGuard('quorum')]);
      }
    }
  }

  /** Appends a guard to the data type's list, or creates the list (keeping guards inherited from `defaults`). */
  addGuard(guard: string): TextEdit {
    const map = this.dataType!;
    const pair = this.catalog.pair(map, 'splitBrainGuards');
    if (pair && isSeq(pair.value)) return this.catalog.appendItem(pair.value, guard);
    if (pair && !pair.value) return this.catalog.setField(map, 'splitBrainGuards', `[${guard}]`);
    return this.newList(map, 'splitBrainGuards', [...this.inheritedGuards(), guard]);
  }

  private inheritedGuards(): string[] {
    const defaults = this.catalog.doc.get('defaults', true);
    const guards = isMap(defaults) ? defaults.get('splitBrainGuards', true) : undefined;
    return isSeq(guards) ? guards.items.map((item) => flowYaml((item as Node).toJSON())) : [];
  }

  /** A new `key:` with a block list in the file's style (or a flow list in a flow map). */
  newList(map: YAMLMap, key: string, items: string[]): TextEdit {
    if (map.flow) return this.catalog.addField(map, key, `[${items.join(', ')}]`);
    const step = ' '.repeat(Math.max(this.catalog.sequenceIndentStep(), 0));
    return this.catalog.addField(map, key, '', (keyIndent) => items.map((item) => `\n${keyIndent}${step}- ${item}`).join(''));
  }

  addWitnessRegion(name: string): TextEdit {
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

  newWitnessName(): string {
    const used = new Set(this.analysis.report.regions.map((r) => r.name));
    return WITNESS_CANDIDATES.find((name) => !used.has(name)) ?? 'witness-region';
  }

  /** A declared witness that holds none of this data type's data. */
  witnessOutside(): string | undefined {
    return this.analysis.report.regions.find((r) => r.role === 'witness' && !this.report?.need.regions.includes(r.name))?.name;
  }

  /** An `acceptedRisks` entry for the finding's rule, with a reason to fill in (a snippet). */
  acceptRisk(): void {
    const map = this.dataType;
    if (!map) return;
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
      edit = this.catalog.addField(
        map,
        'acceptedRisks',
        '',
        (keyIndent) => `\n${keyIndent}${step}- rule: ${rule}\n${keyIndent}${step}  reason: ${REASON_PLACEHOLDER}`,
      );
    }
    this.add(`Accept the risk (${rule}) with a reason`, [edit], { snippet: true });
  }

  /** The scalar that starts at an offset of the text, if any. */
  scalarAtOffset(offset: number): Scalar | undefined {
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

  /** Whether the finding points at a scalar (not at a map or a list). */
  isScalarAtFinding(): boolean {
    return this.scalarAtOffset(this.finding.range.offset[0]) !== undefined;
  }

  /** Replaces the scalar the finding points at, keeping its quotes; else the finding's range as text. */
  replaceAtFinding(value: string): TextEdit {
    const scalar = this.scalarAtOffset(this.finding.range.offset[0]);
    if (scalar) return this.catalog.replaceScalar(scalar, value);
    return { offset: [this.finding.range.offset[0], this.finding.range.offset[1]], newText: value };
  }

  /** The finding's suggestion as its preferred fix, `Change to '…'` (a typo with one close match: safe when `safe`). */
  changeToSuggestion({ safe }: { safe: boolean }): void {
    if (this.finding.suggestion !== undefined)
      this.add(`Change to '${this.finding.suggestion}'`, [this.replaceAtFinding(this.finding.suggestion)], { preferred: true, safe });
  }
}
