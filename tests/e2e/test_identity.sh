#!/usr/bin/env bash
# Terminal identity and signed chains, with the commands a ward admin types: two terminals set up from one image get
# different IDs; `kiosk enroll` lines make the enrolled-keys file; `merge --enrolled` and `verify --enrolled` accept the
# real terminals and refuse a fabricated terminal and a file whose chain was rewritten with every hash recomputed
# (the ward file is unchanged by a refused merge); one SQL UPDATE on attempts is found by verify and stops export.
source "$(dirname "$0")/lib.sh"

SCEN="$KIOSK_SOURCE_DIR/tests/e2e/scenarios"
D="$KIOSK_E2E_DIR"
echo '{}' >"$D/image.json"  # the configuration cloned with the image: no terminal_id
sim() { local db="$1"; shift; "$KIOSK_BIN" simulate --config "$D/image.json" --scenarios "$SCEN" --db "$db" "$@" >/dev/null || fail "simulate on $db failed"; }
digest() { sha256sum "$1" | cut -d' ' -f1; }

sim "$D/a.db" --course refresher --staff 100 --answers random --count 3 --seed 1
sim "$D/b.db" --course refresher --staff 200 --answers correct --count 2 --seed 2
"$KIOSK_BIN" enroll --config "$D/image.json" --db "$D/a.db" >"$D/enrolled.txt" 2>/dev/null || fail "enroll on a failed"
"$KIOSK_BIN" enroll --config "$D/image.json" --db "$D/b.db" >>"$D/enrolled.txt" 2>/dev/null || fail "enroll on b failed"
id_a=$(sed -n 1p "$D/enrolled.txt" | cut -d' ' -f1)
id_b=$(sed -n 2p "$D/enrolled.txt" | cut -d' ' -f1)
[[ "$id_a" == t-* && "$id_b" == t-* && "$id_a" != "$id_b" ]] || fail "two terminals from one image share or lack an ID: $(cat "$D/enrolled.txt")"
[[ "$(sql "$D/a.db" "select kind from ledger order by seq limit 1")" == terminal ]] || fail "the chain's first row is not the terminal key"

"$KIOSK_BIN" merge --enrolled "$D/enrolled.txt" "$D/a.db" "$D/b.db" -o "$D/ward.db" >"$D/merge1.out" || fail "merge of enrolled terminals failed: $(cat "$D/merge1.out")"
# The ward file has an ID and key of its own (its merge events): the ward enrols it too.
"$KIOSK_BIN" enroll --config "$D/image.json" --db "$D/ward.db" >>"$D/enrolled.txt" 2>/dev/null || fail "enroll on the ward file failed"
"$KIOSK_BIN" verify --no-log --enrolled "$D/enrolled.txt" --db "$D/ward.db" >"$D/verify1.out" || fail "the ward file does not verify: $(cat "$D/verify1.out")"
grep -q "^key $id_a: head signed by " "$D/verify1.out" || fail "verify does not show a's signed head: $(cat "$D/verify1.out")"

# A fabricated terminal: a file made elsewhere with completions for a person who never sat the course.
sim "$D/fake.db" --course refresher --staff 999 --answers correct --count 2 --seed 3
ward_before=$(digest "$D/ward.db")
set +e
"$KIOSK_BIN" merge --enrolled "$D/enrolled.txt" "$D/fake.db" -o "$D/ward.db" >"$D/merge2.out"; rc=$?
"$KIOSK_BIN" verify --no-log --enrolled "$D/enrolled.txt" --db "$D/fake.db" >"$D/verify2.out"; vrc=$?
set -e
[[ $rc == 1 ]] || fail "merge --enrolled of a fabricated terminal exited $rc: $(cat "$D/merge2.out")"
grep -q "NOT merged" "$D/merge2.out" && grep -q "is not enrolled" "$D/merge2.out" || fail "no reason given: $(cat "$D/merge2.out")"
[[ $vrc == 1 ]] && grep -q "is not enrolled" "$D/verify2.out" || fail "verify --enrolled accepted a fabricated terminal: $(cat "$D/verify2.out")"
[[ "$(digest "$D/ward.db")" == "$ward_before" ]] || fail "a refused merge changed the ward file"
[[ "$(sql "$D/ward.db" "select count(*) from attempts where staff_id = '999'")" == 0 ]] || fail "the fabricated attempts reached the ward file"

# An enrolled terminal's file rewritten: every failed answer made correct, every hash and the recorded head recomputed.
cp "$D/a.db" "$D/forged.db"
python3 - "$D/forged.db" "$id_a" <<'PY' || fail "the forgery script failed"
import hashlib, json, sqlite3, sys
db = sqlite3.connect(sys.argv[1]); t = sys.argv[2]
db.execute("update responses set points = max_points where terminal_id = ?", (t,))
rows = []
for r in db.execute("select seq, attempt_uuid, item_index, item_id, response_json, points, max_points, answered_at, time_taken_ms from responses where terminal_id = ?", (t,)):
    rows.append(("responses", r[0], ["responses", *r[1:], t]))
for r in db.execute("select seq, attempt_uuid, staff_id, course_id, completed_at, valid_until, points, max_points, code from completions where terminal_id = ?", (t,)):
    rows.append(("completions", r[0], ["completions", *r[1:], t]))
for r in db.execute("select seq, kind, ref, body_json, at from ledger where terminal_id = ?", (t,)):
    rows.append(("ledger", r[0], ["ledger", *r[1:], t]))
prev = "0" * 64
for table, seq, content in sorted(rows, key=lambda x: x[1]):
    h = hashlib.sha256((prev + "\n" + json.dumps(content, separators=(",", ":"), ensure_ascii=False)).encode()).hexdigest()
    db.execute(f"update {table} set prev_hash = ?, row_hash = ? where seq = ?", (prev, h, seq))
    prev = h
head = json.loads(db.execute("select value from settings where key = ?", ("chain.head." + t,)).fetchone()[0])
head.update(length=len(rows), head=prev)
db.execute("update settings set value = ? where key = ?", (json.dumps(head), "chain.head." + t))
db.commit()
PY
set +e
"$KIOSK_BIN" verify --no-log --enrolled "$D/enrolled.txt" --db "$D/forged.db" >"$D/verify3.out"; vrc=$?
"$KIOSK_BIN" merge --enrolled "$D/enrolled.txt" "$D/forged.db" -o "$D/ward2.db" >"$D/merge3.out"; rc=$?
set -e
[[ $vrc == 1 ]] && grep -q "signature is not valid" "$D/verify3.out" || fail "verify --enrolled accepted a rewritten chain: $(cat "$D/verify3.out")"
[[ $rc == 1 ]] && grep -q "signature is not valid" "$D/merge3.out" || fail "merge --enrolled accepted a rewritten chain: $(cat "$D/merge3.out")"

# One UPDATE on attempts: a failed exam made a pass. verify names it; export refuses to write anything.
failed=$(sql "$D/a.db" "select uuid from attempts where passed = 0 limit 1")
[[ -n "$failed" ]] || fail "the random answers passed every exam (seed 1): no failed attempt to tamper with"
sqlite3 "$D/a.db" "update attempts set passed = 1, points = max_points where uuid = '$failed'"
set +e
"$KIOSK_BIN" verify --no-log --db "$D/a.db" >"$D/verify4.out"; vrc=$?
"$KIOSK_BIN" export csv --config "$D/image.json" --db "$D/a.db" -o "$D/a.csv" 2>"$D/export.err"; erc=$?
set -e
[[ $vrc == 1 ]] && grep -q "PROBLEM attempts.*$failed.*match its chained rows" "$D/verify4.out" || fail "verify missed the UPDATE: $(cat "$D/verify4.out")"
[[ $erc == 1 && ! -e "$D/a.csv" ]] && grep -q "do not match their chained rows" "$D/export.err" || fail "export wrote a tampered result (exit $erc): $(cat "$D/export.err")"
"$KIOSK_BIN" report completions --config "$D/image.json" --db "$D/a.db" >/dev/null 2>"$D/report.err" || true
grep -q "PROBLEM attempts.*$failed" "$D/report.err" || fail "the report does not name the tampered attempt: $(cat "$D/report.err")"
echo "ok: identity, enrolled keys, forged chains and tampered attempts"
