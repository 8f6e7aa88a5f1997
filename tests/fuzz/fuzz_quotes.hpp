#pragma once
// Quote extraction (one harness per language): every span of every quote and speaker lies inside the
// text on code-point boundaries; speaker indexes are valid; the corpus run is the same on 1 and 2 threads;
// the records (to_json, write_jsonl) are JSON whose spans hold the text they point at.
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "framelens/quotes.hpp"
#include "fuzz_common.hpp"

namespace fuzz {

inline void require_result(std::string_view text, const framelens::QuoteResult& r) {
  for (const auto& q : r.quotes) {
    for (const auto& c : q.contents) require_span(text, c, "quote content");
    for (const auto& c : q.quoted) require_span(text, c, "quotation");
    require_span(text, q.cue, "cue");
    require_span(text, q.mention, "speaker mention");
    require(q.speaker >= -1 && q.speaker < static_cast<int>(r.speakers.size()), "speaker index");
    require(q.confidence >= 0.0 && q.confidence <= 1.0, "quote confidence outside 0..1");
  }
  for (const auto& s : r.speakers) {
    for (const auto& m : s.mentions) require_span(text, m, "speaker mention");
    require(valid_utf8(s.name) && valid_utf8(s.role) && valid_utf8(s.affiliation), "speaker text not UTF-8");
  }
}

// Every record of to_json() is JSON, and each span's text is the text's code points [start, end).
inline void require_records(std::string_view text, const framelens::QuoteResult& r) {
  std::vector<std::size_t> starts;  // byte offset of every code point, and the end
  for (std::size_t i = 0; i < text.size(); ++i)
    if (!framelens::utf8::is_continuation(text[i])) starts.push_back(i);
  starts.push_back(text.size());
  for (const bool marks : {false, true}) {
    framelens::QuoteRecordOptions options;
    options.scare = true;
    options.marks = marks;
    const auto records = nlohmann::json::parse(framelens::to_json(r, text, options), nullptr, false);
    require(records.is_array(), "quote records are not a JSON array");
    for (const auto& record : records)
      for (const char* role : {"contents", "cue", "sources"})
        for (const auto& span : record[role]) {
          const std::size_t a = span["start"], b = span["end"];
          require(a <= b && b < starts.size(), "record span outside the text");
          require(span["text"] == std::string(text.substr(starts[a], starts[b] - starts[a])), "record span text");
        }
  }
}

inline bool same(const framelens::QuoteResult& a, const framelens::QuoteResult& b) {
  if (a.quotes.size() != b.quotes.size() || a.speakers.size() != b.speakers.size()) return false;
  for (std::size_t i = 0; i < a.quotes.size(); ++i)
    if (!(a.quotes[i].content() == b.quotes[i].content()) || a.quotes[i].speaker != b.quotes[i].speaker) return false;
  for (std::size_t i = 0; i < a.speakers.size(); ++i)
    if (a.speakers[i].name != b.speakers[i].name) return false;
  return true;
}

inline int run_quotes(const char* lang, const std::uint8_t* data, std::size_t size) {
  static const framelens::QuoteExtractor extractor(lang);
  const std::string text = text_of(data, size);
  const auto result = extractor.extract(text);
  require_result(text, result);
  require_records(text, result);
  // the input's halves as a two-document corpus, on one and on two threads
  framelens::Corpus corpus;
  std::string a = text.substr(0, text.size() / 2);
  framelens::utf8::replace_invalid(a);
  corpus.add(a, "A");
  corpus.add(text, "B");
  const auto one = extractor.extract(corpus, 1);
  const auto two = extractor.extract(corpus, 2);
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    require_result(corpus[i].text, one[i]);
    require(same(one[i], two[i]), "quotes depend on the thread count");
  }
  std::ostringstream lines;
  framelens::write_jsonl(lines, corpus, one, {}, 2);
  std::istringstream in(lines.str());
  std::size_t n = 0;
  for (std::string line; std::getline(in, line); ++n)
    require(!nlohmann::json::parse(line, nullptr, false).is_discarded(), "a JSON Lines line is not JSON");
  require(n == corpus.size(), "write_jsonl wrote another number of lines than documents");
  return 0;
}

}  // namespace fuzz
