// Calendar dates for people: epoch milliseconds shown in the terminal's local time, Japanese or English style.
#pragma once
#include "records.hpp"
#include "text.hpp"

#include <string>

namespace kiosk {

constexpr EpochMs kDayMs = 24LL * 60 * 60 * 1000;

// "2026年11月24日" or "24 Nov 2026".
std::string format_date(EpochMs t, Lang lang);
// "2026-11-24" (local date), for CSV and reports.
std::string iso_date(EpochMs t);
// "2026-11-24T09:15:02Z" (UTC).
std::string iso_timestamp_utc(EpochMs t);
// "2023-11-14T22:13:20.000Z": UTC with milliseconds, as xAPI timestamps are written.
std::string iso_utc_timestamp_ms(EpochMs t);
// "2026-04-01T09:15:02+09:00": ISO 8601 in the terminal's local time with its offset; "" for 0.
std::string iso_local_timestamp(EpochMs t);
// Local time through strftime: "%Y%m%d-%H%M%S" for file names, "%H:%M:%S" for a clock.
std::string format_local(EpochMs t, const char* strftime_format);
// Parses "YYYY-MM-DD" as local midnight; returns false when malformed.
bool parse_iso_date(const std::string& s, EpochMs& out);

} // namespace kiosk
