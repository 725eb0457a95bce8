"""One process per store directory, enforced with an advisory `flock`.

SQLite would let a second process open the same database and write to it; our
revision counter, group commit and watch announcements live in one process and
would silently diverge. So the store takes an exclusive, non-blocking `flock` on
`<directory>/LOCK` for as long as it is open. The kernel drops the lock when the
process dies, even by kill -9, so a crashed process never leaves a stale lock behind.
Two opens in one process conflict too: `flock` locks belong to open file descriptions.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from kcp.storage.errors import StorageUnavailableError

__all__ = ["LOCK_FILE", "DirectoryLock"]

LOCK_FILE = "LOCK"


class DirectoryLock:
    """An exclusive lock on a store directory, held from `acquire` to `release`."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / LOCK_FILE
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise StorageUnavailableError naming the holder."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as err:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise StorageUnavailableError(
                f"embedded store {self.path.parent} is in use by another process "
                f"(pid {holder}); only one kcp may open it at a time"
            ) from err
        except BaseException:
            os.close(fd)
            raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
