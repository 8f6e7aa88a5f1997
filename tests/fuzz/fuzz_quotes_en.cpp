// Quote extraction, English cues.
#include "fuzz_quotes.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return fuzz::run_quotes("en", data, size);
}
