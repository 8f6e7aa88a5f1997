#pragma once
// Internal: sentence alignment inside stories (alignment.cpp) and what it says about coverage
// (coverage.cpp).
#include <cstdint>
#include <utility>
#include <vector>

#include "compare/context.hpp"

namespace framelens::detail {

/// The sentences of every story that two or more outlets cover, each with its best match in every
/// other outlet of the story.
struct Alignment {
  struct Row {
    std::uint32_t document, sentence;
  };
  struct Match {
    std::uint32_t outlet;   ///< the other outlet
    std::int32_t row;       ///< that sentence (index into rows), -1 when none shares a term
    double similarity;      ///< best cosine with a sentence of that outlet (0: nothing in common)
  };
  std::vector<Row> rows;                    ///< story by story, each in corpus and text order
  std::vector<std::uint32_t> story;         ///< per row
  std::vector<std::uint32_t> match_start;   ///< CSR: row r's matches are matches[match_start[r] .. match_start[r + 1])
  std::vector<Match> matches;               ///< per row, one per other outlet of its story, by outlet
};

/// `document_frequency` (per vocabulary term; used when options.idf_scope == "corpus").
Alignment align_sentences(const CompareContext& ctx, const std::vector<DocAnalysis>& docs,
                          const std::vector<double>& document_frequency);

/// (outlet, sentence hash), sorted: sentences repeated word for word in three or more documents of an outlet.
using SentenceKeys = std::vector<std::pair<std::uint32_t, std::uint64_t>>;
/// The hash of every sentence of every document (alignment.cpp's furniture rule hashes the same bytes).
std::vector<std::vector<std::uint64_t>> sentence_hashes(const CompareContext& ctx, const std::vector<DocAnalysis>& docs);
/// The same hashes straight from the documents' sentences (text.hpp: document_sentences), without the pass.
std::vector<std::vector<std::uint64_t>> sentence_hashes(const Corpus& corpus, unsigned threads);
/// For a corpus in pieces (compare_partial.hpp): the repeated sentences and the number of documents
/// (idf_scope "corpus") of the whole corpus given instead of taken from ctx.
Alignment align_sentences(const CompareContext& ctx, const std::vector<DocAnalysis>& docs,
                          const std::vector<double>& document_frequency, const SentenceKeys& repeated, double documents);

/// What aligned sentences say about each outlet.
struct Coverage {
  std::vector<std::int64_t> shared;  ///< outlet x outlet: sentences of the row outlet matched in the column outlet
  std::vector<std::vector<std::size_t>> unique;  ///< per outlet: aligned rows no other outlet reports
  struct Omission {
    std::size_t row;
    std::uint32_t reporters;  ///< outlets reporting the fact (the row's own outlet included)
  };
  std::vector<std::vector<Omission>> omitted;  ///< per outlet, most widely reported first, capped
  std::vector<std::size_t> omitted_total;      ///< before the cap
  std::vector<std::vector<std::string>> unique_entities, omitted_entities;
};

Coverage coverage(const CompareContext& ctx, const std::vector<DocAnalysis>& docs, const Alignment& alignment);

}  // namespace framelens::detail
