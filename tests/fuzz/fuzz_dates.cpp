// parse_date on arbitrary text: never an impossible date, time or offset; the ISO value matches the fields.
#include <cstdio>

#include "framelens/dates.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace framelens;
  const std::string text = fuzz::text_of(data, size);
  DateOptions o;
  if (size && data[0] % 3 == 1) o.day_first = true;
  if (size && data[0] % 3 == 2) o.day_first = false;
  const auto p = parse_date(text, o);
  if (!p) return 0;
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  fuzz::require(p->month >= 1 && p->month <= 12, "month", text);
  fuzz::require(p->day >= 0 && p->day <= days[p->month - 1], "day", text);
  fuzz::require(p->year >= 0 && p->year <= 9999, "year", text);
  if (p->day == 29 && p->month == 2 && p->year)
    fuzz::require(p->year % 4 == 0 && (p->year % 100 != 0 || p->year % 400 == 0), "29 February of a common year", text);
  fuzz::require(p->hour >= -1 && p->hour <= 23 && p->minute <= 59 && p->second <= 59, "time", text);
  fuzz::require(p->offset_minutes >= -18 * 60 && p->offset_minutes <= 18 * 60, "offset beyond ±18:00", text);
  fuzz::require(p->ambiguous == p->iso.empty(), "ambiguous <=> no ISO value", text);
  if (!p->iso.empty() && p->year && p->day) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", p->year, p->month, p->day);
    fuzz::require(p->iso.compare(0, 10, buf) == 0, "ISO value and fields differ", text + " -> " + p->iso);
  }
  return 0;
}
