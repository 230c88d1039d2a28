#!/usr/bin/env bash
# End to end under Xvfb: mid-question, the learner switches to English (the scenario text changes too), enlarges the
# text to 200 % (the option cards grow, nothing leaves the screen), switches on high contrast, answers in English, and
# the answer is stored as any other.
source "$(dirname "$0")/lib.sh"

DB="$KIOSK_E2E_DIR/kiosk.db"
FIX="$KIOSK_SOURCE_DIR/tests/e2e/scenarios"
start_xvfb 1280x720
start_kiosk --db "$DB" --scenarios "$FIX" --lang ja

click "画面にタッチして開始"
wait_screen signin
for d in 1 2 3 4 5; do click "$d"; done
click "決定"
sleep 0.4
click "会計室"
wait_screen home
click "開始##orientation"
wait_screen question
[[ "$(current_item)" == e2e-account-password ]] || fail "unexpected first item $(current_item)"
reveal "パスワードを変更し、二段階認証を設定して、メモは破棄する" >/dev/null || fail "Japanese option not on screen"
h100=$(item_height "パスワードを変更し")

click "English##lang"
sleep 0.3
reveal "Change the password, turn on two-step verification, destroy the note" >/dev/null || fail "the scenario text did not switch to English"
item_center "Submit answer##submit" >/dev/null || fail "the buttons did not switch to English"
shot switch-01-english-100

for _ in 1 2 3; do click "Text "; done   # 100 → 125 → 150 → 200
sleep 0.5
item_center "Text 200%##size" >/dev/null || fail "the text size did not reach 200 %"
reveal "Change the password" >/dev/null || fail "the option is not reachable at 200 %"
h200=$(item_height "Change the password")
(( h200 > h100 * 3 / 2 )) || fail "option cards did not grow with the text (100 %: $h100 px, 200 %: $h200 px)"
# Nothing tappable leaves the screen horizontally.
last_items | awk '/^ITEM /{ if ($2 < 0 || $4 > 1280) { print; bad=1 } } END{exit bad}' || fail "a control lies outside the 1280 px screen"
shot switch-02-english-200

click "High contrast##contrast"
sleep 0.3
shot switch-03-english-200-contrast
answer_current correct "$FIX" en
wait_screen feedback
shot switch-04-feedback-english-200
[[ "$(sql "$DB" "select points || '/' || max_points from responses")" == "1/1" ]] || fail "the English answer was not stored with full marks"
echo "language and font switch: ok"
