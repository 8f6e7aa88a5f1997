// Comparison JSON: a FormatError, or a comparison whose JSON is a fixed point after one round trip.
#include "framelens/compare.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace framelens;
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  fuzz::guarded([&] {
    const std::string once = to_json(comparison_from_json(in), -1);
    fuzz::require(fuzz::valid_utf8(once), "to_json not UTF-8");
    const std::string twice = to_json(comparison_from_json(once), -1);
    fuzz::require(once == twice, "comparison JSON round trip differs");
  });
  return 0;
}
