#pragma once
// Paragraph and sentence segmentation of clean text. Spans are UTF-8 byte offsets, trimmed of
// surrounding white space.
#include <string_view>
#include <vector>

#include "framelens/document.hpp"

namespace framelens {

/// Paragraphs: runs of lines separated by blank lines; when a text has no blank line at all, each
/// non-empty line is a paragraph.
std::vector<Span> split_paragraphs(std::string_view text);

/// Sentences within `range` of `text` (ICU sentence breaks, refined for news abbreviations such as
/// "Nov.", "U.S.", "Mr." and initials). A sentence never crosses a paragraph break.
std::vector<Span> split_sentences(std::string_view text, Span range);
std::vector<Span> split_sentences(std::string_view text);

/// Fills doc.paragraphs and doc.sentences from doc.text.
void segment(Document& doc);

/// The paragraphs and sentences of `text`, as segment() gives a document's.
void segment(std::string_view text, std::vector<Span>& paragraphs, std::vector<Span>& sentences);

}  // namespace framelens
