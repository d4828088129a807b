#!/usr/bin/env bash
# Builds RecipeBenchmarks in release and prints every figure (or only the named benchmark:
# calibration, load, expression, chain, memory, connector, e2e). Run from anywhere; it works from the package
# root. `connector` and `e2e` start the sandbox in process on 127.0.0.1 (an ephemeral port).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product RecipeBenchmarks >&2
exec "$(swift build -c release --show-bin-path)/RecipeBenchmarks" "$@"
