"""rbac.authorization.k8s.io/v1: roles, rolebindings, clusterroles, clusterrolebindings.

Mirrors pkg/registry/rbac/<type>/strategy.go (nothing reset, create-on-update
allowed), pkg/apis/rbac/validation/validation.go (its messages), the rbac/v1
defaults (`roleRef.apiGroup`, and `apiGroup` of User and Group subjects) and the
RoleBinding/ClusterRoleBinding printers of pkg/printers/internalversion. Roles and
ClusterRoles have no printer upstream: the default table convertor's NAME and
CREATED AT.

Names only have to be path segments (`ValidateRBACName`). Authorization that reads
these objects is another issue; escalation checks (a user may only grant what they
hold) belong to it.
"""

from __future__ import annotations

from kcp.apimachinery.errors import FieldError
from kcp.apimachinery.request import RequestContext
from kcp.apimachinery.table import TableColumn
from kcp.apimachinery.unstructured import JSON, Object
from kcp.apimachinery.validation import GoValue, Path
from kcp.apimachinery.validation.names import name_is_dns_subdomain, validate_path_segment_name
from kcp.registry.builtin._common import (
    AGE,
    CREATED_AT,
    NAME,
    Reader,
    framed,
    go_quote,
    go_strings,
    validate_label_selector,
)
from kcp.registry.resource import ResourceDefinition
from kcp.registry.strategy import Strategy

__all__ = [
    "CLUSTERROLEBINDINGS",
    "CLUSTERROLES",
    "DEFINITIONS",
    "GROUP",
    "ROLEBINDINGS",
    "ROLES",
]

GROUP = "rbac.authorization.k8s.io"
_SUBJECT_KINDS = ("ServiceAccount", "User", "Group")


# -- rules ------------------------------------------------------------------------------


def _validate_policy_rule(
    read: Reader, rule: object, namespaced: bool, path: Path
) -> list[FieldError]:
    """`ValidatePolicyRule`."""
    fields = read.as_object(rule, path)
    verbs = read.as_strings(fields.get("verbs"), path.child("verbs"))
    urls = read.as_strings(fields.get("nonResourceURLs"), path.child("nonResourceURLs"))
    groups = read.as_strings(fields.get("apiGroups"), path.child("apiGroups"))
    resources = read.as_strings(fields.get("resources"), path.child("resources"))
    names = read.as_strings(fields.get("resourceNames"), path.child("resourceNames"))
    errs: list[FieldError] = []
    if not verbs:
        errs.append(
            FieldError.required(str(path.child("verbs")), "verbs must contain at least one value")
        )
    if urls:
        where = str(path.child("nonResourceURLs"))
        if namespaced:
            errs.append(
                FieldError.invalid(
                    where, go_strings(urls), "namespaced rules cannot apply to non-resource URLs"
                )
            )
        if groups or resources or names:
            errs.append(
                FieldError.invalid(
                    where,
                    go_strings(urls),
                    "rules cannot apply to both regular resources and non-resource URLs",
                )
            )
        return errs
    if not groups:
        errs.append(
            FieldError.required(
                str(path.child("apiGroups")), "resource rules must supply at least one api group"
            )
        )
    if not resources:
        errs.append(
            FieldError.required(
                str(path.child("resources")), "resource rules must supply at least one resource"
            )
        )
    return errs


def _validate_rules(read: Reader, obj: Object, namespaced: bool) -> list[FieldError]:
    rules = Path("rules")
    return [
        err
        for index, rule in enumerate(read.as_list(obj.get("rules"), rules))
        for err in _validate_policy_rule(read, rule, namespaced, rules.index(index))
    ]


class RoleStrategy(Strategy):
    """pkg/registry/rbac/role/strategy.go."""

    allow_create_on_update = True

    def validate(self, ctx: RequestContext, obj: Object) -> list[FieldError]:
        read = Reader()
        errs = _validate_rules(read, obj, namespaced=True)
        return read.errors + errs


class ClusterRoleStrategy(Strategy):
    """pkg/registry/rbac/clusterrole/strategy.go: rules, and the aggregation rule's selectors."""

    allow_create_on_update = True

    def validate(self, ctx: RequestContext, obj: Object) -> list[FieldError]:
        read = Reader()
        errs = _validate_rules(read, obj, namespaced=False)
        if obj.get("aggregationRule") is not None:
            rule = read.as_object(obj.get("aggregationRule"), "aggregationRule")
            path = Path("aggregationRule", "clusterRoleSelectors")
            selectors = read.as_list(rule.get("clusterRoleSelectors"), path)
            if not selectors:
                errs.append(
                    FieldError.required(
                        str(path),
                        "at least one clusterRoleSelector required if aggregationRule is non-nil",
                    )
                )
            for index, selector in enumerate(selectors):
                errs += validate_label_selector(read, selector, path.index(index))
        return read.errors + errs


# -- bindings ---------------------------------------------------------------------------


def _default_binding(obj: Object) -> None:
    """rbac/v1 `SetDefaults_*RoleBinding` and `SetDefaults_Subject`."""
    role_ref = obj.get("roleRef")
    if isinstance(role_ref, dict) and not role_ref.get("apiGroup"):
        role_ref["apiGroup"] = GROUP
    subjects = obj.get("subjects")
    for subject in subjects if isinstance(subjects, list) else ():
        is_user_or_group = isinstance(subject, dict) and subject.get("kind") in ("User", "Group")
        if is_user_or_group and not subject.get("apiGroup"):
            subject["apiGroup"] = GROUP


def _role_ref(read: Reader, obj: Object) -> dict[str, str]:
    fields = read.as_object(obj.get("roleRef"), "roleRef")
    return {
        key: read.as_string(fields.get(key), Path("roleRef", key))
        for key in ("apiGroup", "kind", "name")
    }


def _go_role_ref(ref: dict[str, str]) -> GoValue:
    """`%#v` of an internal `rbac.RoleRef`."""
    return GoValue(
        f"rbac.RoleRef{{APIGroup:{go_quote(ref['apiGroup'])}, Kind:{go_quote(ref['kind'])}, "
        f"Name:{go_quote(ref['name'])}}}"
    )


def _validate_subject(read: Reader, raw: object, namespaced: bool, path: Path) -> list[FieldError]:
    """`ValidateRoleBindingSubject`."""
    subject = read.as_object(raw, path)
    kind = read.as_string(subject.get("kind"), path.child("kind"))
    name = read.as_string(subject.get("name"), path.child("name"))
    api_group = read.as_string(subject.get("apiGroup"), path.child("apiGroup"))
    namespace = read.as_string(subject.get("namespace"), path.child("namespace"))
    errs: list[FieldError] = []
    if not name:
        errs.append(FieldError.required(str(path.child("name"))))
    if kind == "ServiceAccount":
        if name:
            errs += [
                FieldError.invalid(str(path.child("name")), name, msg)
                for msg in name_is_dns_subdomain(name, False)
            ]
        if api_group:
            errs.append(FieldError.not_supported(str(path.child("apiGroup")), api_group, [""]))
        if not namespaced and not namespace:
            errs.append(FieldError.required(str(path.child("namespace"))))
    elif kind in ("User", "Group"):
        if api_group != GROUP:
            errs.append(FieldError.not_supported(str(path.child("apiGroup")), api_group, [GROUP]))
    else:
        errs.append(FieldError.not_supported(str(path.child("kind")), kind, _SUBJECT_KINDS))
    return errs


class _BindingStrategy(Strategy):
    """What RoleBindings and ClusterRoleBindings share; `role_kinds` is what they may bind."""

    allow_create_on_update = True
    # Subjects of a RoleBinding default to its namespace; a ClusterRoleBinding's need one.
    namespaced_subjects = True
    role_kinds: tuple[str, ...] = ("Role", "ClusterRole")

    def prepare_for_create(self, ctx: RequestContext, obj: Object) -> None:
        _default_binding(obj)

    def prepare_for_update(self, ctx: RequestContext, new: Object, old: Object) -> None:
        _default_binding(new)

    def validate(self, ctx: RequestContext, obj: Object) -> list[FieldError]:
        read = Reader()
        ref = _role_ref(read, obj)
        errs: list[FieldError] = []
        if ref["apiGroup"] != GROUP:
            errs.append(FieldError.not_supported("roleRef.apiGroup", ref["apiGroup"], [GROUP]))
        if ref["kind"] not in self.role_kinds:
            errs.append(FieldError.not_supported("roleRef.kind", ref["kind"], self.role_kinds))
        if not ref["name"]:
            errs.append(FieldError.required("roleRef.name"))
        else:
            errs += [
                FieldError.invalid("roleRef.name", ref["name"], msg)
                for msg in validate_path_segment_name(ref["name"], False)
            ]
        subjects = Path("subjects")
        for index, subject in enumerate(read.as_list(obj.get("subjects"), subjects)):
            errs += _validate_subject(
                read, subject, self.namespaced_subjects, subjects.index(index)
            )
        return read.errors + errs

    def validate_update(self, ctx: RequestContext, new: Object, old: Object) -> list[FieldError]:
        errs = self.validate(ctx, new)
        new_ref, old_ref = _role_ref(Reader(), new), _role_ref(Reader(), old)
        if new_ref != old_ref:
            errs.append(
                FieldError.invalid("roleRef", _go_role_ref(new_ref), "cannot change roleRef")
            )
        return errs


class RoleBindingStrategy(_BindingStrategy):
    """pkg/registry/rbac/rolebinding/strategy.go."""


class ClusterRoleBindingStrategy(_BindingStrategy):
    """pkg/registry/rbac/clusterrolebinding/strategy.go: ClusterRoles only, SAs need a namespace."""

    namespaced_subjects = False
    role_kinds = ("ClusterRole",)


# -- tables -----------------------------------------------------------------------------


def _role_cell(obj: Object) -> JSON:
    ref = obj.get("roleRef")
    ref = ref if isinstance(ref, dict) else {}
    return f"{ref.get('kind', '')}/{ref.get('name', '')}"


def _subjects(obj: Object, kind: str) -> JSON:
    """One column of `rbac.SubjectsStrings`: users, groups or namespace/name of SAs."""
    subjects = obj.get("subjects")
    shown = []
    for subject in subjects if isinstance(subjects, list) else ():
        if isinstance(subject, dict) and subject.get("kind") == kind:
            name = str(subject.get("name") or "")
            if kind == "ServiceAccount":
                name = f"{subject.get('namespace') or ''}/{name}"
            shown.append(name)
    return ", ".join(shown)


def _binding_layout(noun: str) -> tuple[TableColumn, ...]:
    def subjects_of(kind: str) -> TableColumn:
        def cell(obj: Object) -> JSON:
            return _subjects(obj, kind)

        column = "ServiceAccounts" if kind == "ServiceAccount" else f"{kind}s"
        return TableColumn(column, "string", cell, "", f"{column} in the {noun}", priority=1)

    return (
        NAME,
        TableColumn(
            "Role",
            "string",
            _role_cell,
            "",
            "RoleRef can reference a Role in the "
            "current namespace or a ClusterRole in the global namespace.",
        ),
        AGE,
        subjects_of("User"),
        subjects_of("Group"),
        subjects_of("ServiceAccount"),
    )


_ROLE_LAYOUT = (NAME, CREATED_AT)
_ROLEBINDING_LAYOUT = _binding_layout("roleBinding")
_CLUSTERROLEBINDING_LAYOUT = _binding_layout("clusterRoleBinding")


def _definition(
    resource: str,
    kind: str,
    strategy: Strategy,
    namespaced: bool,
    layout: tuple[TableColumn, ...],
) -> ResourceDefinition:
    return ResourceDefinition(
        group=GROUP,
        version="v1",
        resource=resource,
        kind=kind,
        singular=kind.lower(),
        namespaced=namespaced,
        strategy=strategy,
        name_validator=validate_path_segment_name,
        columns=framed(layout),
        table_layout=tuple(layout),
    )


CLUSTERROLEBINDINGS = _definition(
    "clusterrolebindings",
    "ClusterRoleBinding",
    ClusterRoleBindingStrategy(),
    False,
    _CLUSTERROLEBINDING_LAYOUT,
)
CLUSTERROLES = _definition(
    "clusterroles", "ClusterRole", ClusterRoleStrategy(), False, _ROLE_LAYOUT
)
ROLEBINDINGS = _definition(
    "rolebindings", "RoleBinding", RoleBindingStrategy(), True, _ROLEBINDING_LAYOUT
)
ROLES = _definition("roles", "Role", RoleStrategy(), True, _ROLE_LAYOUT)

DEFINITIONS = (CLUSTERROLEBINDINGS, CLUSTERROLES, ROLEBINDINGS, ROLES)
