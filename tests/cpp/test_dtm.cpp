#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "framelens/dtm.hpp"
#include "framelens/error.hpp"
#include "framelens/similarity.hpp"
#include "matrix/weighting.hpp"

using namespace framelens;
using Catch::Matchers::WithinAbs;

namespace {

Corpus small_corpus() {
  Corpus c;
  c.add("the tax cut helps families", "Ledger");          // doc0
  c.add("the tax cut helps the rich", "Courier");         // doc1
  c.add("families fear the tax", "Ledger");               // doc2
  c.add("", "Courier");                                   // doc3: empty
  return c;
}

double at(const SparseMatrix& m, Eigen::Index i, Eigen::Index j) { return m.coeff(i, j); }

Eigen::Index col(const DocumentTermMatrix& d, const std::string& term) {
  for (std::size_t j = 0; j < d.terms.size(); ++j)
    if (d.terms[j] == term) return static_cast<Eigen::Index>(j);
  FAIL("no term " << term);
  return -1;
}

}  // namespace

TEST_CASE("vocabulary sorted by bytes, counts per document", "[dtm]") {
  const auto d = dtm(small_corpus());
  CHECK(d.terms == std::vector<std::string>{"cut", "families", "fear", "helps", "rich", "tax", "the"});
  CHECK(d.docnames == std::vector<std::string>{"doc0", "doc1", "doc2", "doc3"});
  CHECK(d.outlets == std::vector<std::string>{"Ledger", "Courier", "Ledger", "Courier"});
  CHECK(at(d.matrix, 1, col(d, "the")) == 2);
  CHECK(at(d.matrix, 2, col(d, "fear")) == 1);
  CHECK(at(d.matrix, 0, col(d, "rich")) == 0);
  CHECK(d.matrix.row(3).sum() == 0);  // the empty document is an empty row
  CHECK(d.matrix.isCompressed());
}

TEST_CASE("terms sort by UTF-8 bytes (Python's str order)", "[dtm][unicode]") {
  Corpus c;
  c.add("zebra \xC3\xA9t\xC3\xA9 Apple \xE6\x97\xA5", "o");  // zebra été Apple 日
  DtmOptions o;
  o.tokens.case_fold = false;
  const auto d = dtm(c, o);
  CHECK(d.terms == std::vector<std::string>{"Apple", "zebra", "\xC3\xA9t\xC3\xA9", "\xE6\x97\xA5"});
}

TEST_CASE("min_df / max_df prune as scikit-learn", "[dtm]") {
  DtmOptions o;
  o.min_df = DfLimit::documents(2);
  CHECK(dtm(small_corpus(), o).terms == std::vector<std::string>{"cut", "families", "helps", "tax", "the"});
  o.min_df = DfLimit::documents(1);
  o.max_df = DfLimit::share(0.5);  // at most 2 of 4 documents
  CHECK(dtm(small_corpus(), o).terms == std::vector<std::string>{"cut", "families", "fear", "helps", "rich"});
  o.max_df = DfLimit::documents(0);
  CHECK_THROWS_AS(dtm(small_corpus(), o), InvalidArgument);
}

TEST_CASE("errors: empty corpus, empty vocabulary", "[dtm]") {
  CHECK_THROWS_WITH(dtm(Corpus{}), Catch::Contains("corpus is empty"));
  Corpus blank;
  blank.add("   ", "o");
  blank.add("", "o");
  CHECK_THROWS_WITH(dtm(blank), Catch::Contains("empty vocabulary"));
}

TEST_CASE("same matrix for any thread count", "[dtm][threads]") {
  Corpus c;
  for (int i = 0; i < 500; ++i) {
    std::string t;
    for (int j = 0; j < 40; ++j) t += "w" + std::to_string((i * 7 + j * 13) % 311) + " ";
    t += "Korea\xE2\x80\x99s \xE6\x97\xA5\xE6\x9C\xAC";
    c.add(t, "o" + std::to_string(i % 5));
  }
  DtmOptions o;
  o.tokens.ngram_max = 2;
  o.threads = 1;
  const auto a = dtm(c, o);
  o.threads = 2;
  const auto b = dtm(c, o);
  o.threads = 7;
  const auto e = dtm(c, o);
  CHECK(a.terms == b.terms);
  CHECK(a.terms == e.terms);
  CHECK((a.matrix - b.matrix).norm() == 0);
  CHECK((a.matrix - e.matrix).norm() == 0);
}

TEST_CASE("long rows over a large vocabulary: sorted columns, exact counts, with and without pruning", "[dtm]") {
  // Rows of hundreds of entries over thousands of columns take the radix row sort; check every row
  // against counts kept in a std::map.
  Corpus c;
  std::vector<std::map<std::string, int>> expected;
  for (int i = 0; i < 60; ++i) {
    std::string t;
    std::map<std::string, int> counts;
    for (int j = 0; j < 900; ++j) {
      const std::string w = "w" + std::to_string((i * 131 + j * j * 17 + j) % 6007);
      t += w + " ";
      ++counts[w];
    }
    c.add(t, "o");
    expected.push_back(counts);
  }
  for (const int min_df : {1, 3}) {
    DtmOptions o;
    o.min_df = DfLimit::documents(min_df);
    o.threads = 2;
    const auto d = dtm(c, o);
    REQUIRE(d.terms.size() > 2048);
    std::map<std::string, int> df;
    for (const auto& counts : expected)
      for (const auto& kv : counts) ++df[kv.first];
    for (Eigen::Index i = 0; i < d.matrix.rows(); ++i) {
      std::map<std::string, int> row;
      int last = -1;
      bool sorted = true;
      for (SparseMatrix::InnerIterator it(d.matrix, i); it; ++it) {
        sorted = sorted && it.index() > last;
        last = static_cast<int>(it.index());
        row[d.terms[static_cast<std::size_t>(it.index())]] = static_cast<int>(it.value());
      }
      std::map<std::string, int> want;
      for (const auto& kv : expected[static_cast<std::size_t>(i)])
        if (df[kv.first] >= min_df) want.insert(kv);
      CHECK(sorted);
      CHECK(row == want);
    }
  }
}

TEST_CASE("moving a DocumentTermMatrix hands over its matrix", "[dtm]") {
  auto d = dtm(small_corpus());
  const SparseMatrix copy = d.matrix;
  const int* buffer = d.matrix.innerIndexPtr();
  DocumentTermMatrix moved = std::move(d);
  CHECK(moved.matrix.innerIndexPtr() == buffer);  // the same buffer: no copy
  CHECK((moved.matrix - copy).norm() == 0);
  CHECK(moved.terms.size() == 7);
  DocumentTermMatrix assigned;
  assigned = std::move(moved);
  CHECK(assigned.matrix.innerIndexPtr() == buffer);
  Grouped g = group(view(assigned.matrix), assigned.outlets);
  const int* gbuf = g.matrix.innerIndexPtr();
  Grouped g2 = std::move(g);
  CHECK(g2.matrix.innerIndexPtr() == gbuf);
  CHECK(g2.groups == std::vector<std::string>{"Ledger", "Courier"});
}

TEST_CASE("weightings follow their formulas", "[dtm][weight]") {
  const auto d = dtm(small_corpus());
  const Eigen::Index tax = col(d, "tax"), fear = col(d, "fear"), the = col(d, "the");
  const double N = 4;
  SECTION("proportion, log, boolean") {
    const auto p = weight(d, Weighting::proportion);
    CHECK_THAT(at(p.matrix, 1, the), WithinAbs(2.0 / 6.0, 1e-15));
    CHECK(p.weighting == Weighting::proportion);
    const auto l = weight(d, Weighting::log);
    CHECK_THAT(at(l.matrix, 1, the), WithinAbs(1 + std::log(2.0), 1e-15));
    CHECK(at(weight(d, Weighting::boolean).matrix, 1, the) == 1);
  }
  SECTION("tfidf (scikit-learn): smooth idf + 1, L2 rows") {
    const auto t = weight(d, Weighting::tfidf);
    for (Eigen::Index i = 0; i < 3; ++i) CHECK_THAT(t.matrix.row(i).norm(), WithinAbs(1.0, 1e-15));
    // doc2 = families fear the tax; df: families 2, fear 1, the 3, tax 3.
    const double f = std::log(5.0 / 3) + 1, fe = std::log(5.0 / 2) + 1, th = std::log(5.0 / 4) + 1;
    const double norm = std::sqrt(f * f + fe * fe + 2 * th * th);
    CHECK_THAT(at(t.matrix, 2, fear), WithinAbs(fe / norm, 1e-15));
    CHECK_THAT(at(t.matrix, 2, tax), WithinAbs(th / norm, 1e-15));
  }
  SECTION("tfidf_quanteda and tfidf_gensim") {
    const auto q = weight(d, Weighting::tfidf_quanteda);
    CHECK_THAT(at(q.matrix, 1, the), WithinAbs(2 * std::log10(N / 3), 1e-15));
    const auto g = weight(d, Weighting::tfidf_gensim);
    CHECK_THAT(g.matrix.row(2).norm(), WithinAbs(1.0, 1e-15));
    const double fe = std::log2(N / 1), fa = std::log2(N / 2), th = std::log2(N / 3);
    CHECK_THAT(at(g.matrix, 2, fear), WithinAbs(fe / std::sqrt(fe * fe + fa * fa + 2 * th * th), 1e-15));
  }
  SECTION("bm25") {
    const WeightOptions w{1.5, 0.6};
    const auto b = weight(d, Weighting::bm25, w);
    const double avgdl = (5 + 6 + 4 + 0) / N;
    const double idf = std::log(1 + (N - 3 + 0.5) / (3 + 0.5));
    const double expect = idf * 2 * 2.5 / (2 + 1.5 * (1 - 0.6 + 0.6 * 6 / avgdl));
    CHECK_THAT(at(b.matrix, 1, the), WithinAbs(expect, 1e-15));
  }
  SECTION("weighting a weighted matrix or grouping it is refused") {
    const auto t = weight(d, Weighting::tfidf);
    CHECK_THROWS_AS(weight(t, Weighting::log), InvalidArgument);
    CHECK_THROWS_AS(group(t, small_corpus(), "outlet"), InvalidArgument);
  }
  CHECK(parse_weighting("prop") == Weighting::proportion);
  CHECK_THROWS_WITH(parse_weighting("tf-idf"), Catch::Contains("tfidf_quanteda"));
}

TEST_CASE("weighting in place gives weight()'s matrix, entry for entry", "[dtm][weight]") {
  // "tax" in every document: its quanteda idf is 0, so that weighting also drops entries.
  Corpus c;
  c.add("the tax cut helps families", "Ledger");
  c.add("tax tax and the rich", "Courier");
  c.add("families fear the tax", "Ledger");
  const auto d = dtm(c);
  for (const auto w : {Weighting::count, Weighting::proportion, Weighting::log, Weighting::boolean, Weighting::tfidf,
                       Weighting::tfidf_quanteda, Weighting::tfidf_gensim, Weighting::bm25}) {
    CAPTURE(to_string(w));
    const SparseMatrix copy = weight(view(d.matrix), w);
    SparseMatrix in_place = d.matrix;
    detail::weight_in_place(in_place, w);
    REQUIRE(in_place.nonZeros() == copy.nonZeros());
    for (Eigen::Index r = 0; r <= copy.rows(); ++r) CHECK(in_place.outerIndexPtr()[r] == copy.outerIndexPtr()[r]);
    for (Eigen::Index k = 0; k < copy.nonZeros(); ++k) {
      CHECK(in_place.innerIndexPtr()[k] == copy.innerIndexPtr()[k]);
      CHECK(in_place.valuePtr()[k] == copy.valuePtr()[k]);
    }
  }
  const auto q = weight(view(d.matrix), Weighting::tfidf_quanteda);
  CHECK(q.nonZeros() < d.matrix.nonZeros());  // the zeros were dropped
}

TEST_CASE("grouping by outlet and by metadata", "[dtm][group]") {
  Corpus c = small_corpus();
  const auto d = dtm(c);
  const auto g = group(d, c, "outlet");
  CHECK(g.docnames == std::vector<std::string>{"Ledger", "Courier"});
  CHECK(g.outlets == g.docnames);
  CHECK(at(g.matrix, 0, col(d, "families")) == 2);
  CHECK(at(g.matrix, 1, col(d, "the")) == 2);
  CHECK(g.matrix.sum() == d.matrix.sum());

  Corpus m;
  Document a; a.text = "pact signed"; a.outlet = "A"; a.meta["date"] = "2016-11-23"; m.add(a);
  Document b; b.text = "pact delayed"; b.outlet = "B"; b.meta["date"] = "2016-11-23"; m.add(b);
  Document e; e.text = "pact signed again"; e.outlet = "A"; e.meta["date"] = "2016-11-24"; m.add(e);
  const auto byday = group(dtm(m), m, "date");
  CHECK(byday.docnames == std::vector<std::string>{"2016-11-23", "2016-11-24"});
  CHECK(byday.outlets == std::vector<std::string>{"", "A"});  // the first day mixes outlets
  CHECK_THROWS_AS(group(dtm(m), m, "section"), NotFound);
}

TEST_CASE("group() sums rows exactly whether a group has one row, few columns or many", "[dtm][group]") {
  // 300 rows of 4,000 columns: groups of one row (copied), small groups of short rows (their columns sorted)
  // and large groups that touch many columns (read off in column order): each against a dense sum
  std::mt19937 rng(11);
  const int rows = 300, cols = 4000;
  std::vector<Eigen::Triplet<double>> entries;
  std::vector<std::string> labels;
  for (int i = 0; i < rows; ++i) {
    const int group = i < 100 ? i % 7 : (i < 200 ? 7 + i % 50 : 57 + i);  // 7 large, 50 small, 100 singletons
    labels.push_back("g" + std::to_string(group));
    const int width = i < 100 ? 400 : 3;
    std::uniform_int_distribution<int> column(0, cols - 1), count(1, 5);
    std::map<int, double> row;
    for (int k = 0; k < width; ++k) row[column(rng)] = count(rng);
    for (const auto& [j, v] : row) entries.emplace_back(i, j, v);
  }
  SparseMatrix m(rows, cols);
  m.setFromTriplets(entries.begin(), entries.end());
  m.makeCompressed();
  const Eigen::MatrixXd dense = Eigen::MatrixXd(m);
  for (const int threads : {1, 2}) {
    const Grouped g = group(view(m), labels, threads);
    REQUIRE(g.groups.size() == 157);
    Eigen::MatrixXd want = Eigen::MatrixXd::Zero(157, cols);
    std::map<std::string, int> at;
    for (std::size_t k = 0; k < g.groups.size(); ++k) at[g.groups[k]] = static_cast<int>(k);
    for (int i = 0; i < rows; ++i) want.row(at[labels[static_cast<std::size_t>(i)]]) += dense.row(i);
    CHECK(Eigen::MatrixXd(g.matrix) == want);
    bool sorted = true;  // each row's columns sorted and unique
    for (Eigen::Index r = 0; r < g.matrix.outerSize(); ++r)
      for (int k = g.matrix.outerIndexPtr()[r] + 1; k < g.matrix.outerIndexPtr()[r + 1]; ++k)
        sorted = sorted && g.matrix.innerIndexPtr()[k] > g.matrix.innerIndexPtr()[k - 1];
    CHECK(sorted);
    CHECK(g.matrix.nonZeros() == (want.array() != 0).count());
  }
}
