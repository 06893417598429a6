#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL 15 cluster: initdb and pg_ctl as the postgres user
# (PostgreSQL refuses to run as root), UTF-8 with locale C.UTF-8, a free localhost port; the cluster
# is stopped by its pid and deleted when the command ends. The command sees its URL as
# TEST_DATABASE_URL and BENCH_DATABASE_URL. PG_SERVER_OPTS adds server settings (`-c name=value …`).
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
[ -x "$PGBIN/initdb" ] || { echo "with-postgres: $PGBIN/initdb not found (apt-get install postgresql-15)" >&2; exit 1; }

PGTMP=$(mktemp -d /tmp/gonghui-pg.XXXXXX)
PGPORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}
stop_pg() {
  if [ -f "$PGTMP/data/postmaster.pid" ]; then
    kill -INT "$(head -1 "$PGTMP/data/postmaster.pid")" 2>/dev/null || true
    for _ in $(seq 1 50); do [ -f "$PGTMP/data/postmaster.pid" ] || break; sleep 0.2; done
  fi
  rm -rf "$PGTMP"
}
trap stop_pg EXIT
[ "$(id -u)" = 0 ] && chown postgres:postgres "$PGTMP"
as_postgres "$PGBIN/initdb -D $PGTMP/data -U postgres -E UTF8 --locale=C.UTF-8 --auth=trust >/dev/null"
as_postgres "$PGBIN/pg_ctl -D $PGTMP/data -o '-p $PGPORT -k $PGTMP -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 ${PG_SERVER_OPTS:-}' -l $PGTMP/log -w start >/dev/null"
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
export BENCH_DATABASE_URL="$TEST_DATABASE_URL"
echo "with-postgres: PostgreSQL 15 at 127.0.0.1:$PGPORT"
"$@"
