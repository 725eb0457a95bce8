"""Every field of every supported kind, marshalled by Go and decoded here.

Three bodies per kind, made by a Go program (outside the repo) from the k8s.io/api
v0.32.4 types by reflection and marshalled with k8s.io/apimachinery's protobuf
serializer; the expected JSON is Go's `json.Marshal` of the object decoded back:

- `zero`: the empty object: which fields Go writes as `null`, `""`, `false` or `{}`.
- `hollow`: every pointer allocated, one element per slice and map, all scalars zero:
  `omitempty` and `null` inside nested types.
- `full`: every field set to a distinct value (strings `ü-<json name>`, negative int32s
  and int64s, bytes with 0x00 and 0xff, times with nanoseconds): each field number and
  JSON name in the tables. A field missing from a table would be missing here.
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


FULL_METADATA: Object = {
    "name": "ü-name",
    "generateName": "ü-generateName",
    "namespace": "ü-namespace",
    "selfLink": "ü-selfLink",
    "uid": "ü-uid",
    "resourceVersion": "ü-resourceVersion",
    "generation": 60129542144,
    "creationTimestamp": "2024-05-06T07:08:09Z",
    "deletionTimestamp": "2024-05-06T07:08:09Z",
    "deletionGracePeriodSeconds": -120259084288,
    "labels": {"labels/k0": "ü-labels-v0", "labels/k1": "ü-labels-v1"},
    "annotations": {"annotations/k0": "ü-annotations-v0", "annotations/k1": "ü-annotations-v1"},
    "ownerReferences": [
        {
            "apiVersion": "ü-apiVersion",
            "kind": "ü-kind",
            "name": "ü-name",
            "uid": "ü-uid",
            "controller": True,
            "blockOwnerDeletion": True,
        },
        {
            "apiVersion": "ü-apiVersion",
            "kind": "ü-kind",
            "name": "ü-name",
            "uid": "ü-uid",
            "controller": True,
            "blockOwnerDeletion": True,
        },
    ],
    "finalizers": ["ü-finalizers0", "ü-finalizers1"],
    "managedFields": [
        {
            "manager": "ü-manager",
            "operation": "ü-operation",
            "apiVersion": "ü-apiVersion",
            "time": "2024-05-06T07:08:09Z",
            "fieldsType": "ü-fieldsType",
            "fieldsV1": {"f:metadata": {"f:labels": {".": {}}}},
            "subresource": "ü-subresource",
        },
        {
            "manager": "ü-manager",
            "operation": "ü-operation",
            "apiVersion": "ü-apiVersion",
            "time": "2024-05-06T07:08:09Z",
            "fieldsType": "ü-fieldsType",
            "fieldsV1": {"f:metadata": {"f:labels": {".": {}}}},
            "subresource": "ü-subresource",
        },
    ],
}

HOLLOW_METADATA: Object = {
    "creationTimestamp": None,
    "deletionTimestamp": None,
    "deletionGracePeriodSeconds": 0,
    "labels": {"": ""},
    "annotations": {"": ""},
    "ownerReferences": [
        {
            "apiVersion": "",
            "kind": "",
            "name": "",
            "uid": "",
            "controller": False,
            "blockOwnerDeletion": False,
        }
    ],
    "finalizers": [""],
    "managedFields": [{"time": None, "fieldsV1": None}],
}

GENERATED_VECTORS = [
    Vector(
        "zero-Namespace",
        """
        6b3873000a0f0a02763112094e616d65737061636512180a100a0012001a0022002a003200380042
        0012001a020a001a002200
        """,
        {
            "kind": "Namespace",
            "apiVersion": "v1",
            "metadata": {"creationTimestamp": None},
            "spec": {},
            "status": {},
        },
    ),
    Vector(
        "full-Namespace",
        """
        6b3873000a0f0a02763112094e616d657370616365128e060aef040a07c3bc2d6e616d65120fc3bc
        2d67656e65726174654e616d651a0cc3bc2d6e616d657370616365220bc3bc2d73656c664c696e6b
        2a06c3bc2d7569643212c3bc2d7265736f7572636556657273696f6e3880808080e001420808d983
        e2b10610004a0808d983e2b10610005080808080c0fcffffff015a190a096c6162656c732f6b3012
        0cc3bc2d6c6162656c732d76305a190a096c6162656c732f6b31120cc3bc2d6c6162656c732d7631
        62230a0e616e6e6f746174696f6e732f6b301211c3bc2d616e6e6f746174696f6e732d763062230a
        0e616e6e6f746174696f6e732f6b311211c3bc2d616e6e6f746174696f6e732d76316a2d0a07c3bc
        2d6b696e641a07c3bc2d6e616d652206c3bc2d7569642a0dc3bc2d61706956657273696f6e300138
        016a2d0a07c3bc2d6b696e641a07c3bc2d6e616d652206c3bc2d7569642a0dc3bc2d617069566572
        73696f6e30013801720ec3bc2d66696e616c697a65727330720ec3bc2d66696e616c697a65727331
        8a017a0a0ac3bc2d6d616e61676572120cc3bc2d6f7065726174696f6e1a0dc3bc2d617069566572
        73696f6e220808d983e2b1061000320dc3bc2d6669656c6473547970653a260a247b22663a6d6574
        6164617461223a7b22663a6c6162656c73223a7b222e223a7b7d7d7d7d420ec3bc2d737562726573
        6f757263658a017a0a0ac3bc2d6d616e61676572120cc3bc2d6f7065726174696f6e1a0dc3bc2d61
        706956657273696f6e220808d983e2b1061000320dc3bc2d6669656c6473547970653a260a247b22
        663a6d65746164617461223a7b22663a6c6162656c73223a7b222e223a7b7d7d7d7d420ec3bc2d73
        75627265736f7572636512200a0ec3bc2d66696e616c697a657273300a0ec3bc2d66696e616c697a
        657273311a780a08c3bc2d706861736512350a07c3bc2d747970651209c3bc2d7374617475732208
        08d983e2b10610002a09c3bc2d726561736f6e320ac3bc2d6d65737361676512350a07c3bc2d7479
        70651209c3bc2d737461747573220808d983e2b10610002a09c3bc2d726561736f6e320ac3bc2d6d
        6573736167651a002200
        """,
        {
            "kind": "Namespace",
            "apiVersion": "v1",
            "metadata": FULL_METADATA,
            "spec": {"finalizers": ["ü-finalizers0", "ü-finalizers1"]},
            "status": {
                "phase": "ü-phase",
                "conditions": [
                    {
                        "type": "ü-type",
                        "status": "ü-status",
                        "lastTransitionTime": "2024-05-06T07:08:09Z",
                        "reason": "ü-reason",
                        "message": "ü-message",
                    },
                    {
                        "type": "ü-type",
                        "status": "ü-status",
                        "lastTransitionTime": "2024-05-06T07:08:09Z",
                        "reason": "ü-reason",
                        "message": "ü-message",
                    },
                ],
            },
        },
    ),
    Vector(
        "hollow-Namespace",
        """
        6b3873000a0f0a02763112094e616d65737061636512570a410a0012001a0022002a003200380042
        004a0050005a040a00120062040a0012006a0c0a001a0022002a003000380072008a010e0a001200
        1a00220032003a00420012020a001a0e0a00120a0a00120022002a0032001a002200
        """,
        {
            "kind": "Namespace",
            "apiVersion": "v1",
            "metadata": HOLLOW_METADATA,
            "spec": {"finalizers": [""]},
            "status": {"conditions": [{"type": "", "status": "", "lastTransitionTime": None}]},
        },
    ),
    Vector(
        "zero-ConfigMap",
        """
        6b3873000a0f0a0276311209436f6e6669674d617012120a100a0012001a0022002a003200380042
        001a002200
        """,
        {"kind": "ConfigMap", "apiVersion": "v1", "metadata": {"creationTimestamp": None}},
    ),
    Vector(
        "full-ConfigMap",
        """
        6b3873000a0f0a0276311209436f6e6669674d617012e8050aef040a07c3bc2d6e616d65120fc3bc
        2d67656e65726174654e616d651a0cc3bc2d6e616d657370616365220bc3bc2d73656c664c696e6b
        2a06c3bc2d7569643212c3bc2d7265736f7572636556657273696f6e3880808080e001420808d983
        e2b10610004a0808d983e2b10610005080808080c0fcffffff015a190a096c6162656c732f6b3012
        0cc3bc2d6c6162656c732d76305a190a096c6162656c732f6b31120cc3bc2d6c6162656c732d7631
        62230a0e616e6e6f746174696f6e732f6b301211c3bc2d616e6e6f746174696f6e732d763062230a
        0e616e6e6f746174696f6e732f6b311211c3bc2d616e6e6f746174696f6e732d76316a2d0a07c3bc
        2d6b696e641a07c3bc2d6e616d652206c3bc2d7569642a0dc3bc2d61706956657273696f6e300138
        016a2d0a07c3bc2d6b696e641a07c3bc2d6e616d652206c3bc2d7569642a0dc3bc2d617069566572
        73696f6e30013801720ec3bc2d66696e616c697a65727330720ec3bc2d66696e616c697a65727331
        8a017a0a0ac3bc2d6d616e61676572120cc3bc2d6f7065726174696f6e1a0dc3bc2d617069566572
        73696f6e220808d983e2b1061000320dc3bc2d6669656c6473547970653a260a247b22663a6d6574
        6164617461223a7b22663a6c6162656c73223a7b222e223a7b7d7d7d7d420ec3bc2d737562726573
        6f757263658a017a0a0ac3bc2d6d616e61676572120cc3bc2d6f7065726174696f6e1a0dc3bc2d61
        706956657273696f6e220808d983e2b1061000320dc3bc2d6669656c6473547970653a260a247b22
        663a6d65746164617461223a7b22663a6c6162656c73223a7b222e223a7b7d7d7d7d420ec3bc2d73
        75627265736f7572636512150a07646174612f6b30120ac3bc2d646174612d763012150a07646174
        612f6b31120ac3bc2d646174612d76311a210a0d62696e617279446174612f6b30121000ff2d6269
        6e617279446174612d76301a210a0d62696e617279446174612f6b31121000ff2d62696e61727944
        6174612d763120011a002200
        """,
        {
            "kind": "ConfigMap",
            "apiVersion": "v1",
            "metadata": {
                "name": "ü-name",
                "generateName": "ü-generateName",
                "namespace": "ü-namespace",
                "selfLink": "ü-selfLink",
                "uid": "ü-uid",
                "resourceVersion": "ü-resourceVersion",
                "generation": 60129542144,
                "creationTimestamp": "2024-05-06T07:08:09Z",
                "deletionTimestamp": "2024-05-06T07:08:09Z",
                "deletionGracePeriodSeconds": -120259084288,
                "labels": {"labels/k0": "ü-labels-v0", "labels/k1": "ü-labels-v1"},
                "annotations": {
                    "annotations/k0": "ü-annotations-v0",
                    "annotations/k1": "ü-annotations-v1",
                },
                "ownerReferences": [
                    {
                        "apiVersion": "ü-apiVersion",
                        "kind": "ü-kind",
                        "name": "ü-name",
                        "uid": "ü-uid",
                        "controller": True,
                        "blockOwnerDeletion": True,
                    },
                    {
                        "apiVersion": "ü-apiVersion",
                        "kind": "ü-kind",
                        "name": "ü-name",
                        "uid": "ü-uid",
                        "controller": True,
                        "blockOwnerDeletion": True,
                    },
                ],
                "finalizers": ["ü-finalizers0", "ü-finalizers1"],
                "managedFields": [
                    {
                        "manager": "ü-manager",
                        "operation": "ü-operation",
                        "apiVersion": "ü-apiVersion",
                        "time": "2024-05-06T07:08:09Z",
                        "fieldsType": "ü-fieldsType",
                        "fieldsV1": {"f:metadata": {"f:labels": {".": {}}}},
                        "subresource": "ü-subresource",
                    },
                    {
                        "manager": "ü-manager",
                        "operation": "ü-operation",
                        "apiVersion": "ü-apiVersion",
                        "time": "2024-05-06T07:08:09Z",
                        "fieldsType": "ü-fieldsType",
                        "fieldsV1": {"f:metadata": {"f:labels": {".": {}}}},
                        "subresource": "ü-subresource",
                    },
                ],
            },
            "immutable": True,
            "data": {"data/k0": "ü-data-v0", "data/k1": "ü-data-v1"},
            "binaryData": {
                "binaryData/k0": "AP8tYmluYXJ5RGF0YS12MA==",
                "binaryData/k1": "AP8tYmluYXJ5RGF0YS12MQ==",
            },
        },
    ),
    Vector(
        "hollow-ConfigMap",
        """
        6b3873000a0f0a0276311209436f6e6669674d6170124f0a410a0012001a0022002a003200380042
        004a0050005a040a00120062040a0012006a0c0a001a0022002a003000380072008a010e0a001200
        1a00220032003a00420012040a0012001a020a0020001a002200
        """,
        {
            "kind": "ConfigMap",
            "apiVersion": "v1",
            "metadata": {
                "creationTimestamp": None,
                "deletionTimestamp": None,
                "deletionGracePeriodSeconds": 0,
                "labels": {"": ""},
                "annotations": {"": ""},
                "ownerReferences": [
                    {
                        "apiVersion": "",
                        "kind": "",
                        "name": "",
                        "uid": "",
                        "controller": False,
                        "blockOwnerDeletion": False,
                    }
                ],
                "finalizers": [""],
                "managedFields": [{"time": None, "fieldsV1": None}],
            },
            "immutable": False,
            "data": {"": ""},
            "binaryData": {"": ""},
        },
    ),
    Vector(
        "zero-Secret",
        """
        6b3873000a0c0a027631120653656372657412140a100a0012001a0022002a003200380042001a00
        1a002200
        """,
        {"kind": "Secret", "apiVersion": "v1", "metadata": {"creationTimestamp": None}},
    ),
    Vector(
        "full-Secret",
        """
        6b3873000a0c0a027631120653656372657412f1050aef040a07c3bc2d6e616d65120fc3bc2d6765
        6e65726174654e616d651a0cc3bc2d6e616d657370616365220bc3bc2d73656c664c696e6b2a06c3
        bc2d7569643212c3bc2d7265736f7572636556657273696f6e3880808080e001420808d983e2b106
        10004a0808d983e2b10610005080808080c0fcffffff015a190a096c6162656c732f6b30120cc3bc
        2d6c6162656c732d76305a190a096c6162656c732f6b31120cc3bc2d6c6162656c732d763162230a
        0e616e6e6f746174696f6e732f6b301211c3bc2d616e6e6f746174696f6e732d763062230a0e616e
        6e6f746174696f6e732f6b311211c3bc2d616e6e6f746174696f6e732d76316a2d0a07c3bc2d6b69
        6e641a07c3bc2d6e616d652206c3bc2d7569642a0dc3bc2d61706956657273696f6e300138016a2d
        0a07c3bc2d6b696e641a07c3bc2d6e616d652206c3bc2d7569642a0dc3bc2d61706956657273696f
        6e30013801720ec3bc2d66696e616c697a65727330720ec3bc2d66696e616c697a657273318a017a
        0a0ac3bc2d6d616e61676572120cc3bc2d6f7065726174696f6e1a0dc3bc2d61706956657273696f
        6e220808d983e2b1061000320dc3bc2d6669656c6473547970653a260a247b22663a6d6574616461
        7461223a7b22663a6c6162656c73223a7b222e223a7b7d7d7d7d420ec3bc2d7375627265736f7572
        63658a017a0a0ac3bc2d6d616e61676572120cc3bc2d6f7065726174696f6e1a0dc3bc2d61706956
        657273696f6e220808d983e2b1061000320dc3bc2d6669656c6473547970653a260a247b22663a6d
        65746164617461223a7b22663a6c6162656c73223a7b222e223a7b7d7d7d7d420ec3bc2d73756272
        65736f7572636512150a07646174612f6b30120a00ff2d646174612d763012150a07646174612f6b
        31120a00ff2d646174612d76311a07c3bc2d7479706522210a0d737472696e67446174612f6b3012
        10c3bc2d737472696e67446174612d763022210a0d737472696e67446174612f6b311210c3bc2d73
        7472696e67446174612d763128011a002200
        """,
        {
            "kind": "Secret",
            "apiVersion": "v1",
            "metadata": FULL_METADATA,
            "immutable": True,
            "data": {"data/k0": "AP8tZGF0YS12MA==", "data/k1": "AP8tZGF0YS12MQ=="},
            "stringData": {"stringData/k0": "ü-stringData-v0", "stringData/k1": "ü-stringData-v1"},
            "type": "ü-type",
        },
    ),
    Vector(
        "hollow-Secret",
        """
        6b3873000a0c0a027631120653656372657412510a410a0012001a0022002a003200380042004a00
        50005a040a00120062040a0012006a0c0a001a0022002a003000380072008a010e0a0012001a0022
        0032003a00420012020a001a0022040a00120028001a002200
        """,
        {
            "kind": "Secret",
            "apiVersion": "v1",
            "metadata": HOLLOW_METADATA,
            "immutable": False,
            "data": {"": ""},
            "stringData": {"": ""},
        },
    ),
    Vector(
        "zero-ServiceAccount",
        """
        6b3873000a140a027631120e536572766963654163636f756e7412120a100a0012001a0022002a00
        3200380042001a002200
        """,
        {"kind": "ServiceAccount", "apiVersion": "v1", "metadata": {"creationTimestamp": None}},
    ),
    Vector(
        "full-ServiceAccount",
        """
        6b3873000a140a027631120e536572766963654163636f756e7412c0060aef040a07c3bc2d6e616d
        65120fc3bc2d67656e65726174654e616d651a0cc3bc2d6e616d657370616365220bc3bc2d73656c
        664c696e6b2a06c3bc2d7569643212c3bc2d7265736f7572636556657273696f6e3880808080e001
        420808d983e2b10610004a0808d983e2b10610005080808080c0fcffffff015a190a096c6162656c
        732f6b30120cc3bc2d6c6162656c732d76305a190a096c6162656c732f6b31120cc3bc2d6c616265
        6c732d763162230a0e616e6e6f746174696f6e732f6b301211c3bc2d616e6e6f746174696f6e732d
        763062230a0e616e6e6f746174696f6e732f6b311211c3bc2d616e6e6f746174696f6e732d76316a
        2d0a07c3bc2d6b696e641a07c3bc2d6e616d652206c3bc2d7569642a0dc3bc2d6170695665727369
        6f6e300138016a2d0a07c3bc2d6b696e641a07c3bc2d6e616d652206c3bc2d7569642a0dc3bc2d61
        706956657273696f6e30013801720ec3bc2d66696e616c697a65727330720ec3bc2d66696e616c69
        7a657273318a017a0a0ac3bc2d6d616e61676572120cc3bc2d6f7065726174696f6e1a0dc3bc2d61
        706956657273696f6e220808d983e2b1061000320dc3bc2d6669656c6473547970653a260a247b22
        663a6d65746164617461223a7b22663a6c6162656c73223a7b222e223a7b7d7d7d7d420ec3bc2d73
        75627265736f757263658a017a0a0ac3bc2d6d616e61676572120cc3bc2d6f7065726174696f6e1a
        0dc3bc2d61706956657273696f6e220808d983e2b1061000320dc3bc2d6669656c6473547970653a
        260a247b22663a6d65746164617461223a7b22663a6c6162656c73223a7b222e223a7b7d7d7d7d42
        0ec3bc2d7375627265736f7572636512590a07c3bc2d6b696e64120cc3bc2d6e616d657370616365
        1a07c3bc2d6e616d652206c3bc2d7569642a0dc3bc2d61706956657273696f6e3212c3bc2d726573
        6f7572636556657273696f6e3a0cc3bc2d6669656c645061746812590a07c3bc2d6b696e64120cc3
        bc2d6e616d6573706163651a07c3bc2d6e616d652206c3bc2d7569642a0dc3bc2d61706956657273
        696f6e3212c3bc2d7265736f7572636556657273696f6e3a0cc3bc2d6669656c64506174681a090a
        07c3bc2d6e616d651a090a07c3bc2d6e616d6520011a002200
        """,
        {
            "kind": "ServiceAccount",
            "apiVersion": "v1",
            "metadata": FULL_METADATA,
            "secrets": [
                {
                    "kind": "ü-kind",
                    "namespace": "ü-namespace",
                    "name": "ü-name",
                    "uid": "ü-uid",
                    "apiVersion": "ü-apiVersion",
                    "resourceVersion": "ü-resourceVersion",
                    "fieldPath": "ü-fieldPath",
                },
                {
                    "kind": "ü-kind",
                    "namespace": "ü-namespace",
                    "name": "ü-name",
                    "uid": "ü-uid",
                    "apiVersion": "ü-apiVersion",
                    "resourceVersion": "ü-resourceVersion",
                    "fieldPath": "ü-fieldPath",
                },
            ],
            "imagePullSecrets": [{"name": "ü-name"}, {"name": "ü-name"}],
            "automountServiceAccountToken": True,
        },
    ),
    Vector(
        "hollow-ServiceAccount",
        """
        6b3873000a140a027631120e536572766963654163636f756e7412590a410a0012001a0022002a00
        3200380042004a0050005a040a00120062040a0012006a0c0a001a0022002a003000380072008a01
        0e0a0012001a00220032003a004200120e0a0012001a0022002a0032003a001a020a0020001a0022
        00
        """,
        {
            "kind": "ServiceAccount",
            "apiVersion": "v1",
            "metadata": HOLLOW_METADATA,
            "secrets": [{}],
            "imagePullSecrets": [{}],
            "automountServiceAccountToken": False,
        },
    ),
    Vector(
        "zero-Role",
        """
        6b3873000a240a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f76311204526f
        6c6512120a100a0012001a0022002a003200380042001a002200
        """,
        {
            "kind": "Role",
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "metadata": {"creationTimestamp": None},
            "rules": None,
        },
    ),
    Vector(
        "full-Role",
        """
        6b3873000a240a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f76311204526f
        6c6512bc070aef040a07c3bc2d6e616d65120fc3bc2d67656e65726174654e616d651a0cc3bc2d6e
        616d657370616365220bc3bc2d73656c664c696e6b2a06c3bc2d7569643212c3bc2d7265736f7572
        636556657273696f6e3880808080e001420808d983e2b10610004a0808d983e2b106100050808080
        80c0fcffffff015a190a096c6162656c732f6b30120cc3bc2d6c6162656c732d76305a190a096c61
        62656c732f6b31120cc3bc2d6c6162656c732d763162230a0e616e6e6f746174696f6e732f6b3012
        11c3bc2d616e6e6f746174696f6e732d763062230a0e616e6e6f746174696f6e732f6b311211c3bc
        2d616e6e6f746174696f6e732d76316a2d0a07c3bc2d6b696e641a07c3bc2d6e616d652206c3bc2d
        7569642a0dc3bc2d61706956657273696f6e300138016a2d0a07c3bc2d6b696e641a07c3bc2d6e61
        6d652206c3bc2d7569642a0dc3bc2d61706956657273696f6e30013801720ec3bc2d66696e616c69
        7a65727330720ec3bc2d66696e616c697a657273318a017a0a0ac3bc2d6d616e61676572120cc3bc
        2d6f7065726174696f6e1a0dc3bc2d61706956657273696f6e220808d983e2b1061000320dc3bc2d
        6669656c6473547970653a260a247b22663a6d65746164617461223a7b22663a6c6162656c73223a
        7b222e223a7b7d7d7d7d420ec3bc2d7375627265736f757263658a017a0a0ac3bc2d6d616e616765
        72120cc3bc2d6f7065726174696f6e1a0dc3bc2d61706956657273696f6e220808d983e2b1061000
        320dc3bc2d6669656c6473547970653a260a247b22663a6d65746164617461223a7b22663a6c6162
        656c73223a7b222e223a7b7d7d7d7d420ec3bc2d7375627265736f7572636512a2010a09c3bc2d76
        65726273300a09c3bc2d766572627331120dc3bc2d61706947726f75707330120dc3bc2d61706947
        726f757073311a0dc3bc2d7265736f7572636573301a0dc3bc2d7265736f7572636573312211c3bc
        2d7265736f757263654e616d6573302211c3bc2d7265736f757263654e616d6573312a13c3bc2d6e
        6f6e5265736f7572636555524c73302a13c3bc2d6e6f6e5265736f7572636555524c733112a2010a
        09c3bc2d7665726273300a09c3bc2d766572627331120dc3bc2d61706947726f75707330120dc3bc
        2d61706947726f757073311a0dc3bc2d7265736f7572636573301a0dc3bc2d7265736f7572636573
        312211c3bc2d7265736f757263654e616d6573302211c3bc2d7265736f757263654e616d6573312a
        13c3bc2d6e6f6e5265736f7572636555524c73302a13c3bc2d6e6f6e5265736f7572636555524c73
        311a002200
        """,
        {
            "kind": "Role",
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "metadata": FULL_METADATA,
            "rules": [
                {
                    "verbs": ["ü-verbs0", "ü-verbs1"],
                    "apiGroups": ["ü-apiGroups0", "ü-apiGroups1"],
                    "resources": ["ü-resources0", "ü-resources1"],
                    "resourceNames": ["ü-resourceNames0", "ü-resourceNames1"],
                    "nonResourceURLs": ["ü-nonResourceURLs0", "ü-nonResourceURLs1"],
                },
                {
                    "verbs": ["ü-verbs0", "ü-verbs1"],
                    "apiGroups": ["ü-apiGroups0", "ü-apiGroups1"],
                    "resources": ["ü-resources0", "ü-resources1"],
                    "resourceNames": ["ü-resourceNames0", "ü-resourceNames1"],
                    "nonResourceURLs": ["ü-nonResourceURLs0", "ü-nonResourceURLs1"],
                },
            ],
        },
    ),
    Vector(
        "hollow-Role",
        """
        6b3873000a240a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f76311204526f
        6c65124f0a410a0012001a0022002a003200380042004a0050005a040a00120062040a0012006a0c
        0a001a0022002a003000380072008a010e0a0012001a00220032003a004200120a0a0012001a0022
        002a001a002200
        """,
        {
            "kind": "Role",
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "metadata": HOLLOW_METADATA,
            "rules": [
                {
                    "verbs": [""],
                    "apiGroups": [""],
                    "resources": [""],
                    "resourceNames": [""],
                    "nonResourceURLs": [""],
                }
            ],
        },
    ),
    Vector(
        "zero-ClusterRole",
        """
        6b3873000a2b0a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f7631120b436c
        7573746572526f6c6512120a100a0012001a0022002a003200380042001a002200
        """,
        {
            "kind": "ClusterRole",
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "metadata": {"creationTimestamp": None},
            "rules": None,
        },
    ),
    Vector(
        "full-ClusterRole",
        """
        6b3873000a2b0a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f7631120b436c
        7573746572526f6c6512950a0aef040a07c3bc2d6e616d65120fc3bc2d67656e65726174654e616d
        651a0cc3bc2d6e616d657370616365220bc3bc2d73656c664c696e6b2a06c3bc2d7569643212c3bc
        2d7265736f7572636556657273696f6e3880808080e001420808d983e2b10610004a0808d983e2b1
        0610005080808080c0fcffffff015a190a096c6162656c732f6b30120cc3bc2d6c6162656c732d76
        305a190a096c6162656c732f6b31120cc3bc2d6c6162656c732d763162230a0e616e6e6f74617469
        6f6e732f6b301211c3bc2d616e6e6f746174696f6e732d763062230a0e616e6e6f746174696f6e73
        2f6b311211c3bc2d616e6e6f746174696f6e732d76316a2d0a07c3bc2d6b696e641a07c3bc2d6e61
        6d652206c3bc2d7569642a0dc3bc2d61706956657273696f6e300138016a2d0a07c3bc2d6b696e64
        1a07c3bc2d6e616d652206c3bc2d7569642a0dc3bc2d61706956657273696f6e30013801720ec3bc
        2d66696e616c697a65727330720ec3bc2d66696e616c697a657273318a017a0a0ac3bc2d6d616e61
        676572120cc3bc2d6f7065726174696f6e1a0dc3bc2d61706956657273696f6e220808d983e2b106
        1000320dc3bc2d6669656c6473547970653a260a247b22663a6d65746164617461223a7b22663a6c
        6162656c73223a7b222e223a7b7d7d7d7d420ec3bc2d7375627265736f757263658a017a0a0ac3bc
        2d6d616e61676572120cc3bc2d6f7065726174696f6e1a0dc3bc2d61706956657273696f6e220808
        d983e2b1061000320dc3bc2d6669656c6473547970653a260a247b22663a6d65746164617461223a
        7b22663a6c6162656c73223a7b222e223a7b7d7d7d7d420ec3bc2d7375627265736f7572636512a2
        010a09c3bc2d7665726273300a09c3bc2d766572627331120dc3bc2d61706947726f75707330120d
        c3bc2d61706947726f757073311a0dc3bc2d7265736f7572636573301a0dc3bc2d7265736f757263
        6573312211c3bc2d7265736f757263654e616d6573302211c3bc2d7265736f757263654e616d6573
        312a13c3bc2d6e6f6e5265736f7572636555524c73302a13c3bc2d6e6f6e5265736f757263655552
        4c733112a2010a09c3bc2d7665726273300a09c3bc2d766572627331120dc3bc2d61706947726f75
        707330120dc3bc2d61706947726f757073311a0dc3bc2d7265736f7572636573301a0dc3bc2d7265
        736f7572636573312211c3bc2d7265736f757263654e616d6573302211c3bc2d7265736f75726365
        4e616d6573312a13c3bc2d6e6f6e5265736f7572636555524c73302a13c3bc2d6e6f6e5265736f75
        72636555524c73311ad6020aa8010a230a0e6d617463684c6162656c732f6b301211c3bc2d6d6174
        63684c6162656c732d76300a230a0e6d617463684c6162656c732f6b311211c3bc2d6d617463684c
        6162656c732d7631122d0a06c3bc2d6b6579120bc3bc2d6f70657261746f721a0ac3bc2d76616c75
        6573301a0ac3bc2d76616c75657331122d0a06c3bc2d6b6579120bc3bc2d6f70657261746f721a0a
        c3bc2d76616c756573301a0ac3bc2d76616c756573310aa8010a230a0e6d617463684c6162656c73
        2f6b301211c3bc2d6d617463684c6162656c732d76300a230a0e6d617463684c6162656c732f6b31
        1211c3bc2d6d617463684c6162656c732d7631122d0a06c3bc2d6b6579120bc3bc2d6f7065726174
        6f721a0ac3bc2d76616c756573301a0ac3bc2d76616c75657331122d0a06c3bc2d6b6579120bc3bc
        2d6f70657261746f721a0ac3bc2d76616c756573301a0ac3bc2d76616c756573311a002200
        """,
        {
            "kind": "ClusterRole",
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "metadata": FULL_METADATA,
            "rules": [
                {
                    "verbs": ["ü-verbs0", "ü-verbs1"],
                    "apiGroups": ["ü-apiGroups0", "ü-apiGroups1"],
                    "resources": ["ü-resources0", "ü-resources1"],
                    "resourceNames": ["ü-resourceNames0", "ü-resourceNames1"],
                    "nonResourceURLs": ["ü-nonResourceURLs0", "ü-nonResourceURLs1"],
                },
                {
                    "verbs": ["ü-verbs0", "ü-verbs1"],
                    "apiGroups": ["ü-apiGroups0", "ü-apiGroups1"],
                    "resources": ["ü-resources0", "ü-resources1"],
                    "resourceNames": ["ü-resourceNames0", "ü-resourceNames1"],
                    "nonResourceURLs": ["ü-nonResourceURLs0", "ü-nonResourceURLs1"],
                },
            ],
            "aggregationRule": {
                "clusterRoleSelectors": [
                    {
                        "matchLabels": {
                            "matchLabels/k0": "ü-matchLabels-v0",
                            "matchLabels/k1": "ü-matchLabels-v1",
                        },
                        "matchExpressions": [
                            {
                                "key": "ü-key",
                                "operator": "ü-operator",
                                "values": ["ü-values0", "ü-values1"],
                            },
                            {
                                "key": "ü-key",
                                "operator": "ü-operator",
                                "values": ["ü-values0", "ü-values1"],
                            },
                        ],
                    },
                    {
                        "matchLabels": {
                            "matchLabels/k0": "ü-matchLabels-v0",
                            "matchLabels/k1": "ü-matchLabels-v1",
                        },
                        "matchExpressions": [
                            {
                                "key": "ü-key",
                                "operator": "ü-operator",
                                "values": ["ü-values0", "ü-values1"],
                            },
                            {
                                "key": "ü-key",
                                "operator": "ü-operator",
                                "values": ["ü-values0", "ü-values1"],
                            },
                        ],
                    },
                ]
            },
        },
    ),
    Vector(
        "hollow-ClusterRole",
        """
        6b3873000a2b0a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f7631120b436c
        7573746572526f6c6512610a410a0012001a0022002a003200380042004a0050005a040a00120062
        040a0012006a0c0a001a0022002a003000380072008a010e0a0012001a00220032003a004200120a
        0a0012001a0022002a001a100a0e0a040a00120012060a0012001a001a002200
        """,
        {
            "kind": "ClusterRole",
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "metadata": HOLLOW_METADATA,
            "rules": [
                {
                    "verbs": [""],
                    "apiGroups": [""],
                    "resources": [""],
                    "resourceNames": [""],
                    "nonResourceURLs": [""],
                }
            ],
            "aggregationRule": {
                "clusterRoleSelectors": [
                    {
                        "matchLabels": {"": ""},
                        "matchExpressions": [{"key": "", "operator": "", "values": [""]}],
                    }
                ]
            },
        },
    ),
    Vector(
        "zero-RoleBinding",
        """
        6b3873000a2b0a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f7631120b526f
        6c6542696e64696e67121a0a100a0012001a0022002a003200380042001a060a0012001a001a0022
        00
        """,
        {
            "kind": "RoleBinding",
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "metadata": {"creationTimestamp": None},
            "roleRef": {"apiGroup": "", "kind": "", "name": ""},
        },
    ),
    Vector(
        "full-RoleBinding",
        """
        6b3873000a2b0a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f7631120b526f
        6c6542696e64696e6712f1050aef040a07c3bc2d6e616d65120fc3bc2d67656e65726174654e616d
        651a0cc3bc2d6e616d657370616365220bc3bc2d73656c664c696e6b2a06c3bc2d7569643212c3bc
        2d7265736f7572636556657273696f6e3880808080e001420808d983e2b10610004a0808d983e2b1
        0610005080808080c0fcffffff015a190a096c6162656c732f6b30120cc3bc2d6c6162656c732d76
        305a190a096c6162656c732f6b31120cc3bc2d6c6162656c732d763162230a0e616e6e6f74617469
        6f6e732f6b301211c3bc2d616e6e6f746174696f6e732d763062230a0e616e6e6f746174696f6e73
        2f6b311211c3bc2d616e6e6f746174696f6e732d76316a2d0a07c3bc2d6b696e641a07c3bc2d6e61
        6d652206c3bc2d7569642a0dc3bc2d61706956657273696f6e300138016a2d0a07c3bc2d6b696e64
        1a07c3bc2d6e616d652206c3bc2d7569642a0dc3bc2d61706956657273696f6e30013801720ec3bc
        2d66696e616c697a65727330720ec3bc2d66696e616c697a657273318a017a0a0ac3bc2d6d616e61
        676572120cc3bc2d6f7065726174696f6e1a0dc3bc2d61706956657273696f6e220808d983e2b106
        1000320dc3bc2d6669656c6473547970653a260a247b22663a6d65746164617461223a7b22663a6c
        6162656c73223a7b222e223a7b7d7d7d7d420ec3bc2d7375627265736f757263658a017a0a0ac3bc
        2d6d616e61676572120cc3bc2d6f7065726174696f6e1a0dc3bc2d61706956657273696f6e220808
        d983e2b1061000320dc3bc2d6669656c6473547970653a260a247b22663a6d65746164617461223a
        7b22663a6c6162656c73223a7b222e223a7b7d7d7d7d420ec3bc2d7375627265736f75726365122d
        0a07c3bc2d6b696e64120bc3bc2d61706947726f75701a07c3bc2d6e616d65220cc3bc2d6e616d65
        7370616365122d0a07c3bc2d6b696e64120bc3bc2d61706947726f75701a07c3bc2d6e616d65220c
        c3bc2d6e616d6573706163651a1f0a0bc3bc2d61706947726f75701207c3bc2d6b696e641a07c3bc
        2d6e616d651a002200
        """,
        {
            "kind": "RoleBinding",
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "metadata": FULL_METADATA,
            "subjects": [
                {
                    "kind": "ü-kind",
                    "apiGroup": "ü-apiGroup",
                    "name": "ü-name",
                    "namespace": "ü-namespace",
                },
                {
                    "kind": "ü-kind",
                    "apiGroup": "ü-apiGroup",
                    "name": "ü-name",
                    "namespace": "ü-namespace",
                },
            ],
            "roleRef": {"apiGroup": "ü-apiGroup", "kind": "ü-kind", "name": "ü-name"},
        },
    ),
    Vector(
        "hollow-RoleBinding",
        """
        6b3873000a2b0a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f7631120b526f
        6c6542696e64696e6712550a410a0012001a0022002a003200380042004a0050005a040a00120062
        040a0012006a0c0a001a0022002a003000380072008a010e0a0012001a00220032003a0042001208
        0a0012001a0022001a060a0012001a001a002200
        """,
        {
            "kind": "RoleBinding",
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "metadata": HOLLOW_METADATA,
            "subjects": [{"kind": "", "name": ""}],
            "roleRef": {"apiGroup": "", "kind": "", "name": ""},
        },
    ),
    Vector(
        "zero-ClusterRoleBinding",
        """
        6b3873000a320a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f76311212436c
        7573746572526f6c6542696e64696e67121a0a100a0012001a0022002a003200380042001a060a00
        12001a001a002200
        """,
        {
            "kind": "ClusterRoleBinding",
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "metadata": {"creationTimestamp": None},
            "roleRef": {"apiGroup": "", "kind": "", "name": ""},
        },
    ),
    Vector(
        "full-ClusterRoleBinding",
        """
        6b3873000a320a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f76311212436c
        7573746572526f6c6542696e64696e6712f1050aef040a07c3bc2d6e616d65120fc3bc2d67656e65
        726174654e616d651a0cc3bc2d6e616d657370616365220bc3bc2d73656c664c696e6b2a06c3bc2d
        7569643212c3bc2d7265736f7572636556657273696f6e3880808080e001420808d983e2b1061000
        4a0808d983e2b10610005080808080c0fcffffff015a190a096c6162656c732f6b30120cc3bc2d6c
        6162656c732d76305a190a096c6162656c732f6b31120cc3bc2d6c6162656c732d763162230a0e61
        6e6e6f746174696f6e732f6b301211c3bc2d616e6e6f746174696f6e732d763062230a0e616e6e6f
        746174696f6e732f6b311211c3bc2d616e6e6f746174696f6e732d76316a2d0a07c3bc2d6b696e64
        1a07c3bc2d6e616d652206c3bc2d7569642a0dc3bc2d61706956657273696f6e300138016a2d0a07
        c3bc2d6b696e641a07c3bc2d6e616d652206c3bc2d7569642a0dc3bc2d61706956657273696f6e30
        013801720ec3bc2d66696e616c697a65727330720ec3bc2d66696e616c697a657273318a017a0a0a
        c3bc2d6d616e61676572120cc3bc2d6f7065726174696f6e1a0dc3bc2d61706956657273696f6e22
        0808d983e2b1061000320dc3bc2d6669656c6473547970653a260a247b22663a6d65746164617461
        223a7b22663a6c6162656c73223a7b222e223a7b7d7d7d7d420ec3bc2d7375627265736f75726365
        8a017a0a0ac3bc2d6d616e61676572120cc3bc2d6f7065726174696f6e1a0dc3bc2d617069566572
        73696f6e220808d983e2b1061000320dc3bc2d6669656c6473547970653a260a247b22663a6d6574
        6164617461223a7b22663a6c6162656c73223a7b222e223a7b7d7d7d7d420ec3bc2d737562726573
        6f75726365122d0a07c3bc2d6b696e64120bc3bc2d61706947726f75701a07c3bc2d6e616d65220c
        c3bc2d6e616d657370616365122d0a07c3bc2d6b696e64120bc3bc2d61706947726f75701a07c3bc
        2d6e616d65220cc3bc2d6e616d6573706163651a1f0a0bc3bc2d61706947726f75701207c3bc2d6b
        696e641a07c3bc2d6e616d651a002200
        """,
        {
            "kind": "ClusterRoleBinding",
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "metadata": FULL_METADATA,
            "subjects": [
                {
                    "kind": "ü-kind",
                    "apiGroup": "ü-apiGroup",
                    "name": "ü-name",
                    "namespace": "ü-namespace",
                },
                {
                    "kind": "ü-kind",
                    "apiGroup": "ü-apiGroup",
                    "name": "ü-name",
                    "namespace": "ü-namespace",
                },
            ],
            "roleRef": {"apiGroup": "ü-apiGroup", "kind": "ü-kind", "name": "ü-name"},
        },
    ),
    Vector(
        "hollow-ClusterRoleBinding",
        """
        6b3873000a320a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f76311212436c
        7573746572526f6c6542696e64696e6712550a410a0012001a0022002a003200380042004a005000
        5a040a00120062040a0012006a0c0a001a0022002a003000380072008a010e0a0012001a00220032
        003a00420012080a0012001a0022001a060a0012001a001a002200
        """,
        {
            "kind": "ClusterRoleBinding",
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "metadata": HOLLOW_METADATA,
            "subjects": [{"kind": "", "name": ""}],
            "roleRef": {"apiGroup": "", "kind": "", "name": ""},
        },
    ),
    Vector(
        "zero-SubjectAccessReview",
        """
        6b3873000a2e0a17617574686f72697a6174696f6e2e6b38732e696f2f763112135375626a656374
        41636365737352657669657712220a100a0012001a0022002a0032003800420012041a0032001a08
        080012001a0020001a002200
        """,
        {
            "kind": "SubjectAccessReview",
            "apiVersion": "authorization.k8s.io/v1",
            "metadata": {"creationTimestamp": None},
            "spec": {},
            "status": {"allowed": False},
        },
    ),
    Vector(
        "full-SubjectAccessReview",
        """
        6b3873000a2e0a17617574686f72697a6174696f6e2e6b38732e696f2f763112135375626a656374
        41636365737352657669657712e1080aef040a07c3bc2d6e616d65120fc3bc2d67656e6572617465
        4e616d651a0cc3bc2d6e616d657370616365220bc3bc2d73656c664c696e6b2a06c3bc2d75696432
        12c3bc2d7265736f7572636556657273696f6e3880808080e001420808d983e2b10610004a0808d9
        83e2b10610005080808080c0fcffffff015a190a096c6162656c732f6b30120cc3bc2d6c6162656c
        732d76305a190a096c6162656c732f6b31120cc3bc2d6c6162656c732d763162230a0e616e6e6f74
        6174696f6e732f6b301211c3bc2d616e6e6f746174696f6e732d763062230a0e616e6e6f74617469
        6f6e732f6b311211c3bc2d616e6e6f746174696f6e732d76316a2d0a07c3bc2d6b696e641a07c3bc
        2d6e616d652206c3bc2d7569642a0dc3bc2d61706956657273696f6e300138016a2d0a07c3bc2d6b
        696e641a07c3bc2d6e616d652206c3bc2d7569642a0dc3bc2d61706956657273696f6e3001380172
        0ec3bc2d66696e616c697a65727330720ec3bc2d66696e616c697a657273318a017a0a0ac3bc2d6d
        616e61676572120cc3bc2d6f7065726174696f6e1a0dc3bc2d61706956657273696f6e220808d983
        e2b1061000320dc3bc2d6669656c6473547970653a260a247b22663a6d65746164617461223a7b22
        663a6c6162656c73223a7b222e223a7b7d7d7d7d420ec3bc2d7375627265736f757263658a017a0a
        0ac3bc2d6d616e61676572120cc3bc2d6f7065726174696f6e1a0dc3bc2d61706956657273696f6e
        220808d983e2b1061000320dc3bc2d6669656c6473547970653a260a247b22663a6d657461646174
        61223a7b22663a6c6162656c73223a7b222e223a7b7d7d7d7d420ec3bc2d7375627265736f757263
        6512c7030ab3020a0cc3bc2d6e616d6573706163651207c3bc2d766572621a08c3bc2d67726f7570
        220ac3bc2d76657273696f6e2a0bc3bc2d7265736f75726365320ec3bc2d7375627265736f757263
        653a07c3bc2d6e616d65426e0a0ec3bc2d72617753656c6563746f72122d0a06c3bc2d6b6579120b
        c3bc2d6f70657261746f721a0ac3bc2d76616c756573301a0ac3bc2d76616c75657331122d0a06c3
        bc2d6b6579120bc3bc2d6f70657261746f721a0ac3bc2d76616c756573301a0ac3bc2d76616c7565
        73314a6e0a0ec3bc2d72617753656c6563746f72122d0a06c3bc2d6b6579120bc3bc2d6f70657261
        746f721a0ac3bc2d76616c756573301a0ac3bc2d76616c75657331122d0a06c3bc2d6b6579120bc3
        bc2d6f70657261746f721a0ac3bc2d76616c756573301a0ac3bc2d76616c7565733112120a07c3bc
        2d706174681207c3bc2d766572621a07c3bc2d75736572220ac3bc2d67726f75707330220ac3bc2d
        67726f757073312a280a0865787472612f6b30121c0a0cc3bc2d65787472612d7630300a0cc3bc2d
        65787472612d7630312a280a0865787472612f6b31121c0a0cc3bc2d65787472612d7631300a0cc3
        bc2d65787472612d7631313206c3bc2d7569641a2308011209c3bc2d726561736f6e1a12c3bc2d65
        76616c756174696f6e4572726f7220011a002200
        """,
        {
            "kind": "SubjectAccessReview",
            "apiVersion": "authorization.k8s.io/v1",
            "metadata": FULL_METADATA,
            "spec": {
                "resourceAttributes": {
                    "namespace": "ü-namespace",
                    "verb": "ü-verb",
                    "group": "ü-group",
                    "version": "ü-version",
                    "resource": "ü-resource",
                    "subresource": "ü-subresource",
                    "name": "ü-name",
                    "fieldSelector": {
                        "rawSelector": "ü-rawSelector",
                        "requirements": [
                            {
                                "key": "ü-key",
                                "operator": "ü-operator",
                                "values": ["ü-values0", "ü-values1"],
                            },
                            {
                                "key": "ü-key",
                                "operator": "ü-operator",
                                "values": ["ü-values0", "ü-values1"],
                            },
                        ],
                    },
                    "labelSelector": {
                        "rawSelector": "ü-rawSelector",
                        "requirements": [
                            {
                                "key": "ü-key",
                                "operator": "ü-operator",
                                "values": ["ü-values0", "ü-values1"],
                            },
                            {
                                "key": "ü-key",
                                "operator": "ü-operator",
                                "values": ["ü-values0", "ü-values1"],
                            },
                        ],
                    },
                },
                "nonResourceAttributes": {"path": "ü-path", "verb": "ü-verb"},
                "user": "ü-user",
                "groups": ["ü-groups0", "ü-groups1"],
                "extra": {
                    "extra/k0": ["ü-extra-v00", "ü-extra-v01"],
                    "extra/k1": ["ü-extra-v10", "ü-extra-v11"],
                },
                "uid": "ü-uid",
            },
            "status": {
                "allowed": True,
                "denied": True,
                "reason": "ü-reason",
                "evaluationError": "ü-evaluationError",
            },
        },
    ),
    Vector(
        "hollow-SubjectAccessReview",
        """
        6b3873000a2e0a17617574686f72697a6174696f6e2e6b38732e696f2f763112135375626a656374
        416363657373526576696577128b010a410a0012001a0022002a003200380042004a0050005a040a
        00120062040a0012006a0c0a001a0022002a003000380072008a010e0a0012001a00220032003a00
        4200123c0a260a0012001a0022002a0032003a00420a0a0012060a0012001a004a0a0a0012060a00
        12001a0012040a0012001a0022002a060a0012020a0032001a08080012001a0020001a002200
        """,
        {
            "kind": "SubjectAccessReview",
            "apiVersion": "authorization.k8s.io/v1",
            "metadata": HOLLOW_METADATA,
            "spec": {
                "resourceAttributes": {
                    "fieldSelector": {
                        "requirements": [{"key": "", "operator": "", "values": [""]}]
                    },
                    "labelSelector": {
                        "requirements": [{"key": "", "operator": "", "values": [""]}]
                    },
                },
                "nonResourceAttributes": {},
                "groups": [""],
                "extra": {"": [""]},
            },
            "status": {"allowed": False},
        },
    ),
    Vector(
        "zero-LocalSubjectAccessReview",
        """
        6b3873000a330a17617574686f72697a6174696f6e2e6b38732e696f2f763112184c6f63616c5375
        626a65637441636365737352657669657712220a100a0012001a0022002a0032003800420012041a
        0032001a08080012001a0020001a002200
        """,
        {
            "kind": "LocalSubjectAccessReview",
            "apiVersion": "authorization.k8s.io/v1",
            "metadata": {"creationTimestamp": None},
            "spec": {},
            "status": {"allowed": False},
        },
    ),
    Vector(
        "full-LocalSubjectAccessReview",
        """
        6b3873000a330a17617574686f72697a6174696f6e2e6b38732e696f2f763112184c6f63616c5375
        626a65637441636365737352657669657712e1080aef040a07c3bc2d6e616d65120fc3bc2d67656e
        65726174654e616d651a0cc3bc2d6e616d657370616365220bc3bc2d73656c664c696e6b2a06c3bc
        2d7569643212c3bc2d7265736f7572636556657273696f6e3880808080e001420808d983e2b10610
        004a0808d983e2b10610005080808080c0fcffffff015a190a096c6162656c732f6b30120cc3bc2d
        6c6162656c732d76305a190a096c6162656c732f6b31120cc3bc2d6c6162656c732d763162230a0e
        616e6e6f746174696f6e732f6b301211c3bc2d616e6e6f746174696f6e732d763062230a0e616e6e
        6f746174696f6e732f6b311211c3bc2d616e6e6f746174696f6e732d76316a2d0a07c3bc2d6b696e
        641a07c3bc2d6e616d652206c3bc2d7569642a0dc3bc2d61706956657273696f6e300138016a2d0a
        07c3bc2d6b696e641a07c3bc2d6e616d652206c3bc2d7569642a0dc3bc2d61706956657273696f6e
        30013801720ec3bc2d66696e616c697a65727330720ec3bc2d66696e616c697a657273318a017a0a
        0ac3bc2d6d616e61676572120cc3bc2d6f7065726174696f6e1a0dc3bc2d61706956657273696f6e
        220808d983e2b1061000320dc3bc2d6669656c6473547970653a260a247b22663a6d657461646174
        61223a7b22663a6c6162656c73223a7b222e223a7b7d7d7d7d420ec3bc2d7375627265736f757263
        658a017a0a0ac3bc2d6d616e61676572120cc3bc2d6f7065726174696f6e1a0dc3bc2d6170695665
        7273696f6e220808d983e2b1061000320dc3bc2d6669656c6473547970653a260a247b22663a6d65
        746164617461223a7b22663a6c6162656c73223a7b222e223a7b7d7d7d7d420ec3bc2d7375627265
        736f7572636512c7030ab3020a0cc3bc2d6e616d6573706163651207c3bc2d766572621a08c3bc2d
        67726f7570220ac3bc2d76657273696f6e2a0bc3bc2d7265736f75726365320ec3bc2d7375627265
        736f757263653a07c3bc2d6e616d65426e0a0ec3bc2d72617753656c6563746f72122d0a06c3bc2d
        6b6579120bc3bc2d6f70657261746f721a0ac3bc2d76616c756573301a0ac3bc2d76616c75657331
        122d0a06c3bc2d6b6579120bc3bc2d6f70657261746f721a0ac3bc2d76616c756573301a0ac3bc2d
        76616c756573314a6e0a0ec3bc2d72617753656c6563746f72122d0a06c3bc2d6b6579120bc3bc2d
        6f70657261746f721a0ac3bc2d76616c756573301a0ac3bc2d76616c75657331122d0a06c3bc2d6b
        6579120bc3bc2d6f70657261746f721a0ac3bc2d76616c756573301a0ac3bc2d76616c7565733112
        120a07c3bc2d706174681207c3bc2d766572621a07c3bc2d75736572220ac3bc2d67726f75707330
        220ac3bc2d67726f757073312a280a0865787472612f6b30121c0a0cc3bc2d65787472612d763030
        0a0cc3bc2d65787472612d7630312a280a0865787472612f6b31121c0a0cc3bc2d65787472612d76
        31300a0cc3bc2d65787472612d7631313206c3bc2d7569641a2308011209c3bc2d726561736f6e1a
        12c3bc2d6576616c756174696f6e4572726f7220011a002200
        """,
        {
            "kind": "LocalSubjectAccessReview",
            "apiVersion": "authorization.k8s.io/v1",
            "metadata": FULL_METADATA,
            "spec": {
                "resourceAttributes": {
                    "namespace": "ü-namespace",
                    "verb": "ü-verb",
                    "group": "ü-group",
                    "version": "ü-version",
                    "resource": "ü-resource",
                    "subresource": "ü-subresource",
                    "name": "ü-name",
                    "fieldSelector": {
                        "rawSelector": "ü-rawSelector",
                        "requirements": [
                            {
                                "key": "ü-key",
                                "operator": "ü-operator",
                                "values": ["ü-values0", "ü-values1"],
                            },
                            {
                                "key": "ü-key",
                                "operator": "ü-operator",
                                "values": ["ü-values0", "ü-values1"],
                            },
                        ],
                    },
                    "labelSelector": {
                        "rawSelector": "ü-rawSelector",
                        "requirements": [
                            {
                                "key": "ü-key",
                                "operator": "ü-operator",
                                "values": ["ü-values0", "ü-values1"],
                            },
                            {
                                "key": "ü-key",
                                "operator": "ü-operator",
                                "values": ["ü-values0", "ü-values1"],
                            },
                        ],
                    },
                },
                "nonResourceAttributes": {"path": "ü-path", "verb": "ü-verb"},
                "user": "ü-user",
                "groups": ["ü-groups0", "ü-groups1"],
                "extra": {
                    "extra/k0": ["ü-extra-v00", "ü-extra-v01"],
                    "extra/k1": ["ü-extra-v10", "ü-extra-v11"],
                },
                "uid": "ü-uid",
            },
            "status": {
                "allowed": True,
                "denied": True,
                "reason": "ü-reason",
                "evaluationError": "ü-evaluationError",
            },
        },
    ),
    Vector(
        "hollow-LocalSubjectAccessReview",
        """
        6b3873000a330a17617574686f72697a6174696f6e2e6b38732e696f2f763112184c6f63616c5375
        626a656374416363657373526576696577128b010a410a0012001a0022002a003200380042004a00
        50005a040a00120062040a0012006a0c0a001a0022002a003000380072008a010e0a0012001a0022
        0032003a004200123c0a260a0012001a0022002a0032003a00420a0a0012060a0012001a004a0a0a
        0012060a0012001a0012040a0012001a0022002a060a0012020a0032001a08080012001a0020001a
        002200
        """,
        {
            "kind": "LocalSubjectAccessReview",
            "apiVersion": "authorization.k8s.io/v1",
            "metadata": HOLLOW_METADATA,
            "spec": {
                "resourceAttributes": {
                    "fieldSelector": {
                        "requirements": [{"key": "", "operator": "", "values": [""]}]
                    },
                    "labelSelector": {
                        "requirements": [{"key": "", "operator": "", "values": [""]}]
                    },
                },
                "nonResourceAttributes": {},
                "groups": [""],
                "extra": {"": [""]},
            },
            "status": {"allowed": False},
        },
    ),
    Vector(
        "zero-SelfSubjectAccessReview",
        """
        6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c66537562
        6a656374416363657373526576696577121e0a100a0012001a0022002a0032003800420012001a08
        080012001a0020001a002200
        """,
        {
            "kind": "SelfSubjectAccessReview",
            "apiVersion": "authorization.k8s.io/v1",
            "metadata": {"creationTimestamp": None},
            "spec": {},
            "status": {"allowed": False},
        },
    ),
    Vector(
        "full-SelfSubjectAccessReview",
        """
        6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c66537562
        6a65637441636365737352657669657712e4070aef040a07c3bc2d6e616d65120fc3bc2d67656e65
        726174654e616d651a0cc3bc2d6e616d657370616365220bc3bc2d73656c664c696e6b2a06c3bc2d
        7569643212c3bc2d7265736f7572636556657273696f6e3880808080e001420808d983e2b1061000
        4a0808d983e2b10610005080808080c0fcffffff015a190a096c6162656c732f6b30120cc3bc2d6c
        6162656c732d76305a190a096c6162656c732f6b31120cc3bc2d6c6162656c732d763162230a0e61
        6e6e6f746174696f6e732f6b301211c3bc2d616e6e6f746174696f6e732d763062230a0e616e6e6f
        746174696f6e732f6b311211c3bc2d616e6e6f746174696f6e732d76316a2d0a07c3bc2d6b696e64
        1a07c3bc2d6e616d652206c3bc2d7569642a0dc3bc2d61706956657273696f6e300138016a2d0a07
        c3bc2d6b696e641a07c3bc2d6e616d652206c3bc2d7569642a0dc3bc2d61706956657273696f6e30
        013801720ec3bc2d66696e616c697a65727330720ec3bc2d66696e616c697a657273318a017a0a0a
        c3bc2d6d616e61676572120cc3bc2d6f7065726174696f6e1a0dc3bc2d61706956657273696f6e22
        0808d983e2b1061000320dc3bc2d6669656c6473547970653a260a247b22663a6d65746164617461
        223a7b22663a6c6162656c73223a7b222e223a7b7d7d7d7d420ec3bc2d7375627265736f75726365
        8a017a0a0ac3bc2d6d616e61676572120cc3bc2d6f7065726174696f6e1a0dc3bc2d617069566572
        73696f6e220808d983e2b1061000320dc3bc2d6669656c6473547970653a260a247b22663a6d6574
        6164617461223a7b22663a6c6162656c73223a7b222e223a7b7d7d7d7d420ec3bc2d737562726573
        6f7572636512ca020ab3020a0cc3bc2d6e616d6573706163651207c3bc2d766572621a08c3bc2d67
        726f7570220ac3bc2d76657273696f6e2a0bc3bc2d7265736f75726365320ec3bc2d737562726573
        6f757263653a07c3bc2d6e616d65426e0a0ec3bc2d72617753656c6563746f72122d0a06c3bc2d6b
        6579120bc3bc2d6f70657261746f721a0ac3bc2d76616c756573301a0ac3bc2d76616c7565733112
        2d0a06c3bc2d6b6579120bc3bc2d6f70657261746f721a0ac3bc2d76616c756573301a0ac3bc2d76
        616c756573314a6e0a0ec3bc2d72617753656c6563746f72122d0a06c3bc2d6b6579120bc3bc2d6f
        70657261746f721a0ac3bc2d76616c756573301a0ac3bc2d76616c75657331122d0a06c3bc2d6b65
        79120bc3bc2d6f70657261746f721a0ac3bc2d76616c756573301a0ac3bc2d76616c756573311212
        0a07c3bc2d706174681207c3bc2d766572621a2308011209c3bc2d726561736f6e1a12c3bc2d6576
        616c756174696f6e4572726f7220011a002200
        """,
        {
            "kind": "SelfSubjectAccessReview",
            "apiVersion": "authorization.k8s.io/v1",
            "metadata": FULL_METADATA,
            "spec": {
                "resourceAttributes": {
                    "namespace": "ü-namespace",
                    "verb": "ü-verb",
                    "group": "ü-group",
                    "version": "ü-version",
                    "resource": "ü-resource",
                    "subresource": "ü-subresource",
                    "name": "ü-name",
                    "fieldSelector": {
                        "rawSelector": "ü-rawSelector",
                        "requirements": [
                            {
                                "key": "ü-key",
                                "operator": "ü-operator",
                                "values": ["ü-values0", "ü-values1"],
                            },
                            {
                                "key": "ü-key",
                                "operator": "ü-operator",
                                "values": ["ü-values0", "ü-values1"],
                            },
                        ],
                    },
                    "labelSelector": {
                        "rawSelector": "ü-rawSelector",
                        "requirements": [
                            {
                                "key": "ü-key",
                                "operator": "ü-operator",
                                "values": ["ü-values0", "ü-values1"],
                            },
                            {
                                "key": "ü-key",
                                "operator": "ü-operator",
                                "values": ["ü-values0", "ü-values1"],
                            },
                        ],
                    },
                },
                "nonResourceAttributes": {"path": "ü-path", "verb": "ü-verb"},
            },
            "status": {
                "allowed": True,
                "denied": True,
                "reason": "ü-reason",
                "evaluationError": "ü-evaluationError",
            },
        },
    ),
    Vector(
        "hollow-SelfSubjectAccessReview",
        """
        6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c66537562
        6a656374416363657373526576696577127d0a410a0012001a0022002a003200380042004a005000
        5a040a00120062040a0012006a0c0a001a0022002a003000380072008a010e0a0012001a00220032
        003a004200122e0a260a0012001a0022002a0032003a00420a0a0012060a0012001a004a0a0a0012
        060a0012001a0012040a0012001a08080012001a0020001a002200
        """,
        {
            "kind": "SelfSubjectAccessReview",
            "apiVersion": "authorization.k8s.io/v1",
            "metadata": HOLLOW_METADATA,
            "spec": {
                "resourceAttributes": {
                    "fieldSelector": {
                        "requirements": [{"key": "", "operator": "", "values": [""]}]
                    },
                    "labelSelector": {
                        "requirements": [{"key": "", "operator": "", "values": [""]}]
                    },
                },
                "nonResourceAttributes": {},
            },
            "status": {"allowed": False},
        },
    ),
    Vector(
        "zero-SelfSubjectRulesReview",
        """
        6b3873000a310a17617574686f72697a6174696f6e2e6b38732e696f2f7631121653656c66537562
        6a65637452756c6573526576696577121c0a100a0012001a0022002a0032003800420012020a001a
        04180022001a002200
        """,
        {
            "kind": "SelfSubjectRulesReview",
            "apiVersion": "authorization.k8s.io/v1",
            "metadata": {"creationTimestamp": None},
            "spec": {},
            "status": {"resourceRules": None, "nonResourceRules": None, "incomplete": False},
        },
    ),
    Vector(
        "full-SelfSubjectRulesReview",
        """
        6b3873000a310a17617574686f72697a6174696f6e2e6b38732e696f2f7631121653656c66537562
        6a65637452756c65735265766965771293080aef040a07c3bc2d6e616d65120fc3bc2d67656e6572
        6174654e616d651a0cc3bc2d6e616d657370616365220bc3bc2d73656c664c696e6b2a06c3bc2d75
        69643212c3bc2d7265736f7572636556657273696f6e3880808080e001420808d983e2b10610004a
        0808d983e2b10610005080808080c0fcffffff015a190a096c6162656c732f6b30120cc3bc2d6c61
        62656c732d76305a190a096c6162656c732f6b31120cc3bc2d6c6162656c732d763162230a0e616e
        6e6f746174696f6e732f6b301211c3bc2d616e6e6f746174696f6e732d763062230a0e616e6e6f74
        6174696f6e732f6b311211c3bc2d616e6e6f746174696f6e732d76316a2d0a07c3bc2d6b696e641a
        07c3bc2d6e616d652206c3bc2d7569642a0dc3bc2d61706956657273696f6e300138016a2d0a07c3
        bc2d6b696e641a07c3bc2d6e616d652206c3bc2d7569642a0dc3bc2d61706956657273696f6e3001
        3801720ec3bc2d66696e616c697a65727330720ec3bc2d66696e616c697a657273318a017a0a0ac3
        bc2d6d616e61676572120cc3bc2d6f7065726174696f6e1a0dc3bc2d61706956657273696f6e2208
        08d983e2b1061000320dc3bc2d6669656c6473547970653a260a247b22663a6d6574616461746122
        3a7b22663a6c6162656c73223a7b222e223a7b7d7d7d7d420ec3bc2d7375627265736f757263658a
        017a0a0ac3bc2d6d616e61676572120cc3bc2d6f7065726174696f6e1a0dc3bc2d61706956657273
        696f6e220808d983e2b1061000320dc3bc2d6669656c6473547970653a260a247b22663a6d657461
        64617461223a7b22663a6c6162656c73223a7b222e223a7b7d7d7d7d420ec3bc2d7375627265736f
        75726365120e0a0cc3bc2d6e616d6573706163651a8e030a780a09c3bc2d7665726273300a09c3bc
        2d766572627331120dc3bc2d61706947726f75707330120dc3bc2d61706947726f757073311a0dc3
        bc2d7265736f7572636573301a0dc3bc2d7265736f7572636573312211c3bc2d7265736f75726365
        4e616d6573302211c3bc2d7265736f757263654e616d6573310a780a09c3bc2d7665726273300a09
        c3bc2d766572627331120dc3bc2d61706947726f75707330120dc3bc2d61706947726f757073311a
        0dc3bc2d7265736f7572636573301a0dc3bc2d7265736f7572636573312211c3bc2d7265736f7572
        63654e616d6573302211c3bc2d7265736f757263654e616d65733112400a09c3bc2d766572627330
        0a09c3bc2d7665726273311213c3bc2d6e6f6e5265736f7572636555524c73301213c3bc2d6e6f6e
        5265736f7572636555524c733112400a09c3bc2d7665726273300a09c3bc2d7665726273311213c3
        bc2d6e6f6e5265736f7572636555524c73301213c3bc2d6e6f6e5265736f7572636555524c733118
        012212c3bc2d6576616c756174696f6e4572726f721a002200
        """,
        {
            "kind": "SelfSubjectRulesReview",
            "apiVersion": "authorization.k8s.io/v1",
            "metadata": FULL_METADATA,
            "spec": {"namespace": "ü-namespace"},
            "status": {
                "resourceRules": [
                    {
                        "verbs": ["ü-verbs0", "ü-verbs1"],
                        "apiGroups": ["ü-apiGroups0", "ü-apiGroups1"],
                        "resources": ["ü-resources0", "ü-resources1"],
                        "resourceNames": ["ü-resourceNames0", "ü-resourceNames1"],
                    },
                    {
                        "verbs": ["ü-verbs0", "ü-verbs1"],
                        "apiGroups": ["ü-apiGroups0", "ü-apiGroups1"],
                        "resources": ["ü-resources0", "ü-resources1"],
                        "resourceNames": ["ü-resourceNames0", "ü-resourceNames1"],
                    },
                ],
                "nonResourceRules": [
                    {
                        "verbs": ["ü-verbs0", "ü-verbs1"],
                        "nonResourceURLs": ["ü-nonResourceURLs0", "ü-nonResourceURLs1"],
                    },
                    {
                        "verbs": ["ü-verbs0", "ü-verbs1"],
                        "nonResourceURLs": ["ü-nonResourceURLs0", "ü-nonResourceURLs1"],
                    },
                ],
                "incomplete": True,
                "evaluationError": "ü-evaluationError",
            },
        },
    ),
    Vector(
        "hollow-SelfSubjectRulesReview",
        """
        6b3873000a310a17617574686f72697a6174696f6e2e6b38732e696f2f7631121653656c66537562
        6a65637452756c6573526576696577125d0a410a0012001a0022002a003200380042004a0050005a
        040a00120062040a0012006a0c0a001a0022002a003000380072008a010e0a0012001a0022003200
        3a00420012020a001a140a080a0012001a00220012040a001200180022001a002200
        """,
        {
            "kind": "SelfSubjectRulesReview",
            "apiVersion": "authorization.k8s.io/v1",
            "metadata": HOLLOW_METADATA,
            "spec": {},
            "status": {
                "resourceRules": [
                    {"verbs": [""], "apiGroups": [""], "resources": [""], "resourceNames": [""]}
                ],
                "nonResourceRules": [{"verbs": [""], "nonResourceURLs": [""]}],
                "incomplete": False,
            },
        },
    ),
    Vector(
        "zero-SelfSubjectReview",
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
        "full-SelfSubjectReview",
        """
        6b3873000a2d0a1861757468656e7469636174696f6e2e6b38732e696f2f7631121153656c665375
        626a65637452657669657712f9050aef040a07c3bc2d6e616d65120fc3bc2d67656e65726174654e
        616d651a0cc3bc2d6e616d657370616365220bc3bc2d73656c664c696e6b2a06c3bc2d7569643212
        c3bc2d7265736f7572636556657273696f6e3880808080e001420808d983e2b10610004a0808d983
        e2b10610005080808080c0fcffffff015a190a096c6162656c732f6b30120cc3bc2d6c6162656c73
        2d76305a190a096c6162656c732f6b31120cc3bc2d6c6162656c732d763162230a0e616e6e6f7461
        74696f6e732f6b301211c3bc2d616e6e6f746174696f6e732d763062230a0e616e6e6f746174696f
        6e732f6b311211c3bc2d616e6e6f746174696f6e732d76316a2d0a07c3bc2d6b696e641a07c3bc2d
        6e616d652206c3bc2d7569642a0dc3bc2d61706956657273696f6e300138016a2d0a07c3bc2d6b69
        6e641a07c3bc2d6e616d652206c3bc2d7569642a0dc3bc2d61706956657273696f6e30013801720e
        c3bc2d66696e616c697a65727330720ec3bc2d66696e616c697a657273318a017a0a0ac3bc2d6d61
        6e61676572120cc3bc2d6f7065726174696f6e1a0dc3bc2d61706956657273696f6e220808d983e2
        b1061000320dc3bc2d6669656c6473547970653a260a247b22663a6d65746164617461223a7b2266
        3a6c6162656c73223a7b222e223a7b7d7d7d7d420ec3bc2d7375627265736f757263658a017a0a0a
        c3bc2d6d616e61676572120cc3bc2d6f7065726174696f6e1a0dc3bc2d61706956657273696f6e22
        0808d983e2b1061000320dc3bc2d6669656c6473547970653a260a247b22663a6d65746164617461
        223a7b22663a6c6162656c73223a7b222e223a7b7d7d7d7d420ec3bc2d7375627265736f75726365
        1284010a81010a0bc3bc2d757365726e616d651206c3bc2d7569641a0ac3bc2d67726f757073301a
        0ac3bc2d67726f7570733122280a0865787472612f6b30121c0a0cc3bc2d65787472612d7630300a
        0cc3bc2d65787472612d76303122280a0865787472612f6b31121c0a0cc3bc2d65787472612d7631
        300a0cc3bc2d65787472612d7631311a002200
        """,
        {
            "kind": "SelfSubjectReview",
            "apiVersion": "authentication.k8s.io/v1",
            "metadata": FULL_METADATA,
            "status": {
                "userInfo": {
                    "username": "ü-username",
                    "uid": "ü-uid",
                    "groups": ["ü-groups0", "ü-groups1"],
                    "extra": {
                        "extra/k0": ["ü-extra-v00", "ü-extra-v01"],
                        "extra/k1": ["ü-extra-v10", "ü-extra-v11"],
                    },
                }
            },
        },
    ),
    Vector(
        "hollow-SelfSubjectReview",
        """
        6b3873000a2d0a1861757468656e7469636174696f6e2e6b38732e696f2f7631121153656c665375
        626a65637452657669657712550a410a0012001a0022002a003200380042004a0050005a040a0012
        0062040a0012006a0c0a001a0022002a003000380072008a010e0a0012001a00220032003a004200
        12100a0e0a0012001a0022060a0012020a001a002200
        """,
        {
            "kind": "SelfSubjectReview",
            "apiVersion": "authentication.k8s.io/v1",
            "metadata": HOLLOW_METADATA,
            "status": {"userInfo": {"groups": [""], "extra": {"": [""]}}},
        },
    ),
    Vector(
        "zero-TokenReview",
        """
        6b3873000a270a1861757468656e7469636174696f6e2e6b38732e696f2f7631120b546f6b656e52
        657669657712220a100a0012001a0022002a0032003800420012020a001a0a080012040a0012001a
        001a002200
        """,
        {
            "kind": "TokenReview",
            "apiVersion": "authentication.k8s.io/v1",
            "metadata": {"creationTimestamp": None},
            "spec": {},
            "status": {"user": {}},
        },
    ),
    Vector(
        "full-TokenReview",
        """
        6b3873000a270a1861757468656e7469636174696f6e2e6b38732e696f2f7631120b546f6b656e52
        657669657712cd060aef040a07c3bc2d6e616d65120fc3bc2d67656e65726174654e616d651a0cc3
        bc2d6e616d657370616365220bc3bc2d73656c664c696e6b2a06c3bc2d7569643212c3bc2d726573
        6f7572636556657273696f6e3880808080e001420808d983e2b10610004a0808d983e2b106100050
        80808080c0fcffffff015a190a096c6162656c732f6b30120cc3bc2d6c6162656c732d76305a190a
        096c6162656c732f6b31120cc3bc2d6c6162656c732d763162230a0e616e6e6f746174696f6e732f
        6b301211c3bc2d616e6e6f746174696f6e732d763062230a0e616e6e6f746174696f6e732f6b3112
        11c3bc2d616e6e6f746174696f6e732d76316a2d0a07c3bc2d6b696e641a07c3bc2d6e616d652206
        c3bc2d7569642a0dc3bc2d61706956657273696f6e300138016a2d0a07c3bc2d6b696e641a07c3bc
        2d6e616d652206c3bc2d7569642a0dc3bc2d61706956657273696f6e30013801720ec3bc2d66696e
        616c697a65727330720ec3bc2d66696e616c697a657273318a017a0a0ac3bc2d6d616e6167657212
        0cc3bc2d6f7065726174696f6e1a0dc3bc2d61706956657273696f6e220808d983e2b1061000320d
        c3bc2d6669656c6473547970653a260a247b22663a6d65746164617461223a7b22663a6c6162656c
        73223a7b222e223a7b7d7d7d7d420ec3bc2d7375627265736f757263658a017a0a0ac3bc2d6d616e
        61676572120cc3bc2d6f7065726174696f6e1a0dc3bc2d61706956657273696f6e220808d983e2b1
        061000320dc3bc2d6669656c6473547970653a260a247b22663a6d65746164617461223a7b22663a
        6c6162656c73223a7b222e223a7b7d7d7d7d420ec3bc2d7375627265736f7572636512280a08c3bc
        2d746f6b656e120dc3bc2d61756469656e63657330120dc3bc2d61756469656e636573311aae0108
        011281010a0bc3bc2d757365726e616d651206c3bc2d7569641a0ac3bc2d67726f757073301a0ac3
        bc2d67726f7570733122280a0865787472612f6b30121c0a0cc3bc2d65787472612d7630300a0cc3
        bc2d65787472612d76303122280a0865787472612f6b31121c0a0cc3bc2d65787472612d7631300a
        0cc3bc2d65787472612d7631311a08c3bc2d6572726f72220dc3bc2d61756469656e63657330220d
        c3bc2d61756469656e636573311a002200
        """,
        {
            "kind": "TokenReview",
            "apiVersion": "authentication.k8s.io/v1",
            "metadata": FULL_METADATA,
            "spec": {"token": "ü-token", "audiences": ["ü-audiences0", "ü-audiences1"]},
            "status": {
                "authenticated": True,
                "user": {
                    "username": "ü-username",
                    "uid": "ü-uid",
                    "groups": ["ü-groups0", "ü-groups1"],
                    "extra": {
                        "extra/k0": ["ü-extra-v00", "ü-extra-v01"],
                        "extra/k1": ["ü-extra-v10", "ü-extra-v11"],
                    },
                },
                "audiences": ["ü-audiences0", "ü-audiences1"],
                "error": "ü-error",
            },
        },
    ),
    Vector(
        "hollow-TokenReview",
        """
        6b3873000a270a1861757468656e7469636174696f6e2e6b38732e696f2f7631120b546f6b656e52
        657669657712610a410a0012001a0022002a003200380042004a0050005a040a00120062040a0012
        006a0c0a001a0022002a003000380072008a010e0a0012001a00220032003a00420012040a001200
        1a160800120e0a0012001a0022060a0012020a001a0022001a002200
        """,
        {
            "kind": "TokenReview",
            "apiVersion": "authentication.k8s.io/v1",
            "metadata": HOLLOW_METADATA,
            "spec": {"audiences": [""]},
            "status": {"user": {"groups": [""], "extra": {"": [""]}}, "audiences": [""]},
        },
    ),
    Vector(
        "zero-TokenRequest",
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
        "full-TokenRequest",
        """
        6b3873000a280a1861757468656e7469636174696f6e2e6b38732e696f2f7631120c546f6b656e52
        65717565737412da050aef040a07c3bc2d6e616d65120fc3bc2d67656e65726174654e616d651a0c
        c3bc2d6e616d657370616365220bc3bc2d73656c664c696e6b2a06c3bc2d7569643212c3bc2d7265
        736f7572636556657273696f6e3880808080e001420808d983e2b10610004a0808d983e2b1061000
        5080808080c0fcffffff015a190a096c6162656c732f6b30120cc3bc2d6c6162656c732d76305a19
        0a096c6162656c732f6b31120cc3bc2d6c6162656c732d763162230a0e616e6e6f746174696f6e73
        2f6b301211c3bc2d616e6e6f746174696f6e732d763062230a0e616e6e6f746174696f6e732f6b31
        1211c3bc2d616e6e6f746174696f6e732d76316a2d0a07c3bc2d6b696e641a07c3bc2d6e616d6522
        06c3bc2d7569642a0dc3bc2d61706956657273696f6e300138016a2d0a07c3bc2d6b696e641a07c3
        bc2d6e616d652206c3bc2d7569642a0dc3bc2d61706956657273696f6e30013801720ec3bc2d6669
        6e616c697a65727330720ec3bc2d66696e616c697a657273318a017a0a0ac3bc2d6d616e61676572
        120cc3bc2d6f7065726174696f6e1a0dc3bc2d61706956657273696f6e220808d983e2b106100032
        0dc3bc2d6669656c6473547970653a260a247b22663a6d65746164617461223a7b22663a6c616265
        6c73223a7b222e223a7b7d7d7d7d420ec3bc2d7375627265736f757263658a017a0a0ac3bc2d6d61
        6e61676572120cc3bc2d6f7065726174696f6e1a0dc3bc2d61706956657273696f6e220808d983e2
        b1061000320dc3bc2d6669656c6473547970653a260a247b22663a6d65746164617461223a7b2266
        3a6c6162656c73223a7b222e223a7b7d7d7d7d420ec3bc2d7375627265736f7572636512500a0dc3
        bc2d61756469656e636573300a0dc3bc2d61756469656e636573311a290a07c3bc2d6b696e64120d
        c3bc2d61706956657273696f6e1a07c3bc2d6e616d652206c3bc2d7569642080808080a0051a140a
        08c3bc2d746f6b656e120808d983e2b10610001a002200
        """,
        {
            "kind": "TokenRequest",
            "apiVersion": "authentication.k8s.io/v1",
            "metadata": FULL_METADATA,
            "spec": {
                "audiences": ["ü-audiences0", "ü-audiences1"],
                "expirationSeconds": 180388626432,
                "boundObjectRef": {
                    "kind": "ü-kind",
                    "apiVersion": "ü-apiVersion",
                    "name": "ü-name",
                    "uid": "ü-uid",
                },
            },
            "status": {"token": "ü-token", "expirationTimestamp": "2024-05-06T07:08:09Z"},
        },
    ),
    Vector(
        "hollow-TokenRequest",
        """
        6b3873000a280a1861757468656e7469636174696f6e2e6b38732e696f2f7631120c546f6b656e52
        65717565737412590a410a0012001a0022002a003200380042004a0050005a040a00120062040a00
        12006a0c0a001a0022002a003000380072008a010e0a0012001a00220032003a004200120e0a001a
        080a0012001a00220020001a040a0012001a002200
        """,
        {
            "kind": "TokenRequest",
            "apiVersion": "authentication.k8s.io/v1",
            "metadata": HOLLOW_METADATA,
            "spec": {"audiences": [""], "expirationSeconds": 0, "boundObjectRef": {}},
            "status": {"token": "", "expirationTimestamp": None},
        },
    ),
    Vector(
        "zero-Lease",
        """
        6b3873000a1f0a16636f6f7264696e6174696f6e2e6b38732e696f2f763112054c6561736512140a
        100a0012001a0022002a0032003800420012001a002200
        """,
        {
            "kind": "Lease",
            "apiVersion": "coordination.k8s.io/v1",
            "metadata": {"creationTimestamp": None},
            "spec": {},
        },
    ),
    Vector(
        "full-Lease",
        """
        6b3873000a1f0a16636f6f7264696e6174696f6e2e6b38732e696f2f763112054c6561736512cf05
        0aef040a07c3bc2d6e616d65120fc3bc2d67656e65726174654e616d651a0cc3bc2d6e616d657370
        616365220bc3bc2d73656c664c696e6b2a06c3bc2d7569643212c3bc2d7265736f75726365566572
        73696f6e3880808080e001420808d983e2b10610004a0808d983e2b10610005080808080c0fcffff
        ff015a190a096c6162656c732f6b30120cc3bc2d6c6162656c732d76305a190a096c6162656c732f
        6b31120cc3bc2d6c6162656c732d763162230a0e616e6e6f746174696f6e732f6b301211c3bc2d61
        6e6e6f746174696f6e732d763062230a0e616e6e6f746174696f6e732f6b311211c3bc2d616e6e6f
        746174696f6e732d76316a2d0a07c3bc2d6b696e641a07c3bc2d6e616d652206c3bc2d7569642a0d
        c3bc2d61706956657273696f6e300138016a2d0a07c3bc2d6b696e641a07c3bc2d6e616d652206c3
        bc2d7569642a0dc3bc2d61706956657273696f6e30013801720ec3bc2d66696e616c697a65727330
        720ec3bc2d66696e616c697a657273318a017a0a0ac3bc2d6d616e61676572120cc3bc2d6f706572
        6174696f6e1a0dc3bc2d61706956657273696f6e220808d983e2b1061000320dc3bc2d6669656c64
        73547970653a260a247b22663a6d65746164617461223a7b22663a6c6162656c73223a7b222e223a
        7b7d7d7d7d420ec3bc2d7375627265736f757263658a017a0a0ac3bc2d6d616e61676572120cc3bc
        2d6f7065726174696f6e1a0dc3bc2d61706956657273696f6e220808d983e2b1061000320dc3bc2d
        6669656c6473547970653a260a247b22663a6d65746164617461223a7b22663a6c6162656c73223a
        7b222e223a7b7d7d7d7d420ec3bc2d7375627265736f75726365125b0a11c3bc2d686f6c64657249
        64656e7469747910151a0b08d983e2b106108094ef3a220b08d983e2b106108094ef3a28e4ffffff
        ffffffffff01320bc3bc2d73747261746567793a12c3bc2d707265666572726564486f6c6465721a
        002200
        """,
        {
            "kind": "Lease",
            "apiVersion": "coordination.k8s.io/v1",
            "metadata": FULL_METADATA,
            "spec": {
                "holderIdentity": "ü-holderIdentity",
                "leaseDurationSeconds": 21,
                "acquireTime": "2024-05-06T07:08:09.123456Z",
                "renewTime": "2024-05-06T07:08:09.123456Z",
                "leaseTransitions": -28,
                "strategy": "ü-strategy",
                "preferredHolder": "ü-preferredHolder",
            },
        },
    ),
    Vector(
        "hollow-Lease",
        """
        6b3873000a1f0a16636f6f7264696e6174696f6e2e6b38732e696f2f763112054c6561736512530a
        410a0012001a0022002a003200380042004a0050005a040a00120062040a0012006a0c0a001a0022
        002a003000380072008a010e0a0012001a00220032003a004200120e0a0010001a00220028003200
        3a001a002200
        """,
        {
            "kind": "Lease",
            "apiVersion": "coordination.k8s.io/v1",
            "metadata": HOLLOW_METADATA,
            "spec": {
                "holderIdentity": "",
                "leaseDurationSeconds": 0,
                "acquireTime": None,
                "renewTime": None,
                "leaseTransitions": 0,
                "strategy": "",
                "preferredHolder": "",
            },
        },
    ),
    Vector(
        "zero-DeleteOptions",
        """
        6b3873000a130a027631120d44656c6574654f7074696f6e7312001a002200
        """,
        {"kind": "DeleteOptions", "apiVersion": "v1"},
    ),
    Vector(
        "full-DeleteOptions",
        """
        6b3873000a130a027631120d44656c6574654f7074696f6e7312570880808080e001121c0a06c3bc
        2d7569641212c3bc2d7265736f7572636556657273696f6e18012214c3bc2d70726f706167617469
        6f6e506f6c6963792a0ac3bc2d64727952756e302a0ac3bc2d64727952756e3130011a002200
        """,
        {
            "kind": "DeleteOptions",
            "apiVersion": "v1",
            "gracePeriodSeconds": 60129542144,
            "preconditions": {"uid": "ü-uid", "resourceVersion": "ü-resourceVersion"},
            "orphanDependents": True,
            "propagationPolicy": "ü-propagationPolicy",
            "dryRun": ["ü-dryRun0", "ü-dryRun1"],
            "ignoreStoreReadErrorWithClusterBreakingPotential": True,
        },
    ),
    Vector(
        "hollow-DeleteOptions",
        """
        6b3873000a130a027631120d44656c6574654f7074696f6e731210080012040a001200180022002a
        0030001a002200
        """,
        {
            "kind": "DeleteOptions",
            "apiVersion": "v1",
            "gracePeriodSeconds": 0,
            "preconditions": {"uid": "", "resourceVersion": ""},
            "orphanDependents": False,
            "propagationPolicy": "",
            "dryRun": [""],
            "ignoreStoreReadErrorWithClusterBreakingPotential": False,
        },
    ),
]


@pytest.mark.parametrize("vector", GENERATED_VECTORS, ids=lambda v: v.id)
def test_decode_generated_body_matches_go_json(vector: Vector) -> None:
    assert protobuf.decode(bytes.fromhex(vector.hex)) == vector.want


def test_generated_vectors_cover_every_supported_kind() -> None:
    kinds = {kind for _, kind in protobuf.KINDS} | {"DeleteOptions"}
    for shape in ("zero", "hollow", "full"):
        assert {v.id.split("-", 1)[1] for v in GENERATED_VECTORS if v.id.startswith(shape)} == kinds
