#pragma once
// Shared helpers for the quote tests: the text of a span, and one extractor per language for the whole
// test binary (a language pack takes a while to load).
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

}  // namespace framelens::testing
