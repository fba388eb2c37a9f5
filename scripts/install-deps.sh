#!/usr/bin/env bash
# Installs the Debian packages the project builds, runs and tests with, if any are missing. Idempotent: it only
# calls apt-get when something is absent. Every package here is in Debian 12 (bookworm).
set -euo pipefail

packages=(
  pkg-config
  libzmq3-dev          # the bus between stages (ZeroMQ 4.3)
  libssl-dev openssl   # OpenSSL 3 libcrypto: RSA, X.509, AES-GCM, SHA-256; the CLI cross-checks signatures in tests
  libopenjp2-7-dev     # JPEG 2000 inside ISO 19794 records
  libsqlite3-dev       # the capture journal
  libsodium-dev        # Ed25519 verification of checkpoint notes (libsodium 1.0.18: 2.2x faster than OpenSSL 3.0's)
  libmicrohttpd-dev    # the HTTP gateway on 127.0.0.1
  libp11-kit-dev softhsm2 opensc   # PKCS#11 headers, the SoftHSM2 token, pkcs11-tool
  libturbojpeg0-dev    # JPEG preview frames for STREAM
  python3 python3-cryptography     # the independent interop checker (tests/interop), on Debian's own python3
  procps               # /proc-based process checks in tests
  docker-compose       # `docker-compose config` validates compose/ in tests (no engine needed)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v swift >/dev/null 2>&1 && [ ! -x /opt/swift/usr/bin/swift ]; then
  echo "error: the Swift 6 toolchain is not installed (expected swift on PATH or /opt/swift/usr/bin/swift)" >&2
  exit 1
fi
