// Column-oriented tables: string interning (each distinct value stored once, codes in order of first
// appearance), also over a dictionary a reader filled directly, and after sealing.
#include <catch2/catch.hpp>

#include <string>

#include "framelens/error.hpp"
#include "framelens/table.hpp"

using namespace framelens;

TEST_CASE("a string column stores each distinct value once, in order of first appearance", "[table]") {
  Table t;
  Column& c = t.add("name", ColumnType::string);
  for (const char* v : {"kim", "moon", "kim", "", "a much longer value than sixteen bytes", "moon", ""}) c.push(std::string_view(v));
  CHECK(c.dictionary == std::vector<std::string>{"kim", "moon", "", "a much longer value than sixteen bytes"});
  CHECK(c.codes == std::vector<std::uint32_t>{0, 1, 0, 2, 3, 1, 2});
  // Many values: the index grows and still finds every one.
  for (int i = 0; i < 5000; ++i) c.push(std::to_string(i % 1000));
  CHECK(c.dictionary.size() == 4 + 1000);
  for (int i = 0; i < 5000; ++i) CHECK(c.str(7 + i) == std::to_string(i % 1000));
  t.seal();
  CHECK(c.dictionary.size() == c.dictionary.capacity());
  // Sealed columns still intern correctly when pushed again.
  c.push(std::string_view("moon"));
  c.push(std::string_view("new"));
  CHECK(c.codes[c.codes.size() - 2] == 1);
  CHECK(c.str(c.codes.size() - 1) == "new");
  CHECK(c.dictionary.size() == 4 + 1000 + 1);
  t.validate("interning");
}

TEST_CASE("a dictionary a reader filled directly is indexed before the next push; a repeat keeps its first position",
          "[table]") {
  Column c;
  c.type = ColumnType::string;
  c.dictionary = {"x", "y", "x", "z"};
  c.codes = {0, 1, 2, 3};
  c.push(std::string_view("x"));
  c.push(std::string_view("z"));
  c.push(std::string_view("w"));
  CHECK(c.codes == std::vector<std::uint32_t>{0, 1, 2, 3, 0, 3, 4});
  CHECK(c.dictionary.back() == "w");
}
