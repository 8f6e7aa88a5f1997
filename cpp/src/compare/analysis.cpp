// The comparison's view of each document, from the one text representation (text.hpp: the Tokenizer's
// tokens, sentences, capitalised-name entities): content terms per sentence as ids of the count matrix's
// vocabulary, frame scores and actor-label counts.
#include <algorithm>

#include "compare/context.hpp"
#include "framelens/error.hpp"
#include "framelens/text.hpp"
#include "util/parallel.hpp"

namespace framelens::detail {
namespace {

// Actor labels by their first word, looked up once per word of every document (no string built per look-up).
using LabelIndex = std::unordered_map<std::string_view, std::vector<std::uint32_t>>;

bool possessive(std::string_view norm) { return norm.size() > 2 && norm.compare(norm.size() - 2, 2, "'s") == 0; }

// Per worker: the document's text representation and a map from its vocabulary to the count matrix's.
struct Worker {
  TermCache cache;
  DocumentText text;
  std::vector<std::uint32_t> to_counts;  ///< local term id -> count-matrix term id (npos: not counted)
};

// Counts non-overlapping label occurrences, longest label first at each position ("Pyongyang's" counts
// for "Pyongyang").
void count_labels(const std::vector<std::string_view>& words, const std::vector<ActorLabel>& labels,
                  const LabelIndex& by_first, DocAnalysis& d) {
  std::vector<std::string_view> toks;
  toks.reserve(words.size());
  for (const auto w : words) toks.push_back(possessive(w) ? w.substr(0, w.size() - 2) : w);
  std::map<std::uint32_t, std::uint32_t> counts;
  std::size_t k = 0;
  while (k < toks.size()) {
    std::size_t step = 1;
    const auto it = by_first.find(toks[k]);
    if (it != by_first.end())
      for (const std::uint32_t l : it->second) {
        const auto& lw = labels[l].words;
        if (k + lw.size() > toks.size()) continue;
        bool ok = true;
        for (std::size_t m = 1; m < lw.size() && ok; ++m) ok = toks[k + m] == lw[m];
        if (!ok) continue;
        counts[l] += 1;
        step = lw.size();
        break;
      }
    k += step;
  }
  d.labels.assign(counts.begin(), counts.end());
}

DocAnalysis analyse_one(const Document& doc, const Tokenizer& tokenizer, const Vocabulary& counted, Worker& w,
                        const FrameLexicon& lexicon, const std::vector<ActorLabel>& labels,
                        const LabelIndex& by_first) {
  analyse(doc, tokenizer, w.cache, w.text);
  const Vocabulary& vocabulary = w.cache.vocabulary();
  while (w.to_counts.size() < vocabulary.size())
    w.to_counts.push_back(counted.find(vocabulary.term(static_cast<std::uint32_t>(w.to_counts.size()))));
  const auto& tok = w.text.tokens;
  DocAnalysis d;
  d.sentences = w.text.sentences;
  d.entities = std::move(w.text.entities);
  d.sentence_words.assign(d.sentences.size(), 0);
  std::vector<std::vector<std::uint32_t>> per(d.sentences.size());
  std::vector<std::string_view> words;
  words.reserve(tok.size());
  for (std::size_t k = 0; k < tok.size(); ++k) {
    const auto kind = tok.kinds[k];
    if (kind != TokenKind::word && kind != TokenKind::number && kind != TokenKind::ideographic && kind != TokenKind::kana)
      continue;
    ++d.words;
    words.push_back(vocabulary.term(tok.terms[k]));
    if (d.sentences.empty()) continue;
    const auto s = w.text.token_sentence[k];
    ++d.sentence_words[s];
    const auto id = w.to_counts[tok.terms[k]];
    if (id != Vocabulary::npos) per[s].push_back(id);
  }
  d.term_start.push_back(0);
  for (const auto& p : per) {
    d.terms.insert(d.terms.end(), p.begin(), p.end());
    d.term_start.push_back(static_cast<std::uint32_t>(d.terms.size()));
  }
  if (!labels.empty()) count_labels(words, labels, by_first, d);
  auto scores = lexicon.score(words);
  d.frame_weight = std::move(scores.weight);
  d.frame_value = std::move(scores.value);
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

std::vector<DocAnalysis> analyse_documents(const CompareContext& ctx, const Vocabulary& counted,
                                           const FrameLexicon& lexicon, const std::vector<ActorLabel>& labels) {
  // Every word, stopwords included (sentence lengths, names, frame phrases and labels need them); the
  // look-up in the count matrix's vocabulary keeps the content terms it counts.
  TokenOptions all = ctx.options.tokens;
  all.remove_stopwords = false;
  all.stopwords.clear();
  all.keep_numbers = true;
  all.ngram_min = all.ngram_max = 1;
  const Tokenizer tokenizer(all);
  LabelIndex by_first;  // keys view the labels' own words, which outlive it
  for (std::uint32_t l = 0; l < labels.size(); ++l) by_first[labels[l].words[0]].push_back(l);
  std::vector<DocAnalysis> out(ctx.corpus.size());
  std::vector<Worker> workers(ctx.threads);
  parallel_for(out.size(), ctx.threads, 8, [&](std::size_t b, std::size_t e, unsigned t) {
    for (std::size_t i = b; i < e; ++i)
      out[i] = analyse_one(ctx.corpus[i], tokenizer, counted, workers[t], lexicon, labels, by_first);
  });
  return out;
}

}  // namespace framelens::detail
