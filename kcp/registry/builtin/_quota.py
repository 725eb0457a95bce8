"""ResourceQuota rules: resource names, quantities, scopes, and the REQUEST/LIMIT cells.

Mirrors pkg/apis/core/validation (`ValidateResourceQuota`, `validateResourceName`,
`validateResourceQuantityValue`, `validateResourceQuotaScopes`), the resource-name
sets of pkg/apis/core/helper, k8s.io/apimachinery's `resource.ParseQuantity` (only
as far as telling a quantity's sign and whether it is whole), and `printResourceQuota`
in pkg/printers/internalversion. core.py holds the strategy and the definition.

Not here: scope selectors and which scopes suit which resources; quota enforcement
(admission and the quota controller) is another issue.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from kcp.apimachinery.errors import BadRequestError, FieldError
from kcp.apimachinery.unstructured import JSON, Object
from kcp.apimachinery.validation import Path
from kcp.apimachinery.validation.names import is_qualified_name
from kcp.registry.builtin._common import Reader, go_strings

__all__ = ["limit_cell", "request_cell", "validate_resource_quota"]

_STANDARD_RESOURCES = frozenset(
    {
        "cpu",
        "memory",
        "ephemeral-storage",
        "requests.cpu",
        "requests.memory",
        "requests.ephemeral-storage",
        "limits.cpu",
        "limits.memory",
        "limits.ephemeral-storage",
        "pods",
        "resourcequotas",
        "services",
        "replicationcontrollers",
        "secrets",
        "configmaps",
        "persistentvolumeclaims",
        "storage",
        "requests.storage",
        "services.nodeports",
        "services.loadbalancers",
    }
)
# Quota tracks every standard resource but bare `storage`.
_STANDARD_QUOTA_RESOURCES = _STANDARD_RESOURCES - {"storage"}
_INTEGER_RESOURCES = frozenset(
    {
        "pods",
        "resourcequotas",
        "services",
        "replicationcontrollers",
        "secrets",
        "configmaps",
        "persistentvolumeclaims",
        "services.nodeports",
        "services.loadbalancers",
    }
)
_STANDARD_SCOPES = (
    "Terminating",
    "NotTerminating",
    "BestEffort",
    "NotBestEffort",
    "PriorityClass",
    "CrossNamespacePodAffinity",
)
_CONFLICTING_SCOPES = (("BestEffort", "NotBestEffort"), ("Terminating", "NotTerminating"))

QUANTITY_FORMAT_ERROR = (
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
)
_QUANTITY = re.compile(r"([+-]?)(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?")
_BINARY = {"Ki": 1, "Mi": 2, "Gi": 3, "Ti": 4, "Pi": 5, "Ei": 6}
_DECIMAL = {"n": -9, "u": -6, "m": -3, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}


def parse_quantity(value: JSON) -> Decimal:
    """The value of a quantity; a malformed one is the 400 the Go decoder answers."""
    text = str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value
    match = _QUANTITY.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise BadRequestError(
            'ResourceQuota in version "v1" cannot be handled as a ResourceQuota: '
            + QUANTITY_FORMAT_ERROR
        )
    sign, digits, suffix = match.groups()
    try:
        number = Decimal(digits)
    except InvalidOperation as err:
        raise BadRequestError(QUANTITY_FORMAT_ERROR) from err
    if suffix in _BINARY:
        number *= Decimal(1024) ** _BINARY[suffix]
    elif suffix in _DECIMAL:
        number = number.scaleb(_DECIMAL[suffix])
    elif suffix:
        number = number.scaleb(int(suffix[1:]))
    return -number if sign == "-" else number


def _is_hugepages(name: str) -> bool:
    return name.startswith(("hugepages-", "requests.hugepages-"))


def _is_native(name: str) -> bool:
    domain, slash, _ = name.partition("/")
    return not slash or domain == "kubernetes.io" or domain.endswith(".kubernetes.io")


def _is_extended(name: str) -> bool:
    if _is_native(name) or name.startswith("requests."):
        return False
    return not is_qualified_name("requests." + name)


def _validate_resource_name(name: str, path: Path) -> list[FieldError]:
    """`ValidateResourceQuotaResourceName`: qualified, and standard unless domain-prefixed."""
    errs = [FieldError.invalid(str(path), name, msg) for msg in is_qualified_name(name)]
    if errs or "/" in name:
        return errs
    if not (name in _STANDARD_RESOURCES or _is_hugepages(name)):
        msg = "must be a standard resource type or fully qualified"
        return [FieldError.invalid(str(path), name, msg)]
    if not (name in _STANDARD_QUOTA_RESOURCES or _is_hugepages(name)):
        return [FieldError.invalid(str(path), name, "must be a standard resource for quota")]
    return []


def _validate_resource_list(read: Reader, value: JSON, path: Path) -> list[FieldError]:
    errs: list[FieldError] = []
    for name, quantity in read.as_object(value, path).items():
        where = path.key(name)
        errs += _validate_resource_name(name, where)
        amount = parse_quantity(quantity)
        if amount < 0:
            errs.append(
                FieldError.invalid(str(where), str(quantity), "must be greater than or equal to 0")
            )
        integer = name in _INTEGER_RESOURCES or _is_extended(name)
        if integer and amount.scaleb(3) % 1000 != 0:
            errs.append(FieldError.invalid(str(where), str(quantity), "must be an integer"))
    return errs


def validate_resource_quota(read: Reader, quota: Object) -> list[FieldError]:
    """`ValidateResourceQuotaSpec` and `ValidateResourceQuotaStatus`, without ObjectMeta."""
    spec = read.as_object(quota.get("spec"), "spec")
    errs = _validate_resource_list(read, spec.get("hard"), Path("spec", "hard"))
    scopes_path = Path("spec", "scopes")
    scopes = read.as_strings(spec.get("scopes"), scopes_path)
    bad_value = go_strings(scopes, "[]core.ResourceQuotaScope")
    errs += [
        FieldError.invalid(str(scopes_path), bad_value, "unsupported scope")
        for scope in scopes
        if scope not in _STANDARD_SCOPES
    ]
    errs += [
        FieldError.invalid(str(scopes_path), bad_value, "conflicting scopes")
        for pair in _CONFLICTING_SCOPES
        if set(pair) <= set(scopes)
    ]
    status = read.as_object(quota.get("status"), "status")
    errs += _validate_resource_list(read, status.get("hard"), Path("status", "hard"))
    errs += _validate_resource_list(read, status.get("used"), Path("status", "used"))
    return errs


def _usage(quota: Object, limits: bool) -> str:
    read = Reader()
    status = read.as_object(quota.get("status"), "status")
    hard = read.as_object(status.get("hard"), "status.hard")
    used = read.as_object(status.get("used"), "status.used")
    parts = [
        f"{name}: {used.get(name, '0')}/{hard[name]}"
        for name in sorted(hard)
        if (name.split(".")[0] == "limits" and "." in name) == limits
    ]
    return ", ".join(parts)


def request_cell(quota: Object) -> JSON:
    return _usage(quota, limits=False)


def limit_cell(quota: Object) -> JSON:
    return _usage(quota, limits=True)
