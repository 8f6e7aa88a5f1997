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
