#!/usr/bin/env bash
# `kiosk simulate` end to end without a window: whole attempts through the real engine and a real SQLite file. Correct
# answers give 100 % and a completion; random answers stay within [0, max]; an answers file is followed; --ack lines
# name answers that are in the database; --count and --timing print one JSON line per attempt with latency figures.
source "$(dirname "$0")/lib.sh"

DB="$KIOSK_E2E_DIR/sim.db"
SCEN="$KIOSK_SOURCE_DIR/tests/e2e/scenarios"
sim() { "$KIOSK_BIN" simulate --db "$DB" --scenarios "$SCEN" "$@"; }
field() { python3 -c 'import json,sys; v=json.loads(sys.argv[1])[sys.argv[2]]; print(json.dumps(v) if isinstance(v,(list,dict,bool)) or v is None else v)' "$1" "$2"; }

# Correct answers: full marks, passed, completed, a completion code that is in the database.
out=$(sim --course orientation --staff 300001 --answers correct --seed 1) || fail "simulate exited non-zero"
[[ $(wc -l <<<"$out") == 1 ]] || fail "expected one JSON line, got: $out"
[[ "$(field "$out" percent)" == 100 ]] || fail "correct answers did not give 100 %: $out"
[[ "$(field "$out" passed)" == true && "$(field "$out" completed)" == true ]] || fail "not passed/completed: $out"
[[ "$(field "$out" missed_clauses)" == "[]" ]] || fail "correct answers missed clauses: $out"
code=$(field "$out" completion_code)
uuid=$(field "$out" attempt)
[[ "$(sql "$DB" "select count(*) from completions where code = '$code' and attempt_uuid = '$uuid'")" == 1 ]] || fail "completion $code not stored"
[[ "$(sql "$DB" "select state from attempts where uuid = '$uuid'")" == finished ]] || fail "attempt not finished in the database"
[[ "$(sql "$DB" "select count(*) from responses where attempt_uuid = '$uuid' and points = max_points")" == 3 ]] || fail "answers not stored with full marks"
python3 - "$out" <<'EOF' || fail "sections in the output are wrong"
import json, sys
r = json.loads(sys.argv[1])
assert [s["section"] for s in r["sections"]] == ["4", "5", "6"], r["sections"]
assert all(s["marks"] == s["max_marks"] for s in r["sections"])
EOF

# Practice records no completion even with full marks.
out=$(sim --course practice --staff 300001 --answers correct --seed 2) || fail "practice simulate failed"
[[ "$(field "$out" completion_code)" == null ]] || fail "practice recorded a completion: $out"

# An answers file: one right, one wrong (a bare array is the selected ids), one missing (counts as unanswered-wrong).
cat >"$KIOSK_E2E_DIR/answers.json" <<'EOF'
{"e2e-account-password": {"selected": ["a"]}, "e2e-photo-faces": ["c"]}
EOF
out=$(sim --course refresher --staff 300002 --answers "$KIOSK_E2E_DIR/answers.json" --seed 3) || fail "file answers failed"
[[ "$(field "$out" passed)" == false ]] || fail "wrong answers passed: $out"
[[ "$(field "$out" completed)" == true ]] || fail "every item was answered: $out"
python3 - "$out" <<'EOF' || fail "file answers scored wrongly"
import json, sys
r = json.loads(sys.argv[1])
assert r["points"] == 1 and r["completion_code"] is None, r
assert r["missed_clauses"] == ["5.2", "6.4"], r["missed_clauses"]
EOF

# Random answers over many attempts: always within [0, max]; --ack lines name answers that are stored.
sim --course refresher --staff 300003 --answers random --seed 10 --count 20 --ack --timing >"$KIOSK_E2E_DIR/random.out" || fail "random simulate failed"
[[ $(grep -c '^{' "$KIOSK_E2E_DIR/random.out") == 20 ]] || fail "expected 20 result lines"
[[ $(grep -c '^ACK ' "$KIOSK_E2E_DIR/random.out") == 60 ]] || fail "expected 60 ACK lines"
python3 - "$KIOSK_E2E_DIR/random.out" <<'EOF' || fail "random results out of range"
import json, sys
seen = set()
for line in open(sys.argv[1]):
    if not line.startswith("{"):
        continue
    r = json.loads(line)
    assert 0 <= r["points"] <= r["max"], r
    assert r["commit_latency"]["answers"] == 3 and r["commit_latency"]["median_ms"] >= 0, r
    seen.add(r["points"])
assert len(seen) > 1, "random answers always gave the same score"
EOF
while read -r _ uuid index; do
    [[ "$(sql "$DB" "select count(*) from responses where attempt_uuid = '$uuid' and item_index = $index")" == 1 ]] || fail "ACKed answer $uuid $index is not stored"
done < <(grep '^ACK ' "$KIOSK_E2E_DIR/random.out")

# Mistakes are reported, not crashed on.
if sim --course no-such-course --staff 1 2>"$KIOSK_E2E_DIR/err"; then fail "an unknown course was accepted"; fi
grep -q "no course" "$KIOSK_E2E_DIR/err" || fail "no message for an unknown course"
echo "simulate: ok"
