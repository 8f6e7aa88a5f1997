// Quote extraction, thirteenth round (reported speech: recall by the rules). Every sentence here is
// written for these tests.
#include <catch2/catch.hpp>

#include <string>

#include "framelens/quotes.hpp"
#include "quote_test_helpers.hpp"

using namespace framelens;
using testing::en;
using testing::only_quote;
using testing::text_of;

TEST_CASE("criticism, emphasis, description and expression verbs take their object as content", "[quotes]") {
  const std::string a = "The harbour master blasted the new ferry timetable.";
  const Quote qa = only_quote(a);
  CHECK(text_of(a, qa.contents.at(0)) == "the new ferry timetable");
  CHECK(text_of(a, qa.mention) == "The harbour master");
  // (round 19: after a verb of expressing, the stance noun and its preposition are no part of the content)
  const std::string b = "Ida Roos expressed deep concern about the quay.";
  CHECK(text_of(b, only_quote(b).contents.at(0)) == "the quay");
  const std::string c = "Berg described the crossing as a long ordeal.";
  CHECK(text_of(c, only_quote(c).contents.at(0)) == "the crossing as a long ordeal");
  const std::string d = "The mayor ordered an inquiry into the delays.";
  CHECK(text_of(d, only_quote(d).contents.at(0)) == "an inquiry into the delays");
  // a clause after them stays a reported clause
  const std::string e = "Roos stressed that the ferry would sail on Monday.";
  CHECK(text_of(e, only_quote(e).contents.at(0)) == "that the ferry would sail on Monday");
  // a lone pronoun says nothing of what was held; a noun after a determiner is no cue
  CHECK(en().extract("Roos slammed it.").quotes.empty());
  CHECK(en().extract("The recall of the mayor failed.").quotes.empty());
}

TEST_CASE("a capitalised role or a long full name in apposition before ', said'", "[quotes]") {
  // "Name, Capitalised role phrase, said": the role ends in a lower-case word or a title
  const std::string a = "Ida Roos, Varne Harbour's chief engineer, said the quay would reopen.";
  const Quote qa = only_quote(a);
  CHECK(text_of(a, qa.contents.at(0)) == "the quay would reopen");
  CHECK(text_of(a, qa.mention) == "Ida Roos, Varne Harbour's chief engineer");
  // "Role ending in a title, Name, said"
  const std::string b = "The Varne Ferry Company's CEO, Oskar Dahl, said the boats were late.";
  const Quote qb = only_quote(b);
  CHECK(text_of(b, qb.contents.at(0)) == "the boats were late");
  CHECK(text_of(b, qb.mention) == "The Varne Ferry Company's CEO, Oskar Dahl");
  // "Role, a full name with a longer attribute, said"
  const std::string c = "Another pollster, Greta Holm of the Varne Institute, said the race was close.";
  const Quote qc = only_quote(c);
  CHECK(text_of(c, qc.contents.at(0)) == "the race was close");
  CHECK(text_of(c, qc.mention) == "Another pollster, Greta Holm of the Varne Institute");
}

TEST_CASE("a long source after a sentence-opening 'According to' runs to its comma", "[quotes]") {
  const std::string a =
      "According to an early count of ballots cast at the Varne harbour office on Monday morning, the ferry plan "
      "has passed.";
  const Quote q = only_quote(a);
  CHECK(text_of(a, q.contents.at(0)) == "the ferry plan has passed");
  CHECK(text_of(a, q.mention) == "an early count of ballots cast at the Varne harbour office on Monday morning");
  // a source with a slash stays whole
  const std::string b = "According to a Varne Courier/Harbour Radio poll of 600 crews, most want a new quay.";
  const Quote qb = only_quote(b);
  CHECK(text_of(b, qb.mention) == "a Varne Courier/Harbour Radio poll of 600 crews");
  CHECK(text_of(b, qb.contents.at(0)) == "most want a new quay");
}

TEST_CASE("an -ing cue after a form of 'be' is the finite verb of its clause (the progressive)", "[quotes]") {
  const std::string a = "Roos is calling for a new quay.";
  const Quote qa = only_quote(a);
  CHECK(text_of(a, qa.contents.at(0)) == "a new quay");
  CHECK(text_of(a, qa.mention) == "Roos");
  const std::string b = "The crews were also saying the quay is unsafe.";
  const Quote qb = only_quote(b);
  CHECK(text_of(b, qb.contents.at(0)) == "the quay is unsafe");
  CHECK(text_of(b, qb.mention) == "The crews");
  const std::string c = "Berg has been urging the board to act.";
  const Quote qc = only_quote(c);
  CHECK(text_of(c, qc.contents.at(0)) == "the board to act");
  CHECK(text_of(c, qc.mention) == "Berg");
  // an -ing form elsewhere stays no cue of its own (a gerund, a participle without a comma)
  CHECK(en().extract("Saying nothing is a habit of the board.").quotes.empty());
}

TEST_CASE("knowledge and belief verbs report a clause, not an object", "[quotes]") {
  const std::string a = "The crews knew that the quay was unsafe.";
  const Quote qa = only_quote(a);
  CHECK(text_of(a, qa.contents.at(0)) == "that the quay was unsafe");
  CHECK(text_of(a, qa.mention) == "The crews");
  const std::string b = "Berg learned the ferry would be late.";
  CHECK(text_of(b, only_quote(b).contents.at(0)) == "the ferry would be late");
  const std::string c = "The board suspects the timetable will slip again.";
  CHECK(text_of(c, only_quote(c).contents.at(0)) == "the timetable will slip again");
  // an object is no report; "known" is no cue form
  CHECK(en().extract("Roos knows the harbour well.").quotes.empty());
  CHECK(en().extract("The bakery is known for its rye bread.").quotes.empty());
}

TEST_CASE("praise and criticism verbs take their object as content", "[quotes]") {
  const std::string a = "The union lambasted the new harbour fees.";
  CHECK(text_of(a, only_quote(a).contents.at(0)) == "the new harbour fees");
  const std::string b = "Roos hailed the agreement with the ferry crews.";
  const Quote qb = only_quote(b);
  CHECK(text_of(b, qb.contents.at(0)) == "the agreement with the ferry crews");
  CHECK(qb.kind == QuoteKind::attitude);
}

TEST_CASE("an attitude phrase after a form of 'be' takes the subject before the auxiliary ('is critical of')", "[quotes]") {
  const std::string a = "Roos is critical of the new timetable.";
  const Quote qa = only_quote(a);
  CHECK(text_of(a, qa.contents.at(0)) == "the new timetable");
  CHECK(text_of(a, qa.mention) == "Roos");
  CHECK(qa.kind == QuoteKind::attitude);
  const std::string b = "The crews were worried about the quay.";
  const Quote qb = only_quote(b);
  CHECK(text_of(b, qb.contents.at(0)) == "the quay");
  CHECK(text_of(b, qb.mention) == "The crews");
}
