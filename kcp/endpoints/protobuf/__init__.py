"""Kubernetes protobuf request bodies, decoded to the JSON objects they stand for.

kubectl 1.32's typed-client commands (`create namespace|configmap|secret|...`,
`auth can-i`, `auth whoami`) POST `application/vnd.kubernetes.protobuf` and never
retry as JSON, so the server must read these bodies (../shared/reference/kubectl-wire.md
§6). Responses stay JSON, which those clients accept.

A pure-Python reader rather than `google.protobuf`: import-linter keeps protobuf inside
the etcd backend, and a schema table per kind is all that is needed.

    wire.py          tags, varints, length-delimited fields; DecodeError
    messages.py      Field/Message tables and decode_message (Go json.Marshal rules)
    messages_*.py    the tables, one module per API group, from upstream generated.proto
    envelope.py      `k8s\\x00` + runtime.Unknown, the kind registry, BadRequestError
"""

from kcp.endpoints.protobuf.envelope import KINDS, MAGIC, decode

__all__ = ["KINDS", "MAGIC", "decode"]
