"""The OpenAPI v3 document of one group-version, built from the served definitions.

The shape is kube-apiserver's (`/openapi/v3/api/v1`, kube-openapi's builder3): per
resource a collection path and an item path (plus `/status` and the all-namespaces
list where they apply), each verb an operation with upstream's operationId,
`x-kubernetes-action` and `x-kubernetes-group-version-kind`, query parameters inline,
responses and bodies referencing `components.schemas`, and the components trimmed to
what the paths reach.

kubectl depends on two details (kubectl-wire.md 5.2, 5.3): the PATCH operation of
every kind carries its GVK and a `fieldValidation` query parameter, or kubectl refuses
to validate; and `application/strategic-merge-patch+json` is offered only where the
server accepts it (a definition with patch metadata), since kubectl's `apply` and
`edit` send strategic merge patches when the document lists it.

Kinds without generated schemas (kcp's own types, later custom resources) get a
permissive one: apiVersion, kind, metadata, and `x-kubernetes-preserve-unknown-fields`.
"""

from __future__ import annotations

from collections.abc import Sequence

from kcp.apimachinery.schema import GroupVersion, GroupVersionKind
from kcp.apimachinery.unstructured import Object
from kcp.registry.builtin.openapi import data
from kcp.registry.resource import ResourceDefinition

__all__ = ["document", "group_version_path"]

_META = "io.k8s.apimachinery.pkg.apis.meta.v1."
STATUS, DELETE_OPTIONS, PATCH = _META + "Status", _META + "DeleteOptions", _META + "Patch"
RESOURCE_LIST = _META + "APIResourceList"
_MEDIA = ("application/json", "application/yaml")
_PATCH_TYPES = (
    "application/apply-patch+yaml",
    "application/json-patch+json",
    "application/merge-patch+json",
)
_STRATEGIC = "application/strategic-merge-patch+json"
_LIST_PARAMS = (
    "allowWatchBookmarks",
    "continue",
    "fieldSelector",
    "labelSelector",
    "limit",
    "resourceVersion",
    "resourceVersionMatch",
    "sendInitialEvents",
    "timeoutSeconds",
    "watch",
)
_WRITE_PARAMS = ("dryRun", "fieldManager", "fieldValidation")
_DELETE_PARAMS = ("dryRun", "gracePeriodSeconds", "orphanDependents", "propagationPolicy")
_CODE_TEXT = {"200": "OK", "201": "Created", "202": "Accepted"}
_NAMESPACE_TEXT = "object name and auth scope, such as for teams and projects"


def group_version_path(gv: GroupVersion) -> str:
    """`api/v1` or `apis/<group>/<version>`: the document's key in the index."""
    return f"apis/{gv.group}/{gv.version}" if gv.group else f"api/{gv.version}"


def _operation_group(gv: GroupVersion) -> tuple[str, str]:
    """operationId infix and tag: `RbacAuthorizationV1`, `rbacAuthorization_v1`."""
    words = gv.group.removesuffix(".k8s.io").split(".") if gv.group else ["core"]
    camel = "".join(word[:1].upper() + word[1:] for word in words)
    tag = camel[:1].lower() + camel[1:] + "_" + gv.version
    return camel + gv.version[:1].upper() + gv.version[1:], tag


def _query(options: str, names: Sequence[str]) -> list[Object]:
    described = data.parameters().get(options, {})
    params = []
    for name in names:
        info = described.get(name, {"type": "string"})
        param: Object = {"name": name, "in": "query"}
        if info.get("description"):
            param["description"] = info["description"]
        param["schema"] = {"type": info["type"], "uniqueItems": True}
        params.append(param)
    return params


def _path_param(name: str, description: str) -> Object:
    return {
        "name": name,
        "in": "path",
        "description": description,
        "required": True,
        "schema": {"type": "string", "uniqueItems": True},
    }


def _body(schema_name: str, *, required: bool = False) -> Object:
    body: Object = {"content": {"*/*": {"schema": data.ref(schema_name)}}}
    if required:
        body["required"] = True
    return body


def _responses(schema_name: str, *codes: str) -> Object:
    content = {media: {"schema": data.ref(schema_name)} for media in _MEDIA}
    responses: Object = {
        code: {"description": _CODE_TEXT[code], "content": content} for code in codes
    }
    responses["401"] = {"description": "Unauthorized"}
    return responses


class _Builder:
    """The paths and schemas of one group-version document."""

    def __init__(self, gv: GroupVersion) -> None:
        self.gv = gv
        self.base = "/" + group_version_path(gv)
        self.infix, self.tag = _operation_group(gv)
        self.paths: dict[str, Object] = {}
        self.custom: dict[str, Object] = {}
        self.paths[self.base + "/"] = {
            "get": {
                "tags": [self.tag],
                "description": "get available resources",
                "operationId": f"get{self.infix}APIResources",
                "responses": _responses(RESOURCE_LIST, "200"),
            }
        }

    def _op(
        self, d: ResourceDefinition, verb: str, name: str, description: str, **rest: object
    ) -> Object:
        op: Object = {"tags": [self.tag], "description": description, "operationId": name}
        op.update(rest)
        op["x-kubernetes-action"] = verb
        op["x-kubernetes-group-version-kind"] = {
            "group": d.group,
            "kind": d.kind,
            "version": d.version,
        }
        return op

    def add(self, d: ResourceDefinition) -> None:
        """The paths of one resource: collection, item, subresources."""
        schema = self._schema(d.gvk, list_of=None)
        scoped = "Namespaced" if d.namespaced else ""
        collection = f"{self.base}/{'namespaces/{namespace}/' if d.namespaced else ''}{d.resource}"
        scope = [_path_param("namespace", _NAMESPACE_TEXT)] if d.namespaced else []
        named = [_path_param("name", f"name of the {d.kind}"), *scope]
        self._collection(d, collection, scope, schema, scoped)
        self._item(d, collection + "/{name}", named, schema, scoped)
        for sub in d.subresources:
            self._subresource(d, sub, collection + "/{name}", named, schema, scoped)

    def _collection(
        self, d: ResourceDefinition, path: str, params: list[Object], schema: str, scoped: str
    ) -> None:
        ops: Object = {}
        if "list" in d.verbs:
            list_gvk = GroupVersionKind(d.group, d.version, d.list_kind)
            listed = _responses(self._schema(list_gvk, list_of=schema), "200")
            list_params = _query("ListOptions", _LIST_PARAMS)
            description = f"list or watch objects of kind {d.kind}"
            ops["get"] = self._op(
                d,
                "list",
                f"list{self.infix}{scoped}{d.kind}",
                description,
                parameters=list_params,
                responses=listed,
            )
            if d.namespaced:
                name = f"list{self.infix}{d.kind}ForAllNamespaces"
                self.paths[f"{self.base}/{d.resource}"] = {
                    "get": self._op(
                        d, "list", name, description, parameters=list_params, responses=listed
                    )
                }
        if "create" in d.verbs:
            ops["post"] = self._op(
                d,
                "post",
                f"create{self.infix}{scoped}{d.kind}",
                f"create a {d.kind}",
                parameters=_query("CreateOptions", _WRITE_PARAMS),
                requestBody=_body(schema, required=True),
                responses=_responses(schema, "200", "201", "202"),
            )
        if "deletecollection" in d.verbs:
            ops["delete"] = self._op(
                d,
                "deletecollection",
                f"delete{self.infix}Collection{scoped}{d.kind}",
                f"delete collection of {d.kind}",
                parameters=_query("DeleteOptions", _DELETE_PARAMS)
                + _query("ListOptions", _LIST_PARAMS[1:-1]),
                requestBody=_body(DELETE_OPTIONS),
                responses=_responses(STATUS, "200"),
            )
        if ops:
            self.paths[path] = {**ops, "parameters": params} if params else ops

    def _item(
        self, d: ResourceDefinition, path: str, params: list[Object], schema: str, scoped: str
    ) -> None:
        ops: Object = {}
        if "get" in d.verbs:
            ops["get"] = self._op(
                d,
                "get",
                f"read{self.infix}{scoped}{d.kind}",
                f"read the specified {d.kind}",
                responses=_responses(schema, "200"),
            )
        if "update" in d.verbs:
            ops["put"] = self._put(
                d, f"replace{self.infix}{scoped}{d.kind}", f"replace the specified {d.kind}", schema
            )
        if "patch" in d.verbs:
            ops["patch"] = self._patch(
                d,
                f"patch{self.infix}{scoped}{d.kind}",
                f"partially update the specified {d.kind}",
                schema,
            )
        if "delete" in d.verbs:
            deleted = schema if d.return_deleted_object else STATUS
            ops["delete"] = self._op(
                d,
                "delete",
                f"delete{self.infix}{scoped}{d.kind}",
                f"delete a {d.kind}",
                parameters=_query("DeleteOptions", _DELETE_PARAMS),
                requestBody=_body(DELETE_OPTIONS),
                responses=_responses(deleted, "200", "202"),
            )
        if ops:
            self.paths[path] = {**ops, "parameters": params}

    def _subresource(
        self,
        d: ResourceDefinition,
        sub: str,
        item: str,
        params: list[Object],
        schema: str,
        scoped: str,
    ) -> None:
        """`/status` (get, put, patch) and `/finalize` (put), as upstream serves them."""
        stem = f"{self.infix}{scoped}{d.kind}{sub[:1].upper()}{sub[1:]}"
        ops: Object = {}
        if sub == "status":
            ops["get"] = self._op(
                d,
                "get",
                f"read{stem}",
                f"read status of the specified {d.kind}",
                responses=_responses(schema, "200"),
            )
            ops["patch"] = self._patch(
                d, f"patch{stem}", f"partially update status of the specified {d.kind}", schema
            )
        ops["put"] = self._put(
            d, f"replace{stem}", f"replace {sub} of the specified {d.kind}", schema
        )
        self.paths[f"{item}/{sub}"] = {**ops, "parameters": params}

    def _put(self, d: ResourceDefinition, name: str, description: str, schema: str) -> Object:
        return self._op(
            d,
            "put",
            name,
            description,
            parameters=_query("UpdateOptions", _WRITE_PARAMS),
            requestBody=_body(schema, required=True),
            responses=_responses(schema, "200", "201"),
        )

    def _patch(self, d: ResourceDefinition, name: str, description: str, schema: str) -> Object:
        types = sorted((*_PATCH_TYPES, _STRATEGIC) if d.patch_schema is not None else _PATCH_TYPES)
        return self._op(
            d,
            "patch",
            name,
            description,
            parameters=_query("PatchOptions", (*_WRITE_PARAMS, "force")),
            requestBody={
                "content": {t: {"schema": data.ref(PATCH)} for t in types},
                "required": True,
            },
            responses=_responses(schema, "200", "201"),
        )

    def _schema(self, gvk: GroupVersionKind, list_of: str | None) -> str:
        """The component name of a kind (or, with `list_of`, its list kind)."""
        generated = data.name_for(gvk)
        if generated is not None:
            return generated
        group = ".".join(reversed(gvk.group.split("."))) if gvk.group else "io.k8s.api.core"
        name = f"{group}.{gvk.version}.{gvk.kind}"
        self.custom[name] = _permissive(gvk, list_of)
        return name


def _permissive(gvk: GroupVersionKind, list_of: str | None) -> Object:
    """A schema for a kind without generated data: the type meta and metadata, free-form rest."""
    generated = data.schemas()
    template = generated[
        "io.k8s.api.core.v1.ConfigMapList" if list_of else "io.k8s.api.core.v1.ConfigMap"
    ]
    properties = {key: template["properties"][key] for key in ("apiVersion", "kind", "metadata")}
    schema: Object = {"type": "object", "properties": properties}
    if list_of is None:
        schema["x-kubernetes-preserve-unknown-fields"] = True
    else:
        properties["items"] = {"type": "array", "items": data.ref(list_of)}
        schema["required"] = ["items"]
    schema["x-kubernetes-group-version-kind"] = [
        {"group": gvk.group, "kind": gvk.kind, "version": gvk.version}
    ]
    return schema


def document(gv: GroupVersion, definitions: Sequence[ResourceDefinition]) -> Object:
    """The OpenAPI v3 document of `gv` serving `definitions` (all of that group-version)."""
    builder = _Builder(gv)
    for definition in definitions:
        builder.add(definition)
    paths = dict(sorted(builder.paths.items()))
    schemas = data.closure(data.references(paths), builder.custom)
    return {
        "openapi": "3.0.0",
        "info": {"title": "Kubernetes", "version": "unversioned"},
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "BearerToken": {
                    "type": "apiKey",
                    "description": "Bearer Token authentication",
                    "name": "authorization",
                    "in": "header",
                }
            },
        },
        "security": [{"BearerToken": []}],
    }
