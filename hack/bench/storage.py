"""Storage throughput: the etcd and embedded backends against a raw gRPC baseline.

    python hack/bench/storage.py [--rounds 3] [--json]

Starts a private etcd (the Debian `etcd` binary, free loopback ports, temp dir) and,
in one run, measures for each of three clients:

* raw-grpc: bare grpc.aio stubs calling etcd with no wrapper at all (the baseline);
* kcp-etcd: `kcp.storage.etcd` (the same RPCs behind the storage contract);
* kcp-embedded: `kcp.storage.embedded` (SQLite, synchronous=FULL, no etcd involved).

Workloads (1 KiB values, fresh keys each round):

* create-seq: conditional creates (Txn: create_revision == 0 -> Put), one at a time;
* create-c64: the same with 64 in flight;
* put-c64: unconditional puts, 64 in flight;
* range-1000: reads of a 1,000-key prefix with values;
* watch: events/s delivered to one prefix watcher while 64 writers create keys.

Rounds are interleaved across clients, the order of clients rotates each round, and the
median round is reported, because the machines are shared and noisy. Each line prints
the figure and the ratio to raw-grpc in the same run. Targets (issue #2): kcp-etcd
>= 0.80 of raw-grpc at 64 concurrent; kcp-embedded >= 2,000 durable single-key writes/s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import grpc

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kcp.storage import conditional
from kcp.storage.embedded.backend import EmbeddedStorage
from kcp.storage.etcd._proto import etcd_pb2, etcd_pb2_grpc
from kcp.storage.etcd.backend import EtcdConfig, EtcdStorage
from kcp.storage.interface import Put, Storage, prefix_end
from tests.helpers.etcd import EtcdProcess

VALUE = b"x" * 1024
CONCURRENCY = 64
SEQ_WRITES = 1000
CONCURRENT_WRITES = 4000
RANGE_KEYS = 1000
RANGE_READS = 30
WATCH_EVENTS = 4000


class Client(Protocol):
    """What each workload needs; implemented by the raw baseline and by a Storage."""

    async def create(self, key: str, value: bytes) -> None: ...
    async def put(self, key: str, value: bytes) -> None: ...
    async def range_prefix(self, prefix: str) -> int: ...
    async def watch_count(self, prefix: str, count: int, ready: asyncio.Event) -> None: ...
    async def close(self) -> None: ...


class RawGrpc:
    """The baseline: generated stubs on one grpc.aio channel, nothing else."""

    def __init__(self, endpoint: str) -> None:
        self.channel = grpc.aio.insecure_channel(endpoint)
        self.kv = etcd_pb2_grpc.KVStub(self.channel)
        self.watch = etcd_pb2_grpc.WatchStub(self.channel)

    async def create(self, key: str, value: bytes) -> None:
        k = key.encode()
        await self.kv.Txn(
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

    async def put(self, key: str, value: bytes) -> None:
        await self.kv.Put(etcd_pb2.PutRequest(key=key.encode(), value=value))

    async def range_prefix(self, prefix: str) -> int:
        resp = await self.kv.Range(
            etcd_pb2.RangeRequest(key=prefix.encode(), range_end=prefix_end(prefix).encode())
        )
        return len(resp.kvs)

    async def watch_count(self, prefix: str, count: int, ready: asyncio.Event) -> None:
        requests: asyncio.Queue[etcd_pb2.WatchRequest | None] = asyncio.Queue()
        create = etcd_pb2.WatchCreateRequest(
            key=prefix.encode(), range_end=prefix_end(prefix).encode()
        )
        await requests.put(etcd_pb2.WatchRequest(create_request=create))

        async def request_iter() -> AsyncIterator[etcd_pb2.WatchRequest]:
            while (item := await requests.get()) is not None:
                yield item

        call = self.watch.Watch(request_iter())
        seen = 0
        async for resp in call:
            if resp.created:
                ready.set()
            seen += len(resp.events)
            if seen >= count:
                break
        await requests.put(None)
        call.cancel()

    async def close(self) -> None:
        await self.channel.close()


class ContractClient:
    """The same operations through the storage contract."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage

    async def create(self, key: str, value: bytes) -> None:
        await conditional.create(self.storage, key, value)

    async def put(self, key: str, value: bytes) -> None:
        await self.storage.txn([], [Put(key, value)])

    async def range_prefix(self, prefix: str) -> int:
        return len((await self.storage.range(prefix, prefix_end(prefix))).kvs)

    async def watch_count(self, prefix: str, count: int, ready: asyncio.Event) -> None:
        seen = 0
        async with self.storage.watch(prefix, prefix_end(prefix)) as stream:
            ready.set()
            async for resp in stream:
                seen += len(resp.events)
                if seen >= count:
                    return

    async def close(self) -> None:
        await self.storage.close()


async def _concurrently(n: int, op: Callable[[int], Awaitable[None]]) -> None:
    counter = iter(range(n))

    async def worker() -> None:
        for i in counter:
            await op(i)

    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))


async def _timed(run: Callable[[], Awaitable[None]]) -> float:
    started = time.perf_counter()
    await run()
    return time.perf_counter() - started


@dataclass
class Workload:
    name: str
    unit: str
    run: Callable[[Client, str], Awaitable[float]]  # returns the rate


async def _create_seq(client: Client, prefix: str) -> float:
    async def run() -> None:
        for i in range(SEQ_WRITES):
            await client.create(f"{prefix}{i:08d}", VALUE)

    return SEQ_WRITES / await _timed(run)


async def _create_c64(client: Client, prefix: str) -> float:
    return CONCURRENT_WRITES / await _timed(
        lambda: _concurrently(CONCURRENT_WRITES, lambda i: client.create(f"{prefix}{i:08d}", VALUE))
    )


async def _put_c64(client: Client, prefix: str) -> float:
    return CONCURRENT_WRITES / await _timed(
        lambda: _concurrently(CONCURRENT_WRITES, lambda i: client.put(f"{prefix}{i:08d}", VALUE))
    )


async def _range_1000(client: Client, prefix: str) -> float:
    await _concurrently(RANGE_KEYS, lambda i: client.put(f"{prefix}{i:08d}", VALUE))

    async def run() -> None:
        for _ in range(RANGE_READS):
            found = await client.range_prefix(prefix)
            assert found == RANGE_KEYS, found

    return RANGE_READS / await _timed(run)


async def _watch(client: Client, prefix: str) -> float:
    ready = asyncio.Event()
    watcher = asyncio.create_task(client.watch_count(prefix, WATCH_EVENTS, ready))
    await asyncio.wait_for(ready.wait(), 10)
    started = time.perf_counter()
    await _concurrently(WATCH_EVENTS, lambda i: client.put(f"{prefix}{i:08d}", VALUE))
    await asyncio.wait_for(watcher, 60)
    return WATCH_EVENTS / (time.perf_counter() - started)


WORKLOADS = [
    Workload("create-seq", "writes/s", _create_seq),
    Workload("create-c64", "writes/s", _create_c64),
    Workload("put-c64", "writes/s", _put_c64),
    Workload("range-1000", "ranges/s", _range_1000),
    Workload("watch", "events/s", _watch),
]


async def main(rounds: int, as_json: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="kcp-bench-") as tmp:
        etcd = EtcdProcess(Path(tmp) / "etcd")
        etcd.start()
        clients: dict[str, Client] = {}
        try:
            clients["raw-grpc"] = RawGrpc(etcd.endpoint)
            clients["kcp-etcd"] = ContractClient(
                await EtcdStorage.connect(EtcdConfig(endpoints=(etcd.endpoint,)))
            )
            clients["kcp-embedded"] = ContractClient(
                await EmbeddedStorage.open(Path(tmp) / "embedded")
            )
            rates: dict[tuple[str, str], list[float]] = {}
            names = list(clients)
            for r in range(rounds):
                # Rotate who goes first each round, so no client always meets a fresher
                # (or busier) etcd than the others.
                order = names[r % len(names) :] + names[: r % len(names)]
                for workload in WORKLOADS:
                    for name in order:
                        client = clients[name]
                        prefix = f"/bench/{workload.name}/{name}/{r}/"
                        rate = await workload.run(client, prefix)
                        rates.setdefault((workload.name, name), []).append(rate)
        finally:
            for client in clients.values():
                await client.close()
            etcd.stop()

    results = []
    for workload in WORKLOADS:
        baseline = statistics.median(rates[(workload.name, "raw-grpc")])
        for name in clients:
            rate = statistics.median(rates[(workload.name, name)])
            results.append(
                {
                    "workload": workload.name,
                    "client": name,
                    "rate": round(rate, 1),
                    "unit": workload.unit,
                    "ratio_to_raw_grpc": round(rate / baseline, 3),
                }
            )
    if as_json:
        print(json.dumps(results, indent=2))
        return
    print(f"median of {rounds} rounds; ratio is against raw-grpc measured in the same run")
    print(f"{'workload':<12} {'client':<13} {'rate':>12}  {'unit':<9} {'ratio':>6}")
    for row in results:
        print(
            f"{row['workload']:<12} {row['client']:<13} {row['rate']:>12,.1f}  "
            f"{row['unit']:<9} {row['ratio_to_raw_grpc']:>6.2f}"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    asyncio.run(main(args.rounds, args.json))
