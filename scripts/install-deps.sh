#!/usr/bin/env bash
# Installs what rtcsipd needs from Debian 12 packages (and, for the tests, the
# npm packages of the browser tests). Idempotent: with everything present it
# changes nothing and makes no network request.
#
#   scripts/install-deps.sh          build and runtime dependencies
#   scripts/install-deps.sh --test   also the test peers and browser-test packages
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
with_test=0
for arg in "$@"; do
  case "$arg" in
    --test) with_test=1 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "install-deps.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

build_packages=(
  build-essential cmake ninja-build ccache pkg-config git ca-certificates
  clang libclang-rt-14-dev
  libboost-dev libssl-dev libsrtp2-dev libnice-dev libusrsctp-dev libopus-dev
  libspeexdsp-dev libspandsp-dev libc-ares-dev libspdlog-dev libfmt-dev
  libyaml-cpp-dev libcli11-dev libsystemd-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  openssl procps iproute2
)
test_packages=(
  chromium sip-tester baresip dnsmasq-base tshark kamailio espeak-ng sox
)

packages=("${build_packages[@]}")
if (( with_test )); then
  packages+=("${test_packages[@]}")
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "install-deps.sh: installing packages needs root (or sudo)" >&2; exit 1
  fi
}

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if (( ${#missing[@]} )); then
  echo "install-deps.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # A fresh machine has empty package lists: update them first, and again if
  # an install fails on stale lists.
  if [[ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e '^lock$' -e '^partial$' -e '^auxfiles$')" ]]; then
    as_root apt-get update -q
  fi
  if ! as_root apt-get install -y -q --no-install-recommends "${missing[@]}"; then
    as_root apt-get update -q
    as_root apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
fi

if (( with_test )); then
  # Browser tests drive Debian's /usr/bin/chromium; never let a tool fetch a browser.
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1
  e2e="$here/tests/e2e"
  stamp="$e2e/node_modules/.package-lock.json"
  if [[ ! -f "$stamp" || "$e2e/package-lock.json" -nt "$stamp" ]]; then
    echo "install-deps.sh: installing the browser-test npm packages"
    (cd "$e2e" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
