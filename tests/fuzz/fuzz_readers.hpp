#pragma once
// Shared by the record-reader harnesses: every document a reader hands over is valid UTF-8 (or the read
// failed with a framelens error), and the result does not depend on the thread count.
#include <functional>
#include <vector>

#include "framelens/io.hpp"
#include "fuzz_common.hpp"

namespace fuzz {

inline framelens::io::ReadOptions small_limits(const std::uint8_t* data, std::size_t size) {
  framelens::io::ReadOptions o;
  o.errors = size && (data[0] & 1) ? framelens::io::OnInvalid::Replace : framelens::io::OnInvalid::Raise;
  o.max_document_bytes = 1 << 16;  // small, so that the limits themselves are exercised
  o.max_input_bytes = 1 << 20;
  return o;
}

inline void require_valid(const framelens::Document& d) {
  require(valid_utf8(d.text) && valid_utf8(d.id) && valid_utf8(d.outlet) && valid_utf8(d.title), "reader output is not UTF-8");
  for (const auto& [k, v] : d.meta) require(valid_utf8(k) && valid_utf8(v), "reader metadata is not UTF-8");
  require(!d.id.empty(), "document without an id");
}

/// Reads with `read(sink)`; returns the documents, or nothing and false after a framelens error.
inline bool collect(const std::function<void(const std::function<void(framelens::Document&&)>&)>& read,
                    std::vector<framelens::Document>& out) {
  out.clear();
  return guarded([&] { read([&](framelens::Document&& d) { require_valid(d); out.push_back(std::move(d)); }); });
}

inline bool same(const std::vector<framelens::Document>& a, const std::vector<framelens::Document>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].text != b[i].text || a[i].id != b[i].id || a[i].outlet != b[i].outlet || a[i].meta != b[i].meta) return false;
  return true;
}

}  // namespace fuzz
