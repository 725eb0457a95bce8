"""Webhook configuration validation, and the rule checks policies share.

The light part of pkg/apis/admissionregistration/validation/validation.go for
{Validating,Mutating}WebhookConfigurations, with its messages: webhook names, rules,
policies (failure, match, side effects, timeout, reinvocation), client configs
(k8s.io/apiserver pkg/util/webhook/validation.go), selectors, match conditions and
admission review versions. Not here: compiling CEL (match condition expressions are
only required to be non-empty) and checks behind the feature gates of later releases.
"""

from __future__ import annotations

import urllib.parse

from kcp.apimachinery.errors import FieldError
from kcp.apimachinery.unstructured import JSON, Object
from kcp.apimachinery.validation import Path
from kcp.apimachinery.validation.names import (
    is_dns1035_label,
    is_dns1123_subdomain,
    is_qualified_name,
)
from kcp.registry.builtin._common import Reader, go_strings, validate_label_selector

__all__ = [
    "FAILURE_POLICIES",
    "MATCH_POLICIES",
    "validate_enum",
    "validate_match_conditions",
    "validate_rule",
    "validate_webhooks",
]

FAILURE_POLICIES = ("Fail", "Ignore")
MATCH_POLICIES = ("Equivalent", "Exact")
_NO_SIDE_EFFECTS = ("None", "NoneOnDryRun")
_OPERATIONS = ("*", "CONNECT", "CREATE", "DELETE", "UPDATE")
_SCOPES = ("*", "Cluster", "Namespaced")
_REINVOCATION_POLICIES = ("IfNeeded", "Never")
_REVIEW_VERSIONS = ("v1", "v1beta1")
_MAX_MATCH_CONDITIONS = 64
_URL_FORM = "; desired format: https://host[/path]"


def _wildcard_mixed(values: list[str]) -> bool:
    return len(values) > 1 and "*" in values


def _validate_resources(read: Reader, value: JSON, path: Path) -> list[FieldError]:
    """`validateResources`: subresource wildcards may not overlap."""
    resources = read.as_strings(value, path)
    errs: list[FieldError] = [] if resources else [FieldError.required(str(path))]
    with_wildcard_sub: set[str] = set()
    with_wildcard_res: set[str] = set()
    has_plain = False
    for index, item in enumerate(resources):
        if not item:
            errs.append(FieldError.required(str(path.index(index))))
            continue
        res, slash, sub = item.partition("/")
        if not slash:
            has_plain = item != "*"
            continue
        if res in with_wildcard_sub:
            msg = f"if '{res}/*' is present, must not specify {item}"
            errs.append(FieldError.invalid(str(path.index(index)), item, msg))
        if sub in with_wildcard_res:
            msg = f"if '*/{sub}' is present, must not specify {item}"
            errs.append(FieldError.invalid(str(path.index(index)), item, msg))
        if sub == "*":
            with_wildcard_sub.add(res)
        if res == "*":
            with_wildcard_res.add(sub)
    if len(resources) > 1 and "*/*" in resources:
        errs.append(
            FieldError.invalid(
                str(path),
                go_strings(resources),
                "if '*/*' is present, must not specify other resources",
            )
        )
    if "*" in resources and has_plain:
        errs.append(
            FieldError.invalid(
                str(path),
                go_strings(resources),
                "if '*' is present, must not specify other resources without subresources",
            )
        )
    return errs


def validate_rule(read: Reader, value: JSON, path: Path) -> list[FieldError]:
    """`validateRuleWithOperations` (subresources allowed)."""
    rule = read.as_object(value, path)
    errs: list[FieldError] = []
    operations = read.as_strings(rule.get("operations"), path.child("operations"))
    if not operations:
        errs.append(FieldError.required(str(path.child("operations"))))
    if _wildcard_mixed(operations):
        errs.append(
            FieldError.invalid(
                str(path.child("operations")),
                go_strings(operations, "[]admissionregistration.OperationType"),
                "if '*' is present, must not specify other operations",
            )
        )
    errs += [
        FieldError.not_supported(str(path.child("operations").index(i)), op, _OPERATIONS)
        for i, op in enumerate(operations)
        if op not in _OPERATIONS
    ]
    for field, noun in (("apiGroups", "API groups"), ("apiVersions", "API versions")):
        values = read.as_strings(rule.get(field), path.child(field))
        if not values:
            errs.append(FieldError.required(str(path.child(field))))
        if _wildcard_mixed(values):
            msg = f"if '*' is present, must not specify other {noun}"
            errs.append(FieldError.invalid(str(path.child(field)), go_strings(values), msg))
    versions = read.as_strings(rule.get("apiVersions"), path.child("apiVersions"))
    errs += [
        FieldError.required(str(path.child("apiVersions").index(i)))
        for i, version in enumerate(versions)
        if not version
    ]
    errs += _validate_resources(read, rule.get("resources"), path.child("resources"))
    scope = rule.get("scope")
    if scope is not None and scope not in _SCOPES:
        errs.append(FieldError.not_supported(str(path.child("scope")), scope, _SCOPES))
    return errs


def validate_enum(value: JSON, path: Path, supported: tuple[str, ...]) -> list[FieldError]:
    if value is None or value in supported:
        return []
    return [FieldError.not_supported(str(path), value, supported)]


def _validate_fully_qualified_name(name: str, path: Path) -> list[FieldError]:
    """`IsFullyQualifiedName`: a DNS subdomain of at least three segments."""
    if not name:
        return [FieldError.required(str(path))]
    msgs = is_dns1123_subdomain(name)
    if msgs:
        return [FieldError.invalid(str(path), name, ",".join(msgs))]
    if len(name.split(".")) < 3:
        return [
            FieldError.invalid(
                str(path), name, "should be a domain with at least three segments separated by dots"
            )
        ]
    return []


def _validate_url(url: str, path: Path) -> list[FieldError]:
    """`ValidateWebhookURL` with https forced."""
    parts = urllib.parse.urlsplit(url)
    errs: list[FieldError] = []
    if parts.scheme != "https":
        msg = "'https' is the only allowed URL scheme" + _URL_FORM
        errs.append(FieldError.invalid(str(path), parts.scheme, msg))
    if not parts.netloc:
        errs.append(FieldError.invalid(str(path), "", "host must be specified" + _URL_FORM))
    if "@" in parts.netloc:
        user = parts.netloc.rpartition("@")[0]
        errs.append(
            FieldError.invalid(str(path), user, "user information is not permitted in the URL")
        )
    if parts.fragment:
        errs.append(
            FieldError.invalid(str(path), parts.fragment, "fragments are not permitted in the URL")
        )
    if parts.query:
        errs.append(
            FieldError.invalid(
                str(path), parts.query, "query parameters are not permitted in the URL"
            )
        )
    return errs


def _validate_service(read: Reader, value: JSON, path: Path) -> list[FieldError]:
    """`ValidateWebhookService`.

    Upstream's caller passes (name, namespace) to parameters declared (namespace, name),
    so a missing name is reported at `namespace` and the other way round; kept as is.
    """
    service = read.as_object(value, path)
    errs: list[FieldError] = []
    if not read.as_string(service.get("namespace"), path.child("namespace")):
        errs.append(FieldError.required(str(path.child("name"))))
    if not read.as_string(service.get("name"), path.child("name")):
        errs.append(FieldError.required(str(path.child("namespace"))))
    port = read.as_int(service.get("port"), path.child("port"))
    if port is not None and not 1 <= port <= 65535:
        errs.append(
            FieldError.invalid(
                str(path.child("port")),
                port,
                "port is not valid: must be between 1 and 65535, inclusive",
            )
        )
    url_path = read.as_string(service.get("path"), path.child("path"))
    where = str(path.child("path"))
    if url_path in ("", "/"):
        return errs
    if url_path == "//":
        return [*errs, FieldError.invalid(where, url_path, "segment[0] may not be empty")]
    if not url_path.startswith("/"):
        errs.append(FieldError.invalid(where, url_path, "must start with a '/'"))
    steps = url_path[1:].removesuffix("/").split("/")
    for index, step in enumerate(steps):
        if not step:
            errs.append(FieldError.invalid(where, url_path, f"segment[{index}] may not be empty"))
            continue
        errs += [
            FieldError.invalid(where, url_path, f"segment[{index}]: {msg}")
            for msg in is_dns1123_subdomain(step)
        ]
    return errs


def validate_match_conditions(read: Reader, value: JSON, path: Path) -> list[FieldError]:
    conditions = read.as_list(value, path)
    errs: list[FieldError] = []
    if len(conditions) > _MAX_MATCH_CONDITIONS:
        errs.append(
            FieldError(
                "FieldValueTooMany",
                str(path),
                f"must have at most {_MAX_MATCH_CONDITIONS} items",
                len(conditions),
            )
        )
    seen: set[str] = set()
    for index, raw in enumerate(conditions):
        where = path.index(index)
        condition = read.as_object(raw, where)
        expression = read.as_string(condition.get("expression"), where.child("expression"))
        if not expression.strip():
            errs.append(FieldError.required(str(where.child("expression"))))
        name = read.as_string(condition.get("name"), where.child("name"))
        if not name:
            errs.append(FieldError.required(str(where.child("name"))))
        else:
            errs += [
                FieldError.invalid(str(where.child("name")), name, msg)
                for msg in is_qualified_name(name)
            ]
            if name in seen:
                errs.append(FieldError.duplicate(str(where.child("name")), name))
            seen.add(name)
    return errs


def _validate_review_versions(read: Reader, value: JSON, path: Path) -> list[FieldError]:
    versions = read.as_strings(value, path)
    accepted = ", ".join(_REVIEW_VERSIONS)
    if not versions:
        return [FieldError.required(str(path), f"must specify one of {accepted}")]
    errs: list[FieldError] = []
    seen: set[str] = set()
    for index, version in enumerate(versions):
        if version in seen:
            errs.append(FieldError.invalid(str(path.index(index)), version, "duplicate version"))
            continue
        seen.add(version)
        errs += [
            FieldError.invalid(str(path.index(index)), version, msg)
            for msg in is_dns1035_label(version)
        ]
    if not seen & set(_REVIEW_VERSIONS):
        errs.append(
            FieldError.invalid(
                str(path), go_strings(versions), f"must include at least one of {accepted}"
            )
        )
    return errs


def _validate_webhook(read: Reader, hook: Object, mutating: bool, path: Path) -> list[FieldError]:
    name = read.as_string(hook.get("name"), path.child("name"))
    errs = _validate_fully_qualified_name(name, path.child("name"))
    rules = path.child("rules")
    for index, rule in enumerate(read.as_list(hook.get("rules"), rules)):
        errs += validate_rule(read, rule, rules.index(index))
    errs += validate_enum(hook.get("failurePolicy"), path.child("failurePolicy"), FAILURE_POLICIES)
    errs += validate_enum(hook.get("matchPolicy"), path.child("matchPolicy"), MATCH_POLICIES)
    if hook.get("sideEffects") is None:
        msg = f"must specify one of {', '.join(_NO_SIDE_EFFECTS)}"
        errs.append(FieldError.required(str(path.child("sideEffects")), msg))
    errs += validate_enum(hook.get("sideEffects"), path.child("sideEffects"), _NO_SIDE_EFFECTS)
    timeout = read.as_int(hook.get("timeoutSeconds"), path.child("timeoutSeconds"))
    if timeout is not None and not 1 <= timeout <= 30:
        msg = "the timeout value must be between 1 and 30 seconds"
        errs.append(FieldError.invalid(str(path.child("timeoutSeconds")), timeout, msg))
    for selector in ("namespaceSelector", "objectSelector"):
        if hook.get(selector) is not None:
            errs += validate_label_selector(read, hook[selector], path.child(selector))
    if mutating:
        errs += validate_enum(
            hook.get("reinvocationPolicy"), path.child("reinvocationPolicy"), _REINVOCATION_POLICIES
        )
    config_path = path.child("clientConfig")
    config = read.as_object(hook.get("clientConfig"), config_path)
    if (config.get("url") is None) == (config.get("service") is None):
        errs.append(
            FieldError.required(str(config_path), "exactly one of url or service is required")
        )
    elif config.get("url") is not None:
        url = read.as_string(config["url"], config_path.child("url"))
        errs += _validate_url(url, config_path.child("url"))
    else:
        errs += _validate_service(read, config["service"], config_path.child("service"))
    errs += validate_match_conditions(
        read, hook.get("matchConditions"), path.child("matchConditions")
    )
    return errs


def validate_webhooks(read: Reader, obj: Object, mutating: bool) -> list[FieldError]:
    """`validate{Validating,Mutating}WebhookConfiguration` without ObjectMeta."""
    webhooks = Path("webhooks")
    errs: list[FieldError] = []
    names: set[str] = set()
    for index, raw in enumerate(read.as_list(obj.get("webhooks"), webhooks)):
        path = webhooks.index(index)
        hook = read.as_object(raw, path)
        errs += _validate_webhook(read, hook, mutating, path)
        errs += _validate_review_versions(
            read, hook.get("admissionReviewVersions"), path.child("admissionReviewVersions")
        )
        name = read.as_string(hook.get("name"), path.child("name"))
        if name and name in names:
            errs.append(FieldError.duplicate(str(path.child("name")), name))
        names.add(name)
    return errs
