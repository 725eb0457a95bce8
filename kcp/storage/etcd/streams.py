"""Bidirectional Watch calls: opening them, closing them cleanly, and one probe.

grpc.aio runs one task per streaming call that waits for the call's final status
(cygrpc `_AioCall._handle_status_once_received`); after a call is canceled it ends a
few loop turns later, once gRPC core has reported the cancellation. A closed watch
should leave nothing running behind it, so whoever cancels a call can `settle` that
task. It is found by what appeared in `asyncio.all_tasks()` around the call's first
write, and by its name, gRPC offering no handle on it; should either change, nothing
is found and closing simply does not wait.

`compacted_revision` is here because it is the one other user of a Watch call.
"""

from __future__ import annotations

import asyncio

import grpc

from kcp.storage.etcd._proto import etcd_pb2 as pb
from kcp.storage.etcd.channels import Member, Members

__all__ = ["WatchCall", "compacted_revision", "open_call", "settle", "status_task"]

WatchCall = grpc.aio.StreamStreamCall[pb.WatchRequest, pb.WatchResponse]

# How long closing waits for gRPC to finish its bookkeeping of canceled streams.
SETTLE_TIMEOUT = 1.0
# The coroutine name of gRPC's status task (see the module docstring).
_STATUS_TASK = "_handle_status_once_received"


def open_call(member: Member) -> tuple[WatchCall, set[asyncio.Task[object]]]:
    """Start a Watch call; also return the tasks that existed before it.

    Pass that set to `status_task` once the call has sent its first message.
    """
    before = asyncio.all_tasks()
    return member.watch.Watch(None, wait_for_ready=False), before


def status_task(before: set[asyncio.Task[object]]) -> asyncio.Task[object] | None:
    """gRPC's status task of the call started after `before`, if it can be told apart.

    Another stream started in the same window makes it ambiguous; then None, and
    closing simply does not wait for it.
    """
    spawned = [
        task
        for task in asyncio.all_tasks() - before
        if _STATUS_TASK in getattr(task.get_coro(), "__qualname__", "")
    ]
    return spawned[0] if len(spawned) == 1 else None


async def settle(tasks: list[asyncio.Task[object]]) -> None:
    """Wait, briefly, for gRPC's status tasks of canceled calls to end."""
    pending = [task for task in tasks if not task.done()]
    tasks.clear()
    if pending:
        await asyncio.wait(pending, timeout=SETTLE_TIMEOUT)


async def compacted_revision(members: Members, key: bytes, within: float) -> int | None:
    """The cluster's compacted revision, or None if it cannot be learnt in time.

    A read below the compacted revision fails with a message that does not say where
    history now starts; a watch from revision 1 answers with exactly that
    (`compact_revision`) and no events, so this asks a throwaway watch.
    """
    member = members.pick()
    call, before = open_call(member)
    tasks: list[asyncio.Task[object]] = []
    try:
        async with asyncio.timeout(within):
            create = pb.WatchCreateRequest(key=key, start_revision=1)
            try:
                await call.write(pb.WatchRequest(create_request=create))
            finally:
                if (task := status_task(before)) is not None:
                    tasks.append(task)
            while True:
                message = await call.read()
                if not isinstance(message, pb.WatchResponse):
                    return None
                if message.compact_revision:
                    return message.compact_revision
                if message.events or message.canceled:
                    return None
    except (grpc.aio.AioRpcError, TimeoutError):
        return None
    finally:
        call.cancel()
        await settle(tasks)
