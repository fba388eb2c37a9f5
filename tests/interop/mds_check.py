#!/usr/bin/python3
"""Independent MOSIP MDS / SBI 0.9.5 interop checker.

Plays the role of MOSIP's registration client (1.2+) and compliance toolkit (CTK) against a
running device service on 127.0.0.1.  Written only from the written facts:
``/work/shared/reference/mosip-clients.md`` (cited below as §a.1 ... §f.N) and the spec text
``/work/shared/spec/mds-spec-0.9.5.md`` §4 and §5.1-5.5 (cited as "spec §5.x").  It deliberately
does not share any code with the service under test.

Usage::

    mds_check.py --port P --pki DIR [--checks discovery,info,security,capture] [--json] [-v]
    mds_check.py --self-test [--json] [-v]

DIR layout used:
    DIR/trust/roots.pem          trusted roots (MOSIP adopter root + FTM root)
    DIR/trust/intermediates.pem  device-provider CA (untrusted intermediates)
    DIR/mosip-encryption.key     MOSIP encryption private key (PKCS#8 PEM), capture only
    DIR/mosip-encryption.crt     MOSIP encryption certificate, capture only

Output: one line per failed rule (``FAIL <rule> [<section>]: <detail>``), passed rules only with
``-v``, and a final line exactly ``N passed, M failed``.  With ``--json`` a single JSON object is
printed instead (keys: passed, failed, summary, results).  Exit status 0 iff nothing failed.

Check groups (``--checks``; default ``discovery,info,security``):
    discovery  MOSIPDISC /device for each type, entry schema, unsigned digitalId (§a.1, §a.2, §f)
    info       MOSIPDINFO /info probe without body and with ``{}``; JWS + trust chains (§a.3, §b.1)
    security   Host/Origin/method/bind hardening of the local HTTP endpoint (§a.1)
    capture    CAPTURE for Auth devices (§a.4, §b.2, §c), RCAPTURE for Registration devices (§a.5, §c)

Only the Python standard library and ``cryptography`` (Debian python3-cryptography, >= 38) are used.
"""

import argparse
import base64
import datetime as dt
import gzip
import hashlib
import json
import os
import random
import re
import socket
import sys
import threading
import traceback
import uuid
import zlib

from cryptography import x509
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

# ----------------------------------------------------------------------------------------------
# Constants taken from the reference notes
# ----------------------------------------------------------------------------------------------

SUCCESS_ERROR = {"errorCode": "0", "errorInfo": "Success"}  # §a.1 (CTK schemas pin both strings)
DISCOVERY_KEYS = {"deviceId", "deviceStatus", "certification", "serviceVersion", "deviceSubId",
                  "callbackId", "digitalId", "deviceCode", "specVersion", "purpose", "error"}  # §a.2
INFO_ENTRY_KEYS = {"deviceInfo", "error"}  # §a.3
INFO_PAYLOAD_KEYS = {"specVersion", "env", "digitalId", "deviceId", "deviceCode", "purpose",
                     "serviceVersion", "deviceStatus", "firmware", "certification", "deviceSubId",
                     "callbackId"}  # §a.3
DIGITAL_ID_KEYS = {"serialNo", "make", "model", "type", "deviceSubType", "deviceProviderId",
                   "deviceProvider", "dateTime"}  # §a.2 / §a.3
CAPTURE_ENTRY_KEYS = {"specVersion", "data", "hash", "sessionKey", "thumbprint", "error"}  # §a.4
RCAPTURE_ENTRY_KEYS = {"specVersion", "data", "hash", "error"}  # §a.5
CAPTURE_PAYLOAD_KEYS = {"digitalId", "deviceCode", "deviceServiceVersion", "bioType", "bioSubType",
                        "purpose", "env", "domainUri", "bioValue", "transactionId", "timestamp",
                        "requestedScore", "qualityScore"}  # §a.4 (face: no bioSubType)
RCAPTURE_PAYLOAD_KEYS = {"digitalId", "deviceCode", "deviceServiceVersion", "bioType", "bioSubType",
                         "purpose", "env", "bioValue", "transactionId", "timestamp",
                         "requestedScore", "qualityScore"}  # §a.5 (no domainUri/registrationId)

DEVICE_STATUSES = {"Ready", "Busy", "Not Ready", "Not Registered"}  # spec §5.1
CERTIFICATIONS = {"L0", "L1"}  # §a.2 CTK schema, §f.18
PURPOSES = {"Auth", "Registration"}  # §a.2, §f.17
ENVS = {"Staging", "Developer", "Pre-Production", "Production"}  # §a.3
BIO_TYPES = {"Finger", "Iris", "Face"}  # §a.2, §f.3, §f.5
SUB_IDS = {"0", "1", "2", "3"}  # §a.2 CTK schema, §f.15

LEFT_FINGERS = ["Left IndexFinger", "Left MiddleFinger", "Left RingFinger", "Left LittleFinger"]
RIGHT_FINGERS = ["Right IndexFinger", "Right MiddleFinger", "Right RingFinger",
                 "Right LittleFinger"]
THUMBS = ["Left Thumb", "Right Thumb"]
FINGER_NAMES = LEFT_FINGERS + RIGHT_FINGERS + THUMBS  # §f.4
IRIS_NAMES = ["Left", "Right"]  # §f.4

ISO_MAGIC = {"Finger": (b"FIR\x00", b"020\x00"), "Iris": (b"IIR\x00", b"020\x00"),
             "Face": (b"FAC\x00", b"030\x00")}  # §e.1 ISO expectations

EMPTY_SHA256 = hashlib.sha256(b"").digest()  # §c
EMPTY_SHA256_LOWER = EMPTY_SHA256.hex()
EMPTY_SHA256_UPPER = EMPTY_SHA256_LOWER.upper()

TIMESTAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")  # §f.12
UPPER_HEX64_RE = re.compile(r"^[A-Z0-9]{64}$")  # §b.2.7, §c (CTK schema pattern)
ERROR_CODE_RE = re.compile(r"^[1-9][0-9][0-9]$")  # §d (CTK error schema)
B64URL_RE = re.compile(r"^[A-Za-z0-9_-]*={0,2}$")
B64URL_NOPAD_RE = re.compile(r"^[A-Za-z0-9_-]*$")
ALLOWED_LAG = dt.timedelta(minutes=5)  # §a.5 mosip.registration.mds.allowed.lag.mins

DEFAULT_CHECKS = ["discovery", "info", "security"]
ALL_CHECKS = ["discovery", "info", "security", "capture"]


# ----------------------------------------------------------------------------------------------
# Result collection
# ----------------------------------------------------------------------------------------------

class Report:
    """Collects one result per evaluated rule."""

    def __init__(self):
        self.results = []

    def check(self, rule, ok, detail="", section=""):
        self.results.append({"rule": rule, "ok": bool(ok), "detail": "" if ok else str(detail),
                             "section": section})
        return bool(ok)

    def expect_eq(self, rule, expected, actual, section=""):
        return self.check(rule, expected == actual,
                          f"expected {expected!r}, actual {actual!r}", section)

    def expect_keys(self, rule, expected, obj, section=""):
        """Exact key-set comparison (strict Jackson mappers / additionalProperties:false)."""
        if not isinstance(obj, dict):
            return self.check(rule, False, f"expected a JSON object, actual {type(obj).__name__}",
                              section)
        keys = set(obj)
        missing, extra = sorted(expected - keys), sorted(keys - expected)
        return self.check(rule, not missing and not extra,
                          f"missing {missing}, unexpected {extra}", section)

    def fail(self, rule, detail, section=""):
        return self.check(rule, False, detail, section)

    @property
    def passed(self):
        return sum(1 for r in self.results if r["ok"])

    @property
    def failed(self):
        return sum(1 for r in self.results if not r["ok"])

    def summary(self):
        return f"{self.passed} passed, {self.failed} failed"

    def emit(self, as_json=False, verbose=False, out=sys.stdout):
        if as_json:
            json.dump({"passed": self.passed, "failed": self.failed, "summary": self.summary(),
                       "results": self.results}, out, indent=1)
            out.write("\n")
            return
        for r in self.results:
            sec = f" [{r['section']}]" if r["section"] else ""
            if not r["ok"]:
                out.write(f"FAIL {r['rule']}{sec}: {r['detail']}\n")
            elif verbose:
                out.write(f"ok   {r['rule']}{sec}\n")
        out.write(self.summary() + "\n")


# ----------------------------------------------------------------------------------------------
# Pure helpers: encodings, time, hashing, crypto recipe
# ----------------------------------------------------------------------------------------------

def b64url_decode(text):
    """Decode base64url, padded or not (§b.2: all Java decoders accept either). Raises ValueError."""
    if not isinstance(text, str) or not B64URL_RE.match(text):
        raise ValueError("not base64url")
    stripped = text.rstrip("=")
    if len(stripped) % 4 == 1:
        raise ValueError("invalid base64url length")
    return base64.urlsafe_b64decode(stripped + "=" * (-len(stripped) % 4))


def b64url_encode(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64std_decode(text):
    """Strict standard base64 (x5c entries, RFC 7515 §4.1.6). Raises ValueError."""
    if not isinstance(text, str):
        raise ValueError("not a string")
    return base64.b64decode(text.encode("ascii"), validate=True)


def parse_utc_timestamp(text):
    """Parse ``yyyy-MM-dd'T'HH:mm:ss'Z'`` strictly (§f.12); return aware datetime or None."""
    if not isinstance(text, str) or not TIMESTAMP_RE.match(text):
        return None
    try:
        return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
    except ValueError:
        return None


def xor_iv_aad(timestamp, transaction_id):
    """§b.2 steps 2-3: XOR of the two ASCII strings, shorter left-padded with 0x00.

    Returns (iv = last 12 bytes, aad = last 16 bytes, full xor)."""
    a, b = timestamp.encode("ascii"), transaction_id.encode("ascii")
    n = max(len(a), len(b))
    a, b = a.rjust(n, b"\x00"), b.rjust(n, b"\x00")
    x = bytes(i ^ j for i, j in zip(a, b))
    return x[-12:], x[-16:], x


def aes_gcm_decrypt_bio(session_key, bio_value_b64url, timestamp, transaction_id):
    """§b.2 steps 4-5: AES-256-GCM, IV/AAD from xor_iv_aad, input = base64url(ct||tag)."""
    iv, aad, _ = xor_iv_aad(timestamp, transaction_id)
    return AESGCM(session_key).decrypt(iv, b64url_decode(bio_value_b64url), aad)


def rsa_oaep_sha256_decrypt(private_key, ciphertext):
    """§b.2 step 6: RSA/ECB/OAEPWithSHA-256AndMGF1Padding with MGF1-SHA-256, empty label."""
    return private_key.decrypt(ciphertext, padding.OAEP(mgf=padding.MGF1(hashes.SHA256()),
                                                        algorithm=hashes.SHA256(), label=None))


def initial_previous_hash(previous_hash):
    """§c: null/blank previousHash means SHA256(""); otherwise hex (either case) decoded."""
    if previous_hash is None or (isinstance(previous_hash, str) and previous_hash.strip() == ""):
        return EMPTY_SHA256
    return bytes.fromhex(previous_hash)


def chain_hashes(previous_hash, iso_records):
    """§c Gen B: h = SHA256(prev || SHA256(iso)), UPPER hex, chained in response order."""
    prev = initial_previous_hash(previous_hash)
    out = []
    for iso in iso_records:
        h = hashlib.sha256(prev + hashlib.sha256(iso).digest()).digest()
        out.append(h.hex().upper())
        prev = h
    return out


def cert_thumbprint(cert):
    """§b.2 step 7: UPPER hex SHA-256 over the certificate DER."""
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest().upper()


def iso_header_problems(iso, bio_type):
    """Minimal ISO 19794-4/-5/-6:2011 general-header checks (§e.1, ISO samples notes)."""
    problems = []
    if bio_type not in ISO_MAGIC:
        return [f"unknown bioType {bio_type!r}"]
    magic, version = ISO_MAGIC[bio_type]
    if iso[:4] != magic:
        problems.append(f"format identifier expected {magic!r}, actual {iso[:4]!r}")
    if iso[4:8] != version:
        problems.append(f"version expected {version!r}, actual {iso[4:8]!r}")
    if len(iso) >= 12:
        rec_len = int.from_bytes(iso[8:12], "big")
        if rec_len != len(iso):
            problems.append(f"record length field {rec_len} != actual length {len(iso)}")
    else:
        problems.append(f"record too short ({len(iso)} bytes)")
    return problems


def parse_proc_net_listeners(text, port):
    """Return the hex local addresses of LISTEN (st 0A) sockets on ``port`` in /proc/net/tcp{,6}."""
    found = []
    for line in text.splitlines()[1:]:
        fields = line.split()
        if len(fields) < 4 or ":" not in fields[1]:
            continue
        addr, _, port_hex = fields[1].rpartition(":")
        try:
            if int(port_hex, 16) == port and fields[3] == "0A":
                found.append(addr.upper())
        except ValueError:
            continue
    return found


def load_pem_certs(path):
    """Load every certificate from a PEM bundle (cryptography 38 has no multi-cert loader)."""
    with open(path, "rb") as f:
        data = f.read()
    certs = []
    for block in re.findall(rb"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", data,
                            re.S):
        certs.append(x509.load_pem_x509_certificate(block))
    return certs


def cert_validity(cert):
    nb = getattr(cert, "not_valid_before_utc", None)
    na = getattr(cert, "not_valid_after_utc", None)
    if nb is None:
        nb = cert.not_valid_before.replace(tzinfo=dt.timezone.utc)
        na = cert.not_valid_after.replace(tzinfo=dt.timezone.utc)
    return nb, na


def cert_name(cert):
    return cert.subject.rfc4514_string()


def cert_der(cert):
    return cert.public_bytes(serialization.Encoding.DER)


def signature_issued_by(child, parent):
    """True if ``child`` names ``parent`` as issuer and ``parent``'s key verifies its signature."""
    if child.issuer != parent.subject:
        return False
    direct = getattr(child, "verify_directly_issued_by", None)  # cryptography >= 40
    if direct is not None:
        try:
            direct(parent)
            return True
        except (ValueError, TypeError, InvalidSignature):
            return False
    pub = parent.public_key()
    try:
        if isinstance(pub, rsa.RSAPublicKey):
            if child.signature_algorithm_oid == x509.SignatureAlgorithmOID.RSASSA_PSS:
                h = child.signature_hash_algorithm
                pad = padding.PSS(mgf=padding.MGF1(h), salt_length=h.digest_size)
            else:
                pad = padding.PKCS1v15()
            pub.verify(child.signature, child.tbs_certificate_bytes, pad,
                       child.signature_hash_algorithm)
        elif isinstance(pub, ec.EllipticCurvePublicKey):
            pub.verify(child.signature, child.tbs_certificate_bytes,
                       ec.ECDSA(child.signature_hash_algorithm))
        elif isinstance(pub, (ed25519.Ed25519PublicKey, ed448.Ed448PublicKey)):
            pub.verify(child.signature, child.tbs_certificate_bytes)
        else:
            return False
        return True
    except (InvalidSignature, ValueError, TypeError):
        return False


def is_ca(cert):
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


class TrustStore:
    """Roots (trust anchors) + untrusted intermediates; path building by name + signature (§b.1)."""

    def __init__(self, roots, intermediates):
        self.roots = list(roots)
        self.intermediates = list(intermediates)
        # The FTM root is recognised by name; the other roots are MOSIP adopter roots (§b.1).
        self.ftm_roots = [r for r in self.roots if "ftm" in cert_name(r).lower()]
        self.adopter_roots = [r for r in self.roots if r not in self.ftm_roots]

    @classmethod
    def from_pki_dir(cls, pki):
        roots = load_pem_certs(os.path.join(pki, "trust", "roots.pem"))
        inter_path = os.path.join(pki, "trust", "intermediates.pem")
        inter = load_pem_certs(inter_path) if os.path.exists(inter_path) else []
        return cls(roots, inter)

    def is_ftm_root(self, cert):
        return any(cert_der(cert) == cert_der(r) for r in self.ftm_roots)

    def is_adopter_root(self, cert):
        return any(cert_der(cert) == cert_der(r) for r in self.adopter_roots)

    def build_chain(self, leaf, extra=()):
        """Return (chain [leaf, ..., root], None) or (partial chain, reason)."""
        pool = self.intermediates + list(extra)
        chain = [leaf]
        cur = leaf
        for _ in range(8):
            for root in self.roots:
                if cert_der(cur) == cert_der(root):
                    return chain, None
                if signature_issued_by(cur, root):
                    return chain + [root], None
            nxt = None
            for cand in pool:
                if any(cert_der(cand) == cert_der(c) for c in chain):
                    continue
                if is_ca(cand) and signature_issued_by(cur, cand):
                    nxt = cand
                    break
            if nxt is None:
                return chain, (f"no trusted issuer for '{cert_name(cur)}' "
                               f"(issuer '{cur.issuer.rfc4514_string()}')")
            chain.append(nxt)
            cur = nxt
        return chain, "chain too long"


class JwsResult:
    def __init__(self):
        self.header = None
        self.payload = None
        self.payload_bytes = None
        self.leaf = None
        self.chain = []
        self.root = None
        self.signature_ok = False


def check_jws(rep, rule, token, trust, section="§b.1", now=None):
    """Check one compact JWS as CTK's SignatureValidator / keymanager would (§b.1, §f.8).

    Rules: compact form, unpadded base64url parts, alg RS256, typ JWT, x5c JSON array of standard
    base64 DER, RSASSA-PKCS1-v1_5 SHA-256 over ASCII ``header.payload`` with x5c[0], leaf
    validity dates, chain to a trusted root (every link: name match + issuer signature + CA flag on
    intermediates), validity of every chain certificate, JSON object payload.  Returns JwsResult
    (fields None when a step could not be completed)."""
    now = now or dt.datetime.now(dt.timezone.utc)
    res = JwsResult()
    parts = token.split(".") if isinstance(token, str) else []
    if not rep.check(f"{rule}.jws.compact", len(parts) == 3 and all(parts[:2]),
                     f"expected header.payload.signature, actual {str(token)[:60]!r}", section):
        return res
    rep.check(f"{rule}.jws.base64url-unpadded",
              all(B64URL_NOPAD_RE.match(p) for p in parts),
              "JWS segments must be unpadded base64url (RFC 7515 §2)", section)
    try:
        res.header = json.loads(b64url_decode(parts[0]))
        assert isinstance(res.header, dict)
    except Exception as e:  # noqa: BLE001 - any decoding failure is a rule failure
        rep.fail(f"{rule}.jws.header", f"header is not base64url JSON object: {e}", section)
        return res
    rep.expect_eq(f"{rule}.jws.alg", "RS256", res.header.get("alg"), section)
    rep.expect_eq(f"{rule}.jws.typ", "JWT", res.header.get("typ"), "§f.8")
    x5c = res.header.get("x5c")
    certs = []
    x5c_ok = isinstance(x5c, list) and len(x5c) > 0
    detail = f"x5c must be a non-empty JSON array, actual {type(x5c).__name__}"
    if x5c_ok:
        try:
            certs = [x509.load_der_x509_certificate(b64std_decode(c)) for c in x5c]
        except Exception as e:  # noqa: BLE001
            x5c_ok, detail = False, f"x5c entry is not standard-base64 DER certificate: {e}"
    rep.check(f"{rule}.jws.x5c", x5c_ok, detail, "§b.1")
    try:
        res.payload_bytes = b64url_decode(parts[1])
        res.payload = json.loads(res.payload_bytes.decode("utf-8"))
        if not isinstance(res.payload, dict):
            raise ValueError(f"payload is a JSON {type(res.payload).__name__}")
        rep.check(f"{rule}.jws.payload", True)
    except Exception as e:  # noqa: BLE001
        res.payload = None
        rep.fail(f"{rule}.jws.payload", f"payload is not base64url UTF-8 JSON object: {e}", section)
    if not certs:
        return res
    res.leaf = certs[0]
    pub = res.leaf.public_key()
    sig_detail = ""
    try:
        if not isinstance(pub, rsa.RSAPublicKey):
            raise TypeError(f"x5c[0] key is {type(pub).__name__}, RS256 needs RSA")
        pub.verify(b64url_decode(parts[2]), f"{parts[0]}.{parts[1]}".encode("ascii"),
                   padding.PKCS1v15(), hashes.SHA256())
        res.signature_ok = True
    except InvalidSignature:
        sig_detail = "RSASSA-PKCS1-v1_5/SHA-256 signature does not verify with x5c[0]"
    except Exception as e:  # noqa: BLE001
        sig_detail = f"cannot verify signature: {e}"
    rep.check(f"{rule}.jws.signature", res.signature_ok, sig_detail, section)
    nb, na = cert_validity(res.leaf)
    rep.check(f"{rule}.jws.cert-validity", nb <= now <= na,
              f"x5c[0] '{cert_name(res.leaf)}' valid {nb:%Y-%m-%dT%H:%M:%SZ}.."
              f"{na:%Y-%m-%dT%H:%M:%SZ}, now {now:%Y-%m-%dT%H:%M:%SZ}", "§b.1")
    chain, why = trust.build_chain(res.leaf, extra=certs[1:])
    res.chain = chain
    if rep.check(f"{rule}.jws.chain", why is None, why, "§b.1"):
        res.root = chain[-1]
        expired = [cert_name(c) for c in chain[1:]
                   if not (cert_validity(c)[0] <= now <= cert_validity(c)[1])]
        rep.check(f"{rule}.jws.chain-validity", not expired,
                  f"chain certificates outside validity: {expired}", "§b.1")
    return res


def digital_id_problems(did):
    """Digital-ID payload checks (§a.2/§a.3: strict 8-field mapping; §a.3 device-key derivation)."""
    if not isinstance(did, dict):
        return [f"digitalId payload is not a JSON object ({type(did).__name__})"]
    problems = []
    keys = set(did)
    if keys != DIGITAL_ID_KEYS:
        problems.append(f"keys: missing {sorted(DIGITAL_ID_KEYS - keys)}, "
                        f"unexpected {sorted(keys - DIGITAL_ID_KEYS)}")
    for k in sorted(DIGITAL_ID_KEYS & keys):
        if not isinstance(did[k], str) or not did[k]:
            problems.append(f"{k} must be a non-empty string, actual {did[k]!r}")
    typ, sub = did.get("type"), did.get("deviceSubType")
    if typ not in BIO_TYPES:
        problems.append(f"type must be one of {sorted(BIO_TYPES)}, actual {typ!r}")
    # reg-client derives its device key from (type, subType): §a.3
    tokens = {"Finger": ("slap", "slab", "single"), "Iris": ("single", "double"),
              "Face": ("face",)}.get(typ, ())
    if isinstance(sub, str) and tokens and not any(t in sub.lower() for t in tokens):
        problems.append(f"deviceSubType {sub!r} not recognisable for type {typ!r} "
                        f"(reg-client expects one of {list(tokens)})")
    if "dateTime" in did and parse_utc_timestamp(did.get("dateTime")) is None:
        problems.append(f"dateTime must be yyyy-MM-ddTHH:mm:ssZ, actual {did.get('dateTime')!r}")
    return problems


def error_code_problems(err):
    """Non-success error object: exact keys, 3-digit code != 0, info != Success (§d, CTK)."""
    if not isinstance(err, dict):
        return [f"error must be an object, actual {err!r}"]
    problems = []
    if set(err) != {"errorCode", "errorInfo"}:
        problems.append(f"error keys must be errorCode/errorInfo, actual {sorted(err)}")
    if not isinstance(err.get("errorCode"), str) or not ERROR_CODE_RE.match(err.get("errorCode")):
        problems.append(f"errorCode must match ^[1-9][0-9][0-9]$, actual {err.get('errorCode')!r}")
    if err.get("errorInfo") == "Success":
        problems.append("errorInfo must not be 'Success' for an error")
    return problems


# ----------------------------------------------------------------------------------------------
# HTTP over raw sockets
# ----------------------------------------------------------------------------------------------

class HttpError(Exception):
    pass


class HttpResponse:
    def __init__(self, status, reason, headers, body):
        self.status, self.reason, self.headers, self.body = status, reason, headers, body

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def has_header(self, name):
        return self.header(name) is not None


class _Reader:
    def __init__(self, sock):
        self.sock, self.buf = sock, b""

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            return False
        self.buf += chunk
        return True

    def read_until(self, marker):
        while marker not in self.buf:
            if not self._fill():
                raise HttpError(f"connection closed before {marker!r}"
                                f" ({len(self.buf)} bytes received)")
        idx = self.buf.index(marker) + len(marker)
        out, self.buf = self.buf[:idx], self.buf[idx:]
        return out

    def read_exact(self, n):
        while len(self.buf) < n:
            if not self._fill():
                raise HttpError(f"connection closed after {len(self.buf)} of {n} body bytes")
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def read_to_eof(self):
        while self._fill():
            pass
        out, self.buf = self.buf, b""
        return out


def http_request(port, method, path, headers, body=None, timeout=10.0, host="127.0.0.1"):
    """Send one request exactly as given (no header added) and read one response.

    Body framing: Content-Length, chunked, or read-to-close.  gzip/deflate bodies are decoded
    (Apache HttpClient advertises them)."""
    req = f"{method} {path} HTTP/1.1\r\n".encode("ascii")
    for k, v in headers:
        req += f"{k}: {v}\r\n".encode("latin-1")
    req += b"\r\n" + (body or b"")
    try:
        with socket.create_connection((host, port), timeout=timeout) as s:
            s.sendall(req)
            r = _Reader(s)
            head = r.read_until(b"\r\n\r\n").decode("latin-1")
            lines = head.split("\r\n")
            m = re.match(r"^HTTP/(\d\.\d) (\d{3})(?: (.*))?$", lines[0])
            if not m:
                raise HttpError(f"bad status line {lines[0]!r}")
            status, reason = int(m.group(2)), m.group(3) or ""
            hdrs = []
            for line in lines[1:]:
                if not line:
                    continue
                if ":" not in line:
                    raise HttpError(f"bad header line {line!r}")
                k, _, v = line.partition(":")
                hdrs.append((k.strip(), v.strip()))
            resp = HttpResponse(status, reason, hdrs, b"")
            te = (resp.header("Transfer-Encoding") or "").lower()
            if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
                body_bytes = b""
            elif "chunked" in te:
                body_bytes = b""
                while True:
                    size = int(r.read_until(b"\r\n").split(b";")[0].strip(), 16)
                    if size == 0:
                        while r.read_until(b"\r\n") != b"\r\n":
                            pass
                        break
                    body_bytes += r.read_exact(size)
                    r.read_exact(2)
            elif resp.has_header("Content-Length"):
                body_bytes = r.read_exact(int(resp.header("Content-Length")))
            else:
                body_bytes = r.read_to_eof()
            enc = (resp.header("Content-Encoding") or "").lower()
            if enc == "gzip":
                body_bytes = gzip.decompress(body_bytes)
            elif enc == "deflate":
                body_bytes = zlib.decompress(body_bytes)
            resp.body = body_bytes
            return resp
    except (OSError, ValueError) as e:
        raise HttpError(f"{type(e).__name__}: {e}") from e


def regclient_headers(port, body=None, host=None):
    """Apache HttpClient 4.5 as used by the registration client (§a.1 [RC-HELPER])."""
    h = [("Host", host or f"127.0.0.1:{port}")]
    if body is not None:
        h += [("Content-Type", "Content-Type; charset=UTF-8"), ("Content-Length", str(len(body)))]
    h += [("Connection", "Keep-Alive"), ("User-Agent", "Apache-HttpClient/4.5.13 (Java/11.0.22)"),
          ("Accept-Encoding", "gzip,deflate")]
    return h


def ctk_headers(port, body=None, host=None):
    """Browser (Angular HttpClient) request as the compliance toolkit UI sends it (§a.1)."""
    h = [("Host", host or f"127.0.0.1:{port}"), ("Connection", "keep-alive"),
         ("Accept", "application/json"), ("Content-Type", "application/json"),
         ("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) mds_check/1.0")]
    if body is not None:
        h.append(("Content-Length", str(len(body))))
    return h


# ----------------------------------------------------------------------------------------------
# Context shared by the check groups
# ----------------------------------------------------------------------------------------------

class Context:
    def __init__(self, port, pki, rep):
        self.port, self.pki, self.rep = port, pki, rep
        self.trust = None
        self.discovery = None  # deviceId -> discovery entry ("Biometric Device")
        self.info = None       # deviceId -> {"entry", "payload", "jws", "did_jws"}
        self.enc_key = None    # MOSIP encryption private key (capture only)
        self.enc_cert = None   # MOSIP encryption certificate (capture only)

    def load_trust(self):
        if self.trust is None:
            self.trust = TrustStore.from_pki_dir(self.pki)
            self.rep.check("pki.trust.roots", len(self.trust.roots) > 0,
                           f"no certificates in {self.pki}/trust/roots.pem", "§b.1")
        return self.trust

    def call(self, rule, profile, method, path, obj=None, raw=None, timeout=10.0, host=None,
             extra_headers=()):
        """Send ``obj`` (JSON) or ``raw`` bytes with a client profile; record transport failure."""
        body = raw if raw is not None else (
            json.dumps(obj, separators=(",", ":")).encode("utf-8") if obj is not None else None)
        mk = regclient_headers if profile == "regclient" else ctk_headers
        headers = mk(self.port, body, host) + list(extra_headers)
        try:
            return http_request(self.port, method, path, headers, body, timeout)
        except HttpError as e:
            self.rep.fail(f"{rule}.transport", f"{method} {path}: {e}", "§a.1")
            return None

    def json_ok(self, rule, resp, section="§a.1"):
        """HTTP 200 + application/json + parseable JSON body (§a.1: business errors use 200)."""
        if resp is None:
            return None
        if not self.rep.expect_eq(f"{rule}.http-status", 200, resp.status, section):
            return None
        ctype = resp.header("Content-Type") or ""
        self.rep.check(f"{rule}.content-type", ctype.lower().startswith("application/json"),
                       f"expected application/json, actual {ctype!r}", "spec §5.1 / §a.1")
        try:
            return json.loads(resp.body.decode("utf-8"))
        except Exception as e:  # noqa: BLE001
            self.rep.fail(f"{rule}.json", f"body is not UTF-8 JSON: {e}: {resp.body[:80]!r}",
                          section)
            return None

    def fetch_info(self, rule="capture.prereq.info"):
        """MOSIPDINFO {} with verification, for groups that run without the ``info`` group."""
        if self.info is None:
            check_info_response(self, rule, self.call(rule, "ctk", "MOSIPDINFO", "/info", obj={}))
        return self.info or {}


# ----------------------------------------------------------------------------------------------
# Device-entry field checks shared by discovery and info
# ----------------------------------------------------------------------------------------------

def check_device_fields(ctx, rule, d, section):
    """Common discovery/deviceInfo fields (§a.2 CTK DiscoverResponseSchema, §a.3, §f.13, §f.15)."""
    rep, port = ctx.rep, ctx.port
    for k in ("deviceId", "deviceCode", "serviceVersion"):
        rep.check(f"{rule}.{k}", isinstance(d.get(k), str) and d.get(k) != "",
                  f"{k} must be a non-empty string, actual {d.get(k)!r}", section)
    status = d.get("deviceStatus")
    rep.check(f"{rule}.deviceStatus", status in DEVICE_STATUSES,
              f"expected one of {sorted(DEVICE_STATUSES)}, actual {status!r}", "spec §5.1")
    rep.expect_eq(f"{rule}.deviceStatus-ready", "Ready", status, "§a.2 (reg-client needs Ready)")
    rep.check(f"{rule}.certification", d.get("certification") in CERTIFICATIONS,
              f"expected L0|L1, actual {d.get('certification')!r}", "§a.2 / §f.18")
    rep.check(f"{rule}.purpose", d.get("purpose") in PURPOSES,
              f"expected Auth|Registration, actual {d.get('purpose')!r}", "§a.2 / §f.17")
    rep.expect_eq(f"{rule}.callbackId", f"http://127.0.0.1:{port}/", d.get("callbackId"),
                  "§a.2 / §f.13")
    sv = d.get("specVersion")
    rep.check(f"{rule}.specVersion", isinstance(sv, list) and "0.9.5" in sv
              and all(isinstance(v, str) for v in sv),
              f"expected an array of strings containing '0.9.5', actual {sv!r}", "§a.2")
    sub = d.get("deviceSubId")
    rep.check(f"{rule}.deviceSubId", isinstance(sub, list) and len(sub) > 0
              and all(isinstance(s, str) and s in SUB_IDS for s in sub),
              f"expected non-empty array of strings '0'..'3', actual {sub!r}", "§a.2 / §f.15")


def check_error_for_status(ctx, rule, status, err):
    """error = {"errorCode":"0","errorInfo":"Success"} when Ready, 3-digit code otherwise (§a.1)."""
    if not isinstance(err, dict):
        return ctx.rep.fail(f"{rule}.error", f"error must be an object, actual {err!r}", "§a.1")
    if status == "Ready":
        return ctx.rep.expect_eq(f"{rule}.error", SUCCESS_ERROR, err, "§a.1 / §f.1")
    probs = error_code_problems(err)
    return ctx.rep.check(f"{rule}.error", not probs, "; ".join(probs), "§a.2 / §d")


# ----------------------------------------------------------------------------------------------
# Group: discovery
# ----------------------------------------------------------------------------------------------

def check_discovery_entry(ctx, rule, e):
    """One discovery entry (§a.2): exact keys, field values, unsigned digitalId (§f.5)."""
    rep = ctx.rep
    rep.expect_keys(f"{rule}.keys", DISCOVERY_KEYS, e, "§a.2 (strict reg-client DTO)")
    if not isinstance(e, dict):
        return None
    check_device_fields(ctx, rule, e, "§a.2")
    check_error_for_status(ctx, rule, e.get("deviceStatus"), e.get("error"))
    did_raw = e.get("digitalId")
    if not rep.check(f"{rule}.digitalId.unsigned", isinstance(did_raw, str) and "." not in did_raw
                     and B64URL_RE.match(did_raw) is not None,
                     f"expected unsigned base64url JSON (no dots), actual {str(did_raw)[:60]!r}",
                     "§a.2"):
        return None
    try:
        did = json.loads(b64url_decode(did_raw).decode("utf-8"))
    except Exception as ex:  # noqa: BLE001
        rep.fail(f"{rule}.digitalId.json", f"not base64url JSON: {ex}", "§a.2")
        return None
    probs = digital_id_problems(did)
    rep.check(f"{rule}.digitalId.payload", not probs, "; ".join(probs), "§a.2 / §a.3")
    return did


def check_discovery(ctx):
    """MOSIPDISC /device: CTK scan, reg-client per-type checks, CTK 1196 negative (§a.1, §a.2)."""
    rep = ctx.rep
    all_devices = {}
    bodies = {}
    for t, profile in (("Biometric Device", "ctk"), ("Finger", "regclient"),
                       ("Iris", "regclient"), ("Face", "regclient")):
        rule = f"discovery[{t}]"
        body = ctx.json_ok(rule, ctx.call(rule, profile, "MOSIPDISC", "/device", obj={"type": t}),
                           "§a.2")
        if body is None:
            continue
        if not rep.check(f"{rule}.array", isinstance(body, list),
                         f"expected a JSON array, actual {type(body).__name__}", "§a.2"):
            continue
        bodies[t] = body
        if t == "Biometric Device":
            rep.check(f"{rule}.non-empty", len(body) > 0, "no device listed", "§a.2")
            for i, e in enumerate(body):
                did_key = e.get("deviceId") if isinstance(e, dict) else None
                erule = f"{rule}[{did_key or i}]"
                did = check_discovery_entry(ctx, erule, e)
                if isinstance(e, dict):
                    rep.check(f"{erule}.unique-deviceId", did_key not in all_devices,
                              f"duplicate deviceId {did_key!r}", "§a.2")
                    all_devices[did_key] = {"entry": e, "digitalId": did}
    ctx.discovery = all_devices
    # Per-type filtering (spec §5.1 note: respond only if type matches; §a.2 accepted values).
    for t in ("Finger", "Iris", "Face"):
        if t not in bodies or "Biometric Device" not in bodies:
            continue
        rule = f"discovery[{t}]"
        expected = sorted(str(k) for k, v in all_devices.items()
                          if (v["digitalId"] or {}).get("type") == t)
        body = bodies[t]
        if not expected:
            ok = len(body) > 0 and all(isinstance(e, dict) and not error_code_problems(
                e.get("error")) and not e.get("deviceId") for e in body)
            rep.check(f"{rule}.none-available", ok,
                      f"no {t} device: expected error entries (503), actual {body!r}"[:300],
                      "§a.2")
            continue
        got = []
        for e in body:
            did_key = e.get("deviceId") if isinstance(e, dict) else None
            got.append(did_key)
            did = check_discovery_entry(ctx, f"{rule}[{did_key}]", e)
            if did is not None:
                rep.expect_eq(f"{rule}[{did_key}].filtered-type", t, did.get("type"), "§a.2")
        rep.expect_eq(f"{rule}.device-set", expected, sorted(str(g) for g in got), "§a.2")
    # CTK SBI1196: upper-cased type is not accepted (case-sensitive) -> error entry.
    rule = "discovery[FINGER]"
    body = ctx.json_ok(rule, ctx.call(rule, "ctk", "MOSIPDISC", "/device", obj={"type": "FINGER"}),
                       "§a.1 (business errors travel in 200)")
    if body is not None:
        ok = isinstance(body, list) and len(body) > 0 and all(isinstance(e, dict) for e in body)
        if rep.check(f"{rule}.error-array", ok, f"expected [{{\"error\":...}}], actual {body!r}"[:300],
                     "§a.2"):
            for i, e in enumerate(body):
                probs = error_code_problems(e.get("error"))
                rep.check(f"{rule}[{i}].error", not probs, "; ".join(probs) or "", "§a.2 / §f.5")


# ----------------------------------------------------------------------------------------------
# Group: info
# ----------------------------------------------------------------------------------------------

def check_digital_id_jws(ctx, rule, token, payload, outer, section="§a.3 / §b.1"):
    """Signed digitalId: JWS + trust; signer per certification (§a.3, §b.1, spec §4 Digital Id).

    L0 Registration: device key (same certificate as the enclosing JWS).  Otherwise (L1, or any
    Auth device): FTM chip key chaining to the FTM root, different from the enclosing signer."""
    rep, trust = ctx.rep, ctx.trust
    res = check_jws(rep, rule, token, trust, section)
    if res.payload is not None:
        probs = digital_id_problems(res.payload)
        rep.check(f"{rule}.payload", not probs, "; ".join(probs), "§a.3 (strict 8-field DTO)")
    if res.leaf is None or outer is None or outer.leaf is None:
        return res
    same = cert_der(res.leaf) == cert_der(outer.leaf)
    cert_level, purpose = payload.get("certification"), payload.get("purpose")
    if cert_level == "L0" and purpose == "Registration":
        rep.check(f"{rule}.signer-device-key", same,
                  "L0 digitalId must be signed by the device key (x5c[0] of the enclosing JWS), "
                  f"actual signer '{cert_name(res.leaf)}'", "§a.3 / spec §4")
    else:
        rep.check(f"{rule}.signer-not-device-key", not same,
                  f"{cert_level}/{purpose} digitalId must be signed by the FTM chip key, "
                  "not the device key", "§a.3 / §b.1 / spec §4")
        if res.root is not None:
            ftm_ok = trust.is_ftm_root(res.root) if trust.ftm_roots else (
                outer.root is not None and cert_der(res.root) != cert_der(outer.root))
            rep.check(f"{rule}.chains-to-ftm-root", ftm_ok,
                      f"digitalId chain ends at '{cert_name(res.root)}', expected the FTM root "
                      f"{[cert_name(r) for r in trust.ftm_roots]}", "§b.1 (FTM domain)")
    return res


def check_device_jws_chain(ctx, rule, res, section="§b.1 / spec §4 Device Key"):
    """Device-key JWS: chain must end at the adopter root and pass a device-provider CA."""
    if res.root is None:
        return
    trust = ctx.trust
    ok = trust.is_adopter_root(res.root) if trust.adopter_roots else True
    ctx.rep.check(f"{rule}.chains-to-adopter-root", ok,
                  f"device-key chain ends at '{cert_name(res.root)}', expected the MOSIP adopter "
                  f"root {[cert_name(r) for r in trust.adopter_roots]}", section)
    ctx.rep.check(f"{rule}.via-device-provider-ca", len(res.chain) >= 3,
                  "device certificate must be issued by the device-provider CA, actual chain "
                  f"{[cert_name(c) for c in res.chain]}", section)


def check_info_response(ctx, rule, resp):
    """One MOSIPDINFO response (§a.3): array of {deviceInfo, error}; JWS; payload; digitalId."""
    rep = ctx.rep
    ctx.load_trust()
    body = ctx.json_ok(rule, resp, "§a.3")
    if body is None:
        return None
    if not rep.check(f"{rule}.array", isinstance(body, list) and len(body) > 0,
                     f"expected a non-empty JSON array, actual {str(body)[:120]!r}", "§a.3"):
        return None
    devices = {}
    for i, e in enumerate(body):
        erule = f"{rule}[#{i}]"  # entry index until the payload names the deviceId
        rep.expect_keys(f"{erule}.keys", INFO_ENTRY_KEYS, e, "§a.3 (strict reg-client DTO)")
        if not isinstance(e, dict):
            continue
        res = check_jws(rep, f"{erule}.deviceInfo", e.get("deviceInfo"), ctx.trust, "§a.3 / §b.1")
        p = res.payload
        if p is None:
            continue
        erule = f"{rule}[{p.get('deviceId', i)}]"
        check_device_jws_chain(ctx, f"{erule}.deviceInfo", res)
        rep.expect_keys(f"{erule}.payload.keys", INFO_PAYLOAD_KEYS, p, "§a.3")
        check_device_fields(ctx, f"{erule}.payload", p, "§a.3")
        check_error_for_status(ctx, erule, p.get("deviceStatus"), e.get("error"))
        rep.check(f"{erule}.payload.env", p.get("env") in ENVS,
                  f"expected one of {sorted(ENVS)}, actual {p.get('env')!r}", "§a.3")
        rep.check(f"{erule}.payload.firmware", isinstance(p.get("firmware"), str)
                  and p.get("firmware") != "", f"actual {p.get('firmware')!r}", "§a.3")
        did = check_digital_id_jws(ctx, f"{erule}.digitalId", p.get("digitalId"), p, res)
        if p.get("deviceId") in devices:
            rep.fail(f"{erule}.unique-deviceId", f"duplicate deviceId {p.get('deviceId')!r}",
                     "§a.3")
        devices[p.get("deviceId")] = {"entry": e, "payload": p, "jws": res, "did_jws": did}
    if ctx.info is None:
        ctx.info = devices
    return devices


def check_info(ctx):
    """MOSIPDINFO /info: reg-client probe (no body, no Content-Length) and CTK ``{}`` (§a.1, §a.3);
    consistency between the two and with discovery (§a.2: reg-client compares them)."""
    rep = ctx.rep
    rule = "info[probe]"
    probe = check_info_response(ctx, rule, ctx.call(rule, "regclient", "MOSIPDINFO", "/info"))
    rule = "info[{}]"
    ctk = check_info_response(ctx, rule, ctx.call(rule, "ctk", "MOSIPDINFO", "/info", obj={}))
    if probe is not None and ctk is not None:
        rep.expect_eq("info.same-devices", sorted(map(str, probe)), sorted(map(str, ctk)), "§a.3")
    info = probe if probe is not None else ctk
    if info is None:
        return
    if ctx.discovery is None:  # discovery group not selected: fetch it without recording rules
        try:
            r = http_request(ctx.port, "MOSIPDISC", "/device",
                             ctk_headers(ctx.port, b'{"type":"Biometric Device"}'),
                             b'{"type":"Biometric Device"}')
            ctx.discovery = {e.get("deviceId"): {"entry": e, "digitalId": _unsigned_did(e)}
                             for e in json.loads(r.body) if isinstance(e, dict)}
        except Exception as e:  # noqa: BLE001
            rep.fail("info.discovery-fetch", f"cannot fetch discovery for comparison: {e}", "§a.2")
            return
    rep.expect_eq("info.devices-match-discovery", sorted(map(str, ctx.discovery)),
                  sorted(map(str, info)), "§a.2 / §a.3")
    for dev_id, d in info.items():
        disc = ctx.discovery.get(dev_id)
        if disc is None:
            continue
        rule = f"info[{dev_id}].agrees-with-discovery"
        for k in ("deviceId", "deviceCode", "certification", "purpose"):
            rep.expect_eq(f"{rule}.{k}", disc["entry"].get(k), d["payload"].get(k),
                          "§a.2 (reg-client compares with MOSIPDINFO)")
        signed = d["did_jws"].payload if d["did_jws"] is not None else None
        if isinstance(signed, dict) and isinstance(disc.get("digitalId"), dict):
            diff = sorted(k for k in DIGITAL_ID_KEYS - {"dateTime"}
                          if signed.get(k) != disc["digitalId"].get(k))
            rep.check(f"{rule}.digitalId", not diff,
                      f"discovery and deviceInfo digitalId differ in {diff}", "§a.2 / §a.3")


def _unsigned_did(entry):
    try:
        return json.loads(b64url_decode(entry.get("digitalId")))
    except Exception:  # noqa: BLE001
        return None


# ----------------------------------------------------------------------------------------------
# Group: security
# ----------------------------------------------------------------------------------------------

def check_security(ctx):
    """Local-endpoint hardening (§a.1 transport: bind 127.0.0.1 only; spec §5.1 Windows/Linux).

    DNS-rebinding guard (foreign Host -> 403), loopback aliases allowed, unknown method -> 405,
    hostile CORS Origin -> 403 without Access-Control-Allow-Origin, plain preflight -> 200."""
    rep, port = ctx.rep, ctx.port
    evil = f"evil.example:{port}"
    r = ctx.call("security.host-evil.MOSIPDINFO", "regclient", "MOSIPDINFO", "/info", host=evil)
    if r is not None:
        rep.expect_eq("security.host-evil.MOSIPDINFO", 403, r.status, "§a.1 (DNS rebinding)")
    r = ctx.call("security.host-evil.OPTIONS", "ctk", "OPTIONS", "/capture", host=evil,
                 extra_headers=[("Access-Control-Request-Method", "CAPTURE")])
    if r is not None:
        rep.expect_eq("security.host-evil.OPTIONS", 403, r.status, "§a.1 (DNS rebinding)")
    r = ctx.call("security.host-localhost", "regclient", "MOSIPDINFO", "/info",
                 host=f"localhost:{port}")
    if r is not None:
        rep.expect_eq("security.host-localhost", 200, r.status, "§a.1")
    r = ctx.call("security.unknown-method", "ctk", "FOO", "/device", obj={"type": "Finger"})
    if r is not None:
        rep.expect_eq("security.unknown-method", 405, r.status, "§a.1 (unknown method -> 405)")
    r = ctx.call("security.origin-attacker", "ctk", "OPTIONS", "/device",
                 extra_headers=[("Origin", "https://attacker.example"),
                                ("Access-Control-Request-Method", "MOSIPDISC")])
    if r is not None:
        rep.expect_eq("security.origin-attacker.status", 403, r.status, "§a.1 (CORS)")
        rep.check("security.origin-attacker.no-acao",
                  not r.has_header("Access-Control-Allow-Origin"),
                  f"Access-Control-Allow-Origin present: {r.header('Access-Control-Allow-Origin')!r}",
                  "§a.1 (CORS)")
    r = ctx.call("security.preflight", "ctk", "OPTIONS", "/capture",
                 extra_headers=[("Access-Control-Request-Method", "CAPTURE")])
    if r is not None:  # browsers accept any "ok status" (200-299) for a preflight (Fetch spec)
        rep.check("security.preflight.status", 200 <= r.status <= 299,
                  f"expected 2xx, actual {r.status}", "§a.1 (CORS preflight answer)")
    check_bind_address(ctx)


def check_bind_address(ctx):
    """LISTEN sockets on the port must all be 127.0.0.1 (§a.1 [MOCK-SVC], spec §5.1)."""
    rep, port = ctx.rep, ctx.port
    v4, v6 = [], []
    for path, bucket in (("/proc/net/tcp", v4), ("/proc/net/tcp6", v6)):
        try:
            with open(path) as f:
                bucket.extend(parse_proc_net_listeners(f.read(), port))
        except OSError:
            pass
    rep.check("security.bind.listening-loopback", "0100007F" in v4,
              f"no LISTEN socket on 127.0.0.1:{port} (tcp: {v4})", "§a.1")
    bad = [a for a in v4 if a != "0100007F"] + [f"[v6]{a}" for a in v6]
    rep.check("security.bind.loopback-only", not bad,
              f"LISTEN sockets on port {port} bound to non-127.0.0.1 addresses: {bad} "
              "(00000000 = 0.0.0.0)", "§a.1 / spec §5.1")


# ----------------------------------------------------------------------------------------------
# Group: capture (CAPTURE for Auth, RCAPTURE for Registration)
# ----------------------------------------------------------------------------------------------

def utc_ms_now():
    now = dt.datetime.now(dt.timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def local_ms_now():
    now = dt.datetime.now()
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}"


def ctk_capture_body(device_id, bio_type, previous_hash, txn, sub_id="0", count="1"):
    """CTK CAPTURE request (§a.4 [CTKUI-HELPER]): strings, Developer/Auth, domainUri ""."""
    bio = {"type": bio_type, "count": count, "requestedScore": "40", "deviceId": device_id,
           "deviceSubId": sub_id, "previousHash": previous_hash}
    if bio_type != "Face":  # face: no bioSubType (§f.4)
        bio["bioSubType"] = ["UNKNOWN"] * int(count)
    return {"env": "Developer", "purpose": "Auth", "specVersion": "0.9.5", "timeout": "10000",
            "captureTime": utc_ms_now(), "transactionId": txn, "domainUri": "",
            "bio": [bio], "customOpts": None}


def regclient_rcapture_body(device_id, bio_type, sub_id, count, env, txn, previous_hash=None):
    """Registration-client 1.2+ RCAPTURE request (§a.5 [RC-095]): strings, nulls, zone-less time."""
    return {"env": env, "purpose": "Registration", "specVersion": "0.9.5", "timeout": "60000",
            "captureTime": local_ms_now(), "transactionId": txn,
            "bio": [{"type": bio_type, "count": str(count), "bioSubType": None, "exception": [],
                     "requestedScore": "60", "deviceId": device_id, "deviceSubId": sub_id,
                     "previousHash": previous_hash}],
            "customOpts": None}


def rcapture_plan(bio_type, sub_id):
    """(count, expected subtype set or None for 'any legal') per §a.5/§f.23 and CTK RM (§e.1)."""
    plan = {("Finger", "1"): (4, LEFT_FINGERS), ("Finger", "2"): (4, RIGHT_FINGERS),
            ("Finger", "3"): (2, THUMBS), ("Finger", "0"): (1, None),
            ("Iris", "1"): (1, ["Left"]), ("Iris", "2"): (1, ["Right"]),
            ("Iris", "3"): (2, IRIS_NAMES), ("Iris", "0"): (1, None), ("Face", "0"): (1, None)}
    return plan.get((bio_type, sub_id))


def legal_subtypes(bio_type):
    return {"Finger": FINGER_NAMES + ["UNKNOWN"], "Iris": IRIS_NAMES + ["UNKNOWN"]}.get(bio_type)


def _score_ok(v):
    try:
        return v not in (None, "") and 0.0 <= float(v) <= 100.0
    except (TypeError, ValueError):
        return False


def check_capture_entries(ctx, rule, request, device, body, mode, keys):
    """Shared per-entry checks for CAPTURE/RCAPTURE responses (§a.4, §a.5, §b.2, §c).

    Returns (UPPER hashes reported, bioSubTypes reported) for chaining and subtype checks."""
    rep = ctx.rep
    bio = request["bio"][0]
    sec = "§a.4" if mode == "CAPTURE" else "§a.5"
    if not rep.expect_keys(f"{rule}.envelope", {"biometrics"}, body, f"{sec} / §f.2"):
        return [], []
    entries = body.get("biometrics")
    if not rep.check(f"{rule}.biometrics-array", isinstance(entries, list),
                     f"actual {type(entries).__name__}", sec):
        return [], []
    rep.expect_eq(f"{rule}.count", int(bio["count"]), len(entries), "§e.1 RM (count)")
    info_p = device["payload"]
    isos, hashes_seen, subtypes = [], [], []
    for i, ent in enumerate(entries):
        erule = f"{rule}[{i}]"
        rep.expect_keys(f"{erule}.keys", keys, ent, f"{sec} (strict DTO)")
        if not isinstance(ent, dict):
            continue
        rep.expect_eq(f"{erule}.error", SUCCESS_ERROR, ent.get("error"), "§a.1")
        rep.expect_eq(f"{erule}.specVersion", "0.9.5", ent.get("specVersion"), "§a.5")
        hashes_seen.append(ent.get("hash"))
        rep.check(f"{erule}.hash-format", isinstance(ent.get("hash"), str)
                  and UPPER_HEX64_RE.match(ent.get("hash")) is not None,
                  f"expected 64 UPPER hex, actual {ent.get('hash')!r}", "§c")
        res = check_jws(rep, f"{erule}.data", ent.get("data"), ctx.trust, f"{sec} / §b.1")
        check_device_jws_chain(ctx, f"{erule}.data", res)
        p = res.payload
        if p is None:
            isos.append(None)
            continue
        exp_keys = set(CAPTURE_PAYLOAD_KEYS if mode == "CAPTURE" else RCAPTURE_PAYLOAD_KEYS)
        if bio["type"] == "Face":  # face: omit the bioSubType key (§a.4, §f.4)
            exp_keys.discard("bioSubType")
        rep.expect_keys(f"{erule}.payload.keys", exp_keys, p, sec)
        check_digital_id_jws(ctx, f"{erule}.payload.digitalId", p.get("digitalId"), info_p, res,
                             "§b.1 (data.digitalId = signed digitalId)")
        rep.expect_eq(f"{erule}.payload.deviceCode", info_p.get("deviceCode"), p.get("deviceCode"),
                      sec)
        rep.expect_eq(f"{erule}.payload.deviceServiceVersion", info_p.get("serviceVersion"),
                      p.get("deviceServiceVersion"), "spec §5.3")
        rep.expect_eq(f"{erule}.payload.bioType", bio["type"], p.get("bioType"), "§f.3")
        rep.expect_eq(f"{erule}.payload.purpose", request["purpose"], p.get("purpose"), "§e.1 RM")
        rep.expect_eq(f"{erule}.payload.env", request["env"], p.get("env"), sec)
        rep.expect_eq(f"{erule}.payload.transactionId", request["transactionId"],
                      p.get("transactionId"), f"{sec} (echoed)")
        if mode == "CAPTURE":
            rep.expect_eq(f"{erule}.payload.domainUri", request["domainUri"], p.get("domainUri"),
                          "§a.4 (IDA: data.domainUri == request)")
        if bio["type"] != "Face":
            legal = legal_subtypes(bio["type"])
            st = p.get("bioSubType")
            subtypes.append(st)
            if legal is not None:
                rep.check(f"{erule}.payload.bioSubType", st in legal,
                          f"expected one of {legal}, actual {st!r}", "§f.4")
        ts = p.get("timestamp")
        when = parse_utc_timestamp(ts)
        if rep.check(f"{erule}.payload.timestamp-format", when is not None,
                     f"expected yyyy-MM-ddTHH:mm:ssZ, actual {ts!r}", "§f.12"):
            skew = abs(dt.datetime.now(dt.timezone.utc) - when)
            rep.check(f"{erule}.payload.timestamp-skew", skew <= ALLOWED_LAG,
                      f"timestamp {ts} is {skew} away from now", "§a.5 (±5 min)")
        rep.check(f"{erule}.payload.qualityScore", _score_ok(p.get("qualityScore")),
                  f"expected a float 0..100, actual {p.get('qualityScore')!r}", "§a.5")
        rs_ok = _score_ok(p.get("requestedScore")) and \
            float(p.get("requestedScore")) == float(bio["requestedScore"])
        rep.check(f"{erule}.payload.requestedScore", rs_ok,
                  f"expected {bio['requestedScore']} (echo), actual {p.get('requestedScore')!r}",
                  "§a.4")
        if mode == "CAPTURE":
            iso = decrypt_capture_entry(ctx, erule, ent, p)
        else:
            try:
                iso = b64url_decode(p.get("bioValue"))
            except Exception as e:  # noqa: BLE001
                rep.fail(f"{erule}.payload.bioValue", f"not base64url: {e}", "§a.5")
                iso = None
        if iso is not None:
            probs = iso_header_problems(iso, bio["type"])
            rep.check(f"{erule}.iso-record", not probs, "; ".join(probs), "§e.1 (ISO 19794)")
        isos.append(iso)
    # hash chain (§c): needs every ISO record
    if entries and all(i is not None for i in isos):
        expected = chain_hashes(bio.get("previousHash"), isos)
        rep.expect_eq(f"{rule}.hash-chain", expected, hashes_seen, "§c")
    return hashes_seen, subtypes


def decrypt_capture_entry(ctx, rule, ent, p):
    """§b.2: thumbprint, RSA-OAEP session key, AES-GCM with XOR-derived IV/AAD -> ISO record."""
    rep = ctx.rep
    rep.expect_eq(f"{rule}.thumbprint", cert_thumbprint(ctx.enc_cert), ent.get("thumbprint"),
                  "§b.2.7")
    try:
        key = rsa_oaep_sha256_decrypt(ctx.enc_key, b64url_decode(ent.get("sessionKey")))
    except Exception as e:  # noqa: BLE001
        rep.fail(f"{rule}.sessionKey", f"RSA-OAEP(SHA-256, MGF1-SHA-256) decryption failed: {e!r}",
                 "§b.2.6")
        return None
    if not rep.expect_eq(f"{rule}.sessionKey.length", 32, len(key), "§b.2.4 (AES-256)"):
        return None
    try:
        iso = aes_gcm_decrypt_bio(key, p.get("bioValue"), p.get("timestamp"),
                                  p.get("transactionId"))
        rep.check(f"{rule}.bioValue.decrypt", True)
        return iso
    except (InvalidTag, ValueError, TypeError, AttributeError) as e:
        rep.fail(f"{rule}.bioValue.decrypt",
                 f"AES-256-GCM (IV/AAD = last 12/16 bytes of XOR(timestamp, transactionId)) "
                 f"failed: {e!r}", "§b.2.2-5")
        return None


def run_capture_call(ctx, rule, method, request, device, keys, timeout_s):
    resp = ctx.call(rule, "ctk" if method == "CAPTURE" else "regclient", method, "/capture",
                    obj=request, timeout=timeout_s)
    body = ctx.json_ok(rule, resp, "§a.4" if method == "CAPTURE" else "§a.5")
    if body is None:
        return [], []
    return check_capture_entries(ctx, rule, request, device, body, method, keys)


def check_capture(ctx):
    """CAPTURE (Auth) and RCAPTURE (Registration) flows (§a.4, §a.5, §b.2, §c).

    Auth: per device a CTK request with lowercase previousHash, then one chained with the returned
    UPPER hash; on the first Auth device also previousHash UPPER, null and "" (all = SHA256("")).
    Registration: per device and deviceSubId the reg-client body (count per slot), then one
    CTK-style chained call on the first Registration device."""
    rep = ctx.rep
    ctx.load_trust()
    info = ctx.fetch_info()
    if not rep.check("capture.devices", bool(info), "no verified device from MOSIPDINFO", "§a.3"):
        return
    auth = [(k, v) for k, v in sorted(info.items(), key=lambda kv: str(kv[0]))
            if v["payload"].get("purpose") == "Auth"]
    reg = [(k, v) for k, v in sorted(info.items(), key=lambda kv: str(kv[0]))
           if v["payload"].get("purpose") == "Registration"]
    if auth:
        try:
            ctx.enc_key = serialization.load_pem_private_key(
                open(os.path.join(ctx.pki, "mosip-encryption.key"), "rb").read(), password=None)
            ctx.enc_cert = x509.load_pem_x509_certificate(
                open(os.path.join(ctx.pki, "mosip-encryption.crt"), "rb").read())
        except Exception as e:  # noqa: BLE001
            rep.fail("capture.pki", f"cannot load MOSIP encryption key/cert: {e}", "§b.2")
            auth = []
    for n, (dev_id, dev) in enumerate(auth):
        bio_type = (dev["did_jws"].payload or {}).get("type") if dev["did_jws"] else None
        variants = [("lower", EMPTY_SHA256_LOWER), ("chained", None)]
        if n == 0:
            variants += [("upper", EMPTY_SHA256_UPPER), ("null", None), ("empty", "")]
        last = None
        for name, prev in variants:
            if name == "chained":
                if not last or not isinstance(last, str):
                    continue
                prev = last
            txn = f"SBI1018-{random.randint(100, 999)}"
            req = ctk_capture_body(dev_id, bio_type, prev, txn)
            rule = f"capture[CAPTURE {dev_id} {bio_type} prev={name}]"
            hashes_seen, _ = run_capture_call(ctx, rule, "CAPTURE", req, dev,
                                              CAPTURE_ENTRY_KEYS, 10 + 30)
            if hashes_seen and name == "lower":
                last = hashes_seen[-1]
    first_reg_last = None
    for n, (dev_id, dev) in enumerate(reg):
        bio_type = (dev["did_jws"].payload or {}).get("type") if dev["did_jws"] else None
        env = dev["payload"].get("env") if dev["payload"].get("env") in ENVS else "Developer"
        for sub_id in dev["payload"].get("deviceSubId") or []:
            plan = rcapture_plan(bio_type, sub_id)
            rule = f"capture[RCAPTURE {dev_id} {bio_type} sub={sub_id}]"
            if not rep.check(f"{rule}.plan", plan is not None,
                             f"no capture plan for ({bio_type}, deviceSubId {sub_id})", "§a.5"):
                continue
            count, expected_set = plan
            req = regclient_rcapture_body(dev_id, bio_type, sub_id, count, env, str(uuid.uuid4()))
            hashes_seen, subtypes = run_capture_call(ctx, rule, "RCAPTURE", req, dev,
                                                     RCAPTURE_ENTRY_KEYS, 60 + 30)
            if expected_set is not None and subtypes:
                rep.expect_eq(f"{rule}.subtypes", sorted(expected_set), sorted(map(str, subtypes)),
                              "§e.1 RM (subtypes legal for deviceSubId)")
            if n == 0 and hashes_seen and first_reg_last is None:
                first_reg_last = (sub_id, count, hashes_seen[-1])
        if n == 0 and first_reg_last and isinstance(first_reg_last[2], str):
            sub_id, count, prev = first_reg_last
            req = regclient_rcapture_body(dev_id, bio_type, sub_id, count, env,
                                          f"SBI1101-{random.randint(100, 999)}", previous_hash=prev)
            run_capture_call(ctx, f"capture[RCAPTURE {dev_id} {bio_type} sub={sub_id} chained]",
                             "RCAPTURE", req, dev, RCAPTURE_ENTRY_KEYS, 60 + 30)
    rep.check("capture.any-device", bool(auth or reg), "no Auth or Registration device", "§a.3")


# ----------------------------------------------------------------------------------------------
# Self-tests of the pure helpers
# ----------------------------------------------------------------------------------------------

def _mk_cert(subject_cn, key, issuer_cert=None, issuer_key=None, ca=False, days=30, org="T"):
    name = x509.Name([x509.NameAttribute(x509.oid.NameOID.ORGANIZATION_NAME, org),
                      x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, subject_cn)])
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    b = (x509.CertificateBuilder().subject_name(name)
         .issuer_name(issuer_cert.subject if issuer_cert else name)
         .public_key(key.public_key()).serial_number(x509.random_serial_number())
         .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=days))
         .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    return b.sign(issuer_key or key, hashes.SHA256())


def _mk_jws(payload, key, cert, header_overrides=None):
    header = {"x5c": [base64.b64encode(cert_der(cert)).decode()], "alg": "RS256", "typ": "JWT"}
    header.update(header_overrides or {})
    h = b64url_encode(json.dumps(header).encode())
    p = b64url_encode(json.dumps(payload).encode())
    sig = key.sign(f"{h}.{p}".encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{h}.{p}.{b64url_encode(sig)}"


def _failed_rules(rep):
    return {r["rule"] for r in rep.results if not r["ok"]}


def self_test(rep):
    """Vectors from §b.2 and §c plus round-trips of the JWS/trust/HTTP/parsing helpers."""
    # §b.2 XOR / IV / AAD vector
    iv, aad, x = xor_iv_aad("2020-12-08T09:39:37Z", "SBI1014-123")
    rep.expect_eq("selftest.xor", "323032302d31322d306b1679080a020d17020569", x.hex())
    rep.expect_eq("selftest.aad", "2d31322d306b1679080a020d17020569", aad.hex())
    rep.expect_eq("selftest.iv", "306b1679080a020d17020569", iv.hex())
    # §b.2 AES-GCM vector
    key = bytes(range(32))
    ct = AESGCM(key).encrypt(iv, b"abc", aad)
    rep.expect_eq("selftest.aes-gcm", "8f68c5dbe283edd8f479dc816c2959578eae35", ct.hex())
    rep.expect_eq("selftest.aes-gcm.b64url", "j2jF2-KD7dj0edyBbClZV46uNQ", b64url_encode(ct))
    rep.expect_eq("selftest.aes-gcm.decrypt", b"abc",
                  aes_gcm_decrypt_bio(key, "j2jF2-KD7dj0edyBbClZV46uNQ", "2020-12-08T09:39:37Z",
                                      "SBI1014-123"))
    rep.expect_eq("selftest.aes-gcm.decrypt-padded", b"abc",
                  aes_gcm_decrypt_bio(key, "j2jF2-KD7dj0edyBbClZV46uNQ==", "2020-12-08T09:39:37Z",
                                      "SBI1014-123"))
    try:
        aes_gcm_decrypt_bio(key, "j2jF2-KD7dj0edyBbClZV46uNQ", "2020-12-08T09:39:38Z",
                            "SBI1014-123")
        rep.fail("selftest.aes-gcm.wrong-timestamp", "decryption succeeded with a wrong timestamp")
    except InvalidTag:
        rep.check("selftest.aes-gcm.wrong-timestamp", True)
    # §c hash-chain vectors, all previousHash spellings of SHA256("")
    abc = "BDDBDF7E9DF02F902EE5DD61B2B513D7566A2112FF97DB7DC3B6D184A43EF0E3"
    defh = "D06FFD66589038DEEA66A68731881D1D14470238326C1C55C4855C1DA9F9A1DC"
    for label, prev in (("null", None), ("empty", ""), ("lower", EMPTY_SHA256_LOWER),
                        ("upper", EMPTY_SHA256_UPPER)):
        rep.expect_eq(f"selftest.hash-chain[{label}]", [abc, defh],
                      chain_hashes(prev, [b"abc", b"def"]))
    rep.expect_eq("selftest.hash-chain[across-calls]", [defh], chain_hashes(abc, [b"def"]))
    # base64 helpers
    rep.expect_eq("selftest.b64url.unpadded", b"\xfb\xff", b64url_decode("-_8"))
    rep.expect_eq("selftest.b64url.padded", b"\xfb\xff", b64url_decode("-_8="))
    for bad in ("+/8=", "a.b", "abcde"):
        try:
            b64url_decode(bad)
            rep.fail(f"selftest.b64url.reject[{bad}]", "accepted")
        except ValueError:
            rep.check(f"selftest.b64url.reject[{bad}]", True)
    # timestamps
    rep.check("selftest.timestamp.ok", parse_utc_timestamp("2025-01-01T10:00:05Z") is not None)
    for bad in ("2025-01-01T10:00:05.123Z", "2025-01-01T10:00:05+05:30", "2025-13-01T10:00:05Z",
                None):
        rep.check(f"selftest.timestamp.reject[{bad}]", parse_utc_timestamp(bad) is None)
    # digital id
    good = {"serialNo": "1", "make": "M", "model": "SLAP01", "type": "Finger",
            "deviceSubType": "Slap", "deviceProviderId": "P", "deviceProvider": "P",
            "dateTime": "2025-01-01T10:00:00Z"}
    rep.expect_eq("selftest.digital-id.good", [], digital_id_problems(good))
    rep.check("selftest.digital-id.extra-key", digital_id_problems({**good, "x": "1"}) != [])
    rep.check("selftest.digital-id.bad-type", digital_id_problems({**good, "type": "Fingerprint"}))
    rep.check("selftest.digital-id.bad-date",
              digital_id_problems({**good, "dateTime": "2025-01-01T10:00:00.000+05:30"}))
    # error objects
    rep.expect_eq("selftest.error.ok", [], error_code_problems({"errorCode": "502",
                                                                "errorInfo": "bad type"}))
    rep.check("selftest.error.success-rejected", error_code_problems(SUCCESS_ERROR) != [])
    # ISO header
    rec = b"FIR\x00020\x00" + (20).to_bytes(4, "big") + b"\x00" * 8
    rep.expect_eq("selftest.iso.ok", [], iso_header_problems(rec, "Finger"))
    rep.check("selftest.iso.wrong-type", iso_header_problems(rec, "Iris") != [])
    # /proc/net/tcp parser
    sample = ("  sl  local_address rem_address   st tx_queue rx_queue\n"
              "   0: 0100007F:11EE 00000000:0000 0A 00000000:00000000 00:00000000 00000000\n"
              "   1: 00000000:11EE 00000000:0000 0A 00000000:00000000 00:00000000 00000000\n"
              "   2: 0100007F:11EE 0100007F:9C40 01 00000000:00000000 00:00000000 00000000\n"
              "   3: 0100007F:11EF 00000000:0000 0A 00000000:00000000 00:00000000 00000000\n")
    rep.expect_eq("selftest.proc-net", ["0100007F", "00000000"], parse_proc_net_listeners(sample,
                                                                                          4590))
    # RSA-OAEP round trip
    enc_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    sk = os.urandom(32)
    wrapped = enc_key.public_key().encrypt(sk, padding.OAEP(mgf=padding.MGF1(hashes.SHA256()),
                                                            algorithm=hashes.SHA256(), label=None))
    rep.expect_eq("selftest.rsa-oaep", sk, rsa_oaep_sha256_decrypt(enc_key, wrapped))
    # JWS + trust chain
    keys = [rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(6)]
    root_k, ca_k, leaf_k, ftm_k, chip_k = keys[:5]
    root = _mk_cert("Adopter Root", root_k, ca=True)
    ca = _mk_cert("Device CA", ca_k, root, root_k, ca=True)
    leaf = _mk_cert("Device", leaf_k, ca, ca_k)
    ftm = _mk_cert("FTM Root", ftm_k, ca=True)
    chip = _mk_cert("FTM chip", chip_k, ftm, ftm_k)
    trust = TrustStore([root, ftm], [ca])
    rep.check("selftest.trust.ftm-classified", trust.ftm_roots == [ftm] and trust.adopter_roots
              == [root])
    payload = {"hello": "world"}
    t = Report()
    res = check_jws(t, "j", _mk_jws(payload, leaf_k, leaf), trust)
    rep.check("selftest.jws.valid", not _failed_rules(t) and res.payload == payload
              and len(res.chain) == 3 and res.root is root, f"{t.results}")
    t = Report()
    res = check_jws(t, "j", _mk_jws(payload, chip_k, chip), trust)
    rep.check("selftest.jws.ftm-chain", not _failed_rules(t) and trust.is_ftm_root(res.root))
    tok = _mk_jws(payload, leaf_k, leaf)
    h, p, s = tok.split(".")
    t = Report()
    check_jws(t, "j", f"{h}.{b64url_encode(b'{}')}.{s}", trust)
    rep.expect_eq("selftest.jws.tampered", {"j.jws.signature"}, _failed_rules(t))
    t = Report()
    check_jws(t, "j", _mk_jws(payload, leaf_k, leaf,
                              {"x5c": base64.b64encode(cert_der(leaf)).decode()}), trust)
    rep.check("selftest.jws.x5c-string", "j.jws.x5c" in _failed_rules(t))
    t = Report()
    check_jws(t, "j", _mk_jws(payload, leaf_k, leaf), TrustStore([root], []))
    rep.expect_eq("selftest.jws.missing-intermediate", {"j.jws.chain"}, _failed_rules(t))
    t = Report()
    check_jws(t, "j", _mk_jws(payload, leaf_k, leaf, {"typ": "MDSSign", "alg": "RS512"}), trust)
    rep.expect_eq("selftest.jws.alg-typ", {"j.jws.alg", "j.jws.typ"}, _failed_rules(t))
    # a non-CA certificate must not serve as an intermediate
    not_ca = _mk_cert("Device CA", ca_k, root, root_k, ca=False)
    _, why = TrustStore([root], [not_ca]).build_chain(leaf)
    rep.check("selftest.trust.requires-ca", why is not None)
    # HTTP client against a local one-shot server (chunked + Content-Length)
    for label, raw in (("content-length", b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
                                          b"Content-Type: application/json\r\n\r\n[]"),
                       ("chunked", b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                   b"1\r\n[\r\n1\r\n]\r\n0\r\n\r\n")):
        srv = socket.socket()
        srv.bind(("127.0.0.1", 0))
        srv.listen(1)
        seen = {}

        def serve(srv=srv, raw=raw, seen=seen):
            c, _ = srv.accept()
            data = b""
            while b"\r\n\r\n" not in data:
                data += c.recv(4096)
            seen["req"] = data
            c.sendall(raw)
            c.close()
        th = threading.Thread(target=serve)
        th.start()
        r = http_request(srv.getsockname()[1], "MOSIPDINFO", "/info",
                         regclient_headers(srv.getsockname()[1]))
        th.join()
        srv.close()
        rep.check(f"selftest.http.{label}", r.status == 200 and r.body == b"[]", f"{r.body!r}")
        rep.check(f"selftest.http.{label}.probe-has-no-content-length",
                  b"content-length" not in seen["req"].lower()
                  and seen["req"].startswith(b"MOSIPDINFO /info HTTP/1.1\r\n"))
    # capture group end to end against the in-process fake (+ injected faults)
    self_test_capture(rep, keys)


class _FakeMds:
    """Minimal in-process 0.9.5 service built from the written recipe (§a.3-§a.5, §b, §c).

    Used only by the self-test to exercise the info/capture checks end to end; ``faults`` injects
    known deviations so the self-test can prove they are detected."""

    def __init__(self, keys, tmpdir, faults=()):
        root_k, ca_k, dev_k, ftm_k, chip_k, enc_k = keys
        self.faults = set(faults)
        self.root = _mk_cert("Adopter Root", root_k, ca=True, org="MOSIP")
        self.ca = _mk_cert("Device CA", ca_k, self.root, root_k, ca=True, org="Provider")
        self.dev = _mk_cert("Device", dev_k, self.ca, ca_k, org="Provider")
        self.ftm = _mk_cert("FTM Root", ftm_k, ca=True, org="FTM Provider")
        self.chip = _mk_cert("Chip", chip_k, self.ftm, ftm_k, org="FTM Provider")
        self.enc = _mk_cert("IDA-FIR", enc_k, self.root, root_k, org="MOSIP")
        self.dev_k, self.chip_k, self.enc_k = dev_k, chip_k, enc_k
        self.pki = tmpdir
        os.makedirs(os.path.join(tmpdir, "trust"), exist_ok=True)
        pem = serialization.Encoding.PEM
        with open(os.path.join(tmpdir, "trust", "roots.pem"), "wb") as f:
            f.write(self.root.public_bytes(pem) + self.ftm.public_bytes(pem))
        with open(os.path.join(tmpdir, "trust", "intermediates.pem"), "wb") as f:
            f.write(self.ca.public_bytes(pem) + self.enc.public_bytes(pem))
        with open(os.path.join(tmpdir, "mosip-encryption.crt"), "wb") as f:
            f.write(self.enc.public_bytes(pem))
        with open(os.path.join(tmpdir, "mosip-encryption.key"), "wb") as f:
            f.write(enc_k.private_bytes(pem, serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption()))
        self.srv = socket.socket()
        self.srv.bind(("127.0.0.1", 0))
        self.srv.listen(8)
        self.srv.settimeout(0.2)
        self.port = self.srv.getsockname()[1]
        self.stop = False
        self.devices = {
            "1": ("Registration", "L0", "Finger", "Slap", ["1", "2", "3"]),
            "2": ("Registration", "L0", "Face", "Full face", ["0"]),
            "4": ("Auth", "L1", "Finger", "Single", ["0"]),
            "6": ("Auth", "L1", "Face", "Full face", ["0"]),
        }
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def close(self):
        self.stop = True
        self.thread.join()
        self.srv.close()

    def _digital_id(self, dev_id, signed=True):
        purpose, level, typ, sub, _ = self.devices[dev_id]
        did = {"serialNo": f"SER{dev_id}", "make": "M", "model": "X", "type": typ,
               "deviceSubType": sub, "deviceProviderId": "P", "deviceProvider": "P",
               "dateTime": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
        if level == "L1":
            return _mk_jws(did, self.chip_k, self.chip)
        return _mk_jws(did, self.dev_k, self.dev)

    def _info(self):
        out = []
        for dev_id, (purpose, level, _, _, subs) in self.devices.items():
            p = {"specVersion": ["0.9.5"], "env": "Staging", "digitalId": self._digital_id(dev_id),
                 "deviceId": dev_id, "deviceCode": f"code-{dev_id}", "purpose": purpose,
                 "serviceVersion": "0.9.5", "deviceStatus": "Ready", "firmware": "1.0",
                 "certification": level, "deviceSubId": subs,
                 "callbackId": f"http://127.0.0.1:{self.port}/"}
            out.append({"deviceInfo": _mk_jws(p, self.dev_k, self.dev), "error": SUCCESS_ERROR})
        return out

    def _capture(self, req, method):
        bio = req["bio"][0]
        dev_id = bio["deviceId"]
        typ = self.devices[dev_id][2]
        magic, version = ISO_MAGIC[typ]
        count = int(bio["count"])
        if method == "RCAPTURE":
            plan = rcapture_plan(typ, bio["deviceSubId"])
            names = plan[1] if plan and plan[1] else (["UNKNOWN"] if typ != "Face" else [None])
        else:
            names = ["UNKNOWN"] * count if typ != "Face" else [None]
        isos = []
        for i in range(count):
            img = f"image {dev_id} {i}".encode()
            isos.append(magic + version + (12 + len(img)).to_bytes(4, "big") + img)
        prev = bio.get("previousHash")
        hashes_ = chain_hashes(prev, isos)
        if "hash_gen_a" in self.faults:
            hashes_ = [hashlib.sha256((EMPTY_SHA256_UPPER + h).encode()).hexdigest().upper()
                       for h in hashes_]
        ts = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        out = []
        for iso, h, name in zip(isos, hashes_, names):
            d = {"digitalId": self._digital_id(dev_id), "deviceCode": f"code-{dev_id}",
                 "deviceServiceVersion": "0.9.5", "bioType": typ, "bioSubType": name,
                 "purpose": req["purpose"], "env": req["env"]}
            if name is None:
                del d["bioSubType"]
            entry = {"specVersion": "0.9.5", "hash": h}
            if method == "CAPTURE":
                d["domainUri"] = "null" if "domainUri_null" in self.faults else req["domainUri"]
                key = os.urandom(32)
                iv, aad, _ = xor_iv_aad(ts, req["transactionId"])
                d["bioValue"] = b64url_encode(AESGCM(key).encrypt(iv, iso, aad))
                mgf = hashes.SHA1() if "mgf1_sha1" in self.faults else hashes.SHA256()
                wrapped = self.enc.public_key().encrypt(key, padding.OAEP(
                    mgf=padding.MGF1(mgf), algorithm=hashes.SHA256(), label=None))
                entry["sessionKey"] = b64url_encode(wrapped)
                entry["thumbprint"] = cert_thumbprint(self.enc)
            else:
                d["bioValue"] = b64url_encode(iso)
                if "rcapture_session_key" in self.faults:
                    entry["sessionKey"] = ""
            d.update({"transactionId": req["transactionId"], "timestamp": ts,
                      "requestedScore": f"{float(bio['requestedScore']):.1f}",
                      "qualityScore": "80.0"})
            entry["data"] = _mk_jws(d, self.dev_k, self.dev)
            entry["error"] = SUCCESS_ERROR
            out.append(entry)
        return {"biometrics": out}

    def _serve(self):
        while not self.stop:
            try:
                c, _ = self.srv.accept()
            except socket.timeout:
                continue
            with c:
                c.settimeout(5)
                r = _Reader(c)
                head = r.read_until(b"\r\n\r\n").decode("latin-1")
                method = head.split(" ", 1)[0]
                m = re.search(r"(?im)^content-length:\s*(\d+)", head)
                body = r.read_exact(int(m.group(1))) if m else b""
                if method == "MOSIPDINFO":
                    obj = self._info()
                elif method in ("CAPTURE", "RCAPTURE"):
                    obj = self._capture(json.loads(body), method)
                else:
                    obj = [{"error": {"errorCode": "500", "errorInfo": "Invalid URL"}}]
                data = json.dumps(obj).encode()
                c.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: "
                          b"close\r\nContent-Length: " + str(len(data)).encode() + b"\r\n\r\n" + data)


def self_test_capture(rep, keys):
    """Drive check_info + check_capture against _FakeMds: clean run, then injected faults."""
    import tempfile
    cases = [((), set()),
             (("mgf1_sha1",), {".sessionKey"}),
             (("hash_gen_a",), {".hash-chain"}),
             (("domainUri_null",), {".payload.domainUri"}),
             (("rcapture_session_key",), {".keys"})]
    for faults, expected_suffixes in cases:
        label = ",".join(faults) or "clean"
        with tempfile.TemporaryDirectory() as tmp:
            fake = _FakeMds(keys, tmp, faults)
            try:
                t = Report()
                ctx = Context(fake.port, tmp, t)
                check_capture(ctx)  # fetches and verifies MOSIPDINFO itself
            finally:
                fake.close()
        failed = _failed_rules(t)
        ran = sum(1 for r in t.results if r["rule"].startswith("capture["))
        if not expected_suffixes:
            rep.check(f"selftest.fake-mds[{label}]", not failed and ran > 100,
                      f"{ran} capture rules; failures: {sorted(failed)[:5]}")
        else:
            hit = all(any(f.endswith(sfx) for f in failed) for sfx in expected_suffixes)
            stray = [f for f in failed if not any(f.endswith(sfx) for sfx in expected_suffixes)]
            rep.check(f"selftest.fake-mds[{label}]", hit and not stray,
                      f"expected failures ending {sorted(expected_suffixes)}, actual "
                      f"{sorted(failed)[:6]}")


# ----------------------------------------------------------------------------------------------
# CLI
# ----------------------------------------------------------------------------------------------

GROUPS = {"discovery": check_discovery, "info": check_info, "security": check_security,
          "capture": check_capture}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--port", type=int)
    ap.add_argument("--pki")
    ap.add_argument("--checks", default=",".join(DEFAULT_CHECKS),
                    help=f"comma list of {ALL_CHECKS} (default: {','.join(DEFAULT_CHECKS)})")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of lines")
    ap.add_argument("-v", "--verbose", action="store_true", help="also list passed rules")
    ap.add_argument("--self-test", action="store_true", help="run the helper self-tests only")
    args = ap.parse_args(argv)
    rep = Report()
    if args.self_test:
        try:
            self_test(rep)
        except Exception:  # noqa: BLE001
            rep.fail("selftest.crashed", traceback.format_exc().strip().replace("\n", " | "))
        rep.emit(args.json, args.verbose)
        return 0 if rep.failed == 0 else 1
    if args.port is None or args.pki is None:
        ap.error("--port and --pki are required (or use --self-test)")
    checks = [c.strip() for c in args.checks.split(",") if c.strip()]
    unknown = [c for c in checks if c not in GROUPS]
    if unknown:
        ap.error(f"unknown checks {unknown}; choose from {ALL_CHECKS}")
    ctx = Context(args.port, args.pki, rep)
    try:
        ctx.load_trust()
    except Exception as e:  # noqa: BLE001
        rep.fail("pki.load", f"cannot load {args.pki}/trust: {e}", "§b.1")
    if ctx.trust is not None:
        for name in [c for c in ALL_CHECKS if c in checks]:
            try:
                GROUPS[name](ctx)
            except Exception:  # noqa: BLE001
                rep.fail(f"{name}.crashed", traceback.format_exc().strip().replace("\n", " | "))
    rep.emit(args.json, args.verbose)
    return 0 if rep.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
