// The verdict: decided once per data type, read by every surface. Before it, each surface worked
// out the advice on its own (a rule said one store, the hover another), and a user who sees two
// answers trusts neither.
import { recommend, refusedUse, storeMisfit } from './decisionTable';
import type { ResolvedDataType, Verdict } from './types';

export function verdictFor(dataType: ResolvedDataType, votingRegions: number): Verdict {
  const recommended = recommend(dataType, votingRegions);
  // A store that refuses a declared use (transactions on dynamodb-global-strong) is never advised for this data type.
  const { alternative, ...rest } = recommended;
  const need = alternative && refusedUse(alternative, dataType) ? rest : recommended;
  const misfit = storeMisfit(dataType, need);
  return {
    ...need,
    ...(dataType.store ? { declaredStore: dataType.store } : {}),
    storeFits: !!dataType.store && !misfit,
    ...(misfit ? { misfit: misfit.text, misfitKind: misfit.kind } : {}),
  };
}

/** A store as a sentence names it with the verdict's alternative: "aurora-global (or dynamodb-global-strong)". */
export function storeWithAlternative(verdict: Pick<Verdict, 'store' | 'alternative'>, code = false): string {
  const quote = (store: string) => (code ? `\`${store}\`` : store);
  return verdict.alternative ? `${quote(verdict.store)} (or ${quote(verdict.alternative)})` : quote(verdict.store);
}
