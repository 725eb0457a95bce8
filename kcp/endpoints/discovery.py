"""API discovery for one logical cluster: `/version`, `/api`, `/apis`, `/api/v1`, `/apis/<g>[/<v>]`.

kubectl 1.32 asks `/api` and `/apis` for aggregated discovery (apidiscovery.k8s.io/v2,
recognised only by its exact Content-Type) and falls back to the legacy documents,
which the Python DynamicClient and `kubectl auth can-i` use anyway, so both are
served. Everything comes from the logical cluster's catalogue, so a workspace
discovers exactly what it serves.
"""

from __future__ import annotations

import platform
from collections.abc import Iterable

import orjson
from aiohttp import web

from kcp import __version__
from kcp.apimachinery.errors import NotFoundError
from kcp.apimachinery.unstructured import Object
from kcp.registry.resource import ResourceDefinition

__all__ = [
    "AGGREGATED_CONTENT_TYPE",
    "aggregated",
    "api_group",
    "api_group_list",
    "api_resource_list",
    "api_versions",
    "version_info",
    "wants_aggregated",
]

AGGREGATED_CONTENT_TYPE = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
# The Kubernetes version we speak; kubectl's dispatcher picks its 1.32 binary from it.
KUBERNETES_VERSION = "v1.32.0"
_SUBRESOURCE_VERBS = {
    "status": ["get", "patch", "update"],
    "approval": ["get", "patch", "update"],
    "finalize": ["update"],
}


def version_info() -> Object:
    build = __version__.replace("+", ".")
    return {
        "major": "1",
        "minor": "32",
        "gitVersion": f"{KUBERNETES_VERSION}+kcp-py.{build}",
        "gitCommit": "",
        "gitTreeState": "clean",
        "buildDate": "1970-01-01T00:00:00Z",
        "goVersion": f"python{platform.python_version()}",
        "compiler": platform.python_implementation().lower(),
        "platform": f"{platform.system().lower()}/{_arch()}",
    }


def _arch() -> str:
    machine = platform.machine().lower()
    return {"x86_64": "amd64", "aarch64": "arm64"}.get(machine, machine)


def wants_aggregated(accept: str) -> bool:
    for part in accept.split(","):
        params = {
            k.strip(): v.strip() for k, _, v in (p.partition("=") for p in part.split(";")[1:])
        }
        if (
            params.get("g") == "apidiscovery.k8s.io"
            and params.get("v") == "v2"
            and params.get("as") == "APIGroupDiscoveryList"
        ):
            return True
    return False


def json_response(obj: Object, content_type: str = "application/json") -> web.Response:
    return web.Response(body=orjson.dumps(obj), headers={"Content-Type": content_type})


def _by_group(
    definitions: Iterable[ResourceDefinition],
) -> dict[str, dict[str, list[ResourceDefinition]]]:
    groups: dict[str, dict[str, list[ResourceDefinition]]] = {}
    for d in definitions:
        groups.setdefault(d.group, {}).setdefault(d.version, []).append(d)
    return groups


def _aggregated_resource(d: ResourceDefinition) -> Object:
    kind = {"group": d.group, "version": d.version, "kind": d.kind}
    resource: Object = {
        "resource": d.resource,
        "responseKind": kind,
        "scope": "Namespaced" if d.namespaced else "Cluster",
        "singularResource": d.singular,
        "verbs": sorted(d.verbs),
    }
    if d.short_names:
        resource["shortNames"] = list(d.short_names)
    if d.categories:
        resource["categories"] = list(d.categories)
    if d.subresources:
        resource["subresources"] = [
            {
                "subresource": sub,
                "responseKind": kind,
                "verbs": _SUBRESOURCE_VERBS.get(sub, ["get"]),
            }
            for sub in d.subresources
        ]
    return resource


def aggregated(definitions: Iterable[ResourceDefinition], *, core: bool) -> Object:
    """APIGroupDiscoveryList for `/api` (core=True) or `/apis`."""
    items = []
    for group, versions in _by_group(definitions).items():
        if (group == "") != core:
            continue
        metadata: Object = {"creationTimestamp": None}
        if group:
            metadata["name"] = group
        items.append(
            {
                "metadata": metadata,
                "versions": [
                    {
                        "version": version,
                        "resources": [_aggregated_resource(d) for d in defs],
                        "freshness": "Current",
                    }
                    for version, defs in versions.items()
                ],
            }
        )
    return {
        "kind": "APIGroupDiscoveryList",
        "apiVersion": "apidiscovery.k8s.io/v2",
        "metadata": {},
        "items": items,
    }


def api_versions(server_address: str) -> Object:
    return {
        "kind": "APIVersions",
        "versions": ["v1"],
        "serverAddressByClientCIDRs": [
            {"clientCIDR": "0.0.0.0/0", "serverAddress": server_address}
        ],
    }


def _group_entry(group: str, versions: Iterable[str]) -> Object:
    listed = [{"groupVersion": f"{group}/{v}", "version": v} for v in versions]
    return {"name": group, "versions": listed, "preferredVersion": listed[0]}


def api_group_list(definitions: Iterable[ResourceDefinition]) -> Object:
    groups = [
        _group_entry(group, versions) for group, versions in _by_group(definitions).items() if group
    ]
    return {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups}


def api_group(definitions: Iterable[ResourceDefinition], group: str) -> Object:
    versions = _by_group(definitions).get(group)
    if not group or not versions:
        raise NotFoundError.plain()
    return {"kind": "APIGroup", "apiVersion": "v1", **_group_entry(group, versions)}


def api_resource_list(
    definitions: Iterable[ResourceDefinition], group: str, version: str
) -> Object:
    defs = _by_group(definitions).get(group, {}).get(version)
    if not defs:
        raise NotFoundError.plain()
    resources: list[Object] = []
    for d in defs:
        entry: Object = {
            "name": d.resource,
            "singularName": d.singular,
            "namespaced": d.namespaced,
            "kind": d.kind,
            "verbs": sorted(d.verbs),
        }
        if d.short_names:
            entry["shortNames"] = list(d.short_names)
        if d.categories:
            entry["categories"] = list(d.categories)
        resources.append(entry)
        resources.extend(
            {
                "name": f"{d.resource}/{sub}",
                "singularName": "",
                "namespaced": d.namespaced,
                "kind": d.kind,
                "verbs": _SUBRESOURCE_VERBS.get(sub, ["get"]),
            }
            for sub in d.subresources
        )
    return {
        "kind": "APIResourceList",
        "apiVersion": "v1",
        "groupVersion": f"{group}/{version}" if group else version,
        "resources": resources,
    }
