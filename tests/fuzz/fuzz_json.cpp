// JSON reader (one article object, BASIL layout, or an array of records): valid output or a framelens error.
#include "fuzz_readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace framelens;
  fuzz::TempFile file(data, size, ".json");
  std::vector<Document> docs;
  fuzz::collect([&](const auto& sink) { io::read_json(file.path(), io::Fields{}, fuzz::small_limits(data, size), sink); }, docs);
  fuzz::guarded([&] { io::record_fields(file.path(), "json", fuzz::small_limits(data, size)); });
  return 0;
}
