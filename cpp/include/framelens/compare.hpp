#pragma once
// Comparative framing: put several outlets' coverage of the same stories side by side.
//
//  * Story grouping (group_stories, stories.hpp): documents -> story labels.
//  * Coverage and omission: the sentences of the outlets of a story are aligned by TF-IDF cosine
//    (sparse products); a sentence is shared with another outlet when its best match there reaches the
//    calibrated threshold. Per outlet: what it shares with each other outlet, what only it reports
//    (`unique`) and what the others report that it leaves out (`omitted`), with offsets and entities.
//  * Distinctive terms per outlet against the other outlets (keyness.hpp, log-odds z by default).
//  * Sourcing profile per outlet from attributed statements (the quote attribution's output).
//  * Actor salience (how often, how early each named actor appears) and labelling (which words each
//    outlet uses to name an actor, from an actor -> labels map).
//  * Frame scores per document and outlet (frames.hpp).
//  * Outlet x outlet similarity (TF-IDF cosine), over the corpus and within stories.
// The result serialises to JSON (schema "version" 1, docs/comparison.md). Offsets in the JSON are code
// point offsets into the document text (what Python sees); the C++ structs also keep byte spans.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "framelens/document.hpp"
#include "framelens/frames.hpp"
#include "framelens/keyness.hpp"
#include "framelens/stories.hpp"

namespace framelens {

inline constexpr int kComparisonSchemaVersion = 1;

// ---- inputs --------------------------------------------------------------------------------------

/// One attributed statement as the comparison uses it (filled from the quote attribution's output).
struct SourceStatement {
  std::size_t document = 0;
  Span span;                ///< byte span of the quoted or reported words in the document text
  std::string speaker;      ///< canonical speaker; empty when unattributed (e.g. scare quotes)
  std::string kind;         ///< "direct", "partial", "indirect" or "scare"
  bool anonymous = false;
  std::string affiliation;  ///< country or organisation; empty when unknown
  std::string source_type;  ///< e.g. "official", "expert", "citizen", "media"; empty when unknown
  std::string cue;          ///< the cue verb or phrase ("said", "warned", "according to")
};

struct CompareOptions {
  /// Metadata key that defines the groups compared (quanteda's `groups`): "outlet" by default.
  std::string by = "outlet";
  /// Story label per document; empty: the whole corpus is one story.
  std::vector<std::string> stories;
  /// Cosine at which two sentences count as reporting the same thing. Calibrated on BASIL
  /// (benchmarks/calibrate_alignment.py): the 99th percentile of best cosines between sentences of
  /// three articles about different events presented as one story (dev years 2010-14: 0.233 with
  /// story idf), i.e. a 1% false-match rate (held years 2015-19: 1.28%). See docs/comparison.md.
  double align_threshold = 0.23;
  /// Where sentence idf comes from: "story" (the sentences of the story, so words that every outlet of
  /// the story uses — its actors, its place — weigh little) or "corpus".
  std::string idf_scope = "story";
  /// Sentences with fewer words are not aligned (datelines, captions, navigation left in raw text).
  std::size_t min_sentence_words = 5;
  std::size_t top_terms = 20;
  /// At most this many omitted sentences per outlet (0: all).
  std::size_t max_omitted = 500;
  /// Per cited sentence, the best cosine (and closest sentence) of at most this many other outlets,
  /// the closest first (0: all).
  std::size_t max_best = 8;
  KeynessOptions keyness;
  /// Drop honorifics/titles and the outlets' own names from distinctive terms.
  bool house_style = false;
  /// Frame lexicon (nullptr: FrameLexicon::generic()).
  const FrameLexicon* frames = nullptr;
  std::vector<SourceStatement> statements;
  /// When `statements` is empty, attribute quotes with the quote extractor (quotes.hpp), in each
  /// document's language (metadata "lang", default "en"; documents in a language without a cue lexicon
  /// contribute no statements).
  bool extract_quotes = true;
  /// Actor -> the labels that name it ("Kestria" -> {"Kestria", "Tarsk", "regime"}), for labelling.
  std::map<std::string, std::vector<std::string>> actors;
  /// Without `actors`: label the countries of the embedded gazetteer (gazetteer_actors()).
  bool default_actors = true;
  std::size_t top_actors = 15;
  int threads = 0;
};

// ---- result --------------------------------------------------------------------------------------

/// Where a sentence is: document and code point offsets.
struct SentenceLoc {
  std::size_t document = 0, start = 0, end = 0;
};

/// A sentence of a document, with both byte and code point offsets.
struct SentenceRef {
  std::size_t document = 0;
  std::string outlet;
  std::string story;
  Span span;                       ///< bytes
  std::size_t start = 0, end = 0;  ///< code points
  std::string text;
  /// Best cosine with each other outlet of the story (outlet -> similarity).
  std::map<std::string, double> best;
  /// The sentence behind each `best` value (the closest one the other outlet has).
  std::map<std::string, SentenceLoc> matches;
  std::vector<std::string> entities;
  /// Omitted sentences only: the outlets that report this fact (its own outlet first).
  std::vector<std::string> reported_by;
};

struct DistinctiveTerm {
  std::string term;
  double score = 0, p = 1, n_target = 0, n_reference = 0;
};

struct StatementRef {
  std::size_t document = 0;
  std::size_t start = 0, end = 0;  ///< code points
  std::string text, speaker, kind, affiliation, source_type, cue;
  bool anonymous = false;
};

struct SourcingProfile {
  std::size_t statements = 0;
  std::size_t speakers = 0;               ///< distinct named speakers
  double statements_per_article = 0;
  double speakers_per_article = 0;
  double named_share = 0;                 ///< attributed statements whose speaker is named
  double anonymous_share = 0;
  double direct_share = 0;                ///< direct + partial among attributed statements
  double indirect_share = 0;
  double quoted_word_share = 0;           ///< words inside direct/partial quotes over all words
  std::map<std::string, std::size_t> cues, source_types, affiliations, speaker_counts, kinds;
  std::vector<std::string> first_quoted;  ///< per article of the outlet: first speaker quoted ("" none)
  std::vector<std::string> exclusive_speakers;  ///< quoted by this outlet and no other in the same story
  std::vector<StatementRef> items;
};

struct ActorSalience {
  std::string actor;
  std::size_t mentions = 0, documents = 0;
  double first_position = 1;  ///< mean relative position (0 = start) of the first mention in its documents
};

struct OutletProfile {
  std::string outlet;
  std::size_t documents = 0, tokens = 0, sentences = 0;
  std::size_t types = 0;  ///< distinct content terms
  std::vector<SentenceRef> unique;
  /// Other outlets' sentences this outlet has no counterpart for (their outlet in SentenceRef::outlet):
  /// one sentence per fact, the most widely reported first; at most CompareOptions::max_omitted.
  std::vector<SentenceRef> omitted;
  std::size_t omitted_total = 0;  ///< omissions before the max_omitted cap
  std::map<std::string, std::size_t> shared;  ///< other outlet -> sentences of this outlet matched there
  std::vector<std::string> unique_entities, omitted_entities;
  std::vector<DistinctiveTerm> distinctive_terms;
  std::vector<double> frames;                       ///< per 1,000 tokens, lexicon order
  std::vector<std::map<std::string, double>> frame_hits;
  SourcingProfile sourcing;
  std::vector<ActorSalience> actors;
  std::map<std::string, std::map<std::string, std::size_t>> labels;  ///< actor -> label -> count
};

struct DocumentInfo {
  std::size_t document = 0;
  std::string id, outlet, title, story, date;
  std::size_t tokens = 0;
  std::vector<double> frames;  ///< per 1,000 tokens
};

struct Comparison {
  int version = kComparisonSchemaVersion;
  std::string by = "outlet";
  double align_threshold = 0;
  std::string keyness_measure;
  std::vector<std::string> outlets;
  std::vector<std::string> frame_names;
  std::vector<OutletProfile> profiles;        ///< one per outlet, in `outlets` order
  std::vector<std::vector<double>> similarity;        ///< outlet x outlet TF-IDF cosine, whole corpus
  std::vector<std::vector<double>> story_similarity;  ///< mean within-story cosine (NaN: never together)
  std::vector<std::vector<std::size_t>> speaker_overlap;  ///< distinct speakers quoted by both outlets
  std::vector<DocumentInfo> documents;        ///< the `stories` view: one row per document
};

/// Actors from the embedded gazetteer (cpp/data/gazetteer.json): each country with its names, its
/// capital-as-metonym ("Pyongyang", "Tokyo") and "<demonym> government|regime|authorities".
std::map<std::string, std::vector<std::string>> gazetteer_actors();

/// The statements of every document as the quote extractor finds them (speakers canonical across the
/// corpus), in the comparison's form.
std::vector<SourceStatement> extract_statements(const Corpus& corpus, int threads = 0);

/// Runs the comparison (multi-threaded; the same result for any thread count).
Comparison compare(const Corpus& corpus, const CompareOptions& options = {});

/// JSON text of a comparison (schema version 1; pretty-printed with `indent` >= 0, compact with -1).
std::string to_json(const Comparison& comparison, int indent = 2);
/// Parses JSON written by to_json (throws FormatError when it is not a framelens comparison, or when
/// its schema version is newer than this library understands).
Comparison comparison_from_json(std::string_view json);

/// Distinctive terms of the documents labelled `target` against those labelled `reference` (empty: every
/// other document), where labels come from `labels` (one per document). Counts content words (the
/// comparison's tokenization: case-folded words without stopwords).
std::vector<DistinctiveTerm> keyness_terms(const Corpus& corpus, const std::vector<std::string>& labels,
                                           const std::string& target, const std::string& reference,
                                           const KeynessOptions& options, bool house_style,
                                           std::size_t top, int threads = 0);

}  // namespace framelens
