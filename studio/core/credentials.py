"""C2PA content credentials: a signed manifest of how an output was made, embedded in the file.

Each installation signs with a key of its own, made on first use together
with a small local certificate authority (C2PA rejects self-signed signing
certificates): a reader then finds the signature valid and the signer
untrusted, which is the honest state for a key no public authority vouches
for. Users who have a certificate of their own point Studio at it (the
``STUDIO_C2PA_CERT`` / ``STUDIO_C2PA_KEY`` files, or Settings in the window).
"""
from __future__ import annotations

import datetime
import json
import os
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from .errors import StudioError
from .files import write_atomic
from .paths import user_data_dir
from .provenance import Provenance

MIME_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp",
              ".tif": "image/tiff", ".tiff": "image/tiff", ".mp4": "video/mp4", ".m4v": "video/mp4",
              ".mov": "video/quicktime"}
_lock = threading.Lock()


def supported(path: str | os.PathLike) -> bool:
    return Path(path).suffix.lower() in MIME_TYPES


@dataclass
class Credentials:
    certificate_chain: bytes  # PEM: the signing certificate, then its issuers
    private_key: bytes  # PEM (PKCS#8)
    algorithm: str  # "es256", "es384", "ps256" or "ed25519"
    source: str = "installation"  # or the user's certificate file


def _make_installation_credentials(folder: Path) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.datetime.now(datetime.timezone.utc)
    years = datetime.timedelta(days=3650)

    def usage(sign: bool) -> x509.KeyUsage:
        return x509.KeyUsage(digital_signature=sign, content_commitment=False, key_encipherment=False,
                             data_encipherment=False, key_agreement=False, key_cert_sign=not sign,
                             crl_sign=not sign, encipher_only=False, decipher_only=False)

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Studio local authority"),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Studio (this installation)")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
          .not_valid_after(now + years)
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(usage(sign=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Studio"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Studio (this installation)")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(ca_name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + years)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(usage(sign=True), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    folder.mkdir(parents=True, exist_ok=True)
    pem = serialization.Encoding.PEM
    write_atomic(folder / "signing-key.pem", key.private_bytes(pem, serialization.PrivateFormat.PKCS8,
                                                               serialization.NoEncryption()), mode=0o600)
    # The chain last: its presence says the pair is complete.
    write_atomic(folder / "signing-chain.pem", cert.public_bytes(pem) + ca.public_bytes(pem), mode=0o644)


def _algorithm(key_pem: bytes) -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

    key = serialization.load_pem_private_key(key_pem, password=None)
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return {256: "es256", 384: "es384", 521: "es512"}.get(key.curve.key_size, "es256")
    if isinstance(key, rsa.RSAPrivateKey):
        return "ps256"
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return "ed25519"
    raise StudioError("the signing key must be EC (P-256/384/521), RSA or Ed25519")


def load_credentials(cert: str | os.PathLike | None = None, key: str | os.PathLike | None = None) -> Credentials:
    """The user's own certificate chain and key when given (or set in the environment), else this installation's."""
    cert = cert or os.environ.get("STUDIO_C2PA_CERT") or None
    key = key or os.environ.get("STUDIO_C2PA_KEY") or None
    if cert or key:
        if not (cert and key):
            raise StudioError("content credentials need both a certificate chain and its private key")
        try:
            chain, pkey = Path(cert).read_bytes(), Path(key).read_bytes()
        except OSError as exc:
            raise StudioError(f"cannot read the signing certificate or key ({exc.strerror or exc})") from exc
        try:
            return Credentials(chain, pkey, _algorithm(pkey), source=str(cert))
        except ValueError as exc:
            raise StudioError(f"{key}: not a PEM private key without a password") from exc
    folder = user_data_dir() / "credentials"
    with _lock:
        if not (folder / "signing-chain.pem").exists():
            _make_installation_credentials(folder)
    return Credentials((folder / "signing-chain.pem").read_bytes(), (folder / "signing-key.pem").read_bytes(), "es256")


@dataclass
class Manifest:
    """What a reader finds: present, signature valid (None: could not be checked), the actions and ingredients."""

    present: bool = False
    valid: bool | None = None
    state: str = ""  # the C2PA validation state: Invalid, Valid or Trusted
    actions: list[str] = field(default_factory=list)
    digital_source_type: str | None = None
    ingredients: list[str] = field(default_factory=list)
    signer: str | None = None
    problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"present": self.present, "valid": self.valid, "state": self.state, "actions": self.actions,
                "digital_source_type": self.digital_source_type, "ingredients": self.ingredients,
                "signer": self.signer, "problems": self.problems}


def _manifest_json(prov: Provenance, title: str) -> dict:
    source = prov.source_type.uri
    if prov.generated:
        actions = [{"action": "c2pa.created", "digitalSourceType": source,
                    "softwareAgent": {"name": prov.software},
                    "parameters": {"description": prov.description()}}]
    else:
        actions = [{"action": "c2pa.edited", "digitalSourceType": source, "softwareAgent": {"name": prov.software},
                    "parameters": {"description": step}} for step in (prov.actions or ["processed"])]
    return {"claim_generator_info": [{"name": "Studio", "version": __version__}], "title": title,
            "assertions": [{"label": "c2pa.actions", "data": {"actions": actions}}]}


def sign_file(path: str | os.PathLike, prov: Provenance, *, original: str | os.PathLike | None = None,
              credentials: Credentials | None = None) -> None:
    """Embed a signed manifest of ``prov`` in ``path`` (rewritten atomically); ``original`` becomes its parent."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".studio-", suffix=path.suffix, dir=path.parent)
    try:
        # Streamed, file to file: a long video is never held in memory.
        with open(path, "rb") as src, os.fdopen(fd, "w+b") as dest:
            _sign(src, dest, path.suffix, prov, original, credentials, path.name)
        os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def sign_bytes(data: bytes, suffix: str, prov: Provenance, *, original: str | os.PathLike | None = None,
               credentials: Credentials | None = None, title: str = "") -> bytes:
    """``data`` (a file of type ``suffix``) with a signed manifest of ``prov`` embedded."""
    import io

    out = io.BytesIO()
    _sign(io.BytesIO(data), out, suffix, prov, original, credentials, title)
    return out.getvalue()


def _sign(src, dest, suffix: str, prov: Provenance, original, credentials: Credentials | None, title: str) -> None:
    import c2pa

    mime = MIME_TYPES.get(suffix.lower())
    if mime is None:
        raise StudioError(f"content credentials are not written to {suffix} files")
    creds = credentials or load_credentials()
    signer = c2pa.Signer.from_info(c2pa.C2paSignerInfo(creds.algorithm.encode(), creds.certificate_chain,
                                                      creds.private_key, None))
    # No thumbnails: they would add a second copy of a small image (an exported face) to every file.
    settings = c2pa.Settings.from_dict({"builder": {"thumbnail": {"enabled": False}}})
    builder = c2pa.Builder(_manifest_json(prov, title), c2pa.Context(settings))
    try:
        if prov.generated:
            builder.set_intent(c2pa.C2paBuilderIntent.CREATE, c2pa.C2paDigitalSourceType.TRAINED_ALGORITHMIC_MEDIA)
        elif original is not None and supported(original) and Path(original).is_file():
            builder.set_intent(c2pa.C2paBuilderIntent.EDIT)
            with open(original, "rb") as fh:
                builder.add_ingredient({"title": Path(original).name, "relationship": "parentOf"},
                                       MIME_TYPES[Path(original).suffix.lower()], fh)
        else:
            # An edit must name what it edited; without a readable original there is no honest manifest.
            raise StudioError(f"{title or 'output'}: no original to name in the content credentials")
        builder.sign(signer, mime, src, dest)
    except c2pa.C2paError as exc:
        raise StudioError(f"{title or 'output'}: could not sign content credentials ({exc})") from exc
    finally:
        builder.close()
        signer.close()


def read_manifest(path: str | os.PathLike) -> Manifest:
    """The C2PA manifest embedded in ``path``, as far as it can be read and checked."""
    import c2pa

    path = Path(path)
    try:
        reader = c2pa.Reader(str(path))
    except c2pa.C2paError as exc:
        text = str(exc)
        if "ManifestNotFound" in type(exc).__name__ or "no JUMBF" in text or "not found" in text.lower():
            return Manifest()
        return Manifest(present=True, valid=False, state="Invalid", problems=[text])
    try:
        state = str(reader.get_validation_state() or "")
        data = json.loads(reader.json())
        active = data.get("manifests", {}).get(data.get("active_manifest", ""), {})
        out = Manifest(present=True, state=state, valid=state in ("Valid", "Trusted"))
        for assertion in active.get("assertions", []):
            if assertion.get("label", "").startswith("c2pa.actions"):
                for act in assertion.get("data", {}).get("actions", []):
                    out.actions.append(act.get("action", ""))
                    dst = act.get("digitalSourceType")
                    if dst and out.digital_source_type is None:
                        out.digital_source_type = dst.rsplit("/", 1)[-1]
        out.ingredients = [i.get("title", "") for i in active.get("ingredients", [])]
        info = active.get("signature_info", {})
        out.signer = info.get("common_name") or info.get("issuer")
        results = reader.get_validation_results() or {}
        failures = results.get("activeManifest", {}).get("failure", []) if isinstance(results, dict) else []
        out.problems = [f.get("code", "") for f in failures]
        return out
    finally:
        reader.close()
