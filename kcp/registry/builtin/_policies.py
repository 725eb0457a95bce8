"""ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding validation.

The light part of pkg/apis/admissionregistration/validation/validation.go for
policies and their bindings, with its messages: a policy's failure policy, param
kind, match constraints, match conditions and validations; a binding's policy name,
param ref, match resources and validation actions. Not here: compiling CEL
(expressions are only required to be non-empty), variables and audit annotations
beyond their presence, and type checking (the policy status controller's work).
"""

from __future__ import annotations

from kcp.apimachinery.errors import FieldError
from kcp.apimachinery.unstructured import JSON, Object
from kcp.apimachinery.validation import Path
from kcp.apimachinery.validation.names import (
    is_dns1035_label,
    is_dns1123_subdomain,
    validate_path_segment_name,
)
from kcp.registry.builtin._common import Reader, go_strings, validate_label_selector
from kcp.registry.builtin._webhooks import (
    FAILURE_POLICIES,
    MATCH_POLICIES,
    validate_enum,
    validate_match_conditions,
    validate_rule,
)

__all__ = ["validate_binding", "validate_policy"]

_VALIDATION_ACTIONS = ("Audit", "Deny", "Warn")
_PARAM_NOT_FOUND_ACTIONS = ("Deny", "Allow")


def _validate_param_kind(read: Reader, value: JSON, path: Path) -> list[FieldError]:
    kind_ref = read.as_object(value, path)
    errs: list[FieldError] = []
    api_version = read.as_string(kind_ref.get("apiVersion"), path.child("apiVersion"))
    where = str(path.child("apiVersion"))
    if not api_version:
        errs.append(FieldError.required(where))
    elif api_version.count("/") > 1:
        msg = f"unexpected GroupVersion string: {api_version}"
        errs.append(FieldError.invalid(where, api_version, msg))
    else:
        group, _, version = api_version.rpartition("/")
        if group and (msgs := is_dns1123_subdomain(group)):
            errs.append(FieldError.invalid(where, group, ",".join(msgs)))
        if not version:
            errs.append(FieldError.invalid(where, api_version, "version must be specified"))
        elif msgs := is_dns1035_label(version):
            errs.append(FieldError.invalid(where, version, ",".join(msgs)))
    kind = read.as_string(kind_ref.get("kind"), path.child("kind"))
    if not kind:
        errs.append(FieldError.required(str(path.child("kind"))))
    elif msgs := is_dns1035_label(kind.lower()):
        msg = "may have mixed case, but should otherwise match: " + ",".join(msgs)
        errs.append(FieldError.invalid(str(path.child("kind")), kind, msg))
    return errs


def _validate_match_resources(read: Reader, value: JSON, path: Path) -> list[FieldError]:
    """`validateMatchResources`; its selectors are required (v1 defaults them)."""
    match = read.as_object(value, path)
    errs: list[FieldError] = []
    if match.get("matchPolicy") is None:
        errs.append(FieldError.required(str(path.child("matchPolicy"))))
    errs += validate_enum(match.get("matchPolicy"), path.child("matchPolicy"), MATCH_POLICIES)
    for selector in ("namespaceSelector", "objectSelector"):
        if match.get(selector) is None:
            errs.append(FieldError.required(str(path.child(selector))))
        else:
            errs += validate_label_selector(read, match[selector], path.child(selector))
    for field in ("resourceRules", "excludeResourceRules"):
        for index, raw in enumerate(read.as_list(match.get(field), path.child(field))):
            where = path.child(field).index(index)
            rule = read.as_object(raw, where)
            names = read.as_strings(rule.get("resourceNames"), where.child("resourceNames"))
            seen: set[str] = set()
            for i, name in enumerate(names):
                at = str(where.child("resourceNames").index(i))
                errs += [
                    FieldError.invalid(at, name, m) for m in validate_path_segment_name(name, False)
                ]
                if name in seen:
                    errs.append(FieldError.duplicate(at, name))
                seen.add(name)
            errs += validate_rule(read, rule, where)
    return errs


def validate_policy(read: Reader, obj: Object) -> list[FieldError]:
    """`validateValidatingAdmissionPolicySpec` without CEL compilation."""
    path = Path("spec")
    spec = read.as_object(obj.get("spec"), path)
    errs: list[FieldError] = []
    if spec.get("failurePolicy") is None:
        errs.append(FieldError.required(str(path.child("failurePolicy"))))
    errs += validate_enum(spec.get("failurePolicy"), path.child("failurePolicy"), FAILURE_POLICIES)
    if spec.get("paramKind") is not None:
        errs += _validate_param_kind(read, spec["paramKind"], path.child("paramKind"))
    constraints = path.child("matchConstraints")
    if spec.get("matchConstraints") is None:
        errs.append(FieldError.required(str(constraints)))
    else:
        errs += _validate_match_resources(read, spec["matchConstraints"], constraints)
        if not read.as_object(spec["matchConstraints"], constraints).get("resourceRules"):
            errs.append(FieldError.required(str(constraints.child("resourceRules"))))
    errs += validate_match_conditions(
        read, spec.get("matchConditions"), path.child("matchConditions")
    )
    validations = read.as_list(spec.get("validations"), path.child("validations"))
    audit = read.as_list(spec.get("auditAnnotations"), path.child("auditAnnotations"))
    if not validations and not audit:
        msg = "validations or auditAnnotations must contain at least one item"
        errs.append(FieldError.required(str(path.child("validations")), msg))
        errs.append(FieldError.required(str(path.child("auditAnnotations")), msg))
    for index, raw in enumerate(validations):
        where = path.child("validations").index(index)
        validation = read.as_object(raw, where)
        if not read.as_string(validation.get("expression"), where.child("expression")).strip():
            errs.append(
                FieldError.required(str(where.child("expression")), "expression is not specified")
            )
    return errs


def _validate_param_ref(read: Reader, value: JSON, path: Path) -> list[FieldError]:
    if value is None:
        return []
    ref = read.as_object(value, path)
    errs: list[FieldError] = []
    name = read.as_string(ref.get("name"), path.child("name"))
    selector = ref.get("selector")
    exclusive = "name and selector are mutually exclusive"
    if name:
        errs += [
            FieldError.invalid(str(path.child("name")), name, msg)
            for msg in validate_path_segment_name(name, False)
        ]
        if selector is not None:
            errs.append(FieldError.forbidden(str(path.child("name")), exclusive))
    if selector is not None:
        errs += validate_label_selector(read, selector, path.child("selector"))
        if name:
            errs.append(FieldError.forbidden(str(path.child("selector")), exclusive))
    if not name and selector is None:
        errs.append(FieldError.required(str(path), "one of name or selector must be specified"))
    action = read.as_string(
        ref.get("parameterNotFoundAction"), path.child("parameterNotFoundAction")
    )
    if not action:
        errs.append(FieldError.required(str(path.child("parameterNotFoundAction"))))
    elif action not in _PARAM_NOT_FOUND_ACTIONS:
        errs.append(
            FieldError.not_supported(
                str(path.child("parameterNotFoundAction")), action, _PARAM_NOT_FOUND_ACTIONS
            )
        )
    return errs


def validate_binding(read: Reader, obj: Object) -> list[FieldError]:
    """`validateValidatingAdmissionPolicyBindingSpec`."""
    path = Path("spec")
    spec = read.as_object(obj.get("spec"), path)
    errs: list[FieldError] = []
    policy = read.as_string(spec.get("policyName"), path.child("policyName"))
    if not policy:
        errs.append(FieldError.required(str(path.child("policyName"))))
    else:
        errs += [
            FieldError.invalid(str(path.child("policyName")), policy, msg)
            for msg in is_dns1123_subdomain(policy)
        ]
    errs += _validate_param_ref(read, spec.get("paramRef"), path.child("paramRef"))
    if spec.get("matchResources") is not None:
        # Upstream's path has the typo too.
        errs += _validate_match_resources(read, spec["matchResources"], path.child("matchResouces"))
    actions_path = path.child("validationActions")
    actions = read.as_strings(spec.get("validationActions"), actions_path)
    seen: set[str] = set()
    for index, action in enumerate(actions):
        if action not in _VALIDATION_ACTIONS:
            errs.append(
                FieldError.not_supported(
                    str(actions_path.index(index)), action, _VALIDATION_ACTIONS
                )
            )
        if action in seen:
            errs.append(FieldError.duplicate(str(actions_path.index(index)), action))
        seen.add(action)
    if {"Deny", "Warn"} <= seen:
        errs.append(
            FieldError.invalid(
                str(actions_path),
                go_strings(actions, "[]admissionregistration.ValidationAction"),
                "must not contain both Deny and Warn (repeating the same validation failure "
                "information in the API response and headers serves no purpose)",
            )
        )
    if not seen:
        errs.append(
            FieldError.required(str(actions_path), "at least one validation action is required")
        )
    return errs
