// A CDK cloud assembly's manifest.json: each stack's template file and Region (from its
// `environment`, aws://account/region), and the Stage sub-assemblies to read in turn. Nested
// stacks are found from their parent template (readStack's nestedTemplates).

export interface AssemblyStack {
  /** The template file, relative to the assembly's folder. */
  templateFile: string;
  stackName: string;
  /** Undefined for an environment-agnostic stack (`aws://unknown-account/unknown-region`). */
  region?: string;
}

export interface CloudAssembly {
  stacks: AssemblyStack[];
  /** Stage sub-assemblies' folders, relative to this assembly's folder. */
  nestedAssemblies: string[];
}

const ENVIRONMENT = /^aws:\/\/([^/]+)\/([a-z0-9-]+)$/;

/** Reads a manifest.json; a file that is not a cloud assembly manifest gets the reason why. */
export function readCloudAssembly(text: string): CloudAssembly | { error: string } {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    return { error: `manifest.json does not parse: ${error instanceof Error ? error.message : String(error)}` };
  }
  const artifacts = (manifest as { artifacts?: unknown } | null)?.artifacts;
  if (!artifacts || typeof artifacts !== 'object') return { error: 'manifest.json has no artifacts: it is not a CDK cloud assembly manifest' };
  const assembly: CloudAssembly = { stacks: [], nestedAssemblies: [] };
  for (const [id, artifact] of Object.entries(
    artifacts as Record<string, { type?: unknown; environment?: unknown; properties?: Record<string, unknown>; displayName?: unknown }>,
  )) {
    const properties = artifact?.properties ?? {};
    if (artifact?.type === 'aws:cloudformation:stack' && typeof properties.templateFile === 'string') {
      const region = typeof artifact.environment === 'string' ? ENVIRONMENT.exec(artifact.environment)?.[2] : undefined;
      assembly.stacks.push({
        templateFile: properties.templateFile,
        stackName: typeof properties.stackName === 'string' ? properties.stackName : id,
        ...(region && region !== 'unknown-region' ? { region } : {}),
      });
    } else if (artifact?.type === 'cdk:cloud-assembly' && typeof properties.directoryName === 'string') {
      assembly.nestedAssemblies.push(properties.directoryName);
    }
  }
  return assembly;
}

/** The `region` of a samconfig.toml's deploy parameters (the `default` environment first). */
export function samConfigRegion(text: string): string | undefined {
  let section = '';
  const found = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      section = header[1].trim();
      continue;
    }
    const region = /^\s*region\s*=\s*["']([a-z0-9-]+)["']/.exec(line);
    if (region && (section.endsWith('.deploy.parameters') || section.endsWith('.global.parameters'))) found.set(section.split('.')[0], region[1]);
  }
  return found.get('default') ?? found.values().next().value;
}
