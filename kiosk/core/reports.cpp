// Completion rates, overdue and due-soon lists, monthly trend and the clause × department mastery heatmap, from SQLite.
#include "reports.hpp"

#include "attempt_store.hpp"
#include "courses.hpp"
#include "dates.hpp"
#include "model.hpp"
#include "record_export.hpp"
#include "sqlite_db.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <set>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kiosk {

namespace {

constexpr std::int64_t kNoExpiry = std::numeric_limits<std::int64_t>::max();

std::string fmt_percent(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

} // namespace

std::vector<ReportCourse> report_courses(const std::vector<Course>& courses) {
    std::vector<ReportCourse> out;
    for (const auto& c : courses)
        if (c.records_completion)
            out.push_back({c.id, c.title, c.valid_days, c.audience.empty() || c.audience == "orientation" || c.audience == "refresher"});
    return out;
}

void ensure_report_indexes(sqlite3* db) {
    const char* sql =
        "CREATE INDEX IF NOT EXISTS completions_by_course ON completions(course_id, staff_id, completed_at);"
        "CREATE INDEX IF NOT EXISTS attempts_by_person ON attempts(staff_id, course_id, started_at);"
        "CREATE INDEX IF NOT EXISTS events_by_kind ON events(kind, staff_id);";
    char* err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "";
        sqlite3_free(err);
        throw StoreError("report indexes: " + msg, sqlite3_extended_errcode(db));
    }
}

std::vector<CourseCompletionReport> completion_report(sqlite3* db, const std::vector<ReportCourse>& courses, EpochMs as_of,
                                                      int due_soon_days) {
    bool roster = false;
    {
        sql::Statement q(db, "SELECT EXISTS(SELECT 1 FROM learners WHERE in_roster = 1)");
        roster = q.step() && q.int64(0) != 0;
    }
    std::vector<CourseCompletionReport> reports;
    for (const auto& course : courses) {
        CourseCompletionReport rep;
        rep.course = course;
        rep.roster_denominator = roster;
        // Per person in the denominator: the newest completion up to the report date and the latest expiry among them.
        sql::Statement q(db,
                "WITH c AS (SELECT staff_id, completed_at, "
                "             CASE WHEN valid_until > 0 THEN valid_until WHEN ?3 > 0 THEN completed_at + ?3 * 86400000 "
                "                  ELSE ?4 END AS expires "
                "           FROM completions WHERE course_id = ?1 AND completed_at <= ?2), "
                "     best AS (SELECT staff_id, MAX(completed_at) AS last, MAX(expires) AS expires FROM c GROUP BY staff_id) "
                "SELECT l.staff_id, l.name, l.department, b.last, b.expires "
                "FROM learners l LEFT JOIN best b ON b.staff_id = l.staff_id WHERE (?5 = 0 OR l.in_roster = 1) "
                "  AND (?6 = 1 OR EXISTS (SELECT 1 FROM attempts a WHERE a.staff_id = l.staff_id AND a.course_id = ?1)) "
                "ORDER BY l.department, l.staff_id");
        q.bind(1, course.id).bind(2, as_of).bind(3, course.valid_days).bind(4, kNoExpiry).bind(5, roster ? 1 : 0);
        q.bind(6, course.everyone ? 1 : 0);
        std::map<std::string, DepartmentCompletion> depts;
        const EpochMs soon = as_of + static_cast<EpochMs>(due_soon_days) * kDayMs;
        while (q.step()) {
            PersonDue p{q.text(0), q.text(1), q.text(2), q.is_null(3) ? 0 : q.int64(3), 0};
            const std::int64_t expires = q.is_null(4) ? 0 : q.int64(4);
            p.valid_until = expires == kNoExpiry ? 0 : expires;
            const bool valid = !q.is_null(3) && expires > as_of;
            auto& d = depts[p.department];
            d.department = p.department;
            ++d.people;
            ++rep.people;
            if (valid) {
                ++d.completed;
                ++rep.completed;
                if (expires != kNoExpiry && expires <= soon) rep.due_soon.push_back(p);
            } else {
                rep.overdue.push_back(p);
            }
        }
        for (auto& [name, d] : depts) rep.departments.push_back(d);
        std::stable_sort(rep.due_soon.begin(), rep.due_soon.end(), [](const PersonDue& a, const PersonDue& b) { return a.valid_until < b.valid_until; });

        sql::Statement t(db,
                "SELECT strftime('%Y-%m', completed_at / 1000, 'unixepoch', 'localtime') AS m, count(*) FROM completions "
                "WHERE course_id = ?1 AND completed_at <= ?2 GROUP BY m ORDER BY m");
        t.bind(1, course.id).bind(2, as_of);
        while (t.step()) rep.trend.push_back({t.text(0), static_cast<int>(t.int64(1))});
        reports.push_back(std::move(rep));
    }
    return reports;
}

bool clause_less(const std::string& a, const std::string& b) {
    const auto parts = [](const std::string& s) {
        std::vector<std::string> out;
        std::size_t i = 0;
        while (true) {
            const std::size_t dot = s.find('.', i);
            out.push_back(s.substr(i, dot == std::string::npos ? std::string::npos : dot - i));
            if (dot == std::string::npos) return out;
            i = dot + 1;
        }
    };
    const auto numeric = [](const std::string& p) {
        return !p.empty() && p.size() < 10 && std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    const auto pa = parts(a), pb = parts(b);
    for (std::size_t k = 0; k < pa.size() && k < pb.size(); ++k) {
        if (pa[k] == pb[k]) continue;
        if (numeric(pa[k]) && numeric(pb[k])) return std::stoi(pa[k]) < std::stoi(pb[k]);
        if (numeric(pa[k]) != numeric(pb[k])) return numeric(pa[k]);  // "4.2" before "4.a"
        return pa[k] < pb[k];
    }
    return pa.size() < pb.size();
}

const HeatCell* Heatmap::cell(const std::string& clause, const std::string& department) const {
    const auto it = cells.find({clause, department});
    return it == cells.end() ? nullptr : &it->second;
}

std::map<std::string, std::vector<std::string>> item_clause_map(const std::vector<Scenario>& scenarios) {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& s : scenarios) out[s.id] = s.clauses;
    return out;
}

Heatmap clause_heatmap(sqlite3* db, const std::map<std::string, std::vector<std::string>>& item_clauses) {
    Heatmap map;
    // Joining a million responses to their attempts row by row is random I/O (seconds on a large file). Instead: each
    // attempt's department first (one row per attempt), then one sequential pass over the responses, summed here.
    // Per attempt: its department and the answers met so far (item index, where they were summed), so that a later
    // answer to the same item (allow_back) replaces the earlier one: rows are scanned in seq order.
    struct Counted {
        std::int32_t item_index;
        std::uint32_t item;
        std::int32_t points, max_points;
    };
    struct AttemptSeen {
        int dept = -1;
        std::vector<Counted> answers;
    };
    std::unordered_map<std::string, AttemptSeen> attempt_dept;
    std::vector<std::string> dept_names;
    {
        std::unordered_map<std::string, int> dept_index;
        sql::Statement q(db, "SELECT a.uuid, COALESCE(l.department, '') FROM attempts a LEFT JOIN learners l ON l.staff_id = a.staff_id");
        while (q.step()) {
            const auto [it, added] = dept_index.try_emplace(q.text(1), static_cast<int>(dept_names.size()));
            if (added) dept_names.push_back(q.text(1));
            attempt_dept.emplace(q.text(0), AttemptSeen{it->second, {}});
        }
    }
    struct Sum {
        long long points = 0, max_points = 0, responses = 0;
    };
    // Item ids are interned as they are met (looked up by string_view, without a copy): per_item[item][department].
    struct ViewHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view v) const { return std::hash<std::string_view>{}(v); }
    };
    std::unordered_map<std::string, std::size_t, ViewHash, std::equal_to<>> item_index;
    std::vector<std::string> item_ids;
    std::vector<std::vector<Sum>> per_item;
    {
        sql::Statement q(db, "SELECT attempt_uuid, item_id, points, max_points, item_index FROM responses NOT INDEXED");
        std::string last_uuid;
        AttemptSeen* seen = nullptr;
        while (q.step()) {
            // Responses of one attempt are stored together, so the attempt lookup is mostly skipped.
            const std::string_view uuid = q.text_view(0), id = q.text_view(1);
            if (!uuid.data() || !id.data()) continue;  // NULL
            if (last_uuid != uuid) {
                last_uuid = uuid;
                const auto it = attempt_dept.find(last_uuid);
                seen = it == attempt_dept.end() ? nullptr : &it->second;
            }
            if (!seen || seen->dept < 0) continue;
            const int dept = seen->dept;
            auto found = item_index.find(id);
            if (found == item_index.end()) {
                found = item_index.emplace(std::string(id), item_ids.size()).first;
                item_ids.emplace_back(id);
                per_item.emplace_back(dept_names.size());
            }
            const auto index = static_cast<std::int32_t>(q.int64(4));
            for (auto a = seen->answers.begin(); a != seen->answers.end(); ++a) {
                if (a->item_index != index) continue;
                Sum& earlier = per_item[a->item][static_cast<std::size_t>(dept)];
                earlier.points -= a->points;
                earlier.max_points -= a->max_points;
                earlier.responses -= 1;
                seen->answers.erase(a);
                break;
            }
            seen->answers.push_back(
                Counted{index, static_cast<std::uint32_t>(found->second), static_cast<std::int32_t>(q.int64(2)), static_cast<std::int32_t>(q.int64(3))});
            Sum& sum = per_item[found->second][static_cast<std::size_t>(dept)];
            sum.points += q.int64(2);
            sum.max_points += q.int64(3);
            sum.responses += 1;
        }
    }
    std::set<std::string> clauses, departments;
    for (std::size_t i = 0; i < item_ids.size(); ++i) {
        const auto it = item_clauses.find(item_ids[i]);
        if (it == item_clauses.end()) continue;
        const std::set<std::string> item_clause_set(it->second.begin(), it->second.end());
        for (std::size_t d = 0; d < dept_names.size(); ++d) {
            const Sum& sum = per_item[i][d];
            if (sum.responses == 0) continue;
            const std::string& dept = dept_names[d];
            departments.insert(dept);
            for (const auto& clause : item_clause_set) {
                clauses.insert(clause);
                HeatCell& c = map.cells[{clause, dept}];
                c.points += sum.points;
                c.max_points += sum.max_points;
                c.responses += sum.responses;
            }
        }
    }
    map.clauses.assign(clauses.begin(), clauses.end());
    std::sort(map.clauses.begin(), map.clauses.end(), clause_less);
    map.departments.assign(departments.begin(), departments.end());
    return map;
}

std::string completion_report_csv(const std::vector<CourseCompletionReport>& reports) {
    std::string out = "kind,course,department,staff_id,name,people,completed,percent,last_completed,valid_until,month,completions\r\n";
    const auto date = [](EpochMs t) { return t ? iso_date(t) : std::string(); };
    for (const auto& r : reports) {
        out += "course," + csv_text_cell(r.course.id) + ",,,," + std::to_string(r.people) + "," + std::to_string(r.completed) + "," +
               fmt_percent(r.percent()) + ",,,,\r\n";
        for (const auto& d : r.departments)
            out += "department," + csv_text_cell(r.course.id) + "," + csv_text_cell(d.department) + ",,," + std::to_string(d.people) + "," +
                   std::to_string(d.completed) + "," + fmt_percent(d.percent()) + ",,,,\r\n";
        for (const auto* list : {&r.overdue, &r.due_soon})
            for (const auto& p : *list)
                out += std::string(list == &r.overdue ? "overdue," : "due_soon,") + csv_text_cell(r.course.id) + "," + csv_text_cell(p.department) +
                       "," + csv_text_cell(p.staff_id) + "," + csv_text_cell(p.name) + ",,,," + date(p.last_completed) + "," +
                       date(p.valid_until) + ",,\r\n";
        for (const auto& m : r.trend)
            out += "month," + csv_text_cell(r.course.id) + ",,,,,,,,," + m.month + "," + std::to_string(m.completions) + "\r\n";
    }
    return out;
}

std::string heatmap_csv(const Heatmap& heatmap) {
    std::string out = "clause,department,points,max_points,percent,responses\r\n";
    for (const auto& clause : heatmap.clauses)
        for (const auto& dept : heatmap.departments)
            if (const HeatCell* c = heatmap.cell(clause, dept))
                out += csv_text_cell(clause) + "," + csv_text_cell(dept) + "," + std::to_string(c->points) + "," + std::to_string(c->max_points) +
                       "," + fmt_percent(c->percent()) + "," + std::to_string(c->responses) + "\r\n";
    return out;
}

} // namespace kiosk
