"""CertificateSigningRequests: requestor, immutability, /status, /approval, messages, cells."""

from __future__ import annotations

import base64
import datetime
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.integration.api.test_resources import TABLE, csr_pem
from tests.integration.conftest import API

CSRS = "/apis/certificates.k8s.io/v1/certificatesigningrequests"
SIGNER = "example.com/signer"


def csr(name: str, **spec: Any) -> dict[str, Any]:
    fields = {"request": csr_pem(), "signerName": SIGNER, "usages": ["client auth"], **spec}
    return {"metadata": {"name": name}, "spec": fields}


def certificate_pem() -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "alice")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(hours=1))
        .sign(key, hashes.SHA256())
    )
    return base64.b64encode(cert.public_bytes(serialization.Encoding.PEM)).decode()


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            {"request": base64.b64encode(b"hello").decode()},
            "spec.request: Invalid value: []byte{0x68, 0x65, 0x6c, 0x6c, 0x6f}: PEM block type "
            "must be CERTIFICATE REQUEST",
        ),
        ({"usages": []}, "spec.usages: Required value"),
        (
            {"usages": ["client auth", "client auth"]},
            'spec.usages[1]: Duplicate value: "client auth"',
        ),
        (
            {"signerName": "signer"},
            'spec.signerName: Invalid value: "signer": must be a fully qualified domain and path '
            "of the form 'example.com/signer-name'",
        ),
        (
            {"signerName": "example/signer"},
            'spec.signerName: Invalid value: "example": should be a domain with at least two '
            "segments separated by dots",
        ),
        (
            {"signerName": "kubernetes.io/legacy-unknown"},
            'spec.signerName: Invalid value: "kubernetes.io/legacy-unknown": the legacy '
            "signerName is not allowed via this API version",
        ),
        (
            {"expirationSeconds": 599},
            "spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 600 "
            "seconds (10 minutes)",
        ),
    ],
    ids=[
        "not-pem",
        "no-usages",
        "duplicate-usage",
        "signer-without-path",
        "signer-domain-without-dot",
        "legacy-signer",
        "short-expiration",
    ],
)
async def test_invalid_requests_get_upstream_messages(
    api: API, spec: dict[str, Any], message: str
) -> None:
    status, body = await api.call("POST", CSRS, csr("c", **spec))
    assert (status, body["reason"]) == (422, "Invalid"), body
    assert body["message"] == (
        f'CertificateSigningRequest.certificates.k8s.io "c" is invalid: {message}'
    )


async def test_request_that_is_not_base64_is_400(api: API) -> None:
    status, body = await api.call("POST", CSRS, csr("c", request="!!"))
    assert status == 400
    assert body["message"] == (
        'CertificateSigningRequest in version "v1" cannot be handled as a '
        "CertificateSigningRequest: illegal base64 data at input byte 0"
    )


async def test_requestor_comes_from_the_user_and_status_starts_empty(api: API) -> None:
    obj = csr("c", username="mallory", groups=["system:masters"])
    obj["status"] = {"conditions": [{"type": "Approved", "status": "True"}]}
    status, created = await api.call("POST", CSRS, obj)
    assert status == 201, created
    assert created["spec"]["username"] == "kcp-admin"
    assert "system:masters" not in created["spec"]["groups"]
    assert created["status"] == {}


async def test_main_resource_changes_neither_spec_nor_status(api: API) -> None:
    status, created = await api.call("POST", CSRS, csr("c"))
    assert status == 201
    changed = {**created, "spec": {**created["spec"], "usages": ["server auth"]}}
    changed["status"] = {"conditions": [{"type": "Approved", "status": "True"}]}
    changed["metadata"] = {**created["metadata"], "labels": {"a": "b"}}
    status, updated = await api.call("PUT", f"{CSRS}/c", changed)
    assert status == 200, updated
    assert updated["spec"] == created["spec"]
    assert updated["status"] == {}
    assert updated["metadata"]["labels"] == {"a": "b"}


async def test_status_sets_the_certificate_but_not_conditions(api: API) -> None:
    status, created = await api.call("POST", CSRS, csr("c"))
    assert status == 201
    created["status"] = {
        "certificate": certificate_pem(),
        "conditions": [{"type": "Approved", "status": "True"}],
    }
    status, updated = await api.call("PUT", f"{CSRS}/c/status", created)
    assert status == 200, updated
    assert updated["status"]["certificate"] == created["status"]["certificate"]
    assert "conditions" not in updated["status"]
    updated["status"]["certificate"] = base64.b64encode(b"junk").decode()
    status, body = await api.call("PUT", f"{CSRS}/c/status", updated)
    assert status == 422
    assert body["details"]["causes"] == [
        {
            "reason": "FieldValueInvalid",
            "message": 'Invalid value: "<certificate data>": must contain at least one '
            "CERTIFICATE PEM block",
            "field": "status.certificate",
        },
        {
            "reason": "FieldValueForbidden",
            "message": "Forbidden: updates may not modify existing certificate content",
            "field": "status.certificate",
        },
    ]


async def test_approval_sets_conditions(api: API) -> None:
    status, created = await api.call("POST", CSRS, csr("c"))
    assert status == 201
    created["status"] = {"conditions": [{"type": "Approved", "status": "True", "reason": "OK"}]}
    status, updated = await api.call("PUT", f"{CSRS}/c/approval", created)
    assert status == 200, updated
    assert updated["status"]["conditions"][0]["type"] == "Approved"


async def test_signer_name_is_selectable(api: API) -> None:
    assert (await api.call("POST", CSRS, csr("a")))[0] == 201
    assert (await api.call("POST", CSRS, csr("b", signerName="example.com/other")))[0] == 201
    status, listed = await api.call("GET", f"{CSRS}?fieldSelector=spec.signerName%3D{SIGNER}")
    assert status == 200, listed
    assert [i["metadata"]["name"] for i in listed["items"]] == ["a"]


async def test_table_cells(api: API) -> None:
    assert (await api.call("POST", CSRS, csr("c", expirationSeconds=3600)))[0] == 201
    status, table = await api.call("GET", f"{CSRS}/c", headers={"Accept": TABLE})
    assert status == 200
    names = [c["name"] for c in table["columnDefinitions"]]
    cells = dict(zip(names, table["rows"][0]["cells"], strict=True))
    assert cells["SignerName"] == SIGNER
    assert cells["Requestor"] == "kcp-admin"
    assert cells["RequestedDuration"] == "60m"
    assert cells["Condition"] == "Pending"
