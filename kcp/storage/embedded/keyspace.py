"""Request checks and key ranges, done on the event loop before anything is queued.

A request that breaks a rule of the contract (empty key, inverted range, negative
limit, oversized write) fails here, synchronously, and so never reaches the writer
thread: a transaction that gets queued is one that can be applied. Keys are stored as
SQLite TEXT, whose BINARY collation compares UTF-8 bytes, which for `str` is code
point order, the same order Python uses, so a `Span` filters in memory and in SQL alike.

Like etcd's `checkIntervals` (server/etcdserver/api/v3rpc/key.go), one branch of a
transaction may not put the same key twice, nor put and delete the same key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kcp.storage.embedded import schema
from kcp.storage.errors import InvalidRequestError, ValueTooLargeError
from kcp.storage.interface import RANGE_ALL, Compare, Delete, Get, Put, TxnOp

__all__ = ["Span", "check_key", "check_txn", "span"]


@dataclass(frozen=True, slots=True)
class Span:
    """One key (`single`), or the keys in [`lo`, `hi`), `hi` None meaning no upper bound."""

    lo: str
    hi: str | None
    single: bool

    def contains(self, key: str) -> bool:
        if self.single:
            return key == self.lo
        return key >= self.lo and (self.hi is None or key < self.hi)


def check_key(key: str) -> None:
    if not key:
        raise InvalidRequestError(f"key must be a non-empty string, got {key!r}")
    if not key.isascii():
        try:
            key.encode()
        except UnicodeEncodeError as err:
            raise InvalidRequestError(f"key {key!r} is not valid UTF-8") from err


def span(key: str, end: str | None) -> Span:
    """The range `[key, end)` of the contract, checked."""
    check_key(key)
    if end is None:
        return Span(key, None, single=True)
    if end == RANGE_ALL:
        return Span(key, None, single=False)
    if end < key:
        raise InvalidRequestError(f"range end {end!r} sorts before its start {key!r}")
    return Span(key, end, single=False)


def check_txn(
    compares: Sequence[Compare],
    success: Sequence[TxnOp],
    failure: Sequence[TxnOp],
    max_request_bytes: int,
) -> int:
    """Reject a malformed or oversized transaction before it is queued; return its size."""
    size = 0
    for compare in compares:
        check_key(compare.key)
        size += _size(compare.key)
    largest = ("", -1)
    for branch in (success, failure):
        puts: set[str] = set()
        deletes: set[str] = set()
        for op in branch:
            check_key(op.key)
            op_size = _size(op.key)
            if isinstance(op, Put):
                if not isinstance(op.value, bytes):
                    raise InvalidRequestError(f"value of {op.key!r} must be bytes")
                if op.key in puts or op.key in deletes:
                    raise InvalidRequestError(f"duplicate key {op.key!r} in one transaction")
                puts.add(op.key)
                op_size += len(op.value)
                if op_size > largest[1]:
                    largest = (op.key, op_size)
            elif isinstance(op, Delete):
                if op.key in puts:
                    raise InvalidRequestError(f"duplicate key {op.key!r} in one transaction")
                deletes.add(op.key)
            elif not isinstance(op, Get):
                raise InvalidRequestError(f"unknown transaction operation {op!r}")
            size += op_size
        if len(puts) + len(deletes) > schema.MAX_TXN_WRITES:
            raise InvalidRequestError(f"a transaction writes at most {schema.MAX_TXN_WRITES} keys")
    if size > max_request_bytes:
        key = largest[0] or (compares[0].key if compares else "")
        raise ValueTooLargeError(key, size, max_request_bytes)
    return size


def _size(key: str) -> int:
    return len(key) if key.isascii() else len(key.encode())
