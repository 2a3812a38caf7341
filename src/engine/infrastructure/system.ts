// From the templates the shell has read to the deployed system: each stack read on its own, then
// the facts that span stacks joined: the member clusters of an Aurora global database (each in
// its stack's Region), the Region of an S3 replication destination (the stack that deploys a
// bucket of that name), the replication groups of an ElastiCache global datastore.
import { readStack, readTemplate, type StackReading } from './cloudformation';
import { evaluateModules, rootProviders, type TerraformModule, type TerraformResource } from './hcl';
import { terraformStores } from './terraformStores';
import {
  absorbStore,
  dedupeRegions,
  isUnknown,
  locationOf,
  STACK_REGION_UNKNOWN,
  type AccessPointBucket,
  type DeployedStore,
  type MultiRegionAccessPoint,
  type DeployedSystem,
  type InfrastructureProblem,
  type TemplateFile,
  type UnmodelledResource,
  type TerraformRoot,
  type Unknown,
} from '../model/deployed';

/** What the shell found before reading any template: the files and the problems of the entries. */
export interface InfrastructureFiles {
  templates: TemplateFile[];
  problems: InfrastructureProblem[];
  /** Every file read (templates and manifests), for the editor to watch. */
  files: string[];
  /** Terraform root modules (as read from `.tf` files) and plans or states (resources already resolved). */
  terraform?: Array<{ entryIndex: number; module?: TerraformModule; resources?: TerraformResource[] }>;
}

export function deployedSystem(found: InfrastructureFiles): DeployedSystem {
  const problems = [...found.problems];
  const readings: StackReading[] = [];
  const templateFiles = new Set(found.templates.map((file) => file.file));
  for (const file of found.templates) {
    const template = readTemplate(file.text);
    // A CDK stack without resources (a placeholder, the integ-tests assertion stack) is one `cdk deploy` skips.
    if ('error' in template && template.empty && file.fromCloudAssembly) continue;
    if ('error' in template) {
      problems.push({
        entryIndex: file.entryIndex,
        message: `${file.file} is not read: ${template.error}.`,
        detail: `\`${file.file}\` is not read: ${template.error}${template.why ? ` (${template.why})` : ''}. The catalog is checked without it.`,
      });
      continue;
    }
    const reading = readStack(file, template);
    readings.push(reading);
    for (const problem of unreadNestedStacks(file, reading, templateFiles)) {
      // A template deployed in several Regions is read once per Region: what it skips is said once.
      if (!problems.some((said) => said.entryIndex === problem.entryIndex && said.message === problem.message)) problems.push(problem);
    }
  }
  const stores = readings.flatMap((reading) => reading.stores);
  joinGlobalClusters(readings, stores);
  const accessPoints = joinAccessPoints(readings);
  joinReplication(readings, stores);
  joinCacheMembers(readings, stores);
  mergeRegionalCopies(stores);
  const failovers = readings.flatMap((reading) => reading.failovers);
  const terraformRoots: TerraformRoot[] = [];
  const terraformUnmodelled: UnmodelledResource[] = [];
  for (const terraform of found.terraform ?? []) {
    const resources = terraform.resources ?? (terraform.module ? evaluateModules(terraform.module) : []);
    const [first] = terraform.module?.files ?? [];
    const folder = first ? (first.file.includes('/') ? first.file.slice(0, first.file.lastIndexOf('/')) : '.') : undefined;
    const rootName = folder?.split('/').pop();
    const read = terraformStores(resources, terraform.entryIndex, rootName && rootName !== '.' && rootName !== '..' ? rootName : 'root');
    stores.push(...read.stores);
    accessPoints.push(...read.accessPoints);
    terraformUnmodelled.push(...read.unmodelled);
    failovers.push(...read.failovers);
    if (terraform.module && folder !== undefined) terraformRoots.push({ entryIndex: terraform.entryIndex, folder, providers: rootProviders(terraform.module) });
  }
  // A replica another root adds to a table of these roots: the table's Regions are no longer known to be only its own.
  const addedElsewhere = stores.filter((store) => store.replicaOfUnlinkedTable);
  for (const table of stores) {
    if (table.type !== 'aws_dynamodb_table') continue;
    const replicas = addedElsewhere.filter((replica) => replica.entryIndex !== table.entryIndex);
    if (replicas.length === 0) continue;
    if (table.store === 'dynamodb')
      table.store = { unknown: `dynamodb-global if ${replicas.map((replica) => replica.logicalId).join(' or ')} replicates it, else dynamodb` };
    table.regions = dedupeRegions([
      ...table.regions,
      ...replicas.map((replica) => ({
        unknown: `${replica.logicalId} in ${replica.file} may add a replica in ${typeof replica.regions[0] === 'string' ? replica.regions[0] : 'its Region'}: it names its table through a value the configuration does not resolve`,
      })),
    ]);
  }
  const unmodelled = uniqueLocations([...readings.flatMap((reading) => reading.unmodelled), ...terraformUnmodelled]);
  return {
    stores,
    failovers,
    problems,
    files: found.files,
    ...(unmodelled.length > 0 ? { unmodelled } : {}),
    ...(accessPoints.length > 0 ? { accessPoints } : {}),
    ...(terraformRoots.length > 0 ? { terraformRoots } : {}),
  };
}

/** One entry per resource: a template deployed in several Regions lists its resources once. */
function uniqueLocations(resources: UnmodelledResource[]): UnmodelledResource[] {
  const seen = new Set<string>();
  return resources.filter((resource) => {
    const key = `${resource.file}#${resource.logicalId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `a/b/../c.yaml` as `a/c.yaml`: template paths relative to the catalog, with forward slashes. */
function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/**
 * Nested stacks and SAM applications the shell did not follow: a template on S3 or the web (never
 * fetched), a location the template does not fix, a local file that is not there, or a Serverless
 * Application Repository application. Each is named, at information severity: the names in it are
 * not judged, and the rest is read.
 */
function unreadNestedStacks(file: TemplateFile, reading: StackReading, templateFiles: Set<string>): InfrastructureProblem[] {
  const folder = file.file.includes('/') ? file.file.slice(0, file.file.lastIndexOf('/')) : '.';
  const problems: InfrastructureProblem[] = [];
  for (const nested of reading.nestedStacks) {
    const { location, property } = nested;
    const kind = property === 'Location' ? 'nested application' : 'nested stack';
    let why: string;
    let detail: string;
    if (typeof location !== 'string') {
      why =
        isUnknown(location) && location.unknown.includes('Serverless Application Repository')
          ? 'it comes from the Serverless Application Repository'
          : `its ${property} is not fixed`;
      detail = `its \`${property}\` is ${location.unknown}, which CAP Advisor cannot follow to a file.`;
    } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
      why = `its ${property} is on S3 or the web`;
      detail = `its \`${property}\` is \`${location}\`, and CAP Advisor never fetches templates.`;
    } else if (templateFiles.has(normalizePath(`${folder}/${location}`))) {
      continue;
    } else {
      why = `${location} is not in the workspace`;
      detail = `its \`${property}\` is \`${location}\`, which is not a template file in the workspace.`;
    }
    problems.push({
      entryIndex: file.entryIndex,
      message: `${file.file}: ${kind} ${nested.logicalId} is not read: ${why}.`,
      detail: `The ${kind} \`${nested.logicalId}\` in \`${file.file}\` is not read: ${detail} The data stores it deploys are not checked, and names in \`resources\` that may be in it are not judged. Link its template as another infrastructure entry, with the parent's Region, to check them.`,
      unreadNestedStacks: [file.stack],
    });
  }
  return problems;
}

/**
 * Each member cluster joins its global cluster (by `!Ref` in its own template, else by identifier), and brings its Region:
 * Aurora, DocumentDB and Neptune global clusters, and MemoryDB multi-Region clusters.
 */
function joinGlobalClusters(readings: StackReading[], stores: DeployedStore[]): void {
  const byIdentifier = new Map<string, DeployedStore>();
  const key = (store: DeployedStore['store'], identifier: string) => `${JSON.stringify(store)} ${identifier}`;
  for (const reading of readings) {
    for (const global of reading.globalClusters) {
      stores.push(global.store);
      if (global.identifier) byIdentifier.set(key(global.store.store, global.identifier), global.store);
    }
  }
  /** Stores made of members whose global cluster is not linked: aurora-global, or unknown. */
  const joined = new Set<DeployedStore>();
  const declaredGlobals = readings.flatMap((reading) => reading.globalClusters.map((g) => g.store));
  for (const reading of readings) {
    for (const member of reading.globalMembers) {
      const { globalCluster } = member;
      if (isUnknown(globalCluster)) {
        // A cluster that joins a global cluster the template does not name may join any of them:
        // each one's Regions are then incomplete, never "only where its known members are".
        const where = typeof member.region === 'string' ? member.region : 'its Region';
        for (const global of declaredGlobals)
          if (global.store === member.store && !global.regions.includes(where))
            global.regions.push({ unknown: `${where}, if ${member.logicalId} joins it: its GlobalClusterIdentifier is ${globalCluster.unknown}` });
      }
      let store: DeployedStore | undefined;
      if ('logicalId' in globalCluster) store = reading.globalClusters.find((g) => g.store.logicalId === globalCluster.logicalId)?.store;
      else if ('identifier' in globalCluster) store = byIdentifier.get(key(member.store, globalCluster.identifier));
      if (!store) {
        // A global cluster that is not in the linked infrastructure: its members still make one store.
        const identifier = 'identifier' in globalCluster ? globalCluster.identifier : undefined;
        // Its other members are deployed elsewhere: their Regions are unknown, never "none".
        const { membershipUnknown, store: memberStore, ...location } = member;
        // A GlobalClusterIdentifier under Fn::If may be absent: then the cluster is a single-Region one.
        const storeId: DeployedStore['store'] = membershipUnknown
          ? { unknown: `${memberStore === 'aurora-global' ? 'aurora-global or aurora' : `${memberStore} or a single-Region cluster`}: ${membershipUnknown}` }
          : memberStore;
        store = {
          ...location,
          store: storeId,
          regions: [
            { unknown: `the Regions of the other members of global cluster ${identifier ?? '(unnamed)'}, which the linked infrastructure does not deploy` },
          ],
          members: [],
        };
        if (identifier) byIdentifier.set(key(memberStore, identifier), store);
        stores.push(store);
        joined.add(store);
      }
      if (store.logicalId !== member.logicalId || store.stack !== member.stack) store.members.push(member);
      store.regions.push(member.region);
      if (member.writeForwarding) store.writeForwarding = true;
    }
  }
  for (const store of stores) {
    if (store.store === 'aurora-global' || joined.has(store)) {
      store.regions = dedupeRegions(store.regions);
      if (store.store === 'aurora-global') store.writeForwarding ??= false;
    } else if (declaredGlobals.includes(store)) store.regions = dedupeRegions(store.regions);
  }
}

/**
 * A replication destination's Region is the Region of the stack that deploys a bucket of that
 * name; that bucket is then part of the source's store (a catalog names the source).
 */
function joinReplication(readings: StackReading[], stores: DeployedStore[]): void {
  const bucketsByName = new Map<string, DeployedStore>();
  for (const reading of readings) for (const [name, bucket] of reading.bucketsByName) bucketsByName.set(name, bucket);
  const replicating = new Set(readings.flatMap((reading) => reading.replications.map((r) => r.store)));
  const destinations = new Set<DeployedStore>();
  for (const reading of readings) {
    for (const { store, destinations: targets } of reading.replications) {
      for (const target of targets) {
        if (isUnknown(target)) {
          store.regions.push(target);
          continue;
        }
        const bucket = bucketsByName.get(target.bucketName);
        if (!bucket) {
          store.regions.push({ unknown: `the Region of bucket ${target.bucketName}, which the linked infrastructure does not deploy` });
          continue;
        }
        store.regions.push(...bucket.regions);
        store.members.push(bucket);
        // A one-way destination is part of its source; a bucket that replicates back stays a store of its own.
        if (!replicating.has(bucket)) destinations.add(bucket);
      }
      store.regions = dedupeRegions(store.regions);
    }
  }
  for (let i = stores.length - 1; i >= 0; i--) if (destinations.has(stores[i])) stores.splice(i, 1);
}

/**
 * Each Multi-Region Access Point's buckets, found by name in the stack that deploys them, with the
 * buckets each replicates into. Read before the replication joins fold a destination into its source.
 */
function joinAccessPoints(readings: StackReading[]): MultiRegionAccessPoint[] {
  const bucketsByName = new Map<string, DeployedStore>();
  for (const reading of readings) for (const [name, bucket] of reading.bucketsByName) bucketsByName.set(name, bucket);
  const replicationOf = (bucket: DeployedStore): AccessPointBucket['replicatesTo'] => {
    const unknown = readings.map((reading) => reading.unknownReplications.get(bucket)).find((found) => found !== undefined);
    if (unknown) return [unknown];
    return readings.flatMap((reading) =>
      reading.replications
        .filter((replication) => replication.store === bucket)
        .flatMap(({ destinations }) =>
          destinations.map((destination) => {
            if (isUnknown(destination)) return destination;
            const target = bucketsByName.get(destination.bucketName);
            return target ? locationOf(target) : { unknown: `the bucket ${destination.bucketName}, which the linked infrastructure does not deploy` };
          }),
        ),
    );
  };
  // A template deployed in several Regions is read once per Region: its access point is one.
  const seen = new Set<string>();
  const once = readings
    .flatMap((reading) => reading.accessPoints)
    .filter(({ location }) => {
      const key = `${location.file}#${location.logicalId}`;
      return !seen.has(key) && seen.add(key) !== undefined;
    });
  return once.map(({ location, buckets }) => ({
    ...location,
    buckets: buckets.map((entry): AccessPointBucket | Unknown => {
      if (isUnknown(entry)) return entry;
      const bucket = 'store' in entry ? entry.store : bucketsByName.get(entry.bucketName);
      if (!bucket) return { unknown: `the bucket ${'bucketName' in entry ? entry.bucketName : ''}, which the linked infrastructure does not deploy` };
      return { bucket: locationOf(bucket), region: bucket.homeRegion ?? STACK_REGION_UNKNOWN, replicatesTo: replicationOf(bucket) };
    }),
  }));
}

/** A replication group that joins a global datastore is part of it (a catalog may name either). */
function joinCacheMembers(readings: StackReading[], stores: DeployedStore[]): void {
  const globals = stores.filter((store) => store.store === 'elasticache-global');
  for (const reading of readings) {
    for (const member of reading.cacheMembers) {
      const owner = globals.length === 1 ? globals[0] : globals.find((g) => typeof member.globalGroup === 'string' && member.globalGroup.endsWith(g.logicalId));
      owner?.members.push(member);
    }
  }
}

/**
 * One template deployed once per Region (`regions: [...]`, or the same path listed per Region):
 * a logical id names its copy in every Region, so the copies are one store whose Regions are the
 * union. Copies that disagree on the store make it unknown, with both named.
 */
function mergeRegionalCopies(stores: DeployedStore[]): void {
  const first = new Map<string, DeployedStore>();
  for (let i = 0; i < stores.length; i++) {
    const copy = stores[i];
    const key = `${copy.file}#${copy.logicalId}`;
    const kept = first.get(key);
    if (!kept) {
      first.set(key, copy);
      continue;
    }
    if (JSON.stringify(kept.store) !== JSON.stringify(copy.store)) {
      const said = (store: DeployedStore) =>
        `${isUnknown(store.store) ? 'unknown' : store.store} in ${store.regions.filter((r): r is string => typeof r === 'string').join(', ') || 'an unknown Region'}`;
      kept.store = { unknown: `the copies differ: ${said(kept)}; ${said(copy)}` };
    }
    absorbStore(kept, copy, { asMember: false });
    stores.splice(i--, 1);
  }
}
