#!/usr/bin/env bash
# Faults against a real PostgreSQL 15 started here. (1) The server stopped hard (`pg_ctl stop -m immediate`) in the
# middle of a sync and started again: the next sync completes with nothing lost or twice. (2) `kiosk sync` killed
# with SIGKILL mid-sync many times: after each kill the server holds whole batches only and its chains check out;
# the last sync completes. (3) A terminal answering (`kiosk simulate --ack`) while `kiosk sync` runs again and again:
# every acknowledged answer is on the server after the next sync. KIOSK_SERVER_KILLS sets the number of kills (6).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/pg_lib.sh"

D="$KIOSK_E2E_DIR"
K="$KIOSK_BIN"
KILLS=${KIOSK_SERVER_KILLS:-6}
echo '{"terminal_id": "demo"}' >"$D/demo.json"
"$K" seed-demo --config "$D/demo.json" --db "$D/big.db" --staff 200 --years 1 --seed 3 --quiet >/dev/null || fail "seed-demo failed"
file_rows=$(( $(sql "$D/big.db" "select count(*) from responses") + $(sql "$D/big.db" "select count(*) from completions") + $(sql "$D/big.db" "select count(*) from ledger") ))

# The server's view must be whole: every chain's rows 1..length present once, length = the last checkpoint.
server_consistent() {
    local db="$1"
    local bad
    bad=$(psql -X -q -At -h "$PG_DIR" -U postgres -d "$db" -c "
      WITH r AS (SELECT terminal_id, seq FROM kiosk.responses UNION ALL SELECT terminal_id, seq FROM kiosk.completions
                 UNION ALL SELECT terminal_id, seq FROM kiosk.ledger)
      SELECT t.terminal_id FROM kiosk.terminals t LEFT JOIN (SELECT terminal_id, count(*) n, max(seq) m FROM r GROUP BY 1) c USING (terminal_id)
       WHERE coalesce(c.n, 0) <> t.length OR coalesce(c.m, 0) <> t.length
          OR t.length <> coalesce((SELECT max(length) FROM kiosk.chain_checkpoints k WHERE k.terminal_id = t.terminal_id), 0)")
    [[ -z "$bad" ]] || fail "server chains not whole after a fault: $bad"
}
server_rows() { psql -X -q -At -h "$PG_DIR" -U postgres -d "$1" -c "select coalesce(sum(length), 0) from kiosk.terminals"; }

# (1) The server stopped hard in the middle of a sync.
"$K" server init --server "$PG_SUPER" >/dev/null || fail "server init failed"
"$K" sync --from "$D/big.db" --server "$PG_SUPER" --batch 100 >"$D/s1.out" 2>&1 &
sync_pid=$!
for _ in $(seq 1 400); do [[ "$(server_rows ward)" -gt 0 ]] && break; sleep 0.02; done
pg_stop_immediate
set +e; wait "$sync_pid"; rc=$?; set -e
[[ $rc == 3 ]] || fail "the sync should have been cut off by the stopped server (exit 3), got $rc: $(cat "$D/s1.out")"
pg_start
held=$(server_rows ward)
server_consistent ward
(( held > 0 && held < file_rows )) || fail "expected a part of the $file_rows rows on the server after the stop, found $held"
"$K" sync --from "$D/big.db" --server "$PG_SUPER" --batch 500 >"$D/s2.out" || fail "the sync after the restart failed: $(cat "$D/s2.out")"
[[ "$(server_rows ward)" == "$file_rows" ]] || fail "after the restart the server holds $(server_rows ward) of $file_rows rows"
server_consistent ward
[[ "$(psql_do "select count(*) from kiosk.responses")" == "$(sql "$D/big.db" "select count(*) from responses")" ]] || fail "answers lost or twice"
[[ "$(psql_do "select count(*) from kiosk.attempts")" == "$(sql "$D/big.db" "select count(*) from attempts")" ]] || fail "attempts lost or twice"
[[ "$(psql_do "select count(*) from kiosk.events")" == "$(sql "$D/big.db" "select count(*) from (select distinct at, kind, staff_id, detail_json, terminal_id from events)")" ]] || fail "events lost or twice"
"$K" verify --no-log --db "$D/big.db" --server "$PG_SUPER" >"$D/v1.out" || fail "verify --server after the restart: $(cat "$D/v1.out")"
echo "server stop: $held of $file_rows rows were committed before the stop; all $file_rows after the next sync"

# (2) The sync killed with SIGKILL, again and again, into a second database.
as_pg "$PG_BIN/createdb" -h "$PG_DIR" -U postgres ward2
W2="host=$PG_DIR dbname=ward2 user=postgres"
"$K" server init --server "$W2" >/dev/null || fail "server init of ward2 failed"
kills=0
for i in $(seq 1 "$KILLS"); do
    "$K" sync --from "$D/big.db" --server "$W2" --batch 50 >/dev/null 2>&1 &
    sync_pid=$!
    sleep "0.$(( (RANDOM % 6) + 1 ))"
    if kill -9 "$sync_pid" 2>/dev/null; then kills=$((kills + 1)); fi
    wait "$sync_pid" 2>/dev/null || true
    server_consistent ward2
done
before_last=$(server_rows ward2)
"$K" sync --from "$D/big.db" --server "$W2" >"$D/s3.out" || fail "the sync after the kills failed: $(cat "$D/s3.out")"
[[ "$(server_rows ward2)" == "$file_rows" ]] || fail "after $kills kills the server holds $(server_rows ward2) of $file_rows rows"
server_consistent ward2
"$K" verify --no-log --db "$D/big.db" --server "$W2" >/dev/null || fail "verify --server after the kills"
echo "sync kills: $kills SIGKILLs, $before_last of $file_rows rows held before the last sync, $file_rows after, none twice"

# (3) A terminal answering while it syncs; its own database, the server from its configuration.
echo "{\"terminal_id\": \"busy\", \"server\": \"$PG_SUPER\"}" >"$D/busy.json"
"$K" simulate --config "$D/busy.json" --scenarios "$KIOSK_SOURCE_DIR/tests/e2e/scenarios" --db "$D/busy.db" --course refresher \
    --staff 500 --answers random --count 60 --seed 7 --ack >"$D/acks.log" &
sim_pid=$!
passes=0
while kill -0 "$sim_pid" 2>/dev/null; do
    if [[ -f "$D/busy.db" ]]; then "$K" sync --config "$D/busy.json" --db "$D/busy.db" --batch 5 >/dev/null 2>&1 || true; passes=$((passes + 1)); fi
    sleep 0.1
done
wait "$sim_pid" || fail "simulate on busy failed"
"$K" sync --config "$D/busy.json" --db "$D/busy.db" >"$D/s4.out" || fail "the last sync of busy failed: $(cat "$D/s4.out")"
grep -q "sync busy: .* 0 waiting" "$D/s4.out" || fail "rows still waiting: $(cat "$D/s4.out")"
acked=0
while read -r tag uuid index; do
    [[ "$tag" == ACK ]] || continue
    acked=$((acked + 1))
    [[ "$(psql_do "select count(*) from kiosk.responses where attempt_uuid = '$uuid' and item_index = $index")" == 1 ]] || fail "acknowledged answer $uuid $index is not on the server"
done <"$D/acks.log"
(( acked > 0 )) || fail "no answers were acknowledged"
local_ack=$(sql "$D/busy.db" "select json_extract(value, '$.length') from settings where key = 'server.ack.busy'")
[[ "$local_ack" == "$(psql_do "select length from kiosk.terminals where terminal_id = 'busy'")" ]] || fail "the local acknowledged position ($local_ack) is not the server's"
server_consistent ward
echo "busy terminal: $acked acknowledged answers, $passes syncs while answering, all on the server"
echo "server faults: ok"
