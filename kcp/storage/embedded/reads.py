"""Reads: ranges and watch batches, each one SQLite read transaction on a reader thread.

Every function here takes the reader thread's connection and runs inside one
`BEGIN ... COMMIT`, so the revision it reports, the compacted revision it checks and
the rows it returns all come from one snapshot. The writer commits before it announces
a revision, so a snapshot taken after an announcement always contains it.

* At the current revision a range reads `current` (live keys only), so its cost does
  not grow with history.
* At an older revision it walks `log_key` in key order and keeps, for each key, the
  newest row at or below the revision if it is not a tombstone; the walk stops at the
  limit, so a paginated list of 10,000 keys at a fixed revision stays cheap per page.
* A watch batch reads `log` by id (revision order), bounded by events and bytes, and
  only ever ends at a revision boundary: one transaction's events stay together.
"""

from __future__ import annotations

import sqlite3

from kcp.storage.embedded import schema
from kcp.storage.embedded.keyspace import Span
from kcp.storage.errors import CompactedError, FutureRevisionError
from kcp.storage.interface import Event, EventType, KeyValue, RangeResult

__all__ = ["read_events", "read_range"]

_SNAPSHOT = """
SELECT (SELECT MAX(id) FROM log),
       (SELECT value FROM meta WHERE name = 'revision'),
       (SELECT value FROM meta WHERE name = 'compacted')
"""


def _snapshot(conn: sqlite3.Connection) -> tuple[int, int]:
    """(current revision, compacted revision) as of this read transaction."""
    newest, revision, compacted = conn.execute(_SNAPSHOT).fetchone()
    return schema.head_revision(revision, newest), compacted


def _where(span: Span, column: str) -> str:
    """The SQL condition for `span` on `column`, with parameters :lo and :hi."""
    if span.single:
        return f"{column} = :lo"
    if span.hi is None:
        return f"{column} >= :lo"
    return f"{column} >= :lo AND {column} < :hi"


def read_range(
    conn: sqlite3.Connection,
    span: Span,
    *,
    head: int,
    revision: int,
    limit: int,
    keys_only: bool,
    count_only: bool,
) -> RangeResult:
    """A range as of `revision`, or of `head` (the announced revision) when it is 0.

    The database may already hold a commit whose announcement has not reached the
    loop yet; reading as of the announced revision keeps every read consistent with
    `current_revision()` and with where `watch(start_revision=0)` starts.
    """
    conn.execute("BEGIN")
    try:
        latest, compacted = _snapshot(conn)
        current = min(head, latest)
        if revision > current:
            raise FutureRevisionError(revision, current)
        if 0 < revision < compacted:
            raise CompactedError(revision, compacted)
        at = revision or current
        params: dict[str, object] = {
            "lo": span.lo,
            "hi": span.hi,
            "top": schema.id_bound(at),
            # One row past the limit tells whether there are more; -1 is no limit.
            "limit": limit + 1 if limit else -1,
        }
        value = "X''" if keys_only else "l.value"
        if at == latest:
            # Statements are built from constants only; values are bound parameters.
            count_sql = f"SELECT COUNT(*) FROM current WHERE {_where(span, 'key')}"  # noqa: S608
            select_sql = (
                f"SELECT c.key, {value}, l.create_revision, l.id, l.version"  # noqa: S608
                f" FROM current AS c JOIN log AS l ON l.id = c.id"
                f" WHERE {_where(span, 'c.key')} ORDER BY c.key LIMIT :limit"
            )
        else:
            body = _AT.format(where=_where(span, "l.key"))
            count_sql = f"SELECT COUNT(*) {body}"
            select_sql = (
                f"SELECT l.key, {value}, l.create_revision, l.id, l.version {body}"
                f" ORDER BY l.key LIMIT :limit"
            )
        if count_only:
            (count,) = conn.execute(count_sql, params).fetchone()
            return RangeResult((), count, False, current)
        rows = conn.execute(select_sql, params).fetchall()
        more = bool(limit) and len(rows) > limit
        if more:
            rows = rows[:limit]
            (count,) = conn.execute(count_sql, params).fetchone()
        else:
            count = len(rows)
        kvs = tuple(
            KeyValue(key, value, create, schema.revision_of(row), version)
            for key, value, create, row, version in rows
        )
        return RangeResult(kvs, count, more, current)
    finally:
        conn.execute("COMMIT")


# The newest row of each key at or below the revision, if it is not a tombstone,
# walking log_key in key order so that LIMIT stops the walk (no sort, no GROUP BY).
_AT = """
FROM log AS l INDEXED BY log_key
WHERE {where} AND l.id < :top
  AND l.id = (SELECT MAX(m.id) FROM log AS m WHERE m.key = l.key AND m.id < :top)
  AND l.deleted = 0
"""


def read_events(
    conn: sqlite3.Connection,
    span: Span,
    *,
    after: int,
    through: int,
    prev_kv: bool,
    max_events: int,
    max_bytes: int,
) -> tuple[list[Event], int]:
    """The events in `span` with revision in (after, through], and how far they reach.

    Returns at most about `max_events` events or `max_bytes` of values, cut at a
    revision boundary; the second element is the revision the batch is complete up to
    (`through` unless the batch was cut). Raises CompactedError when revision
    `after + 1` is below the compacted revision. At exactly the compacted revision the
    log holds each key's surviving row but no tombstone and no previous value, so, as
    in etcd, a watch from there replays no DELETE of that revision and no `prev_kv`.
    """
    conn.execute("BEGIN")
    try:
        _, compacted = _snapshot(conn)
        if after + 1 < compacted:
            raise CompactedError(after + 1, compacted)
        # A range is read in id order; a single key through log_key (key, id).
        source = "log AS l" if span.single else "log AS l NOT INDEXED"
        columns = "l.id, l.key, l.value, l.create_revision, l.version, l.deleted"
        if prev_kv:
            columns += ", p.id, p.value, p.create_revision, p.version"
            source += " LEFT JOIN log AS p ON p.id = l.prev_id"
        else:
            columns += ", NULL, NULL, NULL, NULL"
        cursor = conn.execute(
            f"SELECT {columns} FROM {source}"  # noqa: S608 - constants; values are bound
            f" WHERE l.id >= :first AND l.id < :top AND {_where(span, 'l.key')}"
            # As etcd: a tombstone at the compacted revision is gone (etcd #19179).
            " AND NOT (l.deleted = 1 AND l.id < :floor) ORDER BY l.id",
            {
                "first": schema.id_bound(after),
                "floor": schema.id_bound(compacted),
                "top": schema.id_bound(through),
                "lo": span.lo,
                "hi": span.hi,
            },
        )
        events: list[Event] = []
        size = 0
        last = after
        for (
            row_id,
            key,
            value,
            create,
            version,
            deleted,
            p_row,
            p_value,
            p_create,
            p_version,
        ) in cursor:
            revision = schema.revision_of(row_id)
            if revision != last and (len(events) >= max_events or size >= max_bytes):
                cursor.close()
                return events, last
            last = revision
            prev = None
            # As etcd, which reads prev_kv at revision - 1: compacted, so none.
            if p_row is not None and revision > compacted:
                prev = KeyValue(key, p_value, p_create, schema.revision_of(p_row), p_version)
                size += len(p_value)
            if deleted:
                events.append(Event(EventType.DELETE, KeyValue(key, b"", 0, revision, 0), prev))
            else:
                kv = KeyValue(key, value, create, revision, version)
                events.append(Event(EventType.PUT, kv, prev))
                size += len(value)
        return events, through
    finally:
        conn.execute("COMMIT")
