"""TLS is verified: a server signed by the configured CA bundle is trusted, any other is not."""

from __future__ import annotations

import datetime as dt
import ipaddress

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from central.auth import create_token
from central.live import reset_database, start_server
from central.seed import seed_demo
from station.sync.client import CentralClient, CentralUnavailable


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _certificates(tmp_path):
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder().subject_name(_name("Test CA")).issuer_name(_name("Test CA"))
        .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder().subject_name(_name("central")).issuer_name(ca.subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(
            [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    paths = {name: tmp_path / f"{name}.pem" for name in ("ca", "cert", "key")}
    paths["ca"].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths["cert"].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths["key"].write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    return paths


def test_client_trusts_only_the_configured_ca(tmp_path):
    paths = _certificates(tmp_path)
    engine = reset_database(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    with engine.begin() as conn:
        seed_demo(conn)
        token = create_token(conn, station="ST-01")
    live = start_server(engine, tls=(str(paths["cert"]), str(paths["key"])))
    try:
        assert live.url.startswith("https://")
        with CentralClient(live.url, token, verify=paths["ca"]) as trusted:
            assert len(trusted.changes(None).orders) == 10
        stranger = CentralClient(live.url, token, retries=0)  # system CAs only
        with stranger, pytest.raises(CentralUnavailable, match="not trusted"):
            stranger.changes(None)
    finally:
        live.stop()
        engine.dispose()
