#!/usr/bin/env bash
# Differential glyph test under Xvfb: the trainers' preview of a scenario whose title and prompt use kanji no shipped file
# uses (麒麟と薔薇の鬱金香; the title and prompt are drawn in the heading font) must not look like the same file with "?"
# in their place — before, the preview drew every new kanji as "?" and the two screenshots were identical. Then the
# same after a save: the preview opened on the "?" file, the trainer saves the kanji version, the new kanji are drawn.
# No input is sent to make a screen appear; the window settles and saves itself (--screenshot), or the glass is read
# from the X server after the save.
source "$(dirname "$0")/lib.sh"

mkdir -p "$KIOSK_E2E_DIR/rare" "$KIOSK_E2E_DIR/qmark"
python3 - "$KIOSK_SOURCE_DIR/tests/e2e/scenarios/e2e-account-password.json" "$KIOSK_E2E_DIR" <<'PY'
import sys
src, out = sys.argv[1], sys.argv[2]
s = open(src, encoding="utf-8").read()
s = s.replace('"id": "e2e-account-password"', '"id": "e2e-rare-kanji"')
s = s.replace('"title": {"ja": "公式アカウントのパスワード"', '"title": {"ja": "麒麟と薔薇の鬱金香"')
s = s.replace('"prompt": {"ja": "最も適切な対応はどれですか。"', '"prompt": {"ja": "麒麟の投稿に最も適切な対応はどれですか。"')
open(f"{out}/rare/e2e-rare-kanji.json", "w", encoding="utf-8").write(s)
for k in "麒麟薔薇鬱":
    s = s.replace(k, "?")
open(f"{out}/qmark/e2e-rare-kanji.json", "w", encoding="utf-8").write(s)
PY
for k in 麒 麟 薔 薇 鬱; do
    ! grep -rq "$k" "$KIOSK_SOURCE_DIR/content" "$KIOSK_SOURCE_DIR/scenarios" || fail "$k is used by a shipped file; pick another kanji"
done

start_xvfb 1280x900
# What the scenario shows (below the header, whose reload time differs from run to run).
region() { python3 "$KIOSK_SOURCE_DIR/tests/e2e/png_rows.py" "$1" 210 800; }
preview_shot() {
    "$KIOSK_BIN" preview "$1" --windowed 1280x900 --screenshot "$2" >"$LOG" 2>"$ERR" || fail "the preview of $1 failed"
    cp "$2" "$SHOT_DIR/$(basename "$2")"
    echo "screenshot: $SHOT_DIR/$(basename "$2")"
}
preview_shot "$KIOSK_E2E_DIR/rare/e2e-rare-kanji.json" "$KIOSK_E2E_DIR/glyphs-01-rare-kanji.png"
preview_shot "$KIOSK_E2E_DIR/qmark/e2e-rare-kanji.json" "$KIOSK_E2E_DIR/glyphs-02-question-marks.png"
preview_shot "$KIOSK_E2E_DIR/qmark/e2e-rare-kanji.json" "$KIOSK_E2E_DIR/glyphs-03-question-marks-again.png"
rare=$(region "$KIOSK_E2E_DIR/glyphs-01-rare-kanji.png")
qmark=$(region "$KIOSK_E2E_DIR/glyphs-02-question-marks.png")
again=$(region "$KIOSK_E2E_DIR/glyphs-03-question-marks-again.png")
[[ "$qmark" == "$again" ]] || fail "two previews of one file differ: the comparison would prove nothing"
[[ "$rare" != "$qmark" ]] || fail "the rare kanji were drawn exactly as '?' (not in the font atlas)"

# After a save: open the "?" file, save the kanji version over it; the preview must draw the new kanji.
FILE="$KIOSK_E2E_DIR/qmark/e2e-rare-kanji.json"
: >"$LOG"
"$KIOSK_BIN" preview "$FILE" --windowed 1280x900 --trace-ui --screenshot-dir "$KIOSK_E2E_DIR/shots" >"$LOG" 2>"$ERR" &
KIOSK_PID=$!
wait_for "^KIOSK READY" 30 || fail "the preview window did not open"
mark
cp "$KIOSK_E2E_DIR/rare/e2e-rare-kanji.json" "$FILE"
wait_for "^PREVIEW loaded" 5 || fail "the save was not picked up"
sleep 0.5
shot glyphs-04-after-save
saved=$(region "$SHOT_DIR/glyphs-04-after-save.png")
[[ "$saved" != "$qmark" ]] || fail "after the save the new kanji are still drawn as '?'"
stop_kiosk
# The same file opened fresh, read from the glass the same way: after the save the preview must look exactly like it.
: >"$LOG"
MARK=0
"$KIOSK_BIN" preview "$FILE" --windowed 1280x900 --trace-ui --screenshot-dir "$KIOSK_E2E_DIR/shots" >"$LOG" 2>"$ERR" &
KIOSK_PID=$!
wait_for "^KIOSK READY" 30 || fail "the preview window did not open"
sleep 0.5
shot glyphs-05-fresh-after-save
fresh=$(region "$SHOT_DIR/glyphs-05-fresh-after-save.png")
[[ "$saved" == "$fresh" ]] || fail "after the save the preview differs from a fresh preview of the same file"
stop_kiosk

# A character no installed font has (U+0E01, Thai: not in Noto Sans CJK) is named with its file, line and column by
# `kiosk validate` and by the preview (one more diagnostic on screen), never drawn as "?".
THAI="$KIOSK_E2E_DIR/thai/e2e-rare-kanji.json"
mkdir -p "$(dirname "$THAI")"
sed 's/麒麟と薔薇の鬱金香/麒麟とกの鬱金香/' "$KIOSK_E2E_DIR/rare/e2e-rare-kanji.json" >"$THAI"
line=$(grep -n "麒麟とก" "$THAI" | cut -d: -f1)
"$KIOSK_BIN" validate "$THAI" >"$KIOSK_E2E_DIR/validate.out" 2>&1 || true
grep -q "^$THAI:$line:[0-9]*: warning: the character \"ก\" (U+0E01) is in no installed font" "$KIOSK_E2E_DIR/validate.out" ||
    fail "validate did not name the character: $(cat "$KIOSK_E2E_DIR/validate.out")"
"$KIOSK_BIN" preview "$THAI" --windowed 1280x900 --screenshot "$KIOSK_E2E_DIR/glyphs-05-no-font.png" >"$LOG" 2>"$ERR" || fail "preview failed"
cp "$KIOSK_E2E_DIR/glyphs-05-no-font.png" "$SHOT_DIR/"
grep -q "^PREVIEW loaded 1$" "$LOG" || fail "the preview did not report the character: $(grep PREVIEW "$LOG")"
echo "rare kanji: drawn in a fresh preview and after a save; a character no font has is named by validate and the preview"
