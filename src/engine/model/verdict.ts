// The verdict: decided once per data type, read by every surface. Before it, each surface worked
// out the advice on its own (a rule said one store, the hover another), and a user who sees two
// answers trusts neither.
import { recommend, refusedUse, storeMisfit } from './decisionTable';
import { isStrongMultiRegionStore, strongTopologyProblem } from './regionSets';
import { storeFacts } from './storeFacts';
import type { Recommendation, ResolvedDataType, StoreId, Verdict } from './types';

export function verdictFor(dataType: ResolvedDataType, votingRegions: number, witness?: string): Verdict {
  const recommended = recommend(dataType, votingRegions);
  // A store that refuses a declared use (transactions on dynamodb-global-strong) is never advised for this data type.
  const { alternative, ...rest } = recommended;
  const need = smallestChangeFirst(alternative && refusedUse(alternative, dataType) ? rest : recommended, dataType, witness);
  const misfit = storeMisfit(dataType, need);
  return {
    ...need,
    ...(dataType.store ? { declaredStore: dataType.store } : {}),
    storeFits: !!dataType.store && !misfit,
    ...(misfit ? { misfit: misfit.text, misfitKind: misfit.kind } : {}),
  };
}

/**
 * The smallest change first: when the recommendation's alternative is a mode of the declared
 * store's own family (DynamoDB eventual → multi-Region strong consistency) and the data type's
 * Regions make a shape that mode accepts, it leads and the engine migration follows. One data
 * type, one first fix, the same in every finding.
 */
function smallestChangeFirst(need: Recommendation, dataType: ResolvedDataType, witness: string | undefined): Recommendation {
  const { store: declared } = dataType;
  const { store, alternative } = need;
  if (!declared || !alternative || declared === store || declared === alternative) return need;
  // A declared store that already fits needs no change at all.
  if (!storeMisfit(dataType, need)) return need;
  if (storeFacts[alternative].family !== storeFacts[declared].family || storeFacts[store].family === storeFacts[declared].family) return need;
  if (!acceptsShape(alternative, dataType, witness)) return need;
  return {
    ...need,
    store: alternative,
    alternative: store,
    reason: `${need.reason} The smaller change comes first: \`${alternative}\` is a mode of the declared \`${declared}\`'s own service, and the data type's Regions make a shape it accepts; \`${store}\` is a migration to another engine.`,
  };
}

function acceptsShape(store: StoreId, dataType: ResolvedDataType, witness: string | undefined): boolean {
  return !isStrongMultiRegionStore(store) || !strongTopologyProblem(store, dataType.regions, witness);
}

/** A store as a sentence names it with the verdict's alternative: "aurora-global (or dynamodb-global-strong)". */
export function storeWithAlternative(verdict: Pick<Verdict, 'store' | 'alternative'>, code = false): string {
  const quote = (store: string) => (code ? `\`${store}\`` : store);
  return verdict.alternative ? `${quote(verdict.store)} (or ${quote(verdict.alternative)})` : quote(verdict.store);
}
