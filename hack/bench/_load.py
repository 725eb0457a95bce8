"""Helper processes for hack/bench/api.py: a load generator and a bare baseline server.

    python hack/bench/_load.py http SPEC_JSON   # HTTPS load; prints one JSON result line
    python hack/bench/_load.py etcd SPEC_JSON   # raw etcd gRPC load; prints one JSON result line
    python hack/bench/_load.py serve SPEC_JSON  # bare aiohttp app over TLS, until SIGTERM

SPEC_JSON is a JSON object, or @FILE naming a file that holds one.

Each runs in its own process, so the load generator never shares an interpreter (or a
GIL) with the server it measures. Everything is loopback only and bounded: a load run
stops at its deadline and never has more than `connections` requests in flight.

The HTTP client is a minimal HTTP/1.1 keep-alive client on asyncio streams with
pre-built request bytes (aiohttp's client costs several times more CPU per request,
and on a 2-core box the client's core would be the limit, not the server's).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import os
import signal
import ssl
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def _pin(cpu: int | None) -> None:
    if cpu is not None and hasattr(os, "sched_setaffinity"):
        with contextlib.suppress(OSError):
            os.sched_setaffinity(0, {cpu})


def _summary(
    latencies: list[float], elapsed: float, errors: int, statuses: dict[str, int]
) -> dict[str, Any]:
    latencies.sort()
    n = len(latencies)

    def pct(p: float) -> float:
        if not n:
            return float("nan")
        return latencies[min(n - 1, max(0, round(p / 100 * n + 0.5) - 1))] * 1000

    return {
        "requests": n,
        "errors": errors,
        "elapsed_s": round(elapsed, 3),
        "rps": round(n / elapsed, 1) if elapsed > 0 else 0.0,
        "p50_ms": round(pct(50), 3),
        "p99_ms": round(pct(99), 3),
        "p999_ms": round(pct(99.9), 3),
        "max_ms": round(latencies[-1] * 1000, 3) if n else float("nan"),
        "statuses": statuses,
    }


# --- HTTP load -------------------------------------------------------------------------


class _Conn:
    """One keep-alive HTTPS connection that sends a request and reads the whole response."""

    def __init__(self, host: str, port: int, context: ssl.SSLContext) -> None:
        self.host, self.port, self.context = host, port, context
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def _connect(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(
            self.host, self.port, ssl=self.context, limit=1 << 22
        )

    async def request(self, data: bytes) -> int:
        if self.writer is None:
            await self._connect()
        assert self.reader is not None
        assert self.writer is not None
        self.writer.write(data)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        lower = head.lower()
        close = b"\r\nconnection: close" in lower
        i = lower.find(b"\r\ncontent-length:")
        if i >= 0:
            end = lower.index(b"\r\n", i + 2)
            await self.reader.readexactly(int(lower[i + 17 : end]))
        elif b"\r\ntransfer-encoding: chunked" in lower:
            while True:
                size = int((await self.reader.readuntil(b"\r\n"))[:-2].split(b";")[0], 16)
                await self.reader.readexactly(size + 2)
                if size == 0:
                    break
        else:
            close = True
            await self.reader.read()
        if close:
            self.close()
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def _request_bytes(spec: dict[str, Any], i: int) -> bytes:
    method, path = spec["method"], spec["path"].replace("{i}", str(i))
    lines = [f"{method} {path} HTTP/1.1", f"Host: {spec['host']}:{spec['port']}"]
    lines += ["Accept: application/json", "User-Agent: kcp-bench"]
    body = b""
    if spec.get("body") is not None:
        body = spec["body"].replace("{i}", str(i)).encode()
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def _http(spec: dict[str, Any]) -> dict[str, Any]:
    context = ssl.create_default_context(cafile=spec["cafile"])
    conns = [_Conn(spec["host"], spec["port"], context) for _ in range(spec["connections"])]
    templated = "{i}" in spec["path"] or "{i}" in (spec.get("body") or "")
    fixed = None if templated else _request_bytes(spec, 0)
    expect = spec.get("expect", 200)
    rate = spec.get("rate")  # requests/s for an open-loop run; None for closed-loop
    duration, warmup = spec["duration"], spec.get("warmup", 0.0)
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    errors = 0
    counter = iter(range(spec.get("count", 10**12)))

    # Open each connection (TLS handshake) before the clock starts.
    await asyncio.gather(*(c._connect() for c in conns))
    start = time.perf_counter()
    measure_from = start + warmup
    deadline = measure_from + duration

    async def worker(conn: _Conn) -> None:
        nonlocal errors
        for i in counter:
            if rate:
                scheduled = start + i / rate
                if scheduled >= deadline:
                    return
                delay = scheduled - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
            else:
                scheduled = time.perf_counter()
                if scheduled >= deadline:
                    return
            data = fixed if fixed is not None else _request_bytes(spec, i)
            try:
                status = await conn.request(data)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                conn.close()
                errors += 1
                continue
            done = time.perf_counter()
            if scheduled >= measure_from:
                # Open-loop latency counts from the scheduled send time, so a queue behind
                # a slow response is charged to the response (no coordinated omission).
                latencies.append(done - scheduled)
                statuses[str(status)] = statuses.get(str(status), 0) + 1
                if status != expect:
                    errors += 1

    await asyncio.gather(*(worker(c) for c in conns))
    elapsed = time.perf_counter() - measure_from
    for c in conns:
        c.close()
    return _summary(latencies, elapsed, errors, statuses)


# --- raw etcd load ---------------------------------------------------------------------


async def _etcd(spec: dict[str, Any]) -> dict[str, Any]:
    import grpc

    from kcp.storage.etcd._proto import etcd_pb2, etcd_pb2_grpc

    channel = grpc.aio.insecure_channel(spec["endpoint"])
    kv = etcd_pb2_grpc.KVStub(channel)
    value = b"x" * spec["value_size"]
    prefix, op = spec["prefix"], spec["op"]
    latencies: list[float] = []
    errors = 0
    counter = iter(range(10**12))

    async def one(i: int) -> None:
        k = f"{prefix}{i:010d}".encode()
        if op == "put":
            await kv.Put(etcd_pb2.PutRequest(key=k, value=value))
            return
        await kv.Txn(
            etcd_pb2.TxnRequest(
                compare=[
                    etcd_pb2.Compare(
                        key=k,
                        target=etcd_pb2.Compare.CREATE,
                        result=etcd_pb2.Compare.EQUAL,
                        create_revision=0,
                    )
                ],
                success=[etcd_pb2.RequestOp(request_put=etcd_pb2.PutRequest(key=k, value=value))],
                failure=[etcd_pb2.RequestOp(request_range=etcd_pb2.RangeRequest(key=k))],
            )
        )

    await one(0)  # connect
    start = time.perf_counter()
    measure_from = start + spec.get("warmup", 0.0)
    deadline = measure_from + spec["duration"]

    async def worker() -> None:
        nonlocal errors
        for i in counter:
            sent = time.perf_counter()
            if sent >= deadline:
                return
            try:
                await one(i + 1)
            except grpc.aio.AioRpcError:
                errors += 1
                continue
            if sent >= measure_from:
                latencies.append(time.perf_counter() - sent)

    await asyncio.gather(*(worker() for _ in range(spec["connections"])))
    elapsed = time.perf_counter() - measure_from
    await channel.close(None)
    return _summary(latencies, elapsed, errors, {})


# --- bare baseline server --------------------------------------------------------------


async def _serve(spec: dict[str, Any]) -> None:
    from aiohttp import web

    routes: dict[tuple[str, str], tuple[int, bytes]] = {
        (r["method"], r["path"]): (r["status"], r["body"].encode()) for r in spec["routes"]
    }

    async def handler(request: web.Request) -> web.Response:
        found = routes.get((request.method, request.path))
        if found is None:
            return web.Response(status=404)
        if request.can_read_body:
            await request.read()
        status, body = found
        return web.Response(status=status, body=body, content_type="application/json")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(spec["certfile"], spec["keyfile"])
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", spec["port"], ssl_context=context)
    await site.start()
    print("ready", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await runner.cleanup()


def main() -> None:
    mode, arg = sys.argv[1], sys.argv[2]
    spec = json.loads(Path(arg[1:]).read_text() if arg.startswith("@") else arg)
    _pin(spec.get("cpu"))
    if mode == "serve":
        asyncio.run(_serve(spec))
        return
    run = {"http": _http, "etcd": _etcd}[mode]
    gc.disable()  # a bounded run: keep collector pauses out of the client's latencies
    print(json.dumps(asyncio.run(run(spec))), flush=True)


if __name__ == "__main__":
    main()
