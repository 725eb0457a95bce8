"""Storage contract: big values, the request size limit and malformed requests.

A 1 MiB value (a large Secret or ConfigMap) must round-trip through range and watch
byte for byte. Above `max_request_bytes` (etcd's --max-request-bytes, 1.5 MiB by
default) a write raises `ValueTooLargeError`. An empty key or a negative limit raise
`InvalidRequestError`: etcd rejects an empty key itself ("key is not provided") and
treats a negative limit as no limit, so the etcd backend checks the limit itself.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest

from kcp.storage.errors import InvalidRequestError, ValueTooLargeError
from kcp.storage.interface import (
    DEFAULT_MAX_REQUEST_BYTES,
    RANGE_ALL,
    Compare,
    Delete,
    EventType,
    Get,
    KeyValue,
    Put,
    Storage,
    TxnOp,
)
from tests.helpers.watches import WatchReader

MIB = 1024 * 1024


async def test_one_mib_value_round_trips_through_range_and_txn(storage: Storage) -> None:
    value = os.urandom(MIB)
    rev = (await storage.txn([], [Put("/big", value)])).revision
    assert (await storage.range("/big")).kvs == (KeyValue("/big", value, rev, rev, 1),)
    result = await storage.txn([], [Get("/big"), Put("/big", b"small", prev_kv=True)])
    assert result.results[0] is not None
    assert result.results[1] is not None
    assert result.results[0].value == value
    assert result.results[1].value == value
    assert (await storage.range("/big", revision=rev)).kvs[0].value == value


async def test_one_mib_value_round_trips_through_watch(storage: Storage) -> None:
    value = os.urandom(MIB)
    start = await storage.current_revision()
    async with storage.watch("/big", start_revision=start + 1, prev_kv=True) as stream:
        reader = WatchReader(stream)
        rev = (await storage.txn([], [Put("/big", value)])).revision
        deleted = (await storage.txn([], [Delete("/big")])).revision
        events = await reader.read_until_revision(deleted)
    assert [(e.type, e.kv.mod_revision) for e in events] == [
        (EventType.PUT, rev),
        (EventType.DELETE, deleted),
    ]
    assert events[0].kv.value == value
    assert events[1].prev_kv is not None
    assert events[1].prev_kv.value == value


async def test_max_request_bytes_defaults_to_one_and_a_half_mib(storage: Storage) -> None:
    assert storage.max_request_bytes == DEFAULT_MAX_REQUEST_BYTES


@pytest.mark.parametrize(
    "ops",
    [
        pytest.param(lambda n: [Put("/big", b"x" * (n + 1))], id="one-value"),
        pytest.param(lambda n: [Put("/big", b"x" * (3 * n))], id="far-over"),
        pytest.param(
            lambda n: [Put("/big1", b"x" * (n * 2 // 3)), Put("/big2", b"x" * (n * 2 // 3))],
            id="sum-of-values",
        ),
    ],
)
async def test_write_over_max_request_bytes_raises_value_too_large(
    storage: Storage, ops: Callable[[int], list[TxnOp]]
) -> None:
    written = (await storage.txn([], [Put("/small", b"1")])).revision
    with pytest.raises(ValueTooLargeError):
        await storage.txn([], ops(storage.max_request_bytes))
    rest = await storage.range("/", RANGE_ALL)
    assert [kv.key for kv in rest.kvs] == ["/small"]
    assert rest.kvs[0].mod_revision == written


def _empty_key_requests() -> list[tuple[str, list[Compare], list[TxnOp]]]:
    return [
        ("put", [], [Put("", b"v")]),
        ("delete", [], [Delete("")]),
        ("get", [], [Get("")]),
        ("compare", [Compare.absent("")], [Put("/ok", b"v")]),
    ]


@pytest.mark.parametrize(
    ("compares", "ops"),
    [pytest.param(c, o, id=name) for name, c, o in _empty_key_requests()],
)
async def test_txn_with_empty_key_raises_invalid_request(
    storage: Storage, compares: list[Compare], ops: list[TxnOp]
) -> None:
    with pytest.raises(InvalidRequestError):
        await storage.txn(compares, ops)
    assert (await storage.range("/", RANGE_ALL, count_only=True)).count == 0


async def test_range_of_empty_key_raises_invalid_request(storage: Storage) -> None:
    await storage.txn([], [Put("/a", b"1")])
    with pytest.raises(InvalidRequestError):
        await storage.range("")
    with pytest.raises(InvalidRequestError):
        await storage.range("", "/z")


async def test_range_with_negative_limit_raises_invalid_request(storage: Storage) -> None:
    await storage.txn([], [Put("/a", b"1")])
    with pytest.raises(InvalidRequestError):
        await storage.range("/", RANGE_ALL, limit=-1)
