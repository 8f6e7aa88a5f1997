#pragma once
// Comparative framing: put several outlets' coverage of the same stories side by side.
//
//  * Story grouping (group_stories, stories.hpp): documents -> story labels.
//  * Coverage and omission: the sentences of the outlets of a story are aligned by TF-IDF cosine
//    (sparse products); a sentence is shared with another outlet when its best match there reaches the
//    calibrated threshold. Per outlet: what it shares with each other outlet, what only it reports
//    (`unique`) and what the others report that it leaves out (`omitted`), with offsets and entities.
//  * Distinctive terms per outlet against the other outlets (keyness.hpp, log-odds z by default).
//  * Sourcing profile per outlet from attributed quotes (exactly the quote extractor Corpus.quotes() uses).
//  * The same quote across outlets: quotes of one story that render one utterance (verbatim, trimmed,
//    paraphrased, or given to another speaker) aligned, with their differences named (shared_quotes).
//  * Actor salience (how often, how early each named actor appears) and labelling (which words each
//    outlet uses to name an actor, from an actor -> labels map).
//  * Frame scores per document and outlet (frames.hpp).
//  * Outlet x outlet similarity (TF-IDF cosine), over the corpus and within stories.
// One text pipeline: the Tokenizer, dtm(), weight(), group() and similarity() of the matrix stage do every
// count. The result is a set of column-oriented tables (table.hpp); JSON (schema "version" 2,
// docs/comparison.md) only in to_json / comparison_from_json. Offsets in the tables are code point
// offsets into the document text (what Python sees).
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "framelens/document.hpp"
#include "framelens/frames.hpp"
#include "framelens/keyness.hpp"
#include "framelens/quotes.hpp"
#include "framelens/stories.hpp"
#include "framelens/table.hpp"
#include "framelens/tokenizer.hpp"

namespace framelens {

inline constexpr int kComparisonSchemaVersion = 2;

// ---- inputs --------------------------------------------------------------------------------------

/// One attributed quote as the comparison counts it: the quote extractor's output (quote_records), or
/// a user's edited quote table.
struct QuoteRecord {
  std::size_t document = 0;
  Span span;                ///< byte span of the quoted or reported words in the document text
  std::string text;         ///< its pieces joined by a space (empty: the text of `span`)
  std::string speaker;      ///< canonical speaker; empty when unattributed (e.g. scare quotes)
  std::string kind;         ///< "direct", "partial", "indirect" or "scare"
  bool anonymous = false;
  std::string affiliation;  ///< countries or organisations, "; "-separated; empty when unknown
  std::string source_type;  ///< to_string(SourceType): "named_person", "anonymous_person", "organisation", "document"
  std::string cue;          ///< the cue verb or phrase as written ("said", "warned", "according to")
  std::string mention;      ///< the speaker mention as written ("he", "the minister")
  std::string role;
  double confidence = 0.0;
};

struct CompareOptions {
  /// Metadata key that defines the groups compared (quanteda's `groups`): "outlet" by default.
  std::string by = "outlet";
  /// Story label per document; empty: the whole corpus is one story, unless `group_stories` is set.
  std::vector<std::string> stories;
  /// Without `stories`: group the documents into stories as group_stories(corpus, *group_stories) does,
  /// from the comparison's own pass over the text (no second reading of the corpus).
  std::optional<StoryOptions> group_stories;
  /// The one text pipeline: every count, similarity, keyness and alignment uses these token options
  /// (the same Tokenizer as dtm()). Default: content_tokens().
  TokenOptions tokens = content_tokens();
  /// Cosine at which two sentences count as reporting the same thing. Calibrated on BASIL
  /// (benchmarks/calibrate_alignment.py): a 1% false-match rate between sentences of articles about
  /// different events presented as one story. See docs/comparison.md.
  double align_threshold = 0.23;
  /// Where sentence idf comes from: "story" (the sentences of the story, so words that every outlet of
  /// the story uses — its actors, its place — weigh little) or "corpus" (document frequencies).
  std::string idf_scope = "story";
  /// Sentences with fewer words are not aligned (datelines, captions, navigation left in raw text).
  std::size_t min_sentence_words = 5;
  std::size_t top_terms = 20;
  /// At most this many omitted sentences per outlet (0: all).
  std::size_t max_omitted = 500;
  /// Per aligned sentence, the best match in at most this many other outlets, the closest first (0: all).
  std::size_t max_best = 8;
  KeynessOptions keyness;
  /// Drop honorifics/titles and the outlets' own names from distinctive terms.
  bool house_style = false;
  /// Frame lexicon (nullptr: FrameLexicon::generic()).
  const FrameLexicon* frames = nullptr;
  /// Quotes: `quotes` as given when `quotes_given`; otherwise, when `extract_quotes`, found by the
  /// extractor of each document's language (metadata "lang", default "en"): `extractors[lang]` when the
  /// caller passes one (the same extractor Corpus.quotes() uses, with the user's cues), else
  /// `extractors["*"]` when given (one extractor for every language), else a built-in one; documents in a
  /// language without a cue lexicon contribute no quotes.
  std::vector<QuoteRecord> quotes;
  bool quotes_given = false;
  bool extract_quotes = true;
  std::map<std::string, const QuoteExtractor*> extractors;
  /// Actor -> the labels that name it ("Kestria" -> {"Kestria", "Tarsk", "regime"}), for labelling.
  std::map<std::string, std::vector<std::string>> actors;
  /// Without `actors`: label the countries of the embedded gazetteer (gazetteer_actors()).
  bool default_actors = true;
  std::size_t top_actors = 15;
  int threads = 0;
  /// Called (from the calling thread) as each phase starts: "quotes", "documents", "stories", "similarity",
  /// "distinctive terms", "alignment", "sourcing", "shared quotes", "actors", "tables"; see compare_phases().
  std::function<void(const std::string& phase)> progress;
};

/// The phases compare() reports through CompareOptions::progress, in order.
const std::vector<std::string>& compare_phases();

// ---- result --------------------------------------------------------------------------------------

/// The result: one column-oriented table per view (table.hpp) plus the outlet x outlet matrices.
/// Every offset in a table is a code point offset into the document text (what Python sees);
/// `document` is the position in the corpus, `id` the document's id.
///
/// Tables (columns; docs/comparison.md has every column):
///   outlets            outlet, documents, tokens, sentences, types, unique, omitted, quotes, speakers,
///                      quotes_per_article, speakers_per_article, named_share, anonymous_share,
///                      direct_share, indirect_share, quoted_word_share
///   documents          document, id, outlet, title, story, date, tokens, then one float column per frame
///   sentences          sentence, document, outlet, story, start, end, text, entities ("; "-joined)
///   matches            sentence, outlet (the other outlet), similarity, match (its closest sentence, -1 none)
///   unique             outlet, sentence, best_similarity
///   omitted            outlet, sentence, reporters, best_similarity, also_reported_by ("; "-joined)
///   entities           outlet, entity, status ("unique" | "omitted")
///   distinctive_terms  outlet, rank, term, score, p, n_target, n_reference
///   frame_terms        outlet, frame, pattern, weight
///   quotes             document, id, outlet, story, kind, text, speaker, mention, cue, source_type,
///                      anonymous, role, affiliation, start, end, confidence
///   quote_counts       outlet, field ("cue" | "source_type" | "affiliation" | "kind" | "speaker"), value, count
///   first_quoted       outlet, document, speaker
///   exclusive_speakers outlet, speaker
///   shared_quotes      one row per group of quotes that render one utterance in different outlets of a story:
///                      group, story, relation (the weakest: "verbatim" | "trimmed" | "paraphrase"), members,
///                      same_speaker, direct_and_indirect, outlets, speakers, cues, kinds ("; "-joined),
///                      quote (the pivot's row in `quotes`), document, text
///   shared_quote_members  one row per member (the pivot first): group, quote, document, id, outlet, story,
///                      relation ("pivot" | "verbatim" | "trimmed" | "paraphrase", to the pivot), similarity,
///                      run, same_speaker, speaker, mention, source_type, cue, kind, words, kept, cut, added,
///                      cut_words, added_words ("; "-joined), start, end, text
///   actors             outlet, actor, mentions, documents, first_position
///   labels             outlet, actor, label, count
struct Comparison {
  int version = kComparisonSchemaVersion;
  std::string by = "outlet";
  double align_threshold = 0;
  std::string idf_scope;
  std::string keyness_measure;
  /// The token options every count used, by name ("case_fold": "true", ...).
  std::map<std::string, std::string> token_options;
  std::vector<std::string> outlets;
  std::vector<std::string> frame_names;
  std::map<std::string, Table> tables;
  /// Outlet x outlet, row-major (outlets.size()^2): TF-IDF centroid cosine over the whole corpus, the
  /// same averaged over the stories two outlets share (NaN: never together), distinct named speakers
  /// quoted by both, sentences of the row outlet matched in the column outlet (diagonal: unique), and
  /// outlet x frame scores per 1,000 tokens (outlets.size() x frame_names.size()).
  std::map<std::string, std::vector<double>> matrices;

  const Table& table(std::string_view name) const;
  const std::vector<double>& matrix(std::string_view name) const;
};

/// The names of the tables and matrices a comparison holds, in the order of the JSON.
const std::vector<std::string>& comparison_table_names();
const std::vector<std::string>& comparison_matrix_names();

/// Actors from the embedded gazetteer (cpp/data/gazetteer.json): each country with its names, its
/// capital-as-metonym ("Pyongyang", "Tokyo") and "<demonym> government|regime|authorities".
std::map<std::string, std::vector<std::string>> gazetteer_actors();

/// The quotes of every document as `extractors` (per language; missing: built-in) find them, speakers
/// canonical across the corpus, in the comparison's form.
std::vector<QuoteRecord> quote_records(const Corpus& corpus, const std::map<std::string, const QuoteExtractor*>& extractors = {},
                                       int threads = 0);

/// The quote table (the `quotes` table of a comparison; what Corpus.quotes() returns): one row per quote.
/// `outlets`/`stories` give each document's outlet and story (empty: the documents' outlet, no story);
/// the columns are filled side by side on `threads` threads (<= 0: all cores).
Table quote_table(const Corpus& corpus, const std::vector<QuoteRecord>& quotes,
                  const std::vector<std::string>& outlets = {}, const std::vector<std::string>& stories = {},
                  int threads = 0);

/// Runs the comparison (multi-threaded; the same result for any thread count).
Comparison compare(const Corpus& corpus, const CompareOptions& options = {});

/// JSON text of a comparison (schema version 2; docs/comparison.md), written as a stream: pretty-printed
/// with `indent` >= 0, compact with -1.
std::string to_json(const Comparison& comparison, int indent = 2);
/// Parses JSON written by to_json without building a document tree (throws FormatError when it is not a
/// framelens comparison, is damaged, or its schema version is newer than this library understands).
Comparison comparison_from_json(std::string_view json);

struct DistinctiveTerm {
  std::string term;
  double score = 0, p = 1, n_target = 0, n_reference = 0;
};

/// Distinctive terms of the documents labelled `target` against those labelled `reference` (empty: every
/// other document), where labels come from `labels` (one per document). Counts the terms of `tokens`
/// (default content_tokens(): the comparison's).
std::vector<DistinctiveTerm> keyness_terms(const Corpus& corpus, const std::vector<std::string>& labels,
                                           const std::string& target, const std::string& reference,
                                           const KeynessOptions& options, bool house_style,
                                           std::size_t top, int threads = 0,
                                           const TokenOptions& tokens = content_tokens());

}  // namespace framelens
