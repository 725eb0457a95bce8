"""The Kubernetes API handler: one entry point for every API path of every cluster.

A request walks: cluster scope (`/clusters/<name>` or bare) -> request info (verb,
group, version, resource, namespace, name, subresource) -> the cluster's catalogue ->
a verb handler over the resource's Store; non-resource paths go to discovery. The
log context gets the cluster, verb and resource as soon as they are known.
"""

from __future__ import annotations

import asyncio

import structlog
from aiohttp import web

from kcp.apimachinery.errors import MethodNotSupportedError, NotFoundError
from kcp.apimachinery.request import RequestContext, UserInfo
from kcp.endpoints import discovery, openapi, queryparams
from kcp.endpoints.clusterscope import ClusterScope, resolve_cluster_scope
from kcp.endpoints.filters.metrics import REQUEST_ATTRIBUTES, RequestAttributes
from kcp.endpoints.handlers.resource import ResourceRequest, handle_resource
from kcp.endpoints.handlers.watch import handle_watch
from kcp.endpoints.requestinfo import RequestInfo, parse_request_info
from kcp.logicalcluster import ROOT, LogicalClusterName
from kcp.observability import keys
from kcp.registry.admission import NO_ADMISSION, Admission
from kcp.registry.catalogue import Catalogue
from kcp.registry.resource import ResourceDefinition
from kcp.registry.store import Store
from kcp.storage.interface import Storage

__all__ = ["APIHandler"]

# Until authentication is served (client certificates, tokens), every request acts
# as the cluster administrator; `kcp start` therefore binds to loopback by default.
UNAUTHENTICATED_ADMIN = UserInfo("kcp-admin", groups=("system:kcp:admin", "system:authenticated"))
_WILDCARD_VERBS = ("list", "watch")


class APIHandler:
    def __init__(
        self, storage: Storage, catalogue: Catalogue, admission: Admission = NO_ADMISSION
    ) -> None:
        self.storage = storage
        self.catalogue = catalogue
        self.admission = admission
        self.shutdown = asyncio.Event()
        self.clusters: frozenset[LogicalClusterName] = frozenset({ROOT})
        self._stores: dict[tuple[str, str, str], Store] = {}

    def store(self, definition: ResourceDefinition) -> Store:
        key = (definition.group, definition.version, definition.resource)
        store = self._stores.get(key)
        if store is None or store.definition is not definition:
            store = self._stores[key] = Store(definition, self.storage, self.admission)
        return store

    async def handle(self, request: web.Request) -> web.StreamResponse:
        scope = resolve_cluster_scope(request.path, self.clusters)
        info = parse_request_info(request.method, scope.path, request.query)
        request[REQUEST_ATTRIBUTES] = RequestAttributes(info)
        structlog.contextvars.bind_contextvars(
            **{keys.CLUSTER: scope.cluster.value, keys.VERB: info.verb}
        )
        if not info.is_resource_request:
            return self._non_resource(request, scope, info)
        structlog.contextvars.bind_contextvars(
            **{keys.RESOURCE: info.resource, keys.NAMESPACE: info.namespace, keys.NAME: info.name}
        )
        definition = self.catalogue.lookup(scope.cluster, info.group, info.version, info.resource)
        if definition is None:
            raise NotFoundError.plain()
        request[REQUEST_ATTRIBUTES] = RequestAttributes(info, definition)
        self._check_verb(scope, info, definition)
        query = request.query
        ctx = RequestContext(
            cluster=scope.cluster,
            user=UNAUTHENTICATED_ADMIN,
            namespace=info.namespace if definition.namespaced else None,
            dry_run=queryparams.dry_run(query),
            field_manager=queryparams.field_manager(query, request.headers.get("User-Agent", "")),
            field_validation=queryparams.field_validation(query),
        )
        resource_request = ResourceRequest(
            request, info, definition, self.store(definition), ctx, self.shutdown
        )
        if info.verb == "watch":
            return await handle_watch(resource_request)
        return await handle_resource(resource_request)

    def _check_verb(
        self, scope: ClusterScope, info: RequestInfo, definition: ResourceDefinition
    ) -> None:
        if info.subresource and info.subresource not in definition.subresources:
            raise NotFoundError.plain()
        if info.subresource and info.verb not in ("get", "update", "patch"):
            raise MethodNotSupportedError(definition.group_resource, info.verb)
        if scope.cluster.is_wildcard and info.verb not in _WILDCARD_VERBS:
            raise MethodNotSupportedError(definition.group_resource, info.verb)
        if not info.subresource and info.verb not in definition.verbs:
            raise MethodNotSupportedError(definition.group_resource, info.verb)
        if definition.namespaced and not info.namespace and info.verb not in ("list", "watch"):
            raise NotFoundError.plain()

    def _non_resource(
        self, request: web.Request, scope: ClusterScope, info: RequestInfo
    ) -> web.Response:
        if request.method not in ("GET", "HEAD"):
            raise NotFoundError.plain()
        path = info.path.rstrip("/") or "/"
        served = list(self.catalogue.served(scope.cluster))
        if path == "/version":
            return discovery.json_response(discovery.version_info())
        if path in ("/api", "/apis"):
            core = path == "/api"
            if discovery.wants_aggregated(request.headers.get("Accept", "")):
                return discovery.json_response(
                    discovery.aggregated(served, core=core), discovery.AGGREGATED_CONTENT_TYPE
                )
            if core:
                return discovery.json_response(discovery.api_versions(request.host))
            return discovery.json_response(discovery.api_group_list(served))
        if path == openapi.V3_PATH or path.startswith(openapi.V3_PATH + "/"):
            return openapi.handle_openapi(request, scope.prefix, path, served)
        parts = path.strip("/").split("/")
        if parts[0] == "api" and len(parts) == 2:
            return discovery.json_response(discovery.api_resource_list(served, "", parts[1]))
        if parts[0] == "apis" and len(parts) == 2:
            return discovery.json_response(discovery.api_group(served, parts[1]))
        if parts[0] == "apis" and len(parts) == 3:
            return discovery.json_response(discovery.api_resource_list(served, parts[1], parts[2]))
        raise NotFoundError.plain()
