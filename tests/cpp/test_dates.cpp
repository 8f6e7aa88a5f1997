// Date parsing over a table of real-world news date formats.
#include <catch2/catch.hpp>

#include "framelens/dates.hpp"

using framelens::parse_date;

namespace {
struct Case {
  const char* text;
  const char* iso;  // "" = ambiguous (raw kept)
};
}  // namespace

TEST_CASE("dates: real-world formats normalise to ISO 8601", "[dates]") {
  const Case cases[] = {
      // ISO 8601 and machine forms
      {"2016-11-24", "2016-11-24"},
      {"2016-11-24T10:11:00Z", "2016-11-24T10:11:00Z"},
      {"2016-11-24T10:11Z", "2016-11-24T10:11:00Z"},
      {"2016-11-24T10:11:00+09:00", "2016-11-24T10:11:00+09:00"},
      {"2016-11-24T10:11:00.123-05:00", "2016-11-24T10:11:00-05:00"},
      {"2016-11-24T10:11:00", "2016-11-24T10:11:00"},
      {"2016-11-24 10:11", "2016-11-24T10:11:00"},
      {"2016-11-24 10:11:05 UTC", "2016-11-24T10:11:05Z"},
      {"2016-11", "2016-11"},
      {"20161124", "2016-11-24"},
      {"2016/11/24", "2016-11-24"},
      {"2016.11.24", "2016-11-24"},
      // RFC 2822 (RSS) and Unix date
      {"Thu, 24 Nov 2016 10:11:00 +0000", "2016-11-24T10:11:00Z"},
      {"Thu, 24 Nov 2016 10:11:00 GMT", "2016-11-24T10:11:00Z"},
      {"Thu, 24 Nov 2016 19:11:00 +0900", "2016-11-24T19:11:00+09:00"},
      {"Thu Nov 24 10:11:00 UTC 2016", "2016-11-24T10:11:00Z"},
      // day-month-year prose
      {"24 November 2016", "2016-11-24"},
      {"24th November 2016", "2016-11-24"},
      {"25th December 2019 - 08:05 GMT", "2019-12-25T08:05:00Z"},
      {"24 Nov 2016", "2016-11-24"},
      {"24 Nov. 2016", "2016-11-24"},
      {"24-Nov-2016", "2016-11-24"},
      {"Thursday 24 November 2016 10.11 GMT", "2016-11-24T10:11:00Z"},
      {"5 September 2016, 14:30 BST", "2016-09-05T14:30:00+01:00"},
      {"24 Nov 2016 10:11 JST", "2016-11-24T10:11:00+09:00"},
      {"Published: 23 November 2016", "2016-11-23"},
      {"Tuesday, 16 March 2021 14:20 CET", "2021-03-16T14:20:00+01:00"},
      {"24 November 2016 10:11 +0900", "2016-11-24T10:11:00+09:00"},
      // month-day-year prose (US)
      {"November 24, 2016", "2016-11-24"},
      {"Nov. 24, 2016", "2016-11-24"},
      {"Nov 24, 2016", "2016-11-24"},
      {"Nov 24 2016", "2016-11-24"},
      {"Sept. 5, 2016", "2016-09-05"},
      {"Thursday, November 24, 2016", "2016-11-24"},
      {"Posted on November 24th, 2016", "2016-11-24"},
      {"November 24th 2016 at 10:11am", "2016-11-24T10:11:00"},
      {"November 24, 2016 10:11 a.m. ET", "2016-11-24T10:11:00-05:00"},
      {"Nov. 24, 2016, 10:11 PM EST", "2016-11-24T22:11:00-05:00"},
      {"Updated 10:11 a.m. ET Nov. 24, 2016", "2016-11-24T10:11:00-05:00"},
      {"10:11 AM EST, Thu November 24, 2016", "2016-11-24T10:11:00-05:00"},
      {"July 4, 2016 12:00 p.m. ET", "2016-07-04T12:00:00-04:00"},  // daylight saving: EDT
      {"March 13, 2016 3:00 PM PT", "2016-03-13T15:00:00-07:00"},   // first day of US DST
      {"June 1, 2016 9:30 AM EDT", "2016-06-01T09:30:00-04:00"},
      {"10:11 GMT, 24 November 2016", "2016-11-24T10:11:00Z"},
      {"12:30 a.m. Nov. 24, 2016", "2016-11-24T00:30:00"},
      // numeric day-month / month-day
      {"24/11/2016", "2016-11-24"},
      {"11/24/2016", "2016-11-24"},
      {"24.11.2016", "2016-11-24"},
      {"24.11.2016, 10:11 Uhr", "2016-11-24T10:11:00"},  // German clock time, no zone
      {"24.11.2016 10.11 Uhr", "2016-11-24T10:11:00"},
      {"24.11.2016, 9 Uhr", "2016-11-24T09:00:00"},
      {"24/11/16", "2016-11-24"},
      {"11/24/16", "2016-11-24"},
      {"03/04/2016", ""},  // day/month order unknown
      // month and year, no year, CJK
      {"September 2016", "2016-09"},
      {"Nov. 23", "--11-23"},
      {"2016年11月24日", "2016-11-24"},
      {"2016년 11월 24일", "2016-11-24"},
      {"29 February 2016", "2016-02-29"},
  };
  REQUIRE(sizeof(cases) / sizeof(cases[0]) >= 40);
  for (const Case& c : cases) {
    INFO("text: " << c.text);
    const auto d = parse_date(c.text);
    REQUIRE(d.has_value());
    CHECK(d->iso == c.iso);
    CHECK(d->ambiguous == (c.iso[0] == '\0'));
    CHECK(d->raw == c.text);
  }
}

TEST_CASE("dates: ambiguity is reported, options resolve it", "[dates]") {
  auto d = parse_date("03/04/2016");
  REQUIRE(d);
  CHECK(d->reason.find("day/month") != std::string::npos);
  framelens::DateOptions o;
  o.day_first = true;
  CHECK(parse_date("03/04/2016", o)->iso == "2016-04-03");
  o.day_first = false;
  CHECK(parse_date("03/04/2016", o)->iso == "2016-03-04");
  auto ist = parse_date("24 Nov 2016 10:11 IST");
  REQUIRE(ist);
  CHECK(ist->ambiguous);
  CHECK(ist->iso.empty());
  framelens::DateOptions y;
  y.default_year = 2016;
  CHECK(parse_date("Nov. 23", y)->iso == "2016-11-23");
}

TEST_CASE("dates: text that is not a date is rejected", "[dates]") {
  for (const char* t : {"", "Back to top", "By Ana Ruiz in Lisbon", "Share this", "2016", "November",
                        "31 February 2016", "2016-13-01", "25:00 November 3, 2016", "He was born in May",
                        "Harbour plan wins backing", "12 different towns", "Nov. 24, 2016 and more",
                        "24.11.2016 Uhr", "Uhr 24.11.2016"}) {
    INFO("text: " << t);
    CHECK_FALSE(parse_date(t).has_value());
  }
}
