// Staff roster import: the personnel office's CSV (UTF-8 or Excel's Shift-JIS) into `learners`, with a reason per bad line.
#pragma once
#include "attempt_store.hpp"
#include "records.hpp"
#include "text.hpp"

#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace kiosk {

struct RosterEntry {
    int line = 0;  // where the record starts in the file (1-based; a quoted field may span lines)
    Learner learner;
};

struct RosterProblem {
    int line = 0;  // 0 = the file as a whole
    Text reason;
};

struct RosterParse {
    std::string encoding;  // "UTF-8", "UTF-8 (BOM)" or "CP932"
    bool has_header = false;
    std::vector<RosterEntry> entries;
    std::vector<RosterProblem> problems;
    std::vector<std::string> ids_on_bad_lines;  // valid staff IDs on lines refused for another reason
};

// Bytes → UTF-8: a UTF-8 BOM is dropped; valid UTF-8 stays; anything else is read as CP932 (Shift-JIS as Excel writes it).
// Returns false (and leaves `out` empty) when the bytes are neither.
bool roster_text_to_utf8(std::string_view bytes, std::string& out, std::string& encoding);

// RFC 4180 records (quoted fields, "" inside quotes, CRLF or LF, line breaks inside quotes) with the 1-based line each starts on.
// A quote where RFC 4180 has none is a slip that moves every later field (one stray opening quote swallows the lines
// after it into one name): each is reported with the line it is on.
enum class CsvQuoteSlip { none, inside_field, after_closing_quote, swallows_records, not_closed };
struct CsvRecord {
    int line = 0;
    std::vector<std::string> fields;
    CsvQuoteSlip slip = CsvQuoteSlip::none;
    int slip_line = 0;  // the line of the quote in question
};
std::vector<CsvRecord> parse_csv(std::string_view utf8, bool& unterminated_quote);

// Columns: staff ID, name, department, hire date, in that order, or in any order under a header row in Japanese
// (職員番号, 氏名, 所属, 採用日) or English (staff_id, name, department, hire_date). Staff IDs are digits (full-width
// digits are accepted and converted); hire dates are YYYY-MM-DD or YYYY/M/D and stored as YYYY-MM-DD; name is required.
RosterParse parse_roster_csv(std::string_view bytes);

struct RosterImportResult {
    RosterParse parse;
    int added = 0;        // new learners
    int updated = 0;      // learners already known (from an earlier roster or a sign-in)
    int left_roster = 0;  // listed by the previous import, not by this one (kept, marked in_roster = 0)
    bool written = false; // false when the file had no good line: the roster is left as it was
};

// Names and departments longer than this (in characters) are refused with their line: no roster has them, and a run-away
// field (a stray quote) or a pasted document would otherwise reach the screen.
inline constexpr std::size_t kRosterMaxFieldChars = 100;

// A file with any refused line imports nothing (the roster stays as it was, exit status 2 on the command line); a clean
// file is upserted on staff_id in one transaction (never a duplicate), marks its people in_roster = 1 and everyone else
// in_roster = 0, and logs a `roster_import` event. Throws StoreError when the transaction fails (nothing is written then).
RosterImportResult import_roster(sqlite3* db, std::string_view bytes, EpochMs now, const std::string& terminal_id);
// Reads the file; a file that cannot be read is reported as a problem on line 0.
RosterImportResult import_roster_file(sqlite3* db, const std::string& path, EpochMs now, const std::string& terminal_id);

} // namespace kiosk
