"""Protobuf request bodies: the envelope, Go's JSON rules, bad input, and fuzzing.

The per-kind field tables are checked against Go in test_protobuf_vectors*.py; this
module covers the decoder's behaviour on inputs Go would not produce: unknown fields,
repeated occurrences, broken special values, and arbitrary bytes, which must only ever
give a BadRequestError (a 400), never another exception (a 500).
"""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kcp.apimachinery.errors import BadRequestError
from kcp.apimachinery.unstructured import JSON
from kcp.endpoints import negotiation, protobuf
from kcp.endpoints.protobuf import wire
from kcp.endpoints.protobuf.messages import Card, Field, Kind, Message, decode_message
from kcp.endpoints.protobuf.wire import DecodeError
from tests.unit.endpoints.test_protobuf_vectors import GO_VECTORS, KUBECTL_VECTORS, Vector
from tests.unit.endpoints.test_protobuf_wire import tag, varint

PROTOBUF = "application/vnd.kubernetes.protobuf"


def ld(number: int, payload: bytes) -> bytes:
    return tag(number, wire.LENGTH_DELIMITED) + varint(len(payload)) + payload


def vi(number: int, value: int) -> bytes:
    return tag(number, wire.VARINT) + varint(value)


def body(api_version: str, kind: str, raw: bytes) -> bytes:
    type_meta = ld(1, api_version.encode()) + ld(2, kind.encode())
    return protobuf.MAGIC + ld(1, type_meta) + ld(2, raw) + ld(3, b"") + ld(4, b"")


def configmap(*fields: bytes) -> bytes:
    return body("v1", "ConfigMap", b"".join(fields))


def wrapped(kind: Kind, card: Card = Card.VALUE, *, omitempty: bool = True) -> Message:
    return Message("test.Wrapper", (Field(1, "value", kind, card, omitempty=omitempty),))


# ---- the envelope --------------------------------------------------------------------


def test_decode_sets_kind_and_api_version_from_the_envelope() -> None:
    obj = protobuf.decode(configmap(ld(1, ld(1, b"cm"))))
    assert obj == {
        "kind": "ConfigMap",
        "apiVersion": "v1",
        "metadata": {"name": "cm", "creationTimestamp": None},
    }


def test_decode_delete_options_under_any_group_version() -> None:
    raw = vi(1, 0) + ld(4, b"Foreground") + ld(5, b"All")
    for api_version in ("v1", "meta.k8s.io/v1", "rbac.authorization.k8s.io/v1"):
        assert protobuf.decode(body(api_version, "DeleteOptions", raw)) == {
            "kind": "DeleteOptions",
            "apiVersion": api_version,
            "gracePeriodSeconds": 0,
            "propagationPolicy": "Foreground",
            "dryRun": ["All"],
        }


def test_decode_ignores_content_encoding_and_type_like_upstream() -> None:
    type_meta = ld(1, b"v1") + ld(2, b"ServiceAccount")
    data = protobuf.MAGIC + ld(3, b"gzip") + ld(1, type_meta) + ld(4, b"x/y") + ld(2, b"")
    assert protobuf.decode(data)["kind"] == "ServiceAccount"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "empty data", id="empty"),
        pytest.param(b"k8s\x00", "empty body", id="magic-only"),
        pytest.param(b'{"kind":"ConfigMap"}', r"expected prefix \[107 56 115 0\]", id="json"),
        pytest.param(b"k8s", "expected prefix", id="short-magic"),
        pytest.param(body("v1", "", b""), "Object 'Kind' is missing", id="no-kind"),
        pytest.param(body("", "ConfigMap", b""), "Object 'apiVersion' is missing", id="no-version"),
        pytest.param(
            body("v1", "Pod", b""),
            'no kind "Pod" is registered for version "v1"',
            id="unsupported-kind",
        ),
        pytest.param(
            body("rbac.authorization.k8s.io/v1", "ConfigMap", b""),
            'no kind "ConfigMap" is registered for version "rbac.authorization.k8s.io/v1"',
            id="kind-in-wrong-group",
        ),
        pytest.param(
            body("example.com/v1", "Widget", b""), 'no kind "Widget"', id="custom-resource"
        ),
        pytest.param(b"k8s\x00\x0a\x05\x0a\x02v1", "runs past the end", id="truncated-envelope"),
        pytest.param(
            protobuf.MAGIC + vi(1, 1), "runtime.Unknown field 1: wire type 0", id="typemeta-varint"
        ),
        pytest.param(
            configmap(ld(2, ld(1, b"a") + ld(2, b"b"))[:-1]),
            "runs past the end",
            id="truncated-raw",
        ),
    ],
)
def test_decode_bad_body_is_400(data: bytes, message: str) -> None:
    with pytest.raises(BadRequestError, match=message) as caught:
        protobuf.decode(data)
    assert caught.value.code == 400


def test_decode_every_truncation_of_real_bodies_is_a_result_or_400() -> None:
    for vector in KUBECTL_VECTORS + GO_VECTORS:
        data = bytes.fromhex(vector.hex)
        for end in range(len(data)):
            _decode_or_400(data[:end])


# ---- Go's JSON rules -----------------------------------------------------------------


def test_unknown_fields_of_every_wire_type_are_skipped() -> None:
    unknown = (
        vi(90, 5)
        + ld(91, b"\x00\xff")
        + tag(92, wire.FIXED32)
        + b"abcd"
        + tag(93, wire.FIXED64)
        + b"abcdefgh"
        + tag(94, 3)
        + vi(1, 1)
        + tag(94, 4)
    )
    plain = protobuf.decode(configmap(ld(1, ld(1, b"cm")), ld(2, ld(1, b"a") + ld(2, b"b"))))
    noisy = protobuf.decode(
        configmap(
            unknown, ld(1, ld(1, b"cm") + unknown), ld(2, ld(1, b"a") + unknown + ld(2, b"b"))
        )
    )
    assert noisy == plain


def test_message_field_seen_twice_is_merged() -> None:
    obj = protobuf.decode(
        configmap(ld(1, ld(1, b"cm") + ld(11, ld(1, b"a") + ld(2, b"1"))), ld(1, ld(14, b"f")))
    )
    assert obj["metadata"] == {
        "name": "cm",
        "creationTimestamp": None,
        "labels": {"a": "1"},
        "finalizers": ["f"],
    }


def test_scalar_field_seen_twice_keeps_the_last() -> None:
    obj = protobuf.decode(configmap(ld(1, ld(1, b"first") + ld(1, b"second"))))
    assert obj["metadata"]["name"] == "second"


def test_map_duplicate_key_keeps_the_last_and_missing_parts_are_zero() -> None:
    data = (
        ld(2, ld(1, b"k") + ld(2, b"1"))
        + ld(2, ld(1, b"k") + ld(2, b"2"))
        + ld(2, ld(1, b"novalue"))
        + ld(2, ld(2, b"nokey"))
    )
    assert protobuf.decode(configmap(data))["data"] == {"k": "2", "novalue": "", "": "nokey"}


def test_secret_data_is_base64_of_the_bytes() -> None:
    obj = protobuf.decode(body("v1", "Secret", ld(2, ld(1, b"k") + ld(2, b"v\x00\xff"))))
    assert obj["data"] == {"k": "dgD/"}


def test_invalid_utf8_becomes_one_replacement_character_per_byte() -> None:
    obj = protobuf.decode(configmap(ld(1, ld(1, b"a\xffb\xe2\x82c"))))
    assert obj["metadata"]["name"] == "a\ufffdb\ufffd\ufffdc"


def test_pointer_zero_on_the_wire_is_kept_value_zero_is_omitted() -> None:
    obj = protobuf.decode(configmap(vi(4, 0), ld(1, vi(7, 0) + vi(10, 0))))
    assert obj["immutable"] is False
    assert obj["metadata"] == {"creationTimestamp": None, "deletionGracePeriodSeconds": 0}


def test_wrong_wire_type_for_a_known_field_is_400() -> None:
    with pytest.raises(BadRequestError, match=r"meta.v1.ObjectMeta.name: wire type 0"):
        protobuf.decode(configmap(ld(1, vi(1, 7))))
    with pytest.raises(BadRequestError, match=r"core.v1.ConfigMap.immutable: wire type 2"):
        protobuf.decode(configmap(ld(4, b"")))


@pytest.mark.parametrize(
    ("timestamp", "want"),
    [
        pytest.param(b"", None, id="empty-is-null"),
        pytest.param(vi(1, 0), "1970-01-01T00:00:00Z", id="epoch"),
        pytest.param(
            vi(1, 1735787045) + vi(2, 999_999_999), "2025-01-02T03:04:05Z", id="nanos-ignored"
        ),
        pytest.param(vi(1, -62135596800), "0001-01-01T00:00:00Z", id="year-one"),
        pytest.param(vi(1, (1 << 64) - 86400), "1969-12-31T00:00:00Z", id="negative"),
    ],
)
def test_time_is_rfc3339_in_utc_at_second_precision(timestamp: bytes, want: JSON) -> None:
    assert decode_message(ld(1, timestamp), wrapped(Kind.TIME))["value"] == want


@pytest.mark.parametrize(
    ("timestamp", "want"),
    [
        pytest.param(b"", None, id="empty-is-null"),
        pytest.param(
            vi(1, 1735787045) + vi(2, 678_901_234), "2025-01-02T03:04:05.678901Z", id="truncated"
        ),
        pytest.param(
            vi(1, 10) + vi(2, (1 << 64) - 1500), "1970-01-01T00:00:09.999999Z", id="negative-nanos"
        ),
    ],
)
def test_micro_time_keeps_microseconds(timestamp: bytes, want: JSON) -> None:
    assert decode_message(ld(1, timestamp), wrapped(Kind.MICRO_TIME))["value"] == want


@pytest.mark.parametrize(
    "timestamp",
    [
        pytest.param(vi(1, 1 << 62), id="far-future"),
        pytest.param(vi(1, (1 << 64) - (1 << 62)), id="far-past"),
        pytest.param(ld(1, b"x"), id="seconds-not-varint"),
    ],
)
def test_time_that_cannot_be_written_is_a_decode_error(timestamp: bytes) -> None:
    for kind in (Kind.TIME, Kind.MICRO_TIME):
        with pytest.raises(DecodeError):
            decode_message(ld(1, timestamp), wrapped(kind))


def test_fields_v1_is_its_json_and_rejects_anything_else() -> None:
    message = wrapped(Kind.FIELDS_V1, Card.POINTER)
    assert decode_message(ld(1, ld(1, b'{"f:a":{}}')), message) == {"value": {"f:a": {}}}
    assert decode_message(ld(1, b""), message) == {"value": None}
    with pytest.raises(DecodeError, match="FieldsV1 does not hold JSON"):
        decode_message(ld(1, ld(1, b"\xa1")), message)


@pytest.mark.parametrize(
    ("hex_value", "want"),
    [
        # intstr.FromInt32(8080), FromInt32(-3), FromInt32(0), FromString("25%") marshalled by Go
        pytest.param("080010903f1a00", 8080, id="int"),
        pytest.param("080010fdffffffffffffffff011a00", -3, id="negative"),
        pytest.param("080010001a00", 0, id="zero"),
        pytest.param("080110001a03323525", "25%", id="string"),
    ],
)
def test_int_or_string_is_a_number_or_a_string(hex_value: str, want: JSON) -> None:
    value = bytes.fromhex(hex_value)
    assert decode_message(ld(1, value), wrapped(Kind.INT_OR_STRING))["value"] == want


def test_int_or_string_of_unknown_type_is_a_decode_error() -> None:
    with pytest.raises(DecodeError, match=r"impossible IntOrString\.Type 2"):
        decode_message(ld(1, vi(1, 2)), wrapped(Kind.INT_OR_STRING))


@pytest.mark.parametrize(
    ("hex_value", "want"),
    [
        # resource.MustParse("2Gi"), MustParse("1500m") marshalled by Go
        pytest.param("0a03324769", "2Gi", id="binary-si"),
        pytest.param("0a05313530306d", "1500m", id="milli"),
        pytest.param("", "0", id="zero"),
    ],
)
def test_quantity_is_its_string(hex_value: str, want: JSON) -> None:
    value = bytes.fromhex(hex_value)
    assert decode_message(ld(1, value), wrapped(Kind.QUANTITY))["value"] == want


def test_absent_fields_follow_omitempty_and_go_nil() -> None:
    message = Message(
        "test.Absent",
        (
            Field(1, "str", Kind.STRING),
            Field(2, "strNoOmit", Kind.STRING, omitempty=False),
            Field(3, "ptr", Kind.INT64, Card.POINTER),
            Field(4, "ptrNoOmit", Kind.INT64, Card.POINTER, omitempty=False),
            Field(5, "list", Kind.STRING, Card.REPEATED),
            Field(6, "listNoOmit", Kind.STRING, Card.REPEATED, omitempty=False),
            Field(7, "map", Kind.BYTES, Card.MAP),
            Field(8, "mapNoOmit", Kind.BYTES, Card.MAP, omitempty=False),
            Field(9, "time", Kind.TIME),
            Field(10, "struct", Message("test.Empty", ())),
            Field(11, "bool", Kind.BOOL),
            Field(12, "boolNoOmit", Kind.BOOL, omitempty=False),
        ),
    )
    assert decode_message(b"", message) == {
        "strNoOmit": "",
        "ptrNoOmit": None,
        "listNoOmit": None,
        "mapNoOmit": None,
        "time": None,
        "struct": {},
        "boolNoOmit": False,
    }


def test_message_with_duplicate_field_numbers_is_refused() -> None:
    with pytest.raises(ValueError, match="duplicate field numbers"):
        Message("test.Dup", (Field(1, "a", Kind.STRING), Field(1, "b", Kind.STRING)))


# ---- negotiation ---------------------------------------------------------------------


def test_decode_body_reads_protobuf_content_type() -> None:
    data = bytes.fromhex(KUBECTL_VECTORS[0].hex)
    assert negotiation.decode_body(PROTOBUF, data) == KUBECTL_VECTORS[0].want
    assert negotiation.decode_object(f"{PROTOBUF}; charset=binary", data)["kind"] == "Namespace"
    assert PROTOBUF in negotiation.ACCEPTED_BODY_TYPES


def test_decode_body_protobuf_garbage_is_400() -> None:
    with pytest.raises(BadRequestError):
        negotiation.decode_body(PROTOBUF, b"k8s\x00\xff\xff")


# ---- fuzzing: arbitrary input is a result or a 400 -----------------------------------


def _message_bytes(depth: int) -> st.SearchStrategy[bytes]:
    """Plausible protobuf: small field numbers, every wire type, nested messages."""
    leaf = st.one_of(
        st.tuples(st.integers(1, 20), st.integers(0, (1 << 64) - 1)).map(lambda f: vi(*f)),
        st.tuples(st.integers(1, 20), st.binary(max_size=12)).map(lambda f: ld(*f)),
        st.tuples(st.integers(1, 20), st.binary(min_size=4, max_size=4)).map(
            lambda f: tag(f[0], wire.FIXED32) + f[1]
        ),
    )
    if depth == 0:
        fields = leaf
    else:
        nested = st.tuples(st.integers(1, 20), _message_bytes(depth - 1)).map(lambda f: ld(*f))
        fields = st.one_of(leaf, nested)
    return st.lists(fields, max_size=6).map(b"".join)


def _decode_or_400(data: bytes) -> None:
    """An object or a BadRequestError (400); any other exception fails the test."""
    with contextlib.suppress(BadRequestError):
        assert isinstance(protobuf.decode(data), dict)


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=256))
def test_fuzz_random_bytes_after_the_magic(data: bytes) -> None:
    _decode_or_400(protobuf.MAGIC + data)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(protobuf.KINDS)), _message_bytes(depth=4))
def test_fuzz_structured_raw_for_every_kind(key: tuple[str, str], raw: bytes) -> None:
    _decode_or_400(body(*key, raw))


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(KUBECTL_VECTORS + GO_VECTORS),
    st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), min_size=1, max_size=4),
)
def test_fuzz_corrupted_real_bodies(vector: Vector, flips: list[tuple[int, int]]) -> None:
    data = bytearray(bytes.fromhex(vector.hex))
    for position, value in flips:
        data[len(protobuf.MAGIC) + position % (len(data) - len(protobuf.MAGIC))] = value
    _decode_or_400(bytes(data))
