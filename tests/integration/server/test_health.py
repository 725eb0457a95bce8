"""The health endpoints, in-process, over real TLS, on both storage backends."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from kcp.server import keys
from kcp.server.app import Server
from kcp.server.config import Config, EtcdOptions
from kcp.storage.errors import StorageClosedError
from tests.helpers.etcd import EtcdProcess
from tests.helpers.eventually import eventually
from tests.helpers.https import client_session


def _config(tmp_path: Path, etcd: EtcdProcess | None = None) -> Config:
    return Config(
        root_directory=tmp_path / "root",
        bind_address="127.0.0.1",
        secure_port=0,
        etcd=EtcdOptions(servers=(etcd.endpoint,), prefix=f"/{tmp_path.name}") if etcd else None,
        readiness_timeout=1.0,
        shutdown_timeout=5.0,
    )


@pytest.fixture(params=["embedded", "etcd"])
async def server(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Server]:
    etcd = request.getfixturevalue("etcd_server") if request.param == "etcd" else None
    srv = Server(_config(tmp_path, etcd))
    await srv.start()
    try:
        yield srv
    finally:
        await srv.stop()


async def _get(srv: Server, path: str) -> tuple[int, str, str]:
    url = f"https://127.0.0.1:{srv.port}{path}"
    async with client_session(srv.config.root_directory) as session, session.get(url) as resp:
        return resp.status, resp.content_type, await resp.text()


@pytest.mark.parametrize("endpoint", ["/livez", "/readyz", "/healthz"])
async def test_endpoint_answers_ok_over_verified_tls(server: Server, endpoint: str) -> None:
    status, content_type, body = await _get(server, endpoint)
    assert (status, content_type, body) == (200, "text/plain", "ok")


async def test_readyz_verbose_lists_every_check(server: Server) -> None:
    status, _, body = await _get(server, "/readyz?verbose")
    assert status == 200
    assert body == "[+]ping ok\n[+]etcd ok\n[+]shutdown ok\nreadyz check passed\n"


async def test_readyz_exclude_skips_a_check(server: Server) -> None:
    status, _, body = await _get(server, "/readyz?verbose&exclude=etcd")
    assert status == 200
    assert "[+]etcd excluded: ok" in body
    assert "[+]etcd ok" not in body


async def test_single_check_path(server: Server) -> None:
    assert await _get(server, "/readyz/etcd") == (200, "text/plain", "ok")


async def test_unknown_check_is_404(server: Server) -> None:
    status, _, _ = await _get(server, "/readyz/nonexistent")
    assert status == 404


async def test_readyz_fails_while_etcd_is_down_and_recovers(
    tmp_path: Path, etcd_fresh: EtcdProcess
) -> None:
    srv = Server(_config(tmp_path, etcd_fresh))
    await srv.start()
    try:
        assert (await _get(srv, "/readyz"))[0] == 200
        etcd_fresh.stop()
        status, _, body = await _get(srv, "/readyz")
        assert status == 500
        assert "[-]etcd failed: reason withheld\n" in body
        assert body.endswith("readyz check failed\n")
        assert (await _get(srv, "/livez"))[0] == 200  # liveness does not hang on storage
        status, _, body = await _get(srv, "/readyz/etcd")
        assert (status, body) == (500, "internal server error: reason withheld\n")
        etcd_fresh.start()

        async def ready_again() -> tuple[bool, str]:
            status, _, body = await _get(srv, "/readyz?verbose")
            return status == 200, body

        await eventually(ready_again, timeout=20, interval=0.2)
    finally:
        await srv.stop()


class _SlowServer(Server):
    """A server with one extra route that takes a while, to observe shutdown."""

    started: asyncio.Event

    def build_app(self) -> web.Application:
        app = super().build_app()
        self.started = asyncio.Event()
        self.app = app

        async def slow(_request: web.Request) -> web.Response:
            self.started.set()
            await asyncio.sleep(1.0)
            return web.Response(text="finished")

        app.router.add_get("/slow", slow)
        return app


async def test_shutdown_lets_in_flight_requests_finish_then_closes_storage(
    tmp_path: Path,
) -> None:
    srv = _SlowServer(_config(tmp_path))
    await srv.start()
    storage = srv.app[keys.STORAGE]
    url = f"https://127.0.0.1:{srv.port}/slow"
    async with client_session(srv.config.root_directory) as session:

        async def fetch() -> tuple[int, str]:
            async with session.get(url) as resp:
                return resp.status, await resp.text()

        in_flight = asyncio.create_task(fetch())
        await asyncio.wait_for(srv.started.wait(), 5)
        await srv.stop()
        assert await in_flight == (200, "finished")
        with pytest.raises(aiohttp.ClientConnectionError):
            await fetch()
    with pytest.raises(StorageClosedError):
        await storage.current_revision()
