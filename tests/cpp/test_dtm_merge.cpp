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
  const TermFrequencies v = merge({term_frequencies(view(pa.matrix), pa.terms), term_frequencies(view(pb.matrix), pb.terms)});
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
  const TermFrequencies v = merge({term_frequencies(view(p.matrix), p.terms)});
  CHECK(v.documents == 2);
  CHECK_THROWS_WITH(prune(v, DfLimit::documents(1), DfLimit::share(1.0)), Catch::Contains("empty vocabulary"));
  CHECK_THROWS_WITH(prune(TermFrequencies{}, DfLimit::documents(1), DfLimit::share(1.0)), Catch::Contains("corpus is empty"));
  TokenOptions bad;
  bad.ngram_min = 3;
  bad.ngram_max = 1;
  CHECK_THROWS_AS(partial_dtm(corpus_of({{"a b", "A"}}), bad, 1), InvalidArgument);
}

TEST_CASE("vocabulary merge sums document frequencies and rejects unsorted input", "[dtm][merge]") {
  TermFrequencies a{{"b", "d"}, {1, 2}, 3}, b{{"a", "b", "e"}, {4, 5, 6}, 10};
  const TermFrequencies m = merge({a, b});
  CHECK(m.terms == std::vector<std::string>{"a", "b", "d", "e"});
  CHECK(m.df == std::vector<std::uint64_t>{4, 6, 2, 6});
  CHECK(m.documents == 13);
  CHECK(merge({merge({a}), b}).terms == m.terms);
  TermFrequencies bad{{"z", "a"}, {1, 1}, 1};
  CHECK_THROWS_AS(merge({bad}), InvalidArgument);
  CHECK(term_positions({"b", "c", "e"}, m.terms) == std::vector<std::int32_t>{1, -1, 3});
  const std::vector<std::string> kept = prune(m, DfLimit::documents(5), DfLimit::share(1.0));
  CHECK(kept == std::vector<std::string>{"b", "e"});
}

TEST_CASE("merge and prune say where each term went; composed, they equal term_positions", "[dtm][merge]") {
  TermFrequencies a{{"b", "d"}, {1, 2}, 3}, b{{"a", "b", "e"}, {4, 5, 6}, 10}, c{{"c", "e"}, {1, 1}, 2};
  std::vector<std::vector<std::int32_t>> first, second;
  const TermFrequencies ab = merge({a, b}, &first);
  CHECK(first == std::vector<std::vector<std::int32_t>>{{1, 2}, {0, 1, 3}});
  const TermFrequencies all = merge({ab, c}, &second);
  CHECK(all.terms == merge({a, b, c}).terms);
  std::vector<std::int32_t> kept;
  const std::vector<std::string> terms = prune(all, DfLimit::documents(3), DfLimit::share(1.0), &kept);
  CHECK(terms == prune(all, DfLimit::documents(3), DfLimit::share(1.0)));
  CHECK(kept.size() == all.terms.size());
  // a leaf's way up: a -> ab (first[0]) -> all (second[0]) -> kept
  for (const auto& [leaf, slot] : {std::pair{&a, 0}, std::pair{&b, 1}}) {
    std::vector<std::int32_t> composed;
    for (const std::int32_t p : first[static_cast<std::size_t>(slot)]) composed.push_back(kept[second[0][p]]);
    CHECK(composed == term_positions(leaf->terms, terms));
  }
  std::vector<std::int32_t> from_c;
  for (const std::int32_t p : second[1]) from_c.push_back(kept[p]);
  CHECK(from_c == term_positions(c.terms, terms));
  std::vector<std::vector<std::int32_t>> none;
  CHECK(merge({}, &none).terms.empty());
  CHECK(none.empty());
}

namespace {

// Rows as they travel: (rows, cols) with offsets, indices and byte counts owned by the caller.
struct Piece {
  std::vector<std::int32_t> indptr, indices;
  std::vector<std::uint8_t> counts;
  std::size_t cols = 0;
  CountRows rows() const {
    CountRows r;
    r.rows = indptr.size() - 1;
    r.cols = cols;
    r.entries = indices.size();
    r.indptr = indptr.data();
    r.indices = indices.data();
    r.counts = counts.data();
    return r;
  }
};

StackedCsr stacked(const std::vector<Piece>& pieces, const std::vector<std::vector<std::int32_t>>& maps,
                   std::int64_t cols, int threads) {
  RowStack stack(pieces.size());
  for (const Piece& p : pieces) stack.add(p.rows());
  return stack.finish(maps, cols, threads);
}

}  // namespace

TEST_CASE("RowStack moves each partition's columns through its map and drops pruned ones", "[dtm][merge]") {
  // partition 0: rows {0:1, 2:5} and {}; partition 1: no rows; partition 2: {1:2}, {0:7, 1:1}
  const std::vector<Piece> pieces = {{{0, 2, 2}, {0, 2}, {1, 5}, 3}, {{0}, {}, {}, 4}, {{0, 1, 3}, {1, 0, 1}, {2, 7, 1}, 2}};
  const std::vector<std::vector<std::int32_t>> maps = {{0, -1, 2}, {-1, -1, -1, -1}, {1, 3}};
  for (const int threads : {1, 2}) {
    const StackedCsr s = stacked(pieces, maps, 4, threads);
    CHECK(s.indptr == std::vector<std::int64_t>{0, 2, 2, 3, 5});
    CHECK(s.indices == std::vector<std::int32_t>{0, 2, 3, 1, 3});
    CHECK(s.counts == std::vector<double>{1, 5, 2, 7, 1});
    CHECK(s.cols == 4);
  }
  const StackedCsr kept = stacked(pieces, {{0, 1, 2}, {0, 1, 2, 3}, {1, 3}}, 4, 2);  // nothing pruned
  CHECK(kept.indptr == std::vector<std::int64_t>{0, 2, 2, 3, 5});
  CHECK(kept.indices == std::vector<std::int32_t>{0, 2, 3, 1, 3});
  const StackedCsr same = stacked({pieces[0]}, {}, 3, 1);  // no maps: the columns stay
  CHECK(same.indices == std::vector<std::int32_t>{0, 2});
  CHECK(same.counts == std::vector<double>{1, 5});
}

TEST_CASE("RowStack reads 16-bit column indices and every count type", "[dtm][merge]") {
  const std::vector<std::int32_t> indptr{0, 1, 3};
  const std::vector<std::uint16_t> indices{65535, 0, 65535};
  const std::vector<std::uint32_t> counts{70000, 1, 2};
  CountRows r;
  r.rows = 2;
  r.cols = 65536;
  r.entries = 3;
  r.indptr = indptr.data();
  r.indices = indices.data();
  r.counts = counts.data();
  RowStack stack;
  stack.add(r);
  const std::vector<double> real{0.5, 1.5, 2.5};
  r.counts = real.data();
  stack.add(r);
  const StackedCsr s = stack.finish({}, 65536);
  CHECK(s.indptr == std::vector<std::int64_t>{0, 1, 3, 4, 6});
  CHECK(s.indices == std::vector<std::int32_t>{65535, 0, 65535, 65535, 0, 65535});
  CHECK(s.counts == std::vector<double>{70000, 1, 2, 0.5, 1.5, 2.5});
  CHECK(stack.rows() == 0);  // finish leaves the stack empty
}

TEST_CASE("RowStack checks every partition and map and keeps nothing of a bad one", "[dtm][merge]") {
  const Piece good{{0, 2}, {0, 1}, {1, 1}, 2};
  const auto add_fails = [&](const Piece& bad) {
    RowStack stack;
    stack.add(good.rows());
    CHECK_THROWS_AS(stack.add(bad.rows()), InvalidArgument);
    CHECK(stack.parts() == 1);
    const StackedCsr s = stack.finish({}, 2);  // the good partition alone
    CHECK(s.indptr == std::vector<std::int64_t>{0, 2});
    CHECK(s.indices == std::vector<std::int32_t>{0, 1});
  };
  add_fails({{0, 2}, {1, 0}, {1, 1}, 2});        // indices not sorted within the row
  add_fails({{0, 2}, {1, 1}, {1, 1}, 2});        // a column twice in a row
  add_fails({{0, 2}, {0, 2}, {1, 1}, 2});        // an index past the partition's columns
  add_fails({{0, 3}, {0, 1}, {1, 1}, 2});        // indptr past the entries
  add_fails({{0, 2, 1, 2}, {0, 1}, {1, 1}, 2});  // indptr decreases
  const auto finish_fails = [&](const std::vector<std::vector<std::int32_t>>& maps, std::int64_t cols) {
    RowStack stack;
    stack.add(good.rows());
    CHECK_THROWS_AS(stack.finish(maps, cols), InvalidArgument);
    CHECK(stack.rows() == 1);  // nothing changed
    CHECK(stack.finish({{1, 2}}, 3).indices == std::vector<std::int32_t>{1, 2});
  };
  finish_fails({{0, 1}, {0, 1}}, 2);  // two maps for one partition
  finish_fails({{0}}, 2);             // a map shorter than the columns
  finish_fails({{1, 0}}, 2);          // a map that does not increase
  finish_fails({{0, 2}}, 2);          // a position past the matrix
  finish_fails({}, 1);                // more columns than the matrix, no maps
  finish_fails({{0, 1}}, -1);         // a negative width
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

TEST_CASE("every text field of a document is checked UTF-8, and an error names it even when its id cannot", "[ingest]") {
  const auto message = [](Document d) {
    Corpus c;
    c.add("Eine erste Meldung.", "Rundschau");
    try {
      c.add(std::move(d));
    } catch (const EncodingError& e) {
      return std::string(e.what());
    }
    return std::string("no EncodingError");
  };
  Document bad_text;
  bad_text.id = std::string("a\0b", 3);  // a NUL would cut the message short: named by position
  bad_text.text = "caf\xE9";
  CHECK(message(bad_text).rfind("document 1 (text): invalid UTF-8 at byte 3", 0) == 0);
  Document bad_id;
  bad_id.id = "caf\xE9";
  bad_id.text = "Fine.";
  CHECK(message(bad_id).rfind("document 1 (id): invalid UTF-8", 0) == 0);
  Document bad_meta;
  bad_meta.id = "m1";
  bad_meta.text = "Fine.";
  bad_meta.meta = {{"desk", "caf\xE9"}};
  CHECK(message(bad_meta).rfind("document 'm1' (metadata 'desk'): invalid UTF-8", 0) == 0);
}
