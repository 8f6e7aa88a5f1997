// Tokenizer and document-term matrix: token spans inside the text on code-point boundaries and in order,
// normalised forms valid UTF-8; the fast path agrees with plain ICU; the matrix of the input's lines
// holds each document's token count and is the same on 1 and 2 threads.
#include <vector>

#include "framelens/dtm.hpp"
#include "framelens/tokenizer.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace framelens;
  const std::string text = fuzz::text_of(data, size);
  TokenOptions o;
  o.mode = size && (data[0] & 1) ? TokenMode::sklearn : TokenMode::icu;
  o.keep_punct = size && (data[0] & 2);
  const auto tokens = tokenize(text, o);
  std::size_t last = 0;
  for (const auto& t : tokens) {
    fuzz::require_span(text, t.span, "token");
    fuzz::require(t.span.start >= last || o.mode == TokenMode::sklearn, "tokens out of order");
    last = t.span.start;
    fuzz::require(fuzz::valid_utf8(t.text), "token text not UTF-8");
  }
  if (o.mode == TokenMode::icu) {
    TokenOptions slow = o;
    slow.fast_path = false;
    const auto plain = tokenize(text, slow);
    fuzz::require(plain.size() == tokens.size(), "fast path and plain ICU disagree on the token count");
    for (std::size_t i = 0; i < tokens.size(); ++i)
      fuzz::require(plain[i].text == tokens[i].text && plain[i].span == tokens[i].span, "fast path and plain ICU disagree");
  }
  Corpus corpus;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i)
    if (i == text.size() || text[i] == '\n') {
      corpus.add(text.substr(start, i - start), i % 2 ? "A" : "B");
      start = i + 1;
    }
  DtmOptions d;
  d.tokens = o;
  d.threads = 1;
  DocumentTermMatrix m1, m2;
  const bool ok1 = fuzz::guarded([&] { m1 = dtm(corpus, d); });  // no token at all: InvalidArgument
  d.threads = 2;
  const bool ok2 = fuzz::guarded([&] { m2 = dtm(corpus, d); });
  fuzz::require(ok1 == ok2, "dtm success depends on the thread count");
  if (!ok1) return 0;
  fuzz::require(m1.terms == m2.terms && m1.matrix.nonZeros() == m2.matrix.nonZeros(), "dtm depends on the thread count");
  fuzz::require(m1.matrix.rows() == static_cast<long>(corpus.size()), "dtm rows");
  for (std::size_t r = 0; r < corpus.size(); ++r) {
    const double row = m1.matrix.row(static_cast<long>(r)).sum();
    fuzz::require(row == m2.matrix.row(static_cast<long>(r)).sum(), "dtm row differs by thread count");
    fuzz::require(row == static_cast<double>(tokenize(corpus[r].text, o).size()), "dtm row sum != token count");
  }
  return 0;
}
