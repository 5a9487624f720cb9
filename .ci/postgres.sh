#!/usr/bin/env bash
# Start a throwaway PostgreSQL 15 for the store tests and export its URL.
#
# Sourced by .ci/run (and usable by hand: `source .ci/postgres.sh`). The server lives in a
# temporary directory, listens on loopback only, trusts local connections and is stopped and
# deleted when the sourcing shell exits. PostgreSQL refuses to run as root, so as root the
# server runs as the `postgres` system user (or `nobody`).
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [[ ! -x "$PG_BIN/initdb" ]]; then
    echo "PostgreSQL server binaries not found in $PG_BIN: PostgreSQL store tests will skip" >&2
    return 0 2>/dev/null || exit 0
fi
PG_DIR=$(mktemp -d /tmp/forewarn-pg.XXXXXX)
PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
if [[ $(id -u) -eq 0 ]]; then
    PG_USER=$(id -u postgres >/dev/null 2>&1 && echo postgres || echo nobody)
    chown "$PG_USER" "$PG_DIR"
    as_pg() { runuser -u "$PG_USER" -- "$@"; }
else
    as_pg() { "$@"; }
fi
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U forewarn -A trust -E UTF8 --no-locale >"$PG_DIR/initdb.log"
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off" start >/dev/null
as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U forewarn forewarn_test
export FOREWARN_TEST_POSTGRES_URL="postgresql+psycopg://forewarn@127.0.0.1:$PG_PORT/forewarn_test"
stop_postgres() {
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
}
trap stop_postgres EXIT
echo "throwaway PostgreSQL 15 at $FOREWARN_TEST_POSTGRES_URL" >&2
