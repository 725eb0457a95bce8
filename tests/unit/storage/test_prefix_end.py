"""`prefix_end`: the exclusive end of a prefix range, as etcd's GetPrefixRangeEnd.

Pure function, so every edge case is cheap: ASCII, the last code point, the surrogate
gap that UTF-8 cannot encode, and the property that matters to `range` and `watch`:
every key with the prefix is inside [prefix, end), every other key at or after the
prefix is not, in UTF-8 byte order.
"""

from __future__ import annotations

import pytest

from kcp.storage.interface import RANGE_ALL, prefix_end

MAX = "\U0010ffff"


@pytest.mark.parametrize(
    ("prefix", "end"),
    [
        pytest.param("a", "b", id="one-ascii"),
        pytest.param("/registry/pods/", "/registry/pods0", id="slash-becomes-zero"),
        pytest.param("/a", "/b", id="sibling-prefix"),
        pytest.param("a\x7f", "a\x80", id="ascii-to-two-byte-utf8"),
        pytest.param("a\uffff", "a\U00010000", id="bmp-to-astral"),
        pytest.param("\ud7ff", "\ue000", id="steps-over-surrogates"),
        pytest.param("ab" + MAX, "ac", id="drops-trailing-max"),
        pytest.param("a" + MAX + MAX, "b", id="drops-several-trailing-max"),
        pytest.param("", RANGE_ALL, id="empty-is-everything"),
        pytest.param(MAX, RANGE_ALL, id="only-max-is-everything"),
        pytest.param(MAX * 3, RANGE_ALL, id="all-max-is-everything"),
    ],
)
def test_prefix_end_increments_last_incrementable_code_point(prefix: str, end: str) -> None:
    assert prefix_end(prefix) == end


def test_prefix_end_is_encodable_as_utf8() -> None:
    for prefix in ["\ud7ff", "x\ud7ff", "\ud7ff" + MAX]:
        prefix_end(prefix).encode("utf-8")  # raises UnicodeEncodeError on a surrogate


_SAMPLE_KEYS = [
    "",
    "/",
    "/a",
    "/a/",
    "/a/b",
    "/a0",
    "/ab",
    "/b",
    "/a\x7f",
    "/a\x80",
    "/a\uffff",
    "/a\U00010000",
    "/a" + MAX,
    "/a" + MAX + "x",
    "\ud7ff",
    "\ue000",
    MAX,
]


@pytest.mark.parametrize("prefix", ["/a", "/a/", "/a\uffff", "/a" + MAX, "\ud7ff", MAX, "/", "z"])
def test_prefix_range_holds_exactly_the_keys_with_the_prefix(prefix: str) -> None:
    end = prefix_end(prefix)
    for key in _SAMPLE_KEYS:
        if key < prefix:
            continue
        raw = key.encode()
        in_range = end == RANGE_ALL or raw < end.encode()
        assert in_range == key.startswith(prefix), (key, prefix, end)
