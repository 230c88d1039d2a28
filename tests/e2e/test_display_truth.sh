#!/usr/bin/env bash
# End to end under Xvfb, "the display is the truth": what is on the glass is read from the X server (xwd), never through
# the kiosk's F12 key and never after moving the pointer, so no input can make a screen appear.
# 1. A half-typed staff ID on the keypad times out: within a second of the timeout the attract screen is on the glass,
#    pixel-identical to a fresh start with the pointer where it was.
# 2. A tap on the idle warning only dismisses it: the option under it is not selected (the database shows the answer
#    as given without it).
# 3. After the automatic sign-out in the middle of an exam, the attract screen is on the glass within a second.
source "$(dirname "$0")/lib.sh"

DB="$KIOSK_E2E_DIR/kiosk.db"
ARGS=(--db "$DB" --scenarios "$KIOSK_SOURCE_DIR/tests/e2e/scenarios" --lang ja --idle-seconds 5 --warning-seconds 3)
start_xvfb 1280x720
start_kiosk "${ARGS[@]}"

# 1. The keypad times out.
click "画面にタッチして開始"
wait_screen signin
for d in 4 4 1; do click "$d"; done
glass truth-01-keypad-typed
mark
wait_for "^IDLE warning" 10 || fail "no idle warning on the keypad"
sleep 0.5
glass truth-01-keypad-warning
wait_for "^IDLE timeout" 10 || fail "the keypad did not time out"
sleep 1  # a second after the timeout, with no input
glass truth-02-keypad-timeout
[[ "$(glass_diff truth-01-keypad-typed truth-02-keypad-timeout)" != 0 ]] || fail "the keypad is still on the glass"
same_as_fresh_attract truth-02-keypad-timeout "${ARGS[@]}"

# 2. A tap on the warning: an exam question, the person walks away, comes back and taps the warning where an option is.
sign_in_new 441907 "子ども部"
click "開始##refresher"
wait_screen question
answer_current correct "$KIOSK_SOURCE_DIR/tests/e2e/scenarios"
wait_for "^QUESTION 2/" 5 || fail "the second item did not appear"
sleep 0.6
item2=$(current_item)
# The first option card of item 2 (an option the person did not mean to choose).
option=$(awk '/^ITEMS BEGIN/{n=0; delete L} /^ITEM /{l=$0; sub(/^ITEM [-0-9]+ [-0-9]+ [-0-9]+ [-0-9]+ /,"",l); n++; L[n]=l; X[n]=int(($2+$4)/2); Y[n]=int(($3+$5)/2)}
             /^ITEMS END/{best=""; for(i=1;i<=n;i++) if (L[i] !~ /##/ && L[i] !~ /^(日本語|English|文字|Text|コントラスト|Contrast|サインアウト|Sign out)/ && Y[i] > 150) {best=X[i]" "Y[i]; break} last=best}
             END{print last}' "$LOG")
[[ -n "$option" ]] || fail "no option card traced on item 2"
echo "option card under the warning at: $option"
mark
wait_for "^IDLE warning" 10 || fail "no idle warning on the question"
sleep 0.5
glass truth-03-warning
# shellcheck disable=SC2086
click_at $option
sleep 1
glass truth-04-after-warning-tap
tail -n +"$((MARK + 1))" "$LOG" | grep -q "^IDLE timeout" && fail "the tap on the warning did not keep the session"
# Submit the item as it stands: the tap on the warning must not have chosen anything.
click "回答する##submit"
click "確定する##confirm_yes"
wait_for "^SAVED 1" 10 || fail "item 2 was not saved"
answer2=$(sql "$DB" "select response_json from responses where item_index = 1")
echo "item 2 ($item2) recorded as: $answer2"
grep -q '"selected":\[\]' <<<"$answer2" || fail "the tap on the idle warning selected an option: $answer2"

# 3. Walk away on item 3: the attract screen is on the glass within a second of the timeout, with no input.
mark
wait_for "^IDLE timeout" 15 || fail "the session did not time out"
sleep 1
glass truth-05-exam-timeout
[[ "$(sql "$DB" "select state from attempts")" == suspended ]] || fail "the attempt was not suspended"
same_as_fresh_attract truth-05-exam-timeout "${ARGS[@]}"
echo "display truth: ok"
