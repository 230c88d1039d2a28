#!/usr/bin/env bash
# `kiosk merge` on files made by `kiosk simulate` on two terminals: merged twice, the row counts are identical and
# `kiosk verify` passes on the result with both terminals' heads as on the terminals. A tampered third file is named
# with its first bad row, left out, and makes the exit status non-zero; an older copy of a terminal file adds nothing.
source "$(dirname "$0")/lib.sh"

SCEN="$KIOSK_SOURCE_DIR/tests/e2e/scenarios"
D="$KIOSK_E2E_DIR"
for t in north south east; do echo "{\"terminal_id\": \"$t\"}" >"$D/$t.json"; done
sim() { local t="$1"; shift; "$KIOSK_BIN" simulate --config "$D/$t.json" --scenarios "$SCEN" --db "$D/$t.db" "$@" >/dev/null || fail "simulate on $t failed"; }

sim north --course refresher --staff 100 --answers random --count 5 --seed 1
cp "$D/north.db" "$D/north-old.db"  # an older copy of north's file (simulate has exited: the WAL is in the file)
sim north --course orientation --staff 101 --answers correct --count 2 --seed 20
sim south --course refresher --staff 200 --answers correct --count 3 --seed 40
sim east --course refresher --staff 300 --answers correct --count 2 --seed 60

counts() { for t in learners attempts responses completions events; do printf '%s=%s ' "$t" "$(sql "$1" "select count(*) from $t")"; done; }
head_of() { "$KIOSK_BIN" verify --no-log --db "$1" | grep "^chain $2:" | awk '{print $NF}'; }

"$KIOSK_BIN" merge "$D/north.db" "$D/south.db" -o "$D/ward.db" >"$D/merge1.out" || fail "first merge failed: $(cat "$D/merge1.out")"
first=$(counts "$D/ward.db")
"$KIOSK_BIN" merge "$D/north.db" "$D/south.db" -o "$D/ward.db" >"$D/merge2.out" || fail "second merge failed: $(cat "$D/merge2.out")"
second=$(counts "$D/ward.db")
[[ "$first" == "$second" ]] || fail "merging twice changed the row counts: $first → $second"
grep -q "added 0 learners, 0 attempts, 0 answers, 0 completions, 0 events" "$D/merge2.out" || fail "the second merge added something: $(cat "$D/merge2.out")"
expected_responses=$(( $(sql "$D/north.db" "select count(*) from responses") + $(sql "$D/south.db" "select count(*) from responses") ))
[[ "$second" == *"responses=$expected_responses "* ]] || fail "expected $expected_responses answers in the ward file: $second"
"$KIOSK_BIN" verify --no-log --db "$D/ward.db" >"$D/verify.out" || fail "the merged file does not verify: $(cat "$D/verify.out")"
for t in north south; do
    [[ "$(head_of "$D/ward.db" $t)" == "$(head_of "$D/$t.db" $t)" && -n "$(head_of "$D/$t.db" $t)" ]] || fail "chain head of $t changed in the merge"
done

# An older copy of north adds nothing.
"$KIOSK_BIN" merge "$D/north-old.db" -o "$D/ward.db" >"$D/merge3.out" || fail "merging an older copy failed: $(cat "$D/merge3.out")"
[[ "$(counts "$D/ward.db")" == "$second" ]] || fail "an older copy changed the ward file"

# A tampered file is reported and left out; the good one next to it is merged; the exit status says so.
bad_seq=$(sql "$D/east.db" "select min(seq) from responses")
sqlite3 "$D/east.db" "update responses set points = max_points - points where seq = $bad_seq"
set +e
"$KIOSK_BIN" merge "$D/east.db" -o "$D/ward.db" >"$D/merge4.out" 2>&1
rc=$?
set -e
[[ $rc == 1 ]] || fail "a broken source must give exit status 1, got $rc: $(cat "$D/merge4.out")"
grep -q "east.db: NOT merged" "$D/merge4.out" || fail "the broken source is not named: $(cat "$D/merge4.out")"
grep -q "PROBLEM responses seq $bad_seq (terminal east)" "$D/merge4.out" || fail "the first bad row is not named: $(cat "$D/merge4.out")"
[[ "$(counts "$D/ward.db")" == "$second" ]] || fail "the broken source changed the ward file"
[[ "$(sql "$D/ward.db" "select count(*) from attempts where terminal_id = 'east'")" == 0 ]] || fail "rows of the broken source arrived"
"$KIOSK_BIN" verify --no-log --db "$D/ward.db" >/dev/null || fail "the ward file no longer verifies"
echo "merge: ok ($second)"
