"""kcp.storage.instrumented: every storage call timed, nothing about it changed."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from types import TracebackType
from typing import Self

import pytest
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample

from kcp.observability.metrics import Metrics
from kcp.storage.errors import StorageUnavailableError
from kcp.storage.instrumented import InstrumentedStorage, group_resource
from kcp.storage.interface import (
    Compare,
    Event,
    EventType,
    KeyValue,
    Put,
    RangeResult,
    Storage,
    TxnOp,
    TxnResult,
    WatchResponse,
)

CM_KEY = "/core/configmaps/root/default/a"


class FakeWatch:
    def __init__(self, responses: Sequence[WatchResponse]) -> None:
        self.responses = responses
        self.entered = self.exited = self.closed = False
        self.progress_requests = 0

    async def __aenter__(self) -> Self:
        self.entered = True
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.exited = True

    def __aiter__(self) -> AsyncIterator[WatchResponse]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[WatchResponse]:
        for response in self.responses:
            yield response

    async def request_progress(self) -> None:
        self.progress_requests += 1

    async def close(self) -> None:
        self.closed = True


class FakeStorage:
    """Answers from fixed values, or raises `failure` when set."""

    def __init__(self) -> None:
        self.failure: Exception | None = None
        self.range_result = RangeResult((), 0, False, 7)
        self.txn_result = TxnResult(False, 7, (None,))
        self.watch_stream = FakeWatch(())
        self.compacted: list[int] = []
        self.closed = False

    def _maybe_fail(self) -> None:
        if self.failure is not None:
            raise self.failure

    @property
    def max_request_bytes(self) -> int:
        return 1234

    async def current_revision(self) -> int:
        self._maybe_fail()
        return 7

    async def range(
        self,
        key: str,
        end: str | None = None,
        *,
        revision: int = 0,
        limit: int = 0,
        keys_only: bool = False,
        count_only: bool = False,
    ) -> RangeResult:
        self._maybe_fail()
        self.last_range = (key, end, revision, limit, keys_only, count_only)
        return self.range_result

    async def txn(
        self,
        compares: Sequence[Compare],
        success: Sequence[TxnOp],
        failure: Sequence[TxnOp] = (),
    ) -> TxnResult:
        self._maybe_fail()
        return self.txn_result

    def watch(
        self,
        key: str,
        end: str | None = None,
        *,
        start_revision: int = 0,
        prev_kv: bool = False,
        progress_notify: bool = False,
    ) -> FakeWatch:
        self._maybe_fail()
        self.last_watch = (key, end, start_revision, prev_kv, progress_notify)
        return self.watch_stream

    async def compact(self, revision: int) -> None:
        self._maybe_fail()
        self.compacted.append(revision)

    async def close(self) -> None:
        self.closed = True


@pytest.fixture
def fake() -> FakeStorage:
    return FakeStorage()


@pytest.fixture
def metrics() -> Metrics:
    return Metrics(process_collectors=False)


@pytest.fixture
def storage(fake: FakeStorage, metrics: Metrics) -> Storage:
    return InstrumentedStorage(fake, metrics)


def _samples(metrics: Metrics, name: str) -> list[Sample]:
    text = metrics.exposition().decode()
    return [
        s
        for family in text_string_to_metric_families(text)
        for s in family.samples
        if s.name == name
    ]


def _counts(metrics: Metrics, name: str = "etcd_requests_total") -> dict[tuple[str, ...], float]:
    return {
        (s.labels["operation"], s.labels["group"], s.labels["resource"]): s.value
        for s in _samples(metrics, name)
    }


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (CM_KEY, ("", "configmaps")),
        ("/core/configmaps/", ("", "configmaps")),
        ("/apps/deployments/root:org/ns/d", ("apps", "deployments")),
        ("/tenancy.kcp.io/workspaces/root/", ("tenancy.kcp.io", "workspaces")),
        ("/core/", ("", "")),
        ("/", ("", "")),
        ("", ("", "")),
        ("\0", ("", "")),
        ("relative/key/x", ("", "")),
    ],
)
def test_group_resource_reads_the_key_layout(key: str, expected: tuple[str, str]) -> None:
    assert group_resource(key) == expected


async def test_range_is_timed_and_passes_arguments_and_result_through(
    fake: FakeStorage, storage: Storage, metrics: Metrics
) -> None:
    result = await storage.range(CM_KEY, "x", revision=3, limit=2, keys_only=True)
    assert result is fake.range_result
    assert fake.last_range == (CM_KEY, "x", 3, 2, True, False)
    assert _counts(metrics) == {("range", "", "configmaps"): 1}
    [count] = _samples(metrics, "etcd_request_duration_seconds_count")
    assert count.labels == {"operation": "range", "group": "", "resource": "configmaps"}
    assert count.value == 1


async def test_txn_is_labelled_by_its_first_key_and_a_failed_compare_is_no_error(
    fake: FakeStorage, storage: Storage, metrics: Metrics
) -> None:
    result = await storage.txn(
        [Compare.absent("/apps/deployments/root/ns/d")],
        [Put("/apps/deployments/root/ns/d", b"{}")],
    )
    assert result is fake.txn_result
    assert not result.succeeded
    assert _counts(metrics) == {("txn", "apps", "deployments"): 1}
    assert _counts(metrics, "etcd_request_errors_total") == {}


async def test_errors_are_counted_and_reraised_unchanged(
    fake: FakeStorage, storage: Storage, metrics: Metrics
) -> None:
    fake.failure = StorageUnavailableError("down")
    with pytest.raises(StorageUnavailableError) as raised:
        await storage.range(CM_KEY)
    assert raised.value is fake.failure
    with pytest.raises(StorageUnavailableError):
        await storage.txn([], [Put(CM_KEY, b"")])
    with pytest.raises(StorageUnavailableError):
        storage.watch(CM_KEY)
    assert _counts(metrics, "etcd_request_errors_total") == {
        ("range", "", "configmaps"): 1,
        ("txn", "", "configmaps"): 1,
        ("watch", "", "configmaps"): 1,
    }


async def test_watch_establishment_is_timed_and_events_pass_through(
    fake: FakeStorage, storage: Storage, metrics: Metrics
) -> None:
    kv = KeyValue(CM_KEY, b"{}", 5, 5, 1)
    responses = [WatchResponse((Event(EventType.PUT, kv),), 5), WatchResponse((), 6)]
    fake.watch_stream = FakeWatch(responses)
    stream = storage.watch("/core/configmaps/", "/core/configmaps0", start_revision=4, prev_kv=True)
    assert fake.last_watch == ("/core/configmaps/", "/core/configmaps0", 4, True, False)
    assert _counts(metrics) == {}  # nothing is established before __aenter__
    async with stream as watch:
        assert fake.watch_stream.entered
        received = [response async for response in watch]
        await watch.request_progress()
    assert fake.watch_stream.exited
    assert [id(r) for r in received] == [id(r) for r in responses]
    assert fake.watch_stream.progress_requests == 1
    await stream.close()
    assert fake.watch_stream.closed
    assert _counts(metrics) == {("watch", "", "configmaps"): 1}


async def test_compact_current_revision_and_close(
    fake: FakeStorage, storage: Storage, metrics: Metrics
) -> None:
    assert storage.max_request_bytes == 1234
    assert await storage.current_revision() == 7
    await storage.compact(5)
    assert fake.compacted == [5]
    await storage.close()
    assert fake.closed
    assert _counts(metrics) == {("current_revision", "", ""): 1, ("compact", "", ""): 1}


async def test_clusters_namespaces_and_names_never_become_labels(
    storage: Storage, metrics: Metrics
) -> None:
    for i in range(50):
        await storage.range(f"/core/configmaps/cluster-{i}/ns-{i}/name-{i}")
        await storage.txn([], [Put(f"/core/secrets/cluster-{i}/ns-{i}/name-{i}", b"")])
    assert _counts(metrics) == {("range", "", "configmaps"): 50, ("txn", "", "secrets"): 50}
