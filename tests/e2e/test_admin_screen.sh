#!/usr/bin/env bash
# The admin screen in the real binary on demonstration records: --open-admin works only on a database without a PIN;
# the maintenance tab reloads the scenarios and quits the kiosk, both logged; with a PIN, a long press on the title and the keypad
# open the dashboard and the sign-in is logged. Screenshots go to build/screenshots/admin-*.png.
source "$(dirname "$0")/lib.sh"

DB="$KIOSK_E2E_DIR/demo.db"
t() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$KIOSK_SOURCE_DIR/content/strings/ja.json" "$1"; }
events() { sql "$DB" "select count(*) from events where kind = '$1'"; }

"$KIOSK_BIN" seed-demo --db "$DB" --staff 150 --departments 8 --years 2 --seed 5 --quiet >/dev/null || fail "seed-demo failed"
start_xvfb 1920x1080

# Development entry: straight to the maintenance tab, no PIN.
start_kiosk --db "$DB" --windowed 1920x1080 --open-admin maintenance
wait_for "^ADMIN LOADED" 30 || fail "the figures were not computed"
click "$(t admin.maint.reload)"
wait_for "^CONTENT RELOADED scenarios=[1-9]" 15 || fail "the scenarios were not reloaded"
sleep 0.5
[[ "$(events reload_content)" == 1 ]] || fail "the reload was not logged"
[[ "$(sql "$DB" "select detail_json like '%\"scenarios\":%' from events where kind = 'reload_content'")" == 1 ]] || fail "reload event without counts"
shot admin-maintenance-e2e
click "$(t admin.maint.quit_run)"
click "$(t common.yes)"
for _ in $(seq 1 100); do kill -0 "$KIOSK_PID" 2>/dev/null || break; sleep 0.05; done
kill -0 "$KIOSK_PID" 2>/dev/null && fail "the kiosk did not quit"
KIOSK_PID=""
[[ "$(events quit)" == 1 ]] || fail "quitting was not logged"
[[ "$(sql "$DB" "select detail_json from events where kind = 'admin_sign_in'")" == '{"dev_mode":true}' ]] || fail "the development entry was not logged as such"

# With a PIN the development entry is refused, and the PIN is the way in.
printf '480271\n480271\n' | "$KIOSK_BIN" admin set-pin --db "$DB" >/dev/null || fail "set-pin failed"
if "$KIOSK_BIN" --db "$DB" --windowed 800x600 --open-admin dashboard --exit-after 5 2>"$KIOSK_E2E_DIR/err"; then
    fail "--open-admin was accepted on a database with a PIN"
fi
grep -q "without an admin PIN" "$KIOSK_E2E_DIR/err" || fail "no reason given for refusing --open-admin"

start_kiosk --db "$DB" --windowed 1920x1080
# The admin entry: a three-second press on the title in the top-left corner.
mark
xdotool mousemove 60 50 mousedown 1
sleep 3.4
xdotool mouseup 1
wait_screen admin
for d in 4 8 0 2 7 1; do click "$d"; done
click "$(t admin.pin_ok)"
wait_for "^ADMIN LOADED" 30 || fail "the PIN did not open the admin screen"
[[ "$(sql "$DB" "select count(*) from events where kind = 'admin_sign_in' and detail_json not like '%dev_mode%'")" == 1 ]] || fail "PIN sign-in not logged"
sleep 0.5
shot admin-dashboard-e2e
click "$(t admin.tab.items)"
sleep 0.5
shot admin-items-e2e
click "$(t admin.sign_out)"
wait_screen attract
[[ "$(events admin_sign_out)" == 1 ]] || fail "leaving the admin screen was not logged"
echo "admin screen: ok"
