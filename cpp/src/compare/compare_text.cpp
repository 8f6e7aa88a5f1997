#include "compare/compare_text.hpp"

#include "framelens/tokenizer.hpp"
#include "framelens/segment.hpp"
#include "util/parallel.hpp"
#include "framelens/threads.hpp"

namespace framelens::detail {
namespace {

const std::unordered_set<std::string>& calendar_words() {
  static const std::unordered_set<std::string> s = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
      "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"};
  return s;
}

const std::unordered_set<std::string>& connectors() {
  static const std::unordered_set<std::string> s = {"of", "for", "de", "la", "von", "van", "der", "al", "bin"};
  return s;
}

bool only_space(std::string_view text, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i)
    if (text[i] != ' ' && text[i] != '\t') return false;
  return from < to;
}

}  // namespace

const std::unordered_set<std::string>& comparison_stopwords() {
  // The project's English list (cpp/data/lang/en/stopwords.txt), shared with the tokenizer.
  static const std::unordered_set<std::string> words(english_stopwords().begin(), english_stopwords().end());
  return words;
}

bool is_content(const WordToken& t) {
  // A lone Latin letter is an initial ("George W. Bush"), a party tag ("D-Calif.") or a list marker, not
  // a content word (scikit-learn's default pattern also wants two characters). One CJK character is.
  if (t.text.size() == 1) return false;
  if (comparison_stopwords().count(t.text)) return false;
  for (unsigned char ch : t.text)
    if (ch >= 0x80 || std::isalpha(ch)) return true;
  return false;
}

DocText analyse(const Document& doc) {
  DocText d;
  const std::string_view text = doc.text;
  d.tokens = word_tokens(text);
  d.words = d.tokens.size();
  d.sentences = doc.sentences.empty() ? split_sentences(text) : doc.sentences;
  d.token_sentence.resize(d.tokens.size());
  std::size_t s = 0;
  for (std::size_t i = 0; i < d.tokens.size(); ++i) {
    while (s + 1 < d.sentences.size() && d.tokens[i].span.start >= d.sentences[s].end) ++s;
    d.token_sentence[i] = s;
  }
  // Words capitalised somewhere other than at the start of a sentence: names, not sentence openers.
  std::unordered_set<std::string> mid_caps;
  for (std::size_t i = 1; i < d.tokens.size(); ++i)
    if (d.tokens[i].capitalised && d.token_sentence[i] == d.token_sentence[i - 1]) mid_caps.insert(d.tokens[i].text);
  const auto& stop = comparison_stopwords();
  std::size_t i = 0;
  while (i < d.tokens.size()) {
    if (!d.tokens[i].capitalised) { ++i; continue; }
    std::size_t j = i + 1;
    while (j < d.tokens.size() && d.token_sentence[j] == d.token_sentence[i]) {
      const auto& prev = d.tokens[j - 1];
      if (!only_space(text, prev.span.end, d.tokens[j].span.start)) break;
      if (d.tokens[j].capitalised) { ++j; continue; }
      // A connector joins two capitalised words: "Bank of Aldoria", "Institute for Maritime Studies".
      if (connectors().count(d.tokens[j].text) && j + 1 < d.tokens.size() && d.tokens[j + 1].capitalised &&
          d.token_sentence[j + 1] == d.token_sentence[i] && only_space(text, d.tokens[j].span.end, d.tokens[j + 1].span.start)) {
        j += 2;
        continue;
      }
      break;
    }
    std::size_t a = i;
    const bool sentence_start = i == 0 || d.token_sentence[i - 1] != d.token_sentence[i];
    // Drop capitalised function words and calendar words at the edges ("The Bank", "On Sunday").
    while (a < j && (stop.count(d.tokens[a].text) || calendar_words().count(d.tokens[a].text))) ++a;
    std::size_t b = j;
    while (b > a && (stop.count(d.tokens[b - 1].text) || calendar_words().count(d.tokens[b - 1].text) ||
                     connectors().count(d.tokens[b - 1].text)))
      --b;
    if (b > a && !(b - a == 1 && a == i && sentence_start && !mid_caps.count(d.tokens[a].text))) {
      Entity e;
      e.span = {d.tokens[a].span.start, d.tokens[b - 1].span.end};
      e.sentence = d.token_sentence[a];
      for (std::size_t k = a; k < b; ++k) {
        if (k > a) e.text.push_back(' ');
        e.text.append(text.substr(d.tokens[k].span.start, d.tokens[k].span.size()));
      }
      // A possessive is not part of the name: "Kestria’s" -> "Kestria".
      const std::string& last = d.tokens[b - 1].text;
      if (last.size() > 2 && last.compare(last.size() - 2, 2, "'s") == 0) {
        const std::size_t cut = e.text.size() >= 4 && e.text.compare(e.text.size() - 4, 4, "\xE2\x80\x99s") == 0 ? 4 : 2;
        e.text.resize(e.text.size() - cut);
        e.span.end -= cut;
      }
      d.entities.push_back(std::move(e));
    }
    i = j;
  }
  return d;
}

std::vector<DocText> analyse(const Corpus& corpus, int threads) {
  std::vector<DocText> out(corpus.size());
  parallel_for(corpus.size(), resolve_threads(threads), 4, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t i = b; i < e; ++i) out[i] = analyse(corpus[i]);
  });
  return out;
}

}  // namespace framelens::detail
