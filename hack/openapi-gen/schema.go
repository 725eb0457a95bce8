package main

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

const refPrefix = "#/components/schemas/"

type schema = map[string]any

// openAPITyped, openAPIFormatted and openAPIV3OneOf are the methods apimachinery's
// special types (Time, MicroTime, Duration, Quantity, IntOrString, apiextensions'
// JSON*) implement to describe their wire form; kube-openapi honours them, so do we.
type openAPITyped interface{ OpenAPISchemaType() []string }
type openAPIFormatted interface{ OpenAPISchemaFormat() string }
type openAPIV3OneOf interface{ OpenAPIV3OneOfTypes() []string }
type swaggerDocumented interface{ SwaggerDoc() map[string]string }

var unmarshalerType = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()

// generator walks Go types by reflection and builds one OpenAPI v3 component schema
// per named struct, the way kube-openapi's openapi-gen does from the same types.
type generator struct {
	comments *commentIndex
	schemas  map[string]schema
	types    map[string]reflect.Type
	gvks     map[reflect.Type][]map[string]string
	opaque   []string // types decoded by their own UnmarshalJSON, kept free-form
}

func newGenerator() *generator {
	return &generator{
		comments: newCommentIndex(),
		schemas:  map[string]schema{},
		types:    map[string]reflect.Type{},
		gvks:     map[reflect.Type][]map[string]string{},
	}
}

// definitionName is upstream's name for a Go type: the package path with its domain
// reversed and slashes as dots, then the type name (k8s.io/api/core/v1.ConfigMap ->
// io.k8s.api.core.v1.ConfigMap).
func definitionName(t reflect.Type) string {
	parts := strings.Split(t.PkgPath(), "/")
	domain := strings.Split(parts[0], ".")
	for i, j := 0, len(domain)-1; i < j; i, j = i+1, j-1 {
		domain[i], domain[j] = domain[j], domain[i]
	}
	return strings.Join(append(domain, parts[1:]...), ".") + "." + t.Name()
}

func (g *generator) addGVK(t reflect.Type, group, version, kindName string) {
	g.gvks[t] = append(g.gvks[t], map[string]string{"group": group, "version": version, "kind": kindName})
}

// define makes sure t has a component schema and returns its name.
func (g *generator) define(t reflect.Type) string {
	name := definitionName(t)
	if _, done := g.types[name]; done {
		return name
	}
	g.types[name] = t
	g.schemas[name] = schema{} // reserved: recursive types refer to themselves
	g.schemas[name] = g.definition(t)
	return name
}

func hasMethods[I any](t reflect.Type) (I, bool) {
	v, ok := reflect.New(t).Elem().Interface().(I)
	return v, ok
}

func (g *generator) typeDescription(t reflect.Type) string {
	if doc, ok := hasMethods[swaggerDocumented](t); ok {
		if d := doc.SwaggerDoc()[""]; d != "" {
			return d
		}
	}
	return description(g.comments.of(t).doc)
}

func (g *generator) definition(t reflect.Type) schema {
	s := schema{}
	if d := g.typeDescription(t); d != "" {
		s["description"] = d
	}
	if gvks := g.gvks[t]; len(gvks) > 0 {
		s["x-kubernetes-group-version-kind"] = gvks
	}
	typed, isTyped := hasMethods[openAPITyped](t)
	formatted, isFormatted := hasMethods[openAPIFormatted](t)
	if isTyped && isFormatted {
		if format := formatted.OpenAPISchemaFormat(); format != "" {
			s["format"] = format
		}
		if oneOf, ok := hasMethods[openAPIV3OneOf](t); ok {
			var alternatives []schema
			for _, name := range oneOf.OpenAPIV3OneOfTypes() {
				alternatives = append(alternatives, schema{"type": name})
			}
			s["oneOf"] = alternatives
		} else if types := typed.OpenAPISchemaType(); len(types) == 1 {
			s["type"] = types[0]
		}
		return s
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		// RawExtension, FieldsV1: any JSON object, decoded by the type itself. Upstream
		// says just `type: object`; the extension tells pruning to keep its content.
		g.opaque = append(g.opaque, definitionName(t))
		s["type"] = "object"
		s["x-kubernetes-preserve-unknown-fields"] = true
		return s
	}
	s["type"] = "object"
	properties, required := schema{}, []string{}
	g.members(t, properties, &required)
	if len(properties) > 0 {
		s["properties"] = properties
	}
	if len(required) > 0 {
		s["required"] = required
	}
	markers := g.comments.of(t).doc
	if v := markerValues(markers, "structType"); len(v) > 0 {
		s["x-kubernetes-map-type"] = v[0]
	}
	return s
}

// members adds the JSON fields of struct t (inlined structs included) to properties.
func (g *generator) members(t reflect.Type, properties schema, required *[]string) {
	var swagger map[string]string
	if doc, ok := hasMethods[swaggerDocumented](t); ok {
		swagger = doc.SwaggerDoc()
	}
	comments := g.comments.of(t)
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" || (!f.IsExported() && !f.Anonymous) {
			continue
		}
		if (f.Anonymous && name == "") || (name == "" && strings.Contains(opts, "inline")) {
			inner := f.Type
			for inner.Kind() == reflect.Pointer {
				inner = inner.Elem()
			}
			g.members(inner, properties, required)
			continue
		}
		if name == "" {
			name = f.Name
		}
		lines := comments.fields[f.Name]
		desc := swagger[name]
		if desc == "" {
			desc = description(lines)
		}
		properties[name] = g.property(f, opts, lines, desc)
		if isRequired(lines, opts) {
			*required = append(*required, name)
		}
	}
}

// isRequired is kube-openapi's rule: `+required` or `+optional` decide; otherwise a
// field is required unless its json tag says omitempty.
func isRequired(lines []string, opts string) bool {
	if markerValues(lines, "required") != nil {
		return true
	}
	if markerValues(lines, "optional") != nil {
		return false
	}
	return !strings.Contains(opts, "omitempty")
}

func (g *generator) property(f reflect.StructField, opts string, lines []string, desc string) schema {
	var s schema
	if hasOpt(opts, "string") {
		s = schema{"type": "string"}
	} else {
		s = g.use(f.Type)
	}
	if ref, isRef := s["$ref"]; isRef && desc != "" {
		// OpenAPI v3 ignores siblings of $ref: upstream wraps it in allOf.
		s = schema{"allOf": []schema{{"$ref": ref}}}
	}
	if desc != "" {
		s["description"] = desc
	}
	if v := f.Tag.Get("patchStrategy"); v != "" {
		s["x-kubernetes-patch-strategy"] = v
	}
	if v := f.Tag.Get("patchMergeKey"); v != "" {
		s["x-kubernetes-patch-merge-key"] = v
	}
	if v := markerValues(lines, "listType"); len(v) > 0 {
		s["x-kubernetes-list-type"] = v[0]
	}
	if v := markerValues(lines, "listMapKey"); len(v) > 0 {
		s["x-kubernetes-list-map-keys"] = v
	}
	if v := markerValues(lines, "mapType"); len(v) > 0 {
		s["x-kubernetes-map-type"] = v[0]
	}
	return s
}

func hasOpt(opts, want string) bool {
	for _, o := range strings.Split(opts, ",") {
		if o == want {
			return true
		}
	}
	return false
}

// use is the schema of a value of type t where it is used: a $ref for named structs,
// inline for built-in kinds, slices and maps (named ones included, as upstream).
func (g *generator) use(t reflect.Type) schema {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() == reflect.Struct {
		if t.Name() == "" {
			panic(fmt.Sprintf("anonymous struct type %v is not supported", t))
		}
		return schema{"$ref": refPrefix + g.define(t)}
	}
	switch t.Kind() {
	case reflect.String:
		return schema{"type": "string"}
	case reflect.Bool:
		return schema{"type": "boolean"}
	case reflect.Int, reflect.Int16, reflect.Int32, reflect.Uint, reflect.Uint16:
		return schema{"type": "integer", "format": "int32"}
	case reflect.Int64, reflect.Uint32, reflect.Uint64:
		return schema{"type": "integer", "format": "int64"}
	case reflect.Int8, reflect.Uint8:
		return schema{"type": "integer", "format": "byte"}
	case reflect.Float32:
		return schema{"type": "number", "format": "float"}
	case reflect.Float64:
		return schema{"type": "number", "format": "double"}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return schema{"type": "string", "format": "byte"}
		}
		return schema{"type": "array", "items": g.use(t.Elem())}
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			panic(fmt.Sprintf("map with non-string keys %v", t))
		}
		return schema{"type": "object", "additionalProperties": g.use(t.Elem())}
	}
	panic(fmt.Sprintf("cannot describe Go type %v (%v)", t, t.Kind()))
}
