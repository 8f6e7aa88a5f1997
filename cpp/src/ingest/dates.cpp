#include "framelens/dates.hpp"

#include <array>
#include <cstdio>
#include <cstring>
#include <vector>

namespace framelens {
namespace {

// A small hand-written tokenizer: numbers, ASCII words (lower-cased), single punctuation characters
// and the CJK date markers 年/月/日 (Japanese, Chinese) and 년/월/일 (Korean).
struct Tok {
  enum Kind { Num, Word, Punct, Cjk } kind;
  std::string s;        // word (lower case), punctuation char, or CJK marker 'y'/'m'/'d'
  int value = 0;        // Num
  int digits = 0;       // Num
  bool space_before = false;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool tokenize(std::string_view t, std::vector<Tok>& out) {
  std::size_t i = 0;
  bool space = false;
  while (i < t.size()) {
    const unsigned char c = static_cast<unsigned char>(t[i]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') { space = true; ++i; continue; }
    if (c == 0xC2 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0xA0) { space = true; i += 2; continue; }
    Tok k{};
    k.space_before = space;
    space = false;
    if (is_digit(t[i])) {
      std::size_t j = i;
      long v = 0;
      while (j < t.size() && is_digit(t[j])) {
        if (j - i < 9) v = v * 10 + (t[j] - '0');
        ++j;
      }
      k.kind = Tok::Num;
      k.digits = static_cast<int>(j - i);
      k.value = k.digits <= 9 ? static_cast<int>(v) : -1;
      i = j;
    } else if (is_alpha(t[i])) {
      std::size_t j = i;
      while (j < t.size() && is_alpha(t[j])) ++j;
      k.kind = Tok::Word;
      for (std::size_t x = i; x < j; ++x) k.s.push_back(static_cast<char>(t[x] >= 'A' && t[x] <= 'Z' ? t[x] + 32 : t[x]));
      i = j;
    } else if (c < 0x80) {
      k.kind = Tok::Punct;
      k.s.assign(1, t[i]);
      ++i;
    } else {
      // Multi-byte: CJK markers, typographic dashes/commas; anything else is not part of a date.
      static const std::array<std::pair<const char*, char>, 6> cjk{{{"年", 'y'}, {"月", 'm'}, {"日", 'd'},
                                                                     {"년", 'y'}, {"월", 'm'}, {"일", 'd'}}};
      bool found = false;
      for (const auto& [u, m] : cjk) {
        const std::size_t n = std::strlen(u);
        if (t.substr(i, n) == u) { k.kind = Tok::Cjk; k.s.assign(1, m); i += n; found = true; break; }
      }
      if (!found) {
        static const std::array<const char*, 5> punct{"–", "—", "，", "·", "•"};
        for (const char* u : punct) {
          const std::size_t n = std::strlen(u);
          if (t.substr(i, n) == u) { k.kind = Tok::Punct; k.s = "-"; i += n; found = true; break; }
        }
      }
      if (!found) return false;
    }
    out.push_back(std::move(k));
  }
  return true;
}

int month_of(const std::string& w) {
  static const std::array<const char*, 12> full{"january", "february", "march", "april", "may", "june", "july",
                                                "august", "september", "october", "november", "december"};
  for (int m = 0; m < 12; ++m) {
    if (w == full[m]) return m + 1;
    if (w.size() == 3 && std::strncmp(full[m], w.c_str(), 3) == 0) return m + 1;
  }
  if (w == "sept") return 9;
  return 0;
}

bool is_weekday(const std::string& w) {
  static const std::array<const char*, 7> full{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  for (const char* d : full) {
    if (w == d) return true;
    if (w.size() >= 3 && w.size() <= 4 && std::strncmp(d, w.c_str(), w.size()) == 0) return true;  // mon, tues, thur
  }
  return false;
}

bool is_filler(const std::string& w) {
  static const std::array<const char*, 17> words{"published", "updated", "posted", "last", "first", "modified",
                                                 "on", "at", "of", "the", "date", "time", "pub", "publication",
                                                 "originally", "created", "edited"};
  for (const char* x : words)
    if (w == x) return true;
  return false;
}

// Fixed-offset zone names. US zones without a daylight marker (ET, CT, MT, PT) are resolved later.
struct Zone { const char* name; int minutes; };
constexpr std::array<Zone, 27> kZones{{
    {"z", 0},        {"utc", 0},      {"gmt", 0},      {"ut", 0},       {"bst", 60},     {"cet", 60},
    {"cest", 120},   {"eet", 120},    {"eest", 180},   {"wet", 0},      {"west", 60},    {"msk", 180},
    {"jst", 540},    {"kst", 540},    {"hkt", 480},    {"sgt", 480},    {"aest", 600},   {"aedt", 660},
    {"awst", 480},   {"est", -300},   {"edt", -240},   {"cst", -360},   {"cdt", -300},   {"mst", -420},
    {"mdt", -360},   {"pst", -480},   {"pdt", -420},
}};

int us_standard_offset(const std::string& w) {  // ET/CT/MT/PT -> standard offset, else 1
  if (w == "et") return -300;
  if (w == "ct") return -360;
  if (w == "mt") return -420;
  if (w == "pt") return -480;
  return 1;
}

bool is_ambiguous_zone(const std::string& w) { return w == "ist" || w == "ast" || w == "sst"; }

// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}
int weekday(int y, int m, int d) {  // 0 = Sunday
  const long z = days_from_civil(y, m, d);
  return static_cast<int>(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}
int nth_sunday(int y, int m, int n) {  // n >= 1; n == -1: last Sunday
  if (n > 0) {
    const int first = 1 + (7 - weekday(y, m, 1)) % 7;
    return first + 7 * (n - 1);
  }
  const int days = (m == 10) ? 31 : 30;
  return days - weekday(y, m, days);
}
// Is local standard time (y-m-d h) inside US daylight saving time?
bool us_dst(int y, int m, int d, int h) {
  int sm, sd, em, ed;
  if (y >= 2007) { sm = 3; sd = nth_sunday(y, 3, 2); em = 11; ed = nth_sunday(y, 11, 1); }
  else { sm = 4; sd = nth_sunday(y, 4, 1); em = 10; ed = nth_sunday(y, 10, -1); }
  const int key = m * 10000 + d * 100 + (h < 0 ? 12 : h);
  return key >= sm * 10000 + sd * 100 + 2 && key < em * 10000 + ed * 100 + 1;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && (y == 0 || leap(y)) ? 29 : d[m - 1];
}

int expand_year(int v, int digits) {
  if (digits == 4) return v;
  if (digits == 2) return v < 70 ? 2000 + v : 1900 + v;
  return -1;
}

}  // namespace

std::optional<ParsedDate> parse_date(std::string_view text, const DateOptions& options) {
  // trim
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' || text.front() == '\n')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n')) text.remove_suffix(1);
  if (text.empty() || text.size() > 120) return std::nullopt;
  std::vector<Tok> t;
  if (!tokenize(text, t)) return std::nullopt;

  ParsedDate r;
  r.raw = std::string(text);
  int year = 0, month = 0, day = 0;
  std::vector<int> loose_days;  // 1-2 digit numbers not yet assigned
  bool numeric_ambiguous = false;
  std::string zone_word;
  bool have_time = false, have_zone = false;
  int hour = -1, minute = -1, second = -1, offset = 0;
  int us_zone = 1;  // standard offset of ET/CT/MT/PT when such a zone is used

  const std::size_t n = t.size();
  auto is_p = [&](std::size_t i, char c) { return i < n && t[i].kind == Tok::Punct && t[i].s[0] == c; };
  auto is_num = [&](std::size_t i) { return i < n && t[i].kind == Tok::Num; };
  auto is_word = [&](std::size_t i, const char* w) { return i < n && t[i].kind == Tok::Word && t[i].s == w; };
  auto adjacent = [&](std::size_t i) { return i < n && !t[i].space_before; };

  // am/pm marker at i: "am", "pm", "a.m.", "p.m." (returns tokens consumed, sets pm)
  auto ampm = [&](std::size_t i, bool& pm) -> std::size_t {
    if (is_word(i, "am") || is_word(i, "pm")) {
      pm = t[i].s == "pm";
      return 1 + (is_p(i + 1, '.') ? 1 : 0);
    }
    if ((is_word(i, "a") || is_word(i, "p")) && is_p(i + 1, '.') && is_word(i + 2, "m")) {
      pm = t[i].s == "p";
      return 3 + (is_p(i + 3, '.') ? 1 : 0);
    }
    return 0;
  };
  auto set_time = [&](int h, int mi, int s, std::size_t& i) -> bool {
    bool pm = false;
    const std::size_t k = ampm(i, pm);
    if (k) {
      if (h < 1 || h > 12) return false;
      h = (h % 12) + (pm ? 12 : 0);
      i += k;
    }
    if (h > 23 || mi > 59 || s > 59 || have_time) return false;
    hour = h; minute = mi; second = s < 0 ? 0 : s;
    have_time = true;
    return true;
  };
  // UTC offset "+0900", "+09:00", "+09", "-5" at i (after a sign); returns tokens consumed or 0.
  auto offset_at = [&](std::size_t i, int& minutes) -> std::size_t {
    if (!(is_p(i, '+') || is_p(i, '-')) || !is_num(i + 1) || !adjacent(i + 1)) return 0;
    const int sign = t[i].s[0] == '-' ? -1 : 1;
    const Tok& a = t[i + 1];
    // Real offsets lie within ±18:00 (ISO 8601 and every zone in use: -12:00 .. +14:00), minutes below 60.
    auto within = [&](int h, int m, std::size_t used) -> std::size_t {
      if (m >= 60 || h * 60 + m > 18 * 60) return 0;
      minutes = sign * (h * 60 + m);
      return used;
    };
    if (a.digits == 4) return within(a.value / 100, a.value % 100, 2);
    if (a.digits <= 2 && is_p(i + 2, ':') && is_num(i + 3) && t[i + 3].digits == 2)
      return within(a.value, t[i + 3].value, 4);
    if (a.digits <= 2 && a.value <= 14) return within(a.value, 0, 2);
    return 0;
  };

  for (std::size_t i = 0; i < n;) {
    const Tok& k = t[i];
    if (k.kind == Tok::Num) {
      // --- times: H:MM[:SS[.fff]] [am|pm], H.MM am|pm|zone, H am|pm
      if (k.digits <= 2 && is_p(i + 1, ':') && is_num(i + 2) && t[i + 2].digits == 2) {
        int s = -1;
        std::size_t j = i + 3;
        if (is_p(j, ':') && is_num(j + 1) && t[j + 1].digits == 2) {
          s = t[j + 1].value;
          j += 2;
          if (is_p(j, '.') && is_num(j + 1) && adjacent(j + 1)) j += 2;  // fractional seconds (dropped)
        }
        if (!set_time(k.value, t[i + 2].value, s, j)) return std::nullopt;
        i = j;
        continue;
      }
      if (k.digits <= 2 && is_p(i + 1, '.') && is_num(i + 2) && t[i + 2].digits == 2 && !is_p(i + 3, '.')) {
        bool pm = false;
        const bool zone_follows = i + 3 < n && t[i + 3].kind == Tok::Word;
        if (ampm(i + 3, pm) || zone_follows) {
          std::size_t j = i + 3;
          if (!set_time(k.value, t[i + 2].value, -1, j)) return std::nullopt;
          i = j;
          continue;
        }
      }
      if (k.digits <= 2 && is_word(i + 1, "uhr")) {  // German "9 Uhr"
        std::size_t j = i + 1;
        if (!set_time(k.value, 0, -1, j)) return std::nullopt;
        i = j + 1;
        continue;
      }
      {
        bool pm = false;
        if (k.digits <= 2 && ampm(i + 1, pm)) {
          std::size_t j = i + 1;
          if (!set_time(k.value, 0, -1, j)) return std::nullopt;
          i = j;
          continue;
        }
      }
      // --- numeric dates: Y-M-D, Y/M/D, Y.M.D, D/M/Y, M/D/Y, D.M.Y, D-M-Y; YYYYMMDD; Y-M
      if ((is_p(i + 1, '-') || is_p(i + 1, '/') || is_p(i + 1, '.')) && is_num(i + 2) && adjacent(i + 1) && adjacent(i + 2)) {
        const char sep = t[i + 1].s[0];
        const Tok& b = t[i + 2];
        const bool three = is_p(i + 3, sep) && is_num(i + 4) && adjacent(i + 3) && adjacent(i + 4);
        if (year || month) return std::nullopt;
        if (three) {
          const Tok& c = t[i + 4];
          if (k.digits == 4) {
            year = k.value; month = b.value; day = c.value;
          } else if (k.digits <= 2 && b.digits <= 2 && (c.digits == 4 || c.digits == 2)) {
            year = expand_year(c.value, c.digits);
            const int x = k.value, y = b.value;
            if (x > 12 && y <= 12) { day = x; month = y; }
            else if (y > 12 && x <= 12) { month = x; day = y; }
            else if (x == y) { day = x; month = y; }
            else if (options.day_first.has_value()) {
              if (*options.day_first) { day = x; month = y; } else { month = x; day = y; }
            } else if (sep == '.') {
              day = x; month = y;  // D.M.Y: the dotted form is day-first wherever it is used
            } else {
              numeric_ambiguous = true; day = x; month = y;
            }
          } else {
            return std::nullopt;
          }
          // 0 stands for "absent" below: an explicit year, month or day 0 (2016-11-00) is no date
          if (year < 1 || month < 1 || day < 1) return std::nullopt;
          i += 5;
          continue;
        }
        if (k.digits == 4 && sep == '-' && b.digits == 2) {  // 2016-11
          year = k.value; month = b.value;
          i += 3;
          continue;
        }
        return std::nullopt;
      }
      if (k.digits == 8 && n == 1) {  // 20161124
        year = k.value / 10000; month = (k.value / 100) % 100; day = k.value % 100;
        if (year < 1900 || year > 2100 || day < 1) return std::nullopt;
        ++i;
        continue;
      }
      // --- CJK: 2016年11月24日
      if (i + 1 < n && t[i + 1].kind == Tok::Cjk) {
        const char m = t[i + 1].s[0];
        if (k.value < 1 || k.digits > 4) return std::nullopt;  // 0年, 0日 or a 5-digit year: no date
        if (m == 'y') { if (year) return std::nullopt; year = k.value; }
        else if (m == 'm') { if (month) return std::nullopt; month = k.value; }
        else { if (day) return std::nullopt; day = k.value; }
        i += 2;
        continue;
      }
      // --- loose numbers: year or day (with optional ordinal suffix)
      if (k.digits == 4) {
        if (year || k.value < 1800 || k.value > 2200) return std::nullopt;
        year = k.value;
        ++i;
        continue;
      }
      if (k.digits <= 2) {
        loose_days.push_back(k.value);
        ++i;
        if (i < n && t[i].kind == Tok::Word && adjacent(i) &&
            (t[i].s == "st" || t[i].s == "nd" || t[i].s == "rd" || t[i].s == "th"))
          ++i;
        continue;
      }
      return std::nullopt;
    }
    if (k.kind == Tok::Word) {
      if (const int m = month_of(k.s)) {
        if (month) return std::nullopt;
        month = m;
        ++i;
        if (is_p(i, '.') && adjacent(i)) ++i;
        continue;
      }
      if (is_weekday(k.s) || is_filler(k.s)) {
        ++i;
        if (is_p(i, '.') && adjacent(i)) ++i;
        continue;
      }
      if (k.s == "uhr" && have_time) {  // German "07:45 Uhr"
        ++i;
        continue;
      }
      if (k.s == "t" && year && have_time == false && is_num(i + 1) && adjacent(i) && adjacent(i + 1)) {  // ISO 'T'
        ++i;
        continue;
      }
      // time zones
      bool zone = false;
      for (const Zone& z : kZones)
        if (k.s == z.name) { offset = z.minutes; zone = true; break; }
      if (!zone && us_standard_offset(k.s) != 1) { us_zone = us_standard_offset(k.s); zone = true; }
      if (zone) {
        if (have_zone || (!have_time && k.s != "gmt" && k.s != "utc")) {
          if (have_zone) return std::nullopt;
        }
        have_zone = true;
        zone_word = k.s;
        ++i;
        int extra = 0;
        if ((k.s == "gmt" || k.s == "utc") && (is_p(i, '+') || is_p(i, '-'))) {
          if (const std::size_t c = offset_at(i, extra)) { offset = extra; i += c; }
        }
        continue;
      }
      if (is_ambiguous_zone(k.s)) {
        r.ambiguous = true;
        r.reason = "time zone " + k.s + " names several zones";
        zone_word = k.s;
        ++i;
        continue;
      }
      return std::nullopt;
    }
    if (k.kind == Tok::Punct) {
      const char c = k.s[0];
      if ((c == '+' || c == '-') && have_time && !have_zone) {
        int minutes = 0;
        if (const std::size_t used = offset_at(i, minutes)) {
          offset = minutes;
          have_zone = true;
          i += used;
          continue;
        }
      }
      if (c == ',' || c == '-' || c == '|' || c == '/' || c == '.' || c == ':' || c == '(' || c == ')' || c == '\'') {
        ++i;
        continue;
      }
      return std::nullopt;
    }
    return std::nullopt;  // stray CJK marker
  }

  // Assign loose numbers: with a month name, one of them is the day.
  if (!loose_days.empty()) {
    if (day || loose_days.size() > 1 || !month) return std::nullopt;
    day = loose_days[0];
    if (day < 1) return std::nullopt;  // "0 May 2016"
  }
  if (!month) return std::nullopt;
  if (month < 1 || month > 12) return std::nullopt;
  if (day && (day < 1 || day > days_in(year, month))) return std::nullopt;
  if (!year && !day) return std::nullopt;  // a bare month name is not a date
  if (!year && options.default_year) year = options.default_year;

  r.year = year; r.month = month; r.day = day;
  if (have_time) { r.hour = hour; r.minute = minute; r.second = second; }
  if (have_zone && us_zone != 1) {
    if (!year || !day) {
      r.ambiguous = true;
      r.reason = "US time zone " + zone_word + " without a full date (daylight saving unknown)";
    } else {
      offset = us_zone + (us_dst(year, month, day, hour) ? 60 : 0);
    }
  }
  if (have_zone && have_time) { r.has_zone = true; r.offset_minutes = offset; }
  if (numeric_ambiguous) {
    r.ambiguous = true;
    r.reason = "day/month order of an all-numeric date";
  }
  if (r.ambiguous) { r.iso.clear(); return r; }

  char buf[64];
  if (!year) {
    std::snprintf(buf, sizeof buf, "--%02d-%02d", month, day);
    r.iso = buf;
    return r;
  }
  if (!day) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    r.iso = buf;
    return r;
  }
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  r.iso = buf;
  if (have_time) {
    std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d", hour, minute, second);
    r.iso += buf;
    if (r.has_zone) {
      if (offset == 0) {
        r.iso += 'Z';
      } else {
        const int a = offset < 0 ? -offset : offset;
        std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset < 0 ? '-' : '+', a / 60, a % 60);
        r.iso += buf;
      }
    }
  }
  return r;
}

}  // namespace framelens
