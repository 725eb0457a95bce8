"""Protobuf bodies from the real kubectl 1.32.4 and from Go, decoded to Go's JSON.

The `kubectl-*` bodies were recorded from kubectl 1.32.4 (a logging probe server,
outside this repo) running the command in each comment. The `go-*` bodies are objects
marshalled by k8s.io/apimachinery v0.32.4 `runtime/serializer/protobuf` from a small Go
program (also outside the repo). Every expected value is what the apiserver sees: Go
decoded the body into the typed k8s.io/api object and `json.Marshal`ed it, `kind` and
`apiVersion` set from the envelope. Together they cover each supported kind as clients
send it: nested ObjectMeta (labels, annotations, finalizers, ownerReferences,
managedFields, timestamps), Secret and ConfigMap bytes, RBAC rules, subjects and
aggregation selectors, and access reviews with resource and non-resource attributes.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kcp.apimachinery.unstructured import Object
from kcp.endpoints import protobuf


@dataclass(frozen=True, slots=True)
class Vector:
    id: str
    hex: str  # the whole request body, `k8s\x00` envelope included; whitespace is ignored
    want: Object  # Go's json.Marshal of the object the body decodes to


KUBECTL_VECTORS = [
    Vector(
        # kubectl create namespace ns1
        "kubectl-create-namespace",
        """
        6b3873000a0f0a02763112094e616d657370616365121b0a130a036e733112001a0022002a003200
        3800420012001a020a001a002200
        """,
        {
            "kind": "Namespace",
            "apiVersion": "v1",
            "metadata": {"name": "ns1", "creationTimestamp": None},
            "spec": {},
            "status": {},
        },
    ),
    Vector(
        # kubectl create role r1 -n ns1 --verb=get,list --resource=pods,configmaps
        #   --resource-name=x
        "kubectl-create-role",
        """
        6b3873000a240a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f76311204526f
        6c65123b0a150a02723112001a036e733122002a0032003800420012220a036765740a046c697374
        12001a04706f64731a0a636f6e6669676d6170732201781a002200
        """,
        {
            "kind": "Role",
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "metadata": {"name": "r1", "namespace": "ns1", "creationTimestamp": None},
            "rules": [
                {
                    "verbs": ["get", "list"],
                    "apiGroups": [""],
                    "resources": ["pods", "configmaps"],
                    "resourceNames": ["x"],
                }
            ],
        },
    ),
    Vector(
        # kubectl create configmap cm1 -n ns1 --from-literal=a=b --from-literal=c=d
        #   --from-file=bin=<b'bin\xff\x00data'>
        "kubectl-create-configmap",
        """
        6b3873000a0f0a0276311209436f6e6669674d6170123a0a160a03636d3112001a036e733122002a
        0032003800420012060a016112016212060a01631201641a100a0362696e120962696eff00646174
        611a002200
        """,
        {
            "kind": "ConfigMap",
            "apiVersion": "v1",
            "metadata": {"name": "cm1", "namespace": "ns1", "creationTimestamp": None},
            "data": {"a": "b", "c": "d"},
            "binaryData": {"bin": "Ymlu/wBkYXRh"},
        },
    ),
    Vector(
        # kubectl create secret generic s1 -n ns1 --from-literal=k=v --type=Opaque
        "kubectl-create-secret-generic",
        """
        6b3873000a0c0a027631120653656372657412270a150a02733112001a036e733122002a00320038
        00420012060a016b1201761a064f70617175651a002200
        """,
        {
            "kind": "Secret",
            "apiVersion": "v1",
            "metadata": {"name": "s1", "namespace": "ns1", "creationTimestamp": None},
            "data": {"k": "dg=="},
            "type": "Opaque",
        },
    ),
    Vector(
        # kubectl create secret docker-registry d1 -n ns1 --docker-server=r.example
        #   --docker-username=u --docker-password=p --docker-email=e@x
        "kubectl-create-secret-docker-registry",
        """
        6b3873000a0c0a027631120653656372657412a1010a150a02643112001a036e733122002a003200
        3800420012680a112e646f636b6572636f6e6669676a736f6e12537b226175746873223a7b22722e
        6578616d706c65223a7b22757365726e616d65223a2275222c2270617373776f7264223a2270222c
        22656d61696c223a22654078222c2261757468223a2264547077227d7d7d1a1e6b756265726e6574
        65732e696f2f646f636b6572636f6e6669676a736f6e1a002200
        """,
        {
            "kind": "Secret",
            "apiVersion": "v1",
            "metadata": {"name": "d1", "namespace": "ns1", "creationTimestamp": None},
            "data": {
                ".dockerconfigjson": (
                    "eyJhdXRocyI6eyJyLmV4YW1wbGUiOnsidXNlcm5hbWUiOiJ1IiwicGFzc3dv"
                    "cmQiOiJwIiwiZW1haWwiOiJlQHgiLCJhdXRoIjoiZFRwdyJ9fX0="
                )
            },
            "type": "kubernetes.io/dockerconfigjson",
        },
    ),
    Vector(
        # kubectl create serviceaccount sa1 -n ns1
        "kubectl-create-serviceaccount",
        """
        6b3873000a140a027631120e536572766963654163636f756e7412180a160a0373613112001a036e
        733122002a003200380042001a002200
        """,
        {
            "kind": "ServiceAccount",
            "apiVersion": "v1",
            "metadata": {"name": "sa1", "namespace": "ns1", "creationTimestamp": None},
        },
    ),
    Vector(
        # kubectl create clusterrole cr1 --verb=get --non-resource-url=/healthz
        "kubectl-create-clusterrole-non-resource-url",
        """
        6b3873000a2b0a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f7631120b436c
        7573746572526f6c6512260a130a0363723112001a0022002a00320038004200120f0a036765742a
        082f6865616c74687a1a002200
        """,
        {
            "kind": "ClusterRole",
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "metadata": {"name": "cr1", "creationTimestamp": None},
            "rules": [{"verbs": ["get"], "nonResourceURLs": ["/healthz"]}],
        },
    ),
    Vector(
        # kubectl create clusterrole agg1 --aggregation-rule=rbac.example.com/aggregate-to-x=true
        "kubectl-create-clusterrole-aggregation-rule",
        """
        6b3873000a2b0a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f7631120b436c
        7573746572526f6c6512430a140a046167673112001a0022002a003200380042001a2b0a290a270a
        1f726261632e6578616d706c652e636f6d2f6167677265676174652d746f2d781204747275651a00
        2200
        """,
        {
            "kind": "ClusterRole",
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "metadata": {"name": "agg1", "creationTimestamp": None},
            "rules": None,
            "aggregationRule": {
                "clusterRoleSelectors": [
                    {"matchLabels": {"rbac.example.com/aggregate-to-x": "true"}}
                ]
            },
        },
    ),
    Vector(
        # kubectl create rolebinding rb1 -n ns1 --role=r1 --user=alice --group=devs
        #   --serviceaccount=ns1:sa1
        "kubectl-create-rolebinding",
        """
        6b3873000a2b0a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f7631120b526f
        6c6542696e64696e6712b5010a160a0372623112001a036e733122002a00320038004200122a0a04
        557365721219726261632e617574686f72697a6174696f6e2e6b38732e696f1a05616c6963652200
        122a0a0547726f75701219726261632e617574686f72697a6174696f6e2e6b38732e696f1a046465
        76732200121c0a0e536572766963654163636f756e7412001a0373613122036e73311a250a197262
        61632e617574686f72697a6174696f6e2e6b38732e696f1204526f6c651a0272311a002200
        """,
        {
            "kind": "RoleBinding",
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "metadata": {"name": "rb1", "namespace": "ns1", "creationTimestamp": None},
            "subjects": [
                {"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "alice"},
                {"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": "devs"},
                {"kind": "ServiceAccount", "name": "sa1", "namespace": "ns1"},
            ],
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "r1"},
        },
    ),
    Vector(
        # kubectl create clusterrolebinding crb1 --clusterrole=cr1 --user=bob
        "kubectl-create-clusterrolebinding",
        """
        6b3873000a320a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f76311212436c
        7573746572526f6c6542696e64696e67126f0a140a046372623112001a0022002a00320038004200
        12280a04557365721219726261632e617574686f72697a6174696f6e2e6b38732e696f1a03626f62
        22001a2d0a19726261632e617574686f72697a6174696f6e2e6b38732e696f120b436c7573746572
        526f6c651a036372311a002200
        """,
        {
            "kind": "ClusterRoleBinding",
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "metadata": {"name": "crb1", "creationTimestamp": None},
            "subjects": [{"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "bob"}],
            "roleRef": {
                "apiGroup": "rbac.authorization.k8s.io",
                "kind": "ClusterRole",
                "name": "cr1",
            },
        },
    ),
    Vector(
        # kubectl auth can-i get pods -n ns1
        "kubectl-auth-can-i-resource",
        """
        6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c66537562
        6a65637441636365737352657669657712380a100a0012001a0022002a00320038004200121a0a18
        0a036e733112036765741a0022002a04706f647332003a001a08080012001a0020001a002200
        """,
        {
            "kind": "SelfSubjectAccessReview",
            "apiVersion": "authorization.k8s.io/v1",
            "metadata": {"creationTimestamp": None},
            "spec": {"resourceAttributes": {"namespace": "ns1", "verb": "get", "resource": "pods"}},
            "status": {"allowed": False},
        },
    ),
    Vector(
        # kubectl auth can-i list configmaps/status --subresource=status -n ns1
        "kubectl-auth-can-i-subresource",
        """
        6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c66537562
        6a656374416363657373526576696577124b0a100a0012001a0022002a00320038004200122d0a2b
        0a036e733112046c6973741a0022002a0a636f6e6669676d61707332067374617475733a06737461
        7475731a08080012001a0020001a002200
        """,
        {
            "kind": "SelfSubjectAccessReview",
            "apiVersion": "authorization.k8s.io/v1",
            "metadata": {"creationTimestamp": None},
            "spec": {
                "resourceAttributes": {
                    "namespace": "ns1",
                    "verb": "list",
                    "resource": "configmaps",
                    "subresource": "status",
                    "name": "status",
                }
            },
            "status": {"allowed": False},
        },
    ),
    Vector(
        # kubectl auth can-i get /healthz
        "kubectl-auth-can-i-non-resource",
        """
        6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c66537562
        6a656374416363657373526576696577122f0a100a0012001a0022002a003200380042001211120f
        0a082f6865616c74687a12036765741a08080012001a0020001a002200
        """,
        {
            "kind": "SelfSubjectAccessReview",
            "apiVersion": "authorization.k8s.io/v1",
            "metadata": {"creationTimestamp": None},
            "spec": {"nonResourceAttributes": {"path": "/healthz", "verb": "get"}},
            "status": {"allowed": False},
        },
    ),
    Vector(
        # kubectl auth can-i --list -n ns1
        "kubectl-auth-can-i-list",
        """
        6b3873000a310a17617574686f72697a6174696f6e2e6b38732e696f2f7631121653656c66537562
        6a65637452756c6573526576696577121f0a100a0012001a0022002a0032003800420012050a036e
        73311a04180022001a002200
        """,
        {
            "kind": "SelfSubjectRulesReview",
            "apiVersion": "authorization.k8s.io/v1",
            "metadata": {"creationTimestamp": None},
            "spec": {"namespace": "ns1"},
            "status": {"resourceRules": None, "nonResourceRules": None, "incomplete": False},
        },
    ),
    Vector(
        # kubectl auth whoami
        "kubectl-auth-whoami",
        """
        6b3873000a2d0a1861757468656e7469636174696f6e2e6b38732e696f2f7631121153656c665375
        626a656374526576696577121a0a100a0012001a0022002a0032003800420012060a040a0012001a
        002200
        """,
        {
            "kind": "SelfSubjectReview",
            "apiVersion": "authentication.k8s.io/v1",
            "metadata": {"creationTimestamp": None},
            "status": {"userInfo": {}},
        },
    ),
    Vector(
        # kubectl create token sa1 -n ns1 --audience=a1 --duration=10m --bound-object-kind=Secret
        #   --bound-object-name=s1
        "kubectl-create-token",
        """
        6b3873000a280a1861757468656e7469636174696f6e2e6b38732e696f2f7631120c546f6b656e52
        65717565737412350a100a0012001a0022002a00320038004200121b0a0261311a120a0653656372
        6574120276311a027331220020d8041a040a0012001a002200
        """,
        {
            "kind": "TokenRequest",
            "apiVersion": "authentication.k8s.io/v1",
            "metadata": {"creationTimestamp": None},
            "spec": {
                "audiences": ["a1"],
                "expirationSeconds": 600,
                "boundObjectRef": {"kind": "Secret", "apiVersion": "v1", "name": "s1"},
            },
            "status": {"token": "", "expirationTimestamp": None},
        },
    ),
]

GO_VECTORS = [
    Vector(
        "go-configmap-full-metadata",
        """
        6b3873000a0f0a0276311209436f6e6669674d617012ab030afb020a0377656212047765622d1a03
        6e733122002a2436663163306134652d313131312d323232322d333333332d343434343535353536
        363636320234323803420808a584d8bb0610004a0808f28081bd061000501e5a0a0a036170701203
        7765625a100a0474696572120866726f6e74656e6462090a05656d707479120062210a106578616d
        706c652e636f6d2f6e6f7465120d68c3a96c6c6f2077c3b6726c646a290a0a5265706c6963615365
        741a077765622d61626322057569642d312a07617070732f7631300138006a1e0a09436f6e666967
        4d61701a066f776e65723222057569642d322a02763172136578616d706c652e636f6d2f636c6561
        6e7570720a6b756265726e657465738a01520a0e6b75626563746c2d637265617465120655706461
        74651a027631220808a584d8bb06100032084669656c647356313a1e0a1c7b22663a64617461223a
        7b222e223a7b7d2c22663a61223a7b7d7d7d42008a01170a026d3212054170706c791a0032004206
        73746174757312060a016112016212140a056d756c7469120b6c696e65310a6c696e65321a0b0a03
        62696e12040001feff20001a002200
        """,
        {
            "kind": "ConfigMap",
            "apiVersion": "v1",
            "metadata": {
                "name": "web",
                "generateName": "web-",
                "namespace": "ns1",
                "uid": "6f1c0a4e-1111-2222-3333-444455556666",
                "resourceVersion": "42",
                "generation": 3,
                "creationTimestamp": "2025-01-02T03:04:05Z",
                "deletionTimestamp": "2025-02-03T04:05:06Z",
                "deletionGracePeriodSeconds": 30,
                "labels": {"app": "web", "tier": "frontend"},
                "annotations": {"empty": "", "example.com/note": "héllo wörld"},
                "ownerReferences": [
                    {
                        "apiVersion": "apps/v1",
                        "kind": "ReplicaSet",
                        "name": "web-abc",
                        "uid": "uid-1",
                        "controller": True,
                        "blockOwnerDeletion": False,
                    },
                    {"apiVersion": "v1", "kind": "ConfigMap", "name": "owner2", "uid": "uid-2"},
                ],
                "finalizers": ["example.com/cleanup", "kubernetes"],
                "managedFields": [
                    {
                        "manager": "kubectl-create",
                        "operation": "Update",
                        "apiVersion": "v1",
                        "time": "2025-01-02T03:04:05Z",
                        "fieldsType": "FieldsV1",
                        "fieldsV1": {"f:data": {".": {}, "f:a": {}}},
                    },
                    {"manager": "m2", "operation": "Apply", "subresource": "status"},
                ],
            },
            "immutable": False,
            "data": {"a": "b", "multi": "line1\nline2"},
            "binaryData": {"bin": "AAH+/w=="},
        },
    ),
    Vector(
        "go-secret-tls",
        """
        6b3873000a0c0a027631120653656372657412610a150a02743112001a036e733122002a00320038
        004200121a0a07746c732e637274120f2d2d2d2d2d434552542d2d2d2d2d0a12190a07746c732e6b
        6579120e2d2d2d2d2d4b45592d2d2d2d2d0a1a116b756265726e657465732e696f2f746c731a0022
        00
        """,
        {
            "kind": "Secret",
            "apiVersion": "v1",
            "metadata": {"name": "t1", "namespace": "ns1", "creationTimestamp": None},
            "data": {"tls.crt": "LS0tLS1DRVJULS0tLS0K", "tls.key": "LS0tLS1LRVktLS0tLQo="},
            "type": "kubernetes.io/tls",
        },
    ),
    Vector(
        "go-secret-string-data-immutable",
        """
        6b3873000a0c0a027631120653656372657412320a120a02733212001a0022002a00320038004200
        12090a05656d70747912001a00220d0a0475736572120561646d696e28011a002200
        """,
        {
            "kind": "Secret",
            "apiVersion": "v1",
            "metadata": {"name": "s2", "creationTimestamp": None},
            "immutable": True,
            "data": {"empty": ""},
            "stringData": {"user": "admin"},
        },
    ),
    Vector(
        "go-namespace-status",
        """
        6b3873000a0f0a02763112094e616d65737061636512a3010a1e0a036e733212001a0022002a0032
        00380042005a090a047465616d120161120c0a0a6b756265726e657465731a730a0b5465726d696e
        6174696e6712640a1f4e616d65737061636544656c6574696f6e436f6e74656e744661696c757265
        120546616c7365220808a584d8bb0610002a0e436f6e74656e7444656c657465643220416c6c2063
        6f6e74656e74207375636365737366756c6c792064656c657465641a002200
        """,
        {
            "kind": "Namespace",
            "apiVersion": "v1",
            "metadata": {"name": "ns2", "creationTimestamp": None, "labels": {"team": "a"}},
            "spec": {"finalizers": ["kubernetes"]},
            "status": {
                "phase": "Terminating",
                "conditions": [
                    {
                        "type": "NamespaceDeletionContentFailure",
                        "status": "False",
                        "lastTransitionTime": "2025-01-02T03:04:05Z",
                        "reason": "ContentDeleted",
                        "message": "All content successfully deleted",
                    }
                ],
            },
        },
    ),
    Vector(
        "go-serviceaccount-references",
        """
        6b3873000a140a027631120e536572766963654163636f756e74125d0a160a0373613212001a036e
        733122002a0032003800420012170a0012001a097361322d746f6b656e22002a0032003a0012200a
        0653656372657412036e73311a01782201752a0276313201373a04646174611a060a0470756c6c20
        001a002200
        """,
        {
            "kind": "ServiceAccount",
            "apiVersion": "v1",
            "metadata": {"name": "sa2", "namespace": "ns1", "creationTimestamp": None},
            "secrets": [
                {"name": "sa2-token"},
                {
                    "kind": "Secret",
                    "namespace": "ns1",
                    "name": "x",
                    "uid": "u",
                    "apiVersion": "v1",
                    "resourceVersion": "7",
                    "fieldPath": "data",
                },
            ],
            "imagePullSecrets": [{"name": "pull"}],
            "automountServiceAccountToken": False,
        },
    ),
    Vector(
        "go-role-empty-rules",
        """
        6b3873000a240a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f76311204526f
        6c6512140a120a02723012001a0022002a003200380042001a002200
        """,
        {
            "kind": "Role",
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "metadata": {"name": "r0", "creationTimestamp": None},
            "rules": None,
        },
    ),
    Vector(
        "go-clusterrole-aggregation-expressions",
        """
        6b3873000a2b0a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f7631120b436c
        7573746572526f6c6512570a130a0361676712001a0022002a0032003800420012140a012a12001a
        07736563726574732201612201621a2a0a260a060a0178120179120f0a016b1202496e1a0276311a
        027632120b0a016512064578697374730a001a002200
        """,
        {
            "kind": "ClusterRole",
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "metadata": {"name": "agg", "creationTimestamp": None},
            "rules": [
                {
                    "verbs": ["*"],
                    "apiGroups": [""],
                    "resources": ["secrets"],
                    "resourceNames": ["a", "b"],
                }
            ],
            "aggregationRule": {
                "clusterRoleSelectors": [
                    {
                        "matchLabels": {"x": "y"},
                        "matchExpressions": [
                            {"key": "k", "operator": "In", "values": ["v1", "v2"]},
                            {"key": "e", "operator": "Exists"},
                        ],
                    },
                    {},
                ]
            },
        },
    ),
    Vector(
        "go-rolebinding-no-subjects",
        """
        6b3873000a2b0a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f7631120b526f
        6c6542696e64696e67123f0a160a0372623012001a036e733122002a003200380042001a250a1972
        6261632e617574686f72697a6174696f6e2e6b38732e696f1204526f6c651a0272301a002200
        """,
        {
            "kind": "RoleBinding",
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "metadata": {"name": "rb0", "namespace": "ns1", "creationTimestamp": None},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "r0"},
        },
    ),
    Vector(
        "go-subjectaccessreview-extra",
        """
        6b3873000a2e0a17617574686f72697a6174696f6e2e6b38732e696f2f763112135375626a656374
        41636365737352657669657712c9010a100a0012001a0022002a0032003800420012a7010a600a00
        12046c6973741a0022002a04706f647332003a00422b0a10737065632e6e6f64654e616d653d6e31
        12170a0d737065632e6e6f64654e616d651202496e1a026e314a1b0a076170703d77656212100a03
        61707012054e6f74496e1a0264621a05616c696365221473797374656d3a61757468656e74696361
        7465642204646576732a090a05656d70747912002a100a0673636f70657312060a01610a01623203
        752d311a0b080012026e6f1a016520011a002200
        """,
        {
            "kind": "SubjectAccessReview",
            "apiVersion": "authorization.k8s.io/v1",
            "metadata": {"creationTimestamp": None},
            "spec": {
                "resourceAttributes": {
                    "verb": "list",
                    "resource": "pods",
                    "fieldSelector": {
                        "rawSelector": "spec.nodeName=n1",
                        "requirements": [
                            {"key": "spec.nodeName", "operator": "In", "values": ["n1"]}
                        ],
                    },
                    "labelSelector": {
                        "rawSelector": "app=web",
                        "requirements": [{"key": "app", "operator": "NotIn", "values": ["db"]}],
                    },
                },
                "user": "alice",
                "groups": ["system:authenticated", "devs"],
                "extra": {"empty": [], "scopes": ["a", "b"]},
                "uid": "u-1",
            },
            "status": {"allowed": False, "denied": True, "reason": "no", "evaluationError": "e"},
        },
    ),
    Vector(
        "go-localsubjectaccessreview",
        """
        6b3873000a330a17617574686f72697a6174696f6e2e6b38732e696f2f763112184c6f63616c5375
        626a65637441636365737352657669657712390a130a0012001a036e733122002a00320038004200
        1218120f0a082f6d65747269637312036765741a03626f6232001a08080012001a0020001a002200
        """,
        {
            "kind": "LocalSubjectAccessReview",
            "apiVersion": "authorization.k8s.io/v1",
            "metadata": {"namespace": "ns1", "creationTimestamp": None},
            "spec": {"nonResourceAttributes": {"path": "/metrics", "verb": "get"}, "user": "bob"},
            "status": {"allowed": False},
        },
    ),
    Vector(
        "go-selfsubjectrulesreview-status",
        """
        6b3873000a310a17617574686f72697a6174696f6e2e6b38732e696f2f7631121653656c66537562
        6a65637452756c6573526576696577123b0a100a0012001a0022002a0032003800420012050a036e
        73311a200a0d0a0367657412001a04706f6473120b0a0367657412042f617069180122001a002200
        """,
        {
            "kind": "SelfSubjectRulesReview",
            "apiVersion": "authorization.k8s.io/v1",
            "metadata": {"creationTimestamp": None},
            "spec": {"namespace": "ns1"},
            "status": {
                "resourceRules": [{"verbs": ["get"], "apiGroups": [""], "resources": ["pods"]}],
                "nonResourceRules": [{"verbs": ["get"], "nonResourceURLs": ["/api"]}],
                "incomplete": True,
            },
        },
    ),
    Vector(
        "go-selfsubjectreview-userinfo",
        """
        6b3873000a2d0a1861757468656e7469636174696f6e2e6b38732e696f2f7631121153656c665375
        626a65637452657669657712320a100a0012001a0022002a00320038004200121e0a1c0a05616c69
        63651201311a0267311a02673222080a016b12030a01761a002200
        """,
        {
            "kind": "SelfSubjectReview",
            "apiVersion": "authentication.k8s.io/v1",
            "metadata": {"creationTimestamp": None},
            "status": {
                "userInfo": {
                    "username": "alice",
                    "uid": "1",
                    "groups": ["g1", "g2"],
                    "extra": {"k": ["v"]},
                }
            },
        },
    ),
    Vector(
        "go-tokenreview",
        """
        6b3873000a270a1861757468656e7469636174696f6e2e6b38732e696f2f7631120b546f6b656e52
        6576696577124c0a100a0012001a0022002a00320038004200120a0a0361626312036170691a2c08
        0112210a1d73797374656d3a736572766963656163636f756e743a6e73313a73613112001a002203
        6170691a002200
        """,
        {
            "kind": "TokenReview",
            "apiVersion": "authentication.k8s.io/v1",
            "metadata": {"creationTimestamp": None},
            "spec": {"token": "abc", "audiences": ["api"]},
            "status": {
                "authenticated": True,
                "user": {"username": "system:serviceaccount:ns1:sa1"},
                "audiences": ["api"],
            },
        },
    ),
    Vector(
        "go-tokenrequest-minimal",
        """
        6b3873000a280a1861757468656e7469636174696f6e2e6b38732e696f2f7631120c546f6b656e52
        657175657374121a0a100a0012001a0022002a0032003800420012001a040a0012001a002200
        """,
        {
            "kind": "TokenRequest",
            "apiVersion": "authentication.k8s.io/v1",
            "metadata": {"creationTimestamp": None},
            "spec": {"audiences": None, "expirationSeconds": None, "boundObjectRef": None},
            "status": {"token": "", "expirationTimestamp": None},
        },
    ),
    Vector(
        "go-lease-leader-election",
        """
        6b3873000a1f0a16636f6f7264696e6174696f6e2e6b38732e696f2f763112054c6561736512540a
        290a0e6b63702d636f6e74726f6c6c657212001a0b6b7562652d73797374656d22002a0032003800
        420012270a09686f73745f31323334100f1a0c08a584d8bb061088eadcc302220808b484d8bb0610
        0028001a002200
        """,
        {
            "kind": "Lease",
            "apiVersion": "coordination.k8s.io/v1",
            "metadata": {
                "name": "kcp-controller",
                "namespace": "kube-system",
                "creationTimestamp": None,
            },
            "spec": {
                "holderIdentity": "host_1234",
                "leaseDurationSeconds": 15,
                "acquireTime": "2025-01-02T03:04:05.678901Z",
                "renewTime": "2025-01-02T03:04:20.000000Z",
                "leaseTransitions": 0,
            },
        },
    ),
    Vector(
        "go-deleteoptions-foreground-dryrun",
        """
        6b3873000a130a027631120d44656c6574654f7074696f6e73121f0800120a0a057569642d311201
        39220a466f726567726f756e642a03416c6c1a002200
        """,
        {
            "kind": "DeleteOptions",
            "apiVersion": "v1",
            "gracePeriodSeconds": 0,
            "preconditions": {"uid": "uid-1", "resourceVersion": "9"},
            "propagationPolicy": "Foreground",
            "dryRun": ["All"],
        },
    ),
    Vector(
        "go-deleteoptions-orphan",
        """
        6b3873000a130a027631120d44656c6574654f7074696f6e73120218011a002200
        """,
        {"kind": "DeleteOptions", "apiVersion": "v1", "orphanDependents": True},
    ),
    Vector(
        "go-configmap-epoch-creation-timestamp",
        """
        6b3873000a0f0a0276311209436f6e6669674d6170121b0a190a0565706f636812001a0022002a00
        320038004204080010001a002200
        """,
        {
            "kind": "ConfigMap",
            "apiVersion": "v1",
            "metadata": {"name": "epoch", "creationTimestamp": "1970-01-01T00:00:00Z"},
        },
    ),
]


@pytest.mark.parametrize("vector", KUBECTL_VECTORS, ids=lambda v: v.id)
def test_decode_kubectl_body_matches_go_json(vector: Vector) -> None:
    assert protobuf.decode(bytes.fromhex(vector.hex)) == vector.want


@pytest.mark.parametrize("vector", GO_VECTORS, ids=lambda v: v.id)
def test_decode_go_marshalled_body_matches_go_json(vector: Vector) -> None:
    assert protobuf.decode(bytes.fromhex(vector.hex)) == vector.want


def test_decode_keeps_go_json_key_order_for_kubectl_bodies() -> None:
    for vector in KUBECTL_VECTORS:
        assert _keys(protobuf.decode(bytes.fromhex(vector.hex))) == _keys(vector.want)


def _keys(value: object) -> object:
    if isinstance(value, dict):
        return [(key, _keys(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [_keys(item) for item in value]
    return None
