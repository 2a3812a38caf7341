// The Red Hat YAML extension validates and completes every YAML file against the schemas mapped to
// it. Our `yamlValidation` contribution is only an association, which a user's `yaml.schemas`
// entry or another extension's association on `*.yaml` outranks: Red Hat then checks a catalog
// against, say, Kubernetes' schema and reports "Property dataTypes is not allowed". A schema
// contributor (Red Hat's API for other extensions) is asked before any association or setting and
// after only a `# yaml-language-server: $schema=` line, so catalogs get CAP Advisor's own editor
// schema whatever else is mapped.
import * as vscode from 'vscode';
import { declaresCatalogApiVersion } from '../engine';
import { isCatalogPath } from '../lsp/settings';
import { readSettings } from './settings';

export const RED_HAT_YAML_ID = 'redhat.vscode-yaml';
/** The contributor's name, which Red Hat also uses as the URI scheme it asks us for content. */
export const SCHEMA_CONTRIBUTOR = 'cap-advisor';
export const CATALOG_SCHEMA_URI = `${SCHEMA_CONTRIBUTOR}://schemas/data-catalog.editor.schema.json`;

/** What the Red Hat YAML extension's `activate` returns (its schema-extension API). */
interface RedHatYamlApi {
  registerContributor(
    schema: string,
    requestSchema: (resource: string) => string | undefined,
    requestSchemaContent: (uri: string) => string,
    label?: string,
  ): boolean;
}

/** The two callbacks Red Hat calls: which schema a YAML file gets, and that schema's text. */
export interface CatalogSchemaContributor {
  requestSchema(resource: string): string | undefined;
  requestSchemaContent(uri: string): string;
}

/** A catalog is what the language server analyses: a name the catalog globs match, or a head declaring `apiVersion: cap-advisor/v1`. */
export async function catalogSchemaContributor(extensionUri: vscode.Uri): Promise<CatalogSchemaContributor> {
  // Read once: older versions of Red Hat's API pass the content on without awaiting it.
  const schemaText = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist/data-catalog.editor.schema.json')));
  return {
    requestSchema(resource) {
      let uri: vscode.Uri;
      try {
        uri = vscode.Uri.parse(resource, true);
      } catch {
        return undefined;
      }
      const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
      const isCatalog = isCatalogPath(uri.path, readSettings(uri).catalogGlobs) || (open !== undefined && declaresCatalogApiVersion(open.getText()));
      return isCatalog ? CATALOG_SCHEMA_URI : undefined;
    },
    requestSchemaContent: (uri) => (uri === CATALOG_SCHEMA_URI ? schemaText : '{}'),
  };
}

/**
 * Registers the contributor with the Red Hat YAML extension when it is installed, now or later.
 * Activating it is what its API asks for; it is not activated when it is absent or disabled.
 */
export function contributeCatalogSchemaToRedHatYaml(contributor: Promise<CatalogSchemaContributor>, log: vscode.LogOutputChannel): vscode.Disposable {
  let registered = false;
  const register = async (): Promise<void> => {
    const redHat = vscode.extensions.getExtension<RedHatYamlApi>(RED_HAT_YAML_ID);
    if (registered || !redHat) return;
    registered = true;
    try {
      const api = await redHat.activate();
      if (typeof api?.registerContributor !== 'function') {
        log.warn(`${RED_HAT_YAML_ID} has no registerContributor: catalogs keep the schema association only`);
        return;
      }
      const { requestSchema, requestSchemaContent } = await contributor;
      api.registerContributor(SCHEMA_CONTRIBUTOR, requestSchema, requestSchemaContent, 'CAP Advisor data catalog');
      log.info(`catalog schema contributed to ${RED_HAT_YAML_ID}`);
    } catch (error) {
      log.warn(`could not contribute the catalog schema to ${RED_HAT_YAML_ID}: ${(error as Error).message}`);
    }
  };
  void register();
  return vscode.extensions.onDidChange(() => void register());
}
