#!/usr/bin/env bash
# Event-driven rendering, measured: left alone for 10 s on the attract screen the kiosk draws at most a handful of
# frames, and on a question screen (idle timer far away) none at all once settled; `--stats` reports what it drew.
source "$(dirname "$0")/lib.sh"

start_xvfb 1280x720
xdotool mousemove 1275 715
start_kiosk --db "$KIOSK_E2E_DIR/kiosk.db" --scenarios "$KIOSK_SOURCE_DIR/tests/e2e/scenarios" --stats --idle-seconds 600
grep -Eq "^KIOSK READY first_frame_ms=[0-9.]+ glyphs=[0-9]+ atlas=[0-9]+x[0-9]+ atlas_ms=[0-9.]+" "$LOG" || fail "no start-up figures"
sleep 1
before=$(grep -c "^FRAME " "$LOG")
sleep 10
after=$(grep -c "^FRAME " "$LOG")
attract=$((after - before))
echo "attract screen: $attract frame(s) in 10 s idle"
(( attract <= 5 )) || fail "the attract screen drew $attract frames in 10 s of idleness"

click "画面にタッチして開始"
wait_screen signin
for d in 7 7 0 1; do click "$d"; done
click "決定"
sleep 0.4
click "政策経営部"
wait_screen home
click "開始##orientation"
wait_screen question
xdotool mousemove 1275 715
sleep 1.5
before=$(grep -c "^FRAME " "$LOG")
sleep 5
after=$(grep -c "^FRAME " "$LOG")
question=$((after - before))
echo "question screen: $question frame(s) in 5 s idle"
(( question == 0 )) || fail "the question screen drew $question frames while nobody touched it"
echo "idle frames: ok"
