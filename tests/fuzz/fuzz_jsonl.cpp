// JSON Lines reader: valid output or a framelens error; the same documents (or the same error) on 1 and 2 threads.
#include "fuzz_readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace framelens;
  fuzz::TempFile file(data, size, ".jsonl");
  const auto o = fuzz::small_limits(data, size);
  io::Fields f;
  f.outlet = "source";
  f.date = "meta.date";
  std::vector<Document> one, two;
  const bool ok1 = fuzz::collect([&](const auto& sink) { io::read_jsonl(file.path(), f, o, sink, nullptr, 1); }, one);
  const bool ok2 = fuzz::collect([&](const auto& sink) { io::read_jsonl(file.path(), f, o, sink, nullptr, 2); }, two);
  fuzz::require(ok1 == ok2, "JSON Lines: success depends on the thread count");
  if (ok1) fuzz::require(fuzz::same(one, two), "JSON Lines: documents depend on the thread count");
  return 0;
}
