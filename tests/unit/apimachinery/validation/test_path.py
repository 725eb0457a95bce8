from __future__ import annotations

import pytest

from kcp.apimachinery.validation import Path

CASES = [
    pytest.param(Path("metadata"), "metadata", id="root"),
    pytest.param(Path("metadata").child("name"), "metadata.name", id="child"),
    pytest.param(Path("metadata").child("labels").key("a"), "metadata.labels[a]", id="key"),
    pytest.param(Path("spec").child("containers").index(0), "spec.containers[0]", id="index"),
    pytest.param(
        Path("spec", "template").child("metadata", "name"),
        "spec.template.metadata.name",
        id="several-names",
    ),
    pytest.param(
        Path("metadata").child("managedFields").index(2).child("manager"),
        "metadata.managedFields[2].manager",
        id="child-after-index",
    ),
    pytest.param(Path("data").key("a.b/c"), "data[a.b/c]", id="key-is-not-quoted"),
    pytest.param(Path("a").index(0).index(1), "a[0][1]", id="nested-index"),
    # Upstream renders a nameless element as an empty subscript.
    pytest.param(Path(""), "[]", id="nameless-root"),
    pytest.param(Path("a").child(""), "a[]", id="nameless-child"),
]


@pytest.mark.parametrize(("path", "rendered"), CASES)
def test_renders_like_field_path(path: Path, rendered: str) -> None:
    assert str(path) == rendered


def test_builders_return_new_paths() -> None:
    root = Path("metadata")
    root.child("name")
    root.index(1)
    assert str(root) == "metadata"


def test_equal_paths_are_equal_and_hash_alike() -> None:
    assert Path("a").child("b") == Path("a", "b")
    assert hash(Path("a").child("b")) == hash(Path("a", "b"))
    assert Path("a") != Path("b")
    assert Path("a") != "a"
    assert repr(Path("a").key("k")) == "Path('a[k]')"
