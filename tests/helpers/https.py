"""An aiohttp client session that trusts a kcp root directory's serving CA."""

from __future__ import annotations

import ssl
from pathlib import Path

import aiohttp


def client_session(root_directory: Path) -> aiohttp.ClientSession:
    context = ssl.create_default_context(cafile=str(root_directory / "serving-ca.crt"))
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=context))
