// Item statistics: Moodle's quiz statistics formulas over first attempts, and the reading of first attempts from SQLite.
#include "item_stats.hpp"

#include "attempt_store.hpp"
#include "record_export.hpp"
#include "sqlite_db.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace kiosk {

namespace {

double mean(const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return v.empty() ? 0 : s / static_cast<double>(v.size());
}

// Sample covariance (n − 1), as Moodle uses.
double covariance(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() < 2) return 0;
    const double ma = mean(a), mb = mean(b);
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i) s += (a[i] - ma) * (b[i] - mb);
    return s / static_cast<double>(a.size() - 1);
}

constexpr double kTiny = 1e-12;

} // namespace

namespace {

// Collects the strings of the top-level "selected" and "path" arrays as the parser meets them, without building a
// document: the item statistics read a response per item of every first attempt (400,000 on a ward's five years).
struct ChoiceCollector : nlohmann::json_sax<nlohmann::json> {
    std::vector<std::string>* out;
    int depth = 0;               // 1 inside the top-level object, 2 inside one of its arrays or objects
    bool top_is_object = false;
    bool collecting = false;     // inside "selected" or "path"
    bool want_next = false;      // the key just read was "selected" or "path"

    explicit ChoiceCollector(std::vector<std::string>& o) : out(&o) {}
    bool value() {
        want_next = false;
        return true;
    }
    bool null() override { return value(); }
    bool boolean(bool) override { return value(); }
    bool number_integer(number_integer_t) override { return value(); }
    bool number_unsigned(number_unsigned_t) override { return value(); }
    bool number_float(number_float_t, const string_t&) override { return value(); }
    bool binary(binary_t&) override { return value(); }
    bool string(string_t& v) override {
        if (collecting && depth == 2) out->push_back(std::move(v));
        return value();
    }
    bool start_object(std::size_t) override {
        if (depth == 0) top_is_object = true;
        ++depth;
        return value();
    }
    bool end_object() override {
        --depth;
        return true;
    }
    bool start_array(std::size_t) override {
        if (depth == 1) collecting = want_next;
        ++depth;
        return value();
    }
    bool end_array() override {
        if (--depth == 1) collecting = false;
        return true;
    }
    bool key(string_t& k) override {
        want_next = depth == 1 && (k == "selected" || k == "path");
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }
};

} // namespace

std::vector<std::string> chosen_options(const std::string& response_json) {
    std::vector<std::string> out;
    ChoiceCollector collector(out);
    if (!nlohmann::json::sax_parse(response_json, &collector, nlohmann::json::input_format_t::json, /*strict=*/true, /*ignore_comments=*/false) ||
        !collector.top_is_object)
        out.clear();
    return out;
}

ItemStatsReport compute_item_statistics(const std::vector<ScoredAttempt>& first_attempts) {
    ItemStatsReport report;
    std::map<std::string, std::vector<const ScoredAttempt*>> by_course;
    for (const auto& a : first_attempts) by_course[a.course_id].push_back(&a);

    for (const auto& [course, attempts] : by_course) {
        // Per item: the item score x and the rest-of-test score X of every attempt that presented it.
        struct Series {
            std::vector<double> x, rest;
            std::map<std::string, int> chosen;
        };
        std::map<std::string, Series> series;
        std::map<std::vector<std::string>, std::vector<const ScoredAttempt*>> by_item_set;
        for (const ScoredAttempt* a : attempts) {
            int total = 0, total_max = 0;
            std::vector<std::string> ids;
            for (const auto& it : a->items) {
                total += it.points;
                total_max += it.max_points;
                ids.push_back(it.item_id);
            }
            std::sort(ids.begin(), ids.end());
            by_item_set[ids].push_back(a);
            for (const auto& it : a->items) {
                auto& s = series[it.item_id];
                s.x.push_back(it.max_points > 0 ? static_cast<double>(it.points) / it.max_points : 0.0);
                const int rest_max = total_max - it.max_points;
                s.rest.push_back(rest_max > 0 ? static_cast<double>(total - it.points) / rest_max : 0.0);
                for (const auto& o : std::set<std::string>(it.chosen.begin(), it.chosen.end())) ++s.chosen[o];
            }
        }

        for (auto& [item, s] : series) {
            ItemStatistics st;
            st.course_id = course;
            st.item_id = item;
            st.attempts = static_cast<int>(s.x.size());
            st.facility = 100.0 * mean(s.x);
            if (st.attempts >= 2) {
                const double var_x = covariance(s.x, s.x), var_rest = covariance(s.rest, s.rest);
                st.sd = 100.0 * std::sqrt(var_x);
                const double cov = covariance(s.x, s.rest);
                if (var_x > kTiny && var_rest > kTiny) st.discrimination = 100.0 * cov / std::sqrt(var_x * var_rest);
                std::vector<double> xs = s.x, rs = s.rest;
                std::sort(xs.begin(), xs.end());
                std::sort(rs.begin(), rs.end());
                const double cov_max = covariance(xs, rs);
                if (cov_max > kTiny) st.efficiency = 100.0 * cov / cov_max;
            }
            for (const auto& [opt, n] : s.chosen) st.options.push_back({opt, n, 100.0 * n / st.attempts});
            std::stable_sort(st.options.begin(), st.options.end(), [](const OptionCount& a, const OptionCount& b) { return a.chosen > b.chosen; });
            if (st.facility > 95.0) st.flags.push_back("teaches_nothing");
            if (st.discrimination && *st.discrimination < 0) st.flags.push_back("likely_miskeyed");
            if (st.efficiency && *st.efficiency < 15.0 && st.attempts >= 30) st.flags.push_back("dubious");
            report.items.push_back(std::move(st));
        }

        CourseReliability rel;
        rel.course_id = course;
        rel.first_attempts = static_cast<int>(attempts.size());
        rel.item_sets = static_cast<int>(by_item_set.size());
        const std::vector<std::string>* best_set = nullptr;
        const std::vector<const ScoredAttempt*>* best_group = nullptr;
        for (const auto& [ids, group] : by_item_set)
            if (!best_group || group.size() > best_group->size()) {
                best_set = &ids;
                best_group = &group;
            }
        if (best_group) {
            rel.alpha_attempts = static_cast<int>(best_group->size());
            rel.alpha_items = static_cast<int>(best_set->size());
            if (rel.alpha_attempts >= 2 && rel.alpha_items >= 2) {
                std::map<std::string, std::vector<double>> item_points;
                std::vector<double> totals;
                for (const ScoredAttempt* a : *best_group) {
                    double t = 0;
                    for (const auto& it : a->items) {
                        item_points[it.item_id].push_back(it.points);
                        t += it.points;
                    }
                    totals.push_back(t);
                }
                double sum_var = 0;
                for (const auto& [id, pts] : item_points) sum_var += covariance(pts, pts);
                const double var_total = covariance(totals, totals);
                const double p = rel.alpha_items;
                if (var_total > kTiny) rel.alpha = 100.0 * (p / (p - 1.0)) * (1.0 - sum_var / var_total);
            }
        }
        if (rel.item_sets <= 1)
            rel.note = "fixed item set: alpha over all first attempts";
        else
            rel.note = "drawn items (" + std::to_string(rel.item_sets) + " item sets): alpha over the " +
                       std::to_string(rel.alpha_attempts) + " first attempts that share the most common item set";
        if (!rel.alpha) rel.note += "; not enough variation or attempts for alpha";
        report.courses.push_back(std::move(rel));
    }
    return report;
}

ItemStatsReport item_statistics(sqlite3* db) {
    // The first finished attempt of each person at each course: earliest started_at, ties broken by uuid for a stable
    // answer. Chosen in one pass over the attempts (a window function over them cost more than all the rest together),
    // then each one's responses through the (attempt_uuid, item_index) index.
    struct First {
        std::string uuid, course_id;
        std::int64_t started_at = 0;
    };
    std::unordered_map<std::string, First> first;  // staff_id '\x1f' course_id
    {
        sql::Statement st(db, "SELECT uuid, staff_id, course_id, started_at FROM attempts WHERE state = 'finished'");
        while (st.step()) {
            First candidate{st.text(0), st.text(2), st.int64(3)};
            const auto [it, added] = first.try_emplace(st.text(1) + '\x1f' + candidate.course_id, candidate);
            if (!added && std::tie(candidate.started_at, candidate.uuid) < std::tie(it->second.started_at, it->second.uuid))
                it->second = std::move(candidate);
        }
    }
    std::vector<const First*> ordered;
    ordered.reserve(first.size());
    for (const auto& [key, f] : first) ordered.push_back(&f);
    std::sort(ordered.begin(), ordered.end(), [](const First* a, const First* b) { return a->uuid < b->uuid; });

    std::vector<ScoredAttempt> attempts;
    attempts.reserve(ordered.size());
    sql::Statement responses(db, "SELECT item_id, points, max_points, response_json FROM current_responses WHERE attempt_uuid = ?1 ORDER BY item_index");
    for (const First* f : ordered) {
        responses.reset();
        responses.bind(1, f->uuid);
        ScoredAttempt a{f->course_id, f->uuid, {}};
        while (responses.step())
            a.items.push_back({responses.text(0), static_cast<int>(responses.int64(1)), static_cast<int>(responses.int64(2)),
                               chosen_options(responses.text(3))});
        if (!a.items.empty()) attempts.push_back(std::move(a));
    }
    return compute_item_statistics(attempts);
}

namespace {

std::string figure(const std::optional<double>& v) {
    if (!v) return "";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", *v);
    return buf;
}

} // namespace

std::string item_statistics_csv(const ItemStatsReport& report) {
    std::string out =
        "kind,course,item,attempts,facility,sd,discrimination,efficiency,flags,options,alpha,alpha_attempts,alpha_items,item_sets,note\r\n";
    for (const auto& it : report.items) {
        std::string flags, options;
        for (const auto& f : it.flags) flags += (flags.empty() ? "" : ";") + f;
        for (const auto& o : it.options) options += (options.empty() ? "" : ";") + o.option_id + ":" + std::to_string(o.chosen);
        out += "item," + csv_text_cell(it.course_id) + "," + csv_text_cell(it.item_id) + "," + std::to_string(it.attempts) + "," +
               figure(it.facility) + "," + figure(it.sd) + "," + figure(it.discrimination) + "," + figure(it.efficiency) + "," +
               csv_text_cell(flags) + "," + csv_text_cell(options) + ",,,,,\r\n";
    }
    for (const auto& c : report.courses)
        out += "course," + csv_text_cell(c.course_id) + ",," + std::to_string(c.first_attempts) + ",,,,,,," + figure(c.alpha) + "," +
               std::to_string(c.alpha_attempts) + "," + std::to_string(c.alpha_items) + "," + std::to_string(c.item_sets) + "," +
               csv_text_cell(c.note) + "\r\n";
    return out;
}

} // namespace kiosk
