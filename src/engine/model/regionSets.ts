// The shape a strongly consistent multi-Region table or cluster must have, and the Region sets
// its Regions must share. DynamoDB multi-Region strong consistency (MRSC): three replicas, or two
// replicas and a witness, all in one Region set. Source:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-dynamodb-globaltable-globaltablewitness.html
// Aurora DSQL multi-Region: two peered clusters and a witness Region (no endpoint), source:
// https://docs.aws.amazon.com/aurora-dsql/latest/userguide/multi-region-aws-cli.html
import type { StoreId } from './types';

export const REGION_SETS: Readonly<Record<'US' | 'EU' | 'AP', readonly string[]>> = {
  US: ['us-east-1', 'us-east-2', 'us-west-2'],
  EU: ['eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1'],
  AP: ['ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3'],
};

export type StrongStore = Extract<StoreId, 'dynamodb-global-strong' | 'aurora-dsql'>;

export function isStrongMultiRegionStore(store: unknown): store is StrongStore {
  return store === 'dynamodb-global-strong' || store === 'aurora-dsql';
}

export function regionSetOf(region: string): keyof typeof REGION_SETS | undefined {
  return (Object.keys(REGION_SETS) as Array<keyof typeof REGION_SETS>).find((set) => REGION_SETS[set].includes(region));
}

export interface TopologyProblem {
  /** A few words for the one-line message. */
  short: string;
  /** The full sentence for the detail. */
  long: string;
}

/** What is wrong with a strong store's Regions and witness; undefined when the shape is one the store accepts. */
export function strongTopologyProblem(store: StrongStore, dataRegions: string[], witness: string | undefined): TopologyProblem | undefined {
  const regions = [...new Set(dataRegions)];
  const all = witness ? [...regions, witness] : regions;
  const shape = `${regions.length} ${regions.length === 1 ? 'Region' : 'Regions'}${witness ? ' and a witness' : ', no witness'}`;
  if (witness && regions.includes(witness))
    return { short: `its witness ${witness} is also a data Region`, long: `its witness ${witness} is also one of its data Regions` };
  if (store === 'aurora-dsql') {
    if (regions.length !== 2 || !witness)
      return { short: `${shape} (needs 2 peers and a witness)`, long: `it has ${shape}; a multi-Region cluster has two peered Regions and a witness Region` };
  } else if (!((regions.length === 3 && !witness) || (regions.length === 2 && witness))) {
    return { short: `${shape} (needs 3, or 2 and a witness)`, long: `it has ${shape}; it needs three replicas, or two replicas and a witness` };
  }
  const outside = all.filter((region) => !regionSetOf(region));
  if (outside.length > 0) {
    const verb = outside.length === 1 ? 'is' : 'are';
    return {
      short: `${outside.join(', ')} ${verb} in no Region set`,
      long: `${outside.join(', ')} ${verb} in none of the Region sets (US, EU, AP) that support it`,
    };
  }
  const sets = [...new Set(all.map(regionSetOf))];
  if (sets.length > 1)
    return { short: `it spans the ${sets.join(' and ')} Region sets`, long: `its Regions span the ${sets.join(' and ')} Region sets; all must be in one` };
  return undefined;
}
