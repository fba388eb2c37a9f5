#!/usr/bin/env python3
"""Checks a tiled log written by `mds-audit tiles` (c2sp.org/tlog-tiles) independently of the MDS code: Python's
standard library and `cryptography` only.

For the checkpoint in DIR/checkpoint it verifies the Ed25519 signed note against the given verifier key, then
recomputes the checkpoint's root hash from the tiles alone (RFC 6962 tree, tiles of height 8, full and partial),
checks that every entry of the entry bundles hashes to its level-0 tile hash (leaf = SHA-256(0x00 || entry)), and
that every hash of a higher level is the root of the full tile below it.

usage: verify_tiles.py DIR 'mosip-mds/journal+<keyhash>+<base64 key>'
"""
import base64
import hashlib
import os
import sys

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def index_path(n):
    groups = [n % 1000]
    n //= 1000
    while n:
        groups.insert(0, n % 1000)
        n //= 1000
    return "/".join(("x" if i < len(groups) - 1 else "") + "%03d" % g for i, g in enumerate(groups))


def read_tile(root, level, index, width, entries=False):
    name = "tile/entries/" if entries else "tile/%d/" % level
    path = os.path.join(root, name + index_path(index) + ("" if width == 256 else ".p/%d" % width))
    with open(path, "rb") as f:
        return f.read()


def node(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def open_checkpoint(text, vkey):
    name, keyhash, key = vkey.split("+", 2)
    public = base64.b64decode(key)
    assert public[0] == 1 and len(public) == 33, "not an Ed25519 verifier key"
    body, _, signatures = text.partition("\n\n")
    body += "\n"
    for line in signatures.splitlines():
        if not line.startswith("\u2014 %s " % name):
            continue
        raw = base64.b64decode(line.split(" ")[2])
        if raw[:4].hex() == keyhash:
            Ed25519PublicKey.from_public_bytes(public[1:]).verify(raw[4:], body.encode())
            origin, size, root = body.splitlines()[:3]
            return origin, int(size), base64.b64decode(root)
    raise ValueError("no signature by %s" % name)


def hashes_at(root, level, start, count, size):
    """The count hashes at tile level `level` (tree height 8*level) from hash index `start`."""
    out = []
    full = (size >> (8 * level)) // 256 * 256  # hashes at this level that sit in full tiles
    for i in range(start, start + count):
        tile, offset = divmod(i, 256)
        width = 256 if i < full else (size >> (8 * level)) % 256
        data = read_tile(root, level, tile, width)
        assert len(data) == 32 * width, "tile %d/%d has %d bytes" % (level, tile, len(data))
        out.append(data[32 * offset:32 * offset + 32])
    return out


def subtree(root, height, index, size):
    """MTH of the perfect subtree of 2^height leaves numbered `index`, from the tiles."""
    level, rest = divmod(height, 8)
    hashes = hashes_at(root, level, index << rest, 1 << rest, size)
    while len(hashes) > 1:
        hashes = [node(hashes[i], hashes[i + 1]) for i in range(0, len(hashes), 2)]
    return hashes[0]


def tree_root(root, size):
    subtrees, offset = [], 0
    for height in range(63, -1, -1):
        if size >> height & 1:
            subtrees.append(subtree(root, height, offset >> height, size))
            offset += 1 << height
    result = subtrees.pop()
    while subtrees:
        result = node(subtrees.pop(), result)
    return result


def main(root, vkey):
    with open(os.path.join(root, "checkpoint"), encoding="utf-8") as f:
        origin, size, expected = open_checkpoint(f.read(), vkey)
    assert origin == "mosip-mds/journal", origin
    assert tree_root(root, size) == expected, "the tiles do not hash to the checkpoint's root"
    entries = 0
    for tile in range((size + 255) // 256):
        width = 256 if (tile + 1) * 256 <= size else size % 256
        leaves, bundle = read_tile(root, 0, tile, width), read_tile(root, 0, tile, width, entries=True)
        at = 0
        for i in range(width):
            length = int.from_bytes(bundle[at:at + 2], "big")
            entry = bundle[at + 2:at + 2 + length]
            at += 2 + length
            assert hashlib.sha256(b"\x00" + entry).digest() == leaves[32 * i:32 * i + 32], "entry %d" % (tile * 256 + i)
            entries += 1
        assert at == len(bundle), "trailing bytes in bundle %d" % tile
    # Every hash above level 0 is the root of the full tile below it, so no tile disagrees with the entries.
    level = 1
    while size >> (8 * level):
        for i, parent in enumerate(hashes_at(root, level, 0, size >> (8 * level), size)):
            children = read_tile(root, level - 1, i, 256)
            hashes = [children[j:j + 32] for j in range(0, len(children), 32)]
            while len(hashes) > 1:
                hashes = [node(hashes[k], hashes[k + 1]) for k in range(0, len(hashes), 2)]
            assert hashes[0] == parent, "tile %d/%d does not hash to hash %d of level %d" % (level - 1, i, i, level)
        level += 1
    print("tiled log verified: size %d, %d entries, root %s" % (size, entries, expected.hex()))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: verify_tiles.py DIR 'mosip-mds/journal+<keyhash>+<base64 key>'")
    sys.exit(main(sys.argv[1], sys.argv[2]))
