// Demonstration records: people, departments and schedules drawn from a seeded generator; every attempt is run through
// Session (draw, option order, scoring, result, completion) and written in batched transactions with valid hash chains.
#include "demo_data.hpp"

#include "attestation.hpp"
#include "content.hpp"
#include "courses.hpp"
#include "dates.hpp"
#include "record_chain.hpp"
#include "reports.hpp"
#include "session.hpp"
#include "sqlite_db.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <cmath>
#include <ctime>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>
#include <unordered_set>

namespace kiosk {

namespace {

// Chiyoda City's organisation (部 and 課, branch offices, libraries), ordered so that any first n spread over the divisions.
const std::vector<std::string> kDepartments = {
    "政策経営部 企画課",           "地域振興部 コミュニティ総務課", "保健福祉部 福祉総務課",     "環境まちづくり部 環境政策課",
    "子ども部 子ども総務課",       "政策経営部 広報広聴課",         "地域振興部 商工観光課",     "保健福祉部 高齢介護課",
    "環境まちづくり部 道路公園課", "子ども部 子ども支援課",         "政策経営部 総務課",         "地域振興部 税務課",
    "保健福祉部 障害者福祉課",     "環境まちづくり部 建築指導課",   "子ども部 学務課",           "会計室",
    "政策経営部 人事課",           "地域振興部 文化振興課",         "千代田保健所 健康推進課",   "環境まちづくり部 まちづくり推進課",
    "区議会事務局",                "麹町出張所",                    "政策経営部 財政課",         "地域振興部 区民生活課",
    "保健福祉部 生活支援課",       "環境まちづくり部 住宅課",       "子ども部 子ども施設課",     "選挙管理委員会事務局",
    "神田公園出張所",              "区立図書館 千代田図書館",       "政策経営部 情報政策課",     "地域振興部 保険年金課",
    "千代田保健所 生活衛生課",     "環境まちづくり部 景観・都市計画課", "子ども部 指導課",      "監査委員事務局",
    "富士見出張所",                "神保町出張所",                  "万世橋出張所",              "和泉橋出張所",
    "政策経営部 施設経営課",       "地域振興部 生涯学習・スポーツ課", "保健福祉部 地域保健課",  "環境まちづくり部 安全生活課",
    "子ども部 児童・家庭支援センター", "区立図書館 日比谷図書文化館",
};

const std::vector<const char*> kSurnames = {
    "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木", "山口", "松本",
    "井上", "木村", "林",   "斎藤", "清水", "山崎", "森",   "池田", "橋本", "阿部", "石川", "山下", "中島", "石井", "小川",
    "前田", "岡田", "長谷川", "藤田", "後藤", "近藤", "村上", "遠藤", "青木", "坂本", "福田", "太田", "西村", "藤井", "金子",
    "岡本", "藤原", "中野", "三浦", "原田", "中川", "松田", "竹内", "小野", "田村", "中山", "和田", "石田", "森田", "上田",
    "原",   "内田", "柴田", "酒井", "宮崎", "横山", "高木", "安藤", "宮本", "大野", "小島", "谷口", "今井", "工藤", "高田",
    "増田", "丸山", "杉山", "村田", "大塚", "新井", "小山", "平野", "藤本", "河野", "上野", "野口", "武田", "松井", "千葉",
    "岩崎", "菅原", "木下", "久保", "佐野", "野村", "松尾", "市川", "菊地", "杉本", "古川", "大西", "島田", "水野", "桜井",
    "高野", "吉川", "山内", "西田", "飯田", "菅野", "中西", "服部", "樋口", "福島", "川口", "永井", "松岡", "田口", "秋山",
};

const std::vector<const char*> kGivenNames = {
    "陽子", "恵子", "京子", "裕子", "直子", "美穂", "久美子", "智子", "由美", "真由美", "明美", "幸子", "愛",   "彩",   "美咲",
    "さくら", "陽菜", "結衣", "葵",  "舞",   "麻衣", "千尋", "奈々", "優子", "香織", "理恵", "紀子", "美紀", "沙織", "瞳",
    "綾",   "真理子", "典子", "友美", "翔太", "大輔", "健太", "拓也", "直樹", "和也", "誠",   "浩",   "剛",   "隆",   "茂",
    "博",   "修",   "健一", "一郎", "大樹", "翔",   "蓮",   "悠斗", "湊",   "颯太", "亮",   "徹",   "聡",   "学",   "達也",
    "雄一", "慎也", "哲也", "秀樹", "孝",   "正樹", "光",   "淳",   "崇",   "智也", "裕介", "美和", "春香", "早紀", "恭平",
};

const std::vector<std::string> kTerminals = {"kiosk-honcho-2f", "kiosk-honcho-5f", "kiosk-honcho-8f"};

enum CourseIx { kOrientation, kRefresher, kOperator, kPractice, kCourseCount };
const char* const kCourseIds[kCourseCount] = {"orientation", "refresher", "operator", "practice"};

double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

struct Person {
    std::string staff_id;
    std::string name;
    int department = 0;
    EpochMs hired = 0;
    EpochMs left = 0;  // 0 = still in the roster
    double ability = 0;
    double punctuality = 0;  // > 0: tends to be early; < 0: tends to be late
    bool operator_role = false;
};

// One planned attempt. `cycle` groups a required attempt with its retake slots: a slot is skipped once the cycle passed.
struct Plan {
    EpochMs at = 0;
    int person = 0;
    std::uint8_t course = 0;
    bool retake = false;
    int cycle = 0;
};

// How a simulated person answers an item: ability against the item's difficulty (and the department's strength in
// the item's section); a mis-keyed item is answered as if its key were wrong, so strong people "miss" it more often.
struct ItemModel {
    double difficulty = 0;
    bool miskeyed = false;
    int section = 0;
};

class Calendar {
public:
    explicit Calendar(EpochMs reference) {
        const std::time_t s = static_cast<std::time_t>(reference / 1000);
        std::tm tm{};
        localtime_r(&s, &tm);
        offset_ms_ = static_cast<EpochMs>(tm.tm_gmtoff) * 1000;
    }
    std::int64_t day_of(EpochMs t) const { return floor_div(t + offset_ms_, kDayMs); }
    EpochMs day_start(std::int64_t day) const { return day * kDayMs - offset_ms_; }
    static int weekday(std::int64_t day) { return static_cast<int>(((day % 7) + 11) % 7); }  // 0 = Sunday; day 0 was a Thursday
    // A moment in office hours (8:45–17:00) on the working day at or after `t`.
    EpochMs office_time(EpochMs t, std::mt19937_64& rng) const {
        std::int64_t d = day_of(t);
        while (weekday(d) == 0 || weekday(d) == 6) ++d;
        std::uniform_int_distribution<EpochMs> minute(8 * 60 + 45, 16 * 60 + 30);
        return day_start(d) + minute(rng) * 60000 + static_cast<EpochMs>(rng() % 60000);
    }
    // April 1 (local) of the fiscal year that contains `t`.
    EpochMs april_first(EpochMs t) const {
        const std::time_t s = static_cast<std::time_t>((t + offset_ms_) / 1000);
        std::tm tm{};
        gmtime_r(&s, &tm);
        const int year = tm.tm_mon >= 3 ? tm.tm_year + 1900 : tm.tm_year + 1899;
        return april_first_of(year);
    }
    EpochMs april_first_of(int year) const { return day_start(days_from_civil(year, 4, 1)); }

private:
    // Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    static std::int64_t days_from_civil(int y, int m, int d) {
        y -= m <= 2;
        const int era = (y >= 0 ? y : y - 399) / 400;
        const int yoe = y - era * 400;
        const int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
        const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
    }
    static std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
    EpochMs offset_ms_ = 0;
};

// One attempt as generated, ready to be written (the generator runs on its own thread, the writer on the caller's).
struct GeneratedAttempt {
    AttemptRecord attempt;
    std::vector<ResponseRecord> responses;
    std::optional<CompletionRecord> completion;
    std::optional<Attestation> attestation;
    std::string terminal;
    EpochMs abandoned_at = 0;  // 0 = finished
};

std::string attempt_detail(const AttemptRecord& a) { return R"({"attempt":")" + a.uuid + R"(","course":")" + a.course_id + "\"}"; }

// The prepared statements of the writer, reused for every row.
struct Writer {
    sqlite3* db;
    sql::Statement learner, attempt, response, completion, event, head;
    struct Chain {
        std::string head = kGenesisHash;
        std::int64_t length = 0;
    };
    std::map<std::string, Chain> chains;
    std::int64_t next_seq;

    explicit Writer(sqlite3* d)
        : db(d),
          learner(d, "INSERT INTO learners(staff_id, name, department, hire_date, in_roster, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6)"),
          attempt(d, "INSERT INTO attempts(uuid, staff_id, course_id, mode, seed, guideline_hash, items_json, started_at, finished_at, "
                     "points, max_points, passed, completed, terminal_id, state) "
                     "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"),
          response(d, "INSERT INTO responses(seq, attempt_uuid, item_index, item_id, response_json, points, max_points, answered_at, "
                      "time_taken_ms, terminal_id, prev_hash, row_hash) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"),
          completion(d, "INSERT INTO completions(seq, attempt_uuid, staff_id, course_id, completed_at, valid_until, points, max_points, "
                        "code, terminal_id, prev_hash, row_hash) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"),
          event(d, "INSERT INTO events(at, kind, staff_id, detail_json, terminal_id) VALUES(?1, ?2, ?3, ?4, ?5)"),
          head(d, "INSERT INTO settings(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
          // after every chained row already there (the store's own terminal key row): seq is shared by the chained tables
          next_seq(1 + sql::query_int(d, "SELECT max(COALESCE((SELECT max(seq) FROM responses), 0), COALESCE((SELECT max(seq) FROM completions), 0), "
                                         "COALESCE((SELECT max(seq) FROM ledger), 0))")) {}

    void add_response(const ResponseRecord& r, const std::string& terminal) {
        Chain& c = chains[terminal];
        const std::string hash = chain_row_hash(c.head, canonical_response(r, terminal));
        response.bind(1, next_seq++).bind(2, r.attempt_uuid).bind(3, r.item_index).bind(4, r.item_id).bind(5, r.response_json);
        response.bind(6, r.points).bind(7, r.max_points).bind(8, r.answered_at).bind(9, r.time_taken_ms).bind(10, terminal);
        response.bind(11, c.head).bind(12, hash).run();
        response.reset();
        c.head = hash;
        ++c.length;
    }

    void add_completion(const CompletionRecord& r, const std::string& terminal) {
        Chain& c = chains[terminal];
        const std::string hash = chain_row_hash(c.head, canonical_completion(r, terminal));
        completion.bind(1, next_seq++).bind(2, r.attempt_uuid).bind(3, r.staff_id).bind(4, r.course_id).bind(5, r.completed_at);
        completion.bind(6, r.valid_until).bind(7, r.points).bind(8, r.max_points).bind(9, r.code).bind(10, terminal);
        completion.bind(11, c.head).bind(12, hash).run();
        completion.reset();
        c.head = hash;
        ++c.length;
    }

    void add_attempt(const AttemptRecord& a) {
        nlohmann::json items = nlohmann::json::array();
        for (std::size_t i = 0; i < a.item_ids.size(); ++i) items.push_back({{"id", a.item_ids[i]}, {"hash", a.item_hashes[i]}});
        attempt.bind(1, a.uuid).bind(2, a.staff_id).bind(3, a.course_id).bind(4, a.mode).bind(5, static_cast<std::int64_t>(a.seed));
        attempt.bind(6, a.guideline_hash).bind(7, items.dump()).bind(8, a.started_at);
        if (a.state == AttemptState::finished) {
            attempt.bind(9, a.finished_at).bind(10, a.points).bind(11, a.max_points).bind(12, a.passed ? 1 : 0).bind(13, a.completed ? 1 : 0);
        } else {
            for (int i = 9; i <= 13; ++i) attempt.bind_null(i);
        }
        attempt.bind(14, a.terminal_id).bind(15, to_string(a.state)).run();
        attempt.reset();
    }

    void add_event(EpochMs at, const char* kind, const std::string& staff, const std::string& detail, const std::string& terminal) {
        event.bind(1, at).bind(2, kind).bind(3, staff).bind(4, detail).bind(5, terminal).run();
        event.reset();
    }

    void write(const GeneratedAttempt& g, DemoSummary& sum) {
        const AttemptRecord& a = g.attempt;
        add_attempt(a);
        add_event(a.started_at, "start", a.staff_id, attempt_detail(a), g.terminal);
        for (const auto& r : g.responses) add_response(r, g.terminal);
        sum.responses += static_cast<long long>(g.responses.size());
        ++sum.attempts;
        sum.events += 2;
        if (g.abandoned_at) {
            add_event(g.abandoned_at, "abandon", a.staff_id, attempt_detail(a), g.terminal);
            return;
        }
        ++sum.finished;
        if (g.completion) {
            add_completion(*g.completion, g.terminal);
            ++sum.completions;
        }
        if (g.attestation) {
            add_event(g.attestation->at, "attestation", a.staff_id, attestation_detail_json(*g.attestation), g.terminal);
            ++sum.events;
            ++sum.attestations;
        }
        add_event(a.finished_at, "finish", a.staff_id, attempt_detail(a), g.terminal);
    }

    void record_heads() {
        for (const auto& [terminal, c] : chains) {
            head.bind(1, chain_head_key(terminal)).bind(2, nlohmann::json{{"length", c.length}, {"head", c.head}}.dump()).run();
            head.reset();
        }
    }
};

class Generator {
public:
    Generator(const Content& content, const DemoOptions& o, EpochMs end)
        : content_(content), o_(o), end_(end), start_(end - static_cast<EpochMs>(o.years) * 365 * kDayMs), cal_(end), rng_(o.seed) {
        for (int c = 0; c < kCourseCount; ++c) courses_[c] = content.course(kCourseIds[c]);
        model_items();
        make_people();
        attested_.assign(people_.size(), false);
        plan_all();
    }

    const std::vector<Person>& people() const { return people_; }
    const std::vector<Plan>& plans() const { return plans_; }
    std::vector<std::string> miskeyed, easy;

    // Runs one planned attempt through Session (appending it to `out`); returns false when the plan was skipped.
    bool run(const Plan& p, std::vector<GeneratedAttempt>& out) {
        const Person& who = people_[static_cast<std::size_t>(p.person)];
        const Course* course = courses_[p.course];
        if (!course) return false;
        if (p.retake && passed_cycle_[{p.person, p.course}] >= p.cycle) return false;
        if (who.left && p.at >= who.left) return false;
        std::mt19937_64 rng(o_.seed ^ (static_cast<std::uint64_t>(p.at) * 0x9E3779B97F4A7C15ULL) ^ static_cast<std::uint64_t>(p.person));
        const std::string& terminal = rng() % 10 == 0 ? kTerminals[rng() % kTerminals.size()] : kTerminals[static_cast<std::size_t>(who.department) % kTerminals.size()];

        // Now and then someone starts, is called away and starts again later: an abandoned attempt first.
        if (!p.retake && rng() % 60 == 0) out.push_back(attempt(who, *course, p.at - 45 * 60000, terminal, rng, true, p));
        out.push_back(attempt(who, *course, p.at, terminal, rng, false, p));
        return true;
    }

private:
    void model_items() {
        std::normal_distribution<double> jitter(0.0, 0.55);
        std::vector<std::size_t> singles;
        for (std::size_t i = 0; i < content_.scenarios.size(); ++i) {
            const Scenario& s = content_.scenarios[i];
            ItemModel m;
            m.difficulty = 0.55 * (s.difficulty - 2) + jitter(rng_);
            const std::string section = section_of_clause(content_.guideline, s.primary_clause());
            m.section = section.empty() ? 0 : section[0] - '0';
            items_[s.id] = m;
            if (s.type == ItemType::single && s.has_audience("refresher") && s.options.size() >= 3) singles.push_back(i);
        }
        // A few items are answered as if mis-keyed, and two are so easy they teach nothing.
        std::shuffle(singles.begin(), singles.end(), rng_);
        for (std::size_t k = 0; k < singles.size() && k < 5; ++k) {
            const std::string& id = content_.scenarios[singles[k]].id;
            if (k < 3) {
                items_[id].miskeyed = true;
                miskeyed.push_back(id);
            } else {
                items_[id].difficulty = -4.5;
                easy.push_back(id);
            }
        }
        std::sort(miskeyed.begin(), miskeyed.end());
        std::sort(easy.begin(), easy.end());
    }

    void make_people() {
        std::normal_distribution<double> normal(0.0, 1.0);
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        const int depts = o_.departments;
        std::vector<double> weight(static_cast<std::size_t>(depts));
        for (auto& wgt : weight) wgt = 0.4 + 1.8 * unit(rng_);
        std::discrete_distribution<int> pick_dept(weight.begin(), weight.end());
        dept_skill_.assign(static_cast<std::size_t>(depts) * 10, 0.0);
        for (auto& v : dept_skill_) v = 0.35 * normal(rng_);
        // The public relations division runs the official accounts: strong on section 5.
        for (int d = 0; d < depts; ++d)
            if (kDepartments[static_cast<std::size_t>(d)].find("広報広聴課") != std::string::npos) dept_skill_[static_cast<std::size_t>(d) * 10 + 5] += 0.8;

        const int leavers = static_cast<int>(std::lround(o_.staff * 0.035 * o_.years));
        std::unordered_set<int> used_ids;
        const EpochMs first_april = cal_.april_first(start_);
        for (int i = 0; i < o_.staff + leavers; ++i) {
            Person p;
            int id = 0;
            do id = 100000 + static_cast<int>(rng_() % 900000);
            while (!used_ids.insert(id).second);
            p.staff_id = std::to_string(id);
            p.name = std::string(kSurnames[rng_() % kSurnames.size()]) + " " + kGivenNames[rng_() % kGivenNames.size()];
            p.department = pick_dept(rng_);
            const bool new_hire = i < o_.staff && unit(rng_) < 0.045 * o_.years;
            if (new_hire) {
                // Hired on an April 1 within the period (most), or mid-career on another day.
                const int year_index = static_cast<int>(rng_() % static_cast<std::uint64_t>(o_.years));
                EpochMs april = first_april + static_cast<EpochMs>(year_index + 1) * 365 * kDayMs;
                april = cal_.april_first(april + 10 * kDayMs);
                p.hired = unit(rng_) < 0.8 ? april : cal_.office_time(start_ + static_cast<EpochMs>(unit(rng_) * static_cast<double>(end_ - start_)), rng_);
                if (p.hired > end_ - 5 * kDayMs) p.hired = end_ - 5 * kDayMs;
            } else {
                const double years_before = 0.3 + std::min(37.0, std::abs(normal(rng_)) * 14.0);
                p.hired = cal_.april_first(start_ - static_cast<EpochMs>(years_before * 365.25 * static_cast<double>(kDayMs)));
            }
            if (i >= o_.staff) p.left = start_ + static_cast<EpochMs>(unit(rng_) * static_cast<double>(end_ - start_));
            const double tenure_years = static_cast<double>(start_ - p.hired) / (365.25 * static_cast<double>(kDayMs));
            p.ability = 0.9 * normal(rng_) + 0.015 * std::clamp(tenure_years, 0.0, 20.0);
            p.punctuality = normal(rng_);
            const bool pr = kDepartments[static_cast<std::size_t>(p.department)].find("広報広聴課") != std::string::npos;
            p.operator_role = unit(rng_) < (pr ? 0.6 : 0.02);
            people_.push_back(std::move(p));
        }
    }

    // When someone takes a course that is due at `due`: early or on time for most, late for some.
    EpochMs take_time(const Person& p, EpochMs due, std::mt19937_64& rng) const {
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        const double late_chance = logistic(-1.7 - 1.2 * p.punctuality);
        double offset_days = 0;
        if (unit(rng) < late_chance) offset_days = 3 + std::exponential_distribution<double>(1.0 / 35.0)(rng);
        else offset_days = -std::min(60.0, std::exponential_distribution<double>(1.0 / 14.0)(rng));
        return cal_.office_time(due + static_cast<EpochMs>(offset_days * static_cast<double>(kDayMs)), rng);
    }

    void plan_required(int person, CourseIx course, EpochMs at, int cycle, std::mt19937_64& rng) {
        if (at >= end_) return;
        plans_.push_back({at, person, static_cast<std::uint8_t>(course), false, cycle});
        // Retake slots: used only if the attempt before did not pass.
        EpochMs retake = at;
        for (int k = 0; k < 2; ++k) {
            retake = cal_.office_time(retake + static_cast<EpochMs>(1 + rng() % 12) * kDayMs, rng);
            if (retake < end_) plans_.push_back({retake, person, static_cast<std::uint8_t>(course), true, cycle});
        }
        if (course == kRefresher) {
            // Self-checks in the weeks before the yearly test.
            std::poisson_distribution<int> practice(2.4);
            for (int n = practice(rng); n > 0; --n) {
                const EpochMs t = cal_.office_time(at - static_cast<EpochMs>(1 + rng() % 21) * kDayMs, rng);
                if (t > start_ && t < end_) plans_.push_back({t, person, static_cast<std::uint8_t>(kPractice), false, 0});
            }
        }
    }

    void plan_all() {
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        for (int i = 0; i < static_cast<int>(people_.size()); ++i) {
            const Person& p = people_[static_cast<std::size_t>(i)];
            std::mt19937_64 rng(o_.seed * 1000003ULL + static_cast<std::uint64_t>(i));
            const EpochMs stop = p.left ? p.left : end_;
            // Orientation: new staff within their first month; everyone else once in the kiosk's first half year.
            if (unit(rng) > 0.025) {
                const EpochMs due = p.hired >= start_ ? p.hired + 30 * kDayMs : start_ + static_cast<EpochMs>(45 + rng() % 140) * kDayMs;
                const EpochMs at = std::max(take_time(p, due, rng), p.hired >= start_ ? p.hired + kDayMs : start_ + 7 * kDayMs);
                if (at < stop) plan_required(i, kOrientation, at, 1, rng);
            }
            // Refresher: yearly; the first due date is spread over the first year (earlier completions predate the kiosk).
            const int operator_offset = 20 + static_cast<int>(rng() % 100);
            EpochMs due = p.hired >= start_ ? p.hired + 365 * kDayMs : start_ + static_cast<EpochMs>(rng() % 365) * kDayMs;
            for (int cycle = 1; due < stop + 60 * kDayMs; ++cycle) {
                if (unit(rng) < 0.025) break;  // stops taking it: overdue from then on
                EpochMs at = take_time(p, due, rng);
                if (at < start_) at = cal_.office_time(start_ + static_cast<EpochMs>(rng() % 10) * kDayMs, rng);
                if (at >= stop) break;
                plan_required(i, kRefresher, at, cycle, rng);
                if (p.operator_role) plan_required(i, kOperator, cal_.office_time(at + operator_offset * kDayMs, rng), cycle, rng);
                due = at + 365 * kDayMs;
            }
            // Some people also practise now and then, outside the weeks before the refresher.
            std::poisson_distribution<int> casual(0.4 * o_.years);
            for (int n = casual(rng); n > 0; --n) {
                const EpochMs t = cal_.office_time(start_ + static_cast<EpochMs>(unit(rng) * static_cast<double>(stop - start_)), rng);
                if (t < stop && t < end_) plans_.push_back({t, i, static_cast<std::uint8_t>(kPractice), false, 0});
            }
        }
        std::sort(plans_.begin(), plans_.end(), [](const Plan& a, const Plan& b) { return a.at != b.at ? a.at < b.at : a.person < b.person; });
    }

    Response answer(const Scenario& s, const Person& who, double practice, std::mt19937_64& rng) const {
        const auto it = items_.find(s.id);
        const ItemModel m = it == items_.end() ? ItemModel{} : it->second;
        const double skill = who.ability + practice +
                             dept_skill_[static_cast<std::size_t>(who.department) * 10 + static_cast<std::size_t>(std::clamp(m.section, 0, 9))];
        const double theta = m.miskeyed ? 0.2 - 1.3 * skill : skill;
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        Response r;
        const std::vector<std::string> key = correct_answer(s);
        if (s.type == ItemType::branching) {
            const Node* n = s.node(s.start);
            for (int step = 0; n && !n->end && !n->choices.empty() && step < 64; ++step) {
                const Choice* best = &n->choices.front();
                for (const auto& c : n->choices)
                    if (c.points > best->points) best = &c;
                const Choice* pick = best;
                if (unit(rng) >= logistic(1.3 * (theta - m.difficulty) + 2.6) && n->choices.size() > 1) {
                    do pick = &n->choices[rng() % n->choices.size()];
                    while (pick == best);
                }
                r.path.push_back(pick->id);
                n = s.node(pick->next);
            }
            return r;
        }
        if (s.type == ItemType::single) {
            if (unit(rng) < logistic(1.3 * (theta - m.difficulty) + 2.4) || s.options.size() < 2) {
                r.selected = key;
            } else {
                // Wrong answers gather on the first distractors (the tempting ones), as in real item analyses.
                std::vector<std::string> wrong;
                for (const auto& o : s.options)
                    if (!o.correct && !o.pinned) wrong.push_back(o.id);
                if (wrong.empty()) r.selected = key;
                else r.selected.push_back(wrong[std::min<std::size_t>(wrong.size() - 1, static_cast<std::size_t>(std::floor(std::pow(unit(rng), 1.8) * static_cast<double>(wrong.size()))))]);
            }
            return r;
        }
        // multiple, hottext, classify: each option judged on its own.
        const std::set<std::string> keyed(key.begin(), key.end());
        const double p = logistic(1.3 * (theta - m.difficulty) + 3.3);
        for (const auto& o : s.options) {
            const bool right = unit(rng) < p;
            if (keyed.count(o.id) ? right : !right) r.selected.push_back(o.id);
        }
        if (s.type == ItemType::classify) {
            // "none" excludes the kinds: someone who ticks kinds leaves it off.
            const bool has_kind = std::any_of(r.selected.begin(), r.selected.end(), [](const std::string& id) { return id != "none"; });
            if (has_kind) r.selected.erase(std::remove(r.selected.begin(), r.selected.end(), "none"), r.selected.end());
        }
        return r;
    }

    GeneratedAttempt attempt(const Person& who, const Course& course, EpochMs at, const std::string& terminal, std::mt19937_64& rng,
                             bool abandon, const Plan& plan) {
        ManualClock clock;
        clock.t = at;
        Learner learner;
        learner.staff_id = who.staff_id;
        const auto seed = static_cast<std::uint64_t>(rng());
        auto session = Session::start(content_, course, learner, nullptr, clock, seed, terminal);
        const int cycles = passed_count_[{plan.person, plan.course == kPractice ? static_cast<std::uint8_t>(kRefresher) : plan.course}];
        std::lognormal_distribution<double> think(std::log(28000.0), 0.5);
        GeneratedAttempt g;
        g.terminal = terminal;
        const std::size_t stop_after = abandon ? 1 + rng() % std::max<std::size_t>(1, session->items().size() / 2) : SIZE_MAX;
        while (session->state() == Session::State::item || session->state() == Session::State::feedback) {
            if (session->state() == Session::State::feedback) {
                clock.advance(4000 + static_cast<EpochMs>(rng() % 20000));  // reads the explanation
                session->next();
                continue;
            }
            if (g.responses.size() >= stop_after) break;
            const std::size_t index = session->current_index();
            const Scenario& item = session->current_item();
            const Response r = answer(item, who, 0.12 * cycles + (plan.retake ? 0.45 : 0.0), rng);
            const EpochMs taken = static_cast<EpochMs>(think(rng) * (item.type == ItemType::branching || item.type == ItemType::classify ? 1.6 : 1.0));
            clock.advance(taken);
            const ItemScore sc = session->answer(r);
            g.responses.push_back({session->attempt().uuid, static_cast<int>(index), item.id, r.to_json(), sc.points, sc.max, clock.now(), taken});
        }
        if (abandon) {
            session->abandon();
            g.attempt = session->attempt();
            g.abandoned_at = clock.now() + 60000;
            return g;
        }
        g.attempt = session->attempt();
        g.completion = session->completion();
        if (g.completion) {
            // Most people confirm the guideline right after their first pass; the least punctual few leave it (due).
            if (!attested_[static_cast<std::size_t>(plan.person)] && who.punctuality > -1.6) {
                attested_[static_cast<std::size_t>(plan.person)] = true;
                g.attestation = Attestation{who.staff_id, content_.guideline.hash, guideline_version_label(content_.guideline), g.attempt.course_id,
                                            g.attempt.uuid, attestation_statement(content_.guideline, Lang::ja),
                                            g.attempt.finished_at + 20000 + static_cast<EpochMs>(rng() % 40000), terminal};
            }
            if (plan.course != kPractice) {
                passed_cycle_[{plan.person, plan.course}] = std::max(passed_cycle_[{plan.person, plan.course}], plan.cycle);
                ++passed_count_[{plan.person, plan.course}];
            }
        }
        return g;
    }

    const Content& content_;
    DemoOptions o_;
    EpochMs end_, start_;
    Calendar cal_;
    std::mt19937_64 rng_;
    const Course* courses_[kCourseCount] = {};
    std::map<std::string, ItemModel> items_;
    std::vector<double> dept_skill_;  // [department * 10 + section]
    std::vector<Person> people_;
    std::vector<Plan> plans_;
    std::map<std::pair<int, std::uint8_t>, int> passed_cycle_;
    std::map<std::pair<int, std::uint8_t>, int> passed_count_;
    std::vector<bool> attested_;  // per person: has confirmed the guideline version
};

} // namespace

const std::vector<std::string>& demo_department_names() { return kDepartments; }

DemoSummary seed_demo_data(AttemptStore& store, const Content& content, const DemoOptions& o,
                           const std::function<void(const DemoSummary&)>& progress) {
    const auto t0 = std::chrono::steady_clock::now();
    if (o.staff < 1 || o.staff > 200000) throw std::invalid_argument("--staff must be between 1 and 200000");
    if (o.departments < 1 || o.departments > static_cast<int>(kDepartments.size()))
        throw std::invalid_argument("--departments must be between 1 and " + std::to_string(kDepartments.size()));
    if (o.years < 1 || o.years > 20) throw std::invalid_argument("--years must be between 1 and 20");
    if (!store.status().ok || store.status().read_only) throw std::invalid_argument("the database cannot be written: " + store.status().message);
    if (!content.course("refresher")) throw std::invalid_argument("the content has no refresher course");
    sqlite3* db = store.handle();
    if (sql::query_int(db, "SELECT (SELECT count(*) FROM learners) + (SELECT count(*) FROM attempts)") > 0)
        throw std::invalid_argument("the database already holds learners or attempts; demonstration data goes into a new, empty file only");

    const EpochMs end = o.end ? o.end : std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    Generator gen(content, o, end);
    DemoSummary sum;
    sum.departments = o.departments;
    sum.miskeyed_items = gen.miskeyed;
    sum.easy_items = gen.easy;

    Writer w(db);
    {
        sql::Transaction tx(db);
        for (const auto& p : gen.people()) {
            w.learner.bind(1, p.staff_id).bind(2, p.name).bind(3, kDepartments[static_cast<std::size_t>(p.department)]);
            w.learner.bind(4, iso_date(p.hired)).bind(5, p.left ? 0 : 1).bind(6, end).run();
            w.learner.reset();
            ++sum.people;
            if (!p.left) ++sum.in_roster;
        }
        w.add_event(end - static_cast<EpochMs>(o.years) * 365 * kDayMs, "roster_import", "",
                    R"({"source":"seed-demo","people":)" + std::to_string(sum.people) + "}", kTerminals[0]);
        ++sum.events;
        tx.commit();
    }

    // Two stages: a generator thread runs the sessions in plan order and hands over batches; this thread writes each
    // batch in one transaction. Order (and so the hash chains and the results) is the same as with one thread.
    struct Pipeline {
        std::mutex m;
        std::condition_variable cv;
        std::deque<std::vector<GeneratedAttempt>> batches;
        bool done = false, stop = false;
        std::exception_ptr error;
        std::thread producer;
        ~Pipeline() {
            {
                std::lock_guard<std::mutex> lock(m);
                stop = true;
            }
            cv.notify_all();
            if (producer.joinable()) producer.join();
        }
    } pipe;
    const int per_tx = std::max(1, o.attempts_per_transaction);
    pipe.producer = std::thread([&] {
        try {
            std::vector<GeneratedAttempt> batch;
            int n = 0;
            const auto hand_over = [&] {
                std::unique_lock<std::mutex> lock(pipe.m);
                pipe.cv.wait(lock, [&] { return pipe.batches.size() < 2 || pipe.stop; });
                if (pipe.stop) return false;
                pipe.batches.push_back(std::move(batch));
                batch.clear();
                n = 0;
                pipe.cv.notify_all();
                return true;
            };
            for (const Plan& plan : gen.plans()) {
                if (gen.run(plan, batch)) ++n;
                if (n >= per_tx && !hand_over()) return;
            }
            if (!batch.empty()) hand_over();
        } catch (...) {
            pipe.error = std::current_exception();
        }
        std::lock_guard<std::mutex> lock(pipe.m);
        pipe.done = true;
        pipe.cv.notify_all();
    });
    while (true) {
        std::vector<GeneratedAttempt> batch;
        {
            std::unique_lock<std::mutex> lock(pipe.m);
            pipe.cv.wait(lock, [&] { return !pipe.batches.empty() || pipe.done; });
            if (pipe.batches.empty()) break;
            batch = std::move(pipe.batches.front());
            pipe.batches.pop_front();
            pipe.cv.notify_all();
        }
        sql::Transaction tx(db);
        for (const auto& g : batch) w.write(g, sum);
        w.record_heads();
        tx.commit();
        sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (progress) progress(sum);
    }
    pipe.producer.join();
    if (pipe.error) std::rethrow_exception(pipe.error);
    ensure_report_indexes(db);
    sql::exec(db, "ANALYZE");
    sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return sum;
}

} // namespace kiosk
