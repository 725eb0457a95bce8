"""Typed keys for the state the aiohttp application holds."""

from __future__ import annotations

from aiohttp import web

from kcp.endpoints.api import APIHandler
from kcp.server.config import Config
from kcp.storage.interface import Storage

CONFIG = web.AppKey("config", Config)
STORAGE = web.AppKey("storage", Storage)
API = web.AppKey("api", APIHandler)
