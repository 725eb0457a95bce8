"""The verb handlers of resource requests: decode, call the Store, encode.

Mirrors k8s.io/apiserver pkg/endpoints/handlers ({get,create,update,patch,delete}.go):
status codes (POST 201, PUT 200 or 201 when it created, DELETE 200 or 202 while
finalizers hold the object), DeleteOptions from the body or the query, patches
applied to the current object inside the Store's guarded update, so a patch carrying
`metadata.resourceVersion` is an optimistic-concurrency precondition.
"""

from __future__ import annotations

import asyncio
import dataclasses
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from kcp.apimachinery import patch as patches
from kcp.apimachinery.errors import (
    BadRequestError,
    NotFoundError,
    UnsupportedMediaTypeError,
)
from kcp.apimachinery.request import RequestContext
from kcp.apimachinery.table import IncludeObject, build_table, partial_object_metadata
from kcp.apimachinery.unstructured import Object
from kcp.endpoints import fieldvalidation, negotiation, queryparams
from kcp.endpoints.requestinfo import RequestInfo
from kcp.registry.options import DeleteOptions, Preconditions, PropagationPolicy
from kcp.registry.resource import ResourceDefinition
from kcp.registry.store import Store

__all__ = ["ResourceRequest", "handle_resource"]

JSON_PATCH = "application/json-patch+json"
MERGE_PATCH = "application/merge-patch+json"
STRATEGIC_PATCH = "application/strategic-merge-patch+json"
APPLY_PATCH_TYPES = ("application/apply-patch+yaml", "application/apply-patch+json")
_POLICIES: dict[str, PropagationPolicy] = {
    "": "",
    "Orphan": "Orphan",
    "Background": "Background",
    "Foreground": "Foreground",
}


@dataclass(frozen=True, slots=True)
class ResourceRequest:
    request: web.Request
    info: RequestInfo
    definition: ResourceDefinition
    store: Store
    ctx: RequestContext
    # Set when the server begins to shut down: long-running requests end then.
    shutdown: asyncio.Event


async def handle_resource(req: ResourceRequest) -> web.StreamResponse:
    verb = req.info.verb
    if verb == "get":
        return await _get(req)
    if verb == "list":
        return await _list(req)
    if verb == "create":
        return await _create(req)
    if verb == "update":
        return await _update(req)
    if verb == "patch":
        return await _patch(req)
    if verb == "delete":
        return await _delete(req)
    if verb == "deletecollection":
        return await _delete_collection(req)
    raise BadRequestError(f"unsupported verb {verb}")


def partial_metadata(obj: Object) -> Object:
    """An object or list as meta.k8s.io/v1 PartialObjectMetadata(List)."""
    if "items" in obj and obj.get("kind", "").endswith("List"):
        return {
            "kind": "PartialObjectMetadataList",
            "apiVersion": "meta.k8s.io/v1",
            "metadata": obj.get("metadata", {}),
            "items": [partial_object_metadata(item) for item in obj["items"]],
        }
    return partial_object_metadata(obj)


def definition_table(
    definition: ResourceDefinition,
    items: list[Object],
    list_metadata: Object | None = None,
    include_object: IncludeObject = "Metadata",
) -> Object:
    """The Table kubectl prints for `items`, in the type's own column layout."""
    if definition.table_layout is not None:
        return build_table(
            items,
            definition.table_layout,
            list_metadata=list_metadata,
            include_object=include_object,
            framed=False,
        )
    return build_table(
        items, definition.columns, list_metadata=list_metadata, include_object=include_object
    )


def warning_header(text: str) -> str:
    """An RFC 7234 warning as kube-apiserver sends it: code 299, agent "-", quoted text."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'299 - "{escaped}"'


def _respond(req: ResourceRequest, obj: Object, status: int = 200) -> web.Response:
    fmt = negotiation.negotiate_output(req.request, table_allowed=True)
    if fmt.table:
        is_list = "items" in obj and obj.get("kind", "").endswith("List")
        items = obj["items"] if is_list else [obj]
        meta = (
            obj.get("metadata", {})
            if is_list
            else {"resourceVersion": obj["metadata"].get("resourceVersion", "")}
        )
        obj = definition_table(req.definition, items, meta, fmt.include_object)
    elif fmt.partial_metadata:
        obj = partial_metadata(obj)
    response = negotiation.encode_response(obj, fmt, status)
    for warning in req.ctx.warnings:
        response.headers.add("Warning", warning_header(warning))
    return response


def _body_type(req: ResourceRequest) -> str:
    """The body's media type as sent: none at all reads as JSON, as upstream does.

    (aiohttp reports a missing Content-Type as application/octet-stream; the Python
    client sends JSON bodies without one.)
    """
    return req.request.headers.get("Content-Type", "")


async def _body(req: ResourceRequest) -> bytes:
    return await req.request.read()


async def _get(req: ResourceRequest) -> web.Response:
    return _respond(req, await req.store.get(req.ctx, req.info.name))


async def _list(req: ResourceRequest) -> web.Response:
    options = queryparams.list_options(req.request.query, req.definition)
    return _respond(req, await req.store.list(req.ctx, options))


def _check_type(req: ResourceRequest, obj: Object) -> None:
    """A body naming another apiVersion or kind than the URL's is a 400."""
    definition = req.definition
    api_version = obj.get("apiVersion")
    kind = obj.get("kind")
    if api_version and api_version != definition.api_version:
        raise BadRequestError(
            f"the API version in the data ({api_version}) does not match the expected API "
            f"version ({definition.api_version})"
        )
    if kind and kind != definition.kind:
        raise BadRequestError(
            f'{definition.kind} in version "{definition.version}" cannot be handled as a '
            f"{definition.kind}: the kind in the data ({kind}) does not match the expected "
            f"kind ({definition.kind})"
        )


async def _create(req: ResourceRequest) -> web.Response:
    if req.info.name:
        raise NotFoundError.plain()
    body = await _body(req)
    obj = negotiation.decode_object(_body_type(req), body)
    _check_type(req, obj)
    obj = fieldvalidation.validate_object(req.ctx, req.definition, obj, _body_type(req), body)
    created = await req.store.create(req.ctx, obj)
    return _respond(req, created, 201)


async def _update(req: ResourceRequest) -> web.Response:
    body = await _body(req)
    obj = negotiation.decode_object(_body_type(req), body)
    _check_type(req, obj)
    obj = fieldvalidation.validate_object(req.ctx, req.definition, obj, _body_type(req), body)
    result = await req.store.update(req.ctx, req.info.name, obj, subresource=req.info.subresource)
    return _respond(req, result.obj, 201 if result.created else 200)


async def _patch(req: ResourceRequest) -> web.Response:
    content_type = req.request.content_type
    body = await _body(req)
    definition = req.definition
    if content_type in APPLY_PATCH_TYPES:
        raise UnsupportedMediaTypeError(content_type, (JSON_PATCH, MERGE_PATCH, STRATEGIC_PATCH))
    if content_type == STRATEGIC_PATCH and definition.patch_schema is None:
        raise UnsupportedMediaTypeError(content_type, (JSON_PATCH, MERGE_PATCH, *APPLY_PATCH_TYPES))
    if content_type not in (JSON_PATCH, MERGE_PATCH, STRATEGIC_PATCH):
        raise UnsupportedMediaTypeError(
            content_type, (JSON_PATCH, MERGE_PATCH, STRATEGIC_PATCH, *APPLY_PATCH_TYPES)
        )
    document = negotiation.decode_body("application/json", body)
    validation = fieldvalidation.PatchValidation(req.ctx, definition, content_type, body, document)

    async def apply(current: Object) -> Object:
        # The patch may set metadata.resourceVersion: that becomes the precondition;
        # otherwise the current version is one, so a lost race is retried.
        if content_type == JSON_PATCH:
            patched: Any = patches.apply_json_patch(current, document)
        elif content_type == MERGE_PATCH:
            patched = patches.apply_merge_patch(current, document)
        else:
            assert definition.patch_schema is not None
            patched = patches.apply_strategic_merge_patch(
                current, document, definition.patch_schema
            )
        if not isinstance(patched, dict):
            raise BadRequestError("the patch did not produce a JSON object")
        # Built-ins keep only the fields of their type; Strict fails on the others.
        return validation.check(patched)

    result = await req.store.guaranteed_update(
        req.ctx, req.info.name, apply, subresource=req.info.subresource
    )
    validation.emit_warnings()
    return _respond(req, result.obj)


async def _delete_options(req: ResourceRequest) -> tuple[DeleteOptions, RequestContext]:
    """DeleteOptions from the body (kubectl sends them there) or the query.

    A `dryRun` in the body applies to the request, so the context is returned too.
    """
    body = await _body(req)
    raw: dict[str, Any] = {}
    if body.strip():
        # JSON from kubectl, protobuf from client-go's typed clients.
        raw = negotiation.decode_object(_body_type(req), body)
    query = req.request.query
    pre = raw.get("preconditions") or {}
    if not isinstance(pre, dict):
        raise BadRequestError("preconditions must be a JSON object")
    requested_policy = raw.get("propagationPolicy") or query.get("propagationPolicy", "")
    policy = _POLICIES.get(requested_policy)
    if policy is None:
        raise BadRequestError(
            f'propagationPolicy: Unsupported value: "{requested_policy}": supported values: '
            '"Foreground", "Background", "Orphan"'
        )
    ctx = req.ctx
    if raw.get("dryRun"):
        if raw["dryRun"] != ["All"]:
            raise BadRequestError(f"Invalid dry run value: {raw['dryRun']}")
        ctx = dataclasses.replace(ctx, dry_run=True)
    grace = raw.get("gracePeriodSeconds", query.get("gracePeriodSeconds"))
    try:
        grace_seconds = int(grace) if grace not in (None, "") else None
    except (TypeError, ValueError) as err:
        raise BadRequestError(f"invalid gracePeriodSeconds {grace!r}") from err
    options = DeleteOptions(
        preconditions=Preconditions(
            uid=pre.get("uid"), resource_version=pre.get("resourceVersion")
        ),
        propagation_policy=policy,
        grace_period_seconds=grace_seconds,
    )
    return options, ctx


async def _delete(req: ResourceRequest) -> web.Response:
    options, ctx = await _delete_options(req)
    obj, gone = await req.store.delete(ctx, req.info.name, options)
    # Upstream answers 200 even while finalizers hold the object (202 only for
    # orphanDependents=false, a deprecated option we do not take).
    status = 200
    if req.definition.return_deleted_object or not gone:
        return _respond(req, obj, status)
    details: dict[str, object] = {"name": req.info.name}
    if req.definition.group:
        details["group"] = req.definition.group
    details["kind"] = req.definition.resource
    details["uid"] = obj["metadata"].get("uid", "")
    fmt = negotiation.negotiate_output(req.request, table_allowed=False)
    return negotiation.encode_response(
        {
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Success",
            "details": details,
        },
        fmt,
        status,
    )


async def _delete_collection(req: ResourceRequest) -> web.Response:
    options, ctx = await _delete_options(req)
    list_options = queryparams.list_options(req.request.query, req.definition)
    return _respond(req, await req.store.delete_collection(ctx, list_options, options))
