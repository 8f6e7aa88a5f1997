#pragma once
// The one JSON policy for every reader of untrusted JSON (JSON Lines, JSON articles, comparisons, frame
// lexicons, cue and gazetteer files): every problem is a framelens::FormatError that names the source,
// the byte position and what to do - never a library exception or message.
//   - syntax errors: "<source>: <what> at byte N; <what to do>"
//   - numbers a double cannot hold (1e999): FormatError at the number's byte
//   - nesting deeper than max_depth: FormatError at the byte of the bracket that goes too deep
//     (nlohmann's parser is iterative, but every recursive walk over the value afterwards is not)
//   - integers: json_integer() accepts whole numbers within a range only (no 3.7, 1e300, -1 -> 2^64-1)
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace framelens::util {

/// Nesting depth (arrays and objects) allowed by default; real records nest a few levels.
inline constexpr std::size_t kMaxJsonDepth = 256;

/// Where a JSON text comes from, for error messages.
struct JsonSource {
  std::string name;          ///< "file.jsonl: line 3", "frame lexicon", ...
  std::size_t base = 0;      ///< byte offset of the text within that source (added to every position)
  std::string what_to_do;    ///< the advice appended to every error
};

/// Byte offset (within `text`) of the first bracket nested deeper than max_depth, or npos.
std::size_t json_too_deep(std::string_view text, std::size_t max_depth);

/// Parses `text`; throws FormatError (see above) for every kind of bad input.
template <class Json = nlohmann::json>
Json parse_json(std::string_view text, const JsonSource& source, std::size_t max_depth = kMaxJsonDepth);

/// The value as a whole number in [lo, hi]; FormatError naming `where` for anything else
/// (a fraction, a number out of range, a string, ...).
template <class Json>
std::int64_t json_integer(const Json& value, const std::string& where, std::int64_t lo, std::int64_t hi);

/// The value as a finite number; FormatError naming `where` otherwise.
template <class Json>
double json_number(const Json& value, const std::string& where);

}  // namespace framelens::util
