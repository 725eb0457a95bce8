"""Suite-wide fixtures: the leaked-task guard, markers by directory, real etcd servers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.helpers.etcd import EtcdProcess

_KINDS = ("storage", "integration", "e2e")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        parts = Path(str(item.fspath)).parts
        for kind in _KINDS:
            if kind in parts:
                item.add_marker(getattr(pytest.mark, kind))


@pytest.fixture(autouse=True)
async def no_leaked_tasks() -> AsyncIterator[None]:
    """Fail a test that leaves asyncio tasks running behind it."""
    before = asyncio.all_tasks()
    yield
    current = asyncio.current_task()
    leaked = [t for t in asyncio.all_tasks() - before if t is not current and not t.done()]
    if leaked:
        # Give tasks that are finishing their cancellation one loop turn.
        await asyncio.sleep(0)
        leaked = [t for t in leaked if not t.done()]
    for task in leaked:
        task.cancel()
    assert not leaked, f"test leaked tasks: {leaked}"


@pytest.fixture(scope="session")
def etcd_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EtcdProcess]:
    """One real etcd for the session, on free loopback ports in a temp dir."""
    etcd = EtcdProcess(tmp_path_factory.mktemp("etcd") / "data")
    etcd.start()
    yield etcd
    etcd.stop()


@pytest.fixture
def etcd_fresh(tmp_path: Path) -> Iterator[EtcdProcess]:
    """A private etcd for tests that stop, kill or compact it."""
    etcd = EtcdProcess(tmp_path / "etcd-data")
    etcd.start()
    yield etcd
    etcd.stop()
