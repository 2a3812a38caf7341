import { defineRule, Issue, named } from './rule';

export const quorumNeedsThree = defineRule({
  id: 'quorum-needs-three',
  scope: 'dataType',
  defaultSeverity: 'error',
  description: 'A `quorum` guard with fewer than three voting Regions (data Regions plus witnesses).',
  acceptable: true,
  check(dataType, catalog) {
    const { resolved } = dataType;
    if (!resolved.multiRegion) return [];
    const voters = [...new Set([...resolved.regions, ...catalog.witnessRegions])];
    if (voters.length >= 3) return [];
    return dataType.guards
      .filter(({ guard }) => guard.type === 'quorum')
      .map(({ index }): Issue => ({
        at: dataType.at('splitBrainGuards', index),
        message: `${named(resolved.name)} has a quorum guard but ${voters.length} voting Region${voters.length === 1 ? '' : 's'}: add a witness Region to make three.`,
        detail: `\`${resolved.name}\` relies on a quorum, but has only ${voters.length} voting Region(s) (${voters.join(', ')}): a majority of two is two, so a partition between them leaves neither side a majority. Add a third Region, or a witness Region (\`role: witness\`) that votes without holding data.`,
      }));
  },
  fix(fixer) {
    const witness = fixer.newWitnessName();
    fixer.add(`Add a witness Region (${witness}) to regions`, [fixer.addWitnessRegion(witness)], { preferred: true });
  },
});
