// Page cleaning on arbitrary text: the cleaned text, title and metadata are valid UTF-8; paragraphs and
// sentences lie inside the cleaned text on code-point boundaries; removed lines lie inside the raw page;
// cleaning two pages together gives the same result on 1 and 2 threads.
#include <vector>

#include "framelens/clean.hpp"
#include "fuzz_common.hpp"

namespace {
void check(const framelens::Document& d, const std::string& raw) {
  fuzz::require(fuzz::valid_utf8(d.text) && fuzz::valid_utf8(d.title) && fuzz::valid_utf8(d.outlet), "clean output not UTF-8");
  for (const auto& [k, v] : d.meta) fuzz::require(fuzz::valid_utf8(k) && fuzz::valid_utf8(v), "clean metadata not UTF-8");
  for (const auto& p : d.paragraphs) fuzz::require_span(d.text, p, "paragraph");
  for (const auto& s : d.sentences) fuzz::require_span(d.text, s, "sentence");
  for (const auto& r : d.removed) {
    fuzz::require_span(raw, r.raw, "removed line");
    fuzz::require(fuzz::valid_utf8(r.text), "removed line not UTF-8");
  }
}
bool same(const framelens::Document& a, const framelens::Document& b) {
  return a.text == b.text && a.title == b.title && a.meta == b.meta && a.removed.size() == b.removed.size() &&
         a.sentences.size() == b.sentences.size();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace framelens;
  const std::string raw = fuzz::text_of(data, size);
  CleanOptions o;
  o.page = size == 0 || (data[0] & 1) == 0;
  o.repeated_min_docs = 2;
  Document d;
  d.text = raw;
  clean(d, o);
  check(d, raw);
  // two pages of one outlet: the first half and the whole text (the "repeated" rule runs across them)
  std::string half = raw.substr(0, raw.size() / 2);
  framelens::utf8::replace_invalid(half);  // a cut inside a sequence
  const std::string raws[2] = {half, raw};
  std::vector<Document> one(2), two(2);
  for (std::size_t i = 0; i < 2; ++i) {
    one[i].text = two[i].text = raws[i];
    one[i].outlet = two[i].outlet = "Outlet";
  }
  clean(one, o, 1);
  clean(two, o, 2);
  for (std::size_t i = 0; i < 2; ++i) {
    check(one[i], raws[i]);
    fuzz::require(same(one[i], two[i]), "clean depends on the thread count");
  }
  return 0;
}
