#!/usr/bin/env python3
"""The insider of issue 17: change one answer's points in a terminal records file and recompute every later hash and
the recorded chain head, following docs/records.md, so that `kiosk verify` alone finds nothing.
Usage: rehash.py FILE TERMINAL SEQ"""
import hashlib, json, sqlite3, sys

path, terminal, seq = sys.argv[1], sys.argv[2], int(sys.argv[3])
db = sqlite3.connect(path)
db.execute("update responses set points = max_points - points where seq = ? and terminal_id = ?", (seq, terminal))
rows = db.execute("""select 'responses', seq, json_array('responses', attempt_uuid, item_index, item_id, response_json, points, max_points,
                            answered_at, time_taken_ms, terminal_id) from responses where terminal_id = ?1
                     union all
                     select 'completions', seq, json_array('completions', attempt_uuid, staff_id, course_id, completed_at, valid_until,
                            points, max_points, code, terminal_id) from completions where terminal_id = ?1 order by 2""", (terminal,)).fetchall()
prev = "0" * 64
for table, s, canonical in rows:
    h = hashlib.sha256((prev + "\n" + canonical).encode()).hexdigest()
    db.execute(f"update {table} set prev_hash = ?, row_hash = ? where seq = ?", (prev, h, s))
    prev = h
db.execute("update settings set value = ? where key = ?", (json.dumps({"head": prev, "length": len(rows)}, separators=(",", ":")),
                                                           "chain.head." + terminal))
db.commit()
