// English speaker mentions of the rules (issue 12, seventeenth and eighteenth rounds). Every sentence here is written
// for these tests.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "framelens/quotes.hpp"
#include "quote_test_helpers.hpp"

using namespace framelens;
using testing::en;
using testing::text_of;

namespace {

// The mention of the statement whose content holds `piece` — the shortest such content, when a
// wider statement holds it too ("" when no statement holds it).
std::string mention_of(const std::string& text, const std::string& piece) {
  const QuoteResult r = en().extract(text);
  std::string mention;
  std::size_t best = std::string::npos;
  for (const auto& q : r.quotes)
    for (const auto& c : q.contents)
      if (text_of(text, c).find(piece) != std::string::npos && c.end - c.start < best) {
        best = c.end - c.start;
        mention = text_of(text, q.mention);
      }
  return mention;
}

struct Case {
  std::string text, piece, mention;
};

void check_cases(const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(mention_of(c.text, c.piece) == c.mention);
  }
}

}  // namespace

TEST_CASE("a pre-verbal adverb or a negated auxiliary before the cue is no mention: the subject before it speaks", "[quotes]") {
  check_cases({
      // a negated auxiliary after a pronoun (the mention was "doesn't")
      {"It doesn't tell the crews much about the new timetable.", "the new timetable", "It"},
      // a modal and a pre-verbal adverb (the mention was "soon")
      {"The ferry crews may soon see the old quay close for good.", "the old quay close", "The ferry crews"},
      // a relative pronoun behind "has long" (the mention was "long")
      {"The vote split the board, with Ida Roos, who has long opposed the new quay, absent.", "the new quay", "who"},
      // an apposition behind "seldom" and behind "has always"
      {"Oskar Dahl, whose ferry is the oldest in Varne, seldom speaks of the strike.", "the strike",
       "Oskar Dahl, whose ferry is the oldest in Varne"},
      {"The board, as well as its staff, has always maintained that the quay was safe.", "the quay was safe",
       "The board, as well as its staff"},
      // a dashed insert behind "have long"
      {"Port officials \xE2\x80\x94 among them the harbour master \xE2\x80\x94 have long argued that the quay is unsafe.",
       "the quay is unsafe", "Port officials"},
  });
  // the adverb stays the mention when no subject stands before it (the statement is kept)
  CHECK(mention_of("In the end, always maintained that the quay was safe.", "the quay was safe") == "always");
}

TEST_CASE("a fronted adverbial closed by a comma is no sentence subject: the subject after its comma speaks", "[quotes]") {
  check_cases({
      // a quotation as the object of a verb that is no cue: the sentence subject speaks
      {"Earlier this week, Ida Roos shared her worry with the crews, \xE2\x80\x9CI do not know which ferry will come.\xE2\x80\x9D",
       "which ferry will come", "Ida Roos"},
      {"Last year, she played down the plan as \xE2\x80\x9Cjust a way to win the vote in the spring\xE2\x80\x9D and left.",
       "win the vote", "she"},
      // an -ing opener whose comma closes a quotation
      {"Holding signs that called Roos \xE2\x80\x9Cthe worst mayor,\xE2\x80\x9D the crews chanted \xE2\x80\x9CSave the quay, save "
       "the ferry, save the town.\xE2\x80\x9D",
       "save the town", "the crews"},
      // a leading filler right before its comma
      {"Still, Oskar Dahl brought his old line to the quay: \xE2\x80\x9C" "Ferries first, and the rest after.\xE2\x80\x9D", "Ferries first",
       "Oskar Dahl"},
  });
  // a leading filler with words before its comma opens no adverbial: "But Oskar Dahl, making …"
  CHECK(mention_of("But Oskar Dahl, making his case for the quay, described the plan as \xE2\x80\x9C" "a mistake that will cost the town "
                   "dearly.\xE2\x80\x9D",
                   "a mistake") != "making");
}

TEST_CASE("a quotation without a cue after a statement of the same sentence takes that statement's speaker", "[quotes]") {
  check_cases({
      // the second quotation after "X said" without a comma
      {"\xE2\x80\x9CThe ferry is late again and nobody can tell us why,\xE2\x80\x9D Ida Roos said \xE2\x80\x9CThe crews have waited "
       "since Monday.\xE2\x80\x9D",
       "waited since Monday", "Ida Roos"},
      // a quotation in the tail of a participle that is no cue
      {"\xE2\x80\x9CThe plan was born in Varne to a mother who lived there,\xE2\x80\x9D the board said, reasoning that the plan met "
       "the rules because it \xE2\x80\x9C" "did not need any new money at any point.\xE2\x80\x9D",
       "new money", "the board"},
      // a cue of its own keeps its own speaker
      {"Oskar Dahl opposed the plan, but the crews called it \xE2\x80\x9C" "a fine day for the whole port and the town.\xE2\x80\x9D",
       "a fine day", "the crews"},
  });
  // without a statement before it in the sentence the quotation stays without a speaker
  const std::string text = "On the quay there was only a banner with \xE2\x80\x9Cthe ferry will come back to Varne some day\xE2\x80\x9D on it.";
  const QuoteResult r = en().extract(text);
  REQUIRE(r.quotes.size() == 1);
  CHECK(text_of(text, r.quotes[0].contents.front()).find("come back") != std::string::npos);
  CHECK(r.quotes[0].mention.end == r.quotes[0].mention.start);
}

TEST_CASE("a verb and a determiner opening the phrase before a noun cue are the predicate: the subject before them speaks", "[quotes]") {
  check_cases({
      {"She then offered a brief outline of the new timetable for the ferry.", "new timetable", "She"},
      {"Ida Roos and Oskar Dahl, the two harbour masters, made an impassioned call for unity on Friday.", "unity",
       "Ida Roos and Oskar Dahl, the two harbour masters"},
      // a phrase whose subject holds the light verb stays as it was (round 13 tried cutting it: two matched quotes lost)
      {"The editorials made no mention of the mayor.", "the mayor", "The editorials made no"},
  });
}

TEST_CASE("an insert opened by 'including' or 'along with' adds to the subject before it, capitalised or not", "[quotes]") {
  check_cases({
      {"While many harbour workers, including members of the crew union, fiercely opposed the plan, the board agreed.", "the plan",
       "many harbour workers, including members of the crew union"},
      {"the crews, along with their families, said the quay was unsafe.", "the quay was unsafe", "the crews, along with their families"},
  });
  // another lower-case insert is no apposition of a lower-case phrase, as before
  CHECK(mention_of("the crews, tired and cold, said the quay was unsafe.", "the quay was unsafe") != "the crews, tired and cold");
}

TEST_CASE("a cue after 'having' and a comma or dash is a participle: the main clause's subject speaks", "[quotes]") {
  check_cases({
      {"Oskar Dahl made the ferry a priority, having said that the quay was unsafe.", "the quay was unsafe", "Oskar Dahl"},
      // a phrase cue; the adverb after the subject is no part of it
      {"The mayor also misjudged the crews, having referred to them as \xE2\x80\x9C" "a small group of loud people in the harbour.\xE2\x80\x9D",
       "loud people", "The mayor"},
      {"Ida Roos opened the meeting saying the plan was fine -- having suggested in a speech that it was not -- but said she had "
       "doubts.",
       "that it was not", "Ida Roos"},
  });
}

TEST_CASE("a determiner alone after a cue and before a quotation is no inverted speaker", "[quotes]") {
  const std::string text = "Roos spoke first and he, as always, promised a \xE2\x80\x9Cnew ferry for the town\xE2\x80\x9D and said "
                           "that the crews were ready for a fight.";
  for (const auto& q : en().extract(text).quotes) CHECK(text_of(text, q.mention) != "a");
  // an inverted speaker that is a determiner and a noun (a weekday between them), or a pronoun-like
  // determiner, stays
  check_cases({
      {"\xE2\x80\x9CThe quay is closed until the spring and the crews know it,\xE2\x80\x9D reads a Monday letter from the board.",
       "crews know it", "a Monday letter from the board"},
      {"\xE2\x80\x9CThe ferry is great and the quay is not,\xE2\x80\x9D read one. \xE2\x80\x9CNo ferry, no town,\xE2\x80\x9D read another.",
       "the quay is not", "one"},
  });
}

TEST_CASE("an adverbial phrase between an auxiliary and the cue is skipped: the subject before the auxiliary speaks", "[quotes]") {
  check_cases({
      // "has in the past" (the mention was "the past")
      {"The board has in the past described the plan as \xE2\x80\x9C" "a folly.\xE2\x80\x9D", "a folly", "The board"},
      // a modal and "in some ways" (the mention was "some ways")
      {"The crews will in some ways decide the fate of the old quay.", "the fate of the old quay", "The crews"},
      // "did not at any time" (the mention was "any time")
      {"Oskar Dahl did not at any time mention the \xE2\x80\x9Charbour deal.\xE2\x80\x9D", "harbour deal", "Oskar Dahl"},
      // a relative pronoun before the auxiliary
      {"Ida Roos, who has at times criticised the quay, said little.", "the quay", "who"},
      // the phrase after the cue is no insert
      {"Dahl has said in the past that the quay was safe.", "the quay was safe", "Dahl"},
  });
}

TEST_CASE("a participle phrase after the subject is no mention: the subject before it speaks", "[quotes]") {
  check_cases({
      // "-ed" + "by" (the mention was "the Varne Post")
      {"A letter from the board obtained by the Varne Post says that the quay is unsafe.", "the quay is unsafe",
       "A letter from the board"},
      // "-ing" + "to" (the mention was "reporters")
      {"An aide speaking to reporters said, \xE2\x80\x9CThe quay is unsafe.\xE2\x80\x9D", "The quay is unsafe", "An aide"},
      // the participle alone before a skipped weekday (the mention was "published")
      {"A report published Tuesday said the quay is unsafe.", "the quay is unsafe", "A report"},
      // an infinitive after "-ed" is no participle phrase: the phrase before the cue stays
      {"Roos is well placed to decide what the crews want to hear about the \xE2\x80\x9Cnew quay.\xE2\x80\x9D", "new quay",
       "the crews"},
  });
}

TEST_CASE("a time adverbial between an apposition and the cue is skipped", "[quotes]") {
  check_cases({
      // (the mention was "this past week")
      {"Ida Roos, the harbour master, this past week announced that the quay \xE2\x80\x9Cwill close.\xE2\x80\x9D", "will close",
       "Ida Roos, the harbour master"},
      // "earlier in the day" after an apposition
      {"Oskar Dahl, a captain, earlier in the day said the quay \xE2\x80\x9Cwill close.\xE2\x80\x9D", "will close",
       "Oskar Dahl, a captain"},
  });
}

TEST_CASE("a share of a number before a present cue form is its subject", "[quotes]") {
  check_cases({
      // a bare form after "N in M" (the cue was taken for a plural noun after a number: no statement)
      {"Six in 10 say the ferry should keep its winter timetable.", "winter timetable", "Six in 10"},
      // "one in five" ("one" is no number word) and "N out of M"
      {"About one in five want the quay rebuilt before the summer.", "the quay rebuilt", "one in five"},
      {"Roughly nine out of 10 argue the fares are too high.", "the fares are too high", "Roughly nine out of 10"},
      // a share after a coordinator closes the content before it and speaks for the clause after
      {"Two in three said the ferry is late but one in four claimed the boats are full.", "the boats are full", "one in four"},
      {"Two in three said the ferry is late but one in four claimed the boats are full.", "the ferry is late", "Two in three"},
  });
  // a number after a determiner heads the phrase before a bare form (the quotation's "they" spoke)
  check_cases({{"Yet crews in all five argue they need the quay rebuilt.", "the quay rebuilt", "crews in all five"}});
  // a bare form after a plain number stays a noun ("the reports")
  const std::string text = "The board read 30 reports on the quay.";
  for (const auto& q : en().extract(text).quotes) CHECK(text_of(text, q.cue) != "reports");
}

TEST_CASE("a percent sign after a number is part of the speaker phrase", "[quotes]") {
  check_cases({
      // (the phrase stopped at the sign: no speaker, no statement)
      {"Of the crews, 42% say the ferry should keep its winter timetable.", "winter timetable", "42%"},
      {"Just 9% said the fares were fair.", "the fares were fair", "9%"},
      // a count with its sign after a comma closes the content before it
      {"On fares, 42% say they are too high, 31% say they are fair.", "they are too high", "42%"},
      {"On fares, 42% say they are too high, 31% say they are fair.", "they are fair", "31%"},
  });
}
