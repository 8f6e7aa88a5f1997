#include "framelens/segment.hpp"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>

#include "framelens/error.hpp"
#include "framelens/utf8.hpp"

namespace framelens {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

Span trim(std::string_view text, std::size_t a, std::size_t b) {
  while (a < b && is_space(text[a])) ++a;
  while (b > a && is_space(text[b - 1])) --b;
  return {a, b};
}

// One prototype sentence iterator, cloned once per thread (createSentenceInstance is slow).
icu::BreakIterator& sentence_iterator() {
  static std::once_flag once;
  static std::unique_ptr<icu::BreakIterator> proto;
  static UErrorCode proto_status = U_ZERO_ERROR;
  std::call_once(once, [] { proto.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), proto_status)); });
  if (U_FAILURE(proto_status) || !proto) throw Error("ICU sentence break iterator unavailable");
  thread_local std::unique_ptr<icu::BreakIterator> mine;
  if (!mine) mine.reset(proto->clone());
  return *mine;
}

// Abbreviations after which ICU's break before a capitalised word is wrong in news text
// (titles, ranks, months, "No."). Case-sensitive: "Gen." is an abbreviation, "gen." is not.
bool is_title_abbreviation(std::string_view w) {
  static constexpr std::array<std::string_view, 62> list{
      "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Sen", "Sens", "Rep", "Reps", "Gov", "Govs", "Gen", "Gens", "Lt", "Col",
      "Sgt", "Capt", "Cmdr", "Cdr", "Adm", "Maj", "Brig", "Cpl", "Pvt", "Rev", "Hon", "St", "Ste", "Jr", "Sr", "Mt",
      "Ft", "Pres", "Supt", "Insp", "Det", "Amb", "Atty", "Messrs", "Mme", "Mlle", "Jan", "Feb", "Mar", "Apr", "Jun",
      "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "Nos", "vs", "v", "Fig", "Vol", "Ch", "Art"};
  for (const std::string_view a : list)  // (views: a const char* here cost a strlen per entry and break)
    if (w == a) return true;
  return false;
}

// Words that begin a new sentence after a dotted acronym ("... in the U.S. The ...").
bool is_sentence_starter(std::string_view w) {
  static constexpr std::array<std::string_view, 44> list{
      "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And", "Or", "In", "On", "At", "This",
      "That", "These", "Those", "There", "His", "Her", "Their", "Its", "Our", "My", "When", "While", "After", "Before",
      "As", "If", "So", "Yet", "Still", "However", "Meanwhile", "Mr", "Mrs", "Ms", "Dr", "For", "Some"};
  while (!w.empty() && (w.back() == '.' || w.back() == ',')) w.remove_suffix(1);
  for (const std::string_view a : list)
    if (w == a) return true;
  return false;
}

// Should the ICU break between `left` (a candidate sentence, trimmed) and `right` (what follows) be undone?
bool keep_together(std::string_view left, std::string_view right) {
  if (left.empty() || left.back() != '.' || right.empty()) return false;
  // last word of left, without the final '.' and opening punctuation
  std::size_t i = left.size() - 1;
  while (i > 0 && !is_space(left[i - 1]) && left[i - 1] != '(' && left[i - 1] != '"') --i;
  std::string_view last = left.substr(i, left.size() - 1 - i);
  if (last.size() >= 3 && last.substr(0, 3) == "\xE2\x80\x9C") last.remove_prefix(3);  // “
  if (last.empty()) return false;
  // next word
  std::size_t j = 0;
  while (j < right.size() && !is_space(right[j])) ++j;
  const std::string_view next = right.substr(0, j);
  if (is_title_abbreviation(last)) return true;
  // an initial: "S. Africa", "J. R. Smith", "John F. Kennedy"
  if (last.size() == 1 && last[0] >= 'A' && last[0] <= 'Z') return true;
  // a dotted acronym: "U.S.", "U.N.", "D.C." - joined unless a typical sentence start follows
  bool dotted = last.size() >= 3;
  for (std::size_t k = 0; k < last.size(); ++k) {
    const char c = last[k];
    if (k % 2 == 0 ? !(c >= 'A' && c <= 'Z') : c != '.') { dotted = false; break; }
  }
  if (dotted) return !is_sentence_starter(next);
  return false;
}

// Sentence-break classes of UAX #29 that matter for a paragraph that may be one sentence (line breaks
// count as spaces: the iterator sees them so, see split_range).
enum class SentenceClass { terminator, close, space, separator, neutral, other };

SentenceClass sentence_class(char32_t c) {
  if (c < 0x80) {
    if (c == '.' || c == '!' || c == '?') return SentenceClass::terminator;
    if (c == ' ' || (c >= '\t' && c <= '\r')) return SentenceClass::space;
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}') return SentenceClass::close;
    return SentenceClass::other;
  }
  switch (u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_SENTENCE_BREAK)) {
    case U_SB_STERM: case U_SB_ATERM: return SentenceClass::terminator;
    case U_SB_CLOSE: return SentenceClass::close;
    case U_SB_SP: return SentenceClass::space;
    case U_SB_SEP: case U_SB_CR: case U_SB_LF: return SentenceClass::separator;
    case U_SB_EXTEND: case U_SB_FORMAT: return SentenceClass::neutral;
    default: return SentenceClass::other;
  }
}

// The first byte at or after i (before end) that is . ! ? or not ASCII: eight bytes at a time.
std::size_t next_terminator_candidate(std::string_view text, std::size_t i, std::size_t end) {
  constexpr std::uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
  auto zero_byte = [&](std::uint64_t v) { return (v - ones) & ~v & high; };  // marks bytes equal to 0
  for (; i + 8 <= end; i += 8) {
    std::uint64_t x;
    std::memcpy(&x, text.data() + i, 8);
    const std::uint64_t hit = (x & high) | zero_byte(x ^ (ones * '.')) | zero_byte(x ^ (ones * '!')) | zero_byte(x ^ (ones * '?'));
    if (hit) break;  // (the exact byte is found below; a false mark from a borrow only ends the fast scan)
  }
  while (i < end) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b >= 0x80 || b == '.' || b == '!' || b == '?') break;
    ++i;
  }
  return i;
}

// The sentence breaks of a paragraph that has no terminator, or one run of terminators (. ! ? and the
// like, then closing marks) at its end, or whose every terminator run is followed by spaces and an ASCII
// letter: there the rules of UAX #29 come down to two (SB8: after a full stop, a lower-case letter
// continues the sentence; SB11: otherwise break after the spaces; SB5: format and extending characters
// count for nothing), so the breaks are found without ICU's iterator, most of the cost of splitting.
// False, with `breaks` unspecified, for anything else (a terminator with no space after it as in "3.5"
// or "U.S.", a digit, quotation mark or non-ASCII character after the spaces, a letter after a
// non-ASCII terminator, a paragraph separator): ICU's iterator decides those. Checked against the
// iterator on every paragraph of article-bias, PolNeAR and German WikiNews (39,328 texts): the same
// sentences.
bool simple_breaks(std::string_view text, Span p, std::vector<std::size_t>& breaks) {
  enum { body, closes, spaces } state = body;
  char32_t term = 0;  // the last terminator of the current run
  for (std::size_t i = p.start; i < p.end;) {
    if (state == body) {  // the common case: skip to the next terminator or non-ASCII byte
      i = next_terminator_candidate(text, i, p.end);
      if (i >= p.end) break;
    }
    const std::size_t at = i;
    const auto b = static_cast<unsigned char>(text[i]);
    const char32_t c = b < 0x80 ? (++i, b) : utf8::next(text, i);
    const SentenceClass cls = sentence_class(c);
    if (cls == SentenceClass::separator) return false;
    if (cls == SentenceClass::neutral) continue;
    if (state == body) {
      if (cls == SentenceClass::terminator) { term = c; state = closes; }
      continue;
    }
    switch (cls) {
      case SentenceClass::terminator: if (state == spaces) return false; term = c; break;  // "...", "?!"
      case SentenceClass::close: if (state == spaces) return false; break;
      case SentenceClass::space: state = spaces; break;
      default:
        if (state == closes || c >= 0x80 || term >= 0x80) return false;
        if (c >= 'a' && c <= 'z') {
          if (term != '.') breaks.push_back(at);
        } else if (c >= 'A' && c <= 'Z') {
          breaks.push_back(at);
        } else {
          return false;
        }
        state = body;
    }
  }
  breaks.push_back(p.end);
  return true;
}

void split_range(std::string_view text, Span range, std::vector<Span>& out) {
  if (range.end <= range.start) return;
  const std::size_t first = out.size();
  auto add = [&](std::size_t from, std::size_t to) {  // one sentence between two breaks, or joined to the last
    const Span s = trim(text, from, to);
    if (s.end <= s.start) return;
    if (out.size() > first) {
      Span& last = out.back();
      if (keep_together(text.substr(last.start, last.size()), text.substr(s.start, s.size()))) {
        last.end = s.end;
        return;
      }
    }
    out.push_back(s);
  };
  thread_local std::vector<std::size_t> breaks;
  breaks.clear();
  if (simple_breaks(text, range, breaks)) {
    std::size_t prev = range.start;
    for (const std::size_t b : breaks) {
      add(prev, b);
      prev = b;
    }
    return;
  }
  // ICU treats every line break as a paragraph separator; a paragraph's inner line breaks are soft
  // wraps, so the iterator sees a copy with CR/LF as spaces (same byte offsets).
  std::string_view part = text.substr(range.start, range.size());
  thread_local std::string scratch;
  // (two vectorised memchr scans: string_view::find_first_of calls memchr once per byte of the text)
  if (std::memchr(part.data(), '\n', part.size()) || std::memchr(part.data(), '\r', part.size())) {
    scratch.assign(part);
    for (char& c : scratch)
      if (c == '\r' || c == '\n') c = ' ';
    part = scratch;
  }
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, part.data(), static_cast<int64_t>(part.size()), &status);
  if (U_FAILURE(status)) throw Error(std::string("ICU could not open text: ") + u_errorName(status));
  icu::BreakIterator& it = sentence_iterator();
  it.setText(ut, status);
  int32_t prev = it.first();
  for (int32_t b = it.next(); b != icu::BreakIterator::DONE; b = it.next()) {
    add(range.start + static_cast<std::size_t>(prev), range.start + static_cast<std::size_t>(b));
    prev = b;
  }
  it.setText(icu::UnicodeString());  // drop the reference to the UText before closing it
  utext_close(ut);
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
  if (range.end > text.size() || range.start > range.end) throw InvalidArgument("sentence range outside the text");
  std::vector<Span> out;
  split_range(text, range, out);
  return out;
}

std::vector<Span> split_sentences(std::string_view text) {
  std::vector<Span> out;
  for (const Span& p : split_paragraphs(text)) split_range(text, p, out);
  return out;
}

void segment(std::string_view text, std::vector<Span>& paragraphs, std::vector<Span>& sentences) {
  paragraphs = split_paragraphs(text);
  sentences.clear();
  for (const Span& p : paragraphs) split_range(text, p, sentences);
}

void segment(Document& doc) { segment(doc.text, doc.paragraphs, doc.sentences); }

}  // namespace framelens
