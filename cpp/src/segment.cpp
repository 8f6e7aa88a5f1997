#include "framelens/segment.hpp"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <memory>
#include <mutex>

#include "framelens/error.hpp"

namespace framelens {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

Span trim(std::string_view text, std::size_t a, std::size_t b) {
  while (a < b && is_space(text[a])) ++a;
  while (b > a && is_space(text[b - 1])) --b;
  return {a, b};
}

// One prototype sentence iterator, cloned per call (createSentenceInstance is comparatively slow).
std::unique_ptr<icu::BreakIterator> sentence_iterator() {
  static std::once_flag once;
  static std::unique_ptr<icu::BreakIterator> proto;
  static UErrorCode proto_status = U_ZERO_ERROR;
  std::call_once(once, [] { proto.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), proto_status)); });
  if (U_FAILURE(proto_status) || !proto) throw Error("ICU sentence break iterator unavailable");
  return std::unique_ptr<icu::BreakIterator>(proto->clone());
}

}  // namespace

std::vector<Span> split_paragraphs(std::string_view text) {
  std::vector<Span> out;
  const bool has_blank_line = [&] {
    std::size_t i = 0;
    while ((i = text.find('\n', i)) != std::string_view::npos) {
      std::size_t j = i + 1;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) ++j;
      if (j < text.size() && text[j] == '\n') return true;
      i = j;
    }
    return false;
  }();
  std::size_t start = 0, i = 0;
  auto flush = [&](std::size_t end) {
    const Span s = trim(text, start, end);
    if (s.end > s.start) out.push_back(s);
  };
  while (i < text.size()) {
    const std::size_t nl = text.find('\n', i);
    if (nl == std::string_view::npos) break;
    if (!has_blank_line) {
      flush(nl);
      start = nl + 1;
    } else {
      std::size_t j = nl + 1;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) ++j;
      if (j < text.size() && text[j] == '\n') {
        flush(nl);
        start = j;
      }
    }
    i = nl + 1;
  }
  flush(text.size());
  return out;
}

std::vector<Span> split_sentences(std::string_view text, Span range) {
  std::vector<Span> out;
  if (range.end > text.size() || range.start > range.end) throw InvalidArgument("sentence range outside the text");
  UErrorCode status = U_ZERO_ERROR;
  const std::string_view part = text.substr(range.start, range.size());
  UText* ut = utext_openUTF8(nullptr, part.data(), static_cast<int64_t>(part.size()), &status);
  if (U_FAILURE(status)) throw Error(std::string("ICU could not open text: ") + u_errorName(status));
  auto it = sentence_iterator();
  it->setText(ut, status);
  int32_t prev = it->first();
  for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) {
    const Span s = trim(text, range.start + static_cast<std::size_t>(prev), range.start + static_cast<std::size_t>(b));
    if (s.end > s.start) out.push_back(s);
    prev = b;
  }
  utext_close(ut);
  return out;
}

std::vector<Span> split_sentences(std::string_view text) {
  std::vector<Span> out;
  for (const Span& p : split_paragraphs(text)) {
    auto s = split_sentences(text, p);
    out.insert(out.end(), s.begin(), s.end());
  }
  return out;
}

void segment(Document& doc) {
  doc.paragraphs = split_paragraphs(doc.text);
  doc.sentences.clear();
  for (const Span& p : doc.paragraphs) {
    auto s = split_sentences(doc.text, p);
    doc.sentences.insert(doc.sentences.end(), s.begin(), s.end());
  }
}

}  // namespace framelens
