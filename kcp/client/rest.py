"""A small REST client for the Kubernetes API, cluster-aware, async, typed errors.

Paths are absolute API paths (`/clusters/root/api/v1/namespaces`). Every non-2xx
answer raises the APIError its Status names. Watches yield `(type, object)` pairs
and end when the server ends the stream; an ERROR event raises its Status.
Controllers in the server process use it over loopback TLS, so their requests pass
the same filters, admission and storage as anyone else's.
"""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator, Mapping

import aiohttp
import orjson

from kcp.apimachinery.unstructured import JSON, Object
from kcp.client.errors import error_from_status

__all__ = ["RestClient"]

JSON_MEDIA_TYPE = "application/json"


class RestClient:
    def __init__(
        self,
        base_url: str,
        *,
        ssl_context: ssl.SSLContext | None = None,
        headers: Mapping[str, str] | None = None,
        user_agent: str = "kcp-py-client",
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(ssl=ssl_context if ssl_context is not None else False),
            headers={"User-Agent": user_agent, "Accept": JSON_MEDIA_TYPE, **(headers or {})},
        )

    async def close(self) -> None:
        await self._session.close()

    async def request(
        self,
        method: str,
        path: str,
        body: JSON = None,
        *,
        query: Mapping[str, str] | None = None,
        content_type: str = JSON_MEDIA_TYPE,
        accept: str = JSON_MEDIA_TYPE,
    ) -> Object:
        data = orjson.dumps(body) if body is not None else None
        async with self._session.request(
            method,
            self.base_url + path,
            data=data,
            params=query,
            headers={"Content-Type": content_type, "Accept": accept},
        ) as resp:
            raw = await resp.read()
            is_json = raw and resp.content_type == JSON_MEDIA_TYPE
            decoded: JSON = orjson.loads(raw) if is_json else raw.decode()
            if resp.status >= 400:
                raise error_from_status(resp.status, decoded)
            if not isinstance(decoded, dict):
                raise error_from_status(resp.status, decoded)
            return decoded

    async def get(self, path: str, **query: str) -> Object:
        return await self.request("GET", path, query=query)

    async def create(self, path: str, obj: Object) -> Object:
        return await self.request("POST", path, obj)

    async def update(self, path: str, obj: Object) -> Object:
        return await self.request("PUT", path, obj)

    async def patch(
        self, path: str, patch: JSON, content_type: str = "application/merge-patch+json"
    ) -> Object:
        return await self.request("PATCH", path, patch, content_type=content_type)

    async def delete(self, path: str, options: Object | None = None, **query: str) -> Object:
        return await self.request("DELETE", path, options, query=query)

    async def watch(self, path: str, **query: str) -> AsyncIterator[tuple[str, Object]]:
        params = {"watch": "true", **query}
        async with self._session.get(
            self.base_url + path, params=params, timeout=aiohttp.ClientTimeout(total=None)
        ) as resp:
            if resp.status >= 400:
                raise error_from_status(resp.status, orjson.loads(await resp.read() or b"null"))
            async for line in resp.content:
                if not line.strip():
                    continue
                event = orjson.loads(line)
                if event.get("type") == "ERROR":
                    raise error_from_status(int(event["object"].get("code", 500)), event["object"])
                yield event["type"], event["object"]
