"""Field paths for validation errors (k8s.io/apimachinery pkg/util/validation/field.Path).

A `Path` names the field an error is about, rendered the way upstream renders it,
because the rendering is part of every `Invalid` Status a client sees::

    Path("metadata").child("labels").key("app")    -> metadata.labels[app]
    Path("spec").child("containers").index(0)       -> spec.containers[0]
    Path("spec", "template").child("metadata", "name") -> spec.template.metadata.name

Paths are immutable values; every builder method returns a new one.
"""

from __future__ import annotations

__all__ = ["Path"]


class Path:
    """An immutable field path; `str(path)` is upstream's `(*field.Path).String()`."""

    __slots__ = ("_text",)

    def __init__(self, name: str, *more: str) -> None:
        # Upstream renders a nameless element as a subscript; for a root that is "[]".
        text = name if name else "[]"
        for part in more:
            text = _join(text, part)
        self._text = text

    @classmethod
    def _of(cls, text: str) -> Path:
        path = cls.__new__(cls)
        path._text = text
        return path

    def child(self, name: str, *more: str) -> Path:
        """`a.b`: a named field below this one (`Child(name, moreNames...)`)."""
        text = _join(self._text, name)
        for part in more:
            text = _join(text, part)
        return Path._of(text)

    def index(self, index: int) -> Path:
        """`a[0]`: an element of a list."""
        return Path._of(f"{self._text}[{index}]")

    def key(self, key: str) -> Path:
        """`a[k]`: an entry of a map, written unquoted as upstream does."""
        return Path._of(f"{self._text}[{key}]")

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return f"Path({self._text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Path) and other._text == self._text

    def __hash__(self) -> int:
        return hash(self._text)


def _join(text: str, name: str) -> str:
    return f"{text}.{name}" if name else f"{text}[]"
