// User cue lexicons and gazetteers (the first byte picks which; JSON in the format of lang/<code>/cues.json
// and gazetteer.json): a FormatError, or an extractor that still extracts with spans inside the text.
#include "fuzz_quotes.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace framelens;
  if (size == 0) return 0;
  const std::string_view in(reinterpret_cast<const char*>(data + 1), size - 1);
  QuoteExtractor x(data[0] & 2 ? "de" : "en");
  const bool loaded = fuzz::guarded([&] {
    if (data[0] & 1) x.add_gazetteer(in);
    else x.add_cues(in);
  });
  if (!loaded) return 0;
  static const std::string text =
      "\xE2\x80\x9CWe will appeal,\xE2\x80\x9D said Maria Lopez, a lawyer for the city. The minister told reporters "
      "the plan was \"dead\". Der Sprecher sagte, man werde pr\xC3\xBC" "fen. According to officials, talks resume.";
  fuzz::require_result(text, x.extract(text));
  return 0;
}
