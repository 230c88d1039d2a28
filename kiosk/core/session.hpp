// Session: one learner's attempt at one course, as a state machine the UI (and tests, and `kiosk simulate`) drive.
// start → item i → answered → feedback (learning mode) → … → finished; suspend/resume and abandon at any point.
// Every answer is written to the store (one durable transaction) before answer() returns.
#pragma once
#include "attempt_store.hpp"
#include "clock.hpp"
#include "content.hpp"
#include "results.hpp"
#include "scoring.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

// Presented order of s.options (indices into s.options) for item `item_index` of an attempt with `attempt_seed`:
// a seeded Fisher–Yates shuffle (own implementation on std::mt19937_64, so it is the same on every build) in which
// pinned options keep their position. Identity for branching items.
std::vector<int> option_order(const Scenario& s, std::uint64_t attempt_seed, std::size_t item_index);

class Session {
public:
    enum class State { item, feedback, finished, suspended, abandoned };

    // Draws the items (draw_items with the learner's history from the store), creates the attempt row (durable).
    // `store` may be null (preview): then nothing is recorded. Throws StoreError when the attempt cannot be written.
    static std::unique_ptr<Session> start(const Content& content, const Course& course, const Learner& learner, AttemptStore* store,
                                          const Clock& clock, std::uint64_t seed, const std::string& terminal_id);
    // Reopens a suspended or in-progress attempt: same items in the same order, same option order, answers kept.
    // Returns null (and sets `error`) when the attempt is unknown, finished, or its items are no longer in the bank.
    static std::unique_ptr<Session> resume(const Content& content, AttemptStore& store, const std::string& attempt_uuid,
                                           const Clock& clock, std::string& error);

    State state() const;
    const Course& course() const;
    const AttemptRecord& attempt() const;
    const std::vector<const Scenario*>& items() const;
    std::size_t current_index() const;  // the item shown (or whose feedback is shown)
    const Scenario& current_item() const;
    const std::vector<int>& option_order(std::size_t item_index) const;

    // Scores and records the answer to the current item (throws StoreError: then nothing changed and the UI must
    // not show it as saved). Learning mode → State::feedback; exam mode → next unanswered item or finished.
    ItemScore answer(const Response& r);
    // From feedback to the next item (or finished after the last one).
    void next();
    bool can_go_back() const;  // course.allow_back and not on the first item
    void back();

    const std::optional<Response>& response(std::size_t item_index) const;
    std::optional<ItemScore> item_score(std::size_t item_index) const;
    std::size_t answered_count() const;

    // Available once finished: the result and, when the course records completions and the learner passed, the completion.
    const AttemptResult& result() const;
    const std::optional<CompletionRecord>& completion() const;

    void suspend();  // sign-out or idle timeout: the attempt stays open in the store for resume
    void abandon();  // "start over": the attempt is closed as abandoned

private:
    Session() = default;
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

} // namespace kiosk
