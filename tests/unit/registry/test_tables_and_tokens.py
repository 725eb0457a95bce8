from __future__ import annotations

import pytest

from kcp.apimachinery.continue_token import decode_continue, encode_continue
from kcp.apimachinery.errors import BadRequestError
from kcp.apimachinery.table import human_duration


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (-5, "<invalid>"),
        (-1, "0s"),
        (0, "0s"),
        (59, "59s"),
        (119, "119s"),
        (120, "2m"),
        (125, "2m5s"),
        (600, "10m"),
        (3 * 3600 - 1, "179m"),
        (3 * 3600, "3h"),
        (3 * 3600 + 600, "3h10m"),
        (8 * 3600, "8h"),
        (47 * 3600, "47h"),
        (48 * 3600, "2d"),
        (50 * 3600, "2d2h"),
        (8 * 86400, "8d"),
        (730 * 86400, "2y"),
        (731 * 86400, "2y1d"),
        (8 * 365 * 86400, "8y"),
    ],
)
def test_human_duration_matches_upstream(seconds: int, text: str) -> None:
    assert human_duration(seconds) == text


def test_continue_token_round_trips() -> None:
    token = encode_continue(42, "default/cm-3\x00")
    decoded = decode_continue(token)
    assert (decoded.revision, decoded.start) == (42, "default/cm-3\x00")


@pytest.mark.parametrize(
    "token",
    [
        "%%%",
        "bm90IGpzb24",
        encode_continue(0, "x"),
        encode_continue(5, ""),
        encode_continue(5, "/abs"),
    ],
    ids=["not-base64", "not-json", "zero-revision", "empty-start", "absolute-start"],
)
def test_bad_continue_tokens_are_400(token: str) -> None:
    with pytest.raises(BadRequestError):
        decode_continue(token)
