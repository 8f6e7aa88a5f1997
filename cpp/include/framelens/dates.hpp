#pragma once
// Publication dates in the many forms news pages use, normalised to ISO 8601.
//
//   parse_date("25th December 2019 - 08:05 GMT")  -> iso "2019-12-25T08:05:00Z"
//   parse_date("Nov. 24, 2016, 10:11 p.m. EST")   -> iso "2016-11-24T22:11:00-05:00"
//   parse_date("2016年11月24日")                   -> iso "2016-11-24"
//   parse_date("Nov. 23")                          -> iso "--11-23" (ISO 8601 month-day, year unknown)
//   parse_date("03/04/2016")                       -> iso "" and ambiguous (day/month order unknown)
//
// The time zone is written only when the text gives one (a name such as GMT, EST, JST, or an offset);
// US zones without daylight marker ("ET", "PT") are resolved by the US daylight-saving rules of that
// date. A date that cannot be read for certain keeps its raw text and says why (`ambiguous`).
#include <optional>
#include <string>
#include <string_view>

namespace framelens {

struct DateOptions {
  /// How to read all-numeric dates such as 03/04/2016 when both fields are <= 12: unset means
  /// "ambiguous" (no ISO value), true = day first (03 April), false = month first (4 March).
  std::optional<bool> day_first;
  /// Year to assume for dates without one ("Nov. 23"); 0 keeps the ISO month-day form "--11-23".
  int default_year = 0;
};

struct ParsedDate {
  std::string iso;          ///< ISO 8601 value; empty when the date is ambiguous
  std::string raw;          ///< the text the date was read from (trimmed)
  bool ambiguous = false;   ///< true when the text is a date whose meaning is not certain
  std::string reason;       ///< why it is ambiguous ("day/month order", "time zone IST")
  int year = 0, month = 0, day = 0;        ///< 0 when absent
  int hour = -1, minute = -1, second = -1;  ///< -1 when no time was given
  bool has_zone = false;
  int offset_minutes = 0;   ///< UTC offset when has_zone
};

/// Reads `text` as a whole as a date (labels such as "Published:", "Updated", weekday names and
/// filler words "on", "at", "of" are allowed). Returns nullopt when the text is not a date.
std::optional<ParsedDate> parse_date(std::string_view text, const DateOptions& options = {});

/// The day of an ISO date ("YYYY-MM-DD", a time may follow) as days since 1970-01-01; nullopt for any
/// other text ("--11-23", "", "12/22/16").
std::optional<long> iso_day(std::string_view iso);

}  // namespace framelens
