// The rule registry, in the order findings are documented. A removed id is never reused.
import { caInMultiRegion } from './caInMultiRegion';
import { failoverDrift } from './failoverDrift';
import { guardNotDeployed } from './guardNotDeployed';
import { infrastructureUnreadable } from './infrastructureUnreadable';
import { regionDrift } from './regionDrift';
import { replicationWithoutRtc } from './replicationWithoutRtc';
import { storeDrift } from './storeDrift';
import { strongTableTopology } from './strongTableTopology';
import { unclaimedResource } from './unclaimedResource';
import { unknownResource } from './unknownResource';
import { capIntentMismatch } from './capIntentMismatch';
import { duplicateName } from './duplicateName';
import { hotHotWithoutGuard } from './hotHotWithoutGuard';
import { leaseInEventualStore } from './leaseInEventualStore';
import { lwwLosesUpdates } from './lwwLosesUpdates';
import { lwwOnStrongData } from './lwwOnStrongData';
import { strongReadsInWriterRegion } from './strongReadsInWriterRegion';
import { quorumNeedsThree } from './quorumNeedsThree';
import { recommendation } from './recommendation';
import { rpoUnachievable } from './rpoUnachievable';
import { rtoVsHumanApproval } from './rtoVsHumanApproval';
import type { CatalogRule, DataTypeRule, Rule } from './rule';
import { schema } from './schema';
import { singleWriterHotHot } from './singleWriterHotHot';
import { stalenessBudgetExceeded } from './stalenessBudgetExceeded';
import { storeMismatch } from './storeMismatch';
import { unguardedAutomaticFailover } from './unguardedAutomaticFailover';
import { unknownRegion } from './unknownRegion';
import { witnessHoldsData } from './witnessHoldsData';
import { witnessMissing } from './witnessMissing';
import { yamlSyntax } from './yamlSyntax';

export const rules: readonly Rule[] = [
  yamlSyntax,
  schema,
  duplicateName,
  unknownRegion,
  recommendation,
  storeMismatch,
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
  unclaimedResource,
];

export const catalogRules = rules.filter((r): r is CatalogRule => r.scope === 'catalog');
export const dataTypeRules = rules.filter((r): r is DataTypeRule => r.scope === 'dataType');
export const rulesById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.id, r]));

export { recommendation as recommendationRule, schema as schemaRule, yamlSyntax as yamlSyntaxRule };
export type { Rule };
