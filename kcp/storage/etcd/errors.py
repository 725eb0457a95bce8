"""etcd's gRPC errors, told apart and turned into `kcp.storage.errors` types.

etcd names its errors by gRPC code plus a fixed message (go.etcd.io/etcd
api/v3rpc/rpctypes/error.go), and some codes are shared: "compacted" and "future
revision" are both OUT_OF_RANGE, so the message decides. Only this module reads
messages; the backend asks `kind_of` and builds the storage error with what it
knows (keys, revisions). Nothing here retries or talks to etcd.
"""

from __future__ import annotations

import enum

import grpc

from kcp.storage.errors import (
    InvalidRequestError,
    StorageError,
    StorageUnavailableError,
    ValueTooLargeError,
)

__all__ = ["ErrorKind", "describe", "kind_of", "never_sent", "retryable", "translate"]

# rpctypes.ErrGRPCCompacted / ErrGRPCFutureRev, after "etcdserver: ".
COMPACTED_MESSAGE = "mvcc: required revision has been compacted"
FUTURE_REVISION_MESSAGE = "mvcc: required revision is a future revision"
# rpctypes.ErrGRPCRequestTooLarge (INVALID_ARGUMENT).
TOO_LARGE_MESSAGE = "etcdserver: request is too large"
# grpc-go's answer when a message is over etcd's gRPC receive limit
# (--max-request-bytes plus 512 KiB of gRPC overhead), RESOURCE_EXHAUSTED.
GRPC_TOO_LARGE_MESSAGE = "received message larger than max"

# gRPC core's messages for an RPC that failed before it was given to a transport:
# the load balancer found no connected address. Such an RPC never reached etcd.
_NEVER_SENT_MESSAGES = (
    "failed to connect to all addresses",
    "DNS resolution failed",
    "empty address list",
)


class ErrorKind(enum.Enum):
    COMPACTED = "compacted"
    FUTURE_REVISION = "future revision"
    TOO_LARGE = "too large"
    INVALID_REQUEST = "invalid request"
    UNAVAILABLE = "unavailable"


def kind_of(err: grpc.aio.AioRpcError) -> ErrorKind:
    """Classify an etcd RPC failure."""
    code = err.code()
    details = err.details() or ""
    if code is grpc.StatusCode.OUT_OF_RANGE:
        if COMPACTED_MESSAGE in details:
            return ErrorKind.COMPACTED
        if FUTURE_REVISION_MESSAGE in details:
            return ErrorKind.FUTURE_REVISION
        return ErrorKind.INVALID_REQUEST
    if TOO_LARGE_MESSAGE in details or (
        code is grpc.StatusCode.RESOURCE_EXHAUSTED and GRPC_TOO_LARGE_MESSAGE in details
    ):
        return ErrorKind.TOO_LARGE
    if code in (grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.FAILED_PRECONDITION):
        return ErrorKind.INVALID_REQUEST
    # Everything else (UNAVAILABLE, DEADLINE_EXCEEDED, a reset stream, "no leader",
    # "request timed out", auth refusals, a server-side RESOURCE_EXHAUSTED such as
    # "too many requests") means the outcome is unknown or etcd cannot serve us now.
    return ErrorKind.UNAVAILABLE


def retryable(err: grpc.aio.AioRpcError) -> bool:
    """Whether a read may be tried again, here or on another endpoint.

    UNAVAILABLE covers a connection that failed or broke and etcd's own "no leader",
    "leader changed" and "request timed out"; a DEADLINE_EXCEEDED has used the time.
    """
    return err.code() is grpc.StatusCode.UNAVAILABLE


def never_sent(err: grpc.aio.AioRpcError) -> bool:
    """Whether the RPC failed before reaching any etcd, so retrying cannot repeat it.

    gRPC fails an RPC with UNAVAILABLE without sending it when no address of the
    channel is connected (wait_for_ready is off). The same code also reports a
    connection that broke under an RPC already sent, so the message decides; this is
    clientv3's rule too (it retries a mutation only on "there is no address available").
    """
    if err.code() is not grpc.StatusCode.UNAVAILABLE:
        return False
    details = err.details() or ""
    return any(message in details for message in _NEVER_SENT_MESSAGES)


def describe(err: grpc.aio.AioRpcError) -> str:
    return f"{err.code().name}: {err.details() or ''}".rstrip(": ")


def translate(
    err: grpc.aio.AioRpcError, *, key: str = "", limit: int = 0, size: int = 0
) -> StorageError:
    """The storage error for a failure that needs no revision to describe it.

    COMPACTED and FUTURE_REVISION carry revisions the message does not hold; the
    backend builds those itself and calls this only for the other kinds.
    """
    kind = kind_of(err)
    if kind is ErrorKind.TOO_LARGE:
        return ValueTooLargeError(key, size, limit)
    if kind is ErrorKind.INVALID_REQUEST:
        return InvalidRequestError(f"etcd refused the request: {describe(err)}")
    return StorageUnavailableError(f"etcd: {describe(err)}")
