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

// The fields of a date as its tokens are read, left to right.
struct DateFields {
  int year = 0, month = 0, day = 0;
  std::vector<int> loose_days;  // 1-2 digit numbers not yet assigned (one of them is the day)
  bool numeric_ambiguous = false;
  bool have_time = false, have_zone = false;
  int hour = -1, minute = -1, second = -1, offset = 0;
  int us_zone = 1;              // standard offset of ET/CT/MT/PT when such a zone is used
  std::string zone_word;
  std::string ambiguous_zone;   // IST, AST, SST: a zone name that names several zones
};

// What reading at a token did: nothing (another form may apply), read a form, or found the text no date.
enum class Read { No, Yes, NotADate };

// Reads a token list as one date, a form at a time: times, numeric dates, CJK dates, loose numbers,
// words (months, weekdays, filler, zones) and punctuation. Each form's reader starts at token `i` and,
// when it reads the form, moves `i` past it.
class DateReader {
 public:
  DateReader(const std::vector<Tok>& tokens, const DateOptions& options) : t_(tokens), n_(tokens.size()), options_(options) {}

  // Reads every token into fields(); false when the text is not a date.
  bool read() {
    for (std::size_t i = 0; i < n_;) {
      if (token(i) != Read::Yes) return false;
    }
    return true;
  }
  const DateFields& fields() const { return f_; }

 private:
  Read token(std::size_t& i) {
    switch (t_[i].kind) {
      case Tok::Num: return number(i);
      case Tok::Word: return word(i);
      case Tok::Punct: return punct(i);
      case Tok::Cjk: return Read::NotADate;  // a stray CJK marker
    }
    return Read::NotADate;
  }

  bool is_p(std::size_t i, char c) const { return i < n_ && t_[i].kind == Tok::Punct && t_[i].s[0] == c; }
  bool is_num(std::size_t i) const { return i < n_ && t_[i].kind == Tok::Num; }
  bool is_word(std::size_t i, const char* w) const { return i < n_ && t_[i].kind == Tok::Word && t_[i].s == w; }
  bool adjacent(std::size_t i) const { return i < n_ && !t_[i].space_before; }

  // The first form of a number that applies: a time, a numeric date, a CJK date part, else a loose number.
  Read number(std::size_t& i) {
    Read r = time(i);
    if (r == Read::No) r = numeric_date(i);
    if (r == Read::No) r = cjk(i);
    return r == Read::No ? loose_number(i) : r;
  }

  // am/pm marker at i: "am", "pm", "a.m.", "p.m." (returns tokens consumed, sets pm).
  std::size_t ampm(std::size_t i, bool& pm) const {
    if (is_word(i, "am") || is_word(i, "pm")) {
      pm = t_[i].s == "pm";
      return 1 + (is_p(i + 1, '.') ? 1 : 0);
    }
    if ((is_word(i, "a") || is_word(i, "p")) && is_p(i + 1, '.') && is_word(i + 2, "m")) {
      pm = t_[i].s == "p";
      return 3 + (is_p(i + 3, '.') ? 1 : 0);
    }
    return 0;
  }

  // The time h:mi:s, with an am/pm marker at i (moved past it); NotADate for an impossible or second time.
  Read set_time(int h, int mi, int s, std::size_t& i) {
    bool pm = false;
    if (const std::size_t k = ampm(i, pm)) {
      if (h < 1 || h > 12) return Read::NotADate;
      h = (h % 12) + (pm ? 12 : 0);
      i += k;
    }
    if (h > 23 || mi > 59 || s > 59 || f_.have_time) return Read::NotADate;
    f_.hour = h;
    f_.minute = mi;
    f_.second = s < 0 ? 0 : s;
    f_.have_time = true;
    return Read::Yes;
  }

  // Times: "9:05[:30[.250]] [pm]", "9.05 pm" or "9.05 EST", "9 Uhr", "9 pm".
  Read time(std::size_t& i) {
    const Tok& k = t_[i];
    if (k.digits > 2) return Read::No;
    std::size_t j = i + 1;
    Read r = Read::No;
    bool pm = false;
    if (is_p(i + 1, ':') && is_num(i + 2) && t_[i + 2].digits == 2) {
      int s = -1;
      j = i + 3;
      if (is_p(j, ':') && is_num(j + 1) && t_[j + 1].digits == 2) {
        s = t_[j + 1].value;
        j += 2;
        if (is_p(j, '.') && is_num(j + 1) && adjacent(j + 1)) j += 2;  // fractional seconds (dropped)
      }
      r = set_time(k.value, t_[i + 2].value, s, j);
    } else if (is_p(i + 1, '.') && is_num(i + 2) && t_[i + 2].digits == 2 && !is_p(i + 3, '.') &&
               (ampm(i + 3, pm) || (i + 3 < n_ && t_[i + 3].kind == Tok::Word))) {
      j = i + 3;
      r = set_time(k.value, t_[i + 2].value, -1, j);
    } else if (is_word(i + 1, "uhr")) {  // German "9 Uhr"
      r = set_time(k.value, 0, -1, j);
      ++j;
    } else if (ampm(i + 1, pm)) {
      r = set_time(k.value, 0, -1, j);
    }
    if (r == Read::Yes) i = j;
    return r;
  }

  // Numeric dates: Y-M-D, Y/M/D, Y.M.D, D/M/Y, M/D/Y, D.M.Y, D-M-Y; Y-M; YYYYMMDD as the whole text.
  Read numeric_date(std::size_t& i) {
    const Tok& k = t_[i];
    if ((is_p(i + 1, '-') || is_p(i + 1, '/') || is_p(i + 1, '.')) && is_num(i + 2) && adjacent(i + 1) && adjacent(i + 2)) {
      if (f_.year || f_.month) return Read::NotADate;
      const char sep = t_[i + 1].s[0];
      const Tok& b = t_[i + 2];
      if (is_p(i + 3, sep) && is_num(i + 4) && adjacent(i + 3) && adjacent(i + 4)) {
        if (!three_numbers(k, b, t_[i + 4], sep)) return Read::NotADate;
        i += 5;
        return Read::Yes;
      }
      if (k.digits == 4 && sep == '-' && b.digits == 2) {  // 2016-11
        f_.year = k.value;
        f_.month = b.value;
        i += 3;
        return Read::Yes;
      }
      return Read::NotADate;
    }
    if (k.digits == 8 && n_ == 1) {  // 20161124
      f_.year = k.value / 10000;
      f_.month = (k.value / 100) % 100;
      f_.day = k.value % 100;
      if (f_.year < 1900 || f_.year > 2100 || f_.day < 1) return Read::NotADate;
      ++i;
      return Read::Yes;
    }
    return Read::No;
  }

  // Year, month and day of three numbers a<sep>b<sep>c: year first, else day and month in the order the
  // values or the options decide (ambiguous when nothing does).
  bool three_numbers(const Tok& a, const Tok& b, const Tok& c, char sep) {
    if (a.digits == 4) {
      f_.year = a.value;
      f_.month = b.value;
      f_.day = c.value;
    } else if (a.digits <= 2 && b.digits <= 2 && (c.digits == 4 || c.digits == 2)) {
      f_.year = expand_year(c.value, c.digits);
      const int x = a.value, y = b.value;
      bool day_first = true;
      if (x > 12 && y <= 12) day_first = true;
      else if (y > 12 && x <= 12) day_first = false;
      else if (x == y) day_first = true;
      else if (options_.day_first.has_value()) day_first = *options_.day_first;
      else if (sep == '.') day_first = true;  // D.M.Y: the dotted form is day-first wherever it is used
      else f_.numeric_ambiguous = true;
      f_.day = day_first ? x : y;
      f_.month = day_first ? y : x;
    } else {
      return false;
    }
    // 0 stands for "absent" below: an explicit year, month or day 0 (2016-11-00) is no date
    return f_.year >= 1 && f_.month >= 1 && f_.day >= 1;
  }

  // CJK dates: 2016年11月24日 (a number and its marker).
  Read cjk(std::size_t& i) {
    const Tok& k = t_[i];
    if (i + 1 >= n_ || t_[i + 1].kind != Tok::Cjk) return Read::No;
    if (k.value < 1 || k.digits > 4) return Read::NotADate;  // 0年, 0日 or a 5-digit year: no date
    int& field = t_[i + 1].s[0] == 'y' ? f_.year : t_[i + 1].s[0] == 'm' ? f_.month : f_.day;
    if (field) return Read::NotADate;
    field = k.value;
    i += 2;
    return Read::Yes;
  }

  // A loose number: a year (4 digits) or a day (1-2 digits, with an optional ordinal suffix).
  Read loose_number(std::size_t& i) {
    const Tok& k = t_[i];
    if (k.digits == 4) {
      if (f_.year || k.value < 1800 || k.value > 2200) return Read::NotADate;
      f_.year = k.value;
      ++i;
      return Read::Yes;
    }
    if (k.digits > 2) return Read::NotADate;
    f_.loose_days.push_back(k.value);
    ++i;
    if (i < n_ && t_[i].kind == Tok::Word && adjacent(i) &&
        (t_[i].s == "st" || t_[i].s == "nd" || t_[i].s == "rd" || t_[i].s == "th"))
      ++i;
    return Read::Yes;
  }

  // Words: a month, a weekday or filler word, "Uhr" after a time, ISO's "T", a time zone.
  Read word(std::size_t& i) {
    const std::string& w = t_[i].s;
    if (const int m = month_of(w)) {
      if (f_.month) return Read::NotADate;
      f_.month = m;
      ++i;
      if (is_p(i, '.') && adjacent(i)) ++i;
      return Read::Yes;
    }
    if (is_weekday(w) || is_filler(w)) {
      ++i;
      if (is_p(i, '.') && adjacent(i)) ++i;
      return Read::Yes;
    }
    const bool uhr = w == "uhr" && f_.have_time;  // German "07:45 Uhr"
    const bool iso_t = w == "t" && f_.year && !f_.have_time && is_num(i + 1) && adjacent(i) && adjacent(i + 1);
    if (uhr || iso_t) {
      ++i;
      return Read::Yes;
    }
    return zone(i);
  }

  // A zone name ("GMT", "EST", "ET", "GMT+2"); an ambiguous one (IST) is kept as the reason.
  Read zone(std::size_t& i) {
    const std::string& w = t_[i].s;
    bool known = false;
    for (const Zone& z : kZones)
      if (w == z.name) {
        f_.offset = z.minutes;
        known = true;
        break;
      }
    if (!known && us_standard_offset(w) != 1) {
      f_.us_zone = us_standard_offset(w);
      known = true;
    }
    if (known) {
      if (f_.have_zone) return Read::NotADate;
      f_.have_zone = true;
      f_.zone_word = w;
      ++i;
      int extra = 0;
      if (w == "gmt" || w == "utc")
        if (const std::size_t c = offset_at(i, extra)) {
          f_.offset = extra;
          i += c;
        }
      return Read::Yes;
    }
    if (is_ambiguous_zone(w)) {
      f_.ambiguous_zone = w;
      f_.zone_word = w;
      ++i;
      return Read::Yes;
    }
    return Read::NotADate;
  }

  // UTC offset "+0900", "+09:00", "+09", "-5" at i (a sign); returns tokens consumed or 0.
  std::size_t offset_at(std::size_t i, int& minutes) const {
    if (!(is_p(i, '+') || is_p(i, '-')) || !is_num(i + 1) || !adjacent(i + 1)) return 0;
    const int sign = t_[i].s[0] == '-' ? -1 : 1;
    const Tok& a = t_[i + 1];
    // Real offsets lie within ±18:00 (ISO 8601 and every zone in use: -12:00 .. +14:00), minutes below 60.
    const auto within = [&](int h, int m, std::size_t used) -> std::size_t {
      if (m >= 60 || h * 60 + m > 18 * 60) return 0;
      minutes = sign * (h * 60 + m);
      return used;
    };
    if (a.digits == 4) return within(a.value / 100, a.value % 100, 2);
    if (a.digits <= 2 && is_p(i + 2, ':') && is_num(i + 3) && t_[i + 3].digits == 2)
      return within(a.value, t_[i + 3].value, 4);
    if (a.digits <= 2 && a.value <= 14) return within(a.value, 0, 2);
    return 0;
  }

  // Punctuation: a UTC offset after a time, else a separator.
  Read punct(std::size_t& i) {
    const char c = t_[i].s[0];
    if ((c == '+' || c == '-') && f_.have_time && !f_.have_zone) {
      int minutes = 0;
      if (const std::size_t used = offset_at(i, minutes)) {
        f_.offset = minutes;
        f_.have_zone = true;
        i += used;
        return Read::Yes;
      }
    }
    if (std::strchr(",-|/.:()'", c) != nullptr && c != '\0') {
      ++i;
      return Read::Yes;
    }
    return Read::NotADate;
  }

  const std::vector<Tok>& t_;
  const std::size_t n_;
  const DateOptions& options_;
  DateFields f_;
};

// The date the fields make: the loose number as the day, checked against the calendar; false when the
// fields make no date.
bool complete_date(DateFields& f, const DateOptions& options) {
  if (!f.loose_days.empty()) {  // with a month name, one of them is the day
    if (f.day || f.loose_days.size() > 1 || !f.month) return false;
    f.day = f.loose_days[0];
    if (f.day < 1) return false;  // "0 May 2016"
  }
  if (f.month < 1 || f.month > 12) return false;
  if (f.day && (f.day < 1 || f.day > days_in(f.year, f.month))) return false;
  if (!f.year && !f.day) return false;  // a bare month name is not a date
  if (!f.year && options.default_year) f.year = options.default_year;
  return true;
}

// The fields written into `r`: date, time, zone (US zones by that date's daylight saving) and why the date
// is ambiguous, if it is.
void set_fields(const DateFields& f, ParsedDate& r) {
  r.year = f.year;
  r.month = f.month;
  r.day = f.day;
  if (f.have_time) {
    r.hour = f.hour;
    r.minute = f.minute;
    r.second = f.second;
  }
  if (!f.ambiguous_zone.empty()) {
    r.ambiguous = true;
    r.reason = "time zone " + f.ambiguous_zone + " names several zones";
  }
  int offset = f.offset;
  if (f.have_zone && f.us_zone != 1) {
    if (!f.year || !f.day) {
      r.ambiguous = true;
      r.reason = "US time zone " + f.zone_word + " without a full date (daylight saving unknown)";
    } else {
      offset = f.us_zone + (us_dst(f.year, f.month, f.day, f.hour) ? 60 : 0);
    }
  }
  if (f.have_zone && f.have_time) {
    r.has_zone = true;
    r.offset_minutes = offset;
  }
  if (f.numeric_ambiguous) {
    r.ambiguous = true;
    r.reason = "day/month order of an all-numeric date";
  }
}

// The ISO 8601 value of a certain date: --MM-DD, YYYY-MM, YYYY-MM-DD[Thh:mm:ss[Z|±hh:mm]].
std::string iso_value(const ParsedDate& r) {
  char buf[64];
  if (!r.year) {
    std::snprintf(buf, sizeof buf, "--%02d-%02d", r.month, r.day);
    return buf;
  }
  if (!r.day) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", r.year, r.month);
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", r.year, r.month, r.day);
  std::string iso = buf;
  if (r.hour >= 0) {
    std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d", r.hour, r.minute, r.second);
    iso += buf;
    if (r.has_zone) {
      const int a = r.offset_minutes < 0 ? -r.offset_minutes : r.offset_minutes;
      if (r.offset_minutes == 0) {
        iso += 'Z';
      } else {
        std::snprintf(buf, sizeof buf, "%c%02d:%02d", r.offset_minutes < 0 ? '-' : '+', a / 60, a % 60);
        iso += buf;
      }
    }
  }
  return iso;
}

std::string_view trimmed(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<ParsedDate> parse_date(std::string_view text, const DateOptions& options) {
  text = trimmed(text);
  if (text.empty() || text.size() > 120) return std::nullopt;
  std::vector<Tok> tokens;
  if (!tokenize(text, tokens)) return std::nullopt;
  DateReader reader(tokens, options);
  if (!reader.read()) return std::nullopt;
  DateFields fields = reader.fields();
  if (!complete_date(fields, options)) return std::nullopt;
  ParsedDate r;
  r.raw = std::string(text);
  set_fields(fields, r);
  if (!r.ambiguous) r.iso = iso_value(r);
  return r;
}

std::optional<long> iso_day(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto num = [&](std::size_t from, std::size_t n) {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  int y = num(0, 4);
  const int m = num(5, 2), d = num(8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<long>(era) * 146097 + static_cast<long>(doe) - 719468;
}

}  // namespace framelens
