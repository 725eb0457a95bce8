"""`/openapi/v3` and `/openapi/v3/<api/v1 | apis/<group>/<version>>` for one logical cluster.

Mirrors kube-openapi's handler3 (pkg/handler3/handler.go): the index lists each
group-version's document under `serverRelativeURL`, with a `hash` query parameter
that is the document's SHA-512 in upper-case hex. A request carrying the current hash
is answered with `Cache-Control: public, immutable` (kubectl keeps it in its disk
cache for good), one carrying a stale hash is redirected (301) to the current URL,
and `ETag` / `If-None-Match` revalidate the rest. Since each workspace serves its own
set of resources, each has its own documents and hashes; `serverRelativeURL` keeps
the `/clusters/<name>` prefix the request came with, because kubectl requests it as
an absolute path.

Documents are rendered once per distinct set of served definitions (a bounded LRU),
so the hash costs nothing on later requests. `/openapi/v2` is not served: kubectl
asks for it only as protobuf, and a 404 sends it to v3 (kubectl-wire.md 5.4).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.utils import formatdate
from time import time

import orjson
from aiohttp import web

from kcp.apimachinery.errors import NotAcceptableError, NotFoundError
from kcp.apimachinery.schema import GroupVersion
from kcp.endpoints import openapi_document
from kcp.registry.resource import ResourceDefinition

__all__ = ["V2_PATH", "V3_PATH", "handle_openapi"]

V3_PATH = "/openapi/v3"
V2_PATH = "/openapi/v2"
_JSON = "application/json"
_ONE_YEAR = 365 * 24 * 3600
# Distinct (group-version, definitions) documents kept rendered; each is ~0.1-0.5 MB.
_CACHED_DOCUMENTS = 128


@dataclass(frozen=True, eq=False)
class _Served:
    """One group-version's served definitions, compared by identity (they are immutable)."""

    gv: GroupVersion
    definitions: tuple[ResourceDefinition, ...]
    _key: tuple[object, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_key", (self.gv, *map(id, self.definitions)))

    def __hash__(self) -> int:
        return hash(self._key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Served) and self._key == other._key


@dataclass(frozen=True, slots=True)
class _Rendered:
    body: bytes
    hash: str


@functools.lru_cache(maxsize=_CACHED_DOCUMENTS)
def _render(served: _Served) -> _Rendered:
    doc = openapi_document.document(served.gv, served.definitions)
    body = orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)
    return _Rendered(body, hashlib.sha512(body).hexdigest().upper())


def _documents(served: Iterable[ResourceDefinition]) -> dict[str, _Rendered]:
    """The rendered document of every served group-version, by its index key."""
    by_gv: dict[GroupVersion, list[ResourceDefinition]] = {}
    for definition in served:
        gv = GroupVersion(definition.group, definition.version)
        by_gv.setdefault(gv, []).append(definition)
    return {
        openapi_document.group_version_path(gv): _render(_Served(gv, tuple(definitions)))
        for gv, definitions in by_gv.items()
    }


def _respond(request: web.Request, body: bytes, etag: str) -> web.Response:
    quoted = f'"{etag}"'
    headers = {"ETag": quoted}
    if quoted in {tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")}:
        return web.Response(status=304, headers=headers)
    return web.Response(body=body, headers=headers, content_type=_JSON)


def _check_accept(request: web.Request) -> None:
    accept = request.headers.get("Accept", "")
    if not accept:
        return
    media = {part.split(";", 1)[0].strip().lower() for part in accept.split(",")}
    if not media & {_JSON, "application/*", "*/*"}:
        raise NotAcceptableError((_JSON,))


def handle_openapi(
    request: web.Request, prefix: str, path: str, served: Iterable[ResourceDefinition]
) -> web.Response:
    """Answer `/openapi/v3[/...]` (path without the cluster prefix, no trailing slash)."""
    _check_accept(request)
    documents = _documents(served)
    if path == V3_PATH:
        index = {
            "paths": {
                key: {"serverRelativeURL": f"{prefix}{V3_PATH}/{key}?hash={doc.hash}"}
                for key, doc in documents.items()
            }
        }
        body = orjson.dumps(index)
        return _respond(request, body, hashlib.sha512(body).hexdigest().upper())
    doc = documents.get(path.removeprefix(V3_PATH + "/"))
    if doc is None:
        raise NotFoundError.plain()
    asked = request.query.get("hash")
    if asked is not None and asked != doc.hash:
        return web.Response(status=301, headers={"Location": f"{prefix}{path}?hash={doc.hash}"})
    response = _respond(request, doc.body, doc.hash)
    if asked is not None:
        response.headers["Cache-Control"] = "public, immutable"
        response.headers["Expires"] = formatdate(time() + _ONE_YEAR, usegmt=True)
        response.headers["Vary"] = "Accept"
    return response
