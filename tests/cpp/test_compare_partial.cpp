// compare() on a corpus in pieces (compare_partial.hpp): the merged pieces give compare()'s comparison.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "framelens/compare_partial.hpp"
#include "framelens/error.hpp"

using namespace framelens;

namespace {

void add(Corpus& c, std::string text, std::string outlet, std::string story) {
  Document d;
  d.text = std::move(text);
  d.outlet = std::move(outlet);
  d.meta["story"] = std::move(story);
  c.add(std::move(d));
}

// Two stories, three outlets; the Herald ends three articles (in both stories) with the same footer, so the
// footer is furniture only when the pieces know the whole corpus.
Corpus whole() {
  Corpus c;
  const std::string footer = " Subscribe to the Meridian Herald for daily news from the whole region.";
  add(c, "The Kestrian coast guard detained the cargo ship Halcyon Star in the Strait of Corran on Sunday. "
         "Foreign minister Ilse Marren said: \"The boarding is unlawful.\"" + footer, "Herald", "strait");
  add(c, "The Bank of Aldoria raised its main interest rate to 5.5 percent on Tuesday to fight inflation. "
         "Mortgage holders will pay more from April, lenders said." + footer, "Herald", "rates");
  add(c, "Kestrian coast guard boats detained the cargo ship Halcyon Star in the Strait of Corran on Sunday. "
         "Oil prices rose sharply on Monday as traders feared disruption to fuel shipments. "
         "\"This is piracy,\" Marren said.", "Sentinel", "strait");
  add(c, "The Bank of Aldoria raised its key interest rate to 5.5 percent on Tuesday as inflation stayed high. "
         "Stocks fell sharply after the decision, led by homebuilders." + footer, "Herald", "rates");
  add(c, "The Bank of Aldoria raised rates to 5.5 percent. Stocks fell sharply after the decision on Tuesday.",
      "Wire", "rates");
  add(c, "The cargo ship Halcyon Star was detained in the Strait of Corran by the Kestrian coast guard.", "Wire", "strait");
  return c;
}

void check_same(const Comparison& got, const Comparison& want) {
  CHECK(got.outlets == want.outlets);
  CHECK(got.frame_names == want.frame_names);
  CHECK(got.token_options == want.token_options);
  REQUIRE(got.tables.size() == want.tables.size());
  for (const auto& [name, w] : want.tables) {
    INFO("table " << name);
    const Table& g = got.table(name);
    REQUIRE(g.columns().size() == w.columns().size());
    REQUIRE(g.rows() == w.rows());
    for (std::size_t c = 0; c < w.columns().size(); ++c) {
      const Column& a = g.columns()[c];
      const Column& b = w.columns()[c];
      INFO("column " << b.name);
      REQUIRE(a.name == b.name);
      if (b.type == ColumnType::string) {
        CHECK(g.strings(a.name) == w.strings(b.name));
      } else if (b.type == ColumnType::float64) {
        for (std::size_t r = 0; r < b.floats.size(); ++r) CHECK(std::abs(a.floats[r] - b.floats[r]) <= 1e-9);
      } else {
        CHECK(a.ints == b.ints);
      }
    }
  }
  for (const auto& [name, w] : want.matrices) {
    INFO("matrix " << name);
    const auto& g = got.matrix(name);
    REQUIRE(g.size() == w.size());
    for (std::size_t k = 0; k < w.size(); ++k) CHECK((std::isnan(w[k]) ? std::isnan(g[k]) : std::abs(g[k] - w[k]) <= 1e-9));
  }
}

}  // namespace

TEST_CASE("compare_partial + merge over pieces holding whole stories equal compare()", "[compare][partial]") {
  const Corpus c = whole();
  CompareOptions opt;
  opt.stories = c.labels("story");
  const Comparison want = compare(c, opt);
  REQUIRE(want.table("sentences").rows() > 0);

  // Pieces by story, each in corpus order, with the documents' corpus positions.
  std::map<std::string, std::pair<Corpus, std::vector<std::int64_t>>> pieces;
  for (std::size_t i = 0; i < c.size(); ++i) {
    auto& [piece, positions] = pieces[opt.stories[i]];
    piece.add(c[i]);
    positions.push_back(static_cast<std::int64_t>(i));
  }
  CompareGlobals g;
  std::vector<TermFrequencies> vocabularies;
  std::map<std::pair<std::string, std::uint64_t>, std::int64_t> sentences;
  for (auto& [story, piece] : pieces) {
    for (const auto& o : piece.first.labels("outlet"))
      if (std::find(g.outlets.begin(), g.outlets.end(), o) == g.outlets.end()) g.outlets.push_back(o);
    const auto m = partial_dtm(piece.first, opt.tokens);
    vocabularies.push_back(term_frequencies(view(m.matrix), m.terms));
    for (const auto& n : speaker_full_names(piece.first, opt))
      if (std::find(g.full_names.begin(), g.full_names.end(), n) == g.full_names.end()) g.full_names.push_back(n);
    const Table keys = sentence_keys(piece.first, opt);
    for (std::size_t r = 0; r < keys.rows(); ++r)
      sentences[{std::string(keys.column("outlet").str(r)), static_cast<std::uint64_t>(keys.ints("hash")[r])}] += keys.ints("documents")[r];
  }
  g.outlets = {"Herald", "Sentinel", "Wire"};  // first appearance in the whole corpus (a piece alone sees another order)
  g.vocabulary = merge(vocabularies);
  for (const auto& [key, n] : sentences)
    if (n >= 3) g.furniture.push_back(key);
  REQUIRE(g.furniture.size() == 1);  // the footer: three Herald articles, in two pieces

  std::vector<PartialComparison> parts;
  for (auto& [story, piece] : pieces) {
    CompareOptions o = opt;
    o.stories = piece.first.labels("story");
    // Through bytes, as between workers.
    parts.push_back(deserialize_partial(serialize(compare_partial(piece.first, piece.second, o, g))));
  }
  check_same(merge(parts, opt, g), want);
  std::reverse(parts.begin(), parts.end());
  check_same(merge(parts, opt, g), want);  // any order

  // In two halves (two workers): the rows and the sums merged apart, then joined.
  std::vector<PartialComparison> rows, sums;
  for (const auto& p : parts) {
    auto [r, s] = split_partial(PartialComparison(p));
    for (const auto& [name, t] : r.tables) CHECK(s.tables.count(name) == 0);
    CHECK(r.matrices.empty());
    rows.push_back(std::move(r));
    sums.push_back(std::move(s));
  }
  std::vector<const PartialComparison*> row_parts, sum_parts;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    row_parts.push_back(&rows[k]);
    sum_parts.push_back(&sums[k]);
  }
  Comparison joined = merge_rows(row_parts, opt, g);
  Comparison outlet_views = merge_sums(sum_parts, opt, g);
  CHECK_THROWS_AS(join(joined, Comparison(joined)), InvalidArgument);  // a table in both halves
  join(joined, std::move(outlet_views));
  check_same(joined, want);
  CHECK(serialize(joined) == serialize(merge(parts, opt, g)));

  // The sums added up in a tree first (framelens.dask: combine_sums over groups of pieces, through bytes),
  // a piece without documents among them: the same outlet-level views.
  {
    const Comparison flat = merge_sums(sum_parts, opt, g);
    PartialComparison none;
    none.outlets = g.outlets;
    const PartialComparison both =
        deserialize_partial(serialize(combine_sums({sum_parts[0], &none, sum_parts[1]}, opt, g)));
    CHECK(both.matrices.size() == sums[0].matrices.size());
    for (const auto& [name, t] : sums[0].tables) CHECK(both.tables.count(name) == 1);
    check_same(merge_sums({&both}, opt, g), flat);
    const PartialComparison one = combine_sums({sum_parts[0]}, opt, g);
    const PartialComparison other = combine_sums({sum_parts[1], &none}, opt, g);
    check_same(merge_sums({&one, &other}, opt, g), flat);
    CHECK(combine_sums({&none, &none}, opt, g).tables.empty());  // nothing to add: a half without tables
    CHECK_THROWS_AS(merge_sums({&none}, opt, g), InvalidArgument);
  }

  // Each piece's quotes found once (through bytes), their full names the globals', read instead of a
  // second extraction: the same comparison.
  CompareGlobals once = g;
  once.full_names.clear();
  std::vector<PieceQuotes> found;
  for (auto& [story, piece] : pieces) {
    found.push_back(deserialize_piece_quotes(serialize(piece_quotes(piece.first, opt))));
    for (const auto& n : speaker_full_names(found.back()))
      if (std::find(once.full_names.begin(), once.full_names.end(), n) == once.full_names.end()) once.full_names.push_back(n);
  }
  CHECK(std::set<std::string>(once.full_names.begin(), once.full_names.end()) ==
        std::set<std::string>(g.full_names.begin(), g.full_names.end()));
  std::vector<PartialComparison> from_found;
  std::size_t k = 0;
  for (auto& [story, piece] : pieces) {
    CompareOptions o = opt;
    o.stories = piece.first.labels("story");
    from_found.push_back(compare_partial(piece.first, piece.second, o, once, &found[k++]));
  }
  check_same(merge(from_found, opt, once), want);
  // A piece that names an outlet the corpus lacks: an error naming it, not a wrong row.
  for (const char* name : {"entities", "quote_counts", "frame_terms"}) {
    std::vector<PartialComparison> renamed = from_found;
    std::size_t changed = 0;
    for (auto& p : renamed) {
      auto& outlet = p.tables[name].column("outlet");
      if (!outlet.dictionary.empty()) outlet.dictionary[0] = "Nowhere Gazette", ++changed;
    }
    REQUIRE(changed > 0);
    CHECK_THROWS_WITH(merge(renamed, opt, once), Catch::Contains("Nowhere Gazette") && Catch::Contains("not the corpus's"));
  }
  // A match that points past its piece's sentences: an error, never a read outside them.
  REQUIRE(want.table("matches").rows() > 0);
  std::vector<PartialComparison> pointing = from_found;
  for (auto& p : pointing)
    for (auto& m : p.tables["matches"].column("match").ints)
      if (m >= 0) m = 1000000000;
  CHECK_THROWS_WITH(merge(pointing, opt, once), Catch::Contains("a sentence it does not hold"));
  // Another piece's quotes do not fit: an error naming the quote, never a read outside the text.
  CompareOptions o = opt;
  o.stories = pieces.begin()->second.first.labels("story");
  PieceQuotes foreign = found.back();
  for (auto& q : foreign.records) q.span.end += 100000;
  CHECK_THROWS_AS(compare_partial(pieces.begin()->second.first, pieces.begin()->second.second, o, once, &foreign), InvalidArgument);
  // The pieces' documents have no sentences of their own: the quotes carry the sentences they were found
  // in (compare_partial above read them, not a second split); lists for other documents are refused.
  REQUIRE(found.front().sentences.size() == pieces.begin()->second.first.size());
  CHECK(!found.front().sentences.front().empty());
  PieceQuotes shifted = found.front();
  shifted.sentences.emplace_back();
  shifted.paragraphs.emplace_back();
  CHECK_THROWS_WITH(compare_partial(pieces.begin()->second.first, pieces.begin()->second.second, o, once, &shifted),
                    Catch::Contains("this very piece"));
  shifted = found.front();
  shifted.sentences.front().front().end = 1u << 30;
  CHECK_THROWS_WITH(compare_partial(pieces.begin()->second.first, pieces.begin()->second.second, o, once, &shifted),
                    Catch::Contains("outside document 0"));

  // A story split over two pieces cannot be aligned: an error, not a wrong comparison.
  Corpus first, second;
  first.add(c[0]);
  second.add(c[2]);
  CompareOptions one = opt;
  one.stories = {"strait"};
  std::vector<PartialComparison> split = {compare_partial(first, {0}, one, g), compare_partial(second, {2}, one, g)};
  CHECK_THROWS_AS(merge(split, opt, g), InvalidArgument);
}

TEST_CASE("document_quote_records leaves speakers as each document named them; quote_records unites them", "[compare][partial]") {
  Corpus c;
  c.add("“The bridge opens in May,” said Marta Okafor, the city engineer.", "Herald");
  c.add("“It will carry trams too,” Okafor said on Tuesday.", "Wire");
  const auto speakers = [](const std::vector<QuoteRecord>& records) {
    std::vector<std::string> out;
    for (const auto& q : records) out.push_back(q.speaker);
    return out;
  };
  const auto within = document_quote_records(c, {}, 1);
  const auto across = quote_records(c, {}, 1);
  REQUIRE(within.size() == 2);
  REQUIRE(across.size() == 2);
  CHECK(speakers(within) == std::vector<std::string>{"Marta Okafor", "Okafor"});
  CHECK(speakers(across) == std::vector<std::string>{"Marta Okafor", "Marta Okafor"});
  for (std::size_t k = 0; k < 2; ++k) {  // everything else is the same record
    CHECK(within[k].document == across[k].document);
    CHECK(within[k].span.start == across[k].span.start);
    CHECK(within[k].span.end == across[k].span.end);
    CHECK(within[k].cue == across[k].cue);
    CHECK(within[k].source_type == across[k].source_type);
  }
}

TEST_CASE("canonicalize_records names a lone surname as the whole corpus would", "[compare][partial]") {
  std::vector<QuoteRecord> records(4);
  records[0].speaker = "Okafor";
  records[1].speaker = "Lind";  // two full names end in Lind: left as it is
  records[2].speaker = "Okafor";
  records[2].source_type = "organisation";  // not a person: left as it is
  records[3].speaker = "Marta Okafor";
  for (std::size_t k : {0, 1, 3}) records[k].source_type = "named_person";
  canonicalize_records(records, {"Marta Okafor", "Ana Lind", "Per Lind"});
  CHECK(records[0].speaker == "Marta Okafor");
  CHECK(records[1].speaker == "Lind");
  CHECK(records[2].speaker == "Okafor");
  CHECK(records[3].speaker == "Marta Okafor");
}

TEST_CASE("damaged piece quotes bytes are a FormatError, never a bad read", "[compare][partial]") {
  Corpus c;
  c.add("“The bridge opens in May,” said Marta Okafor, the city engineer.", "Herald");
  CompareOptions opt;
  const std::string bytes = serialize(piece_quotes(c, opt));
  REQUIRE(deserialize_piece_quotes(bytes).records.size() == 1);
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) CHECK_THROWS_AS(deserialize_piece_quotes(bytes.substr(0, cut)), FormatError);
  std::string flipped = bytes;
  flipped[15] = static_cast<char>(0x7f);  // the record count's high byte
  CHECK_THROWS_AS(deserialize_piece_quotes(flipped), FormatError);
}

TEST_CASE("damaged partial comparison bytes are a FormatError, never a bad read", "[compare][partial]") {
  const Corpus c = whole();
  CompareOptions opt;
  opt.stories = c.labels("story");
  CompareGlobals g;
  g.outlets = {"Herald", "Sentinel", "Wire"};
  const auto m = partial_dtm(c, opt.tokens);
  g.vocabulary = term_frequencies(view(m.matrix), m.terms);
  std::vector<std::int64_t> positions(c.size());
  for (std::size_t i = 0; i < c.size(); ++i) positions[i] = static_cast<std::int64_t>(i);
  const std::string bytes = serialize(compare_partial(c, positions, opt, g));
  for (std::size_t cut : {std::size_t{0}, std::size_t{7}, std::size_t{30}, bytes.size() / 2, bytes.size() - 1})
    CHECK_THROWS_AS(deserialize_partial(std::string_view(bytes).substr(0, cut)), FormatError);
  std::string flipped = bytes;
  flipped[20] = static_cast<char>(0xff);
  CHECK_THROWS_AS(deserialize_partial(flipped), FormatError);
  std::vector<std::int64_t> unsorted(positions.rbegin(), positions.rend());
  CHECK_THROWS_AS(compare_partial(c, unsorted, opt, g), InvalidArgument);
  g.outlets = {"Herald"};
  CHECK_THROWS_AS(compare_partial(c, positions, opt, g), InvalidArgument);
}

TEST_CASE("a comparison as bytes and as segments reads back whole; damage is a FormatError", "[compare][partial]") {
  const Corpus c = whole();
  CompareOptions opt;
  opt.stories = c.labels("story");
  const Comparison want = compare(c, opt);
  const std::string bytes = serialize(want);
  check_same(deserialize_comparison(bytes), want);
  // Every cut of the bytes: an error, never a read past the end.
  for (std::size_t cut = 0; cut < bytes.size(); cut += 1 + cut / 16)
    CHECK_THROWS_AS(deserialize_comparison(std::string_view(bytes).substr(0, cut)), FormatError);
  // Segments of one column each, read in order.
  Comparison got;
  read_comparison_segment(got, comparison_header(want));
  const auto plan = comparison_segments(want, 1);
  std::size_t columns = 0;
  for (const auto& [name, t] : want.tables) columns += t.columns().size();
  CHECK(plan.size() == columns);
  for (const auto& segment : plan) read_comparison_segment(got, comparison_columns(want, segment));
  check_comparison(got);
  check_same(got, want);
  const std::string column = comparison_columns(want, plan.front());
  CHECK_THROWS_AS(read_comparison_segment(got, column), FormatError);  // a column read twice
  Comparison fresh;
  CHECK_THROWS_AS(read_comparison_segment(fresh, column), FormatError);  // a column before the header
  for (std::size_t cut : {std::size_t{0}, std::size_t{8}, column.size() / 2, column.size() - 1}) {
    Comparison part;
    read_comparison_segment(part, comparison_header(want));
    CHECK_THROWS_AS(read_comparison_segment(part, std::string_view(column).substr(0, cut)), FormatError);
  }
}
