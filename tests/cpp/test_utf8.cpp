#include <catch2/catch.hpp>

#include <cstdint>

#include "framelens/document.hpp"
#include "framelens/error.hpp"
#include "framelens/utf8.hpp"

using namespace framelens;

TEST_CASE("find_invalid accepts valid UTF-8 of every length", "[utf8]") {
  CHECK(utf8::find_invalid("") == std::string_view::npos);
  CHECK(utf8::find_invalid("Korea\xE2\x80\x99s") == std::string_view::npos);       // Korea’s
  CHECK(utf8::find_invalid("\xE6\x97\xA5\xE6\x9C\xAC") == std::string_view::npos);  // 日本
  CHECK(utf8::find_invalid("\xF0\x9F\x98\x80") == std::string_view::npos);          // emoji
}

TEST_CASE("find_invalid reports the first bad byte", "[utf8]") {
  CHECK(utf8::find_invalid("abc\xFF") == 3);
  CHECK(utf8::find_invalid("ab\xC0\xAF") == 2);           // overlong '/'
  CHECK(utf8::find_invalid("x\xED\xA0\x80") == 1);        // surrogate
  CHECK(utf8::find_invalid("xy\xE2\x80") == 2);           // truncated
  CHECK(utf8::find_invalid("\xF4\x90\x80\x80") == 0);     // > U+10FFFF
}

TEST_CASE("validate names the source, byte, line and column", "[utf8]") {
  try {
    utf8::validate("line one\nab\xFF", "story.txt");
    FAIL("no exception");
  } catch (const EncodingError& e) {
    const std::string msg = e.what();
    CHECK(e.byte_offset() == 11);
    CHECK(e.source() == "story.txt");
    CHECK(msg.find("story.txt") != std::string::npos);
    CHECK(msg.find("byte 11") != std::string::npos);
    CHECK(msg.find("line 2, column 3") != std::string::npos);
  }
}

TEST_CASE("replace_invalid substitutes U+FFFD and counts", "[utf8]") {
  std::string s = "a\xFF" "b\xE2\x80" "c";
  CHECK(utf8::replace_invalid(s) == 2);
  CHECK(s == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c");
  CHECK(utf8::find_invalid(s) == std::string_view::npos);
}

TEST_CASE("byte and code point offsets convert both ways", "[utf8]") {
  const std::string text = "Korea\xE2\x80\x99s \xE6\x97\xA5 \xF0\x9F\x98\x80!";  // Korea’s 日 😀!
  const std::vector<std::size_t> bytes = {0, 5, 8, 10, 13, 14, 18};
  const auto cps = utf8::to_codepoints(text, bytes);
  CHECK(cps == std::vector<std::size_t>{0, 5, 6, 8, 9, 10, 11});
  CHECK(utf8::to_bytes(text, cps) == bytes);
  // unsorted input keeps its order
  CHECK(utf8::to_codepoints(text, {18, 0, 8}) == std::vector<std::size_t>{11, 0, 6});
  CHECK_THROWS_AS(utf8::to_bytes(text, {99}), InvalidArgument);
}

TEST_CASE("encode turns Latin-1, UCS-2 and UCS-4 code units into UTF-8", "[utf8]") {
  std::string out = "stale";
  const unsigned char latin1[] = {'c', 'a', 'f', 0xE9};  // café
  CHECK(utf8::encode(latin1, 4, 1, out) == std::string_view::npos);
  CHECK(out == "caf\xC3\xA9");
  CHECK(utf8::encode(latin1, 3, 1, out) == std::string_view::npos);  // ASCII only
  CHECK(out == "caf");
  const std::uint16_t ucs2[] = {0x65E5, 0x2019, 'a', 0x7FF};  // 日 ’ a ߿
  CHECK(utf8::encode(ucs2, 4, 2, out) == std::string_view::npos);
  CHECK(out == "\xE6\x97\xA5\xE2\x80\x99" "a\xDF\xBF");
  const std::uint32_t ucs4[] = {0x1F600, 'x', 0x10FFFF};
  CHECK(utf8::encode(ucs4, 3, 4, out) == std::string_view::npos);
  CHECK(out == "\xF0\x9F\x98\x80x\xF4\x8F\xBF\xBF");
  CHECK(utf8::find_invalid(out) == std::string_view::npos);
  // What UTF-8 cannot hold: the index of the first such unit.
  const std::uint16_t lone[] = {'a', 'b', 0xD800, 'c'};
  CHECK(utf8::encode(lone, 4, 2, out) == 2);
  const std::uint32_t beyond[] = {'a', 0x110000};
  CHECK(utf8::encode(beyond, 2, 4, out) == 1);
  CHECK(utf8::encode(nullptr, 0, 2, out) == std::string_view::npos);
  CHECK(out.empty());
  CHECK_THROWS_AS(utf8::encode(latin1, 4, 3, out), InvalidArgument);
}

TEST_CASE("Corpus rejects invalid UTF-8 naming the document", "[corpus]") {
  Corpus c;
  Document d;
  d.id = "bad-doc";
  d.text = "fine\xC3";
  CHECK_THROWS_WITH(c.add(d), Catch::Contains("bad-doc") && Catch::Contains("byte 4"));
  CHECK(c.empty());
  c.add("Seoul said.", "Outlet A");
  CHECK(c[0].id == "doc0");
  CHECK(c.outlets() == std::vector<std::string>{"Outlet A"});
  CHECK_THROWS_AS(c.at(3), NotFound);
}
