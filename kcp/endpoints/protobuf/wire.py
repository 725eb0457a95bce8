"""The protobuf wire format, read-only: tags, varints, fixed words, length-delimited bytes.

Just enough of https://protobuf.dev/programming-guides/encoding/ to walk the messages
that Kubernetes clients send, without `google.protobuf` (import-linter keeps protobuf
inside the etcd backend). It knows nothing of schemas: `iter_fields` yields raw
(field number, wire type, value) triples and skips groups, which is how the gogo-generated
Unmarshal code of k8s.io/api treats fields it does not know. Every malformed or truncated
input raises `DecodeError`, never IndexError or anything else, so the HTTP edge can turn
it into a 400.

The edge cases follow the gogo code generator that k8s.io/api uses (`generated.pb.go`):
a varint longer than ten bytes overflows, bits past 64 are dropped, field number 0 is
illegal, and a group end without a start is an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

__all__ = [
    "FIXED32",
    "FIXED64",
    "LENGTH_DELIMITED",
    "VARINT",
    "DecodeError",
    "iter_fields",
    "to_int32",
    "to_int64",
]

VARINT: Final = 0
FIXED64: Final = 1
LENGTH_DELIMITED: Final = 2
START_GROUP: Final = 3
END_GROUP: Final = 4
FIXED32: Final = 5

_MAX_VARINT_BYTES: Final = 10  # 64 bits at 7 bits a byte
_UINT64_MASK: Final = (1 << 64) - 1


class DecodeError(ValueError):
    """The bytes are not a well-formed protobuf message (of the expected shape)."""


WireValue = int | bytes


def _read_varint(data: bytes, pos: int) -> tuple[int, int]:
    """The unsigned varint at `pos` and the position after it."""
    value = shift = 0
    for index in range(pos, min(pos + _MAX_VARINT_BYTES, len(data))):
        byte = data[index]
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value & _UINT64_MASK, index + 1
        shift += 7
    if len(data) - pos >= _MAX_VARINT_BYTES:
        raise DecodeError(f"varint at offset {pos} overflows 64 bits")
    raise DecodeError(f"truncated varint at offset {pos}")


def _read_fixed(data: bytes, pos: int, size: int) -> tuple[int, int]:
    end = pos + size
    if end > len(data):
        raise DecodeError(f"truncated fixed{size * 8} at offset {pos}")
    return int.from_bytes(data[pos:end], "little"), end


def _read_tag(data: bytes, pos: int) -> tuple[int, int, int]:
    tag, pos = _read_varint(data, pos)
    number, wire_type = tag >> 3, tag & 0x7
    if number == 0 or number > 0x1FFFFFFF:
        raise DecodeError(f"illegal field number {number} at offset {pos}")
    return number, wire_type, pos


def _read_value(data: bytes, pos: int, wire_type: int) -> tuple[WireValue, int]:
    if wire_type == VARINT:
        return _read_varint(data, pos)
    if wire_type == FIXED64:
        return _read_fixed(data, pos, 8)
    if wire_type == FIXED32:
        return _read_fixed(data, pos, 4)
    if wire_type == LENGTH_DELIMITED:
        length, start = _read_varint(data, pos)
        end = start + length
        if end > len(data):
            raise DecodeError(f"length {length} at offset {pos} runs past the end of the data")
        return data[start:end], end
    raise DecodeError(f"illegal wire type {wire_type} at offset {pos}")


def _skip_group(data: bytes, pos: int) -> int:
    """The position after the END_GROUP matching a START_GROUP that ended at `pos`."""
    depth = 1
    while pos < len(data):
        _, wire_type, pos = _read_tag(data, pos)
        if wire_type == START_GROUP:
            depth += 1
        elif wire_type == END_GROUP:
            depth -= 1
            if depth == 0:
                return pos
        else:
            _, pos = _read_value(data, pos, wire_type)
    raise DecodeError("truncated group")


def iter_fields(data: bytes) -> Iterator[tuple[int, int, WireValue]]:
    """Each field of a message in wire order: (number, wire type, value).

    The value is an int for VARINT, FIXED32 and FIXED64 (unsigned, as read) and the
    bytes for LENGTH_DELIMITED. Groups are skipped. Raises DecodeError.
    """
    pos = 0
    while pos < len(data):
        number, wire_type, pos = _read_tag(data, pos)
        if wire_type == START_GROUP:
            pos = _skip_group(data, pos)
            continue
        if wire_type == END_GROUP:
            raise DecodeError(f"unexpected end of group at offset {pos}")
        value, pos = _read_value(data, pos, wire_type)
        yield number, wire_type, value


def to_int64(value: int) -> int:
    """A varint as Go's `int64(v)`: two's complement of the low 64 bits."""
    value &= _UINT64_MASK
    return value - (1 << 64) if value >= 1 << 63 else value


def to_int32(value: int) -> int:
    """A varint as Go's `int32(v)`: two's complement of the low 32 bits."""
    value &= 0xFFFFFFFF
    return value - (1 << 32) if value >= 1 << 31 else value
