// Content-boundary models (the text file QuoteExtractor::train_model() writes; the first byte picks the
// extractor's language): a FormatError or InvalidArgument, or an extractor that still extracts with spans
// inside the text.
#include "fuzz_quotes.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace framelens;
  if (size == 0) return 0;
  const std::string_view in(reinterpret_cast<const char*>(data + 1), size - 1);
  QuoteExtractor x(data[0] & 1 ? "de" : "en");
  if (!fuzz::guarded([&] { x.load_model(in); })) return 0;
  static const std::string text =
      "\xE2\x80\x9CWe will appeal,\xE2\x80\x9D said Maria Lopez, a lawyer for the city. The minister told reporters "
      "the plan was \"dead\" and that talks would resume. Der Sprecher sagte, man werde das pr\xC3\xBC" "fen. "
      "According to officials, the port reopens on Monday.";
  fuzz::require_result(text, x.extract(text));
  return 0;
}
