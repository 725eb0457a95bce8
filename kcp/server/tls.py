"""The TLS context of the secure port.

TLS 1.2 or newer, HTTP/1.1 over ALPN (aiohttp speaks no HTTP/2). Client certificates
are not asked for yet; the security work adds the client CA and verification.
"""

from __future__ import annotations

import ssl

from kcp.auth.pki import ServingFiles

__all__ = ["serving_context"]


def serving_context(files: ServingFiles) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(files.cert, files.key)
    context.set_alpn_protocols(["http/1.1"])
    return context
