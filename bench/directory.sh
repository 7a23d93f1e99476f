#!/usr/bin/env bash
# Directory page load benchmark (not a test): serves the RELEASE build with a
# 200-group program on loopback and measures GET /groups with wrk, next to the
# same HTML bytes served as a static file by the same server.
#
#   bench/directory.sh [--groups N] [--duration 20s] [--connections 32]
#
# Needs `make build` first and Debian `wrk`. Prints requests/s and latency
# percentiles for both, and the ratio.
set -euo pipefail

NGROUPS=200
DURATION=20s
CONNECTIONS=32
while [ $# -gt 0 ]; do
    case "$1" in
        --groups) NGROUPS="$2"; shift 2 ;;
        --duration) DURATION="$2"; shift 2 ;;
        --connections) CONNECTIONS="$2"; shift 2 ;;
        *) echo "directory bench: unknown argument $1" >&2; exit 2 ;;
    esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="$ROOT/target/release/kindred"
[ -x "$BIN" ] || { echo "run 'make build' first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "install wrk: apt-get install -y wrk" >&2; exit 1; }

TMP="$(mktemp -d)"
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -f "$ROOT/target/site/bench-directory.html"
    rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
export DATABASE_URL="sqlite://$TMP/bench.db" LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
    LEPTOS_OUTPUT_NAME=kindred LEPTOS_HASH_FILES=true LEPTOS_ENV=PROD RUST_LOG=warn

echo "bench: seeding $NGROUPS groups"
"$BIN" admin seed-groups --count "$NGROUPS" >/dev/null
"$BIN" serve --addr "127.0.0.1:$PORT" >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
    sleep 0.1
done

URL="http://127.0.0.1:$PORT/groups"
curl -fsS "$URL" -o "$ROOT/target/site/bench-directory.html"
BYTES=$(wc -c <"$ROOT/target/site/bench-directory.html")
CARDS=$(grep -o '<article class="group-card' "$ROOT/target/site/bench-directory.html" | wc -l)
echo "bench: /groups is $BYTES bytes with $CARDS group cards"

run() {
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$1" >"$TMP/wrk.txt"
    local rps p99
    rps=$(awk '/Requests\/sec/ {print $2}' "$TMP/wrk.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$TMP/wrk.txt")
    local p50
    p50=$(awk '$1 == "50%" {print $2}' "$TMP/wrk.txt")
    echo "$rps $p50 $p99"
}

read -r DYN_RPS DYN_P50 DYN_P99 < <(run "$URL")
read -r STATIC_RPS STATIC_P50 STATIC_P99 < <(run "http://127.0.0.1:$PORT/bench-directory.html")

printf '%-28s %12s %10s %10s\n' "what" "requests/s" "p50" "p99"
printf '%-28s %12s %10s %10s\n' "GET /groups (SSR)" "$DYN_RPS" "$DYN_P50" "$DYN_P99"
printf '%-28s %12s %10s %10s\n' "same bytes, static file" "$STATIC_RPS" "$STATIC_P50" "$STATIC_P99"
python3 - "$DYN_RPS" "$STATIC_RPS" <<'PY'
import sys
dyn, sta = float(sys.argv[1]), float(sys.argv[2])
print(f"SSR serves {dyn / sta:.1%} of the static rate; target >= 1000 req/s: {'PASS' if dyn >= 1000 else 'FAIL'}")
PY
echo "bench: $(nproc) cores, $CONNECTIONS connections, $DURATION per run, wrk on loopback"
