#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "framelens/error.hpp"
#include "framelens/tokenizer.hpp"

using namespace framelens;

namespace {

std::vector<std::string> norms(const std::vector<Token>& toks) {
  std::vector<std::string> out;
  for (const auto& t : toks) out.push_back(t.text);
  return out;
}

std::vector<std::string> surfaces(std::string_view text, const std::vector<Token>& toks) {
  std::vector<std::string> out;
  for (const auto& t : toks) out.emplace_back(text.substr(t.span.start, t.span.size()));
  return out;
}

TokenOptions sklearn_mode() {
  TokenOptions o;
  o.mode = TokenMode::sklearn;
  return o;
}

}  // namespace

TEST_CASE("ICU tokens keep byte spans and fold case", "[tokenizer]") {
  const std::string text = "The Mayor's office said NO.";
  const auto toks = tokenize(text);
  CHECK(norms(toks) == std::vector<std::string>{"the", "mayor's", "office", "said", "no"});
  CHECK(surfaces(text, toks) == std::vector<std::string>{"The", "Mayor's", "office", "said", "NO"});
  CHECK(toks[1].span == Span{4, 11});
}

TEST_CASE("curly apostrophes stay inside words and unify to ASCII", "[tokenizer][unicode]") {
  const std::string text = "Seoul\xE2\x80\x99s envoy met Tokyo\xE2\x80\x99s minister.";  // Seoul’s ... Tokyo’s
  const auto toks = tokenize(text);
  REQUIRE(toks.size() == 5);
  CHECK(toks[0].text == "seoul's");
  CHECK(surfaces(text, toks)[0] == "Seoul\xE2\x80\x99s");
  CHECK(toks[3].text == "tokyo's");

  TokenOptions keep;
  keep.unify_quotes = false;
  CHECK(tokenize(text, keep)[0].text == "seoul\xE2\x80\x99s");
}

TEST_CASE("CJK text survives with min_length 1", "[tokenizer][unicode]") {
  const std::string text = "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xA8\xE5\xA4\xA7\xE9\x98\xAA";  // 東京と大阪
  const auto toks = tokenize(text);
  REQUIRE(!toks.empty());
  std::string joined;
  for (const auto& t : toks) {
    CHECK((t.kind == TokenKind::ideographic || t.kind == TokenKind::kana));
    joined += text.substr(t.span.start, t.span.size());
  }
  CHECK(joined == text);  // every character is in some token
  TokenOptions two;
  two.min_length = 2;
  for (const auto& t : tokenize(text, two)) CHECK(t.text.size() >= 6);  // two 3-byte characters or more
}

TEST_CASE("emoji are symbols, kept only on request", "[tokenizer][unicode]") {
  const std::string text = "Great news \xF0\x9F\x98\x80 today";  // 😀
  CHECK(norms(tokenize(text)) == std::vector<std::string>{"great", "news", "today"});
  TokenOptions sym;
  sym.keep_symbols = true;
  const auto toks = tokenize(text, sym);
  REQUIRE(toks.size() == 4);
  CHECK(toks[2].kind == TokenKind::symbol);
  CHECK(toks[2].span == Span{11, 15});
}

TEST_CASE("combining marks: NFKC composes, case folding applies", "[tokenizer][unicode]") {
  const std::string decomposed = "Cafe\xCC\x81 open";  // Cafe + U+0301
  const auto toks = tokenize(decomposed);
  REQUIRE(toks.size() == 2);
  CHECK(toks[0].text == "caf\xC3\xA9");  // café, composed
  CHECK(toks[0].span == Span{0, 6});
  CHECK(tokenize("\xEF\xAC\x81ne")[0].text == "fine");  // ligature ﬁ -> fi
}

TEST_CASE("CRLF, empty and whitespace-only texts", "[tokenizer][unicode]") {
  const std::string text = "first line\r\nsecond\r\n";
  const auto toks = tokenize(text);
  CHECK(norms(toks) == std::vector<std::string>{"first", "line", "second"});
  CHECK(toks[2].span == Span{12, 18});
  CHECK(tokenize("").empty());
  CHECK(tokenize(" \t\r\n  ").empty());
  CHECK(tokenize("", sklearn_mode()).empty());
}

TEST_CASE("numbers and punctuation are kept or dropped", "[tokenizer]") {
  const std::string text = "In 2016, 3.5 million voted!";
  CHECK(norms(tokenize(text)) == std::vector<std::string>{"in", "2016", "3.5", "million", "voted"});
  TokenOptions o;
  o.keep_numbers = false;
  o.keep_punct = true;
  CHECK(norms(tokenize(text, o)) == std::vector<std::string>{"in", ",", "million", "voted", "!"});
}

TEST_CASE("stopwords: the English list and user lists, normalised", "[tokenizer]") {
  CHECK(!english_stopwords().empty());
  TokenOptions o;
  o.remove_stopwords = true;
  CHECK(norms(tokenize("The Senate and the House agreed", o)) == std::vector<std::string>{"senate", "house", "agreed"});
  TokenOptions u;
  u.stopwords = {"SENATE", "it\xE2\x80\x99s"};  // user words are normalised like tokens
  CHECK(norms(tokenize("Senate says it's over", u)) == std::vector<std::string>{"says", "over"});
}

TEST_CASE("n-grams join normalised tokens and span their parts", "[tokenizer]") {
  TokenOptions o;
  o.ngram_max = 2;
  o.remove_stopwords = true;
  const std::string text = "Tax cuts for the rich";
  const auto toks = tokenize(text, o);
  CHECK(norms(toks) == std::vector<std::string>{"tax", "cuts", "rich", "tax cuts", "cuts rich"});
  CHECK(toks[4].span == Span{4, 21});
  CHECK(toks[4].kind == TokenKind::ngram);
  o.ngram_min = 2;
  o.ngram_separator = "_";
  CHECK(norms(tokenize(text, o)) == std::vector<std::string>{"tax_cuts", "cuts_rich"});
  TokenOptions bad;
  bad.ngram_min = 3;
  bad.ngram_max = 2;
  CHECK_THROWS_AS(Tokenizer(bad), InvalidArgument);
}

TEST_CASE("sklearn mode: lowercase then \\b\\w\\w+\\b with Python's \\w", "[tokenizer][sklearn]") {
  const auto o = sklearn_mode();
  // Single characters drop, apostrophes split, underscores and digits are word characters.
  CHECK(norms(tokenize("A Korea\xE2\x80\x99s x_1 and 42 I", o)) == std::vector<std::string>{"korea", "x_1", "and", "42"});
  // Combining marks are not \w in Python: "Cafe\u0301" splits before the mark.
  CHECK(norms(tokenize("Cafe\xCC\x81s", o)) == std::vector<std::string>{"cafe"});
  // Full lowercase mapping: U+0130 (İ) lowers to "i" + U+0307, which is not \w.
  CHECK(norms(tokenize("\xC4\xB0stanbul", o)) == std::vector<std::string>{"stanbul"});
  // Final sigma as Python's str.lower(): ΟΔΟΣ -> οδος.
  CHECK(norms(tokenize("\xCE\x9F\xCE\x94\xCE\x9F\xCE\xA3", o)) ==
        std::vector<std::string>{"\xCE\xBF\xCE\xB4\xCE\xBF\xCF\x82"});
  // CJK runs are one token; spans refer to the original text.
  const std::string cjk = "\xE6\x97\xA5\xE6\x9C\xAC ok";
  const auto toks = tokenize(cjk, o);
  REQUIRE(toks.size() == 2);
  CHECK(toks[0].span == Span{0, 6});
  CHECK(toks[1].span == Span{7, 9});
}

TEST_CASE("Tokenizer::normalize matches token normalisation", "[tokenizer]") {
  const Tokenizer t;
  CHECK(t.normalize("Korea\xE2\x80\x99S") == "korea's");
  CHECK_THROWS_AS(t.normalize("bad\xFF"), EncodingError);
}

TEST_CASE("corpus tokenization gives the same tokens for any thread count", "[tokenizer][threads]") {
  Corpus c;
  for (int i = 0; i < 200; ++i)
    c.add("Document " + std::to_string(i) + " says Seoul\xE2\x80\x99s plan is " + std::string(i % 7, 'x') + " done.", "o");
  const auto one = tokenize(c, {}, 1);
  const auto two = tokenize(c, {}, 2);
  REQUIRE(one.size() == two.size());
  for (std::size_t i = 0; i < one.size(); ++i) {
    REQUIRE(one[i].size() == two[i].size());
    for (std::size_t j = 0; j < one[i].size(); ++j) {
      CHECK(one[i][j].text == two[i][j].text);
      CHECK(one[i][j].span == two[i][j].span);
    }
  }
}

namespace {

bool same_tokens(const std::string& text) {
  TokenOptions fast, slow;
  fast.keep_punct = slow.keep_punct = true;
  fast.keep_symbols = slow.keep_symbols = true;
  slow.fast_path = false;
  const auto a = tokenize(text, fast), b = tokenize(text, slow);
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!(a[i].span == b[i].span) || a[i].kind != b[i].kind || a[i].text != b[i].text) return false;
  return true;
}

}  // namespace

TEST_CASE("the fast path segments exactly as ICU: every string of up to 4 characters", "[tokenizer][fastpath]") {
  // Letters, digits, '_', the Mid characters, spaces, a hyphen, a colon, curly quotes, a dash,
  // and characters that send a piece to ICU (é, a combining mark, an emoji).
  const std::vector<std::string> alphabet = {"a", "Z", "1", "_", "@", ".", "'", ",", ";", ":", " ", "-", "\t",
                                             "\xE2\x80\x99", "\xE2\x80\x98", "\xE2\x80\x9C", "\xE2\x80\x94",
                                             "\xC3\xA9", "\xCC\x81", "\xF0\x9F\x98\x80"};
  const std::size_t k = alphabet.size();
  std::size_t checked = 0, failed = 0;
  std::string first_failure;
  for (std::size_t len = 1; len <= 4; ++len) {
    std::vector<std::size_t> idx(len, 0);
    for (;;) {
      std::string s;
      for (std::size_t i : idx) s += alphabet[i];
      ++checked;
      if (!same_tokens(s) && failed++ == 0) first_failure = s;
      std::size_t p = 0;
      while (p < len && ++idx[p] == k) idx[p++] = 0;
      if (p == len) break;
    }
  }
  INFO("first difference: [" << first_failure << "]");
  CHECK(failed == 0);
  CHECK(checked > 130000);
}

TEST_CASE("the fast path segments exactly as ICU: random news-like strings", "[tokenizer][fastpath]") {
  const std::vector<std::string> parts = {"Korea", "\xE2\x80\x99", "s", " ", "  ", "U.S.", "3.5", "1,000", "x_y",
                                          ",", ".", "\xE2\x80\x9C", "\xE2\x80\x9D", "--", "\r\n", "caf\xC3\xA9",
                                          "\xE6\x97\xA5\xE6\x9C\xAC", "'", "don't", "_", ";", "e\xCC\x81", "\xC2\xA0",
                                          "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", "2016", "a", "\xE2\x80\xA6", ":", "@", "#"};
  unsigned seed = 12345;
  auto next = [&seed] { return (seed = seed * 1103515245u + 12345u) >> 8; };
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    const unsigned n = 1 + next() % 30;
    for (unsigned i = 0; i < n; ++i) s += parts[next() % parts.size()];
    INFO("text: [" << s << "]");
    REQUIRE(same_tokens(s));
  }
}

TEST_CASE("the fast path segments exactly as ICU: every ASCII pair and triple", "[tokenizer][fastpath]") {
  std::vector<std::string> chars;
  for (int c = 1; c < 128; ++c) chars.emplace_back(1, static_cast<char>(c));
  for (const char* s : {"\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x93", "\xE2\x80\x94",
                        "\xE2\x80\xA6", "\xC3\xA9"})
    chars.emplace_back(s);
  std::size_t failed = 0;
  std::string first;
  for (const auto& a : chars)
    for (const auto& b : chars)
      if (!same_tokens(a + b) && failed++ == 0) first = a + b;
  // Triples: every character between two letters, two digits, a letter and a digit.
  for (const auto& m : chars)
    for (const char* ends : {"aa", "11", "a1", "1a", "_a", "@1"}) {
      const std::string s = std::string(1, ends[0]) + m + ends[1];
      if (!same_tokens(s) && failed++ == 0) first = s;
      const std::string t = std::string(1, ends[0]) + m + m + ends[1];
      if (!same_tokens(t) && failed++ == 0) first = t;
    }
  INFO("first difference: [" << first << "]");
  CHECK(failed == 0);
}
