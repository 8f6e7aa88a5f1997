// The comparison's view of each document, from the one Tokenizer: sentences with their content terms
// (ids of the count matrix's vocabulary), capitalised-name entities, frame scores and actor labels.
#include <algorithm>
#include <unordered_set>

#include <nlohmann/json.hpp>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "compare/context.hpp"
#include "framelens/data.hpp"
#include "framelens/error.hpp"
#include "framelens/keyness.hpp"
#include "framelens/segment.hpp"
#include "util/parallel.hpp"

namespace framelens::detail {
namespace {

// Words that never open or close a name, and words that join two capitalised words into one.
const WordSet& calendar_words() {
  static const WordSet s = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                            "january", "february", "march", "april", "may", "june", "july", "august",
                            "september", "october", "november", "december"};
  return s;
}
const WordSet& connectors() {
  static const WordSet s = {"of", "for", "de", "la", "von", "van", "der", "al", "bin"};
  return s;
}
const WordSet& stopwords() {
  static const WordSet s = [] {
    WordSet w;
    for (const auto& x : english_stopwords()) w.insert(x);
    return w;
  }();
  return s;
}

// Words that precede a name without being one: honorifics and titles (lang/en/house_style.txt and the
// quote lexicon's titles: "Mr", "Foreign Minister"), and demonyms before a title or alone ("Russian
// President X", "Russian"); a name is what follows. ("Korean Central News Agency" keeps its demonym.)
const WordSet& titles() {
  static const WordSet s = [] {
    WordSet w;
    for (const auto& x : house_style_terms({})) w.insert(x);
    const auto cues = data::embedded("lang/en/cues.json");
    const auto j = nlohmann::json::parse(cues.begin(), cues.end(), nullptr, false);
    if (j.is_object() && j.contains("titles") && j["titles"].is_array())
      for (const auto& t : j["titles"])
        if (t.is_string()) w.insert(t.get<std::string>());
    return w;
  }();
  return s;
}
const WordSet& demonyms() {
  static const WordSet s = [] {
    WordSet w;
    const Tokenizer tokenizer;
    const auto gz = data::embedded("gazetteer.json");
    const auto g = nlohmann::json::parse(gz.begin(), gz.end(), nullptr, false);
    if (g.is_object() && g.contains("countries") && g["countries"].is_object())
      for (const auto& [name, c] : g["countries"].items())
        if (c.is_object() && c.contains("demonyms") && c["demonyms"].is_array())
          for (const auto& d : c["demonyms"])
            if (d.is_string()) w.insert(tokenizer.normalize(d.get<std::string>()));
    return w;
  }();
  return s;
}

bool capitalised(std::string_view text, Span span) {
  if (span.start >= span.end) return false;
  std::int32_t i = 0;
  UChar32 c;
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data() + span.start);
  U8_NEXT(s, i, static_cast<std::int32_t>(span.size()), c);
  return c >= 0 && (u_isupper(c) || u_istitle(c));
}

bool only_space(std::string_view text, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i)
    if (text[i] != ' ' && text[i] != '\t') return false;
  return from < to;
}

bool possessive(std::string_view norm) {
  return norm.size() > 2 && norm.compare(norm.size() - 2, 2, "'s") == 0;
}

struct Word {
  Span span;
  std::string norm;
  std::uint32_t sentence;
  bool caps;
};

// Emits the name in words [a, b) after trimming function words, calendar words, titles and demonyms.
void emit_entity(std::string_view text, const std::vector<Word>& w, std::size_t a, std::size_t b,
                 std::vector<Entity>& out) {
  const auto edge = [](const Word& x) { return stopwords().count(x.norm) || calendar_words().count(x.norm); };
  while (a < b) {
    if (edge(w[a]) || titles().count(w[a].norm)) ++a;
    else if (demonyms().count(w[a].norm) && (a + 1 == b || titles().count(w[a + 1].norm))) ++a;
    else break;
  }
  while (b > a && (edge(w[b - 1]) || connectors().count(w[b - 1].norm) || titles().count(w[b - 1].norm))) --b;
  if (a >= b) return;
  Entity e;
  e.span = {w[a].span.start, w[b - 1].span.end};
  e.sentence = w[a].sentence;
  for (std::size_t k = a; k < b; ++k) {
    if (k > a) e.text.push_back(' ');
    e.text.append(text.substr(w[k].span.start, w[k].span.size()));
  }
  if (possessive(w[b - 1].norm)) {  // "Kestria’s" -> "Kestria"
    const std::size_t cut = e.text.size() >= 4 && e.text.compare(e.text.size() - 4, 4, "\xE2\x80\x99s") == 0 ? 4 : 2;
    e.text.resize(e.text.size() - cut);
    e.span.end -= cut;
  }
  if (!e.text.empty()) out.push_back(std::move(e));
}

// Runs of capitalised words in one sentence ("Bank of Aldoria"); a possessive ends a name and the
// possessed name starts after it ("Pyongyang's Korean Central News Agency" -> both). A sentence's
// first word is a name only if the document also capitalises it mid-sentence ("Cooperation ..." and
// "Neighbours Japan ..." are not names; "Japan" is) or is possessive.
std::vector<Entity> find_entities(std::string_view text, const std::vector<Word>& w) {
  std::unordered_set<std::string> mid_caps;
  for (std::size_t i = 1; i < w.size(); ++i)
    if (w[i].caps && w[i].sentence == w[i - 1].sentence) mid_caps.insert(w[i].norm);
  std::vector<Entity> out;
  std::size_t i = 0;
  while (i < w.size()) {
    if (!w[i].caps) { ++i; continue; }
    std::size_t j = i + 1;
    while (j < w.size() && w[j].sentence == w[i].sentence && only_space(text, w[j - 1].span.end, w[j].span.start) &&
           !possessive(w[j - 1].norm)) {
      if (w[j].caps) { ++j; continue; }
      if (connectors().count(w[j].norm) && j + 1 < w.size() && w[j + 1].caps && w[j + 1].sentence == w[i].sentence &&
          only_space(text, w[j].span.end, w[j + 1].span.start)) {
        j += 2;
        continue;
      }
      break;
    }
    std::size_t a = i;
    const bool sentence_start = i == 0 || w[i - 1].sentence != w[i].sentence;
    // A possessive is a name's ("Pyongyang's ..."), whatever its position.
    if (sentence_start && !mid_caps.count(w[i].norm) && !possessive(w[i].norm)) ++a;
    emit_entity(text, w, a, j, out);
    i = j;
  }
  return out;
}

// Counts non-overlapping label occurrences, longest label first at each position ("Pyongyang's" counts
// for "Pyongyang").
void count_labels(const std::vector<Word>& w, const std::vector<ActorLabel>& labels,
                  const std::unordered_map<std::string, std::vector<std::uint32_t>>& by_first, DocAnalysis& d) {
  std::vector<std::string> toks;
  toks.reserve(w.size());
  for (const auto& x : w) toks.push_back(possessive(x.norm) ? x.norm.substr(0, x.norm.size() - 2) : x.norm);
  std::map<std::uint32_t, std::uint32_t> counts;
  std::size_t k = 0;
  while (k < toks.size()) {
    std::size_t step = 1;
    const auto it = by_first.find(toks[k]);
    if (it != by_first.end())
      for (const std::uint32_t l : it->second) {
        const auto& words = labels[l].words;
        if (k + words.size() > toks.size()) continue;
        bool ok = true;
        for (std::size_t m = 1; m < words.size() && ok; ++m) ok = toks[k + m] == words[m];
        if (!ok) continue;
        counts[l] += 1;
        step = words.size();
        break;
      }
    k += step;
  }
  d.labels.assign(counts.begin(), counts.end());
}

DocAnalysis analyse(const Document& doc, const Tokenizer& tokenizer, const TermIndex& vocabulary,
                    const FrameLexicon& lexicon, const std::vector<ActorLabel>& labels,
                    const std::unordered_map<std::string, std::vector<std::uint32_t>>& by_first) {
  DocAnalysis d;
  const std::string_view text = doc.text;
  d.sentences = doc.sentences.empty() ? split_sentences(text) : doc.sentences;
  std::vector<Word> words;
  std::vector<std::vector<std::uint32_t>> per(d.sentences.size());
  d.sentence_words.assign(d.sentences.size(), 0);
  std::uint32_t s = 0;
  for (auto& t : tokenizer.tokenize(text)) {
    if (t.kind != TokenKind::word && t.kind != TokenKind::number && t.kind != TokenKind::ideographic &&
        t.kind != TokenKind::kana)
      continue;
    while (s + 1 < d.sentences.size() && t.span.start >= d.sentences[s].end) ++s;
    ++d.words;
    if (!d.sentences.empty()) {
      ++d.sentence_words[s];
      const auto id = vocabulary.find(t.text);
      if (id != TermIndex::npos) per[s].push_back(id);
    }
    words.push_back({t.span, std::move(t.text), s, capitalised(text, t.span)});
  }
  d.term_start.push_back(0);
  for (auto& p : per) {
    d.terms.insert(d.terms.end(), p.begin(), p.end());
    d.term_start.push_back(static_cast<std::uint32_t>(d.terms.size()));
  }
  d.entities = find_entities(text, words);
  if (!labels.empty()) count_labels(words, labels, by_first, d);
  std::vector<std::string> norms;
  norms.reserve(words.size());
  for (auto& x : words) norms.push_back(std::move(x.norm));
  auto scores = lexicon.score(norms);
  d.frame_weight = std::move(scores.weight);
  d.frame_tokens = scores.tokens;
  d.frame_hits = std::move(scores.hits);
  return d;
}

}  // namespace

std::vector<ActorLabel> actor_labels(const std::map<std::string, std::vector<std::string>>& actors,
                                     const Tokenizer& tokenizer) {
  std::vector<ActorLabel> out;
  for (const auto& [actor, ls] : actors)
    for (const auto& l : ls) {
      ActorLabel x{actor, l, {}};
      for (auto& t : tokenizer.tokenize(l)) x.words.push_back(std::move(t.text));
      if (x.words.empty()) throw InvalidArgument("compare: actor '" + actor + "' has an empty label");
      out.push_back(std::move(x));
    }
  std::stable_sort(out.begin(), out.end(),
                   [](const ActorLabel& a, const ActorLabel& b) { return a.words.size() > b.words.size(); });
  return out;
}

std::vector<DocAnalysis> analyse_documents(const CompareContext& ctx, const TermIndex& vocabulary,
                                           const FrameLexicon& lexicon, const std::vector<ActorLabel>& labels) {
  // Every word, stopwords included (sentence lengths, names, frame phrases and labels need them); the
  // vocabulary look-up keeps the content terms the count matrix has.
  TokenOptions words = ctx.options.tokens;
  words.remove_stopwords = false;
  words.stopwords.clear();
  words.keep_numbers = true;
  words.ngram_min = words.ngram_max = 1;
  const Tokenizer tokenizer(words);
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_first;
  for (std::uint32_t l = 0; l < labels.size(); ++l) by_first[labels[l].words[0]].push_back(l);
  std::vector<DocAnalysis> out(ctx.corpus.size());
  parallel_for(out.size(), ctx.threads, 8, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t i = b; i < e; ++i) out[i] = analyse(ctx.corpus[i], tokenizer, vocabulary, lexicon, labels, by_first);
  });
  return out;
}

}  // namespace framelens::detail
