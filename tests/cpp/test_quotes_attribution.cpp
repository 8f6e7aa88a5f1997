// Quote extraction, fifteenth round (English attribution: which words belong to which report).
// Every sentence here is written for these tests.
#include <catch2/catch.hpp>

#include <string>

#include "framelens/quotes.hpp"
#include "quote_test_helpers.hpp"

using namespace framelens;
using testing::en;
using testing::only_quote;
using testing::text_of;

TEST_CASE("a relative pronoun before the subject of a report is the first piece of its content", "[quotes]") {
  // "which" stands for what the report is about: [which] + [the clause or quotation after the cue]
  const std::string a = "The board kept the night fares, which Ida Roos said were far too high.";
  const Quote qa = only_quote(a);
  REQUIRE(qa.contents.size() == 2);
  CHECK(text_of(a, qa.contents.at(0)) == "which");
  CHECK(text_of(a, qa.contents.at(1)) == "were far too high");
  CHECK(text_of(a, qa.mention) == "Ida Roos");
  const std::string a2 = "The board cut the night ferry, which Berg called \xE2\x80\x9C" "a costly mistake.\xE2\x80\x9D";
  const Quote qa2 = only_quote(a2);
  REQUIRE(qa2.contents.size() == 2);
  CHECK(text_of(a2, qa2.contents.at(0)) == "which");
  CHECK(text_of(a2, qa2.contents.at(1)) == "\xE2\x80\x9C" "a costly mistake.\xE2\x80\x9D");
  // the pronoun as the subject of the reported clause ("whom … believed was …")
  const std::string b = "The crews backed Berg, whom most skippers believed was the better harbour master.";
  const Quote qb = only_quote(b);
  REQUIRE(qb.contents.size() == 2);
  CHECK(text_of(b, qb.contents.at(0)) == "whom");
  CHECK(text_of(b, qb.contents.at(1)) == "was the better harbour master");
  // a free relative: "what X called …"
  const std::string c = "Then came what the mayor called \xE2\x80\x9C" "a long winter.\xE2\x80\x9D";
  const Quote qc = only_quote(c);
  REQUIRE(qc.contents.size() == 2);
  CHECK(text_of(c, qc.contents.at(0)) == "what");
  CHECK(text_of(c, qc.mention) == "the mayor");
  // a complementizer "that" or a subject relative ("who said") adds no piece
  const std::string d = "The crews knew that Berg said the quay was unsafe.";
  for (const Quote& q : en().extract(d).quotes) CHECK(text_of(d, q.contents.at(0)) != "that");
  const std::string e = "Roos, who said the quay was unsafe, left early.";
  const Quote qe = only_quote(e);
  CHECK(qe.contents.size() == 1);
  CHECK(text_of(e, qe.contents.at(0)) == "the quay was unsafe");
}

TEST_CASE("'went on to' hands the report to the verb of its infinitive, whose object is the content", "[quotes]") {
  const std::string a = "Roos went on to praise the night crews.";
  const Quote qa = only_quote(a);
  CHECK(text_of(a, qa.contents.at(0)) == "the night crews");
  CHECK(text_of(a, qa.cue) == "went on to praise");
  CHECK(text_of(a, qa.mention) == "Roos");
  // adverbs before the verb join the cue; a reported clause after "to say" stays a clause
  const std::string b = "The harbour master went on to openly mock the new timetable.";
  const Quote qb = only_quote(b);
  CHECK(text_of(b, qb.contents.at(0)) == "the new timetable");
  CHECK(text_of(b, qb.cue) == "went on to openly mock");
  const std::string c = "Berg went on to say that the quay would reopen in May.";
  const Quote qc = only_quote(c);
  CHECK(text_of(c, qc.contents.at(0)) == "that the quay would reopen in May");
  CHECK(text_of(c, qc.cue) == "went on to say");
  // "went on" before a colon and a quotation keeps its content as before
  const std::string d = "Berg went on: \xE2\x80\x9CThe quay is safe.\xE2\x80\x9D";
  const Quote qd = only_quote(d);
  CHECK(text_of(d, qd.contents.at(0)) == "\xE2\x80\x9CThe quay is safe.\xE2\x80\x9D");
  CHECK(text_of(d, qd.cue) == "went on");
}

TEST_CASE("a dateline and a leading filler with its comma are no part of a content before its cue", "[quotes]") {
  const std::string a = "VARNE \xE2\x80\x94 The night ferry will stop running in May, harbour officials said on Monday.";
  const Quote qa = only_quote(a);
  CHECK(text_of(a, qa.contents.at(0)) == "The night ferry will stop running in May");
  CHECK(text_of(a, qa.mention) == "harbour officials");
  const std::string b = "Still, the crews stayed on the quay until dawn, Roos said.";
  CHECK(text_of(b, only_quote(b).contents.at(0)) == "the crews stayed on the quay until dawn");
  // a filler without a comma stays ("But …, Roos said": the annotation keeps it more often than not)
  const std::string c = "But the crews stayed on the quay, Roos said.";
  CHECK(text_of(c, only_quote(c).contents.at(0)) == "But the crews stayed on the quay");
}

TEST_CASE("an attitude's object does not end at a thousands separator", "[quotes]") {
  const std::string a = "Roos criticised the plan to spend $30,000 on a new quay.";
  CHECK(text_of(a, only_quote(a).contents.at(0)) == "the plan to spend $30,000 on a new quay");
  // a comma before a lower-case word still ends it
  const std::string b = "Roos endorsed the plan to hire 1,200 new crew members, a first for the harbour.";
  CHECK(text_of(b, only_quote(b).contents.at(0)) == "the plan to hire 1,200 new crew members");
}

TEST_CASE("after 'asked' the addressee and its to-infinitive are what was asked", "[quotes]") {
  const std::string a = "The harbour board asked the crews to stay on the quay until May.";
  const Quote qa = only_quote(a);
  CHECK(text_of(a, qa.contents.at(0)) == "the crews to stay on the quay until May");
  CHECK(text_of(a, qa.mention) == "The harbour board");
  const std::string b = "Roos asked them to vote against the new timetable.";
  CHECK(text_of(b, only_quote(b).contents.at(0)) == "them to vote against the new timetable");
  // a reported question keeps its clause; "told" keeps the addressee out
  const std::string c = "Roos asked the crews whether the quay was safe.";
  CHECK(text_of(c, only_quote(c).contents.at(0)) == "whether the quay was safe");
  const std::string d = "Berg told the crews to stay home.";
  CHECK(text_of(d, only_quote(d).contents.at(0)) == "to stay home");
}
