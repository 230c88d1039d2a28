// The attempt state machine: draw, answer (durably recorded first), feedback, finish with result and completion,
// suspend, resume from the store, abandon. All times come from the injected Clock.
#include "session.hpp"

#include "dates.hpp"

#include <stdexcept>

namespace kiosk {

struct Session::Impl {
    const Content* content = nullptr;
    Course course;  // a copy: callers may pass a temporary
    AttemptStore* store = nullptr;
    const Clock* clock = nullptr;
    AttemptRecord attempt;
    std::vector<const Scenario*> items;
    std::vector<std::vector<int>> orders;
    std::vector<std::optional<Response>> responses;
    std::vector<std::optional<ItemScore>> scores;
    std::vector<double> marks;  // the mark each item carries in this attempt
    State state = State::item;
    std::size_t index = 0;
    EpochMs shown_at = 0;  // when the current item appeared, for time_taken_ms
    AttemptResult result;
    std::optional<CompletionRecord> completion;
    // The last answer of an exam was recorded but writing the result failed: the next answer() retries the finish.
    bool finish_pending = false;

    // Audit events are best effort: the attempt and answer rows that matter were already written (or failed loudly).
    void event(const std::string& kind) {
        if (!store) return;
        try {
            store->log_event(kind, attempt.staff_id, R"({"attempt":")" + attempt.uuid + R"(","course":")" + course.id + "\"}", clock->now());
        } catch (const StoreError&) {
        }
    }

    std::optional<std::size_t> next_unanswered(std::size_t after) const {
        for (std::size_t i = after + 1; i < items.size(); ++i)
            if (!responses[i]) return i;
        for (std::size_t i = 0; i < items.size() && i <= after; ++i)
            if (!responses[i]) return i;
        return std::nullopt;
    }

    // Attempts begun before marks weigh each answer by its max points (AttemptRecord::mark_scale).
    void set_marks() {
        marks.clear();
        for (const auto* s : items) marks.push_back(attempt.mark_scale == "points" ? std::max(0, max_points(*s)) : item_mark(course, *s));
    }

    void show(std::size_t i) {
        index = i;
        state = State::item;
        shown_at = clock->now();
    }

    // Computes the result and writes it (with the completion) in one store call; the session changes only on success.
    void finish() {
        const EpochMs now = clock->now();
        AttemptResult r = compute_result(course, content->guideline, items, scores, marks, responses);
        AttemptRecord a = attempt;
        a.finished_at = now;
        a.points = r.points;
        a.max_points = r.max;
        a.marks = r.marks;
        a.max_marks = r.max_marks;
        a.passed = r.passed;
        a.completed = r.completed;
        a.state = AttemptState::finished;
        std::optional<CompletionRecord> done;
        if (course.records_completion && r.passed) {
            CompletionRecord c;
            c.attempt_uuid = a.uuid;
            c.staff_id = a.staff_id;
            c.course_id = course.id;
            c.completed_at = now;
            c.valid_until = course.valid_days > 0 ? now + course.valid_days * kDayMs : 0;
            c.points = r.points;
            c.max_points = r.max;
            c.code = completion_code(a.uuid);
            done = std::move(c);
        }
        if (store) store->finish_attempt(a, done);
        attempt = std::move(a);
        result = std::move(r);
        completion = std::move(done);
        state = State::finished;
        finish_pending = false;
        event("finish");
    }
};

namespace {

const char* mode_name(FeedbackMode m) { return m == FeedbackMode::exam ? "exam" : "learning"; }

} // namespace

std::unique_ptr<Session> Session::start(const Content& content, const Course& course, const Learner& learner, AttemptStore* store,
                                        const Clock& clock, std::uint64_t seed, const std::string& terminal_id) {
    const std::vector<PastResponse> history = store ? store->past_responses(learner.staff_id) : std::vector<PastResponse>{};
    auto items = draw_items(course, content.scenarios, content.guideline, history, seed);
    if (items.empty()) throw std::invalid_argument("course \"" + course.id + "\" has no items in the scenario bank");

    auto impl = std::make_shared<Impl>();
    impl->content = &content;
    impl->course = course;
    impl->store = store;
    impl->clock = &clock;
    impl->items = std::move(items);

    AttemptRecord& a = impl->attempt;
    a.uuid = new_uuid_v4();
    a.staff_id = learner.staff_id;
    a.course_id = course.id;
    a.mode = mode_name(course.feedback);
    a.seed = seed;
    a.guideline_hash = content.guideline.hash;
    for (const auto* s : impl->items) {
        a.item_ids.push_back(s->id);
        a.item_hashes.push_back(s->content_hash);
    }
    a.started_at = clock.now();
    a.terminal_id = terminal_id.empty() && store ? store->terminal_id() : terminal_id;
    a.state = AttemptState::in_progress;

    for (std::size_t i = 0; i < impl->items.size(); ++i) impl->orders.push_back(kiosk::option_order(*impl->items[i], seed, i));
    impl->responses.resize(impl->items.size());
    impl->scores.resize(impl->items.size());
    impl->set_marks();

    if (store) store->create_attempt(a);
    impl->event("start");
    impl->show(0);

    std::unique_ptr<Session> s(new Session());
    s->impl_ = std::move(impl);
    return s;
}

std::unique_ptr<Session> Session::resume(const Content& content, AttemptStore& store, const std::string& attempt_uuid, const Clock& clock,
                                         std::string& error) {
    const auto a = store.attempt(attempt_uuid);
    if (!a) {
        error = "attempt " + attempt_uuid + " is not in the records";
        return nullptr;
    }
    if (a->state == AttemptState::finished || a->state == AttemptState::abandoned) {
        error = std::string("attempt ") + attempt_uuid + " is already " + (a->state == AttemptState::finished ? "finished" : "abandoned");
        return nullptr;
    }
    const Course* course = content.course(a->course_id);
    if (!course) {
        error = "course \"" + a->course_id + "\" is no longer offered";
        return nullptr;
    }
    if (a->item_ids.empty() || a->item_ids.size() != a->item_hashes.size()) {
        error = "attempt " + attempt_uuid + " has no usable item list";
        return nullptr;
    }

    auto impl = std::make_shared<Impl>();
    impl->content = &content;
    impl->course = *course;
    impl->store = &store;
    impl->clock = &clock;
    impl->attempt = *a;
    for (std::size_t i = 0; i < a->item_ids.size(); ++i) {
        const Scenario* s = content.scenario(a->item_ids[i]);
        if (!s) {
            error = "item \"" + a->item_ids[i] + "\" of this attempt is no longer in the scenario bank; please start the course again";
            return nullptr;
        }
        if (s->content_hash != a->item_hashes[i]) {
            error = "item \"" + a->item_ids[i] + "\" was changed after this attempt began; please start the course again";
            return nullptr;
        }
        impl->items.push_back(s);
        impl->orders.push_back(kiosk::option_order(*s, a->seed, i));
    }
    impl->responses.resize(impl->items.size());
    impl->scores.resize(impl->items.size());
    impl->set_marks();
    for (const auto& r : store.responses(attempt_uuid)) {
        const auto i = static_cast<std::size_t>(r.item_index);
        if (r.item_index < 0 || i >= impl->items.size() || impl->items[i]->id != r.item_id) continue;
        Response parsed;
        if (!Response::from_json(r.response_json, parsed)) continue;
        impl->responses[i] = std::move(parsed);
        impl->scores[i] = ItemScore{r.points, r.max_points};  // as recorded: the item is unchanged (hash checked)
        impl->marks[i] = r.mark;                              // the mark it was answered with
    }

    const EpochMs now = clock.now();
    store.set_attempt_state(attempt_uuid, AttemptState::in_progress, now);
    impl->attempt.state = AttemptState::in_progress;
    impl->event("resume");

    std::unique_ptr<Session> s(new Session());
    s->impl_ = impl;
    if (const auto first = impl->next_unanswered(impl->items.size() - 1)) {
        impl->show(*first);
    } else if (impl->course.feedback == FeedbackMode::learning) {
        // Everything answered: the feedback of the last item was not left yet; next() finishes.
        impl->index = impl->items.size() - 1;
        impl->state = State::feedback;
    } else {
        impl->index = impl->items.size() - 1;
        impl->finish();  // an exam whose result could not be written before
    }
    return s;
}

Session::State Session::state() const { return impl_->state; }
const Course& Session::course() const { return impl_->course; }
const AttemptRecord& Session::attempt() const { return impl_->attempt; }
const std::vector<const Scenario*>& Session::items() const { return impl_->items; }
std::size_t Session::current_index() const { return impl_->index; }
const Scenario& Session::current_item() const { return *impl_->items[impl_->index]; }
const std::vector<int>& Session::option_order(std::size_t item_index) const { return impl_->orders.at(item_index); }

ItemScore Session::answer(const Response& r) {
    Impl& m = *impl_;
    if (m.state != State::item) throw std::logic_error("Session::answer: no item is waiting for an answer");
    const std::size_t i = m.index;
    // With allow_back a different answer to an item answered before is recorded as a new row that supersedes the old
    // one (both stay in the chain); the score uses the latest.
    const bool changed = m.responses[i] && !m.finish_pending && m.course.allow_back && m.responses[i]->to_json() != r.to_json();
    if (m.finish_pending || (m.responses[i] && !changed)) {
        // Already recorded (answers are final once saved): retry a finish that failed, or move on.
        if (m.finish_pending) m.finish();
        else if (const auto next = m.next_unanswered(i)) m.show(*next);
        else if (m.course.feedback == FeedbackMode::learning) m.state = State::feedback;
        else m.finish();
        return *m.scores[i];
    }

    const ItemScore sc = score(*m.items[i], r);
    if (m.store) {
        ResponseRecord rec;
        rec.attempt_uuid = m.attempt.uuid;
        rec.item_index = static_cast<int>(i);
        rec.item_id = m.items[i]->id;
        rec.response_json = r.to_json();
        rec.points = sc.points;
        rec.max_points = sc.max;
        rec.fraction = sc.fraction();
        rec.mark = m.marks[i];
        rec.answered_at = m.clock->now();
        rec.time_taken_ms = std::max<std::int64_t>(0, rec.answered_at - m.shown_at);
        m.store->record_response(rec);  // throws StoreError: nothing below happens
    }
    m.responses[i] = r;
    m.scores[i] = sc;

    if (m.course.feedback == FeedbackMode::learning) {
        m.state = State::feedback;
    } else if (const auto next = m.next_unanswered(i)) {
        m.show(*next);
    } else {
        try {
            m.finish();
        } catch (const StoreError&) {
            m.finish_pending = true;  // the answer is saved; submitting again retries writing the result
            throw;
        }
    }
    return sc;
}

void Session::next() {
    Impl& m = *impl_;
    if (m.state != State::feedback) throw std::logic_error("Session::next: no feedback is shown");
    if (const auto n = m.next_unanswered(m.index)) m.show(*n);
    else m.finish();  // throws StoreError: the feedback stays, and next() can be tried again
}

bool Session::can_go_back() const { return impl_->course.allow_back && impl_->state == State::item && impl_->index > 0; }

void Session::back() {
    if (!can_go_back()) return;
    impl_->show(impl_->index - 1);
}

const std::optional<Response>& Session::response(std::size_t item_index) const { return impl_->responses.at(item_index); }
std::optional<ItemScore> Session::item_score(std::size_t item_index) const { return impl_->scores.at(item_index); }

std::size_t Session::answered_count() const {
    std::size_t n = 0;
    for (const auto& r : impl_->responses) n += r ? 1 : 0;
    return n;
}

const AttemptResult& Session::result() const { return impl_->result; }
const std::optional<CompletionRecord>& Session::completion() const { return impl_->completion; }

void Session::suspend() {
    Impl& m = *impl_;
    if (m.state != State::item && m.state != State::feedback) return;
    if (m.store) m.store->set_attempt_state(m.attempt.uuid, AttemptState::suspended, m.clock->now());
    m.attempt.state = AttemptState::suspended;
    m.state = State::suspended;
    m.event("suspend");
}

void Session::abandon() {
    Impl& m = *impl_;
    if (m.state == State::finished || m.state == State::abandoned) return;
    if (m.store) m.store->set_attempt_state(m.attempt.uuid, AttemptState::abandoned, m.clock->now());
    m.attempt.state = AttemptState::abandoned;
    m.state = State::abandoned;
    m.event("abandon");
}

} // namespace kiosk
