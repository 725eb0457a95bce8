"""Properties: the validators take any input and only ever return errors."""

from __future__ import annotations

from datetime import timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from kcp.apimachinery.errors import FieldError
from kcp.apimachinery.validation import (
    Path,
    is_c_identifier,
    is_config_map_key,
    is_dns1035_label,
    is_dns1123_label,
    is_dns1123_subdomain,
    is_qualified_name,
    is_valid_label_value,
    is_valid_path_segment_name,
    name_is_dns1035_label,
    name_is_dns_label,
    name_is_dns_subdomain,
    validate_object_meta,
    validate_object_meta_update,
)

FORMAT_CHECKS = (
    is_c_identifier,
    is_config_map_key,
    is_dns1035_label,
    is_dns1123_label,
    is_dns1123_subdomain,
    is_qualified_name,
    is_valid_label_value,
    is_valid_path_segment_name,
)
NAME_VALIDATORS = (name_is_dns1035_label, name_is_dns_label, name_is_dns_subdomain)

# Strings near the formats' edges as well as anything at all (surrogates included).
names = st.one_of(
    st.text(),
    st.text(alphabet="abcXYZ019-._/%", max_size=70),
    st.from_regex(r"[a-z0-9]([-a-z0-9.]*[a-z0-9])?", fullmatch=True),
)

# Timestamps at the ends of the calendar, with offsets that push them past either end.
timestamps = st.one_of(
    st.sampled_from(["2024-12-11T10:04:05Z", "2024-12-11", "not a time", ""]),
    st.builds(
        lambda moment, hours: moment.replace(tzinfo=timezone(timedelta(hours=hours))).isoformat(),
        st.datetimes(),
        st.integers(-23, 23),
    ),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | names | timestamps,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(names, inner, max_size=4),
    max_leaves=12,
)
META_KEYS = (
    "name",
    "generateName",
    "namespace",
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "labels",
    "annotations",
    "finalizers",
    "ownerReferences",
    "managedFields",
)
owner_references = st.lists(
    st.fixed_dictionaries(
        {},
        optional={
            "apiVersion": names,
            "kind": names,
            "name": names,
            "uid": names,
            "controller": st.booleans() | json_values,
        },
    ),
    max_size=3,
)
metadata = st.one_of(
    json_values,
    st.dictionaries(st.sampled_from(META_KEYS) | names, json_values, max_size=8),
    st.fixed_dictionaries(
        {},
        optional={
            "name": names,
            "generateName": names,
            "namespace": names,
            "generation": st.integers(),
            "creationTimestamp": timestamps,
            "deletionTimestamp": timestamps,
            "labels": st.dictionaries(names, names, max_size=3),
            "annotations": st.dictionaries(names, names, max_size=3),
            "finalizers": st.lists(names, max_size=3),
            "ownerReferences": owner_references,
            "managedFields": st.lists(
                st.dictionaries(
                    st.sampled_from(["manager", "operation", "fieldsType", "subresource"]), names
                ),
                max_size=2,
            ),
        },
    ),
)


@given(names)
def test_format_checks_return_messages(value: str) -> None:
    for check in FORMAT_CHECKS:
        assert "" not in check(value)


@given(names, st.booleans())
def test_name_validators_return_messages(value: str, prefix: bool) -> None:
    for validator in NAME_VALIDATORS:
        assert "" not in validator(value, prefix)


@given(st.text(alphabet="abcXYZ019-._%", max_size=70))
def test_label_value_is_empty_or_a_qualified_name(value: str) -> None:
    assert (is_valid_label_value(value) == []) == (value == "" or is_qualified_name(value) == [])


@given(names)
def test_every_label_is_a_subdomain(value: str) -> None:
    if is_dns1123_label(value) == []:
        assert is_dns1123_subdomain(value) == []


def _assert_errors(errs: list[FieldError], root: str) -> None:
    for err in errs:
        assert isinstance(err, FieldError)
        assert err.field.startswith(root)
        assert str(err).startswith(err.field + ": ")
        assert err.cause()["message"]


@given(metadata, st.booleans())
def test_validate_object_meta_never_raises(meta: object, namespaced: bool) -> None:
    errs = validate_object_meta(meta, namespaced=namespaced, name_validator=name_is_dns_subdomain)
    _assert_errors(errs, "metadata")


@given(metadata, metadata)
def test_validate_object_meta_update_never_raises(new: object, old: object) -> None:
    _assert_errors(validate_object_meta_update(new, old, Path("m")), "m")


@given(metadata)
def test_an_unchanged_object_passes_the_update_only_checks(meta: object) -> None:
    if not isinstance(meta, dict):
        return
    meta = meta | {"resourceVersion": "1"}
    errs = validate_object_meta_update(meta, meta)
    assert not [e for e in errs if "immutable" in e.detail or "decremented" in e.detail]


@given(st.lists(st.text(), min_size=1, max_size=4))
def test_paths_join_names_with_dots(parts: list[str]) -> None:
    path = Path(parts[0])
    for part in parts[1:]:
        path = path.child(part)
    expected = parts[0] or "[]"
    for part in parts[1:]:
        expected += f".{part}" if part else "[]"
    assert str(path) == expected
