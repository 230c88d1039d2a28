# Helpers for end-to-end tests: a private Xvfb display, the real kiosk binary, input by xdotool, screenshots.
# Source from a test script; it sets KIOSK_E2E_DIR (scratch), LOG (kiosk stdout) and cleans up on exit.
set -euo pipefail

: "${KIOSK_BIN:?KIOSK_BIN must point at build/bin/kiosk}"
: "${KIOSK_BUILD_DIR:=$(dirname "$(dirname "$KIOSK_BIN")")}"
KIOSK_E2E_DIR=$(mktemp -d)
SHOT_DIR="$KIOSK_BUILD_DIR/screenshots"
mkdir -p "$SHOT_DIR"
XVFB_PID=""
KIOSK_PID=""
LOG="$KIOSK_E2E_DIR/kiosk.log"
export XDG_STATE_HOME="$KIOSK_E2E_DIR/state"  # `kiosk verify` keeps the heads it verified there, not in the runner's home
ERR="$KIOSK_E2E_DIR/kiosk.err"
MARK=0

e2e_cleanup() {
    [[ -n "$KIOSK_PID" ]] && kill "$KIOSK_PID" 2>/dev/null || true
    [[ -n "$XVFB_PID" ]] && kill "$XVFB_PID" 2>/dev/null || true
    wait 2>/dev/null || true
    if [[ "${E2E_KEEP:-}" == "" ]]; then rm -rf "$KIOSK_E2E_DIR"; else echo "kept $KIOSK_E2E_DIR"; fi
}
trap e2e_cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    echo "--- kiosk stdout (tail) ---" >&2; tail -n 40 "$LOG" >&2 2>/dev/null || true
    echo "--- kiosk stderr (tail) ---" >&2; tail -n 20 "$ERR" >&2 2>/dev/null || true
    exit 1
}

# start_xvfb [WxH]: a display of our own, so tests never touch the developer's screen.
start_xvfb() {
    local size="${1:-1920x1080}"
    SCREEN_W=${size%x*}
    SCREEN_H=${size#*x}
    # Xvfb picks a free display itself and writes its number to fd 3: tests running in parallel never share one.
    local numfile="$KIOSK_E2E_DIR/display"
    Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp 3>"$numfile" >"$KIOSK_E2E_DIR/xvfb.log" 2>&1 &
    XVFB_PID=$!
    for _ in $(seq 1 200); do
        if [[ -s "$numfile" ]] && [[ "$(cat "$numfile")" =~ ^[0-9]+$ ]]; then
            export DISPLAY=":$(cat "$numfile")"
            return 0
        fi
        kill -0 "$XVFB_PID" 2>/dev/null || break
        sleep 0.05
    done
    fail "could not start Xvfb: $(tail -n 3 "$KIOSK_E2E_DIR/xvfb.log" 2>/dev/null)"
}

# start_kiosk ARGS...: runs the real kiosk full screen with test hooks; returns when it has drawn its first frame.
start_kiosk() {
    : >"$LOG"
    MARK=0
    "$KIOSK_BIN" --trace-ui --allow-quit --screenshot-dir "$KIOSK_E2E_DIR/shots" "$@" >"$LOG" 2>"$ERR" &
    KIOSK_PID=$!
    wait_for "^KIOSK READY" 30 || fail "kiosk did not become ready"
    sleep 0.3
}

stop_kiosk() {
    if [[ -n "$KIOSK_PID" ]]; then
        kill "$KIOSK_PID" 2>/dev/null || true
        wait "$KIOSK_PID" 2>/dev/null || true
        KIOSK_PID=""
    fi
}

# kill_kiosk: as a power cut would (no clean shutdown).
kill_kiosk() {
    if [[ -n "$KIOSK_PID" ]]; then
        kill -9 "$KIOSK_PID" 2>/dev/null || true
        wait "$KIOSK_PID" 2>/dev/null || true
        KIOSK_PID=""
    fi
}

# mark: later waits only look at output after this point.
mark() { MARK=$(wc -l <"$LOG"); }

# wait_for REGEX [SECONDS]: waits for a line after the mark.
wait_for() {
    local re="$1" timeout="${2:-10}" i
    for i in $(seq 1 $((timeout * 20))); do
        tail -n +"$((MARK + 1))" "$LOG" | grep -Eq -- "$re" && return 0
        [[ -n "$KIOSK_PID" ]] && ! kill -0 "$KIOSK_PID" 2>/dev/null && { echo "kiosk exited" >&2; return 1; }
        sleep 0.05
    done
    return 1
}

wait_screen() {
    wait_for "^SCREEN $1\$" "${2:-10}" || fail "screen '$1' did not appear"
    sleep 0.4
}

# The centre of the newest traced widget whose label starts with TEXT (exact label preferred).
item_center() {
    local text="$1"
    awk -v want="$text" '
        /^ITEMS BEGIN/ { n = 0; delete lab; next }
        /^ITEM / { n++; x[n] = int(($2 + $4) / 2); y[n] = int(($3 + $5) / 2);
                   l = $0; sub(/^ITEM [-0-9]+ [-0-9]+ [-0-9]+ [-0-9]+ /, "", l); lab[n] = l; next }
        /^ITEMS END/ { best = ""; for (i = 1; i <= n; i++) { if (lab[i] == want) { best = x[i] " " y[i]; break }
                                                            if (best == "" && index(lab[i], want) == 1) best = x[i] " " y[i] }
                       last = best }
        END { if (last != "") print last; else exit 1 }' "$LOG"
}

# reveal LABEL: prints the centre of the widget, scrolling as a person would when it is not (wholly) on screen:
# after a second, wheel down over the middle of the screen, later back up. Fails when it never appears.
reveal() {
    local pos="" i
    for i in $(seq 1 90); do
        pos=$(item_center "$1") && break
        if (( i > 10 )); then
            xdotool mousemove "$((SCREEN_W / 2))" "$((SCREEN_H * 9 / 20))"
            if (( i <= 50 )); then xdotool click 5; else xdotool click 4; fi
        fi
        sleep 0.1
    done
    [[ -n "$pos" ]] || return 1
    # After scrolling, wait until the position stops moving (queued wheel events may still be scrolling).
    local again
    for i in $(seq 1 20); do
        sleep 0.15
        again=$(item_center "$1") || return 1
        [[ "$again" == "$pos" ]] && break
        pos="$again"
    done
    echo "$pos"
}

# item_height LABEL: height in pixels of the widget in the newest trace.
item_height() {
    awk -v want="$1" '
        /^ITEMS BEGIN/ { h = ""; next }
        /^ITEM / { l = $0; sub(/^ITEM [-0-9]+ [-0-9]+ [-0-9]+ [-0-9]+ /, "", l); if (h == "" && index(l, want) == 1) h = $5 - $3; next }
        /^ITEMS END/ { last = h }
        END { if (last != "") print last; else exit 1 }' "$LOG"
}

# click LABEL: moves the pointer to the widget and clicks, as a person would.
click() {
    local pos
    pos=$(reveal "$1") || fail "no widget labelled '$1' on screen"
    mark
    # shellcheck disable=SC2086
    xdotool mousemove $pos
    sleep 0.1
    xdotool click 1
    sleep 0.25
}

click_at() {
    mark
    xdotool mousemove "$1" "$2"
    sleep 0.1
    xdotool click 1
    sleep 0.25
}

press() { mark; xdotool key "$@"; sleep 0.2; }
type_text() { mark; xdotool type --delay 40 "$1"; sleep 0.2; }

# shot NAME: what is on the display now, copied to build/screenshots/NAME.png. Read from the X server (see `glass`): no
# key or pointer event reaches the kiosk, so a screen that was never drawn cannot appear because the test looked.
shot() {
    sleep 0.2  # the frames of the last tap (ImGui draws a few after input)
    glass "$1" >/dev/null
    echo "screenshot: $SHOT_DIR/$1.png"
}

# sql DB QUERY: reads the database the way an auditor would (SQLite's own shell).
sql() { sqlite3 -batch -noheader "$1" "$2"; }

# current_item: the id of the item on the question screen (from the kiosk's QUESTION line).
current_item() { grep -E "^QUESTION " "$LOG" | tail -n 1 | sed -E 's/.* id=//'; }

# answer_current correct|wrong [SCENARIO_DIR] [LANG]: taps what a person who knows (or does not know) the answer would
# tap, then submits and confirms; waits until the kiosk says the answer is saved.
answer_current() {
    local mode="$1" dir="${2:-$KIOSK_SOURCE_DIR/scenarios}" lang="${3:-ja}" id type labels
    id=$(current_item)
    [[ -n "$id" ]] || fail "no item on screen"
    mapfile -t labels < <(python3 "$KIOSK_SOURCE_DIR/tests/e2e/answer_key.py" "$dir" "$KIOSK_SOURCE_DIR/content" "$id" "$lang" "$mode")
    for l in "${labels[@]}"; do click "$l"; sleep 0.15; done
    # Branching items end on their last step; option items need the submit button.
    if ! tail -n 40 "$LOG" | grep -q "^ITEM .* 回答する\|^ITEM .* Submit answer"; then sleep 0.3; fi
    click "$( [[ "$lang" == en ]] && echo "Submit answer##submit" || echo "回答する##submit")"
    click "$( [[ "$lang" == en ]] && echo "Submit##confirm_yes" || echo "確定する##confirm_yes")"
    wait_for "^SAVED " 10 || fail "answer to $id was not saved"
}

# last_items: the lines the kiosk printed after its last `ITEMS BEGIN` (the widgets of the last frame shown). Read whole,
# not with `tac | awk '…{exit}'`: awk leaving early sends tac SIGPIPE, which pipefail turns into a silent exit.
last_items() { awk '/^ITEMS BEGIN/{n = 0; next} {line[++n] = $0} END{for (i = 1; i <= n; i++) print line[i]}' "$LOG"; }

# glass NAME: what is on the display now, read from the X server with no event sent to the kiosk (so it cannot cause a
# redraw); kept as $KIOSK_E2E_DIR/NAME.xwd and build/screenshots/NAME.png.
glass() {
    xwd -root -silent -out "$KIOSK_E2E_DIR/$1.xwd"
    python3 "$KIOSK_SOURCE_DIR/tests/e2e/glass.py" png "$KIOSK_E2E_DIR/$1.xwd" "$SHOT_DIR/$1.png"
    echo "glass: $SHOT_DIR/$1.png"
}

# glass_diff A B: the number of pixels that differ between two `glass` dumps.
glass_diff() { python3 "$KIOSK_SOURCE_DIR/tests/e2e/glass.py" diff "$KIOSK_E2E_DIR/$1.xwd" "$KIOSK_E2E_DIR/$2.xwd"; }

# sign_in_new STAFF_ID DEPARTMENT: from the attract screen, a person not on the roster signs in on the keypad and picks
# their department; returns on the home screen.
sign_in_new() {
    local d
    click "画面にタッチして開始"
    wait_screen signin
    for d in $(grep -o . <<<"$1"); do click "$d"; done
    click "決定"
    sleep 0.5
    click "$2"
    wait_screen home
}

# same_as_fresh_attract NAME KIOSK_ARGS...: the `glass` dump NAME must be pixel-identical to the attract screen of a fresh
# start of the kiosk (restarted with KIOSK_ARGS), the pointer left where it is (hover looks the same in both).
same_as_fresh_attract() {
    local name="$1" diff
    shift
    stop_kiosk
    start_kiosk "$@"
    sleep 0.5
    glass "$name-reference"
    diff=$(glass_diff "$name" "$name-reference")
    echo "$name: $diff pixel(s) differ from a fresh attract screen"
    [[ "$diff" == 0 ]] || fail "$name is not the attract screen of a fresh start ($diff pixels differ)"
}

# first_trace_center LABEL: the centre of the widget LABEL in the first set of widgets printed after the mark (what the
# first frame a person saw offered), without waiting for anything to settle.
first_trace_center() {
    tail -n +"$((MARK + 1))" "$LOG" | awk -v want="$1" '
        /^ITEMS BEGIN/ { n++; next }
        n == 1 && /^ITEM / { l = $0; sub(/^ITEM [-0-9]+ [-0-9]+ [-0-9]+ [-0-9]+ /, "", l)
                             if (l == want || index(l, want) == 1) { print int(($2 + $4) / 2), int(($3 + $5) / 2); exit } }
        /^ITEMS END/ && n == 1 { exit 1 }'
}
