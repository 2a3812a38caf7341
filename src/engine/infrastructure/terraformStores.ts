// The data stores and failover routes of Terraform resources, whether read from `.tf` files
// (references kept as `{ ref }`) or from a plan or state (values resolved). The joins that span
// resources follow the AWS provider's documentation: a table's `replica` blocks and its
// `global_table_witness`, the clusters of an `aws_rds_global_cluster`, a DSQL cluster and its
// peering, an S3 bucket and its `aws_s3_bucket_replication_configuration`, an ElastiCache global
// datastore and its replication groups, a Route 53 failover record and its health check.
import { unmodelledService } from '../model/unmodelled';
import type { StoreId } from '../model/types';
import { isReference, type TerraformResource, type TerraformValue } from './hcl';
import {
  absorbStore,
  dedupeRegions,
  healthCheckControl,
  healthCheckHow,
  isUnknown,
  PHYSICAL_NAME_PROPERTIES,
  physicalNameIn,
  regionOfArn,
  type DeployedStore,
  type AccessPointBucket,
  type FailoverRoute,
  type MultiRegionAccessPoint,
  type ResourceLocation,
  type UnmodelledResource,
  type Unknown,
} from '../model/deployed';

type Values = Record<string, TerraformValue>;

function text(value: TerraformValue | undefined): string | Unknown {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return { unknown: 'an argument that is not set' };
  if (isUnknown(value)) return value;
  return { unknown: isReference(value) ? `an attribute of ${value.ref}, known after apply` : 'a value that is not a string' };
}

function blocks(value: TerraformValue | undefined): Array<Values | Unknown> {
  if (!Array.isArray(value)) return [];
  return value.map((item) =>
    item !== null && typeof item === 'object' && !Array.isArray(item) && !isReference(item)
      ? (item as Values | Unknown)
      : { unknown: 'a block that is not a block' },
  );
}

/** The resource address a reference or a value points at: `aws_s3_bucket.a` for `aws_s3_bucket.a.arn`. */
function target(value: TerraformValue | undefined): string | undefined {
  if (!isReference(value)) return undefined;
  const parts = value.ref.split('.');
  // module.x.aws_type.name[.attr]
  const end = parts.findIndex((part) => /^aws_/.test(part));
  return end === -1 ? undefined : parts.slice(0, end + 2).join('.');
}

const AURORA_ENGINES = new Set(['aurora', 'aurora-mysql', 'aurora-postgresql']);

/** Global clusters whose Regions are their member clusters'. */
const GLOBAL_CLUSTERS: Record<string, { store: StoreId }> = {
  aws_docdb_global_cluster: { store: 'documentdb-global' },
  aws_neptune_global_cluster: { store: 'neptune-global' },
  aws_memorydb_multi_region_cluster: { store: 'memorydb-multi-region' },
};

/** The member clusters, the argument that joins them, and the global cluster's attributes it may name. */
const GLOBAL_MEMBERS: Record<string, { global: string; store: StoreId; joinsBy: string; attributes: string[] }> = {
  aws_docdb_cluster: {
    global: 'aws_docdb_global_cluster',
    store: 'documentdb-global',
    joinsBy: 'global_cluster_identifier',
    attributes: ['id', 'global_cluster_identifier'],
  },
  aws_neptune_cluster: {
    global: 'aws_neptune_global_cluster',
    store: 'neptune-global',
    joinsBy: 'global_cluster_identifier',
    attributes: ['id', 'global_cluster_identifier'],
  },
  aws_memorydb_cluster: {
    global: 'aws_memorydb_multi_region_cluster',
    store: 'memorydb-multi-region',
    joinsBy: 'multi_region_cluster_name',
    attributes: ['id', 'multi_region_cluster_name'],
  },
};

/**
 * `stack` is what deploys the resources together, as a CloudFormation stack does: the root module's
 * folder (`envs/us-east-1` → `us-east-1`), so that `root-folder/address` names one root's copy of an
 * address that roots share through a module.
 */
export function terraformStores(
  resources: TerraformResource[],
  entryIndex: number,
  stack = 'root',
): { stores: DeployedStore[]; failovers: FailoverRoute[]; unmodelled: UnmodelledResource[]; accessPoints: MultiRegionAccessPoint[] } {
  const byAddress = new Map(resources.map((resource) => [resource.address, resource]));
  const location = (resource: TerraformResource): ResourceLocation => ({
    file: resource.file,
    range: resource.range,
    stack,
    logicalId: resource.address,
    type: resource.type,
    entryIndex,
  });
  const stores: DeployedStore[] = [];
  const storeOf = new Map<string, DeployedStore>();
  const add = (resource: TerraformResource, facts: Omit<DeployedStore, keyof ResourceLocation | 'members'>): DeployedStore => {
    const store: DeployedStore = {
      ...location(resource),
      ...facts,
      members: [],
      ...(typeof resource.region === 'string' ? { homeRegion: resource.region } : {}),
      ...physicalNameOf(resource),
    };
    stores.push(store);
    storeOf.set(resource.address, store);
    return store;
  };
  /** A resource found by reference, by address, or (in a plan, where references are resolved) by a matching attribute. */
  const find = (value: TerraformValue | undefined, type: string, attributes: string[]): TerraformResource | undefined => {
    const address = target(value);
    if (address) return byAddress.get(address) ?? byAddress.get(`${address}[0]`);
    // A value built from what is known only after apply is found by how it is built (`arn:aws:s3:::${random_pet.this.id}-replica`).
    if (isUnknown(value) && value.symbol !== undefined) {
      const symbol = value.symbol.replace(/^arn:aws:s3:::/, '');
      return resources.find(
        (resource) =>
          resource.type === type &&
          attributes.some((attribute) => {
            const own = resource.values[attribute];
            return isUnknown(own) && own.symbol === symbol;
          }),
      );
    }
    if (typeof value !== 'string') return undefined;
    return resources.find(
      (resource) =>
        resource.type === type &&
        attributes.some(
          (attribute) => resource.values[attribute] === value || (attribute === 'bucket' && value === `arn:aws:s3:::${String(resource.values.bucket)}`),
        ),
    );
  };

  for (const resource of resources) {
    const values = resource.values;
    switch (resource.type) {
      case 'aws_dynamodb_table': {
        const replicas = blocks(values.replica);
        const regions = [resource.region, ...replicas.map((replica) => (isUnknown(replica) ? replica : text(replica.region_name)))];
        // `consistency_mode = null` (a module's `try(…, null)`) is the default: EVENTUAL.
        const modes = replicas.map((replica) =>
          isUnknown(replica)
            ? replica
            : replica.consistency_mode === undefined || replica.consistency_mode === null
              ? 'EVENTUAL'
              : text(replica.consistency_mode),
        );
        const witnesses = blocks(values.global_table_witness);
        const witness = witnesses.length > 0 ? (isUnknown(witnesses[0]) ? witnesses[0] : text(witnesses[0].region_name)) : undefined;
        const unknownMode = modes.find(isUnknown);
        const store: StoreId | Unknown =
          replicas.length === 0
            ? 'dynamodb'
            : unknownMode
              ? { unknown: `consistency_mode: ${unknownMode.unknown}` }
              : modes.includes('STRONG')
                ? 'dynamodb-global-strong'
                : 'dynamodb-global';
        add(resource, { store, regions, ...(witness !== undefined ? { witness } : {}) });
        break;
      }
      case 'aws_dynamodb_global_table':
        add(resource, {
          store: 'dynamodb-global',
          regions: blocks(values.replica).map((replica) => (isUnknown(replica) ? replica : text(replica.region_name))),
        });
        break;
      case 'aws_rds_global_cluster':
        add(resource, { store: 'aurora-global', regions: [], writeForwarding: false });
        break;
      case 'aws_dsql_cluster': {
        const properties = blocks(values.multi_region_properties)[0];
        const witness = properties === undefined ? undefined : isUnknown(properties) ? properties : text(properties.witness_region);
        // A cluster of its own in its Region: a peer merged into another keeps it, so an experiment can target each by its own ARN.
        const own = typeof resource.region === 'string' ? [{ region: resource.region, location: location(resource) }] : [];
        add(resource, { store: 'aurora-dsql', regions: [resource.region], regionalResources: own, ...(witness !== undefined ? { witness } : {}) });
        break;
      }
      case 'aws_s3_bucket':
        add(resource, { store: 's3', regions: [resource.region] });
        break;
      case 'aws_elasticache_global_replication_group':
        add(resource, { store: 'elasticache-global', regions: [] });
        break;
      case 'aws_docdb_global_cluster':
      case 'aws_neptune_global_cluster':
      case 'aws_memorydb_multi_region_cluster':
        // Its Regions are its members' (joined below).
        add(resource, { store: GLOBAL_CLUSTERS[resource.type].store, regions: [] });
        break;
      case 'aws_keyspaces_keyspace': {
        const specification = blocks(values.replication_specification)[0];
        if (specification === undefined) break; // a single-Region keyspace: no store of the catalog's
        if (isUnknown(specification)) {
          add(resource, { store: { unknown: `replication_specification: ${specification.unknown}` }, regions: [resource.region] });
          break;
        }
        const strategy = text(specification.replication_strategy);
        if (strategy === 'SINGLE_REGION') break;
        const listed = Array.isArray(specification.region_list) ? specification.region_list.map((region) => text(region)) : [text(specification.region_list)];
        add(resource, {
          store: isUnknown(strategy) ? { unknown: `replication_strategy: ${strategy.unknown}` } : 'keyspaces-multi-region',
          regions: [resource.region, ...listed],
        });
        break;
      }
      case 'aws_db_instance': {
        // A read replica of an instance in another Region: one writer, the replica promoted by hand.
        const source = values.replicate_source_db;
        if (source === undefined || source === null || source === '') break;
        const sourceResource = find(source, 'aws_db_instance', ['arn', 'identifier']);
        const sourceRegion: string | Unknown = sourceResource
          ? sourceResource.region
          : (regionOfArn(source) ?? { unknown: 'the Region of replicate_source_db, an instance the configuration does not deploy' });
        if (typeof sourceRegion === 'string' && sourceRegion === resource.region) break; // a replica in the same Region
        const store = add(resource, { store: 'rds-cross-region-replica', regions: [sourceRegion, resource.region] });
        if (sourceResource) store.members.push(location(sourceResource));
        break;
      }
      default:
        break;
    }
  }

  // The joins, once every store exists.
  const destinations = new Set<DeployedStore>();
  const peerings: Array<[DeployedStore, DeployedStore]> = [];
  for (const resource of resources) {
    const values = resource.values;
    switch (resource.type) {
      case 'aws_dynamodb_table_replica': {
        const table = find(values.global_table_arn, 'aws_dynamodb_table', ['arn']);
        const store = table && storeOf.get(table.address);
        if (store) {
          store.regions.push(resource.region);
          store.members.push(location(resource));
          if (store.store === 'dynamodb') store.store = 'dynamodb-global';
        } else {
          // A replica of a table another configuration deploys (one root per Region, joined through
          // `data.terraform_remote_state` or a variable): a global table whose other Regions are unknown.
          const from = isReference(values.global_table_arn) ? values.global_table_arn.ref : 'a value this configuration does not deploy';
          add(resource, {
            store: 'dynamodb-global',
            regions: [resource.region, { unknown: `the Regions of the table it replicates (global_table_arn is ${from})` }],
            replicaOfUnlinkedTable: true,
          });
        }
        break;
      }
      case 'aws_rds_cluster': {
        const engine = values.engine;
        if (typeof engine === 'string' && !AURORA_ENGINES.has(engine)) break;
        const identifier = values.global_cluster_identifier;
        if (identifier === undefined || identifier === null || identifier === '') {
          stores.push({ ...location(resource), store: 'aurora', regions: [resource.region], members: [], ...physicalNameOf(resource) });
          break;
        }
        const global = find(identifier, 'aws_rds_global_cluster', ['id', 'global_cluster_identifier']);
        let store = global && storeOf.get(global.address);
        if (!store) {
          // A global cluster defined elsewhere (a variable, an import): its other members' Regions are unknown.
          store = {
            ...location(resource),
            store: 'aurora-global',
            regions: [{ unknown: 'the Regions of the other members of a global cluster the configuration does not deploy' }],
            writeForwarding: false,
            members: [],
          };
          stores.push(store);
        }
        store.members.push(location(resource));
        store.regions.push(resource.region);
        if (values.enable_global_write_forwarding === true) store.writeForwarding = true;
        break;
      }
      case 'aws_dsql_cluster_peering': {
        const cluster = find(values.identifier, 'aws_dsql_cluster', ['identifier']);
        const store = cluster && storeOf.get(cluster.address);
        if (!store) break;
        store.members.push(location(resource));
        for (const peer of Array.isArray(values.clusters) ? values.clusters : []) {
          const peerResource = find(peer, 'aws_dsql_cluster', ['arn']);
          store.regions.push(
            peerResource ? peerResource.region : (regionOfArn(peer) ?? { unknown: 'the Region of a peer cluster the configuration does not deploy' }),
          );
          const peerArnRegion = peerResource ? undefined : regionOfArn(peer);
          if (peerArnRegion) store.regionalResources = [...(store.regionalResources ?? []), { region: peerArnRegion, arn: peer as string }];
          const peerStore = peerResource && storeOf.get(peerResource.address);
          if (peerStore && peerStore !== store) peerings.push([store, peerStore]);
        }
        if (store.witness === undefined && values.witness_region !== undefined) store.witness = text(values.witness_region);
        break;
      }
      case 'aws_s3_bucket_replication_configuration': {
        const source = find(values.bucket, 'aws_s3_bucket', ['id', 'bucket']);
        const store = source && storeOf.get(source.address);
        if (!store) break;
        store.members.push(location(resource));
        const rules = blocks(values.rule).filter((rule) => isUnknown(rule) || rule.status !== 'Disabled');
        store.replicationTimeControl = rules.length > 0 && rules.every(hasReplicationTime);
        for (const rule of rules) {
          const destination = isUnknown(rule) ? undefined : blocks(rule.destination)[0];
          if (!destination || isUnknown(destination)) {
            store.regions.push({ unknown: 'a replication destination' });
            continue;
          }
          const bucket = find(destination.bucket, 'aws_s3_bucket', ['arn', 'bucket']);
          const bucketStore = bucket && storeOf.get(bucket.address);
          if (bucket && bucketStore) {
            store.regions.push(bucket.region);
            store.members.push(location(bucket));
            destinations.add(bucketStore);
          } else {
            store.regions.push({
              unknown:
                `the Region of the destination bucket ${typeof destination.bucket === 'string' ? destination.bucket : ''}, which the configuration does not deploy`.replace(
                  '  ',
                  ' ',
                ),
            });
          }
        }
        break;
      }
      case 'aws_docdb_cluster':
      case 'aws_neptune_cluster':
      case 'aws_memorydb_cluster': {
        const { global, store: storeId, joinsBy, attributes } = GLOBAL_MEMBERS[resource.type];
        const identifier = values[joinsBy];
        if (identifier === undefined || identifier === null || identifier === '') break; // a single-Region cluster
        const owner = find(identifier, global, attributes);
        let store = owner && storeOf.get(owner.address);
        if (!store) {
          store = {
            ...location(resource),
            store: storeId,
            regions: [{ unknown: `the Regions of the other members of a ${global.replace(/^aws_/, '')} the configuration does not deploy` }],
            members: [],
          };
          stores.push(store);
        }
        store.members.push(location(resource));
        store.regions.push(resource.region);
        break;
      }
      case 'aws_elasticache_replication_group': {
        const global = find(values.global_replication_group_id, 'aws_elasticache_global_replication_group', ['id', 'global_replication_group_id']);
        const store = global && storeOf.get(global.address);
        if (store) {
          store.regions.push(resource.region);
          store.members.push(location(resource));
        }
        break;
      }
      default:
        break;
    }
    // The primary of a global datastore is named on the global group itself.
    if (resource.type === 'aws_elasticache_global_replication_group') {
      const primary = find(values.primary_replication_group_id, 'aws_elasticache_replication_group', ['id', 'replication_group_id']);
      const store = storeOf.get(resource.address);
      if (primary && store && !store.members.some((member) => member.logicalId === primary.address)) {
        store.regions.unshift(primary.region);
        store.members.push(location(primary));
      }
    }
  }
  const peered = mergePeers(stores, peerings);
  const replicating = new Set(resources.filter((r) => r.type === 'aws_s3_bucket_replication_configuration').map((r) => target(r.values.bucket) ?? ''));
  const kept = stores.filter((store) => !peered.has(store) && !(destinations.has(store) && !replicating.has(store.logicalId)));
  for (const store of kept) store.regions = dedupeRegions(store.regions);

  // Data the model has no store for is listed, never dropped without a word.
  const unmodelled = resources.flatMap((resource) => {
    const service = unmodelledService(resource.type);
    return service ? [{ ...location(resource), service }] : [];
  });
  return { stores: kept, failovers: failoverRoutes(resources, location, find), unmodelled, accessPoints: accessPoints(resources, location, find) };
}

/**
 * Each `aws_s3control_multi_region_access_point` with its buckets (`details { region { bucket } }`)
 * and where each replicates to: its `aws_s3_bucket_replication_configuration` rules, or the inline
 * `replication_configuration` of provider versions before 4. A replication configuration whose
 * bucket is not found may be any bucket's: then no bucket's replication is known in full.
 */
function accessPoints(
  resources: TerraformResource[],
  location: (resource: TerraformResource) => ResourceLocation,
  find: (value: TerraformValue | undefined, type: string, attributes: string[]) => TerraformResource | undefined,
): MultiRegionAccessPoint[] {
  const points = resources.filter((resource) => resource.type === 'aws_s3control_multi_region_access_point');
  if (points.length === 0) return [];
  const copiesInto = new Map<TerraformResource, Array<ResourceLocation | Unknown>>();
  const unplaced: Unknown[] = [];
  const destinationsOf = (rules: Array<Values | Unknown>): Array<ResourceLocation | Unknown> =>
    rules
      .filter((rule) => isUnknown(rule) || rule.status !== 'Disabled')
      .map((rule) => {
        const destination = isUnknown(rule) ? undefined : blocks(rule.destination)[0];
        if (!destination || isUnknown(destination)) return { unknown: 'a replication destination' };
        const bucket = find(destination.bucket, 'aws_s3_bucket', ['arn', 'bucket']);
        return bucket ? location(bucket) : { unknown: 'a destination bucket the configuration does not deploy' };
      });
  for (const resource of resources) {
    if (resource.type === 'aws_s3_bucket') {
      const inline = blocks(resource.values.replication_configuration)[0];
      if (inline !== undefined) copiesInto.set(resource, isUnknown(inline) ? [inline] : destinationsOf(blocks(inline.rules)));
    }
    if (resource.type !== 'aws_s3_bucket_replication_configuration') continue;
    const source = find(resource.values.bucket, 'aws_s3_bucket', ['id', 'bucket']);
    if (!source) {
      unplaced.push({ unknown: `the replication of ${resource.address}, whose bucket the configuration does not resolve` });
      continue;
    }
    copiesInto.set(source, [...(copiesInto.get(source) ?? []), ...destinationsOf(blocks(resource.values.rule))]);
  }
  return points.map((point) => {
    const details = blocks(point.values.details)[0];
    const regions = details === undefined ? [] : isUnknown(details) ? [details] : blocks(details.region);
    return {
      ...location(point),
      buckets: regions.map((region): AccessPointBucket | Unknown => {
        if (isUnknown(region)) return region;
        const bucket = find(region.bucket, 'aws_s3_bucket', ['id', 'bucket']);
        if (!bucket) return { unknown: `a bucket ${typeof region.bucket === 'string' ? `${region.bucket} ` : ''}the configuration does not deploy` };
        return { bucket: location(bucket), region: bucket.region, replicatesTo: [...(copiesInto.get(bucket) ?? []), ...unplaced] };
      }),
    };
  });
}

/**
 * Peered DSQL clusters are one multi-Region cluster: the first one written keeps the facts of all
 * (their Regions, their witness), the others become its members, so a catalog may name any of them.
 * Returns the stores merged away.
 */
function mergePeers(stores: DeployedStore[], peerings: Array<[DeployedStore, DeployedStore]>): Set<DeployedStore> {
  const keeper = new Map<DeployedStore, DeployedStore>();
  const root = (store: DeployedStore): DeployedStore => {
    let current = store;
    while (keeper.has(current)) current = keeper.get(current) as DeployedStore;
    return current;
  };
  for (const [a, b] of peerings) {
    const [first, second] = [root(a), root(b)].sort((x, y) => stores.indexOf(x) - stores.indexOf(y));
    if (first === second) continue;
    keeper.set(second, first);
    absorbStore(first, second, { asMember: true });
  }
  return new Set(keeper.keys());
}

function physicalNameOf(resource: TerraformResource): { physicalName?: string } {
  const physicalName = physicalNameIn(resource.values, PHYSICAL_NAME_PROPERTIES.terraform);
  return physicalName ? { physicalName } : {};
}

/** The resource addresses a value refers to, however deep. */
function referencedAddresses(value: TerraformValue | undefined, found: string[] = []): string[] {
  const address = target(value);
  if (address) found.push(address);
  else if (Array.isArray(value)) for (const item of value) referencedAddresses(item, found);
  else if (value !== null && typeof value === 'object' && !isUnknown(value)) for (const inner of Object.values(value)) referencedAddresses(inner, found);
  return found;
}

function failoverRoutes(
  resources: TerraformResource[],
  location: (resource: TerraformResource) => ResourceLocation,
  find: (value: TerraformValue | undefined, type: string, attributes: string[]) => TerraformResource | undefined,
): FailoverRoute[] {
  const routes: FailoverRoute[] = [];
  for (const resource of resources) {
    if (resource.type !== 'aws_route53_record') continue;
    const policy = blocks(resource.values.failover_routing_policy)[0];
    if (!policy || isUnknown(policy) || policy.type !== 'PRIMARY') continue;
    const name = typeof resource.values.name === 'string' ? resource.values.name.replace(/\.$/, '') : resource.address;
    const check = find(resource.values.health_check_id, 'aws_route53_health_check', ['id']);
    // What the record and its health check point at: the store a route fails over.
    const fronts = [...new Set([...referencedAddresses(resource.values), ...(check ? referencedAddresses(check.values) : [])])].filter(
      (address) => address !== check?.address,
    );
    const push = (route: Omit<FailoverRoute, keyof ResourceLocation | 'fronts'>) => routes.push({ ...location(resource), ...route, fronts });
    if (check) {
      const type = check.values.type;
      const children = (Array.isArray(check.values.child_healthchecks) ? check.values.child_healthchecks : []).map((child) => {
        const defined = find(child, 'aws_route53_health_check', ['id']);
        return defined ? { type: defined.values.type } : undefined;
      });
      const control = healthCheckControl(type, children);
      if (control !== 'unknown') push({ mode: control, how: healthCheckHow(type, control, name) });
    } else if (
      resource.values.health_check_id === undefined &&
      blocks(resource.values.alias).some((alias) => !isUnknown(alias) && alias.evaluate_target_health === true)
    ) {
      push({ mode: 'automatic', how: `the alias target's health on ${name}` });
    }
  }
  return routes;
}

/** Replication Time Control on a rule: `destination { replication_time { status = "Enabled" } }`. */
function hasReplicationTime(rule: Values | Unknown): boolean {
  const destination = isUnknown(rule) ? undefined : blocks(rule.destination)[0];
  if (!destination || isUnknown(destination)) return false;
  return blocks(destination.replication_time).some((time) => !isUnknown(time) && time.status === 'Enabled');
}
