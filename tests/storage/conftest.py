"""Storage fixtures: a real etcd per session, and each backend behind one `storage` fixture.

Each test gets its own key prefix on the shared etcd (we never wipe the keyspace),
or a fresh embedded store in its own temporary directory.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from kcp.storage.interface import Storage
from tests.helpers.etcd import EtcdProcess

_prefix_counter = itertools.count()


@pytest.fixture
def key_prefix(request: pytest.FixtureRequest) -> str:
    """A key prefix no other test uses."""
    return f"/t{next(_prefix_counter)}-{request.node.name[:40]}/"


@pytest.fixture(params=["embedded", "etcd"])
def backend_name(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


@pytest.fixture
async def storage(
    backend_name: str, request: pytest.FixtureRequest, tmp_path: Path, key_prefix: str
) -> AsyncIterator[Storage]:
    """The storage contract, once per backend.

    etcd: the session's etcd with a per-test `--etcd-prefix`, so every test sees an
    empty keyspace of its own. embedded: a fresh SQLite store in the test's temp dir.
    Tests that compact need `fresh_storage`, since compaction is global in etcd.
    """
    store = await open_backend(backend_name, request, tmp_path, key_prefix)
    try:
        yield store
    finally:
        await store.close()


@pytest.fixture
async def fresh_storage(
    backend_name: str, tmp_path: Path, key_prefix: str
) -> AsyncIterator[Storage]:
    """Like `storage`, on an etcd of its own: for compaction and revision-exact tests."""
    if backend_name == "etcd":
        etcd = EtcdProcess(tmp_path / "etcd-data")
        etcd.start()
        store = await open_etcd([etcd.endpoint], key_prefix)
        try:
            yield store
        finally:
            await store.close()
            etcd.stop()
    else:
        store = await open_embedded(tmp_path / "embedded")
        try:
            yield store
        finally:
            await store.close()


async def open_backend(
    name: str, request: pytest.FixtureRequest, tmp_path: Path, key_prefix: str
) -> Storage:
    if name == "etcd":
        etcd: EtcdProcess = request.getfixturevalue("etcd_server")
        return await open_etcd([etcd.endpoint], key_prefix)
    return await open_embedded(tmp_path / "embedded")


async def open_etcd(endpoints: list[str], prefix: str) -> Storage:
    from kcp.storage.etcd.backend import EtcdConfig, EtcdStorage

    return await EtcdStorage.connect(EtcdConfig(endpoints=tuple(endpoints), prefix=prefix))


async def open_embedded(directory: Path) -> Storage:
    from kcp.storage.embedded.backend import EmbeddedStorage

    return await EmbeddedStorage.open(directory)
