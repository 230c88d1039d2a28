// Schema ladder of the ward records server. Records are append-only: the chained rows, events and checkpoints refuse
// UPDATE and DELETE by trigger, the ingest role holds no UPDATE or DELETE on them, and a chained row is accepted only
// when it extends the chain the server holds for its terminal (checked by a trigger that also advances the head).
#include "server_schema.hpp"

#include <vector>

namespace kiosk::server {

namespace {

constexpr const char* kRoles = R"SQL(
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kiosk_admin') THEN CREATE ROLE kiosk_admin NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kiosk_ingest') THEN CREATE ROLE kiosk_ingest NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kiosk_report') THEN CREATE ROLE kiosk_report NOLOGIN; END IF;
END $$;
)SQL";

// Step 0 → 1.
constexpr const char* kStep1 = R"SQL(
CREATE SCHEMA kiosk AUTHORIZATION kiosk_admin;
SET LOCAL ROLE kiosk_admin;
SET LOCAL search_path TO kiosk, pg_catalog;
CREATE TABLE schema_info (
  singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  application text NOT NULL,
  version     integer NOT NULL,
  migrated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO schema_info(application, version) VALUES ('chiyoda-kiosk-records', 0);

CREATE TABLE learners (
  staff_id text PRIMARY KEY, name text NOT NULL DEFAULT '', department text NOT NULL DEFAULT '',
  hire_date text NOT NULL DEFAULT '', in_roster integer NOT NULL DEFAULT 0, updated_at bigint NOT NULL
);
CREATE TABLE attempts (
  uuid text PRIMARY KEY, staff_id text NOT NULL REFERENCES learners(staff_id), course_id text NOT NULL, mode text NOT NULL,
  seed bigint NOT NULL, guideline_hash text NOT NULL, items_json text NOT NULL, started_at bigint NOT NULL,
  finished_at bigint, points integer, max_points integer, passed integer, completed integer,
  terminal_id text NOT NULL, state text NOT NULL
);
CREATE TABLE terminals (
  terminal_id     text PRIMARY KEY,
  first_seen      timestamptz NOT NULL DEFAULT now(),
  last_sync       timestamptz,
  length          bigint NOT NULL DEFAULT 0,                 -- rows of the chain the server holds
  head            text NOT NULL DEFAULT repeat('0', 64),     -- row_hash of its last row
  last_refusal    text,                                      -- why the last refused sync was refused, in plain words
  last_refusal_at timestamptz,
  public_key      text                                       -- the terminal's enrolled signing key, when it has one
);
-- seq is the row's position in its terminal's chain (1, 2, 3 …), shared by responses and completions.
CREATE TABLE responses (
  terminal_id text NOT NULL REFERENCES terminals(terminal_id), seq bigint NOT NULL,
  attempt_uuid text NOT NULL REFERENCES attempts(uuid), item_index integer NOT NULL, item_id text NOT NULL,
  response_json text NOT NULL, points integer NOT NULL, max_points integer NOT NULL,
  answered_at bigint NOT NULL, time_taken_ms bigint NOT NULL,
  prev_hash text NOT NULL, row_hash text NOT NULL,
  PRIMARY KEY (terminal_id, seq), UNIQUE (attempt_uuid, item_index)
);
CREATE TABLE completions (
  terminal_id text NOT NULL REFERENCES terminals(terminal_id), seq bigint NOT NULL,
  attempt_uuid text NOT NULL UNIQUE REFERENCES attempts(uuid), staff_id text NOT NULL, course_id text NOT NULL,
  completed_at bigint NOT NULL, valid_until bigint NOT NULL, points integer NOT NULL, max_points integer NOT NULL,
  code text NOT NULL UNIQUE, prev_hash text NOT NULL, row_hash text NOT NULL,
  PRIMARY KEY (terminal_id, seq)
);
CREATE TABLE events (
  id bigserial PRIMARY KEY, at bigint NOT NULL, kind text NOT NULL, staff_id text NOT NULL DEFAULT '',
  detail_json text NOT NULL DEFAULT '{}', terminal_id text NOT NULL,
  content_key text GENERATED ALWAYS AS (md5(at::text || chr(31) || kind || chr(31) || staff_id || chr(31) || detail_json || chr(31) || terminal_id)) STORED UNIQUE
);
CREATE TABLE chain_checkpoints (
  id bigserial PRIMARY KEY, terminal_id text NOT NULL REFERENCES terminals(terminal_id),
  length bigint NOT NULL, head text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(), received_by text NOT NULL DEFAULT session_user,
  signature text                                             -- the terminal's signature of (length, head), when signed
);
CREATE INDEX chain_checkpoints_terminal ON chain_checkpoints(terminal_id, length);

-- A chained row must extend the chain the server holds: next position, prev_hash = the head. It advances the head.
CREATE FUNCTION chain_append() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = kiosk, pg_catalog AS $f$
DECLARE t_length bigint; t_head text;
BEGIN
  SELECT length, head INTO t_length, t_head FROM terminals WHERE terminal_id = NEW.terminal_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'terminal % is not registered on the server', NEW.terminal_id USING ERRCODE = 'KC001';
  END IF;
  IF NEW.seq <> t_length + 1 OR NEW.prev_hash <> t_head THEN
    RAISE EXCEPTION 'row % of terminal % does not extend the chain the server holds (% rows ending in %)',
      NEW.seq, NEW.terminal_id, t_length, left(t_head, 16) USING ERRCODE = 'KC002';
  END IF;
  UPDATE terminals SET length = NEW.seq, head = NEW.row_hash WHERE terminal_id = NEW.terminal_id;
  RETURN NEW;
END $f$;
CREATE TRIGGER responses_chain BEFORE INSERT ON responses FOR EACH ROW EXECUTE FUNCTION chain_append();
CREATE TRIGGER completions_chain BEFORE INSERT ON completions FOR EACH ROW EXECUTE FUNCTION chain_append();

-- A checkpoint witnesses only what the server holds.
CREATE FUNCTION checkpoint_matches() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = kiosk, pg_catalog AS $f$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM terminals WHERE terminal_id = NEW.terminal_id AND length = NEW.length AND head = NEW.head) THEN
    RAISE EXCEPTION 'checkpoint (% rows, %) of terminal % is not the chain the server holds', NEW.length, left(NEW.head, 16),
      NEW.terminal_id USING ERRCODE = 'KC003';
  END IF;
  NEW.received_at := now();
  NEW.received_by := session_user;
  RETURN NEW;
END $f$;
CREATE TRIGGER chain_checkpoints_match BEFORE INSERT ON chain_checkpoints FOR EACH ROW EXECUTE FUNCTION checkpoint_matches();

CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  RAISE EXCEPTION '% is append-only: rows are never changed or removed', TG_TABLE_NAME USING ERRCODE = 'KC004';
END $f$;
CREATE TRIGGER responses_append_only BEFORE UPDATE OR DELETE ON responses FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER completions_append_only BEFORE UPDATE OR DELETE ON completions FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER chain_checkpoints_append_only BEFORE UPDATE OR DELETE ON chain_checkpoints FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER responses_no_truncate BEFORE TRUNCATE ON responses EXECUTE FUNCTION append_only();
CREATE TRIGGER completions_no_truncate BEFORE TRUNCATE ON completions EXECUTE FUNCTION append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events EXECUTE FUNCTION append_only();
CREATE TRIGGER chain_checkpoints_no_truncate BEFORE TRUNCATE ON chain_checkpoints EXECUTE FUNCTION append_only();

-- The only changes a terminal may make to a known attempt or person, as in `kiosk merge`: an open attempt takes the
-- terminal's newer state (a closed one never changes); a person takes a newer roster entry that carries a name.
CREATE FUNCTION update_attempt(p_uuid text, p_finished_at bigint, p_points integer, p_max_points integer, p_passed integer,
                               p_completed integer, p_state text) RETURNS integer
LANGUAGE sql SECURITY DEFINER SET search_path = kiosk, pg_catalog AS $f$
  WITH u AS (UPDATE attempts SET finished_at = p_finished_at, points = p_points, max_points = p_max_points, passed = p_passed,
                                 completed = p_completed, state = p_state
              WHERE uuid = p_uuid AND state IN ('in_progress', 'suspended') AND state <> p_state RETURNING 1)
  SELECT count(*)::integer FROM u
$f$;
CREATE FUNCTION update_learner(p_staff_id text, p_name text, p_department text, p_hire_date text, p_in_roster integer,
                               p_updated_at bigint) RETURNS integer
LANGUAGE sql SECURITY DEFINER SET search_path = kiosk, pg_catalog AS $f$
  WITH u AS (UPDATE learners SET name = p_name, department = p_department, hire_date = p_hire_date, in_roster = p_in_roster,
                                 updated_at = p_updated_at
              WHERE staff_id = p_staff_id AND updated_at < p_updated_at AND p_name <> '' RETURNING 1)
  SELECT count(*)::integer FROM u
$f$;

REVOKE ALL ON ALL TABLES IN SCHEMA kiosk FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA kiosk FROM PUBLIC;
GRANT USAGE ON SCHEMA kiosk TO kiosk_ingest, kiosk_report;
GRANT SELECT ON ALL TABLES IN SCHEMA kiosk TO kiosk_ingest, kiosk_report;
GRANT INSERT ON learners, attempts, responses, completions, events, chain_checkpoints TO kiosk_ingest;
GRANT INSERT (terminal_id), UPDATE (last_sync, last_refusal, last_refusal_at) ON terminals TO kiosk_ingest;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA kiosk TO kiosk_ingest;
GRANT EXECUTE ON FUNCTION update_attempt(text, bigint, integer, integer, integer, integer, text),
                          update_learner(text, text, text, text, integer, bigint) TO kiosk_ingest;
)SQL";

// Step 2: the terminals' `ledger` rows (attempt owners, states, results, audit events, the terminal's key), chained in
// the same sequence as responses and completions, so a terminal's whole chain is held and checked.
constexpr const char* kStep2 = R"SQL(
CREATE TABLE ledger (
  terminal_id text NOT NULL REFERENCES terminals(terminal_id), seq bigint NOT NULL,
  kind text NOT NULL, ref text NOT NULL, body_json text NOT NULL, at bigint NOT NULL,
  prev_hash text NOT NULL, row_hash text NOT NULL,
  PRIMARY KEY (terminal_id, seq)
);
CREATE TRIGGER ledger_chain BEFORE INSERT ON ledger FOR EACH ROW EXECUTE FUNCTION chain_append();
CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON ledger FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON ledger EXECUTE FUNCTION append_only();
REVOKE ALL ON ledger FROM PUBLIC;
GRANT SELECT ON ledger TO kiosk_ingest, kiosk_report;
GRANT INSERT ON ledger TO kiosk_ingest;
)SQL";

const std::vector<const char*>& ladder() {
    static const std::vector<const char*> steps{kStep1, kStep2};
    return steps;
}

// An advisory lock key of its own ("CHK1"), so two `server init` at once migrate once.
constexpr const char* kLock = "SELECT pg_advisory_xact_lock(1128811313)";

} // namespace

int server_schema_version() { return static_cast<int>(ladder().size()); }

SchemaState read_server_schema(pg::Connection& c) {
    SchemaState s;
    const auto ns = c.exec("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'kiosk'), "
                           "to_regclass('kiosk.schema_info') IS NOT NULL");
    if (ns.text(0, 0) != "t") return s;
    if (ns.text(0, 1) != "t") {
        s.problem = "the database has a schema `kiosk` that is not a Chiyoda kiosk records schema (no kiosk.schema_info)";
        return s;
    }
    s.exists = true;
    const auto info = c.exec("SELECT application, version FROM kiosk.schema_info");
    if (info.rows() != 1 || info.text(0, 0) != kServerApplication) {
        s.problem = "schema `kiosk` belongs to another application (" + (info.rows() ? info.text(0, 0) : std::string("none")) + ")";
        return s;
    }
    s.version = static_cast<int>(info.int64(0, 1));
    if (s.version > server_schema_version())
        s.problem = "the server's schema is newer (version " + std::to_string(s.version) + ") than this kiosk knows (" +
                    std::to_string(server_schema_version()) + "); update the kiosk";
    return s;
}

InitResult init_server_schema(pg::Connection& c) {
    InitResult out;
    {
        const SchemaState s = read_server_schema(c);
        out.from_version = out.to_version = s.version;
        if (!s.problem.empty()) {
            out.problem = s.problem;
            return out;
        }
        if (s.version == server_schema_version()) return out;
    }
    if (c.exec("SELECT count(*) FROM pg_roles WHERE rolname IN ('kiosk_admin', 'kiosk_ingest', 'kiosk_report')").int64(0, 0) < 3)
        c.exec_script(kRoles);
    for (;;) {
        pg::Transaction tx(c);
        c.exec_script(kLock);
        const SchemaState s = read_server_schema(c);  // again, under the lock
        if (!s.problem.empty()) {
            out.problem = s.problem;
            return out;
        }
        if (s.version >= server_schema_version()) break;
        c.exec_script(ladder()[static_cast<std::size_t>(s.version)]);
        c.exec("UPDATE kiosk.schema_info SET version = $1, migrated_at = now()", {pg::p(s.version + 1)});
        tx.commit();
        out.to_version = s.version + 1;
    }
    return out;
}

void require_server_schema(pg::Connection& c) {
    const SchemaState s = read_server_schema(c);
    if (!s.problem.empty()) throw pg::ServerError(s.problem);
    if (!s.exists) throw pg::ServerError("the ward server has no kiosk schema yet; run `kiosk server init --server …` as its administrator");
    if (s.version < server_schema_version())
        throw pg::ServerError("the ward server's schema is older (version " + std::to_string(s.version) + ") than this kiosk's (" +
                              std::to_string(server_schema_version()) + "); run `kiosk server init` to upgrade it");
}

} // namespace kiosk::server
