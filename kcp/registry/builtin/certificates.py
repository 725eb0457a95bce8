"""certificates.k8s.io/v1 certificatesigningrequests, with `/status` and `/approval`.

Mirrors pkg/registry/certificates/certificates/strategy.go: the requestor
(`spec.username`, `uid`, `groups`, `extra`) comes from the request's user, status
starts empty, the main resource changes neither spec nor status, `/status` everything
in status but the conditions, `/approval` only the conditions. Validation is
pkg/apis/certificates/validation/validation.go (the PKCS#10 request and its
signature, usages, signer name, expiration, conditions, issued certificates) with its
messages, except the wording of x509 parse and signature errors, which is Go's
crypto/x509's upstream. Selectable field `spec.signerName` (certificates/v1
conversion); the table is `printCertificateSigningRequest`'s.
"""

from __future__ import annotations

import base64
import binascii
import copy
import re

from cryptography import x509

from kcp.apimachinery.errors import BadRequestError, FieldError
from kcp.apimachinery.request import RequestContext
from kcp.apimachinery.table import TableColumn, human_duration
from kcp.apimachinery.unstructured import JSON, Object
from kcp.apimachinery.validation import GoValue, Path
from kcp.apimachinery.validation.names import (
    is_dns1123_label,
    is_dns1123_subdomain,
    validate_path_segment_name,
)
from kcp.registry.builtin._common import AGE, NAME, Reader, framed, none_if_empty
from kcp.registry.resource import ResourceDefinition
from kcp.registry.strategy import Strategy

__all__ = ["CERTIFICATESIGNINGREQUESTS", "DEFINITIONS"]

LEGACY_UNKNOWN_SIGNER = "kubernetes.io/legacy-unknown"
MIN_EXPIRATION_SECONDS = 600
_DNS1123_SUBDOMAIN_MAX = 253
_DNS1123_LABEL_MAX = 63
_MAX_SIGNER_NAME = _DNS1123_SUBDOMAIN_MAX + (_DNS1123_SUBDOMAIN_MAX + _DNS1123_LABEL_MAX + 1) + 1
_VALID_USAGES = tuple(
    sorted(
        (
            "signing", "digital signature", "content commitment", "key encipherment",
            "key agreement", "data encipherment", "cert sign", "crl sign", "encipher only",
            "decipher only", "any", "server auth", "client auth", "code signing",
            "email protection", "s/mime", "ipsec end system", "ipsec tunnel", "ipsec user",
            "timestamping", "ocsp signing", "microsoft sgc", "netscape sgc",
        )
    )
)  # fmt: skip
_TRUE_ONLY = ("Approved", "Denied", "Failed")
_STATUS_VALUES = ("False", "True", "Unknown")
_PEM_BLOCK = re.compile(rb"-----BEGIN ([^-\r\n]*)-----\r?\n(.*?)-----END \1-----", re.DOTALL)
_SPEC = Path("spec")
_CONDITIONS = Path("status", "conditions")
_CERTIFICATE = Path("status", "certificate")


def _dict(value: JSON) -> dict[str, JSON]:
    return value if isinstance(value, dict) else {}


def _decode_bytes(value: JSON) -> bytes:
    """A `[]byte` field: base64 in JSON; bad base64 is the Go decoder's 400."""
    if not value:
        return b""
    text = value if isinstance(value, str) else ""
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as err:
        alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="
        raw = text.encode()
        at = next((i for i, c in enumerate(raw) if c not in alphabet), len(raw))
        raise BadRequestError(
            'CertificateSigningRequest in version "v1" cannot be handled as a '
            f"CertificateSigningRequest: illegal base64 data at input byte {at}"
        ) from err


def _pem_blocks(data: bytes) -> list[tuple[str, bytes]]:
    blocks = []
    for match in _PEM_BLOCK.finditer(data):
        body = b"".join(line for line in match.group(2).splitlines() if line and b":" not in line)
        try:
            blocks.append((match.group(1).decode(), base64.b64decode(body)))
        except (binascii.Error, ValueError):
            break
    return blocks


def _csr_error(request: bytes) -> str | None:
    """`validateCSR`: one PEM CERTIFICATE REQUEST whose signature verifies."""
    blocks = _pem_blocks(request)
    if not blocks or blocks[0][0] != "CERTIFICATE REQUEST":
        return "PEM block type must be CERTIFICATE REQUEST"
    try:
        csr = x509.load_der_x509_csr(blocks[0][1])
    except ValueError:
        return "x509: malformed certificate request"
    if not csr.is_signature_valid:
        return "x509: signature verification failure"
    return None


def _certificate_error(data: bytes) -> str | None:
    """`validateCertificate`: only CERTIFICATE blocks, without headers, each parseable."""
    if not data:
        return None
    blocks = _pem_blocks(data)
    if not blocks:
        return "must contain at least one CERTIFICATE PEM block"
    for kind, der in blocks:
        if kind != "CERTIFICATE":
            return f'only CERTIFICATE PEM blocks are allowed, found "{kind}"'
        try:
            x509.load_der_x509_certificate(der)
        except ValueError:
            return "x509: malformed certificate"
    return None


def _go_bytes(data: bytes) -> GoValue:
    return GoValue("[]byte{" + ", ".join(f"0x{b:x}" for b in data) + "}")


def _validate_signer_name(name: str, path: Path) -> list[FieldError]:
    """`ValidateSignerName` (pkg/apis/core/validation)."""
    where = str(path)
    if not name:
        return [FieldError.required(where)]
    segments = name.split("/")
    if len(segments) != 2:
        msg = "must be a fully qualified domain and path of the form 'example.com/signer-name'"
        return [FieldError.invalid(where, name, msg)]
    domain, rest = segments
    errs: list[FieldError] = []
    if len(domain) > _DNS1123_SUBDOMAIN_MAX:
        errs.append(FieldError.too_long(where, domain, _DNS1123_SUBDOMAIN_MAX))
    labels = domain.split(".")
    for label in labels:
        msgs = is_dns1123_label(label)
        if msgs:
            errs += [
                FieldError.invalid(where, domain, f'validating label "{label}": {m}') for m in msgs
            ]
            break
    if len(labels) < 2:
        msg = "should be a domain with at least two segments separated by dots"
        errs.append(FieldError.invalid(where, domain, msg))
    for label in rest.split("."):
        msgs = is_dns1123_subdomain(label)
        if msgs:
            errs += [
                FieldError.invalid(where, rest, f'validating label "{label}": {m}') for m in msgs
            ]
            break
    if len(name) > _MAX_SIGNER_NAME:
        errs.append(FieldError.too_long(where, name, _MAX_SIGNER_NAME))
    return errs


def _conditions(obj: Object) -> list[dict[str, JSON]]:
    conditions = _dict(obj.get("status")).get("conditions")
    return [c for c in conditions if isinstance(c, dict)] if isinstance(conditions, list) else []


def _validate_conditions(read: Reader, obj: Object) -> list[FieldError]:
    errs: list[FieldError] = []
    seen: set[str] = set()
    approved = denied = False
    status = read.as_object(obj.get("status"), "status")
    for index, raw in enumerate(read.as_list(status.get("conditions"), _CONDITIONS)):
        where = _CONDITIONS.index(index)
        condition = read.as_object(raw, where)
        kind = read.as_string(condition.get("type"), where.child("type"))
        value = read.as_string(condition.get("status"), where.child("status"))
        if not kind:
            errs.append(FieldError.required(str(where.child("type"))))
        allowed = ("True",) if kind in _TRUE_ONLY else _STATUS_VALUES
        if not value:
            errs.append(FieldError.required(str(where.child("status"))))
        elif value not in allowed:
            errs.append(FieldError.not_supported(str(where.child("status")), value, allowed))
        approved, denied = approved or kind == "Approved", denied or kind == "Denied"
        if kind in ("Approved", "Denied") and approved and denied:
            msg = "Approved and Denied conditions are mutually exclusive"
            errs.append(FieldError.invalid(str(_CONDITIONS), kind, msg))
        if kind in seen:
            errs.append(FieldError.duplicate(str(where.child("type")), kind))
        seen.add(kind)
    return errs


def _validate(read: Reader, obj: Object, certificate_changed: bool) -> list[FieldError]:
    """`validateCertificateSigningRequest` with the options of a create or an update."""
    spec = read.as_object(obj.get("spec"), _SPEC)
    errs: list[FieldError] = []
    request = _decode_bytes(spec.get("request"))
    if (problem := _csr_error(request)) is not None:
        errs.append(FieldError.invalid(str(_SPEC.child("request")), _go_bytes(request), problem))
    usages = read.as_strings(spec.get("usages"), _SPEC.child("usages"))
    if not usages:
        errs.append(FieldError.required(str(_SPEC.child("usages"))))
    for index, usage in enumerate(usages):
        where = str(_SPEC.child("usages").index(index))
        if usage not in _VALID_USAGES:
            errs.append(FieldError.not_supported(where, usage, _VALID_USAGES))
        if usage in usages[:index]:
            errs.append(FieldError.duplicate(where, usage))
    signer = read.as_string(spec.get("signerName"), _SPEC.child("signerName"))
    if signer == LEGACY_UNKNOWN_SIGNER:
        msg = "the legacy signerName is not allowed via this API version"
        errs.append(FieldError.invalid(str(_SPEC.child("signerName")), signer, msg))
    else:
        errs += _validate_signer_name(signer, _SPEC.child("signerName"))
    expiration = read.as_int(spec.get("expirationSeconds"), _SPEC.child("expirationSeconds"))
    if expiration is not None and expiration < MIN_EXPIRATION_SECONDS:
        msg = "may not specify a duration less than 600 seconds (10 minutes)"
        errs.append(FieldError.invalid(str(_SPEC.child("expirationSeconds")), expiration, msg))
    errs += _validate_conditions(read, obj)
    if certificate_changed:
        certificate = _decode_bytes(_dict(obj.get("status")).get("certificate"))
        if (problem := _certificate_error(certificate)) is not None:
            errs.append(FieldError.invalid(str(_CERTIFICATE), "<certificate data>", problem))
    return errs


class CertificateSigningRequestStrategy(Strategy):
    """certificates/strategy.go, its status strategy and its approval strategy."""

    has_status = True
    selectable_fields = ("spec.signerName",)

    def prepare_for_create(self, ctx: RequestContext, obj: Object) -> None:
        spec = obj.setdefault("spec", {})
        if not isinstance(spec, dict):
            return
        for field in ("username", "uid", "groups", "extra"):
            spec.pop(field, None)
        user = ctx.user
        if user.name:
            spec["username"] = user.name
        if user.uid:
            spec["uid"] = user.uid
        if user.groups:
            spec["groups"] = list(user.groups)
        if user.extra:
            spec["extra"] = {key: list(values) for key, values in user.extra}
        obj["status"] = {}

    def prepare_for_update(self, ctx: RequestContext, new: Object, old: Object) -> None:
        super().prepare_for_update(ctx, new, old)
        new["spec"] = copy.deepcopy(old.get("spec"))

    def prepare_for_status_update(self, ctx: RequestContext, new: Object, old: Object) -> None:
        """Everything in status but the conditions, which only `/approval` changes."""
        super().prepare_for_status_update(ctx, new, old)
        status = new.get("status")
        if isinstance(status, dict):
            old_conditions = _dict(old.get("status")).get("conditions")
            if old_conditions is None:
                status.pop("conditions", None)
            else:
                status["conditions"] = copy.deepcopy(old_conditions)

    def prepare_for_approval_update(self, ctx: RequestContext, new: Object, old: Object) -> None:
        """`/approval` changes `status.conditions` only (csrApprovalStrategy)."""
        conditions = _dict(new.get("status")).get("conditions")
        new.clear()
        new.update(copy.deepcopy(old))
        status = new.setdefault("status", {})
        if conditions is None:
            status.pop("conditions", None)
        else:
            status["conditions"] = conditions

    def validate(self, ctx: RequestContext, obj: Object) -> list[FieldError]:
        read = Reader()
        errs = _validate(read, obj, certificate_changed=True)
        return read.errors + errs

    def validate_update(self, ctx: RequestContext, new: Object, old: Object) -> list[FieldError]:
        """`validateCertificateSigningRequestUpdate`, under whichever of the three writes.

        The prepare step of each has already put back what that write may not change,
        so the checks for setting approval conditions or a certificate pass here.
        """
        read = Reader()
        old_cert = _dict(old.get("status")).get("certificate")
        new_cert = _dict(new.get("status")).get("certificate")
        errs = _validate(read, new, certificate_changed=new_cert != old_cert)
        for kind in _TRUE_ONLY:
            count_old = sum(1 for c in _conditions(old) if c.get("type") == kind)
            if sum(1 for c in _conditions(new) if c.get("type") == kind) < count_old:
                msg = f'updates may not remove a condition of type "{kind}"'
                errs.append(FieldError.forbidden(str(_CONDITIONS), msg))
        if new_cert != old_cert and old_cert:
            msg = "updates may not modify existing certificate content"
            errs.append(FieldError.forbidden(str(_CERTIFICATE), msg))
        return read.errors + errs

    def field_values(self, obj: Object) -> dict[str, str]:
        fields = super().field_values(obj)
        fields["spec.signerName"] = str(_dict(obj.get("spec")).get("signerName") or "")
        return fields


# -- table ------------------------------------------------------------------------------


def _condition(obj: Object) -> JSON:
    """`extractCSRStatus`: Denied over Approved over Pending, then Failed and Issued."""
    kinds = {c.get("type") for c in _conditions(obj)}
    status = "Denied" if "Denied" in kinds else "Approved" if "Approved" in kinds else "Pending"
    if "Failed" in kinds:
        status += ",Failed"
    if _dict(obj.get("status")).get("certificate"):
        status += ",Issued"
    return status


def _signer_name(obj: Object) -> JSON:
    return none_if_empty(str(_dict(obj.get("spec")).get("signerName") or ""))


def _requestor(obj: Object) -> JSON:
    return _dict(obj.get("spec")).get("username") or ""


def _requested_duration(obj: Object) -> JSON:
    seconds = _dict(obj.get("spec")).get("expirationSeconds")
    return human_duration(seconds) if isinstance(seconds, int) else "<none>"


_LAYOUT = (
    NAME,
    AGE,
    TableColumn("SignerName", "string", _signer_name, description="Name of the requested signer."),
    TableColumn("Requestor", "string", _requestor, description="The requesting user."),
    TableColumn(
        "RequestedDuration",
        "string",
        _requested_duration,
        description="The requested duration of validity of the issued certificate.",
    ),
    TableColumn("Condition", "string", _condition, description="The state of the request."),
)

CERTIFICATESIGNINGREQUESTS = ResourceDefinition(
    group="certificates.k8s.io",
    version="v1",
    resource="certificatesigningrequests",
    kind="CertificateSigningRequest",
    singular="certificatesigningrequest",
    namespaced=False,
    strategy=CertificateSigningRequestStrategy(),
    # `ValidateCertificateRequestName` takes any name; BeforeCreate's path-segment rule stays.
    name_validator=validate_path_segment_name,
    short_names=("csr",),
    subresources=("status", "approval"),
    columns=framed(_LAYOUT),
    table_layout=tuple(_LAYOUT),
)

DEFINITIONS = (CERTIFICATESIGNINGREQUESTS,)
