// Command openapi-gen writes kcp-py's OpenAPI v3 component schemas for the built-in
// kinds, by reflection over the Go types of k8s.io/api, k8s.io/apimachinery and
// k8s.io/apiextensions-apiserver (see kinds.go for the list).
//
// It follows kube-openapi's openapi-gen where both can see the same thing:
//   - names: the Go package path with its domain reversed (io.k8s.api.core.v1.ConfigMap);
//   - types and formats by Go kind (int32, int64, byte for []byte, double, ...), and the
//     OpenAPISchemaType/Format/V3OneOfTypes methods of Time, Quantity, IntOrString, ...;
//   - descriptions from the types' SwaggerDoc() maps, else from their doc comments,
//     rendered as kube-openapi renders comments;
//   - required: `+required`/`+optional` markers, else no `omitempty` in the json tag;
//   - x-kubernetes-patch-strategy / -patch-merge-key from the patchStrategy and
//     patchMergeKey struct tags; x-kubernetes-list-type / -list-map-keys / -map-type
//     from the `+listType`, `+listMapKey`, `+mapType`, `+structType` comment markers,
//     read from the package sources (go/parser), since reflection cannot see comments;
//   - x-kubernetes-group-version-kind on every kind and list kind.
//
// Not generated: defaults, enums, x-kubernetes-unions. Types that decode themselves
// (RawExtension, FieldsV1) carry x-kubernetes-preserve-unknown-fields, so that pruning
// keeps their content.
//
// Output: one <group or core>_<version>.json per API package with the schemas that the
// kinds reach, apimachinery.json for the k8s.io/apimachinery types, and parameters.json
// with the descriptions of the query parameters (meta/v1 *Options fields).
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
)

func main() {
	out := flag.String("out", "", "directory to write the JSON files to")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: openapi-gen -out DIR")
		os.Exit(2)
	}
	g := newGenerator()
	fileOf := map[string]string{} // Go package path -> file stem
	var roots []reflect.Type
	for _, gv := range groupVersions {
		stem := gv.group
		if stem == "" {
			stem = "core"
		}
		stem += "_" + gv.version
		for _, k := range gv.kinds {
			t := reflect.TypeOf(k.obj)
			g.addGVK(t, gv.group, gv.version, k.name)
			roots = append(roots, t)
			fileOf[t.PkgPath()] = stem
			if k.list != nil {
				lt := reflect.TypeOf(k.list)
				g.addGVK(lt, gv.group, gv.version, k.name+"List")
				roots = append(roots, lt)
			}
		}
		for _, m := range metaKinds {
			if m.gvk != nil && m.gvk(gv) {
				g.addGVK(reflect.TypeOf(m.obj), gv.group, gv.version, m.name)
			}
		}
	}
	for _, m := range metaKinds {
		roots = append(roots, reflect.TypeOf(m.obj))
	}
	for _, t := range roots {
		g.define(t)
	}
	files := map[string]map[string]schema{}
	for name, t := range g.types {
		stem, ok := fileOf[t.PkgPath()]
		if !ok && strings.HasPrefix(t.PkgPath(), "k8s.io/apimachinery/") {
			stem, ok = "apimachinery", true
		}
		if !ok {
			panic(fmt.Sprintf("%s: no file for package %s", name, t.PkgPath()))
		}
		if files[stem] == nil {
			files[stem] = map[string]schema{}
		}
		files[stem][name] = g.schemas[name]
	}
	for stem, schemas := range files {
		write(filepath.Join(*out, stem+".json"), map[string]any{"components": map[string]any{"schemas": schemas}})
	}
	write(filepath.Join(*out, "parameters.json"), g.parameters())
	sort.Strings(g.opaque)
	fmt.Printf("openapi-gen: %d schemas in %d files; self-decoding (free-form) types: %s\n",
		len(g.schemas), len(files)+1, strings.Join(g.opaque, ", "))
}

// parameters describes the query parameters of each meta/v1 options type:
// {"PatchOptions": {"fieldValidation": {"type": "string", "description": "..."}}}.
func (g *generator) parameters() map[string]any {
	result := map[string]any{}
	for _, o := range optionTypes {
		t := reflect.TypeOf(o)
		props, required := schema{}, []string{}
		g.members(t, props, &required)
		params := map[string]any{}
		for name, p := range props {
			prop := p.(schema)
			if name == "apiVersion" || name == "kind" {
				continue
			}
			typ, _ := prop["type"].(string)
			if typ == "array" {
				typ = "string" // repeated query parameter
			}
			if typ == "" || typ == "object" {
				continue // preconditions: body only
			}
			params[name] = map[string]any{"type": typ, "description": prop["description"]}
		}
		result[t.Name()] = params
	}
	return map[string]any{"parameters": result}
}

func write(path string, value any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(value); err != nil {
		panic(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		panic(err)
	}
}
