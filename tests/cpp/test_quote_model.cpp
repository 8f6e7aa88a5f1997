// The learned content-boundary model (QuoteExtractor::train_model / load_model): training and
// loading on sentences written for these tests, malformed model files, the rules as the default.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "framelens/error.hpp"
#include "framelens/quotes.hpp"

using namespace framelens;

namespace {

struct Example {
  std::string text;
  std::string content;  // the annotated content: no "that", the full stop included
};

// An annotation convention the rules do not follow (they start at "that" and end before the full
// stop), so that only a trained model can reproduce it.
const std::vector<Example>& training_examples() {
  static const std::vector<Example> ex = {
      {"The mayor said that the old bridge was unsafe.", "the old bridge was unsafe."},
      {"Harbour officials said that the ferry would resume on Monday.", "the ferry would resume on Monday."},
      {"The union warned that a strike was likely.", "a strike was likely."},
      {"Ana Ruiz said that the treaty would be signed in spring.", "the treaty would be signed in spring."},
      {"The ministry announced that the talks had ended.", "the talks had ended."},
      {"A spokesman said that the plant had closed.", "the plant had closed."},
      {"The coach said that his team had played well.", "his team had played well."},
      {"Residents complained that the road was too noisy.", "the road was too noisy."},
      {"The council said that taxes would rise next year.", "taxes would rise next year."},
      {"The police said that two people were hurt.", "two people were hurt."},
  };
  return ex;
}

const std::vector<Example>& held_out_examples() {
  static const std::vector<Example> ex = {
      {"The minister said that the budget was balanced.", "the budget was balanced."},
      {"Farmers warned that the harvest would be poor.", "the harvest would be poor."},
      {"The airline said that flights would be delayed.", "flights would be delayed."},
      {"Officials in Varne said that the dam was safe.", "the dam was safe."},
  };
  return ex;
}

Span span_of(const Example& e) {
  const std::size_t a = e.text.find(e.content);
  REQUIRE(a != std::string::npos);
  return {a, a + e.content.size()};
}

QuoteTraining train(const QuoteExtractor& ex, int epochs = 5) {
  std::vector<std::string> texts;
  std::vector<std::vector<Span>> gold;
  for (const auto& e : training_examples()) {
    texts.push_back(e.text);
    gold.push_back({span_of(e)});
  }
  return ex.train_model(texts, gold, epochs, 2);
}

std::string content_of(const QuoteExtractor& ex, const std::string& text) {
  const QuoteResult r = ex.extract(text);
  REQUIRE(r.quotes.size() == 1);
  const Span c = r.quotes[0].content();
  return text.substr(c.start, c.end - c.start);
}

const char* const kHeader = "framelens quote boundary model 1\n";

}  // namespace

TEST_CASE("a content-boundary model learns an annotation convention and applies it to new sentences", "[quotes][quote-model]") {
  QuoteExtractor rules("en");
  const QuoteTraining t = train(rules);
  // Every piece has a start and an end decision; the rules get none right under this convention.
  CHECK(t.decisions == 2 * training_examples().size());
  CHECK(t.rules_right == 0);
  CHECK(t.model_right == t.decisions);
  CHECK(t.model.rfind(kHeader, 0) == 0);
  CHECK(t.model.find("\nlang en\n") != std::string::npos);

  QuoteExtractor learned("en");
  learned.load_model(t.model);
  CHECK(learned.has_model());
  CHECK_FALSE(rules.has_model());
  for (const auto& e : held_out_examples()) {
    INFO(e.text);
    CHECK(content_of(rules, e.text) == "that " + e.content.substr(0, e.content.size() - 1));
    CHECK(content_of(learned, e.text) == e.content);
  }
  // Training is deterministic, and a model's own extractor trains from the rules, not from the model.
  CHECK(train(rules).model == t.model);
  CHECK(train(learned).model == t.model);
}

TEST_CASE("without a model the rules decide; a model without weights changes nothing", "[quotes][quote-model]") {
  const std::string text =
      "“We will sign the pact,” Foreign Minister Ana Ruiz said on Monday. The union warned that a strike was "
      "likely, a spokesman said.\n\nAccording to the ministry, the fleet is ready. Ruiz, she said, would travel "
      "to Varne. “It is late,” he added, “but not too late.”";
  QuoteExtractor rules("en"), empty("en");
  empty.load_model(std::string(kHeader) + "lang en\n");
  CHECK(empty.has_model());
  const QuoteResult a = rules.extract(text), b = empty.extract(text);
  REQUIRE(a.quotes.size() == b.quotes.size());
  REQUIRE(a.quotes.size() >= 4);
  for (std::size_t i = 0; i < a.quotes.size(); ++i) {
    CHECK(a.quotes[i].contents == b.quotes[i].contents);
    CHECK(a.quotes[i].speaker == b.quotes[i].speaker);
    CHECK(a.quotes[i].kind == b.quotes[i].kind);
  }
}

TEST_CASE("malformed boundary model files are FormatErrors naming the line; the extractor keeps its state", "[quotes][quote-model]") {
  const std::string h = kHeader;
  const std::vector<std::string> bad = {
      "",
      "\n\n# only a comment\n",
      "framelens quote boundary model 2\nlang en\n",      // another version
      "not a model\n",
      h,                                                  // no language
      h + "lang\n",
      h + "lang en fr\n",
      h + "lang en\ns:w=that\n",                          // no weight
      h + "lang en\ns:w=that\t\n",
      h + "lang en\n\t1.0\n",                             // no feature name
      h + "lang en\ns:w=that\tone\n",
      h + "lang en\ns:w=that\t1.0x\n",
      h + "lang en\ns:w=that\tnan\n",
      h + "lang en\ns:w=that\tinf\n",
      h + "lang en\ns:w=that\t1e999\n",
      h + "lang en\ns:w=that\t1\ns:w=that\t2\n",        // the same feature twice
      std::string("framelens quote boundary model 1\0\nlang en\n", 42),
  };
  QuoteExtractor ex("en");
  const std::string text = "The mayor said that the old bridge was unsafe.";
  const std::string before = content_of(ex, text);
  for (const auto& m : bad) {
    INFO(m);
    CHECK_THROWS_AS(ex.load_model(m), FormatError);
    CHECK_FALSE(ex.has_model());
  }
  CHECK_THROWS_WITH(ex.load_model(h + "lang en\na\t1\nb\tx\n"), Catch::Contains("line 4"));
  CHECK(content_of(ex, text) == before);
  // A model of another language is refused (InvalidArgument, not a format problem).
  try {
    ex.load_model(h + "lang de\n");
    FAIL("a German model loaded into an English extractor");
  } catch (const FormatError&) {
    FAIL("a language mismatch reported as a format error");
  } catch (const InvalidArgument& e) {
    CHECK_THAT(e.what(), Catch::Contains("'de'") && Catch::Contains("'en'"));
  }
  CHECK_FALSE(ex.has_model());
  // Comments, blank lines and CRLF line ends are fine.
  ex.load_model("# written by hand\r\n" + std::string("framelens quote boundary model 1\r\n\r\nlang en\r\ns:w=the\t0.5\r\n"));
  CHECK(ex.has_model());
}

TEST_CASE("any model text loads or is a FormatError, and any loaded model extracts safely", "[quotes][quote-model]") {
  // Random model files: random bytes, and well-formed files with random weights on real feature
  // names (so the model moves boundaries anywhere it may).
  const std::vector<std::string> names = {"s:d=0", "s:d=-1", "s:d=+1", "s:d=-11+", "s:d=+11+", "e:d=0", "e:d=+2",
                                          "e:d=-4-6", "e:d=+7-10", "s:p=that", "s:w=the", "e:n=.", "e:sent",
                                          "s:sent", "s:grow:any", "e:grow:any", "s:cut:any", "e:cut:any", "s:cue=adj",
                                          "e:cue=adj", "s:mark", "e:mark", "e:next_cue", "s:grow:comma"};
  const std::string text =
      "“We will sign,” Ruiz said. “Never,” he said, “not before May.” The union warned that a strike was likely, "
      "a spokesman said. Ruiz, she said, would travel.\n\nAccording to police, two people were hurt. ‘Fine’ — "
      "the mayor.";
  std::mt19937 rng(7);
  int loaded = 0;
  for (int i = 0; i < 400; ++i) {
    std::string m;
    if (i % 2 == 0) {
      m = std::string(kHeader) + "lang en\n";
      const std::size_t n = rng() % 12, first = rng() % names.size();  // distinct names
      for (std::size_t k = 0; k < n; ++k)
        m += names[(first + k) % names.size()] + "\t" + std::to_string(static_cast<int>(rng() % 2001) - 1000) + "\n";
    } else {
      m = i % 4 == 1 ? std::string(kHeader) : std::string();
      const int n = static_cast<int>(rng() % 200);
      for (int k = 0; k < n; ++k) m += static_cast<char>(rng() % 256);
    }
    QuoteExtractor one("en");
    try {
      one.load_model(m);
    } catch (const FormatError&) {
      continue;
    }
    ++loaded;
    const QuoteResult r = one.extract(text);
    for (const auto& q : r.quotes)
      for (std::size_t k = 0; k < q.contents.size(); ++k) {
        CHECK(q.contents[k].start < q.contents[k].end);
        CHECK(q.contents[k].end <= text.size());
        if (k) CHECK(q.contents[k - 1].end <= q.contents[k].start);
      }
  }
  CHECK(loaded >= 200);  // the well-formed half loads
}

TEST_CASE("train_model refuses inconsistent input", "[quotes][quote-model]") {
  QuoteExtractor ex("en");
  const std::vector<std::string> texts = {"The mayor said that the old bridge was unsafe."};
  CHECK_THROWS_AS(ex.train_model(texts, {}), InvalidArgument);
  CHECK_THROWS_AS(ex.train_model(texts, {{Span{10, 400}}}), InvalidArgument);
  CHECK_THROWS_AS(ex.train_model(texts, {{Span{20, 10}}}), InvalidArgument);
  CHECK_THROWS_AS(ex.train_model(texts, {{}}, 0), InvalidArgument);
  CHECK_THROWS_AS(ex.train_model({std::string("\xff bad")}, {{}}), EncodingError);
  // No annotation at all trains a model without weights: it changes nothing.
  const QuoteTraining t = ex.train_model(texts, {{}});
  CHECK(t.decisions == 0);
  QuoteExtractor none("en");
  none.load_model(t.model);
  CHECK(content_of(none, texts[0]) == "that the old bridge was unsafe");
}
