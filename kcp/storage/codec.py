"""The object codec: Kubernetes objects (JSON dicts) to stored bytes and back.

Objects are stored as compact JSON without `metadata.resourceVersion`: the version is
the key's `mod_revision`, set on every read, as k8s.io/apiserver's etcd3 store does
(`versioner.UpdateObject`). A stored value that does not decode is reported as
`CorruptValueError` with its key, never passed on half-read.
"""

from __future__ import annotations

from typing import Any

import orjson

from kcp.storage.errors import StorageError
from kcp.storage.interface import KeyValue

__all__ = ["CorruptValueError", "decode", "encode"]


class CorruptValueError(StorageError):
    """A stored value is not a JSON object."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(f"stored value of {key!r} is corrupt: {reason}")
        self.key = key


def encode(obj: dict[str, Any]) -> bytes:
    """The bytes to store for `obj`; its resourceVersion is left out."""
    meta = obj.get("metadata")
    if isinstance(meta, dict) and "resourceVersion" in meta:
        obj = {**obj, "metadata": {k: v for k, v in meta.items() if k != "resourceVersion"}}
    return orjson.dumps(obj)


def decode(kv: KeyValue) -> dict[str, Any]:
    """The object stored in `kv`, with `metadata.resourceVersion` from its mod_revision."""
    try:
        obj = orjson.loads(kv.value)
    except orjson.JSONDecodeError as err:
        raise CorruptValueError(kv.key, str(err)) from err
    if not isinstance(obj, dict) or not isinstance(obj.get("metadata", {}), dict):
        raise CorruptValueError(kv.key, "not a JSON object with metadata")
    obj.setdefault("metadata", {})["resourceVersion"] = str(kv.mod_revision)
    return obj
