// The rule registry, in the order findings are documented. A removed id is never reused.
import { caInMultiRegion } from './ca-in-multi-region';
import { failoverDrift } from './failover-drift';
import { guardNotDeployed } from './guard-not-deployed';
import { infrastructureUnreadable } from './infrastructure-unreadable';
import { regionDrift } from './region-drift';
import { mrapWithoutReplication } from './mrap-without-replication';
import { replicationWithoutRtc } from './replication-without-rtc';
import { storeDrift } from './store-drift';
import { strongTableTopology } from './strong-table-topology';
import { unclaimedResource } from './unclaimed-resource';
import { unknownResource } from './unknown-resource';
import { capIntentMismatch } from './cap-intent-mismatch';
import { duplicateName } from './duplicate-name';
import { hotHotWithoutGuard } from './hot-hot-without-guard';
import { leaseInEventualStore } from './lease-in-eventual-store';
import { lwwLosesUpdates } from './lww-loses-updates';
import { lwwOnStrongData } from './lww-on-strong-data';
import { strongReadsInWriterRegion } from './strong-reads-in-writer-region';
import { quorumNeedsThree } from './quorum-needs-three';
import { recommendation } from './recommendation';
import { rpoUnachievable } from './rpo-unachievable';
import { rtoVsHumanApproval } from './rto-vs-human-approval';
import type { CatalogRule, DataTypeRule, Rule } from './rule';
import { schema } from './schema';
import { singleWriterHotHot } from './single-writer-hot-hot';
import { stalenessBudgetExceeded } from './staleness-budget-exceeded';
import { storeMismatch } from './store-mismatch';
import { storeFeatureUnsupported } from './store-feature-unsupported';
import { storeRegionLimit } from './store-region-limit';
import { unguardedAutomaticFailover } from './unguarded-automatic-failover';
import { unknownRegion } from './unknown-region';
import { witnessHoldsData } from './witness-holds-data';
import { witnessMissing } from './witness-missing';
import { yamlSyntax } from './yaml-syntax';

export const rules = [
  yamlSyntax,
  schema,
  duplicateName,
  unknownRegion,
  recommendation,
  storeMismatch,
  storeFeatureUnsupported,
  storeRegionLimit,
  lwwOnStrongData,
  hotHotWithoutGuard,
  singleWriterHotHot,
  quorumNeedsThree,
  witnessMissing,
  witnessHoldsData,
  leaseInEventualStore,
  strongReadsInWriterRegion,
  lwwLosesUpdates,
  unguardedAutomaticFailover,
  caInMultiRegion,
  capIntentMismatch,
  stalenessBudgetExceeded,
  rpoUnachievable,
  rtoVsHumanApproval,
  infrastructureUnreadable,
  unknownResource,
  storeDrift,
  regionDrift,
  failoverDrift,
  guardNotDeployed,
  strongTableTopology,
  replicationWithoutRtc,
  mrapWithoutReplication,
  unclaimedResource,
] as const;

/** Every rule id, from the registry: a misspelt id does not compile. */
export type RuleId = (typeof rules)[number]['id'];

export const catalogRules = (rules as readonly Rule[]).filter((r): r is CatalogRule => r.scope === 'catalog');
export const dataTypeRules = (rules as readonly Rule[]).filter((r): r is DataTypeRule => r.scope === 'dataType');
export const rulesById: ReadonlyMap<string, Rule> = new Map((rules as readonly Rule[]).map((r) => [r.id, r]));

/** Whether a finding is of this rule: the id is checked when it compiles. */
export function isOfRule(finding: { ruleId: string }, id: RuleId): boolean {
  return finding.ruleId === id;
}

export { recommendation as recommendationRule, schema as schemaRule, yamlSyntax as yamlSyntaxRule };
export type { Rule };
