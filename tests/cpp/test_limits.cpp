// Bad input found by fuzzing and stress tests (issue 11): one JSON number policy, a nesting limit, the
// size-limited input stream, strict CSV quoting and impossible dates. Each case is the minimal input.
#include <catch2/catch.hpp>

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "framelens/dates.hpp"
#include "framelens/error.hpp"
#include "framelens/io.hpp"
#include "framelens/quotes.hpp"
#include "test_helpers.hpp"
#include "util/json.hpp"

namespace fs = std::filesystem;
using namespace framelens;
using Catch::Matchers::Contains;

namespace {
fs::path scratch(const std::string& name, const std::string& bytes) {
  return framelens::testing::scratch_file("framelens_test_limits", name, bytes);
}

fs::path scratch_gz(const std::string& name, const std::string& bytes) {
  const fs::path p = scratch(name, "");
  gzFile f = gzopen(p.string().c_str(), "wb9");
  gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(f);
  return p;
}

std::vector<Document> jsonl(const fs::path& p, const io::ReadOptions& o = {}) {
  std::vector<Document> docs;
  io::read_jsonl(p.string(), io::Fields{}, o, [&](Document&& d) { docs.push_back(std::move(d)); }, nullptr, 1);
  return docs;
}
std::vector<Document> csv(const fs::path& p, const io::ReadOptions& o = {}) {
  std::vector<Document> docs;
  io::read_csv(p.string(), io::Fields{}, o, [&](Document&& d) { docs.push_back(std::move(d)); });
  return docs;
}
std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const FormatError& e) {
    return e.what();
  }
  return "(no FormatError)";
}
}  // namespace

TEST_CASE("json policy: numbers out of range are a FormatError at their byte", "[limits][json]") {
  const std::string msg = error_of([] { util::parse_json("{\"a\": 1e999}", {"x.json", 100, "fix it"}); });
  CHECK_THAT(msg, Contains("x.json: the number '1e999' at byte 106 is out of range"));
  CHECK_THAT(msg, Contains("; fix it"));
  CHECK_THAT(error_of([] { util::parse_json<nlohmann::ordered_json>("[-1e400]", {"y", 0, ""}); }), Contains("at byte 1"));
  // syntax errors carry the position and no library prefix
  const std::string syntax = error_of([] { util::parse_json("{\"a\": 1x}", {"z", 0, ""}); });
  CHECK_THAT(syntax, Contains("z is not valid JSON (byte 7: syntax error"));
  CHECK(syntax.find("json.exception") == std::string::npos);
  CHECK(util::parse_json("{\"a\": [1, 2.5, \"s\"]}", {"ok", 0, ""})["a"][1] == 2.5);
}

TEST_CASE("json policy: nesting deeper than the limit is a FormatError, brackets in strings do not count", "[limits][json]") {
  const std::string deep(300, '[');
  CHECK_THAT(error_of([&] { util::parse_json(deep, {"d", 0, ""}); }), Contains("nested more than 256 levels deep"));
  CHECK_THAT(error_of([&] { util::parse_json(deep, {"d", 0, ""}); }), Contains("at byte 256"));
  CHECK(util::json_too_deep("[\"[[[[\\\"[[[\"]", 2) == std::string::npos);
  CHECK(util::json_too_deep("[[[1]]]", 2) == 2);
  CHECK(util::parse_json(std::string(256, '[') + std::string(256, ']'), {"ok", 0, ""}).is_array());
}

TEST_CASE("json policy: integers are whole and in range, never converted silently", "[limits][json]") {
  const auto j = util::parse_json("[3, 3.0, 3.7, 1e300, -1, \"1\", 18446744073709551615]", {"v", 0, ""});
  CHECK(util::json_integer(j[0], "a", 0, 10) == 3);
  CHECK(util::json_integer(j[1], "a", 0, 10) == 3);
  CHECK_THAT(error_of([&] { util::json_integer(j[2], "field 'offset'", 0, 10); }),
             Contains("field 'offset': expected a whole number between 0 and 10, found 3.7"));
  CHECK_THROWS_AS(util::json_integer(j[3], "a", 0, 1000), FormatError);
  CHECK_THROWS_AS(util::json_integer(j[4], "a", 0, 1000), FormatError);
  CHECK_THAT(error_of([&] { util::json_integer(j[5], "version", 1, 1); }), Contains("found string"));
  CHECK_THROWS_AS(util::json_integer(j[6], "a", 0, INT64_MAX), FormatError);
  CHECK(util::json_number(j[2], "x") == 3.7);
}

// Found by the lexicons harness's smoke run: nlohmann's out_of_range escaped add_gazetteer.
TEST_CASE("quote lexicons: numbers out of range in a gazetteer or cue file are FormatErrors", "[limits][json][quotes]") {
  QuoteExtractor x("en");
  CHECK_THROWS_AS(x.add_gazetteer("-1e400"), FormatError);
  CHECK_THROWS_AS(x.add_gazetteer(R"({"places": [1e999]})"), FormatError);
  CHECK_THROWS_AS(x.add_cues(R"({"verbs": {"say": 1e400}})"), FormatError);
  CHECK_THAT(error_of([&] { x.add_gazetteer("-1e400"); }), Contains("at byte 0"));
  Document d;
  d.text = "Ida Roos said the quay is shut.";
  CHECK(x.extract(d).quotes.size() == 1);  // still usable
}

TEST_CASE("JSON Lines: 1e999 and deep nesting are FormatErrors naming the file, line and byte", "[limits][io]") {
  const auto p = scratch("num.jsonl", "{\"text\": \"a\"}\n{\"text\": \"b\", \"n\": 1e999}\n");
  const std::string msg = error_of([&] { jsonl(p); });
  CHECK_THAT(msg, Contains("num.jsonl: line 2: the number '1e999' at byte 33 is out of range"));
  const auto deep = scratch("deep.jsonl", "{\"text\": \"a\", \"x\": " + std::string(100000, '[') + "\n");
  CHECK_THAT(error_of([&] { jsonl(deep); }), Contains("deep.jsonl: line 1: JSON nested more than 256 levels"));
  const auto json = scratch("num.json", "{\"text\": \"a\", \"n\": -1e999}");
  CHECK_THAT(error_of([&] { io::read_json(json.string(), {}, {}, [](Document&&) {}); }), Contains("num.json: the number"));
}

TEST_CASE("size limits: a gzip bomb without newlines stops at max_document_bytes while reading", "[limits][io]") {
  io::ReadOptions o;
  o.max_document_bytes = 1 << 20;
  const auto bomb = scratch_gz("bomb.jsonl.gz", std::string(8 << 20, 'a'));  // 8 MB of one line
  CHECK_THAT(error_of([&] { jsonl(bomb, o); }), Contains("bomb.jsonl.gz: line 1 is longer than 1.0 MB (max_document_bytes"));
  CHECK_THAT(error_of([&] { csv(bomb, o); }), Contains("larger than 1.0 MB"));
  CHECK_THAT(error_of([&] { io::read_text(bomb.string(), o); }), Contains("decompresses to more than 1.0 MB (max_document_bytes"));
}

TEST_CASE("size limits: max_input_bytes bounds the total decompressed size of one input", "[limits][io]") {
  std::string lines;
  for (int i = 0; i < 20000; ++i) lines += "{\"text\": \"short record number " + std::to_string(i) + "\"}\n";
  const auto p = scratch_gz("many.jsonl.gz", lines);
  io::ReadOptions o;
  o.max_input_bytes = 100000;
  CHECK_THAT(error_of([&] { jsonl(p, o); }), Contains("many.jsonl.gz: decompresses to more than 0.1 MB (max_input_bytes"));
  CHECK(jsonl(p).size() == 20000);  // the default holds it
}

TEST_CASE("CSV: text after a closing quote is an error, CRLF after it is a line end", "[limits][io][csv]") {
  CHECK_THAT(error_of([] { csv(scratch("cr.csv", "text\n\"x\"\ry\n")); }),
             Contains("cr.csv: line 2, byte 8: '\\r' after the closing quote"));
  CHECK_THAT(error_of([] { csv(scratch("q.csv", "text\n\"a\"b\"c\"\n")); }),
             Contains("q.csv: line 2, byte 8: 'b' after the closing quote of a quoted field"));
  const auto docs = csv(scratch("crlf.csv", "text,id\r\n\"a \"\"b\"\"\",1\r\n\"two\r\nlines\",2\r\nplain\r,3\r\n"));
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].text == "a \"b\"");
  CHECK(docs[1].text == "two\r\nlines");
  CHECK(docs[2].text == "plain\r");  // a CR inside an unquoted field (not at the line end) is kept
  CHECK(docs[2].id == "3");
}

TEST_CASE("CSV: a 128 KiB header field is read", "[limits][io][csv]") {
  const std::string big(128 << 10, 'h');
  const auto docs = csv(scratch("wide.csv", "text," + big + "\nhello,world\n"));
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].meta.at(big) == "world");
}

TEST_CASE("dates: offsets beyond ±18:00 and explicit zero fields are not dates", "[limits][dates]") {
  CHECK_FALSE(parse_date("24 Nov 2016 10:11 +9944"));
  CHECK_FALSE(parse_date("24 Nov 2016 10:11 +19:00"));
  CHECK_FALSE(parse_date("24 Nov 2016 10:11 GMT+18:30"));
  CHECK_FALSE(parse_date("24 Nov 2016 10:11 +0575"));
  REQUIRE(parse_date("24 Nov 2016 10:11 +1400"));
  CHECK(parse_date("24 Nov 2016 10:11 +1400")->iso == "2016-11-24T10:11:00+14:00");
  CHECK(parse_date("24 Nov 2016 10:11 -12:00")->offset_minutes == -720);
  CHECK_FALSE(parse_date("2016-11-00"));
  CHECK_FALSE(parse_date("0000-11-24"));
  CHECK_FALSE(parse_date("20161100"));
  CHECK_FALSE(parse_date("0 May 2016"));
  CHECK_FALSE(parse_date("2016年11月0日"));
  CHECK_FALSE(parse_date("99999年11月1日"));
  CHECK_FALSE(parse_date("24 Nov 2016 10:11:60"));
  CHECK(parse_date("2016-11-24")->iso == "2016-11-24");
}
