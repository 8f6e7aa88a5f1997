// The shared text representation: stopwords, content words, token sentences, capitalised-name entities.
#include <unicode/uchar.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "framelens/data.hpp"
#include "framelens/error.hpp"
#include "framelens/segment.hpp"
#include "framelens/text.hpp"
#include "framelens/tokenizer.hpp"
#include "framelens/utf8.hpp"
#include "text/term_index.hpp"

namespace framelens {
namespace {

struct NameWords {
  detail::WordSet calendar, connectors, honorifics, demonyms;
};

const NameWords& name_words() {
  static const NameWords words = [] {
    NameWords w;
    const std::string_view raw = data::embedded("lang/en/names.json");
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(raw.begin(), raw.end());
    } catch (const nlohmann::json::exception& e) {
      throw FormatError(std::string("embedded lang/en/names.json is not valid JSON: ") + e.what());
    }
    for (const auto& x : j.at("calendar")) w.calendar.insert(x.get_ref<const std::string&>());
    for (const auto& x : j.at("connectors")) w.connectors.insert(x.get_ref<const std::string&>());
    for (const auto& x : j.at("honorifics")) w.honorifics.insert(x.get_ref<const std::string&>());
    // Titles ("minister", "mayor") come from the quote lexicon's list, demonyms ("russian") from the
    // gazetteer: one list of each in the project.
    const std::string_view cues = data::embedded("lang/en/cues.json");
    const auto c = nlohmann::json::parse(cues.begin(), cues.end(), nullptr, false);
    if (c.is_object() && c.contains("titles") && c["titles"].is_array())
      for (const auto& x : c["titles"])
        if (x.is_string()) w.honorifics.insert(Tokenizer().normalize(x.get_ref<const std::string&>()));
    const std::string_view gz = data::embedded("gazetteer.json");
    const auto g = nlohmann::json::parse(gz.begin(), gz.end(), nullptr, false);
    if (g.is_object() && g.contains("countries") && g["countries"].is_object())
      for (const auto& [name, country] : g["countries"].items())
        if (country.is_object() && country.contains("demonyms") && country["demonyms"].is_array())
          for (const auto& d : country["demonyms"])
            if (d.is_string()) w.demonyms.insert(Tokenizer().normalize(d.get_ref<const std::string&>()));
    return w;
  }();
  return words;
}

const detail::WordSet& stopword_set() {
  static const detail::WordSet set = [] {
    detail::WordSet s;
    for (const auto& w : english_stopwords()) s.insert(w);
    return s;
  }();
  return set;
}

bool only_space(std::string_view text, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i)
    if (text[i] != ' ' && text[i] != '\t') return false;
  return from < to;
}

// The length in bytes of a closing possessive ('s or ’s) of a surface form, or 0.
std::size_t possessive(std::string_view surface) {
  if (surface.size() > 2 && (surface.back() == 's' || surface.back() == 'S')) {
    if (surface[surface.size() - 2] == '\'') return 2;
    if (surface.size() > 4 && surface.compare(surface.size() - 4, 3, "\xE2\x80\x99") == 0) return 4;
  }
  return 0;
}

}  // namespace

bool is_stopword(std::string_view term) { return stopword_set().count(term) != 0; }

bool is_content_word(std::string_view term) {
  if (term.size() <= 1 || is_stopword(term)) return false;
  for (std::size_t i = 0; i < term.size();) {
    const auto b = static_cast<unsigned char>(term[i]);
    if (b < 0x80) {
      if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) return true;
      ++i;
      continue;
    }
    if (u_isalpha(static_cast<UChar32>(utf8::next(term, i)))) return true;
  }
  return false;
}

std::vector<std::uint32_t> token_sentences(const std::vector<Span>& tokens, const std::vector<Span>& sentences) {
  std::vector<std::uint32_t> out(tokens.size(), 0);
  std::uint32_t s = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    while (s + 1 < sentences.size() && tokens[i].start >= sentences[s].end) ++s;
    out[i] = s;
  }
  return out;
}

std::vector<Entity> entities(std::string_view text, const TokenArrays& tokens, const Vocabulary& vocabulary,
                             const std::vector<std::uint32_t>& sentence) {
  const std::size_t n = tokens.size();
  if (sentence.size() != n)
    throw InvalidArgument("entities: " + std::to_string(sentence.size()) + " sentence indices for " +
                          std::to_string(n) + " tokens; pass token_sentences(tokens.spans, sentences)");
  const NameWords& words = name_words();
  auto term = [&](std::size_t k) { return vocabulary.term(tokens.terms[k]); };
  auto trim = [&](std::size_t k) {
    const std::string_view t = term(k);
    return is_stopword(t) || words.calendar.count(t) || words.honorifics.count(t);
  };
  // Terms capitalised somewhere other than at the start of a sentence: names, not sentence openers.
  std::vector<std::uint32_t> mid_caps;
  for (std::size_t i = 1; i < n; ++i)
    if (tokens.capitalised[i] && sentence[i] == sentence[i - 1]) mid_caps.push_back(tokens.terms[i]);
  // Of those, the terms capitalised right after a lower-case word: names on their own, not the second
  // word of a capitalised sentence opening.
  std::vector<std::uint32_t> named;
  for (std::size_t i = 1; i < n; ++i)
    if (tokens.capitalised[i] && !tokens.capitalised[i - 1] && sentence[i] == sentence[i - 1]) named.push_back(tokens.terms[i]);
  std::sort(mid_caps.begin(), mid_caps.end());
  std::sort(named.begin(), named.end());
  auto is_mid_caps = [&](std::size_t k) { return std::binary_search(mid_caps.begin(), mid_caps.end(), tokens.terms[k]); };
  auto is_named = [&](std::size_t k) { return std::binary_search(named.begin(), named.end(), tokens.terms[k]); };
  auto joined = [&](std::size_t a, std::size_t b) {  // tokens a and b adjacent in one sentence, only spaces between
    return sentence[a] == sentence[b] && only_space(text, tokens.spans[a].end, tokens.spans[b].start);
  };
  std::vector<Entity> out;
  std::size_t i = 0;
  while (i < n) {
    if (!tokens.capitalised[i]) {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    // A possessive closes a name: "Pyongyang's Korean Central News Agency" is two names.
    auto closes = [&](std::size_t k) { return possessive(text.substr(tokens.spans[k].start, tokens.spans[k].size())) > 0; };
    while (j < n && joined(j - 1, j) && !closes(j - 1)) {
      if (tokens.capitalised[j]) {
        ++j;
      } else if (words.connectors.count(term(j)) && j + 1 < n && tokens.capitalised[j + 1] && joined(j, j + 1)) {
        j += 2;  // "Bank of Aldoria", "Institute for Maritime Studies"
      } else {
        break;
      }
    }
    std::size_t a = i, b = j;
    // Titles, honorifics and a demonym before a title or alone are not the name: "Mr. Kim" -> "Kim",
    // "Russian President Vadim Orlov" -> "Vadim Orlov", "Russian" -> nothing; "Korean Central News Agency" stays.
    while (a < b && (trim(a) || (words.demonyms.count(term(a)) && (a + 1 == b || trim(a + 1))))) ++a;
    // A sentence opener never capitalised mid-sentence, before a name the document also uses after a
    // lower-case word: "Later Dorn" -> "Dorn" when "... thanked Dorn" occurs too.
    const bool sentence_start = i == 0 || sentence[i - 1] != sentence[i];
    if (sentence_start && a == i && b - a > 1 && !is_mid_caps(a) && is_named(a + 1)) ++a;
    while (b > a && (trim(b - 1) || words.connectors.count(term(b - 1)))) --b;
    if (b > a && !(b - a == 1 && a == i && sentence_start && !is_mid_caps(a) && !closes(a))) {
      Entity e;
      e.span = {tokens.spans[a].start, tokens.spans[b - 1].end};
      e.sentence = sentence[a];
      for (std::size_t k = a; k < b; ++k) {
        if (k > a) e.text.push_back(' ');
        e.text.append(text.substr(tokens.spans[k].start, tokens.spans[k].size()));
      }
      const std::size_t cut = possessive(text.substr(tokens.spans[b - 1].start, tokens.spans[b - 1].size()));
      e.text.resize(e.text.size() - cut);
      e.span.end -= cut;
      out.push_back(std::move(e));
    }
    i = j;
  }
  return out;
}

std::vector<Span> document_sentences(const Document& document) {
  return document.sentences.empty() ? split_sentences(document.text) : document.sentences;
}

void analyse(const Document& document, const Tokenizer& tokenizer, TermCache& cache, DocumentText& out) {
  analyse(document, document_sentences(document), tokenizer, cache, out);
}

void analyse(const Document& document, const std::vector<Span>& sentences, const Tokenizer& tokenizer, TermCache& cache,
             DocumentText& out) {
  const std::string_view text = document.text;
  tokenizer.tokenize(text, cache, out.tokens);
  const Vocabulary& vocabulary = cache.vocabulary();
  out.sentences = sentences;
  out.token_sentence = token_sentences(out.tokens.spans, out.sentences);
  out.entities = entities(text, out.tokens, vocabulary, out.token_sentence);
}

}  // namespace framelens
