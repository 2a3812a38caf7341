// Partition scenarios: for a disruption of one Region (`isolate R`: alive but cut off from every
// other Region; `lose R`: down), what each data type does: which Regions still take its writes,
// whose reads go stale, whether its copies diverge, and how much data is at risk. Decided from
// the analysis's report and the store facts table alone; the figures are the table's.
import { parseDuration } from '../read/durations';
import type { RuleId } from '../rules';
import { named } from '../rules/rule';
import type { SourceRange } from '../read/range';
import { CatalogSource, fastSourceOf } from '../read/source';
import { everyRegionWrites, storeFacts, type StoreFacts } from '../model/storeFacts';
import type { CatalogAnalysis, DataTypeReport, GuardType, StoreId } from '../model/types';

export type DisruptionKind = 'isolate' | 'lose';

export interface Disruption {
  kind: DisruptionKind;
  region: string;
}

/** Worst first. */
export const VERDICTS = ['split-brain', 'unavailable', 'diverges', 'failed-over', 'degraded', 'available', 'unaffected'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface Outcome {
  dataType: string;
  verdict: Verdict;
  /** The Regions that accept the data type's writes during the disruption. */
  writers: string[];
  /** The Regions whose reads may be stale because of it. */
  staleReads: string[];
  /** The writes that can be lost, in ms: 0 none, null unbounded. */
  atRiskMs: number | null;
  /** The guard that decided the outcome, or null. */
  guard: GuardType | null;
  /** One sentence within 120 characters, plain text. */
  message: string;
  /** The reasoning, with the store's figures, in Markdown. */
  detail: string;
  /** What in the catalog changes this outcome; absent for `available` and `unaffected`. */
  change?: OutcomeChange;
}

/** A data type's setting that decides a scenario's outcome (its key in the catalog). */
export type ScenarioSetting =
  'topology' | 'writeMode' | 'writes' | 'failover' | 'splitBrainGuards' | 'conflictResolution' | 'regions' | 'store' | 'backup' | 'partitionedBy';

/** What changes an outcome: the setting that decided it, what to set, and the finding that asks for it. */
export interface OutcomeChange {
  setting: ScenarioSetting;
  /** The catalog's own `regions` (a witness Region is declared there), not the data type's. */
  inCatalog?: true;
  /** What to set, in a few words, starting with a verb. */
  how: string;
  /** The finding on this data type whose quick fix makes the change, when one fires. */
  rule?: { id: RuleId; docsUrl: string; range: SourceRange };
}

/** Each verdict in the domain's words: the scenario views' legend. */
export const VERDICT_MEANINGS: Record<Verdict, string> = {
  'split-brain': 'two sides take writes to the same data and the copies cannot be merged: data is lost or contradicts itself',
  unavailable: 'no Region takes its writes until a person acts or the Region returns',
  diverges: 'both sides take writes; the copies differ until the link returns and are merged then',
  'failed-over': 'its writes move to another Region without two writers; what was not yet replicated may be lost',
  degraded: 'one side keeps writing; the other refuses writes or serves stale reads; nothing diverges',
  available: 'every surviving Region keeps taking its writes, without divergence',
  unaffected: 'the Region holds no copy of it and is none of its voters',
};

export interface ScenarioResult extends Disruption {
  outcomes: Outcome[];
}

/** Every Region isolated, then lost, in the order the catalog declares them. */
export function allDisruptions(analysis: CatalogAnalysis): Disruption[] {
  const regions = analysis.report.regions.map((region) => region.name);
  return [...regions.map((region) => ({ kind: 'isolate' as const, region })), ...regions.map((region) => ({ kind: 'lose' as const, region }))];
}

export function simulate(analysis: CatalogAnalysis, disruptions: readonly Disruption[] = allDisruptions(analysis)): ScenarioResult[] {
  const witnesses = analysis.report.regions.filter((region) => region.role === 'witness').map((region) => region.name);
  const primary = analysis.report.regions.find((region) => region.role === 'primary')?.name;
  return disruptions.map((disruption) => ({
    ...disruption,
    outcomes: analysis.report.dataTypes.map((dataType) => outcomeOf(dataType, disruption, { witnesses, primary })),
  }));
}

interface CatalogFacts {
  witnesses: string[];
  primary: string | undefined;
}

/** What changes a decision; the rules are the ones whose finding asks for that change, first that fires wins. */
interface Lever {
  setting: ScenarioSetting;
  inCatalog?: true;
  how: string;
  rules?: readonly RuleId[];
}

type Decision = Omit<Outcome, 'dataType' | 'message' | 'detail' | 'change'> & { why: string; change?: Lever };

function outcomeOf(dataType: DataTypeReport, disruption: Disruption, catalog: CatalogFacts): Outcome {
  const decision = decide(dataType, disruption, catalog);
  const { why, change, ...outcome } = decision;
  return {
    dataType: dataType.name,
    ...outcome,
    message: messageOf(dataType, disruption, decision),
    detail: `${why} ${atRiskText(decision.atRiskMs, storeFacts[scenarioStore(dataType)], dataType.need.backup?.everyMs)}`,
    ...(change ? { change: changeOf(dataType, change) } : {}),
  };
}

function changeOf(dataType: DataTypeReport, { rules, ...lever }: Lever): OutcomeChange {
  // The finding the rules already report is where its quick fix waits.
  const finding = rules && dataType.findings.find((f) => (rules as readonly string[]).includes(f.ruleId));
  return finding ? { ...lever, rule: { id: finding.ruleId as RuleId, docsUrl: finding.docsUrl, range: finding.range } } : lever;
}

/** What a Region's loss takes from data that lives there only: what a backup copied elsewhere bounds, when one is declared. */
function lostWithItsRegion(dataType: DataTypeReport, region: string): string {
  const backup = dataType.need.backup;
  const items = dataType.need.partitionedByRegion
    ? `Its items homed in ${region} live there only (partitioned by Region, on purpose)`
    : `It lives in ${region} only`;
  if (backup?.copyTo && backup.copyTo !== region)
    return `${items}: ${dataType.need.partitionedByRegion ? 'they are' : 'it is'} unavailable until ${region} returns or the backup copied to ${backup.copyTo} is restored (hours), and what was written since the last copy${backup.every ? ` (up to ${backup.every})` : ''} is lost with the Region.`;
  return `${items}: it is gone until the Region returns, and what is not backed up elsewhere is lost.`;
}

/** What a Region's loss can take from data in that Region only: up to a backup interval when a copy elsewhere is declared, else unbounded. */
function backupBound(dataType: DataTypeReport, region: string): number | null {
  const backup = dataType.need.backup;
  return backup?.copyTo && backup.copyTo !== region && backup.everyMs !== undefined ? backup.everyMs : null;
}

function decide(dataType: DataTypeReport, { kind, region }: Disruption, catalog: CatalogFacts): Decision {
  const regions = dataType.need.regions;
  const voters = [...new Set([...regions, ...catalog.witnesses])];
  const store = scenarioStore(dataType);
  const facts = storeFacts[store];
  const others = regions.filter((r) => r !== region);
  const none = { staleReads: [] as string[], atRiskMs: 0, guard: null };
  if (!regions.includes(region) && !voters.includes(region)) {
    return {
      verdict: 'unaffected',
      writers: writersInCalm(dataType, catalog, facts.writers.value),
      ...none,
      why: `${region} holds no copy of it and is none of its voters.`,
    };
  }
  const multiRegion = regions.length >= 2 && dataType.need.topology !== 'single-region';
  if (multiRegion && dataType.need.partitionedByRegion && !storeFacts[store].position.value) {
    // One Region per item, on purpose and without replication: each Region's items share its fate, the others' do not.
    if (!regions.includes(region)) return { verdict: 'available', writers: regions, ...none, why: `Each Region keeps its own items; ${region} only votes.` };
    return kind === 'isolate'
      ? {
          verdict: 'degraded',
          writers: regions,
          ...none,
          why: `Each item lives in its home Region: ${region} keeps serving its own items to its own clients, and other Regions' clients cannot reach them until the link returns; nothing diverges.`,
          change: {
            setting: 'partitionedBy',
            how: 'keeps each item in its home Region only; replicate the items (a multi-Region store) to reach them across the cut',
          },
        }
      : {
          verdict: 'degraded',
          writers: others,
          staleReads: [],
          atRiskMs: backupBound(dataType, region),
          guard: null,
          why: lostWithItsRegion(dataType, region),
          change: { setting: 'backup', how: `declare a backup copied to another Region to bound what ${region} takes with it` },
        };
  }
  if (!multiRegion) {
    if (!regions.includes(region)) return { verdict: 'available', writers: regions, ...none, why: `It lives in ${regions.join(', ')}; ${region} only votes.` };
    return kind === 'isolate'
      ? {
          verdict: 'degraded',
          writers: [region],
          ...none,
          why: `It lives in ${region} only: its own clients still reach it, every other Region's clients do not.`,
          change: { setting: 'regions', how: 'add a second Region, on a store that replicates, so other Regions keep it' },
        }
      : {
          verdict: 'unavailable',
          writers: [],
          staleReads: [],
          atRiskMs: backupBound(dataType, region),
          guard: null,
          why: lostWithItsRegion(dataType, region),
          change: {
            setting: 'regions',
            how: 'add a second Region, on a store that replicates, or a backup copied to another Region',
            rules: ['ca-in-multi-region', 'rpo-unachievable', 'rto-vs-human-approval'],
          },
        };
  }
  const path = dataType.writePath;
  // Only guards something enforces decide an outcome: a witness stops no Region of a last-writer-wins store.
  const guardOf = (types: readonly GuardType[]) =>
    dataType.guards.find((guard) => types.includes(guard.type) && (guard.type === 'human-approval' || path.enforcedGuards.includes(guard.type)));
  const partitionGuard = dataType.guards.find((guard) => path.enforcedGuards.includes(guard.type));
  // A store that votes keeps its majority whatever the topology says.
  const votes = path.builtInQuorum || (facts.position.value === 'CP' && facts.writers.value === 'all' && dataType.need.topology === 'hot-hot');
  const singleWriter = !votes && (dataType.need.topology !== 'hot-hot' || facts.writers.value !== 'all' || path.oneWriterPerItem);

  if (path.writeMode === 'home-region' && facts.writers.value === 'all' && !votes) {
    // Region pinning: each item is written only in its home Region, so nothing diverges.
    if (!regions.includes(region))
      return { verdict: 'available', writers: regions, ...none, why: `${region} is only a voter; every Region keeps writing the items homed there.` };
    return kind === 'isolate'
      ? {
          verdict: 'degraded',
          writers: regions,
          staleReads: regions,
          atRiskMs: 0,
          guard: null,
          why: `Each item is written only in its home Region: ${region} keeps writing its own items and the others theirs, so nothing diverges; reads of items homed across the cut go stale, and ${region}'s clients cannot write items homed elsewhere.`,
          change: { setting: 'writeMode', how: 'home-region keeps one writer per item; re-home items (after a drain) to write them across the cut' },
        }
      : {
          verdict: 'degraded',
          writers: others,
          staleReads: [],
          atRiskMs: facts.replicationWindow.value,
          guard: null,
          why: `Items homed in ${region} take no writes until they are re-homed, and re-homing without a drain gives up what ${region} had not replicated (${facts.replicationWindow.text}); the other items keep their writers.`,
          change: { setting: 'writeMode', how: `re-home the items homed in ${region} to another Region, after a drain` },
        };
  }

  if (singleWriter) {
    const writer = singleWriterOf(regions, catalog)!;
    const standby = regions.find((r) => r !== writer)!;
    const automatic = dataType.need.failover === 'automatic';
    if (region !== writer) {
      if (!regions.includes(region)) return { verdict: 'available', writers: [writer], ...none, why: `${writer} keeps writing; ${region} only votes.` };
      return kind === 'isolate'
        ? {
            verdict: 'degraded',
            writers: [writer],
            staleReads: [region],
            atRiskMs: 0,
            guard: null,
            why: `${writer} keeps writing; ${region} is read-only and falls behind until the link returns (${facts.replicationWindow.text} once it does).`,
            change: {
              setting: 'topology',
              how: `only ${writer} writes a ${dataType.need.topology} data type; hot-hot would let ${region} write too, with a guard or a merge`,
            },
          }
        : { verdict: 'available', writers: [writer], ...none, why: `${writer} keeps writing; ${region} held a replica only.` };
    }
    // DynamoDB global tables and S3 take writes in every Region: moving the writers is all there is, nothing is promoted,
    // and what the lost Region had not replicated is delayed until it returns, never lost (the store model's partitionWrites).
    const storeWritesEverywhere = everyRegionWrites(store);
    const convergent = dataType.need.immutable || path.convergentWrites;
    if (kind === 'lose' && storeWritesEverywhere) {
      const delayed = `what ${writer} accepted but had not replicated is delayed until ${writer} returns, not lost, and may then overwrite or be overwritten by newer writes${
        convergent ? '' : ' (conditional or counted data needs a second reconciliation then)'
      } (${facts.replicationWindow.text})`;
      return automatic
        ? {
            verdict: 'failed-over',
            writers: [standby],
            staleReads: [],
            atRiskMs: convergent ? 0 : facts.replicationWindow.value,
            guard: partitionGuard?.type ?? null,
            why: `${writer} is down and its writes move to ${standby} on their own (\`${store}\` takes writes in every Region: nothing is promoted); ${delayed}.`,
            change: {
              setting: 'failover',
              how: `automatic failover moves the writes to ${standby}; declare idempotent writes so nothing needs reconciling`,
              rules: ['lww-loses-updates'],
            },
          }
        : {
            verdict: 'unavailable',
            writers: [],
            staleReads: [],
            atRiskMs: convergent ? 0 : facts.replicationWindow.value,
            guard: guardOf(['human-approval'])?.type ?? null,
            why: `${writer} is down and failover is manual: no Region takes writes until a person moves them to ${standby} (\`${store}\` takes writes in every Region: nothing is promoted); ${delayed}.`,
            change: {
              setting: 'failover',
              how: 'set failover: automatic, with a guard, so writes move without waiting for a person',
              rules: ['rto-vs-human-approval'],
            },
          };
    }
    if (kind === 'lose') {
      return automatic
        ? {
            verdict: 'failed-over',
            writers: [standby],
            staleReads: [],
            atRiskMs: facts.rpo.value,
            guard: partitionGuard?.type ?? null,
            why: `${writer} is down and ${standby} is promoted automatically; the writes not yet replicated are lost (${facts.rpo.text}).`,
            change: {
              setting: 'failover',
              how: `automatic failover promotes ${standby}; the store's replication lag is what is lost`,
              rules: ['rpo-unachievable'],
            },
          }
        : {
            verdict: 'unavailable',
            writers: [],
            staleReads: [],
            atRiskMs: facts.rpo.value,
            guard: guardOf(['human-approval'])?.type ?? null,
            why: facts.recovery.value.includes('failover')
              ? `${writer} is down and failover is manual: no Region takes writes until a person promotes ${standby}, and that failover loses the writes not yet replicated (${facts.rpo.text}).`
              : `${writer} is down and failover is manual: no Region takes writes until a person acts in ${standby}: ${facts.recovery.text}; what was not yet replicated is lost (${facts.rpo.text}).`,
            change: {
              setting: 'failover',
              how: 'set failover: automatic with a fencing lease to promote without waiting for a person',
              rules: ['rto-vs-human-approval', 'rpo-unachievable'],
            },
          };
    }
    if (dataType.need.immutable && automatic) {
      return {
        verdict: 'available',
        writers: [writer, standby],
        staleReads: [writer, standby],
        atRiskMs: 0,
        guard: null,
        why: `${standby} is promoted while ${writer} keeps its local clients: both write, but new objects under new keys never conflict, and the copies catch up when the link returns.`,
      };
    }
    if (automatic && storeWritesEverywhere && dataType.need.consistency === 'eventual' && path.lostUnderLastWriterWins.length === 0) {
      // Eventual data whose writes last writer wins does not lose: both sides write, and the copies converge or merge.
      return {
        verdict: 'diverges',
        writers: [writer, standby],
        staleReads: [writer, standby],
        atRiskMs: path.convergentWrites ? 0 : null,
        guard: null,
        why: `The writes move to ${standby} while ${writer} keeps its local clients: both write, and the copies diverge until the link returns; ${
          path.convergentWrites
            ? 'the writes are idempotent puts or appends, so they converge with nothing lost'
            : 'they converge on the last writer: of two writes to one item, the earlier disappears'
        }.`,
        change: {
          setting: 'failover',
          how: 'set failover: manual so one side writes, or declare idempotent writes so nothing is lost',
          rules: ['unguarded-automatic-failover', 'lww-loses-updates'],
        },
      };
    }
    if (!automatic) {
      return {
        verdict: 'degraded',
        writers: [writer],
        staleReads: others,
        atRiskMs: 0,
        guard: guardOf(['human-approval'])?.type ?? null,
        why: `${writer} is cut off but keeps its local clients; elsewhere writes wait, because failover is manual and a person sees that ${writer} is alive.`,
        change: {
          setting: 'failover',
          how: `failover: manual waits for a person; automatic with a fencing lease moves the writes to ${standby}`,
          rules: ['rto-vs-human-approval'],
        },
      };
    }
    const fence = guardOf(['fencing-lease']);
    if (fence) {
      const ttl = parseDuration(fence.ttl);
      return {
        verdict: 'failed-over',
        writers: [standby],
        staleReads: [],
        atRiskMs: ttl ?? null,
        guard: 'fencing-lease',
        why: `${standby} is promoted once ${writer}'s lease expires; the storage refuses ${writer}'s writes after that, so only what ${writer} accepted before its lease ran out is at risk${ttl === undefined ? ' (the lease has no ttl declared)' : ''}.`,
        change: {
          setting: 'splitBrainGuards',
          how: "the fencing lease's ttl bounds the writes at risk: a shorter ttl risks less",
          rules: ['lease-in-eventual-store'],
        },
      };
    }
    const majority = guardOf(['witness-region', 'quorum']);
    if (majority) {
      return voters.length >= 3
        ? {
            verdict: 'failed-over',
            writers: [standby],
            staleReads: [],
            atRiskMs: facts.rpo.value,
            guard: majority.type,
            why: `The side with the majority of ${voters.join(', ')} promotes ${standby}; ${writer}, alone, stops writing. The writes not yet replicated are lost (${facts.rpo.text}).`,
            change: {
              setting: 'splitBrainGuards',
              how: `the ${majority.type} guard lets the majority promote ${standby}; the store's replication lag is what is lost`,
              rules: ['rpo-unachievable'],
            },
          }
        : {
            verdict: 'unavailable',
            writers: [],
            staleReads: [],
            atRiskMs: 0,
            guard: majority.type,
            why: `${voters.length} voting Regions cannot form a majority: neither side may write.`,
            change: {
              setting: 'regions',
              inCatalog: true,
              how: 'add a witness Region: three voting Regions keep a majority',
              rules: ['quorum-needs-three', 'witness-missing'],
            },
          };
    }
    return {
      verdict: 'split-brain',
      writers: [writer, standby],
      staleReads: [writer, standby],
      atRiskMs: null,
      guard: null,
      why: `A health check cannot tell a cut-off ${writer} from a dead one: it promotes ${standby} while ${writer} keeps taking its local clients' writes. Two writers, and the copies cannot be merged.`,
      change: {
        setting: 'failover',
        how: 'add a fencing lease (or a witness Region) to splitBrainGuards, or set failover: manual',
        rules: ['unguarded-automatic-failover', 'hot-hot-without-guard'],
      },
    };
  }

  if (votes) {
    if (voters.length < 3)
      return {
        verdict: 'unavailable',
        writers: [],
        staleReads: regions,
        atRiskMs: 0,
        guard: null,
        why: `${voters.length} voting Regions cannot form a majority when one is ${kind === 'isolate' ? 'cut off' : 'lost'}: \`${store}\` refuses writes everywhere.`,
        change: {
          setting: 'regions',
          inCatalog: true,
          how: 'add a witness Region: three voting Regions keep a majority',
          rules: ['witness-missing', 'quorum-needs-three', 'strong-table-topology'],
        },
      };
    if (!regions.includes(region))
      return { verdict: 'available', writers: regions, ...none, why: `${region} is only a voter: the data Regions still form a majority and keep writing.` };
    return kind === 'isolate'
      ? {
          verdict: 'degraded',
          writers: others,
          staleReads: [region],
          atRiskMs: 0,
          guard: guardOf(['quorum', 'witness-region'])?.type ?? null,
          why: `${others.join(', ')} hold the majority of ${voters.join(', ')} and keep writing; ${region} refuses writes and serves only eventually consistent reads (\`${store}\`).`,
          change: { setting: 'store', how: `a CP store: ${region}, in the minority, refuses writes so nothing diverges; that is the trade it makes` },
        }
      : {
          verdict: 'available',
          writers: others,
          ...none,
          why: `${others.join(', ')} keep the majority: \`${store}\` commits synchronously, so nothing is lost.`,
        };
  }

  // Several writers on an eventual store.
  if (!regions.includes(region)) return { verdict: 'available', writers: regions, ...none, why: `${region} is only a voter; every data Region keeps writing.` };
  if (kind === 'lose')
    return {
      verdict: 'available',
      writers: others,
      staleReads: [],
      atRiskMs: facts.replicationWindow.value,
      guard: null,
      why: `${others.join(', ')} keep writing; what ${region} accepted but had not replicated is delayed until ${region} returns, and may then be overwritten by newer writes (${facts.replicationWindow.text}).`,
    };
  if (dataType.need.immutable)
    return {
      verdict: 'available',
      writers: regions,
      staleReads: [region],
      atRiskMs: 0,
      guard: null,
      why: 'New objects never conflict: every Region keeps writing, and the copies catch up when the link returns.',
    };
  if (partitionGuard)
    return {
      verdict: 'degraded',
      writers: others,
      staleReads: [region],
      atRiskMs: 0,
      guard: partitionGuard.type,
      why: `The ${partitionGuard.type} guard lets only the side with the lease or the majority write: ${others.join(', ')}; ${region} refuses writes.`,
      change: { setting: 'splitBrainGuards', how: `the ${partitionGuard.type} guard lets one side write so nothing diverges; without it both sides write` },
    };
  const resolution = dataType.need.conflictResolution;
  const eventual = dataType.need.consistency === 'eventual';
  if (eventual && path.lastWriterWins && path.lostUnderLastWriterWins.length === 0) {
    // A last-writer-wins store converges on its own; what is at risk depends on what the writes are.
    const appMerges = resolution === 'merge' || resolution === 'application';
    const converges = path.convergentWrites
      ? 'the writes are idempotent puts or appends, so the copies converge with nothing lost'
      : appMerges
        ? `your application must merge (\`conflictResolution: ${resolution}\`); ${store} itself keeps the last writer, so of two writes to one item the earlier disappears unless the application kept it`
        : 'the copies converge on the last writer: of two writes to one item, the earlier disappears';
    return {
      verdict: 'diverges',
      writers: regions,
      staleReads: regions,
      atRiskMs: path.convergentWrites || appMerges ? 0 : null,
      guard: null,
      why: `Both sides keep writing and the copies diverge until the link returns; ${converges}.`,
      change: path.convergentWrites
        ? { setting: 'writes', how: 'idempotent writes converge with nothing lost; add a fencing lease if the copies must not differ meanwhile' }
        : {
            setting: 'conflictResolution',
            how: appMerges
              ? `conflictResolution: ${resolution} leaves the merge to your application; declare idempotent writes, or add a fencing lease so one side writes`
              : 'declare idempotent writes, or set conflictResolution: merge, or add a fencing lease so one side writes',
            rules: ['hot-hot-without-guard', 'lww-loses-updates'],
          },
    };
  }
  if (eventual && !path.lastWriterWins && resolution && resolution !== 'none') {
    return {
      verdict: 'diverges',
      writers: regions,
      staleReads: regions,
      atRiskMs: resolution === 'last-writer-wins' ? null : 0,
      guard: null,
      why: `Both sides keep writing and the copies diverge; they are merged when the link returns (\`conflictResolution: ${resolution}\`)${resolution === 'last-writer-wins' ? ', and of two writes to one item the earlier is lost' : ''}.`,
      change: {
        setting: 'conflictResolution',
        how: `conflictResolution: ${resolution} merges the copies later; a fencing lease or witness guard lets only one side write`,
        rules: ['hot-hot-without-guard'],
      },
    };
  }
  if (path.lostUnderLastWriterWins.length > 0) {
    return {
      verdict: 'split-brain',
      writers: regions,
      staleReads: regions,
      atRiskMs: null,
      guard: null,
      why: `Both sides keep writing, and its ${path.lostUnderLastWriterWins.join(', ')} writes cannot converge: ${store} keeps the last writer of each item and drops the other update silently.`,
      change: {
        setting: 'writes',
        how: 'make the writes idempotent, or add a guard so only one side writes',
        rules: ['lww-loses-updates', 'hot-hot-without-guard'],
      },
    };
  }
  return {
    verdict: 'split-brain',
    writers: regions,
    staleReads: regions,
    atRiskMs: null,
    guard: null,
    why: `Both sides keep writing ${dataType.need.consistency === 'strong' ? 'strong data' : 'with no declared way to merge'}: the copies diverge and cannot be merged.`,
    change:
      dataType.need.consistency === 'strong'
        ? {
            setting: 'splitBrainGuards',
            how: 'add a fencing lease or a witness Region guard, or make it hot-warm',
            rules: ['hot-hot-without-guard', 'lww-on-strong-data', 'single-writer-hot-hot'],
          }
        : {
            setting: 'conflictResolution',
            how: 'set conflictResolution: merge or application, or add a guard',
            rules: ['hot-hot-without-guard', 'lww-on-strong-data'],
          },
  };
}

/** The store a scenario plays out on: the declared one, which is what runs; without one, the store the verdict chose (an unfinished entry still has a recommendation). */
export function scenarioStore(dataType: DataTypeReport): StoreId {
  return dataType.declaredStore ?? dataType.verdict?.store ?? dataType.recommendation.store;
}

/** A single-writer data type's writer: the catalog's primary Region when it holds the data, else its first Region. */
function singleWriterOf(regions: readonly string[], catalog: CatalogFacts): string | undefined {
  return catalog.primary && regions.includes(catalog.primary) ? catalog.primary : regions[0];
}

/** Who writes when nothing is disrupted, for outcomes the disruption does not touch. */
function writersInCalm(dataType: DataTypeReport, catalog: CatalogFacts, writers: 'primary' | 'all' | 'single-region'): string[] {
  const regions = dataType.need.regions;
  if (dataType.need.topology === 'hot-hot' && writers === 'all') return regions;
  const writer = singleWriterOf(regions, catalog);
  return writer === undefined ? [] : [writer];
}

function messageOf(dataType: DataTypeReport, { kind, region }: Disruption, decision: Decision): string {
  const name = named(dataType.name);
  const cut = kind === 'isolate' ? `${region} cut off` : `${region} lost`;
  switch (decision.verdict) {
    case 'split-brain':
      return `${name}: split-brain with ${cut}: ${decision.writers.join(' and ')} both take writes.`;
    case 'unavailable':
      return `${name}: unavailable with ${cut}: no Region takes its writes.`;
    case 'diverges':
      return `${name}: diverges with ${cut}: both sides write, and the copies converge later.`;
    case 'failed-over':
      return `${name}: fails over to ${decision.writers[0]} with ${cut}.`;
    case 'degraded':
      return `${name}: degraded with ${cut}: ${decision.writers.join(', ') || 'no Region'} keeps writing.`;
    case 'available':
      return `${name}: available with ${cut}.`;
    case 'unaffected':
      return `${name}: unaffected by ${region}.`;
  }
}

/** What is at risk, said as the store model says it: a design bound is not a typical figure (S3's 15 minutes are RTC's bound). */
function atRiskText(atRiskMs: number | null, facts: StoreFacts, backupEveryMs?: number): string {
  if (atRiskMs === null) return 'Writes at risk: unbounded.';
  if (atRiskMs === 0) return 'No write is lost.';
  const amount = atRiskMs >= 60_000 ? `${atRiskMs / 60_000} min` : `${atRiskMs / 1000} s`;
  if (facts.replicationBound?.value === atRiskMs) return `Writes at risk: up to ${amount} (${facts.replicationBound.text}).`;
  if (backupEveryMs === atRiskMs) return `Writes at risk: up to ${amount} (the declared backup interval).`;
  return `Writes at risk: about ${amount} (a typical figure, not a guarantee).`;
}

/**
 * Where each change's setting is written in the catalog's text: the data type's own key, or the
 * catalog's `regions`; where the data type does not write it (a default), the start of its entry,
 * where it would be added. The text must be the one analysed; it is read once.
 */
export function settingLocator(
  text: string,
  analysis: CatalogAnalysis,
): (dataType: DataTypeReport, change: Pick<OutcomeChange, 'setting' | 'inCatalog'>) => SourceRange {
  const source = fastSourceOf(analysis, text) ?? new CatalogSource(text);
  return (dataType, change) => (change.inCatalog ? source.keyRangeAt(['regions']) : source.keyRangeAt(['dataTypes', dataType.entry, change.setting]));
}
