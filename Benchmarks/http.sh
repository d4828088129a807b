#!/usr/bin/env bash
# HTTP server benchmark: RecipeHTTP against nginx, same machine, same run.
#   Benchmarks/http.sh [--check]       (DURATION=10s CONNECTIONS=64 THREADS=2 by default)
# Builds RecipeBenchmarks in release, starts `RecipeBenchmarks http-server` and an nginx
# answering a static 200 from a temp dir, runs `wrk --latency` against each, and prints
# requests/s, the ratio, p50/p99 latency and the Swift server's RSS with 1,000 idle
# connections open. Needs wrk, nginx, curl and python3: those absent are installed with
# apt-get (Debian; root). A target missed ends the run with a MISSED summary; with --check the
# script then exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."

CHECK=0
for argument in "$@"; do
    case "$argument" in
        --check) CHECK=1 ;;
        *) echo "usage: Benchmarks/http.sh [--check]" >&2; exit 2 ;;
    esac
done

missing=()
for tool in wrk nginx curl python3; do
    command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]} (apt-get install -y)" >&2
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >&2
fi
PATH="$PATH:/usr/sbin"

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
SWIFT_PORT=${SWIFT_PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18081}

swift build -c release --product RecipeBenchmarks >&2
BIN="$(swift build -c release --show-bin-path)/RecipeBenchmarks"
WORK=$(mktemp -d)
SERVER_PID=""
IDLE_PID=""

cleanup() {
    [ -n "$IDLE_PID" ] && kill "$IDLE_PID" 2>/dev/null || true
    [ -n "$SERVER_PID" ] && kill -TERM "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    [ -f "$WORK/nginx.pid" ] && nginx -p "$WORK" -c "$WORK/nginx.conf" -s stop 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

cat > "$WORK/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/error.log;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $WORK/body;
    proxy_temp_path $WORK/proxy;
    fastcgi_temp_path $WORK/fastcgi;
    uwsgi_temp_path $WORK/uwsgi;
    scgi_temp_path $WORK/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / { default_type text/plain; return 200 "hello"; }
    }
}
CONF

"$BIN" http-server "$SWIFT_PORT" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
nginx -p "$WORK" -c "$WORK/nginx.conf"

wait_for() {
    for _ in $(seq 1 100); do
        curl -sf "http://127.0.0.1:$1/" > /dev/null && return 0
        sleep 0.1
    done
    echo "server on port $1 did not answer" >&2
    exit 1
}
wait_for "$SWIFT_PORT"
wait_for "$NGINX_PORT"

LOG="$WORK/verdicts.log"
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$SERVER_PID/status"; }

measure() {  # name port -> prints a line, sets RPS
    local out
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$2/")
    RPS=$(echo "$out" | awk '/^Requests\/sec:/ { print $2 }')
    local p50 p99 errors
    p50=$(echo "$out" | awk '$1 == "50%" { print $2 }')
    p99=$(echo "$out" | awk '$1 == "99%" { print $2 }')
    errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ { printf "%s ", $0 }')
    printf '%-8s %12s req/s   p50 %8s   p99 %8s   %s\n' "$1" "$RPS" "$p50" "$p99" "$errors"
}

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, tiny keep-alive response"
RSS_START=$(rss_kb)
measure nginx "$NGINX_PORT"
NGINX_RPS=$RPS
measure recipe "$SWIFT_PORT"
SWIFT_RPS=$RPS
awk -v s="$SWIFT_RPS" -v n="$NGINX_RPS" 'BEGIN { r = s / n; printf "ratio    recipe/nginx = %.2f (target >= 0.50) %s\n", r, (r >= 0.5 ? "[ok]" : "[MISSED]") }' | tee -a "$LOG"

python3 - "$SWIFT_PORT" > "$WORK/idle.log" 2>&1 <<'PY' &
import socket, sys, time
port = int(sys.argv[1])
held = [socket.create_connection(("127.0.0.1", port)) for _ in range(1000)]
print("open", len(held), flush=True)
time.sleep(60)
PY
IDLE_PID=$!
for _ in $(seq 1 100); do grep -q "open 1000" "$WORK/idle.log" 2>/dev/null && break; sleep 0.1; done
sleep 0.5
curl -sf "http://127.0.0.1:$SWIFT_PORT/" > /dev/null && FRESH=ok || FRESH=FAILED
RSS_IDLE=$(rss_kb)
awk -v a="$RSS_START" -v b="$RSS_IDLE" -v f="$FRESH" 'BEGIN {
    printf "rss      %.1f MB at start, %.1f MB with 1,000 idle connections (target < 64 MB) %s; fresh request %s\n",
        a / 1024, b / 1024, (b < 65536 ? "[ok]" : "[MISSED]"), f }' | tee -a "$LOG"
[ "$FRESH" = ok ] || echo "fresh request with 1,000 idle connections open [MISSED]" | tee -a "$LOG"
Benchmarks/missed.sh "$LOG" "$CHECK"
