// Matrices counted in pieces (dtm_merge.cpp) and the corpus byte form (serialize.cpp).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "framelens/dtm.hpp"
#include "framelens/error.hpp"
#include "framelens/serialize.hpp"

using namespace framelens;

namespace {

Corpus corpus_of(const std::vector<std::pair<std::string, std::string>>& docs) {
  Corpus c;
  for (const auto& [text, outlet] : docs) c.add(text, outlet);
  return c;
}

// dtm() of the whole corpus, rebuilt from partitions split at `cut`.
DocumentTermMatrix in_pieces(const Corpus& whole, std::size_t cut, DfLimit min_df, DfLimit max_df) {
  Corpus a, b;
  for (std::size_t i = 0; i < whole.size(); ++i) (i < cut ? a : b).add(whole[i]);
  const TokenOptions tokens;
  const DocumentTermMatrix pa = partial_dtm(a, tokens, 1), pb = partial_dtm(b, tokens, 2);
  const DocumentFrequencies v = merge({vocabulary(view(pa.matrix), pa.terms), vocabulary(view(pb.matrix), pb.terms)});
  DocumentTermMatrix out;
  out.terms = prune(v, min_df, max_df);
  const SparseMatrix ra = remap_columns(view(pa.matrix), term_positions(pa.terms, out.terms), static_cast<Eigen::Index>(out.terms.size()));
  const SparseMatrix rb = remap_columns(view(pb.matrix), term_positions(pb.terms, out.terms), static_cast<Eigen::Index>(out.terms.size()));
  out.matrix.resize(ra.rows() + rb.rows(), static_cast<Eigen::Index>(out.terms.size()));
  std::vector<Eigen::Triplet<double>> t;
  for (const auto* m : {&ra, &rb}) {
    const Eigen::Index base = m == &ra ? 0 : ra.rows();
    for (Eigen::Index i = 0; i < m->outerSize(); ++i)
      for (SparseMatrix::InnerIterator it(*m, i); it; ++it) t.emplace_back(base + i, it.col(), it.value());
  }
  out.matrix.setFromTriplets(t.begin(), t.end());
  return out;
}

}  // namespace

TEST_CASE("a matrix counted in two partitions equals dtm() of the whole corpus", "[dtm][merge]") {
  const Corpus c = corpus_of({{"the tax cut helps families", "Ledger"},
                              {"the tax cut helps the rich", "Courier"},
                              {"families fear the tax", "Ledger"},
                              {"rain rain rain", "Courier"},
                              {"", "Ledger"}});
  for (const auto& [lo, hi] : {std::pair{DfLimit::documents(1), DfLimit::share(1.0)},
                               std::pair{DfLimit::documents(2), DfLimit::share(0.7)}}) {
    DtmOptions o;
    o.min_df = lo;
    o.max_df = hi;
    const DocumentTermMatrix whole = dtm(c, o);
    for (std::size_t cut : {0u, 1u, 3u, 5u}) {
      const DocumentTermMatrix pieces = in_pieces(c, cut, lo, hi);
      REQUIRE(pieces.terms == whole.terms);
      REQUIRE(pieces.matrix.isApprox(whole.matrix));
      REQUIRE((SparseMatrix(pieces.matrix - whole.matrix)).norm() == 0.0);
    }
  }
}

TEST_CASE("partitions without tokens are rows without terms; the merged vocabulary decides", "[dtm][merge]") {
  const Corpus empty_texts = corpus_of({{"", "A"}, {"  ", "B"}});
  const DocumentTermMatrix p = partial_dtm(empty_texts, TokenOptions{}, 1);
  CHECK(p.matrix.rows() == 2);
  CHECK(p.terms.empty());
  CHECK(partial_dtm(Corpus{}, TokenOptions{}, 1).matrix.rows() == 0);
  const DocumentFrequencies v = merge({vocabulary(view(p.matrix), p.terms)});
  CHECK(v.documents == 2);
  CHECK_THROWS_WITH(prune(v, DfLimit::documents(1), DfLimit::share(1.0)), Catch::Contains("empty vocabulary"));
  CHECK_THROWS_WITH(prune(DocumentFrequencies{}, DfLimit::documents(1), DfLimit::share(1.0)), Catch::Contains("corpus is empty"));
  TokenOptions bad;
  bad.ngram_min = 3;
  bad.ngram_max = 1;
  CHECK_THROWS_AS(partial_dtm(corpus_of({{"a b", "A"}}), bad, 1), InvalidArgument);
}

TEST_CASE("vocabulary merge sums document frequencies and rejects unsorted input", "[dtm][merge]") {
  DocumentFrequencies a{{"b", "d"}, {1, 2}, 3}, b{{"a", "b", "e"}, {4, 5, 6}, 10};
  const DocumentFrequencies m = merge({a, b});
  CHECK(m.terms == std::vector<std::string>{"a", "b", "d", "e"});
  CHECK(m.df == std::vector<std::uint64_t>{4, 6, 2, 6});
  CHECK(m.documents == 13);
  CHECK(merge({merge({a}), b}).terms == m.terms);
  DocumentFrequencies bad{{"z", "a"}, {1, 1}, 1};
  CHECK_THROWS_AS(merge({bad}), InvalidArgument);
  CHECK(term_positions({"b", "c", "e"}, m.terms) == std::vector<std::int32_t>{1, -1, 3});
  const std::vector<std::string> kept = prune(m, DfLimit::documents(5), DfLimit::share(1.0));
  CHECK(kept == std::vector<std::string>{"b", "e"});
}

TEST_CASE("remap_columns checks its positions", "[dtm][merge]") {
  SparseMatrix m(1, 2);
  m.insert(0, 0) = 1;
  m.insert(0, 1) = 2;
  m.makeCompressed();
  CHECK_THROWS_AS(remap_columns(view(m), {1, 0}, 2), InvalidArgument);
  CHECK_THROWS_AS(remap_columns(view(m), {0, 5}, 2), InvalidArgument);
  CHECK_THROWS_AS(remap_columns(view(m), {0}, 2), InvalidArgument);
  const SparseMatrix r = remap_columns(view(m), {-1, 3}, 4);
  CHECK(r.nonZeros() == 1);
  CHECK(r.coeff(0, 3) == 2);
}

TEST_CASE("a corpus survives its byte form; damaged bytes give FormatError", "[ingest][serialize]") {
  Corpus c;
  Document d;
  d.id = "a1";
  d.outlet = "Ledger";
  d.title = "Tax cut";
  d.text = "Tax cut passes. Critics object.";
  d.meta = {{"date", "2020-01-02"}, {"lang", "en"}};
  d.paragraphs = {{0, 31}};
  d.sentences = {{0, 15}, {16, 31}};
  d.removed.push_back(RemovedLine{"Home", "navigation", 1, {0, 4}});
  c.add(d);
  c.add("Zweite Meldung über Steuern.", "Rundschau");
  const std::string bytes = serialize(c);
  const Corpus back = deserialize_corpus(bytes);
  REQUIRE(back.size() == 2);
  CHECK(back[0].id == "a1");
  CHECK(back[0].meta == d.meta);
  CHECK(back[0].sentences == d.sentences);
  CHECK(back[0].removed.size() == 1);
  CHECK(back[0].removed[0].rule == "navigation");
  CHECK(back[1].text == c[1].text);
  CHECK(back[1].id == "doc1");
  for (std::size_t n = 0; n < bytes.size(); n += 7)
    CHECK_THROWS_AS(deserialize_corpus(std::string_view(bytes).substr(0, n)), FormatError);
  std::string extra = bytes + "x";
  CHECK_THROWS_AS(deserialize_corpus(extra), FormatError);
  std::string span = bytes;
  // The first sentence span's end (after id, outlet, title, text, meta, paragraphs): a position past the text.
  const std::size_t at = span.find(std::string("\x0f\0\0\0\0\0\0\0", 8));
  REQUIRE(at != std::string::npos);
  span[at] = '\x7f';
  CHECK_THROWS_AS(deserialize_corpus(span), FormatError);
}
