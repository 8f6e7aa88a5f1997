// compare(): the orchestrator. Each part lives in its own file of cpp/src/compare/:
//   context.cpp    outlets and stories as dense indices, validation
//   terms.cpp      the count matrix (dtm()), outlet similarity, distinctive terms, keyness_terms
//   analysis.cpp   each document through the one Tokenizer: sentences, content terms, names, frames, labels
//   alignment.cpp  sentence alignment inside stories;  coverage.cpp: unique, omitted, shared, names
//   sourcing.cpp   quotes (exactly Corpus.quotes()'s extractor) and who each outlet lets speak
//   shared_quotes.cpp  the same quote across the outlets of a story
//   actors.cpp     actor salience and labelling;  result.cpp: the tables;  json.cpp: to_json / from_json
#include "framelens/compare.hpp"

#include <optional>

#include "compare/result.hpp"
#include "compare/shared_quotes.hpp"
#include "compare/terms.hpp"
#include "framelens/error.hpp"

namespace framelens {
namespace {

std::vector<double> document_frequency(const DocumentTermMatrix& counts) {
  std::vector<double> df(counts.terms.size(), 0.0);
  const auto* idx = counts.matrix.innerIndexPtr();
  for (Eigen::Index k = 0, nnz = counts.matrix.nonZeros(); k < nnz; ++k) df[static_cast<std::size_t>(idx[k])] += 1;
  return df;
}

}  // namespace

const std::vector<std::string>& compare_phases() {
  static const std::vector<std::string> phases = {"quotes", "documents", "stories", "sourcing", "shared quotes",
                                                  "distinctive terms", "similarity", "alignment", "actors", "tables"};
  return phases;
}

Comparison compare(const Corpus& corpus, const CompareOptions& opt) {
  const auto phase = [&](const char* name) {
    if (opt.progress) opt.progress(name);
  };
  auto ctx = detail::make_context(corpus, opt);
  const FrameLexicon& lexicon = opt.frames ? *opt.frames : FrameLexicon::generic();
  Comparison c;
  detail::describe(c, opt, lexicon);
  c.outlets = ctx.outlets;

  // The quotes: the given ones, or the extractor's (from the sentences the document pass reads too), in
  // their table before the document pass (the records take several times its memory); the pass needs
  // only their spans.
  phase("quotes");
  std::optional<detail::Segments> segments(std::in_place, corpus, ctx.threads);  // freed after the document pass
  std::vector<std::vector<Span>> quote_spans;
  {
    std::vector<QuoteRecord> found = !opt.quotes_given && opt.extract_quotes
                                         ? detail::quote_records(corpus, *segments, opt.extractors, opt.threads)
                                         : std::vector<QuoteRecord>{};
    const auto& quotes = opt.quotes_given ? opt.quotes : found;
    c.tables["quotes"] = quote_table(corpus, quotes, ctx.document_outlets(), {}, static_cast<int>(ctx.threads));
    quote_spans = detail::quote_spans(corpus.size(), quotes);
  }

  // Words: one pass over the text gives the count matrix, the documents' analyses and the story vectors.
  phase("documents");
  const bool from_gazetteer = opt.actors.empty() && opt.default_actors;
  const auto labels = detail::actor_labels(from_gazetteer ? gazetteer_actors() : opt.actors, Tokenizer(opt.tokens));
  const bool group = opt.stories.empty() && opt.group_stories.has_value();
  auto pass = detail::read_documents(ctx, *segments, lexicon, labels, quote_spans, group ? &*opt.group_stories : nullptr);
  segments.reset();  // the documents' analyses hold their sentences
  std::vector<std::vector<Span>>().swap(quote_spans);
  const auto& docs = pass.docs;
  const DocumentTermMatrix& counts = pass.counts;  // weighted by the similarity, freed when the alignment starts
  phase("stories");
  if (group) detail::set_stories(ctx, pass.stories);

  const auto df = document_frequency(counts);
  phase("sourcing");
  detail::set_quote_stories(c.tables["quotes"], ctx);
  const detail::QuoteRows quotes(c.table("quotes"));
  const auto sourcing = detail::sourcing(ctx, quotes, pass.quoted_words);
  detail::add_sourcing(c, ctx, sourcing);
  phase("shared quotes");
  detail::add_shared_quotes(c, ctx, quotes, detail::term_index(counts.terms), df, static_cast<double>(corpus.size()));

  phase("distinctive terms");
  std::vector<std::size_t> types;
  detail::add_terms(c, ctx, detail::distinctive_terms(ctx, counts, types));
  phase("similarity");
  const auto sim = detail::outlet_similarity(ctx, pass.counts.matrix);  // weighs the counts in place
  c.matrices["similarity"] = sim.corpus;
  c.matrices["story_similarity"] = sim.stories;

  // Coverage: sentences aligned inside stories; the alignment is dropped once it is in its tables.
  phase("alignment");
  pass.counts = DocumentTermMatrix{};  // nothing after this reads the matrix (the alignment has `df`)
  detail::Coverage coverage;
  {
    const auto alignment = detail::align_sentences(ctx, docs, df);
    detail::drop_sentence_terms(pass.docs);  // nor the sentences' terms, once aligned
    coverage = detail::coverage(ctx, docs, alignment);
    detail::add_alignment(c, ctx, docs, alignment, coverage);
  }

  phase("actors");
  detail::add_actors(c, ctx, detail::actor_salience(ctx, docs), detail::actor_label_counts(ctx, docs, labels, from_gazetteer));
  phase("tables");
  detail::add_outlets(c, ctx, docs, types, coverage, sourcing);
  detail::add_documents(c, ctx, docs);
  detail::add_frames(c, ctx, docs);
  for (auto& [name, t] : c.tables) t.seal();
  return c;
}

const Table& Comparison::table(std::string_view name) const {
  const auto it = tables.find(std::string(name));
  if (it == tables.end()) throw NotFound("comparison: no table '" + std::string(name) + "'");
  return it->second;
}

const std::vector<double>& Comparison::matrix(std::string_view name) const {
  const auto it = matrices.find(std::string(name));
  if (it == matrices.end()) throw NotFound("comparison: no matrix '" + std::string(name) + "'");
  return it->second;
}

const std::vector<std::string>& comparison_table_names() {
  static const std::vector<std::string> names = {
      "outlets", "documents", "sentences", "matches", "unique", "omitted", "entities", "distinctive_terms",
      "frame_terms", "quotes", "quote_counts", "first_quoted", "exclusive_speakers", "shared_quotes",
      "shared_quote_members", "actors", "labels"};
  return names;
}

const std::vector<std::string>& comparison_matrix_names() {
  static const std::vector<std::string> names = {"similarity", "story_similarity", "speaker_overlap", "coverage", "frames"};
  return names;
}

}  // namespace framelens
