#!/usr/bin/env bash
# Crash test: `kiosk simulate --ack` writes answers into one database and is killed with SIGKILL at a random moment
# (5–200 ms after it starts: while opening, migrating, starting an attempt, answering or finishing), again and again.
# After every kill `kiosk verify --quick --acks` must find every answer the process had ACKed (printed only once the
# answer was committed) in the responses table, quick_check ok and every chain and recorded head intact; the next run
# must carry on in the same file. Prints kills, ACKed answers and losses.
#   KIOSK_CRASH_KILLS=2000 (default 200)   KIOSK_CRASH_SEED=N (default: random; printed, to repeat a run)
# SIGKILL ends the process, not the machine: this shows that no committed answer and no chain link is lost to a crash
# of the program at any point. Power loss is what synchronous=FULL is for; this test cannot cut the power.
source "$(dirname "$0")/lib.sh"

KILLS="${KIOSK_CRASH_KILLS:-200}"
SEED="${KIOSK_CRASH_SEED:-$(( $(date +%s) % 32768 ))}"
RANDOM=$SEED
SCEN="$KIOSK_SOURCE_DIR/tests/e2e/scenarios"
DB="$KIOSK_E2E_DIR/crash.db"
OUT="$KIOSK_E2E_DIR/run.out"
acked=0 losses=0 silent=0 started=$SECONDS

for ((kill = 1; kill <= KILLS; kill++)); do
    # Exam attempts with random answers, and learning attempts answered correctly: completions, so the chain mixes
    # both tables and finishing (result + completion in one transaction) is killed too.
    course=refresher answers=random
    ((RANDOM % 3 == 0)) && course=orientation answers=correct
    "$KIOSK_BIN" simulate --db "$DB" --scenarios "$SCEN" --course "$course" --staff "$((100000 + RANDOM % 7))" \
        --answers "$answers" --seed "$kill" --count 1000000 --ack >"$OUT" 2>"$KIOSK_E2E_DIR/run.err" &
    pid=$!
    ms=$((5 + RANDOM % 196))
    sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    # A run that ended by itself was not killed at a random moment: that would be a bug in the test or in simulate.
    grep -q . "$KIOSK_E2E_DIR/run.err" && fail "simulate reported a problem on run $kill (seed $SEED): $(cat "$KIOSK_E2E_DIR/run.err")"

    n=$(grep -c '^ACK ' "$OUT" || true)
    acked=$((acked + n))
    ((n == 0)) && silent=$((silent + 1))
    if ! "$KIOSK_BIN" verify --quick --no-log --acks "$OUT" --db "$DB" >"$KIOSK_E2E_DIR/verify.out" 2>&1; then
        if [[ ! -e "$DB" ]] && ((n == 0)); then continue; fi  # killed before the file was created
        missing=$(grep -c '^MISSING ' "$KIOSK_E2E_DIR/verify.out" || true)
        losses=$((losses + missing))
        echo "after kill $kill ($ms ms, $n ACKed):" >&2
        cat "$KIOSK_E2E_DIR/verify.out" >&2
        cp "$DB" "$KIOSK_BUILD_DIR/crash-kill-failed.db" 2>/dev/null || true
        fail "kill $kill (seed $SEED): $missing ACKed answer(s) lost or the file does not verify"
    fi
done

"$KIOSK_BIN" verify --full --no-log --db "$DB" >"$KIOSK_E2E_DIR/verify.out" || fail "full integrity_check failed: $(cat "$KIOSK_E2E_DIR/verify.out")"
rows=$(sql "$DB" "select count(*) from responses")
completions=$(sql "$DB" "select count(*) from completions")
((acked > 0)) || fail "no answer was ever ACKed: the kills came too early to test anything"
((rows >= acked)) || fail "fewer answers in the file ($rows) than were ACKed ($acked)"
# Answers in the file but never ACKed were committed when the kill came before the ACK line (mostly during the fsync).
echo "crash: kills=$KILLS acked=$acked losses=$losses runs_killed_before_first_ack=$silent responses_in_file=$rows" \
    "committed_not_acked=$((rows - acked)) completions=$completions" \
    "integrity_check=ok seconds=$((SECONDS - started)) seed=$SEED"
