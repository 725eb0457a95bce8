"""The protobuf wire reader: varints, fixed words, length-delimited fields, groups, errors."""

from __future__ import annotations

import pytest

from kcp.endpoints.protobuf import wire
from kcp.endpoints.protobuf.wire import DecodeError


def varint(value: int) -> bytes:
    out = bytearray()
    value &= (1 << 64) - 1
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def tag(number: int, wire_type: int) -> bytes:
    return varint(number << 3 | wire_type)


def test_iter_fields_reads_every_wire_type_in_order() -> None:
    data = (
        tag(1, wire.VARINT)
        + varint(300)
        + tag(2, wire.LENGTH_DELIMITED)
        + varint(3)
        + b"abc"
        + tag(3, wire.FIXED32)
        + (7).to_bytes(4, "little")
        + tag(4, wire.FIXED64)
        + (9).to_bytes(8, "little")
    )
    assert list(wire.iter_fields(data)) == [
        (1, wire.VARINT, 300),
        (2, wire.LENGTH_DELIMITED, b"abc"),
        (3, wire.FIXED32, 7),
        (4, wire.FIXED64, 9),
    ]


def test_iter_fields_empty_message_yields_nothing() -> None:
    assert list(wire.iter_fields(b"")) == []


def test_iter_fields_large_field_numbers_are_read() -> None:
    assert list(wire.iter_fields(tag(536870911, wire.VARINT) + b"\x01")) == [
        (536870911, wire.VARINT, 1)
    ]


def test_iter_fields_skips_groups_nested_or_not() -> None:
    group = tag(5, 3) + tag(1, wire.VARINT) + b"\x01" + tag(6, 3) + tag(6, 4) + tag(5, 4)
    data = tag(1, wire.VARINT) + b"\x02" + group + tag(2, wire.VARINT) + b"\x03"
    assert list(wire.iter_fields(data)) == [(1, wire.VARINT, 2), (2, wire.VARINT, 3)]


def test_varint_of_ten_bytes_keeps_the_low_64_bits() -> None:
    data = tag(1, wire.VARINT) + b"\xff" * 9 + b"\x7f"
    assert list(wire.iter_fields(data)) == [(1, wire.VARINT, (1 << 64) - 1)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"\x08", "truncated varint", id="missing-varint"),
        pytest.param(b"\x08\x80\x80", "truncated varint", id="unterminated-varint"),
        pytest.param(b"\x08" + b"\xff" * 10 + b"\x01", "overflows 64 bits", id="varint-overflow"),
        pytest.param(b"\x12\x05abc", "runs past the end", id="short-length-delimited"),
        pytest.param(b"\x12", "truncated varint", id="missing-length"),
        pytest.param(b"\x1d\x01\x02", "truncated fixed32", id="short-fixed32"),
        pytest.param(b"\x21\x01", "truncated fixed64", id="short-fixed64"),
        pytest.param(b"\x00\x01", "illegal field number 0", id="field-zero"),
        pytest.param(b"\x0e\x01", "illegal wire type 6", id="wire-type-6"),
        pytest.param(b"\x0f\x01", "illegal wire type 7", id="wire-type-7"),
        pytest.param(b"\x0c", "unexpected end of group", id="stray-end-group"),
        pytest.param(b"\x0b\x08\x01", "truncated group", id="unterminated-group"),
        pytest.param(b"\x80", "truncated varint", id="truncated-tag"),
        pytest.param(varint(1 << 35 | 0), "illegal field number", id="field-number-too-big"),
    ],
)
def test_iter_fields_malformed_input_raises_decode_error(data: bytes, message: str) -> None:
    with pytest.raises(DecodeError, match=message):
        list(wire.iter_fields(data))


@pytest.mark.parametrize(
    ("raw", "int32", "int64"),
    [
        (0, 0, 0),
        (1, 1, 1),
        ((1 << 31) - 1, (1 << 31) - 1, (1 << 31) - 1),
        ((1 << 64) - 1, -1, -1),  # -1 as gogo writes it: sign-extended to ten bytes
        ((1 << 64) - 3, -3, -3),
        (1 << 63, 0, -(1 << 63)),
        (1 << 32 | 5, 5, (1 << 32) | 5),  # int32(v) keeps the low 32 bits only
    ],
)
def test_to_int_conversions_follow_go_casts(raw: int, int32: int, int64: int) -> None:
    assert (wire.to_int32(raw), wire.to_int64(raw)) == (int32, int64)
