#!/usr/bin/env python3
"""The insider of issue 17: change one answer's points in a terminal records file, recompute every later hash of the
terminal's chain (responses, completions and ledger rows, following docs/records.md) and re-sign the recorded chain head
with the terminal's own key, which lies in the same file, so that `kiosk verify` alone finds nothing.
Usage: rehash.py FILE TERMINAL SEQ"""
import hashlib, json, os, sqlite3, subprocess, sys, tempfile

path, terminal, seq = sys.argv[1], sys.argv[2], int(sys.argv[3])
db = sqlite3.connect(path)
db.execute("update responses set points = max_points - points where seq = ? and terminal_id = ?", (seq, terminal))
rows = db.execute("""select 'responses', seq, json_array('responses', attempt_uuid, item_index, item_id, response_json, points, max_points,
                            answered_at, time_taken_ms, terminal_id) from responses where terminal_id = ?1
                     union all
                     select 'completions', seq, json_array('completions', attempt_uuid, staff_id, course_id, completed_at, valid_until,
                            points, max_points, code, terminal_id) from completions where terminal_id = ?1
                     union all
                     select 'ledger', seq, json_array('ledger', kind, ref, body_json, at, terminal_id) from ledger where terminal_id = ?1
                     order by 2""", (terminal,)).fetchall()
prev = "0" * 64
for table, s, canonical in rows:
    h = hashlib.sha256((prev + "\n" + canonical).encode()).hexdigest()
    db.execute(f"update {table} set prev_hash = ?, row_hash = ? where seq = ?", (prev, h, s))
    prev = h

# The head signature (Ed25519, libsodium's 64-byte secret key = seed + public key), made with OpenSSL from the seed.
head = {"head": prev, "length": len(rows)}
key = db.execute("select secret_key from terminal_keys where terminal_id = ?", (terminal,)).fetchone()
if key and key[0]:
    seed = bytes.fromhex(key[0])[:32]
    with tempfile.TemporaryDirectory() as tmp:
        der, msg = os.path.join(tmp, "key.der"), os.path.join(tmp, "msg")
        open(der, "wb").write(bytes.fromhex("302e020100300506032b657004220420") + seed)
        open(msg, "wb").write(f"chiyoda-kiosk chain head v1\n{terminal}\n{len(rows)}\n{prev}".encode())
        sig = subprocess.run(["openssl", "pkeyutl", "-sign", "-inkey", der, "-keyform", "DER", "-rawin", "-in", msg],
                             check=True, capture_output=True).stdout
    head["signature"] = sig.hex()
db.execute("update settings set value = ? where key = ?", (json.dumps(head, separators=(",", ":")), "chain.head." + terminal))
db.commit()
