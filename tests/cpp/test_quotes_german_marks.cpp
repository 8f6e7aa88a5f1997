// German quotes with marks (issue 12, eleventh round b): what the content of a statement with
// quotation marks covers. Every sentence here is written for these tests.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "framelens/quotes.hpp"
#include "quote_test_helpers.hpp"

using namespace framelens;
using testing::de;
using testing::only_quote;
using testing::text_of;

namespace {

const std::string lq = "\xE2\x80\x9E", rq = "\xE2\x80\x9C";

struct Statement {
  std::string text, mention, content;
};

// Each text holds one statement: its mention and its first content piece.
void check_statements(const std::vector<Statement>& cases) {
  for (const auto& c : cases) {
    INFO(c.text);
    const Quote q = only_quote(c.text, de());
    CHECK(text_of(c.text, q.mention) == c.mention);
    REQUIRE(!q.contents.empty());
    CHECK(text_of(c.text, q.contents[0]) == c.content);
  }
}

}  // namespace

TEST_CASE("German naming verbs: the content is the quotation, not the object named", "[quotes]") {
  struct Case { std::string text, mention, content; };
  const std::vector<Case> cases = {
      {"Die Kapitänin nannte den neuen Fahrplan " + lq + "einen großen Fortschritt" + rq + ".", "Die Kapitänin",
       lq + "einen großen Fortschritt" + rq},
      {"Der Bürgermeister bezeichnete die Schließung des Hafens als " + lq + "schweren Fehler" + rq + ".",
       "Der Bürgermeister", lq + "schweren Fehler" + rq},
      {"Die Reederei sprach von einer " + lq + "sehr schwierigen Saison" + rq + ".", "Die Reederei",
       lq + "sehr schwierigen Saison" + rq},
      // two quotations joined by "und"
      {"Der Lotse bezeichnete die Lage als " + lq + "ernst" + rq + " und " + lq + "unübersichtlich" + rq + ".", "Der Lotse",
       lq + "ernst" + rq + " und " + lq + "unübersichtlich" + rq},
      // "sowie" joins a list as "und" does (quotation_joiners, the one list walker german_quotation_run)
      {"Der Lotse bezeichnete die Lage als " + lq + "ernst" + rq + " sowie " + lq + "unübersichtlich" + rq + ".", "Der Lotse",
       lq + "ernst" + rq + " sowie " + lq + "unübersichtlich" + rq},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const QuoteResult r = de().extract(c.text);
    REQUIRE(r.quotes.size() == 1);
    CHECK(text_of(c.text, r.quotes[0].mention) == c.mention);
    REQUIRE(r.quotes[0].contents.size() == 1);
    CHECK(text_of(c.text, r.quotes[0].contents[0]) == c.content);
  }
  // a clause before the quotation (a subjunctive verb) keeps the content whole
  const std::string t = "Die Kapitänin nannte als Grund, die Fähre sei " + lq + "zu alt" + rq + ".";
  const QuoteResult r = de().extract(t);
  REQUIRE(r.quotes.size() == 1);
  REQUIRE(r.quotes[0].contents.size() == 1);
  CHECK(text_of(t, r.quotes[0].contents[0]) != lq + "zu alt" + rq);
}

TEST_CASE("German: quotations marked as names or terms attribute nothing", "[quotes]") {
  for (const std::string& text : {
           // after a scare phrase: a named term
           "Die Fähre fuhr am Montag wieder in den so genannten " + lq + "kleinen Hafen" + rq + " der Stadt ein.",
           // after a genitive article: an attribute of the noun before it
           "Die Gäste des " + lq + "Hauses am alten Hafen" + rq + " trafen sich am Montag im Rathaus.",
           // followed by its abbreviation
           "Die Initiative " + lq + "Freunde der kleinen Fähre" + rq + " (FdkF) sammelte am Montag Spenden im Hafen.",
           "Die " + lq + "Freunde der kleinen Fähre" + rq + " (FKF) sammelten am Montag Spenden im Hafen.",
           // after a definite article opening the sentence
           "Die " + lq + "Freunde der kleinen Fähre" + rq + " luden am Montag zum Hafenfest ein.",
           // a name head with a genitive ending
           "Die Redaktion des Wochenmagazins " + lq + "die kleine Fähre" + rq + " zog am Montag nach Varne um.",
       }) {
    INFO(text);
    CHECK(de().extract(text).quotes.empty());
  }
  // a quotation after another article is still the subject's
  const std::string t = "Die Kapitänin lobte am Montag den " + lq + "mutigen Schritt" + rq + " der Stadt.";
  const Quote quote = only_quote(t, de());
  CHECK(text_of(t, quote.mention) == "Die Kapitänin");
}

TEST_CASE("German: a list of three or more quotations is a list of names", "[quotes]") {
  const std::string t = "Im Programm standen Vorträge wie " + lq + "Die Fähre im Winter" + rq + ", " + lq +
                        "Ein Hafen für alle" + rq + " oder " + lq + "Die alten Kräne am Kai" + rq + ".";
  CHECK(de().extract(t).quotes.empty());
  // two quotations joined by "und" still speak
  const std::string u = "Die Kapitänin lobte den " + lq + "mutigen Schritt" + rq + " und die " + lq + "klare Sprache" + rq +
                        " der Stadt.";
  CHECK_FALSE(de().extract(u).quotes.empty());
}

TEST_CASE("German: a quotation no cue claimed inside a dass clause reports the clause", "[quotes]") {
  const std::string t = "Das Gericht machte am Montag klar, dass die Zeugen " + lq + "keine Interviews gegeben" + rq +
                        " haben, und vertagte die Sitzung.";
  const Quote quote = only_quote(t, de());
  REQUIRE(quote.contents.size() == 1);
  CHECK(text_of(t, quote.contents[0]) == "dass die Zeugen " + lq + "keine Interviews gegeben" + rq + " haben");
  CHECK(text_of(t, quote.mention) == "Das Gericht");
  // "ob" too (indicative verbs here: a subjunctive clause is german_konjunktiv's)
  const std::string u = "Der Verband fragte sich am Montag, ob die Fähre " + lq + "wirklich zu langsam" + rq + " ist.";
  const Quote quote_u = only_quote(u, de());
  CHECK(text_of(u, quote_u.contents.at(0)) == "ob die Fähre " + lq + "wirklich zu langsam" + rq + " ist");
}

TEST_CASE("German: a source with its attributes and 'zufolge' fill the first position", "[quotes]") {
  const std::string t = "Die Fähre liegt im Hafen. Ersten Angaben der Reederei vom Montag zufolge fährt sie " + lq +
                        "bis auf Weiteres" + rq + " nicht.";
  const Quote quote = only_quote(t, de());
  CHECK(text_of(t, quote.mention) == "Ersten Angaben der Reederei vom Montag");
  CHECK(text_of(t, quote.contents.at(0)) == "fährt sie " + lq + "bis auf Weiteres" + rq + " nicht");
  // a short source before the cue as before
  const std::string u = "Dem Bericht zufolge sei die Lage " + lq + "sehr ernst" + rq + ".";
  const Quote quote_u = only_quote(u, de());
  CHECK(text_of(u, quote_u.mention) == "Dem Bericht");
}

// Thirteenth round (German quotes with marks): Konjunktiv II forms, chained attributes, "so
// letztere".

TEST_CASE("German: Konjunktiv II forms (würden, wäre) continue the previous speaker", "[quotes]") {
  // "würden" before the comma: the whole sentence is reported, no frame whose subject speaks
  const std::string t = "In seiner Rede erklärte Jon Falk, die Lage sei ernst. Alle im Hafen würden davon profitieren, drei Jahre " +
                        lq + "harter Arbeit" + rq + " seien vorbei.";
  const QuoteResult r = de().extract(t);
  REQUIRE(r.quotes.size() == 2);
  CHECK(text_of(t, r.quotes[1].mention) == "Jon Falk");
  REQUIRE(r.quotes[1].contents.size() == 1);
  CHECK(text_of(t, r.quotes[1].contents[0]) ==
        "Alle im Hafen würden davon profitieren, drei Jahre " + lq + "harter Arbeit" + rq + " seien vorbei.");  // (free indirect: with its full stop)
  // "wäre" alone makes a sentence with a quotation a report of the previous speaker
  const std::string u = "Die Kapitänin sprach von einem Erfolg. Ohne die neue Fähre wäre der Hafen " + lq + "längst geschlossen" + rq + ".";
  const Quote quote_u = only_quote(u, de());
  CHECK(text_of(u, quote_u.mention) == "Die Kapitänin");
  // Konjunktiv II of a modal ("müsste"; the indicative is "musste") and of strong verbs ("befände")
  for (const std::string& verb : {std::string("müsste der Hafen"), std::string("befände sich der Hafen")}) {
    const std::string v = "Die Reederei sprach von Problemen. Ohne neue Schiffe " + verb + " " + lq + "bald am Ende" + rq + ".";
    INFO(v);
    const Quote quote_v = only_quote(v, de());
    CHECK(text_of(v, quote_v.mention) == "Die Reederei");
    CHECK(text_of(v, quote_v.contents.at(0)) == "Ohne neue Schiffe " + verb + " " + lq + "bald am Ende" + rq + ".");
  }
}

TEST_CASE("German: chained prepositional attributes belong to a fronted object", "[quotes]") {
  // "für den Unfall im Hafen der Stadt": the verb is "weist", the inverted subject speaks
  const std::string t = "Jede Verantwortung für den Unfall im Hafen der Stadt weist Kapitän Jon Falk von sich: " + lq +
                        "Ich habe alles richtig gemacht." + rq;
  const Quote quote = only_quote(t, de());
  CHECK(text_of(t, quote.mention) == "Kapitän Jon Falk");
}

TEST_CASE("German: 'so letztere' names the speaker of the quotation before it", "[quotes]") {
  const std::string t = lq + "Das wird teuer" + rq + ", so letztere.";
  const Quote quote = only_quote(t, de());
  CHECK(text_of(t, quote.mention) == "letztere");
  CHECK(text_of(t, quote.contents.at(0)) == lq + "Das wird teuer" + rq);
}

TEST_CASE("German: adverbs between the finite verb and an inverted subject", "[quotes]") {
  // the sentence attributes nothing; its inverted subject (after "jetzt auch") is the speaker the
  // next subjunctive sentence continues
  const std::string t = "Jon Falk lobte die Reederei. Am Rande der Sitzung im Rathaus nahm jetzt auch der Bürgermeister zu der Frage "
                        "Stellung. Jeder Lotse könne " + lq + "die Fähre jederzeit steuern" + rq + ".";
  const Quote quote = only_quote(t, de());
  CHECK(text_of(t, quote.mention) == "der Bürgermeister");
  // after a subject and its verb, an adverb opens the object, not an inverted subject
  const std::string u = "Die Sprecher der Anwohner bezeichneten dagegen den Umbau der Mole als " + lq + "viel zu laut" + rq + ".";
  const Quote quote_u = only_quote(u, de());
  CHECK(text_of(u, quote_u.mention) == "Die Sprecher der Anwohner");
}

TEST_CASE("German: a relative clause and a hyphenated compound in the fronted phrase", "[quotes]") {
  // the relative clause after "Bericht der Behörde" is skipped: the verb is "heißt", the document
  // the fronted phrase
  const std::string t = "In dem Bericht der Behörde, der gestern im Netz veröffentlicht wurde, heißt es, die Lage sei " + lq +
                        "sehr ernst" + rq + ".";
  const Quote quote = only_quote(t, de());
  CHECK(text_of(t, quote.mention) == "In dem Bericht der Behörde");
  CHECK(text_of(t, quote.contents.at(0)) == "die Lage sei " + lq + "sehr ernst" + rq);
  // the inverted subject after a fronted phrase with a relative clause
  const std::string u = "In einem Brief, den die Reederei gestern verschickte, lobte die Ministerin den Plan als " + lq + "mutig" + rq + ".";
  const Quote quote_u = only_quote(u, de());
  CHECK(text_of(u, quote_u.mention) == "die Ministerin");
  // "taz-Homepage": a lower-case compound with a capitalised head is a noun
  const std::string v = "Auf der taz-Homepage heißt es zur Begründung: " + lq + "Wir wollten es so." + rq;
  const Quote quote_v = only_quote(v, de());
  CHECK(text_of(v, quote_v.mention) == "Auf der taz-Homepage");
}

TEST_CASE("German: a quotation in a passive sentence without a cue", "[quotes]") {
  // the agent of a passive main clause closed by a comma before the quotation speaks
  const std::string t = "Die Dörfer werden immer wieder von Extremisten durchquert, um auf " + lq + "angebliche Gefahren" + rq +
                        " hinzuweisen.";
  const Quote quote = only_quote(t, de());
  CHECK(text_of(t, quote.mention) == "Extremisten");
  // without an agent the passive's subject is no speaker; nor is the verb after a fronted "Es"
  for (const std::string& u : {"Parallelen werden gesehen, mit dem Ausstand der Fahrer und von " + lq + "klarer Nötigung" + rq + ".",
                               "Es soll sich um rund zwanzig Kisten Obst handeln, das " + lq + "leicht beschädigt" + rq + " sein soll."}) {
    INFO(u);
    const QuoteResult ru = de().extract(u);
    for (const auto& q : ru.quotes) {
      const std::string m = text_of(u, q.mention);
      CHECK(m.rfind("Vergleiche", 0) != 0);
      CHECK(m.rfind("soll", 0) != 0);
    }
  }
}

TEST_CASE("German: a colon before a subjunctive clause ends the frame", "[quotes]") {
  // the report is the clause after the colon; the frame's subject speaks (not the previous speaker)
  const std::string t = "Die Ministerin Ida Kern lobte den Plan. Der Abgeordnete Jon Falk bezweifelte offen die Eignung der "
                        "Ministerin für das Amt: Sie habe " + lq + "kaum Hoffnung, dass die Ministerin das leistet" + rq + ".";
  const Quote quote = only_quote(t, de());
  CHECK(text_of(t, quote.mention) == "Der Abgeordnete Jon Falk");
  CHECK(text_of(t, quote.contents.at(0)) == "Sie habe " + lq + "kaum Hoffnung, dass die Ministerin das leistet" + rq);
}

TEST_CASE("German: a person after 'für' opening a subjunctive report holds the view", "[quotes]") {
  const std::string t = "Die Ministerin lobte den Plan. Für den Theologen Jon Falk sei der Rücktritt " + lq +
                        "aus vielen Gründen verständlich" + rq + ".";
  const Quote quote = only_quote(t, de());
  CHECK(text_of(t, quote.mention) == "den Theologen Jon Falk");
  // a thing after "für" holds no view: the previous speaker goes on
  const std::string u = "Die Ministerin lobte den Plan. Für den Hafen sei das " + lq + "ein großer Gewinn" + rq + ".";
  const Quote quote_u = only_quote(u, de());
  CHECK(text_of(u, quote_u.mention) == "Die Ministerin");
}

TEST_CASE("German: a quotation right after a definite article inside the sentence is a name", "[quotes]") {
  // "in der „…“": the quotation names a place, a group or a work; no statement, no scare quote
  const std::string t = "Jon Falk wohnt seit Jahren in der " + lq + "kleinen Villa am Kai" + rq + " am Stadtrand.";
  const QuoteResult r = de().extract(t);
  CHECK(r.quotes.empty());
  // after the naming particle "als" the article opens the quoted description: the subject's words
  const std::string u = "Die Ministerin bezeichnete den Kapitän als den " + lq + "besten Mann der Flotte" + rq + ".";
  const Quote quote_u = only_quote(u, de());
  CHECK(text_of(u, quote_u.mention) == "Die Ministerin");
  // an article after a comma is a relative pronoun: the quotation is still the sentence subject's
  const std::string v = "Die Reederin nannte den Lotsen einen Zauderer, der " + lq + "keinen guten Eindruck" + rq + " mache.";
  const QuoteResult rv = de().extract(v);
  bool found = false;
  for (const auto& q : rv.quotes) found = found || text_of(v, q.mention) == "Die Reederin";
  CHECK(found);
}

TEST_CASE("German: the source after 'laut' or 'nach Angaben' ends before the finite verb", "[quotes]") {
  struct Case { std::string text, mention, content_start; };
  const std::vector<Case> cases = {
      // no comma extends the source over the verb and its subject
      {"Laut der Hafenpolizei ist das Fest, das viele Vereine geplant hatten, " + lq + "ohne Zwischenfälle" + rq +
           " zu Ende gegangen.",
       "der Hafenpolizei", "ist das Fest"},
      // the finite verb (a modal) ends the noun phrase of the source
      {"Nach Angaben einer Sprecherin soll die Fähre " + lq + "bis auf Weiteres" + rq + " im Hafen bleiben.", "einer Sprecherin",
       "soll die Fähre"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const Quote quote = only_quote(c.text, de());
    CHECK(text_of(c.text, quote.mention) == c.mention);
    REQUIRE(!quote.contents.empty());
    CHECK(text_of(c.text, quote.contents[0]).rfind(c.content_start, 0) == 0);
  }
}

TEST_CASE("German: 'nach eigenen Angaben' and the like name their own source", "[quotes]") {
  check_statements({
      {"Nach ersten Angaben sind bei dem Sturm im Hafen drei Boote gesunken.", "ersten Angaben",
       "sind bei dem Sturm im Hafen drei Boote gesunken"},
      // inside the clause: the words before the phrase and the words after it are the content
      {"Die Reederei hat nach eigenen Angaben zwei neue Fähren bestellt.", "eigenen Angaben", "Die Reederei hat"},
  });
  // a genitive after the phrase is the source, as after "nach Angaben"
  const std::string t = "Nach ersten Angaben der Hafenpolizei sind drei Boote gesunken.";
  const QuoteResult r = de().extract(t);
  REQUIRE(r.quotes.size() == 1);
  CHECK(text_of(t, r.quotes[0].mention) == "der Hafenpolizei");
}

TEST_CASE("German: an attribution after a comma ends a forward content", "[quotes]") {
  struct Case { std::string text, content; };
  const std::vector<Case> cases = {
      // "wie" + a subject + a cue verb closing the sentence: the writer's source, not the reported clause
      {"Der Senat bestätigte am Montag, die Fähre werde " + lq + "vorerst nicht" + rq + " fahren, wie die Hafenzeitung berichtet.",
       "die Fähre werde " + lq + "vorerst nicht" + rq + " fahren"},
      // a cue verb before its inverted subject
      {"Die Reederin erklärte, die Fähre bleibe " + lq + "bis auf Weiteres" + rq + " im Hafen, sagte der Kapitän am Abend.",
       "die Fähre bleibe " + lq + "bis auf Weiteres" + rq + " im Hafen"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const QuoteResult r = de().extract(c.text);
    REQUIRE(!r.quotes.empty());
    REQUIRE(!r.quotes[0].contents.empty());
    CHECK(text_of(c.text, r.quotes[0].mention) == (c.text.rfind("Der Senat", 0) == 0 ? "Der Senat" : "Die Reederin"));
    CHECK(text_of(c.text, r.quotes[0].contents[0]) == c.content);
  }
  // a cue verb without a subject after it is a second predicate of the same subject: the content goes on
  const std::string t = "Die Reederin erklärte, die Fähre bleibe " + lq + "bis auf Weiteres" + rq + " im Hafen, sagte aber nichts zum Fahrplan.";
  const Quote q = only_quote(t, de());
  CHECK(text_of(t, q.contents[0]) == "die Fähre bleibe " + lq + "bis auf Weiteres" + rq + " im Hafen, sagte aber nichts zum Fahrplan");
  // a naming verb after "wie" names the speaker; the reported clause stays the subject's
  const std::string u = "Nach der Wahl erklärte der neue Hafenrat, wie sich die Gruppe selbst nennt, die Fähre sei " + lq +
                        "wieder in Betrieb" + rq + ".";
  const Quote qu = only_quote(u, de());
  CHECK(text_of(u, qu.mention) == "der neue Hafenrat");
}

TEST_CASE("German: Konjunktiv I forms of more verbs mark a report", "[quotes]") {
  // a sentence in the subjunctive that holds a quotation continues the previous speaker as a whole
  struct Case { std::string first, second; };
  const std::vector<Case> cases = {
      {"Die Reederin äußerte sich am Montag ausführlich. ", "Außerdem halte sie den neuen Fahrplan für " + lq + "völlig überzogen" + rq},
      {"Die Reederin sagte, sie werde kämpfen. ", "Die Stadt unterstütze die Fähre " + lq + "mit aller Kraft" + rq},
  };
  for (const auto& c : cases) {
    const std::string t = c.first + c.second + ".";
    INFO(t);
    const QuoteResult r = de().extract(t);
    REQUIRE(r.quotes.size() == 2);
    REQUIRE(!r.quotes[1].contents.empty());
    CHECK(text_of(t, r.quotes[1].contents[0]) == c.second + ".");  // (free indirect: with its full stop)
    CHECK(text_of(t, r.quotes[1].mention) == "Die Reederin");
  }
}

TEST_CASE("German: 'und' before a cue verb opens a second predicate of the same subject", "[quotes]") {
  // the first content ends before "und"; the second cue makes its own statement, its speaker the
  // first clause's subject (not the object after the verb: "nannte den neuen Fahrplan")
  const std::string t = "Die Kapitänin nannte den Plan " + lq + "mutig" + rq + " und erklärte, die Fähre werde im Mai fahren.";
  const QuoteResult r = de().extract(t);
  REQUIRE(r.quotes.size() == 2);
  CHECK(text_of(t, r.quotes[0].contents[0]) == lq + "mutig" + rq);
  CHECK(text_of(t, r.quotes[1].contents[0]) == "die Fähre werde im Mai fahren");
  CHECK(text_of(t, r.quotes[1].mention) == "Die Kapitänin");
  const std::string u = "Am Montag lobte die Ministerin die Reederei und nannte den neuen Fahrplan " + lq +
                        "einen großen Fortschritt" + rq + ".";
  const QuoteResult ru = de().extract(u);
  bool found = false;
  for (const auto& q : ru.quotes)
    found = found || (text_of(u, q.contents[0]) == lq + "einen großen Fortschritt" + rq && text_of(u, q.mention) == "die Ministerin");
  CHECK(found);
}

TEST_CASE("German: an adverbial before the comma of a quoting clause is no part of the report", "[quotes]") {
  // the clause after the comma holds a quotation (indicative): the words between the cue and the
  // comma belong to the writer's frame
  const std::string t = "Der Sprecher der Reederei teilte am Abend mit, die Fähre " + lq + "fährt ab Montag wieder" + rq + ".";
  const Quote q = only_quote(t, de());
  CHECK(text_of(t, q.contents[0]) == "die Fähre " + lq + "fährt ab Montag wieder" + rq);
  CHECK(text_of(t, q.mention) == "Der Sprecher der Reederei");
  // a clause opened by a preposition after the comma is a relative clause of the object: the content stays whole
  const std::string u = "Die Ministerin kritisierte scharf die Foren, in denen Gerüchte über die Werft " + lq + "verbreitet" + rq + " wurden.";
  const Quote qu = only_quote(u, de());
  CHECK(text_of(u, qu.contents[0]).rfind("scharf die Foren, in denen", 0) == 0);
}

TEST_CASE("German: a quotation right after 'laut' is the source's name, not a statement", "[quotes]") {
  // a lower-case quoted name (a web site) is the source; the quotation writes no record of its own
  const std::string t = "Laut " + lq + "hafenblatt.de" + rq + " soll die Fähre ab Montag wieder fahren.";
  const Quote q = only_quote(t, de());
  CHECK(text_of(t, q.mention) == lq + "hafenblatt.de" + rq);
  CHECK(text_of(t, q.contents[0]) == "soll die Fähre ab Montag wieder fahren");
}

TEST_CASE("German: a quotation between 'wie' and its cue names the source of the report", "[quotes]") {
  // "Wie „…“ berichtet, …": the quoted medium speaks (lower case too) and writes no record of its own
  const std::string t = "Wie " + lq + "hafenblatt.de" + rq + " berichtet, sei die Fähre " + lq + "bis auf Weiteres" + rq + " gesperrt.";
  const Quote q = only_quote(t, de());
  CHECK(text_of(t, q.mention) == lq + "hafenblatt.de" + rq);
  CHECK(text_of(t, q.contents[0]) == "sei die Fähre " + lq + "bis auf Weiteres" + rq + " gesperrt");
}

TEST_CASE("German: 'wies darauf hin' is a cue, not part of the content", "[quotes]") {
  // the separable cue "darauf hinweisen" with its pronominal adverb: the content starts at "dass"
  const std::string t = "Oskar Dahl, ein Sprecher der Reederei, wies darauf hin, dass die Fähre " + lq + "vorerst" + rq +
                        " im Hafen bleibe.";
  const Quote q = only_quote(t, de());
  CHECK(text_of(t, q.contents[0]) == "dass die Fähre " + lq + "vorerst" + rq + " im Hafen bleibe");
  CHECK(text_of(t, q.mention) == "Oskar Dahl, ein Sprecher der Reederei");
  CHECK(text_of(t, q.cue) == "wies darauf hin");
  const std::string u = "Die Kapitänin weist darauf hin, dass der Hafen im Winter gesperrt sei.";
  const Quote qu = only_quote(u, de());
  CHECK(text_of(u, qu.contents[0]) == "dass der Hafen im Winter gesperrt sei");
  CHECK(text_of(u, qu.mention) == "Die Kapitänin");
}

TEST_CASE("German: free indirect speech that is a whole sentence keeps its full stop", "[quotes]") {
  // a subjunctive sentence with no frame continues the previous speaker; the annotation's free
  // indirect reports end with the sentence's full stop
  const std::string t = "Ida Roos sprach am Montag im Rathaus. Die Fähre sei " + lq + "viel zu alt" + rq + ".";
  const QuoteResult r = de().extract(t);
  bool found = false;
  for (const auto& q : r.quotes)
    if (!q.contents.empty() && text_of(t, q.contents[0]) == "Die Fähre sei " + lq + "viel zu alt" + rq + ".") found = true;
  CHECK(found);
  // a framed report ends before it
  const std::string u = "Ida Roos sagte am Montag, die Fähre sei " + lq + "viel zu alt" + rq + ".";
  const Quote qu = only_quote(u, de());
  CHECK(text_of(u, qu.contents[0]) == "die Fähre sei " + lq + "viel zu alt" + rq);
}

TEST_CASE("German: a capitalised sentence after a quotation closed by its full stop is no attribution tail", "[quotes]") {
  // German writes a comma before a tail („…“, sagte Roos); after „….“ a capitalised word opens a new sentence
  const std::string t = "Am Abend sagte Oskar Dahl: " + lq + "Wir reparieren die Fähre im Winter." + rq +
                        " Die Kapitänin erklärte, die Fähre fahre wieder im Mai.";
  const QuoteResult r = de().extract(t);
  REQUIRE(r.quotes.size() == 2);
  CHECK(text_of(t, r.quotes[0].contents[0]) == lq + "Wir reparieren die Fähre im Winter." + rq);
  CHECK(text_of(t, r.quotes[0].mention) == "Oskar Dahl");
  CHECK(text_of(t, r.quotes[1].contents[0]) == "die Fähre fahre wieder im Mai");
  CHECK(text_of(t, r.quotes[1].mention) == "Die Kapitänin");
  // the comma tail stays one unit
  const std::string u = lq + "Wir reparieren die Fähre im Winter" + rq + ", sagte Oskar Dahl am Abend.";
  const Quote q = only_quote(u, de());
  CHECK(text_of(u, q.mention) == "Oskar Dahl");
}

TEST_CASE("German: impersonal cues with the pronoun after the finite verb quote their document", "[quotes]") {
  // "hatte es geheißen", "heißt es dazu": the document of the prepositional phrase is the source
  const std::string t = "In einer Erklärung der Reederei hatte es geheißen: " + lq + "Die Fähre fährt im Mai." + rq;
  const Quote q = only_quote(t, de());
  CHECK(text_of(t, q.mention) == "In einer Erklärung der Reederei");
  CHECK(text_of(t, q.contents[0]) == lq + "Die Fähre fährt im Mai." + rq);
  const std::string u = lq + "Die Fähre fährt im Mai" + rq + ", heißt es dazu in einer Erklärung der Reederei.";
  const Quote qu = only_quote(u, de());
  CHECK(text_of(u, qu.mention) == "in einer Erklärung der Reederei");
  CHECK(text_of(u, qu.cue) == "heißt es dazu");
}

TEST_CASE("German: a cue closing a parenthesis attributes nothing around it", "[quotes]") {
  // "(Hafenblatt berichtete)" refers to an earlier report: neither the words before nor after are its statement
  const std::string t = "Im Mai sorgte ein Plan der Reederei für Aufsehen (Hafenblatt berichtete) und die Fähre blieb im Hafen.";
  CHECK(de().extract(t).quotes.empty());
  const std::string u = "Im Mai sorgte ein Plan der Reederei für Aufsehen (Hafenblatt berichtete): Die Fähre solle " + lq +
                        "für immer" + rq + " im Hafen bleiben.";
  for (const auto& q : de().extract(u).quotes) {
    INFO(text_of(u, q.contents[0]));
    CHECK(text_of(u, q.contents[0]).rfind(")", 0) != 0);
    CHECK(text_of(u, q.mention) != "Hafenblatt");
  }
}

TEST_CASE("German: a particle such as 'etwa' between the finite verb and the inverted subject", "[quotes]") {
  // "So hat sich etwa die Kapitänin … ausgesprochen und behauptet, …": the subject after the particle speaks
  const std::string t = "So hat sich etwa die Kapitänin gestern gegen den Plan ausgesprochen und behauptet, die Fähre sei " + lq +
                        "zu alt" + rq + ".";
  const Quote q = only_quote(t, de());
  CHECK(text_of(t, q.mention) == "die Kapitänin");
  CHECK(text_of(t, q.contents[0]) == "die Fähre sei " + lq + "zu alt" + rq);
}

TEST_CASE("German: the source of 'laut' / 'nach Angaben' ends before the clause's verb", "[quotes]") {
  // verb-second order: the finite verb follows the fronted source directly, whatever verb it is
  const std::string t = "Laut der Reederei bietet die Fähre eine " + lq + "sichere Überfahrt" + rq + " für alle Gäste.";
  const Quote q = only_quote(t, de());
  CHECK(text_of(t, q.mention) == "der Reederei");
  const std::string u = "Nach Angaben der Polizei kamen die Gäste gegen fünf Uhr am Hafen an.";
  const Quote qu = only_quote(u, de());
  CHECK(text_of(u, qu.mention) == "der Polizei");
  CHECK(text_of(u, qu.contents[0]) == "kamen die Gäste gegen fünf Uhr am Hafen an");
  // adjectives before their noun stay in the source
  const std::string v = "Nach Angaben der örtlichen Polizei kamen die Gäste gegen fünf Uhr am Hafen an.";
  CHECK(text_of(v, only_quote(v, de()).mention) == "der örtlichen Polizei");
}

TEST_CASE("German: a 'zufolge' source in the middle of its clause", "[quotes]") {
  // the source starts after the clause's verb; the content is the clause before the source and after the cue
  const std::string t = "Die Fähre fuhr ersten Angaben zufolge nicht mehr über den Fluss.";
  const Quote q = only_quote(t, de());
  CHECK(text_of(t, q.mention) == "ersten Angaben");
  REQUIRE(q.contents.size() == 2);
  CHECK(text_of(t, q.contents[0]) == "Die Fähre fuhr");
  CHECK(text_of(t, q.contents[1]) == "nicht mehr über den Fluss");
  // a fronted source keeps its whole phrase and the clause after the cue
  const std::string u = "Ersten Angaben der Reederei zufolge fuhr die Fähre nicht mehr.";
  const Quote qu = only_quote(u, de());
  CHECK(text_of(u, qu.mention) == "Ersten Angaben der Reederei");
  CHECK(text_of(u, qu.contents[0]) == "fuhr die Fähre nicht mehr");
}

TEST_CASE("German: a speaker before its cue ends at the clause's finite auxiliary", "[quotes]") {
  const std::string t = "Die Kapitänin hatte vor Gericht erklärt, die Fähre sei " + lq + "zu alt" + rq + ".";
  CHECK(text_of(t, only_quote(t, de()).mention) == "Die Kapitänin");
  // a fronted phrase fills the first position: the subject follows the auxiliary
  const std::string u = "Am Tag zuvor hatte die Kapitänin vor Gericht erklärt, die Fähre sei " + lq + "zu alt" + rq + ".";
  CHECK(text_of(u, only_quote(u, de()).mention) == "die Kapitänin");
  // a relative clause of the speaker keeps its verb
  const std::string v = "Oskar Dahl, der die Fähre gebaut hatte, sagte, sie sei " + lq + "zu alt" + rq + ".";
  CHECK(text_of(v, only_quote(v, de()).mention).rfind("Oskar Dahl", 0) == 0);
}

TEST_CASE("German: free indirect speech without a quotation continues the statement before it", "[quotes]") {
  const auto content_with = [](const std::string& t, const std::string& part, std::string* mention = nullptr) {
    for (const auto& q : de().extract(t).quotes)
      if (!q.contents.empty() && text_of(t, q.contents[0]).find(part) != std::string::npos) {
        if (mention) *mention = text_of(t, q.mention);
        return text_of(t, q.contents[0]);
      }
    return std::string();
  };
  // a sentence in the subjunctive on its own after a statement: a statement of the same speaker, with its full stop
  const std::string t = "Ida Roos sagte am Montag, der Motor sei alt. Die Reparatur werde viel Geld kosten. Am Dienstag fährt die Fähre wieder.";
  std::string m;
  CHECK(content_with(t, "Reparatur", &m) == "Die Reparatur werde viel Geld kosten.");
  CHECK(m == "Ida Roos");
  // the sentences of a run are one content
  const std::string u = "Ida Roos sagte am Montag, der Motor sei alt. Die Reparatur werde viel Geld kosten. Dann sei die Fähre wieder sicher.";
  CHECK(content_with(u, "Reparatur") == "Die Reparatur werde viel Geld kosten. Dann sei die Fähre wieder sicher.");
  // no statement before it in the paragraph or the one before: nothing
  const std::string v = "Am Montag regnete es. Die Reparatur werde viel Geld kosten.";
  CHECK(de().extract(v).quotes.empty());
  // a first person speaks for the writer or in a quotation (first_person_pronouns)
  const std::string w = "Ida Roos sagte am Montag, der Motor sei alt. Folglich lehne ich die Reparatur ab.";
  CHECK(content_with(w, "Folglich").empty());
}

TEST_CASE("German: 'nach' before a report noun names the source (round 17)", "[quotes]") {
  // an article and an adjective before the noun, a genitive after it: the whole phrase is the source
  const std::string t = "Nach einem ersten Bericht der Hafenzeitung fuhr die Fähre am Montag nicht mehr.";
  const Quote q = only_quote(t, de());
  CHECK(text_of(t, q.mention) == "einem ersten Bericht der Hafenzeitung");
  CHECK(text_of(t, q.contents[0]) == "fuhr die Fähre am Montag nicht mehr");
  // a compound ending in a source noun, in the middle of its clause: the content on both sides
  const std::string u = "Die Fähre fuhr nach Polizeiangaben seit Montag nicht mehr.";
  const Quote qu = only_quote(u, de());
  CHECK(text_of(u, qu.mention) == "Polizeiangaben");
  REQUIRE(qu.contents.size() == 2);
  CHECK(text_of(u, qu.contents[0]) == "Die Fähre fuhr");
  CHECK(text_of(u, qu.contents[1]) == "seit Montag nicht mehr");
  // the postposition opening the clause
  const std::string v = "Seiner Meinung nach hätte die Reederei die Fähre früher ersetzen müssen.";
  const Quote qv = only_quote(v, de());
  CHECK(text_of(v, qv.mention) == "Seiner Meinung");
  CHECK(text_of(v, qv.contents[0]).rfind("hätte die Reederei", 0) == 0);
  // "nach" of time or place, and a source inside a noun phrase, attribute nothing
  for (const std::string& w : {std::string("Nach dem Spiel fuhr die Fähre wieder nach Varne."),
                               std::string("Die Fähre brachte die nach Polizeiangaben 40 Gäste nach Varne."),
                               std::string("Die seiner Ansicht nach zu alte Fähre fuhr am Montag nach Varne.")}) {
    INFO(w);
    CHECK(de().extract(w).quotes.empty());
  }
}

TEST_CASE("German: a source that names only a report does not speak on in the next quotation (round 17)", "[quotes]") {
  const std::string t = "Oskar Dahl, der Kapitän, war nach eigenem Bekunden seit Jahren auf der Fähre. " + lq +
                        "Ich kenne jede Schraube." + rq;
  const QuoteResult r = de().extract(t);
  bool found = false;
  for (const auto& q : r.quotes) {
    if (q.contents.empty() || text_of(t, q.contents[0]).find("Schraube") == std::string::npos) continue;
    found = true;
    CHECK(text_of(t, q.mention) != "eigenem Bekunden");
  }
  CHECK(found);
}

TEST_CASE("German: 'geht davon aus' and 'ist der Meinung' frame a report (round 17)", "[quotes]") {
  check_statements({
      {"Die Reederei geht davon aus, dass die Fähre im Mai wieder fährt.", "Die Reederei", "dass die Fähre im Mai wieder fährt"},
      {"Oskar Dahl ist der Meinung, dass die Fähre zu alt ist.", "Oskar Dahl", "dass die Fähre zu alt ist"},
      {"Die Anwohner vertreten die Ansicht, die Fähre sei zu laut.", "Die Anwohner", "die Fähre sei zu laut"},
  });
}

TEST_CASE("German: ', so X' closes the sentence before it whatever commas it holds (round 17)", "[quotes]") {
  check_statements({
      {"Derzeit werde geprüft, wie die Fähre wieder fahren kann, so die Reederei weiter.", "die Reederei",
       "Derzeit werde geprüft, wie die Fähre wieder fahren kann"},
      {"Kaum zu glauben, ein Kind musste lange auf die Fähre warten, so der Hafenmeister.", "der Hafenmeister",
       "Kaum zu glauben, ein Kind musste lange auf die Fähre warten"},
  });
  // "so dass" is a conjunction: no statement
  const std::string t = "Die Fähre fuhr nicht mehr über den Fluss, so dass die Gäste am Hafen warten mussten.";
  CHECK(de().extract(t).quotes.empty());
}

TEST_CASE("German: adverbials after an inverted speaker close the statement before it (round 17)", "[quotes]") {
  check_statements({
      // contracted prepositions ("im", "vom") and a quoted name before the sentence end
      {"Die Anreise könne ein Problem werden, sagte Ida Roos im Radio.", "Ida Roos", "Die Anreise könne ein Problem werden"},
      {"Die Anreise könne ein Problem werden, sagte Ida Roos vom " + lq + "Verein der Fährleute" + rq +
           " gestern in einem Gespräch mit der Zeitung " + lq + "Hafenblatt" + rq + ".",
       "Ida Roos", "Die Anreise könne ein Problem werden"},
  });
  // a speaker before its cue makes it a forward cue: the colon quotation is its content
  const std::string t = "Ida Roos, die Sprecherin des Vereins, sagte zum Abschluss des Treffens: " + lq +
                        "Wir fahren wieder." + rq;
  const Quote q = only_quote(t, de());
  CHECK(text_of(t, q.mention).rfind("Ida Roos", 0) == 0);
  CHECK(text_of(t, q.contents[0]) == lq + "Wir fahren wieder." + rq);
}

TEST_CASE("German: 'angekündigt' frames a report; a day number's full stop does not hide the subject (round 17)", "[quotes]") {
  const std::string t = "Die Reederei hat angekündigt, im Mai zwei neue Fähren zu kaufen.";
  const Quote q = only_quote(t, de());
  CHECK(text_of(t, q.mention) == "Die Reederei");
  CHECK(text_of(t, q.contents[0]) == "im Mai zwei neue Fähren zu kaufen");
  // "am 20. Juli 2016" between the auxiliary and the cue: the subject opens the clause
  const std::string u = "Ida Roos hat am 20. Juli 2016 erklärt, die Fähre sei zu alt.";
  CHECK(text_of(u, only_quote(u, de()).mention) == "Ida Roos");
}

TEST_CASE("German: more speech cue forms (befürchten, betonen, bekräftigt, gefordert) (round 17)", "[quotes]") {
  check_statements({
      {"Die Anwohner befürchten, dass die Fähre im Winter ausfällt.", "Die Anwohner", "dass die Fähre im Winter ausfällt"},
      {"Die Kapitäne betonen, die Fähre sei sicher.", "Die Kapitäne", "die Fähre sei sicher"},
      {"Ida Roos hat bekräftigt, dass die Fähre im Mai fährt.", "Ida Roos", "dass die Fähre im Mai fährt"},
      {"Der Verein hat gefordert, die Fähre zu ersetzen.", "Der Verein", "die Fähre zu ersetzen"},
  });
}

TEST_CASE("German: a quotation after '„…“, so X,' is X's (round 17)", "[quotes]") {
  const std::string t = lq + "Im Mai" + rq + ", so Ida Roos, fährt die Fähre " + lq + "wieder nach Varne" + rq + ".";
  const QuoteResult r = de().extract(t);
  REQUIRE(r.quotes.size() == 2);
  for (const auto& q : r.quotes) {
    INFO(text_of(t, q.contents[0]));
    CHECK(text_of(t, q.mention) == "Ida Roos");
  }
}
