// The shared text representation: TokenArrays, Vocabulary, merge_sorted, content words, entities.
#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

#include "framelens/dtm.hpp"
#include "framelens/error.hpp"
#include "framelens/segment.hpp"
#include "framelens/text.hpp"
#include "framelens/tokenizer.hpp"
#include "framelens/vocabulary.hpp"

using namespace framelens;

namespace {

const char* kText =
    "On Monday the Bank of Aldoria cut its rate to 3.5%. Mr. Kim said Kestria\xE2\x80\x99s port reopened "
    "after 12 days.\n\nCooperation improved, Mr Dorn told the Institute for Maritime Studies. Ports opened; "
    "the KESTRIA-ALDORIA ferry runs again. \xC7\x85" "emal Ilić, an ÉIRE observer, agreed.";

Document doc_of(std::string text) {
  Document d;
  d.id = "1";
  d.outlet = "a";
  d.text = std::move(text);
  return d;
}

std::vector<std::string> entity_texts(const std::vector<Entity>& es) {
  std::vector<std::string> out;
  for (const auto& e : es) out.push_back(e.text);
  return out;
}

}  // namespace

TEST_CASE("TokenArrays hold exactly the tokens of tokenize(), terms as vocabulary ids", "[text]") {
  for (const bool stop : {false, true}) {
    for (const TokenMode mode : {TokenMode::icu, TokenMode::sklearn}) {
      TokenOptions o;
      o.remove_stopwords = stop;
      o.mode = mode;
      const Tokenizer tok(o);
      const auto tokens = tok.tokenize(kText);
      Vocabulary vocab;
      TokenArrays arrays;
      tok.tokenize(kText, vocab, arrays);
      REQUIRE(arrays.size() == tokens.size());
      REQUIRE(arrays.terms.size() == tokens.size());
      for (std::size_t i = 0; i < tokens.size(); ++i) {
        CHECK(arrays.spans[i] == tokens[i].span);
        CHECK(vocab.term(arrays.terms[i]) == tokens[i].text);
        CHECK(arrays.kinds[i] == tokens[i].kind);
        CHECK(static_cast<bool>(arrays.capitalised[i]) == tokens[i].capitalised);
      }
      // The same term has one id; a second call clears the arrays and reuses the vocabulary.
      const std::size_t terms = vocab.size();
      tok.tokenize(kText, vocab, arrays);
      CHECK(arrays.size() == tokens.size());
      CHECK(vocab.size() == terms);
    }
  }
}

TEST_CASE("capitalisation of a surface form", "[text]") {
  CHECK(is_capitalised("Kim"));
  CHECK_FALSE(is_capitalised("kim"));
  CHECK(is_capitalised("\xC3\x89ire"));       // Éire
  CHECK(is_capitalised("\xC7\x85" "emal"));   // ǅ, title case
  CHECK_FALSE(is_capitalised("3D"));
  CHECK_FALSE(is_capitalised(""));
  const auto toks = tokenize("Kim met kim");
  REQUIRE(toks.size() == 3);
  CHECK(toks[0].capitalised);
  CHECK_FALSE(toks[2].capitalised);
}

TEST_CASE("content words: no stopword, a letter, more than one ASCII character", "[text]") {
  CHECK(is_stopword("the"));
  CHECK_FALSE(is_stopword("harbour"));
  CHECK(is_content_word("harbour"));
  CHECK(is_content_word("g7"));
  CHECK(is_content_word("\xC3\xA9lan"));  // élan
  CHECK(is_content_word("\xE6\xB8\xAF"));  // one CJK character (港)
  CHECK_FALSE(is_content_word("the"));
  CHECK_FALSE(is_content_word("x"));
  CHECK_FALSE(is_content_word("2024"));
  CHECK_FALSE(is_content_word("3.5"));
  CHECK_FALSE(is_content_word(""));
}

TEST_CASE("merge_sorted: one id per distinct term in byte order, whatever the split", "[text]") {
  Vocabulary a, b;
  for (const char* t : {"port", "ferry", "zebra"}) a.insert(t);
  for (const char* t : {"ferry", "apple", "port", "\xC3\xA9lan"}) b.insert(t);
  const MergedTerms m = merge_sorted({&a, &b}, 2);
  const std::vector<std::string_view> want = {"apple", "ferry", "port", "zebra", "\xC3\xA9lan"};
  CHECK(m.terms == want);
  REQUIRE(m.ids.size() == 2);
  for (std::uint32_t i = 0; i < a.size(); ++i) CHECK(m.terms[m.ids[0][i]] == a.term(i));
  for (std::uint32_t i = 0; i < b.size(); ++i) CHECK(m.terms[m.ids[1][i]] == b.term(i));
  CHECK(merge_sorted({}).terms.empty());
}

TEST_CASE("per-worker TokenArrays merged give dtm()'s vocabulary", "[text]") {
  Corpus c;
  c.add(doc_of(kText));
  c.add(doc_of("The ferry to Aldoria runs on Mondays. Kim said so."));
  c.add(doc_of("Ports, ferries and the port authority."));
  const Tokenizer tok;
  Vocabulary w0, w1;  // documents 0 and 2 on one worker, 1 on another
  TokenArrays arrays;
  tok.tokenize(c[0].text, w0, arrays);
  tok.tokenize(c[2].text, w0, arrays);
  tok.tokenize(c[1].text, w1, arrays);
  const MergedTerms m = merge_sorted({&w0, &w1});
  const auto d = dtm(c);
  REQUIRE(d.terms.size() == m.terms.size());
  for (std::size_t i = 0; i < d.terms.size(); ++i) CHECK(d.terms[i] == m.terms[i]);
}

TEST_CASE("token_sentences maps each token to its sentence", "[text]") {
  const std::string text = "One two. Three four five. Six";
  const auto sentences = split_sentences(text);
  REQUIRE(sentences.size() == 3);
  const auto toks = tokenize(text);
  std::vector<Span> spans;
  for (const auto& t : toks) spans.push_back(t.span);
  CHECK(token_sentences(spans, sentences) == std::vector<std::uint32_t>{0, 0, 1, 1, 1, 2});
  CHECK(token_sentences({}, sentences).empty());
}

TEST_CASE("entities: capitalised runs without function words, honorifics or possessives", "[text]") {
  const Document doc = doc_of(kText);
  DocumentText t;
  TermCache cache;
  analyse(doc, Tokenizer{}, cache, t);
  CHECK(t.sentences.size() == 5);
  REQUIRE(t.token_sentence.size() == t.tokens.size());
  const auto got = entity_texts(t.entities);
  // "KESTRIA-ALDORIA" is two tokens joined by a hyphen, so not one run of spaces: each is its own name.
  CHECK(got == std::vector<std::string>{"Bank of Aldoria", "Kim", "Kestria", "Dorn", "Institute for Maritime Studies",
                                        "KESTRIA", "ALDORIA", "\xC7\x85" "emal Ili\xC4\x87", "\xC3\x89IRE"});
  for (const auto& e : t.entities) {
    // Words of a run are separated by single spaces in this text, so the span is the name itself.
    CHECK(std::string_view(kText).substr(e.span.start, e.span.size()) == e.text);
    CHECK(e.sentence < t.sentences.size());
  }
}

TEST_CASE("entities: a sentence-opening word counts only when capitalised mid-sentence too", "[text]") {
  const Tokenizer tok;
  auto names = [&](const std::string& text) {
    TermCache v;
    DocumentText t;
    analyse(doc_of(text), tok, v, t);
    return entity_texts(t.entities);
  };
  CHECK(names("Harbours reopened. Trade grew.").empty());
  CHECK(names("Dorn spoke. Later Dorn left, and officials thanked Dorn.") ==
        std::vector<std::string>{"Dorn", "Dorn", "Dorn"});
  // Without such evidence the opening stays part of the name.
  CHECK(names("Later Dorn left.") == std::vector<std::string>{"Later Dorn"});
  CHECK(names("On Sunday, nothing.").empty());
  // Capitalised mid-sentence elsewhere ("the New Harbour"): kept whole at the start of a sentence.
  CHECK(names("New Harbour opened. Ships use the New Harbour.") == std::vector<std::string>{"New Harbour", "New Harbour"});
  CHECK(names("Mr. and Mrs. spoke.").empty());
}

TEST_CASE("entities: mismatched sentence indices are an error", "[text]") {
  Vocabulary v;
  TokenArrays a;
  Tokenizer().tokenize("Kim spoke", v, a);
  CHECK_THROWS_AS(entities("Kim spoke", a, v, {}), InvalidArgument);
}

TEST_CASE("analyse is thread-safe with one vocabulary per thread", "[text]") {
  const Tokenizer tok;
  const Document doc = doc_of(kText);
  TermCache v0;
  DocumentText t0;
  analyse(doc, tok, v0, t0);
  std::vector<std::vector<std::string>> got(4);
  std::vector<std::thread> threads;
  for (std::size_t k = 0; k < got.size(); ++k)
    threads.emplace_back([&, k] {
      for (int r = 0; r < 20; ++r) {
        TermCache v;
        DocumentText t;
        analyse(doc, tok, v, t);
        got[k] = entity_texts(t.entities);
      }
    });
  for (auto& th : threads) th.join();
  for (const auto& g : got) CHECK(g == entity_texts(t0.entities));
}

TEST_CASE("tokenize through a TermCache gives the tokens and terms of the uncached call", "[text]") {
  // Documents that repeat surface forms (cache hits), differ only in case ("Harbour" / "HARBOUR": two
  // surface forms, one term), hold stopwords and numbers the options filter out, long (> 16 byte) and
  // non-ASCII forms, and a form that normalises to another ("ﬁsh" -> "fish").
  const std::vector<std::string> texts = {
      "The Harbour reopened on 3 May; the HARBOUR master said harbours were busy.",
      "Internationalisation-committee members met the harbour master again.",
      "\xEF\xAC\x81sh markets in \xC3\x89ire and the fish trade: Caf\xC3\xA9 owners, 2,000 of them.",
      "The Harbour reopened on 3 May; the HARBOUR master said harbours were busy.",
  };
  for (const TokenOptions& o : {TokenOptions{}, content_tokens()}) {
    const Tokenizer tok(o);
    TermCache cache;
    Vocabulary plain;
    for (const auto& text : texts) {
      TokenArrays a, b;
      tok.tokenize(text, cache, a);
      tok.tokenize(text, plain, b);
      REQUIRE(a.size() == b.size());
      CHECK(a.kinds == b.kinds);
      CHECK(a.capitalised == b.capitalised);
      for (std::size_t k = 0; k < a.size(); ++k) {
        CHECK(a.spans[k].start == b.spans[k].start);
        CHECK(a.spans[k].end == b.spans[k].end);
        CHECK(cache.vocabulary().term(a.terms[k]) == plain.term(b.terms[k]));
      }
    }
    CHECK(cache.vocabulary().size() == plain.size());
  }
}
