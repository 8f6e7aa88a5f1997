#pragma once
// Frames: lexicon-based frame scores per document and outlet.
//
// A lexicon maps each frame to weighted patterns. A pattern is one or more words ("blame",
// "pay the price"); a word ending in `*` matches any word that starts with it ("protest*" matches
// "protesters"). Matching is case-insensitive over the tokens of a text; at each position the longest
// matching pattern of a frame wins and matches of one frame do not overlap (a word may count for
// several frames). A document's score for a frame is the summed weight of its matches per 1,000
// tokens, so documents and outlets of different length compare.
//
// Two formats load:
//  * JSON (framelens): {"version": 1, "name": ..., "about": ..., "frames": {"conflict": {"description": ...,
//    "terms": {"clash*": 1.0, "war of words": 2.0}}}}
//  * LIWC-style .dic (e.g. the Moral Foundations Dictionary): a header of "<id> <category>" lines between
//    two "%" lines, then one "<pattern> <id> [<id> ...]" line per entry (tab or space separated; weight 1).
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

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
};

/// One text's frame scores.
struct FrameScores {
  std::size_t tokens = 0;
  std::vector<double> weight;                      ///< summed match weight per frame (lexicon order)
  std::vector<std::map<std::string, double>> hits; ///< per frame: matched pattern -> summed weight
  /// Score of frame f per 1,000 tokens (0 for an empty text).
  double per_1000(std::size_t f) const { return tokens ? 1000.0 * weight[f] / static_cast<double>(tokens) : 0.0; }
};

class FrameLexicon {
 public:
  FrameLexicon() = default;
  explicit FrameLexicon(std::vector<Frame> frames, std::string name = {});

  /// Parses a JSON lexicon (throws FormatError naming `source` and what is wrong).
  static FrameLexicon from_json(std::string_view json, std::string_view source = "lexicon");
  /// Parses a LIWC-style .dic dictionary (throws FormatError with the line number).
  static FrameLexicon from_dic(std::string_view dic, std::string_view source = "dictionary");
  /// Loads a file by extension: .json or .dic (throws FileNotFound / IoError / FormatError).
  static FrameLexicon load(const std::string& path);
  /// The generic-frames lexicon written for framelens (cpp/data/frames_generic.json): conflict,
  /// responsibility, economic consequences, human interest, morality, security/defence.
  static const FrameLexicon& generic();

  const std::string& name() const noexcept { return name_; }
  const std::vector<Frame>& frames() const noexcept { return frames_; }
  std::size_t size() const noexcept { return frames_.size(); }

  /// Scores a sequence of tokens (already lower-cased / case-folded words, punctuation removed).
  FrameScores score(const std::vector<std::string>& tokens) const;
  /// Convenience: tokenizes `text` (letters, digits and inner apostrophes; lower-cased) then scores it.
  FrameScores score_text(std::string_view text) const;

  std::string to_json() const;

 private:
  void build_index();
  std::vector<Frame> frames_;
  std::string name_;
  struct Index;
  std::shared_ptr<const Index> index_;
};

}  // namespace framelens
