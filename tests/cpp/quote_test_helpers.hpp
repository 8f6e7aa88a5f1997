#pragma once
// Shared helpers for the quote tests: the text of a span, one extractor per language for the whole
// test binary (a language pack takes a while to load), and the one quote of a text.
#include <catch2/catch.hpp>

#include <string>

#include "framelens/quotes.hpp"

namespace framelens::testing {

inline std::string text_of(const std::string& text, Span s) { return text.substr(s.start, s.end - s.start); }

inline const QuoteExtractor& en() {
  static const QuoteExtractor ex("en");
  return ex;
}

inline const QuoteExtractor& de() {
  static const QuoteExtractor ex("de");
  return ex;
}

/// The one quote `ex` (English by default) finds in `text` (REQUIREs exactly one).
inline Quote only_quote(const std::string& text, const QuoteExtractor& ex = en()) {
  QuoteResult r = ex.extract(text);
  INFO(text);
  REQUIRE(r.quotes.size() == 1);
  return r.quotes[0];
}

}  // namespace framelens::testing
