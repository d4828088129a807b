#!/usr/bin/env bash
# Builds every fuzz target (libFuzzer + AddressSanitizer) and runs each for a bounded time.
#
#   Fuzz/run.sh [seconds-per-target] [target...]     (default: 60 seconds, every target)
#
# Each target starts from its seed corpus (Fuzz/Corpus/<target>/, never written to) plus
# what earlier runs found (Fuzz/.build/corpus/<target>/). A crash, a timeout (an input running
# over FUZZ_UNIT_TIMEOUT seconds) or running out of memory is a finding: the input is kept in
# $FUZZ_FINDINGS/<target>/ (default Fuzz/.build/findings/) and the script exits 1 after
# running the other targets. Prints executions per second per target.
#
# Environment: FUZZ_SANITIZERS (default "fuzzer,address"; "fuzzer" where ASan does not build),
# FUZZ_FINDINGS, FUZZ_UNIT_TIMEOUT (default 10), FUZZ_MAX_LEN (default 4096),
# FUZZ_SKIP_BUILD=1 to reuse the last build.
set -uo pipefail
cd "$(dirname "$0")"
fuzz_dir=$(pwd)

seconds=${1:-60}
shift $(( $# > 0 ? 1 : 0 ))
all_targets=(FuzzHTTPRequest FuzzJSON FuzzExpressions FuzzCSV FuzzCron FuzzSMTP FuzzRetryAfter FuzzVendorResponse FuzzWebhook)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")
sanitizers=${FUZZ_SANITIZERS:-fuzzer,address}
findings=${FUZZ_FINDINGS:-$fuzz_dir/.build/findings}
unit_timeout=${FUZZ_UNIT_TIMEOUT:-10}
max_len=${FUZZ_MAX_LEN:-4096}

if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
  echo "== building fuzz targets (-sanitize=$sanitizers)"
  # -enable-testing: targets reach internal parsers (SMTPServerSession, RetryPolicy) through
  # `@testable import`. The linker's "Cannot export local symbol" warnings from ASan are noise.
  swift build -c release --package-path "$fuzz_dir" \
    -Xswiftc "-sanitize=$sanitizers" -Xswiftc -enable-testing 2>&1 | grep -v "Cannot export local symbol"
  [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "fuzz build failed" >&2; exit 2; }
fi
bin_dir=$(swift build -c release --package-path "$fuzz_dir" --show-bin-path)

# Leaks are not findings here: the Swift runtime keeps metadata caches and task allocations that
# LeakSanitizer reports. Swift's own crash backtracer is off: it races ASan's handler (and can
# outlive the crashed process); libFuzzer's stack trace names the trap instead ("in Swift
# runtime failure: ...") with file and line.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
export SWIFT_BACKTRACE=enable=no

failed=()
summary=()
for target in "${targets[@]}"; do
  binary="$bin_dir/$target"
  [ -x "$binary" ] || { echo "no such fuzz target: $target" >&2; exit 2; }
  seeds="$fuzz_dir/Corpus/$target"
  work="$fuzz_dir/.build/corpus/$target"
  log="$fuzz_dir/.build/logs/$target.log"
  mkdir -p "$work" "$findings/$target" "$(dirname "$log")"
  echo "== $target: ${seconds}s"
  # The working corpus comes first: libFuzzer adds new inputs to the first directory only.
  # libFuzzer stops itself (-max_total_time; -timeout for one slow input); the outer timeout
  # only guards against a wedged crash handler.
  extra=()
  # The JSON reader also starts from the JSONTestSuite conformance corpus the tests use.
  [ "$target" = FuzzJSON ] && extra+=("$fuzz_dir/../Tests/RecipeDataTests/Fixtures/JSONTestSuite/test_parsing")
  timeout --kill-after=10 $((seconds + 120)) "$binary" "$work" "$seeds" ${extra[@]+"${extra[@]}"} -max_total_time="$seconds" -timeout="$unit_timeout" -max_len="$max_len" \
    -rss_limit_mb=2048 -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$findings/$target/" >"$log" 2>&1
  status=$?
  execs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  units=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  if [ $status -ne 0 ]; then
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
    # The Swift runtime's own message first (a trap's reason, a failed property), else the sanitizer's.
    reason=$(grep -m1 -oE '(Swift runtime failure|Fatal error|fuzz property violated).*' "$log" | cut -c1-240)
    [ -n "$reason" ] || reason=$(grep -m1 -E 'ERROR: (AddressSanitizer|libFuzzer)|SUMMARY:' "$log" | cut -c1-240)
    at=$(grep -m1 -oE '/[^ ]*/Sources/Recipe[^ ]*:[0-9]+' "$log")
    echo "   FINDING (exit $status): ${reason:-see $log}${at:+ at $at}"
    echo "   input: ${artifact:-none written}   log: $log"
    failed+=("$target")
    summary+=("$(printf '%-20s %10s exec/s %12s runs  cov %-6s FINDING' "$target" "${execs:-?}" "${units:-?}" "${cov:-?}")")
  else
    summary+=("$(printf '%-20s %10s exec/s %12s runs  cov %-6s ok' "$target" "${execs:-?}" "${units:-?}" "${cov:-?}")")
  fi
done

echo
echo "== fuzz summary (${seconds}s per target)"
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "findings in: ${failed[*]} (inputs under $findings/; reproduce with: $bin_dir/<target> <input>)"
  exit 1
fi
