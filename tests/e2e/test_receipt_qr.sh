#!/usr/bin/env bash
# End to end under Xvfb at 1920x1080: names in the records are collected for the font at start-up; then a person from a
# roster imported while the kiosk runs, whose name has rare kanji (髙橋 﨑子, 鬱金香課: no shipped file uses them), signs in — the confirmation must draw the name, not 「?? ?さんですか？」 — takes the orientation course
# and sees the results screen. The QR code on the screenshot is read with zbarimg (zbar-tools), and
# `kiosk receipt verify` accepts its text with the terminal's key from the records file, and refuses it altered.
source "$(dirname "$0")/lib.sh"
command -v zbarimg >/dev/null || fail "zbarimg is missing: install zbar-tools (scripts/setup.sh --test)"

DB="$KIOSK_E2E_DIR/kiosk.db"
printf '職員番号,氏名,所属,採用日\n480213,髙橋 﨑子,鬱金香課,2024-04-01\n' >"$KIOSK_E2E_DIR/roster.csv"
start_xvfb 1920x1080

# Names in the records are in the atlas from the first frame: 髙 﨑 鬱 (4 new characters with 香) add to the glyph count.
glyphs() { grep -Eo "^KIOSK READY .* glyphs=[0-9]+" "$LOG" | sed -E 's/.*glyphs=//'; }
start_kiosk --db "$KIOSK_E2E_DIR/other.db" --scenarios "$KIOSK_SOURCE_DIR/tests/e2e/scenarios" --lang ja
without=$(glyphs)
stop_kiosk
"$KIOSK_BIN" --db "$KIOSK_E2E_DIR/other.db" roster import "$KIOSK_E2E_DIR/roster.csv" >/dev/null || fail "roster import failed"
start_kiosk --db "$KIOSK_E2E_DIR/other.db" --scenarios "$KIOSK_SOURCE_DIR/tests/e2e/scenarios" --lang ja
with=$(glyphs)
stop_kiosk
(( with > without )) || fail "the roster's names were not collected at start-up ($without glyphs before the import, $with after)"

# The roster is imported while the kiosk runs: the name is found at sign-in and its characters added before it is drawn.
start_kiosk --db "$DB" --scenarios "$KIOSK_SOURCE_DIR/tests/e2e/scenarios" --lang ja
"$KIOSK_BIN" --db "$DB" roster import "$KIOSK_E2E_DIR/roster.csv" >/dev/null || fail "roster import failed"
wait_for "^SCREEN attract" 5 || true
click "画面にタッチして開始"
wait_screen signin
for d in 4 8 0 2 1 3; do click "$d"; done
click "決定"
sleep 0.6
shot receipt-01-confirm-rare-name
click "はい"
wait_screen home
click "開始##orientation"
wait_screen question
submit() { click "回答する"; click "確定する"; wait_for "^SAVED " 10 || fail "answer was not saved"; wait_screen feedback; }
click "パスワードを変更し、二段階認証を設定して、メモは破棄する"
submit
click "次の問題へ"
wait_screen question
click "写っている人から掲載の同意を得ているか"
click "写真の撮影者が誰で、使用の許可があるか"
submit
click "次の問題へ"
wait_screen question
click "休憩時間まで待ってから投稿する"
submit
click "結果を見る"
wait_screen results
sleep 0.5
shot receipt-02-results-qr

text=$(grep -E "^RECEIPT " "$LOG" | tail -n 1 | cut -d' ' -f2-)
[[ -n "$text" ]] || fail "the results screen made no receipt"
scanned=$(zbarimg --quiet --raw "$SHOT_DIR/receipt-02-results-qr.png") || fail "no QR code could be read from the results screen"
[[ "$scanned" == "$text" ]] || fail "the QR code holds '$scanned', the kiosk signed '$text'"
[[ "$scanned" == "CSMG-RECEIPT/1;staff=480213;course=orientation;"* ]] || fail "unexpected receipt: $scanned"
"$KIOSK_BIN" --db "$DB" receipt verify "$scanned" >"$KIOSK_E2E_DIR/verify.out" || fail "receipt verify refused the scanned receipt: $(cat "$KIOSK_E2E_DIR/verify.out")"
grep -q "480213" "$KIOSK_E2E_DIR/verify.out" || fail "verify did not print the staff ID"
key=$("$KIOSK_BIN" --db "$DB" receipt key) || fail "receipt key printed no key"
"$KIOSK_BIN" receipt verify "$scanned" --key "$key" >/dev/null || fail "receipt verify --key refused it"
altered=${scanned/staff=480213/staff=480214}
if "$KIOSK_BIN" --db "$DB" receipt verify "$altered" >/dev/null; then fail "an altered receipt was accepted"; fi
echo "receipt QR: read from the screen and verified; an altered one refused"
