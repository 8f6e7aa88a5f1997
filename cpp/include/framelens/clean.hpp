#pragma once
// Boilerplate removal and metadata extraction for raw article text (what a browser's "save as
// text" or a scraper gives). General rules only, no list of any site's strings:
//
//   navigation  short lines with menu/navigation phrases ("Back to top", "Skip to content", "Also in X")
//   share       share bars ("Share this", "Share on Facebook", a line of social network names)
//   cookie      cookie and consent banners addressed to the reader
//   masthead    the outlet's name line ("HC - Harbour Courier", or a name line above the site menu)
//   tagline     the short line between such a name line and the menu ("Small town. Big stories.")
//   link-list   three or more consecutive short lines without sentence punctuation (menus, related links)
//   page-start  short lines without sentence punctuation before the headline / first body paragraph
//   page-end    short lines without sentence punctuation after the last body paragraph
//   repeated    lines repeated across several articles of the same outlet (footers, promos)
//
// and the metadata lines it reads (also recorded in Document::removed, so nothing is lost):
//
//   title       the headline (becomes Document::title unless one was given)
//   subtitle    the subheadline under it -> meta "subtitle"
//   byline      "By Ana Ruiz in Lisbon" -> meta author "Ana Ruiz", dateline "Lisbon"
//   date        a publication date line -> meta "date" (ISO 8601) and "date_raw"
//   url         a line that is only a URL -> meta "url" (its domain is the outlet when nothing else names one)
//
// The user's own outlet/title values always win over detected ones.
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "framelens/dates.hpp"
#include "framelens/document.hpp"

namespace framelens {

struct CleanOptions {
  /// true: the text is a whole page (masthead, headline, byline, date lines are looked for at its
  /// top); false: the text is an article body from a structured source (JSONL/CSV/HTML extractor),
  /// where only boilerplate rules and the body dateline apply.
  bool page = true;
  /// Remove boilerplate lines (false keeps every line; metadata lines are still read in page mode).
  bool boilerplate = true;
  /// A line kept in at least this many articles of one outlet is "repeated" boilerplate; an outlet
  /// with fewer articles needs the line in all of them (and at least 2). Never a line opening with a
  /// quotation of six words or more, nor a prose paragraph (12+ words, ending like a sentence) whose
  /// articles are all dated within 7 days of each other (a developing story's reprinted background).
  /// 0 disables the rule.
  int repeated_min_docs = 3;
  /// Rules whose lines are kept in the text (the user's override after inspecting doc.removed), e.g.
  /// {"page-end", "repeated"}. A kept "title"/"byline"/"date" line still fills the metadata.
  std::set<std::string> keep_rules;
  DateOptions dates;
};

/// True for the rules that move a line into metadata ("title", "subtitle", "byline", "date", "url") rather than
/// discarding it as boilerplate.
bool is_metadata_rule(std::string_view rule) noexcept;

/// Cleans one document in place: doc.text is taken as the raw input and replaced by the clean text;
/// title/outlet are filled when empty, meta gains date/date_raw/author/dateline, removed lists every
/// line taken out (with its rule and line number), and paragraphs/sentences are segmented.
void clean(Document& doc, const CleanOptions& options = {});

/// Cleans many documents (in parallel) and applies the cross-article "repeated" rule per outlet.
void clean(std::vector<Document>& docs, const CleanOptions& options = {}, int threads = 0);

}  // namespace framelens
