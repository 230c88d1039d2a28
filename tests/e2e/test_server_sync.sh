#!/usr/bin/env bash
# The ward records server on a real PostgreSQL 15 started here: `kiosk server init` (twice; a newer schema refused with
# nothing changed), three terminal files synced (twice: the second adds nothing), the ingest role cannot UPDATE or
# DELETE records, and fork (old backup written again, two terminals with one ID), tamper (every hash recomputed) and
# replay (answers of another terminal's attempt) are refused with their reason kept on the terminals row.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/pg_lib.sh"

SCEN="$KIOSK_SOURCE_DIR/tests/e2e/scenarios"
D="$KIOSK_E2E_DIR"
K="$KIOSK_BIN"
for t in north south east; do echo "{\"terminal_id\": \"$t\"}" >"$D/$t.json"; done
sim() { local c="$1" db="$2"; shift 2; "$K" simulate --config "$D/$c.json" --scenarios "$SCEN" --db "$D/$db.db" "$@" >/dev/null || fail "simulate $db failed"; }
counts() { psql_do "select (select count(*) from kiosk.learners), (select count(*) from kiosk.attempts), (select count(*) from kiosk.responses),
                           (select count(*) from kiosk.completions), (select count(*) from kiosk.events), (select count(*) from kiosk.chain_checkpoints)"; }
sync_from() { "$K" sync --from "$D/$1.db" --server "$PG_SUPER" --batch 7 "${@:2}"; }

"$K" server init --server "$PG_SUPER" >"$D/init1.out" || fail "server init failed: $(cat "$D/init1.out")"
grep -q "migrated from version 0 to 2" "$D/init1.out" || fail "first init: $(cat "$D/init1.out")"
"$K" server init --server "$PG_SUPER" | grep -q "already up to date" || fail "second init changed something"

# A password on the command line is refused before any connection.
if "$K" sync --from "$D/none.db" --server "host=$PG_DIR dbname=ward user=postgres password=secret" >"$D/pw.out" 2>&1; then fail "a password was accepted"; fi
grep -q "pgpass" "$D/pw.out" || fail "the password refusal does not say where passwords go: $(cat "$D/pw.out")"

sim north north --course refresher --staff 100 --answers random --count 3 --seed 1
cp "$D/north.db" "$D/north-old.db"
sim north north --course orientation --staff 101 --answers correct --count 2 --seed 20
sim south south --course refresher --staff 200 --answers correct --count 3 --seed 40
sim east east --course refresher --staff 300 --answers random --count 2 --seed 60

# Terminals sync as the ingest role.
psql_do "CREATE ROLE terminal_login LOGIN IN ROLE kiosk_ingest; CREATE ROLE hr_login LOGIN IN ROLE kiosk_report"
INGEST="host=$PG_DIR dbname=ward user=terminal_login"
for t in north south east; do
    "$K" sync --from "$D/$t.db" --server "$INGEST" --batch 7 >"$D/sync-$t.out" || fail "sync of $t failed: $(cat "$D/sync-$t.out")"
done
first=$(counts)
for t in north south east; do sync_from $t >/dev/null || fail "second sync of $t failed"; done
[[ "$(counts)" == "$first" ]] || fail "syncing twice changed the server: $first → $(counts)"
expected=$(( $(sql "$D/north.db" "select count(*) from responses") + $(sql "$D/south.db" "select count(*) from responses") + $(sql "$D/east.db" "select count(*) from responses") ))
[[ "$(psql_do "select count(*) from kiosk.responses")" == "$expected" ]] || fail "expected $expected answers on the server, found $(psql_do "select count(*) from kiosk.responses")"
for t in north south east; do
    "$K" verify --no-log --config "$D/$t.json" --db "$D/$t.db" --server "$PG_SUPER" >"$D/verify-$t.out" || fail "verify --server on $t: $(cat "$D/verify-$t.out")"
    local_head=$(sql "$D/$t.db" "select json_extract(value, '$.head') from settings where key = 'chain.head.$t'")
    [[ "$(psql_do "select head from kiosk.terminals where terminal_id = '$t'")" == "$local_head" ]] || fail "the server's head of $t is not the terminal's"
done
# An older copy adds nothing and is not a fork.
sync_from north-old >"$D/old.out" || fail "an older copy was refused: $(cat "$D/old.out")"
[[ "$(counts)" == "$first" ]] || fail "an older copy changed the server"

# The ingest role inserts but never changes or removes a record; the report role only reads.
for stmt in "UPDATE kiosk.responses SET points = 0" "DELETE FROM kiosk.responses" "DELETE FROM kiosk.completions" \
            "UPDATE kiosk.chain_checkpoints SET head = 'x'" "DELETE FROM kiosk.events" "UPDATE kiosk.attempts SET points = 0" \
            "UPDATE kiosk.terminals SET head = 'x', length = 0"; do
    if psql_do "$stmt" terminal_login >"$D/deny.out" 2>&1; then fail "the ingest role could run: $stmt"; fi
    grep -q "permission denied" "$D/deny.out" || fail "$stmt failed for another reason: $(cat "$D/deny.out")"
done
if psql_do "INSERT INTO kiosk.learners(staff_id, updated_at) VALUES ('x', 0)" hr_login >/dev/null 2>&1; then fail "the report role could insert"; fi
[[ "$(psql_do "select count(*) from kiosk.responses" hr_login)" == "$expected" ]] || fail "the report role cannot read"
# Even the owner cannot rewrite the chained rows without first dropping the append-only triggers.
if psql_do "UPDATE kiosk.responses SET points = 0" >/dev/null 2>&1; then fail "responses could be updated by the superuser"; fi
[[ "$(counts)" == "$first" ]] || fail "the refused statements changed the server"

refusal_of() { psql_do "select coalesce(last_refusal, '') from kiosk.terminals where terminal_id = '$1'"; }
# Fork 1: north's old backup restored and written again.
sim north north-old --course refresher --staff 102 --answers correct --count 1 --seed 80
if sync_from north-old >"$D/fork1.out"; then fail "a restored, rewritten backup was accepted: $(cat "$D/fork1.out")"; fi
grep -q "REFUSED north: fork" "$D/fork1.out" || fail "fork 1 reason: $(cat "$D/fork1.out")"
[[ "$(refusal_of north)" == fork:* ]] || fail "the fork is not kept on the terminals row: $(refusal_of north)"
# Fork 2: a second terminal configured with the ID south.
sim south south2 --course orientation --staff 201 --answers correct --count 1 --seed 90
if sync_from south2 >"$D/fork2.out"; then fail "a second terminal with one ID was accepted"; fi
grep -q "REFUSED south: fork" "$D/fork2.out" || fail "fork 2 reason: $(cat "$D/fork2.out")"
[[ "$(counts)" == "$first" ]] || fail "a refused fork changed the server: $first → $(counts)"

# Tamper: one answer changed and every hash and the recorded head recomputed. Alone the file verifies; against the
# server's checkpoints it does not, and its sync is refused.
# The first answer of east's chain (the chain also holds the terminal's key and ledger rows), and its chain position.
answer_seq=$(sql "$D/east.db" "select min(seq) from responses where terminal_id = 'east'")
answer_pos=$(sql "$D/east.db" "select (select count(*) from responses where terminal_id = 'east' and seq <= $answer_seq)
  + (select count(*) from completions where terminal_id = 'east' and seq <= $answer_seq)
  + (select count(*) from ledger where terminal_id = 'east' and seq <= $answer_seq)")
cp "$D/east.db" "$D/east-tampered.db"
python3 "$KIOSK_SOURCE_DIR/tests/e2e/rehash.py" "$D/east-tampered.db" east "$answer_seq"
"$K" verify --no-log --db "$D/east-tampered.db" >"$D/t1.out" || fail "the rehashed file should pass verify alone: $(cat "$D/t1.out")"
if "$K" verify --no-log --config "$D/east.json" --db "$D/east-tampered.db" --server "$PG_SUPER" >"$D/t2.out"; then fail "verify --server passed a tampered file"; fi
grep -q "PROBLEM server seq .* (terminal east).*the file was changed after it was sent" "$D/t2.out" || fail "tamper reason: $(cat "$D/t2.out")"
if sync_from east-tampered >"$D/t3.out"; then fail "the tampered file was synced"; fi
grep -q "REFUSED east: fork" "$D/t3.out" || fail "tamper sync: $(cat "$D/t3.out")"
# A file whose hashes do not follow from its content is refused as tampered.
cp "$D/east.db" "$D/east-edited.db"
sqlite3 "$D/east-edited.db" "update responses set points = max_points - points where seq = $answer_seq"
if sync_from east-edited >"$D/t4.out"; then fail "an edited file was synced"; fi
grep -q "REFUSED east: tampered: row $answer_pos" "$D/t4.out" || fail "edited file: $(cat "$D/t4.out")"

# Replay: north's answers copied under a new terminal ID "west", hashes recomputed: the answers are already on the
# server, so west is refused and nothing of it arrives.
cp "$D/north.db" "$D/west.db"
sqlite3 "$D/west.db" "update responses set terminal_id = 'west'; update completions set terminal_id = 'west';
                      update settings set key = 'chain.head.west' where key = 'chain.head.north'"
python3 "$KIOSK_SOURCE_DIR/tests/e2e/rehash.py" "$D/west.db" west 0
if sync_from west >"$D/replay.out"; then fail "a replay was accepted"; fi
grep -q "REFUSED west: replay" "$D/replay.out" || fail "replay reason: $(cat "$D/replay.out")"
[[ "$(refusal_of west)" == replay:* ]] || fail "the replay is not kept on the terminals row"
[[ "$(psql_do "select count(*) from kiosk.responses where terminal_id = 'west'")" == 0 ]] || fail "replayed rows arrived"
[[ "$(counts)" == "$first" ]] || fail "refused files changed the server: $first → $(counts)"
"$K" server terminals --server "$PG_SUPER" | grep -q "last refusal: replay" || fail "server terminals does not show the refusal"

# A newer schema is refused and nothing is changed.
psql_do "UPDATE kiosk.schema_info SET version = 99"
before=$(psql_do "select md5(string_agg(table_name, ',' order by table_name)) from information_schema.tables where table_schema = 'kiosk'")
if "$K" server init --server "$PG_SUPER" >"$D/newer.out" 2>&1; then fail "a newer schema was accepted"; fi
grep -q "newer (version 99)" "$D/newer.out" || fail "newer schema: $(cat "$D/newer.out")"
if sync_from north >"$D/newer-sync.out" 2>&1; then fail "sync ran against a newer schema"; fi
[[ "$(psql_do "select version from kiosk.schema_info")" == 99 ]] || fail "the newer schema's version was changed"
[[ "$(psql_do "select md5(string_agg(table_name, ',' order by table_name)) from information_schema.tables where table_schema = 'kiosk'")" == "$before" ]] || fail "tables changed"
echo "server sync: ok (learners attempts responses completions events checkpoints: $first)"
