"""e2e fixtures: one `kcp start` per module, driven by the real kubectl."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.helpers.kcpserver import KcpProcess, start_kcp


@pytest.fixture(scope="module")
def kcp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KcpProcess]:
    server = start_kcp(tmp_path_factory.mktemp("kcp"))
    yield server
    server.stop()
