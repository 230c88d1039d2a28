// Guideline attestation: the statement names the exact version, an attestation is due after a pass, is satisfied by
// confirming this version, and is due again when the guideline changes; the admin report per person.
#include "core/attestation.hpp"
#include "core/guideline.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

using namespace kiosk;

namespace {

Guideline edition(const std::string& hash) {
    Guideline g;
    g.title = {"千代田区ソーシャルメディア活用ガイドライン", "Chiyoda City Social Media Utilization Guideline"};
    g.effective_date = "2013-10-28";
    g.effective_label = {"平成25年10月28日施行", "In force from 28 October 2013 (Heisei 25)"};
    g.hash = hash;
    return g;
}

void pass(AttemptStore& store, const std::string& staff, const std::string& uuid, EpochMs at) {
    AttemptRecord a;
    a.uuid = uuid;
    a.staff_id = staff;
    a.course_id = "refresher";
    a.mode = "exam";
    a.guideline_hash = "h";
    a.started_at = at - 1000;
    store.create_attempt(a);
    a.finished_at = at;
    a.state = AttemptState::finished;
    a.passed = a.completed = true;
    store.finish_attempt(a, CompletionRecord{uuid, staff, "refresher", at, at + 365LL * 86400000, 10, 10, completion_code(uuid)});
}

Attestation attest(const Guideline& g, const std::string& staff, EpochMs at) {
    return {staff, g.hash, guideline_version_label(g), "refresher", "u-" + staff, attestation_statement(g, Lang::ja), at, ""};
}

} // namespace

TEST_CASE("the statement names the guideline by its date of effect and title, in both languages; the version label keeps the hash") {
    const Guideline g = edition("3f2a9c1e0123456789abcdef");
    CHECK(guideline_version_label(g) == "2013-10-28 · 3f2a9c1e");
    CHECK(attestation_statement(g, Lang::ja) == "平成25年10月28日施行の千代田区ソーシャルメディア活用ガイドラインを読み、理解しました。");
    CHECK(attestation_statement(g, Lang::en) ==
          "I have read and understood the Chiyoda City Social Media Utilization Guideline, in force from 28 October 2013 (Heisei 25).");
    CHECK(attestation_statement(g, Lang::ja).find("3f2a9c1e") == std::string::npos);  // no hash shown to staff
}

TEST_CASE("due after a pass, done by attesting this version, due again for a new version") {
    AttemptStore store(":memory:", "T");
    const Guideline v1 = edition(std::string(64, 'a')), v2 = edition(std::string(64, 'b'));
    store.upsert_learner({"100001", "有楽 町子", "会計室", ""});
    CHECK_FALSE(attestation_due(store.handle(), "100001", v1.hash));  // nothing passed yet
    pass(store, "100001", "u1", 1'700'000'000'000);
    CHECK(attestation_due(store.handle(), "100001", v1.hash));
    record_attestation(store, attest(v1, "100001", 1'700'000'100'000));
    CHECK_FALSE(attestation_due(store.handle(), "100001", v1.hash));
    const auto a = attestation_for(store.handle(), "100001", v1.hash);
    REQUIRE(a);
    CHECK(a->version == guideline_version_label(v1));
    CHECK(a->course_id == "refresher");
    CHECK(a->statement.find("を読み、理解しました") != std::string::npos);
    CHECK(a->at == 1'700'000'100'000);
    CHECK(a->terminal_id == "T");
    // The guideline changes: the earlier confirmation does not cover the new text.
    CHECK(attestation_due(store.handle(), "100001", v2.hash));
    CHECK_FALSE(attestation_for(store.handle(), "100001", v2.hash));
    // The event carries the hash, for auditors reading the database directly.
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(store.handle(), "SELECT json_extract(detail_json, '$.guideline_hash') FROM events WHERE kind = 'attestation'", -1, &st,
                               nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    CHECK(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)) == v1.hash);
    sqlite3_finalize(st);
}

TEST_CASE("attestation report: current, older version, due, not yet; people who must act first; CSV") {
    AttemptStore store(":memory:", "T");
    const Guideline v1 = edition(std::string(64, 'a')), v2 = edition(std::string(64, 'b'));
    for (const char* id : {"1", "2", "3", "4"}) store.upsert_learner({id, std::string("職員 ") + id, "会計室", ""});
    store.upsert_learner({"9", "退職 者", "会計室", ""});
    sqlite3_exec(store.handle(), "UPDATE learners SET in_roster = (staff_id != '9')", nullptr, nullptr, nullptr);
    pass(store, "1", "a1", 1000);
    pass(store, "2", "a2", 2000);
    pass(store, "3", "a3", 3000);
    pass(store, "9", "a9", 3000);
    record_attestation(store, attest(v1, "1", 5000));  // then the guideline changed
    record_attestation(store, attest(v1, "2", 5000));
    record_attestation(store, attest(v2, "2", 9000));  // confirmed the new text too
    // 3 passed and never confirmed; 4 has passed nothing yet.
    const AttestationReport r = attestation_report(store.handle(), v2);
    CHECK(r.roster_denominator);
    CHECK(r.version == guideline_version_label(v2));
    CHECK(r.current == 1);
    CHECK(r.older_version == 1);
    CHECK(r.due == 1);
    CHECK(r.not_yet == 1);
    REQUIRE(r.people.size() == 4);
    CHECK(r.people[0].staff_id == "3");
    CHECK(r.people[0].state == PersonAttestation::State::due);
    CHECK(r.people[1].staff_id == "1");
    CHECK(r.people[1].state == PersonAttestation::State::older_version);
    CHECK(r.people[1].version == guideline_version_label(v1));
    CHECK(r.people[2].staff_id == "4");
    CHECK(r.people[3].staff_id == "2");
    CHECK(r.people[3].at == 9000);
    const std::string csv = attestation_report_csv(r);
    CHECK(csv.rfind("staff_id,name,department,state,attested_at,attested_version,current_version\r\n", 0) == 0);
    CHECK(csv.find("\"3\",\"職員 3\",\"会計室\",due,,\"\",") != std::string::npos);
    CHECK(csv.find("\"2\",\"職員 2\",\"会計室\",current,1970-01-01T00:00:09Z,") != std::string::npos);
}
