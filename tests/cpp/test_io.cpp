// Readers through the C++ API: text files, JSON Lines, CSV, errors that name the file and position.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "framelens/error.hpp"
#include "framelens/io.hpp"
#include "test_helpers.hpp"

namespace fs = std::filesystem;
using namespace framelens;

namespace {
fs::path scratch(const std::string& name, const std::string& bytes) {
  return framelens::testing::scratch_file("framelens_test_io", name, bytes);
}
}  // namespace

TEST_CASE("io: text files, BOM and errors", "[io]") {
  CHECK(io::read_text(scratch("bom.txt", "\xEF\xBB\xBFHello.\n").string()) == "Hello.\n");
  CHECK(io::read_text(scratch("nonl.txt", "No newline at the end.").string()) == "No newline at the end.");
  CHECK_THROWS_AS(io::read_text(scratch("empty.txt", "").string()), FormatError);
  CHECK_THROWS_AS(io::read_text(scratch("nul.txt", std::string("ab\0cd", 5)).string()), FormatError);
  CHECK_THROWS_AS(io::read_text("/nonexistent/file.txt"), FileNotFound);
  try {
    io::read_text(scratch("latin1.txt", "line one\ncaf\xE9\n").string());
    FAIL("no EncodingError");
  } catch (const EncodingError& e) {
    CHECK(e.byte_offset() == 12);
    CHECK(std::string(e.what()).find("latin1.txt: invalid UTF-8 at byte 12") != std::string::npos);
  }
  io::ReadOptions replace;
  replace.errors = io::OnInvalid::Replace;
  std::size_t n = 0;
  CHECK(io::read_text(scratch("latin1.txt", "caf\xE9 cr\xE8me").string(), replace, &n) == "caf\xEF\xBF\xBD cr\xEF\xBF\xBDme");
  CHECK(n == 2);
  io::ReadOptions small;
  small.max_document_bytes = 10;
  CHECK_THROWS_WITH(io::read_text(scratch("big.txt", std::string(64, 'a')).string(), small),
                    Catch::Contains("allowed for one article"));
}

TEST_CASE("io: JSON Lines with a field mapping, in file order", "[io]") {
  const auto p = scratch("a.jsonl",
                         "{\"body\": \"One.\", \"meta\": {\"site\": \"A\"}, \"tags\": [\"x\", \"y\"]}\n\n"
                         "{\"body\": \"Two.\", \"meta\": {\"site\": \"B\"}, \"n\": 3}\n");
  io::Fields f;
  f.text = "body";
  f.outlet = "meta.site";
  std::vector<Document> docs;
  io::ReadReport report;
  io::read_jsonl(p.string(), f, {}, [&](Document&& d) { docs.push_back(std::move(d)); }, &report, 2);
  REQUIRE(docs.size() == 2);
  CHECK(report.documents == 2);
  CHECK(docs[0].text == "One.");
  CHECK(docs[0].outlet == "A");
  CHECK(docs[0].get("tags") == "x; y");
  CHECK(docs[1].get("n") == "3");
  CHECK(docs[1].id == "a.jsonl:3");
  const auto bad = scratch("bad.jsonl", "{\"text\": \"ok\"}\n{oops}\n");
  CHECK_THROWS_WITH(io::read_jsonl(bad.string(), {}, {}, [](Document&&) {}),
                    Catch::Contains("bad.jsonl: line 2 is not valid JSON"));
}

TEST_CASE("io: JSON Lines over many batches: order kept, the first error wins", "[io][threads]") {
  // 10,000 records are three batches (4,096 records each): parsed while the next is read.
  std::string many;
  for (int i = 0; i < 10000; ++i) many += "{\"text\": \"Record " + std::to_string(i) + ".\"}\n";
  const auto p = scratch("many.jsonl", many);
  for (const int threads : {1, 2, 4}) {
    std::vector<std::string> texts;
    io::read_jsonl(p.string(), {}, {}, [&](Document&& d) { texts.push_back(d.text); }, nullptr, threads);
    REQUIRE(texts.size() == 10000);
    CHECK(texts.front() == "Record 0.");
    CHECK(texts[4096] == "Record 4096.");
    CHECK(texts.back() == "Record 9999.");
  }
  // Bad JSON in the first batch (found by the parse) and an oversized line in the second (found by
  // the reader while the first batch is parsed): the first in the file is reported.
  std::string both = many;
  both.replace(both.find("{\"text\": \"Record 10.\"}"), 1, "[");
  both.insert(both.find("{\"text\": \"Record 5000.\"}"), "{\"text\": \"" + std::string(300, 'x') + "\"}\n");
  io::ReadOptions small;
  small.max_document_bytes = 200;
  for (const int threads : {1, 2})
    CHECK_THROWS_WITH(io::read_jsonl(scratch("both.jsonl", both).string(), {}, small, [](Document&&) {}, nullptr, threads),
                      Catch::Contains("line 11 is not valid JSON"));
  // Only the oversized line: reported with its number.
  CHECK_THROWS_WITH(
      io::read_jsonl(scratch("big.jsonl", many + "{\"text\": \"" + std::string(300, 'x') + "\"}\n").string(), {}, small,
                     [](Document&&) {}, nullptr, 2),
      Catch::Contains("line 10001 is"));
}

TEST_CASE("io: CSV with quotes, embedded newlines and a header mapping", "[io]") {
  const auto p = scratch("a.csv", "id,text,outlet\r\nx,\"He said, \"\"no.\"\"\nThen left.\",A\r\ny,plain,B\r\n");
  std::vector<Document> docs;
  io::read_csv(p.string(), {}, {}, [&](Document&& d) { docs.push_back(std::move(d)); });
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].text == "He said, \"no.\"\nThen left.");
  CHECK(docs[0].id == "x");
  CHECK(docs[1].outlet == "B");
  CHECK(docs[1].text == "plain");
}
