#pragma once
// Data files embedded in the library at build time (cpp/data/*): stopword lists, cue lexicons,
// gazetteers, frame lexicons. Looked up by path under cpp/data, e.g. embedded("lang/en/stopwords.txt").
#include <string_view>
#include <vector>

namespace framelens::data {

/// The bytes of an embedded data file, or an empty view when there is none of that name.
std::string_view embedded(std::string_view name);

/// The names of every embedded data file.
std::vector<std::string_view> embedded_names();

}  // namespace framelens::data
