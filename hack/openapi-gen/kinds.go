package main

import (
	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	authenticationv1 "k8s.io/api/authentication/v1"
	authorizationv1 "k8s.io/api/authorization/v1"
	certificatesv1 "k8s.io/api/certificates/v1"
	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// kind is one served (or soon served) top-level type: a zero value of its Go struct
// and of its List type (nil for create-only kinds such as the reviews).
type kind struct {
	name string
	obj  any
	list any
}

type groupVersion struct {
	group   string
	version string
	kinds   []kind
}

// groupVersions lists every kind kcp-py serves or is about to serve. Adding a kind
// here and rerunning hack/gen-openapi.sh is all it takes to give it a schema.
var groupVersions = []groupVersion{
	{"", "v1", []kind{
		{"Namespace", corev1.Namespace{}, corev1.NamespaceList{}},
		{"ConfigMap", corev1.ConfigMap{}, corev1.ConfigMapList{}},
		{"Secret", corev1.Secret{}, corev1.SecretList{}},
		{"ServiceAccount", corev1.ServiceAccount{}, corev1.ServiceAccountList{}},
		{"Event", corev1.Event{}, corev1.EventList{}},
		{"ResourceQuota", corev1.ResourceQuota{}, corev1.ResourceQuotaList{}},
	}},
	{"rbac.authorization.k8s.io", "v1", []kind{
		{"Role", rbacv1.Role{}, rbacv1.RoleList{}},
		{"RoleBinding", rbacv1.RoleBinding{}, rbacv1.RoleBindingList{}},
		{"ClusterRole", rbacv1.ClusterRole{}, rbacv1.ClusterRoleList{}},
		{"ClusterRoleBinding", rbacv1.ClusterRoleBinding{}, rbacv1.ClusterRoleBindingList{}},
	}},
	{"coordination.k8s.io", "v1", []kind{
		{"Lease", coordinationv1.Lease{}, coordinationv1.LeaseList{}},
	}},
	{"events.k8s.io", "v1", []kind{
		{"Event", eventsv1.Event{}, eventsv1.EventList{}},
	}},
	{"apiextensions.k8s.io", "v1", []kind{
		{"CustomResourceDefinition", apiextensionsv1.CustomResourceDefinition{}, apiextensionsv1.CustomResourceDefinitionList{}},
	}},
	{"admissionregistration.k8s.io", "v1", []kind{
		{"ValidatingWebhookConfiguration", admissionregistrationv1.ValidatingWebhookConfiguration{}, admissionregistrationv1.ValidatingWebhookConfigurationList{}},
		{"MutatingWebhookConfiguration", admissionregistrationv1.MutatingWebhookConfiguration{}, admissionregistrationv1.MutatingWebhookConfigurationList{}},
		{"ValidatingAdmissionPolicy", admissionregistrationv1.ValidatingAdmissionPolicy{}, admissionregistrationv1.ValidatingAdmissionPolicyList{}},
		{"ValidatingAdmissionPolicyBinding", admissionregistrationv1.ValidatingAdmissionPolicyBinding{}, admissionregistrationv1.ValidatingAdmissionPolicyBindingList{}},
	}},
	{"certificates.k8s.io", "v1", []kind{
		{"CertificateSigningRequest", certificatesv1.CertificateSigningRequest{}, certificatesv1.CertificateSigningRequestList{}},
	}},
	{"authorization.k8s.io", "v1", []kind{
		{"SubjectAccessReview", authorizationv1.SubjectAccessReview{}, nil},
		{"SelfSubjectAccessReview", authorizationv1.SelfSubjectAccessReview{}, nil},
		{"LocalSubjectAccessReview", authorizationv1.LocalSubjectAccessReview{}, nil},
		{"SelfSubjectRulesReview", authorizationv1.SelfSubjectRulesReview{}, nil},
	}},
	{"authentication.k8s.io", "v1", []kind{
		{"TokenReview", authenticationv1.TokenReview{}, nil},
		{"SelfSubjectReview", authenticationv1.SelfSubjectReview{}, nil},
	}},
}

// metaKinds are the meta/v1 types every group-version serves (the Status of errors
// and deletes, DeleteOptions bodies, watch events, PATCH bodies, GV discovery), with
// the kind they are registered as in every group-version (nil: none).
var metaKinds = []struct {
	name string
	obj  any
	gvk  func(gv groupVersion) bool
}{
	{"Status", metav1.Status{}, func(gv groupVersion) bool { return gv.group == "" }},
	{"DeleteOptions", metav1.DeleteOptions{}, func(groupVersion) bool { return true }},
	{"WatchEvent", metav1.WatchEvent{}, func(groupVersion) bool { return true }},
	{"Patch", metav1.Patch{}, nil},
	{"APIResourceList", metav1.APIResourceList{}, nil},
}

// optionTypes are the meta/v1 option structs whose fields are the query parameters
// of resource requests; their field descriptions document those parameters.
var optionTypes = []any{
	metav1.ListOptions{},
	metav1.GetOptions{},
	metav1.CreateOptions{},
	metav1.UpdateOptions{},
	metav1.PatchOptions{},
	metav1.DeleteOptions{},
}
