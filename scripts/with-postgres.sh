#!/usr/bin/env bash
# Run a command with TEST_DATABASE_URL pointing at a PostgreSQL server.
#
#   scripts/with-postgres.sh CMD [ARGS...]
#
# If TEST_DATABASE_URL is already set, CMD runs against that server unchanged.
# Otherwise a throwaway cluster is created from the newest
# /usr/lib/postgresql/*/bin on this machine, in a temp dir, listening only on
# 127.0.0.1 at a free port (trust auth, fsync off), and is stopped and deleted
# when this script exits — whatever CMD's outcome. CMD's exit code is kept.
#
# Example:
#   scripts/with-postgres.sh sh -c 'psql "$TEST_DATABASE_URL" -c "select 1"'
set -euo pipefail

log() { printf 'with-postgres: %s\n' "$*" >&2; }

if [ "$#" -eq 0 ]; then
    echo "usage: $0 CMD [ARGS...]" >&2
    exit 2
fi

if [ -n "${TEST_DATABASE_URL:-}" ]; then
    log "TEST_DATABASE_URL is set; using that server"
    exec "$@"
fi

# --- find the PostgreSQL binaries (newest major version) -------------------
PG_BIN=""
while IFS= read -r dir; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
        PG_BIN="$dir"
    fi
done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V)
if [ -z "$PG_BIN" ]; then
    log "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin"
    log "install them with: apt-get install -y postgresql   (or run scripts/install-tools.sh --test)"
    exit 1
fi
PG_ISREADY="$PG_BIN/pg_isready"
if [ ! -x "$PG_ISREADY" ]; then
    PG_ISREADY="$(command -v pg_isready || true)"
fi

# initdb and postgres refuse to run as root: use the postgres account then.
AS_PG=()
if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        log "running as root but there is no 'postgres' user to run the server as"
        exit 1
    fi
    AS_PG=(runuser -u postgres --)
fi
as_pg() { "${AS_PG[@]}" "$@"; }

# --- pick a free TCP port on 127.0.0.1 -------------------------------------
port_in_use() {
    # A successful connect means something is listening.
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
free_port() {
    local p
    if command -v python3 >/dev/null 2>&1; then
        p="$(python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()' 2>/dev/null || true)"
        if [ -n "$p" ]; then
            echo "$p"
            return 0
        fi
    fi
    for p in $(seq 54320 54420); do
        if ! port_in_use "$p"; then
            echo "$p"
            return 0
        fi
    done
    return 1
}

# --- create the cluster -----------------------------------------------------
# As root the server runs as 'postgres', which must reach the dir: use /tmp.
if [ "${#AS_PG[@]}" -gt 0 ]; then TMP_BASE=/tmp; else TMP_BASE="${TMPDIR:-/tmp}"; fi
PG_TMP="$(mktemp -d "$TMP_BASE/kindred-pg.XXXXXX")"
PG_DATA="$PG_TMP/data"
PG_LOG="$PG_TMP/server.log"
STARTED=0

# shellcheck disable=SC2317  # invoked via trap
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [ "$STARTED" -eq 1 ]; then
        log "stopping PostgreSQL (port $PG_PORT)"
        as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -t 30 -w stop >/dev/null 2>&1 \
            || as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 \
            || log "warning: pg_ctl stop failed"
    fi
    log "removing $PG_TMP"
    rm -rf -- "$PG_TMP"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "${#AS_PG[@]}" -gt 0 ]; then
    chown postgres: "$PG_TMP"
fi
chmod 700 "$PG_TMP"

PG_PORT="$(free_port)" || { log "could not find a free port"; exit 1; }

log "initdb ($PG_BIN) in $PG_DATA"
if ! as_pg "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U postgres -E UTF8 --locale=C \
        --no-sync >"$PG_TMP/initdb.log" 2>&1; then
    log "initdb failed:"
    cat "$PG_TMP/initdb.log" >&2
    exit 1
fi

log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
PG_OPTS="-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$PG_TMP"
PG_OPTS="$PG_OPTS -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
PG_OPTS="$PG_OPTS -c max_connections=300 -c shared_buffers=64MB"
STARTED=1
if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -o "$PG_OPTS" -w -t 60 start >/dev/null; then
    log "PostgreSQL failed to start; server log:"
    cat "$PG_LOG" >&2 || true
    exit 1
fi

# pg_ctl -w already waited; double-check over TCP the way clients connect.
ready=0
for _ in $(seq 1 60); do
    if [ -n "$PG_ISREADY" ]; then
        if "$PG_ISREADY" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres; then ready=1; break; fi
    elif port_in_use "$PG_PORT"; then
        ready=1; break
    fi
    sleep 0.5
done
if [ "$ready" -ne 1 ]; then
    log "PostgreSQL did not become ready; server log:"
    cat "$PG_LOG" >&2 || true
    exit 1
fi

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
log "ready: TEST_DATABASE_URL=$TEST_DATABASE_URL"
log "running: $*"

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

# Run CMD as a child we wait for (keeping our stdin), so that a TERM/INT sent
# to this script is handled at once: pass it on, then clean up via the trap.
CHILD=""
# shellcheck disable=SC2317  # invoked via trap
forward() {
    local sig="$1" code="$2"
    if [ -n "$CHILD" ]; then
        log "received SIG$sig; passing it to the command"
        kill_tree "$sig" "$CHILD"
        wait "$CHILD" 2>/dev/null || true
    fi
    exit "$code"
}
trap 'forward INT 130' INT
trap 'forward TERM 143' TERM

"$@" <&0 &
CHILD=$!
rc=0
wait "$CHILD" || rc=$?
CHILD=""
log "command exited with $rc"
exit "$rc"
