"""API throughput and latency: `kcp start` against a bare aiohttp handler and raw etcd.

    python hack/bench/api.py [--backend embedded|etcd|both] [--rounds 3] [--quick] [--json]
    python hack/bench/api.py --profile get-c32 [--backend embedded]  # cProfile kcp under load

For each backend, one run starts `kcp start` (embedded SQLite, or a private etcd through
--etcd-servers), seeds it, and starts a bare aiohttp app in its own process serving the
same bytes over the same TLS (kcp's own serving certificate): the pre-encoded GET and
LIST responses, and a fixed 201 body for any POST (after reading the request body). A
load generator in a third process (hack/bench/_load.py: keep-alive HTTP/1.1 on asyncio
streams, loopback only, bounded by a deadline) then measures kcp and the baseline in the
same run, interleaved over --rounds short rounds (who goes first alternates), and reports
each figure's median over the rounds, because the machines are shared and noisy:

* get-c32: GET one ConfigMap (~1 KiB of data), 32 connections, closed loop;
* get-2000/s: the same GET open loop at 2,000 req/s over up to 32 connections (latency
  from the scheduled send time, so queueing counts);
* list-c32: LIST a namespace of 500 such ConfigMaps, 32 connections, closed loop;
* list-c1: the same LIST, one connection (unloaded latency);
* create-c32: POST fresh ConfigMaps, 32 connections, closed loop;
* etcd-put-c32 / etcd-txn-c32 (etcd backend only): raw gRPC Put and conditional-create
  Txn of a value the size of the stored object, 32 in flight, with the generated stubs
  (as hack/bench/storage.py's RawGrpc), from the load process.

On a machine with two or more CPUs the servers are pinned to CPU 0 and the load
generator to CPU 1 (etcd is not pinned), as in the reference measurements.

Targets (perf-reliability.md section 7 and the issue): GET >= 0.25 of the bare handler
and p99 <= 10 ms at 2,000 req/s; LIST of 500 p99 <= 100 ms; CREATE >= 0.60 of raw etcd
puts at the same concurrency.
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import signal
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.helpers.etcd import EtcdProcess, free_port

ROOT = Path(__file__).resolve().parents[2]
LOAD = Path(__file__).resolve().parent / "_load.py"
CONNECTIONS = 32
GET_RATE = 2000
LIST_SIZE = 500
DATA = "v" * 1024
SERVER_CPU, LOAD_CPU = (0, 1) if (os.cpu_count() or 1) >= 2 else (None, None)


def _cm(name: str) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": name, "labels": {"app": "bench"}},
        "data": {"payload": DATA},
    }


def _pinned(cpu: int | None) -> Callable[[], None] | None:
    if cpu is None or not hasattr(os, "sched_setaffinity"):
        return None
    return lambda: os.sched_setaffinity(0, {cpu})


@dataclass
class Server:
    """A server process on 127.0.0.1:port; `stop` sends SIGTERM and waits."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _start_kcp(tmp: Path, extra: list[str], profile: Path | None) -> Server:
    """`kcp start` as tests/helpers/kcpserver.py does, but logging to a file, not a pipe.

    (Each request logs a line; a pipe nobody reads would stall the server.)
    """
    root, port, log = tmp / ".kcp", free_port(), tmp / "kcp.log"
    wrap = ["-m", "cProfile", "-o", str(profile)] if profile else []
    cmd = [sys.executable, *wrap, "-m", "kcp.cli.main", "start", "--root-directory", str(root)]
    cmd += ["--bind-address", "127.0.0.1", "--secure-port", str(port)]
    cmd += ["--logging-format", "json", *extra]
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            preexec_fn=_pinned(SERVER_CPU),
        )
    server = Server(proc, port, log)
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"kcp exited early:\n{log.read_text()[-4000:]}")
        ca = root / "serving-ca.crt"
        if ca.exists():
            try:
                context = ssl.create_default_context(cafile=str(ca))
                url = f"https://127.0.0.1:{port}/readyz"
                with urllib.request.urlopen(url, context=context, timeout=2):
                    return server
            except OSError:
                pass
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError("kcp did not become ready")
        time.sleep(0.1)


def _start_bare(tmp: Path, root: Path, routes: list[dict[str, Any]]) -> Server:
    port = free_port()
    spec = {
        "port": port,
        "certfile": str(root / "apiserver.crt"),
        "keyfile": str(root / "apiserver.key"),
        "routes": routes,
        "cpu": SERVER_CPU,
    }
    spec_file, log = tmp / "bare.json", tmp / "bare.log"
    spec_file.write_text(json.dumps(spec))
    proc = subprocess.Popen(
        [sys.executable, str(LOAD), "serve", f"@{spec_file}"],
        stdout=subprocess.PIPE,
        stderr=log.open("wb"),
        cwd=ROOT,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if line.strip() != b"ready":
        proc.kill()
        raise RuntimeError(f"bare server did not start: {log.read_text()[-2000:]}")
    return Server(proc, port, log)


def _load(tmp: Path, mode: str, spec: dict[str, Any]) -> dict[str, Any]:
    spec_file = tmp / "load.json"
    spec_file.write_text(json.dumps({**spec, "cpu": LOAD_CPU}))
    limit = spec.get("duration", 0) + spec.get("warmup", 0) + 120
    done = subprocess.run(
        [sys.executable, str(LOAD), mode, f"@{spec_file}"],
        capture_output=True,
        timeout=limit,
        cwd=ROOT,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"load generator failed: {done.stderr.decode()[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.decode().strip().splitlines()[-1])
    return result


class Client:
    """Small synchronous helpers for seeding kcp (each call a fresh TLS connection)."""

    def __init__(self, port: int, cafile: Path) -> None:
        self.base = f"https://127.0.0.1:{port}"
        self.context = ssl.create_default_context(cafile=str(cafile))

    def call(self, method: str, path: str, body: object = None) -> tuple[int, bytes]:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(
            self.base + path,
            method=method,
            data=data,
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        try:
            with urllib.request.urlopen(req, context=self.context, timeout=30) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as err:
            return err.code, err.read()


@dataclass
class Row:
    backend: str
    workload: str
    target: str  # "kcp", "bare" or "raw-etcd"
    result: dict[str, Any]
    ratio: float | None = None
    baseline: str = ""
    notes: list[str] = field(default_factory=list)


def _run_backend(
    backend: str, rounds: int, duration: float, warmup: float, profile: str | None
) -> tuple[list[Row], Path | None]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="kcp-bench-api-") as tmp_name:
        tmp = Path(tmp_name)
        etcd: EtcdProcess | None = None
        kcp: Server | None = None
        bare: Server | None = None
        prof_file = tmp / "kcp.prof" if profile else None
        try:
            extra: list[str] = []
            if backend == "etcd":
                etcd = EtcdProcess(tmp / "etcd")
                etcd.start()
                extra = ["--etcd-servers", etcd.endpoint]
            kcp = _start_kcp(tmp, extra, prof_file)
            root = tmp / ".kcp"
            cafile = root / "serving-ca.crt"
            client = Client(kcp.port, cafile)

            ns_base = "/clusters/root/api/v1/namespaces"
            for ns in ("bench-list", "bench-create"):
                status, body = client.call(
                    "POST",
                    ns_base,
                    {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}},
                )
                assert status == 201, (status, body[:300])
            status, body = client.call("POST", f"{ns_base}/default/configmaps", _cm("bench-get"))
            assert status == 201, (status, body[:300])

            common = {"host": "127.0.0.1", "cafile": str(cafile)}
            list_path = f"{ns_base}/bench-list/configmaps"
            seed = _load(
                tmp,
                "http",
                {
                    **common,
                    "port": kcp.port,
                    "method": "POST",
                    "path": list_path,
                    "body": json.dumps(_cm("item-{i}")),
                    "expect": 201,
                    "connections": CONNECTIONS,
                    "count": LIST_SIZE,
                    "duration": 120,
                },
            )
            assert seed["requests"] == LIST_SIZE, seed
            assert not seed["errors"], seed

            get_path = f"{ns_base}/default/configmaps/bench-get"
            create_path = f"{ns_base}/bench-create/configmaps"
            _, get_bytes = client.call("GET", get_path)
            status, list_bytes = client.call("GET", list_path)
            assert status == 200, (status, list_bytes[:300])
            assert len(json.loads(list_bytes)["items"]) == LIST_SIZE
            status, create_bytes = client.call("POST", create_path, _cm("sample"))
            assert status == 201, (status, create_bytes[:300])
            bare = _start_bare(
                tmp,
                root,
                [
                    {"method": "GET", "path": get_path, "status": 200, "body": get_bytes.decode()},
                    {
                        "method": "GET",
                        "path": list_path,
                        "status": 200,
                        "body": list_bytes.decode(),
                    },
                    {
                        "method": "POST",
                        "path": create_path,
                        "status": 201,
                        "body": create_bytes.decode(),
                    },
                ],
            )

            def http(server: Server, **spec: object) -> dict[str, Any]:
                base = {"connections": CONNECTIONS, "duration": duration, "warmup": warmup}
                return _load(tmp, "http", {**common, **base, "port": server.port, **spec})

            pairs = [("kcp", kcp), ("bare", bare)]
            get: dict[str, object] = {"method": "GET", "path": get_path}
            listing: dict[str, object] = {"method": "GET", "path": list_path}
            workloads: list[tuple[str, dict[str, object]]] = [
                ("get-c32", get),
                ("get-2000/s", {**get, "rate": GET_RATE}),
                ("list-c32", listing),
                ("list-c1", {**listing, "connections": 1}),
            ]

            def create(tag: str) -> dict[str, object]:
                body = json.dumps(_cm(f"{tag}-{{i}}"))
                return {"method": "POST", "path": create_path, "body": body, "expect": 201}

            if profile:
                spec = {**dict(workloads), "create-c32": create("profile")}[profile]
                rows.append(Row(backend, profile, "kcp", http(kcp, **spec)))
                return rows, _stop_for_profile(kcp, prof_file)

            # Interleave kcp and the bare handler, alternating who goes first, over several
            # short rounds; report the median round (the box is shared and noisy).
            got: dict[tuple[str, str], list[dict[str, Any]]] = {}
            for r in range(rounds):
                order = pairs if r % 2 == 0 else pairs[::-1]
                for workload, spec in [*workloads, ("create-c32", {})]:
                    for name, server in order:
                        if workload == "create-c32":
                            spec = create(f"r{r}-{name}")
                        got.setdefault((workload, name), []).append(http(server, **spec))
                if etcd is not None:
                    for op in ("put", "txn"):
                        res = _load(
                            tmp,
                            "etcd",
                            {
                                "endpoint": etcd.endpoint,
                                "prefix": f"/bench-raw/{r}/{op}/",
                                "op": op,
                                "value_size": len(get_bytes),
                                "connections": CONNECTIONS,
                                "duration": duration,
                                "warmup": warmup,
                            },
                        )
                        got.setdefault((f"etcd-{op}-c32", "raw-etcd"), []).append(res)
            for (workload, name), results in got.items():
                rows.append(Row(backend, workload, name, _median(results)))
        finally:
            for proc in (bare, kcp):
                if proc is not None:
                    proc.stop()
            if etcd is not None:
                etcd.stop()
    return rows, None


def _median(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Each figure's median over the rounds; counts are summed."""
    out = dict(results[0])
    for key in ("rps", "p50_ms", "p99_ms", "p999_ms", "max_ms", "elapsed_s"):
        out[key] = statistics.median(r[key] for r in results)
    for key in ("requests", "errors"):
        out[key] = sum(r[key] for r in results)
    out["rounds"] = len(results)
    return out


def _stop_for_profile(kcp: Server, prof_file: Path | None) -> Path | None:
    kcp.stop()
    if prof_file is None or not prof_file.exists():
        return None
    keep = Path(tempfile.gettempdir()) / f"kcp-bench-api-{os.getpid()}.prof"
    keep.write_bytes(prof_file.read_bytes())
    return keep


def _ratios(rows: list[Row]) -> None:
    by = {(r.backend, r.workload, r.target): r for r in rows}
    for r in rows:
        if r.target != "kcp":
            continue
        base = by.get((r.backend, r.workload, "bare"))
        if base and base.result["rps"]:
            r.ratio, r.baseline = r.result["rps"] / base.result["rps"], "bare"
    for r in rows:
        if r.workload == "create-c32" and r.target == "kcp":
            put = by.get((r.backend, "etcd-put-c32", "raw-etcd"))
            if put and put.result["rps"]:
                r.notes.append(f"{r.result['rps'] / put.result['rps']:.2f}x raw etcd put")


def _verdicts(rows: list[Row]) -> list[str]:
    out = []
    by = {(r.backend, r.workload, r.target): r for r in rows}
    for backend in dict.fromkeys(r.backend for r in rows):
        get = by.get((backend, "get-c32", "kcp"))
        if get and get.ratio is not None:
            out.append(_check(backend, "GET rps / bare >= 0.25", get.ratio, 0.25, True))
        rate = by.get((backend, "get-2000/s", "kcp"))
        if rate:
            res = rate.result
            line = _check(backend, "GET p99 at 2,000/s <= 10 ms", res["p99_ms"], 10, False)
            bare = by.get((backend, "get-2000/s", "bare"))
            if bare:
                line += f" (bare handler at the same rate: p99 {bare.result['p99_ms']:,.2f} ms)"
            out.append(line)
            if res["rps"] < 0.95 * GET_RATE:
                out.append(
                    f"  [{backend}] note: GET achieved only {res['rps']:,.0f}/s of {GET_RATE:,}/s"
                )
        for wl in ("list-c1", "list-c32"):
            lst = by.get((backend, wl, "kcp"))
            if lst:
                out.append(
                    _check(
                        backend, f"LIST-500 p99 ({wl}) <= 100 ms", lst.result["p99_ms"], 100, False
                    )
                )
        create = by.get((backend, "create-c32", "kcp"))
        put = by.get((backend, "etcd-put-c32", "raw-etcd"))
        if create and put and put.result["rps"]:
            ratio = create.result["rps"] / put.result["rps"]
            out.append(_check(backend, "CREATE rps / raw etcd put >= 0.60", ratio, 0.60, True))
    return out


def _check(backend: str, what: str, value: float, limit: float, at_least: bool) -> str:
    ok = value >= limit if at_least else value <= limit
    return f"  [{backend}] {what}: {value:,.2f} -> {'PASS' if ok else 'MISS'}"


def _print(rows: list[Row]) -> None:
    pin = "unpinned"
    if SERVER_CPU is not None:
        pin = f"servers on CPU {SERVER_CPU}, load on CPU {LOAD_CPU}"
    print(f"{CONNECTIONS} keep-alive HTTPS connections unless noted; {pin}")
    print("ratio: kcp req/s over the bare handler's in the same run")
    cols = (
        "backend",
        "workload",
        "target",
        "req/s",
        "p50 ms",
        "p99 ms",
        "p99.9",
        "errors",
        "ratio",
    )
    print("{:<9} {:<13} {:<9} {:>9} {:>8} {:>8} {:>8} {:>6} {:>6}  notes".format(*cols))
    for r in rows:
        res = r.result
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else ""
        cells = (r.backend, r.workload, r.target, res["rps"], res["p50_ms"], res["p99_ms"])
        print(
            "{:<9} {:<13} {:<9} {:>9,.0f} {:>8.2f} {:>8.2f}".format(*cells),
            f"{res['p999_ms']:>8.2f} {res['errors']:>6} {ratio:>6}  {'; '.join(r.notes)}",
        )
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"targets (load average at the end {load} on {os.cpu_count()} CPUs; tails are noisy):")
    for line in _verdicts(rows):
        print(line)


def _print_profile(path: Path) -> None:
    print(f"\ncProfile of kcp (kept at {path}):")
    stats = pstats.Stats(str(path))
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["embedded", "etcd", "both"], default="both")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (median)")
    parser.add_argument("--duration", type=float, default=None, help="seconds per measurement")
    parser.add_argument("--quick", action="store_true", help="one short round (a smoke test)")
    parser.add_argument(
        "--profile",
        choices=["get-c32", "get-2000/s", "list-c32", "list-c1", "create-c32"],
        help="run only this workload against kcp under cProfile and print the top functions",
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    duration = args.duration or (1.0 if args.quick else 1.2)
    warmup = 0.3
    rounds = 1 if args.quick or args.profile else args.rounds
    backends = ["embedded", "etcd"] if args.backend == "both" else [args.backend]
    if args.profile:
        backends = backends[:1]
    rows: list[Row] = []
    for backend in backends:
        got, prof = _run_backend(backend, rounds, duration, warmup, args.profile)
        rows += got
        if prof is not None:
            _print_profile(prof)
    _ratios(rows)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "backend": r.backend,
                        "workload": r.workload,
                        "target": r.target,
                        **r.result,
                        "ratio_to_bare": r.ratio,
                        "notes": r.notes,
                    }
                    for r in rows
                ],
                indent=2,
            )
        )
        return
    _print(rows)


if __name__ == "__main__":
    main()
