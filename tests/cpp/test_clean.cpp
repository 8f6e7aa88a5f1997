// Boilerplate removal and metadata extraction on original page dumps (tests/fixtures/pages).
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "framelens/clean.hpp"
#include "framelens/io.hpp"
#include "test_helpers.hpp"

using framelens::Document;

namespace {
std::string fixture(const std::string& name) { return std::string(FRAMELENS_SOURCE_DIR) + "/tests/fixtures/pages/" + name; }

std::vector<std::string> rule_lines(const Document& d, const std::string& rule) {
  std::vector<std::string> out;
  for (const auto& r : d.removed)
    if (r.rule == rule) out.push_back(r.text);
  return out;
}
}  // namespace

TEST_CASE("clean: masthead, title, byline, date and dateline of a page", "[clean]") {
  Document d;
  d.text = framelens::io::read_text(fixture("courier-ferry.txt"));
  framelens::clean(d);
  CHECK(d.outlet == "Harbour Courier");
  CHECK(d.title == "Ferry operator cuts winter timetable");
  CHECK(d.get("date") == "2021-01-12T08:30:00Z");
  CHECK(d.get("author") == "Marta Lindqvist");
  CHECK(d.get("dateline") == "Portsmouth");
  CHECK(rule_lines(d, "masthead") == std::vector<std::string>{"HC - Harbour Courier"});
  // ordinary short paragraphs stay
  CHECK(d.text.find("He declined.") != std::string::npos);
  CHECK(d.text.find("\"We have simply run out of people to sail the boats,\" a company spokeswoman said.") != std::string::npos);
  CHECK(d.text.find("Share this article") == std::string::npos);
  CHECK(d.text.rfind("The island ferry operator", 0) == 0);
  // every removed line is findable in the raw text at its span
  const std::string raw = framelens::io::read_text(fixture("courier-ferry.txt"));
  for (const auto& r : d.removed) CHECK(raw.substr(r.raw.start, r.raw.size()) == r.text);
}

TEST_CASE("clean: repeated footers across one outlet's pages, user outlet wins", "[clean]") {
  std::vector<Document> docs(3);
  const char* names[] = {"courier-ferry.txt", "courier-bridge.txt", "courier-library.txt"};
  for (int i = 0; i < 3; ++i) docs[i].text = framelens::io::read_text(fixture(names[i]));
  docs[2].outlet = "My Label";
  framelens::clean(docs);
  CHECK(docs[2].outlet == "My Label");
  CHECK(docs[2].get("outlet_detected") == "Harbour Courier");
  // the footer is in all three pages, but page 3 is now another outlet: 2 of 2 pages still qualify
  for (int i = 0; i < 2; ++i) {
    const auto rep = rule_lines(docs[i], "repeated");
    CHECK(rep == std::vector<std::string>{"Harbour Courier is published by Quayside Media Ltd. Registered in England."});
  }
  CHECK(docs[1].text.find("“It is long overdue.”") != std::string::npos);  // one-line quote kept
}

TEST_CASE("clean: body mode keeps short paragraphs and removes only furniture", "[clean]") {
  Document d;
  d.title = "Port strike ends";
  d.text = "Port strike ends\n\nAdvertisement\n\nDockers voted to return to work on Monday.\n\nHe declined.\n\n"
           "“No.”\n\nThe vote was close.\n\nRead more\n";
  framelens::CleanOptions o;
  o.page = false;
  framelens::clean(d, o);
  CHECK(d.text == "Dockers voted to return to work on Monday.\n\nHe declined.\n\n“No.”\n\nThe vote was close.");
  CHECK(rule_lines(d, "title") == std::vector<std::string>{"Port strike ends"});
  CHECK(rule_lines(d, "navigation") == std::vector<std::string>{"Advertisement", "Read more"});
  CHECK(d.sentences.size() == 4);
}

// Found by the clean harness (issue 11 campaign): a line that folds to nothing (only colons) but ends like
// a sentence made the phrase rules read the byte before an empty string.
TEST_CASE("clean: a line of only colons is read safely; a label ending in a colon is furniture", "[clean][limits]") {
  for (const bool page : {true, false}) {
    Document d;
    d.text = "Dockers voted to return to work on Monday.\n\n:::::\n\nRead more:\n\nRelated:\n\nThe vote was close.\n";
    framelens::CleanOptions o;
    o.page = page;
    framelens::clean(d, o);
    CHECK(d.text.find("Dockers voted") != std::string::npos);
    CHECK(d.text.find("The vote was close.") != std::string::npos);
    CHECK(rule_lines(d, "navigation") == std::vector<std::string>{"Read more:", "Related:"});
    CHECK(d.text.find("Read more") == std::string::npos);
  }
}

TEST_CASE("clean: boilerplate=false keeps every body line", "[clean]") {
  Document d;
  d.text = "Home\nNews\nSport\n\nA real sentence is here.\n\nShare";
  framelens::CleanOptions o;
  o.page = false;
  o.boilerplate = false;
  framelens::clean(d, o);
  CHECK(d.removed.empty());
  CHECK(d.text.find("Home") != std::string::npos);
}

TEST_CASE("clean: datelines at the start of the body", "[clean]") {
  struct Case { const char* body; const char* dateline; };
  const Case cases[] = {
      {"RIVERTON — The council met on Monday to discuss the plan.", "RIVERTON"},
      {"NEW HAVEN (Reuters) - The council met on Monday to discuss the plan.", "NEW HAVEN"},
      {"MILLBROOK, Ohio (AP) -- The council met on Monday to discuss the plan.", "MILLBROOK"},
      {"OSLO, March 16 (Northern Wire) — The council met on Monday to discuss the plan.", "OSLO"},
      {"The council met on Monday to discuss the plan.", ""},
      {"A — dash after a capital letter is no dateline.", ""},
      {"NATO said on Monday it would discuss the plan.", ""},
  };
  for (const Case& c : cases) {
    INFO(c.body);
    Document d;
    d.text = c.body;
    framelens::CleanOptions o;
    o.page = false;
    framelens::clean(d, o);
    CHECK(d.get("dateline") == c.dateline);
    CHECK(d.text == c.body);  // the dateline stays in the text
  }
}

namespace {
// A page of original text: masthead line, menu, the header lines given, then a body.
Document page_with_header(const std::string& header) {
  Document d;
  d.text = "Harbour Gazette\nHome | Town | Sport | Letters\n" + header +
           "\n\nThe town council met on Monday evening to discuss the plan for the new harbour wall.\n\n"
           "Councillors said a decision would come before the summer.\n";
  framelens::clean(d);
  return d;
}
}  // namespace

TEST_CASE("clean: byline forms with a date, staff bylines and German bylines", "[clean]") {
  struct Case { const char* byline; const char* author; const char* date; };
  const Case cases[] = {
      {"Posted 19/03/2024 by Jane Holm", "Jane Holm", "2024-03-19"},
      {"Published 5 April 2024 by Jane Holm", "Jane Holm", "2024-04-05"},
      {"Updated 19/03/2024, 10:30 by Jane Holm and Per Dahl", "Jane Holm and Per Dahl", "2024-03-19T10:30:00"},
      {"19/03/2024 | By Jane Holm", "Jane Holm", "2024-03-19"},
      {"Posted 19/03/2024 by Gazette Staff", "", "2024-03-19"},
      {"By Staff Reporter | 19/03/2024", "", "2024-03-19"},
      {"Von Jana Holm | 19.03.2024, 07:45 Uhr", "Jana Holm", "2024-03-19T07:45:00"},
      {"Von Jana Holm", "Jana Holm", ""},
  };
  for (const Case& c : cases) {
    INFO(c.byline);
    const Document d = page_with_header(std::string("Harbour wall plan divides the council\n") + c.byline);
    CHECK(d.title == "Harbour wall plan divides the council");
    CHECK(d.get("author") == c.author);
    CHECK(d.get("date") == c.date);
    CHECK(rule_lines(d, "byline") == std::vector<std::string>{c.byline});
    CHECK(d.outlet == "Harbour Gazette");
  }
  // "Von" also starts names in headlines: a longer "Von ..." line without a date is the headline
  const Document d = page_with_header("Von der Leyen Visits Harbour Town\nBy Jane Holm");
  CHECK(d.title == "Von der Leyen Visits Harbour Town");
  CHECK(d.get("author") == "Jane Holm");
}

TEST_CASE("clean: the headline is the first headline-like line; kickers above, subheadlines below", "[clean]") {
  // a breadcrumb and a label above the headline, a subheadline under it
  Document d = page_with_header("Town › Harbour\nEXCLUSIVE REPORT\nHarbour wall plan divides the council\n"
                                "Residents fear the works will close the beach for two summers\nBy Jane Holm");
  CHECK(d.title == "Harbour wall plan divides the council");
  CHECK(d.get("subtitle") == "Residents fear the works will close the beach for two summers");
  CHECK(d.get("author") == "Jane Holm");
  CHECK(d.text.rfind("The town council met", 0) == 0);
  // a line above the site menu is never the headline
  d = Document{};
  d.text = "Quay Weekly\nSmall paper, big harbour.\nNews | Sport | Letters\nHarbour wall plan divides the council\n"
           "By Jane Holm\n\nThe town council met on Monday evening to discuss the plan for the new harbour wall.\n";
  framelens::clean(d);
  CHECK(d.outlet == "Quay Weekly");
  CHECK(d.title == "Harbour wall plan divides the council");
  CHECK(rule_lines(d, "tagline") == std::vector<std::string>{"Small paper, big harbour."});
  CHECK(rule_lines(d, "masthead") == std::vector<std::string>{"Quay Weekly"});
  // a share bar between the headline and the byline does not hide the headline
  d = Document{};
  d.text = "Quay Weekly\nNews | Sport | Letters\nHarbour wall plan divides the council\nShare | Tweet | Email\n"
           "By Jane Holm\n\nThe town council met on Monday evening to discuss the plan for the new harbour wall.\n";
  framelens::clean(d);
  CHECK(d.title == "Harbour wall plan divides the council");
  CHECK(d.get("author") == "Jane Holm");
  // a name line without a menu: name, headline, byline
  d = Document{};
  d.text = "Quay Weekly\n\nHarbour wall plan divides the council\n\nBy Jane Holm\n\n"
           "The town council met on Monday evening to discuss the plan for the new harbour wall.\n";
  framelens::clean(d);
  CHECK(d.outlet == "Quay Weekly");
  CHECK(d.title == "Harbour wall plan divides the council");
  // a page that opens with its headline (sentence case) keeps it as the title, no masthead
  d = Document{};
  d.text = "Harbour wall plan divides the council\nBy Jane Holm\n\n"
           "The town council met on Monday evening to discuss the plan for the new harbour wall.\n";
  framelens::clean(d);
  CHECK(d.outlet.empty());
  CHECK(d.title == "Harbour wall plan divides the council");
  CHECK(rule_lines(d, "masthead").empty());
}

TEST_CASE("clean: an outlet's unambiguous numeric dates resolve its ambiguous ones", "[clean]") {
  auto page = [](const char* date) {
    Document d;
    d.text = std::string("Harbour Gazette\nHome | Town | Sport | Letters\nHarbour wall plan divides the council\n"
                         "Posted ") + date + " by Jane Holm\n\nThe town council met on Monday evening to discuss the plan.\n";
    return d;
  };
  SECTION("day first") {
    std::vector<Document> docs{page("19/03/2024"), page("11/03/2024")};
    framelens::clean(docs);
    CHECK(docs[0].get("date") == "2024-03-19");
    CHECK(docs[0].get("date_order").empty());
    CHECK(docs[1].get("date") == "2024-03-11");
    CHECK(docs[1].get("date_order") == "day-first (from the outlet's other dates)");
  }
  SECTION("month first") {
    std::vector<Document> docs{page("03/19/2024"), page("03/11/2024")};
    framelens::clean(docs);
    CHECK(docs[1].get("date") == "2024-03-11");
  }
  SECTION("mixed evidence, another outlet, or a single page: left ambiguous") {
    std::vector<Document> docs{page("19/03/2024"), page("03/19/2024"), page("11/03/2024")};
    framelens::clean(docs);
    CHECK(docs[2].get("date").empty());
    CHECK(docs[2].get("date_raw") == "Posted 11/03/2024");
    std::vector<Document> other{page("19/03/2024"), page("11/03/2024")};
    other[1].outlet = "Another Paper";
    framelens::clean(other);
    CHECK(other[1].get("date").empty());
    Document one = page("11/03/2024");
    framelens::clean(one);
    CHECK(one.get("date").empty());
  }
  SECTION("the user's day_first wins") {
    std::vector<Document> docs{page("19/03/2024"), page("11/03/2024")};
    framelens::CleanOptions o;
    o.dates.day_first = false;
    framelens::clean(docs, o);
    CHECK(docs[1].get("date") == "2024-11-03");
    CHECK(docs[1].get("date_order").empty());
  }
}

TEST_CASE("clean: 'Follow Ana on Twitter' names the author, 'X on social media' the outlet", "[clean]") {
  Document d;
  d.text = "Harbour board approves new crane\n\nThe harbour board approved a second crane on Monday after a long debate.\n\n"
           "The vote was five to two.\n\nFollow Ana Ruiz on Twitter\n";
  framelens::clean(d);
  CHECK(d.outlet.empty());  // before: "Ana Ruiz"
  CHECK(d.text.find("Follow Ana Ruiz") == std::string::npos);  // still removed as navigation
  Document e;
  e.text = "Harbour board approves new crane\n\nThe harbour board approved a second crane on Monday after a long debate.\n\n"
           "The vote was five to two.\n\nThe Valley Ledger on social media\n";
  framelens::clean(e);
  CHECK(e.outlet == "The Valley Ledger");
}

TEST_CASE("clean: a quotation an outlet prints in several articles is not its furniture", "[clean]") {
  std::vector<Document> docs(3);
  const char* topics[] = {"the ferry timetable", "the bridge repairs", "the library hours"};
  for (int i = 0; i < 3; ++i) {
    docs[i].outlet = "Harbour Courier";
    docs[i].text = std::string("Council debates ") + topics[i] + "\n\nThe council met on Monday to debate " + topics[i] +
                   " and heard residents for an hour.\n\n"
                   "“We will not sign any deal that closes the harbour to the island families,” Mayor Ida Roos said.\n\n"
                   "“Harbour Hour” airs at six on our radio station every weekday evening.\n\n"
                   "Sign up for the Courier newsletter and get the harbour news every morning.\n";
  }
  framelens::clean(docs);
  for (const auto& d : docs) {
    CHECK(d.text.find("“We will not sign any deal") != std::string::npos);  // before: removed as "repeated"
    CHECK(rule_lines(d, "repeated") == std::vector<std::string>{
                                           "“Harbour Hour” airs at six on our radio station every weekday evening.",
                                           "Sign up for the Courier newsletter and get the harbour news every morning."});
  }
}

TEST_CASE("clean: a paragraph only one week's pages of an outlet share is the story's, not furniture", "[clean]") {
  // Three updates of one developing story reprint its background paragraph; the footer comes back in
  // every article. Dated within a week, the background stays; months apart (or undated), it is taken
  // for furniture as any line in three of an outlet's pages is.
  auto pages = [](const std::vector<std::string>& dates) {
    std::vector<Document> docs(3);
    const char* leads[] = {"Divers reached the wreck of the ferry on Tuesday.", "The ferry's owner named the captain on Wednesday.",
                           "Investigators recovered the ferry's logbook on Friday."};
    for (int i = 0; i < 3; ++i) {
      docs[i].outlet = "Harbour Courier";
      if (!dates[i].empty()) docs[i].meta["date"] = dates[i];
      docs[i].text = std::string(leads[i]) +
                     "\n\nThe ferry sank in a storm off Skerry Point on Sunday night with forty passengers and a crew of six on board.\n\n"
                     "Harbour Courier, Quayside Media Ltd.\n";
    }
    framelens::CleanOptions o;
    o.page = false;
    framelens::clean(docs, o);
    return docs;
  };
  const std::string background = "The ferry sank in a storm off Skerry Point on Sunday night";
  for (const auto& d : pages({"2024-03-05", "2024-03-06T09:00:00Z", "2024-03-08"})) {
    CHECK(d.text.find(background) != std::string::npos);
    CHECK(rule_lines(d, "repeated") == std::vector<std::string>{"Harbour Courier, Quayside Media Ltd."});
  }
  for (const auto& dates : {std::vector<std::string>{"2024-03-05", "2024-03-06", "2024-05-20"},
                            std::vector<std::string>{"2024-03-05", "", "2024-03-08"}})
    for (const auto& d : pages(dates)) {
      CHECK(d.text.find(background) == std::string::npos);
      CHECK(rule_lines(d, "repeated").size() == 2);
    }
}
