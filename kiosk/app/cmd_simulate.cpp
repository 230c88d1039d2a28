// `kiosk simulate`: runs whole attempts through the real engine and store with no window, printing each result as JSON.
#include "commands.hpp"

#include "core/attempt_store.hpp"
#include "core/content.hpp"
#include "core/dates.hpp"
#include "core/session.hpp"
#include "core/terminal_config.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>

namespace kiosk::app {

namespace {

using json = nlohmann::json;

struct SimulateOptions {
    std::string course;
    std::string staff;
    std::string answers = "correct";  // correct | random | a JSON file {item_id: response}
    std::uint64_t seed = 1;
    int count = 1;
    bool ack = false;
    bool timing = false;
};

// Where the answers come from: the key, chance, or a file.
class AnswerSource {
public:
    bool load(const std::string& spec, std::string& error) {
        spec_ = spec;
        if (spec == "correct" || spec == "random") return true;
        std::ifstream in(spec, std::ios::binary);
        if (!in) {
            error = "cannot read the answers file " + spec;
            return false;
        }
        std::stringstream ss;
        ss << in.rdbuf();
        const json j = json::parse(ss.str(), nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
        if (j.is_discarded() || !j.is_object()) {
            error = spec + ": expected a JSON object {\"item-id\": {\"selected\": [...]} or {\"path\": [...]}}";
            return false;
        }
        for (const auto& [id, value] : j.items()) {
            Response r;
            // A bare array is shorthand for the selected option ids.
            const bool ok = value.is_array() ? Response::from_json(R"({"selected":)" + value.dump() + "}", r) : Response::from_json(value.dump(), r);
            if (!ok) {
                error = spec + ": the answer for \"" + id + "\" is not {\"selected\": [...]} or {\"path\": [...]}";
                return false;
            }
            file_[id] = std::move(r);
        }
        return true;
    }

    Response answer(const Scenario& s, std::mt19937_64& rng) const {
        Response r;
        if (spec_ == "correct") {
            (s.type == ItemType::branching ? r.path : r.selected) = correct_answer(s);
        } else if (spec_ == "random") {
            if (s.type == ItemType::branching) {
                // A random walk to an end; the step bound guards against a malformed graph.
                const Node* n = s.node(s.start);
                for (int step = 0; n && !n->end && !n->choices.empty() && step < 64; ++step) {
                    const Choice& c = n->choices[rng() % n->choices.size()];
                    r.path.push_back(c.id);
                    n = s.node(c.next);
                }
            } else if (s.type == ItemType::single) {
                if (!s.options.empty()) r.selected.push_back(s.options[rng() % s.options.size()].id);
            } else {
                for (const auto& o : s.options)
                    if (rng() & 1) r.selected.push_back(o.id);
            }
        } else if (const auto it = file_.find(s.id); it != file_.end()) {
            r = it->second;
        }
        return r;
    }

private:
    std::string spec_;
    std::map<std::string, Response> file_;
};

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

// A JSON string literal. The output is written by hand: building json values from strings trips a false
// -Warray-bounds in g++ 12 with JSON_DIAGNOSTICS.
std::string quote(const std::string& v) {
    std::string out = "\"";
    for (const char ch : v) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += ch;
        }
    }
    return out + "\"";
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    std::string s = buf;
    while (s.back() == '0') s.pop_back();  // 12.500 → 12.5, 100.000 → 100
    if (s.back() == '.') s.pop_back();
    return s;
}

std::string result_line(const Session& s, std::uint64_t seed, const std::vector<double>& commit_ms, bool timing) {
    const AttemptResult& r = s.result();
    std::string out = "{";
    out += "\"attempt\":" + quote(s.attempt().uuid);
    out += ",\"course\":" + quote(s.course().id);
    out += ",\"staff\":" + quote(s.attempt().staff_id);
    out += ",\"seed\":" + std::to_string(seed);
    out += ",\"items\":" + std::to_string(s.items().size());
    out += ",\"points\":" + std::to_string(r.points);
    out += ",\"max\":" + std::to_string(r.max);
    out += ",\"marks\":" + number(r.marks);
    out += ",\"max_marks\":" + number(r.max_marks);
    out += ",\"percent\":" + number(r.percent);
    out += std::string(",\"passed\":") + (r.passed ? "true" : "false");
    out += std::string(",\"completed\":") + (r.completed ? "true" : "false");
    out += ",\"sections\":[";
    for (std::size_t i = 0; i < r.sections.size(); ++i) {
        const auto& m = r.sections[i];
        out += (i ? ",{" : "{") + std::string("\"section\":") + quote(m.clause_id) + ",\"marks\":" + number(m.points) +
               ",\"max_marks\":" + number(m.max) + "}";
    }
    out += "],\"missed_clauses\":[";
    for (std::size_t i = 0; i < r.missed_clauses.size(); ++i) out += (i ? "," : "") + quote(r.missed_clauses[i]);
    out += "]";
    if (const auto& c = s.completion()) {
        out += ",\"completion_code\":" + quote(c->code);
        out += ",\"valid_until\":" + (c->valid_until > 0 ? quote(iso_date(c->valid_until)) : std::string("null"));
    } else {
        out += ",\"completion_code\":null";
    }
    if (timing) {
        out += ",\"commit_latency\":{\"answers\":" + std::to_string(commit_ms.size());
        out += ",\"median_ms\":" + number(percentile(commit_ms, 0.5));
        out += ",\"p99_ms\":" + number(percentile(commit_ms, 0.99));
        out += ",\"max_ms\":" + number(commit_ms.empty() ? 0.0 : *std::max_element(commit_ms.begin(), commit_ms.end()));
        out += ",\"each_ms\":[";  // every answer, so a benchmark can pool thousands of answers across attempts
        for (std::size_t i = 0; i < commit_ms.size(); ++i) out += (i ? "," : "") + number(commit_ms[i]);
        out += "]}";
    }
    return out + "}";
}

int simulate(const SimulateOptions& o, const GlobalOptions& global) {
    const Content content = load_content(resolve_content_dir(global), resolve_scenarios_dir(global));
    if (has_errors(content.diagnostics))
        std::cerr << "simulate: content has " << content.diagnostics.size() << " problem(s); `kiosk validate` lists them\n";
    const Course* course = content.course(o.course);
    if (!course) {
        std::cerr << "simulate: no course \"" << o.course << "\"; courses:";
        for (const auto& c : content.courses) std::cerr << ' ' << c.id;
        std::cerr << '\n';
        return 2;
    }
    AnswerSource answers;
    std::string error;
    if (!answers.load(o.answers, error)) {
        std::cerr << "simulate: " << error << '\n';
        return 2;
    }

    const std::string terminal = terminal_id_for(global);
    AttemptStore store(db_path_for_writing(global), terminal);
    if (!store.status().ok || store.status().read_only) {
        std::cerr << "simulate: the database cannot be written: " << store.status().message << '\n';
        return store.status().problem == OpenProblem::no_permission ? kExitNoPermission : 3;
    }

    SystemClock clock;
    try {
        Learner learner;
        learner.staff_id = o.staff;
        if (const auto known = store.learner(o.staff)) learner = *known;
        else store.upsert_learner(learner);

        for (int run = 0; run < o.count; ++run) {
            const std::uint64_t seed = o.seed + static_cast<std::uint64_t>(run);
            std::mt19937_64 rng(seed);
            auto session = Session::start(content, *course, learner, &store, clock, seed, terminal);
            std::vector<double> commit_ms;
            while (session->state() != Session::State::finished) {
                if (session->state() == Session::State::feedback) {
                    session->next();
                    continue;
                }
                const std::size_t index = session->current_index();
                const Response r = answers.answer(session->current_item(), rng);
                const auto t0 = std::chrono::steady_clock::now();
                session->answer(r);  // returns once the answer is committed
                commit_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
                if (o.ack) {
                    // A crash test kills the process at random: every ACKed answer must then be in the database.
                    std::printf("ACK %s %zu\n", session->attempt().uuid.c_str(), index);
                    std::fflush(stdout);
                }
            }
            std::printf("%s\n", result_line(*session, seed, commit_ms, o.timing).c_str());
            std::fflush(stdout);
        }
    } catch (const StoreError& e) {
        std::cerr << "simulate: the database refused a write: " << e.what() << " (SQLite code " << e.sqlite_code() << ")\n";
        return 3;
    } catch (const std::exception& e) {
        std::cerr << "simulate: " << e.what() << '\n';
        return 2;
    }
    return 0;
}

Runner setup(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<SimulateOptions>();
    sub.add_option("--course", o->course, "course id (orientation, refresher, operator, practice)")->required();
    sub.add_option("--staff", o->staff, "staff ID the attempts are recorded for")->required();
    sub.add_option("--answers", o->answers, "correct, random, or a JSON file {item_id: {\"selected\": [...]} | {\"path\": [...]}}");
    sub.add_option("--seed", o->seed, "attempt seed (draw, option order, random answers); run k uses seed + k");
    sub.add_option("--count", o->count, "attempts to run in a row, one JSON line each")->check(CLI::Range(1, 1000000));
    sub.add_flag("--ack", o->ack, "print ACK <uuid> <item_index> once each answer is committed");
    sub.add_flag("--timing", o->timing, "add the commit latency of the answers (median, p99, max) to each line");
    return [o, &global] { return simulate(*o, global); };
}

const bool registered = register_command({"simulate", "run whole attempts through the engine and the store without a window; prints JSON", setup});

} // namespace

} // namespace kiosk::app
