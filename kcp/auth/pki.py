"""The server's PKI: a serving CA and the serving certificate it signs.

Made with `cryptography` on first start in the root directory and reused on later
starts; a certificate that expires within `RENEW_BEFORE`, or whose SANs no longer
cover the addresses the server answers on, is issued anew from the same CA. Private
keys are written with mode 0600. Client CAs, admin client certificates and the
kubeconfig arrive with the security work; this module holds only what serving TLS
needs.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

__all__ = ["ServingFiles", "ensure_serving_certificate"]

CA_VALIDITY = datetime.timedelta(days=3650)
LEAF_VALIDITY = datetime.timedelta(days=365)
# Renew a leaf this long before it expires, so a restart well ahead of expiry fixes it.
RENEW_BEFORE = datetime.timedelta(days=30)


@dataclass(frozen=True, slots=True)
class ServingFiles:
    ca_cert: Path
    cert: Path
    key: Path


def ensure_serving_certificate(
    root_directory: Path, hostnames: Iterable[str], now: datetime.datetime | None = None
) -> ServingFiles:
    """Make or reuse `serving-ca.crt`/`.key` and `apiserver.crt`/`.key` in `root_directory`."""
    now = now or datetime.datetime.now(datetime.UTC)
    root_directory.mkdir(parents=True, exist_ok=True)
    files = ServingFiles(
        ca_cert=root_directory / "serving-ca.crt",
        cert=root_directory / "apiserver.crt",
        key=root_directory / "apiserver.key",
    )
    ca_key_path = root_directory / "serving-ca.key"
    ca_cert, ca_key = _load_or_make_ca(files.ca_cert, ca_key_path, "kcp-serving-ca", now)
    names = sorted({"localhost", "127.0.0.1", *hostnames} - {"", "0.0.0.0", "::"})  # noqa: S104
    if not _leaf_is_current(files.cert, ca_cert, names, now):
        key = ec.generate_private_key(ec.SECP256R1())
        cert = _sign_leaf(ca_cert, ca_key, key, "kcp", names, now)
        _write_key(files.key, key)
        files.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return files


def _load_or_make_ca(
    cert_path: Path, key_path: Path, common_name: str, now: datetime.datetime
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    if cert_path.exists() and key_path.exists():
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        if isinstance(key, ec.EllipticCurvePrivateKey) and cert.not_valid_after_utc > now:
            return cert, key
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [x509.NameAttribute(NameOID.COMMON_NAME, f"{common_name}@{int(now.timestamp())}")]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + CA_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                crl_sign=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    _write_key(key_path, key)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return cert, key


def _leaf_is_current(
    cert_path: Path, ca_cert: x509.Certificate, names: list[str], now: datetime.datetime
) -> bool:
    if not cert_path.exists() or not cert_path.with_suffix(".key").exists():
        return False
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    if cert.issuer != ca_cert.subject or cert.not_valid_after_utc - RENEW_BEFORE < now:
        return False
    try:
        sans = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return False
    present = {str(ip) for ip in sans.get_values_for_type(x509.IPAddress)}
    present |= set(sans.get_values_for_type(x509.DNSName))
    return set(names) <= present


def _sign_leaf(
    ca_cert: x509.Certificate,
    ca_key: ec.EllipticCurvePrivateKey,
    key: ec.EllipticCurvePrivateKey,
    common_name: str,
    names: list[str],
    now: datetime.datetime,
) -> x509.Certificate:
    alt_names: list[x509.GeneralName] = []
    for name in names:
        try:
            alt_names.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            alt_names.append(x509.DNSName(name))
    return (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(min(now + LEAF_VALIDITY, ca_cert.not_valid_after_utc))
        .add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )


def _write_key(path: Path, key: ec.EllipticCurvePrivateKey) -> None:
    data = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.chmod(path, 0o600)
