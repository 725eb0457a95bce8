"""resourceVersion parsing: opaque to clients, a storage revision to us."""

from __future__ import annotations

from kcp.apimachinery.errors import BadRequestError

__all__ = ["parse_resource_version"]


def parse_resource_version(value: str) -> int:
    """The revision in a client-supplied resourceVersion ("" and "0" mean 0)."""
    if value in ("", "0"):
        return 0
    if not value.isdigit() or len(value) > 19:
        raise BadRequestError(f'invalid resource version "{value}"')
    return int(value)
