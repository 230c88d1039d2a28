#!/usr/bin/env bash
# A disk that really fills up: the records live on a 1 MB tmpfs; `kiosk simulate --ack` answers until the file system
# is full. The kiosk must stop with "database or disk is full" (SQLite code 13, exit 3), every ACKed answer must be in
# the file and the file must verify; once the file system is enlarged ("space is back") the same file takes new answers.
# Needs root (mount); elsewhere tests/unit/test_store_disk_full.cpp does the same through a failing SQLite VFS.
source "$(dirname "$0")/lib.sh"

MNT="$KIOSK_E2E_DIR/mnt"
mkdir -p "$MNT"
if ! mount -t tmpfs -o size=1m,mode=0700 kiosk-disk-full "$MNT" 2>"$KIOSK_E2E_DIR/mount.err"; then
    echo "disk full: SKIPPED, cannot mount a tmpfs here ($(cat "$KIOSK_E2E_DIR/mount.err")); the VFS unit test covers it"
    exit 0
fi
trap 'umount "$MNT" 2>/dev/null || true; e2e_cleanup' EXIT

SCEN="$KIOSK_SOURCE_DIR/tests/e2e/scenarios"
DB="$MNT/kiosk.db"
sim() { "$KIOSK_BIN" simulate --db "$DB" --scenarios "$SCEN" --course refresher --staff 100100 --answers random --ack "$@"; }

# Answers until the disk is full (1 MB holds a few hundred WAL frames; the loop would need hours to end otherwise).
set +e
timeout 120 "$KIOSK_BIN" simulate --db "$DB" --scenarios "$SCEN" --course refresher --staff 100100 --answers random --ack \
    --count 1000000 --seed 1 >"$KIOSK_E2E_DIR/full.out" 2>"$KIOSK_E2E_DIR/full.err"
rc=$?
set -e
[[ $rc == 3 ]] || fail "expected exit 3 when the disk is full, got $rc: $(cat "$KIOSK_E2E_DIR/full.err")"
grep -q "database or disk is full" "$KIOSK_E2E_DIR/full.err" || fail "no disk-full message: $(cat "$KIOSK_E2E_DIR/full.err")"
code=$(grep -Eo "SQLite code [0-9]+" "$KIOSK_E2E_DIR/full.err" | tail -1 | awk '{print $3}')
[[ -n "$code" ]] && (( (code & 255) == 13 )) || fail "expected SQLITE_FULL (13), got: $(cat "$KIOSK_E2E_DIR/full.err")"
acked=$(grep -c '^ACK ' "$KIOSK_E2E_DIR/full.out" || true)
((acked > 0)) || fail "the disk was full before the first answer: make the file system larger"
avail=$(df -k --output=avail "$MNT" | tail -1 | tr -d ' ')
((avail < 64)) || fail "the file system is not full (${avail} KB free): the failure came from elsewhere"

# What was committed is intact: every ACKed answer is there and the chain verifies (read-only: nothing is written).
"$KIOSK_BIN" verify --no-log --acks "$KIOSK_E2E_DIR/full.out" --db "$DB" >"$KIOSK_E2E_DIR/verify.out" ||
    fail "after the disk filled up: $(cat "$KIOSK_E2E_DIR/verify.out")"
before=$(sql "$DB" "select count(*) from responses")

# Space is back: the same file takes new answers and still verifies.
mount -o remount,size=16m "$MNT" || fail "cannot enlarge the tmpfs"
sim --count 2 --seed 2 >"$KIOSK_E2E_DIR/again.out" 2>"$KIOSK_E2E_DIR/again.err" || fail "no writing once space was back: $(cat "$KIOSK_E2E_DIR/again.err")"
after=$(sql "$DB" "select count(*) from responses")
((after == before + $(grep -c '^ACK ' "$KIOSK_E2E_DIR/again.out"))) || fail "expected $before + the new answers, found $after"
cat "$KIOSK_E2E_DIR/full.out" "$KIOSK_E2E_DIR/again.out" >"$KIOSK_E2E_DIR/all.out"
"$KIOSK_BIN" verify --no-log --acks "$KIOSK_E2E_DIR/all.out" --db "$DB" >"$KIOSK_E2E_DIR/verify.out" ||
    fail "after space came back: $(cat "$KIOSK_E2E_DIR/verify.out")"
echo "disk full: ok ($acked answers ACKed before the disk filled, all kept; $after after space came back)"
