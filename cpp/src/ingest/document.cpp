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

// Every text field is UTF-8 (the message, naming the document and the field, is made only for a bad one).
void validate_document(const Document& doc, std::size_t index) {
  const auto check = [&](std::string_view field, const auto& what) {
    if (utf8::find_invalid(field) != std::string_view::npos) utf8::validate(field, document_name(doc, index) + what());
  };
  check(doc.id, [] { return std::string(" (id)"); });
  check(doc.text, [] { return std::string(" (text)"); });
  check(doc.title, [] { return std::string(" (title)"); });
  check(doc.outlet, [] { return std::string(" (outlet)"); });
  for (const auto& [key, value] : doc.meta) {
    check(key, [] { return std::string(" (a metadata key)"); });
    check(value, [&key = key] { return " (metadata '" + key + "')"; });  // the key is valid by now
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
