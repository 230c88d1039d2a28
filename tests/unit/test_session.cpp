// The session state machine driven as the UI drives it: start → answer → feedback → next → … → finished, with a real
// SQLite file for suspend/resume (a new store object on the same path), refusals, abandon, and failed writes.
#include "core/session.hpp"
#include "core/dates.hpp"
#include "core/record_chain.hpp"
#include "engine_fixtures.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <filesystem>
#include <unistd.h>

using namespace kiosk;
namespace fx = kiosk::fixtures;
namespace fs = std::filesystem;

namespace {

Course course(const std::string& id, FeedbackMode mode, int draw, bool records = true) {
    Course c;
    c.id = id;
    c.title = fx::t(id);
    c.feedback = mode;
    c.draw = draw;
    c.pass_percent = 80;
    c.valid_days = mode == FeedbackMode::exam ? 365 : 0;
    c.records_completion = records;
    return c;
}

// Sections 4–6, one item of each type among them, plus singles.
Content content() {
    Content c;
    c.guideline = fx::guideline();
    c.scenarios = {fx::single("q-4-1", {"4.1"}), fx::multiple("q-5-2", {"5.2"}), fx::classify("q-5-4", {"5.4.a"}),
                   fx::hottext("q-5-3", {"5.3"}), fx::branching("q-6-1", {"6.1"}), fx::single("q-6-4", {"6.4"}),
                   fx::single("q-7", {"7"})};
    c.courses = {course("orientation", FeedbackMode::learning, 0), course("refresher", FeedbackMode::exam, 4),
                 course("practice", FeedbackMode::learning, 3, false)};
    return c;
}

Response correct_response(const Scenario& s) {
    Response r;
    if (s.type == ItemType::branching) r.path = correct_answer(s);
    else r.selected = correct_answer(s);
    return r;
}

Response wrong_response(const Scenario& s) {
    Response r;
    if (s.type == ItemType::branching) r.path = {"b"};
    else
        for (const auto& o : s.options)
            if (!o.correct && o.id != "none") {
                r.selected = {o.id};
                break;
            }
    if (s.type == ItemType::classify) r.selected = {"5.4.i"};
    return r;
}

Learner learner(const std::string& id = "100234") {
    Learner l;
    l.staff_id = id;
    l.department = "政策経営部";
    return l;
}

struct TempDb {
    fs::path dir;
    std::string path;
    TempDb() {
        static int n = 0;
        dir = fs::temp_directory_path() / ("kiosk-session-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
        fs::create_directories(dir);
        path = (dir / "kiosk.db").string();
    }
    ~TempDb() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

long long count(AttemptStore& store, const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(store.handle(), sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    long long v = -1;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

void exec(AttemptStore& store, const std::string& sql) { REQUIRE(sqlite3_exec(store.handle(), sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK); }

} // namespace

TEST_CASE("learning mode without a store: start → answer → feedback → next → … → finished with a completion") {
    const Content c = content();
    ManualClock clock;
    auto s = Session::start(c, *c.course("orientation"), learner(), nullptr, clock, 7, "terminal-a");
    REQUIRE(s);
    CHECK(s->state() == Session::State::item);
    REQUIRE(s->items().size() == c.scenarios.size());
    CHECK(s->attempt().mode == "learning");
    CHECK(s->attempt().terminal_id == "terminal-a");
    CHECK(s->attempt().guideline_hash == c.guideline.hash);
    CHECK(s->attempt().item_ids.size() == s->items().size());
    CHECK(s->attempt().item_hashes.front() == s->items().front()->content_hash);
    CHECK(s->attempt().started_at == clock.t);
    CHECK_FALSE(s->can_go_back());

    for (std::size_t i = 0; i < s->items().size(); ++i) {
        CHECK(s->current_index() == i);
        CHECK(s->option_order(i) == option_order(*s->items()[i], 7, i));
        clock.advance(20'000);
        const ItemScore sc = s->answer(correct_response(s->current_item()));
        CHECK(sc.correct());
        CHECK(s->state() == Session::State::feedback);
        CHECK(s->response(i).has_value());
        CHECK(s->item_score(i)->points == sc.points);
        CHECK(s->answered_count() == i + 1);
        CHECK_THROWS_AS(s->answer(Response{}), std::logic_error);  // feedback is showing, not an item
        s->next();
    }
    CHECK(s->state() == Session::State::finished);
    CHECK(s->result().percent == Approx(100.0));
    CHECK(s->result().passed);
    CHECK(s->result().completed);
    REQUIRE(s->completion());
    CHECK(s->completion()->valid_until == 0);  // orientation does not expire
    CHECK(s->completion()->completed_at == clock.t);
    CHECK(s->completion()->code == completion_code(s->attempt().uuid));
    CHECK(s->attempt().state == AttemptState::finished);
    CHECK(s->attempt().finished_at == clock.t);
    CHECK_THROWS_AS(s->next(), std::logic_error);
}

TEST_CASE("exam mode: no feedback between items; a failed exam records no completion") {
    const Content c = content();
    ManualClock clock;
    auto s = Session::start(c, *c.course("refresher"), learner(), nullptr, clock, 99, "t");
    REQUIRE(s->items().size() == 4);
    CHECK(s->attempt().mode == "exam");
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK(s->state() == Session::State::item);
        CHECK(s->current_index() == i);
        s->answer(i == 0 ? correct_response(s->current_item()) : wrong_response(s->current_item()));
    }
    CHECK(s->state() == Session::State::finished);
    CHECK(s->result().completed);
    CHECK_FALSE(s->result().passed);
    CHECK_FALSE(s->completion());
}

TEST_CASE("a passed exam's completion is valid for the course's days from the clock's now") {
    const Content c = content();
    ManualClock clock;
    auto s = Session::start(c, *c.course("refresher"), learner(), nullptr, clock, 5, "t");
    while (s->state() == Session::State::item) {
        clock.advance(1000);
        s->answer(correct_response(s->current_item()));
    }
    REQUIRE(s->completion());
    CHECK(s->completion()->valid_until == clock.t + 365 * kDayMs);
    CHECK(s->completion()->points == s->result().points);
}

TEST_CASE("practice never records a completion, even with full marks") {
    const Content c = content();
    ManualClock clock;
    auto s = Session::start(c, *c.course("practice"), learner(), nullptr, clock, 5, "t");
    REQUIRE(s->items().size() == 3);
    while (s->state() != Session::State::finished) {
        if (s->state() == Session::State::item) s->answer(correct_response(s->current_item()));
        else s->next();
    }
    CHECK(s->result().passed);
    CHECK_FALSE(s->completion());
}

TEST_CASE("suspend and abandon without a store change the state only") {
    const Content c = content();
    ManualClock clock;
    auto s = Session::start(c, *c.course("orientation"), learner(), nullptr, clock, 1, "t");
    s->answer(correct_response(s->current_item()));
    s->suspend();
    CHECK(s->state() == Session::State::suspended);
    auto t = Session::start(c, *c.course("orientation"), learner(), nullptr, clock, 1, "t");
    t->abandon();
    CHECK(t->state() == Session::State::abandoned);
    CHECK_THROWS_AS(t->answer(Response{}), std::logic_error);
}

TEST_CASE("a course with no eligible items cannot start") {
    const Content c = content();
    ManualClock clock;
    Course none = course("none", FeedbackMode::learning, 0);
    none.audience = "operator";
    none.sections = {"3"};
    CHECK_THROWS_AS(Session::start(c, none, learner(), nullptr, clock, 1, "t"), std::invalid_argument);
}

// ---- with the real store ----

TEST_CASE("every answer is in the database when answer() returns; finishing writes the result and the completion") {
    const Content c = content();
    TempDb db;
    ManualClock clock;
    AttemptStore store(db.path, "terminal-a");
    REQUIRE(store.status().ok);
    store.upsert_learner(learner());
    auto s = Session::start(c, *c.course("orientation"), learner(), &store, clock, 11, "terminal-a");
    CHECK(count(store, "select count(*) from attempts where state = 'in_progress'") == 1);
    for (std::size_t i = 0; i < s->items().size(); ++i) {
        clock.advance(15'000);
        s->answer(correct_response(s->current_item()));
        CHECK(count(store, "select count(*) from responses") == static_cast<long long>(i + 1));
        CHECK(count(store, "select time_taken_ms from responses where item_index = " + std::to_string(i)) == 15'000);
        s->next();
    }
    REQUIRE(s->state() == Session::State::finished);
    const auto stored = store.attempt(s->attempt().uuid);
    REQUIRE(stored);
    CHECK(stored->state == AttemptState::finished);
    CHECK(stored->passed);
    CHECK(stored->completed);
    CHECK(stored->points == s->result().points);
    const auto comps = store.completions("100234");
    REQUIRE(comps.size() == 1);
    CHECK(comps[0].code == s->completion()->code);
    CHECK(store.completion_by_code(s->completion()->code));
    // The next draw sees this history.
    CHECK(store.past_responses("100234").size() == s->items().size());
}

TEST_CASE("suspend mid-way, reopen the file with a new store, resume: same items, order, option order and answers") {
    const Content c = content();
    TempDb db;
    ManualClock clock;
    std::string uuid;
    std::vector<std::string> item_ids;
    std::vector<std::vector<int>> orders;
    std::vector<Response> given;
    {
        AttemptStore store(db.path, "terminal-a");
        store.upsert_learner(learner());
        auto s = Session::start(c, *c.course("refresher"), learner(), &store, clock, 424242, "terminal-a");
        uuid = s->attempt().uuid;
        for (const auto* it : s->items()) item_ids.push_back(it->id);
        for (std::size_t i = 0; i < s->items().size(); ++i) orders.push_back(s->option_order(i));
        for (int k = 0; k < 2; ++k) {
            given.push_back(k == 0 ? correct_response(s->current_item()) : wrong_response(s->current_item()));
            s->answer(given.back());
        }
        s->suspend();
        CHECK(s->state() == Session::State::suspended);
        CHECK(store.attempt(uuid)->state == AttemptState::suspended);
        CHECK(store.find_resumable("100234", "refresher"));
    }
    AttemptStore reopened(db.path, "terminal-a");
    REQUIRE(reopened.status().ok);
    std::string error;
    clock.advance(3'600'000);
    auto r = Session::resume(c, reopened, uuid, clock, error);
    INFO(error);
    REQUIRE(r);
    CHECK(r->state() == Session::State::item);
    CHECK(r->current_index() == 2);
    CHECK(r->answered_count() == 2);
    std::vector<std::string> resumed_ids;
    for (const auto* it : r->items()) resumed_ids.push_back(it->id);
    CHECK(resumed_ids == item_ids);
    for (std::size_t i = 0; i < orders.size(); ++i) CHECK(r->option_order(i) == orders[i]);
    CHECK(r->response(0)->selected == given[0].selected);
    CHECK(r->response(0)->path == given[0].path);
    CHECK(r->response(1)->selected == given[1].selected);
    CHECK(r->item_score(0)->correct());
    CHECK_FALSE(r->item_score(1)->correct());
    CHECK(reopened.attempt(uuid)->state == AttemptState::in_progress);

    while (r->state() == Session::State::item) r->answer(correct_response(r->current_item()));
    CHECK(r->state() == Session::State::finished);
    CHECK(r->result().completed);
    int expected = 0;
    for (std::size_t i = 0; i < r->items().size(); ++i) expected += r->item_score(i)->points;
    CHECK(r->result().points == expected);
    CHECK(r->result().points < r->result().max);  // the wrong answer given before the suspension still counts
    CHECK(count(reopened, "select count(*) from responses where attempt_uuid = '" + uuid + "'") == 4);
    // A finished attempt cannot be resumed.
    CHECK_FALSE(Session::resume(c, reopened, uuid, clock, error));
    CHECK(error.find("finished") != std::string::npos);
}

TEST_CASE("resume refuses when an item changed or left the bank, and for unknown attempts") {
    const Content c = content();
    TempDb db;
    ManualClock clock;
    AttemptStore store(db.path, "t");
    store.upsert_learner(learner());
    auto s = Session::start(c, *c.course("orientation"), learner(), &store, clock, 3, "t");
    s->answer(correct_response(s->current_item()));
    s->suspend();
    const std::string uuid = s->attempt().uuid;
    std::string error;

    Content changed = content();
    changed.scenarios[3].content_hash = "edited";
    CHECK_FALSE(Session::resume(changed, store, uuid, clock, error));
    CHECK(error.find(changed.scenarios[3].id) != std::string::npos);
    CHECK(error.find("changed") != std::string::npos);

    Content gone = content();
    gone.scenarios.erase(gone.scenarios.begin() + 2);
    CHECK_FALSE(Session::resume(gone, store, uuid, clock, error));
    CHECK(error.find("no longer") != std::string::npos);

    CHECK_FALSE(Session::resume(c, store, "00000000-0000-4000-8000-000000000000", clock, error));
    CHECK_FALSE(error.empty());

    // The refusals left the attempt as it was, and the unchanged content still resumes it.
    CHECK(store.attempt(uuid)->state == AttemptState::suspended);
    CHECK(Session::resume(c, store, uuid, clock, error));
}

TEST_CASE("abandon closes the attempt in the store") {
    const Content c = content();
    TempDb db;
    ManualClock clock;
    AttemptStore store(db.path, "t");
    store.upsert_learner(learner());
    auto s = Session::start(c, *c.course("refresher"), learner(), &store, clock, 3, "t");
    s->answer(correct_response(s->current_item()));
    s->abandon();
    CHECK(s->state() == Session::State::abandoned);
    CHECK(store.attempt(s->attempt().uuid)->state == AttemptState::abandoned);
    CHECK_FALSE(store.find_resumable("100234", "refresher"));
    std::string error;
    CHECK_FALSE(Session::resume(c, store, s->attempt().uuid, clock, error));
}

TEST_CASE("a write that fails leaves the session unchanged; the same answer succeeds once writing works again") {
    const Content c = content();
    TempDb db;
    ManualClock clock;
    AttemptStore store(db.path, "t");
    store.upsert_learner(learner());
    auto s = Session::start(c, *c.course("refresher"), learner(), &store, clock, 8, "t");
    s->answer(correct_response(s->current_item()));
    REQUIRE(s->current_index() == 1);

    // The database refuses every write from now on, as a read-only file system would.
    exec(store, "PRAGMA query_only = ON");
    const Response r = correct_response(s->current_item());
    CHECK_THROWS_AS(s->answer(r), StoreError);
    CHECK(s->state() == Session::State::item);
    CHECK(s->current_index() == 1);
    CHECK(s->answered_count() == 1);
    CHECK_FALSE(s->response(1));

    exec(store, "PRAGMA query_only = OFF");
    CHECK(s->answer(r).correct());
    CHECK(s->current_index() == 2);
    CHECK(count(store, "select count(*) from responses") == 2);

    // The last answer is saved but writing the result fails (here a trigger refuses the attempt update): the session
    // stays on the item, and answering again writes the result, not a second answer.
    s->answer(correct_response(s->current_item()));
    REQUIRE(s->current_index() == 3);
    exec(store, "CREATE TEMP TRIGGER refuse_finish BEFORE UPDATE ON attempts BEGIN SELECT RAISE(ABORT, 'refused'); END");
    CHECK_THROWS_AS(s->answer(correct_response(s->current_item())), StoreError);
    CHECK(s->state() == Session::State::item);
    CHECK(count(store, "select count(*) from responses") == 4);
    exec(store, "DROP TRIGGER refuse_finish");
    s->answer(Response{});  // whatever is submitted now, the saved answer stands
    CHECK(s->state() == Session::State::finished);
    CHECK(s->result().percent == Approx(100.0));
    CHECK(count(store, "select count(*) from responses") == 4);
    CHECK(store.attempt(s->attempt().uuid)->state == AttemptState::finished);
}

TEST_CASE("allow_back: a changed answer is a new chained row that supersedes the old one, and the score uses it") {
    Content c = content();
    Course exam = course("refresher", FeedbackMode::exam, 4);
    exam.allow_back = true;
    TempDb db;
    AttemptStore store(db.path);
    ManualClock clock;
    auto s = Session::start(c, exam, learner(), &store, clock, 11, "");
    REQUIRE(s);
    clock.advance(10'000);
    s->answer(wrong_response(s->current_item()));
    REQUIRE(s->current_index() == 1);
    REQUIRE(s->can_go_back());
    s->back();
    REQUIRE(s->current_index() == 0);
    clock.advance(10'000);
    const ItemScore changed = s->answer(correct_response(s->current_item()));
    CHECK(changed.correct());
    CHECK(s->item_score(0)->correct());
    CHECK(s->current_index() == 1);  // on to the first item not answered yet
    while (s->state() == Session::State::item) {
        clock.advance(10'000);
        s->answer(correct_response(s->current_item()));
    }
    REQUIRE(s->state() == Session::State::finished);
    CHECK(s->result().percent == Approx(100.0));
    CHECK(s->result().passed);

    const std::string uuid = s->attempt().uuid;
    // Both answers to item 0 are kept, in chain order; the latest is the one that counts.
    CHECK(count(store, "SELECT count(*) FROM responses WHERE attempt_uuid = '" + uuid + "' AND item_index = 0") == 2);
    CHECK(count(store, "SELECT points FROM responses WHERE attempt_uuid = '" + uuid + "' AND item_index = 0 ORDER BY seq LIMIT 1") == 0);
    const auto rows = store.responses(uuid);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].item_index == 0);
    CHECK(rows[0].points == rows[0].max_points);
    CHECK(count(store, "SELECT points FROM attempts WHERE uuid = '" + uuid + "'") ==
          count(store, "SELECT sum(points) FROM current_responses WHERE attempt_uuid = '" + uuid + "'"));
    CHECK(verify_records(store.handle()).ok());
}
