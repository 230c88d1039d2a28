#!/usr/bin/env bash
# Ingest throughput of the ward records server: a `seed-demo` records file (BENCH_STAFF people, one year) synced into a
# throwaway PostgreSQL 15 cluster (Unix socket) in batches of 2000 rows. Prints rows, seconds and rows per second for a
# first sync and for a second sync that finds nothing new. Run: KIOSK_BIN=build/bin/kiosk KIOSK_SOURCE_DIR=. bash tests/bench/bench_server_ingest.sh
source "${KIOSK_SOURCE_DIR:-.}/tests/e2e/lib.sh"
source "${KIOSK_SOURCE_DIR:-.}/tests/e2e/pg_lib.sh"
D="$KIOSK_E2E_DIR"
echo '{"terminal_id": "bench"}' >"$D/c.json"
"$KIOSK_BIN" seed-demo --config "$D/c.json" --db "$D/b.db" --staff "${BENCH_STAFF:-1000}" --years 1 --seed 5 --quiet >/dev/null
"$KIOSK_BIN" server init --server "$PG_SUPER" >/dev/null
rows=$(( $(sql "$D/b.db" "select count(*) from responses") + $(sql "$D/b.db" "select count(*) from completions") ))
t0=$(date +%s.%N); "$KIOSK_BIN" sync --from "$D/b.db" --server "$PG_SUPER" >/dev/null; t1=$(date +%s.%N)
"$KIOSK_BIN" sync --from "$D/b.db" --server "$PG_SUPER" >/dev/null; t2=$(date +%s.%N)
awk -v r="$rows" -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN {
  printf "server ingest: %d chained rows in %.2f s = %.0f rows/s (first sync)\n", r, b - a, r / (b - a);
  printf "server ingest: second sync, nothing new: %.2f s\n", c - b }'
