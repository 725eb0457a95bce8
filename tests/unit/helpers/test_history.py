"""The history checker catches each kind of watch inconsistency it promises to.

`tests.helpers.history` judges the storage, watch-cache and fault suites, so it is
tested on hand-made histories: a consistent one passes, and each defect (gap,
duplicate, split revision, phantom, out-of-range key, wrong numbers or prev_kv, a
progress notification overtaking events) is reported.
"""

from __future__ import annotations

import pytest

from kcp.storage.interface import (
    RANGE_ALL,
    Delete,
    Event,
    EventType,
    KeyValue,
    Put,
    TxnResult,
    WatchResponse,
)
from tests.helpers.history import History, key_in_range


def put_event(
    key: str, value: bytes, create: int, mod: int, version: int, prev: KeyValue | None = None
) -> Event:
    return Event(EventType.PUT, KeyValue(key, value, create, mod, version), prev)


def delete_event(key: str, mod: int, prev: KeyValue | None = None) -> Event:
    return Event(EventType.DELETE, KeyValue(key, b"", 0, mod, 0), prev)


def resp(*events: Event) -> WatchResponse:
    return WatchResponse(events, max(e.kv.mod_revision for e in events))


def progress(revision: int) -> WatchResponse:
    return WatchResponse((), revision)


A1 = KeyValue("/a", b"1", 10, 10, 1)
A2 = KeyValue("/a", b"2", 10, 12, 2)
B1 = KeyValue("/b", b"1", 11, 11, 1)


def history() -> History:
    """/a=1 @10, /b=1 @11, /a=2 @12, delete /b and put /c @13 (one txn)."""
    h = History()
    h.record_put("/a", b"1", 10)
    h.record_txn(TxnResult(True, 11, (None,)), [Put("/b", b"1")])
    h.record_put("/a", b"2", 12)
    h.record_txn(TxnResult(True, 13, (B1, None)), [Delete("/b"), Put("/c", b"1")])
    return h


GOOD = [
    resp(put_event("/a", b"1", 10, 10, 1), put_event("/b", b"1", 11, 11, 1)),
    resp(put_event("/a", b"2", 10, 12, 2, A1)),
    resp(delete_event("/b", 13, B1), put_event("/c", b"1", 13, 13, 1)),
]


def check(responses: list[WatchResponse], **kwargs: object) -> list[str]:
    h = history()
    log = h.watcher("w", "/", RANGE_ALL, start_revision=10, prev_kv=True)
    for key, value in kwargs.items():
        setattr(log, key, value)
    for r in responses:
        log.record(r)
    return h.violations()


def test_consistent_watch_has_no_violations() -> None:
    assert check(GOOD) == []


def test_delete_of_absent_key_is_not_a_write() -> None:
    h = History()
    h.record_txn(TxnResult(True, 5, (None,)), [Delete("/nothing")])
    assert h.writes == []


@pytest.mark.parametrize(
    ("responses", "fragment"),
    [
        pytest.param([GOOD[0], GOOD[2]], "gap: missing PUT '/a' at revision 12", id="gap"),
        pytest.param([*GOOD, GOOD[2]], "duplicate event for '/c'", id="duplicate"),
        pytest.param(
            [GOOD[0], GOOD[2], GOOD[1]], "not after the previous response's 13", id="reordered"
        ),
        pytest.param(
            [
                GOOD[0],
                GOOD[1],
                resp(delete_event("/b", 13, B1)),
                resp(put_event("/c", b"1", 13, 13, 1)),
            ],
            "starts at revision 13, not after the previous response's 13",
            id="split-revision",
        ),
        pytest.param(
            [*GOOD, resp(put_event("/d", b"x", 14, 14, 1))],
            "unexpected PUT '/d' at revision 14, with no acknowledged write",
            id="phantom",
        ),
        pytest.param(
            [WatchResponse(GOOD[0].events, 13), *GOOD[1:]],
            "has revision 13, its events reach 11",
            id="response-revision",
        ),
        pytest.param(
            [*GOOD[:2], resp(Event(EventType.DELETE, KeyValue("/b", b"1", 11, 13, 1), B1))],
            "is not (empty value, create_revision 0, version 0)",
            id="delete-shape",
        ),
        pytest.param(
            [GOOD[0], resp(put_event("/a", b"2", 10, 12, 1, A1)), GOOD[2]],
            "should be KeyValue(key='/a', value=b'2', create_revision=10, mod_revision=12",
            id="version",
        ),
        pytest.param(
            [GOOD[0], resp(put_event("/a", b"2", 10, 12, 2, None)), GOOD[2]],
            "prev_kv of '/a' at 12 is None",
            id="prev-kv",
        ),
        pytest.param(
            [GOOD[0], resp(put_event("/a", b"wrong", 10, 12, 2, A1)), GOOD[2]],
            "'/a' at revision 12 is PUT b'wrong', the write was PUT b'2'",
            id="value",
        ),
        pytest.param(
            [progress(12), GOOD[0], *GOOD[1:]],
            "brings revision 10 after a progress notification at 12",
            id="progress-overtakes-events",
        ),
    ],
)
def test_each_defect_is_reported(responses: list[WatchResponse], fragment: str) -> None:
    problems = check(responses, progress_is_barrier=True)
    assert any(fragment in p for p in problems), problems


def test_progress_may_overtake_events_unless_it_is_a_barrier() -> None:
    assert check([progress(12), *GOOD]) == []


def test_horizon_through_reports_events_never_delivered() -> None:
    assert check(GOOD[:2]) == []  # complete up to what it saw
    problems = check(GOOD[:2], through=13)
    assert any("gap: missing DELETE '/b' at revision 13" in p for p in problems), problems


def test_range_and_start_revision_filter_the_expected_writes() -> None:
    h = history()
    log = h.watcher("only /a from 11", "/a", None, start_revision=11)
    log.record(resp(put_event("/a", b"2", 10, 12, 2)))
    assert h.violations() == []
    log.record(resp(put_event("/c", b"1", 13, 13, 1)))
    assert any("outside its range" in p for p in h.violations())


def test_uncertain_write_seen_by_one_watcher_binds_the_others() -> None:
    h = History()
    h.record_put("/a", b"1", 10)
    h.record_uncertain([Put("/a", b"maybe")])
    h.record_put("/a", b"3", 12)
    saw = h.watcher("saw it", "/a", None, start_revision=10)
    saw.record(resp(put_event("/a", b"1", 10, 10, 1)))
    saw.record(resp(put_event("/a", b"maybe", 10, 11, 2)))
    saw.record(resp(put_event("/a", b"3", 10, 12, 3)))
    assert h.violations() == []
    missed = h.watcher("missed it", "/", RANGE_ALL, start_revision=10)
    missed.record(resp(put_event("/a", b"1", 10, 10, 1)))
    missed.record(resp(put_event("/a", b"3", 10, 12, 2)))
    problems = h.violations()
    assert any("missed it: gap: missing PUT '/a' at revision 11" in p for p in problems)


def test_two_transactions_at_one_revision_are_reported() -> None:
    h = History()
    h.record_put("/a", b"1", 10)
    h.record_put("/b", b"1", 10)
    assert h.violations() == ["two acknowledged transactions share revision 10"]


def test_state_at_replays_the_history() -> None:
    h = history()
    assert h.state_at(11) == {"/a": A1, "/b": B1}
    assert h.state_at(13) == {"/a": A2, "/c": KeyValue("/c", b"1", 13, 13, 1)}
    assert h.state_at(13, "/b", RANGE_ALL) == {"/c": KeyValue("/c", b"1", 13, 13, 1)}


@pytest.mark.parametrize(
    ("key", "start", "end", "inside"),
    [
        ("/a", "/a", None, True),
        ("/ab", "/a", None, False),
        ("/a/x", "/a/", "/a0", True),
        ("/a0", "/a/", "/a0", False),
        ("/zzz", "/b", RANGE_ALL, True),
        ("/a", "/b", RANGE_ALL, False),
    ],
)
def test_key_in_range_reads_ranges_as_storage_does(
    key: str, start: str, end: str | None, inside: bool
) -> None:
    assert key_in_range(key, start, end) is inside
