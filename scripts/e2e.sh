#!/usr/bin/env bash
# Run the Playwright end-to-end suite against the release build.
#
#   scripts/e2e.sh [playwright args...]      e.g. scripts/e2e.sh --project=desktop-js
#
# Needs `make build` first (target/release/kindred and target/site). Starts the
# server on a fresh SQLite database with demo data, on 127.0.0.1:3000 if that
# port is free (another free port otherwise), exports E2E_BASE_URL, runs
# `npx playwright test` in end2end/, and stops the server afterwards.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf 'e2e: %s\n' "$*"; }
die() { printf 'e2e: error: %s\n' "$*" >&2; exit 1; }

BIN="$ROOT/target/release/kindred"
SITE="$ROOT/target/site"
[ -x "$BIN" ] || die "$BIN not found; run 'make build' first"
[ -d "$SITE" ] || die "$SITE not found; run 'make build' first"
[ -f "$ROOT/target/release/hash.txt" ] \
    || say "warning: target/release/hash.txt missing; hashed asset names will not resolve"
[ -d "$ROOT/end2end/node_modules/@playwright/test" ] \
    || die "end2end/node_modules is missing; run 'scripts/install-tools.sh --test'"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
    if ! port_in_use 3000; then echo 3000; return 0; fi
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
        return 0
    fi
    local p
    for p in $(seq 3002 3100); do
        if ! port_in_use "$p"; then echo "$p"; return 0; fi
    done
    return 1
}

http_status() {
    # Prints the HTTP status of GET $1, or 000 when nothing answers.
    if command -v curl >/dev/null 2>&1; then
        local code
        code="$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null || true)"
        echo "${code:-000}"
    else
        python3 - "$1" <<'PY' 2>/dev/null || echo 000
import sys, urllib.request, urllib.error
try:
    print(urllib.request.urlopen(sys.argv[1], timeout=2).status)
except urllib.error.HTTPError as e:
    print(e.code)
PY
    fi
}

E2E_TMP="$(mktemp -d "${TMPDIR:-/tmp}/kindred-e2e.XXXXXX")"
SERVER_LOG="$E2E_TMP/server.log"
SERVER_PID=""

# shellcheck disable=SC2317  # invoked via trap
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        say "stopping server (pid $SERVER_PID)"
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [ "$rc" -ne 0 ] && [ -s "$SERVER_LOG" ]; then
        say "server log (last 100 lines):"
        tail -n 100 "$SERVER_LOG" >&2 || true
    fi
    rm -rf -- "$E2E_TMP"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

PORT="$(free_port)" || die "no free port"
ADDR="127.0.0.1:$PORT"
export E2E_BASE_URL="http://$ADDR"

say "starting $BIN serve on $ADDR (database in $E2E_TMP)"
env \
    LEPTOS_SITE_ROOT=target/site \
    LEPTOS_SITE_PKG_DIR=pkg \
    LEPTOS_OUTPUT_NAME=kindred \
    LEPTOS_HASH_FILES=true \
    LEPTOS_ENV=PROD \
    LEPTOS_SITE_ADDR="$ADDR" \
    DATABASE_URL="sqlite://$E2E_TMP/e2e.db" \
    KINDRED_DEMO=1 \
    RUST_LOG="${RUST_LOG:-warn}" \
    "$BIN" serve </dev/null >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!

say "waiting for $E2E_BASE_URL/readyz"
deadline=$(( $(date +%s) + 30 ))
while :; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=""
        say "server exited before it became ready"
        exit 1
    fi
    status="$(http_status "$E2E_BASE_URL/readyz")"
    [ "$status" = 200 ] && break
    if [ "$(date +%s)" -ge "$deadline" ]; then
        say "server not ready after 30 s (last /readyz status: $status)"
        exit 1
    fi
    sleep 0.3
done
say "server ready; running: npx playwright test $*"

# Signal a process and all its descendants (children first found, then signalled).
# shellcheck disable=SC2317  # invoked via trap
kill_tree() {
    local sig="$1" pid="$2" child
    if command -v pgrep >/dev/null 2>&1; then
        for child in $(pgrep -P "$pid" 2>/dev/null || true); do
            kill_tree "$sig" "$child"
        done
    fi
    kill -s "$sig" "$pid" 2>/dev/null || true
}

# Run Playwright as a waited-on child so TERM/INT stop it and the server at once.
CHILD=""
# shellcheck disable=SC2317  # invoked via trap
forward() {
    if [ -n "$CHILD" ]; then
        kill_tree "$1" "$CHILD"
        wait "$CHILD" 2>/dev/null || true
    fi
    exit "$2"
}
trap 'forward INT 130' INT
trap 'forward TERM 143' TERM

(cd end2end && exec npx playwright test "$@") <&0 &
CHILD=$!
rc=0
wait "$CHILD" || rc=$?
CHILD=""
say "playwright exited with $rc"
exit "$rc"
