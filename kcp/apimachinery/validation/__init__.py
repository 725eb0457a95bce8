"""Validation of names and object metadata, with upstream's messages byte for byte.

Pure functions, no I/O. Format checks (`names`) return problems as strings, like
upstream's `[]string`; object checks (`objectmeta`) return `FieldError`s at field
paths (`path.Path`), which a strategy hands to `InvalidError`:

    errs = validate_object_meta(obj.get("metadata"), namespaced=True,
                                name_validator=name_is_dns_subdomain)
    if errs:
        raise InvalidError(GroupKind("", "ConfigMap"), name, errs)

Ported from k8s.io/apimachinery v0.32.4, the version our `/version` reports.
"""

from kcp.apimachinery.validation.names import (
    DNS1035_LABEL_MAX_LENGTH,
    DNS1123_LABEL_MAX_LENGTH,
    DNS1123_SUBDOMAIN_MAX_LENGTH,
    LABEL_VALUE_MAX_LENGTH,
    QUALIFIED_NAME_MAX_LENGTH,
    NameValidator,
    empty_error,
    is_c_identifier,
    is_config_map_key,
    is_dns1035_label,
    is_dns1123_label,
    is_dns1123_subdomain,
    is_qualified_name,
    is_valid_label_value,
    is_valid_path_segment_name,
    is_valid_path_segment_prefix,
    max_len_error,
    name_is_dns1035_label,
    name_is_dns_label,
    name_is_dns_subdomain,
    regex_error,
    validate_namespace_name,
    validate_path_segment_name,
)
from kcp.apimachinery.validation.objectmeta import (
    FIELD_IMMUTABLE_ERROR_MSG,
    TOTAL_ANNOTATION_SIZE_LIMIT_B,
    GoValue,
    validate_annotations,
    validate_field_manager,
    validate_finalizers,
    validate_label_name,
    validate_labels,
    validate_managed_fields,
    validate_no_new_finalizers,
    validate_nonnegative_field,
    validate_object_meta,
    validate_object_meta_update,
    validate_owner_references,
)
from kcp.apimachinery.validation.path import Path

__all__ = [
    "DNS1035_LABEL_MAX_LENGTH",
    "DNS1123_LABEL_MAX_LENGTH",
    "DNS1123_SUBDOMAIN_MAX_LENGTH",
    "FIELD_IMMUTABLE_ERROR_MSG",
    "LABEL_VALUE_MAX_LENGTH",
    "QUALIFIED_NAME_MAX_LENGTH",
    "TOTAL_ANNOTATION_SIZE_LIMIT_B",
    "GoValue",
    "NameValidator",
    "Path",
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
    "validate_annotations",
    "validate_field_manager",
    "validate_finalizers",
    "validate_label_name",
    "validate_labels",
    "validate_managed_fields",
    "validate_namespace_name",
    "validate_no_new_finalizers",
    "validate_nonnegative_field",
    "validate_object_meta",
    "validate_object_meta_update",
    "validate_owner_references",
    "validate_path_segment_name",
]
