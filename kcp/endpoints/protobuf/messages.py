"""Message descriptors and the one function that turns a message's bytes into JSON.

A `Message` is a table: field number -> `Field` (JSON name, value type, cardinality,
`omitempty`); a field's type is a scalar or special `Kind`, or another `Message`. The
tables live in `messages_<group>.py`, written from the k8s.io/api and k8s.io/apimachinery
`generated.proto` files (v0.32.4) and the Go struct tags next to them, which decide how
each field looks in JSON.

`decode_message` yields exactly what `json.Marshal` gives for the Go struct that gogo's
generated `Unmarshal` fills from the same bytes, so a protobuf body becomes the very
dict a JSON client would have sent (kubectl <= 1.31 sent JSON for the same commands):

- a value field (Go `string`, `int64`, `bool`) absent from the wire is its zero value;
  `omitempty` drops zero values. gogo writes every optional scalar, so `""`, `0` and
  `false` arrive on the wire and are dropped the same way.
- a pointer field (`*bool`, `*int64`, `*Struct`) is emitted whenever it is on the wire,
  zero or not, and is absent (`omitempty`) or `null` otherwise.
- a struct-valued field is always emitted, as `encoding/json` ignores `omitempty` on
  structs: hence `"creationTimestamp": null` and `"spec": {}`.
- repeated fields and maps with nothing on the wire are nil in Go: dropped with
  `omitempty`, `null` without (`Role.rules`).
- a non-repeated message field seen twice is merged, as protobuf specifies: its
  occurrences are concatenated before decoding.

The special types follow their Go JSON marshallers: `Time` is RFC 3339 in UTC at second
precision (nanos are ignored, as `metav1.Time.Unmarshal` ignores them), `MicroTime` keeps
microseconds, empty times are `null`; `bytes` are base64; `FieldsV1` is its raw JSON;
`IntOrString` is a number or a string; `Quantity` is its string; `ExtraValue` is a list.
Strings are not UTF-8-checked by Go, and `json.Marshal` writes U+FFFD for each invalid
byte; this module does the same.
"""

from __future__ import annotations

import base64
import codecs
import datetime
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

import orjson

from kcp.apimachinery.unstructured import JSON
from kcp.endpoints.protobuf import wire
from kcp.endpoints.protobuf.wire import DecodeError

__all__ = [
    "Card",
    "Field",
    "Kind",
    "Message",
    "decode_message",
]


class Kind(enum.Enum):
    """What one value of a field is on the wire and in JSON."""

    STRING = "string"
    BYTES = "bytes"
    BOOL = "bool"
    INT32 = "int32"
    INT64 = "int64"
    TIME = "Time"  # meta/v1 Time{seconds, nanos} -> "2006-01-02T15:04:05Z" or null
    MICRO_TIME = "MicroTime"  # meta/v1 MicroTime -> "2006-01-02T15:04:05.000000Z" or null
    FIELDS_V1 = "FieldsV1"  # meta/v1 FieldsV1{Raw} -> the JSON it holds
    INT_OR_STRING = "IntOrString"  # util/intstr IntOrString{type, intVal, strVal}
    QUANTITY = "Quantity"  # api/resource Quantity{string}
    STRING_LIST = "ExtraValue"  # a message {repeated string items = 1} -> list of strings


class Card(enum.Enum):
    """The Go shape of a field: a value, a pointer, a slice or a map."""

    VALUE = "value"
    POINTER = "pointer"
    REPEATED = "repeated"
    MAP = "map"  # map<string, kind>, entries are {1: key, 2: value}


_VARINT_KINDS = frozenset({Kind.BOOL, Kind.INT32, Kind.INT64})


@dataclass(frozen=True, slots=True)
class Field:
    """One row of a message table: `type` is a scalar or special Kind, or a Message."""

    number: int
    name: str  # the JSON name, from the Go struct tag
    type: Kind | Message
    card: Card = Card.VALUE
    omitempty: bool = True


@dataclass(frozen=True, slots=True)
class Message:
    name: str  # the proto name, for error messages
    fields: tuple[Field, ...]  # in Go struct order, which is the JSON key order
    by_number: Mapping[int, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_number = {f.number: f for f in self.fields}
        if len(by_number) != len(self.fields):
            raise ValueError(f"message {self.name}: duplicate field numbers")
        object.__setattr__(self, "by_number", by_number)


def _replace_each_byte(err: UnicodeError) -> tuple[str, int]:
    """Go's json.Marshal: one U+FFFD per byte of an invalid UTF-8 sequence."""
    assert isinstance(err, UnicodeDecodeError)
    return "\ufffd" * (err.end - err.start), err.end


_UTF8_ERRORS = "kcp-protobuf-go-replace"
codecs.register_error(_UTF8_ERRORS, _replace_each_byte)


def _text(value: bytes) -> str:
    return value.decode("utf-8", _UTF8_ERRORS)


# ---- special types -------------------------------------------------------------------

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def _timestamp(data: bytes) -> tuple[int, int]:
    seconds = nanos = 0
    for number, wire_type, value in wire.iter_fields(data):
        if number in (1, 2):
            if wire_type != wire.VARINT:
                raise DecodeError(f"Timestamp field {number}: wire type {wire_type}, want varint")
            assert isinstance(value, int)
            if number == 1:
                seconds = wire.to_int64(value)
            else:
                nanos = wire.to_int32(value)
    return seconds, nanos


def _instant(microseconds: int) -> datetime.datetime:
    try:
        return _EPOCH + datetime.timedelta(microseconds=microseconds)
    except OverflowError as err:
        raise DecodeError("time out of range") from err


def _rfc3339(moment: datetime.datetime) -> str:
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        f"T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}"
    )


def _time(data: bytes) -> JSON:
    if not data:
        return None  # metav1.Time.Unmarshal: no bytes is the zero time, JSON null
    seconds, _ = _timestamp(data)
    return _rfc3339(_instant(seconds * 1_000_000)) + "Z"


def _micro_time(data: bytes) -> JSON:
    if not data:
        return None
    seconds, nanos = _timestamp(data)
    micros = abs(nanos) // 1000 * (1 if nanos >= 0 else -1)  # Go truncates toward zero
    moment = _instant(seconds * 1_000_000 + micros)
    return f"{_rfc3339(moment)}.{moment.microsecond:06d}Z"


def _fields_v1(data: bytes) -> JSON:
    raw: bytes | None = None
    for number, wire_type, value in wire.iter_fields(data):
        if number == 1:
            raw = _bytes_of(value, wire_type, "FieldsV1.Raw")
    if raw is None:
        return None
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as err:
        raise DecodeError(f"FieldsV1 does not hold JSON: {err}") from err


def _int_or_string(data: bytes) -> JSON:
    kind = int_value = 0
    str_value = ""
    for number, wire_type, value in wire.iter_fields(data):
        if number == 3:
            str_value = _text(_bytes_of(value, wire_type, "IntOrString.strVal"))
        elif number in (1, 2):
            if wire_type != wire.VARINT:
                raise DecodeError(f"IntOrString field {number}: wire type {wire_type}, want varint")
            assert isinstance(value, int)
            if number == 1:
                kind = wire.to_int64(value)
            else:
                int_value = wire.to_int32(value)
    if kind == 0:
        return int_value
    if kind == 1:
        return str_value
    raise DecodeError(f"impossible IntOrString.Type {kind}")


def _quantity(data: bytes) -> JSON:
    text = ""
    for number, wire_type, value in wire.iter_fields(data):
        if number == 1:
            text = _text(_bytes_of(value, wire_type, "Quantity.string"))
    return text or "0"  # the zero Quantity marshals as "0"


def _string_list(data: bytes) -> JSON:
    # gogo starts each map value at `&ExtraValue{}`, so an empty one is [], not null
    return [
        _text(_bytes_of(value, wire_type, "ExtraValue.items"))
        for number, wire_type, value in wire.iter_fields(data)
        if number == 1
    ]


def _bytes_of(value: wire.WireValue, wire_type: int, where: str) -> bytes:
    if wire_type != wire.LENGTH_DELIMITED or not isinstance(value, bytes):
        raise DecodeError(f"{where}: wire type {wire_type}, want length-delimited")
    return value


# ---- the generic decoder -------------------------------------------------------------

_ZERO: dict[Kind, JSON] = {
    Kind.STRING: "",
    Kind.BYTES: "",
    Kind.BOOL: False,
    Kind.INT32: 0,
    Kind.INT64: 0,
}


def _convert(f: Field, value: wire.WireValue, wire_type: int, where: str) -> JSON:
    """One wire value of `f` as JSON (for a Message: its raw bytes, decoded later)."""
    if f.type in _VARINT_KINDS:
        if wire_type != wire.VARINT or not isinstance(value, int):
            raise DecodeError(f"{where}: wire type {wire_type}, want varint")
        if f.type is Kind.BOOL:
            return value != 0
        return wire.to_int32(value) if f.type is Kind.INT32 else wire.to_int64(value)
    data = _bytes_of(value, wire_type, where)
    if isinstance(f.type, Message):
        return data
    if f.type is Kind.STRING:
        return _text(data)
    if f.type is Kind.BYTES:
        return base64.b64encode(data).decode("ascii")
    return _SPECIAL[f.type](data)


_SPECIAL = {
    Kind.TIME: _time,
    Kind.MICRO_TIME: _micro_time,
    Kind.FIELDS_V1: _fields_v1,
    Kind.INT_OR_STRING: _int_or_string,
    Kind.QUANTITY: _quantity,
    Kind.STRING_LIST: _string_list,
}


def _map_entry(f: Field, data: bytes, where: str) -> tuple[str, JSON]:
    key = ""
    item: JSON = None
    present = False
    for number, wire_type, value in wire.iter_fields(data):
        if number == 1:
            key = _text(_bytes_of(value, wire_type, where + " key"))
        elif number == 2:
            item = _convert(f, value, wire_type, f"{where}[{key!r}]")
            present = True
    if not present:  # gogo fills a missing value with the zero value of its type
        item = _convert(f, b"", wire.LENGTH_DELIMITED, where)
    return key, _nested(f, item)


def decode_message(data: bytes, message: Message) -> dict[str, JSON]:
    """The JSON object `json.Marshal` writes for `message` unmarshalled from `data`.

    Unknown fields are skipped. Raises DecodeError for malformed bytes, a wire type
    that does not match the field, or a special value that cannot be represented.
    """
    seen: dict[int, list[JSON]] = {}
    for number, wire_type, value in wire.iter_fields(data):
        f = message.by_number.get(number)
        if f is None:
            continue
        where = f"{message.name}.{f.name}"
        if f.card is Card.MAP:
            seen.setdefault(number, []).append(
                _map_entry(f, _bytes_of(value, wire_type, where), where)
            )
        else:
            seen.setdefault(number, []).append(_convert(f, value, wire_type, where))
    out: dict[str, JSON] = {}
    for f in message.fields:
        values = seen.get(f.number)
        if f.card is Card.REPEATED:
            items = [_nested(f, v) for v in values] if values else None
            if items is not None or not f.omitempty:
                out[f.name] = items
        elif f.card is Card.MAP:
            if values or not f.omitempty:
                out[f.name] = dict(values) if values else None
        elif values is None and f.card is Card.POINTER:
            if not f.omitempty:
                out[f.name] = None
        elif isinstance(f.type, Message):  # merged, and never omitted when a struct value
            out[f.name] = decode_message(b"".join(values or ()), f.type)
        elif f.type in _SPECIAL:  # struct values: never omitted
            out[f.name] = values[-1] if values else _SPECIAL[f.type](b"")
        else:
            value = values[-1] if values else _ZERO[f.type]
            if f.card is Card.POINTER or not f.omitempty or value != _ZERO[f.type]:
                out[f.name] = value
    return out


def _nested(f: Field, value: JSON) -> JSON:
    if isinstance(f.type, Message):
        return decode_message(value, f.type)
    return value
