#include "compare/context.hpp"

#include <algorithm>
#include <unordered_map>

#include "framelens/error.hpp"
#include "framelens/segment.hpp"
#include "framelens/threads.hpp"
#include "util/parallel.hpp"

namespace framelens::detail {

std::vector<std::uint32_t> index_labels(const std::vector<std::string>& values, std::vector<std::string>& names) {
  std::unordered_map<std::string, std::uint32_t> pos;
  std::vector<std::uint32_t> out;
  out.reserve(values.size());
  for (const auto& v : values) {
    auto [it, inserted] = pos.emplace(v, static_cast<std::uint32_t>(names.size()));
    if (inserted) names.push_back(v);
    out.push_back(it->second);
  }
  return out;
}

Segments::Segments(const Corpus& corpus, unsigned threads) : corpus_(&corpus), split_(corpus.size()) {
  parallel_for(corpus.size(), threads, 16, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t i = b; i < e; ++i) {
      if (corpus[i].sentences.empty()) segment(corpus[i].text, split_[i].paragraphs, split_[i].sentences);
    }
  });
}

Segments::Segments(const Corpus& corpus, std::vector<std::vector<Span>> paragraphs, std::vector<std::vector<Span>> sentences)
    : corpus_(&corpus), split_(corpus.size()) {
  if (paragraphs.size() != corpus.size() || sentences.size() != corpus.size())
    throw InvalidArgument("compare_partial: the sentences of the given quotes (" + std::to_string(sentences.size()) +
                          " documents) do not fit the piece (" + std::to_string(corpus.size()) +
                          " documents); pass the piece_quotes() of this very piece");
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    for (const auto* spans : {&paragraphs[i], &sentences[i]})
      for (const Span& s : *spans)
        if (s.start > s.end || s.end > corpus[i].text.size())
          throw InvalidArgument("compare_partial: a sentence of the given quotes [" + std::to_string(s.start) + ", " +
                                std::to_string(s.end) + ") lies outside document " + std::to_string(i) +
                                " of the piece and does not fit it; pass the piece_quotes() of this very piece");
    split_[i].paragraphs = std::move(paragraphs[i]);
    split_[i].sentences = std::move(sentences[i]);
  }
}

void Segments::release(std::vector<std::vector<Span>>& paragraphs, std::vector<std::vector<Span>>& sentences) {
  paragraphs.clear();
  sentences.clear();
  for (auto& s : split_) {
    paragraphs.push_back(std::move(s.paragraphs));
    sentences.push_back(std::move(s.sentences));
  }
  split_.clear();
}

TokenOptions every_word(const TokenOptions& counted) {
  TokenOptions every = counted;
  every.remove_stopwords = false;
  every.stopwords.clear();
  every.keep_numbers = true;
  every.ngram_min = every.ngram_max = 1;
  return every;
}

CompareContext make_context(const Corpus& corpus, const CompareOptions& opt) {
  const std::size_t n = corpus.size();
  if (n == 0) throw InvalidArgument("compare: the corpus is empty; add documents from at least two outlets");
  if (!opt.stories.empty() && opt.stories.size() != n)
    throw InvalidArgument("compare: " + std::to_string(opt.stories.size()) + " story labels for " + std::to_string(n) +
                          " documents; give one per document");
  if (!(opt.align_threshold > 0 && opt.align_threshold <= 1))
    throw InvalidArgument("compare: align_threshold must be in (0, 1]");
  if (opt.idf_scope != "story" && opt.idf_scope != "corpus")
    throw InvalidArgument("compare: idf_scope must be 'story' or 'corpus', not '" + opt.idf_scope + "'");
  CompareContext ctx(corpus, opt);
  ctx.threads = resolve_threads(opt.threads);
  ctx.outlet_of = index_labels(corpus.labels(opt.by), ctx.outlets);
  set_stories(ctx, opt.stories.empty() ? std::vector<std::string>(n, "all") : opt.stories);
  return ctx;
}

void set_stories(CompareContext& ctx, const std::vector<std::string>& labels) {
  if (labels.size() != ctx.corpus.size())
    throw InvalidArgument("compare: " + std::to_string(labels.size()) + " story labels for " +
                          std::to_string(ctx.corpus.size()) + " documents; give one per document");
  ctx.stories.clear();
  ctx.story_of = index_labels(labels, ctx.stories);
  ctx.story_documents.assign(ctx.stories.size(), {});
  ctx.story_outlets.assign(ctx.stories.size(), {});
  for (std::uint32_t i = 0; i < ctx.story_of.size(); ++i) {
    ctx.story_documents[ctx.story_of[i]].push_back(i);
    ctx.story_outlets[ctx.story_of[i]].push_back(ctx.outlet_of[i]);
  }
  for (auto& o : ctx.story_outlets) {
    std::sort(o.begin(), o.end());
    o.erase(std::unique(o.begin(), o.end()), o.end());
  }
}

}  // namespace framelens::detail
