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
// Parses "YYYY-MM-DD" as local midnight; returns false when malformed.
bool parse_iso_date(const std::string& s, EpochMs& out);

} // namespace kiosk
