// The learned content-boundary model (QuoteExtractor::train_model / load_model): training and
// loading on sentences written for these tests, malformed model files, the rules as the default.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "framelens/error.hpp"
#include "framelens/quotes.hpp"
#include "quote_test_helpers.hpp"
#include "quotes/boundaries.hpp"

using namespace framelens;
using testing::text_of;

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

// margin = false: no cross-fitted margin (round 19) — on a dozen sentences it can hold back a convention
// that half of them show, and the cases that test a feature want the feature's weight alone.
QuoteTraining train(const QuoteExtractor& ex, const std::vector<Example>& examples, int epochs = 5, bool margin = true) {
  std::vector<std::string> texts;
  std::vector<std::vector<Span>> gold;
  for (const auto& e : examples) {
    texts.push_back(e.text);
    gold.push_back({span_of(e)});
  }
  if (margin) return ex.train_model(texts, gold, epochs, 2);
  std::vector<std::vector<AnnotatedQuote>> quotes;
  for (const auto& g : gold) quotes.push_back({AnnotatedQuote{g, {}}});
  return ex.train_model_from_quotes(texts, quotes, epochs, 2, TrainingParts{true, false, false, false, false, false});
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
  const QuoteTraining t = train(rules, training_examples());
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
  CHECK(train(rules, training_examples()).model == t.model);
  CHECK(train(learned, training_examples()).model == t.model);
}

TEST_CASE("a content-boundary model can tie an edge to the cue word (s:cue_*, e:cue_n, e:n12 features)", "[quotes][quote-model]") {
  // An invented convention: after "said" the content leaves "that" and the full stop out, after "warned"
  // it keeps both. The words at the edges are the same for both cues (the cue stands two words or more
  // before "that"), so only features that name the cue can learn it.
  const std::vector<Example> training = {
      {"Ida Roos said on Monday that the night fares would rise.", "the night fares would rise"},
      {"Oskar Dahl warned on Monday that the night fares would rise.", "that the night fares would rise."},
      {"The harbour board said on Tuesday that the quay was unsafe.", "the quay was unsafe"},
      {"The ferry crews warned on Tuesday that the quay was unsafe.", "that the quay was unsafe."},
      {"The mayor of Varne said on Friday that the bridge would close.", "the bridge would close"},
      {"The union warned on Friday that the bridge would close.", "that the bridge would close."},
      {"A spokesman said last week that the plant had closed.", "the plant had closed"},
      {"Residents warned last week that the plant had closed.", "that the plant had closed."},
  };
  QuoteExtractor rules("en");
  const QuoteTraining t = train(rules, training, 5, false);  // the two conventions alternate: even and odd sentences differ
  CHECK(t.rules_right < t.decisions);
  CHECK(t.model_right == t.decisions);
  CHECK(t.model.find("\ns:cue_p=say|that|cut\t") != std::string::npos);
  CHECK(t.model.find("\ne:cue_n=warn|") != std::string::npos);
  CHECK(t.model.find("\ne:n12=") != std::string::npos);
  QuoteExtractor learned("en");
  learned.load_model(t.model);
  const std::vector<std::pair<std::string, std::string>> held_out = {
      {"Nils Berg said on Sunday that the ferry was late.", "the ferry was late"},
      {"Nils Berg warned on Sunday that the ferry was late.", "that the ferry was late."},
      {"The council said yesterday that taxes would rise.", "taxes would rise"},
      {"The council warned yesterday that taxes would rise.", "that taxes would rise."},
  };
  for (const auto& [text, content] : held_out) {
    INFO(text);
    CHECK(content_of(rules, text).rfind("that ", 0) == 0);
    CHECK(content_of(rules, text).back() != '.');
    CHECK(content_of(learned, text) == content);
  }
}

TEST_CASE("a content-boundary model weighs the piece's length at a candidate edge (s:len, e:len features)", "[quotes][quote-model]") {
  // An invented convention: a short content keeps "that", a long one leaves it out.
  const std::vector<Example> training = {
      {"Ida Roos said on Monday that it rained.", "that it rained"},
      {"Oskar Dahl said on Monday that the night ferry from Varne would stop running in May.",
       "the night ferry from Varne would stop running in May"},
      {"The harbour board said on Tuesday that it snowed.", "that it snowed"},
      {"The ferry crews said on Tuesday that the old quay at the north end of town was far too unsafe.",
       "the old quay at the north end of town was far too unsafe"},
      {"The mayor said on Friday that we lost.", "that we lost"},
      {"The union said on Friday that the bridge over the river would close for most of the winter.",
       "the bridge over the river would close for most of the winter"},
      {"A spokesman said last week that it closed.", "that it closed"},
      {"Residents said last week that the bakery on the main square had closed after forty long years.",
       "the bakery on the main square had closed after forty long years"},
  };
  QuoteExtractor rules("en");
  const QuoteTraining t = train(rules, training, 5, false);  // the two conventions alternate: even and odd sentences differ
  CHECK(t.rules_right < t.decisions);
  CHECK(t.model_right == t.decisions);
  CHECK(t.model.find("\ns:len=") != std::string::npos);
  QuoteExtractor learned("en");
  learned.load_model(t.model);
  for (const auto& [text, content] : training) {
    INFO(text);
    CHECK(content_of(learned, text) == content);
  }
  const std::string held_out = "Nils Berg said on Sunday that the new school by the lake would open again next spring.";
  CHECK(content_of(rules, held_out) == "that the new school by the lake would open again next spring");
  CHECK(content_of(learned, held_out) == "the new school by the lake would open again next spring");
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

// ---- The learned speaker choice (train_model_from_quotes, the model's [speakers] section) ----

namespace {

struct SpeakerExample {
  std::string text;
  std::string source;   // the annotated speaker: the person named in the sentence before, not "she"/"he"
  std::string content;  // the annotated content (the quotation, marks included)
};

// An annotation convention the rules do not follow: a pronoun's antecedent is the source.
const std::vector<SpeakerExample>& speaker_training() {
  static const std::vector<SpeakerExample> ex = {
      {"Ana Ruiz arrived late. “The road was closed,” she said.", "Ana Ruiz", "“The road was closed,”"},
      {"Tomas Berg left early. “The hall was cold,” he said.", "Tomas Berg", "“The hall was cold,”"},
      {"Greta Holm opened the bakery. “Bread is dear,” she said.", "Greta Holm", "“Bread is dear,”"},
      {"Oskar Dahl met the families. “We will rebuild,” he said.", "Oskar Dahl", "“We will rebuild,”"},
      {"Lena Falk visited the quay. “The boats are old,” she said.", "Lena Falk", "“The boats are old,”"},
      {"Nils Varga read the letter. “It came too late,” he said.", "Nils Varga", "“It came too late,”"},
      {"Ida Roos toured the mill. “The wheel still turns,” she said.", "Ida Roos", "“The wheel still turns,”"},
      {"Beno Marsh crossed the bridge. “It shook,” he said.", "Beno Marsh", "“It shook,”"},
  };
  return ex;
}

const std::vector<SpeakerExample>& speaker_held_out() {
  static const std::vector<SpeakerExample> ex = {
      {"Karin Lund walked home. “The lamps were out,” she said.", "Karin Lund", "“The lamps were out,”"},
      {"Piet Moor sold the farm. “Prices fell,” he said.", "Piet Moor", "“Prices fell,”"},
  };
  return ex;
}

Span find_span(const std::string& text, const std::string& part) {
  const std::size_t a = text.find(part);
  REQUIRE(a != std::string::npos);
  return {a, a + part.size()};
}

QuoteTraining train_speakers(const QuoteExtractor& ex, TrainingParts parts = {}) {
  std::vector<std::string> texts;
  std::vector<std::vector<AnnotatedQuote>> gold;
  for (const auto& e : speaker_training()) {
    texts.push_back(e.text);
    gold.push_back({AnnotatedQuote{{find_span(e.text, e.content)}, {find_span(e.text, e.source)}}});
  }
  return ex.train_model_from_quotes(texts, gold, 5, 2, parts);
}

std::string mention_of(const QuoteExtractor& ex, const std::string& text) {
  const QuoteResult r = ex.extract(text);
  REQUIRE(r.quotes.size() == 1);
  const Span m = r.quotes[0].mention;
  return text.substr(m.start, m.end - m.start);
}

void check_same(const QuoteResult& a, const QuoteResult& b) {
  REQUIRE(a.quotes.size() == b.quotes.size());
  for (std::size_t i = 0; i < a.quotes.size(); ++i) {
    CHECK(a.quotes[i].contents == b.quotes[i].contents);
    CHECK(a.quotes[i].mention == b.quotes[i].mention);
    CHECK(a.quotes[i].speaker == b.quotes[i].speaker);
    CHECK(a.quotes[i].kind == b.quotes[i].kind);
    CHECK(a.quotes[i].confidence == b.quotes[i].confidence);
  }
  REQUIRE(a.speakers.size() == b.speakers.size());
  for (std::size_t i = 0; i < a.speakers.size(); ++i) {
    CHECK(a.speakers[i].name == b.speakers[i].name);
    CHECK(a.speakers[i].mentions == b.speakers[i].mentions);
  }
}

const char* const kHeader2 = "framelens quote model 2\n";

// The weight lines of a model's section ("" : a format-1 file's), in order.
std::vector<std::string> weight_lines(const std::string& model, const std::string& section) {
  std::vector<std::string> out;
  bool in = section.empty();
  std::size_t pos = 0;
  while (pos < model.size()) {
    const std::size_t nl = model.find('\n', pos);
    const std::string l = model.substr(pos, nl - pos);
    pos = nl == std::string::npos ? model.size() : nl + 1;
    if (!l.empty() && l.front() == '[') in = l == section;
    else if (in && l.find('\t') != std::string::npos) out.push_back(l);
  }
  return out;
}

// A format-2 model whose `section` holds 1..`most` consecutive features of `names` (from a random one) with
// random integer weights in [low, low + 2000]: the fuzz-like checks of each learned part.
std::string random_model(const char* section, const std::vector<std::string>& names, std::mt19937& rng,
                         std::size_t most, int low) {
  std::string m = std::string(kHeader2) + "lang en\n[" + section + "]\n";
  const std::size_t n = 1 + rng() % most, first = rng() % names.size();
  for (std::size_t k = 0; k < n; ++k)
    m += names[(first + k) % names.size()] + "\t" + std::to_string(static_cast<int>(rng() % 2001) + low) + "\n";
  return m;
}

const std::string& mixed_text() {
  static const std::string text =
      "“We will sign the pact,” Foreign Minister Ana Ruiz said on Monday. The union warned that a strike was "
      "likely, a spokesman said.\n\nAccording to the ministry, the fleet is ready. Ruiz, she said, would travel "
      "to Varne. Tomas Berg arrived late. “It is late,” he added, “but not too late.” “Never,” said the mayor.";
  return text;
}

}  // namespace

TEST_CASE("a speaker-choice model learns an annotation convention the rules do not follow", "[quotes][quote-model]") {
  QuoteExtractor rules("en");
  const QuoteTraining t = train_speakers(rules, TrainingParts{false, true});
  // The rules pick the pronoun each time; the annotated name is a candidate of every statement.
  CHECK(t.speaker_decisions == speaker_training().size());
  CHECK(t.speaker_rules_right == 0);
  CHECK(t.speaker_model_right == t.speaker_decisions);
  CHECK(t.decisions == 0);  // boundaries not asked for
  CHECK(t.model.rfind(kHeader2, 0) == 0);
  CHECK(t.model.find("\n[speakers]\nk:") != std::string::npos);

  QuoteExtractor learned("en");
  learned.load_model(t.model);
  for (const auto& e : speaker_held_out()) {
    INFO(e.text);
    const std::string pronoun = e.text.find("” she") != std::string::npos ? "she" : "he";
    CHECK(mention_of(rules, e.text) == pronoun);
    CHECK(mention_of(learned, e.text) == e.source);
    // The speaker is the same person either way; contents are the rules' (no boundary weights).
    CHECK(learned.extract(e.text).quotes[0].contents == rules.extract(e.text).quotes[0].contents);
    CHECK(learned.extract(e.text).speakers.at(0).name == e.source);
  }
  // Deterministic, and trained from the rules even by an extractor holding a model.
  CHECK(train_speakers(rules, TrainingParts{false, true}).model == t.model);
  CHECK(train_speakers(learned, TrainingParts{false, true}).model == t.model);
  // Both parts: the boundary section is what the contents alone would train.
  const QuoteTraining both = train_speakers(rules);
  CHECK(both.decisions > 0);
  CHECK(both.speaker_model_right == both.speaker_decisions);
  std::vector<std::string> texts;
  std::vector<std::vector<Span>> contents;
  for (const auto& e : speaker_training()) {
    texts.push_back(e.text);
    contents.push_back({find_span(e.text, e.content)});
  }
  const std::string alone = rules.train_model(texts, contents).model;
  CHECK(alone.rfind(kHeader, 0) == 0);
  CHECK(weight_lines(both.model, "[boundaries]") == weight_lines(alone, ""));
  CHECK(weight_lines(both.model, "[speakers]") == weight_lines(t.model, "[speakers]"));
}

TEST_CASE("a speaker-choice model can pick a relative pronoun the rules take into a longer mention", "[quotes][quote-model]") {
  // An invented convention: the source of "X, who …, said …" is the relative pronoun alone. The rules
  // take "X, who …" whole; "who" is a candidate of its own (from_pronouns), so a model can learn it.
  const std::vector<std::string> train = {
      "Ida Roos, who chairs the council, said the bridge would open in May.",
      "Tomas Berg, who runs the ferry, said the crossing was safe.",
      "Greta Holm, who leads the union, said taxes should fall.",
      "Anton Weber, who owns the bakery, said bread would cost more.",
      "Lena Falk, who coaches the team, said the season starts late.",
      "Oskar Dahl, who drives the bus, said the road was closed.",
  };
  const std::vector<std::string> held_out = {
      "Karin Lund, who runs the school, said the roof leaks.",
      "Piet Moor, who farms near Varne, said the harvest was poor.",
  };
  QuoteExtractor rules("en");
  std::vector<std::vector<AnnotatedQuote>> gold;
  for (const auto& t : train) {
    const std::size_t said = t.find(" said ") + 6;
    gold.push_back({AnnotatedQuote{{{said, t.size() - 1}}, {find_span(t, "who")}}});
  }
  const QuoteTraining m = rules.train_model_from_quotes(train, gold, 5, 1, TrainingParts{false, true});
  CHECK(m.speaker_decisions == train.size());
  CHECK(m.speaker_rules_right == 0);  // the exact annotated extent is "who", the rules' pick is longer
  CHECK(m.speaker_model_right == train.size());
  QuoteExtractor learned("en");
  learned.load_model(m.model);
  for (const auto& t : held_out) {
    INFO(t);
    CHECK(mention_of(rules, t).find(", who ") != std::string::npos);
    CHECK(mention_of(learned, t) == "who");
  }
}

TEST_CASE("a speaker-choice model can pick a relative 'that' right before the cue of an added statement", "[quotes][quote-model]") {
  // The rules make no statement of "X has a board that said …"; a statement model learns to add one,
  // and its speaker candidates hold the relative "that" before the cue (from_relative_that), which an
  // invented convention annotates as the source, as PolNeAR does with "who" and "which".
  const std::vector<std::string> train = {
      "The crews formed a group that said the pier was unsafe.",
      "Varne has a harbour board that said the ferry would run in May.",
      "The town elected a council that warned the bridge was old.",
      "Roos founded a union that claimed the wages were too low.",
      "Berg joined a club that said the lake was clean.",
      "The farmers built a league that argued the road was too narrow.",
      "Dahl chairs a panel that said the school needed a roof.",
      "Falk leads a trust that warned the mill would close.",
  };
  const std::vector<std::string> held_out = {
      "Lund started a society that said the harbour was too shallow.",
      "Moor runs a guild that claimed the market was too small.",
  };
  QuoteExtractor rules("en");
  std::vector<std::vector<AnnotatedQuote>> gold;
  for (const auto& t : train) {
    std::size_t cue_end = std::string::npos;
    for (const char* cue : {" said ", " warned ", " claimed ", " argued "})
      if (t.find(cue) != std::string::npos) cue_end = t.find(cue) + std::string(cue).size();
    REQUIRE(cue_end != std::string::npos);
    const std::size_t rel = t.find(" that ") + 1;
    gold.push_back({AnnotatedQuote{{{cue_end, t.size() - 1}}, {{rel, rel + 4}}}});
  }
  const QuoteTraining m = rules.train_model_from_quotes(train, gold, 5, 1, TrainingParts{false, true, true});
  CHECK(m.speaker_decisions == train.size());
  CHECK(m.speaker_rules_right == 0);  // the added statement's own pick is not "that"
  CHECK(m.speaker_model_right == train.size());
  CHECK(m.model.find("k:src=rel_that") != std::string::npos);
  QuoteExtractor learned("en");
  learned.load_model(m.model);
  for (const auto& t : held_out) {
    INFO(t);
    CHECK(rules.extract(t).quotes.empty());
    CHECK(mention_of(learned, t) == "that");
  }
}

TEST_CASE("a speaker-choice model learns word classes: a time word it never saw in training", "[quotes][quote-model]") {
  // An invented convention: the source of "X said on <weekday> that …" is the weekday. Training sees
  // four weekdays; the held-out sentences name the other three, whose words the model never saw, but
  // whose word class ("time", words.json) it did (k:fc=, k:lc=).
  const std::vector<std::string> train = {
      "Ida Roos said on Monday that the pier was unsafe.",
      "Tomas Berg said on Tuesday that the ferry would run in May.",
      "Greta Holm said on Wednesday that the bridge was old.",
      "Oskar Dahl said on Thursday that the wages were too low.",
      "Lena Falk said on Monday that the lake was clean.",
      "Nils Varga said on Tuesday that the road was too narrow.",
  };
  const std::vector<std::pair<std::string, std::string>> held_out = {
      {"Karin Lund said on Friday that the harbour was too shallow.", "Friday"},
      {"Piet Moor said on Sunday that the market was too small.", "Sunday"},
  };
  QuoteExtractor rules("en");
  std::vector<std::vector<AnnotatedQuote>> gold;
  for (const auto& t : train) {
    const std::size_t on = t.find(" on ") + 4, that = t.find(" that ") + 6;
    gold.push_back({AnnotatedQuote{{{that, t.size() - 1}}, {{on, t.find(' ', on)}}}});
  }
  const QuoteTraining m = rules.train_model_from_quotes(train, gold, 5, 1, TrainingParts{false, true});
  CHECK(m.speaker_decisions == train.size());
  CHECK(m.speaker_rules_right == 0);
  CHECK(m.speaker_model_right == train.size());
  CHECK(m.model.find("k:fc=time|after") != std::string::npos);
  QuoteExtractor learned("en");
  learned.load_model(m.model);
  for (const auto& [t, day] : held_out) {
    INFO(t);
    CHECK(mention_of(rules, t) != day);
    CHECK(mention_of(learned, t) == day);
  }
}

TEST_CASE("a model's text round-trips: loaded and written again by training, it is the same", "[quotes][quote-model]") {
  QuoteExtractor rules("en");
  const QuoteTraining t = train_speakers(rules);
  QuoteExtractor a("en"), b("en");
  a.load_model(t.model);
  // Reordered lines, comments and CRLF ends load to the same model.
  std::string shuffled = "# by hand\r\n" + std::string(kHeader2) + "lang en\n[speakers]\n";
  const std::size_t sp = t.model.find("[speakers]\n") + 11;
  shuffled += t.model.substr(sp);
  shuffled += "[boundaries]\n" + t.model.substr(t.model.find("[boundaries]\n") + 13, sp - 11 - t.model.find("[boundaries]\n") - 13);
  b.load_model(shuffled);
  for (const auto& e : speaker_held_out()) check_same(a.extract(e.text), b.extract(e.text));
  check_same(a.extract(mixed_text()), b.extract(mixed_text()));
}

TEST_CASE("a model without speaker weights leaves the rules' speakers exactly", "[quotes][quote-model]") {
  QuoteExtractor rules("en"), empty2("en"), empty1("en");
  empty2.load_model(std::string(kHeader2) + "lang en\n[boundaries]\n[speakers]\n");
  empty1.load_model(std::string(kHeader) + "lang en\n");
  CHECK(empty2.has_model());
  const QuoteResult r = rules.extract(mixed_text());
  REQUIRE(r.quotes.size() >= 5);
  check_same(r, empty2.extract(mixed_text()));
  check_same(r, empty1.extract(mixed_text()));
  // Speaker weights on features no candidate has change nothing either.
  QuoteExtractor unseen("en");
  unseen.load_model(std::string(kHeader2) + "lang en\n[speakers]\nk:never-a-feature\t5\n");
  check_same(r, unseen.extract(mixed_text()));
  // A format-1 file with boundary weights still loads and moves no speaker.
  QuoteExtractor old("en");
  old.load_model(std::string(kHeader) + "lang en\ns:d=0\t1\ne:d=0\t1\n");
  const QuoteResult o = old.extract(mixed_text());
  REQUIRE(o.quotes.size() == r.quotes.size());
  for (std::size_t i = 0; i < r.quotes.size(); ++i) CHECK(o.quotes[i].mention == r.quotes[i].mention);
}

TEST_CASE("malformed format-2 model files are FormatErrors naming the line", "[quotes][quote-model]") {
  const std::string h = std::string(kHeader2) + "lang en\n";
  const std::vector<std::pair<std::string, std::string>> bad = {
      {h + "k:cand\t1\n", "line 3"},                              // a weight before any section
      {h + "[speakers]\nk:cand\t1\n[other]\n", "line 5"},         // an unknown section
      {h + "[speakers]\nk:cand\t1\nk:cand\t2\n", "line 5"},       // the same feature twice in a section
      {h + "[speakers]\nk:cand\tbig\n", "line 4"},                // not a number
      {h + "[speakers]\nk:cand\n", "line 4"},                     // no weight
      {std::string(kHeader) + "lang en\n[speakers]\nk:cand\t1\n", "line 3"},  // sections are format 2 only
      {"framelens quote model 3\nlang en\n", "line 1"},          // an unknown version
  };
  QuoteExtractor ex("en");
  for (const auto& [m, where] : bad) {
    INFO(m);
    CHECK_THROWS_WITH(ex.load_model(m), Catch::Contains(where));
    CHECK_THROWS_AS(ex.load_model(m), FormatError);
    CHECK_FALSE(ex.has_model());
  }
  // The same feature name in both sections is two weights, not a duplicate.
  ex.load_model(h + "[boundaries]\nk:cand\t1\n[speakers]\nk:cand\t1\n");
  CHECK(ex.has_model());
}

TEST_CASE("any speaker weights extract safely", "[quotes][quote-model]") {
  const std::vector<std::string> names = {"k:cand", "k:none", "k:none|cue", "k:none|nocue", "k:src=name", "k:src=pronoun",
                                          "k:src=cue_before", "k:src=cue_after", "k:src=head", "k:src=entity",
                                          "k:src=person", "k:src=previous", "k:src=rule", "k:t=named_person",
                                          "k:t=pron-person", "k:side=before|other", "k:side=after|same", "k:len=1",
                                          "k:len=3", "k:rel=disjoint|pron-person", "k:prior=0", "k:rank=0|before"};
  std::mt19937 rng(11);
  for (int i = 0; i < 60; ++i) {
    QuoteExtractor one("en");
    one.load_model(random_model("speakers", names, rng, 10, -1000));
    const QuoteResult r = one.extract(mixed_text());
    for (const auto& q : r.quotes) {
      CHECK(q.mention.start <= q.mention.end);
      CHECK(q.mention.end <= mixed_text().size());
      if (q.speaker >= 0) CHECK(static_cast<std::size_t>(q.speaker) < r.speakers.size());
    }
  }
}

TEST_CASE("train_model_from_quotes refuses inconsistent input", "[quotes][quote-model]") {
  QuoteExtractor ex("en");
  const std::vector<std::string> texts = {"Ana Ruiz arrived. “Late,” she said."};
  CHECK_THROWS_AS(ex.train_model_from_quotes(texts, {}), InvalidArgument);
  CHECK_THROWS_AS(ex.train_model_from_quotes(texts, {{AnnotatedQuote{{Span{0, 4}}, {Span{2, 400}}}}}), InvalidArgument);
  CHECK_THROWS_AS(ex.train_model_from_quotes(texts, {{AnnotatedQuote{{Span{5, 1}}, {}}}}), InvalidArgument);
  CHECK_THROWS_AS(ex.train_model_from_quotes(texts, {{}}, 0), InvalidArgument);
  // No sources: no speaker decisions, and a format-1 model.
  const QuoteTraining t = ex.train_model_from_quotes(texts, {{}});
  CHECK(t.speaker_decisions == 0);
  CHECK(t.model.rfind(kHeader, 0) == 0);
}

namespace {

// Loose candidate statements: "zorbled" (a word written for these tests, in no cue lexicon) opens a
// statement in the annotation; the rules find none.
const std::vector<Example>& statement_training() {
  static const std::vector<Example> ex = {
      {"The harbour master zorbled the ferry timetable was wrong.", "the ferry timetable was wrong"},
      {"Ana Ruiz zorbled that the old bridge was unsafe.", "that the old bridge was unsafe"},
      {"The union zorbled a strike was likely.", "a strike was likely"},
      {"Tomas Berg zorbled the treaty would be signed in spring.", "the treaty would be signed in spring"},
      {"The ministry zorbled that the talks had ended.", "that the talks had ended"},
      {"Greta Holm zorbled the bakery would close in May.", "the bakery would close in May"},
      {"The coach zorbled his team had played well.", "his team had played well"},
      {"Residents zorbled the road was too noisy.", "the road was too noisy"},
      {"The council zorbled taxes would rise next year.", "taxes would rise next year"},
      {"Oskar Dahl zorbled two boats were missing.", "two boats were missing"},
      {"The ferry left the harbour at noon.", ""},
      {"Ana Ruiz walked to the old bridge.", ""},
      {"Tomas Berg painted the fence green.", ""},
  };
  return ex;
}

QuoteTraining train_statements(const QuoteExtractor& ex, TrainingParts parts = {false, false, true}) {
  std::vector<std::string> texts;
  std::vector<std::vector<AnnotatedQuote>> gold;
  for (const auto& e : statement_training()) {
    texts.push_back(e.text);
    gold.emplace_back();
    if (!e.content.empty()) gold.back().push_back(AnnotatedQuote{{span_of(e)}, {}});
  }
  return ex.train_model_from_quotes(texts, gold, 5, 2, parts);
}

}  // namespace

TEST_CASE("a statement model learns which words open statements the rules do not make", "[quotes][quote-model]") {
  QuoteExtractor rules("en");
  const QuoteTraining t = train_statements(rules);
  CHECK(t.statement_decisions > statement_training().size());
  CHECK(t.statement_rules_right + 10 == t.statement_decisions);  // "no statement" is wrong at the ten "zorbled"
  CHECK(t.statement_model_right > t.statement_rules_right);
  CHECK(t.decisions == 0);
  CHECK(t.speaker_decisions == 0);
  CHECK(t.model.rfind(kHeader2, 0) == 0);
  CHECK(t.model.find("\n[statements]\nc:") != std::string::npos);
  CHECK(train_statements(rules).model == t.model);  // deterministic

  QuoteExtractor learned("en");
  learned.load_model(t.model);
  const std::vector<std::tuple<std::string, std::string, std::string>> held_out = {
      {"Captain Ida Roos zorbled that the quay would close.", "that the quay would close", "Captain Ida Roos"},
      {"The mayor zorbled the dam was safe.", "the dam was safe", "The mayor"},
  };
  for (const auto& [text, content, mention] : held_out) {
    INFO(text);
    CHECK(rules.extract(text).quotes.empty());
    const QuoteResult r = learned.extract(text);
    REQUIRE(r.quotes.size() == 1);
    CHECK(text_of(text, r.quotes[0].content()) == content);
    CHECK(text_of(text, r.quotes[0].cue) == "zorbled");
    CHECK(text_of(text, r.quotes[0].mention) == mention);
    CHECK(r.quotes[0].kind == QuoteKind::indirect);
  }
  CHECK(learned.extract(std::string("The ferry left the quay at dawn.")).quotes.empty());
  // The rules' statements stay as they are beside the added one.
  const std::string both = "“We sail at dawn,” Ana Ruiz said. The mayor zorbled the dam was safe.";
  const QuoteResult r = learned.extract(both), base = rules.extract(both);
  REQUIRE(base.quotes.size() == 1);
  REQUIRE(r.quotes.size() == 2);
  CHECK(r.quotes[0].contents == base.quotes[0].contents);
  CHECK(text_of(both, r.quotes[1].content()) == "the dam was safe");
}

TEST_CASE("a model without statement weights adds no statement", "[quotes][quote-model]") {
  QuoteExtractor rules("en"), empty("en"), unseen("en");
  empty.load_model(std::string(kHeader2) + "lang en\n[boundaries]\n[speakers]\n[statements]\n");
  unseen.load_model(std::string(kHeader2) + "lang en\n[statements]\nc:never-a-feature\t5\n");
  const QuoteResult r = rules.extract(mixed_text());
  check_same(r, empty.extract(mixed_text()));
  check_same(r, unseen.extract(mixed_text()));
  // A statements section in a format-1 file is a FormatError naming the line.
  CHECK_THROWS_WITH(rules.load_model(std::string(kHeader) + "lang en\n[statements]\nc:bias\t1\n"), Catch::Contains("line 3"));
  // Training without asking for statements writes no statements section.
  CHECK(train_statements(rules, TrainingParts{true, false, false}).model.find("[statements]") == std::string::npos);
}

TEST_CASE("any statement weights extract safely: added statements never overlap others", "[quotes][quote-model]") {
  const std::vector<std::string> names = {"c:bias", "c:end=sentence", "c:end=comma", "c:end=break", "c:end=prep", "c:np",
                                          "c:lexcue", "c:wcap", "c:pos=0", "c:pos=1", "c:n=the", "c:w=the", "c:w=said",
                                          "c:after=<edge>|sentence", "c:sentence_has_statement", "c:after_claimed"};
  QuoteExtractor rules("en");
  const QuoteResult base = rules.extract(mixed_text());
  std::mt19937 rng(5);
  for (int i = 0; i < 60; ++i) {
    QuoteExtractor one("en");
    one.load_model(random_model("statements", names, rng, 8, -900));
    const QuoteResult r = one.extract(mixed_text());
    REQUIRE(r.quotes.size() >= base.quotes.size());
    for (std::size_t a = 0; a < r.quotes.size(); ++a) {
      const Span ca = r.quotes[a].content();
      CHECK(ca.start < ca.end);
      CHECK(ca.end <= mixed_text().size());
      const bool added = std::none_of(base.quotes.begin(), base.quotes.end(),
                                      [&](const Quote& q) { return q.contents == r.quotes[a].contents; });
      if (!added) continue;
      for (std::size_t b = 0; b < r.quotes.size(); ++b)
        for (const Span& x : r.quotes[b].contents)
          if (b != a) CHECK((x.end <= ca.start || ca.end <= x.start));
    }
  }
}

TEST_CASE("the boundary weights move the edges of a statement the statement weights added", "[quotes][quote-model]") {
  // Hand-written weights: "zorbled" opens a statement; a content after "that" leaves "that" out.
  const std::string statements = "[statements]\nc:w=zorbled\t5\n";
  QuoteExtractor rules("en"), added("en"), moved("en");
  added.load_model(std::string(kHeader2) + "lang en\n" + statements);
  moved.load_model(std::string(kHeader2) + "lang en\n[boundaries]\ns:p=that|cut\t3\n" + statements);
  const std::string text = "The mayor of Varne zorbled that the old dam was safe.";
  CHECK(rules.extract(text).quotes.empty());
  const QuoteResult a = added.extract(text), m = moved.extract(text);
  REQUIRE(a.quotes.size() == 1);
  REQUIRE(m.quotes.size() == 1);
  CHECK(text_of(text, a.quotes[0].content()) == "that the old dam was safe");
  CHECK(text_of(text, m.quotes[0].content()) == "the old dam was safe");
  CHECK(text_of(text, m.quotes[0].cue) == "zorbled");
  CHECK(m.quotes[0].speaker == a.quotes[0].speaker);
}

TEST_CASE("the model's weights by feature hash find every weight and nothing else", "[quotes][quote-model]") {
  using quotes_detail::HashedWeights;
  CHECK(HashedWeights().find(42) == nullptr);
  CHECK(HashedWeights().empty());
  CHECK(HashedWeights(std::unordered_map<std::uint64_t, double>{}).find(0) == nullptr);

  // Random keys (and 0, the empty slot's marker; keys that differ only in their high bits, which pick
  // the slot) against std::unordered_map, present and absent.
  std::mt19937_64 rng(7);
  std::unordered_map<std::uint64_t, double> reference{{0, -1.5}};
  for (int i = 0; i < 5000; ++i) reference[rng()] = static_cast<double>(i) / 7.0;
  for (std::uint64_t i = 1; i <= 64; ++i) reference[i << 56] = static_cast<double>(i);
  const HashedWeights table(reference);
  CHECK(table.size() == reference.size());
  for (const auto& [key, value] : reference) {
    const double* w = table.find(key);
    REQUIRE(w != nullptr);
    CHECK(*w == value);
  }
  std::size_t absent = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::uint64_t key = rng();
    if (reference.count(key)) continue;
    CHECK(table.find(key) == nullptr);
    ++absent;
  }
  CHECK(absent > 19000);
  const HashedWeights without_zero(std::unordered_map<std::uint64_t, double>{{5, 2.0}});
  CHECK(without_zero.find(0) == nullptr);
  const double* five = without_zero.find(5);
  REQUIRE(five != nullptr);
  CHECK(*five == 2.0);
}

// ---- Round 19: cross-fitted margins ("@margin" in a section) ----

namespace {

// Inserts a line right after a section's header (format 2) or after the language line ("" : format 1).
std::string with_line(const std::string& model, const std::string& section, const std::string& line) {
  const std::size_t at = section.empty() ? model.find('\n', model.find("\nlang ") + 1) + 1 : model.find(section + "\n") + section.size() + 1;
  return model.substr(0, at) + line + "\n" + model.substr(at);
}

// Synthetic decisions of two candidates, the rules' first: in `strong` ones the other candidate has
// two features of its own and is right everywhere; in `weak` ones it has one, right in even
// documents only, so that weights trained on the even half move the odd half's picks wrongly.
quotes_detail::BoundaryTrainer margin_trainer(bool weak_right_everywhere) {
  quotes_detail::BoundaryTrainer t;
  for (std::size_t doc = 0; doc < 40; ++doc) {
    t.add(0, {{"rule"}, {"strong", "strong2"}}, {false, true}, doc);
    const bool right = weak_right_everywhere || doc % 2 == 0;
    t.add(0, {{"rule"}, {"weak"}}, {!right, right}, doc);
  }
  return t;
}

}  // namespace

TEST_CASE("the cross-fitted margin blocks moves that do not hold up on the other half of the documents", "[quotes][quote-model]") {
  const double blocked = margin_trainer(false).margin(5);
  CHECK(blocked > 0.0);
  // Weights trained on all decisions: the strong move outscores the rules by more than the margin,
  // the weak one by less.
  const auto w = margin_trainer(false).weights(5);
  auto get = [&](const char* f) { const auto it = w.find(f); return it == w.end() ? 0.0 : it->second; };
  CHECK(get("strong") + get("strong2") - get("rule") > blocked);
  CHECK(get("weak") - get("rule") <= blocked);
  // Moves right in both halves need no margin.
  CHECK(margin_trainer(true).margin(5) == 0.0);
  CHECK(quotes_detail::BoundaryTrainer().margin(5) == 0.0);
}

TEST_CASE("a section's @margin keeps the rules' choice unless a candidate outscores it by more", "[quotes][quote-model]") {
  QuoteExtractor rules("en");
  // Speakers: a model whose moves are all right on both halves has no margin line; a large margin
  // brings back the rules' pick, a small one changes nothing.
  const QuoteTraining t = train_speakers(rules, TrainingParts{false, true});
  CHECK(t.model.find("@margin") == std::string::npos);
  QuoteExtractor big("en"), small("en");
  big.load_model(with_line(t.model, "[speakers]", "@margin\t1e6"));
  small.load_model(with_line(t.model, "[speakers]", "@margin\t1e-9"));
  for (const auto& e : speaker_held_out()) {
    INFO(e.text);
    CHECK(mention_of(big, e.text) == mention_of(rules, e.text));
    CHECK(mention_of(small, e.text) == e.source);
  }
  // Boundaries (format 1 and 2): the rules' contents under a large margin.
  const QuoteTraining b = train(rules, training_examples());
  QuoteExtractor edges("en"), edges_big("en");
  edges.load_model(b.model);
  edges_big.load_model(with_line(b.model, "", "@margin\t1e6"));
  for (const auto& e : held_out_examples()) {
    INFO(e.text);
    CHECK(content_of(edges, e.text) == e.content);
    CHECK(content_of(edges_big, e.text) == content_of(rules, e.text));
  }
  // Statements: a large margin adds none.
  const QuoteTraining s = train_statements(rules);
  QuoteExtractor stm_big("en");
  stm_big.load_model(with_line(s.model, "[statements]", "@margin\t1e6"));
  CHECK(stm_big.extract(std::string("The mayor zorbled the dam was safe.")).quotes.empty());
}

TEST_CASE("margins: training without them writes the same weights; a bad @margin is a FormatError naming the line", "[quotes][quote-model]") {
  QuoteExtractor rules("en");
  TrainingParts off{true, true, false, false, false, false};  // no margins
  const QuoteTraining with = train_speakers(rules), without = train_speakers(rules, off);
  for (const char* section : {"[boundaries]", "[speakers]"}) {
    auto lines = weight_lines(with.model, section);
    lines.erase(std::remove_if(lines.begin(), lines.end(), [](const std::string& l) { return l.rfind("@margin", 0) == 0; }), lines.end());
    CHECK(lines == weight_lines(without.model, section));
  }
  CHECK(without.model.find("@margin") == std::string::npos);
  const std::string h = std::string(kHeader2) + "lang en\n";
  const std::vector<std::pair<std::string, std::string>> bad = {
      {h + "[speakers]\n@margin\t-1\n", "line 4"},                   // negative
      {h + "[speakers]\n@margin\t1\nk:cand\t1\n@margin\t2\n", "line 6"},  // twice in a section
      {std::string(kHeader) + "lang en\n@margin\t1\n@margin\t1\n", "line 4"},
      {h + "[statements]\n@margin\tx\n", "line 4"},
  };
  QuoteExtractor ex("en");
  for (const auto& [m, where] : bad) {
    INFO(m);
    CHECK_THROWS_WITH(ex.load_model(m), Catch::Contains(where));
    CHECK_THROWS_AS(ex.load_model(m), FormatError);
  }
  // One margin per section is fine, and it is no feature.
  ex.load_model(h + "[boundaries]\n@margin\t1\n[speakers]\n@margin\t2\n[statements]\n@margin\t0\n");
  CHECK(ex.has_model());
  const QuoteResult r = rules.extract(mixed_text());
  check_same(r, ex.extract(mixed_text()));
}

TEST_CASE("a content-boundary model weighs the classes of the words at a start (s:c= feature)", "[quotes][quote-model]") {
  // One weight on the classes "complementizer | determiner" for a start moved forward (cut): "that" leaves
  // the content where a determiner follows it, whatever the determiner; elsewhere the rules' start stays.
  QuoteExtractor rules("en"), model("en");
  model.load_model(std::string(kHeader) + "lang en\ns:c=comp|det|cut\t5\n");
  const std::string with_det = "The council of Varne said that the harbour taxes would rise.";
  const std::string without = "The council of Varne said that harbour taxes would rise.";
  CHECK(content_of(rules, with_det) == "that the harbour taxes would rise");
  CHECK(content_of(model, with_det) == "the harbour taxes would rise");
  CHECK(content_of(rules, without) == "that harbour taxes would rise");
  CHECK(content_of(model, without) == "that harbour taxes would rise");
  // Trained on the "that" convention of training_examples() (a determiner or a noun after "that"), the
  // feature gets a weight.
  const QuoteTraining t = train(rules, training_examples());
  CHECK(t.model.find("\ns:c=comp|") != std::string::npos);
}
