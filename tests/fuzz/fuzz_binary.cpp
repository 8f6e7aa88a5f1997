// The compact binary forms that travel between processes (pickles between Dask workers and to the client):
// a corpus, a piece's share of a comparison, a comparison, a piece's quotes. The first byte picks the form,
// the rest is the buffer. Each is a FormatError, or a value whose bytes are a fixed point after one round
// trip; never a read outside the buffer.
#include "framelens/compare_partial.hpp"
#include "framelens/serialize.hpp"
#include "fuzz_common.hpp"

namespace {

template <class T, class Read>
void round_trip(std::string_view in, Read read, const char* what) {
  const std::string once = framelens::serialize(read(in));
  const std::string twice = framelens::serialize(read(once));
  fuzz::require(once == twice, what);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace framelens;
  if (size == 0) return 0;
  const std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  fuzz::guarded([&] {
    switch (data[0] % 4) {
      case 0: round_trip<Corpus>(in, deserialize_corpus, "corpus bytes round trip differs"); break;
      case 1: round_trip<PartialComparison>(in, deserialize_partial, "partial comparison bytes round trip differs"); break;
      case 2: round_trip<Comparison>(in, deserialize_comparison, "comparison bytes round trip differs"); break;
      default: round_trip<PieceQuotes>(in, deserialize_piece_quotes, "piece quotes bytes round trip differs"); break;
    }
  });
  return 0;
}
