// The schema the Red Hat YAML extension gets (contributes.yamlValidation): the catalog schema's
// properties, descriptions, enums and snippets, for completion and hovers, with every validating
// keyword taken out. CAP Advisor reports schema violations itself (with a did-you-mean and a
// quick fix); with the strict schema Red Hat would report each one a second time.
const VALIDATING = new Set(['required', 'additionalProperties', 'unevaluatedProperties', 'pattern', 'minItems', 'minLength', 'minimum', 'if', 'then', 'else', 'type', 'const', 'enum']);

export function editorSchema(schema) {
  return relax(schema, schema);
}

function relax(node, root) {
  if (Array.isArray(node)) return node.map((item) => relax(item, root));
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' || key === '$defs') {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, relax(child, root)]));
    } else if (key === 'defaultSnippets' || key === 'default' || key === 'markdownEnumDescriptions') {
      out[key] = value;
    } else if (!VALIDATING.has(key)) {
      out[key] = relax(value, root);
    }
  }
  // A value list stays offered (completion reads it) without being enforced: any value also matches.
  const values = node.enum ?? (node.const !== undefined ? [node.const] : node.then?.enum);
  if (values) {
    const listed = { type: 'string', enum: values };
    const descriptions = node.markdownEnumDescriptions ?? node.then?.markdownEnumDescriptions;
    if (descriptions) listed.markdownEnumDescriptions = descriptions;
    out.anyOf = [listed, {}];
    delete out.markdownEnumDescriptions;
  }
  // A guard's object form lives in the `else` branch: its fields are offered inside a guard object.
  if (node.else?.$ref) out.anyOf = [...(out.anyOf ?? [{}]).filter((alt) => Object.keys(alt).length > 0), { $ref: node.else.$ref }, {}];
  // Types guide how Red Hat inserts a key (`key: `, or `key:` and a nested block); without them
  // it inserts the bare key. A scalar's type stays inside an anyOf that accepts anything, so a
  // wrong value is still ours to report. Lists and mappings keep theirs as it is: Red Hat offers
  // nothing inside a container whose type is only one alternative of an anyOf.
  if (node.type === 'object' || node.type === 'array') out.type = node.type;
  else if (node.type && !values) out.anyOf = [...(out.anyOf ?? []).filter((alt) => Object.keys(alt).length > 0), { type: node.type }, {}];
  // A `$ref` beside other keywords (a data type: its fields plus `name`) is read by Red Hat as the
  // `$ref` alone; as an allOf it sees both.
  if (out.$ref && (out.properties || out.type)) {
    const { $ref, description, markdownDescription, defaultSnippets, ...rest } = out;
    return { description, markdownDescription, ...(defaultSnippets ? { defaultSnippets } : {}), allOf: [{ $ref }, rest] };
  }
  return out;
}
