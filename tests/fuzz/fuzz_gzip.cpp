// Compressed input (the fuzzer mutates gzip bytes): corrupt, truncated or bomb-like streams end in a
// framelens error within the limits, never a crash or unbounded memory; page text and JSON Lines readers.
#include "fuzz_readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace framelens;
  fuzz::TempFile file(data, size, ".gz");
  const auto o = fuzz::small_limits(data + (size > 10 ? 10 : 0), size > 10 ? 1 : 0);  // a byte of the payload
  fuzz::guarded([&] {
    const std::string text = io::read_text(file.path(), o);
    fuzz::require(text.size() <= o.max_document_bytes, "read_text beyond max_document_bytes");
    fuzz::require(fuzz::valid_utf8(text), "read_text output not UTF-8");
  });
  std::vector<Document> docs;
  fuzz::collect([&](const auto& sink) { io::read_jsonl(file.path(), io::Fields{}, o, sink, nullptr, 1); }, docs);
  return 0;
}
