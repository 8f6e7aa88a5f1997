#pragma once
// A compact binary form of a Corpus (every document field, its structure and its removed lines), for
// sending corpus chunks between processes (Python's pickle, Dask workers). Reading checks every length
// and span against the buffer and the text, so a truncated or corrupt buffer gives FormatError, never
// an out-of-bounds read.
#include <string>
#include <string_view>

#include "framelens/document.hpp"

namespace framelens {

/// The corpus as bytes (format version 1).
std::string serialize(const Corpus& corpus);
/// The corpus written by serialize(); throws FormatError naming the byte position for a damaged buffer
/// and EncodingError for text that is not UTF-8.
Corpus deserialize_corpus(std::string_view bytes);

}  // namespace framelens
