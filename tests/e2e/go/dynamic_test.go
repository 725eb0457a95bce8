package e2e

import (
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
)

var (
	configMapsGVR = schema.GroupVersionResource{Version: "v1", Resource: "configmaps"}
	rolesGVR      = schema.GroupVersionResource{Group: "rbac.authorization.k8s.io", Version: "v1", Resource: "roles"}
)

// TestDynamicConfigMaps uses the dynamic (JSON, unstructured) client.
func TestDynamicConfigMaps(t *testing.T) {
	ctx := testContext(t)
	res := dynamicClient(t).Resource(configMapsGVR).Namespace(testNamespace)
	name := uniqueName("dyn")
	obj := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "v1",
		"kind":       "ConfigMap",
		"metadata":   map[string]any{"name": name, "labels": map[string]any{"dyn": name}},
		"data":       map[string]any{"a": "1"},
	}}
	created, err := res.Create(ctx, obj, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if created.GetKind() != "ConfigMap" || created.GetAPIVersion() != "v1" || created.GetUID() == "" {
		t.Fatalf("create: kind %q apiVersion %q uid %q", created.GetKind(), created.GetAPIVersion(), created.GetUID())
	}

	list, err := res.List(ctx, metav1.ListOptions{LabelSelector: "dyn=" + name})
	if err != nil {
		t.Fatalf("list: %v", err)
	}
	if len(list.Items) != 1 || list.Items[0].GetName() != name {
		t.Fatalf("list: %d items", len(list.Items))
	}

	if err := unstructured.SetNestedField(created.Object, "2", "data", "a"); err != nil {
		t.Fatal(err)
	}
	updated, err := res.Update(ctx, created, metav1.UpdateOptions{})
	if err != nil {
		t.Fatalf("update: %v", err)
	}
	if v, _, _ := unstructured.NestedString(updated.Object, "data", "a"); v != "2" {
		t.Fatalf("update: data.a = %q", v)
	}
	if _, err := res.Update(ctx, created, metav1.UpdateOptions{}); !apierrors.IsConflict(err) {
		t.Fatalf("stale update: got %v, want Conflict", err)
	}

	patched, err := res.Patch(ctx, name, types.MergePatchType, []byte(`{"data":{"b":"3"}}`), metav1.PatchOptions{})
	if err != nil {
		t.Fatalf("merge patch: %v", err)
	}
	if data, _, _ := unstructured.NestedStringMap(patched.Object, "data"); data["a"] != "2" || data["b"] != "3" {
		t.Fatalf("merge patch: data %v", data)
	}

	if err := res.Delete(ctx, name, metav1.DeleteOptions{}); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if _, err := res.Get(ctx, name, metav1.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Fatalf("get after delete: got %v, want NotFound", err)
	}
}

// TestDynamicRoles exercises an API group (rbac.authorization.k8s.io) through
// the dynamic client.
func TestDynamicRoles(t *testing.T) {
	ctx := testContext(t)
	res := dynamicClient(t).Resource(rolesGVR).Namespace(testNamespace)
	name := uniqueName("dyn-role")
	role := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "rbac.authorization.k8s.io/v1",
		"kind":       "Role",
		"metadata":   map[string]any{"name": name},
		"rules": []any{map[string]any{
			"apiGroups": []any{""},
			"resources": []any{"configmaps"},
			"verbs":     []any{"get", "list"},
		}},
	}}
	created, err := res.Create(ctx, role, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if created.GetKind() != "Role" || created.GetAPIVersion() != "rbac.authorization.k8s.io/v1" {
		t.Fatalf("create: kind %q apiVersion %q", created.GetKind(), created.GetAPIVersion())
	}
	if _, err := res.Create(ctx, role, metav1.CreateOptions{}); !apierrors.IsAlreadyExists(err) {
		t.Fatalf("second create: got %v, want AlreadyExists", err)
	}

	patch := []byte(`[{"op":"add","path":"/rules/0/verbs/-","value":"watch"}]`)
	patched, err := res.Patch(ctx, name, types.JSONPatchType, patch, metav1.PatchOptions{})
	if err != nil {
		t.Fatalf("json patch: %v", err)
	}
	rules, _, _ := unstructured.NestedSlice(patched.Object, "rules")
	if len(rules) != 1 {
		t.Fatalf("json patch: rules %v", rules)
	}
	verbs, _, _ := unstructured.NestedStringSlice(rules[0].(map[string]any), "verbs")
	if len(verbs) != 3 || verbs[2] != "watch" {
		t.Fatalf("json patch: verbs %v", verbs)
	}

	list, err := res.List(ctx, metav1.ListOptions{})
	if err != nil {
		t.Fatalf("list: %v", err)
	}
	found := false
	for _, item := range list.Items {
		found = found || item.GetName() == name
	}
	if !found {
		t.Fatalf("list: role %s missing", name)
	}

	// A rule without verbs is invalid upstream.
	bad := role.DeepCopy()
	bad.SetName(uniqueName("bad-role"))
	_ = unstructured.SetNestedSlice(bad.Object, []any{map[string]any{"apiGroups": []any{""}, "resources": []any{"pods"}}}, "rules")
	if _, err := res.Create(ctx, bad, metav1.CreateOptions{}); !apierrors.IsInvalid(err) {
		t.Fatalf("role without verbs: got %v, want Invalid", err)
	}

	if err := res.Delete(ctx, name, metav1.DeleteOptions{}); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if _, err := res.Get(ctx, name, metav1.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Fatalf("get after delete: got %v, want NotFound", err)
	}
}
