// The deployed system linked to a catalog, as a user meets it: a catalog beside its CDK
// assembly, SAM app or templates; the exact findings and ranges, the template line beside each,
// the text after a quick fix, bad input with one clear finding, and drafting a catalog.
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeCatalog, applyEdits, completionsAt, hoverAt, quickFixes, type CatalogAnalysis } from '../../src/engine';
import { draftCatalog, regionInFileName } from '../../src/engine';
import { analyzeCatalogFile, loadDeployedSystem, readCounter } from '../../src/workspace/files';
import { renderHtml, renderMarkdown, renderSarif } from '../../src/report';
import { US_HEADER, where } from '../helpers/catalogs';

const fixtures = join(__dirname, '../../../test/fixtures');

/** A scratch workspace holding copies of the given fixture folders. */
function workspace(...folders: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'cap-infra-'));
  for (const folder of folders) cpSync(join(fixtures, folder), join(root, folder), { recursive: true });
  return root;
}

const HEAD = US_HEADER;

function analyze(root: string, text: string, name = 'shop.catalog.yaml'): CatalogAnalysis {
  writeFileSync(join(root, name), text);
  return analyzeCatalogFile(text, { catalogPath: join(root, name), workspaceRoot: root });
}

const linked = (analysis: CatalogAnalysis) => analysis.findings.filter((f) => !['recommendation'].includes(f.ruleId));

describe('The deployed system', () => {
  it('is linked from the one parse of the analysis: the shell gets the entries the analysis read, and a catalog without any is never asked about', () => {
    const asked: unknown[] = [];
    const link = (entries: unknown) => {
      asked.push(entries);
      return undefined;
    };
    const withEntries = `${HEAD}infrastructure:\n  - infra/a.yaml\n  - { path: infra/b.yaml, region: us-east-2 }\ndataTypes:\n  - name: carts\n    category: cart\n`;
    analyzeCatalog(withEntries, { link });
    assert.deepEqual(asked, [
      [
        { index: 0, path: 'infra/a.yaml' },
        { index: 1, path: 'infra/b.yaml', region: 'us-east-2' },
      ],
    ]);
    analyzeCatalog(`${HEAD}dataTypes:\n  - name: carts\n    category: cart\n`, { link });
    assert.equal(asked.length, 1, 'no entries, no call');
  });

  describe('a CDK cloud assembly (two Regions, a Stage, a nested stack)', () => {
    const root = workspace('cdk');
    const system = loadDeployedSystem([{ index: 0, path: 'cdk/cdk.out' }], { catalogDir: root, workspaceRoot: root })!;

    it("reads each stack in its environment's Region and joins what spans stacks", () => {
      assert.deepEqual(system.problems, []);
      assert.deepEqual(
        system.stores.map((s) => [`${s.stack}/${s.logicalId}`, s.store, s.regions, s.witness ?? null, s.members.map((m) => `${m.stack}/${m.logicalId}`)]),
        [
          ['shop-east-1/OrdersTable', 'dynamodb-global-strong', ['us-east-1', 'us-east-2'], 'us-west-2', []],
          ['shop-east-1/MediaBucket', 's3', ['us-east-1', 'us-east-2'], null, ['shop-east-2/MediaReplica']],
          ['shop-east-2/ProfilesTable', 'dynamodb', ['us-east-2'], null, []],
          ['dr-ledger/PaymentsCluster', 'aurora-dsql', ['us-east-2', 'us-east-1'], 'us-west-2', []],
          ['shop-east-1/LedgerGlobal', 'aurora-global', ['us-east-1', 'us-east-2'], null, ['shop-east-1/LedgerCluster', 'shop-east-2/LedgerCluster']],
        ],
      );
      assert.equal(system.stores.find((s) => s.logicalId === 'LedgerGlobal')?.writeForwarding, true);
      assert.equal(system.stores.find((s) => s.logicalId === 'MediaBucket')?.file, 'cdk/cdk.out/ShopEast1Media0A1B2C3D.nested.template.json');
      assert.deepEqual(
        system.failovers.map((f) => [f.logicalId, f.mode, f.how]),
        [['ApiRecords', 'manual', 'an ARC routing control on api.shop.example.com']],
      );
      assert.deepEqual(system.files, [
        'cdk/cdk.out/manifest.json',
        'cdk/cdk.out/ShopEast1.template.json',
        'cdk/cdk.out/ShopEast1Media0A1B2C3D.nested.template.json',
        'cdk/cdk.out/ShopEast2.template.json',
        'cdk/cdk.out/assembly-Dr/manifest.json',
        'cdk/cdk.out/assembly-Dr/DrLedger.template.json',
      ]);
    });

    it('a catalog that matches what is deployed is quiet; a drifted one gets each drift on its resources entry, the template line beside it', () => {
      const catalogText = `${HEAD}infrastructure:
  - cdk/cdk.out
dataTypes:
  - name: orders
    category: transaction
    store: dynamodb-global
    topology: hot-hot
    regions: [us-east-1, us-east-2]
    splitBrainGuards: [{ type: witness-region, region: us-west-2 }]
    resources: [OrdersTable]
  - name: ledger
    category: transaction
    store: aurora-global
    regions: [us-east-1, us-west-2]
    failover: automatic
    splitBrainGuards: [fencing-lease]
    resources: [LedgerGlobal, LedgerCluster]
  - name: images
    category: media
    store: s3
    rpo: 15m
    resources: [MediaBuckett]
`;
      const analysis = analyze(root, catalogText);
      assert.deepEqual(linked(analysis).map(where), [
        'unclaimed-resource@13:5-13:16',
        'unclaimed-resource@13:5-13:16',
        'unclaimed-resource@13:5-13:16',
        'lww-on-strong-data@17:12-17:27',
        'store-mismatch@17:12-17:27',
        'store-drift@21:17-21:28',
        // The ledger lists the us-west-2 witness among its Regions.
        'witness-holds-data@25:26-25:35',
        'failover-drift@26:15-26:24',
        'region-drift@28:17-28:29',
        'unknown-resource@33:17-33:29',
      ]);
      const byRule = (id: string) => analysis.findings.find((f) => f.ruleId === id)!;
      assert.equal(byRule('store-drift').message, "'orders' runs on dynamodb-global-strong, declared dynamodb-global.");
      assert.deepEqual(byRule('store-drift').related, [
        {
          message:
            "OrdersTable (AWS::DynamoDB::GlobalTable): deploys dynamodb-global-strong; if the catalog's dynamodb-global is the intent, this template must change",
          file: 'cdk/cdk.out/ShopEast1.template.json',
          range: byRule('store-drift').related![0].range,
        },
      ]);
      assert.deepEqual(byRule('store-drift').related![0].range.start, { line: 3, column: 3 });
      assert.equal(byRule('failover-drift').message, "'ledger' says failover: automatic; DNS fails over by hand: make them agree.");
      assert.match(byRule('failover-drift').detail, /moves traffic by an ARC routing control on api\.shop\.example\.com, which is manual/);
      assert.equal(byRule('region-drift').message, "'ledger' is in us-east-2 (undeclared), not us-west-2: align the Regions.");
      assert.equal(byRule('unknown-resource').severity, 'error');
      assert.equal(
        byRule('unknown-resource').message,
        "'images' names MediaBuckett, which the linked infrastructure does not deploy: did you mean MediaBucket?",
      );
      assert.deepEqual(
        analysis.findings.filter((f) => f.ruleId === 'unclaimed-resource').map((f) => f.suggestion),
        ['MediaBucket', 'ProfilesTable', 'PaymentsCluster'],
      );

      // The quick fixes make the catalog say what is deployed.
      const fixed = (ruleId: string, suggestion?: string) => {
        const finding = analysis.findings.find((f) => f.ruleId === ruleId && (suggestion === undefined || f.suggestion === suggestion))!;
        const [fix] = quickFixes(catalogText, analysis, finding);
        return { title: fix.title, text: applyEdits(catalogText, fix.edits) };
      };
      const store = fixed('store-drift');
      assert.equal(store.title, 'Declare the deployed store dynamodb-global-strong');
      assert.ok(store.text.includes('  - name: orders\n    category: transaction\n    store: dynamodb-global-strong\n'));
      assert.ok(fixed('region-drift').text.includes('    regions: [us-east-1, us-east-2]\n    failover: automatic\n'));
      assert.ok(fixed('failover-drift').text.includes('    failover: manual\n'));
      assert.ok(fixed('unknown-resource').text.endsWith('    resources: [MediaBucket]\n'));
      const drafted = fixed('unclaimed-resource', 'ProfilesTable');
      assert.equal(drafted.title, "Add a data type 'profiles' for ProfilesTable (category guessed: account)");
      assert.ok(
        drafted.text.endsWith(`    resources: [MediaBuckett]
  - name: profiles
    category: account
    topology: single-region
    store: dynamodb
    regions:
      - us-east-2
    resources:
      - ProfilesTable
`),
        drafted.text,
      );
      assert.deepEqual(
        analyze(root, drafted.text)
          .findings.filter((f) => f.ruleId === 'unclaimed-resource')
          .map((f) => f.suggestion),
        ['MediaBucket', 'PaymentsCluster'],
      );
      // A store a data type already declares can join its resources instead: 'images' declares s3.
      const media = analysis.findings.find((f) => f.ruleId === 'unclaimed-resource' && f.suggestion === 'MediaBucket')!;
      const titles = quickFixes(catalogText, analysis, media).map((fix) => `${fix.title}${fix.isPreferred ? ' *' : ''}`);
      // No name says whose it is: the preferred fix comes first, and joining 'images' says what it raises there.
      assert.deepEqual(titles, [
        "Add a data type 'media' for MediaBucket (category guessed: media) *",
        "Add MediaBucket to the resources of 'images' (then replication-without-rtc)",
      ]);
      const joined = applyEdits(catalogText, quickFixes(catalogText, analysis, media)[1].edits);
      assert.ok(joined.endsWith('    resources: [MediaBuckett, MediaBucket]\n'), joined);
    });

    it('SARIF places the template line as a related location, relative to the checkout like the catalog', () => {
      const text = `${HEAD}infrastructure: [cdk/cdk.out]\ndataTypes:\n  - name: orders\n    category: transaction\n    store: dynamodb-global\n    topology: hot-hot\n    regions: [us-east-1, us-east-2]\n    resources: [OrdersTable]\n`;
      const sarif = JSON.parse(renderSarif([{ file: 'catalogs/shop.catalog.yaml', analysis: analyze(root, text) }], { toolVersion: '0' }));
      const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'store-drift');
      assert.deepEqual(result.relatedLocations[0].physicalLocation, {
        artifactLocation: { uri: 'catalogs/cdk/cdk.out/ShopEast1.template.json', uriBaseId: '%SRCROOT%' },
        region: { startLine: 3, startColumn: 3, endLine: 3, endColumn: 16 },
      });
    });

    it('completion offers the deployed stores in resources, those no data type lists first', () => {
      const text = `${HEAD}infrastructure: [cdk/cdk.out]\ndataTypes:\n  - name: orders\n    category: transaction\n    resources: [OrdersTable, ]\n`;
      const analysis = analyze(root, text);
      const items = completionsAt(text, text.indexOf(', ]') + 2, analysis);
      assert.deepEqual(
        items.sort((a, b) => a.sortText.localeCompare(b.sortText)).map((i) => `${i.label} ${i.detail}`),
        [
          'MediaBucket s3 · us-east-1, us-east-2',
          'ProfilesTable dynamodb · us-east-2',
          'PaymentsCluster aurora-dsql · us-east-2, us-east-1',
          'LedgerGlobal aurora-global · us-east-1, us-east-2',
        ],
      );
    });

    it('an edit to the catalog alone reads no template again; a changed template is read', () => {
      const text = `${HEAD}infrastructure: [cdk/cdk.out]\ndataTypes:\n  - name: orders\n    category: transaction\n`;
      analyze(root, text);
      const before = readCounter.templates;
      analyze(root, text.replace('category: transaction', 'category: account'));
      assert.equal(readCounter.templates, before);
      const template = join(root, 'cdk/cdk.out/ShopEast2.template.json');
      writeFileSync(template, readFileSync(template, 'utf8').replace('ProfilesTable', 'AccountsTable'));
      const after = analyze(root, text);
      assert.equal(readCounter.templates, before + 1);
      assert.ok(after.findings.some((f) => f.suggestion === 'AccountsTable'));
    });
  });

  it('a SAM app takes its Region from samconfig.toml', () => {
    const root = workspace('sam');
    const system = loadDeployedSystem([{ index: 0, path: 'sam' }], { catalogDir: root, workspaceRoot: root })!;
    assert.deepEqual(
      system.stores.map((s) => [s.logicalId, s.type, s.store, s.regions, s.stack]),
      [['SessionsTable', 'AWS::Serverless::SimpleTable', 'dynamodb', ['eu-west-1'], 'template']],
    );
  });

  describe('bad input: one clear finding on the infrastructure entry, and the rest of the catalog is still analysed', () => {
    const root = workspace('cdk');
    mkdirSync(join(root, 'infra'));
    writeFileSync(join(root, 'infra/package.json'), '{ "name": "not-a-template" }');
    writeFileSync(join(root, 'infra/broken.yaml'), 'Resources:\n  Table: [\n');
    writeFileSync(join(root, 'infra/huge.json'), `{"Resources":{},"Padding":"${'x'.repeat(20 * 1024 * 1024)}"}`);
    symlinkSync('loop-b', join(root, 'loop-a'));
    symlinkSync('loop-a', join(root, 'loop-b'));
    symlinkSync(tmpdir(), join(root, 'outside'));
    // A folder with a link back to itself: its templates are read, the loop is said once.
    mkdirSync(join(root, 'looping'));
    writeFileSync(join(root, 'looping/media.yaml'), 'Resources:\n  MediaBucket:\n    Type: AWS::S3::Bucket\n');
    symlinkSync('..', join(root, 'looping/again'));
    mkdirSync(join(root, 'partial'));
    writeFileSync(
      join(root, 'partial/manifest.json'),
      JSON.stringify({
        version: '36.0.0',
        artifacts: { Gone: { type: 'aws:cloudformation:stack', environment: 'aws://1/us-east-1', properties: { templateFile: 'Gone.template.json' } } },
      }),
    );
    const cases: Array<[string, string]> = [
      ['cdk.out', 'cdk.out does not exist: check the path (relative to the catalog).'],
      ['/etc', '/etc is not read: write infrastructure paths relative to the catalog.'],
      ['../../etc', '../../etc is not read: it leaves the workspace (widen it with --root).'],
      ['loop-a', 'loop-a is not read: its symbolic links form a loop.'],
      ['outside', 'outside is not read: a symbolic link leads out of the workspace.'],
      ['infra/package.json', 'infra/package.json is not read: the template has no Resources section.'],
      ['infra/broken.yaml', 'infra/broken.yaml is not read: the template does not parse at line 3, column 1.'],
      ['infra/huge.json', 'infra/huge.json is not read: it is 20 MB, over the 10 MB limit.'],
      ['partial', 'partial/manifest.json names Gone.template.json, which is missing: run cdk synth again.'],
      ['looping', 'looping/again is not read: its symbolic links form a loop.'],
    ];
    for (const [path, message] of cases) {
      it(path, () => {
        const text = `${HEAD}infrastructure:\n  - ${path}\n  - cdk/cdk.out\ndataTypes:\n  - name: orders\n    category: transaction\n    store: dynamodb-global\n    topology: hot-hot\n    regions: [us-east-1, us-east-2]\n    resources: [OrdersTable]\n`;
        const analysis = analyze(root, text);
        const problems = analysis.findings.filter((f) => f.ruleId === 'infrastructure-unreadable');
        assert.deepEqual(
          problems.map((f) => [where(f), f.message, f.severity]),
          [['infrastructure-unreadable@13:5-13:' + (5 + path.length), message, 'error']],
        );
        // The rest still runs: the catalog's own rules, and the other entry's resources.
        assert.ok(analysis.findings.some((f) => f.ruleId === 'lww-on-strong-data'));
        assert.ok(analysis.findings.some((f) => f.ruleId === 'store-drift'));
      });
    }
  });

  describe('strong-table-topology', () => {
    const declared = (regions: string, witness: string | undefined, store = 'dynamodb-global-strong') =>
      `${HEAD.replace('  - name: us-west-2\n    role: witness\n', '  - name: us-west-2\n    role: witness\n  - name: eu-west-1\n    role: secondary\n  - name: ap-south-1\n    role: secondary\n')}dataTypes:\n  - name: orders\n    category: transaction\n    store: ${store}\n    topology: hot-hot\n    regions: [${regions}]\n${witness ? `    splitBrainGuards: [{ type: witness-region, region: ${witness} }]\n` : ''}`;
    const topology = (text: string) =>
      analyzeCatalogFile(text, { catalogPath: join(tmpdir(), 'x.catalog.yaml') })
        .findings.filter((f) => f.ruleId === 'strong-table-topology')
        .map((f) => f.message);

    it('without infrastructure, checks the declared Regions and witness against the Region sets', () => {
      assert.deepEqual(topology(declared('us-east-1, us-east-2', 'us-west-2')), []);
      assert.deepEqual(topology(declared('us-east-1, eu-west-1', 'us-west-2')), [
        "'orders' cannot be dynamodb-global-strong: it spans the US and EU Region sets.",
      ]);
      assert.deepEqual(topology(declared('us-east-1, ap-south-1', 'us-west-2')), [
        "'orders' cannot be dynamodb-global-strong: ap-south-1 is in no Region set.",
      ]);
      assert.deepEqual(topology(declared('us-east-1, us-east-2, us-west-2, eu-west-1', undefined)), [
        "'orders' cannot be dynamodb-global-strong: 4 Regions, no witness (needs 3, or 2 and a witness).",
      ]);
      assert.deepEqual(topology(declared('us-east-1, us-east-2, eu-west-1', undefined, 'aurora-dsql')), [
        "'orders' cannot be aurora-dsql: 3 Regions, no witness (needs 2 peers and a witness).",
      ]);
      assert.deepEqual(topology(declared('us-east-1, us-east-2', 'us-west-2', 'aurora-dsql')), []);
    });

    it('with a linked table, checks what is deployed', () => {
      const root = mkdtempSync(join(tmpdir(), 'cap-infra-'));
      writeFileSync(
        join(root, 'orders.yaml'),
        'Resources:\n  Orders:\n    Type: AWS::DynamoDB::GlobalTable\n    Properties:\n      MultiRegionConsistency: STRONG\n      Replicas:\n        - Region: !Ref AWS::Region\n        - Region: eu-west-1\n',
      );
      const text = `${HEAD}infrastructure:\n  - { path: orders.yaml, region: us-east-1 }\ndataTypes:\n  - name: orders\n    category: transaction\n    store: dynamodb-global-strong\n    topology: hot-hot\n    regions: [us-east-1, us-east-2]\n    resources: [Orders]\n`;
      const found = analyze(root, text).findings.filter((f) => f.ruleId === 'strong-table-topology');
      assert.deepEqual(
        found.map((f) => [where(f), f.message]),
        [['strong-table-topology@20:17-20:23', "'orders': Orders cannot be dynamodb-global-strong: 2 Regions, no witness (needs 3, or 2 and a witness)."]],
      );
    });
  });

  it('draft: one data type per store, schema-valid, every guessed category marked # check:, and checked clean of errors', () => {
    const root = workspace('cdk', 'sam');
    const system = loadDeployedSystem(
      [
        { index: 0, path: 'cdk/cdk.out' },
        { index: 1, path: 'sam' },
      ],
      { catalogDir: root, workspaceRoot: root },
    )!;
    const text = draftCatalog(system, { infrastructure: ['cdk/cdk.out', 'sam'], name: 'shop' });
    const analysis = analyze(root, text, 'drafted.catalog.yaml');
    assert.deepEqual(analysis.findings.filter((f) => f.severity === 'error' || f.ruleId === 'schema').map(where), []);
    assert.deepEqual(
      analysis.report.dataTypes.map((dt) => `${dt.name} ${dt.need.category} ${dt.declaredStore} ${dt.need.regions.join('+')}`),
      [
        'orders transaction dynamodb-global-strong us-east-1+us-east-2',
        'media media s3 us-east-1+us-east-2',
        'profiles account dynamodb us-east-2',
        'payments transaction aurora-dsql us-east-2+us-east-1',
        'sessions session dynamodb eu-west-1',
        'ledger transaction aurora-global us-east-1+us-east-2',
      ],
    );
    assert.equal(text.match(/ category: \w+ # check: /g)?.length, 6);
    assert.match(
      text,
      /regions:\n {2}- name: us-east-1\n {4}role: primary\n {2}- name: us-east-2\n {4}role: secondary\n {2}- name: eu-west-1\n {4}role: secondary\n {2}- name: us-west-2\n {4}role: witness\n/,
    );
    // Two stacks deploy a table named LedgerCluster; the draft names neither, it names the global database.
    assert.ok(text.includes('resources: [LedgerGlobal]'));
    assert.deepEqual(
      analysis.findings.filter((f) => f.ruleId === 'unclaimed-resource'),
      [],
    );
  });
});

describe('hover on a resources entry', () => {
  it('says what is deployed under that name, where, and its parts', () => {
    const root = workspace('cdk');
    const text = `${HEAD}infrastructure: [cdk/cdk.out]\ndataTypes:\n  - name: ledger\n    category: transaction\n    store: aurora-global\n    resources: [LedgerGlobal]\n`;
    const analysis = analyze(root, text);
    const hover = hoverAt(text, text.indexOf('LedgerGlobal') + 2, analysis)!;
    assert.equal(
      hover.markdown,
      '**LedgerGlobal**: `AWS::RDS::GlobalCluster` in `cdk/cdk.out/ShopEast1.template.json`, line 15 (stack `shop-east-1`): deploys `aurora-global` in `us-east-1`, `us-east-2`; write forwarding on.\n\nWith `shop-east-1/LedgerCluster` (cdk/cdk.out/ShopEast1.template.json:19), `shop-east-2/LedgerCluster` (cdk/cdk.out/ShopEast2.template.json:3).',
    );
  });
});

describe('the report shows what is deployed', () => {
  it('markdown and HTML list each resource with its store, Regions and template line', () => {
    const root = workspace('cdk');
    const text = `${HEAD}infrastructure: [cdk/cdk.out]\ndataTypes:\n  - name: orders\n    category: transaction\n    store: dynamodb-global-strong\n    topology: hot-hot\n    regions: [us-east-1, us-east-2]\n    splitBrainGuards: [{ type: witness-region, region: us-west-2 }]\n    resources: [OrdersTable]\n`;
    const files = [{ file: 'shop.catalog.yaml', analysis: analyze(root, text) }];
    const line =
      'OrdersTable: dynamodb-global-strong in us-east-1, us-east-2, witness us-west-2 (AWS::DynamoDB::GlobalTable, cdk/cdk.out/ShopEast1.template.json:3)';
    assert.ok(renderMarkdown(files).includes(`| deployed | ${line} |`));
    assert.ok(renderHtml(files).includes(`<tr><th>deployed</th><td>${line}</td></tr>`));
  });
});

describe('completion of infrastructure entries', () => {
  const candidates = [
    { path: 'cdk.out', detail: 'CDK cloud assembly' },
    { path: 'infra/orders.yaml', detail: 'CloudFormation template' },
  ];
  it('offers what the shell found, in a block list and in a flow list, without those already listed', () => {
    const block = `${HEAD}infrastructure:\n  - infra/\n`;
    const items = completionsAt(block, block.indexOf('infra/') + 'infra/'.length, undefined, candidates);
    assert.deepEqual(
      items.map((i) => `${i.label} ${i.detail} ${block.slice(i.range[0], i.range[1])}`),
      ['cdk.out CDK cloud assembly infra/', 'infra/orders.yaml CloudFormation template infra/'],
    );
    const flow = `${HEAD}infrastructure: [cdk.out, ]\n`;
    assert.deepEqual(
      completionsAt(flow, flow.indexOf(', ]') + 2, undefined, candidates).map((i) => i.label),
      ['infra/orders.yaml'],
    );
    // Elsewhere a path is not offered.
    const regions = `${HEAD}dataTypes:\n  - name: x\n    regions:\n      - \n`;
    assert.ok(!completionsAt(regions, regions.length - 1, undefined, candidates).some((i) => i.label === 'cdk.out'));
  });
});

describe('hover on an infrastructure entry', () => {
  it('says what was read from it', () => {
    const root = workspace('cdk');
    const text = `${HEAD}infrastructure: [cdk/cdk.out]\ndataTypes:\n  - name: orders\n    category: transaction\n`;
    const hover = hoverAt(text, text.indexOf('cdk/cdk.out') + 3, analyze(root, text))!;
    // After the findings on the entry (five unclaimed stores here), what was read.
    assert.ok(
      hover.markdown.endsWith(
        '---\n\n**cdk/cdk.out**: 5 data stores and 1 DNS failover route read: `OrdersTable` (dynamodb-global-strong), `MediaBucket` (s3), `ProfilesTable` (dynamodb), `PaymentsCluster` (aurora-dsql), `LedgerGlobal` (aurora-global).',
      ),
      hover.markdown,
    );
  });
});

describe('drafting from plain templates', () => {
  it("a Region code in a template's file name is offered as its Region; a name without one offers none", () => {
    assert.deepEqual(
      [
        'infra/storefront-us-east-2.yaml',
        'stacks/eu-west-1/orders.yaml',
        'orders.us-gov-west-1.template',
        'ap-southeast-2.json',
        'infra/storefront.yaml',
        'notus-east-1x.yaml',
        'us-east-12.yaml',
      ].map(regionInFileName),
      ['us-east-2', undefined, 'us-gov-west-1', 'ap-southeast-2', undefined, undefined, undefined],
    );
  });
});

describe('failover-drift and immutable data', () => {
  it('an automatic DNS failover moves traffic for payments (a drift) but splits nothing for product-catalog, published in versions on S3 (silent)', () => {
    const path = join(__dirname, '../../../examples/storefront.catalog.yaml');
    const { findings } = analyzeCatalogFile(readFileSync(path, 'utf8'), { catalogPath: path, fileName: path });
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'failover-drift').map((f) => f.dataType),
      ['payments'],
    );
  });
});
