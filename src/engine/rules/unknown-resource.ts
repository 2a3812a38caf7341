import { closest } from 'fastest-levenshtein';
import { namesOf } from '../model/deployed';
import { listRegions } from './linked';
import { defineRule, Issue, named } from './rule';

export const unknownResource = defineRule({
  id: 'unknown-resource',
  scope: 'dataType',
  defaultSeverity: 'error',
  description: 'A `resources` entry names nothing in the linked infrastructure.',
  acceptable: false,
  check(dataType, catalog) {
    const { resolved } = dataType;
    if (dataType.resources.length === 0) return [];
    const deployed = catalog.deployed;
    if (!deployed) {
      // Entries the shell did not read (the engine alone, as in a hover) say nothing either way.
      if (catalog.linksInfrastructure) return [];
      return [
        {
          at: dataType.at('resources'),
          message: `${named(resolved.name)} lists resources, but the catalog links no infrastructure: add an infrastructure entry.`,
          detail: `\`${resolved.name}\` lists \`resources\`, but the catalog has no \`infrastructure\` to find them in, so they are not checked. Add the templates or the CDK assembly that deploy them, relative to the catalog:\n\n\`\`\`yaml\ninfrastructure:\n  - cdk.out\n\`\`\``,
        },
      ];
    }
    // A file that could not be read has its own finding; a name may be in it, so none is called unknown.
    // Unread remote modules hide only the names under them.
    if (deployed.problems.some((problem) => !problem.unreadModules && !problem.unreadNestedStacks)) return [];
    const unread = deployed.problems.flatMap((problem) => problem.unreadModules ?? []);
    // An unread nested stack may hold any logical id of its parent's stack (nested stacks share their parent's stack name).
    const unreadStacks = deployed.problems.flatMap((problem) => problem.unreadNestedStacks ?? []);
    const mayBeNested = (name: string) =>
      unreadStacks.length > 0 && (/^[A-Za-z0-9]+$/.test(name) || unreadStacks.some((stack) => name.startsWith(`${stack}/`)));
    // A data resource the model does not describe is listed as not modelled (--verbose, the draft), never unknown.
    const unmodelled = (name: string) => (deployed.unmodelled ?? []).some((resource) => namesOf(resource).includes(name));
    // Only an unknown name needs the list to suggest from.
    let allNames: string[] | undefined;
    const names = () => (allNames ??= [...new Set(deployed.stores.flatMap((store) => [store, ...store.members].flatMap(namesOf)))]);
    const issues: Issue[] = [];
    for (const { name, index } of dataType.resources) {
      const stores = catalog.storesNamed(name);
      const at = { range: catalog.source.rangeAt(['dataTypes', dataType.index, 'resources', index]) };
      if (stores.length > 1) {
        // The form that names one of them: Stack/Id when the stacks' names differ, else path#Id.
        const qualified = stores.map((store) => {
          const byStack = `${store.stack}/${store.logicalId}`;
          return catalog.storesNamed(byStack).length === 1 ? byStack : `${store.file}#${store.logicalId}`;
        });
        // Terraform deploys by root module, CloudFormation by template.
        const where = stores.every((store) => !store.type.includes('::')) ? 'Terraform roots' : 'templates';
        // The name to write is the point of the message: it is written whole (the fix writes it too),
        // so a message too long for the panel drops the name already written rather than cut it.
        const full = `${name} is in ${stores.length} ${where}: write ${qualified[0]}.`;
        const short = `${stores.length} ${where} deploy it: write ${qualified[0]}.`;
        issues.push({
          at,
          message: full,
          terse: short,
          suggestion: qualified[0],
          verbatim: [qualified[0]],
          detail: `\`${name}\` is deployed by ${stores.length} different ${where} (${qualified.map((q) => `\`${q}\``).join(', ')}), so CAP Advisor cannot tell which one \`${resolved.name}\` means. Write one of these names. (One template deployed in several Regions is one resource: list it once with \`regions: [...]\` in its infrastructure entry.)`,
        });
        continue;
      }
      if (stores.length === 1 || unread.some((call) => name.startsWith(`${call}.`)) || mayBeNested(name) || unmodelled(name)) continue;
      const suggestion = names().length > 0 ? closest(name, names()) : undefined;
      issues.push({
        at,
        message: `${named(resolved.name)} names ${name}, which the linked infrastructure does not deploy${suggestion ? `: did you mean ${suggestion}?` : '.'}`,
        ...(suggestion ? { verbatim: [suggestion] } : {}),
        detail: `\`${name}\` is not a data store in the linked infrastructure (${deployed.stores.length} found${deployed.stores.length ? `: ${listRegions(deployed.stores.slice(0, 8).map((s) => `\`${s.logicalId}\``))}${deployed.stores.length > 8 ? ', …' : ''}` : ''}). A \`resources\` entry is a CloudFormation logical id, or \`Stack/LogicalId\` when two stacks use the same id${suggestion ? `. Did you mean \`${suggestion}\`?` : '.'}`,
        ...(suggestion ? { suggestion } : {}),
      });
    }
    return issues;
  },
  fix(fixer) {
    fixer.changeToSuggestion({ safe: false });
  },
});
