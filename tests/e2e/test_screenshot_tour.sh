#!/usr/bin/env bash
# Walks every learner screen at 100 % and 200 % font scale, in Japanese and in English, on a 1280x720 screen, and saves
# a screenshot of each (build/screenshots/tour-LANG-SCALE-SCREEN.png; the README's pictures come from these). Each step
# checks that the screen it expects is the one shown.
source "$(dirname "$0")/lib.sh"

start_xvfb 1280x720
for lang in ja en; do
  for scale in 100 200; do
    DB="$KIOSK_E2E_DIR/tour-$lang-$scale.db"
    xdotool mousemove 1275 715  # before the kiosk starts: the pointer rests where it hovers nothing
    start_kiosk --db "$DB" --scenarios "$KIOSK_SOURCE_DIR/tests/e2e/scenarios" --lang "$lang" --font-scale "$scale"
    t() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$KIOSK_SOURCE_DIR/content/strings/$lang.json" "$1"; }
    p="tour-$lang-$scale"
    shot "$p-01-attract"
    click "$(t attract.touch_to_start)"
    wait_screen signin
    for d in 8 0 0 1; do click "$d"; done
    shot "$p-02-keypad"
    click "$(t signin.ok)"
    sleep 0.4
    shot "$p-03-department"
    click "$(t department.4)"
    wait_screen home
    shot "$p-04-home"
    click "$(t home.start)##orientation"
    wait_screen question
    shot "$p-05-question"
    click "$(t question.submit)##submit"
    sleep 0.3
    shot "$p-06-confirm"
    click "$(t question.confirm_yes)##confirm_yes"
    wait_screen feedback
    shot "$p-07-feedback"
    for _ in 1 2; do
      click "$(t feedback.next)##next"
      wait_screen question
      answer_current correct "$KIOSK_SOURCE_DIR/tests/e2e/scenarios" "$lang"
      wait_screen feedback
    done
    click "$(t feedback.finish)##next"
    wait_screen results
    shot "$p-08-results"
    click "$(t results.home)"
    wait_screen home
    click "$(t home.guideline)"
    wait_screen guideline
    shot "$p-09-guideline"
    stop_kiosk
  done
done
echo "screenshot tour: ok"
