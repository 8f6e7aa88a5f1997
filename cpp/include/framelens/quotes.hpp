#pragma once
// Quote extraction and speaker attribution: who is let to speak, with which words, and what kind of
// source that is. Rule-based over the document's paragraphs and sentences, driven by per-language
// cue lexicons (cpp/data/lang/<lang>/cues.json) and a gazetteer (cpp/data/gazetteer.json) that users extend.
// Every offset is a UTF-8 byte offset into the document text.
#include <cstddef>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "framelens/document.hpp"

namespace framelens {

/// direct: a whole statement in quotation marks; partial: quoted fragments inside the writer's
/// sentence; indirect: reported speech without marks; scare: marks that attribute nothing.
/// attitude: the object of a stance verb, no quotation marks ("Roos endorsed the plan", "Roos called
/// for a recount", "Roos plans to run"); compare() counts it as no statement.
enum class QuoteKind { direct, partial, indirect, scare, attitude };

/// none: no speaker (scare quotes, unattributed text); named_person; anonymous_person ("a government
/// source"); organisation (governments, ministries, parties, companies, states); document (media,
/// editorials, reports, statements).
enum class SourceType { none, named_person, anonymous_person, organisation, document };

const char* to_string(QuoteKind k) noexcept;
const char* to_string(SourceType t) noexcept;

/// One speaker entity of a document (or, after extract(Corpus), canonical across the corpus).
struct Speaker {
  std::string name;         ///< canonical name ("Fumio Kishida", "a Japanese government source")
  SourceType type = SourceType::none;
  bool anonymous = false;
  std::string role;         ///< title or function ("Japanese Foreign Minister", "government source")
  std::string affiliation;  ///< countries/organisations, "; "-separated ("Japan; South Korea")
  std::vector<Span> mentions;  ///< every mention as written, pronouns included
  double confidence = 0.0;
};

/// One attributed (or scare) statement.
struct Quote {
  QuoteKind kind = QuoteKind::indirect;
  std::vector<Span> contents;  ///< the statement's pieces; quoted pieces include their marks
  std::vector<Span> quoted;    ///< the quotations (marks included) inside the contents
  Span cue;                    ///< the attribution cue ("said", "according to"); empty when none
  Span mention;                ///< the speaker mention as written ("he", "Caddell"); empty when none
  int speaker = -1;            ///< index into QuoteResult::speakers, -1 for none
  bool unbalanced = false;     ///< a quotation mark without its partner was involved
  double confidence = 0.0;     ///< 0..1
  /// First start and last end of the contents.
  Span content() const noexcept;
};

struct QuoteResult {
  std::vector<Quote> quotes;     ///< in text order
  std::vector<Speaker> speakers;
};

/// Options of the extractor.
struct QuoteOptions {
  bool indirect = true;  ///< report indirect speech (no quotation marks)
  bool scare = true;     ///< report scare quotes (speakerless)
};

/// What QuoteExtractor::train_model() made: the model text and how often its boundaries and the
/// rules' match the annotation on the training data.
struct QuoteTraining {
  std::string model;            ///< the model file's text (docs/quotes.md, "A learned component")
  std::size_t decisions = 0;    ///< start and end decisions whose annotated boundary was a candidate
  std::size_t rules_right = 0;  ///< of those, where the rules' boundary is the annotated one
  std::size_t model_right = 0;  ///< of those, where the trained model's is (on the training data)
  /// Speaker choice (train_model() with annotated sources): statements whose annotated source is
  /// among the candidate mentions, and of those, where the rules' and the trained model's pick overlap it.
  std::size_t speaker_decisions = 0;
  std::size_t speaker_rules_right = 0;
  std::size_t speaker_model_right = 0;
  /// Loose candidate statements (TrainingParts::statements): words outside the rules' statements
  /// whose decision the annotation settles; of those, where "no statement" (the rules) and where the
  /// trained model is right.
  std::size_t statement_decisions = 0;
  std::size_t statement_rules_right = 0;
  std::size_t statement_model_right = 0;
};

/// One annotated statement for training: its content spans and its source (speaker) spans, in bytes.
struct AnnotatedQuote {
  std::vector<Span> contents;
  std::vector<Span> sources;
};

/// What train_model() learns: content boundaries, speaker choice, or both.
struct TrainingParts {
  bool boundaries = true;
  bool speakers = true;
  /// Loose candidate statements: which words outside the rules' statements open one (an annotated
  /// content starting right after them), and where its content ends. Off unless asked for.
  bool statements = false;
  /// Speaker choice: a margin by which a candidate must outscore the rules' pick to replace it, chosen
  /// by two-fold cross-fitting over the training documents (docs/quotes.md). Off: every candidate that
  /// scores higher replaces it (the margin 0 of models written before round 19).
  bool speaker_margin = true;
  /// Content boundaries: the same, for moving an edge away from the rules' edge.
  bool boundary_margin = true;
  /// Loose candidate statements: the same, for accepting a statement over "no statement". Off by
  /// default: on held-out halves of PolNeAR train it cut content recall more than it gained precision.
  bool statement_margin = false;
};

/// The extractor: immutable after set-up, safe to share between threads.
class QuoteExtractor {
 public:
  /// Loads the embedded lang/<lang>/cues.json and gazetteer.json; throws InvalidArgument for a language
  /// without a cue lexicon.
  explicit QuoteExtractor(std::string lang = "en", QuoteOptions options = {});
  ~QuoteExtractor();
  QuoteExtractor(const QuoteExtractor&);
  QuoteExtractor& operator=(const QuoteExtractor&);
  QuoteExtractor(QuoteExtractor&&) noexcept;
  QuoteExtractor& operator=(QuoteExtractor&&) noexcept;

  const std::string& lang() const noexcept;
  const QuoteOptions& options() const noexcept;

  /// Merges a cue lexicon in the format of lang/en/cues.json (any subset of its keys). Throws FormatError.
  void add_cues(std::string_view json);
  /// Merges a gazetteer in the format of gazetteer.json (any subset of its keys). Throws FormatError.
  void add_gazetteer(std::string_view json);

  /// Loads a content-boundary model (the text of a file that train_model() wrote): from then on it
  /// moves the start and end of every content piece the rules found to a nearby token edge. Without
  /// one the rules alone decide (the default). Throws FormatError for a malformed model (naming the
  /// line) and InvalidArgument for a model of another language; the extractor is then unchanged.
  /// A model with a speaker section also picks each statement's speaker mention among candidates; one
  /// with a statements section adds the loose candidate statements it accepts.
  void load_model(std::string_view model_text);
  bool has_model() const noexcept;
  /// Trains a content-boundary model (an averaged perceptron, `epochs` passes, deterministic) on
  /// annotated texts: gold_contents[i] are the byte spans of text i's annotated contents. The rules
  /// of this extractor make the candidates (a model it holds is not used); returns the model text
  /// for load_model(). Throws InvalidArgument when the sizes differ or a span lies outside its text.
  QuoteTraining train_model(const std::vector<std::string>& texts, const std::vector<std::vector<Span>>& gold_contents,
                            int epochs = 5, int n_threads = 0) const;
  /// As train_model() from annotated statements: content boundaries from their contents and (with
  /// parts.speakers) a speaker choice from their sources — which of the candidate mentions around a
  /// statement the rules found is its speaker. The model then holds a speaker section (format 2).
  QuoteTraining train_model_from_quotes(const std::vector<std::string>& texts, const std::vector<std::vector<AnnotatedQuote>>& gold,
                            int epochs = 5, int n_threads = 0, TrainingParts parts = {}) const;

  /// Quotes of plain text (segmented here). Never throws on odd text: unbalanced quotation marks
  /// give quotes with unbalanced=true and a low confidence. Throws EncodingError for invalid UTF-8.
  QuoteResult extract(std::string_view text) const;
  /// Quotes of a document; uses its paragraphs/sentences when ingestion filled them.
  QuoteResult extract(const Document& doc) const;
  /// Quotes of a document with its paragraphs and sentences given (split once for several stages; an
  /// empty list is split here).
  QuoteResult extract(const Document& doc, const std::vector<Span>& paragraphs, const std::vector<Span>& sentences) const;
  /// Quotes of every document, on n_threads threads (<= 0: all), with speakers made canonical across
  /// the corpus (a surname used alone in one article resolves to the full name used in another).
  std::vector<QuoteResult> extract(const Corpus& corpus, int n_threads = 0) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// What the quote records of a document hold (the quote format of ../shared/README.md).
struct QuoteRecordOptions {
  bool scare = false;           ///< write scare quotes too (they attribute nothing)
  /// false ("clause"): one record per statement, its contents the reported clause (PolNeAR's
  /// convention); true ("marks"): one record per quotation inside it, marks included (German WikiNews'),
  /// and one per content piece for a statement without quotation marks.
  bool marks = false;
  double min_confidence = 0.0;  ///< leave out statements below this confidence
};

/// A document's statements as a JSON array of quote records: {"type", "cue", "sources", "contents" (spans
/// {"start", "end", "text"} with code point offsets into `text`), "speaker", "source_type", "anonymous",
/// "affiliation", "confidence" (4 decimals), "unbalanced"}; `result` is what extract() gave for `text`.
std::string to_json(const QuoteResult& result, std::string_view text, const QuoteRecordOptions& options = {});
/// Writes one JSON Lines line {"id": ..., "quotes": [records]} per document of `corpus` (results[i] from
/// its document i), in corpus order, formatting on n_threads threads (<= 0: all) a block at a time.
void write_jsonl(std::ostream& out, const Corpus& corpus, const std::vector<QuoteResult>& results,
                 const QuoteRecordOptions& options = {}, int n_threads = 0);

/// Makes speaker names canonical across documents (used by extract(Corpus); exposed for results
/// computed in pieces): persons known by surname only take the unique full name seen elsewhere.
void canonicalize_speakers(std::vector<QuoteResult>& results);
/// The names the named persons `names` take under canonicalize_speakers() in a corpus whose multi-word
/// named-person names are `full_names` (for a corpus processed in pieces, where no step sees every result).
std::vector<std::string> canonical_names(const std::vector<std::string>& full_names, const std::vector<std::string>& names);

}  // namespace framelens
