// Policy attestation: after passing a course the learner confirms having read and understood the exact guideline version
// (its content hash). Kept as `attestation` events; a new guideline version makes everyone who passed due again.
#pragma once
#include "attempt_store.hpp"
#include "records.hpp"
#include "text.hpp"

#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace kiosk {

struct Guideline;

// "2013-10-28 · 3f2a9c1e": the effective date and the first 8 hex digits of the content hash, so that two editions with
// the same date are still told apart.
std::string guideline_version_label(const Guideline& g);

// 「千代田区ソーシャルメディア活用ガイドライン（版 2013-10-28 · 3f2a9c1e）を読み、理解しました。」 and its English counterpart.
std::string attestation_statement(const Guideline& g, Lang lang);

struct Attestation {
    std::string staff_id;
    std::string guideline_hash;  // SHA-256 of the guideline content the person confirmed
    std::string version;         // guideline_version_label at the time
    std::string course_id;       // the course whose pass led to it
    std::string attempt_uuid;
    std::string statement;       // the words confirmed, in the language shown
    EpochMs at = 0;
    std::string terminal_id;
};

// Writes an `attestation` event (durable before it returns; throws StoreError).
void record_attestation(AttemptStore& store, const Attestation& a);
// The event's detail_json: guideline_hash, version, course, attempt, statement.
std::string attestation_detail_json(const Attestation& a);

// The person's newest attestation of this guideline version, if any.
std::optional<Attestation> attestation_for(sqlite3* db, const std::string& staff_id, const std::string& guideline_hash);

// Due: the person holds a completion (passed a course that records one) and has not attested this guideline version.
bool attestation_due(sqlite3* db, const std::string& staff_id, const std::string& guideline_hash);

struct PersonAttestation {
    std::string staff_id, name, department;
    enum class State { current, older_version, due, not_yet } state = State::not_yet;  // not_yet: nothing passed yet
    EpochMs at = 0;           // of the newest attestation (any version); 0 = never
    std::string version;      // of the newest attestation
};

struct AttestationReport {
    std::string guideline_hash;
    std::string version;
    bool roster_denominator = false;  // as the completion report: the roster when one was imported, else everyone signed in
    int current = 0, older_version = 0, due = 0, not_yet = 0;
    std::vector<PersonAttestation> people;  // due first, then older version, not yet, current; by department and ID
};

AttestationReport attestation_report(sqlite3* db, const Guideline& g);
std::string attestation_report_csv(const AttestationReport& r);
const char* to_string(PersonAttestation::State s);

} // namespace kiosk
