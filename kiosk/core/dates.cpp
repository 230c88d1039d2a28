// Date formatting with localtime_r/gmtime_r; the terminal's time zone decides the calendar day.
#include "dates.hpp"

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace kiosk {

namespace {
std::tm local_tm(EpochMs t) {
    const std::time_t s = static_cast<std::time_t>(t / 1000);
    std::tm tm{};
    localtime_r(&s, &tm);
    return tm;
}
std::tm utc_tm(EpochMs t) {
    const std::time_t s = static_cast<std::time_t>(t / 1000);
    std::tm tm{};
    gmtime_r(&s, &tm);
    return tm;
}
} // namespace

std::string format_date(EpochMs t, Lang lang) {
    const std::tm tm = local_tm(t);
    char buf[64];
    if (lang == Lang::ja) {
        std::snprintf(buf, sizeof buf, "%d年%d月%d日", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    } else {
        static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        std::snprintf(buf, sizeof buf, "%d %s %d", tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900);
    }
    return buf;
}

std::string iso_date(EpochMs t) {
    const std::tm tm = local_tm(t);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return buf;
}

std::string iso_timestamp_utc(EpochMs t) {
    const std::tm tm = utc_tm(t);
    char buf[80];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                  tm.tm_min, tm.tm_sec);
    return buf;
}

std::string iso_utc_timestamp_ms(EpochMs t) {
    const std::tm tm = utc_tm(t);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                  tm.tm_min, tm.tm_sec, static_cast<int>(((t % 1000) + 1000) % 1000));
    return buf;
}

std::string iso_local_timestamp(EpochMs t) {
    if (t == 0) return "";
    const std::tm tm = local_tm(t);
    const long off = tm.tm_gmtoff / 60;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                  tm.tm_min, tm.tm_sec, off < 0 ? '-' : '+', std::labs(off) / 60, std::labs(off) % 60);
    return buf;
}

std::string format_local(EpochMs t, const char* strftime_format) {
    const std::tm tm = local_tm(t);
    char buf[128];
    const std::size_t n = std::strftime(buf, sizeof buf, strftime_format, &tm);
    return std::string(buf, n);
}

bool parse_iso_date(const std::string& s, EpochMs& out) {
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 || d > 31) return false;
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_isdst = -1;
    const std::time_t t = std::mktime(&tm);
    if (t == static_cast<std::time_t>(-1)) return false;
    out = static_cast<EpochMs>(t) * 1000;
    return true;
}

} // namespace kiosk
