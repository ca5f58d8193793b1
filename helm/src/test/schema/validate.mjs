// Validates Kubernetes manifests against the JSON schemas generated from the Kubernetes OpenAPI specification
// (package kubernetes-models) and from prometheus-operator's CRDs (@kubernetes-models/prometheus-operator):
// required fields, types, formats and enumerations. Unknown fields are not reported here (these schemas allow
// them); ManifestSchemaTests' strict fabric8 parsing catches those.
//
//   node validate.mjs manifests.json   ->  prints [{"kind", "name", "valid", "errors"}, ...] as JSON
//
// manifests.json: a JSON array of manifests. An apiVersion/kind without a schema here is reported as an error.
import { readFileSync } from "node:fs";

const manifests = JSON.parse(readFileSync(process.argv[2], "utf8"));
const results = [];
for (const manifest of manifests) {
  const [group, version] = manifest.apiVersion.includes("/") ? manifest.apiVersion.split("/") : ["", manifest.apiVersion];
  const name = manifest.metadata?.name;
  let model;
  try {
    const module = group === "monitoring.coreos.com"
      ? await import(`@kubernetes-models/prometheus-operator/${group}/${version}`)
      : await import(group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`);
    model = module[manifest.kind];
  } catch (error) {
    model = undefined;
  }
  if (!model) {
    results.push({ kind: manifest.kind, name, valid: false, errors: [`no schema for ${manifest.apiVersion} ${manifest.kind}`] });
    continue;
  }
  try {
    new model(manifest).validate();
    results.push({ kind: manifest.kind, name, valid: true, errors: [] });
  } catch (error) {
    results.push({ kind: manifest.kind, name, valid: false, errors: String(error.message).split("\n") });
  }
}
process.stdout.write(JSON.stringify(results));
