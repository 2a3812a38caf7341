// The verdict: decided once per data type, read by every surface. Before it, each surface worked
// out the advice on its own (a rule said one store, the hover another), and a user who sees two
// answers trusts neither.
import { recommend, storeSatisfies } from './decisionTable';
import { storeFacts } from './storeFacts';
import type { ResolvedDataType, Verdict } from './types';

export function verdictFor(dataType: ResolvedDataType, votingRegions: number): Verdict {
  const need = recommend(dataType, votingRegions);
  const storeFits = storeSatisfies(dataType, need);
  const misfit = dataType.store && !storeFits ? misfitOf(dataType, need.cap) : undefined;
  return { ...need, ...(dataType.store ? { declaredStore: dataType.store } : {}), storeFits, ...(misfit ? { misfit } : {}) };
}

/** Why a declared store does not give the data what it needs, in a clause. */
function misfitOf(dataType: ResolvedDataType, needed: Verdict['cap']): string {
  const store = dataType.store!;
  const facts = storeFacts[store];
  const position = facts.position.value;
  if (dataType.multiRegion && position === null) return `${store} lives in one Region`;
  if (dataType.multiRegion && position === needed && dataType.topology === 'hot-hot' && facts.writers.value === 'primary') return `${store} takes writes in one Region`;
  if (position !== null && position !== needed) return `${store} is ${position} across Regions`;
  return `${store} does not serve ${dataType.immutable ? 'immutable' : dataType.consistency} data`;
}

/** A store as a sentence names it with the verdict's alternative: "aurora-global (or dynamodb-global-strong)". */
export function storeWithAlternative(verdict: Pick<Verdict, 'store' | 'alternative'>, code = false): string {
  const quote = (store: string) => (code ? `\`${store}\`` : store);
  return verdict.alternative ? `${quote(verdict.store)} (or ${quote(verdict.alternative)})` : quote(verdict.store);
}
