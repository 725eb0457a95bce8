"""The etcd backend under faults: etcd stopped, killed, frozen; dead endpoints; TLS.

Every test runs a real etcd of its own (`etcd_fresh`, or one started here), never a
mock. The restart tests record every write a second client committed and compare
them with what a watch delivered across the outage. On a private etcd where only
that client writes, every revision from the watch's start to the end is one of its
writes, so the watch must deliver exactly that contiguous run: a gap or a duplicate
anywhere fails the test, including for writes whose outcome the client never learnt.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kcp.storage import conditional
from kcp.storage.errors import StorageUnavailableError
from kcp.storage.etcd.backend import EtcdConfig, EtcdStorage
from kcp.storage.interface import RANGE_ALL, EventType, Put, WatchResponse, WatchStream
from tests.helpers.certs import PKI, write_pki
from tests.helpers.etcd import EtcdProcess, free_port

# Short deadlines so an outage shows quickly; SLACK is what "promptly" may add.
REQUEST_TIMEOUT = 1.5
SLACK = 1.0
# How long a restarted etcd and a resumed watch may take to catch up.
CATCH_UP = 15.0


def config(endpoints: tuple[str, ...], prefix: str, **overrides: object) -> EtcdConfig:
    settings: dict[str, object] = {"request_timeout": REQUEST_TIMEOUT, "dial_timeout": 3.0}
    settings.update(overrides)
    return EtcdConfig(endpoints, prefix, **settings)  # type: ignore[arg-type]


async def wait_for(check: Callable[[], bool], what: str, within: float = CATCH_UP) -> None:
    deadline = time.monotonic() + within
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {within}s waiting for {what}")
        await asyncio.sleep(0.02)


@dataclass
class Writer:
    """Writes one key after another from its own client, recording what committed."""

    store: EtcdStorage
    committed: dict[int, tuple[str, bytes]] = field(default_factory=dict)
    failure_durations: list[float] = field(default_factory=list)
    stop: asyncio.Event = field(default_factory=asyncio.Event)

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        i = 0
        while not self.stop.is_set():
            key, value = f"/w{i % 17}", b"value-%d" % i
            began = loop.time()
            try:
                result = await self.store.txn([], [Put(key, value)])
            except StorageUnavailableError:
                self.failure_durations.append(loop.time() - began)
                await asyncio.sleep(0.05)
            else:
                self.committed[result.revision] = (key, value)
            i += 1
            await asyncio.sleep(0.002)

    def commits_after(self, revision: int) -> int:
        return sum(1 for rev in self.committed if rev > revision)


@dataclass
class Collector:
    """Reads a watch stream until it ends, keeping every response."""

    stream: WatchStream
    responses: list[WatchResponse] = field(default_factory=list)

    async def run(self) -> None:
        async for response in self.stream:
            self.responses.append(response)

    @property
    def last_revision(self) -> int:
        return max((r.revision for r in self.responses if r.events), default=0)


@pytest.mark.slow
@pytest.mark.parametrize("outage", ["stop", "kill"])
async def test_watch_and_writes_survive_an_etcd_restart(
    etcd_fresh: EtcdProcess, key_prefix: str, outage: str
) -> None:
    watcher = await EtcdStorage.connect(config((etcd_fresh.endpoint,), key_prefix))
    writer = Writer(await EtcdStorage.connect(config((etcd_fresh.endpoint,), key_prefix)))
    try:
        start = await watcher.current_revision() + 1
        async with watcher.watch("/", RANGE_ALL, start_revision=start) as stream:
            collector = Collector(stream)
            async with asyncio.TaskGroup() as tasks:
                tasks.create_task(collector.run())
                writing = tasks.create_task(writer.run())
                await wait_for(lambda: len(writer.committed) >= 30, "writes before the outage")

                await asyncio.to_thread(etcd_fresh.stop if outage == "stop" else etcd_fresh.kill)
                before_restart = max(writer.committed)
                failed = len(writer.failure_durations)
                await wait_for(
                    lambda: len(writer.failure_durations) >= failed + 3, "writes failing"
                )
                await asyncio.to_thread(etcd_fresh.start)

                # The same clients write again, without being recreated.
                await wait_for(lambda: writer.commits_after(before_restart) >= 30, "writes again")
                writer.stop.set()
                await writing  # its last write has an outcome before `final` is read
                final = await writer.store.current_revision()
                await wait_for(lambda: collector.last_revision >= final, "the watch to catch up")
                await stream.close()
    finally:
        await writer.store.close()
        await watcher.close()

    assert writer.failure_durations, "no write failed: the outage was not observed"
    assert max(writer.failure_durations) < REQUEST_TIMEOUT + SLACK

    delivered = [e for r in collector.responses for e in r.events]
    revisions = [e.kv.mod_revision for e in delivered]
    # No gap, no duplicate: every revision since the start, once, in order.
    assert revisions == list(range(start, final + 1))
    by_revision = {e.kv.mod_revision: e for e in delivered}
    for rev, (key, value) in writer.committed.items():
        event = by_revision[rev]
        assert (event.type, event.kv.key, event.kv.value) == (EventType.PUT, key, value)
    assert any(rev > before_restart for rev in writer.committed)


@pytest.mark.slow
async def test_calls_to_a_frozen_etcd_fail_within_the_deadline(
    etcd_fresh: EtcdProcess, key_prefix: str
) -> None:
    store = await EtcdStorage.connect(config((etcd_fresh.endpoint,), key_prefix))
    try:
        await conditional.create(store, "/a", b"1")
        etcd_fresh.pause()
        try:
            for call in (
                lambda: store.txn([], [Put("/a", b"2")]),
                lambda: store.range("/a"),
                store.current_revision,
            ):
                began = time.monotonic()
                with pytest.raises(StorageUnavailableError):
                    await call()
                assert time.monotonic() - began < REQUEST_TIMEOUT + SLACK
        finally:
            etcd_fresh.resume()
        # The timed-out write may still be applied, even after later ones: its
        # outcome is unknown. The same client simply works again.
        rev = (await store.txn([], [Put("/b", b"1")])).revision
        assert (await store.range("/b")).kvs[0].mod_revision == rev
    finally:
        await store.close()


@pytest.mark.slow
async def test_watch_gives_up_when_etcd_stays_away(
    etcd_fresh: EtcdProcess, key_prefix: str
) -> None:
    reconnect_timeout = 2.0
    store = await EtcdStorage.connect(
        config((etcd_fresh.endpoint,), key_prefix, watch_reconnect_timeout=reconnect_timeout)
    )

    async def drain(stream: WatchStream) -> None:
        async with asyncio.timeout(reconnect_timeout + REQUEST_TIMEOUT + 5):
            async for response in stream:
                pytest.fail(f"unexpected {response}")

    try:
        async with store.watch("/", RANGE_ALL) as stream:
            await asyncio.to_thread(etcd_fresh.stop)
            began = time.monotonic()
            with pytest.raises(StorageUnavailableError):
                await drain(stream)
            assert time.monotonic() - began < reconnect_timeout + REQUEST_TIMEOUT + SLACK
    finally:
        await store.close()


@pytest.mark.parametrize("order", ["dead-first", "dead-last"])
async def test_failover_past_a_dead_endpoint(
    etcd_server: EtcdProcess, key_prefix: str, order: str
) -> None:
    dead = f"127.0.0.1:{free_port()}"
    live = etcd_server.endpoint
    endpoints = (dead, live) if order == "dead-first" else (live, dead)
    began = time.monotonic()
    store = await EtcdStorage.connect(config(endpoints, key_prefix))
    try:
        async with store.watch("/", RANGE_ALL) as stream:
            created = await conditional.create(store, "/a", b"1")
            updated = await conditional.update(store, "/a", b"2", created)
            assert (await store.range("/a")).kvs[0].mod_revision == updated
            response = await anext(aiter(stream))
            assert [e.kv.mod_revision for e in response.events] == [created]
    finally:
        await store.close()
    # Failing over costs a refused connection, not a deadline.
    assert time.monotonic() - began < REQUEST_TIMEOUT


async def test_no_endpoint_answering_fails_connect_promptly(key_prefix: str) -> None:
    endpoints = (f"127.0.0.1:{free_port()}", f"127.0.0.1:{free_port()}")
    began = time.monotonic()
    with pytest.raises(StorageUnavailableError):
        await EtcdStorage.connect(config(endpoints, key_prefix))
    assert time.monotonic() - began < 3.0 + SLACK


@pytest.fixture
def pki(tmp_path: Path) -> PKI:
    return write_pki(tmp_path / "pki")


@pytest.fixture
def tls_etcd(tmp_path: Path, pki: PKI) -> Iterator[EtcdProcess]:
    etcd = EtcdProcess(tmp_path / "etcd-tls-data", tls=pki.serving())
    etcd.start()
    yield etcd
    etcd.stop()


async def test_tls_with_a_client_certificate(
    tls_etcd: EtcdProcess, pki: PKI, key_prefix: str
) -> None:
    store = await EtcdStorage.connect(
        config(
            (tls_etcd.client_url,),
            key_prefix,
            ca_file=pki.ca_file,
            cert_file=pki.client_cert_file,
            key_file=pki.client_key_file,
        )
    )
    try:
        async with store.watch("/", RANGE_ALL, prev_kv=True) as stream:
            created = await conditional.create(store, "/secret", b"1")
            kv, deleted = await conditional.delete(store, "/secret", created)
            response = await anext(aiter(stream))
            assert [e.kv.mod_revision for e in response.events] == [created]
            response = await anext(aiter(stream))
            assert response.events[0].type is EventType.DELETE
            assert response.events[0].kv.mod_revision == deleted
            assert response.events[0].prev_kv == kv
        assert (await store.range("/", RANGE_ALL)).count == 0
    finally:
        await store.close()


async def test_tls_without_a_client_certificate_is_refused(
    tls_etcd: EtcdProcess, pki: PKI, key_prefix: str
) -> None:
    began = time.monotonic()
    with pytest.raises(StorageUnavailableError):
        await EtcdStorage.connect(config((tls_etcd.endpoint,), key_prefix, ca_file=pki.ca_file))
    assert time.monotonic() - began < 3.0 + SLACK


async def test_tls_with_an_untrusted_server_is_refused(
    tls_etcd: EtcdProcess, pki: PKI, key_prefix: str, tmp_path: Path
) -> None:
    other = write_pki(tmp_path / "other-pki")
    began = time.monotonic()
    with pytest.raises(StorageUnavailableError):
        await EtcdStorage.connect(
            config(
                (tls_etcd.endpoint,),
                key_prefix,
                ca_file=other.ca_file,
                cert_file=pki.client_cert_file,
                key_file=pki.client_key_file,
            )
        )
    assert time.monotonic() - began < 3.0 + SLACK
