"""The Kubernetes protobuf envelope: `k8s\\x00`, then a runtime.Unknown holding the object.

What an `application/vnd.kubernetes.protobuf` request body is (k8s.io/apimachinery
pkg/runtime/serializer/protobuf/protobuf.go, `Serializer.Decode`): the four magic
bytes, then `runtime.Unknown{1: typeMeta{1: apiVersion, 2: kind}, 2: raw,
3: contentEncoding, 4: contentType}` (pkg/runtime/generated.proto), where `raw` is the
typed message of that kind. `decode` looks the kind up in `KINDS` and returns the JSON
object a JSON client would have sent, `kind` and `apiVersion` included. Like upstream it
ignores `contentEncoding` and `contentType`.

Every failure is a BadRequestError (400) naming what is wrong; the error messages for
a missing or wrong prefix are upstream's. A kind missing from `KINDS` is a 400 too, as
upstream answers for a kind its scheme does not know.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from kcp.apimachinery.errors import BadRequestError
from kcp.apimachinery.unstructured import Object
from kcp.endpoints.protobuf import (
    messages_auth,
    messages_coordination,
    messages_core,
    messages_meta,
    messages_rbac,
    wire,
)
from kcp.endpoints.protobuf.messages import Field, Kind, Message, decode_message
from kcp.endpoints.protobuf.wire import DecodeError

__all__ = ["KINDS", "MAGIC", "decode"]

MAGIC: Final = b"k8s\x00"

_RBAC: Final = "rbac.authorization.k8s.io/v1"
_AUTHZ: Final = "authorization.k8s.io/v1"
_AUTHN: Final = "authentication.k8s.io/v1"

# (apiVersion, kind) -> the typed message carried in Unknown.raw.
KINDS: Final[Mapping[tuple[str, str], Message]] = {
    ("v1", "Namespace"): messages_core.NAMESPACE,
    ("v1", "ConfigMap"): messages_core.CONFIG_MAP,
    ("v1", "Secret"): messages_core.SECRET,
    ("v1", "ServiceAccount"): messages_core.SERVICE_ACCOUNT,
    (_RBAC, "Role"): messages_rbac.ROLE,
    (_RBAC, "ClusterRole"): messages_rbac.CLUSTER_ROLE,
    (_RBAC, "RoleBinding"): messages_rbac.ROLE_BINDING,
    (_RBAC, "ClusterRoleBinding"): messages_rbac.CLUSTER_ROLE_BINDING,
    (_AUTHZ, "SubjectAccessReview"): messages_auth.SUBJECT_ACCESS_REVIEW,
    (_AUTHZ, "LocalSubjectAccessReview"): messages_auth.LOCAL_SUBJECT_ACCESS_REVIEW,
    (_AUTHZ, "SelfSubjectAccessReview"): messages_auth.SELF_SUBJECT_ACCESS_REVIEW,
    (_AUTHZ, "SelfSubjectRulesReview"): messages_auth.SELF_SUBJECT_RULES_REVIEW,
    (_AUTHN, "SelfSubjectReview"): messages_auth.SELF_SUBJECT_REVIEW,
    (_AUTHN, "TokenReview"): messages_auth.TOKEN_REVIEW,
    (_AUTHN, "TokenRequest"): messages_auth.TOKEN_REQUEST,
    ("coordination.k8s.io/v1", "Lease"): messages_coordination.LEASE,
}

# Kinds upstream registers into every group version (metav1.AddToGroupVersion).
_ANY_VERSION_KINDS: Final[Mapping[str, Message]] = {
    "DeleteOptions": messages_meta.DELETE_OPTIONS,
}

_TYPE_META = Message(
    "runtime.TypeMeta",
    (
        Field(1, "apiVersion", Kind.STRING, omitempty=False),
        Field(2, "kind", Kind.STRING, omitempty=False),
    ),
)


def decode(body: bytes) -> Object:
    """The JSON object of a protobuf request body; raises BadRequestError."""
    if not body:
        raise BadRequestError("empty data")
    if not body.startswith(MAGIC):
        raise BadRequestError(
            "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]"
        )
    if len(body) == len(MAGIC):
        raise BadRequestError("empty body")
    try:
        api_version, kind, raw = _unknown(body[len(MAGIC) :])
        obj: Object = {"kind": kind, "apiVersion": api_version}
        obj.update(decode_message(raw, _message_for(api_version, kind)))
    except DecodeError as err:
        raise BadRequestError(f"unable to decode protobuf body: {err}") from err
    return obj


def _unknown(data: bytes) -> tuple[str, str, bytes]:
    """runtime.Unknown's apiVersion, kind and raw (gogo: typeMeta merges, raw replaces)."""
    type_meta: list[bytes] = []
    raw = b""
    for number, wire_type, value in wire.iter_fields(data):
        if number in (1, 2):
            if wire_type != wire.LENGTH_DELIMITED or not isinstance(value, bytes):
                raise DecodeError(f"runtime.Unknown field {number}: wire type {wire_type}")
            if number == 1:
                type_meta.append(value)
            else:
                raw = value
    meta = decode_message(b"".join(type_meta), _TYPE_META)
    api_version, kind = meta["apiVersion"], meta["kind"]
    if not kind:
        raise BadRequestError("Object 'Kind' is missing in the protobuf envelope")
    if not api_version:
        raise BadRequestError("Object 'apiVersion' is missing in the protobuf envelope")
    return api_version, kind, raw


def _message_for(api_version: str, kind: str) -> Message:
    message = KINDS.get((api_version, kind)) or _ANY_VERSION_KINDS.get(kind)
    if message is None:
        raise BadRequestError(
            f'no kind "{kind}" is registered for version "{api_version}" in protobuf request bodies'
        )
    return message
