// CSV and xAPI exports of the records, each read inside one read transaction so the rows and the chain heads agree.
#include "record_export.hpp"

#include "dates.hpp"
#include "hash.hpp"
#include "record_evidence.hpp"
#include "sqlite_db.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <map>

namespace kiosk {

std::string csv_text_cell(std::string_view value) {
    std::string out = "\"";
    if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' || value[0] == '\t' || value[0] == '\r'))
        out += '\'';
    for (const char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string iso_duration(std::int64_t ms) {
    if (ms < 0) ms = 0;
    const std::int64_t cs = (ms + 5) / 10;  // centiseconds, rounded
    const std::int64_t h = cs / 360000, m = cs / 6000 % 60, s = cs / 100 % 60, frac = cs % 100;
    std::string out = "PT";
    if (h) out += std::to_string(h) + "H";
    if (m) out += std::to_string(m) + "M";
    if (s || frac || (!h && !m)) {
        out += std::to_string(s);
        if (frac) {
            char buf[8];
            std::snprintf(buf, sizeof buf, ".%02d", static_cast<int>(frac));
            std::string f = buf;
            if (f.back() == '0') f.pop_back();
            out += f;
        }
        out += "S";
    }
    return out;
}

std::string uuid_from_name(std::string_view name) {
    std::string hex = sha256_hex(name).substr(0, 32);
    hex[12] = '8';  // version 8: custom, here SHA-256 of a name
    static const char* variant = "89ab";
    hex[16] = variant[std::stoi(hex.substr(16, 1), nullptr, 16) & 3];  // RFC 4122 variant bits 10xx
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" + hex.substr(20);
}

namespace {

std::string number_cell(const sql::Statement& st, int column) { return st.is_null(column) ? "" : std::to_string(st.int64(column)); }

// A REAL column as a plain decimal: up to 4 places, trailing zeros dropped (2, 0.6667).
std::string real_cell(const sql::Statement& st, int column) {
    if (st.is_null(column)) return "";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", st.real(column));
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

// The percentage that decided the attempt: marks earned of the attempt's marks.
std::string percent_cell(const sql::Statement& st, int marks, int max) {
    if (st.is_null(marks) || st.is_null(max) || !(st.real(max) > 0)) return "";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", 100.0 * st.real(marks) / st.real(max));
    return buf;
}

std::string time_cell(const sql::Statement& st, int column) { return st.is_null(column) ? "" : iso_local_timestamp(st.int64(column)); }

std::string header(const std::vector<std::pair<const char*, const char*>>& columns, Lang lang) {
    std::string out;
    for (std::size_t i = 0; i < columns.size(); ++i) out += (i ? "," : "") + csv_text_cell(lang == Lang::ja ? columns[i].first : columns[i].second);
    return out + "\r\n";
}

void export_attempts(sqlite3* db, Lang lang, ExportResult& out) {
    out.text += header({{"職員番号", "staff_id"},
                        {"氏名", "name"},
                        {"所属", "department"},
                        {"研修", "course"},
                        {"形式", "mode"},
                        {"状態", "state"},
                        {"開始日時", "started_at"},
                        {"終了日時", "finished_at"},
                        {"得点", "points"},
                        {"満点", "max_points"},
                        {"正答率(%)", "percent"},
                        {"合格", "passed"},
                        {"全問回答", "completed"},
                        {"修了コード", "completion_code"},
                        {"修了日時", "completed_at"},
                        {"有効期限", "valid_until"},
                        {"端末", "terminal"},
                        {"受講ID", "attempt_uuid"},
                        {"ガイドライン版", "guideline_hash"},
                        {"評点", "marks"},
                        {"評点満点", "max_marks"}},
                       lang);
    sql::Statement st(db, R"SQL(
SELECT a.staff_id, COALESCE(l.name, ''), COALESCE(l.department, ''), a.course_id, a.mode, a.state, a.started_at, a.finished_at,
       a.points, a.max_points, a.passed, a.completed, c.code, c.completed_at, c.valid_until, a.terminal_id, a.uuid, a.guideline_hash,
       COALESCE(a.marks, a.points), COALESCE(a.max_marks, a.max_points)
  FROM attempts a LEFT JOIN learners l ON l.staff_id = a.staff_id LEFT JOIN completions c ON c.attempt_uuid = a.uuid
 ORDER BY a.started_at, a.uuid)SQL");
    while (st.step()) {
        std::string row;
        for (int i : {0, 1, 2, 3, 4, 5}) row += csv_text_cell(st.text(i)) + ",";
        row += time_cell(st, 6) + "," + time_cell(st, 7) + "," + number_cell(st, 8) + "," + number_cell(st, 9) + "," + percent_cell(st, 18, 19) +
               "," + number_cell(st, 10) + "," + number_cell(st, 11) + ",";
        row += (st.is_null(12) ? "" : csv_text_cell(st.text(12))) + "," + time_cell(st, 13) + ",";
        row += st.is_null(14) ? "," : (st.int64(14) == 0 ? std::string(",") : iso_local_timestamp(st.int64(14)) + ",");
        row += csv_text_cell(st.text(15)) + "," + csv_text_cell(st.text(16)) + "," + csv_text_cell(st.text(17)) + ",";
        row += real_cell(st, 18) + "," + real_cell(st, 19);
        out.text += row + "\r\n";
        ++out.rows;
    }
}

void export_responses(sqlite3* db, Lang lang, ExportResult& out) {
    out.text += header({{"職員番号", "staff_id"},
                        {"氏名", "name"},
                        {"所属", "department"},
                        {"研修", "course"},
                        {"受講ID", "attempt_uuid"},
                        {"出題順", "item_index"},
                        {"設問ID", "item_id"},
                        {"回答", "response"},
                        {"得点", "points"},
                        {"満点", "max_points"},
                        {"回答日時", "answered_at"},
                        {"所要時間(ミリ秒)", "time_taken_ms"},
                        {"端末", "terminal"},
                        {"連番", "seq"},
                        {"行ハッシュ", "row_hash"},
                        {"得点率", "fraction"},
                        {"配点", "mark"}},
                       lang);
    sql::Statement st(db, R"SQL(
SELECT a.staff_id, COALESCE(l.name, ''), COALESCE(l.department, ''), a.course_id, r.attempt_uuid, r.item_index, r.item_id,
       r.response_json, r.points, r.max_points, r.answered_at, r.time_taken_ms, r.terminal_id, r.seq, r.row_hash,
       COALESCE(r.fraction, CASE WHEN r.max_points > 0 THEN r.points * 1.0 / r.max_points ELSE 0.0 END), COALESCE(r.mark, r.max_points)
  FROM current_responses r JOIN attempts a ON a.uuid = r.attempt_uuid LEFT JOIN learners l ON l.staff_id = a.staff_id
 ORDER BY r.terminal_id, r.seq)SQL");
    while (st.step()) {
        std::string row;
        for (int i : {0, 1, 2, 3, 4}) row += csv_text_cell(st.text(i)) + ",";
        row += number_cell(st, 5) + "," + csv_text_cell(st.text(6)) + "," + csv_text_cell(st.text(7)) + "," + number_cell(st, 8) + "," +
               number_cell(st, 9) + "," + time_cell(st, 10) + "," + number_cell(st, 11) + "," + csv_text_cell(st.text(12)) + "," +
               number_cell(st, 13) + "," + csv_text_cell(st.text(14)) + "," + real_cell(st, 15) + "," + real_cell(st, 16);
        out.text += row + "\r\n";
        ++out.rows;
    }
}

// ---- xAPI ----

using ojson = nlohmann::ordered_json;

constexpr const char* kVerbBase = "http://adlnet.gov/expapi/verbs/";

ojson verb(const std::string& name, const char* ja) {
    return ojson{{"id", kVerbBase + name}, {"display", ojson{{"en-US", name}, {"ja-JP", ja}}}};
}

double scaled(std::int64_t points, std::int64_t max) {
    if (max <= 0) return 0.0;
    return std::round(10000.0 * static_cast<double>(points) / static_cast<double>(max)) / 10000.0;
}

ojson score(std::int64_t points, std::int64_t max) {
    return ojson{{"scaled", scaled(points, max)}, {"raw", points}, {"min", 0}, {"max", max}};
}

struct AttemptRow;
ojson marks_score(const AttemptRow& a);

struct AttemptRow {
    std::string uuid, staff_id, name, course_id, mode, state, guideline_hash, terminal_id;
    EpochMs started_at = 0, finished_at = 0;
    bool finished = false;
    std::int64_t points = 0, max_points = 0;
    double marks = 0, max_marks = 0;
    bool passed = false, completed = false;
    std::int64_t answer_ms = 0;
    std::map<int, std::string> item_hashes;
};

// An attempt's score is what decided it: marks earned of its marks (scaled = the percentage / 100); the points
// on the items' own scales go along as result extensions.
ojson marks_score(const AttemptRow& a) {
    const double scaled_marks = a.max_marks > 0 ? std::round(10000.0 * a.marks / a.max_marks) / 10000.0 : 0.0;
    return ojson{{"scaled", scaled_marks}, {"raw", std::round(10000.0 * a.marks) / 10000.0}, {"min", 0}, {"max", a.max_marks}};
}

ojson actor(const AttemptRow& a, const XapiOptions& o) {
    ojson actor{{"objectType", "Agent"}};
    if (!a.name.empty()) actor["name"] = a.name;
    actor["account"] = ojson{{"homePage", o.account_home_page}, {"name", a.staff_id}};
    return actor;
}

ojson course_activity(const AttemptRow& a, const XapiOptions& o) {
    return ojson{{"objectType", "Activity"},
                 {"id", o.activity_base + "/courses/" + a.course_id},
                 {"definition", ojson{{"type", "http://adlnet.gov/expapi/activities/course"}, {"name", ojson{{"und", a.course_id}}}}}};
}

ojson context(const AttemptRow& a, const XapiOptions& o, bool with_parent) {
    ojson activities = ojson::object();
    if (with_parent) activities["parent"] = ojson::array({ojson{{"objectType", "Activity"}, {"id", o.activity_base + "/courses/" + a.course_id}}});
    activities["grouping"] = ojson::array({ojson{{"objectType", "Activity"}, {"id", o.activity_base}}});
    return ojson{{"registration", a.uuid},
                 {"contextActivities", activities},
                 {"revision", a.guideline_hash},
                 {"platform", "Chiyoda City training kiosk"},
                 {"language", "ja-JP"},
                 {"extensions",
                  ojson{{o.activity_base + "/extensions/content-version", a.guideline_hash},
                        {o.activity_base + "/extensions/course", a.course_id},
                        {o.activity_base + "/extensions/mode", a.mode},
                        {o.activity_base + "/extensions/terminal", a.terminal_id}}}};
}

// xAPI's cmi.interaction response format: ids separated by "[,]".
std::string interaction_response(const std::string& response_json, std::string& interaction_type) {
    interaction_type = "other";
    const auto j = nlohmann::json::parse(response_json, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return response_json;
    const char* key = j.contains("selected") ? "selected" : j.contains("path") ? "path" : nullptr;
    if (!key || !j[key].is_array()) return response_json;
    interaction_type = std::string(key) == "selected" ? "choice" : "sequencing";
    std::string out;
    for (const auto& id : j[key]) {
        if (!out.empty()) out += "[,]";
        out += id.is_string() ? id.get<std::string>() : id.dump();
    }
    return out;
}

std::string statement_line(ojson s) {
    return s.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

} // namespace

ExportResult export_csv(sqlite3* db, CsvTable table, Lang header_lang) {
    ExportResult out;
    sql::Transaction snapshot(db, sql::Transaction::Kind::deferred);
    out.text = "\xEF\xBB\xBF";
    if (table == CsvTable::attempts) export_attempts(db, header_lang, out);
    else export_responses(db, header_lang, out);
    out.heads = chain_heads(db);
    out.problems = evidence_problems(db);
    return out;
}

ExportResult export_xapi(sqlite3* db, const XapiOptions& o) {
    ExportResult out;
    sql::Transaction snapshot(db, sql::Transaction::Kind::deferred);
    std::map<std::string, AttemptRow> attempts;
    {
        sql::Statement st(db, R"SQL(
SELECT a.uuid, a.staff_id, COALESCE(l.name, ''), a.course_id, a.mode, a.state, a.guideline_hash, a.terminal_id, a.started_at,
       a.finished_at, a.points, a.max_points, a.passed, a.completed, a.items_json,
       (SELECT COALESCE(sum(time_taken_ms), 0) FROM current_responses r WHERE r.attempt_uuid = a.uuid),
       COALESCE(a.marks, a.points, 0), COALESCE(a.max_marks, a.max_points, 0)
  FROM attempts a LEFT JOIN learners l ON l.staff_id = a.staff_id)SQL");
        while (st.step()) {
            AttemptRow a;
            a.uuid = st.text(0);
            a.staff_id = st.text(1);
            a.name = st.text(2);
            a.course_id = st.text(3);
            a.mode = st.text(4);
            a.state = st.text(5);
            a.guideline_hash = st.text(6);
            a.terminal_id = st.text(7);
            a.started_at = st.int64(8);
            a.finished = !st.is_null(9) && a.state == "finished";
            a.finished_at = st.is_null(9) ? 0 : st.int64(9);
            a.points = st.int64(10);
            a.max_points = st.int64(11);
            a.passed = st.int64(12) != 0;
            a.completed = st.int64(13) != 0;
            const auto items = nlohmann::json::parse(st.text(14), nullptr, false);
            if (items.is_array())
                for (std::size_t i = 0; i < items.size(); ++i)
                    if (items[i].is_object() && items[i].contains("hash") && items[i]["hash"].is_string())
                        a.item_hashes[static_cast<int>(i)] = items[i]["hash"].get<std::string>();
            a.answer_ms = st.int64(15);
            a.marks = st.real(16);
            a.max_marks = st.real(17);
            attempts.emplace(a.uuid, std::move(a));
        }
    }
    // In the order things happened on each terminal: answers, then each finished attempt's outcome after its last answer.
    sql::Statement st(db, R"SQL(
SELECT kind, attempt_uuid, item_index, item_id, response_json, points, max_points, at, time_taken_ms, mark FROM (
  SELECT 0 AS kind, attempt_uuid, item_index, item_id, response_json, points, max_points, answered_at AS at, time_taken_ms, terminal_id, seq,
         COALESCE(mark, max_points) AS mark
    FROM current_responses
  UNION ALL
  SELECT 1, uuid, NULL, NULL, NULL, points, max_points, finished_at, NULL, terminal_id, NULL, NULL
    FROM attempts WHERE state = 'finished' AND finished_at IS NOT NULL)
 ORDER BY at, kind, terminal_id, seq)SQL");
    while (st.step()) {
        const auto it = attempts.find(st.text(1));
        if (it == attempts.end()) continue;
        const AttemptRow& a = it->second;
        if (st.int64(0) == 0) {
            const int index = static_cast<int>(st.int64(2));
            std::string type;
            const std::string response = interaction_response(st.text(4), type);
            const std::int64_t points = st.int64(5), max = st.int64(6);
            ojson definition{{"type", "http://adlnet.gov/expapi/activities/cmi.interaction"}, {"interactionType", type}};
            ojson object{{"objectType", "Activity"}, {"id", o.activity_base + "/items/" + st.text(3)}, {"definition", definition}};
            ojson ctx = context(a, o, true);
            if (const auto h = a.item_hashes.find(index); h != a.item_hashes.end())
                ctx["extensions"][o.activity_base + "/extensions/item-hash"] = h->second;
            ctx["extensions"][o.activity_base + "/extensions/item-index"] = index;
            ctx["extensions"][o.activity_base + "/extensions/mark"] = st.real(9);
            out.text += statement_line(ojson{
                {"id", uuid_from_name("answered\n" + a.uuid + "\n" + std::to_string(index))},
                {"actor", actor(a, o)},
                {"verb", verb("answered", "回答した")},
                {"object", object},
                {"result", ojson{{"score", score(points, max)},
                                 {"success", points == max},
                                 {"completion", true},
                                 {"response", response},
                                 {"duration", iso_duration(st.int64(8))}}},
                {"context", ctx},
                {"timestamp", iso_utc_timestamp_ms(st.int64(7))},
                {"version", "1.0.3"}});
            ++out.rows;
            continue;
        }
        if (!a.finished) continue;
        std::vector<std::pair<std::string, const char*>> verbs;
        if (a.completed) verbs.emplace_back("completed", "完了した");
        verbs.emplace_back(a.passed ? "passed" : "failed", a.passed ? "合格した" : "不合格だった");
        for (const auto& [name, ja] : verbs) {
            out.text += statement_line(ojson{{"id", uuid_from_name(name + "\n" + a.uuid)},
                                             {"actor", actor(a, o)},
                                             {"verb", verb(name, ja)},
                                             {"object", course_activity(a, o)},
                                             {"result", ojson{{"score", marks_score(a)},
                                                              {"success", a.passed},
                                                              {"completion", a.completed},
                                                              {"duration", iso_duration(a.answer_ms)},
                                                              {"extensions", ojson{{o.activity_base + "/extensions/points", a.points},
                                                                                   {o.activity_base + "/extensions/max-points", a.max_points}}}}},
                                             {"context", context(a, o, false)},
                                             {"timestamp", iso_utc_timestamp_ms(a.finished_at)},
                                             {"version", "1.0.3"}});
            ++out.rows;
        }
    }
    out.heads = chain_heads(db);
    out.problems = evidence_problems(db);
    return out;
}

} // namespace kiosk
