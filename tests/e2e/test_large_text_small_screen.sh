#!/usr/bin/env bash
# End to end under Xvfb: 200 % text on a 1280x720 terminal, in Japanese and in English. The top bar, the course header
# and the button row give way so that the area the item is read in (question and feedback) is at least half the screen
# height; the figure is measured from the kiosk's own layout (--trace-ui) and printed.
source "$(dirname "$0")/lib.sh"

start_xvfb 1280x720
for lang in ja en; do
    DB="$KIOSK_E2E_DIR/large-$lang.db"
    xdotool mousemove 1275 715  # before the kiosk starts
    start_kiosk --db "$DB" --scenarios "$KIOSK_SOURCE_DIR/tests/e2e/scenarios" --lang "$lang" --font-scale 200 --idle-seconds 300
    t() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$KIOSK_SOURCE_DIR/content/strings/$lang.json" "$1"; }
    click "$(t attract.touch_to_start)"
    wait_screen signin
    for d in 6 6 0 1; do click "$d"; done
    click "$(t signin.ok)"
    sleep 0.4
    click "$(t department.4)"
    wait_screen home
    shot "large-$lang-01-home"
    click "$(t home.start)##orientation"
    wait_screen question
    shot "large-$lang-02-question"
    h=$(item_height "##reading_area") || fail "no reading area traced on the question screen"
    echo "$lang question: reading area $h px of $SCREEN_H"
    (( h * 2 >= SCREEN_H )) || fail "$lang: the question's reading area is $h px, less than half of $SCREEN_H"
    answer_current correct "$KIOSK_SOURCE_DIR/tests/e2e/scenarios" "$lang"
    wait_screen feedback
    shot "large-$lang-03-feedback"
    h=$(item_height "##reading_area") || fail "no reading area traced on the feedback screen"
    echo "$lang feedback: reading area $h px of $SCREEN_H"
    (( h * 2 >= SCREEN_H )) || fail "$lang: the feedback's reading area is $h px, less than half of $SCREEN_H"
    stop_kiosk
done
echo "large text on a small screen: ok"
