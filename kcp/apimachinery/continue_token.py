"""List continue tokens, in kube-apiserver's format.

A token is URL-safe base64 (no padding) of `{"v":"meta.k8s.io/v1","rv":N,"start":K}`:
the revision the first page was read at and the key, relative to the listed prefix,
where the next page starts (k8s.io/apiserver pkg/storage/continue.go). A token that
does not decode, or that points outside the prefix, is a 400; one whose revision was
compacted is a 410 Expired, decided by the caller.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from kcp.apimachinery.errors import BadRequestError

__all__ = ["ContinueToken", "decode_continue", "encode_continue"]

_VERSION = "meta.k8s.io/v1"
_BAD_VERSION = (
    "continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)"
)


@dataclass(frozen=True, slots=True)
class ContinueToken:
    revision: int
    start: str  # relative to the listed prefix


def encode_continue(revision: int, start: str) -> str:
    raw = json.dumps({"v": _VERSION, "rv": revision, "start": start}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_continue(token: str) -> ContinueToken:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        data = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError) as err:
        raise BadRequestError(f"continue key is not valid: {err}") from err
    if not isinstance(data, dict) or data.get("v") != _VERSION:
        raise BadRequestError(_BAD_VERSION)
    revision, start = data.get("rv"), data.get("start")
    if not isinstance(revision, int) or isinstance(revision, bool) or revision <= 0:
        raise BadRequestError(_BAD_VERSION)
    if not isinstance(start, str) or not start or start.startswith("/") or ".." in start.split("/"):
        raise BadRequestError("continue key is not valid: start key is not valid")
    return ContinueToken(revision, start)
