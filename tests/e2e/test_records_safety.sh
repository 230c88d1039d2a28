#!/usr/bin/env bash
# Adversarial commands a clumsy or hurried operator types, one case each, with what must stay unchanged: the SHA-256
# of the records (and of any file handed to a command) before and after. Permission cases drop root with setpriv, as
# root ignores file modes.
source "$(dirname "$0")/lib.sh"

D="$KIOSK_E2E_DIR"
chmod 755 "$D"
SCEN="$KIOSK_SOURCE_DIR/tests/e2e/scenarios"
DB="$D/kiosk.db"
k() { "$KIOSK_BIN" --scenarios "$SCEN" "$@"; }
sha() {  # the SHA-256 of the files that exist among $@, in order ("" for a folder)
    local f
    for f in "$@"; do if [[ -f "$f" ]]; then cat "$f"; fi; done | sha256sum | cut -c1-64
}
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
expect_rc() {  # expect_rc WANT GOT WHAT
    [[ "$2" == "$1" ]] || fail "$3: exit status $2, expected $1: $(cat "$D/err" "$D/out" 2>/dev/null | head -5)"
}

k --db "$DB" simulate --course refresher --staff 100001 --answers correct --seed 1 >/dev/null || fail "simulate failed"
k --db "$DB" simulate --course orientation --staff 100002 --answers random --seed 2 >/dev/null || fail "simulate failed"
before=$(sha "$DB" "$DB-wal")

# --- kiosk export csv -o <the records file>: refused, even with --force; the records are unchanged ----------------------
for force in "" --force; do
    rc=0; k --db "$DB" export csv -o "$DB" $force >"$D/out" 2>"$D/err" || rc=$?
    expect_rc 2 $rc "export -o the live database $force"
    grep -q "records database" "$D/err" || fail "export -o the database: no reason given: $(cat "$D/err")"
    [[ "$(sha "$DB" "$DB-wal")" == "$before" ]] || fail "export -o the database $force changed the records"
done
# ... and an existing file is replaced only with --force.
echo "keep me" >"$D/notes.txt"
rc=0; k --db "$DB" export csv -o "$D/notes.txt" >"$D/out" 2>"$D/err" || rc=$?
expect_rc 2 $rc "export over an existing file without --force"
grep -q "keep me" "$D/notes.txt" || fail "an existing file was replaced without --force"
k --db "$DB" export csv -o "$D/notes.txt" --force >/dev/null 2>&1 || fail "export --force over an ordinary file failed"
rc=0; k --db "$DB" report completions --csv -o "$DB" >"$D/out" 2>"$D/err" || rc=$?
expect_rc 2 $rc "report -o the live database"
[[ "$(sha "$DB" "$DB-wal")" == "$before" ]] || fail "report -o the database changed the records"

# --- kiosk backup --force -o <the live records file> while answers are being written ----------------------------------
k --db "$DB" backup -o "$D/first-backup.db" >/dev/null 2>&1 || fail "a plain backup failed"
k --db "$DB" simulate --course refresher --staff 100003 --answers random --seed 3 --count 400 --ack >"$D/acks.log" 2>"$D/sim.err" &
SIM=$!
for _ in $(seq 1 100); do grep -q "^ACK " "$D/acks.log" 2>/dev/null && break; sleep 0.05; done  # answers are being written now
rc=0; k --db "$DB" backup --force -o "$DB" >"$D/out" 2>"$D/err" || rc=$?
expect_rc 2 $rc "backup --force -o the live database (same file)"
rc=0; k --db "$D/first-backup.db" backup --force -o "$DB" >"$D/out" 2>"$D/err" || rc=$?
kill -0 $SIM 2>/dev/null || fail "simulate finished before the second backup could be tried; give it more attempts"
expect_rc 2 $rc "backup --force -o a database another process is writing"
grep -q "open right now\|records database" "$D/err" || fail "no reason for refusing the live database: $(cat "$D/err")"
wait $SIM || fail "simulate failed while the backups were refused: $(cat "$D/sim.err")"
k --db "$DB" verify --no-log --acks "$D/acks.log" >"$D/out" || fail "answers shown as saved are missing after the refused backups: $(cat "$D/out")"

# --- kiosk verify on a backup: byte for byte the same, no -wal or -shm beside it ---------------------------------------
k --db "$DB" backup -o "$D/backup.db" >/dev/null 2>&1 || fail "backup failed"
bsum=$(sha "$D/backup.db")
for _ in 1 2 3; do k --db "$D/backup.db" verify >"$D/out" 2>"$D/err" || fail "the backup does not verify: $(cat "$D/out")"; done
k --db "$D/backup.db" export csv -o "$D/from-backup.csv" >/dev/null 2>&1 || fail "export of a backup failed"
k --db "$D/backup.db" report completions >/dev/null 2>&1 || fail "report on a backup failed"
[[ "$(sha "$D/backup.db")" == "$bsum" ]] || fail "verify/export/report changed the backup's SHA-256"
[[ ! -e "$D/backup.db-wal" && ! -e "$D/backup.db-shm" ]] || fail "a -wal or -shm appeared beside the backup"

# --- a healthy WAL database in a folder the kiosk user cannot write ---------------------------------------------------
RO="$D/readonly"; mkdir -p "$RO"
k --db "$RO/kiosk.db" simulate --course refresher --staff 100004 --answers correct --seed 4 >/dev/null || fail "simulate failed"
chmod 755 "$RO"; chmod 644 "$RO/kiosk.db"
rsum=$(sha "$RO/kiosk.db")
as_nobody "$KIOSK_BIN" --db "$RO/kiosk.db" verify >"$D/out" 2>"$D/err" || fail "a healthy file in a read-only folder must verify ok: $(cat "$D/out" "$D/err")"
grep -q "PROBLEM" "$D/out" && fail "PROBLEM lines for a healthy read-only file: $(cat "$D/out")"
rc=0; as_nobody "$KIOSK_BIN" --scenarios "$SCEN" --db "$RO/kiosk.db" simulate --course refresher --staff 1 --answers correct >"$D/out" 2>"$D/err" || rc=$?
expect_rc 4 $rc "recording into a read-only folder"
grep -q "permissions" "$D/err" || fail "not named as a permissions matter: $(cat "$D/err")"
grep -qi "backup\|damaged" "$D/err" && fail "a permissions problem must not talk of damage or backups: $(cat "$D/err")"
[[ "$(sha "$RO/kiosk.db")" == "$rsum" && ! -e "$RO/kiosk.db-wal" ]] || fail "the read-only database changed"

# --- a database folder that does not exist: an error, never created silently; --create creates it ---------------------
rc=0; k --db "$D/unmounted/share/kiosk.db" simulate --course refresher --staff 1 --answers correct >"$D/out" 2>"$D/err" || rc=$?
expect_rc 3 $rc "a missing folder"
grep -q "does not exist" "$D/err" || fail "the missing folder is not named: $(cat "$D/err")"
[[ ! -e "$D/unmounted" ]] || fail "the missing folder was created"
k --create --db "$D/new/place/kiosk.db" simulate --course refresher --staff 1 --answers correct >/dev/null || fail "--create did not create the folder"

# --- a configuration that does not exist or does not parse stops every subcommand ---------------------------------------
for cmd in "verify" "export csv -o $D/c.csv" "report completions" "simulate --course refresher --staff 1 --answers correct"; do
    rc=0; k --config "$D/no-such-config.json" $cmd >"$D/out" 2>"$D/err" || rc=$?
    expect_rc 5 $rc "--config that does not exist: $cmd"
    grep -q "no-such-config.json" "$D/err" || fail "the missing configuration is not named: $(cat "$D/err")"
done
printf '{\n  "terminal_id": "north",\n  "db_path": "%s"\n  "idle_seconds": 90\n}\n' "$DB" >"$D/bad-config.json"
rc=0; k --config "$D/bad-config.json" verify >"$D/out" 2>"$D/err" || rc=$?
expect_rc 5 $rc "a configuration that does not parse"
grep -q "bad-config.json:4:" "$D/err" || fail "the configuration error has no file:line: $(cat "$D/err")"
[[ ! -e "$D/c.csv" ]] || fail "an export ran despite the configuration error"

# --- the roster: a stray quote and an over-long name import nothing ------------------------------------------------------
before=$(sha "$DB" "$DB-wal")
printf '職員番号,氏名,所属\n200001,"山田 太郎,総務課\n200002,佐藤 花子,総務課\n200003,鈴木 一郎,総務課\n' >"$D/stray.csv"
rc=0; k --db "$DB" roster import "$D/stray.csv" >"$D/out" 2>"$D/err" || rc=$?
expect_rc 2 $rc "roster with a stray quote"
grep -q "stray.csv:2: .*quote" "$D/err" || fail "the stray quote is not reported on line 2: $(cat "$D/err")"
{ printf '職員番号,氏名,所属\n200004,短い 名前,総務課\n200005,'; head -c 20000 /dev/zero | tr '\0' A; printf ',総務課\n'; } >"$D/long.csv"
rc=0; k --db "$DB" roster import "$D/long.csv" >"$D/out" 2>"$D/err" || rc=$?
expect_rc 2 $rc "roster with a 20,000-character name"
grep -q "long.csv:3: .*20000 characters" "$D/err" || fail "the long name is not reported on line 3: $(cat "$D/err")"
[[ "$(sha "$DB" "$DB-wal")" == "$before" ]] || fail "a refused roster changed the records"

# --- files that are not (usable) records, for verify, export, backup, merge and report ---------------------------------
B="$D/bad"; mkdir -p "$B"
: >"$B/zero.db"
head -c 65536 /dev/urandom >"$B/random.db"
sqlite3 "$B/other-app.db" "create table notes(x); insert into notes values('someone else''s data');"
cp "$D/backup.db" "$B/newer.db"; sqlite3 "$B/newer.db" "pragma user_version = 99;"
mkdir -p "$B/folder.db"
for f in zero random other-app newer folder; do
    p="$B/$f.db"
    s=$(sha "$p")
    for cmd in "verify" "export csv -o $D/x-$f.csv" "backup -o $D/x-$f-backup.db" "report completions"; do
        rc=0; k --db "$p" $cmd >"$D/out" 2>"$D/err" || rc=$?
        [[ $rc != 0 ]] || fail "$cmd accepted $f.db: $(cat "$D/out")"
        grep -qi "abort\|terminate called\|Segmentation" "$D/err" && fail "$cmd crashed on $f.db: $(cat "$D/err")"
    done
    rc=0; k merge "$p" -o "$D/ward-$f.db" >"$D/out" 2>"$D/err" || rc=$?
    [[ $rc != 0 ]] || fail "merge accepted $f.db"
    rc=0; k --db "$DB" merge "$DB" -o "$p" >"$D/out" 2>"$D/err" || rc=$?
    [[ $rc != 0 ]] || fail "merge wrote into $f.db"
    [[ "$(sha "$p")" == "$s" ]] || fail "a command changed $f.db"
    [[ ! -e "$D/x-$f-backup.db" && ! -e "$D/x-$f-backup.db.part" ]] || fail "a backup of $f.db was left behind"
    [[ ! -e "$p-wal" && ! -e "$p-shm" ]] || fail "a -wal or -shm appeared beside $f.db"
done

# --- a read-only records file (another user's): read and verified, never written ----------------------------------------
cp "$D/backup.db" "$B/readonly.db"; chmod 644 "$B/readonly.db"; chmod 755 "$B"
OUT="$D/out-nobody"; mkdir -p "$OUT"; chmod 777 "$OUT"
s=$(sha "$B/readonly.db")
as_nobody "$KIOSK_BIN" --db "$B/readonly.db" verify >"$D/out" 2>&1 || fail "a read-only file must verify: $(cat "$D/out")"
as_nobody "$KIOSK_BIN" --db "$B/readonly.db" export csv -o "$OUT/ro.csv" >/dev/null 2>&1 || fail "export of a read-only file failed"
as_nobody "$KIOSK_BIN" --db "$B/readonly.db" backup -o "$OUT/ro-backup.db" >/dev/null 2>&1 || fail "backup of a read-only file failed"
as_nobody "$KIOSK_BIN" --scenarios "$SCEN" --db "$B/readonly.db" report completions >/dev/null 2>&1 || fail "report on a read-only file failed"
as_nobody "$KIOSK_BIN" merge "$B/readonly.db" -o "$OUT/ward.db" >/dev/null 2>&1 || fail "merge of a read-only file failed"
rc=0; as_nobody "$KIOSK_BIN" --scenarios "$SCEN" --db "$B/readonly.db" simulate --course refresher --staff 1 --answers correct >"$D/out" 2>"$D/err" || rc=$?
expect_rc 4 $rc "recording into a read-only file"
[[ "$(sha "$B/readonly.db")" == "$s" ]] || fail "a read-only file changed"

# --- a leftover WAL (the writer died): read through, never checkpointed by a reader -----------------------------------
cp "$D/backup.db" "$B/leftover.db"
python3 - "$B/leftover.db" <<'PY'
import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("pragma journal_mode=wal")
c.execute("insert into events(at, kind, staff_id, detail_json, terminal_id) values(1, 'sign_in', '1', '{}', 'x')")
os._exit(0)  # no close: the insert stays in the -wal, as after a crash
PY
[[ -s "$B/leftover.db-wal" ]] || fail "the test could not leave a WAL behind"
s=$(sha "$B/leftover.db" "$B/leftover.db-wal")
k --db "$B/leftover.db" verify >"$D/out" 2>&1 || fail "a file with a leftover WAL must verify: $(cat "$D/out")"
k --db "$B/leftover.db" export csv -o "$D/leftover.csv" >/dev/null 2>&1 || fail "export with a leftover WAL failed"
k --db "$B/leftover.db" report completions >/dev/null 2>&1 || fail "report with a leftover WAL failed"
k --db "$B/leftover.db" backup -o "$D/leftover-backup.db" >/dev/null 2>&1 || fail "backup with a leftover WAL failed"
[[ "$(sqlite3 "file:$D/leftover-backup.db?mode=ro&immutable=1" "select count(*) from events where terminal_id = 'x'")" == 1 ]] ||
    fail "the backup lost the row that was only in the WAL"
[[ "$(sha "$B/leftover.db" "$B/leftover.db-wal")" == "$s" ]] || fail "a reader changed the file or its WAL"

# --- a scenario sub-folder the kiosk user cannot read is a diagnostic, not items that silently vanish --------------------
S="$D/scen"; mkdir -p "$S/locked"; cp "$SCEN"/*.json "$S/locked/" 2>/dev/null || cp -r "$SCEN"/. "$S/locked/"
chmod 755 "$S"; chmod 700 "$S/locked"
rc=0; as_nobody "$KIOSK_BIN" validate "$S" >"$D/out" 2>&1 || rc=$?
[[ $rc != 0 ]] || fail "an unreadable scenario folder validated clean: $(cat "$D/out")"
grep -q "locked.*cannot be read" "$D/out" || fail "the unreadable folder is not named: $(cat "$D/out")"

echo "records safety: ok"
