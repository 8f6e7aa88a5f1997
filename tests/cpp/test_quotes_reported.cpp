// Quote extraction, fourteenth round (English reported speech: cue verbs outside the lexicons, a cue
// noun form that is a document's verb). Every sentence here is written for these tests.
#include <catch2/catch.hpp>

#include <string>

#include "framelens/quotes.hpp"
#include "quote_test_helpers.hpp"

using namespace framelens;
using testing::en;
using testing::only_quote;
using testing::text_of;

TEST_CASE("perception, echo and portrayal verbs take their object as content", "[quotes]") {
  const std::string a = "The crews see the new quay as a costly mistake.";
  const Quote qa = only_quote(a);
  CHECK(text_of(a, qa.contents.at(0)) == "the new quay as a costly mistake");
  CHECK(text_of(a, qa.mention) == "The crews");
  CHECK(qa.kind == QuoteKind::attitude);
  const std::string b = "Ida Roos echoed the harbour master's warning.";
  CHECK(text_of(b, only_quote(b).contents.at(0)) == "the harbour master's warning");
  const std::string c = "The union portrayed the ferry company as careless.";
  CHECK(text_of(c, only_quote(c).contents.at(0)) == "the ferry company as careless");
  const std::string d = "Berg sided with the striking crews.";
  CHECK(text_of(d, only_quote(d).contents.at(0)) == "the striking crews");
  // a passive without an agent attributes nothing; "saw" and "seen" (mostly witnessing: "saw a rise",
  // "has seen") are no cue forms
  CHECK(en().extract("The quay is seen as a costly mistake.").quotes.empty());
  CHECK(en().extract("The harbour saw a sharp rise in fares last year.").quotes.empty());
  CHECK(en().extract("The crews have seen many storms on the quay.").quotes.empty());
}

TEST_CASE("forecast, projection and judgement verbs report a clause", "[quotes]") {
  const std::string a = "The harbour board projected that the quay would open in May.";
  const Quote qa = only_quote(a);
  CHECK(text_of(a, qa.contents.at(0)) == "that the quay would open in May");
  CHECK(text_of(a, qa.mention) == "The harbour board");
  const std::string b = "Roos guessed the ferry would be late again.";
  CHECK(text_of(b, only_quote(b).contents.at(0)) == "the ferry would be late again");
}

TEST_CASE("a cue noun form after a document or survey head that agrees with it is the head's verb", "[quotes]") {
  const std::string a = "The survey shows that most crews want a shorter shift.";
  const Quote qa = only_quote(a);
  CHECK(text_of(a, qa.contents.at(0)) == "that most crews want a shorter shift");
  CHECK(text_of(a, qa.mention) == "The survey");
  const std::string b = "The reports show the ferry was late on most days.";
  const Quote qb = only_quote(b);
  CHECK(text_of(b, qb.contents.at(0)) == "the ferry was late on most days");
  CHECK(text_of(b, qb.mention) == "The reports");
  // no agreement or no document head: a compound noun, no cue
  CHECK(en().extract("The poll question was hard to read.").quotes.empty());
  CHECK(en().extract("The reality shows were cancelled in May.").quotes.empty());
}
