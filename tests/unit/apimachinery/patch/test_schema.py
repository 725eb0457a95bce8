from __future__ import annotations

from kcp.apimachinery.patch import (
    ATOMIC,
    FREE_FORM,
    OBJECT_META_SCHEMA,
    map_of,
    merge_list,
    object_schema,
    struct,
)


def test_struct_unlisted_field_is_free_form() -> None:
    assert struct(spec=ATOMIC).child("other") is FREE_FORM


def test_struct_takes_fields_that_are_not_identifiers() -> None:
    schema = struct({"x-kubernetes-thing": ATOMIC}, spec=FREE_FORM)
    assert schema.child("x-kubernetes-thing") is ATOMIC
    assert schema.child("spec") is FREE_FORM


def test_map_of_applies_value_schema_to_every_key() -> None:
    values = struct(items=merge_list("name"))
    schema = map_of(values)
    assert schema.child("anything") is values
    assert map_of().child("anything") is FREE_FORM


def test_merge_list_element_defaults_to_free_form() -> None:
    assert merge_list("name").element() is FREE_FORM
    assert merge_list("name").is_merge_list
    assert not ATOMIC.is_merge_list


def test_object_schema_carries_object_meta_tags() -> None:
    schema = object_schema(spec=ATOMIC)
    assert schema.child("metadata") is OBJECT_META_SCHEMA
    meta = schema.child("metadata")
    assert meta.child("finalizers").is_merge_list
    assert meta.child("finalizers").merge_key is None
    assert meta.child("ownerReferences").merge_key == "uid"
    assert meta.child("managedFields").is_atomic
    assert schema.child("spec") is ATOMIC
