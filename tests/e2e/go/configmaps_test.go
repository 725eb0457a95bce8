package e2e

import (
	"errors"
	"net/http"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

// TestConfigMapLifecycle walks one ConfigMap through create, get, list,
// update, three patch flavours and delete with the typed clientset, which
// sends protobuf request bodies (client-go 1.32 prefers protobuf).
func TestConfigMapLifecycle(t *testing.T) {
	ctx := testContext(t)
	cms := clientset(t).CoreV1().ConfigMaps(testNamespace)
	name := uniqueName("typed")
	app := uniqueName("app")

	created, err := cms.Create(ctx, &corev1.ConfigMap{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{"app": app}},
		Data:       map[string]string{"key": "value"},
	}, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if created.UID == "" || created.ResourceVersion == "" || created.CreationTimestamp.IsZero() {
		t.Fatalf("create: server-owned metadata missing: %+v", created.ObjectMeta)
	}
	if created.Namespace != testNamespace || created.Data["key"] != "value" {
		t.Fatalf("create: unexpected object %+v", created)
	}

	t.Run("get", func(t *testing.T) {
		got, err := cms.Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			t.Fatalf("get: %v", err)
		}
		if got.UID != created.UID || got.ResourceVersion != created.ResourceVersion {
			t.Fatalf("get: uid/rv %s/%s, want %s/%s", got.UID, got.ResourceVersion, created.UID, created.ResourceVersion)
		}
	})

	t.Run("list by label selector", func(t *testing.T) {
		other := uniqueName("typed-other")
		if _, err := cms.Create(ctx, &corev1.ConfigMap{
			ObjectMeta: metav1.ObjectMeta{Name: other, Labels: map[string]string{"app": "someone-else"}},
		}, metav1.CreateOptions{}); err != nil {
			t.Fatalf("create other: %v", err)
		}
		t.Cleanup(func() { _ = cms.Delete(ctx, other, metav1.DeleteOptions{}) })
		list, err := cms.List(ctx, metav1.ListOptions{LabelSelector: "app=" + app})
		if err != nil {
			t.Fatalf("list: %v", err)
		}
		if len(list.Items) != 1 || list.Items[0].Name != name {
			t.Fatalf("list app=%s: got %d items %v, want only %s", app, len(list.Items), names(list.Items), name)
		}
		if list.ResourceVersion == "" {
			t.Fatal("list: metadata.resourceVersion is empty")
		}
	})

	var current *corev1.ConfigMap
	t.Run("update", func(t *testing.T) {
		fresh, err := cms.Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			t.Fatalf("get: %v", err)
		}
		fresh.Data["key"] = "updated"
		updated, err := cms.Update(ctx, fresh, metav1.UpdateOptions{})
		if err != nil {
			t.Fatalf("update: %v", err)
		}
		if updated.Data["key"] != "updated" || updated.ResourceVersion == fresh.ResourceVersion {
			t.Fatalf("update: data %v rv %s (was %s)", updated.Data, updated.ResourceVersion, fresh.ResourceVersion)
		}
		current = updated
	})

	t.Run("update with stale resourceVersion conflicts", func(t *testing.T) {
		stale := created.DeepCopy()
		stale.Data = map[string]string{"key": "stale"}
		_, err := cms.Update(ctx, stale, metav1.UpdateOptions{})
		if !apierrors.IsConflict(err) {
			t.Fatalf("stale update: got %v, want a Conflict", err)
		}
	})

	t.Run("strategic merge patch", func(t *testing.T) {
		patched, err := cms.Patch(ctx, name, types.StrategicMergePatchType,
			[]byte(`{"metadata":{"labels":{"smp":"yes"}},"data":{"smp":"1"}}`), metav1.PatchOptions{})
		if err != nil {
			t.Fatalf("patch: %v", err)
		}
		if patched.Labels["smp"] != "yes" || patched.Labels["app"] != app || patched.Data["smp"] != "1" || patched.Data["key"] != "updated" {
			t.Fatalf("patch: labels %v data %v", patched.Labels, patched.Data)
		}
	})

	t.Run("merge patch", func(t *testing.T) {
		patched, err := cms.Patch(ctx, name, types.MergePatchType,
			[]byte(`{"data":{"merge":"2","smp":null}}`), metav1.PatchOptions{})
		if err != nil {
			t.Fatalf("patch: %v", err)
		}
		if _, ok := patched.Data["smp"]; ok || patched.Data["merge"] != "2" || patched.Data["key"] != "updated" {
			t.Fatalf("patch: data %v", patched.Data)
		}
	})

	t.Run("json patch", func(t *testing.T) {
		patched, err := cms.Patch(ctx, name, types.JSONPatchType,
			[]byte(`[{"op":"replace","path":"/data/key","value":"json"},{"op":"remove","path":"/data/merge"}]`),
			metav1.PatchOptions{})
		if err != nil {
			t.Fatalf("patch: %v", err)
		}
		if len(patched.Data) != 1 || patched.Data["key"] != "json" {
			t.Fatalf("patch: data %v", patched.Data)
		}
		if current != nil && patched.ResourceVersion == current.ResourceVersion {
			t.Fatalf("patch: resourceVersion did not change (%s)", patched.ResourceVersion)
		}
	})

	t.Run("failing json patch test op is invalid", func(t *testing.T) {
		_, err := cms.Patch(ctx, name, types.JSONPatchType,
			[]byte(`[{"op":"test","path":"/data/key","value":"nope"}]`), metav1.PatchOptions{})
		// Upstream answers a generic 422, whose reason apierrors reads as Invalid.
		var status apierrors.APIStatus
		if !errors.As(err, &status) || status.Status().Code != 422 || !apierrors.IsInvalid(err) {
			t.Fatalf("failing test op: got %v, want HTTP 422 Invalid", err)
		}
	})

	t.Run("delete", func(t *testing.T) {
		// Typed Delete sends a protobuf DeleteOptions body.
		policy := metav1.DeletePropagationBackground
		if err := cms.Delete(ctx, name, metav1.DeleteOptions{PropagationPolicy: &policy}); err != nil {
			t.Fatalf("delete: %v", err)
		}
		if _, err := cms.Get(ctx, name, metav1.GetOptions{}); !apierrors.IsNotFound(err) {
			t.Fatalf("get after delete: got %v, want NotFound", err)
		}
		if err := cms.Delete(ctx, name, metav1.DeleteOptions{}); !apierrors.IsNotFound(err) {
			t.Fatalf("second delete: got %v, want NotFound", err)
		}
	})
}

// TestConfigMapDeleteOptionsBodies sends the DeleteOptions variants kubectl
// and controllers use; a server-side dry run must keep the object.
func TestConfigMapDeleteOptionsBodies(t *testing.T) {
	ctx := testContext(t)
	cs, rec := recordingClientset(t)
	cms := cs.CoreV1().ConfigMaps(testNamespace)
	name := uniqueName("delopts")
	if _, err := cms.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: name}}, metav1.CreateOptions{}); err != nil {
		t.Fatalf("create: %v", err)
	}
	t.Cleanup(func() { _ = cms.Delete(ctx, name, metav1.DeleteOptions{}) })

	if err := cms.Delete(ctx, name, metav1.DeleteOptions{DryRun: []string{metav1.DryRunAll}}); err != nil {
		t.Fatalf("dry-run delete: %v", err)
	}
	if _, err := cms.Get(ctx, name, metav1.GetOptions{}); err != nil {
		t.Fatalf("get after dry-run delete: %v (dryRun in the protobuf DeleteOptions body was ignored?)", err)
	}

	got, err := cms.Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		t.Fatalf("get: %v", err)
	}
	staleUID := types.UID("00000000-0000-0000-0000-000000000000")
	err = cms.Delete(ctx, name, metav1.DeleteOptions{Preconditions: &metav1.Preconditions{UID: &staleUID}})
	if !apierrors.IsConflict(err) {
		t.Fatalf("delete with wrong uid precondition: got %v, want Conflict", err)
	}

	zero := int64(0)
	background := metav1.DeletePropagationBackground
	err = cms.Delete(ctx, name, metav1.DeleteOptions{
		GracePeriodSeconds: &zero,
		PropagationPolicy:  &background,
		Preconditions:      &metav1.Preconditions{UID: &got.UID, ResourceVersion: &got.ResourceVersion},
	})
	if err != nil {
		t.Fatalf("delete with matching preconditions: %v", err)
	}
	if _, err := cms.Get(ctx, name, metav1.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Fatalf("get after delete: got %v, want NotFound", err)
	}

	// Orphan: upstream adds the "orphan" finalizer and the garbage collector
	// removes it (and then the object) shortly after, so poll for NotFound.
	orphaned := uniqueName("delopts-orphan")
	if _, err := cms.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: orphaned}}, metav1.CreateOptions{}); err != nil {
		t.Fatalf("create: %v", err)
	}
	orphan := metav1.DeletePropagationOrphan
	if err := cms.Delete(ctx, orphaned, metav1.DeleteOptions{PropagationPolicy: &orphan}); err != nil {
		t.Fatalf("orphan delete: %v", err)
	}
	eventually(t, 10*time.Second, "orphan-deleted configmap to disappear", func() (bool, error) {
		_, err := cms.Get(ctx, orphaned, metav1.GetOptions{})
		return apierrors.IsNotFound(err), err
	})

	writes := 0
	for _, req := range rec.requests() {
		if req.method == http.MethodPost || req.method == http.MethodDelete {
			writes++
			if req.contentType != "application/vnd.kubernetes.protobuf" {
				t.Errorf("%s %s sent Content-Type %q, want protobuf", req.method, req.path, req.contentType)
			}
		}
	}
	if writes != 6 {
		t.Errorf("saw %d POST/DELETE requests, want 6: %+v", writes, rec.requests())
	}
}

// TestTypedErrors checks that failures decode into the Status reasons
// apierrors classifies.
func TestTypedErrors(t *testing.T) {
	ctx := testContext(t)
	cms := clientset(t).CoreV1().ConfigMaps(testNamespace)

	t.Run("not found", func(t *testing.T) {
		_, err := cms.Get(ctx, uniqueName("missing"), metav1.GetOptions{})
		if !apierrors.IsNotFound(err) {
			t.Fatalf("got %v, want NotFound", err)
		}
	})

	t.Run("already exists", func(t *testing.T) {
		name := uniqueName("dup")
		cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: name}}
		if _, err := cms.Create(ctx, cm, metav1.CreateOptions{}); err != nil {
			t.Fatalf("create: %v", err)
		}
		t.Cleanup(func() { _ = cms.Delete(ctx, name, metav1.DeleteOptions{}) })
		_, err := cms.Create(ctx, cm, metav1.CreateOptions{})
		if !apierrors.IsAlreadyExists(err) {
			t.Fatalf("got %v, want AlreadyExists", err)
		}
	})

	t.Run("invalid name", func(t *testing.T) {
		_, err := cms.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "Not_A_Valid_Name"}}, metav1.CreateOptions{})
		if !apierrors.IsInvalid(err) {
			t.Fatalf("got %v, want Invalid", err)
		}
	})

	t.Run("invalid data key", func(t *testing.T) {
		_, err := cms.Create(ctx, &corev1.ConfigMap{
			ObjectMeta: metav1.ObjectMeta{Name: uniqueName("badkey")},
			Data:       map[string]string{"not a key!": "x"},
		}, metav1.CreateOptions{})
		if !apierrors.IsInvalid(err) {
			t.Fatalf("got %v, want Invalid", err)
		}
	})

	t.Run("namespace missing", func(t *testing.T) {
		_, err := clientset(t).CoreV1().ConfigMaps(uniqueName("no-such-ns")).Create(ctx,
			&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "x"}}, metav1.CreateOptions{})
		if !apierrors.IsNotFound(err) {
			t.Fatalf("got %v, want NotFound (namespace does not exist)", err)
		}
	})
}

func names(items []corev1.ConfigMap) []string {
	out := make([]string, 0, len(items))
	for _, item := range items {
		out = append(out, item.Name)
	}
	return out
}
