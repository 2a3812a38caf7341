// The deployed system, read from infrastructure as code: public entry for the shells.
export { readCloudAssembly, samConfigRegion } from './cdk';
export { infrastructureEntriesOf } from './entries';
export type { InfrastructureEntry } from './entries';
export { deployedSystem } from './system';
export type { InfrastructureFiles } from './system';
export * from '../model/deployed';
export { evaluateModules, isReference, MAX_MODULE_DEPTH } from './hcl';
export type { HclBlock, HclExpression, HclFile, HclStep, TerraformModule, TerraformResource, TerraformValue } from './hcl';
export { terraformStores } from './terraformStores';
export { isTerraformJson, readTerraformJson } from './terraformJson';
