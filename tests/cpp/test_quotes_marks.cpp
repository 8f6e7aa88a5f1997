// English speakers of quotes with quotation marks (issue 12, fourteenth round). Every sentence here is
// written for these tests.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "framelens/quotes.hpp"
#include "quote_test_helpers.hpp"

using namespace framelens;
using testing::en;
using testing::text_of;

namespace {

// The statement whose content holds `piece` (fails the test when there is none).
Quote holding(const std::string& text, const std::string& piece) {
  const QuoteResult r = en().extract(text);
  INFO(text);
  for (const auto& q : r.quotes)
    for (const auto& c : q.contents)
      if (text_of(text, c).find(piece) != std::string::npos) return q;
  FAIL("no statement holds: " << piece);
  return {};
}

}  // namespace

TEST_CASE("the noun phrase after 'with' is the subject of the participle cue after it ('with the crews calling it …')", "[quotes]") {
  struct Case { std::string text, piece, mention; };
  const std::vector<Case> cases = {
      {"The harbour board backed the plan, with the crews calling it \xE2\x80\x9C" "a fine day for the port.\xE2\x80\x9D",
       "a fine day", "the crews"},
      {"The quay was cleared, with Ida Roos later adding: \xE2\x80\x9CThe boats stay in until Friday.\xE2\x80\x9D", "boats stay in",
       "Ida Roos"},
      {"The board campaigned all spring, with one of its posters asking, \xE2\x80\x9CWho will mend the old quay?\xE2\x80\x9D",
       "mend the old quay", "one of its posters"},
      {"The poll found a split, with 40 percent of the crews saying the quay was unsafe.", "the quay was unsafe",
       "40 percent of the crews"},
  };
  for (const auto& c : cases) {
    const Quote q = holding(c.text, c.piece);
    CHECK(text_of(c.text, q.mention) == c.mention);
  }
  // the phrase must end in a content word: "… and denying" is a coordinated participle, no subject
  const std::string text = "He toured the quay with his crew tired and saying nothing.";
  bool tail_as_subject = false;
  for (const auto& q : en().extract(text).quotes) tail_as_subject = tail_as_subject || text_of(text, q.mention) == "his crew tired and";
  CHECK_FALSE(tail_as_subject);
  // without "with", a participle needs its comma, as before
  CHECK(en().extract("The crews calling the plan a joke were tired.").quotes.empty());
}

TEST_CASE("a report closing a statement whose quotation ends in a comma is nested: the reporter speaks for the sentence", "[quotes]") {
  const std::string text =
      "Berg said Roos \xE2\x80\x9C" "could not keep the ferry running,\xE2\x80\x9D a crew member recalled, adding that Berg was tired.";
  const QuoteResult r = en().extract(text);
  bool outer = false, inner = false;
  for (const auto& q : r.quotes) {
    const std::string content = text_of(text, q.contents.front());
    const std::string mention = text_of(text, q.mention);
    outer = outer || (content == "Berg said Roos \xE2\x80\x9C" "could not keep the ferry running,\xE2\x80\x9D" && mention == "a crew member");
    inner = inner || (content == "Roos \xE2\x80\x9C" "could not keep the ferry running,\xE2\x80\x9D" && mention == "Berg");
  }
  CHECK(outer);
  CHECK(inner);  // the statement inside stays
  // the participle after the report continues its speaker
  CHECK(text_of(text, holding(text, "Berg was tired").mention) == "a crew member");
  // the same speaker going on (a pronoun, the inner speaker's name) closes no nested report
  for (const std::string same : {"Berg said the crews were tired of \xE2\x80\x9Cwaiting all day,\xE2\x80\x9D he said.",
                                 "Berg said the crews were tired of \xE2\x80\x9Cwaiting all day,\xE2\x80\x9D Berg wrote."}) {
    const QuoteResult rs = en().extract(same);
    INFO(same);
    REQUIRE(rs.quotes.size() == 1);
    CHECK(text_of(same, rs.quotes[0].mention) == "Berg");
    CHECK(text_of(same, rs.quotes[0].contents.front()) == "the crews were tired of \xE2\x80\x9Cwaiting all day,\xE2\x80\x9D");
  }
}

TEST_CASE("a quotation opening a sentence without a cue, words after it, continues the previous speaker", "[quotes]") {
  const std::string text =
      "\xE2\x80\x9CThe crews are tired,\xE2\x80\x9D the harbour master said. \xE2\x80\x9CWhether the ferry sails in May is up to the "
      "weather\xE2\x80\x9D at the meeting on Monday.";
  const QuoteResult r = en().extract(text);
  REQUIRE(r.quotes.size() == 1);  // one more piece of the statement before
  CHECK(text_of(text, r.quotes[0].mention) == "the harbour master");
  REQUIRE(r.quotes[0].contents.size() == 2);
  CHECK(text_of(text, r.quotes[0].contents[1]) == "\xE2\x80\x9CWhether the ferry sails in May is up to the weather\xE2\x80\x9D");
  // nobody spoke before: no speaker
  const std::string alone = "The board met on Monday. \xE2\x80\x9CWhether the ferry sails in May is up to the weather\xE2\x80\x9D at the meeting.";
  const QuoteResult ra = en().extract(alone);
  REQUIRE(ra.quotes.size() == 1);
  CHECK(ra.quotes[0].speaker < 0);
}

TEST_CASE("a participle after a clause opened by 'when'/'as'/'while' takes that clause's subject", "[quotes]") {
  struct Case { std::string text, piece, mention; };
  const std::vector<Case> cases = {
      {"Berg closed the meeting when he announced the new timetable, saying the ferry would run in May.",
       "the ferry would run", "he"},
      {"The first trouble came at the quay, as the crews crowded the quay, chanting \xE2\x80\x9Cno more delays!\xE2\x80\x9D",
       "no more delays", "the crews"},
  };
  for (const auto& c : cases) {
    const Quote q = holding(c.text, c.piece);
    CHECK(text_of(c.text, q.mention) == c.mention);
  }
  // without a subordinator the main clause's subject speaks, as before
  const std::string text = "Berg closed the meeting on Monday, saying the ferry would run in May.";
  CHECK(text_of(text, holding(text, "the ferry would run").mention) == "Berg");
}
