#!/usr/bin/env bash
# Admin commands end to end on a small database made with `kiosk simulate`: set-pin (stdin, weak PIN refused, mismatch),
# roster import (bad lines with numbers, counts, exit status), and the completions, items and heatmap reports, text and CSV,
# checked against the database itself.
source "$(dirname "$0")/lib.sh"

DB="$KIOSK_E2E_DIR/admin.db"
FIX="$KIOSK_SOURCE_DIR/tests/fixtures/roster"
k() { "$KIOSK_BIN" --db "$DB" "$@"; }

# --- admin set-pin -------------------------------------------------------------------------------------------------
if printf '123456\n123456\n' | k admin set-pin 2>"$KIOSK_E2E_DIR/err"; then fail "a common PIN was accepted"; fi
grep -q "commonly used" "$KIOSK_E2E_DIR/err" || fail "no reason for the weak PIN: $(cat "$KIOSK_E2E_DIR/err")"
if printf '480271\n480272\n' | k admin set-pin 2>"$KIOSK_E2E_DIR/err"; then fail "two different PINs were accepted"; fi
grep -q "differ" "$KIOSK_E2E_DIR/err" || fail "no message for different PINs"
[[ "$(sql "$DB" "select count(*) from settings where key = 'admin.pin_hash'" 2>/dev/null || echo 0)" == 0 ]] || fail "a refused PIN was stored"
printf '480271\n480271\n' | k admin set-pin >"$KIOSK_E2E_DIR/out" || fail "a good PIN was refused"
grep -q "admin PIN set" "$KIOSK_E2E_DIR/out" || fail "no confirmation"
[[ "$(sql "$DB" "select value like '\$argon2id\$%' from settings where key = 'admin.pin_hash'")" == 1 ]] || fail "PIN not stored as argon2id"
[[ "$(sql "$DB" "select count(*) from events where kind = 'admin_pin_set'")" == 1 ]] || fail "PIN change not logged"

# --- roster import -------------------------------------------------------------------------------------------------
rc=0
k roster import "$FIX/staff_bad_lines.csv" >"$KIOSK_E2E_DIR/out" 2>"$KIOSK_E2E_DIR/err" || rc=$?
[[ $rc == 2 ]] || fail "a file with bad lines imports nothing: exit status 2, got $rc"
for line in 3 4 5 6 7 11; do
    grep -q "staff_bad_lines.csv:$line: " "$KIOSK_E2E_DIR/err" || fail "line $line not reported: $(cat "$KIOSK_E2E_DIR/err")"
done
grep -q "staff_bad_lines.csv:4: .*30A03" "$KIOSK_E2E_DIR/err" || fail "the reason for line 4 does not name the bad ID"
grep -q "good lines: 3, bad lines: 6" "$KIOSK_E2E_DIR/out" || fail "counts wrong: $(cat "$KIOSK_E2E_DIR/out")"
grep -q "nothing was imported" "$KIOSK_E2E_DIR/out" || fail "a file with bad lines must import nothing: $(cat "$KIOSK_E2E_DIR/out")"
[[ "$(sql "$DB" "select count(*) from learners")" == 0 ]] || fail "a file with bad lines wrote learners"
k roster import "$FIX/staff_utf8.csv" >"$KIOSK_E2E_DIR/out" || fail "a clean file should exit 0"
grep -q "added: 3, updated: 0, no longer in the roster: 0" "$KIOSK_E2E_DIR/out" || fail "second import counts: $(cat "$KIOSK_E2E_DIR/out")"
LANG=ja_JP.UTF-8 k roster import "$FIX/staff_bad_lines.csv" >/dev/null 2>"$KIOSK_E2E_DIR/err" || true
grep -q "staff_bad_lines.csv:6: 氏名がありません" "$KIOSK_E2E_DIR/err" || fail "no Japanese reasons under a Japanese locale"
if k roster import "$KIOSK_E2E_DIR/no-such.csv" >/dev/null 2>&1; then fail "a missing file was accepted"; fi
k roster import "$FIX/staff_utf8.csv" >/dev/null  # the roster is now the three people of staff_utf8.csv

# --- attempts through the real engine --------------------------------------------------------------------------------
ids=$(sql "$DB" "select staff_id from learners where in_roster = 1 order by staff_id")
[[ $(wc -w <<<"$ids") == 3 ]] || fail "expected three people in the roster: $ids"
first=$(head -n 1 <<<"$ids")
for id in $ids; do
    k simulate --course refresher --staff "$id" --answers random --seed "$id" --count 2 >/dev/null || fail "simulate failed"
done
k simulate --course refresher --staff "$first" --answers correct --seed 99 >/dev/null || fail "simulate failed"
k simulate --course orientation --staff "$first" --answers correct --seed 5 >/dev/null || fail "simulate failed"

# --- report completions --------------------------------------------------------------------------------------------
k report completions --csv >"$KIOSK_E2E_DIR/comp.csv" || fail "report completions --csv failed"
python3 - "$KIOSK_E2E_DIR/comp.csv" "$DB" "$first" <<'PY' || fail "completion CSV disagrees with the database"
import csv, sqlite3, sys, time
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
db = sqlite3.connect(sys.argv[2])
first = sys.argv[3]
now = int(time.time() * 1000)
course = {r["course"]: r for r in rows if r["kind"] == "course"}
assert set(course) == {"orientation", "refresher", "operator"}, course.keys()   # practice records no completion
for c in course:
    done = db.execute("select count(distinct c.staff_id) from completions c join learners l on l.staff_id = c.staff_id "
                      "where l.in_roster = 1 and c.course_id = ? and (c.valid_until = 0 or c.valid_until > ?)", (c, now)).fetchone()[0]
    # The operator course is for a role: only people who have started it count, and nobody has.
    people = 0 if c == "operator" else 3
    assert int(course[c]["people"]) == people, course[c]
    assert int(course[c]["completed"]) == done, (c, course[c], done)
    overdue = {r["staff_id"] for r in rows if r["kind"] == "overdue" and r["course"] == c}
    assert len(overdue) == people - done, (c, overdue)
assert first not in {r["staff_id"] for r in rows if r["kind"] == "overdue" and r["course"] == "refresher"}
depts = [r for r in rows if r["kind"] == "department" and r["course"] == "refresher"]
assert sum(int(r["people"]) for r in depts) == 3, depts
months = [r for r in rows if r["kind"] == "month" and r["course"] == "refresher"]
total = db.execute("select count(*) from completions where course_id = 'refresher'").fetchone()[0]
assert sum(int(r["completions"]) for r in months) == total, (months, total)
PY
k report completions >"$KIOSK_E2E_DIR/comp.txt" || fail "report completions failed"
grep -q "^Annual refresher (refresher), valid 365 days" "$KIOSK_E2E_DIR/comp.txt" || fail "no refresher section: $(head -20 "$KIOSK_E2E_DIR/comp.txt")"
grep -q "completed: 1 / 3 (33.3 %) of everyone in the roster" "$KIOSK_E2E_DIR/comp.txt" || fail "orientation rate missing"
grep -q "広報広聴課" "$KIOSK_E2E_DIR/comp.txt" || fail "departments missing from the text report"
k report completions --overdue >"$KIOSK_E2E_DIR/over.txt" || fail "--overdue failed"
grep -q "overdue: 2" "$KIOSK_E2E_DIR/over.txt" || fail "overdue count wrong: $(cat "$KIOSK_E2E_DIR/over.txt")"
grep -q "completions by month" "$KIOSK_E2E_DIR/over.txt" && fail "--overdue should list only overdue people"
k report completions --csv --overdue >"$KIOSK_E2E_DIR/over.csv" || fail "--csv --overdue failed"
python3 -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
assert rows and all(r["kind"] == "overdue" for r in rows), rows' <"$KIOSK_E2E_DIR/over.csv" || fail "--csv --overdue has other rows"
# Before anyone took a course: nobody has completed anything.
k report completions --as-of 2001-01-01 --csv >"$KIOSK_E2E_DIR/old.csv" || fail "--as-of failed"
grep -q '^course,"refresher",,,,3,0,0.0,' "$KIOSK_E2E_DIR/old.csv" || fail "--as-of is not applied"
if k report completions --as-of 2001-13-01 2>/dev/null; then fail "a bad date was accepted"; fi

# --- report items --------------------------------------------------------------------------------------------------
k report items --csv >"$KIOSK_E2E_DIR/items.csv" || fail "report items --csv failed"
python3 - "$KIOSK_E2E_DIR/items.csv" "$DB" <<'PY' || fail "item CSV disagrees with the database"
import csv, sqlite3, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
db = sqlite3.connect(sys.argv[2])
items = [r for r in rows if r["kind"] == "item" and r["course"] == "refresher"]
# First finished attempt of each person at the refresher: facility per item from the database.
firsts = db.execute("select uuid from attempts a where state = 'finished' and course_id = 'refresher' and started_at = "
                    "(select min(started_at) from attempts b where b.staff_id = a.staff_id and b.course_id = 'refresher' and b.state = 'finished')").fetchall()
assert len(firsts) == 3, firsts
q = ",".join("'%s'" % u for (u,) in firsts)
for r in items:
    n, pts, mx = db.execute("select count(*), sum(points * 1.0 / max_points), 1 from responses where item_id = ? and attempt_uuid in (%s)" % q,
                            (r["item"],)).fetchone()
    assert int(r["attempts"]) == n, (r, n)
    assert abs(float(r["facility"]) - 100.0 * pts / n) < 0.06, (r, pts, n)
assert len(items) > 0
course = [r for r in rows if r["kind"] == "course" and r["course"] == "refresher"]
assert len(course) == 1 and int(course[0]["item_sets"]) >= 1, course
PY
k report items >"$KIOSK_E2E_DIR/items.txt" || fail "report items failed"
grep -q "^refresher: 3 first attempts" "$KIOSK_E2E_DIR/items.txt" || fail "items text: $(head -5 "$KIOSK_E2E_DIR/items.txt")"

# --- report heatmap ------------------------------------------------------------------------------------------------
k report heatmap --csv >"$KIOSK_E2E_DIR/heat.csv" || fail "report heatmap --csv failed"
python3 - "$KIOSK_E2E_DIR/heat.csv" "$DB" <<'PY' || fail "heatmap CSV disagrees with the database"
import csv, sqlite3, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
db = sqlite3.connect(sys.argv[2])
assert rows, "empty heatmap"
total_responses = db.execute("select count(*) from responses").fetchone()[0]
for r in rows:
    assert 0 <= int(r["points"]) <= int(r["max_points"]), r
    assert abs(float(r["percent"]) - 100.0 * int(r["points"]) / int(r["max_points"])) < 0.06, r
    assert int(r["responses"]) <= total_responses
known = {d for (d,) in db.execute("select department from learners")}
assert {r["department"] for r in rows} <= known, ({r["department"] for r in rows}, known)
PY
k report heatmap >"$KIOSK_E2E_DIR/heat.txt" || fail "report heatmap failed"
grep -q "^  D1 = " "$KIOSK_E2E_DIR/heat.txt" || fail "heatmap legend missing"

# --- seed-demo -----------------------------------------------------------------------------------------------------
DEMO="$KIOSK_E2E_DIR/demo.db"
"$KIOSK_BIN" seed-demo --db "$DEMO" --staff 120 --departments 6 --years 2 --seed 3 --quiet >"$KIOSK_E2E_DIR/seed.out" || fail "seed-demo failed"
grep -q "^learners: [0-9]* (120 in the roster" "$KIOSK_E2E_DIR/seed.out" || fail "seed-demo counts: $(cat "$KIOSK_E2E_DIR/seed.out")"
responses=$(sed -nE 's/.*responses: ([0-9]+),.*/\1/p' "$KIOSK_E2E_DIR/seed.out")
[[ "$(sql "$DEMO" "select count(*) from responses")" == "$responses" ]] || fail "printed response count differs from the database"
[[ "$(sql "$DEMO" "select count(distinct department) from learners")" == 6 ]] || fail "expected 6 departments"
grep -q "^time: " "$KIOSK_E2E_DIR/seed.out" || fail "no time printed"
"$KIOSK_BIN" --db "$DEMO" report completions --csv >"$KIOSK_E2E_DIR/demo.csv" || fail "report on the demo data failed"
grep -q '^course,"refresher",,,,120,' "$KIOSK_E2E_DIR/demo.csv" || fail "reports do not read the demo data"
"$KIOSK_BIN" --db "$DEMO" report attestations --csv >"$KIOSK_E2E_DIR/att.csv" || fail "report attestations failed"
python3 - "$KIOSK_E2E_DIR/att.csv" "$DEMO" <<'PY' || fail "attestation CSV disagrees with the database"
import csv, sqlite3, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
db = sqlite3.connect(sys.argv[2])
assert len(rows) == 120, len(rows)
confirmed = {r["staff_id"] for r in rows if r["state"] == "current"}
in_db = {s for (s,) in db.execute("select distinct e.staff_id from events e join learners l on l.staff_id = e.staff_id "
                                   "where e.kind = 'attestation' and l.in_roster = 1")}
assert confirmed == in_db, (len(confirmed), len(in_db))
passed = {s for (s,) in db.execute("select distinct staff_id from completions")}
assert all(r["state"] == "due" for r in rows if r["staff_id"] in passed and r["staff_id"] not in confirmed)
PY
"$KIOSK_BIN" --db "$DEMO" report attestations >"$KIOSK_E2E_DIR/att.txt" || fail "report attestations (text) failed"
grep -q "^Attestations of the guideline, version 20" "$KIOSK_E2E_DIR/att.txt" || fail "attestation text: $(head -3 "$KIOSK_E2E_DIR/att.txt")"
if "$KIOSK_BIN" seed-demo --db "$DB" --staff 10 --quiet 2>"$KIOSK_E2E_DIR/err"; then fail "seed-demo wrote into a database with records"; fi
grep -q "already holds" "$KIOSK_E2E_DIR/err" || fail "no reason for refusing a used database"
echo "admin cli: ok"
