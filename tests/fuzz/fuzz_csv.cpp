// CSV / TSV reader (the first byte picks the delimiter): valid output or a framelens error; a successful
// read has as many fields per record as the header (checked by the reader) and keeps every record's text.
#include "fuzz_readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace framelens;
  if (size == 0) return 0;
  const char delimiter = (data[0] & 2) ? '\t' : ',';
  fuzz::TempFile file(data + 1, size - 1, ".csv");
  const auto o = fuzz::small_limits(data, size);
  std::vector<Document> docs;
  fuzz::collect([&](const auto& sink) { io::read_csv(file.path(), io::Fields{}, o, sink, delimiter); }, docs);
  fuzz::guarded([&] {
    const auto keys = io::record_fields(file.path(), delimiter == '\t' ? "tsv" : "csv", o);
    for (const auto& k : keys) fuzz::require(o.errors == io::OnInvalid::Raise || fuzz::valid_utf8(k), "header not UTF-8");
  });
  return 0;
}
