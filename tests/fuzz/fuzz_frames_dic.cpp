// Frame lexicon in LIWC .dic form: a FormatError or a lexicon whose JSON form round-trips.
#include "framelens/frames.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace framelens;
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  fuzz::guarded([&] {
    const FrameLexicon lex = FrameLexicon::from_dic(in, "fuzz.dic");
    const std::string once = lex.to_json();
    fuzz::require(fuzz::valid_utf8(once), "to_json of a .dic lexicon not UTF-8");
    fuzz::require(FrameLexicon::from_json(once, "round trip").to_json() == once, ".dic lexicon JSON round trip differs");
  });
  return 0;
}
