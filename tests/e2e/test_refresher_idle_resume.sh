#!/usr/bin/env bash
# End to end under Xvfb: a member of staff starts the annual refresher, answers one item and walks away. The idle warning
# counts down, the attempt is suspended and the attract screen returns with nothing of the person left on screen — it is
# pixel-identical to the attract screen of a fresh start. Signing in again offers 「続きから再開」 and continues at item 2.
source "$(dirname "$0")/lib.sh"

DB="$KIOSK_E2E_DIR/kiosk.db"
start_xvfb 1280x720
start_kiosk --db "$DB" --scenarios "$KIOSK_SOURCE_DIR/tests/e2e/scenarios" --lang ja --idle-seconds 6 --warning-seconds 4

glass idle-01-fresh-attract

sign_in_new 441907 "子ども部"
click "開始##refresher"
wait_screen question
# Exam mode: no feedback, the next item follows at once.
answer_current correct "$KIOSK_SOURCE_DIR/tests/e2e/scenarios"
wait_for "^SAVED 0" 10 || fail "first answer not saved"
sleep 0.5
shot idle-02-second-item
[[ "$(sql "$DB" "select count(*) from responses")" == 1 ]] || fail "the first answer is not in the database"

# Walk away: the warning appears after 6 s and counts down 4 s.
mark
wait_for "^IDLE warning" 15 || fail "no idle warning"
sleep 0.6
shot idle-03-warning
wait_for "^IDLE timeout" 10 || fail "the session did not time out"
wait_for "^SCREEN attract" 5 || fail "the attract screen did not return"
[[ "$(sql "$DB" "select state from attempts")" == suspended ]] || fail "the attempt was not suspended"
# What is on the glass a second later, with no input (no pointer move, no screenshot key: either would redraw).
sleep 1
glass idle-04-after-timeout
# No staff ID digits, no name, no score anywhere in the widgets on screen.
if grep -q "441907" <<<"$(last_items)"; then fail "the staff ID is still on screen"; fi

# Compared with a fresh start of the kiosk (the same records), the pointer left where the person's last tap put it.
same_as_fresh_attract idle-04-after-timeout --db "$DB" --scenarios "$KIOSK_SOURCE_DIR/tests/e2e/scenarios" --lang ja --idle-seconds 6 --warning-seconds 4

# The same person comes back: resume at item 2 with the first answer kept.
click "画面にタッチして開始"
wait_screen signin
shot idle-05-keypad-empty
for d in 4 4 1 9 0 7; do click "$d"; done
click "決定"
wait_screen home
shot idle-06-home-resume
click "続きから再開"
wait_screen question
grep -E "^QUESTION " "$LOG" | tail -n 1 | grep -q "^QUESTION 2/3 " || fail "resume did not continue at item 2 of 3"
shot idle-07-resumed
[[ "$(sql "$DB" "select state from attempts")" == in_progress ]] || fail "the attempt was not resumed"
# The last item of the exam: before it is finished, the confirmation lists what is answered and what is not yet.
answer_current correct "$KIOSK_SOURCE_DIR/tests/e2e/scenarios"
wait_for "^QUESTION 3/3 " 10 || fail "the third item did not appear"
sleep 0.5
click "回答する##submit"
sleep 0.3
shot idle-08-exam-summary
[[ "$(sql "$DB" "select count(*) from events where kind = 'resume'")" -ge 1 ]] || fail "no resume event in the audit log"
echo "refresher idle and resume: ok"
