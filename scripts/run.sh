#!/usr/bin/env bash
# Installs the dependencies, builds rtcsipd (build/bin/rtcsipd) and runs it in
# the foreground on config/rtcsipd.yaml. Extra arguments go to rtcsipd.
# Stop it with Ctrl-C or SIGTERM.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default --target rtcsipd
exec build/bin/rtcsipd --config config/rtcsipd.yaml "$@"
