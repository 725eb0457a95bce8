package e2e

import (
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes/scheme"
	typedcorev1 "k8s.io/client-go/kubernetes/typed/core/v1"
	"k8s.io/client-go/tools/record"
)

// TestTypedRBACAndServiceAccounts creates RBAC objects and a ServiceAccount
// with the typed (protobuf) client.
func TestTypedRBACAndServiceAccounts(t *testing.T) {
	ctx := testContext(t)
	cs := clientset(t)
	name := uniqueName("rbac")

	sa, err := cs.CoreV1().ServiceAccounts(testNamespace).Create(ctx,
		&corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Name: name}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("create serviceaccount: %v", err)
	}
	t.Cleanup(func() { _ = cs.CoreV1().ServiceAccounts(testNamespace).Delete(ctx, name, metav1.DeleteOptions{}) })
	if sa.UID == "" {
		t.Fatal("serviceaccount without uid")
	}

	role, err := cs.RbacV1().Roles(testNamespace).Create(ctx, &rbacv1.Role{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Rules:      []rbacv1.PolicyRule{{APIGroups: []string{""}, Resources: []string{"configmaps"}, Verbs: []string{"get"}}},
	}, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("create role: %v", err)
	}
	t.Cleanup(func() { _ = cs.RbacV1().Roles(testNamespace).Delete(ctx, name, metav1.DeleteOptions{}) })
	if len(role.Rules) != 1 || role.Rules[0].Verbs[0] != "get" {
		t.Fatalf("role rules %+v", role.Rules)
	}

	binding, err := cs.RbacV1().RoleBindings(testNamespace).Create(ctx, &rbacv1.RoleBinding{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		RoleRef:    rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "Role", Name: name},
		Subjects:   []rbacv1.Subject{{Kind: rbacv1.ServiceAccountKind, Name: name, Namespace: testNamespace}},
	}, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("create rolebinding: %v", err)
	}
	t.Cleanup(func() { _ = cs.RbacV1().RoleBindings(testNamespace).Delete(ctx, name, metav1.DeleteOptions{}) })
	if binding.RoleRef.Name != name || len(binding.Subjects) != 1 {
		t.Fatalf("rolebinding %+v", binding)
	}

	// roleRef is immutable upstream.
	binding.RoleRef.Name = "other"
	if _, err := cs.RbacV1().RoleBindings(testNamespace).Update(ctx, binding, metav1.UpdateOptions{}); !apierrors.IsInvalid(err) {
		t.Fatalf("changing roleRef: got %v, want Invalid", err)
	}

	cr, err := cs.RbacV1().ClusterRoles().Create(ctx, &rbacv1.ClusterRole{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Rules:      []rbacv1.PolicyRule{{NonResourceURLs: []string{"/healthz"}, Verbs: []string{"get"}}},
	}, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("create clusterrole: %v", err)
	}
	if err := cs.RbacV1().ClusterRoles().Delete(ctx, cr.Name, metav1.DeleteOptions{}); err != nil {
		t.Fatalf("delete clusterrole: %v", err)
	}
}

// TestEventRecorder posts core/v1 Events the way controllers do: through a
// broadcaster whose sink is the typed (protobuf) events client.
func TestEventRecorder(t *testing.T) {
	ctx := testContext(t)
	cs := clientset(t)
	name := uniqueName("evt")
	cm, err := cs.CoreV1().ConfigMaps(testNamespace).Create(ctx,
		&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: name}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	t.Cleanup(func() { _ = cs.CoreV1().ConfigMaps(testNamespace).Delete(ctx, name, metav1.DeleteOptions{}) })

	broadcaster := record.NewBroadcaster(record.WithContext(ctx))
	defer broadcaster.Shutdown()
	broadcaster.StartRecordingToSink(&typedcorev1.EventSinkImpl{Interface: cs.CoreV1().Events(testNamespace)})
	recorder := broadcaster.NewRecorder(scheme.Scheme, corev1.EventSource{Component: "kcp-py-e2e"})
	recorder.Event(cm, corev1.EventTypeNormal, "Tested", "first")
	recorder.Event(cm, corev1.EventTypeNormal, "Tested", "first") // aggregated: count 2 via PATCH

	eventually(t, 10*time.Second, "the recorded event with count 2", func() (bool, error) {
		list, err := cs.CoreV1().Events(testNamespace).List(ctx, metav1.ListOptions{
			FieldSelector: "involvedObject.name=" + name,
		})
		if err != nil {
			return false, err
		}
		for _, ev := range list.Items {
			if ev.Reason == "Tested" && ev.InvolvedObject.UID == cm.UID && ev.Count == 2 {
				return true, nil
			}
		}
		return false, nil
	})
}
