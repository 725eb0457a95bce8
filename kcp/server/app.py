"""Assembling and running the server: storage, TLS, filters, routes, lifecycle.

`Server` is used two ways: `kcp start` calls `serve(config)`, which runs until SIGTERM
or SIGINT; tests start a `Server` in-process on port 0 and stop it themselves. Start
opens storage (the app's `cleanup_ctx`) before the listener accepts anything; stop
first fails readiness, then stops accepting, lets in-flight requests finish within
`shutdown_timeout`, and closes storage last.
"""

from __future__ import annotations

import asyncio
import gc
import signal
from collections.abc import AsyncIterator

from aiohttp import web

from kcp.admission.plugins import default_chain
from kcp.auth.pki import ensure_serving_certificate
from kcp.client.kubeconfig import admin_kubeconfig, write_kubeconfig
from kcp.endpoints.api import APIHandler
from kcp.endpoints.filters import metrics as metrics_filter
from kcp.endpoints.filters.errors import errors
from kcp.endpoints.filters.request_context import request_context
from kcp.endpoints.limits import MAX_REQUEST_BODY_BYTES
from kcp.observability import keys as logkeys
from kcp.observability.logs import get_logger
from kcp.observability.metrics import Metrics
from kcp.registry.catalogue import Catalogue
from kcp.server import backends, bootstrap, health, keys
from kcp.server.config import Config
from kcp.server.controllers import Controllers
from kcp.server.tls import serving_context
from kcp.storage.instrumented import InstrumentedStorage

__all__ = ["Server", "serve"]

_log = get_logger("server")


class ShuttingDownError(Exception):
    """Readiness fails with this once shutdown has begun."""


class Server:
    def __init__(self, config: Config) -> None:
        self.config = config
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None
        self._shutting_down = False
        self.metrics = Metrics()
        self._controllers: Controllers | None = None
        self._app: web.Application | None = None

    @property
    def port(self) -> int:
        """The bound port (useful with `secure_port=0`)."""
        assert self._site is not None, "server not started"
        server = self._site._server
        assert isinstance(server, asyncio.Server)
        port: int = server.sockets[0].getsockname()[1]
        return port

    def build_app(self) -> web.Application:
        app = web.Application(
            middlewares=[request_context, metrics_filter.instrument(self.metrics), errors],
            client_max_size=MAX_REQUEST_BODY_BYTES,
        )
        app[keys.CONFIG] = self.config
        app.cleanup_ctx.append(self._storage_ctx)
        health.add_health_routes(app, self._health_checks(app))

        async def api(request: web.Request) -> web.StreamResponse:
            return await app[keys.API].handle(request)

        app.router.add_get("/metrics", metrics_filter.metrics_handler(self.metrics))
        # Everything that is not a health check is the Kubernetes API, whose paths
        # (/clusters/<name>/..., /api, /apis, ...) the API handler resolves itself.
        app.router.add_route("*", "/{path:.*}", api)
        return app

    def _health_checks(self, app: web.Application) -> dict[str, list[health.HealthCheck]]:
        async def ping() -> None:
            return None

        async def storage() -> None:
            async with asyncio.timeout(self.config.readiness_timeout):
                await app[keys.STORAGE].current_revision()

        async def shutdown() -> None:
            if self._shutting_down:
                raise ShuttingDownError("server is shutting down")

        ping_check = health.HealthCheck("ping", ping)
        storage_check = health.HealthCheck("etcd", storage)
        return {
            "livez": [ping_check],
            "readyz": [ping_check, storage_check, health.HealthCheck("shutdown", shutdown)],
            "healthz": [ping_check, storage_check],
        }

    async def _storage_ctx(self, app: web.Application) -> AsyncIterator[None]:
        backend = backends.backend_name(self.config)
        storage = InstrumentedStorage(await backends.open_storage(self.config), self.metrics)
        revision = await storage.current_revision()
        _log.info("storage opened", **{logkeys.BACKEND: backend, logkeys.REVISION: revision})
        app[keys.STORAGE] = storage
        await bootstrap.ensure_root_namespaces(storage)
        admission = default_chain(bootstrap.namespace_getter(storage))
        app[keys.API] = APIHandler(storage, Catalogue(), admission)
        try:
            yield
        finally:
            await storage.close()
            _log.info("storage closed", **{logkeys.BACKEND: backend})

    async def start(self) -> None:
        config = self.config
        tls_files = ensure_serving_certificate(config.root_directory, config.hostnames)
        self._app = self.build_app()
        # handler_cancellation: a client that disconnects cancels its handler, so a
        # dropped watch releases its storage watch at once.
        runner = web.AppRunner(
            self._app,
            shutdown_timeout=config.shutdown_timeout,
            access_log=None,
            handler_cancellation=True,
        )
        await runner.setup()
        self._runner = runner
        try:
            site = web.TCPSite(
                runner,
                config.bind_address,
                config.secure_port,
                ssl_context=serving_context(tls_files),
            )
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._site = site
        _log.info("serving", **{logkeys.ADDRESS: f"https://{config.bind_address}:{self.port}"})
        write_kubeconfig(
            config.root_directory / "admin.kubeconfig",
            admin_kubeconfig(self._external_url(), tls_files.ca_cert.read_bytes()),
        )
        self._controllers = Controllers(self._loopback_url(), str(tls_files.ca_cert))
        self._controllers.start()

    def _external_url(self) -> str:
        """How clients should address this server (admin.kubeconfig)."""
        host = self.config.external_hostname
        if not host:
            return self._loopback_url()
        return f"https://{host}:{self.port}"

    def _loopback_url(self) -> str:
        """Where in-process clients reach this server."""
        address = self.config.bind_address
        if address in ("0.0.0.0", "::", "", "localhost"):  # noqa: S104 - wildcard binds
            address = "127.0.0.1"
        return f"https://{address}:{self.port}"

    async def stop(self) -> None:
        if self._runner is None:
            return
        self._shutting_down = True
        _log.info("shutting down")
        if self._controllers is not None:
            await self._controllers.stop()
            self._controllers = None
        if self._app is not None and keys.API in self._app:
            self._app[keys.API].shutdown.set()  # watches end now, not at the timeout
        await self._runner.cleanup()
        self._runner = None
        self._site = None


async def serve(config: Config) -> None:
    """Run until SIGTERM or SIGINT, then shut down gracefully."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    server = Server(config)
    try:
        await server.start()
        # Everything allocated at start-up (modules, schemas, catalogue) lives for the
        # whole process: keep it out of the collector's full passes, whose pauses of
        # tens of milliseconds showed up as request tail latency.
        gc.freeze()
        await stop.wait()
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)
        await server.stop()
