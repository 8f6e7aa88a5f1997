#pragma once
// Internal: what every part of the comparison shares — the outlets and stories as dense indices, the one
// vocabulary (the count matrix's terms) and each document's analysis.
#include <cstddef>
#include <cstdint>
#include <map>
#include <unordered_map>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include "framelens/compare.hpp"
#include "framelens/dtm.hpp"
#include "framelens/stories.hpp"
#include "framelens/table.hpp"
#include "framelens/tokenizer.hpp"
#include "framelens/text.hpp"
#include "framelens/vocabulary.hpp"

namespace framelens::detail {

struct CompareContext {
  CompareContext(const Corpus& c, const CompareOptions& o) : corpus(c), options(o) {}
  const Corpus& corpus;
  const CompareOptions& options;
  unsigned threads = 1;
  std::vector<std::string> outlets;             ///< group names, in order of first appearance
  std::vector<std::uint32_t> outlet_of;         ///< per document
  std::vector<std::string> stories;             ///< story names, in order of first appearance
  std::vector<std::uint32_t> story_of;          ///< per document
  std::vector<std::vector<std::uint32_t>> story_documents;  ///< per story, in corpus order
  std::vector<std::vector<std::uint32_t>> story_outlets;    ///< per story, distinct outlets ascending
  Vocabulary names{1024};  ///< the names the documents mention (DocAnalysis::names), filled by read_documents

  std::size_t n_outlets() const noexcept { return outlets.size(); }
  /// Each document's outlet name (quote_table()'s `outlets`).
  std::vector<std::string> document_outlets() const {
    std::vector<std::string> out;
    out.reserve(outlet_of.size());
    for (const auto g : outlet_of) out.push_back(outlets[g]);
    return out;
  }
};

/// The paragraphs and sentences of the documents that have none of their own (Corpus.from_pandas, the
/// pieces of framelens.dask), split once (in parallel) for the stages that read them: the quote extraction
/// and the document pass. A document with its own sentences keeps its own.
class Segments {
 public:
  Segments(const Corpus& corpus, unsigned threads);
  /// The splits made before (`paragraphs`, `sentences`: per document, empty for a document with its own,
  /// as release() gave them), checked against the texts: InvalidArgument when they do not fit.
  Segments(const Corpus& corpus, std::vector<std::vector<Span>> paragraphs, std::vector<std::vector<Span>> sentences);
  /// The splits made here, per document (empty for one with its own sentences); the object is empty after.
  void release(std::vector<std::vector<Span>>& paragraphs, std::vector<std::vector<Span>>& sentences);
  const std::vector<Span>& paragraphs(std::size_t i) const {
    return split_[i].sentences.empty() ? (*corpus_)[i].paragraphs : split_[i].paragraphs;
  }
  const std::vector<Span>& sentences(std::size_t i) const {
    return split_[i].sentences.empty() ? (*corpus_)[i].sentences : split_[i].sentences;
  }

 private:
  struct Split {
    std::vector<Span> paragraphs, sentences;
  };
  const Corpus* corpus_;
  std::vector<Split> split_;  ///< empty for a document with its own sentences
};

/// Whether a quote of this kind renders what someone said (direct, partial or indirect speech): not a
/// scare quote and not an attitude (the object of a stance verb: "endorsed the plan").
inline bool is_statement(std::string_view kind) { return kind != "scare" && kind != "attitude"; }
inline bool is_statement(const QuoteRecord& q) { return is_statement(q.kind); }

/// A statement with a speaker: what the sourcing profile counts.
inline bool is_attributed(const QuoteRecord& q) { return is_statement(q) && !q.speaker.empty(); }

/// Words given as spoken, in quotation marks (wholly or partly): the direct share and the quoted words.
inline bool is_verbatim(std::string_view kind) { return kind == "direct" || kind == "partial"; }
inline bool is_verbatim(const QuoteRecord& q) { return is_verbatim(q.kind); }

/// The comparison's quotes once in their table (quote_table(); row k is the k-th quote): what the stages
/// after the document pass read, so that the records, several times the table's size, are freed before
/// it. A view: the table must outlive it and keep its columns.
class QuoteRows {
 public:
  explicit QuoteRows(const Table& quotes)
      : table_(&quotes),
        document_(&quotes.ints("document")),
        start_(&quotes.ints("start")),
        anonymous_(&quotes.ints("anonymous")),
        kind_(&quotes.column("kind")),
        text_(&quotes.column("text")),
        speaker_(&quotes.column("speaker")),
        cue_(&quotes.column("cue")),
        source_type_(&quotes.column("source_type")),
        affiliation_(&quotes.column("affiliation")) {}

  const Table& table() const noexcept { return *table_; }
  std::size_t size() const noexcept { return document_->size(); }
  std::size_t document(std::size_t k) const { return static_cast<std::size_t>((*document_)[k]); }
  /// Code point offset of the quote's first character in its document (orders a document's quotes).
  std::int64_t start(std::size_t k) const { return (*start_)[k]; }
  bool anonymous(std::size_t k) const { return (*anonymous_)[k] != 0; }
  std::string_view kind(std::size_t k) const { return kind_->str(k); }
  std::string_view text(std::size_t k) const { return text_->str(k); }
  std::string_view speaker(std::size_t k) const { return speaker_->str(k); }
  std::string_view cue(std::size_t k) const { return cue_->str(k); }
  std::string_view source_type(std::size_t k) const { return source_type_->str(k); }
  std::string_view affiliation(std::size_t k) const { return affiliation_->str(k); }
  bool statement(std::size_t k) const { return is_statement(kind(k)); }
  bool attributed(std::size_t k) const { return statement(k) && !speaker(k).empty(); }
  bool verbatim(std::size_t k) const { return is_verbatim(kind(k)); }

 private:
  const Table* table_;
  const std::vector<std::int64_t> *document_, *start_, *anonymous_;
  const Column *kind_, *text_, *speaker_, *cue_, *source_type_, *affiliation_;
};

/// Gives the quote table's "story" column each quote's story in `ctx` (known once the stories are grouped,
/// after the document pass).
void set_quote_stories(Table& quotes, const CompareContext& ctx);

/// The comparison's token options with every word kept (stopwords and numbers too, unigrams): how the
/// documents are read; the counted content terms are a subset (Tokenizer::keeps with `counted`).
TokenOptions every_word(const TokenOptions& counted);

/// Validates the options against the corpus and indexes outlets and stories (options.stories; none:
/// one story "all" until set_stories).
CompareContext make_context(const Corpus& corpus, const CompareOptions& options);

/// Indexes the stories of `labels` (one per document).
void set_stories(CompareContext& ctx, const std::vector<std::string>& labels);

/// Dense indices of `values` in order of first appearance: names out, one index per value.
std::vector<std::uint32_t> index_labels(const std::vector<std::string>& values, std::vector<std::string>& names);

/// A name mentioned in a document (text.hpp's capitalised-name entities), compactly: the name as an id
/// into CompareContext::names.
struct Mention {
  std::uint32_t name = 0;
  std::uint32_t sentence = 0;
  std::size_t start = 0;  ///< byte offset in the document text
};

/// One document as the comparison sees it, from the one Tokenizer.
struct DocAnalysis {
  std::size_t words = 0;                       ///< word and number tokens
  std::vector<Span> sentences;                 ///< bytes: the document's own sentences, else split_sentences
  std::vector<std::uint32_t> sentence_words;   ///< words per sentence
  /// Content terms per sentence as ids into the count matrix's vocabulary: sentence s holds
  /// terms[term_start[s] .. term_start[s + 1]).
  std::vector<std::uint32_t> term_start;
  std::vector<std::uint32_t> terms;
  std::vector<Mention> names;                  ///< in text order
  std::vector<double> frame_weight;            ///< summed match weight per frame
  std::vector<double> frame_value;             ///< per frame on the lexicon's scale (per 1,000 tokens or probability)
  std::size_t frame_tokens = 0;
  std::vector<PatternHit> frame_hits;          ///< the lexicon's patterns that matched
  /// (label index, occurrences) of the actor labels found (see actors.cpp).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> labels;
};

/// An actor label as a word sequence of normalised tokens.
struct ActorLabel {
  std::string actor, label;
  std::vector<std::string> words;
};

/// The labels of `actors` (or of the gazetteer) as word sequences, longest first.
std::vector<ActorLabel> actor_labels(const std::map<std::string, std::vector<std::string>>& actors,
                                     const Tokenizer& tokenizer);

/// What the one pass over the documents gives (analysis.cpp).
struct DocumentPass {
  std::vector<DocAnalysis> docs;     ///< content terms as columns of `counts`
  DocumentTermMatrix counts;         ///< dtm(corpus, options.tokens), counted from the pass's own tokens
  std::vector<std::string> stories;  ///< group_stories(corpus, story options) when asked
  std::vector<double> quoted_words;  ///< per document: words inside its direct and partial attributed quotes
};

/// Per document, the spans of its direct and partial quotes that have a speaker.
std::vector<std::vector<Span>> quote_spans(std::size_t documents, const std::vector<QuoteRecord>& quotes);

/// Reads every document once (threads): its tokens give the count matrix's row, sentences, content terms
/// per sentence, entities, frame scores, actor-label counts, the words inside `quotes[document]` and,
/// with `story_options`, its story vector (the stories are then grouped as group_stories() groups them).
/// The names mentioned go into ctx.names.
/// `segments`: the documents' sentences (those the quotes were found in).
DocumentPass read_documents(CompareContext& ctx, const Segments& segments, const FrameLexicon& lexicon,
                            const std::vector<ActorLabel>& labels, const std::vector<std::vector<Span>>& quotes,
                            const StoryOptions* story_options);

/// Frees the documents' per-sentence terms (term_start, terms) once the alignment no longer needs them.
void drop_sentence_terms(std::vector<DocAnalysis>& docs);

}  // namespace framelens::detail
