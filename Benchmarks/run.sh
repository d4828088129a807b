#!/usr/bin/env bash
# Builds RecipeBenchmarks in release and prints every figure (or only the named benchmark:
# calibration, load, expression, chain, memory, connector, e2e, store, intake, durable-e2e, recovery,
# serve-memory). Run from anywhere; it works from the package root. `connector`, `e2e` and the
# serve benchmarks start the sandbox in process on 127.0.0.1 (an ephemeral port); `serve-memory`
# also runs the release `recipes` binary (built here) as `recipes serve`.
# A figure over its target is marked [MISSED ...]; the script then ends with a MISSED summary,
# and with --check it exits 1 (for CI and before a release).
#   Benchmarks/run.sh [--check] [BENCHMARK]
set -euo pipefail
cd "$(dirname "$0")/.."

CHECK=0
ARGS=()
for argument in "$@"; do
    if [ "$argument" = "--check" ]; then CHECK=1; else ARGS+=("$argument"); fi
done

swift build -c release --product RecipeBenchmarks >&2
swift build -c release --product recipes >&2
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
"$(swift build -c release --show-bin-path)/RecipeBenchmarks" ${ARGS[@]+"${ARGS[@]}"} | tee "$LOG"

Benchmarks/missed.sh "$LOG" "$CHECK"
