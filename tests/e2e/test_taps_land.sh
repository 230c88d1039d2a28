#!/usr/bin/env bash
# End to end under Xvfb at 1280x720, taps at human timing, "taps land where aimed":
# - a card reader types the staff ID and Enter 3 ms a key: it signs in, three times out of three;
# - a double tap on an option card leaves it selected (the database has it);
# - a double tap on 次の問題へ does not press what the next item has under the finger;
# - a tap 0.4 s after a new item appears, aimed at what the first frame showed, lands on that option (the database has it).
source "$(dirname "$0")/lib.sh"

DB="$KIOSK_E2E_DIR/kiosk.db"
SCN="$KIOSK_SOURCE_DIR/tests/e2e/scenarios"
start_xvfb 1280x720
start_kiosk --db "$DB" --scenarios "$SCN" --lang ja --idle-seconds 300

# Card reader: digits and Enter in one burst, 3 ms apart.
for round in 1 2 3; do
    click "画面にタッチして開始"
    wait_screen signin
    mark
    xdotool type --delay 3 "55012$round"
    xdotool key --delay 3 Return
    for _ in $(seq 1 40); do item_center "子ども部" >/dev/null && break; sleep 0.05; done
    item_center "子ども部" >/dev/null || fail "card reader burst $round: the staff ID was not submitted"
    click "子ども部"
    wait_screen home
    echo "card reader burst $round: signed in"
    click "サインアウト"
    wait_screen attract
done
[[ "$(sql "$DB" "select count(*) from learners where staff_id like '55012_'")" == 3 ]] || fail "the three card-reader sign-ins are not all recorded"

sign_in_new 550199 "子ども部"
click "開始##orientation"
wait_screen question

aimed_items=0
labels_of() { python3 "$KIOSK_SOURCE_DIR/tests/e2e/answer_key.py" "$SCN" "$KIOSK_SOURCE_DIR/content" "$1" ja correct; }
for n in 1 2 3; do
    id=$(current_item)
    mapfile -t labels < <(labels_of "$id")
    if (( n > 1 )); then
        # The new item has just appeared: aim at a keyed option its first frame showed whole, tap (a double tap, which
        # must not toggle the card back off) as a quick person would.
        rest=()
        aimed=""
        for l in "${labels[@]}"; do
            if [[ -z "$aimed" ]] && pos=$(first_trace_center "$l"); then aimed="$l"; else rest+=("$l"); fi
        done
        if [[ -n "$aimed" ]]; then
            echo "item $n ($id): tapping '$aimed' at $pos as first shown"
            # shellcheck disable=SC2086
            xdotool mousemove $pos click --repeat 2 --delay 90 1
            sleep 0.5
            aimed_items=$((aimed_items + 1))
        fi
        labels=("${rest[@]}")
    fi
    for l in "${labels[@]}"; do
        pos=$(reveal "$l") || fail "no option '$l'"
        mark
        # shellcheck disable=SC2086
        xdotool mousemove $pos click --repeat 2 --delay 90 1
        sleep 0.5
    done
    click "回答する##submit"
    click "確定する##confirm_yes"
    wait_for "^SAVED $((n - 1))" 10 || fail "item $n was not saved"
    row=$(sql "$DB" "select r.points || '/' || r.max_points || ' ' || r.response_json from responses r join attempts a on a.uuid = r.attempt_uuid where a.staff_id = '550199' and item_index = $((n - 1))")
    echo "item $n ($id) recorded: $row"
    pts=${row%%/*}; rest=${row#*/}; max=${rest%% *}
    (( pts == max )) || fail "item $n: the aimed taps did not land (recorded $row)"
    wait_screen feedback
    shot "taps-0$n-feedback"
    (( n == 3 )) && break
    # A double tap on 次の問題へ: the second tap must not press 回答する, which the next item has at the same place.
    pos=$(reveal "次の問題へ##next") || fail "no 次の問題へ"
    mark
    # shellcheck disable=SC2086
    xdotool mousemove $pos click --repeat 2 --delay 120 1
    wait_for "^QUESTION $((n + 1))/" 5 || fail "the next item did not appear"
    sleep 0.6
    if tail -n 60 "$LOG" | awk '/^ITEMS BEGIN/{buf=""} {buf=buf"\n"$0} END{print buf}' | grep -q "確定する##confirm_yes"; then
        fail "the second tap of a double tap on 次の問題へ pressed 回答する on the next item"
    fi
    shot "taps-0$((n + 1))-new-item"
done
(( aimed_items >= 1 )) || fail "no new item showed a keyed option whole in its first frame: nothing was aimed at"
grep -q "^TAP ignored" "$LOG" || fail "no bounce was ignored (the double taps should have been)"
echo "taps land: ok"
