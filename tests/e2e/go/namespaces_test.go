package e2e

import (
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/watch"
)

// TestNamespaceLifecycle creates a namespace with content, deletes it, and
// waits (with a watch) for it to go Terminating and then disappear.
func TestNamespaceLifecycle(t *testing.T) {
	ctx := testContext(t)
	cs := clientset(t)
	nsName := uniqueName("e2e-ns")

	ns, err := cs.CoreV1().Namespaces().Create(ctx,
		&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: nsName}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("create namespace: %v", err)
	}
	if ns.Status.Phase != corev1.NamespaceActive {
		t.Fatalf("new namespace phase %q, want Active", ns.Status.Phase)
	}
	if !hasFinalizer(ns.Spec.Finalizers, corev1.FinalizerKubernetes) {
		t.Fatalf("new namespace spec.finalizers %v, want [kubernetes]", ns.Spec.Finalizers)
	}
	t.Cleanup(func() { _ = cs.CoreV1().Namespaces().Delete(ctx, nsName, metav1.DeleteOptions{}) })

	if _, err := cs.CoreV1().Namespaces().Create(ctx,
		&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: nsName}}, metav1.CreateOptions{}); !apierrors.IsAlreadyExists(err) {
		t.Fatalf("second create: got %v, want AlreadyExists", err)
	}

	cms := cs.CoreV1().ConfigMaps(nsName)
	if _, err := cms.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "content"}}, metav1.CreateOptions{}); err != nil {
		t.Fatalf("create configmap in the namespace: %v", err)
	}

	w, err := cs.CoreV1().Namespaces().Watch(ctx, metav1.ListOptions{
		FieldSelector:   fields.OneTermEqualSelector("metadata.name", nsName).String(),
		ResourceVersion: ns.ResourceVersion,
	})
	if err != nil {
		t.Fatalf("watch namespace: %v", err)
	}
	defer w.Stop()

	if err := cs.CoreV1().Namespaces().Delete(ctx, nsName, metav1.DeleteOptions{}); err != nil {
		t.Fatalf("delete namespace: %v", err)
	}

	sawTerminating, deleted := false, false
	timeout := time.After(30 * time.Second)
	for !deleted {
		select {
		case ev, ok := <-w.ResultChan():
			if !ok {
				t.Fatal("namespace watch closed before DELETED")
			}
			switch ev.Type {
			case watch.Modified:
				if got, ok := ev.Object.(*corev1.Namespace); ok && got.Status.Phase == corev1.NamespaceTerminating {
					if got.DeletionTimestamp == nil {
						t.Fatal("Terminating namespace has no deletionTimestamp")
					}
					sawTerminating = true
				}
			case watch.Deleted:
				deleted = true
			case watch.Error:
				t.Fatalf("watch error event: %v", apierrors.FromObject(ev.Object))
			}
		case <-timeout:
			t.Fatalf("namespace %s not deleted within 30s (saw Terminating: %v)", nsName, sawTerminating)
		}
	}
	if !sawTerminating {
		t.Error("namespace was never observed in phase Terminating before DELETED")
	}
	if _, err := cs.CoreV1().Namespaces().Get(ctx, nsName, metav1.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Fatalf("get deleted namespace: got %v, want NotFound", err)
	}
	if _, err := cms.Get(ctx, "content", metav1.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Fatalf("configmap in deleted namespace: got %v, want NotFound", err)
	}
}

// TestNamespaceTerminatingRejectsCreates deletes a namespace and polls it:
// while it still exists it must be Terminating, and creates in it fail.
func TestNamespaceTerminatingRejectsCreates(t *testing.T) {
	ctx := testContext(t)
	cs := clientset(t)
	nsName := uniqueName("e2e-term")
	if _, err := cs.CoreV1().Namespaces().Create(ctx,
		&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: nsName}}, metav1.CreateOptions{}); err != nil {
		t.Fatalf("create namespace: %v", err)
	}
	if err := cs.CoreV1().Namespaces().Delete(ctx, nsName, metav1.DeleteOptions{}); err != nil {
		t.Fatalf("delete namespace: %v", err)
	}
	got, err := cs.CoreV1().Namespaces().Get(ctx, nsName, metav1.GetOptions{})
	switch {
	case apierrors.IsNotFound(err):
		// Already finalized: nothing left to check about Terminating.
	case err != nil:
		t.Fatalf("get: %v", err)
	case got.Status.Phase != corev1.NamespaceTerminating:
		t.Fatalf("deleted namespace phase %q, want Terminating", got.Status.Phase)
	default:
		_, err := cs.CoreV1().ConfigMaps(nsName).Create(ctx,
			&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "late"}}, metav1.CreateOptions{})
		// Upstream: 403 Forbidden with cause NamespaceTerminating, or
		// NotFound if the namespace went away in between.
		switch {
		case apierrors.IsNotFound(err):
		case !apierrors.IsForbidden(err):
			t.Fatalf("create in terminating namespace: got %v, want Forbidden", err)
		case !apierrors.HasStatusCause(err, corev1.NamespaceTerminatingCause):
			t.Errorf("Forbidden without the %s cause: %#v", corev1.NamespaceTerminatingCause, err)
		}
	}
	eventually(t, 30*time.Second, "namespace "+nsName+" to disappear", func() (bool, error) {
		_, err := cs.CoreV1().Namespaces().Get(ctx, nsName, metav1.GetOptions{})
		return apierrors.IsNotFound(err), err
	})
}

func hasFinalizer(finalizers []corev1.FinalizerName, want corev1.FinalizerName) bool {
	for _, f := range finalizers {
		if f == want {
			return true
		}
	}
	return false
}
