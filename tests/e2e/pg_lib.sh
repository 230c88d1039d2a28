# A throwaway PostgreSQL 15 cluster for server tests: initdb in a temp dir owned by the `postgres` user (PostgreSQL
# refuses root), a Unix socket in that dir, no TCP, stopped and removed at exit. Source after lib.sh.
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
[[ -x "$PG_BIN/initdb" ]] || { echo "SKIP: PostgreSQL 15 is not installed (scripts/setup.sh --test)"; exit 0; }
PG_DIR=$(mktemp -d /tmp/kiosk-pg.XXXXXX)
chmod 755 "$PG_DIR"
as_pg() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[[ $(id -u) -eq 0 ]] && chown postgres: "$PG_DIR"
PG_SUPER="host=$PG_DIR dbname=ward user=postgres"

pg_start() {
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -t 60 \
        -o "-k $PG_DIR -c listen_addresses='' -c fsync=on" start >/dev/null || { cat "$PG_DIR/log" >&2; fail "PostgreSQL did not start"; }
}
pg_stop_immediate() { as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null; }
pg_init() {
    as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --no-locale >"$PG_DIR/initdb.log" 2>&1 ||
        fail "initdb failed: $(tail -n 5 "$PG_DIR/initdb.log")"
    pg_start
    as_pg "$PG_BIN/createdb" -h "$PG_DIR" -U postgres ward
}
# psql_do SQL [user]: one statement, unaligned output.
psql_do() { psql -X -q -At -v ON_ERROR_STOP=1 -h "$PG_DIR" -U "${2:-postgres}" -d ward -c "$1"; }
pg_cleanup() {
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
}
trap 'pg_cleanup; e2e_cleanup' EXIT
pg_init
