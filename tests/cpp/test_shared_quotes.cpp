// The same quote across outlets (compare/shared_quotes.cpp): original sentences written for these tests.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "framelens/compare.hpp"
#include "framelens/error.hpp"

using namespace framelens;

namespace {

Corpus bridge_corpus() {
  Corpus c;
  auto add = [&](std::string text, std::string outlet, std::string story) {
    Document d;
    d.text = std::move(text);
    d.outlet = std::move(outlet);
    d.meta["story"] = std::move(story);
    c.add(std::move(d));
  };
  add("The transport minister, Tomas Brell, spoke to reporters in Velden on Monday. \"The new harbour bridge will open "
      "to traffic in September, and tolls will stay frozen for two years,\" Brell said. Engineers finished the last "
      "safety inspection last week.",
      "Herald", "bridge");
  add("\"The new harbour bridge will open to traffic in September,\" Transport Minister Tomas Brell claimed on Monday. "
      "\"We have waited far too long for this crossing,\" said Anna Kovac, who runs a bakery near the ferry pier.",
      "Sentinel", "bridge");
  add("\"The new harbour bridge will open to traffic in September, and tolls will stay frozen for two years,\" a "
      "government source said on Monday. The bridge cost more than twice its first budget.",
      "Wire", "bridge");
  add("Transport Minister Tomas Brell said on Monday that the harbour bridge would open to traffic in September and "
      "that tolls would remain frozen for two years. \"Fishermen were never consulted about the bridge,\" said Piet "
      "Lorn, who chairs the fishing cooperative.",
      "Courier", "bridge");
  // The Herald again, the same story: an outlet repeating the quote is not a second rendering.
  add("\"The new harbour bridge will open to traffic in September, and tolls will stay frozen for two years,\" the "
      "minister Tomas Brell said again on Tuesday.",
      "Herald", "bridge");
  // Another story: the same words there are not the same quote.
  add("\"The new harbour bridge will open to traffic in September, and tolls will stay frozen for two years,\" said "
      "Lea Varn, quoting last year's plan in a council debate about a different town.",
      "Gazette", "council");
  add("The council of Ostmark met on Thursday to discuss its budget for the coming year.", "Sentinel", "council");
  return c;
}

// A corpus of one story: (text, outlet) per document.
Corpus one_story(const std::vector<std::pair<std::string, std::string>>& documents) {
  Corpus c;
  for (const auto& [text, outlet] : documents) {
    Document d;
    d.text = text;
    d.outlet = outlet;
    d.meta["story"] = "one";
    c.add(std::move(d));
  }
  return c;
}

std::size_t row_of(const Table& t, std::string_view column, std::string_view value) {
  for (std::size_t k = 0; k < t.rows(); ++k)
    if (t.column(column).str(k) == value) return k;
  FAIL("no row with " << column << " = " << value);
  return 0;
}

}  // namespace

TEST_CASE("shared quotes: verbatim, trimmed, paraphrased and given to another speaker", "[compare][shared_quotes]") {
  const auto c = bridge_corpus();
  CompareOptions o;
  o.stories = c.labels("story");
  const auto r = compare(c, o);
  const Table& groups = r.table("shared_quotes");
  const Table& m = r.table("shared_quote_members");
  REQUIRE(groups.rows() == 1);
  REQUIRE(m.rows() == 4);
  CHECK(groups.column("story").str(0) == "bridge");
  CHECK(groups.column("relation").str(0) == "paraphrase");  // the weakest member's
  CHECK(groups.ints("members")[0] == 4);
  CHECK(groups.ints("same_speaker")[0] == 0);
  CHECK(groups.ints("direct_and_indirect")[0] == 1);
  // The pivot: the fullest rendering, the Herald's first (the Wire's is as full and comes later).
  const auto pivot = row_of(m, "relation", "pivot");
  CHECK(m.column("outlet").str(pivot) == "Herald");
  CHECK(m.ints("document")[pivot] == 0);
  CHECK(m.column("speaker").str(pivot) == "Tomas Brell");
  // The Wire: the same words, from "a government source".
  const auto wire = row_of(m, "outlet", "Wire");
  CHECK(m.column("relation").str(wire) == "verbatim");
  CHECK(m.ints("same_speaker")[wire] == 0);
  CHECK(m.column("source_type").str(wire) == "anonymous_person");
  CHECK(m.ints("cut")[wire] == 0);
  // The Sentinel: trimmed, with "claimed" for "said"; it cuts the tolls.
  const auto sentinel = row_of(m, "outlet", "Sentinel");
  CHECK(m.column("relation").str(sentinel) == "trimmed");
  CHECK(m.column("cue").str(sentinel) == "claimed");
  CHECK(m.ints("same_speaker")[sentinel] == 1);
  const std::string cut(m.column("cut_words").str(sentinel));
  CHECK(cut.find("tolls") != std::string::npos);
  CHECK(cut.find("bridge") == std::string::npos);
  CHECK(m.ints("kept")[sentinel] + m.ints("cut")[sentinel] == m.ints("words")[pivot]);
  CHECK(m.ints("added")[sentinel] == 0);
  // The Courier: reported speech, "remain" for "stay".
  const auto courier = row_of(m, "outlet", "Courier");
  CHECK(m.column("relation").str(courier) == "paraphrase");
  CHECK(m.column("kind").str(courier) == "indirect");
  CHECK(std::string(m.column("added_words").str(courier)).find("remain") != std::string::npos);
  // One member per outlet, all of one story; the Herald's repetition and the other story's words stay out.
  std::set<std::string> outlets;
  for (std::size_t k = 0; k < m.rows(); ++k) {
    outlets.emplace(m.column("outlet").str(k));
    CHECK(m.column("story").str(k) == "bridge");
    CHECK(m.ints("document")[k] != 4);
    // Every member's span is the text of its quote.
    const auto q = static_cast<std::size_t>(m.ints("quote")[k]);
    CHECK(r.table("quotes").ints("start")[q] == m.ints("start")[k]);
    CHECK(r.table("quotes").column("text").str(q) == m.column("text").str(k));
  }
  CHECK(outlets.size() == 4);
  // JSON keeps both tables.
  const auto back = comparison_from_json(to_json(r));
  CHECK(back.table("shared_quote_members").rows() == 4);
  CHECK(back.table("shared_quotes").column("outlets").str(0) == groups.column("outlets").str(0));
}

TEST_CASE("shared quotes: other words of one story and other people's paraphrases stay apart",
          "[compare][shared_quotes]") {
  const auto c = one_story({
      {"\"The storm destroyed the pier, the boathouse and half the harbour wall,\" said the mayor, Ines Calder.", "Herald"},
      {"\"The storm destroyed the pier, the boathouse and half the harbour wall, and our insurers will not pay,\" "
       "said Jonas Pell, who owns the boathouse.", "Sentinel"},
      {"\"Rebuilding the harbour will take three summers and cost the town its reserves,\" the mayor, Ines Calder, "
       "told the council.", "Wire"}});
  CompareOptions o;
  o.stories = c.labels("story");
  const auto r = compare(c, o);
  const Table& m = r.table("shared_quote_members");
  // The same words verbatim align even from two named people (one of them is misquoted or echoing)...
  REQUIRE(r.table("shared_quotes").rows() == 1);
  REQUIRE(m.rows() == 2);
  const auto herald = row_of(m, "outlet", "Herald");
  CHECK(m.column("relation").str(herald) == "trimmed");
  CHECK(m.ints("same_speaker")[herald] == 0);
  CHECK(m.column("relation").str(row_of(m, "outlet", "Sentinel")) == "pivot");
  // ... while the mayor's other statement shares only the story's words and aligns with nothing.
  for (std::size_t k = 0; k < m.rows(); ++k) CHECK(m.column("outlet").str(k) != "Wire");

  // Reported speech with the same topic words and a kept phrase: one speaker's two renderings align as a
  // paraphrase, another named person's similar words do not.
  auto p = one_story({
      {"Mayor Ines Calder said the town must rebuild the harbour wall before the winter storms return.", "Gazette"},
      {"Ines Calder, the mayor, said the town had to rebuild the old harbour wall before storms came back in winter.", "Post"},
      {"Jonas Pell said the council should repair the harbour wall before winter storms return.", "Courier"}});
  CompareOptions po;
  po.stories = p.labels("story");
  const auto pr = compare(p, po);
  const Table& pm = pr.table("shared_quote_members");
  REQUIRE(pr.table("shared_quotes").rows() == 1);
  REQUIRE(pm.rows() == 2);
  CHECK(pr.table("shared_quotes").column("relation").str(0) == "paraphrase");
  for (std::size_t k = 0; k < pm.rows(); ++k) {
    CHECK(pm.column("speaker").str(k) == "Ines Calder");
    CHECK(pm.column("outlet").str(k) != "Courier");
  }

  // The same words given to an anonymous official instead are taken for the mayor's, reworded.
  p[2].text = "A council official said the council should repair the harbour wall before winter storms return.";
  p[1].text = "The mayor spoke.";
  const auto anonymous = compare(p, po);
  const Table& am = anonymous.table("shared_quote_members");
  REQUIRE(am.rows() == 2);
  const auto official = row_of(am, "outlet", "Courier");
  CHECK(am.column("relation").str(official) == "paraphrase");
  CHECK(am.column("source_type").str(official) == "anonymous_person");
  CHECK(am.ints("same_speaker")[official] == 0);

  // Without quotes there are no groups, and the tables are still there (with their columns).
  o.extract_quotes = false;
  const auto none = compare(c, o);
  CHECK(none.table("shared_quotes").rows() == 0);
  CHECK(none.table("shared_quote_members").has("cut_words"));
}

TEST_CASE("shared quotes: a given quote's invalid UTF-8 is an EncodingError naming the quote", "[compare][shared_quotes]") {
  const auto c = bridge_corpus();
  CompareOptions o;
  o.stories = c.labels("story");
  QuoteRecord q;
  q.document = 0;
  q.span = {0, 10};
  q.kind = "direct";
  q.text = "harbour \xff\xfe bridge tolls frozen";
  o.quotes = {q};
  o.quotes_given = true;
  CHECK_THROWS_WITH(compare(c, o), Catch::Contains("quote 0"));
  CHECK_THROWS_AS(compare(c, o), EncodingError);
  // A span cut inside a character: the same.
  Corpus u;
  for (const char* outlet : {"A", "B"}) {
    Document d;
    d.text = "Die Br\xc3\xbc" "cke \xc3\xb6" "ffnet im September, sagte die Ministerin.";
    d.outlet = outlet;
    u.add(std::move(d));
  }
  CompareOptions uo;
  QuoteRecord cut;
  cut.document = 1;
  cut.span = {0, 7};  // ends between the two bytes of "ü"
  cut.kind = "direct";
  uo.quotes = {cut};
  uo.quotes_given = true;
  CHECK_THROWS_AS(compare(u, uo), EncodingError);
  CHECK_THROWS_WITH(compare(u, uo), Catch::Contains("the text of quote 0"));
}
