#!/usr/bin/env bash
# End to end under Xvfb, full screen at 1920x1080, as a new hire would: touch the attract screen, type a staff ID on the
# keypad, pick a department, take the orientation course (fixture bank) answering with the mouse, read the feedback,
# see the result and the completion code, sign out. Then the database must hold every answer and the completion.
source "$(dirname "$0")/lib.sh"

DB="$KIOSK_E2E_DIR/kiosk.db"
start_xvfb 1920x1080
start_kiosk --db "$DB" --scenarios "$KIOSK_SOURCE_DIR/tests/e2e/scenarios" --lang ja

wait_for "^SCREEN attract" 5 || true
shot orientation-01-attract
click "画面にタッチして開始"
wait_screen signin
for d in 2 0 2 6 1 1; do click "$d"; done
shot orientation-02-signin
click "決定"
# No roster and a new staff ID: the person picks a department from a list (no free-text input).
sleep 0.5
shot orientation-03-department
click "政策経営部"
wait_screen home
shot orientation-04-home
click "開始##orientation"
wait_screen question

answer_single() {  # LABEL: choose one option, submit, confirm
    click "$1"
    click "回答する"
    click "確定する"
    wait_for "^SAVED " 10 || fail "answer was not saved"
}

answer_single "パスワードを変更し、二段階認証を設定して、メモは破棄する"
wait_screen feedback
shot orientation-05-feedback
click "次の問題へ"
wait_screen question
click "写っている人から掲載の同意を得ているか"
click "写真の撮影者が誰で、使用の許可があるか"
shot orientation-06-question-multiple
click "回答する"
click "確定する"
wait_for "^SAVED " 10 || fail "answer was not saved"
wait_screen feedback
click "次の問題へ"
wait_screen question
answer_single "休憩時間まで待ってから投稿する"
wait_screen feedback
click "結果を見る"
wait_screen results
shot orientation-07-results

# The database, read as an auditor would.
[[ "$(sql "$DB" "select count(*) from responses")" == 3 ]] || fail "expected 3 stored answers"
[[ "$(sql "$DB" "select count(*) from responses where points = max_points")" == 3 ]] || fail "all three answers should score full marks"
[[ "$(sql "$DB" "select count(*) from completions where staff_id = '202611' and course_id = 'orientation'")" == 1 ]] || fail "no completion row"
[[ "$(sql "$DB" "select state || ':' || passed || ':' || completed from attempts")" == "finished:1:1" ]] || fail "attempt not finished/passed/completed"
code=$(sql "$DB" "select code from completions")
grep -q "^RESULT .*code=$code" "$LOG" || fail "completion code $code is not on the results screen"
[[ "$(sql "$DB" "pragma journal_mode")" == wal ]] || fail "database is not in WAL mode"

click "サインアウト##results_signout"
wait_screen attract
shot orientation-08-after-signout
echo "orientation end to end: ok"
