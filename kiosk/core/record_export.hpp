// Exports of the records for other systems: CSV for spreadsheets (formula cells neutralised) and xAPI statements for a
// learning record store. Read from one snapshot, together with the chain heads that snapshot ends in.
#pragma once
#include "record_chain.hpp"
#include "text.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace kiosk {

struct ExportResult {
    std::string text;               // the whole file
    std::size_t rows = 0;           // data rows (CSV) or statements (xAPI)
    std::vector<ChainHead> heads;   // of the snapshot exported
    // attempts or events that disagree with their chained rows in that snapshot: such an export must not be used
    std::vector<ChainProblem> problems;
};

// One CSV cell from data: a cell starting with = + - @ tab or CR gets a leading ' (OWASP CSV injection) so that no
// spreadsheet reads it as a formula, and every text cell is quoted with "" doubled (RFC 4180), so that a spreadsheet
// told to read quoted fields as text keeps staff IDs such as 000123 as they are.
std::string csv_text_cell(std::string_view value);

// ISO 8601 duration to the centisecond, as xAPI asks: 4100 → "PT4.1S", 3723450 → "PT1H2M3.45S", 0 → "PT0S".
std::string iso_duration(std::int64_t ms);

enum class CsvTable { attempts, responses };

// UTF-8 with a BOM (so that Excel reads it as UTF-8), CRLF line ends, a header row in `header_lang`.
// attempts: one row per attempt with the learner, result and completion. responses: one row per answer.
ExportResult export_csv(sqlite3* db, CsvTable table, Lang header_lang);

struct XapiOptions {
    std::string account_home_page = "https://www.city.chiyoda.lg.jp";  // the system the staff IDs belong to
    std::string activity_base = "https://www.city.chiyoda.lg.jp/xapi/social-media-guideline";  // courses, items
};

// xAPI 1.0.3 statements, one JSON object per line: `answered` for every answer, and for every finished attempt
// `completed` (when every item was answered) and `passed` or `failed`. Statement ids are derived from the attempt, verb
// and item, so exporting again gives the same ids and a learning record store keeps one copy.
ExportResult export_xapi(sqlite3* db, const XapiOptions& options);

// A name-based UUID (version 8, RFC 9562) from SHA-256 of `name`.
std::string uuid_from_name(std::string_view name);

} // namespace kiosk
