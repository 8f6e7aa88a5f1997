// Frame lexicon JSON: a FormatError or a lexicon whose JSON round trip is a fixed point
// (to_json(from_json(to_json(x))) == to_json(x)); scoring arbitrary text stays in range.
#include "framelens/frames.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace framelens;
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  fuzz::guarded([&] {
    const FrameLexicon lex = FrameLexicon::from_json(in, "fuzz.json");
    const std::string once = lex.to_json();
    fuzz::require(fuzz::valid_utf8(once), "to_json not UTF-8");
    const std::string twice = FrameLexicon::from_json(once, "round trip").to_json();
    fuzz::require(once == twice, "frame lexicon JSON round trip differs");
    const auto scores = lex.score_text("the council said the plan would cost jobs and money");
    fuzz::require(scores.weight.size() == lex.size(), "one score per frame");
  });
  return 0;
}
