// Quote records as JSON (to_json, write_jsonl): every sentence here is written for these tests.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "framelens/quotes.hpp"
#include "quote_test_helpers.hpp"

using namespace framelens;
using testing::en;
using json = nlohmann::json;

TEST_CASE("quote records carry code point offsets and the text they cover", "[quotes][records]") {
  const std::string text = "Zoë Ålund said: “The pier will reopen.”";
  const auto r = en().extract(text);
  const auto records = json::parse(to_json(r, text));
  REQUIRE(records.size() == 1);
  const auto& q = records[0];
  CHECK(q["type"] == "direct");
  CHECK(q["speaker"] == "Zoë Ålund");
  CHECK(q["source_type"] == "named_person");
  CHECK(q["anonymous"] == false);
  CHECK(q["sources"][0] == json({{"start", 0}, {"end", 9}, {"text", "Zoë Ålund"}}));  // 9 characters, 11 bytes
  CHECK(q["cue"][0] == json({{"start", 10}, {"end", 14}, {"text", "said"}}));
  CHECK(q["contents"][0] == json({{"start", 16}, {"end", 39}, {"text", "“The pier will reopen.”"}}));
  // every field of the quote format, in its order
  const auto ordered = nlohmann::ordered_json::parse(to_json(r, text));
  std::vector<std::string> keys;
  for (const auto& item : ordered.at(0).items()) keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"type", "cue", "sources", "contents", "speaker", "source_type", "anonymous",
                                         "affiliation", "confidence", "unbalanced"});
}

TEST_CASE("quote records: clause or marks contents, scare quotes and a confidence floor", "[quotes][records]") {
  const std::string text = "The mayor said the plan was “bold” and “costly.” The so-called “reform” changed nothing.";
  const auto r = en().extract(text);
  QuoteRecordOptions clause;
  const auto by_clause = json::parse(to_json(r, text, clause));
  REQUIRE(by_clause.size() == 1);  // the scare quote is left out by default
  CHECK(by_clause[0]["contents"].size() == 1);
  QuoteRecordOptions marks;
  marks.marks = true;
  marks.scare = true;
  const auto by_marks = json::parse(to_json(r, text, marks));
  REQUIRE(by_marks.size() == 3);  // one record per quotation of the statement, and the scare quote
  CHECK(by_marks[0]["contents"][0]["text"] == "“bold”");
  CHECK(by_marks[1]["contents"][0]["text"] == "“costly.”");
  CHECK(by_marks[2]["type"] == "scare");
  CHECK(by_marks[2]["speaker"].is_null());
  QuoteRecordOptions floor;
  floor.scare = true;
  floor.min_confidence = 1.01;
  CHECK(json::parse(to_json(r, text, floor)).empty());
}

TEST_CASE("write_jsonl writes one line per document in corpus order", "[quotes][records]") {
  Corpus corpus;
  for (int i = 0; i < 2500; ++i) {  // more than one block of lines
    Document d;
    d.id = "doc-" + std::to_string(i);
    d.text = i % 2 ? "Nobody spoke." : "“We are ready,” Ana Ruiz said.";
    corpus.add(std::move(d));
  }
  const auto results = en().extract(corpus, 2);
  std::ostringstream out;
  write_jsonl(out, corpus, results, {}, 2);
  std::istringstream lines(out.str());
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    const auto rec = json::parse(line);
    CHECK(rec["id"] == "doc-" + std::to_string(n));
    CHECK(rec["quotes"].size() == (n % 2 ? 0u : 1u));
    ++n;
  }
  CHECK(n == 2500);
}
