// Quote extraction: every sentence here is written for these tests.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>
#include <random>
#include <string>

#include "framelens/error.hpp"
#include "framelens/quotes.hpp"
#include "framelens/segment.hpp"
#include "quote_test_helpers.hpp"
#include "test_helpers.hpp"

using namespace framelens;
using testing::en;
using testing::text_of;

namespace {

// The single statement of `text` (fails the test when there is not exactly one).
Quote one(const std::string& text, QuoteResult* out = nullptr, const QuoteExtractor& ex = en()) {
  QuoteResult r = ex.extract(text);
  INFO(text);
  REQUIRE(r.quotes.size() == 1);
  if (out) *out = r;
  return r.quotes[0];
}

std::string speaker_of(const QuoteResult& r, const Quote& q) {
  return q.speaker < 0 ? std::string("-") : r.speakers[static_cast<std::size_t>(q.speaker)].name;
}

}  // namespace

TEST_CASE("direct quotes in every common style", "[quotes]") {
  struct Case { std::string text, content; };
  const std::vector<Case> cases = {
      {"\xE2\x80\x9CThe harbour will open in May,\xE2\x80\x9D Mayor Lina Ortiz said.", "\xE2\x80\x9CThe harbour will open in May,\xE2\x80\x9D"},
      {"\"The harbour will open in May,\" Mayor Lina Ortiz said.", "\"The harbour will open in May,\""},
      {"\xE2\x80\x98The harbour will open in May,\xE2\x80\x99 Mayor Lina Ortiz said.", "\xE2\x80\x98The harbour will open in May,\xE2\x80\x99"},
      {"\xC2\xABThe harbour will open in May,\xC2\xBB Mayor Lina Ortiz said.", "\xC2\xABThe harbour will open in May,\xC2\xBB"},
      {"\xE3\x80\x8CThe harbour will open in May,\xE3\x80\x8D Mayor Lina Ortiz said.", "\xE3\x80\x8CThe harbour will open in May,\xE3\x80\x8D"},
      {"''The harbour will open in May,'' Mayor Lina Ortiz said.", "''The harbour will open in May,''"},
  };
  for (const auto& c : cases) {
    QuoteResult r;
    const Quote q = one(c.text, &r);
    CHECK(q.kind == QuoteKind::direct);
    CHECK(text_of(c.text, q.contents.at(0)) == c.content);
    CHECK(text_of(c.text, q.cue) == "said");
    CHECK(text_of(c.text, q.mention) == "Mayor Lina Ortiz");
    CHECK(speaker_of(r, q) == "Lina Ortiz");
    CHECK(r.speakers[0].type == SourceType::named_person);
    CHECK(r.speakers[0].role == "Mayor");
    CHECK_FALSE(q.unbalanced);
    CHECK(q.confidence > 0.7);
  }
}

TEST_CASE("German quotation marks and cues", "[quotes]") {
  const QuoteExtractor de("de");
  const std::string t = "\xE2\x80\x9E" "Wir bauen die Br\xC3\xBC" "cke neu\xE2\x80\x9C, sagte B\xC3\xBCrgermeisterin Anna Weber.";
  QuoteResult r;
  const Quote q = one(t, &r, de);
  CHECK(q.kind == QuoteKind::direct);
  CHECK(text_of(t, q.contents[0]) == "\xE2\x80\x9E" "Wir bauen die Br\xC3\xBC" "cke neu\xE2\x80\x9C");
  CHECK(speaker_of(r, q) == "Anna Weber");
}

TEST_CASE("apostrophes are not quotation marks; nested quotes stay inside", "[quotes]") {
  const std::string t =
      "\xE2\x80\x98Korea\xE2\x80\x99s ports, the \xE2\x80\x99" "90s boom and rock \xE2\x80\x99n\xE2\x80\x99 roll all "
      "matter,\xE2\x80\x99 the minister\xE2\x80\x99s aide said.";
  const Quote q = one(t);
  CHECK(q.kind == QuoteKind::direct);
  CHECK(text_of(t, q.contents[0]) ==
        "\xE2\x80\x98Korea\xE2\x80\x99s ports, the \xE2\x80\x99" "90s boom and rock \xE2\x80\x99n\xE2\x80\x99 roll all matter,\xE2\x80\x99");
  CHECK(text_of(t, q.mention) == "the minister\xE2\x80\x99s aide");

  const std::string n = "\xE2\x80\x9CShe told me \xE2\x80\x98never again\xE2\x80\x99 and left,\xE2\x80\x9D the driver said.";
  const Quote qn = one(n);
  CHECK(text_of(n, qn.contents[0]) == "\xE2\x80\x9CShe told me \xE2\x80\x98never again\xE2\x80\x99 and left,\xE2\x80\x9D");
  CHECK(text_of(n, qn.mention) == "the driver");
}

TEST_CASE("a quote split by its attribution is one statement", "[quotes]") {
  const std::string t = "\xE2\x80\x9CWe are ready,\xE2\x80\x9D Ortiz said, \xE2\x80\x9C" "but the money is late.\xE2\x80\x9D";
  const Quote q = one(t);
  REQUIRE(q.contents.size() == 2);
  CHECK(text_of(t, q.contents[1]) == "\xE2\x80\x9C" "but the money is late.\xE2\x80\x9D");
}

TEST_CASE("multi-paragraph quotes", "[quotes]") {
  const std::string t =
      "Chief engineer Ravi Menon said:\n\n"
      "\xE2\x80\x9CThe first span is finished. The second needs steel.\n\n"
      "\xE2\x80\x9CWe expect the last span by winter.\xE2\x80\x9D\n\nThe council meets on Friday.";
  QuoteResult r = en().extract(t);
  REQUIRE(r.quotes.size() >= 1);
  // Both paragraphs of the quotation belong to Menon and nothing is unbalanced.
  std::size_t covered = 0;
  for (const auto& q : r.quotes) {
    CHECK_FALSE(q.unbalanced);
    CHECK(speaker_of(r, q) == "Ravi Menon");
    for (const auto& c : q.contents) covered += c.size();
  }
  CHECK(covered >= std::string("\xE2\x80\x9CThe first span is finished. The second needs steel.").size() +
                       std::string("\xE2\x80\x9CWe expect the last span by winter.\xE2\x80\x9D").size());
}

TEST_CASE("partial, scare and indirect statements", "[quotes]") {
  QuoteResult r;
  const std::string p = "Senator Ada Kim warned the bill would \xE2\x80\x98wreck the budget\xE2\x80\x99.";
  Quote q = one(p, &r);
  CHECK(q.kind == QuoteKind::partial);
  CHECK(speaker_of(r, q) == "Ada Kim");

  const std::string s = "The old mill, the so-called \"ghost factory\", closed in 1990.";
  q = one(s, &r);
  CHECK(q.kind == QuoteKind::scare);
  CHECK(q.speaker == -1);

  const std::string i = "The transport ministry announced that the tunnel would close for a month.";
  q = one(i, &r);
  CHECK(q.kind == QuoteKind::indirect);
  CHECK(text_of(i, q.contents[0]) == "that the tunnel would close for a month");
  CHECK(r.speakers[0].type == SourceType::organisation);

  const std::string a = "The tunnel will close for a month, according to the transport ministry.";
  q = one(a, &r);
  CHECK(text_of(a, q.contents[0]) == "The tunnel will close for a month");
  CHECK(text_of(a, q.cue) == "according to");
}

TEST_CASE("colon and dash attributions", "[quotes]") {
  QuoteResult r;
  const std::string c = "Mayor Lina Ortiz: \xE2\x80\x9CThe harbour will open in May.\xE2\x80\x9D";
  Quote q = one(c, &r);
  CHECK(speaker_of(r, q) == "Lina Ortiz");
  CHECK(text_of(c, q.cue) == ":");
  const std::string d = "\xE2\x80\x9CThe harbour will open in May.\xE2\x80\x9D \xE2\x80\x94 Lina Ortiz, mayor";
  q = one(d, &r);
  CHECK(speaker_of(r, q) == "Lina Ortiz");
  CHECK(text_of(d, q.contents[0]) == "\xE2\x80\x9CThe harbour will open in May.\xE2\x80\x9D");
}

TEST_CASE("no statement where nothing is attributed", "[quotes]") {
  for (const std::string t : {"The pact was announced on Tuesday.", "It is believed the talks will resume.",
                              "Noting the delays, the firm hired more staff.", "The agency warned the crews."}) {
    INFO(t);
    CHECK(en().extract(t).quotes.empty());
  }
  // (since the thirteenth round a criticism verb's object is its content, as an attitude's: no statement)
  const QuoteResult r = en().extract("The agency blasted the decision.");
  REQUIRE(r.quotes.size() == 1);
  CHECK(r.quotes[0].kind == QuoteKind::attitude);
}

TEST_CASE("pronouns and nominal mentions resolve to the nearest fitting speaker", "[quotes]") {
  const std::string t =
      "Finance Minister Omar Haddad presented the budget on Monday.\n\n"
      "\xE2\x80\x9CThis is a careful plan,\xE2\x80\x9D he said.\n\n"
      "The Northern Daily News Agency criticised it. \xE2\x80\x9CIt is too little,\xE2\x80\x9D said one editorial.";
  const QuoteResult r = en().extract(t);
  REQUIRE(r.quotes.size() == 2);
  CHECK(text_of(t, r.quotes[0].mention) == "he");
  // "he" has nobody before it as a speaker except through the subject of "presented": unresolved
  // pronouns still get a speaker entry, resolved ones the person.
  CHECK(text_of(t, r.quotes[1].mention) == "one editorial");
  CHECK(speaker_of(r, r.quotes[1]) == "Northern Daily News Agency");
  CHECK(r.speakers[static_cast<std::size_t>(r.quotes[1].speaker)].type == SourceType::document);

  const std::string u = "Omar Haddad, the finance minister, said the plan was careful. \xE2\x80\x9CWe will not borrow,\xE2\x80\x9D he added.";
  const QuoteResult ru = en().extract(u);
  REQUIRE(ru.quotes.size() == 2);
  CHECK(ru.quotes[0].speaker == ru.quotes[1].speaker);
  CHECK(speaker_of(ru, ru.quotes[1]) == "Omar Haddad");
}

TEST_CASE("anonymity, affiliation and canonical speakers", "[quotes]") {
  const std::string t =
      "\xE2\x80\x9CThe talks are stuck,\xE2\x80\x9D a Chinese government source said.\n\n"
      "According to diplomatic sources in Seoul, a deal is near.\n\n"
      "Foreign Minister Mei Tanaka said Japan was ready. Tanaka added that Tokyo would wait.";
  const QuoteResult r = en().extract(t);
  REQUIRE(r.quotes.size() == 4);
  const Speaker& s0 = r.speakers[static_cast<std::size_t>(r.quotes[0].speaker)];
  CHECK(s0.anonymous);
  CHECK(s0.type == SourceType::anonymous_person);
  CHECK(s0.affiliation == "China");
  const Speaker& s1 = r.speakers[static_cast<std::size_t>(r.quotes[1].speaker)];
  CHECK(s1.anonymous);
  CHECK(s1.affiliation == "South Korea");
  CHECK(r.quotes[2].speaker == r.quotes[3].speaker);
  CHECK(speaker_of(r, r.quotes[3]) == "Mei Tanaka");
  CHECK_FALSE(r.speakers[static_cast<std::size_t>(r.quotes[3].speaker)].anonymous);
}

TEST_CASE("speakers are canonical across a corpus", "[quotes]") {
  Corpus c;
  c.add("Foreign Minister Mei Tanaka said the treaty was signed.", "A");
  c.add("\xE2\x80\x9CWe waited long enough,\xE2\x80\x9D Tanaka said.", "B");
  const auto rs = en().extract(c, 2);
  REQUIRE(rs.size() == 2);
  REQUIRE(rs[1].quotes.size() == 1);
  CHECK(speaker_of(rs[1], rs[1].quotes[0]) == "Mei Tanaka");
}

TEST_CASE("unbalanced marks give a low-confidence result, never an exception", "[quotes]") {
  const std::string t = "\xE2\x80\x9CThe river is rising, the warden said.\n\nEveryone left the valley.";
  QuoteResult r;
  REQUIRE_NOTHROW(r = en().extract(t));
  REQUIRE_FALSE(r.quotes.empty());
  CHECK(r.quotes[0].unbalanced);
  CHECK(r.quotes[0].confidence < 0.5);
}

TEST_CASE("fuzz: random marks, words and punctuation never crash or hang", "[quotes]") {
  const std::vector<std::string> pieces = {
      "\xE2\x80\x9C", "\xE2\x80\x9D", "\"", "'", "\xE2\x80\x98", "\xE2\x80\x99", "\xC2\xAB", "\xC2\xBB", "\xE2\x80\x9E",
      "\xE3\x80\x8C", "\xE3\x80\x8D", " said ", " he ", " according to ", ", ", ". ", ": ", "\n\n", "\r\n", " Mr. ",
      "Ortiz", " the ministry ", "\xF0\x9F\x98\x80", "e\xCC\x81", "\xE5\x8C\x97\xE4\xBA\xAC", " that ", "so-called ", "--"};
  std::mt19937 rng(7);
  for (int round = 0; round < 300; ++round) {
    std::string t;
    const int n = 1 + static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) t += pieces[rng() % pieces.size()];
    QuoteResult r;
    REQUIRE_NOTHROW(r = en().extract(t));
    for (const auto& q : r.quotes) {
      for (const auto& c : q.contents) {
        CHECK(c.start <= c.end);
        CHECK(c.end <= t.size());
      }
      CHECK(q.confidence >= 0.0);
      CHECK(q.confidence <= 1.0);
    }
  }
}

TEST_CASE("huge documents stay linear: one paragraph with 100,000 quotations", "[quotes]") {
  std::string t;
  for (int i = 0; i < 50000; ++i) t += "\"a\" \"b ";            // unbalanced ASCII marks, no sentence end
  for (int i = 0; i < 20000; ++i) t += "\xE2\x80\x9CGo,\xE2\x80\x9D he said. ";
  const auto t0 = std::chrono::steady_clock::now();
  QuoteResult r;
  REQUIRE_NOTHROW(r = en().extract(t));
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(r.quotes.size() > 20000);
  CHECK(secs < 20.0);  // quadratic behaviour took minutes here
}

TEST_CASE("invalid UTF-8 and bad lexicons are clear errors", "[quotes]") {
  CHECK_THROWS_AS(en().extract(std::string("\"Bad\xFF\" he said.")), EncodingError);
  CHECK_THROWS_AS(QuoteExtractor("xx"), InvalidArgument);
  QuoteExtractor ex("en");
  CHECK_THROWS_AS(ex.add_cues("{not json"), FormatError);
  CHECK_THROWS_AS(ex.add_cues("{\"phrases\": {\"per\": \"sideways\"}}"), FormatError);
  ex.add_cues("{\"speech\": [\"harrumph\"]}");
  const std::string t = "The mayor harrumphed the bridge was unsafe.";
  CHECK(ex.extract(t).quotes.size() == 1);
  CHECK(en().extract(t).quotes.empty());  // the shared extractor is unchanged
}

TEST_CASE("the seeds: all gold statements found with speaker, kind, anonymity", "[quotes][shared]") {
  const auto dir = framelens::testing::shared_dir();
  if (dir.empty() || !std::filesystem::exists(dir / "seeds" / "gold.json")) {
    WARN("../shared/seeds absent: skipped (the pytest test_quotes_seeds covers the full gold comparison)");
    return;
  }
  // The full comparison against gold.json is in tests/python/test_quotes.py; here: counts per file.
  const std::string a = framelens::testing::read_file(dir / "seeds" / "000_ce9979a848292ed9.txt");
  const std::string b = framelens::testing::read_file(dir / "seeds" / "002_e7194594206bafe7.txt");
  // the seed annotation has statements only: attitudes ("X called on Y to …") are another kind
  auto statements = [](const QuoteResult& r) {
    return std::count_if(r.quotes.begin(), r.quotes.end(), [](const Quote& q) { return q.kind != QuoteKind::attitude; });
  };
  CHECK(statements(en().extract(a)) == 4);
  CHECK(statements(en().extract(b)) == 7);
}

// Issue 4: speakers the sample corpus got wrong, on sentences written for this test.
TEST_CASE("speaker nouns with relative clauses, role-name appositions, speech-noun colons", "[quotes]") {
  {
    const std::string t = "A nurse who asked not to be named said the ward was closed.";
    QuoteResult r;
    const Quote q = one(t, &r);
    CHECK(speaker_of(r, q) == "a nurse");
    CHECK(r.speakers[static_cast<std::size_t>(q.speaker)].anonymous);
    CHECK(text_of(t, q.mention) == "A nurse");
  }
  {
    // split quote after a role-name apposition: the second piece and the pronoun go to the person,
    // not to the organisation named in between
    const std::string t = "The Brenn Ferry Company cancelled the crossing. Its former captain, Odo Renk, said the "
                          "engine was worn. \xE2\x80\x9CThey will patch it,\xE2\x80\x9D he said, \xE2\x80\x9C"
                          "and it will break again.\xE2\x80\x9D";
    const QuoteResult r = en().extract(t);
    REQUIRE(r.quotes.size() == 2);
    CHECK(speaker_of(r, r.quotes[0]) == "Odo Renk");
    CHECK(speaker_of(r, r.quotes[1]) == "Odo Renk");
    CHECK(r.quotes[1].contents.size() == 2);
  }
  {
    const std::string t = "Mayor Ruth Alder of Brenn said the road would reopen in May.";
    QuoteResult r;
    const Quote q = one(t, &r);
    CHECK(speaker_of(r, q) == "Ruth Alder");
    CHECK(r.speakers[static_cast<std::size_t>(q.speaker)].type == SourceType::named_person);
  }
  {
    const std::string t = "Per Oster runs the dock. His reply to the council was curt: \xE2\x80\x9CNot this year.\xE2\x80\x9D";
    QuoteResult r;
    const Quote q = one(t, &r);
    CHECK(q.kind == QuoteKind::direct);
    CHECK(speaker_of(r, q) == "Per Oster");
    CHECK(text_of(t, q.mention) == "His");
  }
}

namespace {

// Every span of `r` lies inside `text` (and the speaker index inside the speakers).
void check_spans(const std::string& text, const QuoteResult& r) {
  for (const auto& q : r.quotes) {
    for (const auto& s : q.contents) CHECK((s.start <= s.end && s.end <= text.size()));
    CHECK(q.cue.end <= text.size());
    CHECK(q.mention.end <= text.size());
    CHECK(q.speaker < static_cast<int>(r.speakers.size()));
  }
}

}  // namespace

// Issue 11, item 1: rules looked at the token before the first ("boundary - 1" with boundary 0,
// "k - 1" with k the first token). The sanitizer build (address, undefined) runs these inputs.
TEST_CASE("a speech verb or tail verb at the document start reads no token before the first", "[quotes]") {
  for (const std::string text : {"Said Smith.", "said", "Said", "Warned Smith.", "Japan grows.", "Grows.",
                                 "Told.", "Said Smith, “We leave.”", "Added Ruiz: the port is shut."}) {
    INFO(text);
    QuoteResult r;
    REQUIRE_NOTHROW(r = en().extract(text));
    check_spans(text, r);
    if (text.rfind("Said Smith, ", 0) == 0) {
      // sentence-initial inversion still works at the very start
      REQUIRE(r.quotes.size() == 1);
      CHECK(text_of(text, r.quotes[0].contents[0]) == "“We leave.”");
      CHECK(speaker_of(r, r.quotes[0]) == "Smith");
    } else if (text != "Added Ruiz: the port is shut.") {
      CHECK(r.quotes.empty());  // nothing is attributed: no content
    }
  }
  static const QuoteExtractor de("de");
  for (const std::string text : {"Sagte Weber.", "sagte", "Zufolge."}) {
    INFO(text);
    QuoteResult r;
    REQUIRE_NOTHROW(r = de.extract(text));
    check_spans(text, r);
    CHECK(r.quotes.empty());
  }
}

// Issue 11, item 4: the opener stack was searched linearly for every mark.
TEST_CASE("a million unmatched opening marks pair in linear time", "[quotes]") {
  for (const std::string mark : {"„", "«", "“", "„ "}) {
    std::string text;
    text.reserve(mark.size() * 1000000 + 8);
    for (int i = 0; i < 1000000; ++i) text += mark;
    INFO(mark);
    // CPU time of this process, so a loaded machine does not fail the test
    const std::clock_t t0 = std::clock();
    QuoteResult r;
    REQUIRE_NOTHROW(r = en().extract(text));
    const double secs = static_cast<double>(std::clock() - t0) / CLOCKS_PER_SEC;
    check_spans(text, r);
    CHECK(secs < 5.0);  // well under a second in a release build; the quadratic search took minutes
  }
}

// Adding a language is adding a folder: cpp/data/lang/fr/ (cues.json, words.json) and no French
// C++. Sentences written for this test.
TEST_CASE("a French language pack: « … », dit-il, a déclaré, selon, d'après", "[quotes]") {
  static const QuoteExtractor fr("fr");
  CHECK(fr.lang() == "fr");
  {
    const std::string t = "« Nous signerons l'accord demain », a déclaré la ministre Claire Vasseur.";
    QuoteResult r;
    const Quote q = one(t, &r, fr);
    CHECK(q.kind == QuoteKind::direct);
    CHECK(text_of(t, q.contents[0]) == "« Nous signerons l'accord demain »");
    CHECK(text_of(t, q.cue) == "a déclaré");
    CHECK(speaker_of(r, q) == "Claire Vasseur");
  }
  {
    const std::string t =
        "Le maire Paul Garnier a déclaré que le port serait fermé lundi. « Nous attendons la tempête », a-t-il ajouté.";
    QuoteResult r = fr.extract(t);
    REQUIRE(r.quotes.size() == 2);
    CHECK(r.quotes[0].kind == QuoteKind::indirect);
    CHECK(text_of(t, r.quotes[0].contents[0]) == "que le port serait fermé lundi");
    CHECK(speaker_of(r, r.quotes[0]) == "Paul Garnier");
    CHECK(text_of(t, r.quotes[1].contents[0]) == "« Nous attendons la tempête »");
    CHECK(text_of(t, r.quotes[1].mention) == "a-t-il");
    CHECK(r.quotes[1].speaker == r.quotes[0].speaker);  // il = Paul Garnier
  }
  {
    const std::string t = "La boulangère Anne Roux a ouvert à six heures. « Il reste du pain », dit-elle.";
    QuoteResult r;
    const Quote q = one(t, &r, fr);
    CHECK(text_of(t, q.contents[0]) == "« Il reste du pain »");
    CHECK(text_of(t, q.mention) == "dit-elle");
  }
  {
    const std::string t = "Selon la préfecture, la route restera coupée jusqu'à jeudi.";
    QuoteResult r;
    const Quote q = one(t, &r, fr);
    CHECK(q.kind == QuoteKind::indirect);
    CHECK(text_of(t, q.cue) == "Selon");
    CHECK(text_of(t, q.contents[0]) == "la route restera coupée jusqu'à jeudi");
    CHECK(text_of(t, q.mention) == "la préfecture");
    CHECK(r.speakers[static_cast<std::size_t>(q.speaker)].type == SourceType::organisation);
  }
  {
    const std::string t = "D'après les pompiers, l'incendie est maîtrisé.";
    const Quote q = one(t, nullptr, fr);
    CHECK(text_of(t, q.cue) == "D'après");
    CHECK(text_of(t, q.contents[0]) == "l'incendie est maîtrisé");
    CHECK(text_of(t, q.mention) == "les pompiers");
  }
  {
    const std::string t = "“ Il faut agir vite ”, affirme la députée Léa Martin.";
    QuoteResult r;
    const Quote q = one(t, &r, fr);
    CHECK(text_of(t, q.contents[0]) == "“ Il faut agir vite ”");
    CHECK(speaker_of(r, q) == "Léa Martin");
  }
  {
    // a guillemet closed with a space before it still closes; the English extractor keeps its rule
    const std::string t = "« Oui », dit-il.";
    CHECK(fr.extract(t).quotes.size() == 1);
  }
}

TEST_CASE("according to X at a sentence start: a clause after the source is the content, not an apposition", "[quotes]") {
  const std::string t = "According to the port, the ferries wait.";
  QuoteResult r;
  const Quote q = one(t, &r);
  CHECK(text_of(t, q.contents[0]) == "the ferries wait");
  CHECK(text_of(t, q.mention) == "the port");
  static const QuoteExtractor fr("fr");
  const std::string f = "Selon la préfecture, la route restera coupée.";
  const Quote qf = one(f, nullptr, fr);
  CHECK(text_of(f, qf.contents[0]) == "la route restera coupée");
}

TEST_CASE("attitudes: the object of a stance verb or phrase is the content, of kind attitude", "[quotes]") {
  struct Case { std::string text, content, mention, cue; };
  const std::vector<Case> cases = {
      {"Mayor Ida Roos endorsed the harbour plan.", "the harbour plan", "Mayor Ida Roos", "endorsed"},
      {"Roos called for a new quay, a plan the board rejected.", "a new quay", "Roos", "called for"},
      {"The union wants to strike in May.", "to strike in May", "The union", "wants"},
      {"Berg talked about the long winters of her childhood.", "the long winters of her childhood", "Berg", "talked about"},
      {"Roos hopes that the ferry returns soon.", "that the ferry returns soon", "Roos", "hopes"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const Quote q = one(c.text);
    CHECK(q.kind == QuoteKind::attitude);
    CHECK(text_of(c.text, q.contents[0]) == c.content);
    CHECK(text_of(c.text, q.mention) == c.mention);
    CHECK(text_of(c.text, q.cue) == c.cue);
  }
  // a verb of saying that is also an attitude makes a statement of a clause
  const std::string p = "Roos promised that the ferry would return.";
  CHECK(one(p).kind == QuoteKind::indirect);
  // a list of names stays in the object; no subject, no attitude
  const std::string l = "The board supported Roos, Berg and Lind.";
  CHECK(text_of(l, one(l).contents[0]) == "Roos, Berg and Lind");
  CHECK(en().extract("Endorsed by the board, the plan passed.").quotes.empty());
  CHECK(en().extract("The agency criticised it.").quotes.empty());  // a lone pronoun object
}

TEST_CASE("a cue form after a number or among only_forms nouns is no verb", "[quotes]") {
  // "states", "reports" after a number are plural nouns; "state" is a noun, "stated" the verb
  CHECK(en().extract("Primaries in five states end next week.").quotes.empty());
  CHECK(en().extract("The survey of 30 reports found nothing new.").quotes.empty());
  CHECK(en().extract("Voters in the coastal states of the north remain undecided.").quotes.empty());
  const std::string t = "The ministry stated that the bridge would stay closed.";
  const Quote q = one(t);
  CHECK(text_of(t, q.contents[0]) == "that the bridge would stay closed");
  CHECK(text_of(t, q.mention) == "The ministry");
}

TEST_CASE("a clause between the cue and a later 'that' belongs to the content", "[quotes]") {
  struct Case { std::string text, content; };
  const std::vector<Case> cases = {
      {"Roos said she hoped that the quay would reopen.", "she hoped that the quay would reopen"},
      {"Roos said the board had known that the quay was unsafe.", "the board had known that the quay was unsafe"},
      {"Roos told reporters on Monday that the quay would reopen.", "that the quay would reopen"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(text_of(c.text, one(c.text).contents[0]) == c.content);
  }
}

TEST_CASE("German: the subject of the clause before a colon or around an object quotation speaks", "[quotes]") {
  static const QuoteExtractor de("de");
  struct Case { std::string text, mention; };
  const std::vector<Case> cases = {
      // a colon after "mit den Worten": the clause's subject
      {"Der Trainer begründete seine Entscheidung mit den Worten: \xE2\x80\x9EWir brauchen jetzt frische Beine.\xE2\x80\x9C",
       "Der Trainer"},
      // "äußerte sich zufrieden …": the reflexive opens no inverted subject
      {"Die Ministerin Anna Berg äußerte sich zufrieden über das Ergebnis: \xE2\x80\x9E" "Das ist ein guter Tag für die Stadt.\xE2\x80\x9C",
       "Die Ministerin Anna Berg"},
      // a quotation in the object of the sentence's verb
      {"Die Menge skandierte vor dem Rathaus Parolen wie \xE2\x80\x9EWir bleiben hier, wir weichen nicht\xE2\x80\x9C.", "Die Menge"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const Quote q = one(c.text, nullptr, de);
    CHECK(q.kind == QuoteKind::direct);
    CHECK(text_of(c.text, q.mention) == c.mention);
  }
  // a fronted adverbial fills the first position: the subject follows the verb
  const std::string f = "Am Abend begründete der Trainer seine Wahl mit den Worten: \xE2\x80\x9EWir brauchen jetzt frische Beine.\xE2\x80\x9C";
  CHECK(text_of(f, one(f, nullptr, de).mention) == "der Trainer");
}

TEST_CASE("German verb-second order: the subject after a fronted constituent, a quotation or an apposition", "[quotes]") {
  static const QuoteExtractor de("de");
  struct Case { std::string text, mention; };
  const std::string lq = "\xE2\x80\x9E", rq = "\xE2\x80\x9C";
  const std::vector<Case> cases = {
      // a cue after a fronted adverbial, the reflexive between verb and subject
      {"In einem Interview äußerte sich die Ministerin Ida Kern zuversichtlich: " + lq +
           "Die Brücke wird im Mai fertig.\xE2\x80\x9C",
       "die Ministerin Ida Kern"},
      // an adjective after the article is no verb; an auxiliary is
      {"Im vergangenen Herbst hatte der Hafenmeister Jon Falk in einer Rede gesagt: " + lq + "Wir bauen neu." + rq,
       "der Hafenmeister Jon Falk"},
      // a verb outside the lexicon after a quotation that opens the sentence
      {lq + "Der Damm hält noch zehn Jahre" + rq + ", begründet das Wasseramt seinen Plan.", "das Wasseramt"},
      // a short quotation in the object: the subject's, not a scare quote
      {"Der Verband nannte den Entwurf einen " + lq + "mutigen Schritt" + rq + " für die Region.", "Der Verband"},
      // ... also when the quotation stands in the fronted constituent
      {"Von einem " + lq + "schweren Fehler" + rq + " sprach der Landrat Olaf Brink am Montag.", "der Landrat Olaf Brink"},
      // "Das" fills the first position only as a pronoun: "Das Komitee" is the subject
      {"Das Komitee würdigte damit ihren Einsatz für eine " + lq + "offene Stadt" + rq + ".", "Das Komitee"},
      // a particle before the subject, an attribute and an apposition
      {"Auch die Sprecherin beim Hafenamt, Lea Dorn, äußerte sich zufrieden: " + lq + "Das Wasser steigt nicht." + rq,
       "die Sprecherin beim Hafenamt, Lea Dorn"},
      // "als" before a noun phrase (no subordinate clause), a party in parentheses in the subject
      {"Als Begründung sagte die Ärztin Mara Voss: " + lq + "Uns fehlen Betten." + rq, "die Ärztin Mara Voss"},
      {"Auch die Landrätin Eva Lund (SPD) warnte: " + lq + "Das reicht nicht." + rq, "die Landrätin Eva Lund (SPD)"},
      // a passive "wird … zitiert": its agent after the auxiliary (the medium quoting), past an
      // apposition of the subject; without an agent the subject
      {"Der Sprecher des Hafens, Jon Falk, wird von der " + lq + "Nordpost" + rq + " mit den Worten zitiert: " + lq +
           "Wir warten ab." + rq,
       "der " + lq + "Nordpost" + rq},
      {"Der Sprecher des Hafens, Jon Falk, wird mit den Worten zitiert: " + lq + "Wir warten ab." + rq,
       "Der Sprecher des Hafens, Jon Falk"},
      // a medium or document opening the passive clause
      {"In der Mitteilung wird Jon Falk so zitiert: " + lq + "Wir warten ab." + rq, "In der Mitteilung"},
      // "von" after a noun is an attribute, not the agent
      {"Zur Lage wird Jon Falk auf der Webseite von Hafen Nord so zitiert: " + lq + "Wir warten ab." + rq, "Jon Falk"},
      // an inflected possessive ("seiner") is an article, not the verb
      {"Zur Lage des Hafens und seiner Zukunft wird Jon Falk auf der Webseite wie folgt zitiert: " + lq + "Wir warten ab." + rq,
       "Jon Falk"},
      // a subordinate clause: the subject follows the conjunction, the cue closes the clause
      {"Wie die Ministerin Ida Kern am Montag in Varne erklärte, sei der Plan " + lq + "ohne Alternative" + rq + ".",
       "die Ministerin Ida Kern"},
      // an impersonal cue: the document of the prepositional phrase after it or before it
      {lq + "Der Hafen bleibt offen" + rq + ", heißt es in der Erklärung des Verbands.", "in der Erklärung des Verbands"},
      {"In der Erklärung des Verbands heißt es: " + lq + "Der Hafen bleibt offen." + rq, "In der Erklärung des Verbands"},
      // a speaker label before a colon
      {"Ida Kern, Ministerin für Verkehr: " + lq + "Wir fangen im Mai an." + rq, "Ida Kern, Ministerin für Verkehr"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    QuoteResult r;
    const Quote q = one(c.text, &r, de);
    CHECK(q.kind != QuoteKind::scare);
    CHECK(text_of(c.text, q.mention) == c.mention);
  }
  // "nach Angaben X" inside the clause: the clause on both sides is the report, X its source
  {
    const std::string mid = "Die Brücke gilt nach Angaben des Bauamtes als " + lq + "sicher bis 2030" + rq + ".";
    QuoteResult r;
    const Quote q = one(mid, &r, de);
    CHECK(text_of(mid, q.mention) == "des Bauamtes");
    REQUIRE(q.contents.size() == 2);
    CHECK(text_of(mid, q.contents[0]) == "Die Brücke gilt");
    CHECK(text_of(mid, q.contents[1]) == "als " + lq + "sicher bis 2030" + rq);
  }
  // "so" is a cue only after a comma or quotation and before a speaker ("…, so die Ministerin")
  {
    const std::string so = "Es sah so aus, als sei die Brücke gesperrt.";
    CHECK(de.extract(so).quotes.empty());
    const std::string cue = lq + "Die Brücke bleibt offen" + rq + ", so die Ministerin Ida Kern.";
    CHECK(text_of(cue, one(cue, nullptr, de).mention) == "die Ministerin Ida Kern");
  }
  // a lone pronoun ("das", "es") speaks for nobody; a fronted object ("Den Plan") is no subject
  const std::string lone = "Den Plan lobte es als " + lq + "großen Wurf" + rq + ".";
  const QuoteResult r = de.extract(lone);
  REQUIRE(r.quotes.size() == 1);
  CHECK(r.quotes[0].speaker < 0);
}

TEST_CASE("German sources: nach Ansicht von X, the document of an impersonal cue, a colon quotation a cue closes", "[quotes]") {
  static const QuoteExtractor de("de");
  struct Case { std::string text, mention; };
  const std::string lq = "\xE2\x80\x9E", rq = "\xE2\x80\x9C";
  const std::vector<Case> cases = {
      // the source of "nach Ansicht" follows "von", with a short apposition
      {"Nach Ansicht von Senatorin Ida Kern hat die Bank " + lq + "auf ganzer Linie versagt" + rq + ".", "Senatorin Ida Kern"},
      {"Nach Ansicht von Senatorin Ida Kern, Vorsitzende des Ausschusses, hat die Bank " + lq + "versagt" + rq + ".",
       "Senatorin Ida Kern, Vorsitzende des Ausschusses"},
      // plural source nouns after "nach"
      {"Nach Darstellungen des Verlages ist das Buch " + lq + "ein Erfolg" + rq + ".", "des Verlages"},
      // an impersonal cue: the phrase filling the first position before one after the cue ...
      {"Auf der Webseite des Vereins heißt es zur Begründung: " + lq + "Wir bleiben hier." + rq, "Auf der Webseite des Vereins"},
      // ... unless it names a time; adjectives and adverbs inside the phrase after the cue
      {"Am Montag hieß es in einer gestern verbreiteten Mitteilung des Verbands: " + lq + "Wir bleiben hier." + rq,
       "in einer gestern verbreiteten Mitteilung des Verbands"},
      // a quotation after a colon that a cue closes is the cue's
      {"Der Pfarrer bat um Geduld: " + lq + "Wir bleiben hier" + rq + ", heißt es in einer Erklärung der Gemeinde.",
       "in einer Erklärung der Gemeinde"},
      {"Der Trainer war zufrieden: " + lq + "Wir bleiben oben" + rq + ", sagte Olaf Brink.", "Olaf Brink"},
      // a fronted object: the speaker after the verb is a nominative pronoun or names a speaker
      {"Die Arbeit der neuen Regierung lobte er mit den Worten: " + lq + "Sie handeln klug." + rq, "er"},
      {"Jede Schuld an der Affäre weist der Minister Jon Falk von sich: " + lq + "Das war der Vorstand." + rq,
       "der Minister Jon Falk"},
      {"Die Anwendung des Artikels stellte der SPD-Vorsitzende Jon Falk in Frage: " + lq + "Das ist falsch." + rq,
       "der SPD-Vorsitzende Jon Falk"},
      // a nominative pronoun right after the verb is the subject however long the fronted object
      {"Die Arbeit der Regierung seit dem Amtsantritt von Ida Kern (SPD) als Ministerin lobte er mit den Worten: " + lq +
           "Sie handeln klug." + rq,
       "er"},
      // an adjective after a capitalised article stays in the subject phrase
      {"Die neue Ministerin Ida Kern wies den Vorwurf zurück: " + lq + "Das ist falsch." + rq, "Die neue Ministerin Ida Kern"},
      // a sentence adverb fills the first position (capitalised only because it opens the sentence)
      {"Letztlich wies die Ministerin Ida Kern den Plan zurück: " + lq + "Das ist zu teuer." + rq, "die Ministerin Ida Kern"},
      {"Ursprünglich wollte der Verband " + lq + "ein neues Konzept vorlegen" + rq + ".", "der Verband"},
      // a report clause ("Wie X ausführte, …") with a verb outside the lexicon: its subject speaks
      {"Wie der Richter, Jon Falk, ausführte, hätte es " + lq + "ein Blutbad" + rq + " gegeben.", "der Richter"},
      {"Wie die Ministerin von Varne, Ida Kern, erklärte: " + lq + "Die Lage ist ernst." + rq, "die Ministerin von Varne"},
      // "für" + a speaker (a closed compound ending in a title counts) opening the sentence holds the view
      {"Für den Gesundheitsminister Jon Falk ist die Lage " + lq + "alarmierend" + rq + ".", "den Gesundheitsminister Jon Falk"},
      // a name without article after the verb of a fronted phrase; a clause before a colon is no label
      {"Jede Schuld an der Affäre weist Jon Falk von sich: " + lq + "Das war der Vorstand." + rq, "Jon Falk"},
      // a capitalised word with an adjective or adverb ending before the verb fills the first position
      {"Relativierend fügt Jon Falk hinzu: " + lq + "Das war nicht so gemeint." + rq, "Jon Falk"},
      {"Höhnisch schrieb der Verfasser dazu: " + lq + "Danke." + rq, "der Verfasser"},
      // a passive's agent for a quotation no cue claims ("vom" takes it after a noun too)
      {"Im Süden wird die Lage an den Flüssen vom Wetterdienst als " + lq + "sehr ernst" + rq + " eingestuft.", "Wetterdienst"},
      // a focus particle before the subject fills no position; before a fronted phrase it does
      {"Auch die Ministerin Ida Kern äußerte Vorbehalte: " + lq + "Das scheitert." + rq, "die Ministerin Ida Kern"},
      {"Auch am Montag sagte die Ministerin Ida Kern: " + lq + "Das scheitert." + rq, "die Ministerin Ida Kern"},
      // a quotation closed by its own full stop, the cue right after it (no comma)
      {"Es gibt 300 Schulen. " + lq + "Die Schule ist angekommen." + rq + " erklärte Ministerin Ida Kern.", "Ministerin Ida Kern"},
      // a conjunction before the subject
      {"Denn Experten fragen sich: " + lq + "Wie lange noch?" + rq, "Experten"},
      // ... but a subject that names a speaker stays the speaker
      {"Die Ministerin sagte am Abend: " + lq + "Das ist falsch." + rq, "Die Ministerin"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const Quote q = one(c.text, nullptr, de);
    CHECK(q.kind != QuoteKind::scare);
    CHECK(text_of(c.text, q.mention) == c.mention);
  }
}

TEST_CASE("German continuations: the subject of a sentence that attributes nothing speaks the next quotation", "[quotes]") {
  static const QuoteExtractor de("de");
  struct Case { std::string text, mention; };
  const std::string lq = "\xE2\x80\x9E", rq = "\xE2\x80\x9C";
  const std::vector<Case> cases = {
      // a subject with its apposition before the verb
      {"Ida Kern, die Ministerin, verurteilte den Plan. " + lq + "Das geht so nicht. Wir warten ab." + rq,
       "Ida Kern, die Ministerin"},
      // an infinitive clause fills the first position: the subject follows the verb
      {"Um Zeit zu gewinnen, will Ministerin Ida Kern die Fächer straffen. " + lq + "Nicht jede Formel ist nötig." + rq,
       "Ministerin Ida Kern"},
      // a subjunctive report after such a sentence, nearer than the last speaker
      {"Jon Falk sagte: " + lq + "Wir bauen." + rq + " Am Abend war der Bürgermeister Olaf Brink in Varne. Jeder könne " +
           lq + "die Lage selbst prüfen" + rq + ".",
       "der Bürgermeister Olaf Brink"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const QuoteResult r = de.extract(c.text);
    REQUIRE(!r.quotes.empty());
    const Quote& q = r.quotes.back();
    CHECK(text_of(c.text, q.mention) == c.mention);
  }
  // "für" + a phrase that names no speaker: the sentence subject
  {
    const std::string region = "Für die Region ist die Lage " + lq + "alarmierend" + rq + ".";
    CHECK(text_of(region, one(region, nullptr, de).mention) == "die Lage");
  }
  // "Und: „…“": a conjunction before a colon names nobody; the quotation continues the speaker
  {
    const std::string und = "Jon Falk sagte: " + lq + "Das ist gut." + rq + " Und: " + lq + "Das bleibt so." + rq;
    const QuoteResult r = de.extract(und);
    REQUIRE(!r.quotes.empty());
    for (const auto& q : r.quotes) CHECK(text_of(und, q.mention) == "Jon Falk");
  }
  // a plural noun without article is no name: the quotation stays without speaker
  const std::string plural = "Schüler sollen weniger lernen. " + lq + "Nicht jede Formel ist nötig." + rq;
  const QuoteResult r = de.extract(plural);
  REQUIRE(r.quotes.size() == 1);
  CHECK(r.quotes[0].speaker < 0);
}

TEST_CASE("a participle cue takes the subject of the nearest clause before it, past introductory phrases", "[quotes]") {
  struct Case { std::string text, mention; };
  const std::vector<Case> cases = {
      {"Speaking at a diner in Varne, Maine, Ida Roos visited the ferry crews, saying \xE2\x80\x9Cthey kept the town alive.\xE2\x80\x9D",
       "Ida Roos"},
      {"Hours later, the harbour board reversed its decision, telling reporters that the quay would reopen.", "the harbour board"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const Quote q = one(c.text);
    CHECK(text_of(c.text, q.mention) == c.mention);
  }
}

TEST_CASE("German fifth round: dates, inverted pronouns, fronted adjectives and objects, reported clauses, \"Das bestätigte X\"", "[quotes]") {
  static const QuoteExtractor de("de");
  struct Case { std::string text, mention; };
  const std::string lq = "\xE2\x80\x9E", rq = "\xE2\x80\x9C";
  const std::vector<Case> cases = {
      // a day number with its full stop before a month is no sentence end: the subject stays whole
      {"Nach der langen Fahrt steuerte er am 14. März 1987 die Fähre zum Kai und meldete sich mit den Worten: " + lq +
           "Wir sind da." + rq,
       "er"},
      {"Am 26. April verabschiedete der Rat eine Resolution, welche die Lage mit " + lq + "tiefer Sorge" + rq + " sieht.",
       "der Rat"},
      // an inverted pronoun is the whole subject: the nouns after it are objects
      {"Mit dem Satz " + lq + "Wir sind stolz" + rq + " grüßte er Fans des Teams.", "er"},
      // a fronted adjective fills the first position; a focus particle after the verb precedes the subject
      {"Enttäuscht äußerte sich auch die Sprecherin des Vereins über die Pläne: " + lq +
           "Wir hatten mehr erwartet." + rq,
       "die Sprecherin des Vereins"},
      // a phrase closed by a comma before the verb was a fronted object when a nominative pronoun follows the verb
      {"Das Angebot, Verletzte hier zu behandeln, lehnt er jedoch ab: " + lq + "Die Grenze bleibt offen." + rq, "er"},
      // a quotation after a colon that a later cue closes is that cue's
      {"Verärgert äußerte sich Jon Falk über die Pläne: " + lq + "Das ist zu wenig" + rq +
           ", sagte er im Radio.",
       "er"},
      // after a quotation, a finite auxiliary, the subject and the participle cue closing the clause
      {"Jon Falk lobte den Plan. " + lq + "Das ist ein guter Plan für alle" + rq + ", wird Falk zitiert.", "Falk"},
      {lq + "Das ist ein guter Plan für alle" + rq + ", hatte Ida Kern damals gesagt.", "Ida Kern"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const QuoteResult r = de.extract(c.text);
    REQUIRE(r.quotes.size() == 1);
    CHECK(text_of(c.text, r.quotes[0].mention) == c.mention);
  }
  // a subjunctive clause before a colon is reported speech: the quotation after it continues the
  // speaker reported before, not the clause subject
  const std::string reported = "Jon Falk sagte, die Lage sei ernst. Varne sei dem Nachbarn zu Dank verpflichtet: " + lq +
                               "Wir helfen gern." + rq;
  const QuoteResult r = de.extract(reported);
  REQUIRE(r.quotes.size() == 2);
  CHECK(text_of(reported, r.quotes[1].mention) == "Jon Falk");
  // "Das bestätigte X": a demonstrative before the cue stands for the sentence before; X said it
  const std::string anaphoric = "Die Fähre fährt ab Montag wieder nach " + lq + "Plan" + rq +
                                ". Das bestätigte der Hafenmeister Jon Falk am Abend.";
  const QuoteResult a = de.extract(anaphoric);
  REQUIRE(a.quotes.size() == 1);
  CHECK(text_of(anaphoric, a.quotes[0].mention) == "der Hafenmeister Jon Falk");
  REQUIRE(a.quotes[0].contents.size() == 2);
  CHECK(text_of(anaphoric, a.quotes[0].contents[0]) == "Die Fähre fährt ab Montag wieder nach " + lq + "Plan" + rq);
  CHECK(text_of(anaphoric, a.quotes[0].contents[1]) == "Das");
  // a separable verb whose particle closes the sentence ("gab … bekannt", "geht aus … hervor")
  const std::vector<std::pair<std::string, std::string>> separable = {
      {"Die Fähre fährt ab Montag wieder. Das gab der Minister in Berlin bekannt.", "der Minister"},
      {"Die Fähre fährt ab Montag wieder. Dies geht aus einem Bericht der Polizei hervor.", "einem Bericht der Polizei"},
  };
  for (const auto& [text, mention] : separable) {
    INFO(text);
    const QuoteResult r = de.extract(text);
    REQUIRE(r.quotes.size() == 1);
    CHECK(text_of(text, r.quotes[0].mention) == mention);
    CHECK(text_of(text, r.quotes[0].contents[0]) == "Die Fähre fährt ab Montag wieder");
  }
}

TEST_CASE("a name after a dash labels the quotation after its colon (also \"More from X:\")", "[quotes]") {
  struct Case { std::string text, mention; };
  const std::string lq = "\xE2\x80\x9C", rq = "\xE2\x80\x9D";
  const std::vector<Case> cases = {
      {"WHY THE FERRY WAS LATE - Ida Roos and Jon Berg: " + lq + "The crew was ill and the spare boat was in dock." + rq,
       "Ida Roos and Jon Berg"},
      {"The delays had been known for weeks -More from Roos and Berg: " + lq + "Data from the harbour confirm that both boats were late." +
           rq,
       "Roos and Berg"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const Quote q = one(c.text);
    CHECK(text_of(c.text, q.mention) == c.mention);
  }
}

TEST_CASE("a comma before a subject and its own cue ends a content; 'however' between speaker and cue", "[quotes]") {
  const std::string lq = "\xE2\x80\x9C", rq = "\xE2\x80\x9D";
  // the content of "believed" / "wrote" ends at the comma; the quotation is Roos's / Berg's
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Asked if she believed the quay was safe, Roos said that she did not, but was worried about the " + lq +
           "same old attitude of the board." + rq,
       "Roos"},
      {"Despite what he wrote in the letter, Berg said he " + lq + "may yet have to vote for the plan because of the harbour." + rq,
       "Berg"},
      {"Roos however said she would welcome a " + lq + "principled harbour network" + rq + " for the coast.", "Roos"},
  };
  for (const auto& [text, mention] : cases) {
    INFO(text);
    const QuoteResult r = en().extract(text);
    REQUIRE(!r.quotes.empty());
    const Quote& q = r.quotes.back();  // the one holding the quotation
    CHECK(text_of(text, q.content()).find(lq) != std::string::npos);
    CHECK(text_of(text, q.mention) == mention);
  }
}

TEST_CASE("an adverb by its suffix stands between speaker and cue; suffix nouns and words after a determiner speak", "[quotes]") {
  const std::string lq = "\xE2\x80\x9C", rq = "\xE2\x80\x9D";
  const std::vector<std::pair<std::string, std::string>> cases = {
      // "-ly" after a comma-closed apposition: the apposition speaks, not "forcefully"
      {"Ida Roos, head of the ferry board, forcefully rejected the plan: " + lq + "It would ruin the harbour." + rq,
       "Ida Roos, head of the ferry board"},
      // "family" ends in "-ly" but is a noun (suffix_nouns); "angrily" is skipped
      {"The Varne family angrily said that " + lq + "nobody had asked them." + rq, "The Varne family"},
      // after a determiner a "-ly" word is the speaker ("the weekly")
      {"The weekly reported that the ferry was " + lq + "never really safe." + rq, "The weekly"},
      // a lower-case subject before the adverb
      {"The dock workers loudly insisted that the quay was " + lq + "perfectly safe." + rq, "The dock workers"},
  };
  for (const auto& [text, mention] : cases) {
    INFO(text);
    const Quote q = one(text);
    CHECK(text_of(text, q.mention) == mention);
  }
}

TEST_CASE("sixth-round cue verbs: fumed, taunted, riffed, exhorted, bragged, labeled, reads", "[quotes]") {
  const std::string lq = "\xE2\x80\x9C", rq = "\xE2\x80\x9D";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {lq + "The timetable is a joke," + rq + " Ida Roos fumed.", "Ida Roos"},
      {lq + "Nobody can read a timetable like that," + rq + " Jon Berg taunted.", "Jon Berg"},
      {lq + "Ask the gulls when the boat comes," + rq + " the skipper riffed.", "the skipper"},
      {"Roos exhorted the crews: " + lq + "Keep the boats running." + rq, "Roos"},
      {"The board members bragged that the new boat was " + lq + "the fastest on the coast." + rq, "The board members"},
      {"The harbour master labeled the delay " + lq + "a scandal for the coast." + rq, "The harbour master"},
      {"The notice reads: " + lq + "No ferries until May." + rq, "The notice"},
  };
  for (const auto& [text, mention] : cases) {
    INFO(text);
    const Quote q = one(text);
    CHECK(text_of(text, q.mention) == mention);
    CHECK(text_of(text, q.cue) != "");
  }
}

TEST_CASE("a headline paragraph 'Name: … ‘…’' is the name's statement, everything after the colon", "[quotes]") {
  const std::string lq = "\xE2\x80\x98", rq = "\xE2\x80\x99";
  struct Case { std::string text, mention, content; };
  const std::vector<Case> cases = {
      {"Ida Roos: Ferry Plan Is " + lq + "A Gift To The Coast." + rq + "\n\nThe harbour board met on Monday.", "Ida Roos",
       "Ferry Plan Is " + lq + "A Gift To The Coast." + rq},
      {"Mayor Jon Berg: Harbour Board " + lq + "Asleep," + rq + " Timetable " + lq + "A Joke." + rq + "\n\nThe board met.",
       "Mayor Jon Berg", "Harbour Board " + lq + "Asleep," + rq + " Timetable " + lq + "A Joke." + rq},
      // the quotation right after the colon, words after it: the whole rest is the statement
      {"Roos: " + lq + "No Ferry" + rq + " If The Board Agrees.\n\nThe harbour board met on Monday.", "Roos",
       lq + "No Ferry" + rq + " If The Board Agrees"},
      {"Ida Roos: " + lq + "Unsafe Boats" + rq + " Have " + lq + "No Place In Varne." + rq + "\n\nThe board met.", "Ida Roos",
       lq + "Unsafe Boats" + rq + " Have " + lq + "No Place In Varne." + rq},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const Quote q = one(c.text);
    CHECK(text_of(c.text, q.mention) == c.mention);
    CHECK(text_of(c.text, q.content()) == c.content);
  }
  // a label that names nobody ("The Latest:") and a colon inside running text are no headline
  const std::string latest = "The Latest: Ferry Plan Is " + lq + "A Gift To The Coast." + rq + "\n\nThe board met.";
  for (const auto& q : en().extract(latest).quotes) CHECK(text_of(latest, q.mention) != "The Latest");
  const std::string running = "The harbour board met on Monday. Ida Roos: Ferry Plan Is " + lq + "A Gift." + rq +
                              " Nobody else spoke.\n\nThe board met.";
  for (const auto& q : en().extract(running).quotes) CHECK(text_of(running, q.content()).find("Ferry Plan") == std::string::npos);
  // a quotation after the colon with nothing after it stays the statement alone
  const std::string alone = "Mayor Ida Roos: " + lq + "We open on Monday." + rq + "\n\nThe board met.";
  CHECK(text_of(alone, one(alone).content()) == lq + "We open on Monday." + rq);
}

TEST_CASE("a quotation paragraph signed in the next paragraph ('- Name.') is the name's", "[quotes]") {
  const std::string lq = "\xE2\x80\x9C", rq = "\xE2\x80\x9D";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Jon Berg spoke first.\n\n" + lq + "The ferry will run all winter, whatever the board says." + rq + "\n\n- Ida Roos.\n\nThe board met.",
       "Ida Roos"},
      {"Jon Berg spoke first.\n\n" + lq + "The ferry will run all winter, whatever the board says." + rq +
           "\n\n-Ida Roos, harbour master, Varne.\n\nThe board met.",
       "Ida Roos"},
  };
  for (const auto& [text, mention] : cases) {
    INFO(text);
    const Quote q = one(text);
    CHECK(text_of(text, q.mention) == mention);
  }
  // a paragraph that opens with a dash and a phrase naming nobody is no signature
  const std::string plain = "Jon Berg spoke first.\n\n" + lq + "The ferry will run all winter, whatever the board says." + rq +
                            "\n\n- A sailor himself, he knows the coast.\n\nThe board met.";
  for (const auto& q : en().extract(plain).quotes) CHECK(text_of(plain, q.mention).find("sailor") == std::string::npos);
}

TEST_CASE("a statement right before ', according to X' is nested: X reports it, the speaker's own stays", "[quotes]") {
  const std::string lq = "\xE2\x80\x9C", rq = "\xE2\x80\x9D";
  struct Case { std::string text, inner, outer_content; };
  const std::vector<Case> cases = {
      {lq + "The ferry is late again," + rq + " Ida Roos said, according to the harbour log.", "Ida Roos",
       lq + "The ferry is late again," + rq + " Ida Roos said"},
      {"On Monday, Jon Berg said the crews were " + lq + "tired of waiting," + rq + " according to the Varne Courier.", "Jon Berg",
       "On Monday, Jon Berg said the crews were " + lq + "tired of waiting," + rq},
      // words after the earlier statement (no quotation, no cue) belong to the nested one
      {lq + "The ferry is late again," + rq + " Ida Roos said in a letter to the board, according to the harbour log.", "Ida Roos",
       lq + "The ferry is late again," + rq + " Ida Roos said in a letter to the board"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const QuoteResult r = en().extract(c.text);
    REQUIRE(r.quotes.size() == 2);
    bool inner = false, outer = false;
    for (const auto& q : r.quotes) {
      const std::string m = text_of(c.text, q.mention);
      if (m == c.inner) inner = true;
      if (m.find("according") == std::string::npos && (m == "the harbour log" || m == "the Varne Courier")) {
        outer = true;
        CHECK(text_of(c.text, q.content()) == c.outer_content);
      }
    }
    CHECK(inner);
    CHECK(outer);
  }
}

TEST_CASE("', who said …' after a speaker's mention quotes on its own when its clause holds a quotation", "[quotes]") {
  const std::string lq = "\xE2\x80\x9C", rq = "\xE2\x80\x9D";
  const std::string text = lq + "The boats are late," + rq + " said the harbour master, who said the crews were " + lq +
                           "tired of waiting." + rq;
  const QuoteResult r = en().extract(text);
  REQUIRE(r.quotes.size() == 2);
  CHECK(text_of(text, r.quotes[1].mention) == "who");
  CHECK(speaker_of(r, r.quotes[1]) == "the harbour master");
  CHECK(text_of(text, r.quotes[1].content()).find("tired of waiting") != std::string::npos);
  // a relative clause without a quotation is a statement of its own since the eleventh round
  // (relative_report), and the next quotation still continues the named speaker, not "who"
  const std::string plain = lq + "The boats are late," + rq + " said Ida Roos, who wrote about the quay in her book. " + lq +
                            "Nobody listens to the crews." + rq;
  const QuoteResult p = en().extract(plain);
  bool next = false;
  for (const auto& q : p.quotes)
    if (text_of(plain, q.content()).find("Nobody listens") != std::string::npos) {
      next = true;
      CHECK(text_of(plain, q.mention) != "who");
      CHECK(speaker_of(p, q) == "Ida Roos");
    }
  CHECK(next);
}

TEST_CASE("'In a … poll, 40 percent of X said …': the survey is the source, the statement runs from the respondents", "[quotes]") {
  const std::string lq = "\xE2\x80\x9C", rq = "\xE2\x80\x9D";
  struct Case { std::string text, mention, content; };
  const std::vector<Case> cases = {
      {"In a harbour board survey released Monday, just 40 percent of the crews said the boats were " + lq + "unsafe." + rq,
       "a harbour board survey", "just 40 percent of the crews said the boats were " + lq + "unsafe." + rq},
      {"In a poll conducted by the Varne Courier, 40% of crews said the boats were " + lq + "unsafe." + rq, "a poll",
       "40% of crews said the boats were " + lq + "unsafe." + rq},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const Quote q = one(c.text);
    CHECK(text_of(c.text, q.mention) == c.mention);
    CHECK(text_of(c.text, q.content()) == c.content);
  }
  // a survey word after a function word is no survey frame ("a note sent as polls opened")
  const std::string memo = "In a note sent as polls opened, Ida Roos said the boats were " + lq + "unsafe." + rq;
  CHECK(text_of(memo, one(memo).mention) == "Ida Roos");
}

TEST_CASE("a title with a capitalised function word or a number between a quotation and its cue is the speaker", "[quotes]") {
  const std::string lq = "\xE2\x80\x9C", rq = "\xE2\x80\x9D";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {lq + "The boats are late," + rq + " Varne This Week editor Ida Roos said. " + lq + "Nobody listens to the crews." + rq,
       "Varne This Week editor Ida Roos"},
      {lq + "The boats are late," + rq + " Fight for $15 director Ida Roos told the radio. " + lq + "Nobody listens to the crews." + rq,
       "Fight for $15 director Ida Roos"},
  };
  for (const auto& [text, mention] : cases) {
    INFO(text);
    const Quote q = one(text);
    CHECK(text_of(text, q.mention) == mention);
    CHECK(q.contents.size() == 2);  // both quotations are the speaker's
  }
  // a new sentence after a quotation closed by its full stop is left alone
  const std::string next = "The crowd shouted " + lq + "Sail now." + rq + " And Roos praised the crews for " + lq + "their patience." + rq;
  for (const auto& q : en().extract(next).quotes) CHECK(text_of(next, q.mention) != "And Roos");
}

TEST_CASE("a coordinated cue ('… and said …', '… but argued …') is a second statement of the same subject", "[quotes]") {
  const std::string lq = "\xE2\x80\x9C", rq = "\xE2\x80\x9D";
  struct Case { std::string text, first, mention, second; };
  const std::vector<Case> cases = {
      // the first content ends before the coordinator; the second predicate's subject is the first's
      {"Ida Roos said the ferry was late but argued that the fares were " + lq + "too high." + rq, "the ferry was late",
       "Ida Roos", "that the fares were " + lq + "too high." + rq},
      {lq + "The boats are late," + rq + " Ida Roos said and added that the crews were tired.", lq + "The boats are late," + rq,
       "Ida Roos", "that the crews were tired"},
      // a suffix adverb between coordinator and cue ("and firmly said")
      {"Jon Berg said the quay was closed and firmly said the boats were " + lq + "unsafe." + rq, "the quay was closed",
       "Jon Berg", "the boats were " + lq + "unsafe." + rq},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const QuoteResult r = en().extract(c.text);
    REQUIRE(r.quotes.size() == 2);
    CHECK(text_of(c.text, r.quotes[0].content()) == c.first);
    CHECK(text_of(c.text, r.quotes[0].mention) == c.mention);
    CHECK(text_of(c.text, r.quotes[1].mention) == c.mention);
    CHECK(text_of(c.text, r.quotes[1].content()) == c.second);
  }
  // the subject of a predicate that attributed nothing ("toured the quay") speaks
  const std::string toured = "Jon Berg toured the quay and said the boats were " + lq + "unsafe." + rq;
  const Quote t = one(toured);
  CHECK(text_of(toured, t.mention) == "Jon Berg");
  CHECK(text_of(toured, t.content()) == "the boats were " + lq + "unsafe." + rq);
  // a coordinator before a subject and its own cue ends the content too: the subject speaks
  const std::string board = "Ida Roos said the crews were " + lq + "tired," + rq + " but the board said the boats would sail.";
  const QuoteResult b = en().extract(board);
  REQUIRE(b.quotes.size() == 2);
  CHECK(text_of(board, b.quotes[0].content()) == "the crews were " + lq + "tired," + rq);
  CHECK(text_of(board, b.quotes[1].mention) == "the board");
  CHECK(text_of(board, b.quotes[1].content()) == "the boats would sail");
  // after a participle cue, a coordinated participle is a statement of its own too
  const std::string adding = "Ida Roos closed the meeting, saying the ferry was " + lq + "late again" + rq +
                             " and adding that the crews were tired.";
  const QuoteResult a = en().extract(adding);
  REQUIRE(a.quotes.size() == 2);
  CHECK(text_of(adding, a.quotes[0].content()) == "the ferry was " + lq + "late again" + rq);
  CHECK(text_of(adding, a.quotes[1].cue) == "adding");
  CHECK(text_of(adding, a.quotes[1].mention) == "Ida Roos");
  CHECK(text_of(adding, a.quotes[1].content()) == "that the crews were tired");
  // "and" before a noun, or before a participle, opens no statement: the content runs on
  for (const std::string& text : {"Ida Roos said the crews and the board were " + lq + "tired of waiting." + rq,
                                  "Ida Roos said the board was resting and saying nothing about the " + lq + "unsafe" + rq + " boats."}) {
    INFO(text);
    const QuoteResult r = en().extract(text);
    REQUIRE(r.quotes.size() == 1);
    CHECK(text_of(text, r.quotes[0].mention) == "Ida Roos");
  }
}

TEST_CASE("a passive cue with its agent ('was criticized by X'): the agent speaks, the subject or a quotation is the content", "[quotes]") {
  const std::string lq = "\xE2\x80\x9C", rq = "\xE2\x80\x9D";
  struct Case { std::string text, mention, content; };
  const std::vector<Case> cases = {
      {"The harbour plan was criticized by the board.", "the board", "The harbour plan"},
      {"The harbour plan has been strongly criticized by Ida Roos, the mayor of Varne.", "Ida Roos, the mayor of Varne",
       "The harbour plan"},
      {"Roos was asked by the host, " + lq + "Will the ferry run?" + rq, "the host", lq + "Will the ferry run?" + rq},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const Quote q = one(c.text);
    CHECK(text_of(c.text, q.mention) == c.mention);
    CHECK(text_of(c.text, q.content()) == c.content);
  }
  // a passive without an agent, or a verb that is no cue, attributes nothing
  for (const std::string text : {"The plan was announced on Monday.", "The ferry was sunk by the storm."})
    CHECK(en().extract(text).quotes.empty());
}

TEST_CASE("cue verbs of VerbNet's communication classes (en/cues_verbnet.json) attribute a that-clause or a quotation",
          "[quotes]") {
  const std::string lq = "\xE2\x80\x9C", rq = "\xE2\x80\x9D";
  // {text, speaker mention, content}: one member of each class that adds verbs (37.1.1, 37.2, 37.3, 37.6,
  // 37.7, 37.8, 37.9, 37.11), and forms given alone because their base is mostly a noun (leaked, voiced)
  const std::vector<std::array<std::string, 3>> cases = {
      {"The harbour master grumbled that the ferry was late again.", "The harbour master", "that the ferry was late again"},
      {"Ida Roos confided that the board would resign in May.", "Ida Roos", "that the board would resign in May"},
      {"The skipper reminded the crews that the quay closes at six.", "The skipper", "that the quay closes at six"},
      {"Jon Berg divulged that the timetable had been changed twice.", "Jon Berg", "that the timetable had been changed twice"},
      {"The clerk mumbled, " + lq + "No boats today." + rq, "The clerk", lq + "No boats today." + rq},
      {"The board members leaked that the fares would rise.", "The board members", "that the fares would rise"},
      {"Roos voiced that she had doubts about the new pier.", "Roos", "that she had doubts about the new pier"},
      {"The pilot admonished the passengers that the deck was slippery.", "The pilot", "that the deck was slippery"},
      {"The ferry company kvetched that the harbour fees were too high.", "The ferry company",
       "that the harbour fees were too high"},
      {"Berg theorized that the gulls had eaten the timetable.", "Berg", "that the gulls had eaten the timetable"},
  };
  for (const auto& [text, mention, content] : cases) {
    QuoteResult r;
    const Quote q = one(text, &r);
    CHECK(text_of(text, q.mention) == mention);
    REQUIRE(q.contents.size() == 1);
    CHECK(text_of(text, q.contents[0]) == content);
  }
  // A member's base form that is mostly a noun is no cue, nor is "related" (mostly an adjective).
  for (const std::string text : {"The fax that the ferry was late never arrived.", "Related: The ferry is late again.",
                                 "A leak in the hull that the crew found sank the boat."}) {
    INFO(text);
    CHECK(en().extract(text).quotes.empty());
  }
}

TEST_CASE("a participle between a noun and 'by X' before a finite verb is a reduced relative, not a cue", "[quotes]") {
  for (const std::string text : {"The fares criticized by the board were cut in May.",
                                 "The threat posed by the storm is real, the skipper said."}) {
    INFO(text);
    const QuoteResult r = en().extract(text);
    for (const auto& q : r.quotes) CHECK(text_of(text, q.cue) != "criticized");
    for (const auto& q : r.quotes) CHECK(text_of(text, q.cue) != "posed");
  }
  // the same participle stays a cue after a comma, an auxiliary, or when no finite verb follows the agent
  const std::string passive = "The fares were criticized by the board.";
  CHECK(text_of(passive, one(passive).mention) == "the board");
  const std::string no_finite = "Officials criticized by Friday that the fares were too high.";
  CHECK(text_of(no_finite, one(no_finite).mention) == "Officials");
}

TEST_CASE("a question participle opening the sentence ('Asked whether …, X said …') reports the question", "[quotes]") {
  {
    const std::string t = "Asked whether the ferry would run in May, Ida Roos said it would.";
    const QuoteResult r = en().extract(t);
    REQUIRE(r.quotes.size() == 2);
    CHECK(text_of(t, r.quotes[0].contents.at(0)) == "whether the ferry would run in May");
    CHECK(text_of(t, r.quotes[0].cue) == "Asked");
    CHECK(r.quotes[0].speaker < 0);  // the asker is not named; the answer's speaker is not carried over
    CHECK(text_of(t, r.quotes[1].contents.at(0)) == "it would");
    CHECK(speaker_of(r, r.quotes[1]) == "Ida Roos");
  }
  {
    const std::string t = "When asked by the harbour master why the boats were late, the skipper shrugged.";
    QuoteResult r;
    const Quote q = one(t, &r);
    CHECK(text_of(t, q.contents.at(0)) == "why the boats were late");
    CHECK(text_of(t, q.mention) == "the harbour master");
  }
  // not at the opening of the sentence, or without a question word: the ordinary rules (since the
  // fifteenth round a request: the addressee and its infinitive, no question)
  const std::string t = "Roos asked the crews to stay, and they did.";
  for (const auto& q : en().extract(t).quotes)
    if (text_of(t, q.cue) == "asked") CHECK(text_of(t, q.contents.at(0)) == "the crews to stay");
  const std::string u = "Asked the same thing twice, Roos laughed.";
  for (const auto& q : en().extract(u).quotes) CHECK(text_of(u, q.cue) != "Asked");
}

TEST_CASE("a document or survey subject makes a verb's object its content ('The survey shows the crews tired …')",
          "[quotes]") {
  const std::string t = "A new harbour survey shows the crews tired of the winter timetable.";
  QuoteResult r;
  const Quote q = one(t, &r);
  CHECK(text_of(t, q.mention) == "A new harbour survey");
  CHECK(text_of(t, q.contents.at(0)) == "the crews tired of the winter timetable");
  CHECK(q.kind == QuoteKind::attitude);
  // a person subject with the same verb and no clause attributes nothing
  CHECK(en().extract("The skipper showed the visitors the new quay.").quotes.empty());
}

TEST_CASE("a sentence-final ', X reported' after the unit's statement is nested: X reports the whole statement",
          "[quotes]") {
  const std::string t = "Ida Roos said the quay would close in May, the Varne Courier reported.";
  const QuoteResult r = en().extract(t);
  REQUIRE(r.quotes.size() == 2);
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& q : r.quotes) got.emplace_back(text_of(t, q.contents.at(0)), text_of(t, q.mention));
  std::sort(got.begin(), got.end());
  CHECK(got[0] == std::make_pair(std::string("Ida Roos said the quay would close in May"), std::string("the Varne Courier")));
  CHECK(got[1] == std::make_pair(std::string("the quay would close in May"), std::string("Ida Roos")));
  // a statement of its own before the comma stays the only one ("The quay closes, Roos said.")
  const std::string u = "The quay will close in May, the Varne Courier reported.";
  CHECK(text_of(u, one(u).contents.at(0)) == "The quay will close in May");
}

TEST_CASE("'told the Courier she would …': a subject pronoun after the addressee opens the reported clause", "[quotes]") {
  for (const std::string t : {"Ida Roos told the Varne Courier she would resign in May.",
                              "Ida Roos told The Varne Courier she would resign in May."}) {
    INFO(t);
    CHECK(text_of(t, one(t).contents.at(0)) == "she would resign in May");
  }
  const std::string u = "Ida Roos told the crews that she would resign in May.";
  CHECK(text_of(u, one(u).contents.at(0)) == "that she would resign in May");
}

TEST_CASE("'…, a spokesman told the Courier.': the addressee of 'tell' may close a backward statement", "[quotes]") {
  const std::string t = "The quay will close in May, a port spokesman told the Varne Courier.";
  QuoteResult r;
  const Quote q = one(t, &r);
  CHECK(text_of(t, q.contents.at(0)) == "The quay will close in May");
  CHECK(text_of(t, q.mention) == "a port spokesman");
  // another verb with an object after it is not a report of the clause before ("…, Roos praised the crews.")
  const std::string u = "The quay will close in May, Roos praised the crews.";
  for (const auto& p : en().extract(u).quotes) CHECK(text_of(u, p.contents.at(0)) != "The quay will close in May");
}

TEST_CASE("a headline in title case: an inflected capitalised cue is a verb ('Ida Roos Says The Ferry Will Run')", "[quotes]") {
  const std::string t = "Ida Roos Says The Ferry Will Run In May.";
  QuoteResult r;
  const Quote q = one(t, &r);
  CHECK(text_of(t, q.cue) == "Says");
  CHECK(text_of(t, q.mention) == "Ida Roos");
  CHECK(text_of(t, q.contents.at(0)) == "The Ferry Will Run In May");
  // inside an ordinary sentence a capitalised cue form stays a name, and a base form stays a noun
  CHECK(en().extract("Roos met Says Karlsson at the quay on Monday.").quotes.empty());
  const std::string u = "Varne Post Report On The Ferry Timetable Is Out.";
  for (const auto& p : en().extract(u).quotes) CHECK(text_of(u, p.cue) != "Post");
}

TEST_CASE("a person's clause before a colon and a closing quotation: the clause subject speaks", "[quotes]") {
  const std::string t = "She then turned to the crews: \xE2\x80\x9CWe sail at dawn.\xE2\x80\x9D";
  const Quote q = one(t);
  CHECK(text_of(t, q.mention) == "She");
  CHECK(text_of(t, q.contents.at(0)) == "\xE2\x80\x9CWe sail at dawn.\xE2\x80\x9D");
  const std::string u = "Later, Ida Roos thanked the volunteers: \xE2\x80\x9CYou kept the quay open all winter.\xE2\x80\x9D";
  CHECK(text_of(u, one(u).mention) == "Ida Roos");
  // a subject that is no person ("The sign") says nothing
  const std::string v = "The sign on the door was plain: \xE2\x80\x9CThe quay stays shut all winter.\xE2\x80\x9D";
  for (const auto& p : en().extract(v).quotes) CHECK(p.speaker < 0);
}

TEST_CASE("a participle's subject: a word after a determiner is a noun, not the clause verb", "[quotes]") {
  const std::string t = "The crowd at the quay chanted for an hour, shouting \xE2\x80\x9Cno more delays!\xE2\x80\x9D";
  CHECK(text_of(t, one(t).mention) == "The crowd at the quay");
  const std::string u = "The harbour crews marched to the quay, calling the plan \xE2\x80\x9C" "a disgrace.\xE2\x80\x9D";
  CHECK(text_of(u, one(u).mention) == "The harbour crews");
}

TEST_CASE("a report inside the tail of a quotation's sentence does not take the next quotation from its speaker", "[quotes]") {
  const std::string t =
      "\xE2\x80\x9CThe contracts are binding,\xE2\x80\x9D harbour spokesman Jon Berg told the Courier in July, after Roos "
      "stated an interest in ending them. \xE2\x80\x9CThese contracts will hold.\xE2\x80\x9D";
  QuoteResult r = en().extract(t);
  bool found = false;
  for (const auto& q : r.quotes) {
    for (const auto& c : q.contents) {
      if (text_of(t, c) != "\xE2\x80\x9CThese contracts will hold.\xE2\x80\x9D") continue;
      found = true;
      CHECK(text_of(t, q.mention) == "harbour spokesman Jon Berg");
    }
  }
  CHECK(found);
  // after a sentence end the report's subject is the nearer speaker, as before
  const std::string u = "\xE2\x80\x9CThe contracts are binding,\xE2\x80\x9D Berg said. Roos stated an interest in ending them. "
                        "\xE2\x80\x9CThese contracts cost us too much.\xE2\x80\x9D";
  for (const auto& q : en().extract(u).quotes)
    for (const auto& c : q.contents)
      if (text_of(u, c) == "\xE2\x80\x9CThese contracts cost us too much.\xE2\x80\x9D") CHECK(text_of(u, q.mention) == "Roos");
}

TEST_CASE("', who said she would …' after the speaker of a quotation reports a clause of its own", "[quotes]") {
  const std::string lq = "\xE2\x80\x9C", rq = "\xE2\x80\x9D";
  const std::string t = lq + "The quay is a mess," + rq + " said Ida Roos, 61, who said she would vote against the plan. " + lq +
                        "Nobody listens to the crews." + rq;
  QuoteResult r = en().extract(t);
  REQUIRE(r.quotes.size() == 2);
  CHECK(text_of(t, r.quotes[0].mention) == "Ida Roos, 61");
  CHECK(r.quotes[0].contents.size() == 2);  // the next quotation continues the named speaker
  CHECK(text_of(t, r.quotes[1].contents.at(0)) == "she would vote against the plan");
  CHECK(text_of(t, r.quotes[1].mention) == "who");
}

TEST_CASE("a share 'six in ten voters', 'two in three' is one speaker phrase", "[quotes]") {
  const std::string t = "Six in ten voters said the quay was safe.";
  CHECK(text_of(t, one(t).mention) == "Six in ten voters");
  const std::string u = "Two in three said the quay was safe.";
  CHECK(text_of(u, one(u).mention) == "Two in three");
  // "in" between a count and a place is no share
  const std::string v = "Roos spent two weeks in three ports and said the quay was safe.";
  CHECK(text_of(v, one(v).mention) == "Roos");
  // a share after a comma opens a statement of its own
  const std::string w = "Six in ten voters said the quay was safe, and three in ten said it was not.";
  const QuoteResult r = en().extract(w);
  REQUIRE(r.quotes.size() == 2);
  CHECK(text_of(w, r.quotes[0].contents.at(0)) == "the quay was safe");
  CHECK(text_of(w, r.quotes[1].mention) == "three in ten");
  CHECK(text_of(w, r.quotes[1].contents.at(0)) == "it was not");
}

TEST_CASE("after a quotation that closed its sentence, a cue with a quotation of its own is no attribution tail", "[quotes]") {
  const std::string lq = "\xE2\x80\x9C", rq = "\xE2\x80\x9D";
  const std::string t = "Jon Berg called the harbour plan " + lq + "unfair." + rq + " Ida Roos called it " + lq + "a relief." + rq;
  const QuoteResult r = en().extract(t);
  REQUIRE(r.quotes.size() == 2);
  CHECK(text_of(t, r.quotes[0].mention) == "Jon Berg");
  REQUIRE(r.quotes[0].contents.size() == 1);
  CHECK(text_of(t, r.quotes[0].contents[0]) == "the harbour plan " + lq + "unfair." + rq);
  CHECK(text_of(t, r.quotes[1].mention) == "Ida Roos");
  CHECK(text_of(t, r.quotes[1].contents.at(0)) == "it " + lq + "a relief." + rq);
  // a tail without a quotation of its own still closes the quotation before it
  const std::string u = lq + "We will sign." + rq + " Foreign Minister Ana Ruiz said on Tuesday.";
  const Quote q = one(u);
  CHECK(text_of(u, q.mention) == "Foreign Minister Ana Ruiz");
  CHECK(text_of(u, q.contents.at(0)) == lq + "We will sign." + rq);
}

TEST_CASE("German: adverbials between a cue and the comma before a report belong to the frame", "[quotes]") {
  static const QuoteExtractor de("de");
  struct Case { std::string text, mention, content; };
  const std::string lq = "\xE2\x80\x9E", rq = "\xE2\x80\x9C";
  const std::vector<Case> cases = {
      {"Die Reederei erklärte dagegen, die Fähre sei " + lq + "voll ausgelastet" + rq + " gewesen.", "Die Reederei",
       "die Fähre sei " + lq + "voll ausgelastet" + rq + " gewesen"},
      // a separable particle and a date before the comma; the subjunctive verb inside the quotation
      {"Der Sprecher teilte am Montag mit, der Hafen " + lq + "bleibe bis Mai offen" + rq + ".", "Der Sprecher",
       "der Hafen " + lq + "bleibe bis Mai offen" + rq},
      // an addressee
      {"Der Kapitän sagte dem Sender, er komme " + lq + "morgen früh" + rq + ".", "Der Kapitän",
       "er komme " + lq + "morgen früh" + rq},
      // a subordinate clause opening the report stays in it
      {"Die Reederei erklärte, wenn das Wetter halte, sei die Fähre " + lq + "pünktlich" + rq + ".", "Die Reederei",
       "wenn das Wetter halte, sei die Fähre " + lq + "pünktlich" + rq},
      // no report after the comma (a relative clause): the content stays whole
      {"Die Reederei erklärte am Montag ihre Pläne, die " + lq + "sehr ehrgeizig" + rq + " sind.", "Die Reederei",
       "am Montag ihre Pläne, die " + lq + "sehr ehrgeizig" + rq + " sind"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const QuoteResult r = de.extract(c.text);
    REQUIRE(r.quotes.size() == 1);
    CHECK(text_of(c.text, r.quotes[0].mention) == c.mention);
    REQUIRE(r.quotes[0].contents.size() == 1);
    CHECK(text_of(c.text, r.quotes[0].contents[0]) == c.content);
  }
}

TEST_CASE("German: a quotation right after a noun that names it is a title or a name, no statement", "[quotes]") {
  static const QuoteExtractor de("de");
  const std::string lq = "\xE2\x80\x9E", rq = "\xE2\x80\x9C";
  for (const std::string& text :
       {"Die Reederei startete am Montag die Kampagne " + lq + "Hafen für alle" + rq + " und warb um neue Fahrgäste.",
        // a compound ending in a head of seven letters or more
        "Die Fernsehsendung " + lq + "Die Fähre fährt wieder" + rq + " läuft seit Jahren im Abendprogramm der Stadt."}) {
    INFO(text);
    CHECK(de.extract(text).quotes.empty());
  }
  // after another noun the quotation is still the subject's
  const std::string said = "Die Kapitänin sprach von einer " + lq + "guten Saison für alle" + rq + " im Hafen der Stadt.";
  const QuoteResult r = de.extract(said);
  REQUIRE(r.quotes.size() == 1);
  CHECK(text_of(said, r.quotes[0].mention) == "Die Kapitänin");
}

TEST_CASE("a contrasting clause with its own subject and cue ends a content ('…, while Berg said …', '…, but she also said …', '…; Berg said …')", "[quotes]") {
  struct Case { std::string text, first, mention, second; };
  const std::vector<Case> cases = {
      {"Roos said the harbour was safe, while Berg said the plan was \"a waste of money.\"", "the harbour was safe", "Berg",
       "the plan was \"a waste of money.\""},
      {"Roos said the ferry would run, although she tweeted that she \"rejects the new timetable.\"", "the ferry would run",
       "she", "that she \"rejects the new timetable.\""},
      // an adverb between the subject and its cue
      {"Roos said the harbour was safe, but she also said the plan was \"a waste of money.\"", "the harbour was safe", "she",
       "the plan was \"a waste of money.\""},
      // a phrase cue after a coordinator ("told reporters")
      {"Roos said the harbour was safe, and Berg told reporters that the plan was \"a waste of money.\"",
       "the harbour was safe", "Berg", "that the plan was \"a waste of money.\""},
      // a semicolon; "whereas" is no part of the speaker phrase
      {"Roos said the harbour was safe; Berg said the plan was \"a waste of money.\"", "the harbour was safe", "Berg",
       "the plan was \"a waste of money.\""},
      {"Roos said the harbour was safe, whereas her rival Jon Berg said the plan was \"a waste of money.\"",
       "the harbour was safe", "her rival Jon Berg", "the plan was \"a waste of money.\""},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const QuoteResult r = en().extract(c.text);
    REQUIRE(r.quotes.size() == 2);
    CHECK(text_of(c.text, r.quotes[0].contents.at(0)) == c.first);
    CHECK(text_of(c.text, r.quotes[1].mention) == c.mention);
    CHECK(text_of(c.text, r.quotes[1].contents.at(0)) == c.second);
  }
  // without a comma, or without a cue of its own, the clause stays in the content
  const std::string t = "Roos said the harbour was safe while the crews were \"very tired.\"";
  CHECK(text_of(t, one(t).contents.at(0)) == "the harbour was safe while the crews were \"very tired.\"");
}

TEST_CASE("a quotation piece closed by its comma, then a subject and its own cue, ends the content before it", "[quotes]") {
  const std::string t =
      "Roos said the new students might do better at \"smaller schools,\" Berg said: \"I do not like what she said.\"";
  const QuoteResult r = en().extract(t);
  REQUIRE(r.quotes.size() == 2);
  CHECK(text_of(t, r.quotes[0].mention) == "Roos");
  CHECK(text_of(t, r.quotes[0].contents.at(0)) == "the new students might do better at \"smaller schools,\"");
  CHECK(text_of(t, r.quotes[1].mention) == "Berg");
  CHECK(text_of(t, r.quotes[1].contents.at(0)) == "\"I do not like what she said.\"");
}

TEST_CASE("a relative pronoun after a comma before a verb cue reports a statement of its own (', who opposes …,')", "[quotes]") {
  // restrictive clauses stay part of their phrase: no statement of their own, the main cue keeps its own
  const std::string t = "The fares angered fishermen who say the ferry is too slow.";
  CHECK(en().extract(t).quotes.empty());
  const std::string u = "Crews who opposed the timetable said the quay would reopen.";
  QuoteResult r = en().extract(u);
  REQUIRE(r.quotes.size() == 1);
  CHECK(text_of(u, r.quotes[0].contents.at(0)) == "the quay would reopen");
  // after a comma, to the end of the sentence
  const std::string x = "The fares angered the fishermen, who say the ferry is too slow.";
  const Quote qx = one(x);
  CHECK(text_of(x, qx.contents.at(0)) == "the ferry is too slow");
  CHECK(text_of(x, qx.mention) == "who");
  // between commas: the clause ends at the comma; the main cue keeps its whole speaker phrase
  const std::string v = "Ida Roos, who opposes the timetable, said the quay would reopen.";
  r = en().extract(v);
  REQUIRE(r.quotes.size() == 2);
  CHECK(text_of(v, r.quotes[0].contents.at(0)) == "the timetable");
  CHECK(text_of(v, r.quotes[0].mention) == "who");
  CHECK(speaker_of(r, r.quotes[0]) == "Ida Roos");
  CHECK(text_of(v, r.quotes[1].mention) == "Ida Roos, who opposes the timetable");
  CHECK(text_of(v, r.quotes[1].contents.at(0)) == "the quay would reopen");
  // a comma before a quotation does not end the clause
  const std::string lq = "\xE2\x80\x9C", rq = "\xE2\x80\x9D";
  const std::string w = "Berg won the backing of Ida Roos, who declared at the quay, " + lq + "We sail at dawn." + rq;
  const Quote qw = one(w);
  CHECK(text_of(w, qw.mention) == "who");
  // (since round 18 the setting "at the quay," before the quotation is the cue's: colon_quotation)
  CHECK(text_of(w, qw.contents.at(0)) == lq + "We sail at dawn." + rq);
}

TEST_CASE("a region after a place name stays inside an apposition speaker ('a baker from Varne, Ohio, said')", "[quotes]") {
  for (const std::string region : {"Ohio", "New York", "Mo.", "N.Y."}) {
    const std::string t = "Ida Roos, a baker from Varne, " + region + ", said the quay would reopen.";
    const Quote q = one(t);
    CHECK(text_of(t, q.mention) == "Ida Roos, a baker from Varne, " + region);
    CHECK(text_of(t, q.contents.at(0)) == "the quay would reopen");
  }
}

TEST_CASE("a count or a lone speaker after ', while' opens a statement of its own ('…, while 22 percent said …')", "[quotes]") {
  const std::string t = "Seven in ten crews said the quay was safe, while 22 percent said it was not.";
  QuoteResult r = en().extract(t);
  REQUIRE(r.quotes.size() == 2);
  CHECK(text_of(t, r.quotes[0].contents.at(0)) == "the quay was safe");
  CHECK(text_of(t, r.quotes[1].mention) == "22 percent");
  CHECK(text_of(t, r.quotes[1].contents.at(0)) == "it was not");
  const std::string u = "Roos said the quay was safe, while others said the boats were late.";
  r = en().extract(u);
  REQUIRE(r.quotes.size() == 2);
  CHECK(text_of(u, r.quotes[1].mention) == "others");
  // a thousands separator is no clause comma
  const std::string v = "Roos said the board had lost 1,100 letters said to be from the crews.";
  CHECK(text_of(v, one(v).contents.at(0)) == "the board had lost 1,100 letters said to be from the crews");
}

TEST_CASE("an insert between dashes before a cue describes the speaker phrase before it", "[quotes]") {
  const std::string t = "The board chair -- who toured the quay on Monday -- said the quay would reopen.";
  const Quote q = one(t);
  CHECK(text_of(t, q.mention) == "The board chair");
  CHECK(text_of(t, q.contents.at(0)) == "the quay would reopen");
  const std::string em = "\xE2\x80\x94";
  const std::string u = "Ida Roos " + em + " a baker, 61 " + em + " said the quay would reopen.";
  const Quote r = one(u);
  CHECK(text_of(u, r.mention) == "Ida Roos");
  CHECK(text_of(u, r.contents.at(0)) == "the quay would reopen");
}

TEST_CASE("a backward report may close with a long place adverbial or an addressee and an adverbial", "[quotes]") {
  struct Case { std::string text, mention; };
  const std::vector<Case> cases = {
      {"The crews were tired, she said in a long letter to the harbour board.", "she"},
      {"The crews were tired, he told the board in his filing.", "he"},
      {"The crews were tired, he told the board.", "he"},
  };
  for (const auto& c : cases) {
    const Quote q = one(c.text);
    CHECK(text_of(c.text, q.contents.at(0)) == "The crews were tired");
    CHECK(text_of(c.text, q.mention) == c.mention);
  }
  // after the addressee, a clause of its own is no adverbial
  const std::string t = "The crews were tired, she told the board the quay would close.";
  for (const auto& q : en().extract(t).quotes) CHECK(text_of(t, q.content()) != "The crews were tired");
}

TEST_CASE("a pre-verbal adverb and its auxiliaries stand between the speaker and the cue ('have long said')", "[quotes]") {
  struct Case { std::string text, mention; };
  const std::vector<Case> cases = {
      {"Rival bakers have long complained that the ferry is late.", "Rival bakers"},
      {"The harbour board has always maintained that the quay was safe.", "The harbour board"},
      {"Ferry crews in particular noted that the timetable had changed.", "Ferry crews"},
      {"The crews have in general argued that the quay should close.", "The crews"},
      {"Ida Roos and Ole Berg both condemned the new timetable.", "Ida Roos and Ole Berg"},
      {"Roos does not always say that the quay is safe.", "Roos"},
  };
  for (const auto& c : cases) {
    const Quote q = one(c.text);
    CHECK(text_of(c.text, q.mention) == c.mention);
  }
  // alone before the cue (no noun phrase before it) the word still speaks
  const std::string t = "\xE2\x80\x9CWe are late,\xE2\x80\x9D both said.";
  CHECK(text_of(t, one(t).mention) == "both");
}

TEST_CASE("'according to' a common-noun source takes in its agent after 'by' ('a tally by the Varne Courier')", "[quotes]") {
  struct Case { std::string text, mention; };
  const std::vector<Case> cases = {
      {"The ferry carried 900 cars last year, according to a count by the Varne Courier.", "a count by the Varne Courier"},
      {"The quay will close in May, according to a letter released by the harbour board.", "a letter released by the harbour board"},
      {"The quay will close in May, according to Ida Roos.", "Ida Roos"},
      {"\xE2\x80\x9CWe are late,\xE2\x80\x9D said the mayor by phone.", "the mayor"},
  };
  for (const auto& c : cases) {
    const Quote q = one(c.text);
    CHECK(text_of(c.text, q.mention) == c.mention);
  }
}

TEST_CASE("a time adverbial between the speaker and the cue ('on Monday evening', 'earlier in the day') is no speaker", "[quotes]") {
  struct Case { std::string text, mention; };
  const std::vector<Case> cases = {
      {"Harbour spokesman Ole Berg on Thursday evening said the quay was safe.", "Harbour spokesman Ole Berg"},
      {"Rosa Quinn (R-Ky.) earlier in the day said the quay was safe.", "Rosa Quinn (R-Ky.)"},
      {"The board this past week announced that the quay would close.", "The board"},
  };
  for (const auto& c : cases) {
    const Quote q = one(c.text);
    CHECK(text_of(c.text, q.mention) == c.mention);
  }
}

TEST_CASE("a news dateline opening a paragraph ('VARNE — …', 'Varne (AP) – …') is no part of the clause subject", "[quotes]") {
  struct Case { std::string text, mention; };
  const std::string em = "\xE2\x80\x94", en_dash = "\xE2\x80\x93";
  const std::vector<Case> cases = {
      {"Ferry news.\n\nVARNE " + em + " Mayor Ida Roos on Monday toured the quay, saying the ferry would run again.", "Mayor Ida Roos"},
      {"Ferry news.\n\nVarne (AP) " + en_dash + " Mayor Ida Roos toured the quay, saying the ferry would run again.", "Mayor Ida Roos"},
  };
  for (const auto& c : cases) {
    const Quote q = one(c.text);
    CHECK(text_of(c.text, q.mention) == c.mention);
  }
  // a name before a dash (not in capitals, no agency) is no dateline: it speaks
  const std::string t = "Ferry news.\n\nIda Roos " + em + " a baker " + em + " toured the quay, saying the ferry would run again.";
  CHECK(text_of(t, one(t).mention) == "Ida Roos");
}

TEST_CASE("a participle's clause subject comes after a leading filler or a fronted weekday ('And he …, mocking …')", "[quotes]") {
  struct Case { std::string text, mention; };
  const std::vector<Case> cases = {
      {"And he continued on, mocking the mayor's plan as \xE2\x80\x9C" "a joke.\xE2\x80\x9D", "he"},
      {"Then she toured the old quay, pledging that the ferry would run again.", "she"},
      {"But Ida Roos toured the quay, saying the ferry would run again.", "Ida Roos"},
      // a weekday after the filler is an adverbial of its own: the subject follows its comma
      {"Also Monday, Ida Roos sent a letter to the board, seeking a new timetable.", "Ida Roos"},
  };
  for (const auto& c : cases) {
    const Quote q = one(c.text);
    CHECK(text_of(c.text, q.mention) == c.mention);
  }
}

TEST_CASE("a light verb opening the phrase before a noun cue is the predicate ('It made scant mention of …')", "[quotes]") {
  struct Case { std::string text, mention; };
  const std::vector<Case> cases = {
      {"It made scant mention of the ferry fares.", "It"},
      {"They will not make a firm call on the ferry timetable.", "They"},
      {"She had already made clear she would ask for a later timetable.", "She"},
  };
  for (const auto& c : cases) {
    const Quote q = one(c.text);
    CHECK(text_of(c.text, q.mention) == c.mention);
  }
}

TEST_CASE("a document's quotes from paragraphs and sentences given, as from its own", "[quotes]") {
  Document d;
  d.id = "harbour";
  d.text = "The ferry will run again on Monday, Mayor Ines Varga said.\n\n\"We have waited long enough,\" she said.";
  const auto own = en().extract(d);  // no paragraphs or sentences: split by the extractor
  std::vector<Span> paragraphs, sentences;
  segment(d.text, paragraphs, sentences);
  REQUIRE(paragraphs.size() == 2);
  REQUIRE(sentences.size() == 2);
  const auto given = en().extract(d, paragraphs, sentences);
  REQUIRE(own.quotes.size() == 2);
  REQUIRE(given.quotes.size() == own.quotes.size());
  for (std::size_t i = 0; i < own.quotes.size(); ++i) {
    CHECK(given.quotes[i].content().start == own.quotes[i].content().start);
    CHECK(given.quotes[i].content().end == own.quotes[i].content().end);
    CHECK(given.quotes[i].speaker == own.quotes[i].speaker);
  }
  // a span past the text is refused, naming the document and the span
  sentences.back().end = d.text.size() + 1;
  CHECK_THROWS_WITH(en().extract(d, paragraphs, sentences),
                    Catch::Contains("document harbour") && Catch::Contains("sentence") && Catch::Contains("outside"));
}
