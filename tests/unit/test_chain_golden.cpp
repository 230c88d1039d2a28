// Golden bytes of the chain: the canonical content and row hash of each kind of chained row are pinned here, so any
// change to what the chain covers is deliberate (update docs/records.md and this file together).
#include "core/hash.hpp"
#include "core/record_chain.hpp"
#include "store_fixtures.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;
using namespace kiosk::store_fixtures;

TEST_CASE("a response row's canonical bytes and hash are pinned") {
    ResponseRecord r;
    r.attempt_uuid = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";
    r.item_index = 0;
    r.item_id = "sns-001";
    r.response_json = R"({"selected":["a"]})";
    r.points = 1;
    r.max_points = 1;
    r.answered_at = 1700000005000;
    r.time_taken_ms = 4000;
    const std::string canonical = canonical_response(r, "north");
    CHECK(canonical ==
          R"(["responses","0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9",0,"sns-001","{\"selected\":[\"a\"]}",1,1,1700000005000,4000,"north"])");
    CHECK(chain_row_hash(kGenesisHash, canonical) == sha256_hex(kGenesisHash + "\n" + canonical));
    CHECK(chain_row_hash(kGenesisHash, canonical) == "27d23da31998051ca23e25b84952c670d45eefcbd211c6a2e6219c193d34be93");
}

TEST_CASE("a completion row's canonical bytes and hash are pinned") {
    CompletionRecord c{"0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", "000123", "refresher", 1700000100000, 1731536100000, 9, 10, "K7Q2-M9XD"};
    const std::string canonical = canonical_completion(c, "north");
    CHECK(canonical ==
          R"(["completions","0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9","000123","refresher",1700000100000,1731536100000,9,10,"K7Q2-M9XD","north"])");
    const std::string prev(64, 'a');
    CHECK(chain_row_hash(prev, canonical) == "db9100c1074a3abb5ee4a164ed39eab931d101e0fde72110594d199bcca424c1");
}

TEST_CASE("verify's direct canonical writer agrees with the JSON library on quotes, control characters and Japanese text") {
    TempDir tmp;
    AttemptStore store(tmp.path("kiosk.db"), "north");
    AttemptRecord a = attempt_record("100");
    store.create_attempt(a);
    ResponseRecord r = response_record(a, 0, true, 1'700'000'005'000);
    r.response_json = std::string("{\"selected\":[\"a\\\"b\"],\"x\":\"\x01\x1f\t\n\r\b\f/\\\\\x7f\"}");
    store.record_response(r);
    r.item_index = 1;
    r.item_id = "投稿-001";  // not ASCII: written by the JSON library on both sides
    store.record_response(r);
    store.log_event("sign_out", "100", R"({"note":"千代田区"})", 1'700'000'006'000);
    const auto report = verify_records(store.handle());
    INFO((report.problems.empty() ? std::string() : report.problems[0].describe()));
    CHECK(report.ok());
    // A single changed byte is still found.
    RawDb(tmp.path("kiosk.db")).run("UPDATE responses SET response_json = replace(response_json, '\t', ' ') WHERE item_index = 0");
    const auto changed = verify_records(store.handle());
    REQUIRE(changed.problems.size() >= 1);
    CHECK(changed.problems[0].table == "responses");
    CHECK(changed.problems[0].item_index == 0);
}
