// Documents from Arrow-layout string columns (documents_from_columns): values, nulls, chunks, slices, and
// bad buffers reported as InvalidArgument before any read outside them.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "framelens/columns.hpp"
#include "framelens/document.hpp"
#include "framelens/error.hpp"

using namespace framelens;

namespace {

// An Arrow string array built by hand: the buffers and a chunk pointing into them (kept alive by the owner).
struct ArrowStrings {
  std::string data;
  std::vector<std::int32_t> offsets{0};
  std::vector<std::int64_t> large_offsets{0};
  std::vector<std::uint8_t> validity;
  bool any_null = false;

  explicit ArrowStrings(const std::vector<const char*>& values) {
    validity.assign((values.size() + 7) / 8, 0);
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (values[i] != nullptr) {
        data += values[i];
        validity[i / 8] |= static_cast<std::uint8_t>(1u << (i % 8));
      } else {
        any_null = true;
      }
      offsets.push_back(static_cast<std::int32_t>(data.size()));
      large_offsets.push_back(static_cast<std::int64_t>(data.size()));
    }
  }

  StringChunk chunk(bool large = false, std::size_t offset = 0, std::size_t length = std::size_t(-1)) const {
    StringChunk c;
    c.data = data.data();
    c.data_size = data.size();
    c.large = large;
    c.offsets = large ? static_cast<const void*>(large_offsets.data()) : static_cast<const void*>(offsets.data());
    c.offsets_size = large ? large_offsets.size() * 8 : offsets.size() * 4;
    if (any_null) {
      c.validity = validity.data();
      c.validity_size = validity.size();
    }
    c.offset = offset;
    c.length = length == std::size_t(-1) ? offsets.size() - 1 - offset : length;
    return c;
  }

  StringColumn column(const std::string& name, bool large = false) const { return {name, {chunk(large)}}; }
};

}  // namespace

TEST_CASE("columns: one document per row, nulls and metadata", "[ingest_columns]") {
  const ArrowStrings text({"Tax cut.", "Caf\xC3\xA9 \xF0\x9F\x98\x80 rain.", ""});
  const ArrowStrings outlet({"A", nullptr, "B"});
  const ArrowStrings id({"a1", "", nullptr});
  const ArrowStrings date({"2020-01-01", nullptr, "2020-01-03"});
  DocumentColumns cols;
  cols.text = text.column("body");
  cols.outlet = outlet.column("source", true);  // 64-bit offsets (large_utf8)
  cols.id = id.column("ID");
  cols.meta.push_back(date.column("date"));
  const auto docs = documents_from_columns(cols, 2);
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].text == "Tax cut.");
  CHECK(docs[1].text == "Caf\xC3\xA9 \xF0\x9F\x98\x80 rain.");
  CHECK(docs[2].text.empty());
  CHECK((docs[0].outlet == "A" && docs[1].outlet.empty() && docs[2].outlet == "B"));
  CHECK((docs[0].id == "a1" && docs[1].id.empty() && docs[2].id.empty()));
  CHECK(docs[0].title.empty());
  CHECK(docs[0].meta.at("date") == "2020-01-01");
  CHECK(docs[1].meta.count("date") == 0);  // a null leaves the key out
  Corpus corpus;
  corpus.add(std::vector<Document>(docs), 1);
  CHECK(corpus.labels("id") == std::vector<std::string>{"a1", "doc1", "doc2"});
}

TEST_CASE("columns: chunks and sliced arrays line up by row", "[ingest_columns]") {
  const ArrowStrings a({"x", "one", "two"});
  const ArrowStrings b({"three", "y", "z"});
  StringColumn text{"text", {a.chunk(false, 1, 2), b.chunk(false, 0, 1)}};  // rows: one, two, three
  const ArrowStrings outlets({"P", "Q", "R"});
  DocumentColumns cols;
  cols.text = text;
  cols.outlet = outlets.column("outlet");
  const auto docs = documents_from_columns(cols);
  REQUIRE(docs.size() == 3);
  CHECK((docs[0].text == "one" && docs[1].text == "two" && docs[2].text == "three"));
  CHECK((docs[0].outlet == "P" && docs[2].outlet == "R"));
  DocumentColumns none;
  none.text = {"text", {}};
  CHECK(documents_from_columns(none).empty());
}

TEST_CASE("columns: bad input is an InvalidArgument naming the column", "[ingest_columns]") {
  const ArrowStrings text({"Tax cut.", nullptr, "Rain."});
  DocumentColumns cols;
  cols.text = text.column("body");
  CHECK_THROWS_WITH(documents_from_columns(cols), Catch::Contains("row 1: column 'body' holds null"));

  const ArrowStrings good({"ab", "cd"});
  const ArrowStrings short_outlets({"A"});
  DocumentColumns mismatch;
  mismatch.text = good.column("text");
  mismatch.outlet = short_outlets.column("outlet");
  CHECK_THROWS_WITH(documents_from_columns(mismatch), Catch::Contains("column 'outlet': has 1 values for 2 rows"));

  StringColumn past{"text", {good.chunk()}};
  past.chunks[0].data_size = 3;  // the second value ends at byte 4
  DocumentColumns beyond;
  beyond.text = past;
  CHECK_THROWS_WITH(documents_from_columns(beyond), Catch::Contains("outside its data buffer"));

  StringColumn few{"text", {good.chunk()}};
  few.chunks[0].offsets_size = 8;  // two 32-bit offsets for two values: one short
  DocumentColumns truncated;
  truncated.text = few;
  CHECK_THROWS_WITH(documents_from_columns(truncated), Catch::Contains("offsets buffer holds fewer"));

  StringColumn slice{"text", {good.chunk(false, 1, 5)}};  // offset + length past the array
  DocumentColumns sliced;
  sliced.text = slice;
  CHECK_THROWS_AS(documents_from_columns(sliced), InvalidArgument);

  std::vector<std::int32_t> backwards{0, 2, 1};
  StringColumn down{"text", {good.chunk()}};
  down.chunks[0].offsets = backwards.data();
  DocumentColumns decreasing;
  decreasing.text = down;
  CHECK_THROWS_WITH(documents_from_columns(decreasing), Catch::Contains("value 1 has offsets [2, 1)"));

  const ArrowStrings latin1({"caf\xE9"});
  const ArrowStrings ok({"text"});
  DocumentColumns bad_meta;
  bad_meta.text = ok.column("text");
  bad_meta.meta.push_back(latin1.column("author"));
  CHECK_THROWS_AS(documents_from_columns(bad_meta), EncodingError);
}
