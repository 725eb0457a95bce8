"""Integration fixtures: the API server in-process over real TLS, on each backend."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import orjson
import pytest

from kcp.server.app import Server
from kcp.server.config import Config, EtcdOptions
from tests.helpers.etcd import EtcdProcess
from tests.helpers.https import client_session


@dataclass
class API:
    """A tiny JSON client for tests: every call returns (status, decoded body)."""

    session: aiohttp.ClientSession
    base: str

    async def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        content_type: str = "application/json",
        headers: dict[str, str] | None = None,
        raw: bytes | None = None,
    ) -> tuple[int, Any]:
        data = raw
        if data is None and body is not None:
            data = orjson.dumps(body)
        all_headers = {"Content-Type": content_type, **(headers or {})}
        async with self.session.request(
            method, self.base + path, data=data, headers=all_headers
        ) as resp:
            text = await resp.read()
            if resp.content_type == "application/json" and text:
                return resp.status, orjson.loads(text)
            return resp.status, text.decode()


@pytest.fixture(params=["embedded", "etcd"])
async def server(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Server]:
    etcd: EtcdProcess | None = None
    if request.param == "etcd":
        etcd = request.getfixturevalue("etcd_server")
    config = Config(
        root_directory=tmp_path / "root",
        bind_address="127.0.0.1",
        secure_port=0,
        etcd=EtcdOptions(servers=(etcd.endpoint,), prefix=f"/{tmp_path.name}") if etcd else None,
        shutdown_timeout=5.0,
    )
    srv = Server(config)
    await srv.start()
    try:
        yield srv
    finally:
        await srv.stop()


@pytest.fixture
async def api(server: Server) -> AsyncIterator[API]:
    async with client_session(server.config.root_directory) as session:
        yield API(session, f"https://127.0.0.1:{server.port}")
