// An S3 Multi-Region Access Point routes each request to the closest bucket, whatever it holds:
// a write lands in one Region's bucket and a read may reach another. Only replication between the
// buckets lets every bucket serve every object, so each bucket it writes to must replicate into
// every other. Routing is set by an API, never by the infrastructure: read as active-active unless
// the data type writes in one Region. What the infrastructure does not fix is unknown, never a finding.
import { isUnknown, locationKey, type AccessPointBucket, type MultiRegionAccessPoint } from '../model/deployed';
import { storeFacts } from '../model/storeFacts';
import { atResource, linkedResources, listRegions } from './linked';
import { defineRule, Issue, named } from './rule';

/** A direction of replication an access point needs and that no rule provides. */
interface MissingReplication {
  from: AccessPointBucket;
  to: AccessPointBucket;
}

/** How a bucket reads in a finding: its Region where known, else its address. */
function place(bucket: AccessPointBucket): string {
  return typeof bucket.region === 'string' ? bucket.region : bucket.bucket.logicalId;
}

/**
 * The directions the access point needs and lacks: from each writing bucket into every other. A
 * bucket whose replication has a destination the infrastructure does not fix may copy anywhere.
 */
function missingReplication(point: MultiRegionAccessPoint, writingRegion: string | undefined): MissingReplication[] {
  const buckets = point.buckets.filter((bucket): bucket is AccessPointBucket => !isUnknown(bucket));
  const writers = writingRegion && buckets.some((bucket) => bucket.region === writingRegion) ? buckets.filter((b) => b.region === writingRegion) : buckets;
  const missing: MissingReplication[] = [];
  for (const from of writers) {
    if (from.replicatesTo.some(isUnknown)) continue;
    const into = new Set(from.replicatesTo.map((to) => locationKey(to as AccessPointBucket['bucket'])));
    for (const to of buckets) if (to !== from && !into.has(locationKey(to.bucket))) missing.push({ from, to });
  }
  return missing;
}

export const mrapWithoutReplication = defineRule({
  id: 'mrap-without-replication',
  scope: 'dataType',
  defaultSeverity: 'warning',
  description:
    'An S3 Multi-Region Access Point routes writes to a bucket that does not replicate into its other buckets: an object written in one Region is not found in another.',
  acceptable: true,
  check(dataType, catalog) {
    const points = catalog.deployed?.accessPoints ?? [];
    if (points.length === 0) return [];
    const { resolved } = dataType;
    // One writing Region (`writeMode: one-region`, hot-warm's default) is the catalog's primary: only it must replicate out.
    const writingRegion = resolved.writeMode === 'one-region' ? catalog.regions.find((region) => region.role === 'primary')?.name : undefined;
    const fact = storeFacts.s3.globalEndpoint!;
    const issues: Issue[] = [];
    const judged = new Set<MultiRegionAccessPoint>();
    for (const link of linkedResources(dataType, catalog)) {
      if (!link.store) continue;
      const parts = new Set([link.store, ...link.store.members].map(locationKey));
      for (const point of points) {
        if (judged.has(point)) continue;
        if (!point.buckets.some((bucket) => !isUnknown(bucket) && parts.has(locationKey(bucket.bucket)))) continue;
        judged.add(point);
        const missing = missingReplication(point, writingRegion);
        if (missing.length === 0) continue;
        const known = point.buckets.filter((bucket): bucket is AccessPointBucket => !isUnknown(bucket));
        const regions = known.map(place);
        const says =
          missing.length === 1
            ? `writes to ${place(missing[0].from)}, not replicated to ${place(missing[0].to)}: add that replication.`
            : `writes to buckets not replicated to each other: replicate each into every other.`;
        const directions = missing.map(({ from, to }) => `\`${from.bucket.logicalId}\` (${place(from)}) into \`${to.bucket.logicalId}\` (${place(to)})`);
        const unknowns = point.buckets.filter(isUnknown).map((bucket) => bucket.unknown);
        issues.push({
          at: atResource(link, point, `routes to ${listRegions(regions)}`),
          message: `${named(resolved.name)}: ${point.logicalId} ${says}`,
          terse: `${named(resolved.name)}: its access point ${says}`,
          detail:
            `\`${resolved.name}\` is stored in buckets behind the S3 Multi-Region Access Point \`${point.logicalId}\`: ${fact.text} ([source](${fact.source})). ` +
            `Its routing is set by the \`SubmitMultiRegionAccessPointRoutes\` API, not by the infrastructure, so ${writingRegion ? `writes go to ${writingRegion} only, as \`writeMode: one-region\` declares` : 'every bucket may take writes (active-active)'}. ` +
            `No replication rule copies ${listRegions(directions)}: an object written there is not found in the other Region, and is lost with its Region. ` +
            `Replicate each bucket into every other (two-way Cross-Region Replication, with RTC where a time bound matters), ${writingRegion ? '' : 'declare `writeMode: one-region` if the access point routes writes to one Region, '}or accept the risk with the reason.` +
            (unknowns.length > 0 ? ` Not judged: ${unknowns.join('; ')}.` : ''),
        });
      }
    }
    return issues;
  },
});
