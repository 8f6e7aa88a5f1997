// Paragraph and sentence segmentation, including news abbreviations.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "framelens/segment.hpp"

using framelens::Span;

namespace {
std::vector<std::string> sentences(const std::string& text) {
  std::vector<std::string> out;
  for (const Span& s : framelens::split_sentences(text)) out.emplace_back(text.substr(s.start, s.size()));
  return out;
}
}  // namespace

TEST_CASE("segment: news abbreviations do not end sentences", "[segment]") {
  using V = std::vector<std::string>;
  CHECK(sentences("Mr. Okafor visited Lagos. He returned in 2005.") ==
        V{"Mr. Okafor visited Lagos.", "He returned in 2005."});
  CHECK(sentences("The pact was signed on Nov. 23 in Seoul. Officials welcomed it.") ==
        V{"The pact was signed on Nov. 23 in Seoul.", "Officials welcomed it."});
  CHECK(sentences("Envoys from S. Africa arrived first. N. Ireland sent two.") ==
        V{"Envoys from S. Africa arrived first.", "N. Ireland sent two."});
  CHECK(sentences("U.S. President-elect Ada Brandt said little. Aides were silent.") ==
        V{"U.S. President-elect Ada Brandt said little.", "Aides were silent."});
  CHECK(sentences("The talks were held in the U.S. The next round is in Tokyo.") ==
        V{"The talks were held in the U.S.", "The next round is in Tokyo."});
  CHECK(sentences("Gen. Mattis and Sen. Warren met Dr. Lee. They spoke for an hour.") ==
        V{"Gen. Mattis and Sen. Warren met Dr. Lee.", "They spoke for an hour."});
  CHECK(sentences("The story was written by J. R. Smith. It ran on Tuesday.") ==
        V{"The story was written by J. R. Smith.", "It ran on Tuesday."});
  CHECK(sentences("“It is over,” he said. “We lost.”") == V{"“It is over,” he said.", "“We lost.”"});
  CHECK(sentences("Is it over? Nobody knows! Wait.") == V{"Is it over?", "Nobody knows!", "Wait."});
}

TEST_CASE("segment: a sentence never crosses a paragraph, soft line breaks do not split", "[segment]") {
  const std::string text = "First paragraph ends without a stop\n\nSecond one starts here. It has two.\n";
  const auto s = sentences(text);
  REQUIRE(s.size() == 3);
  CHECK(s[0] == "First paragraph ends without a stop");
  const std::string wrapped = "A sentence that is\nwrapped over two lines. Then another.\n\nNew paragraph.";
  CHECK(sentences(wrapped) == std::vector<std::string>{"A sentence that is\nwrapped over two lines.", "Then another.",
                                                       "New paragraph."});
  const auto paras = framelens::split_paragraphs(wrapped);
  REQUIRE(paras.size() == 2);
  for (const Span& sp : framelens::split_sentences(wrapped)) {
    const bool inside = (sp.start >= paras[0].start && sp.end <= paras[0].end) ||
                        (sp.start >= paras[1].start && sp.end <= paras[1].end);
    CHECK(inside);
  }
}

TEST_CASE("segment: CRLF, CJK and emoji keep byte offsets exact", "[segment]") {
  const std::string text = "東京で会談した。合意はなかった。\r\n\r\nShe smiled 😀. Then left.\r\n";
  const auto spans = framelens::split_sentences(text);
  std::vector<std::string> got;
  for (const Span& s : spans) got.emplace_back(text.substr(s.start, s.size()));
  CHECK(got == std::vector<std::string>{"東京で会談した。", "合意はなかった。", "She smiled 😀.", "Then left."});
}

TEST_CASE("segment: the breaks found without ICU's iterator follow UAX #29", "[segment]") {
  // Paragraphs whose terminators are all followed by spaces and a letter are split without the iterator
  // (SB8: a lower-case letter after a full stop continues the sentence; SB11: otherwise a break after the
  // spaces); the others go to the iterator. Both kinds, with the same post-processing (abbreviations).
  using V = std::vector<std::string>;
  CHECK(sentences("The vote passed. The mayor left early.") == V{"The vote passed.", "The mayor left early."});
  CHECK(sentences("The vote passed. and the mayor left.") == V{"The vote passed. and the mayor left."});
  CHECK(sentences("Was it over? nobody knew. Then it rained.") == V{"Was it over?", "nobody knew.", "Then it rained."});
  CHECK(sentences("He waited... Then he left.") == V{"He waited...", "Then he left."});
  CHECK(sentences("She said “we go.” Then the ferry left.") == V{"She said “we go.”", "Then the ferry left."});
  CHECK(sentences("Mr. Okafor spoke. He left.") == V{"Mr. Okafor spoke.", "He left."});
  CHECK(sentences("Gen. Ruiz spoke\nat noon. He left.\n\nNext.") == V{"Gen. Ruiz spoke\nat noon.", "He left.", "Next."});
  // to the iterator: a digit, a quotation mark or no space after the stop
  CHECK(sentences("Prices rose 3.5 percent. Wages fell.") == V{"Prices rose 3.5 percent.", "Wages fell."});
  CHECK(sentences("It ended. “We lost,” he said.") == V{"It ended.", "“We lost,” he said."});
  // (SB8 looks past the digits to the next letter: lower case, so no break)
  CHECK(sentences("The vote passed. 40 members agreed.") == V{"The vote passed. 40 members agreed."});
  CHECK(sentences("The vote passed. 40 Members agreed.") == V{"The vote passed.", "40 Members agreed."});
}
