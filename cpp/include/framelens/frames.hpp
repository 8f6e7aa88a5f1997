#pragma once
// Frames: lexicon-based frame scores per document and outlet.
//
// A lexicon maps each frame to weighted patterns. A pattern is one or more words ("blame",
// "pay the price"); a word ending in `*` matches any word that starts with it ("protest*" matches
// "protesters"). Texts and patterns are tokenized by the project tokenizer (framelens::Tokenizer with
// default TokenOptions, the tokens of Corpus::dtm / corpus.dtm()), so a term learned from the
// document-term matrix counts here exactly as it counted there; a phrase matches consecutive tokens.
//
// Two ways to match (lexicon "match"):
//  * longest (default): at each position the longest matching pattern of a frame wins and matches of
//    one frame do not overlap (a word may count for several frames);
//  * every: every pattern counts at every position where it matches (overlaps allowed), as the columns
//    of a document-term matrix with n-grams count; fitted lexicons use it.
// Two scales (lexicon "scale"):
//  * per_1000 (default): a document's score for a frame is the summed weight of its matches per 1,000
//    tokens, so documents and outlets of different length compare. With feature log_per_1000 a pattern's c
//    matches in n tokens count as (n / 1000) ln(1 + 1000 c / n) (about c while the pattern is rare in the
//    text, fewer as it repeats), so the score is the sum of weight x ln(1 + the pattern's rate per 1,000
//    tokens); feature count (default) counts every match;
//  * logistic: z = intercept + sum over patterns of weight * feature(count), score = 1 / (1 + exp(-z)),
//    the probability that a coder would see the frame (lexicons learned by FrameLexicon.fit in Python).
//    feature(count) is FrameFeature (lexicon "feature").
//
// Two formats load:
//  * JSON (framelens; docs/comparison.md): {"version": 2, "name": ..., "about": ..., "scale": "per_1000",
//    "match": "longest", "feature": "log_count", "frames": {"conflict": {"description": ..., "intercept": 0,
//    "terms": {"clash*": 1.0, "war of words": 2.0}}}}; version 1 lexicons (no scale, match, feature or
//    intercept) load unchanged.
//  * LIWC-style .dic (e.g. the Moral Foundations Dictionary): a header of "<id> <category>" lines between
//    two "%" lines, then one "<pattern> <id> [<id> ...]" line per entry (tab or space separated; weight 1).
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "framelens/document.hpp"

namespace framelens {

struct FramePattern {
  std::vector<std::string> words;  ///< lower-case; a trailing '*' makes the word a prefix
  double weight = 1.0;
  std::string text;                ///< the pattern as written in the lexicon
};

struct Frame {
  std::string name;
  std::string description;
  std::vector<FramePattern> patterns;
  double intercept = 0.0;  ///< added to the linear score (scale logistic)
};

/// How matches combine into a score (JSON "scale").
enum class FrameScale { per_1000, logistic };
/// How patterns match (JSON "match").
enum class FrameMatch { longest, every };
/// What a pattern's count becomes before it is weighted, on the logistic scale (JSON "feature"):
/// count c, log_count log(1 + c), binary (c > 0), per_1000 = 1000 c / tokens, log_per_1000 = log(1 + 1000 c / tokens).
/// The per_1000 scale takes count or log_per_1000 (the matches it counts; see above).
enum class FrameFeature { count, log_count, binary, per_1000, log_per_1000 };

const char* to_string(FrameScale s) noexcept;
const char* to_string(FrameMatch m) noexcept;
const char* to_string(FrameFeature f) noexcept;
/// Parses a name (throws InvalidArgument listing the valid ones).
FrameScale frame_scale(std::string_view name);
FrameMatch frame_match(std::string_view name);
FrameFeature frame_feature(std::string_view name);

/// A pattern that matched: frames()[frame].patterns[pattern], with its summed weight x feature.
struct PatternHit {
  std::uint32_t frame = 0, pattern = 0;
  double weight = 0.0;
};

/// One text's frame scores.
struct FrameScores {
  std::size_t tokens = 0;
  FrameScale scale = FrameScale::per_1000;
  std::vector<double> weight;                      ///< per frame (lexicon order): summed weight x feature of the matches
  std::vector<double> value;                       ///< per frame: the score on the lexicon's scale
  std::vector<PatternHit> matches;                 ///< every pattern that matched, in lexicon order
  /// Summed weight of frame f per 1,000 tokens (0 for an empty text).
  double per_1000(std::size_t f) const { return tokens ? 1000.0 * weight[f] / static_cast<double>(tokens) : 0.0; }
};

/// Per-thread scratch for FrameLexicon::score over the term ids of one vocabulary: remembers each distinct
/// term's candidate patterns, so the lexicon's maps are probed once per term instead of once per token
/// (and per prefix length). Use one memo with one lexicon and one vocabulary.
class FrameMemo {
 public:
  FrameMemo();
  ~FrameMemo();
  FrameMemo(FrameMemo&&) noexcept;
  FrameMemo& operator=(FrameMemo&&) noexcept;
  struct Impl;

 private:
  friend class FrameLexicon;
  std::unique_ptr<Impl> impl_;
};

class FrameLexicon {
 public:
  FrameLexicon() = default;
  /// Throws EncodingError when a name, description or pattern is not valid UTF-8.
  explicit FrameLexicon(std::vector<Frame> frames, std::string name = {}, FrameScale scale = FrameScale::per_1000,
                        FrameMatch match = FrameMatch::longest, FrameFeature feature = FrameFeature::count);

  /// Parses a JSON lexicon (throws EncodingError on invalid UTF-8, FormatError naming `source` and what is wrong).
  static FrameLexicon from_json(std::string_view json, std::string_view source = "lexicon");
  /// Parses a LIWC-style .dic dictionary (throws EncodingError on invalid UTF-8, FormatError with the line number).
  static FrameLexicon from_dic(std::string_view dic, std::string_view source = "dictionary");
  /// Loads a file by extension: .json or .dic (throws FileNotFound / IoError / FormatError).
  static FrameLexicon load(const std::string& path);
  /// The generic-frames lexicon written for framelens (cpp/data/frames_generic.json): conflict,
  /// responsibility, economic consequences, human interest, morality, security/defence.
  static const FrameLexicon& generic();

  const std::string& name() const noexcept { return name_; }
  const std::vector<Frame>& frames() const noexcept { return frames_; }
  std::size_t size() const noexcept { return frames_.size(); }
  FrameScale scale() const noexcept { return scale_; }
  FrameMatch match() const noexcept { return match_; }
  FrameFeature feature() const noexcept { return feature_; }
  const std::string& about() const noexcept { return about_; }
  void set_about(std::string about);

  /// Scores a sequence of unigram tokens, normalised as Tokenizer (default TokenOptions) normalises them.
  FrameScores score(const std::vector<std::string>& tokens) const;
  FrameScores score(const std::vector<std::string_view>& tokens) const;
  /// As score(tokens), where ids[i] is the id of tokens[i] in the vocabulary every call with `memo` uses.
  FrameScores score(const std::vector<std::string_view>& tokens, const std::vector<std::uint32_t>& ids,
                    FrameMemo& memo) const;
  /// Tokenizes valid UTF-8 `text` with the project tokenizer (default TokenOptions) then scores it
  /// (throws EncodingError on invalid UTF-8).
  FrameScores score_text(std::string_view text) const;
  /// Scores every document of `corpus` on `threads` threads (<= 0: all cores); same result for any count.
  std::vector<FrameScores> score(const Corpus& corpus, int threads = 0) const;

  /// Frame f's matched patterns of `scores` (scored with this lexicon) by text: pattern -> summed weight x
  /// feature (patterns written alike add up).
  std::map<std::string, double> hits(const FrameScores& scores, std::size_t f) const;

  std::string to_json() const;

  struct Index;  ///< the patterns indexed by first word (opaque; frames.cpp)

 private:
  void build_index();
  FrameScores score(const std::vector<std::string_view>& tokens, const std::vector<std::uint32_t>* ids,
                    FrameMemo::Impl* memo) const;
  std::vector<Frame> frames_;
  std::string name_;
  std::string about_;
  FrameScale scale_ = FrameScale::per_1000;
  FrameMatch match_ = FrameMatch::longest;
  FrameFeature feature_ = FrameFeature::count;
  std::shared_ptr<const Index> index_;
};

}  // namespace framelens
