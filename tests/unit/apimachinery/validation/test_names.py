"""Name and key formats: every upstream message, spelled out in full."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kcp.apimachinery.validation import names

# The messages as k8s.io/apimachinery v0.32.4 writes them (note the doubled space
# before " or " between examples, an artefact of upstream's RegexError).
LABEL_1123 = (
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
    "and must start and end with an alphanumeric character "
    "(e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
)
SUBDOMAIN_1123 = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
    "'-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', "
    "regex used for validation is "
    r"'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
)
LABEL_1035 = (
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', "
    "start with an alphabetic character, and end with an alphanumeric character "
    "(e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
)
QUALIFIED = (
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', "
    "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
)
LABEL_VALUE = (
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
    "'.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
    "'my_value',  or '12345', regex used for validation is "
    "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
)
CONFIG_KEY = (
    "a valid config key must consist of alphanumeric characters, '-', '_' or '.' "
    "(e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', "
    "regex used for validation is '[-._a-zA-Z0-9]+')"
)
C_IDENTIFIER = (
    "a valid C identifier must start with alphabetic character or '_', followed by a string "
    "of alphanumeric characters or '_' (e.g. 'my_name',  or 'MY_NAME',  or 'MyName', "
    "regex used for validation is '[A-Za-z_][A-Za-z0-9_]*')"
)
MAX_63 = "must be no more than 63 characters"
MAX_253 = "must be no more than 253 characters"

Check = Callable[[str], list[str]]

FORMAT_CASES = [
    # is_dns1123_label: namespaces and other DNS-label names
    pytest.param(names.is_dns1123_label, "my-name", [], id="label-ok"),
    pytest.param(names.is_dns1123_label, "123-abc", [], id="label-digits-first"),
    pytest.param(names.is_dns1123_label, "a" * 63, [], id="label-63"),
    pytest.param(names.is_dns1123_label, "a" * 64, [MAX_63], id="label-64"),
    pytest.param(names.is_dns1123_label, "a.b", ["must not contain dots"], id="label-dots"),
    pytest.param(
        names.is_dns1123_label, "a." * 32 + "a", [MAX_63, "must not contain dots"], id="label-both"
    ),
    pytest.param(names.is_dns1123_label, "Bad_Name", [LABEL_1123], id="label-upper"),
    pytest.param(names.is_dns1123_label, "-a", [LABEL_1123], id="label-leading-dash"),
    pytest.param(names.is_dns1123_label, "", [LABEL_1123], id="label-empty"),
    pytest.param(names.is_dns1123_label, "a\n", [LABEL_1123], id="label-trailing-newline"),
    # is_dns1123_subdomain: most object names
    pytest.param(names.is_dns1123_subdomain, "example.com", [], id="subdomain-ok"),
    pytest.param(names.is_dns1123_subdomain, "a" * 253, [], id="subdomain-253"),
    pytest.param(names.is_dns1123_subdomain, "a" * 254, [MAX_253], id="subdomain-254"),
    pytest.param(names.is_dns1123_subdomain, "Bad_Name", [SUBDOMAIN_1123], id="subdomain-bad"),
    pytest.param(names.is_dns1123_subdomain, "a..b", [SUBDOMAIN_1123], id="subdomain-empty-label"),
    pytest.param(names.is_dns1123_subdomain, "", [SUBDOMAIN_1123], id="subdomain-empty"),
    pytest.param(
        names.is_dns1123_subdomain, "é" * 127, [MAX_253, SUBDOMAIN_1123], id="subdomain-bytes"
    ),
    # is_dns1035_label: services
    pytest.param(names.is_dns1035_label, "my-name", [], id="1035-ok"),
    pytest.param(names.is_dns1035_label, "123-abc", [LABEL_1035], id="1035-digit-first"),
    pytest.param(names.is_dns1035_label, "a" * 64, [MAX_63], id="1035-64"),
    # is_qualified_name: label keys, annotation keys, finalizers
    pytest.param(names.is_qualified_name, "MyName", [], id="qualified-ok"),
    pytest.param(names.is_qualified_name, "example.com/my.name", [], id="qualified-prefixed"),
    pytest.param(names.is_qualified_name, "a" * 63, [], id="qualified-63"),
    pytest.param(
        names.is_qualified_name,
        "",
        ["name part must be non-empty", "name part " + QUALIFIED],
        id="qualified-empty",
    ),
    pytest.param(
        names.is_qualified_name,
        "a/",
        ["name part must be non-empty", "name part " + QUALIFIED],
        id="qualified-empty-name",
    ),
    pytest.param(
        names.is_qualified_name, "/a", ["prefix part must be non-empty"], id="qualified-no-prefix"
    ),
    pytest.param(
        names.is_qualified_name,
        "Example.com/a",
        ["prefix part " + SUBDOMAIN_1123],
        id="qualified-bad-prefix",
    ),
    pytest.param(
        names.is_qualified_name,
        "a/b/c",
        [
            "a qualified name "
            + QUALIFIED
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
        ],
        id="qualified-two-slashes",
    ),
    pytest.param(
        names.is_qualified_name, "a" * 64, ["name part " + MAX_63], id="qualified-name-too-long"
    ),
    pytest.param(names.is_qualified_name, "-a", ["name part " + QUALIFIED], id="qualified-dash"),
    # is_valid_label_value
    pytest.param(names.is_valid_label_value, "", [], id="label-value-empty"),
    pytest.param(names.is_valid_label_value, "My.Value_1", [], id="label-value-ok"),
    pytest.param(names.is_valid_label_value, "a" * 64, [MAX_63], id="label-value-64"),
    pytest.param(names.is_valid_label_value, "bad value", [LABEL_VALUE], id="label-value-space"),
    # is_config_map_key: ConfigMap and Secret data keys
    pytest.param(names.is_config_map_key, "key.name", [], id="config-key-ok"),
    pytest.param(names.is_config_map_key, ".dotfile", [], id="config-key-dotfile"),
    pytest.param(names.is_config_map_key, "a/b", [CONFIG_KEY], id="config-key-slash"),
    pytest.param(names.is_config_map_key, "", [CONFIG_KEY], id="config-key-empty"),
    pytest.param(names.is_config_map_key, "a" * 254, [MAX_253], id="config-key-254"),
    pytest.param(names.is_config_map_key, ".", ["must not be '.'"], id="config-key-dot"),
    pytest.param(names.is_config_map_key, "..", ["must not be '..'"], id="config-key-dotdot"),
    pytest.param(
        names.is_config_map_key, "..a", ["must not start with '..'"], id="config-key-dotdot-prefix"
    ),
    # is_c_identifier
    pytest.param(names.is_c_identifier, "_my_name1", [], id="c-identifier-ok"),
    pytest.param(names.is_c_identifier, "1abc", [C_IDENTIFIER], id="c-identifier-digit-first"),
    # path segments: names that travel in URLs and storage keys
    pytest.param(names.is_valid_path_segment_name, "a.b", [], id="segment-ok"),
    pytest.param(names.is_valid_path_segment_name, ".", ["may not be '.'"], id="segment-dot"),
    pytest.param(names.is_valid_path_segment_name, "..", ["may not be '..'"], id="segment-dotdot"),
    pytest.param(
        names.is_valid_path_segment_name,
        "a/b%c",
        ["may not contain '/'", "may not contain '%'"],
        id="segment-slash-percent",
    ),
    pytest.param(names.is_valid_path_segment_prefix, "..", [], id="segment-prefix-dotdot"),
    pytest.param(
        names.is_valid_path_segment_prefix, "a/", ["may not contain '/'"], id="segment-prefix-slash"
    ),
]


@pytest.mark.parametrize(("check", "value", "problems"), FORMAT_CASES)
def test_format_check_reports_upstream_messages(
    check: Check, value: str, problems: list[str]
) -> None:
    assert check(value) == problems


NAME_CASES = [
    pytest.param(names.name_is_dns_subdomain, "gen-", False, [SUBDOMAIN_1123], id="name-dash"),
    pytest.param(names.name_is_dns_subdomain, "gen-", True, [], id="prefix-dash"),
    pytest.param(names.name_is_dns_subdomain, "-", True, [SUBDOMAIN_1123], id="prefix-only-dash"),
    pytest.param(names.name_is_dns_subdomain, "Gen-", True, [SUBDOMAIN_1123], id="prefix-upper"),
    pytest.param(names.name_is_dns_subdomain, "a" * 253 + "-", True, [], id="prefix-254"),
    pytest.param(names.name_is_dns_subdomain, "é-", True, [SUBDOMAIN_1123], id="prefix-non-ascii"),
    # Upstream's mask drops the character before the dash as well: these pass.
    pytest.param(names.name_is_dns1035_label, "1-", True, [], id="prefix-masks-two"),
    pytest.param(names.name_is_dns_label, "ab.-", True, [], id="prefix-masks-dot"),
    pytest.param(
        names.name_is_dns_label, "a.b-", True, ["must not contain dots"], id="prefix-keeps-dot"
    ),
    pytest.param(names.validate_namespace_name, "kube-system", False, [], id="namespace-ok"),
    pytest.param(
        names.validate_namespace_name, "a.b", False, ["must not contain dots"], id="namespace-dots"
    ),
    pytest.param(names.validate_path_segment_name, "..", False, ["may not be '..'"], id="segment"),
    pytest.param(names.validate_path_segment_name, "..", True, [], id="segment-prefix"),
]


@pytest.mark.parametrize(("validator", "name", "prefix", "problems"), NAME_CASES)
def test_name_validator_masks_generate_name(
    validator: names.NameValidator, name: str, prefix: bool, problems: list[str]
) -> None:
    assert validator(name, prefix) == problems


def test_regex_error_without_examples() -> None:
    assert names.regex_error("bad", "[a-z]+") == "bad (regex used for validation is '[a-z]+')"


def test_byte_len_counts_utf8_bytes() -> None:
    assert names.byte_len("aé日") == 1 + 2 + 3
    assert names.byte_len("\ud800") == 3
