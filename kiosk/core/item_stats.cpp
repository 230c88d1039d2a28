// Item statistics: Moodle's quiz statistics formulas over first attempts, and the reading of first attempts from SQLite.
#include "item_stats.hpp"

#include "attempt_store.hpp"
#include "record_export.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

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

std::vector<std::string> chosen_options(const std::string& response_json) {
    std::vector<std::string> out;
    const auto j = nlohmann::json::parse(response_json, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return out;
    for (const char* key : {"selected", "path"}) {
        const auto it = j.find(key);
        if (it == j.end() || !it->is_array()) continue;
        for (const auto& v : *it)
            if (v.is_string()) out.push_back(v.get<std::string>());
    }
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
    // The first finished attempt of each person at each course; ties on started_at are broken by uuid for a stable answer.
    const char* sql =
        "WITH ranked AS (SELECT uuid, course_id, ROW_NUMBER() OVER (PARTITION BY staff_id, course_id ORDER BY started_at, uuid) AS n "
        "                FROM attempts WHERE state = 'finished') "
        "SELECT f.course_id, f.uuid, r.item_id, r.points, r.max_points, r.response_json "
        "FROM ranked f JOIN responses r ON r.attempt_uuid = f.uuid WHERE f.n = 1 ORDER BY f.uuid, r.item_index";
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK)
        throw StoreError(std::string("item statistics: ") + sqlite3_errmsg(db), sqlite3_extended_errcode(db));
    std::vector<ScoredAttempt> attempts;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const auto text = [&](int c) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, c))); };
        const std::string uuid = text(1);
        if (attempts.empty() || attempts.back().uuid != uuid) attempts.push_back({text(0), uuid, {}});
        attempts.back().items.push_back({text(2), sqlite3_column_int(st, 3), sqlite3_column_int(st, 4), chosen_options(text(5))});
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) throw StoreError(std::string("item statistics: ") + sqlite3_errmsg(db), sqlite3_extended_errcode(db));
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
