// A realistic catalog of N data types for the benchmark: every category, topology, store and
// guard form, comments between entries, some entries clean and some with findings, as a large
// platform team's catalog would be. Deterministic, so runs compare.
const CATEGORIES = [
  'transaction',
  'inventory',
  'authorization',
  'account',
  'session',
  'cart',
  'recommendation',
  'analytics',
  'preference',
  'cache',
  'reference',
  'historical',
  'log',
  'audit',
  'media',
  'other',
];
const STORE_BY_CATEGORY = {
  transaction: 'aurora-global',
  inventory: 'aurora-dsql',
  authorization: 'aurora-global',
  account: 'dynamodb-global-strong',
  session: 'dynamodb-global',
  cart: 'dynamodb-global',
  recommendation: 'dynamodb-global',
  analytics: 'dynamodb-global',
  preference: 'dynamodb-global',
  cache: 'elasticache-global',
  reference: 's3',
  historical: 's3',
  log: 's3',
  audit: 's3',
  media: 's3',
  other: 'aurora-global',
};
const GUARDS = [
  ['      - human-approval'],
  ['      - { type: fencing-lease, ttl: 30s }'],
  ['      - { type: witness-region, region: eu-west-1 }', '      - { type: quorum }'],
  ['      - type: human-approval', '        approvers: 2'],
  ['      - fencing-lease'],
];

/** A small deterministic pseudo-random sequence (mulberry32). */
function random(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateCatalog(dataTypes, seed = 42) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const lines = [
    `# Generated benchmark catalog: ${dataTypes} data types.`,
    'apiVersion: cap-advisor/v1',
    'kind: DataCatalog',
    'metadata:',
    `  name: bench-${dataTypes}`,
    '  owner: platform-team',
    'regions:',
    '  - name: us-east-1',
    '    role: primary',
    '  - name: us-west-2',
    '    role: secondary',
    '  # Votes in failover decisions; holds no data.',
    '  - name: eu-west-1',
    '    role: witness',
    'defaults:',
    '  failover: manual',
    'dataTypes:',
  ];
  for (let i = 0; i < dataTypes; i++) {
    const category = CATEGORIES[i % CATEGORIES.length];
    const mutable = !['reference', 'historical', 'log', 'audit', 'media'].includes(category);
    const topology = i % 16 === 15 ? 'single-region' : mutable && next() < 0.35 ? 'hot-hot' : 'hot-warm';
    // About one entry in eight declares a store that does not fit, as real catalogs do.
    const store =
      topology === 'single-region'
        ? pick(['aurora', 'dynamodb'])
        : next() < 0.125
          ? pick(['aurora-global', 'dynamodb-global', 's3'])
          : STORE_BY_CATEGORY[category];
    lines.push('', `  # ${category} data owned by team ${i % 37}; reviewed in design review ${1000 + i}.`);
    lines.push(`  - name: ${category}-${i}`);
    lines.push(`    description: ${category} records of service ${i % 211} (entry ${i})`);
    lines.push(`    category: ${category}`);
    if (category === 'other') lines.push(`    consistency: ${pick(['strong', 'eventual'])}`, '    immutable: false');
    lines.push(`    topology: ${topology}`);
    if (topology === 'single-region') lines.push('    regions: [us-east-1]');
    lines.push(`    store: ${store}`);
    if (topology === 'hot-hot' && store.startsWith('dynamodb-global') && next() < 0.5)
      lines.push(`    conflictResolution: ${pick(['merge', 'application', 'last-writer-wins'])}`);
    if (next() < 0.5) lines.push(`    stalenessBudget: ${pick(['0s', '500ms', '1s', '5s', '1m', '15m'])}`);
    if (next() < 0.5) lines.push(`    rpo: ${pick(['0s', '1s', '30s', '5m'])}`, `    rto: ${pick(['1m', '5m', '15m', '1h'])}`);
    if (next() < 0.2) lines.push('    failover: automatic');
    if (topology !== 'single-region' && next() < 0.7) lines.push('    splitBrainGuards:', ...pick(GUARDS));
    if (next() < 0.05)
      lines.push('    acceptedRisks:', '      - rule: staleness-budget-exceeded', '        reason: Dashboards tolerate a few minutes of lag (review 7)');
  }
  return `${lines.join('\n')}\n`;
}
