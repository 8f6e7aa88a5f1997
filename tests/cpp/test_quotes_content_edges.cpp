// Quote extraction, seventeenth round (English content edges in the rules). Every sentence here is
// written for these tests.
#include <catch2/catch.hpp>

#include <string>

#include "framelens/quotes.hpp"
#include "quote_test_helpers.hpp"

using namespace framelens;
using testing::en;
using testing::only_quote;
using testing::text_of;

TEST_CASE("after an attitude cue, 'that' after a noun phrase or an infinitive is a relative pronoun", "[quotes]") {
  // the object of "proposed" is the noun phrase with its relative clause
  const std::string a = "Ida Roos proposed new harbour rules that would end the night fares.";
  const Quote qa = only_quote(a);
  CHECK(text_of(a, qa.contents.at(0)) == "new harbour rules that would end the night fares");
  CHECK(text_of(a, qa.mention) == "Ida Roos");
  const std::string b = "The board refused to fund quays that flood every spring.";
  CHECK(text_of(b, only_quote(b).contents.at(0)) == "to fund quays that flood every spring");
  // a day, an adverb, a name or a lone noun before "that" keeps it a complementizer
  for (const std::string c : {"Oskar Dahl emphasized on Tuesday that the ferry would stop in May.",
                              "Oskar Dahl emphasized repeatedly that the ferry would stop in May.",
                              "Oskar Dahl expressed concern that the ferry would stop in May."})
    CHECK(text_of(c, only_quote(c).contents.at(0)) == "that the ferry would stop in May");
  // a speech verb keeps skipping to "that" ("told the crews that")
  const std::string e = "Berg told the crews that the quay was safe.";
  CHECK(text_of(e, only_quote(e).contents.at(0)) == "that the quay was safe");
}

TEST_CASE("'according to X,' inside a clause that goes on after the source gives two pieces", "[quotes]") {
  const std::string a = "Among the costs at risk, according to the harbour board, are two new quays.";
  const Quote qa = only_quote(a);
  REQUIRE(qa.contents.size() == 2);
  CHECK(text_of(a, qa.contents.at(0)) == "Among the costs at risk");
  CHECK(text_of(a, qa.contents.at(1)) == "are two new quays");
  CHECK(text_of(a, qa.mention) == "the harbour board");
  // a short fronted phrase without a verb: the clause after the source is the second piece
  const std::string c = "Over the winter, according to the harbour board, the crews sailed every night.";
  const Quote qc = only_quote(c);
  REQUIRE(qc.contents.size() == 2);
  CHECK(text_of(c, qc.contents.at(0)) == "Over the winter");
  CHECK(text_of(c, qc.contents.at(1)) == "the crews sailed every night");
  // an apposition after the source is no part of the content
  const std::string b = "The night ferry lost money last year, according to Oskar Dahl, a harbour clerk.";
  const Quote qb = only_quote(b);
  REQUIRE(qb.contents.size() == 1);
  CHECK(text_of(b, qb.contents.at(0)) == "The night ferry lost money last year");
}

TEST_CASE("a short clause, a parenthetical cue and its comma, then 'that': two pieces", "[quotes]") {
  const std::string a = "It is no surprise, Ida Roos said, that the night ferry is late.";
  const Quote qa = only_quote(a);
  REQUIRE(qa.contents.size() == 2);
  CHECK(text_of(a, qa.contents.at(0)) == "It is no surprise");
  CHECK(text_of(a, qa.contents.at(1)) == "that the night ferry is late");
  CHECK(text_of(a, qa.mention) == "Ida Roos");
  // no clause before the cue: the "that"-clause alone
  const std::string b = "Ida Roos said, that the night ferry is late.";
  const Quote qb = only_quote(b);
  REQUIRE(qb.contents.size() == 1);
  CHECK(text_of(b, qb.contents.at(0)) == "that the night ferry is late");
}

TEST_CASE("an attitude's object runs on past a comma before 'including', 'especially' and the like", "[quotes]") {
  const std::string a = "Ida Roos opposed the new harbour fees, including a toll on the old quay.";
  CHECK(text_of(a, only_quote(a).contents.at(0)) == "the new harbour fees, including a toll on the old quay");
  const std::string b = "Oskar Dahl praised the night crews, especially the pilots of the small ferry.";
  CHECK(text_of(b, only_quote(b).contents.at(0)) == "the night crews, especially the pilots of the small ferry");
  // any other lower-case word after the comma still ends the object
  const std::string c = "Ida Roos endorsed the quay, a dig at the board.";
  CHECK(text_of(c, only_quote(c).contents.at(0)) == "the quay");
}

TEST_CASE("a short noun phrase, a parenthetical cue and its comma, then a quotation: two pieces", "[quotes]") {
  const std::string a = "These harbour rules, the skippers said, \xE2\x80\x9C" "are a joke.\xE2\x80\x9D";
  const Quote qa = only_quote(a);
  REQUIRE(qa.contents.size() == 2);
  CHECK(text_of(a, qa.contents.at(0)) == "These harbour rules");
  CHECK(text_of(a, qa.contents.at(1)) == "\xE2\x80\x9C" "are a joke.\xE2\x80\x9D");
  CHECK(text_of(a, qa.mention) == "the skippers");
  // a fronted adverbial is the writer's: the quotation alone
  const std::string b = "In a long statement, Roos said, \xE2\x80\x9C" "The quay is safe.\xE2\x80\x9D";
  const Quote qb = only_quote(b);
  REQUIRE(qb.contents.size() == 1);
  CHECK(text_of(b, qb.contents.at(0)) == "\xE2\x80\x9C" "The quay is safe.\xE2\x80\x9D");
}

TEST_CASE("a lone personal pronoun is an attitude's object; a lone 'it' is not", "[quotes]") {
  const std::string a = "Gov. Dahl endorsed her.";
  const Quote qa = only_quote(a);
  CHECK(text_of(a, qa.contents.at(0)) == "her");
  CHECK(text_of(a, qa.mention) == "Gov. Dahl");
  const std::string b = "Oskar Dahl, who had endorsed him, left the party.";
  CHECK(text_of(b, only_quote(b).contents.at(0)) == "him");
  CHECK(en().extract("Gov. Dahl criticized it.").quotes.empty());
}

TEST_CASE("a day or a recent period right after the cue is no part of the content", "[quotes]") {
  const std::string a = "Ida Roos said Tuesday the quay would close in May.";
  CHECK(text_of(a, only_quote(a).contents.at(0)) == "the quay would close in May");
  const std::string b = "Oskar Dahl promised on Monday to keep the night ferry.";
  CHECK(text_of(b, only_quote(b).contents.at(0)) == "to keep the night ferry");
  const std::string c = "Roos said last week she would run again.";
  CHECK(text_of(c, only_quote(c).contents.at(0)) == "she would run again");
  // before a finite verb the day stays where it was (a reduced relative: no clause starts after it)
  const std::string d = "The toll Roos announced Monday would cost the crews dearly.";
  CHECK(text_of(d, only_quote(d).contents.at(0)) == "Monday would cost the crews dearly");
}

TEST_CASE("an adverbial or addressee between the cue and a colon before a quotation is the cue's", "[quotes]") {
  const std::string a = "Ida Roos said flatly: \xE2\x80\x9C" "The quay is safe.\xE2\x80\x9D";
  CHECK(text_of(a, only_quote(a).contents.at(0)) == "\xE2\x80\x9C" "The quay is safe.\xE2\x80\x9D");
  const std::string b = "Oskar Dahl wrote to the harbour board in a letter: \xE2\x80\x9C" "Stay home.\xE2\x80\x9D";
  CHECK(text_of(b, only_quote(b).contents.at(0)) == "\xE2\x80\x9C" "Stay home.\xE2\x80\x9D");
  // a clause of its own before the colon keeps its words
  const std::string c = "Roos said she had one wish: \xE2\x80\x9C" "A new quay.\xE2\x80\x9D";
  CHECK(text_of(c, only_quote(c).contents.at(0)) == "she had one wish: \xE2\x80\x9C" "A new quay.\xE2\x80\x9D");
}

TEST_CASE("a speech participle right after the cue introduces the content and is no part of it", "[quotes]") {
  const std::string a = "The harbour board issued a statement saying the quay was safe.";
  const Quote qa = only_quote(a);
  CHECK(text_of(a, qa.cue) == "issued a statement");
  CHECK(text_of(a, qa.contents.at(0)) == "the quay was safe");
  // the participle of an attitude verb is the object's head
  const std::string b = "The mayor issued a statement continuing the old plan.";
  CHECK(text_of(b, only_quote(b).contents.at(0)) == "continuing the old plan");
}

// Round 18.
TEST_CASE("a long setting opened by a preposition after the cue still ends at 'that'", "[quotes]") {
  const std::string a = "Ida Roos said in a long letter to the harbour board on Monday that the quay was safe.";
  const Quote qa = only_quote(a);
  CHECK(text_of(a, qa.contents.at(0)) == "that the quay was safe");
  CHECK(text_of(a, qa.mention) == "Ida Roos");
  const std::string b = "Oskar Dahl argued during a visit to the old harbour at Varne on Friday that the toll was too high.";
  CHECK(text_of(b, only_quote(b).contents.at(0)) == "that the toll was too high");
}

TEST_CASE("a setting between the cue and a comma before a quotation is the cue's", "[quotes]") {
  for (const std::string a : {"Ida Roos said at the harbour on Monday, “The quay is safe.”",
                              "Ida Roos replied calmly, “The quay is safe.”",
                              "Ida Roos said, however, “The quay is safe.”"})
    CHECK(text_of(a, only_quote(a).contents.at(0)) == "“The quay is safe.”");
}

TEST_CASE("a cue used as a noun takes what it is about with 'of'", "[quotes]") {
  const std::string a = "Ida Roos made no mention of the night ferry.";
  const Quote qa = only_quote(a);
  CHECK(text_of(a, qa.contents.at(0)) == "the night ferry");
  const std::string b = "Oskar Dahl's speech carried little mention of the harbour toll.";
  CHECK(text_of(b, only_quote(b).contents.at(0)) == "the harbour toll");
}

TEST_CASE("in an attitude's list of names ', and' before a capitalised word goes on with the list", "[quotes]") {
  const std::string a = "Ida Roos praised Oskar Dahl, Ines Berg, and Varne's night crews.";
  CHECK(text_of(a, only_quote(a).contents.at(0)) == "Oskar Dahl, Ines Berg, and Varne's night crews");
  // a pronoun after "and" opens a clause of its own: the object ends at the comma
  const std::string b = "Ida Roos praised Oskar Dahl, Ines Berg, and she left the quay early.";
  CHECK(text_of(b, only_quote(b).contents.at(0)) == "Oskar Dahl, Ines Berg");
}

TEST_CASE("a topic preposition after the cue joins the cue, what the report is about is the content", "[quotes]") {
  const std::string a = "Ida Roos wrote about the old harbour in her book.";
  const Quote qa = only_quote(a);
  CHECK(text_of(a, qa.contents.at(0)) == "the old harbour in her book");
  CHECK(text_of(a, qa.cue) == "wrote about");
  CHECK(text_of(a, qa.mention) == "Ida Roos");
  const std::string b = "The crews raised questions about whether the quay was safe.";
  CHECK(text_of(b, only_quote(b).contents.at(0)) == "whether the quay was safe");
  // "about" before a quantity means roughly: it stays in the content
  const std::string c = "The harbour board said about half of the crews would stay in Varne.";
  CHECK(text_of(c, only_quote(c).contents.at(0)) == "about half of the crews would stay in Varne");
  // a setting before a comma and a quotation still gives the quotation alone
  const std::string d = "Ida Roos said about the plan, “The quay is safe.”";
  CHECK(text_of(d, only_quote(d).contents.at(0)) == "“The quay is safe.”");
}

TEST_CASE("after a verb of expressing, a stance noun and its preposition lead to what the stance is about", "[quotes]") {
  const std::string a = "Ida Roos expressed concern about the night ferry to Varne.";
  const Quote qa = only_quote(a);
  CHECK(text_of(a, qa.contents.at(0)) == "the night ferry to Varne");
  CHECK(text_of(a, qa.mention) == "Ida Roos");
  // one modifier before the noun
  const std::string b = "The crews have expressed deep frustration with the new toll.";
  CHECK(text_of(b, only_quote(b).contents.at(0)) == "the new toll");
  // a possessive or a determiner opens an object of its own: it stays whole
  const std::string c = "Ida Roos expressed her thanks to the crews of Varne.";
  CHECK(text_of(c, only_quote(c).contents.at(0)) == "her thanks to the crews of Varne");
  const std::string d = "Ida Roos expressed the hope that the quay would open.";
  CHECK(text_of(d, only_quote(d).contents.at(0)) == "the hope that the quay would open");
}

TEST_CASE("a semicolon outside a quotation ends an English report unless a quotation follows", "[quotes]") {
  const std::string a = "Ida Roos said the toll was fair; the night ferry left at dawn.";
  const Quote qa = only_quote(a);
  CHECK(text_of(a, qa.contents.at(0)) == "the toll was fair");
  CHECK(text_of(a, qa.mention) == "Ida Roos");
  // a quotation later in the sentence keeps the report whole
  const std::string b = "Ida Roos called for lower fees; some crews cheer when she says “the quay is ours.”";
  CHECK(text_of(b, only_quote(b).contents.at(0)) == "lower fees; some crews cheer when she says “the quay is ours.”");
}

TEST_CASE("'of' after a verb cue is a topic preposition too; before a comma and a quotation it opens a setting", "[quotes]") {
  const std::string a = "Oskar Dahl wrote of the old harbour in his book.";
  const Quote qa = only_quote(a);
  CHECK(text_of(a, qa.contents.at(0)) == "the old harbour in his book");
  CHECK(text_of(a, qa.cue) == "wrote of");
  const std::string b = "Oskar Dahl thinks of the old quay as his home.";
  CHECK(text_of(b, only_quote(b).contents.at(0)) == "the old quay as his home");
  // "said of the plan, “…”": the quotation alone
  const std::string c = "Oskar Dahl said of the plan, “It will fail.”";
  CHECK(text_of(c, only_quote(c).contents.at(0)) == "“It will fail.”");
}
