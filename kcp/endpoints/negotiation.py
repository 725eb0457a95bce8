"""Content negotiation: request bodies in, responses out.

Bodies: JSON and YAML objects, and the Kubernetes protobuf envelope that kubectl's
typed commands and client-go send (decoded by `kcp.endpoints.protobuf` into the same
JSON value). Responses: JSON by default, YAML when asked, and a meta.k8s.io Table when the
Accept header asks `as=Table` (kubectl get). A client that accepts nothing we can
produce gets 406; a body we cannot read, 415 or 400.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import orjson
import yaml
from aiohttp import web

from kcp.apimachinery.errors import (
    BadRequestError,
    NotAcceptableError,
    UnsupportedMediaTypeError,
)
from kcp.apimachinery.table import IncludeObject
from kcp.apimachinery.unstructured import JSON, Object
from kcp.endpoints import protobuf

__all__ = ["OutputFormat", "decode_body", "encode_response", "negotiate_output"]

JSON_TYPE = "application/json"
YAML_TYPE = "application/yaml"
PROTOBUF_TYPE = "application/vnd.kubernetes.protobuf"
ACCEPTED_BODY_TYPES = (JSON_TYPE, YAML_TYPE, PROTOBUF_TYPE)
_PRODUCED = (JSON_TYPE, YAML_TYPE, "application/json;as=Table;v=v1;g=meta.k8s.io")


_PARTIAL = ("PartialObjectMetadata", "PartialObjectMetadataList")
_INCLUDE: dict[str, IncludeObject] = {"None": "None", "Metadata": "Metadata", "Object": "Object"}


@dataclass(frozen=True, slots=True)
class OutputFormat:
    media_type: Literal["json", "yaml"]
    table: bool = False
    include_object: IncludeObject = "Metadata"
    # meta.k8s.io PartialObjectMetadata(List): metadata only (client-go's metadata client).
    partial_metadata: bool = False


def _media_ranges(accept: str) -> list[tuple[str, dict[str, str]]]:
    ranges = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        params = {}
        for field in fields[1:]:
            key, _, value = field.partition("=")
            params[key.strip().lower()] = value.strip()
        ranges.append((fields[0].lower(), params))
    return ranges


def negotiate_output(request: web.Request, *, table_allowed: bool) -> OutputFormat:
    accept = request.headers.get("Accept", "") or "*/*"
    include_object = _INCLUDE.get(request.query.get("includeObject", ""), "Metadata")
    for media, params in _media_ranges(accept):
        if params.get("as") == "Table":
            if table_allowed and media in (JSON_TYPE, "*/*") and params.get("g") == "meta.k8s.io":
                return OutputFormat("json", table=True, include_object=include_object)
            continue
        if params.get("as") in _PARTIAL:
            if media in (JSON_TYPE, "*/*") and params.get("g") == "meta.k8s.io":
                return OutputFormat("json", partial_metadata=True)
            continue
        if params.get("as"):
            continue  # other conversions are not offered here
        if media in (JSON_TYPE, "application/*", "*/*", "application/json-patch+json"):
            return OutputFormat("json")
        if media in (YAML_TYPE, "application/yaml;charset=utf-8"):
            return OutputFormat("yaml")
    raise NotAcceptableError(_PRODUCED)


def encode_response(obj: Object, fmt: OutputFormat, status: int = 200) -> web.Response:
    if fmt.media_type == "yaml":
        text = yaml.safe_dump(obj, sort_keys=False, allow_unicode=True)
        return web.Response(text=text, status=status, content_type=YAML_TYPE)
    return web.Response(body=orjson.dumps(obj), status=status, content_type=JSON_TYPE)


def decode_body(content_type: str, body: bytes) -> JSON:
    """The JSON value of a request body; raises 415 or 400."""
    media = content_type.split(";", 1)[0].strip().lower()
    if media in ("", JSON_TYPE) or media.endswith("+json"):
        try:
            return orjson.loads(body)
        except orjson.JSONDecodeError as err:
            raise BadRequestError(f"couldn't get version/kind; json parse error: {err}") from err
    if media in (YAML_TYPE, "application/yaml", "text/yaml") or media.endswith("+yaml"):
        try:
            return yaml.safe_load(body)
        except yaml.YAMLError as err:
            raise BadRequestError(f"error converting YAML to JSON: {err}") from err
    if media == PROTOBUF_TYPE:
        return protobuf.decode(body)
    raise UnsupportedMediaTypeError(media, ACCEPTED_BODY_TYPES)


def decode_object(content_type: str, body: bytes) -> Object:
    value = decode_body(content_type, body)
    if not isinstance(value, dict):
        raise BadRequestError("the body of the request must be a JSON object")
    return value
