package e2e

import (
	"bytes"
	"testing"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/utils/ptr"
)

// TestTypedMiscellany covers more typed-client (protobuf) paths that
// controllers rely on.
func TestTypedMiscellany(t *testing.T) {
	ctx := testContext(t)
	cs := clientset(t)
	cms := cs.CoreV1().ConfigMaps(testNamespace)

	t.Run("generateName", func(t *testing.T) {
		cm, err := cms.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{GenerateName: "gen-"}}, metav1.CreateOptions{})
		if err != nil {
			t.Fatalf("create: %v", err)
		}
		t.Cleanup(func() { _ = cms.Delete(ctx, cm.Name, metav1.DeleteOptions{}) })
		if len(cm.Name) != len("gen-")+5 || cm.Name[:4] != "gen-" {
			t.Fatalf("generated name %q", cm.Name)
		}
	})

	t.Run("dry-run create persists nothing", func(t *testing.T) {
		name := uniqueName("dry")
		cm, err := cms.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: name}},
			metav1.CreateOptions{DryRun: []string{metav1.DryRunAll}})
		if err != nil {
			t.Fatalf("create: %v", err)
		}
		if cm.ResourceVersion != "" {
			t.Errorf("dry-run create returned resourceVersion %q, want none", cm.ResourceVersion)
		}
		if _, err := cms.Get(ctx, name, metav1.GetOptions{}); !apierrors.IsNotFound(err) {
			t.Fatalf("get after dry-run create: got %v, want NotFound", err)
		}
	})

	t.Run("unconditional update without resourceVersion", func(t *testing.T) {
		name := uniqueName("uncond")
		if _, err := cms.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: name}}, metav1.CreateOptions{}); err != nil {
			t.Fatalf("create: %v", err)
		}
		t.Cleanup(func() { _ = cms.Delete(ctx, name, metav1.DeleteOptions{}) })
		got, err := cms.Update(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: name}, Data: map[string]string{"a": "b"}}, metav1.UpdateOptions{})
		if err != nil {
			t.Fatalf("update: %v", err)
		}
		if got.Data["a"] != "b" {
			t.Fatalf("update: data %v", got.Data)
		}
	})

	t.Run("list pagination", func(t *testing.T) {
		label := uniqueName("page")
		for i := 0; i < 5; i++ {
			name := uniqueName("page")
			if _, err := cms.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{"page": label}}}, metav1.CreateOptions{}); err != nil {
				t.Fatalf("create: %v", err)
			}
		}
		t.Cleanup(func() {
			_ = cms.DeleteCollection(ctx, metav1.DeleteOptions{}, metav1.ListOptions{LabelSelector: "page=" + label})
		})
		seen := map[string]bool{}
		opts := metav1.ListOptions{LabelSelector: "page=" + label, Limit: 2}
		pages := 0
		for {
			list, err := cms.List(ctx, opts)
			if err != nil {
				t.Fatalf("list: %v", err)
			}
			pages++
			if len(list.Items) > 2 {
				t.Fatalf("page with %d items, limit 2", len(list.Items))
			}
			for _, item := range list.Items {
				seen[item.Name] = true
			}
			if list.Continue == "" {
				break
			}
			opts.Continue = list.Continue
		}
		if len(seen) != 5 || pages != 3 {
			t.Fatalf("pagination: %d names over %d pages, want 5 over 3", len(seen), pages)
		}
	})

	t.Run("deletecollection by label", func(t *testing.T) {
		label := uniqueName("coll")
		for i := 0; i < 3; i++ {
			if _, err := cms.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: uniqueName("coll"), Labels: map[string]string{"coll": label}}}, metav1.CreateOptions{}); err != nil {
				t.Fatalf("create: %v", err)
			}
		}
		if err := cms.DeleteCollection(ctx, metav1.DeleteOptions{}, metav1.ListOptions{LabelSelector: "coll=" + label}); err != nil {
			t.Fatalf("deletecollection: %v", err)
		}
		list, err := cms.List(ctx, metav1.ListOptions{LabelSelector: "coll=" + label})
		if err != nil {
			t.Fatalf("list: %v", err)
		}
		if len(list.Items) != 0 {
			t.Fatalf("deletecollection left %d items", len(list.Items))
		}
	})

	t.Run("secret binary data round trip", func(t *testing.T) {
		name := uniqueName("sec")
		blob := []byte{0, 1, 2, 0xff, 0xfe, '\n'}
		secrets := cs.CoreV1().Secrets(testNamespace)
		created, err := secrets.Create(ctx, &corev1.Secret{
			ObjectMeta: metav1.ObjectMeta{Name: name},
			Data:       map[string][]byte{"blob": blob},
			StringData: map[string]string{"plain": "text"},
		}, metav1.CreateOptions{})
		if err != nil {
			t.Fatalf("create: %v", err)
		}
		t.Cleanup(func() { _ = secrets.Delete(ctx, name, metav1.DeleteOptions{}) })
		if created.Type != corev1.SecretTypeOpaque {
			t.Errorf("type %q, want Opaque", created.Type)
		}
		got, err := secrets.Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			t.Fatalf("get: %v", err)
		}
		if !bytes.Equal(got.Data["blob"], blob) || string(got.Data["plain"]) != "text" || len(got.StringData) != 0 {
			t.Fatalf("data %v stringData %v", got.Data, got.StringData)
		}
	})

	t.Run("lease create and renew", func(t *testing.T) {
		leases := cs.CoordinationV1().Leases(testNamespace)
		name := uniqueName("lease")
		now := metav1.NewMicroTime(time.Now())
		lease, err := leases.Create(ctx, &coordinationv1.Lease{
			ObjectMeta: metav1.ObjectMeta{Name: name},
			Spec: coordinationv1.LeaseSpec{
				HolderIdentity:       ptr.To("e2e"),
				LeaseDurationSeconds: ptr.To[int32](15),
				AcquireTime:          &now,
				RenewTime:            &now,
			},
		}, metav1.CreateOptions{})
		if err != nil {
			t.Fatalf("create: %v", err)
		}
		t.Cleanup(func() { _ = leases.Delete(ctx, name, metav1.DeleteOptions{}) })
		if lease.Spec.HolderIdentity == nil || *lease.Spec.HolderIdentity != "e2e" || lease.Spec.RenewTime == nil {
			t.Fatalf("lease spec %+v", lease.Spec)
		}
		later := metav1.NewMicroTime(time.Now().Add(time.Second).Truncate(time.Microsecond))
		lease.Spec.RenewTime = &later
		renewed, err := leases.Update(ctx, lease, metav1.UpdateOptions{})
		if err != nil {
			t.Fatalf("renew: %v", err)
		}
		if renewed.Spec.RenewTime == nil || renewed.Spec.RenewTime.UnixMicro() != later.UnixMicro() {
			t.Fatalf("renewTime %v, want %v", renewed.Spec.RenewTime, later)
		}
	})

	t.Run("strategic merge patch unions finalizers", func(t *testing.T) {
		name := uniqueName("fin")
		if _, err := cms.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: name, Finalizers: []string{"example.com/a"}}}, metav1.CreateOptions{}); err != nil {
			t.Fatalf("create: %v", err)
		}
		t.Cleanup(func() {
			_, _ = cms.Patch(ctx, name, types.MergePatchType, []byte(`{"metadata":{"finalizers":null}}`), metav1.PatchOptions{})
			_ = cms.Delete(ctx, name, metav1.DeleteOptions{})
		})
		got, err := cms.Patch(ctx, name, types.StrategicMergePatchType, []byte(`{"metadata":{"finalizers":["example.com/b"]}}`), metav1.PatchOptions{})
		if err != nil {
			t.Fatalf("patch: %v", err)
		}
		if len(got.Finalizers) != 2 {
			t.Fatalf("finalizers %v, want both a and b", got.Finalizers)
		}
		// A finalizer holds the deletion: the object stays with a deletionTimestamp.
		if err := cms.Delete(ctx, name, metav1.DeleteOptions{}); err != nil {
			t.Fatalf("delete: %v", err)
		}
		held, err := cms.Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			t.Fatalf("get after delete: %v", err)
		}
		if held.DeletionTimestamp == nil {
			t.Fatal("deleted object with finalizers has no deletionTimestamp")
		}
		if _, err := cms.Patch(ctx, name, types.MergePatchType, []byte(`{"metadata":{"finalizers":null}}`), metav1.PatchOptions{}); err != nil {
			t.Fatalf("remove finalizers: %v", err)
		}
		eventually(t, 5*time.Second, "configmap to go once finalizers are gone", func() (bool, error) {
			_, err := cms.Get(ctx, name, metav1.GetOptions{})
			return apierrors.IsNotFound(err), err
		})
	})
}
