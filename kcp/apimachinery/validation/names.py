"""Format checks for names, keys and label values, with upstream's exact messages.

Ported from k8s.io/apimachinery v0.32.4 (the version our `/version` reports):
pkg/util/validation/validation.go (`IsDNS1123Label`, `IsQualifiedName`, ...),
pkg/api/validation/generic.go (the `ValidateNameFunc`s) and
pkg/api/validation/path/name.go (path segment names).

Every `is_*` function returns the list of problems as plain strings, empty when the
value is fine, as upstream's `[]string` does. Callers wrap each string in a
`FieldError.invalid(path, value, msg)`. The strings are part of the wire contract:
kubectl prints them verbatim, down to the doubled space that upstream's `RegexError`
puts before " or " between examples.

Lengths are UTF-8 byte lengths and patterns must match the whole value, because Go's
`len(s)` counts bytes and its `^...$` has no multi-line or trailing-newline leniency.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = [
    "DNS1035_LABEL_MAX_LENGTH",
    "DNS1123_LABEL_MAX_LENGTH",
    "DNS1123_SUBDOMAIN_MAX_LENGTH",
    "LABEL_VALUE_MAX_LENGTH",
    "QUALIFIED_NAME_MAX_LENGTH",
    "NameValidator",
    "byte_len",
    "empty_error",
    "is_c_identifier",
    "is_config_map_key",
    "is_dns1035_label",
    "is_dns1123_label",
    "is_dns1123_subdomain",
    "is_qualified_name",
    "is_valid_label_value",
    "is_valid_path_segment_name",
    "is_valid_path_segment_prefix",
    "max_len_error",
    "name_is_dns1035_label",
    "name_is_dns_label",
    "name_is_dns_subdomain",
    "regex_error",
    "validate_namespace_name",
    "validate_path_segment_name",
]

NameValidator = Callable[[str, bool], list[str]]
"""Upstream's `ValidateNameFunc`: `(name, prefix) -> problems`.

`prefix` is true when the value is a `generateName`: something will be appended, so
a trailing dash is allowed.
"""

DNS1123_LABEL_MAX_LENGTH = 63
DNS1123_SUBDOMAIN_MAX_LENGTH = 253
DNS1035_LABEL_MAX_LENGTH = 63
QUALIFIED_NAME_MAX_LENGTH = 63
LABEL_VALUE_MAX_LENGTH = 63

_DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
_DNS1123_LABEL_MSG = (
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
    "and must start and end with an alphanumeric character"
)
_DNS1123_SUBDOMAIN_FMT = _DNS1123_LABEL_FMT + r"(\." + _DNS1123_LABEL_FMT + ")*"
_DNS1123_SUBDOMAIN_MSG = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
    "'-' or '.', and must start and end with an alphanumeric character"
)
_DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?"
_DNS1035_LABEL_MSG = (
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', "
    "start with an alphabetic character, and end with an alphanumeric character"
)
_QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
_QUALIFIED_NAME_MSG = (
    "must consist of alphanumeric characters, '-', '_' or '.', "
    "and must start and end with an alphanumeric character"
)
_LABEL_VALUE_FMT = "(" + _QUALIFIED_NAME_FMT + ")?"
_LABEL_VALUE_MSG = (
    "a valid label must be an empty string or consist of alphanumeric characters, "
    "'-', '_' or '.', and must start and end with an alphanumeric character"
)
_CONFIG_MAP_KEY_FMT = "[-._a-zA-Z0-9]+"
_CONFIG_MAP_KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'"
_C_IDENTIFIER_FMT = "[A-Za-z_][A-Za-z0-9_]*"
_C_IDENTIFIER_MSG = (
    "a valid C identifier must start with alphabetic character or '_', "
    "followed by a string of alphanumeric characters or '_'"
)

_DNS1123_LABEL_RE = re.compile(_DNS1123_LABEL_FMT)
_DNS1123_SUBDOMAIN_RE = re.compile(_DNS1123_SUBDOMAIN_FMT)
_DNS1035_LABEL_RE = re.compile(_DNS1035_LABEL_FMT)
_QUALIFIED_NAME_RE = re.compile(_QUALIFIED_NAME_FMT)
_LABEL_VALUE_RE = re.compile(_LABEL_VALUE_FMT)
_CONFIG_MAP_KEY_RE = re.compile(_CONFIG_MAP_KEY_FMT)
_C_IDENTIFIER_RE = re.compile(_C_IDENTIFIER_FMT)

# Path segments: the REST API and the storage keys carry names verbatim.
_PATH_SEGMENT_MAY_NOT_BE = (".", "..")
_PATH_SEGMENT_MAY_NOT_CONTAIN = ("/", "%")


def byte_len(value: str) -> int:
    """Go's `len(s)`: the UTF-8 length; lone surrogates count as their 3-byte form."""
    return len(value.encode("utf-8", "surrogatepass"))


def max_len_error(length: int) -> str:
    """`MaxLenError`: the detail for a string over its length limit."""
    return f"must be no more than {length} characters"


def regex_error(msg: str, fmt: str, *examples: str) -> str:
    """`RegexError`: `msg` plus examples and the pattern, spaced exactly as upstream."""
    if not examples:
        return f"{msg} (regex used for validation is '{fmt}')"
    quoted = " or ".join(f"'{example}', " for example in examples)
    return f"{msg} (e.g. {quoted}regex used for validation is '{fmt}')"


def empty_error() -> str:
    """`EmptyError`: the detail for a value that must not be empty."""
    return "must be non-empty"


def is_dns1123_label(value: str) -> list[str]:
    """An RFC 1123 label: lower-case alphanumerics and '-', at most 63 bytes (namespaces)."""
    errs = []
    if byte_len(value) > DNS1123_LABEL_MAX_LENGTH:
        errs.append(max_len_error(DNS1123_LABEL_MAX_LENGTH))
    if not _DNS1123_LABEL_RE.fullmatch(value):
        if _DNS1123_SUBDOMAIN_RE.fullmatch(value):
            # A valid subdomain but not a label: the length is checked, so it must be dots.
            errs.append("must not contain dots")
        else:
            errs.append(regex_error(_DNS1123_LABEL_MSG, _DNS1123_LABEL_FMT, "my-name", "123-abc"))
    return errs


def is_dns1123_subdomain(value: str) -> list[str]:
    """An RFC 1123 subdomain: labels joined by '.', at most 253 bytes (most object names)."""
    errs = []
    if byte_len(value) > DNS1123_SUBDOMAIN_MAX_LENGTH:
        errs.append(max_len_error(DNS1123_SUBDOMAIN_MAX_LENGTH))
    if not _DNS1123_SUBDOMAIN_RE.fullmatch(value):
        errs.append(regex_error(_DNS1123_SUBDOMAIN_MSG, _DNS1123_SUBDOMAIN_FMT, "example.com"))
    return errs


def is_dns1035_label(value: str) -> list[str]:
    """An RFC 1035 label: like an RFC 1123 label but starting with a letter (services)."""
    errs = []
    if byte_len(value) > DNS1035_LABEL_MAX_LENGTH:
        errs.append(max_len_error(DNS1035_LABEL_MAX_LENGTH))
    if not _DNS1035_LABEL_RE.fullmatch(value):
        errs.append(regex_error(_DNS1035_LABEL_MSG, _DNS1035_LABEL_FMT, "my-name", "abc-123"))
    return errs


def is_qualified_name(value: str) -> list[str]:
    """A qualified name (label keys, annotation keys, finalizers): `[prefix/]name`.

    The optional prefix is a DNS subdomain; the name is at most 63 bytes of
    alphanumerics, '-', '_' and '.', starting and ending with an alphanumeric.
    """
    errs: list[str] = []
    parts = value.split("/")
    if len(parts) == 1:
        name = parts[0]
    elif len(parts) == 2:
        prefix, name = parts
        if not prefix:
            errs.append("prefix part " + empty_error())
        else:
            errs.extend("prefix part " + msg for msg in is_dns1123_subdomain(prefix))
    else:
        return [
            "a qualified name "
            + regex_error(_QUALIFIED_NAME_MSG, _QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
        ]
    if not name:
        errs.append("name part " + empty_error())
    elif byte_len(name) > QUALIFIED_NAME_MAX_LENGTH:
        errs.append("name part " + max_len_error(QUALIFIED_NAME_MAX_LENGTH))
    if not _QUALIFIED_NAME_RE.fullmatch(name):
        errs.append(
            "name part "
            + regex_error(_QUALIFIED_NAME_MSG, _QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
        )
    return errs


def is_valid_label_value(value: str) -> list[str]:
    """A label value: empty, or a qualified name's name part (at most 63 bytes)."""
    errs = []
    if byte_len(value) > LABEL_VALUE_MAX_LENGTH:
        errs.append(max_len_error(LABEL_VALUE_MAX_LENGTH))
    if not _LABEL_VALUE_RE.fullmatch(value):
        errs.append(regex_error(_LABEL_VALUE_MSG, _LABEL_VALUE_FMT, "MyValue", "my_value", "12345"))
    return errs


def is_config_map_key(value: str) -> list[str]:
    """A key of a ConfigMap's or Secret's data: it becomes a file name when mounted."""
    errs = []
    if byte_len(value) > DNS1123_SUBDOMAIN_MAX_LENGTH:
        errs.append(max_len_error(DNS1123_SUBDOMAIN_MAX_LENGTH))
    if not _CONFIG_MAP_KEY_RE.fullmatch(value):
        errs.append(
            regex_error(
                _CONFIG_MAP_KEY_MSG, _CONFIG_MAP_KEY_FMT, "key.name", "KEY_NAME", "key-name"
            )
        )
    if value == ".":
        errs.append("must not be '.'")
    elif value == "..":
        errs.append("must not be '..'")
    elif value.startswith(".."):
        errs.append("must not start with '..'")
    return errs


def is_c_identifier(value: str) -> list[str]:
    """A C identifier (environment-like names); the format only, not the length."""
    if _C_IDENTIFIER_RE.fullmatch(value):
        return []
    return [regex_error(_C_IDENTIFIER_MSG, _C_IDENTIFIER_FMT, "my_name", "MY_NAME", "MyName")]


def is_valid_path_segment_name(name: str) -> list[str]:
    """A name that can be a URL path segment and a storage key segment unescaped."""
    for illegal in _PATH_SEGMENT_MAY_NOT_BE:
        if name == illegal:
            return [f"may not be '{illegal}'"]
    return is_valid_path_segment_prefix(name)


def is_valid_path_segment_prefix(name: str) -> list[str]:
    """Like `is_valid_path_segment_name` for a prefix: '.' and '..' may still grow a suffix."""
    return [f"may not contain '{bad}'" for bad in _PATH_SEGMENT_MAY_NOT_CONTAIN if bad in name]


def validate_path_segment_name(name: str, prefix: bool) -> list[str]:
    """A `NameValidator` for names that only have to be safe path segments."""
    return is_valid_path_segment_prefix(name) if prefix else is_valid_path_segment_name(name)


def _mask_trailing_dash(name: str) -> str:
    """Upstream's `maskTrailingDash`: make a `generateName` checkable as a whole name.

    Go's `name[:len(name)-2] + "a"` drops the dash *and* the last byte before it, and an
    'a' stands in for the generated suffix. When that byte ends a multi-byte character,
    Go keeps the character's leading bytes; they are stood in for by NULs here, which
    have the same length and fail every pattern as those stray bytes do.
    """
    if len(name) > 1 and name.endswith("-"):
        cut = name[-2]
        return name[:-2] + "\x00" * (byte_len(cut) - 1) + "a"
    return name


def name_is_dns_subdomain(name: str, prefix: bool) -> list[str]:
    """`NameIsDNSSubdomain`: the `NameValidator` of most kinds (ConfigMap, Secret, ...)."""
    return is_dns1123_subdomain(_mask_trailing_dash(name) if prefix else name)


def name_is_dns_label(name: str, prefix: bool) -> list[str]:
    """`NameIsDNSLabel`: the `NameValidator` of namespaces and other DNS-label names."""
    return is_dns1123_label(_mask_trailing_dash(name) if prefix else name)


def name_is_dns1035_label(name: str, prefix: bool) -> list[str]:
    """`NameIsDNS1035Label`: the `NameValidator` of services."""
    return is_dns1035_label(_mask_trailing_dash(name) if prefix else name)


validate_namespace_name: NameValidator = name_is_dns_label
"""`ValidateNamespaceName`: namespace names are DNS labels."""
