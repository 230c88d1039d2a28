// `kiosk report completions|items|heatmap [--csv]`: the admin screen's figures on the command line, as text tables or CSV.
#include "cli_lang.hpp"
#include "commands.hpp"

#include "core/attempt_store.hpp"
#include "core/attestation.hpp"
#include "core/clock.hpp"
#include "core/content.hpp"
#include "core/dates.hpp"
#include "core/item_stats.hpp"
#include "core/record_evidence.hpp"
#include "core/output_guard.hpp"
#include "core/record_chain.hpp"
#include "core/reports.hpp"
#include "core/text_table.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <sstream>

namespace kiosk::app {

namespace {

struct ReportOptions {
    bool csv = false;
    bool overdue_only = false;
    std::string as_of;  // YYYY-MM-DD; empty = now
    int due_soon_days = 30;
    int list_limit = 10;
    std::string output;  // -o FILE: write here instead of stdout
    bool force = false;
};

std::string pct(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::string opt_pct(const std::optional<double>& v) { return v ? pct(*v) : "-"; }

std::string date_or_dash(EpochMs t) { return t ? iso_date(t) : "-"; }

// Opens the records read-only: a report never writes (not even an index) and works on a copy from another terminal.
// One thread uses the connection, so SQLite's per-call mutex is left out (a scan makes millions of column calls).
// The shared read-only opener: no -wal or -shm is left beside a file nobody has open, and a healthy file in a folder this
// user cannot write is read all the same.
struct ReadOnlyDb {
    sql::Connection conn;
    sqlite3* db = nullptr;
    std::string error;
    bool no_permission = false;
    explicit ReadOnlyDb(const std::string& path) {
        try {
            conn = open_records_read_only(path, SQLITE_OPEN_NOMUTEX);
        } catch (const StoreError& e) {
            error = e.what();
            no_permission = (e.sqlite_code() & 0xff) == SQLITE_CANTOPEN && ::access(path.c_str(), F_OK) == 0 &&
                            ::access(path.c_str(), R_OK) != 0;
            return;
        }
        if (const std::string problem = records_identity_problem(conn.get()); !problem.empty()) {
            error = "not usable: " + problem;
            return;
        }
        db = conn.get();
        // Pages read through a memory map rather than copied by pread: the reports read hundreds of megabytes on a ward's
        // records, and the copies were a fifth of their time.
        sqlite3_exec(db, "PRAGMA mmap_size = 4294967296", nullptr, nullptr, nullptr);
    }
};

// Bars for a monthly trend: "▁▂▃▅▇" scaled to the largest month.
std::string sparkline(const std::vector<MonthCount>& trend) {
    static const char* levels[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    int top = 0;
    for (const auto& m : trend) top = std::max(top, m.completions);
    std::string out;
    for (const auto& m : trend) out += top ? levels[std::min(7, m.completions * 8 / (top + 1))] : levels[0];
    return out;
}

void print_people(const std::vector<PersonDue>& people, const char* expiry_header, int limit) {
    TextTable t({"staff_id", "name", "department", "last completed", expiry_header});
    for (const auto& p : people) {
        if (limit >= 0 && static_cast<int>(t.rows()) >= limit) break;
        t.add_row({p.staff_id, p.name, p.department, date_or_dash(p.last_completed), date_or_dash(p.valid_until)});
    }
    std::cout << t.render("    ");
    if (limit >= 0 && static_cast<int>(people.size()) > limit)
        std::cout << "    … and " << people.size() - static_cast<std::size_t>(limit) << " more (--overdue lists everyone overdue; --csv gives every list)\n";
}

int completions(const ReportOptions& o, const Content& content, sqlite3* db) {
    EpochMs as_of = SystemClock().now();
    if (!o.as_of.empty()) {
        EpochMs day = 0;
        if (!parse_iso_date(o.as_of, day)) {
            std::cerr << "report: --as-of expects a date YYYY-MM-DD, got \"" << o.as_of << "\"\n";
            return 2;
        }
        as_of = day + kDayMs - 1;  // the whole day counts
    }
    const auto reports = completion_report(db, report_courses(content.courses), as_of, o.due_soon_days);
    if (o.csv) {
        if (!o.overdue_only) {
            std::cout << completion_report_csv(reports);
            return 0;
        }
        std::vector<CourseCompletionReport> only = reports;
        for (auto& r : only) {
            r.departments.clear();
            r.due_soon.clear();
            r.trend.clear();
        }
        const std::string csv = completion_report_csv(only);
        // Keep the header and the overdue rows.
        std::size_t pos = 0;
        bool header = true;
        while (pos < csv.size()) {
            const std::size_t end = csv.find("\r\n", pos);
            const std::string line = csv.substr(pos, end - pos);
            if (header || line.rfind("overdue,", 0) == 0) std::cout << line << "\r\n";
            header = false;
            pos = end == std::string::npos ? csv.size() : end + 2;
        }
        return 0;
    }
    const Lang lang = cli_lang();
    std::cout << "Completions as of " << iso_date(as_of) << "\n";
    for (const auto& r : reports) {
        std::cout << "\n" << r.course.title.get(lang) << " (" << r.course.id << ")"
                  << (r.course.valid_days ? ", valid " + std::to_string(r.course.valid_days) + " days" : std::string(", does not expire")) << "\n";
        if (o.overdue_only) {
            std::cout << "  overdue: " << r.overdue.size() << "\n";
            print_people(r.overdue, "expired", -1);
            continue;
        }
        std::cout << "  completed: " << r.completed << " / " << r.people << " (" << pct(r.percent()) << " %) of "
                  << (r.roster_denominator ? "everyone in the roster" : "everyone who has signed in (no roster imported)")
                  << (r.course.everyone ? "" : " who has started this course") << "\n";
        std::cout << "  overdue: " << r.overdue.size() << ", due within " << o.due_soon_days << " days: " << r.due_soon.size() << "\n\n";
        TextTable d({"department", "people", "completed", "%"}, {TextTable::Align::left, TextTable::Align::right, TextTable::Align::right, TextTable::Align::right});
        for (const auto& dept : r.departments)
            d.add_row({dept.department.empty() ? "(unknown)" : dept.department, std::to_string(dept.people), std::to_string(dept.completed), pct(dept.percent())});
        std::cout << d.render("    ");
        if (!r.overdue.empty()) {
            std::cout << "\n  overdue (no valid completion):\n";
            print_people(r.overdue, "expired", o.list_limit);
        }
        if (!r.due_soon.empty()) {
            std::cout << "\n  due soon (expiring within " << o.due_soon_days << " days):\n";
            print_people(r.due_soon, "valid until", o.list_limit);
        }
        if (!r.trend.empty()) {
            std::cout << "\n  completions by month: " << r.trend.front().month << " " << sparkline(r.trend) << " " << r.trend.back().month << "\n";
            TextTable t({"month", "completions"}, {TextTable::Align::left, TextTable::Align::right});
            for (const auto& m : r.trend) t.add_row({m.month, std::to_string(m.completions)});
            std::cout << t.render("    ");
        }
    }
    return 0;
}

const char* flag_meaning(const std::string& f) {
    if (f == "teaches_nothing") return "almost everyone answers it right (facility > 95 %)";
    if (f == "likely_miskeyed") return "people who do well elsewhere do worse here (discrimination < 0): check the key";
    if (f == "dubious") return "hardly related to the rest of the test (efficiency < 15 % with 30+ attempts)";
    return "";
}

int items(const ReportOptions& o, sqlite3* db) {
    const ItemStatsReport r = item_statistics(db);
    if (o.csv) {
        std::cout << item_statistics_csv(r);
        return 0;
    }
    std::cout << "Item statistics on each person's first attempt at each course (Moodle's quiz statistics; figures in %)\n";
    std::vector<std::string> flags_seen;
    for (const auto& c : r.courses) {
        std::cout << "\n" << c.course_id << ": " << c.first_attempts << " first attempts, " << c.item_sets << " item set(s); Cronbach's alpha "
                  << opt_pct(c.alpha) << " (" << c.note << ")\n";
        using A = TextTable::Align;
        TextTable t({"item", "n", "facility", "SD", "discrimination", "efficiency", "most chosen", "flags"},
                    {A::left, A::right, A::right, A::right, A::right, A::right, A::left, A::left});
        for (const auto& it : r.items) {
            if (it.course_id != c.course_id) continue;
            std::string flags, chosen;
            for (const auto& f : it.flags) {
                flags += (flags.empty() ? "" : " ") + f;
                if (std::find(flags_seen.begin(), flags_seen.end(), f) == flags_seen.end()) flags_seen.push_back(f);
            }
            for (std::size_t k = 0; k < it.options.size() && k < 3; ++k)
                chosen += (k ? " " : "") + it.options[k].option_id + ":" + std::to_string(static_cast<int>(it.options[k].percent + 0.5)) + "%";
            t.add_row({it.item_id, std::to_string(it.attempts), pct(it.facility), opt_pct(it.sd), opt_pct(it.discrimination),
                       opt_pct(it.efficiency), chosen, flags});
        }
        std::cout << t.render("  ");
    }
    if (!flags_seen.empty()) {
        std::cout << "\nflags:\n";
        for (const auto& f : flags_seen) std::cout << "  " << f << ": " << flag_meaning(f) << "\n";
    }
    return 0;
}

int heatmap(const ReportOptions& o, const Content& content, sqlite3* db) {
    const Heatmap h = clause_heatmap(db, item_clause_map(content.scenarios));
    if (o.csv) {
        std::cout << heatmap_csv(h);
        return 0;
    }
    std::cout << "Mastery per clause and department (% of points on items citing the clause, all responses)\n\n";
    std::vector<std::string> header{"clause"};
    std::vector<TextTable::Align> align{TextTable::Align::left};
    for (std::size_t i = 0; i < h.departments.size(); ++i) {
        header.push_back("D" + std::to_string(i + 1));
        align.push_back(TextTable::Align::right);
    }
    TextTable t(header, align);
    for (const auto& clause : h.clauses) {
        std::vector<std::string> row{clause};
        for (const auto& dept : h.departments) {
            const HeatCell* c = h.cell(clause, dept);
            row.push_back(c && c->max_points ? std::to_string(static_cast<int>(c->percent() + 0.5)) : "-");
        }
        t.add_row(std::move(row));
    }
    std::cout << t.render("  ") << "\n";
    for (std::size_t i = 0; i < h.departments.size(); ++i)
        std::cout << "  D" << i + 1 << " = " << (h.departments[i].empty() ? "(unknown)" : h.departments[i]) << "\n";
    return 0;
}

int attestations(const ReportOptions& o, const Content& content, sqlite3* db) {
    const AttestationReport r = attestation_report(db, content.guideline);
    if (o.csv) {
        std::cout << attestation_report_csv(r);
        return 0;
    }
    std::cout << "Attestations of the guideline, version " << r.version << " (" << (r.roster_denominator ? "everyone in the roster" : "everyone who has signed in")
              << ")\n";
    std::cout << "  confirmed this version: " << r.current << "\n  confirmed an earlier version only: " << r.older_version
              << "\n  passed a course, never confirmed: " << r.due << "\n  nothing passed yet: " << r.not_yet << "\n\n";
    TextTable t({"staff_id", "name", "department", "state", "last confirmed", "version"});
    int listed = 0;
    for (const auto& p : r.people) {
        if (p.state == PersonAttestation::State::current) continue;
        if (listed++ >= o.list_limit) break;
        t.add_row({p.staff_id, p.name, p.department, to_string(p.state), date_or_dash(p.at), p.version.empty() ? "-" : p.version});
    }
    std::cout << "  to confirm:\n" << t.render("    ");
    const int waiting = r.due + r.older_version + r.not_yet;
    if (waiting > o.list_limit) std::cout << "    … and " << waiting - o.list_limit << " more (--csv lists everyone)\n";
    return 0;
}

int run(const std::string& which, const ReportOptions& o, const GlobalOptions& global) {
    const std::string db_path = resolve_db_path(global);
    if (const OutputCheck check = may_write_output(o.output.empty() ? "-" : o.output, OutputUse::replace_file, o.force, protected_db_paths(global)); !check.ok) {
        std::cerr << "report: " << check.reason << "\n";
        return 2;
    }
    ReadOnlyDb db(db_path);
    if (!db.error.empty()) {
        std::cerr << "report: " << db_path << ": " << db.error << "\n";
        return db.no_permission ? kExitNoPermission : 3;
    }
    // What decides a result is evidence: attempts or audit events that disagree with their chained rows are named on
    // every report (the completion figures themselves come from the chained completions).
    try {
        const auto problems = evidence_problems(db.db);
        for (const auto& p : problems) std::cerr << "report: PROBLEM " << p.describe() << "\n";
        if (!problems.empty()) std::cerr << "report: these records do not match their chained rows; run `kiosk verify` and keep the file as it is\n";
    } catch (const StoreError&) {
        // a file from before the ledger (schema 1) has nothing to compare
    }
    // With -o the report is collected and written beside the file, then renamed: the same path as every other output.
    std::ostringstream collected;
    std::streambuf* const console = o.output.empty() ? nullptr : std::cout.rdbuf(collected.rdbuf());
    int rc = 3;
    try {
        if (which == "items") {
            rc = items(o, db.db);
        } else {
            const Content content = load_content(resolve_content_dir(global), resolve_scenarios_dir(global));
            rc = which == "completions" ? completions(o, content, db.db) : which == "attestations" ? attestations(o, content, db.db)
                                                                                                  : heatmap(o, content, db.db);
        }
    } catch (const StoreError& e) {
        if (console) std::cout.rdbuf(console);
        std::cerr << "report: " << e.what() << "\n";
        return 3;
    }
    if (!console) return rc;
    std::cout.rdbuf(console);
    std::string error;
    if (!write_output_file(o.output, collected.str(), error)) {
        std::cerr << "report: " << error << "\n";
        return 3;
    }
    return rc;
}

Runner setup(CLI::App& sub, const GlobalOptions& global) {
    sub.require_subcommand(1, 1);
    auto o = std::make_shared<ReportOptions>();
    CLI::App* comp = sub.add_subcommand("completions", "completion rate per course, overall and by department; overdue and due-soon people; trend by month");
    comp->add_flag("--csv", o->csv, "CSV instead of text tables");
    comp->add_flag("--overdue", o->overdue_only, "only the people without a valid completion, all of them");
    comp->add_option("--as-of", o->as_of, "report date YYYY-MM-DD (default: today); completions up to the end of that day count");
    comp->add_option("--due-soon-days", o->due_soon_days, "a completion expiring within this many days is 'due soon'")->check(CLI::Range(1, 365));
    comp->add_option("--list", o->list_limit, "people listed per list in the text output")->check(CLI::Range(0, 1000000));
    CLI::App* items = sub.add_subcommand("items", "item statistics (facility, SD, discrimination, efficiency, flags) and Cronbach's alpha per course");
    items->add_flag("--csv", o->csv, "CSV instead of text tables");
    CLI::App* heat = sub.add_subcommand("heatmap", "mastery per guideline clause and department");
    heat->add_flag("--csv", o->csv, "CSV instead of a text table");
    CLI::App* att = sub.add_subcommand("attestations", "who has confirmed the current guideline version, who must (again)");
    att->add_flag("--csv", o->csv, "CSV instead of text");
    att->add_option("--list", o->list_limit, "people listed in the text output")->check(CLI::Range(0, 1000000));
    for (CLI::App* s : {comp, items, heat, att}) {
        s->fallthrough();
        s->add_option("-o,--output", o->output, "write the report to this file (beside it first, then renamed) instead of stdout");
        s->add_flag("--force", o->force, "replace an existing file (never a records database)");
    }
    return [o, comp, items, att, &global] {
        return run(comp->parsed() ? "completions" : items->parsed() ? "items" : att->parsed() ? "attestations" : "heatmap", *o, global);
    };
}

const bool registered = register_command({"report", "reports from the records: completions, items, heatmap, attestations (text or --csv)", setup});

} // namespace

} // namespace kiosk::app
