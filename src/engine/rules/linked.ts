// What the rules about the deployed system share: the resources a data type links, found in
// the deployed system, and how a resource is shown beside a finding (its file and line).
import { knownRegions, type DeployedStore, type FailoverRoute, type ResourceLocation } from '../model/deployed';
import type { RelatedLocation } from '../model/types';
import type { CatalogModel, DataTypeUnderCheck, Located } from './rule';

export interface LinkedResource {
  name: string;
  /** Where the `resources` entry is written. */
  at: Located;
  /** The one store it names; undefined when it names none or several. */
  store?: DeployedStore;
}

/** The data type's `resources` entries that name exactly one deployed store (the rest is unknown-resource's). */
export function linkedResources(dataType: DataTypeUnderCheck, catalog: CatalogModel): LinkedResource[] {
  if (!catalog.deployed) return [];
  const seen = new Set<DeployedStore>();
  return dataType.resources.map(({ name, index }) => {
    const stores = catalog.storesNamed(name);
    // Two names of one store (a global database and a member cluster) are checked once.
    const store = stores.length === 1 && !seen.has(stores[0]) ? stores[0] : undefined;
    if (store) seen.add(store);
    return { name, at: { range: catalog.source.rangeAt(['dataTypes', dataType.index, 'resources', index]) }, ...(store ? { store } : {}) };
  });
}

/** A resource as related information: "CartsTable (AWS::DynamoDB::GlobalTable) in infra/shop.yaml". */
export function resourceLocation(resource: ResourceLocation, what = ''): RelatedLocation {
  return { message: `${resource.logicalId} (${resource.type})${what ? `: ${what}` : ''}`, range: resource.range, file: resource.file };
}

/** A finding on a `resources` entry with the resource beside it. */
export function atResource(link: LinkedResource, resource: ResourceLocation, what?: string): Located {
  return { range: link.at.range, related: [resourceLocation(resource, what)] };
}

/** "us-east-1 and us-east-2", "us-east-1, eu-west-1 and ap-south-1". */
export function listRegions(regions: string[]): string {
  return regions.length <= 1 ? regions.join('') : `${regions.slice(0, -1).join(', ')} and ${regions[regions.length - 1]}`;
}

/** The failover routes that concern a data type: those in its resources' stacks, else every route of the infrastructure. */
export function failoverRoutesFor(dataType: DataTypeUnderCheck, catalog: CatalogModel): FailoverRoute[] {
  const routes = catalog.deployed?.failovers ?? [];
  const stacks = new Set(linkedResources(dataType, catalog).flatMap((link) => (link.store ? [link.store.stack] : [])));
  if (stacks.size === 0) return [];
  const sameStack = routes.filter((route) => stacks.has(route.stack));
  return sameStack.length > 0 ? sameStack : routes;
}

export { knownRegions };
