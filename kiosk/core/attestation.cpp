// Attestation of the guideline version: the statement, the `attestation` event, what is due, and the per-person report.
#include "attestation.hpp"

#include "dates.hpp"
#include "guideline.hpp"
#include "record_export.hpp"
#include "sqlite_db.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace kiosk {

std::string guideline_version_label(const Guideline& g) {
    return g.effective_date + " · " + g.hash.substr(0, 8);
}

// A person confirms the guideline by what it calls itself: its date of effect and its title (平成25年10月28日施行の…),
// not by a hash; the version label with the hash is recorded beside the statement for the administrators.
std::string attestation_statement(const Guideline& g, Lang lang) {
    if (lang == Lang::en) {
        std::string when = g.effective_label.en.empty() ? "in force from " + g.effective_date : g.effective_label.en;
        if (!when.empty() && when[0] >= 'A' && when[0] <= 'Z') when[0] = static_cast<char>(when[0] - 'A' + 'a');
        return "I have read and understood the " + g.title.get(Lang::en) + ", " + when + ".";
    }
    const std::string when = g.effective_label.ja.empty() ? g.effective_date + "施行" : g.effective_label.ja;
    return when + "の" + g.title.ja + "を読み、理解しました。";
}

std::string attestation_detail_json(const Attestation& a) {
    const nlohmann::json detail = {{"guideline_hash", a.guideline_hash}, {"version", a.version}, {"course", a.course_id},
                                   {"attempt", a.attempt_uuid}, {"statement", a.statement}};
    return detail.dump();
}

void record_attestation(AttemptStore& store, const Attestation& a) {
    store.log_event("attestation", a.staff_id, attestation_detail_json(a), a.at);
}

namespace {

Attestation from_event(const sql::Statement& st) {
    Attestation a;
    a.staff_id = st.text(0);
    a.at = st.int64(1);
    a.terminal_id = st.text(3);
    try {
        const auto j = nlohmann::json::parse(st.text(2));
        a.guideline_hash = j.value("guideline_hash", "");
        a.version = j.value("version", "");
        a.course_id = j.value("course", "");
        a.attempt_uuid = j.value("attempt", "");
        a.statement = j.value("statement", "");
    } catch (const nlohmann::json::exception&) {
        // An unreadable detail attests nothing: the hash stays empty.
    }
    return a;
}

} // namespace

std::optional<Attestation> attestation_for(sqlite3* db, const std::string& staff_id, const std::string& guideline_hash) {
    sql::Statement st(db,
                      "SELECT staff_id, at, detail_json, terminal_id FROM events WHERE kind = 'attestation' AND staff_id = ?1 "
                      "ORDER BY at DESC, id DESC");
    st.bind(1, staff_id);
    while (st.step()) {
        Attestation a = from_event(st);
        if (a.guideline_hash == guideline_hash) return a;
    }
    return std::nullopt;
}

bool attestation_due(sqlite3* db, const std::string& staff_id, const std::string& guideline_hash) {
    sql::Statement st(db, "SELECT EXISTS(SELECT 1 FROM completions WHERE staff_id = ?1)");
    st.bind(1, staff_id);
    if (!st.step() || st.int64(0) == 0) return false;
    return !attestation_for(db, staff_id, guideline_hash);
}

const char* to_string(PersonAttestation::State s) {
    switch (s) {
    case PersonAttestation::State::current: return "current";
    case PersonAttestation::State::older_version: return "older_version";
    case PersonAttestation::State::due: return "due";
    case PersonAttestation::State::not_yet: return "not_yet";
    }
    return "?";
}

AttestationReport attestation_report(sqlite3* db, const Guideline& g) {
    AttestationReport r;
    r.guideline_hash = g.hash;
    r.version = guideline_version_label(g);
    r.roster_denominator = sql::query_int(db, "SELECT EXISTS(SELECT 1 FROM learners WHERE in_roster = 1)") != 0;

    // Per person: the newest attestation of any version, and whether one is of this version. One pass over the events.
    struct Seen {
        EpochMs newest = 0;
        std::string version;
        bool current = false;
    };
    std::map<std::string, Seen> seen;
    {
        sql::Statement st(db, "SELECT staff_id, at, detail_json, terminal_id FROM events WHERE kind = 'attestation' ORDER BY at, id");
        while (st.step()) {
            const Attestation a = from_event(st);
            if (a.guideline_hash.empty()) continue;
            Seen& s = seen[a.staff_id];
            if (a.at >= s.newest) {
                s.newest = a.at;
                s.version = a.version;
            }
            if (a.guideline_hash == g.hash) s.current = true;
        }
    }
    sql::Statement st(db,
                      "SELECT l.staff_id, l.name, l.department, EXISTS(SELECT 1 FROM completions c WHERE c.staff_id = l.staff_id) "
                      "FROM learners l WHERE (?1 = 0 OR l.in_roster = 1) ORDER BY l.department, l.staff_id");
    st.bind(1, r.roster_denominator ? 1 : 0);
    while (st.step()) {
        PersonAttestation p;
        p.staff_id = st.text(0);
        p.name = st.text(1);
        p.department = st.text(2);
        const bool passed = st.int64(3) != 0;
        const auto it = seen.find(p.staff_id);
        if (it != seen.end()) {
            p.at = it->second.newest;
            p.version = it->second.version;
        }
        using S = PersonAttestation::State;
        if (it != seen.end() && it->second.current) p.state = S::current;
        else if (it != seen.end()) p.state = S::older_version;
        else if (passed) p.state = S::due;
        else p.state = S::not_yet;
        switch (p.state) {
        case S::current: ++r.current; break;
        case S::older_version: ++r.older_version; break;
        case S::due: ++r.due; break;
        case S::not_yet: ++r.not_yet; break;
        }
        r.people.push_back(std::move(p));
    }
    // Who needs to act first; the stable sort keeps department and ID order within each group.
    const auto rank = [](PersonAttestation::State s) {
        switch (s) {
        case PersonAttestation::State::due: return 0;
        case PersonAttestation::State::older_version: return 1;
        case PersonAttestation::State::not_yet: return 2;
        case PersonAttestation::State::current: return 3;
        }
        return 4;
    };
    std::stable_sort(r.people.begin(), r.people.end(), [&](const PersonAttestation& a, const PersonAttestation& b) { return rank(a.state) < rank(b.state); });
    return r;
}

std::string attestation_report_csv(const AttestationReport& r) {
    std::string out = "staff_id,name,department,state,attested_at,attested_version,current_version\r\n";
    for (const auto& p : r.people)
        out += csv_text_cell(p.staff_id) + "," + csv_text_cell(p.name) + "," + csv_text_cell(p.department) + "," + to_string(p.state) + "," +
               (p.at ? iso_timestamp_utc(p.at) : std::string()) + "," + csv_text_cell(p.version) + "," + csv_text_cell(r.version) + "\r\n";
    return out;
}

} // namespace kiosk
