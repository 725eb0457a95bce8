"""admissionregistration.k8s.io/v1: webhook configurations, admission policies, bindings.

Mirrors pkg/registry/admissionregistration/<type>/strategy.go (generation counting
spec changes, no create-on-update, an update needs a resourceVersion, a policy's
status apart behind `/status`), the admissionregistration/v1 defaults (failure and
match policies, selectors, timeouts, rule scopes, service ports), and the printers of
pkg/printers/internalversion (WEBHOOKS, VALIDATIONS/PARAMKIND, POLICYNAME/PARAMREF).
Validation lives in `_webhooks` and `_policies`. Calling webhooks and evaluating
policies is admission's work (kcp/admission), another issue.
"""

from __future__ import annotations

from kcp.apimachinery.errors import BadRequestError, FieldError
from kcp.apimachinery.labels import selector_from_label_selector_dict
from kcp.apimachinery.patch.schema import PatchSchema, merge_list, object_schema
from kcp.apimachinery.request import RequestContext
from kcp.apimachinery.table import TableColumn
from kcp.apimachinery.unstructured import JSON, Object
from kcp.apimachinery.validation.names import name_is_dns_subdomain
from kcp.registry.builtin import _policies, _webhooks
from kcp.registry.builtin._common import Reader
from kcp.registry.resource import ResourceDefinition
from kcp.registry.strategy import Strategy

__all__ = [
    "DEFINITIONS",
    "MUTATINGWEBHOOKCONFIGURATIONS",
    "VALIDATINGADMISSIONPOLICIES",
    "VALIDATINGADMISSIONPOLICYBINDINGS",
    "VALIDATINGWEBHOOKCONFIGURATIONS",
]

GROUP = "admissionregistration.k8s.io"
CATEGORIES = ("api-extensions",)
# v1 defaults (pkg/apis/admissionregistration/v1/defaults.go).
DEFAULT_TIMEOUT_SECONDS = 10
DEFAULT_SERVICE_PORT = 443


def _objects(value: JSON) -> list[dict[str, JSON]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _default_rules(rules: JSON) -> None:
    """`SetDefaults_Rule`: a rule's scope is `*` unless given."""
    for rule in _objects(rules):
        rule.setdefault("scope", "*")


def _default_match_resources(match: JSON) -> None:
    """`SetDefaults_MatchResources`."""
    if not isinstance(match, dict):
        return
    match.setdefault("matchPolicy", "Equivalent")
    match.setdefault("namespaceSelector", {})
    match.setdefault("objectSelector", {})
    _default_rules(match.get("resourceRules"))
    _default_rules(match.get("excludeResourceRules"))


def _default_webhooks(obj: Object, mutating: bool) -> None:
    """`SetDefaults_{Validating,Mutating}Webhook` and `SetDefaults_ServiceReference`."""
    for hook in _objects(obj.get("webhooks")):
        hook.setdefault("failurePolicy", "Fail")
        hook.setdefault("matchPolicy", "Equivalent")
        hook.setdefault("namespaceSelector", {})
        hook.setdefault("objectSelector", {})
        hook.setdefault("timeoutSeconds", DEFAULT_TIMEOUT_SECONDS)
        if mutating:
            hook.setdefault("reinvocationPolicy", "Never")
        _default_rules(hook.get("rules"))
        config = hook.get("clientConfig")
        service = config.get("service") if isinstance(config, dict) else None
        if isinstance(service, dict):
            service.setdefault("port", DEFAULT_SERVICE_PORT)


class _WebhookConfigurationStrategy(Strategy):
    """{validating,mutating}webhookconfiguration/strategy.go."""

    tracks_generation = True
    allow_unconditional_update = False
    mutating = False

    def prepare_for_create(self, ctx: RequestContext, obj: Object) -> None:
        _default_webhooks(obj, self.mutating)

    def prepare_for_update(self, ctx: RequestContext, new: Object, old: Object) -> None:
        _default_webhooks(new, self.mutating)

    def validate(self, ctx: RequestContext, obj: Object) -> list[FieldError]:
        read = Reader()
        errs = _webhooks.validate_webhooks(read, obj, self.mutating)
        return read.errors + errs


class ValidatingWebhookConfigurationStrategy(_WebhookConfigurationStrategy):
    pass


class MutatingWebhookConfigurationStrategy(_WebhookConfigurationStrategy):
    mutating = True


def _spec(obj: Object) -> dict[str, JSON]:
    spec = obj.get("spec")
    return spec if isinstance(spec, dict) else {}


class ValidatingAdmissionPolicyStrategy(Strategy):
    """validatingadmissionpolicy/strategy.go: status apart, generation on spec changes."""

    has_status = True
    tracks_generation = True
    allow_unconditional_update = False

    def _default(self, obj: Object) -> None:
        spec = _spec(obj)
        spec.setdefault("failurePolicy", "Fail")
        _default_match_resources(spec.get("matchConstraints"))

    def prepare_for_create(self, ctx: RequestContext, obj: Object) -> None:
        self._default(obj)
        obj["status"] = {}

    def prepare_for_update(self, ctx: RequestContext, new: Object, old: Object) -> None:
        super().prepare_for_update(ctx, new, old)
        self._default(new)

    def validate(self, ctx: RequestContext, obj: Object) -> list[FieldError]:
        read = Reader()
        errs = _policies.validate_policy(read, obj)
        return read.errors + errs


class ValidatingAdmissionPolicyBindingStrategy(Strategy):
    """validatingadmissionpolicybinding/strategy.go."""

    tracks_generation = True
    allow_unconditional_update = False

    def prepare_for_create(self, ctx: RequestContext, obj: Object) -> None:
        _default_match_resources(_spec(obj).get("matchResources"))

    def prepare_for_update(self, ctx: RequestContext, new: Object, old: Object) -> None:
        _default_match_resources(_spec(new).get("matchResources"))

    def validate(self, ctx: RequestContext, obj: Object) -> list[FieldError]:
        read = Reader()
        errs = _policies.validate_binding(read, obj)
        return read.errors + errs


# -- tables -----------------------------------------------------------------------------


def _webhook_count(obj: Object) -> JSON:
    return len(_objects(obj.get("webhooks")))


def _validation_count(obj: Object) -> JSON:
    return len(_objects(_spec(obj).get("validations")))


def _param_kind(obj: Object) -> JSON:
    kind = _spec(obj).get("paramKind")
    if not isinstance(kind, dict):
        return "<unset>"
    return f"{kind.get('apiVersion', '')}/{kind.get('kind', '')}"


def _param_ref(obj: Object) -> JSON:
    """printValidatingAdmissionPolicyBinding's PARAMREF.

    Upstream prints a selector with the Go struct's `String()`; the selector's
    string form (`app=x`) is shown here instead.
    """
    ref = _spec(obj).get("paramRef")
    if not isinstance(ref, dict):
        return "<unset>"
    if ref.get("name"):
        # A param without a namespace may be cluster-scoped: upstream shows `*/`.
        return f"{ref.get('namespace') or '*'}/{ref['name']}"
    selector = ref.get("selector")
    if isinstance(selector, dict):
        try:
            return str(selector_from_label_selector_dict(selector))
        except BadRequestError:
            return "<invalid>"
    return "<unset>"


def _policy_name(obj: Object) -> JSON:
    return _spec(obj).get("policyName") or ""


_OBJECT_SCHEMA = object_schema()
_WEBHOOKS_COLUMN = TableColumn(
    "Webhooks",
    "integer",
    _webhook_count,
    description="Webhooks indicates the number of webhooks registered in this configuration",
)


def _definition(
    resource: str,
    kind: str,
    strategy: Strategy,
    columns: tuple[TableColumn, ...],
    *,
    patch_schema: PatchSchema = _OBJECT_SCHEMA,
    subresources: tuple[str, ...] = (),
) -> ResourceDefinition:
    return ResourceDefinition(
        group=GROUP,
        version="v1",
        resource=resource,
        kind=kind,
        singular=kind.lower(),
        namespaced=False,
        strategy=strategy,
        name_validator=name_is_dns_subdomain,
        categories=CATEGORIES,
        columns=columns,
        patch_schema=patch_schema,
        subresources=subresources,
    )


# `webhooks` carry `patchStrategy: merge, patchMergeKey: name`.
_WEBHOOKS_PATCH_SCHEMA = object_schema(webhooks=merge_list("name"))

MUTATINGWEBHOOKCONFIGURATIONS = _definition(
    "mutatingwebhookconfigurations",
    "MutatingWebhookConfiguration",
    MutatingWebhookConfigurationStrategy(),
    (_WEBHOOKS_COLUMN,),
    patch_schema=_WEBHOOKS_PATCH_SCHEMA,
)
VALIDATINGADMISSIONPOLICIES = _definition(
    "validatingadmissionpolicies",
    "ValidatingAdmissionPolicy",
    ValidatingAdmissionPolicyStrategy(),
    (
        TableColumn(
            "Validations",
            "integer",
            _validation_count,
            description="Validations indicates the number of validation rules defined in this "
            "configuration",
        ),
        TableColumn(
            "ParamKind",
            "string",
            _param_kind,
            description="ParamKind specifies the kind of resources used to parameterize this "
            "policy",
        ),
    ),
    subresources=("status",),
)
VALIDATINGADMISSIONPOLICYBINDINGS = _definition(
    "validatingadmissionpolicybindings",
    "ValidatingAdmissionPolicyBinding",
    ValidatingAdmissionPolicyBindingStrategy(),
    (
        TableColumn(
            "PolicyName",
            "string",
            _policy_name,
            description="PolicyName indicates the policy definition which the policy binding "
            "binded to",
        ),
        TableColumn(
            "ParamRef",
            "string",
            _param_ref,
            description="ParamRef indicates the param resource which sets the configration param",
        ),
    ),
)
VALIDATINGWEBHOOKCONFIGURATIONS = _definition(
    "validatingwebhookconfigurations",
    "ValidatingWebhookConfiguration",
    ValidatingWebhookConfigurationStrategy(),
    (_WEBHOOKS_COLUMN,),
    patch_schema=_WEBHOOKS_PATCH_SCHEMA,
)

DEFINITIONS = (
    MUTATINGWEBHOOKCONFIGURATIONS,
    VALIDATINGADMISSIONPOLICIES,
    VALIDATINGADMISSIONPOLICYBINDINGS,
    VALIDATINGWEBHOOKCONFIGURATIONS,
)
