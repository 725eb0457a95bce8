"""coordination.k8s.io/v1 leases: what leader election and heartbeats write.

Mirrors pkg/registry/coordination/lease/strategy.go (create-on-update allowed, an
update needs a resourceVersion), pkg/apis/coordination/validation/validation.go and
`printLease` in pkg/printers/internalversion. `spec.strategy` and
`spec.preferredHolder` belong to the CoordinatedLeaderElection feature, alpha and
off in 1.32: they are dropped on create, and kept on update only when already set.
"""

from __future__ import annotations

from kcp.apimachinery.errors import FieldError
from kcp.apimachinery.request import RequestContext
from kcp.apimachinery.table import TableColumn
from kcp.apimachinery.unstructured import JSON, Object
from kcp.apimachinery.validation import Path
from kcp.apimachinery.validation.names import is_qualified_name, name_is_dns_subdomain
from kcp.registry.builtin._common import Reader
from kcp.registry.resource import ResourceDefinition
from kcp.registry.strategy import Strategy

__all__ = ["DEFINITIONS", "LEASES"]

_GATED_FIELDS = ("strategy", "preferredHolder")
_LEASE_STRATEGIES = ("OldestEmulationVersion",)


def _spec(obj: Object) -> dict[str, JSON]:
    spec = obj.get("spec")
    return spec if isinstance(spec, dict) else {}


def _validate_strategy(strategy: str, path: Path) -> list[FieldError]:
    """`ValidateCoordinatedLeaseStrategy` (its path repeats `strategy`, as upstream's does)."""
    where = str(path.child("strategy"))
    if "/" not in strategy:
        if strategy in _LEASE_STRATEGIES:
            return []
        return [FieldError.not_supported(where, strategy, _LEASE_STRATEGIES)]
    return [FieldError.invalid(where, strategy, msg) for msg in is_qualified_name(strategy)]


def _validate_spec(read: Reader, obj: Object) -> list[FieldError]:
    """`ValidateLeaseSpec`."""
    path = Path("spec")
    spec = read.as_object(obj.get("spec"), path)
    errs: list[FieldError] = []
    duration = read.as_int(spec.get("leaseDurationSeconds"), path.child("leaseDurationSeconds"))
    if duration is not None and duration <= 0:
        errs.append(
            FieldError.invalid(
                str(path.child("leaseDurationSeconds")), duration, "must be greater than 0"
            )
        )
    transitions = read.as_int(spec.get("leaseTransitions"), path.child("leaseTransitions"))
    if transitions is not None and transitions < 0:
        errs.append(
            FieldError.invalid(
                str(path.child("leaseTransitions")),
                transitions,
                "must be greater than or equal to 0",
            )
        )
    strategy = read.as_string(spec.get("strategy"), path.child("strategy"))
    if spec.get("strategy") is not None:
        errs += _validate_strategy(strategy, path.child("strategy"))
    if read.as_string(spec.get("preferredHolder"), path.child("preferredHolder")) and not strategy:
        errs.append(
            FieldError.forbidden(
                str(path.child("preferredHolder")), "may only be specified if `strategy` is defined"
            )
        )
    return errs


class LeaseStrategy(Strategy):
    """pkg/registry/coordination/lease/strategy.go."""

    allow_create_on_update = True
    allow_unconditional_update = False

    def prepare_for_create(self, ctx: RequestContext, obj: Object) -> None:
        spec = _spec(obj)
        for field in _GATED_FIELDS:
            spec.pop(field, None)

    def prepare_for_update(self, ctx: RequestContext, new: Object, old: Object) -> None:
        spec, old_spec = _spec(new), _spec(old)
        for field in _GATED_FIELDS:
            if old_spec.get(field) is None:
                spec.pop(field, None)

    def validate(self, ctx: RequestContext, obj: Object) -> list[FieldError]:
        read = Reader()
        errs = _validate_spec(read, obj)
        return read.errors + errs


def _holder(obj: Object) -> JSON:
    return _spec(obj).get("holderIdentity") or ""


LEASES = ResourceDefinition(
    group="coordination.k8s.io",
    version="v1",
    resource="leases",
    kind="Lease",
    singular="lease",
    namespaced=True,
    strategy=LeaseStrategy(),
    name_validator=name_is_dns_subdomain,
    columns=(
        TableColumn(
            "Holder",
            "string",
            _holder,
            description="holderIdentity contains the identity of the holder of a current lease.",
        ),
    ),
)

DEFINITIONS = (LEASES,)
