#!/usr/bin/env python3
"""Verify an `mds-audit export` file with nothing but the standard library and `cryptography`.

Usage: verify_export.py EXPORT.jsonl VKEY
  VKEY is the journal's note verifier key, `name+hexkeyhash+base64(0x01 || ed25519 public key)` (C2SP signed-note).

Checks (docs/AUDIT.md): every event's hash = SHA-256(previous hash || canonical bytes), starting from 32 zero bytes,
with gap-free sequence numbers matching the canonical JSON; every checkpoint's root is the RFC 6962 Merkle root of
the first `size` events (leaf = SHA-256(0x00 || the event's chain value)), and its C2SP signed note verifies with VKEY.
Prints `N passed, M failed` and exits 0 only if nothing failed.
"""
import base64, hashlib, json, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def merkle_root(leaves):
    """RFC 6962 §2.1: MTH of a list of leaf hashes, split at the largest power of two below n."""
    n = len(leaves)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return leaves[0]
    k = 1
    while k * 2 < n:
        k *= 2
    return hashlib.sha256(b"\x01" + merkle_root(leaves[:k]) + merkle_root(leaves[k:])).digest()


def parse_vkey(vkey):
    name, keyhash, key = vkey.split("+", 2)
    raw = base64.b64decode(key)
    assert raw[0] == 1, "not an Ed25519 verifier key"
    return name, bytes.fromhex(keyhash), Ed25519PublicKey.from_public_bytes(raw[1:])


def open_note(note, vkey):
    """C2SP signed-note: text, blank line, signature lines `— name base64(keyhash || signature)`."""
    name, keyhash, public_key = parse_vkey(vkey)
    text, _, signatures = note.partition("\n\n")
    text += "\n"
    for line in signatures.splitlines():
        if not line.startswith("\u2014 "):
            continue
        signer, blob = line[2:].rsplit(" ", 1)
        raw = base64.b64decode(blob)
        if signer == name and raw[:4] == keyhash:
            public_key.verify(raw[4:], text.encode())  # raises on a bad signature
            return text
    raise ValueError("no signature by the given key")


def main(path, vkey):
    passed = failed = 0
    previous = bytes(32)
    leaves = []
    expected_seq = 1
    for number, line in enumerate(open(path, encoding="utf-8"), 1):
        record = json.loads(line)
        try:
            if record["kind"] == "event":
                canonical = base64.b64decode(record["canonical"])
                event = json.loads(canonical)
                assert record["seq"] == expected_seq == event["seq"], f"sequence {record['seq']} (expected {expected_seq})"
                digest = hashlib.sha256(previous + canonical).digest()
                assert digest.hex() == record["hash"], f"hash chain broken at seq {record['seq']}"
                previous = digest
                leaves.append(hashlib.sha256(b"\x00" + digest).digest())  # leaf entry = the event's chain value
                expected_seq += 1
            elif record["kind"] == "checkpoint":
                size = record["size"]
                text = open_note(record["note"], vkey)
                origin, size_line, root_b64 = text.splitlines()[:3]
                assert int(size_line) == size, "note size differs"
                assert size <= len(leaves), f"checkpoint {size} beyond the events"
                assert base64.b64decode(root_b64) == merkle_root(leaves[:size]), f"root of checkpoint {size} differs"
            passed += 1
        except Exception as error:  # report and continue: an auditor wants every failure
            failed += 1
            print(f"FAIL line {number}: {error}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: verify_export.py EXPORT.jsonl 'mosip-mds/journal+<keyhash>+<base64 key>'")
    sys.exit(main(sys.argv[1], sys.argv[2]))
