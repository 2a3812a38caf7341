// Whole data type entries, one per kind of data, where a new entry starts.
import { writtenNames } from './cursor';
import { sortKey, type CompletionItem } from './items';

/**
 * Whole data type entries for each kind of data, as `cap-*` items where a new entry starts. The
 * name, selected to type over, says the kind of data (`strong-data`, no example shop's name) and is
 * one the catalog does not use yet (else `strong-data-2`, ...), so inserting an
 * entry never makes a duplicate. `@NAME@` stands for it; the lines follow the `- ` of the item.
 */
const ENTRY_TEMPLATES: ReadonlyArray<{ prefix: string; name: string; description: string; lines: string[] }> = [
  {
    prefix: 'cap-transaction',
    name: 'strong-data',
    description: 'Strong data (wrong data is worse than no data): CP on Aurora Global Database, human-approved failover.',
    lines: [
      'name: ${1:@NAME@}',
      '  description: ${2:what this data is}',
      '  category: ${3|transaction,inventory,authorization,account|}',
      '  topology: hot-warm',
      '  store: ${4|aurora-global,aurora-dsql,dynamodb-global-strong|}',
      '  rpo: ${5:1s}',
      '  rto: ${6:15m}',
      '  splitBrainGuards:',
      '    - ${7|human-approval,fencing-lease,quorum|}',
    ],
  },
  {
    prefix: 'cap-session',
    name: 'eventual-data',
    description: 'Eventual data written in every Region (no data is worse than slightly old data): AP on DynamoDB global tables, merged by intent.',
    lines: [
      'name: ${1:@NAME@}',
      '  description: ${2:what this data is}',
      '  category: ${3|session,cart,preference,recommendation|}',
      '  topology: ${4|hot-hot,hot-warm|}',
      '  store: dynamodb-global',
      '  conflictResolution: ${5|merge,application,last-writer-wins|}',
      '  stalenessBudget: ${6:1s}',
    ],
  },
  {
    prefix: 'cap-cache',
    name: 'cached-data',
    description: 'A cache across Regions: AP, rebuilt from its source; fail over with a fencing lease or manually.',
    lines: [
      'name: ${1:@NAME@}',
      '  category: cache',
      '  store: ${2|dynamodb-global,elasticache-global|}',
      '  failover: ${3|manual,automatic|}',
      '  splitBrainGuards:',
      '    - { type: fencing-lease, ttl: ${4:30s} }',
    ],
  },
  {
    prefix: 'cap-reference',
    name: 'immutable-data',
    description: 'Immutable data (written once, never updated): S3 with cross-Region replication.',
    lines: ['name: ${1:@NAME@}', '  category: ${2|reference,historical,log,audit,media|}', '  store: s3', '  stalenessBudget: ${3:15m}'],
  },
];

export function entryTemplates(lines: readonly string[], range: [number, number], startsWithDash: boolean): CompletionItem[] {
  const taken = writtenNames(lines);
  return ENTRY_TEMPLATES.map((template, rank) => {
    let name = template.name;
    for (let n = 2; taken.has(name); n++) name = `${template.name}-${n}`;
    // On `- |` the dash is written; otherwise the entry brings it. Either way the lines after the
    // first are written relative to the line's own indentation, which the editor adds to each: two
    // further in than the dash, under the entry's first key.
    const body = template.lines.map((line) => line.replace('@NAME@', name));
    const insertText = startsWithDash ? body.join('\n') : `- ${body.join('\n')}`;
    return {
      label: template.prefix,
      kind: 'entry',
      insertText,
      snippet: true,
      documentation: `${template.description}\n\nInserts \`${name}\`, a name the catalog does not use yet.`,
      detail: `new data type ${name}`,
      sortText: `e${sortKey(rank)}`,
      range,
    };
  });
}

/**
 * A whole catalog, offered in an empty YAML file (the editor's contributed snippets would offer it
 * everywhere, as a value after `store:` too): two data Regions, a witness and a first data type.
 */
export function catalogSkeleton(range: [number, number], storeIds: readonly string[], categories: readonly string[]): CompletionItem {
  const lines = [
    'apiVersion: cap-advisor/v1',
    'kind: DataCatalog',
    'metadata:',
    '  name: ${1:my-system}',
    '  owner: ${2:platform-team}',
    'regions:',
    '  - name: ${3:us-east-1}',
    '    role: primary',
    '  - name: ${4:us-east-2}',
    '    role: secondary',
    '  # Votes in failover decisions and holds no data.',
    '  - name: ${5:us-west-2}',
    '    role: witness',
    'defaults:',
    '  failover: ${6|manual,automatic|}',
    'dataTypes:',
    '  - name: ${7:payments}',
    `    category: \${8|${categories.join(',')}|}`,
    `    store: \${9|${storeIds.join(',')}|}`,
    '$0',
  ];
  return {
    label: 'cap-catalog',
    kind: 'entry',
    insertText: lines.join('\n'),
    snippet: true,
    documentation: 'A whole CAP Advisor data catalog: two data Regions, a witness and a first data type.',
    detail: 'new data catalog',
    sortText: ' cap-catalog',
    range,
  };
}

/** A Region item with its role, where a new item of `regions` starts. */
export function regionTemplate(range: [number, number], startsWithDash: boolean): CompletionItem {
  const body = 'name: ${1:eu-west-1}\n  role: ${2|primary,secondary,witness|}';
  return {
    label: 'cap-region',
    kind: 'entry',
    insertText: startsWithDash ? body : `- ${body}`,
    snippet: true,
    documentation: 'A Region of the catalog with its role: `primary` (one), `secondary`, or `witness` (votes in failover decisions, holds no data).',
    detail: 'new Region',
    sortText: 'e0',
    range,
  };
}
