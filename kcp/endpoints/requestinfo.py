"""URL -> RequestInfo: what a request addresses and which verb it is.

Mirrors k8s.io/apiserver pkg/endpoints/request/requestinfo.go:

    /api/v1/namespaces                                  namespaces (cluster-scoped)
    /api/v1/namespaces/NS                               namespace NS
    /api/v1/namespaces/NS/status                        namespace NS, subresource status
    /api/v1/namespaces/NS/configmaps[/NAME[/SUB]]       namespaced resources
    /apis/GROUP/VERSION/...                             the same under a group
    /api/v1/watch/...                                   legacy watch paths

GET is get (with a name), list (without) or watch (`?watch=true|1`, or a legacy watch
path); DELETE without a name is deletecollection. Anything else is a non-resource
request (`/version`, `/api`, `/openapi/v3`, ...).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["RequestInfo", "parse_request_info"]

_METHOD_VERBS = {"POST": "create", "PUT": "update", "PATCH": "patch", "DELETE": "delete"}


@dataclass(frozen=True, slots=True)
class RequestInfo:
    is_resource_request: bool
    path: str
    verb: str
    api_prefix: str = ""
    group: str = ""
    version: str = ""
    namespace: str = ""
    resource: str = ""
    subresource: str = ""
    name: str = ""


def _is_watch(query: Mapping[str, str]) -> bool:
    return query.get("watch", "").lower() in ("true", "1")


def parse_request_info(method: str, path: str, query: Mapping[str, str]) -> RequestInfo:
    verb_of_method = (
        "get" if method in ("GET", "HEAD") else _METHOD_VERBS.get(method, method.lower())
    )
    parts = [p for p in path.strip("/").split("/")] if path.strip("/") else []
    non_resource = RequestInfo(False, path, verb_of_method)
    if len(parts) < 2 or parts[0] not in ("api", "apis"):
        return non_resource
    prefix, rest = parts[0], parts[1:]
    group = ""
    if prefix == "apis":
        if len(rest) < 2:
            return non_resource
        group, rest = rest[0], rest[1:]
    version, rest = rest[0], rest[1:]
    if not rest:
        return non_resource

    verb = verb_of_method
    legacy_watch = False
    if rest[0] == "watch":
        legacy_watch, rest = True, rest[1:]
        if method == "GET":
            verb = "watch"
    namespace = ""
    if rest and rest[0] == "namespaces" and len(rest) > 2:
        # /namespaces/NS/<resource>...; /namespaces/NS/status|finalize are namespace subresources.
        if len(rest) == 3 and rest[2] in ("status", "finalize"):
            pass
        else:
            namespace, rest = rest[1], rest[2:]
    if not rest:
        return non_resource
    resource = rest[0]
    name = rest[1] if len(rest) > 1 else ""
    subresource = rest[2] if len(rest) > 2 else ""
    if resource == "namespaces" and name and not namespace:
        namespace = name
    if len(rest) > 3:
        return RequestInfo(False, path, verb_of_method)

    if not legacy_watch:
        if method in ("GET", "HEAD"):
            verb = "get" if name else ("watch" if _is_watch(query) else "list")
        elif method == "DELETE" and not name:
            verb = "deletecollection"
    return RequestInfo(
        True, path, verb, prefix, group, version, namespace, resource, subresource, name
    )
