// Item statistics on each person's first attempt at a course (Moodle's quiz statistics): facility, SD, discrimination,
// discriminative efficiency, option counts, flags, and Cronbach's alpha per course.
#pragma once
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace kiosk {

// One answered item of one attempt, as the statistics need it.
struct ScoredItem {
    std::string item_id;
    int points = 0;
    int max_points = 0;
    std::vector<std::string> chosen;  // option ids ("selected") or choice ids ("path") from response_json
};

struct ScoredAttempt {
    std::string course_id;
    std::string uuid;
    std::vector<ScoredItem> items;
};

struct OptionCount {
    std::string option_id;
    int chosen = 0;
    double percent = 0;  // of the attempts that had the item
};

// Figures are percentages like Moodle's report. The item score x = points / max_points of the item; the rest-of-test
// score X = (attempt points − item points) / (attempt max − item max), so that attempts with different drawn items
// are comparable (for a fixed quiz with fixed marks this is a linear rescaling of Moodle's X: correlations are equal).
struct ItemStatistics {
    std::string course_id;
    std::string item_id;
    int attempts = 0;                         // first attempts that presented the item
    double facility = 0;                      // 100 × mean(x)
    std::optional<double> sd;                 // 100 × sample SD of x (n − 1); needs 2 attempts
    std::optional<double> discrimination;     // 100 × Pearson r(x, X); undefined when x or X does not vary
    std::optional<double> efficiency;         // 100 × cov(x, X) / cov_max(x, X) (both sorted ascending and paired)
    std::vector<OptionCount> options;         // most chosen first
    std::vector<std::string> flags;           // "teaches_nothing" (facility > 95), "likely_miskeyed" (discrimination < 0),
                                              // "dubious" (efficiency < 15 with ≥ 30 attempts)
};

// Cronbach's alpha (Moodle: coefficient of internal consistency) = P/(P−1) × (1 − Σ var(item points) / var(total points)).
// It needs every attempt to have the same items, so for a drawn course it is computed over the largest group of first
// attempts that were presented exactly the same item set; `alpha_attempts` and `note` say which.
struct CourseReliability {
    std::string course_id;
    int first_attempts = 0;
    int item_sets = 0;         // distinct item sets among the first attempts (1 = a fixed quiz)
    int alpha_attempts = 0;    // attempts the alpha is computed over
    int alpha_items = 0;
    std::optional<double> alpha;  // × 100, as Moodle shows it
    std::string note;
};

struct ItemStatsReport {
    std::vector<ItemStatistics> items;      // by course, then item id
    std::vector<CourseReliability> courses;
};

// The computation alone (tests feed hand-made attempts).
ItemStatsReport compute_item_statistics(const std::vector<ScoredAttempt>& first_attempts);

// Reads each person's first finished attempt per course (earliest started_at) and its responses, then computes.
ItemStatsReport item_statistics(sqlite3* db);

// CSV (UTF-8, header row; text cells through csv_text_cell, quoted and formula-safe): one `item` row per item, then one `course` row per course with its alpha.
// Empty cells where a figure is undefined; flags and option counts joined with ';' ("b:12;a:3").
std::string item_statistics_csv(const ItemStatsReport& report);

// The choices recorded in a response_json ({"selected":[…]} or {"path":[…]}); empty when malformed.
std::vector<std::string> chosen_options(const std::string& response_json);

} // namespace kiosk
