// Quote records: a document's statements in the quote format of ../shared/README.md, as JSON (the
// only place quotes become JSON; `framelens quotes --jsonl` writes them a corpus at a time).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ostream>

#include <nlohmann/json.hpp>

#include "framelens/quotes.hpp"
#include "framelens/threads.hpp"
#include "framelens/utf8.hpp"
#include "util/parallel.hpp"

namespace framelens {
namespace {

using json = nlohmann::ordered_json;

// Python's round(x, 4): printf rounds the exact binary value to 4 decimals (ties to even), and the
// double nearest that decimal is what round() returns, so both write the same shortest number.
double round4(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4f", x);
  return std::strtod(buf, nullptr);
}

// Byte offsets of one document's spans turned into code point offsets in one pass.
class Offsets {
 public:
  Offsets(std::string_view text, const std::vector<const Quote*>& kept) : text_(text) {
    for (const Quote* q : kept) {
      for (const auto* spans : {&q->contents, &q->quoted})
        for (const auto& s : *spans) add(s);
      add(q->cue);
      add(q->mention);
    }
    const auto cps = utf8::to_codepoints(text, bytes_);
    for (std::size_t k = 0; k < bytes_.size(); ++k) cp_.emplace_back(bytes_[k], cps[k]);
    std::sort(cp_.begin(), cp_.end());
  }

  // {"start", "end", "text"} of a span: code point offsets, its text as written.
  json span(const Span& s) const {
    json out = json::object();
    out["start"] = at(s.start);
    out["end"] = at(s.end);
    out["text"] = std::string(text_.substr(s.start, s.end - s.start));
    return out;
  }

 private:
  void add(const Span& s) {
    bytes_.push_back(s.start);
    bytes_.push_back(s.end);
  }
  std::size_t at(std::size_t byte) const {
    return std::lower_bound(cp_.begin(), cp_.end(), std::make_pair(byte, std::size_t{0}))->second;
  }

  std::string_view text_;
  std::vector<std::size_t> bytes_;
  std::vector<std::pair<std::size_t, std::size_t>> cp_;  // (byte, code point), sorted
};

bool is_empty(const Span& s) { return s.start == 0 && s.end == 0; }

json record(const Quote& q, const std::vector<Speaker>& speakers, const Offsets& offsets, const std::vector<const Span*>& pieces) {
  json cue = json::array(), sources = json::array(), contents = json::array();
  if (!is_empty(q.cue)) cue.push_back(offsets.span(q.cue));
  if (!is_empty(q.mention)) sources.push_back(offsets.span(q.mention));
  for (const Span* s : pieces) contents.push_back(offsets.span(*s));
  const Speaker* who = q.speaker >= 0 && static_cast<std::size_t>(q.speaker) < speakers.size() ? &speakers[q.speaker] : nullptr;
  json out = json::object();
  out["type"] = to_string(q.kind);
  out["cue"] = std::move(cue);
  out["sources"] = std::move(sources);
  out["contents"] = std::move(contents);
  out["speaker"] = who ? json(who->name) : json(nullptr);
  out["source_type"] = who ? json(to_string(who->type)) : json(nullptr);
  out["anonymous"] = who ? json(who->anonymous) : json(nullptr);
  out["affiliation"] = who ? json(who->affiliation) : json(nullptr);
  out["confidence"] = round4(q.confidence);
  out["unbalanced"] = q.unbalanced;
  return out;
}

// The content pieces of each record of a statement ("clause": one record with every piece; "marks":
// one per quotation, or one per piece when it has none).
std::vector<std::vector<const Span*>> record_pieces(const Quote& q, bool marks) {
  std::vector<std::vector<const Span*>> out;
  if (!marks) {
    out.emplace_back();
    for (const auto& c : q.contents) out.back().push_back(&c);
    return out;
  }
  for (const auto& c : q.quoted.empty() ? q.contents : q.quoted) out.push_back({&c});
  return out;
}

json records(const QuoteResult& result, std::string_view text, const QuoteRecordOptions& options) {
  std::vector<const Quote*> kept;
  for (const auto& q : result.quotes)
    if ((options.scare || q.kind != QuoteKind::scare) && q.confidence >= options.min_confidence) kept.push_back(&q);
  const Offsets offsets(text, kept);
  json out = json::array();
  for (const Quote* q : kept)
    for (const auto& pieces : record_pieces(*q, options.marks)) out.push_back(record(*q, result.speakers, offsets, pieces));
  return out;
}

constexpr auto kReplace = json::error_handler_t::replace;  // spans are on code point boundaries; never throw

}  // namespace

std::string to_json(const QuoteResult& result, std::string_view text, const QuoteRecordOptions& options) {
  return records(result, text, options).dump(-1, ' ', false, kReplace);
}

void write_jsonl(std::ostream& out, const Corpus& corpus, const std::vector<QuoteResult>& results,
                 const QuoteRecordOptions& options, int n_threads) {
  constexpr std::size_t kBlock = 1024;  // documents formatted before a write: bounded memory, whole corpus
  const unsigned threads = resolve_threads(n_threads);
  const std::size_t n = std::min(corpus.size(), results.size());
  std::vector<std::string> lines(std::min(n, kBlock));
  for (std::size_t begin = 0; begin < n; begin += kBlock) {
    const std::size_t end = std::min(n, begin + kBlock);
    detail::parallel_for(end - begin, threads, 16, [&](std::size_t b, std::size_t e, unsigned) {
      for (std::size_t k = b; k < e; ++k) {
        const Document& doc = corpus[begin + k];
        lines[k] = "{\"id\":" + json(doc.id).dump(-1, ' ', false, kReplace) + ",\"quotes\":" +
                   to_json(results[begin + k], doc.text, options) + "}\n";
      }
    });
    for (std::size_t k = 0; k < end - begin; ++k) out << lines[k];
  }
}

}  // namespace framelens
