"""/livez, /readyz and /healthz, answered the way kube-apiserver answers them.

Each endpoint runs a list of named checks (k8s.io/apiserver pkg/server/healthz):
plain success is `200 ok`; `?verbose` lists every check as `[+]name ok`; a failure is
a 500 listing `[-]name failed: reason withheld` (the reason goes to the log, never to
the client); `?exclude=name` skips a check; `/readyz/<name>` runs one check alone.
Readiness includes storage, so a load balancer stops sending traffic while storage
does not answer, and the `shutdown` check, so it stops before the listener closes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass

from aiohttp import web

from kcp.observability import keys
from kcp.observability.logs import get_logger

__all__ = ["HealthCheck", "add_health_routes"]

_log = get_logger("health")

CheckFn = Callable[[], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class HealthCheck:
    """A named probe: `check()` returns on success and raises on failure."""

    name: str
    check: CheckFn


def _text(body: str, status: int = 200) -> web.Response:
    return web.Response(
        text=body,
        status=status,
        content_type="text/plain",
        charset="utf-8",
        headers={"X-Content-Type-Options": "nosniff"},
    )


async def _run(check: HealthCheck) -> str | None:
    """The failure reason of one check, or None when it passes."""
    try:
        await check.check()
    except asyncio.CancelledError:
        raise
    except Exception as err:  # noqa: BLE001 - any failure of a probe is a failed probe
        return f"{type(err).__name__}: {err}"
    return None


def _endpoint(
    name: str, checks: Sequence[HealthCheck]
) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def handle_all(request: web.Request) -> web.Response:
        excluded = set(request.query.getall("exclude", []))
        selected = [c for c in checks if c.name not in excluded]
        reasons = await asyncio.gather(*(_run(c) for c in selected))
        failed = any(r is not None for r in reasons)
        if not failed and "verbose" not in request.query:
            return _text("ok")
        lines = []
        for check, reason in zip(selected, reasons, strict=True):
            if reason is None:
                lines.append(f"[+]{check.name} ok")
            else:
                lines.append(f"[-]{check.name} failed: reason withheld")
                _log.warning(
                    "health check failed", check=check.name, endpoint=name, **{keys.ERROR: reason}
                )
        lines.extend(f"[+]{excluded_name} excluded: ok" for excluded_name in sorted(excluded))
        lines.append(f"{name} check {'failed' if failed else 'passed'}")
        return _text("\n".join(lines) + "\n", status=500 if failed else 200)

    return handle_all


def _single(check: HealthCheck) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def handle_one(_request: web.Request) -> web.Response:
        reason = await _run(check)
        if reason is None:
            return _text("ok")
        _log.warning("health check failed", check=check.name, **{keys.ERROR: reason})
        return _text("internal server error: reason withheld\n", status=500)

    return handle_one


def add_health_routes(app: web.Application, endpoints: Mapping[str, Sequence[HealthCheck]]) -> None:
    """Register `/<endpoint>` and `/<endpoint>/<check>` for each endpoint's checks."""
    for name, checks in endpoints.items():
        app.router.add_get(f"/{name}", _endpoint(name, checks))
        for check in checks:
            app.router.add_get(f"/{name}/{check.name}", _single(check))
