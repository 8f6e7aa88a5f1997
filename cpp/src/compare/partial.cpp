// compare() on a corpus in pieces, part 1: what each piece computes (compare_partial.hpp). merge.cpp and
// merge_sums.cpp put the pieces together; partial_bytes.cpp writes them as bytes.
//
// A piece runs the same parts as compare() (analysis.cpp, alignment.cpp, coverage.cpp, sourcing.cpp,
// actors.cpp, result.cpp) on its own documents, with three differences: outlets are indices into the
// whole corpus's outlet list, term ids are the whole corpus's vocabulary (so TF-IDF uses the corpus's
// document frequencies) and the repeated sentences and speakers' full names come from the whole corpus.
// What depends on other pieces is kept as sums: per outlet and term the counts and the summed
// L2-normalised TF-IDF rows; per outlet the quote tallies, frame weights, actor mentions.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <unordered_map>

#include "compare/partial.hpp"
#include "compare/shared_quotes.hpp"
#include "compare/terms.hpp"
#include "framelens/error.hpp"
#include "framelens/threads.hpp"
#include "framelens/utf8.hpp"
#include "matrix/sum_rows.hpp"

namespace framelens {
namespace detail {

Table make_table(std::initializer_list<std::pair<const char*, ColumnType>> columns) {
  Table t;
  for (const auto& [name, type] : columns) t.add(name, type);
  return t;
}

Table sparse_table(const SparseMatrix& m) {
  Table t = make_table({{"outlet", ColumnType::int64}, {"term", ColumnType::int64}, {"value", ColumnType::float64}});
  for (Eigen::Index r = 0; r < m.outerSize(); ++r)
    for (SparseMatrix::InnerIterator it(m, r); it; ++it) {
      t.column("outlet").push(static_cast<std::int64_t>(r));
      t.column("term").push(static_cast<std::int64_t>(it.col()));
      t.column("value").push(it.value());
    }
  return t;
}

namespace {

using I = std::int64_t;
constexpr auto N = ColumnType::int64;
constexpr auto F = ColumnType::float64;
constexpr auto S = ColumnType::string;

// compare()'s context with the whole corpus's outlet indices.
CompareContext piece_context(const Corpus& piece, const CompareOptions& opt, const std::vector<std::string>& outlets) {
  CompareContext ctx = make_context(piece, opt);
  std::unordered_map<std::string, std::uint32_t> index;
  for (std::uint32_t g = 0; g < outlets.size(); ++g) index.emplace(outlets[g], g);
  std::vector<std::uint32_t> to(ctx.outlets.size());
  for (std::size_t g = 0; g < to.size(); ++g) {
    const auto it = index.find(ctx.outlets[g]);
    if (it == index.end())
      throw InvalidArgument("compare_partial: outlet '" + ctx.outlets[g] +
                            "' is not in the corpus's outlet list; compute the globals over every piece");
    to[g] = it->second;
  }
  for (auto& o : ctx.outlet_of) o = to[o];
  for (auto& list : ctx.story_outlets) {
    for (auto& o : list) o = to[o];
    std::sort(list.begin(), list.end());
  }
  ctx.outlets = outlets;
  return ctx;
}

// The pass's counts with the columns of the corpus's vocabulary, and its documents' content terms as
// the same columns (alignment looks document frequencies up by column).
SparseMatrix corpus_columns(DocumentPass& pass, const TermFrequencies& vocabulary) {
  const auto positions = term_positions(pass.counts.terms, vocabulary.terms);
  for (std::size_t j = 0; j < positions.size(); ++j)
    if (positions[j] < 0)
      throw InvalidArgument("compare_partial: the term '" + pass.counts.terms[j] +
                            "' is not in the corpus's vocabulary; count it with the same token options over every piece");
  for (auto& d : pass.docs)
    for (auto& t : d.terms) t = static_cast<std::uint32_t>(positions[t]);
  return remap_columns(view(pass.counts.matrix), positions, static_cast<Eigen::Index>(vocabulary.terms.size()));
}

// weight(tfidf) of the rows with the corpus's document frequencies: tf x (ln((1 + n) / (1 + df)) + 1), rows
// L2-normalised (dtm.cpp's formula, with n and df of the whole corpus).
SparseMatrix corpus_tfidf(const SparseMatrix& counts, const TermFrequencies& vocabulary) {
  const double n = static_cast<double>(vocabulary.documents);
  SparseMatrix m = counts;
  for (Eigen::Index r = 0; r < m.outerSize(); ++r) {
    double ss = 0;
    for (SparseMatrix::InnerIterator it(m, r); it; ++it) {
      it.valueRef() *= std::log((n + 1) / (static_cast<double>(vocabulary.df[static_cast<std::size_t>(it.col())]) + 1)) + 1;
      ss += it.value() * it.value();
    }
    const double norm = std::sqrt(ss);
    if (norm > 0)
      for (SparseMatrix::InnerIterator it(m, r); it; ++it) it.valueRef() /= norm;
  }
  return m;
}

// Per outlet: the tallies the outlets table and the sourcing shares are made of.
void outlet_sums(const CompareContext& ctx, const std::vector<DocAnalysis>& docs, const QuoteRows& quotes,
                 const Sourcing& sourcing, const Table& outlets_view, PartialComparison& p) {
  Table t = make_table({{"outlet", N}, {"documents", N}, {"tokens", N}, {"sentences", N}, {"unique", N}, {"omitted", N},
                        {"quotes", N}, {"attributed", F}, {"named", F}, {"anonymous", F}, {"direct", F}, {"indirect", F},
                        {"quoted_words", F}, {"frame_tokens", F}});
  const std::size_t G = ctx.n_outlets();
  std::vector<double> attributed(G), named(G), anonymous(G), direct(G), indirect(G), frame_tokens(G);
  std::vector<std::set<std::string>> speakers(G);
  for (std::size_t k = 0; k < quotes.size(); ++k) {
    const auto g = ctx.outlet_of[quotes.document(k)];
    if (!quotes.attributed(k)) continue;
    attributed[g] += 1;
    (quotes.anonymous(k) ? anonymous : named)[g] += 1;
    if (quotes.verbatim(k)) direct[g] += 1;
    else if (quotes.kind(k) == "indirect") indirect[g] += 1;
    if (!quotes.anonymous(k)) speakers[g].emplace(quotes.speaker(k));
  }
  for (std::size_t i = 0; i < docs.size(); ++i) frame_tokens[ctx.outlet_of[i]] += static_cast<double>(docs[i].frame_tokens);
  for (std::size_t g = 0; g < G; ++g) {
    t.column("outlet").push(static_cast<I>(g));
    for (const char* c : {"documents", "tokens", "sentences", "unique", "omitted", "quotes"})
      t.column(c).push(outlets_view.ints(c)[g]);
    t.column("attributed").push(attributed[g]);
    t.column("named").push(named[g]);
    t.column("anonymous").push(anonymous[g]);
    t.column("direct").push(direct[g]);
    t.column("indirect").push(indirect[g]);
    t.column("quoted_words").push(sourcing.outlets[g].quoted_words);
    t.column("frame_tokens").push(frame_tokens[g]);
  }
  p.tables["outlet_sums"] = std::move(t);
  Table sp = make_table({{"outlet", N}, {"speaker", S}});
  for (std::size_t g = 0; g < G; ++g)
    for (const auto& name : speakers[g]) {
      sp.column("outlet").push(static_cast<I>(g));
      sp.column("speaker").push(std::string_view(name));
    }
  p.tables["named_speakers"] = std::move(sp);
}

// Per outlet and frame: summed match weight and summed document value (frames on a probability scale).
void frame_sums(const CompareContext& ctx, const std::vector<DocAnalysis>& docs, std::size_t frames, PartialComparison& p) {
  const std::size_t G = ctx.n_outlets();
  std::vector<double> weight(G * frames, 0.0), value(G * frames, 0.0);
  for (std::size_t i = 0; i < docs.size(); ++i)
    for (std::size_t f = 0; f < frames; ++f) {
      weight[ctx.outlet_of[i] * frames + f] += docs[i].frame_weight[f];
      value[ctx.outlet_of[i] * frames + f] += docs[i].frame_value[f];
    }
  p.matrices["frame_weight"] = std::move(weight);
  p.matrices["frame_value"] = std::move(value);
}

// Per outlet and name: mentions, documents and the summed relative position of the first mention.
void actor_sums(const CompareContext& ctx, const std::vector<DocAnalysis>& docs, PartialComparison& p) {
  const ActorTallies acc = actor_tallies(ctx, docs);
  Table t = make_table({{"outlet", N}, {"actor", S}, {"mentions", N}, {"documents", N}, {"first_sum", F}});
  for (std::size_t g = 0; g < acc.size(); ++g)
    for (const auto& [name, a] : acc[g]) {
      t.column("outlet").push(static_cast<I>(g));
      t.column("actor").push(std::string_view(name));
      t.column("mentions").push(static_cast<I>(a.mentions));
      t.column("documents").push(static_cast<I>(a.documents));
      t.column("first_sum").push(a.first_sum);
    }
  p.tables["actor_sums"] = std::move(t);
}

// Column `name` of `t`: piece positions -> corpus positions.
void to_corpus_positions(Table& t, const char* name, const std::vector<std::int64_t>& positions) {
  for (auto& v : t.column(name).ints) v = positions[static_cast<std::size_t>(v)];
}

SentenceKeys repeated_in_corpus(const CompareGlobals& g) {
  std::unordered_map<std::string, std::uint32_t> index;
  for (std::uint32_t o = 0; o < g.outlets.size(); ++o) index.emplace(g.outlets[o], o);
  SentenceKeys out;
  for (const auto& [outlet, hash] : g.furniture) {
    const auto it = index.find(outlet);
    if (it != index.end()) out.emplace_back(it->second, hash);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void check_positions(const Corpus& piece, const std::vector<std::int64_t>& positions, const CompareGlobals& g) {
  if (positions.size() != piece.size())
    throw InvalidArgument("compare_partial: " + std::to_string(positions.size()) + " positions for " +
                          std::to_string(piece.size()) + " documents; give each document's position in the corpus");
  for (std::size_t i = 0; i < positions.size(); ++i)
    if (positions[i] < 0 || static_cast<std::uint64_t>(positions[i]) >= g.vocabulary.documents ||
        (i > 0 && positions[i] <= positions[i - 1]))
      throw InvalidArgument("compare_partial: position " + std::to_string(positions[i]) + " of document " +
                            std::to_string(i) + " is out of order or outside the corpus of " +
                            std::to_string(g.vocabulary.documents) + " documents; sort a piece by position");
  if (g.vocabulary.df.size() != g.vocabulary.terms.size())
    throw InvalidArgument("compare_partial: the vocabulary has " + std::to_string(g.vocabulary.terms.size()) +
                          " terms but " + std::to_string(g.vocabulary.df.size()) + " document frequencies");
}

// The alignment views with corpus positions, and each sentence's story by the corpus position of its
// first document (the merge orders sentences story by story as compare() does).
void alignment_views(Comparison& scratch, const CompareContext& ctx, const std::vector<std::int64_t>& positions,
                     PartialComparison& p) {
  std::vector<std::int64_t> story_first(ctx.stories.size(), -1);
  for (std::size_t s = 0; s < ctx.stories.size(); ++s) story_first[s] = positions[ctx.story_documents[s].front()];
  std::unordered_map<std::string, std::int64_t> first_of;
  for (std::size_t s = 0; s < ctx.stories.size(); ++s) first_of.emplace(ctx.stories[s], story_first[s]);
  Table& st = scratch.tables["sentences"];
  std::vector<std::int64_t> firsts;
  const Column& story = st.column("story");
  for (std::size_t r = 0; r < story.size(); ++r) firsts.push_back(first_of.at(std::string(story.str(r))));
  st.add("story_first", N).ints = std::move(firsts);
  to_corpus_positions(st, "document", positions);
  for (const char* name : {"sentences", "matches", "unique", "omitted", "entities"})
    p.tables[name] = std::move(scratch.tables[name]);
  const auto& cov = scratch.matrices["coverage"];
  p.matrices["coverage"].assign(cov.begin(), cov.end());
}

// The sentences of the alignment views (numbered as add_alignment() numbers them) and, for each unique or
// omitted one, every sentence it matches: the views keep only the max_best closest matches, but the merge
// shows every matched sentence of the unique and omitted sentences it keeps, as compare() does.
void match_targets(const Alignment& a, const Coverage& cov, PartialComparison& p) {
  std::vector<char> used(a.rows.size(), 0);
  for (const auto& list : cov.unique)
    for (const auto r : list) used[r] = 1;
  for (const auto& list : cov.omitted)
    for (const auto& o : list) used[o.row] = 1;
  std::vector<std::size_t> direct;
  for (std::size_t r = 0; r < used.size(); ++r)
    if (used[r]) direct.push_back(r);
  for (const auto r : direct)
    for (auto m = a.match_start[r]; m < a.match_start[r + 1]; ++m)
      if (a.matches[m].row >= 0) used[static_cast<std::size_t>(a.matches[m].row)] = 1;
  std::vector<I> id(used.size(), -1);
  I next = 0;
  for (std::size_t r = 0; r < used.size(); ++r)
    if (used[r]) id[r] = next++;
  Table t = make_table({{"sentence", N}, {"target", N}});
  for (const auto r : direct)
    for (auto m = a.match_start[r]; m < a.match_start[r + 1]; ++m)
      if (a.matches[m].row >= 0) {
        t.column("sentence").push(id[r]);
        t.column("target").push(id[static_cast<std::size_t>(a.matches[m].row)]);
      }
  p.tables["match_targets"] = std::move(t);
}

}  // namespace
}  // namespace detail

Table sentence_keys(const Corpus& piece, const CompareOptions& options) {
  Table t = detail::make_table({{"outlet", ColumnType::string}, {"hash", ColumnType::int64}, {"documents", ColumnType::int64}});
  if (piece.size() == 0) return t;
  CompareOptions any_story = options;  // the sentences do not depend on the stories
  any_story.stories.clear();
  const auto ctx = detail::make_context(piece, any_story);
  const auto hashes = detail::sentence_hashes(piece, ctx.threads);  // the sentences alone, not the whole pass
  std::map<std::pair<std::uint32_t, std::uint64_t>, std::int64_t> documents;
  for (std::size_t i = 0; i < hashes.size(); ++i) {
    std::vector<std::uint64_t> distinct = hashes[i];
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (const auto h : distinct) documents[{ctx.outlet_of[i], h}] += 1;
  }
  for (const auto& [key, k] : documents) {
    t.column("outlet").push(std::string_view(ctx.outlets[key.first]));
    t.column("hash").push(static_cast<std::int64_t>(key.second));
    t.column("documents").push(k);
  }
  return t;
}

PieceQuotes piece_quotes(const Corpus& piece, const CompareOptions& options) {
  PieceQuotes out;
  if (options.extract_quotes && !options.quotes_given) {
    detail::Segments segments(piece, resolve_threads(options.threads));
    out.records = detail::document_quote_records(piece, segments, options.extractors, options.threads);
    segments.release(out.paragraphs, out.sentences);
  }
  return out;
}

std::vector<std::string> speaker_full_names(const PieceQuotes& quotes) {
  std::set<std::string> names;
  for (const auto& q : quotes.records)
    if (q.source_type == "named_person" && q.speaker.find(' ') != std::string::npos) names.insert(q.speaker);
  return {names.begin(), names.end()};
}

std::vector<std::string> speaker_full_names(const Corpus& piece, const CompareOptions& options) {
  return speaker_full_names(piece_quotes(piece, options));
}

namespace {

// The same quote across outlets in this piece's stories, with corpus positions, and each group's story
// ranked by the corpus position of its first document ("story_first": merge orders the groups by it).
void shared_quotes(const detail::CompareContext& ctx, const detail::QuoteRows& quotes,
                   const CompareGlobals& globals, const std::vector<double>& df,
                   const std::vector<std::int64_t>& positions, Comparison& scratch, PartialComparison& p) {
  const Vocabulary counted = detail::term_index(globals.vocabulary.terms);
  detail::add_shared_quotes(scratch, ctx, quotes, counted, df, static_cast<double>(globals.vocabulary.documents));
  std::map<std::string_view, std::int64_t> story_first;
  for (std::size_t s = 0; s < ctx.stories.size(); ++s)
    story_first[ctx.stories[s]] = positions[ctx.story_documents[s].front()];
  for (const char* name : {"shared_quotes", "shared_quote_members"}) {
    Table& t = scratch.tables[name];
    detail::to_corpus_positions(t, "document", positions);
    Column& first = t.add("story_first", ColumnType::int64);
    for (std::size_t r = 0; r < t.rows(); ++r) first.push(story_first.at(t.column("story").str(r)));
    p.tables[name] = std::move(t);
  }
}

}  // namespace

namespace {

// The piece's quotes: the given ones (checked against the piece, made canonical against the whole corpus's
// full names) or a new extraction.
std::vector<QuoteRecord> piece_records(const Corpus& piece, const detail::Segments& segments, const CompareOptions& opt,
                                       const CompareGlobals& globals, const PieceQuotes* given) {
  if (!opt.extract_quotes) return {};
  if (!given) return detail::quote_records(piece, segments, opt.extractors, opt.threads, globals.full_names);
  std::vector<QuoteRecord> records = given->records;
  const auto boundary = [](std::string_view text, std::size_t at) {  // not inside a UTF-8 sequence
    return at == text.size() || !utf8::is_continuation(text[at]);
  };
  for (std::size_t k = 0; k < records.size(); ++k) {
    const auto& q = records[k];
    const bool fits = q.document < piece.size() && q.span.start <= q.span.end &&
                      q.span.end <= piece[q.document].text.size() &&
                      boundary(piece[q.document].text, q.span.start) && boundary(piece[q.document].text, q.span.end);
    if (!fits)
      throw InvalidArgument("compare_partial: quote " + std::to_string(k) + " (document " + std::to_string(q.document) +
                            ", bytes " + std::to_string(q.span.start) + ".." + std::to_string(q.span.end) +
                            ") does not fit the piece; pass the piece_quotes() of this very piece");
  }
  canonicalize_records(records, globals.full_names);
  return records;
}

}  // namespace

PartialComparison compare_partial(const Corpus& piece, const std::vector<std::int64_t>& positions,
                                  const CompareOptions& opt, const CompareGlobals& globals, const PieceQuotes* given) {
  using namespace detail;
  check_positions(piece, positions, globals);
  if (opt.quotes_given)
    throw InvalidArgument("compare_partial: a given quote table is not supported for a corpus in pieces; let the extractor find the quotes");
  PartialComparison p;
  p.outlets = globals.outlets;
  if (piece.size() == 0) return p;
  auto ctx = piece_context(piece, opt, globals.outlets);
  const FrameLexicon& lexicon = opt.frames ? *opt.frames : FrameLexicon::generic();
  Comparison scratch;  // the views of this piece, written by result.cpp
  for (const auto& f : lexicon.frames()) scratch.frame_names.push_back(f.name);

  // The sentences the given quotes were found in, else split here (for the quotes and the document pass).
  const Segments segments = given && !given->sentences.empty()
                                ? Segments(piece, given->paragraphs, given->sentences)
                                : Segments(piece, ctx.threads);
  // The piece's quotes in their table (documents numbered within the piece until the end), the records
  // freed before the document pass, which needs only their spans.
  Table quote_rows;
  std::vector<std::vector<Span>> spans;
  {
    const std::vector<QuoteRecord> records = piece_records(piece, segments, opt, globals, given);
    quote_rows = quote_table(piece, records, ctx.document_outlets(), {}, static_cast<int>(ctx.threads));
    spans = quote_spans(piece.size(), records);
  }
  set_quote_stories(quote_rows, ctx);
  const QuoteRows quotes(quote_rows);
  const bool from_gazetteer = opt.actors.empty() && opt.default_actors;
  const auto labels = actor_labels(from_gazetteer ? gazetteer_actors() : opt.actors, Tokenizer(opt.tokens));
  DocumentPass pass = read_documents(ctx, segments, lexicon, labels, spans, nullptr);
  std::vector<std::vector<Span>>().swap(spans);
  const auto& docs = pass.docs;

  // Words: the corpus's vocabulary and document frequencies.
  const SparseMatrix counts = corpus_columns(pass, globals.vocabulary);
  const SparseMatrix tfidf = corpus_tfidf(counts, globals.vocabulary);
  p.tables["term_counts"] = sparse_table(sum_rows(view(counts), ctx.outlet_of, ctx.n_outlets(), ctx.threads));
  p.tables["centroids"] = sparse_table(sum_rows(view(tfidf), ctx.outlet_of, ctx.n_outlets(), ctx.threads));
  auto within = story_similarity(ctx, tfidf);
  p.matrices["story_similarity_sum"] = std::move(within.sum);
  p.matrices["story_similarity_count"] = std::move(within.count);

  std::vector<double> df(globals.vocabulary.df.begin(), globals.vocabulary.df.end());
  const auto alignment = align_sentences(ctx, docs, df, repeated_in_corpus(globals), static_cast<double>(globals.vocabulary.documents));
  const auto cov = coverage(ctx, docs, alignment);
  add_alignment(scratch, ctx, docs, alignment, cov);
  match_targets(alignment, cov, p);
  alignment_views(scratch, ctx, positions, p);

  const auto src = sourcing(ctx, quotes, pass.quoted_words);
  add_sourcing(scratch, ctx, src);
  to_corpus_positions(scratch.tables["first_quoted"], "document", positions);
  for (const char* name : {"quote_counts", "first_quoted", "exclusive_speakers"}) p.tables[name] = std::move(scratch.tables[name]);
  shared_quotes(ctx, quotes, globals, df, positions, scratch, p);

  actor_sums(ctx, docs, p);
  const auto label_counts = actor_label_counts(ctx, docs, labels, false);
  Table lt = make_table({{"outlet", N}, {"actor", S}, {"label", S}, {"count", N}});
  for (const auto& x : label_counts) {
    lt.column("outlet").push(static_cast<I>(x.outlet));
    lt.column("actor").push(std::string_view(x.actor));
    lt.column("label").push(std::string_view(x.label));
    lt.column("count").push(static_cast<I>(x.count));
  }
  p.tables["label_counts"] = std::move(lt);
  frame_sums(ctx, docs, scratch.frame_names.size(), p);
  add_frames(scratch, ctx, docs);
  p.tables["frame_terms"] = std::move(scratch.tables["frame_terms"]);

  std::vector<std::size_t> no_types(ctx.n_outlets(), 0);
  add_outlets(scratch, ctx, docs, no_types, cov, src);
  outlet_sums(ctx, docs, quotes, src, scratch.tables["outlets"], p);
  add_documents(scratch, ctx, docs);
  to_corpus_positions(scratch.tables["documents"], "document", positions);
  p.tables["documents"] = std::move(scratch.tables["documents"]);
  to_corpus_positions(quote_rows, "document", positions);  // nothing reads the quotes after this
  p.tables["quotes"] = std::move(quote_rows);
  for (auto& [name, t] : p.tables) t.seal();
  return p;
}

}  // namespace framelens
