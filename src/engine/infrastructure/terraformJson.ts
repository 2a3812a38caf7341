// `terraform show -json` output (a plan's planned values, or a state's values) and raw state
// files (version 4), for CI where values are resolved. Each resource's Region: its own `region`
// attribute (AWS provider 6), else its provider configuration's `region` (a constant, or a
// variable's value in the plan), else the Region in its ARN (state), else unknown. The position
// of a resource is where its address is written in the file.
import type { TerraformResource, TerraformValue } from './hcl';
import { LineStarts, type Unknown } from '../model/deployed';

interface ValuesResource {
  address?: string;
  mode?: string;
  type?: string;
  values?: Record<string, TerraformValue>;
  provider_name?: string;
}

interface ValuesModule {
  resources?: ValuesResource[];
  child_modules?: ValuesModule[];
}

interface ConfigurationModule {
  resources?: Array<{ address?: string; provider_config_key?: string }>;
  module_calls?: Record<string, { module?: ConfigurationModule }>;
}

interface ShowJson {
  format_version?: string;
  planned_values?: { root_module?: ValuesModule };
  values?: { root_module?: ValuesModule };
  configuration?: {
    provider_config?: Record<string, { expressions?: { region?: { constant_value?: unknown; references?: string[] } } }>;
    root_module?: ConfigurationModule;
  };
  variables?: Record<string, { value?: unknown }>;
}

interface StateV4 {
  version?: number;
  terraform_version?: string;
  resources?: Array<{
    module?: string;
    mode?: string;
    type?: string;
    name?: string;
    provider?: string;
    instances?: Array<{ index_key?: string | number; attributes?: Record<string, TerraformValue> }>;
  }>;
}

/** Whether a parsed JSON file is Terraform's: a plan or `show -json` output, or a state file. */
export function isTerraformJson(value: unknown): boolean {
  const json = value as (ShowJson & StateV4) | null;
  return (
    !!json &&
    typeof json === 'object' &&
    ((typeof json.format_version === 'string' && ('planned_values' in json || 'values' in json || 'configuration' in json)) ||
      (json.version === 4 && typeof json.terraform_version === 'string'))
  );
}

export function readTerraformJson(text: string, file: string): TerraformResource[] | { error: string } {
  let json: ShowJson & StateV4;
  try {
    json = JSON.parse(text) as ShowJson & StateV4;
  } catch (error) {
    return { error: `it does not parse as JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const lines = new LineStarts(text);
  const at = (address: string) => {
    const match = new RegExp(`"address"\\s*:\\s*"${address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).exec(text);
    const start = match?.index ?? 0;
    return lines.range(start, start + (match?.[0].length ?? 1));
  };
  if (json.version === 4 && Array.isArray(json.resources)) {
    // A state names a resource by its type and name, written in that order.
    const atState = (type: string, name: string) => {
      const match = new RegExp(`"type"\\s*:\\s*"${type}"\\s*,\\s*"name"\\s*:\\s*"${name}"`).exec(text);
      const start = match?.index ?? 0;
      return lines.range(start, start + (match?.[0].length ?? 1));
    };
    return fromState(json, file, atState);
  }
  const major = typeof json.format_version === 'string' ? json.format_version.split('.')[0] : undefined;
  if (major !== '1') return { error: `its format_version ${String(json.format_version)} is not one this version reads (1.x)` };
  const root = json.planned_values?.root_module ?? json.values?.root_module;
  if (!root) return { error: 'it has neither planned_values nor values: run `terraform show -json` on a plan or a state' };
  const providerKeys = new Map<string, string>();
  const collectKeys = (module: ConfigurationModule | undefined, prefix: string) => {
    for (const resource of module?.resources ?? [])
      if (resource.address && resource.provider_config_key) providerKeys.set(`${prefix}${resource.address}`, resource.provider_config_key);
    for (const [name, call] of Object.entries(module?.module_calls ?? {})) collectKeys(call.module, `${prefix}module.${name}.`);
  };
  collectKeys(json.configuration?.root_module, '');
  const regionOfKey = (key: string | undefined): string | Unknown => {
    const config = key ? (json.configuration?.provider_config?.[key] ?? json.configuration?.provider_config?.[key.split(':').pop() ?? '']) : undefined;
    const region = config?.expressions?.region;
    if (typeof region?.constant_value === 'string') return region.constant_value;
    const variable = region?.references?.find((reference) => reference.startsWith('var.'))?.slice(4);
    const value = variable ? json.variables?.[variable]?.value : undefined;
    if (typeof value === 'string') return value;
    return { unknown: key ? `the Region of provider ${key}, which the plan does not fix` : 'the Region of a provider the plan does not configure' };
  };
  const resources: TerraformResource[] = [];
  const walk = (module: ValuesModule | undefined) => {
    for (const resource of module?.resources ?? []) {
      if (resource.mode !== 'managed' || !resource.address || !resource.type) continue;
      const values = resource.values ?? {};
      const configAddress = resource.address.replace(/\[[^\]]*\]/g, '');
      const region = typeof values.region === 'string' ? values.region : regionOfKey(providerKeys.get(configAddress));
      const modulePath = resource.address.includes('module.') ? resource.address.slice(0, resource.address.lastIndexOf(`${resource.type}.`) - 1) : '';
      resources.push({ address: resource.address, type: resource.type, file, range: at(resource.address), values, region, module: modulePath });
    }
    for (const child of module?.child_modules ?? []) walk(child);
  };
  walk(root);
  return resources;
}

function fromState(state: StateV4, file: string, at: (type: string, name: string) => TerraformResource['range']): TerraformResource[] {
  const resources: TerraformResource[] = [];
  for (const resource of state.resources ?? []) {
    if (resource.mode !== 'managed' || !resource.type || !resource.name) continue;
    for (const instance of resource.instances ?? []) {
      const base = `${resource.module ? `${resource.module}.` : ''}${resource.type}.${resource.name}`;
      const address = instance.index_key === undefined ? base : `${base}[${JSON.stringify(instance.index_key)}]`;
      const values = instance.attributes ?? {};
      const arn = typeof values.arn === 'string' ? values.arn.split(':')[3] : undefined;
      const region: string | Unknown =
        typeof values.region === 'string' ? values.region : arn ? arn : { unknown: `the Region of ${address}, which its state does not record` };
      resources.push({ address, type: resource.type, file, range: at(resource.type, resource.name), values, region, module: resource.module ?? '' });
    }
  }
  return resources;
}
