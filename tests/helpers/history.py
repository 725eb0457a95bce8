"""A history checker: acknowledged writes against what every watcher saw.

A test records each write the store acknowledged (`History.record_txn`, or
`record_put`/`record_delete` after a conditional write) and each response of each
watcher (`History.watcher(...)` returns a `WatchLog`; feed it every `WatchResponse`).
`History.violations()` then checks every watcher against the write history and
returns what is wrong, as sentences; an empty list means the watchers are consistent:

* **shape**: a response with events carries the highest `mod_revision` in it as its
  `revision`; revisions never go down inside a response and strictly increase from one
  response to the next (so one revision is never split across responses); a DELETE
  event's kv has an empty value, version and create_revision 0, and the delete's
  revision as mod_revision.
* **sequence**: the events equal, revision by revision, the recorded writes in the
  watcher's range (and `predicate`) from its `start_revision` up to its horizon: the
  highest revision it saw, or `WatchLog.through` when the test knows the watcher must
  have caught up further. A recorded write missing is a gap; an event seen twice is a
  duplicate; an event with no recorded write is a phantom (or a key out of range).
  Inside one revision the order of events is not checked: the contract only orders
  revisions, and one transaction touches each key at most once.
* **numbers** (`History(complete=True)`, the default: every write to the keys involved
  is recorded, from an empty keyspace): each event's `create_revision` and `version`,
  and `prev_kv` for watchers opened with `prev_kv=True`, match what the history implies.
* **progress**: progress notifications never go backwards. With
  `progress_is_barrier=True` a progress notification at revision P also promises that
  every write up to P was already delivered. Leave it False against etcd 3.4.23: there
  a requested progress notification can overtake events
  (etcd-io/etcd#15220, fixed in later 3.4/3.5 releases).

Writes whose outcome is unknown (a `StorageUnavailableError` mid-write, in fault tests)
go to `record_uncertain`: an event matching one is accepted at a revision no
acknowledged transaction holds, and from then on every watcher covering that key is
held to it too. An uncertain write no watcher saw is taken as not applied.

The checker knows only keys, revisions and `WatchResponse`s, so the same helper checks
the watch cache and fault-injection tests as well as raw storage. It asserts nothing:
tests `assert history.violations() == []`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from kcp.storage.interface import (
    RANGE_ALL,
    Delete,
    Event,
    EventType,
    Get,
    KeyValue,
    Put,
    TxnOp,
    TxnResult,
    WatchResponse,
)

__all__ = ["History", "WatchLog", "Write", "key_in_range"]

# Enough sentences to diagnose a failure without drowning pytest's output.
MAX_VIOLATIONS = 50


def key_in_range(key: str, start: str, end: str | None) -> bool:
    """Whether `key` is in the storage range `start`/`end`, as `Storage.range` reads it.

    `str` comparison is code point order, which is the UTF-8 byte order the contract
    uses.
    """
    if end is None:
        return key == start
    if end == RANGE_ALL:
        return key >= start
    return start <= key < end


@dataclass(frozen=True, slots=True)
class Write:
    """One key changed by one acknowledged transaction."""

    revision: int
    key: str
    type: EventType
    value: bytes = b""


@dataclass
class WatchLog:
    """What one watcher was asked for and everything it received."""

    name: str
    key: str
    end: str | None
    # The first revision the watcher is owed. For a watch opened with start_revision=0
    # this is the current revision at open plus one.
    start_revision: int
    prev_kv: bool = False
    predicate: Callable[[str], bool] | None = None
    progress_is_barrier: bool = False
    # The revision up to which the watcher must be complete; None: the highest seen.
    through: int | None = None
    responses: list[WatchResponse] = field(default_factory=list)

    def record(self, resp: WatchResponse) -> None:
        self.responses.append(resp)

    def covers(self, key: str) -> bool:
        if not key_in_range(key, self.key, self.end):
            return False
        return self.predicate is None or self.predicate(key)

    @property
    def events(self) -> list[Event]:
        return [event for resp in self.responses for event in resp.events]

    @property
    def last_event_revision(self) -> int:
        return max((e.kv.mod_revision for e in self.events), default=0)

    @property
    def horizon(self) -> int:
        if self.through is not None:
            return self.through
        seen = self.last_event_revision
        if self.progress_is_barrier:
            progress = (r.revision for r in self.responses if r.is_progress_notify)
            seen = max(seen, *progress, 0)
        return seen


@dataclass(frozen=True, slots=True)
class _Uncertain:
    key: str
    type: EventType
    value: bytes


class History:
    """Acknowledged writes plus watch logs, checked against each other."""

    def __init__(self, *, complete: bool = True) -> None:
        self.complete = complete
        self.writes: list[Write] = []
        self.watchers: list[WatchLog] = []
        self._uncertain: list[_Uncertain] = []
        self._problems: list[str] = []
        self._txn_revisions: set[int] = set()

    # -- recording ----------------------------------------------------------------

    def record_txn(
        self, result: TxnResult, success: Sequence[TxnOp], failure: Sequence[TxnOp] = ()
    ) -> None:
        """Record the changes of an acknowledged transaction from its ops and result."""
        ops = success if result.succeeded else failure
        changes: list[Write] = []
        for op, found in zip(ops, result.results, strict=True):
            if isinstance(op, Put):
                changes.append(Write(result.revision, op.key, EventType.PUT, op.value))
            elif isinstance(op, Delete) and found is not None:
                changes.append(Write(result.revision, op.key, EventType.DELETE))
        self._add_txn(changes)

    def record_put(self, key: str, value: bytes, revision: int) -> None:
        self._add_txn([Write(revision, key, EventType.PUT, value)])

    def record_delete(self, key: str, revision: int) -> None:
        self._add_txn([Write(revision, key, EventType.DELETE)])

    def record_uncertain(self, ops: Iterable[TxnOp]) -> None:
        """Record writes that may or may not have been applied."""
        for op in ops:
            if isinstance(op, Put):
                self._uncertain.append(_Uncertain(op.key, EventType.PUT, op.value))
            elif isinstance(op, Delete):
                self._uncertain.append(_Uncertain(op.key, EventType.DELETE, b""))
            elif not isinstance(op, Get):
                raise TypeError(f"not a txn op: {op!r}")

    def watcher(
        self,
        name: str,
        key: str,
        end: str | None = None,
        *,
        start_revision: int,
        prev_kv: bool = False,
        predicate: Callable[[str], bool] | None = None,
        progress_is_barrier: bool = False,
    ) -> WatchLog:
        """A new log for a watcher of `key`/`end` owed every change from `start_revision`."""
        log = WatchLog(
            name,
            key,
            end,
            start_revision,
            prev_kv=prev_kv,
            predicate=predicate,
            progress_is_barrier=progress_is_barrier,
        )
        self.watchers.append(log)
        return log

    def _add_txn(self, changes: list[Write]) -> None:
        if not changes:
            return
        revision = changes[0].revision
        if revision in self._txn_revisions:
            self._problems.append(f"two acknowledged transactions share revision {revision}")
        self._txn_revisions.add(revision)
        self.writes.extend(changes)

    # -- reading ------------------------------------------------------------------

    @property
    def last_revision(self) -> int:
        return max((w.revision for w in self.writes), default=0)

    def state_at(
        self, revision: int, key: str = "", end: str | None = RANGE_ALL
    ) -> dict[str, KeyValue]:
        """The live keys in `key`/`end` at `revision`, per the history (needs `complete`)."""
        state: dict[str, KeyValue] = {}
        for write, kv, _prev in self._numbered(self._sorted(self.writes)):
            if write.revision > revision:
                break
            if write.type is EventType.PUT:
                state[write.key] = kv
            else:
                state.pop(write.key, None)
        return {k: kv for k, kv in sorted(state.items()) if key_in_range(k, key, end)}

    # -- checking -----------------------------------------------------------------

    def violations(self) -> list[str]:
        """Everything inconsistent between the writes and the watch logs."""
        problems = list(self._problems)
        writes = self._sorted(self.writes + self._discovered())
        numbered = {(w.revision, w.key): (kv, prev) for w, kv, prev in self._numbered(writes)}
        for log in self.watchers:
            problems.extend(self._check_shape(log))
            problems.extend(self._check_sequence(log, writes))
            if self.complete:
                problems.extend(self._check_numbers(log, numbered))
        if len(problems) > MAX_VIOLATIONS:
            dropped = len(problems) - MAX_VIOLATIONS
            problems = [*problems[:MAX_VIOLATIONS], f"... and {dropped} more"]
        return problems

    def _discovered(self) -> list[Write]:
        """Uncertain writes some watcher saw, at revisions no acknowledged txn holds."""
        if not self._uncertain:
            return []
        acknowledged = {(w.revision, w.key) for w in self.writes}
        found: dict[tuple[int, str], Write] = {}
        for log in self.watchers:
            for event in log.events:
                rev, key = event.kv.mod_revision, event.kv.key
                if (rev, key) in acknowledged or rev in self._txn_revisions:
                    continue
                value = event.kv.value if event.type is EventType.PUT else b""
                if _Uncertain(key, event.type, value) in self._uncertain:
                    found[(rev, key)] = Write(rev, key, event.type, value)
        return list(found.values())

    @staticmethod
    def _sorted(writes: Iterable[Write]) -> list[Write]:
        return sorted(writes, key=lambda w: (w.revision, w.key))

    @staticmethod
    def _numbered(
        writes: list[Write],
    ) -> Iterable[tuple[Write, KeyValue, KeyValue | None]]:
        """Each write with the kv it produces and the kv before it, as etcd numbers them."""
        live: dict[str, KeyValue] = {}
        for w in writes:
            prev = live.get(w.key)
            if w.type is EventType.PUT:
                if prev is None:
                    kv = KeyValue(w.key, w.value, w.revision, w.revision, 1)
                else:
                    kv = KeyValue(
                        w.key, w.value, prev.create_revision, w.revision, prev.version + 1
                    )
                live[w.key] = kv
            else:
                kv = KeyValue(w.key, b"", 0, w.revision, 0)
                live.pop(w.key, None)
            yield w, kv, prev

    @staticmethod
    def _check_shape(log: WatchLog) -> list[str]:
        problems: list[str] = []
        last_event_rev = 0
        last_progress = 0
        for i, resp in enumerate(log.responses):
            if resp.is_progress_notify:
                if resp.revision < last_progress:
                    problems.append(
                        f"{log.name}: progress notification {i} went back from "
                        f"{last_progress} to {resp.revision}"
                    )
                last_progress = max(last_progress, resp.revision)
                continue
            revs = [e.kv.mod_revision for e in resp.events]
            if log.progress_is_barrier and revs[0] <= last_progress:
                problems.append(
                    f"{log.name}: response {i} brings revision {revs[0]} after a progress "
                    f"notification at {last_progress}"
                )
            if resp.revision != max(revs):
                problems.append(
                    f"{log.name}: response {i} has revision {resp.revision}, "
                    f"its events reach {max(revs)}"
                )
            if revs != sorted(revs):
                problems.append(f"{log.name}: response {i} is out of order: {revs}")
            if revs[0] <= last_event_rev:
                problems.append(
                    f"{log.name}: response {i} starts at revision {revs[0]}, "
                    f"not after the previous response's {last_event_rev} "
                    "(out of order, duplicated or split revision)"
                )
            last_event_rev = max(last_event_rev, *revs)
            for event in resp.events:
                kv = event.kv
                shape = (kv.value, kv.create_revision, kv.version)
                if event.type is EventType.DELETE and shape != (b"", 0, 0):
                    problems.append(
                        f"{log.name}: DELETE of {kv.key!r} at {kv.mod_revision} is not "
                        f"(empty value, create_revision 0, version 0): {kv}"
                    )
        return problems

    @staticmethod
    def _check_sequence(log: WatchLog, writes: list[Write]) -> list[str]:
        problems: list[str] = []
        horizon = log.horizon
        expected: dict[int, dict[str, Write]] = defaultdict(dict)
        for w in writes:
            if log.start_revision <= w.revision <= horizon and log.covers(w.key):
                expected[w.revision][w.key] = w
        seen: dict[int, dict[str, Event]] = defaultdict(dict)
        for event in log.events:
            rev, key = event.kv.mod_revision, event.kv.key
            if key in seen[rev]:
                problems.append(f"{log.name}: duplicate event for {key!r} at revision {rev}")
            seen[rev][key] = event
        for rev in sorted(expected.keys() | seen.keys()):
            want, got = expected.get(rev, {}), seen.get(rev, {})
            for key in sorted(want.keys() - got.keys()):
                problems.append(
                    f"{log.name}: gap: missing {want[key].type.value} {key!r} at revision {rev}"
                )
            for key in sorted(got.keys() - want.keys()):
                event = got[key]
                if not log.covers(key):
                    why = "outside its range"
                elif rev < log.start_revision:
                    why = f"before its start revision {log.start_revision}"
                else:
                    why = "with no acknowledged write"
                problems.append(
                    f"{log.name}: unexpected {event.type.value} {key!r} at revision {rev}, {why}"
                )
            for key in sorted(want.keys() & got.keys()):
                w, event = want[key], got[key]
                value = event.kv.value if event.type is EventType.PUT else b""
                if (w.type, w.value) != (event.type, value):
                    problems.append(
                        f"{log.name}: {key!r} at revision {rev} is {event.type.value} "
                        f"{_short(value)}, the write was {w.type.value} {_short(w.value)}"
                    )
        return problems

    @staticmethod
    def _check_numbers(
        log: WatchLog, numbered: dict[tuple[int, str], tuple[KeyValue, KeyValue | None]]
    ) -> list[str]:
        problems: list[str] = []
        for event in log.events:
            found = numbered.get((event.kv.mod_revision, event.kv.key))
            if found is None:
                continue  # reported by the sequence check
            kv, prev = found
            if event.kv != kv:
                problems.append(f"{log.name}: event kv {event.kv} should be {kv}")
            if log.prev_kv and event.prev_kv != prev:
                problems.append(
                    f"{log.name}: prev_kv of {kv.key!r} at {kv.mod_revision} is "
                    f"{event.prev_kv}, should be {prev}"
                )
        return problems


def _short(value: bytes) -> str:
    return repr(value if len(value) <= 40 else value[:40] + b"...")
