// The schema the Red Hat YAML extension gets for catalogs (contributes.yamlValidation): one that
// claims the files and describes nothing. CAP Advisor itself completes, hovers and validates a
// catalog, with its labels, its did-you-mean and its quick fixes; a schema with properties,
// descriptions or value lists had Red Hat offer each key, store and description a second time
// (8 + 8 stores, the same hover text twice, a repeated resources entry reported twice). Claiming
// the files still keeps another schema mapped to *.yaml (Kubernetes, say) off them.
// schemas/data-catalog.schema.json stays whole, for the CLI and for other editors.
export function editorSchema(schema) {
  return {
    $comment: `${schema.title}: CAP Advisor completes, explains and checks these files itself; this schema only claims them, so that the YAML extension adds no second copy.`,
  };
}
