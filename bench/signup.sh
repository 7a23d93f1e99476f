#!/usr/bin/env bash
# Signup throughput benchmark (not a test): serves the RELEASE build on
# loopback with a 200-group program and 2,000 signed-in IOP clients, then
#   1. wrk: sustained signups per second, every request a new (client, session) pair;
#   2. a burst of 1,000 simultaneous signups for ONE session (latency percentiles);
#   3. checks that no session is overbooked.
#
#   bench/signup.sh [--duration 15s] [--connections 32]                 SQLite
#   scripts/with-postgres.sh bench/signup.sh --postgres [--duration 15s] PostgreSQL
#
# Needs `make build` first, Debian `wrk` and python3.
set -euo pipefail

DURATION=15s
CONNECTIONS=32
BACKEND=sqlite
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) DURATION="$2"; shift 2 ;;
        --connections) CONNECTIONS="$2"; shift 2 ;;
        --postgres) BACKEND=postgres; shift ;;
        *) echo "signup bench: unknown argument $1" >&2; exit 2 ;;
    esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="$ROOT/target/release/kindred"
[ -x "$BIN" ] || { echo "run 'make build' first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "install wrk: apt-get install -y wrk" >&2; exit 1; }
ulimit -n 8192 2>/dev/null || true

TMP="$(mktemp -d)"
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

if [ "$BACKEND" = postgres ]; then
    [ -n "${TEST_DATABASE_URL:-}" ] || { echo "--postgres needs TEST_DATABASE_URL (run under scripts/with-postgres.sh)" >&2; exit 1; }
    DB_NAME="kindred_bench_$$"
    psql "$TEST_DATABASE_URL" -qc "CREATE DATABASE $DB_NAME" >/dev/null
    export DATABASE_URL="${TEST_DATABASE_URL%/*}/$DB_NAME"
else
    export DATABASE_URL="sqlite://$TMP/bench.db"
fi
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
export LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg LEPTOS_OUTPUT_NAME=kindred \
    LEPTOS_HASH_FILES=true LEPTOS_ENV=PROD RUST_LOG=warn

echo "bench: $BACKEND; seeding 200 groups and 2000 signed-in clients"
"$BIN" admin seed-groups --count 200 >/dev/null
"$BIN" serve --addr "127.0.0.1:$PORT" >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
    sleep 0.1
done
# Sessions exist once the server has generated them; clients are added beside it.
"$BIN" admin seed-clients --count 2000 --cookies-file "$TMP/cookies.txt" --sessions-file "$TMP/sessions.txt"

export BENCH_COOKIES="$TMP/cookies.txt" BENCH_SESSIONS="$TMP/sessions.txt" BENCH_THREADS=2
echo "bench: wrk, $CONNECTIONS connections for $DURATION"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/signup.lua "http://127.0.0.1:$PORT/" | tee "$TMP/wrk.txt" \
    | grep -E 'Latency|50%|99%|Requests/sec|signups'

echo "bench: burst of 1000 simultaneous signups for one session"
python3 bench/burst.py "$PORT" "$TMP/cookies.txt" "$TMP/sessions.txt" 1000 0

OVERBOOKED_SQL="SELECT COUNT(*) FROM group_sessions gs WHERE gs.taken > gs.capacity OR gs.taken <> (SELECT COUNT(*) FROM signups s WHERE s.session_id = gs.id AND s.status IN ('confirmed', 'offered'))"
DUPES_SQL="SELECT COUNT(*) FROM (SELECT session_id, user_id FROM signups GROUP BY session_id, user_id HAVING COUNT(*) > 1) d"
TOTAL_SQL="SELECT COUNT(*) FROM signups"
if [ "$BACKEND" = postgres ]; then
    q() { psql "$DATABASE_URL" -tAc "$1"; }
else
    q() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$TMP/bench.db" "$1"; }
fi
echo "bench: $(q "$TOTAL_SQL") signups stored; sessions overbooked or miscounted: $(q "$OVERBOOKED_SQL"); duplicate signups: $(q "$DUPES_SQL")"
echo "bench: $(nproc) cores, wrk and server on the same machine (loopback)"
if [ "$BACKEND" = postgres ]; then
    kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
    psql "$TEST_DATABASE_URL" -qc "DROP DATABASE $DB_NAME" >/dev/null || true
fi
