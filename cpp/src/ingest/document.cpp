#include "framelens/document.hpp"

#include <algorithm>
#include <unordered_set>

#include "framelens/error.hpp"
#include "framelens/utf8.hpp"
#include "util/parallel.hpp"

namespace framelens {

std::string_view Document::get(std::string_view key) const {
  if (key == "id") return id;
  if (key == "outlet") return outlet;
  if (key == "title") return title;
  const auto it = meta.find(std::string(key));
  return it == meta.end() ? std::string_view{} : std::string_view(it->second);
}

namespace {

// The document as an error message names it: by its id when that prints whole, else by its position
// (an id with a NUL would cut the message short, one with invalid UTF-8 could not be shown).
std::string document_name(const Document& doc, std::size_t index) {
  const bool printable = !doc.id.empty() && doc.id.size() <= 200 && doc.id.find('\0') == std::string::npos &&
                         utf8::find_invalid(doc.id) == std::string_view::npos;
  return printable ? "document '" + doc.id + "'" : "document " + std::to_string(index);
}

void validate_document(const Document& doc, std::size_t index) {
  const std::string name = document_name(doc, index);
  utf8::validate(doc.id, name + " (id)");
  utf8::validate(doc.text, name + " (text)");
  utf8::validate(doc.title, name + " (title)");
  utf8::validate(doc.outlet, name + " (outlet)");
  for (const auto& [key, value] : doc.meta) {
    utf8::validate(key, name + " (a metadata key)");
    utf8::validate(value, name + " (metadata '" + (utf8::find_invalid(key) == std::string_view::npos ? key : "?") + "')");
  }
}

}  // namespace

std::size_t Corpus::add(Document doc) {
  validate_document(doc, docs_.size());
  if (doc.id.empty()) doc.id = "doc" + std::to_string(docs_.size());
  docs_.push_back(std::move(doc));
  return docs_.size() - 1;
}

std::size_t Corpus::add(std::vector<Document> docs, int threads) {
  const std::size_t first = docs_.size();
  // parallel_for rethrows the exception of the lowest chunk; chunks of one document make that the
  // first invalid document.
  detail::parallel_for(docs.size(), resolve_threads(threads), 1, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t i = b; i < e; ++i) validate_document(docs[i], first + i);
  });
  docs_.reserve(first + docs.size());
  for (auto& d : docs) {
    if (d.id.empty()) d.id = "doc" + std::to_string(docs_.size());
    docs_.push_back(std::move(d));
  }
  return first;
}

std::size_t Corpus::add(std::string text, std::string outlet, std::string title) {
  Document d;
  d.text = std::move(text);
  d.outlet = std::move(outlet);
  d.title = std::move(title);
  return add(std::move(d));
}

const Document& Corpus::at(std::size_t i) const {
  if (i >= docs_.size())
    throw NotFound("document index " + std::to_string(i) + " is out of range (corpus has " +
                   std::to_string(docs_.size()) + " documents)");
  return docs_[i];
}

std::vector<std::string> Corpus::outlets() const {
  std::vector<std::string> out;
  std::unordered_set<std::string_view> seen;
  for (const auto& d : docs_)
    if (seen.insert(d.outlet).second) out.push_back(d.outlet);
  return out;
}

std::vector<std::string> Corpus::labels(std::string_view key) const {
  std::vector<std::string> out;
  out.reserve(docs_.size());
  for (const auto& d : docs_) out.emplace_back(d.get(key));
  return out;
}

}  // namespace framelens
