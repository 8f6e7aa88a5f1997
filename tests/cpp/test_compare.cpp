// Keyness (hand-computed values), frame lexicons, story grouping and the comparison.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "compare/context.hpp"
#include "framelens/compare.hpp"
#include "framelens/dtm.hpp"
#include "framelens/stories.hpp"
#include "framelens/error.hpp"
#include "framelens/frames.hpp"
#include "framelens/keyness.hpp"
#include "framelens/tokenizer.hpp"
#include "framelens/utf8.hpp"

using namespace framelens;

namespace {

// quanteda.textstats' own worked example: d1 = "b b b b b b b a a a" (target), d2 = "a a a a a a a b b".
// Terms (a, b): target counts (3, 7), total 10; reference counts (7, 2), total 9; N = 19.
// For b: a=7, b=2, c=10-7=3, d=9-2=7; ad-bc = 49-6 = 43; (a+b)(c+d)(a+c)(b+d) = 9*10*10*9 = 8100.
// Expected cell (a+b)(b+d)/N = 9*9/19 = 4.26 < 5 and |ad-bc| = 43 >= N/2 = 9.5, so Yates applies.
const std::vector<double> kTarget = {3, 7};
const std::vector<double> kReference = {7, 2};

KeynessOptions opts(KeynessMeasure m, KeynessCorrection c = KeynessCorrection::default_) {
  KeynessOptions o;
  o.measure = m;
  o.correction = c;
  return o;
}

}  // namespace

TEST_CASE("chi2 keyness equals quanteda's formula with its Yates rule", "[keyness]") {
  auto r = keyness(kTarget, kReference, opts(KeynessMeasure::chi2));
  // Yates: 19 * (43 - 19/2)^2 / 8100 = 19 * 1122.25 / 8100 = 2.632438...; a = 3 < E = 100/19 -> negative for a.
  CHECK(r.score[1] == Approx(19.0 * 33.5 * 33.5 / 8100.0).epsilon(1e-12));
  CHECK(r.score[1] == Approx(2.632438271604938));
  CHECK(r.score[0] == Approx(-2.632438271604938));
  // No correction: 19 * 43^2 / 8100 = 4.337160...
  auto none = keyness(kTarget, kReference, opts(KeynessMeasure::chi2, KeynessCorrection::none));
  CHECK(none.score[1] == Approx(19.0 * 43 * 43 / 8100.0).epsilon(1e-12));
  // Williams: q = 1 + (19/9 + 19/10 - 1)(19/10 + 19/9 - 1)/(6*19) = 1.079533...; quanteda's test value 4.017626.
  auto w = keyness(kTarget, kReference, opts(KeynessMeasure::chi2, KeynessCorrection::williams));
  CHECK(w.score[1] == Approx(4.017626).epsilon(1e-6));
  // p = 1 - pchisq(2.632438, 1)
  CHECK(r.p[1] == Approx(std::erfc(std::sqrt(2.632438271604938 / 2))).epsilon(1e-12));
  CHECK(r.p[1] == Approx(0.104706).epsilon(1e-4));
}

TEST_CASE("Yates is not applied when every expected count is at least 5", "[keyness]") {
  // a=30, b=10, c=70, d=90 (totals 100, 100): expected counts 20, 20, 80, 80 -> no correction.
  auto r = keyness(std::vector<double>{30, 70}, std::vector<double>{10, 90}, opts(KeynessMeasure::chi2));
  const double N = 200, ad_bc = 30.0 * 90 - 10.0 * 70;
  CHECK(r.score[0] == Approx(N * ad_bc * ad_bc / (40.0 * 160 * 100 * 100)).epsilon(1e-12));
}

TEST_CASE("G2 and PMI keyness equal quanteda's formulas", "[keyness]") {
  // G2 for b with Yates: cells move 0.5 toward independence (6.5, 2.5, 3.5, 6.5), then
  // 2 * sum O ln(O/E + 1e-9) with E from the corrected margins = 2.702843780738740.
  auto g = keyness(kTarget, kReference, opts(KeynessMeasure::g2));
  CHECK(g.score[1] == Approx(2.7028437807387404).epsilon(1e-12));
  CHECK(g.score[0] == Approx(-2.7028437807387404).epsilon(1e-12));
  auto g0 = keyness(kTarget, kReference, opts(KeynessMeasure::g2, KeynessCorrection::none));
  CHECK(g0.score[1] == Approx(4.534939370256227).epsilon(1e-12));
  // PMI of b: ln(7 / (9 * 10 / 19) + 1e-9) = ln(1.47778) = 0.390539...
  auto p = keyness(kTarget, kReference, opts(KeynessMeasure::pmi));
  CHECK(p.score[1] == Approx(std::log(7.0 / (90.0 / 19.0) + 1e-9)).epsilon(1e-12));
  CHECK(p.score[0] == Approx(-0.5621189163991553).epsilon(1e-12));
}

TEST_CASE("log-odds with an informative Dirichlet prior (Monroe et al. 2008)", "[keyness]") {
  KeynessOptions o;
  o.prior = 10;  // a_0 = 10, background = pooled counts (10, 9) of 19 -> a_w = (100/19, 90/19)
  auto r = keyness(kTarget, kReference, o);
  const double aw = 90.0 / 19.0, yt = 7 + aw, yr = 2 + aw;
  const double delta = std::log(yt / (10 + 10 - yt)) - std::log(yr / (9 + 10 - yr));
  CHECK(r.delta[1] == Approx(delta).epsilon(1e-12));
  CHECK(r.delta[1] == Approx(0.949934155757894).epsilon(1e-12));
  CHECK(r.score[1] == Approx(1.9652624718381249).epsilon(1e-12));
  CHECK(r.score[0] == Approx(-2.1106303855538773).epsilon(1e-12));
  // A background of its own changes the prior.
  o.background = {1, 1};
  auto b = keyness(kTarget, kReference, o);
  CHECK(b.score[1] != Approx(r.score[1]));
}

TEST_CASE("keyness over a sparse count matrix sums the target and reference rows", "[keyness]") {
  CountMatrix m(3, 2);
  m.insert(0, 0) = 1; m.insert(0, 1) = 4;  // target row 1
  m.insert(1, 0) = 2; m.insert(1, 1) = 3;  // target row 2
  m.insert(2, 0) = 7; m.insert(2, 1) = 2;  // reference
  m.makeCompressed();
  auto r = keyness(m, {true, true, false}, {}, opts(KeynessMeasure::chi2));
  CHECK(r.n_target == std::vector<double>{3, 7});
  CHECK(r.n_reference == std::vector<double>{7, 2});
  CHECK(r.score[1] == Approx(2.632438271604938));
  CHECK_THROWS_AS(keyness(m, {true, false}, {}, {}), InvalidArgument);
  CHECK_THROWS_AS(keyness(m, {true, false, false}, {true, false, false}, {}), InvalidArgument);
}

TEST_CASE("keyness rejects bad input with clear errors", "[keyness]") {
  CHECK_THROWS_AS(keyness(std::vector<double>{1, 2}, std::vector<double>{1}, {}), InvalidArgument);
  CHECK_THROWS_AS(keyness(std::vector<double>{0, 0}, std::vector<double>{1, 1}, {}), InvalidArgument);
  CHECK_THROWS_AS(keyness(std::vector<double>{-1, 2}, std::vector<double>{1, 1}, {}), InvalidArgument);
  CHECK_THROWS_AS(keyness_measure("tf"), InvalidArgument);
  CHECK(keyness_measure("lr") == KeynessMeasure::g2);
}

TEST_CASE("house-style terms: honorifics and the outlets' own names", "[keyness]") {
  auto t = house_style_terms({"Daily Sentinel", "The Meridian Herald"});
  auto has = [&](const std::string& w) { return std::find(t.begin(), t.end(), w) != t.end(); };
  CHECK(has("mr"));
  CHECK(has("senator"));
  CHECK(has("rep"));
  CHECK(has("sentinel"));
  CHECK(has("meridian"));
  CHECK_FALSE(has("daily"));
  CHECK_FALSE(has("the"));
}

TEST_CASE("distinctive terms keep abbreviations whole and drop lone letters", "[keyness]") {
  Corpus c;
  for (int i = 0; i < 6; ++i) {
    c.add("The U.S. envoy and F.B.I. agents met James T. Harlow (D-Ore.) about a 2.5 percent levy.", "Ledger");
    c.add("The envoy and agents met lawmakers about the levy on Tuesday in the capital.", "Courier");
  }
  c.add("\xE6\x97\xA5 \xE6\x97\xA5 \xE6\x97\xA5", "Ledger");  // 日: one CJK character is a word
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < c.size(); ++i) labels.push_back(c[i].outlet);
  std::vector<std::string> terms;
  for (const auto& t : keyness_terms(c, labels, "Ledger", "", KeynessOptions{}, false, 0)) terms.push_back(t.term);
  auto has = [&](const std::string& w) { return std::find(terms.begin(), terms.end(), w) != terms.end(); };
  CHECK(has("u.s"));
  CHECK(has("f.b.i"));
  CHECK(has("harlow"));
  CHECK(has("ore"));
  CHECK(has("\xE6\x97\xA5"));
  for (const char* letter : {"u", "s", "f", "b", "i", "t", "d"}) CHECK_FALSE(has(letter));
}

TEST_CASE("frame lexicon: JSON, phrases, prefixes, longest match", "[frames]") {
  auto lex = FrameLexicon::from_json(R"({"frames": {
      "conflict": {"terms": {"clash*": 1, "war of words": 2, "war": 0.5}},
      "economic": {"terms": {"price*": 1, "cost of living": 2}}}})");
  REQUIRE(lex.size() == 2);
  CHECK(lex.frames()[0].name == "conflict");
  // 12 words: clashes (1) + "war of words" (2, longest match wins over "war") ; prices (1) + cost of living (2)
  auto s = lex.score_text("Clashes and a war of words over prices and the cost of living today");
  CHECK(s.tokens == 14);
  CHECK(s.weight[0] == Approx(3.0));
  CHECK(s.weight[1] == Approx(3.0));
  CHECK(s.per_1000(0) == Approx(3000.0 / 14));
  CHECK(lex.hits(s, 0).at("war of words") == Approx(2.0));
  CHECK(lex.hits(s, 0).count("war") == 0);
  CHECK(lex.score_text("").per_1000(0) == 0.0);
  CHECK_THROWS_AS(FrameLexicon::from_json("{\"frames\": 3}"), FormatError);
  CHECK_THROWS_AS(FrameLexicon::from_json("{\"frames\": {\"x\": {\"terms\": {\"a\": \"heavy\"}}}}"), FormatError);
  CHECK_THROWS_AS(FrameLexicon::from_json("not json"), FormatError);
}

TEST_CASE("frame lexicon: LIWC-style .dic files", "[frames]") {
  const std::string dic =
      "%\n1\tCareVirtue\n2\tHarmVice\n%\nsafe*\t1\nprotect*\t1\nhurt\t2\nkill*\t2\ntake care\t1\ncruel\t1 2\n";
  auto lex = FrameLexicon::from_dic(dic);
  REQUIRE(lex.size() == 2);
  CHECK(lex.frames()[0].name == "CareVirtue");
  auto s = lex.score_text("They take care to keep everyone safe, not to kill or hurt; cruel");
  CHECK(s.weight[0] == Approx(3.0));  // take care, safe, cruel
  CHECK(s.weight[1] == Approx(3.0));  // kill, hurt, cruel
  CHECK_THROWS_AS(FrameLexicon::from_dic("1 care\n"), FormatError);
  CHECK_THROWS_AS(FrameLexicon::from_dic("%\n1 care\n%\nsafe 7\n"), FormatError);
  CHECK_THROWS_AS(FrameLexicon::from_dic("%\n1 care\n%\n"
                                         "safe\n"),
                  FormatError);
  CHECK_THROWS_AS(FrameLexicon::load("/nonexistent/lexicon.dic"), FileNotFound);
}

TEST_CASE("frame lexicon: tokens are the project tokenizer's", "[frames]") {
  // Case folding, NFKC and quote unification as in Corpus::dtm: "Korea’s" is "korea's", "ＷＡＲ" is "war".
  auto lex = FrameLexicon::from_json(R"({"frames": {"f": {"terms": {"korea's": 1, "war": 1, "stand-off": 2}}}})");
  auto s = lex.score_text("Korea\u2019s \xEF\xBC\xB7\xEF\xBC\xA1\xEF\xBC\xB2 and a stand\u2011off.");
  CHECK(lex.hits(s, 0).at("korea's") == Approx(1.0));
  CHECK(lex.hits(s, 0).at("war") == Approx(1.0));
  CHECK(lex.hits(s, 0).at("stand-off") == Approx(2.0));
  const auto toks = tokenize(std::string_view("Korea\u2019s \xEF\xBC\xB7\xEF\xBC\xA1\xEF\xBC\xB2 and a stand\u2011off."));
  CHECK(s.tokens == toks.size());
}

TEST_CASE("frame lexicon: version 2 JSON, every match, logistic scale", "[frames]") {
  auto lex = FrameLexicon::from_json(R"({"version": 2, "scale": "logistic", "match": "every", "feature": "count",
      "frames": {"conflict": {"intercept": -1.5, "terms": {"war": 0.5, "war of words": 1.0}},
                 "economic": {"terms": {"price*": -0.25}}}})");
  CHECK(lex.scale() == FrameScale::logistic);
  CHECK(lex.match() == FrameMatch::every);
  CHECK(lex.frames()[0].intercept == -1.5);
  auto s = lex.score_text("A war of words, then war over prices and price caps");
  // every: "war" twice (inside the phrase too) and the phrase once; prices + price.
  CHECK(s.weight[0] == Approx(2 * 0.5 + 1.0));
  CHECK(s.value[0] == Approx(1.0 / (1.0 + std::exp(-(-1.5 + 2.0)))));
  CHECK(s.value[1] == Approx(1.0 / (1.0 + std::exp(0.5))));
  CHECK(lex.hits(s, 0).at("war") == Approx(1.0));
  // log_count: weight * log(1 + count)
  auto logc = FrameLexicon::from_json(R"({"scale": "logistic", "match": "every", "feature": "log_count",
      "frames": {"f": {"intercept": 0.25, "terms": {"war": 2}}}})");
  CHECK(logc.score_text("war war war").weight[0] == Approx(2 * std::log(4.0)));
  CHECK(logc.score_text("").value[0] == Approx(1.0 / (1.0 + std::exp(-0.25))));
  // round trip keeps scale, match, feature, intercepts and weights
  auto back = FrameLexicon::from_json(lex.to_json());
  CHECK(back.scale() == FrameScale::logistic);
  CHECK(back.match() == FrameMatch::every);
  CHECK(back.frames()[0].intercept == -1.5);
  CHECK(back.to_json() == lex.to_json());
  CHECK(back.score_text("war of words").value[0] == Approx(lex.score_text("war of words").value[0]));
  // version 1 (no scale/match/feature/intercept) reads as per_1000, longest, count, intercept 0
  auto v1 = FrameLexicon::from_json(R"({"version": 1, "frames": {"f": {"terms": {"war": 1}}}})");
  CHECK(v1.scale() == FrameScale::per_1000);
  CHECK(v1.match() == FrameMatch::longest);
  CHECK(v1.frames()[0].intercept == 0.0);
  CHECK_THROWS_AS(FrameLexicon::from_json(R"({"scale": "odds", "frames": {}})"), FormatError);
  CHECK_THROWS_AS(FrameLexicon::from_json(R"({"feature": "binary", "frames": {}})"), FormatError);  // needs logistic
  CHECK_THROWS_AS(FrameLexicon::from_json(R"({"frames": {"f": {"intercept": "x", "terms": {}}}})"), FormatError);
  CHECK_THROWS_AS(FrameLexicon::from_json(R"({"frames": {"f": {"terms": {"a": 1e999}}}})"), FormatError);
}

TEST_CASE("frame lexicon: invalid UTF-8 is an EncodingError, never a read out of bounds (issue 11)", "[frames]") {
  // A truncated 3-byte sequence at the end of a pattern, and a lone continuation byte in a category name.
  CHECK_THROWS_AS(FrameLexicon::from_dic("%\n1 care\n%\nsaf\xE2\x82 1\n"), EncodingError);
  CHECK_THROWS_AS(FrameLexicon::from_dic("%\n1 ca\x80re\n%\nsafe 1\n"), EncodingError);
  CHECK_THROWS_AS(FrameLexicon::from_dic("\xF0"), EncodingError);
  CHECK_THROWS_AS(FrameLexicon::from_json("{\"frames\": {\"\xC3\": {\"terms\": {}}}}"), EncodingError);
  CHECK_THROWS_AS(FrameLexicon::from_dic("%\n99999999999999999999 care\n%\nsafe 1\n"), FormatError);
  Frame f{"bad \xFF name", "", {}, 0.0};
  CHECK_THROWS_AS(FrameLexicon({f}), EncodingError);
}

TEST_CASE("the per_1000 scale with feature log_per_1000 dampens a repeated pattern", "[frames]") {
  auto lex = FrameLexicon::from_json(
      R"({"scale": "per_1000", "feature": "log_per_1000", "frames": {"c": {"terms": {"clash": 1, "war of words": 2}}}})");
  auto s = lex.score_text("clash clash clash then a war of words");  // clash x3, the phrase x1
  CHECK(s.tokens == 8);
  CHECK(s.value[0] == Approx(std::log1p(3000.0 / 8) + 2 * std::log1p(1000.0 / 8)));
  CHECK(s.weight[0] == Approx(8.0 / 1000 * s.value[0]));  // dampened matches: what an outlet pools per 1,000 tokens
  CHECK(s.weight[0] < 5.0);                               // fewer than the 3 + 2 x 1 weighted matches counted
  CHECK(lex.score_text("").value[0] == 0.0);
  CHECK_THROWS_AS(FrameLexicon::from_json(R"({"feature": "log_count", "frames": {}})"), FormatError);
}

TEST_CASE("the generic frames lexicon is embedded", "[frames]") {
  const auto& g = FrameLexicon::generic();
  std::vector<std::string> names;
  for (const auto& f : g.frames()) names.push_back(f.name);
  CHECK(names == std::vector<std::string>{"conflict", "responsibility", "economic", "human_interest", "morality", "security"});
  auto s = g.score_text("Investors fear the recession will cost jobs as the central bank raises interest rates.");
  CHECK(s.weight[2] > s.weight[0]);  // economic over conflict
  auto round = FrameLexicon::from_json(g.to_json());
  CHECK(round.size() == g.size());
}

namespace {

Corpus small_corpus() {
  Corpus c;
  auto add = [&](std::string text, std::string outlet, std::string story, std::string date) {
    Document d;
    d.text = std::move(text);
    d.outlet = std::move(outlet);
    d.meta["story"] = std::move(story);
    d.meta["date"] = std::move(date);
    c.add(std::move(d));
  };
  add("The Kestrian coast guard detained the cargo ship Halcyon Star in the Strait of Corran on Sunday. "
      "The foreign minister Ilse Marren called the boarding unlawful. "
      "The strait has been disputed since the Treaty of Lisva was signed in 1952.",
      "Herald", "strait", "2025-03-03");
  add("Kestrian coast guard boats detained the cargo ship Halcyon Star in the Strait of Corran on Sunday. "
      "Oil prices rose sharply on Monday as traders feared disruption to fuel shipments. "
      "Foreign minister Ilse Marren called the boarding unlawful and piracy.",
      "Sentinel", "strait", "2025-03-03");
  add("The Bank of Aldoria raised its main interest rate to 5.5 percent on Tuesday to fight inflation. "
      "Mortgage holders will pay more from April, lenders said.",
      "Herald", "rates", "2025-03-11");
  add("The Bank of Aldoria raised its key interest rate to 5.5 percent on Tuesday as inflation stayed high. "
      "Stocks fell sharply after the decision, led by homebuilders.",
      "Sentinel", "rates", "2025-03-11");
  return c;
}

}  // namespace

TEST_CASE("story grouping recovers stories and respects the time window", "[stories]") {
  auto c = small_corpus();
  auto labels = group_stories(c);
  CHECK(labels[0] == labels[1]);
  CHECK(labels[2] == labels[3]);
  CHECK(labels[0] != labels[2]);
  auto nn = nearest_other_outlet(c);
  CHECK(nn == std::vector<long>{1, 0, 3, 2});
  // A document far outside the window joins nothing, however similar.
  c[3].meta["date"] = "2025-06-01";
  auto apart = group_stories(c);
  CHECK(apart[2] != apart[3]);
  CHECK(group_stories(Corpus{}).empty());
  StoryOptions bad;
  bad.threshold = 0;
  CHECK_THROWS_AS(group_stories(c, bad), InvalidArgument);
}

namespace {

// The texts of the sentences a view (unique / omitted) lists for `outlet`.
std::vector<std::string> sentences(const Comparison& r, const char* view, const std::string& outlet) {
  const Table& v = r.table(view);
  const Table& s = r.table("sentences");
  std::vector<std::string> out;
  for (std::size_t k = 0; k < v.rows(); ++k)
    if (v.column("outlet").str(k) == outlet)
      out.emplace_back(s.column("text").str(static_cast<std::size_t>(v.ints("sentence")[k])));
  return out;
}

bool mentions(const std::vector<std::string>& texts, const std::string& needle) {
  return std::any_of(texts.begin(), texts.end(), [&](const std::string& s) { return s.find(needle) != std::string::npos; });
}

// The values of column `col` in the rows of `table` whose outlet is `outlet` (and whose `key` is `value`).
std::vector<std::string> values(const Comparison& r, const char* table, const std::string& outlet, const char* col,
                                const char* key = nullptr, const char* value = nullptr) {
  const Table& t = r.table(table);
  std::vector<std::string> out;
  for (std::size_t k = 0; k < t.rows(); ++k)
    if (t.column("outlet").str(k) == outlet && (!key || t.column(key).str(k) == value)) out.emplace_back(t.column(col).str(k));
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

std::int64_t label_count(const Comparison& r, const std::string& outlet, const std::string& actor, const std::string& label) {
  const Table& t = r.table("labels");
  for (std::size_t k = 0; k < t.rows(); ++k)
    if (t.column("outlet").str(k) == outlet && t.column("actor").str(k) == actor && t.column("label").str(k) == label)
      return t.ints("count")[k];
  return -1;
}

}  // namespace

TEST_CASE("compare: coverage, omission, distinctive terms and JSON round trip", "[compare]") {
  auto c = small_corpus();
  CompareOptions o;
  o.stories = c.labels("story");
  QuoteRecord q;
  q.document = 1;
  q.span = {0, 10};
  q.speaker = "Ilse Marren";
  q.kind = "direct";
  q.affiliation = "Aldoria";
  q.source_type = "named_person";
  q.cue = "called";
  o.quotes = {q};
  o.quotes_given = true;
  auto r = compare(c, o);
  REQUIRE(r.outlets == std::vector<std::string>{"Herald", "Sentinel"});
  // The treaty history is Herald's alone; the oil prices the Sentinel's alone.
  CHECK(mentions(sentences(r, "unique", "Herald"), "Treaty of Lisva"));
  CHECK(mentions(sentences(r, "unique", "Sentinel"), "Oil prices"));
  CHECK(mentions(sentences(r, "omitted", "Herald"), "Oil prices"));
  CHECK(mentions(sentences(r, "omitted", "Sentinel"), "Treaty of Lisva"));
  CHECK_FALSE(mentions(sentences(r, "unique", "Herald"), "Halcyon Star"));  // both report the detention
  // Sentence offsets are code points into the document text (ASCII here, so bytes too).
  const Table& s = r.table("sentences");
  for (std::size_t k = 0; k < s.rows(); ++k) {
    const auto& text = c[static_cast<std::size_t>(s.ints("document")[k])].text;
    const auto a = static_cast<std::size_t>(s.ints("start")[k]), b = static_cast<std::size_t>(s.ints("end")[k]);
    CHECK(text.substr(a, b - a) == s.column("text").str(k));
  }
  CHECK(has(values(r, "entities", "Herald", "entity", "status", "unique"), "Treaty of Lisva"));
  const Table& outlets = r.table("outlets");
  CHECK(outlets.ints("quotes") == std::vector<std::int64_t>{0, 1});
  CHECK(outlets.floats("named_share")[1] == Approx(1.0));
  CHECK(has(values(r, "quotes", "Sentinel", "speaker"), "Ilse Marren"));
  const auto& sim = r.matrix("similarity");
  CHECK(sim[1] > 0.2);
  CHECK(sim[0] == Approx(1.0));
  REQUIRE(r.table("documents").rows() == 4);
  CHECK(r.table("documents").column("story").str(2) == "rates");
  CHECK(r.token_options.at("remove_stopwords") == "true");

  const std::string j = to_json(r);
  const auto back = comparison_from_json(j);
  CHECK(to_json(back) == j);
  CHECK(to_json(comparison_from_json(to_json(r, -1)), -1) == to_json(r, -1));
  CHECK_THROWS_AS(comparison_from_json("{\"schema\": \"framelens.comparison\", \"version\": 99}"), FormatError);
  CHECK_THROWS_AS(comparison_from_json("[]"), FormatError);
  CHECK_THROWS_AS(comparison_from_json(j.substr(0, j.size() / 2)), FormatError);

  CompareOptions bad;
  bad.stories = {"a"};
  CHECK_THROWS_AS(compare(c, bad), InvalidArgument);
  CHECK_THROWS_AS(compare(Corpus{}, {}), InvalidArgument);
}

TEST_CASE("comparison JSON: numbers out of range and wrong types are format errors", "[compare]") {
  auto c = small_corpus();
  CompareOptions o;
  o.stories = c.labels("story");
  o.extract_quotes = false;
  const std::string j = to_json(compare(c, o), -1);
  const auto replaced = [&](const std::string& from, const std::string& to) {
    std::string x = j;
    const auto at = x.find(from);
    REQUIRE(at != std::string::npos);
    return x.replace(at, from.size(), to);
  };
  CHECK_THROWS_AS(comparison_from_json(replaced("\"version\":2", "\"version\":1e300")), FormatError);
  CHECK_THROWS_AS(comparison_from_json(replaced("\"version\":2", "\"version\":\"2\"")), FormatError);
  CHECK_THROWS_AS(comparison_from_json(replaced("\"version\":2", "\"version\":1")), FormatError);
  CHECK_THROWS_AS(comparison_from_json(replaced("\"start\":[", "\"start\":[3.7,")), FormatError);
  CHECK_THROWS_AS(comparison_from_json(replaced("\"start\":[", "\"start\":[1e999,")), FormatError);
  CHECK_THROWS_AS(comparison_from_json(replaced("\"start\":[", "\"start\":[1,")), FormatError);  // one row too many
}

TEST_CASE("compare gives the same result for any thread count", "[compare]") {
  auto c = small_corpus();
  CompareOptions one, two;
  one.stories = two.stories = c.labels("story");
  one.threads = 1;
  two.threads = 2;
  CHECK(to_json(compare(c, one)) == to_json(compare(c, two)));
}

TEST_CASE("entity coverage matches names inside titles and ignores possessives", "[compare]") {
  Corpus c;
  c.add("Mayor Beno Falk of Kaldermoor said the flood walls were too low for a storm like this one.", "A");
  c.add("The town needs higher walls, Beno Falk said on Tuesday after the storm hit the valley.", "B");
  c.add("In the valley, Kestria’s coast guard and Northgate Hydro were blamed for the damage that night.", "C");
  CompareOptions o;
  o.stories = {"s", "s", "s"};
  o.extract_quotes = false;
  auto r = compare(c, o);
  // "Beno Falk" is named by A (inside a title) and B: not unique to B, and C leaves it out.
  CHECK_FALSE(has(values(r, "entities", "B", "entity", "status", "unique"), "Beno Falk"));
  CHECK(has(values(r, "entities", "C", "entity", "status", "omitted"), "Beno Falk"));
  CHECK(has(values(r, "entities", "C", "entity", "status", "unique"), "Kestria"));
  CHECK_FALSE(has(values(r, "entities", "C", "entity", "status", "unique"), "Kestria’s"));
}

TEST_CASE("actors: honorifics, demonyms, sentence openers and possessives are not actors", "[compare]") {
  Corpus c;
  c.add("Mr. Kim met the envoy. Later Mr. Kim said little. Russian officials watched. "
        "Cooperation stalled after the talks. Neighbours Japan and Korea disagreed. Envoys from Japan left. "
        "Pyongyang's Korean Central News Agency reported the talks.", "A");
  c.add("The envoy met Kim on Monday.", "B");
  CompareOptions o;
  o.extract_quotes = false;
  auto r = compare(c, o);
  const auto actors = values(r, "actors", "A", "actor");
  CHECK(has(actors, "Kim"));
  CHECK(has(actors, "Japan"));
  CHECK(has(actors, "Korean Central News Agency"));
  CHECK(has(actors, "Pyongyang"));
  for (const char* no : {"Mr", "Mr.", "Mr. Kim", "Russian", "Cooperation", "Neighbours", "Neighbours Japan",
                         "Pyongyang's Korean Central News Agency"})
    CHECK_FALSE(has(actors, no));
  const Table& t = r.table("actors");
  for (std::size_t k = 0; k < t.rows(); ++k)
    if (t.column("outlet").str(k) == "A" && t.column("actor").str(k) == "Kim") CHECK(t.ints("mentions")[k] == 2);
}

TEST_CASE("actors from the gazetteer label capitals as metonyms", "[compare]") {
  const auto actors = gazetteer_actors();
  REQUIRE(actors.count("North Korea"));
  const auto& nk = actors.at("North Korea");
  CHECK(std::find(nk.begin(), nk.end(), "Pyongyang") != nk.end());
  CHECK(std::find(nk.begin(), nk.end(), "North Korean regime") != nk.end());
  Corpus c;
  c.add("Pyongyang's state media attacked the pact, and Pyongyang fired a missile.", "A");
  c.add("North Korea fired a missile after North Korea condemned the pact.", "B");
  CompareOptions o;
  o.extract_quotes = false;
  auto r = compare(c, o);
  CHECK(label_count(r, "A", "North Korea", "Pyongyang") == 2);
  CHECK(label_count(r, "B", "North Korea", "North Korea") == 2);
  CHECK(label_count(r, "A", "France", "France") == -1);  // actors nobody names are dropped
  o.default_actors = false;
  CHECK(compare(c, o).table("labels").rows() == 0);
}

TEST_CASE("the quote table has code point offsets and one row per quote", "[compare]") {
  Corpus c;
  c.add("“Wir bleiben,” sagte die Ministerin. “We stay,” Foreign Minister Ana Ruiz said on Monday.", "A");
  const auto records = quote_records(c);
  const Table t = quote_table(c, records);
  REQUIRE(t.rows() == records.size());
  REQUIRE(t.rows() >= 1);
  for (std::size_t k = 0; k < t.rows(); ++k) {
    CHECK(t.ints("start")[k] <= t.ints("end")[k]);
    CHECK(static_cast<std::size_t>(t.ints("end")[k]) <= utf8::length(c[0].text));
  }
  CHECK(has(t.strings("speaker"), "Ana Ruiz"));
  CHECK(has(t.strings("source_type"), "named_person"));
}

TEST_CASE("compare's one pass over the text counts exactly dtm() and groups as group_stories()", "[compare]") {
  // A corpus with numbers, stopwords, capitalised names, repeated words and a document without any
  // content word; the sklearn mode and n-gram options (counted by dtm() itself) as well.
  Corpus c = small_corpus();
  Document empty;
  empty.text = "It was, and is, to be.";
  empty.outlet = "Herald";
  c.add(empty);
  TokenOptions sklearn = content_tokens();
  sklearn.mode = TokenMode::sklearn;
  TokenOptions bigrams = content_tokens();
  bigrams.ngram_max = 2;
  TokenOptions short_words = content_tokens();
  short_words.min_length = 4;
  for (const TokenOptions& tokens : {content_tokens(), sklearn, bigrams, short_words})
    for (int threads : {1, 2}) {
      CompareOptions o;
      o.tokens = tokens;
      o.threads = threads;
      o.group_stories = StoryOptions{};
      auto ctx = detail::make_context(c, o);
      const auto pass = detail::read_documents(ctx, detail::Segments(c, ctx.threads), FrameLexicon::generic(), {},
                                               std::vector<std::vector<Span>>(c.size()), &*o.group_stories);
      DtmOptions d;
      d.tokens = tokens;
      const DocumentTermMatrix expect = dtm(c, d);
      CHECK(pass.counts.terms == expect.terms);
      CHECK(pass.counts.matrix.isApprox(expect.matrix));
      CHECK(pass.counts.matrix.nonZeros() == expect.matrix.nonZeros());
      CHECK(pass.stories == group_stories(c));
      // Every sentence term is a column of the matrix, and the document's row holds it.
      for (std::size_t i = 0; i < c.size(); ++i)
        for (const auto t : pass.docs[i].terms) {
          REQUIRE(t < pass.counts.terms.size());
          CHECK(pass.counts.matrix.coeff(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(t)) > 0);
        }
    }
}

TEST_CASE("compare groups stories itself when asked, as group_stories() does", "[compare]") {
  const Corpus c = small_corpus();
  CompareOptions o;
  o.group_stories = StoryOptions{};
  const auto r = compare(c, o);
  const auto labels = group_stories(c);
  const Table& docs = r.table("documents");
  REQUIRE(docs.rows() == c.size());
  for (std::size_t i = 0; i < c.size(); ++i) CHECK(docs.column("story").str(i) == labels[i]);
}

TEST_CASE("frame lexicon: scoring through a FrameMemo equals scoring the words", "[frames]") {
  const auto lex = FrameLexicon::from_json(R"({"frames": {
    "conflict": {"terms": {"clash": 1.0, "war of words": 2.0, "protest*": 0.5}},
    "economic": {"terms": {"cost*": 1.0, "jobs": 1.5}}}})");
  const Tokenizer tok;
  TermCache cache;
  FrameMemo memo;
  for (const std::string text : {"Protesters clash over costs; a war of words over jobs.",
                                 "The war of words cost jobs. Protests, clashes and protest songs.",
                                 "Nothing here.", ""}) {
    TokenArrays a;
    tok.tokenize(text, cache, a);
    std::vector<std::string_view> words;
    for (const auto id : a.terms) words.push_back(cache.vocabulary().term(id));
    const auto plain = lex.score(words), memoised = lex.score(words, a.terms, memo);
    CHECK(plain.weight == memoised.weight);
    CHECK(plain.value == memoised.value);
    for (std::size_t f = 0; f < lex.size(); ++f) CHECK(lex.hits(plain, f) == lex.hits(memoised, f));
    CHECK(plain.matches.size() == memoised.matches.size());
  }
  CHECK_THROWS_AS(lex.score(std::vector<std::string_view>{"a"}, {}, memo), InvalidArgument);
}
