from __future__ import annotations

import datetime
import ipaddress
import stat
from pathlib import Path

from cryptography import x509

from kcp.auth.pki import ensure_serving_certificate


def _sans(path: Path) -> set[str]:
    cert = x509.load_pem_x509_certificate(path.read_bytes())
    ext = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    return {str(ip) for ip in ext.get_values_for_type(x509.IPAddress)} | set(
        ext.get_values_for_type(x509.DNSName)
    )


def test_serving_certificate_is_signed_by_the_ca_and_covers_localhost(tmp_path: Path) -> None:
    files = ensure_serving_certificate(tmp_path, ["kcp.example.test", "10.1.2.3"])
    ca = x509.load_pem_x509_certificate(files.ca_cert.read_bytes())
    leaf = x509.load_pem_x509_certificate(files.cert.read_bytes())
    leaf.verify_directly_issued_by(ca)
    assert {"localhost", "127.0.0.1", "kcp.example.test", "10.1.2.3"} <= _sans(files.cert)
    ipaddress.ip_address("10.1.2.3")  # the IP went in as an IP SAN, checked via _sans


def test_private_keys_are_mode_0600(tmp_path: Path) -> None:
    files = ensure_serving_certificate(tmp_path, [])
    for key in (files.key, tmp_path / "serving-ca.key"):
        assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_certificates_are_reused_across_restarts(tmp_path: Path) -> None:
    first = ensure_serving_certificate(tmp_path, ["a.test"])
    paths = (first.ca_cert, first.cert, first.key, tmp_path / "serving-ca.key")
    before = [path.read_bytes() for path in paths]
    second = ensure_serving_certificate(tmp_path, ["a.test"])
    assert second == first
    assert [path.read_bytes() for path in paths] == before


def test_new_hostname_reissues_leaf_from_the_same_ca(tmp_path: Path) -> None:
    first = ensure_serving_certificate(tmp_path, ["a.test"])
    ca_before = first.ca_cert.read_bytes()
    leaf_before = first.cert.read_bytes()
    second = ensure_serving_certificate(tmp_path, ["b.test"])
    assert second.ca_cert.read_bytes() == ca_before
    assert second.cert.read_bytes() != leaf_before
    assert "b.test" in _sans(second.cert)


def test_leaf_close_to_expiry_is_renewed(tmp_path: Path) -> None:
    long_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=360)
    files = ensure_serving_certificate(tmp_path, [], now=long_ago)
    old = x509.load_pem_x509_certificate(files.cert.read_bytes())
    ensure_serving_certificate(tmp_path, [])
    new = x509.load_pem_x509_certificate(files.cert.read_bytes())
    assert new.not_valid_after_utc > old.not_valid_after_utc
    assert new.serial_number != old.serial_number
