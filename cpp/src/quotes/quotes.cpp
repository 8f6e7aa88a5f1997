// Quote extraction and speaker attribution (see framelens/quotes.hpp).
//
// Pipeline per document: tokens (words with byte offsets, punctuation, quotation marks) -> top-level
// quotations paired per paragraph (nesting, apostrophes, multi-paragraph quotes, unbalanced marks)
// -> attribution units (sentences, merged where a quotation crosses a sentence break) -> cues found
// outside quotations -> per cue, the speaker mention (before or after the cue, with titles and
// appositions) and the content (after the cue, or before it for "…, X said.") -> quotations no cue
// claimed: continuations of the previous speaker, colon attributions, scare quotes -> speakers as
// entities (type, anonymity, role, affiliation), pronouns and nominal mentions resolved.
#include "framelens/quotes.hpp"

#include <unicode/uchar.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <map>
#include <unordered_map>

#include "framelens/data.hpp"
#include "framelens/error.hpp"
#include "framelens/segment.hpp"
#include "framelens/threads.hpp"
#include "framelens/utf8.hpp"
#include "util/parallel.hpp"
#include "quotes/quotes_lexicon.hpp"

namespace framelens {

const char* to_string(QuoteKind k) noexcept {
  switch (k) {
    case QuoteKind::direct: return "direct";
    case QuoteKind::partial: return "partial";
    case QuoteKind::indirect: return "indirect";
    case QuoteKind::scare: return "scare";
  }
  return "indirect";
}

const char* to_string(SourceType t) noexcept {
  switch (t) {
    case SourceType::none: return "none";
    case SourceType::named_person: return "named person";
    case SourceType::anonymous_person: return "anonymous person";
    case SourceType::organisation: return "organisation";
    case SourceType::document: return "document";
  }
  return "none";
}

Span Quote::content() const noexcept {
  if (contents.empty()) return {};
  return {contents.front().start, contents.back().end};
}

namespace {

using namespace std::string_view_literals;  // token comparisons with "…"sv compile inline
using detail::CueRole;
using detail::Lexicon;
using detail::Place;

// A fixed set of lower-case words (function words, markers), looked up by count().
using detail::WordSet;

// ---------------------------------------------------------------------------------------------
// Tokens

enum class TK : unsigned char { word, punct, mark };

// Quotation mark kinds. Openers and closers are told apart in context.
enum Mark : unsigned char {
  M_NONE, M_LDQ /*“*/, M_RDQ /*”*/, M_LOW9 /*„*/, M_ASCII_D /*"*/, M_ASCII_DD /*''*/, M_LSQ /*‘*/, M_RSQ /*’*/,
  M_ASCII_S /*'*/, M_LAQ /*«*/, M_RAQ /*»*/, M_LSAQ /*‹*/, M_RSAQ /*›*/, M_CJK /*「*/, M_CJK_R /*」*/,
  M_CJKW /*『*/, M_CJKW_R /*』*/, M_LOW9S /*‚*/
};

struct Tok {
  std::uint32_t s = 0, e = 0;
  TK kind = TK::word;
  Mark mark = M_NONE;
  bool cap = false;       // starts with an upper-case letter
  bool in_quote = false;  // inside a quotation (marks included)
  std::string low;        // lower case (words and punctuation)
};

bool is_space_cp(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 || c == 0x2009 ||
         c == 0x200A || c == 0x202F || c == 0x3000 || c == 0x2002 || c == 0x2003 || c == 0x200B || c == 0xFEFF;
}

bool is_word_cp_slow(char32_t c) {
  if (is_space_cp(c)) return false;
  const auto cat = u_charType(static_cast<UChar32>(c));
  return u_isalnum(static_cast<UChar32>(c)) || cat == U_NON_SPACING_MARK || cat == U_COMBINING_SPACING_MARK ||
         cat == U_ENCLOSING_MARK || c == 0x200D /*ZWJ*/ || cat == U_OTHER_SYMBOL;
}

// Called for every code point of every text: ASCII inline, the rest from ICU's tables.
inline bool is_word_cp(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return is_word_cp_slow(c);
}

bool is_alpha_cp(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return u_isalpha(static_cast<UChar32>(c));
}

Mark mark_of(char32_t c) {
  switch (c) {
    case 0x201C: return M_LDQ;
    case 0x201D: return M_RDQ;
    case 0x201E: return M_LOW9;
    case '"': return M_ASCII_D;
    case 0x2018: return M_LSQ;
    case 0x2019: return M_RSQ;
    case '\'': return M_ASCII_S;
    case 0x00AB: return M_LAQ;
    case 0x00BB: return M_RAQ;
    case 0x2039: return M_LSAQ;
    case 0x203A: return M_RSAQ;
    case 0x300C: return M_CJK;
    case 0x300D: return M_CJK_R;
    case 0x300E: return M_CJKW;
    case 0x300F: return M_CJKW_R;
    case 0x201A: return M_LOW9S;
    case 0x201F: return M_LDQ;
    default: return M_NONE;
  }
}

char32_t cp_at(std::string_view t, std::size_t i) {
  if (i >= t.size()) return 0;
  std::size_t j = i;
  return utf8::next(t, j);
}

char32_t cp_before(std::string_view t, std::size_t i) {
  if (i == 0) return 0;
  std::size_t j = i - 1;
  while (j > 0 && (static_cast<unsigned char>(t[j]) & 0xC0) == 0x80) --j;
  std::size_t k = j;
  return utf8::next(t, k);
}

std::size_t cp_len(std::string_view t, std::size_t i) {
  const auto b = static_cast<unsigned char>(t[i]);
  return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

std::string lower(std::string_view s) {
  std::string out;
  if (std::all_of(s.begin(), s.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; })) {
    out.assign(s);
    for (char& ch : out)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return out;
  }
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) { out += static_cast<char>((b >= 'A' && b <= 'Z') ? b - 'A' + 'a' : b); ++i; continue; }
    char32_t c = utf8::next(s, i);
    if (c == 0x2019) c = '\'';  // ’ as apostrophe: one spelling for lexicon lookups
    utf8::append(out, static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))));
  }
  return out;
}

const std::unordered_map<std::string_view, bool>& abbreviations() {
  static const std::unordered_map<std::string_view, bool> a = {
      {"mr", true},  {"mrs", true}, {"ms", true},  {"dr", true},   {"sen", true},  {"rep", true},  {"gov", true},
      {"gen", true}, {"lt", true},  {"col", true}, {"sgt", true},  {"jr", true},   {"sr", true},   {"st", true},
      {"prof", true}, {"rev", true}, {"adm", true}, {"capt", true}, {"maj", true}, {"cpl", true},  {"pres", true},
      {"jan", true}, {"feb", true}, {"mar", true}, {"apr", true},  {"aug", true},  {"sept", true}, {"sep", true},
      {"oct", true}, {"nov", true}, {"dec", true}, {"no", false},  {"vs", true},   {"inc", true},  {"corp", true},
      {"co", true},  {"ltd", true}, {"dept", true}, {"univ", true}, {"ft", true},  {"mt", true},   {"hon", true}};
  return a;
}

std::vector<Tok> tokenize(std::string_view t) {
  std::vector<Tok> out;
  out.reserve(t.size() / 5 + 8);
  std::size_t i = 0;
  const std::size_t n = t.size();
  while (i < n) {
    std::size_t j = i;
    const char32_t c = utf8::next(t, j);
    if (is_space_cp(c)) { i = j; continue; }
    Tok tok;
    tok.s = static_cast<std::uint32_t>(i);
    // Elisions glued to the next word: ’90s, ’n’ (rock ’n’ roll), 'n'.
    if ((c == 0x2019 || c == '\'' || c == 0x2018) && !is_word_cp(cp_before(t, i))) {
      const char32_t nx = cp_at(t, j);
      const bool digit = nx >= '0' && nx <= '9';
      bool n_elision = false;
      if (nx == 'n' || nx == 'N') {
        const char32_t nn = cp_at(t, j + 1);
        n_elision = (nn == 0x2019 || nn == '\'') && !is_word_cp(cp_at(t, j + 1 + cp_len(t, j + 1)));
      }
      if (digit || n_elision) {
        std::size_t k = j;
        if (n_elision) k = j + 1 + cp_len(t, j + 1);
        else while (k < n) { std::size_t m = k; char32_t d = utf8::next(t, m); if (!is_word_cp(d)) break; k = m; }
        tok.e = static_cast<std::uint32_t>(k);
        tok.kind = TK::word;
        tok.low = lower(t.substr(i, k - i));
        out.push_back(std::move(tok));
        i = k;
        continue;
      }
    }
    if (is_word_cp(c)) {
      std::size_t k = j;
      while (k < n) {
        std::size_t m = k;
        const char32_t d = utf8::next(t, m);
        if (is_word_cp(d)) { k = m; continue; }
        // Inner apostrophes (Korea’s, don't), hyphens (so-called), dots of acronyms (U.S.), ampersands (AT&T).
        if ((d == '\'' || d == 0x2019 || d == '-' || d == 0x2010 || d == '&' || d == '.') && m < n) {
          const char32_t after = cp_at(t, m);
          if (d == '.') {
            if (is_alpha_cp(after) && m - i <= 8 && cp_len(t, m) == 1 && !(m + 1 < n && is_word_cp(cp_at(t, m + 1)) && cp_at(t, m + 1) != '.' && cp_at(t, m + 2) != '.')) { k = m; continue; }
            break;
          }
          if (is_word_cp(after)) { k = m; continue; }
        }
        break;
      }
      // A trailing period belongs to initials and known abbreviations ("J.", "Sen.", "U.S.").
      if (k < n && t[k] == '.') {
        const std::string w = lower(t.substr(i, k - i));
        const bool single = utf8::length(t.substr(i, k - i)) == 1 && is_alpha_cp(c) && u_isupper(static_cast<UChar32>(c));
        const bool acronym = w.find('.') != std::string::npos;
        if (single || acronym || abbreviations().count(w)) ++k;
      }
      tok.e = static_cast<std::uint32_t>(k);
      tok.kind = TK::word;
      tok.cap = c < 0x80 ? (c >= 'A' && c <= 'Z') : (u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c)));
      tok.low = lower(t.substr(i, k - i));
      out.push_back(std::move(tok));
      i = k;
      continue;
    }
    Mark m = mark_of(c);
    if (c == '\'' && j < n && t[j] == '\'') { m = M_ASCII_DD; ++j; }  // '' as a double mark
    if (c == '`' && j < n && t[j] == '`') { m = M_ASCII_DD; ++j; }    // `` (typewriter opening)
    if (c == '-' && j < n && t[j] == '-') ++j;                        // -- as a dash
    tok.e = static_cast<std::uint32_t>(j);
    tok.kind = m == M_NONE ? TK::punct : TK::mark;
    tok.mark = m;
    tok.low = std::string(t.substr(i, j - i));
    out.push_back(std::move(tok));
    i = j;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Quotations

struct QSpan {
  std::size_t a = 0, b = 0;  // token range [a, b), marks included
  bool unbalanced = false;
  int group = -1;            // multi-paragraph quotation: pieces share a group
};

// Which opener kinds a mark can close.
bool closes(Mark closer, Mark opener, bool german) {
  switch (closer) {
    case M_RDQ: return opener == M_LDQ || opener == M_LOW9 || opener == M_RDQ || opener == M_ASCII_D;
    case M_LDQ: return opener == M_LOW9 || opener == M_LDQ;
    case M_ASCII_D: return opener == M_ASCII_D || opener == M_LDQ;  // mixed marks (“…") are common typos
    case M_ASCII_DD: return opener == M_ASCII_DD;
    case M_RSQ: return opener == M_LSQ || opener == M_LOW9S;
    case M_LSQ: return opener == M_LOW9S;
    case M_ASCII_S: return opener == M_ASCII_S;
    case M_RAQ: return opener == M_LAQ;
    case M_LAQ: return opener == M_RAQ;
    case M_RSAQ: return opener == M_LSAQ;
    case M_LSAQ: return opener == M_RSAQ;
    case M_CJK_R: return opener == M_CJK;
    case M_CJKW_R: return opener == M_CJKW;
    default: return false;
  }
}

bool same_family(Mark a, Mark b) {
  auto fam = [](Mark m) {
    switch (m) {
      case M_LDQ: case M_RDQ: case M_LOW9: case M_ASCII_D: case M_ASCII_DD: return 1;
      case M_LSQ: case M_RSQ: case M_ASCII_S: case M_LOW9S: return 2;
      case M_LAQ: case M_RAQ: return 3;
      case M_LSAQ: case M_RSAQ: return 4;
      case M_CJK: case M_CJK_R: return 5;
      case M_CJKW: case M_CJKW_R: return 6;
      default: return 0;
    }
  };
  return fam(a) == fam(b);
}

std::vector<QSpan> find_quotations(std::string_view text, std::vector<Tok>& toks, const std::vector<Span>& paras,
                                   bool german) {
  std::vector<QSpan> out;
  struct Open { std::size_t tok; Mark mark; };
  std::vector<Open> stack;
  std::vector<std::size_t> apostrophes;  // mark tokens that turned out to be word-final apostrophes
  std::size_t ti = 0;
  int group_counter = 0;
  int carry_group = -1;       // a quotation continuing from the previous paragraph
  Mark carry_mark = M_NONE;
  for (std::size_t p = 0; p < paras.size(); ++p) {
    const Span para = paras[p];
    while (ti < toks.size() && toks[ti].s < para.start) ++ti;
    const std::size_t first = ti;
    std::size_t last = ti;
    while (last < toks.size() && toks[last].e <= para.end) ++last;
    stack.clear();
    std::size_t piece_start = first;
    bool continuing = false;
    if (carry_group >= 0) {
      if (first < last && toks[first].kind == TK::mark && same_family(toks[first].mark, carry_mark)) {
        continuing = true;
        stack.push_back({first, toks[first].mark});
      } else {
        carry_group = -1;
      }
    }
    for (std::size_t k = first; k < last; ++k) {
      Tok& tk = toks[k];
      if (tk.kind != TK::mark) continue;
      if (continuing && k == first) continue;
      const char32_t prev = tk.s > 0 ? cp_before(text, tk.s) : 0;
      const char32_t next = cp_at(text, tk.e);
      const bool prev_space = prev == 0 || is_space_cp(prev) || prev == '(' || prev == '[' || prev == 0x2014 ||
                              prev == 0x2013 || prev == '-' || prev == '/' || k == first;
      const bool next_space = next == 0 || is_space_cp(next) || tk.e >= para.end;
      // Close the innermost matching opener, if any.
      std::size_t match = stack.size();
      for (std::size_t s = stack.size(); s-- > 0;) {
        if (closes(tk.mark, stack[s].mark, german)) { match = s; break; }
      }
      bool can_close = match < stack.size() && !(prev_space && !next_space);
      // Single closers are apostrophes unless a single opener waits for them.
      if ((tk.mark == M_RSQ || tk.mark == M_ASCII_S) && match < stack.size() && match + 1 < stack.size() &&
          !same_family(stack.back().mark, tk.mark))
        can_close = false;
      if ((tk.mark == M_ASCII_D || tk.mark == M_ASCII_DD) && match < stack.size()) can_close = true;
      if (can_close) {
        const bool inner_unbalanced = match + 1 < stack.size();
        const Open o = stack[match];
        stack.resize(match);
        if (stack.empty()) {
          QSpan q{o.tok, k + 1, inner_unbalanced, -1};
          if (continuing && o.tok == first) { q.group = carry_group; }
          out.push_back(q);
          continuing = false;
          carry_group = -1;
        }
        continue;
      }
      bool opener = false;
      switch (tk.mark) {
        case M_LDQ: case M_LOW9: case M_LAQ: case M_LSAQ: case M_CJK: case M_CJKW: case M_LOW9S:
          opener = !next_space || k + 1 < last; break;
        case M_RAQ: case M_RSAQ:
          opener = !next_space; break;  // »…« (German)
        case M_RDQ: opener = prev_space && !next_space; break;  // ” used as an opener
        case M_ASCII_D: case M_ASCII_DD: opener = !next_space || prev_space; break;
        case M_LSQ: opener = !is_word_cp(prev) && !next_space; break;
        case M_ASCII_S: opener = prev_space && is_alpha_cp(next); break;
        default: opener = false;  // ’ with nothing open: an apostrophe
      }
      if (opener) stack.push_back({k, tk.mark});
      // A single closer glued to the end of a word that closes and opens nothing is an apostrophe:
      // the plural possessive ("the voters’ choice", "Adams' aide") or an elision ("goin'").
      else if ((tk.mark == M_RSQ || tk.mark == M_ASCII_S) && k > first && toks[k - 1].kind == TK::word &&
               toks[k - 1].e == tk.s && !is_word_cp(next))
        apostrophes.push_back(k);
    }
    if (!stack.empty()) {
      const Open o = stack.front();
      // A quotation opened at the paragraph start continues when the next paragraph opens again
      // with the same kind of mark (the convention for quotations over several paragraphs).
      bool carries = false;
      if (o.tok == first && p + 1 < paras.size()) {
        std::size_t nt = last;
        while (nt < toks.size() && toks[nt].s < paras[p + 1].start) ++nt;
        if (nt < toks.size() && toks[nt].kind == TK::mark && same_family(toks[nt].mark, o.mark) &&
            toks[nt].s == paras[p + 1].start)
          carries = true;
      }
      const bool single = o.mark == M_LSQ || o.mark == M_ASCII_S || o.mark == M_LOW9S;
      if (!carries && single && stack.size() == 1 && !continuing) {
        // A lone single mark never closed in its paragraph is a letter or an apostrophe (the ayn of
        // a transliteration, ‘Amrun; an elision), not a quotation.
      } else if (carries) {
        if (carry_group < 0) carry_group = group_counter++;
        out.push_back({o.tok, last, false, carry_group});
        carry_mark = o.mark;
      } else {
        QSpan q{o.tok, last, true, continuing ? carry_group : -1};
        out.push_back(q);
        carry_group = -1;
      }
    } else {
      carry_group = -1;
    }
    (void)piece_start;
    ti = last;
  }
  // A multi-paragraph quotation whose last piece closes properly is balanced; one that never closes
  // is unbalanced in every piece.
  std::map<int, bool> group_ok;
  for (const auto& q : out)
    if (q.group >= 0) group_ok[q.group] = group_ok.count(q.group) ? (group_ok[q.group] && true) : true;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i].group < 0) continue;
    const bool last_piece = i + 1 >= out.size() || out[i + 1].group != out[i].group;
    if (last_piece && out[i].unbalanced) group_ok[out[i].group] = false;
  }
  for (auto& q : out)
    if (q.group >= 0 && !group_ok[q.group]) q.unbalanced = true;
  if (!apostrophes.empty()) {
    // Glue each apostrophe to its word ("Adams’" is one token, its lower case "adams'") and renumber
    // the quotation token ranges.
    std::vector<std::size_t> kept_before(toks.size() + 1, 0);
    std::size_t ai = 0, w = 0;
    for (std::size_t k = 0; k < toks.size(); ++k) {
      kept_before[k] = w;
      if (ai < apostrophes.size() && apostrophes[ai] == k) {
        ++ai;
        Tok& word = toks[w - 1];
        word.e = toks[k].e;
        word.low += '\'';
        continue;
      }
      if (w != k) toks[w] = std::move(toks[k]);
      ++w;
    }
    kept_before[toks.size()] = w;
    toks.resize(w);
    for (auto& q : out) { q.a = kept_before[q.a]; q.b = kept_before[q.b]; }
  }
  for (const auto& q : out)
    for (std::size_t k = q.a; k < q.b; ++k) toks[k].in_quote = true;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Attribution

struct Cue {
  std::size_t a = 0, b = 0;  // token range
  CueRole role = CueRole::verb;
  const detail::CueForm* form = nullptr;  // single-word verb cues
  bool colon = false;
};

struct Attribution {
  std::vector<Span> contents;  // byte spans
  Span cue;
  Span mention;
  std::size_t mention_a = 0, mention_b = 0;  // token range of the mention (b == a: none)
  std::size_t resolve_a = 0, resolve_b = 0;  // for relative pronouns: the antecedent
  bool has_speaker = false;
  bool unbalanced = false;
  bool scare = false;
  bool continuation = false;
  double confidence = 0.5;
  std::size_t para = 0;
};

const WordSet& stop_words() {
  static const WordSet s = {"that", "which", "who", "whom", "when", "where", "while", "because", "if", "as", "but", "or",
                            "so", "than", "since", "after", "before", "although", "though", "to", "in", "on", "with",
                            "by", "from", "into", "about", "over", "under", "is", "are", "was", "were", "be", "been",
                            "being", "has", "have", "had", "will", "would", "could", "should", "can", "may", "might",
                            "must", "did", "does", "do", "not", "also", "it", "this", "there", "what", "said", "says",
                            "say", "told", "however", "then", "now", "once", "until", "unless", "whether", "during",
                            "against", "through", "without", "within", "why", "how", "even", "just", "only", "yet",
                            "and", "of", "for", "at", "upon", "amid", "like", "ago", "very", "too", "again", "already",
                            "dass", "und", "oder", "aber", "nicht", "auch", "im", "am", "ist", "sind", "war", "hat",
                            "haben", "wird", "werden", "habe", "sei", "seien", "wurde", "zu", "zum", "zur", "bei", "mit",
                            "von", "vom", "auf", "für", "nach", "wie", "als", "wenn", "weil", "ob", "es"};
  return s;
}

bool is_stop(const Tok& t) { return stop_words().count(t.low) > 0; }

// A US party and state tag: "r-ky", "d-n.y.", "i-vt" (lower case).
bool party_tag(const std::string& w) {
  return w.size() >= 3 && w.size() <= 12 && (w[0] == 'r' || w[0] == 'd' || w[0] == 'i') && w[1] == '-' &&
         w[2] >= 'a' && w[2] <= 'z';
}

// "Trump's", "Korea’s" (’ is lower-cased to '), and the plural possessive "voters'".
bool is_possessive(const std::string& w) {
  return w.size() > 2 && (w.compare(w.size() - 2, 2, "'s") == 0 || (w.back() == '\'' && w[w.size() - 2] == 's'));
}

bool is_day_or_time(const std::string& w) {
  static const WordSet s = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
                            "today", "tonight", "earlier", "later", "recently", "last", "this", "next", "on",
                            "in", "during", "after", "before", "when", "while", "shortly", "late", "early", "ago",
                            "am", "gestern", "heute", "morgen", "vor", "bei"};
  return s.count(w) > 0;
}


const WordSet& finite_markers() {
  static const WordSet s = {"is", "are", "was", "were", "will", "would", "could", "should", "can", "may", "might",
                            "must", "has", "have", "had", "did", "does", "do", "won't", "isn't", "wasn't", "can't",
                            "don't", "didn't", "doesn't", "shouldn't", "wouldn't", "couldn't", "aren't", "weren't",
                            "hasn't", "haven't", "hadn't", "needs", "needed", "ist", "sind", "sei", "seien", "habe",
                            "hat", "haben", "werde", "werden", "wird", "könne", "müsse", "solle", "wolle"};
  return s;
}

// German reported-speech verbs: Konjunktiv I of common verbs, and the Konjunktiv II forms reported
// speech uses in its place ("sei", "habe", "könne", "hätten").
const WordSet& konjunktiv_markers() {
  static const WordSet s = {"sei", "seien", "habe", "könne", "könnten", "müsse", "werde", "wolle", "solle", "gebe", "dürfe",
                            "hätten", "müssten", "dürften", "stünden", "wären", "stehe", "gehe", "bleibe", "liege",
                            "zeige", "fehle", "drohe", "gelte", "komme", "bestehe", "handele", "verfüge", "wisse"};
  return s;
}

// German prepositions (and contractions) that open an adverbial phrase.
const WordSet& german_prepositions() {
  static const WordSet s = {"in", "im", "mit", "gegenüber", "zum", "zur", "am", "an", "auf", "bei", "beim", "vor", "nach",
                            "von", "vom", "aus", "über", "unter", "laut", "während", "für", "ins", "seit", "zu", "bis",
                            "durch", "ohne", "gegen", "um", "trotz", "wegen", "angesichts", "nach"};
  return s;
}

bool leading_filler(const std::string& w) {
  static const WordSet s = {"but", "and", "so", "yet", "still", "now", "then", "meanwhile", "however", "also", "instead",
                            "indeed", "thus", "later", "earlier", "today", "yesterday", "here", "there", "finally",
                            "previously", "separately", "moreover", "furthermore", "again", "or", "nor", "predictably",
                            "aber", "auch", "doch", "und", "so"};
  return s.count(w) > 0;
}

struct DocState {
  std::string_view text;
  std::vector<Tok> toks;
  std::vector<QSpan> quotes;
  std::vector<std::size_t> quote_start;  // byte start of each quotation (sorted)
  std::vector<int> quote_of_tok;         // quotation index of each token, -1 outside
  std::vector<Span> paras;
  std::vector<std::size_t> tok_para;  // paragraph index of each token
  std::vector<Attribution> attrs;
  // Subjects of cues that attributed nothing (e.g. "X blasted the agreement"): candidates for
  // resolving later pronouns and nominal mentions.
  std::vector<std::pair<std::size_t, std::size_t>> entity_mentions;
  // Full names opening a sentence ("Greta Holm has run the bakery …"): a fallback antecedent for
  // he/she when no speaker so far is a named person.
  std::vector<std::pair<std::size_t, std::size_t>> person_mentions;
  // "X said:" at a paragraph end, waiting for the quotation of the next paragraph.
  std::pair<std::size_t, std::size_t> pending{0, 0};
  Span pending_cue;
  std::size_t pending_para = 0;
};

class Extractor {
 public:
  Extractor(const Lexicon& lex, const QuoteOptions& opt) : lex_(lex), opt_(opt), german_(lex.lang == "de") {}

  QuoteResult run(std::string_view text, const std::vector<Span>* paras_in, const std::vector<Span>* sents_in) const;

 private:
  const Lexicon& lex_;
  const QuoteOptions& opt_;
  bool german_;

  bool adverb(const Tok& t) const { return t.kind == TK::word && !t.cap && lex_.adverbs.count(t.low) > 0; }
  bool is_cue_word(const Tok& t) const {
    if (t.kind != TK::word) return false;
    const detail::Lexicon::CueWord* c = lex_.cue_word(t.low);
    return c && c->is_form;
  }

  std::vector<Cue> find_cues(const DocState& d, std::size_t ua, std::size_t ub) const;
  bool tail_verb(const DocState& d, std::size_t ua, std::size_t ub, std::size_t i) const;
  std::pair<std::size_t, std::size_t> np_back(const DocState& d, std::size_t ua, std::size_t end) const;
  std::pair<std::size_t, std::size_t> np_fwd(const DocState& d, std::size_t start, std::size_t ub, bool subject = false) const;
  void unit(DocState& d, std::size_t ua, std::size_t ub) const;
  QuoteResult speakers(DocState& d) const;
};

bool ends_unit(const Tok& t) {
  return t.kind == TK::punct && (t.low == "."sv || t.low == "!"sv || t.low == "?"sv || t.low == ";"sv);
}

const detail::CueForm& tail_form() {
  static const detail::CueForm f{false, false, false, "tail"};
  return f;
}

// A verb outside the lexicon that closes a quotation the way "said" does: "“…,” the sign read.",
// "“…?” Hale repeated.", "“…,” reacted Hale." The quotation ends with , ? or ! inside its marks and
// only a short noun phrase stands between it and the verb (or follows the verb), up to the unit end.
// The verb is a lower-case past or present form (-ed, -s) or "read".
bool Extractor::tail_verb(const DocState& d, std::size_t ua, std::size_t ub, std::size_t i) const {
  const auto& t = d.toks;
  const Tok& v = t[i];
  if (v.cap || v.in_quote || i == ua) return false;
  // cheap structural test first: this runs for every word the lexicon does not know
  const bool before_end = i + 1 >= ub || ends_unit(t[i + 1]);
  const bool after_quote = t[i - 1].kind == TK::mark && t[i - 1].in_quote;
  if (!before_end && !after_quote) return false;
  if (v.kind != TK::word || is_stop(v) || lex_.determiners.count(v.low)) return false;
  const std::string& w = v.low;
  const bool ed = w.size() > 4 && w.compare(w.size() - 2, 2, "ed") == 0;
  const bool s3 = w.size() > 4 && w.back() == 's' && w[w.size() - 2] != 's' && w[w.size() - 2] != '\'';
  if (!(ed || s3 || w == "read")) return false;
  // the unit ends right after the verb (or after the inverted subject)
  auto closes_quote = [&](std::size_t k) {  // token k is a closing mark after , ? !
    return k > ua && t[k].kind == TK::mark && t[k].in_quote && (k + 1 >= ub || !t[k + 1].in_quote) &&
           (t[k - 1].low == ","sv || t[k - 1].low == "?"sv || t[k - 1].low == "!"sv);
  };
  auto unit_end = [&](std::size_t k) { return k >= ub || ends_unit(t[k]); };
  if (closes_quote(i - 1)) {
    // inverted: "“…,” reacted Hale." — a capitalised or determined phrase of at most six words
    if (!ed && w != "read" && w != "reads") return false;
    std::size_t k = i + 1;
    while (k < ub && k - i <= 6 && t[k].kind == TK::word && !t[k].in_quote && !is_stop(t[k])) ++k;
    return k > i + 1 && unit_end(k) && (t[i + 1].cap || lex_.determiners.count(t[i + 1].low));
  }
  if (!unit_end(i + 1)) return false;
  std::size_t k = i;
  while (k > ua && i - k < 6 && t[k - 1].kind == TK::word && !t[k - 1].in_quote &&
         (!is_stop(t[k - 1]) || t[k - 1].low == "this"sv || t[k - 1].low == "it"sv))
    --k;
  if (k == i || !closes_quote(k - 1)) return false;
  // it opens with a name, a determiner or a pronoun ("the sign", "Hale", "he"; not "besides two …")
  static const WordSet pronouns = {"he", "she", "they", "it", "we", "i", "you"};
  if (!(t[k].cap || lex_.determiners.count(t[k].low) || pronouns.count(t[k].low))) return false;
  // the phrase is a subject: it has no verb-like lower-case word before its head
  for (std::size_t m = k; m + 1 < i; ++m)
    if (!t[m].cap && !lex_.determiners.count(t[m].low) && t[m].low.size() > 3 &&
        t[m].low.compare(t[m].low.size() - 2, 2, "ed") == 0)
      return false;
  return true;
}

std::vector<Cue> Extractor::find_cues(const DocState& d, std::size_t ua, std::size_t ub) const {
  std::vector<Cue> cues;
  const auto& t = d.toks;
  for (std::size_t i = ua; i < ub; ++i) {
    if (t[i].in_quote) continue;
    if (t[i].kind == TK::punct && t[i].low == ":"sv && i + 1 < ub && t[i + 1].kind == TK::mark && t[i + 1].in_quote) {
      cues.push_back({i, i + 1, CueRole::verb, nullptr, true});
      continue;
    }
    // a colon closing its paragraph ("Ann Shaw of the institute:"), the quotation in the next one
    if (!german_ && t[i].kind == TK::punct && t[i].low == ":"sv && i + 1 == ub && i > ua && t[i - 1].kind == TK::word &&
        (ub >= t.size() || d.tok_para[ub] != d.tok_para[i])) {
      cues.push_back({i, i + 1, CueRole::verb, nullptr, true});
      continue;
    }
    if (t[i].kind != TK::word) continue;
    bool matched = false;
    const detail::Lexicon::CueWord* entry = lex_.cue_word(t[i].low);
    if (!entry) {  // neither a cue form nor the start of a cue phrase
      if (!german_ && tail_verb(d, ua, ub, i)) cues.push_back({i, i + 1, CueRole::verb, &tail_form(), false});
      continue;
    }
    for (const std::size_t pk : entry->phrases) {
      const auto& p = lex_.phrases[pk];
      if (i + p.words.size() > ub) continue;
      bool ok = true;
      for (std::size_t k = 0; k < p.words.size(); ++k)
        if (t[i + k].kind != TK::word || t[i + k].in_quote || t[i + k].low != p.words[k]) { ok = false; break; }
      if (!ok) continue;
      cues.push_back({i, i + p.words.size(), p.role, nullptr, false});
      i += p.words.size() - 1;
      matched = true;
      break;
    }
    if (matched) continue;
    const detail::CueForm* form = entry->is_form ? &entry->form : nullptr;
    if (!form) {
      if (!german_ && tail_verb(d, ua, ub, i)) cues.push_back({i, i + 1, CueRole::verb, &tail_form(), false});
      continue;
    }
    // A capitalised cue inside a sentence is a name ("Says", "Post"), not a verb.
    if (t[i].cap && i > ua && !german_) continue;
    // After a determiner or possessive a cue form is a noun ("a tweet", "Trump's remarks",
    // "his home state").
    if (!german_ && i > ua) {
      const std::string& p1 = t[i - 1].low;
      const bool possessive = is_possessive(p1);
      // ("Another said", "Some wrote": a past-tense form after a pronominal determiner is the verb)
      static const WordSet pronominal = {"another", "some", "several", "many", "few", "others", "two", "three", "four"};
      const std::string& w = t[i].low;
      const bool past = (w.size() > 3 && w.compare(w.size() - 2, 2, "ed") == 0) || w == "said" || w == "told" || w == "wrote";
      if (lex_.determiners.count(p1) && p1 != "that" && p1 != "one" && p1 != "all" && p1 != "both" && p1 != "most" &&
          !(pronominal.count(p1) && past))
        continue;
      if (possessive) continue;
      static const WordSet nouns = {"tweet", "tweets", "remarks", "remark", "reports", "report", "claims", "claim", "comments",
                                    "comment", "notes", "note", "calls", "call", "posts", "post", "answer", "reply", "replies",
                                    "promise", "promises", "pledge", "pledges", "questions", "question", "shows", "show",
                                    "estimates", "estimate", "fears", "fear", "doubts", "doubt", "charges", "charge", "demands",
                                    "demand", "threats", "signals", "signal", "warning", "cries", "cry", "chants", "chant",
                                    "vows", "vow", "state", "states", "statement", "finding", "findings", "hint", "hints"};
      if (nouns.count(t[i].low) && i >= ua + 2 && t[i - 1].kind == TK::word && !t[i - 1].cap && !is_stop(t[i - 1]) &&
          lex_.determiners.count(t[i - 2].low))
        continue;
    }
    cues.push_back({i, i + 1, CueRole::verb, form, false});
  }
  return cues;
}

// A quoted name ending at token `end` (exclusive): „Die Welt“, „Aktion Deutschland hilft“ — at most
// six words, the first and every noun capitalised (German capitalises nouns, so lower-case words
// other than short function words make it a phrase, not a name). Returns its first token or `end`.
bool quoted_name(const DocState& d, const QSpan& q) {
  const auto& t = d.toks;
  if (q.unbalanced || q.b < q.a + 3) return false;
  std::size_t words = 0;
  for (std::size_t k = q.a + 1; k + 1 < q.b; ++k) {
    if (t[k].kind == TK::mark) return false;
    if (t[k].kind != TK::word) {
      if (t[k].low == "-"sv || t[k].low == "!"sv || t[k].low == "."sv || t[k].low == "&"sv) continue;
      return false;
    }
    ++words;
    if (!t[k].cap && !(t[k].low.size() > 0 && t[k].low[0] >= '0' && t[k].low[0] <= '9') &&
        !(words > 1 && t[k].low.size() <= 3))
      return false;
  }
  if (words == 0 || words > 6 || !t[q.a + 1].cap) return false;
  return true;
}

std::size_t quoted_name_before(const DocState& d, std::size_t end) {
  const auto& t = d.toks;
  if (end == 0 || t[end - 1].kind != TK::mark || !t[end - 1].in_quote) return end;
  const int qi = d.quote_of_tok[end - 1];
  if (qi < 0) return end;
  const QSpan& q = d.quotes[static_cast<std::size_t>(qi)];
  return q.b == end && quoted_name(d, q) ? q.a : end;
}

// The end of a quoted name opening at token `start`, or `start`.
std::size_t quoted_name_after(const DocState& d, std::size_t start) {
  const auto& t = d.toks;
  if (start >= t.size() || t[start].kind != TK::mark || !t[start].in_quote) return start;
  const int qi = d.quote_of_tok[start];
  if (qi < 0) return start;
  const QSpan& q = d.quotes[static_cast<std::size_t>(qi)];
  return q.a == start && quoted_name(d, q) ? q.b : start;
}

// A noun phrase ending just before `end` (speaker before its cue).
std::pair<std::size_t, std::size_t> Extractor::np_back(const DocState& d, std::size_t ua, std::size_t end) const {
  const auto& t = d.toks;
  // ", who said": the relative pronoun is the mention (resolved to its antecedent later)
  if (end > ua && (t[end - 1].low == "who"sv || t[end - 1].low == "which"sv) && end - 1 > ua && t[end - 2].low == ","sv)
    return {end - 1, end};
  // "“…,” it added.", "It stated that …": the pronoun it (a document, an organisation) speaks when it
  // opens the clause; "another", "one", "some" alone stand for a person ("Another said, “…”").
  if (!german_ && end > ua && !t[end - 1].in_quote &&
      (end - 1 == ua || t[end - 2].kind != TK::word || t[end - 2].in_quote || t[end - 2].low == "and"sv ||
       t[end - 2].low == "but"sv)) {
    static const WordSet alone = {"it", "another", "one", "some", "others", "many", "several", "most", "both"};
    if (alone.count(t[end - 1].low)) return {end - 1, end};
  }
  std::size_t i = end;
  // "Sen. Rosa Quinn (R-Ky.) said": a parenthesis right before the cue belongs to the mention.
  if (i > ua + 1 && t[i - 1].low == ")"sv) {
    std::size_t k = i - 1;
    while (k > ua && i - k < 8 && t[k - 1].low != "("sv && t[k - 1].low != ")"sv) --k;
    if (k > ua + 1 && t[k - 1].low == "("sv && t[k - 2].kind == TK::word && !t[k - 2].in_quote) {
      auto inner = np_back(d, ua, k - 1);
      if (inner.second > inner.first) return {inner.first, end};
    }
    return {end, end};
  }
  std::size_t words = 0;
  while (i > ua) {
    const Tok& k = t[i - 1];
    if (german_ && k.in_quote) {
      // "Die Zeitung „Yemen Observer“ berichtet": a quoted name after its head noun is part of the phrase
      const std::size_t qa = quoted_name_before(d, i);
      if (qa < i && qa > ua && t[qa - 1].kind == TK::word && !t[qa - 1].in_quote) { words += i - qa; i = qa; continue; }
    }
    if (k.in_quote || k.kind != TK::word) break;
    if (is_cue_word(k) && !k.cap) {
      // "A parliamentary report said", "the statement said": a cue form right before the cue, after
      // a determiner (and at most one modifier), is the head noun of the speaker.
      const bool noun = !german_ && i == end && i - 1 > ua &&
                        (lex_.determiners.count(t[i - 2].low) ||
                         (i - 2 > ua && t[i - 2].kind == TK::word && !t[i - 2].in_quote && !is_stop(t[i - 2]) &&
                          !is_cue_word(t[i - 2]) && lex_.determiners.count(t[i - 3].low)));
      if (!noun) break;
    }
    if (k.low == "and"sv || k.low == "&"sv || k.low == "und"sv) {
      // "Donald Trump and House Speaker Paul Ryan", "Japanese and South Korean diplomatic sources"
      if (i < end && t[i].cap && i - 1 > ua && t[i - 2].kind == TK::word && t[i - 2].cap) { --i; continue; }
      break;
    }
    if (k.low == "of"sv || k.low == "for"sv || k.low == "at"sv || k.low == "von"sv || k.low == "der"sv || k.low == "des"sv ||
        (!german_ && (k.low == "in"sv || k.low == "from"sv) && i < end && lex_.determiners.count(t[i].low) && i - 1 > ua &&
         !t[i - 2].cap)) {
      if (i < end && i - 1 > ua && t[i - 2].kind == TK::word && !is_stop(t[i - 2]) && !(german_ && k.low == "der"sv && !t[i].cap)) { --i; continue; }
      if (german_ && (k.low == "der"sv || k.low == "des"sv)) { --i; ++words; break; }
      break;
    }
    // "“…,” that aide said": a demonstrative opening the clause is the phrase's determiner
    if (!german_ && (k.low == "this"sv || k.low == "that"sv) && i < end &&
        (i - 1 == ua || t[i - 2].kind != TK::word || t[i - 2].in_quote)) { --i; break; }
    if (is_stop(k) && !(german_ && k.cap)) break;
    // "Wie die Bahn mitteilte, …": the conjunction opening the clause is no part of the source
    if (german_ && k.cap && is_stop(k) && (k.low == "wie"sv || k.low == "als"sv || k.low == "dass"sv || k.low == "ob"sv ||
                                           k.low == "wenn"sv || k.low == "weil"sv)) break;
    --i;
    if (++words >= 12) break;
  }
  // Leading fillers ("But", "Meanwhile") and determiners-only phrases are not speakers.
  while (i < end && leading_filler(t[i].low) && (t[i].cap || i == ua)) ++i;
  if (i >= end) return {end, end};
  bool content = false;
  for (std::size_t k = i; k < end; ++k)
    if (!lex_.determiners.count(t[k].low)) { content = true; break; }
  if (!content) return {end, end};
  return {i, end};
}


// A noun phrase starting at `start` (speaker after its cue, "according to X"), with an apposition.
std::pair<std::size_t, std::size_t> Extractor::np_fwd(const DocState& d, std::size_t start, std::size_t ub, bool subject) const {
  const auto& t = d.toks;
  std::size_t i = start;
  std::size_t words = 0;
  while (i < ub) {
    const Tok& k = t[i];
    if (german_ && k.in_quote) {
      // "nach Angaben des Magazins „Der Spiegel“", "zitiert „BBC News“": a quoted name in the phrase
      const std::size_t qe = quoted_name_after(d, i);
      if (qe > i && qe <= ub) {
        const bool whole = i == start;  // the quoted name is the whole phrase
        words += qe - i; i = qe;
        if (whole || words >= 12) break;
        continue;
      }
    }
    if (k.in_quote || k.kind != TK::word) break;
    if (i > start && is_day_or_time(k.low) && !k.cap) break;
    if (i > start && (k.cap && is_day_or_time(k.low))) break;
    if (k.low == "of"sv || k.low == "for"sv || k.low == "at"sv || k.low == "from"sv || k.low == "and"sv || k.low == "von"sv ||
        k.low == "der"sv || k.low == "des"sv || k.low == "und"sv) {
      if (i > start && i + 1 < ub && t[i + 1].kind == TK::word && !t[i + 1].in_quote && !is_stop(t[i + 1]) &&
          !is_cue_word(t[i + 1])) { ++i; continue; }
      if (german_ && i == start && (k.low == "der"sv || k.low == "des"sv)) { ++i; continue; }
      // "einem Bericht der „Morgenpost“", "ein Sprecher von „Radio Nord“": a quoted name as attribute
      if (german_ && i > start && k.low != "und"sv && quoted_name_after(d, i + 1) > i + 1) { ++i; continue; }
      break;
    }
    if (is_stop(k) && !(german_ && k.cap)) break;
    if (i > start && is_cue_word(k) && !k.cap) break;
    // As a sentence subject, the phrase ends at the verb: a lower-case word after a name.
    if (subject && i > start && !k.cap && t[i - 1].cap) break;
    ++i;
    if (++words >= 12) break;
  }
  if (i == start) return {start, start};
  // Apposition: "Jane Doe, a spokeswoman for the campaign"
  if (i + 1 < ub && t[i].kind == TK::punct && t[i].low == ","sv && t[i + 1].kind == TK::word &&
      (lex_.determiners.count(t[i + 1].low) || lex_.titles.count(t[i + 1].low) || (t[i + 1].low[0] >= '0' && t[i + 1].low[0] <= '9'))) {
    auto app = np_fwd(d, i + 1, ub);
    // only a true apposition: it ends the sentence or is closed by a comma
    if (app.second > app.first && (app.second >= ub || ends_unit(t[app.second]) || t[app.second].low == ","sv))
      return {start, app.second};
  }
  return {start, i};
}


void Extractor::unit(DocState& d, std::size_t ua, std::size_t ub) const {
  auto& t = d.toks;
  if (ua >= ub) return;
  const std::size_t para = d.tok_para[ua];
  const std::size_t first_attr = d.attrs.size();
  if (!german_ && t[ua].kind == TK::word && t[ua].cap && !t[ua].in_quote && !is_stop(t[ua]) &&
      !lex_.determiners.count(t[ua].low)) {
    std::size_t j = ua;
    while (j < ub && j - ua < 5 && t[j].kind == TK::word && t[j].cap && !t[j].in_quote) ++j;
    if (j - ua >= 2 && j - ua <= 4 && j < ub && !t[j].in_quote &&
        ((t[j].kind == TK::word && !t[j].cap) || t[j].low == ","sv))
      d.person_mentions.push_back({ua, j});
  }
  if (!german_) {
    // "Varne's mayor, Oskar Dahl, joined …": a role and a full name in apposition opening a sentence
    std::size_t c = ua;
    while (c < ub && c - ua < 6 && t[c].kind == TK::word && !t[c].in_quote) ++c;
    if (c > ua && c + 3 < ub && t[c].low == ","sv && !t[c - 1].cap) {
      std::size_t j = c + 1;
      while (j < ub && j - c <= 4 && t[j].kind == TK::word && t[j].cap && !t[j].in_quote) ++j;
      if (j - c - 1 >= 2 && j - c - 1 <= 3 && j < ub && t[j].low == ","sv) d.person_mentions.push_back({ua, j});
    }
  }
  std::vector<Cue> cues = find_cues(d, ua, ub);
  std::size_t consumed = ua;  // tokens before this are claimed by an earlier attribution of the unit
  auto quote_at = [&](std::size_t k) -> const QSpan* {
    const int qi = k < d.quote_of_tok.size() ? d.quote_of_tok[k] : -1;
    return qi >= 0 ? &d.quotes[static_cast<std::size_t>(qi)] : nullptr;
  };
  // Trailing sentence punctuation outside quotes is not part of a content.
  auto content_end = [&](std::size_t a, std::size_t b) {
    while (b > a && t[b - 1].kind == TK::punct && !t[b - 1].in_quote &&
           (ends_unit(t[b - 1]) || t[b - 1].low == ","sv || t[b - 1].low == ":"sv || t[b - 1].low == ")"sv ||
            t[b - 1].low == "\xE2\x80\x94"sv || t[b - 1].low == "-"sv || t[b - 1].low == "--"sv))
      --b;
    return b;
  };
  auto span_of = [&](std::size_t a, std::size_t b) -> Span { return {t[a].s, t[b - 1].e}; };
  auto has_quote = [&](std::size_t a, std::size_t b) {
    for (std::size_t k = a; k < b; ++k) if (t[k].in_quote) return true;
    return false;
  };
  // German: the comma that closes a short apposition opened by the comma at k ("Der Sprecher, Jonas
  // Weber, …", "in der „Morgenpost“, einer Lokalzeitung, …"): one to five words, starting with a
  // capital or an article, ending with a noun, no subjunctive verb. k itself when there is none.
  auto apposition_end = [&](std::size_t k) {
    std::size_t n = k + 1, words = 0;
    bool marker = false;
    while (n < ub && !(t[n].low == ","sv && !t[n].in_quote) && words <= 5) {
      if (t[n].kind == TK::word && !t[n].in_quote) { ++words; marker = marker || konjunktiv_markers().count(t[n].low) > 0; }
      ++n;
    }
    if (n < ub && t[n].low == ","sv && words >= 1 && words <= 5 && !marker && t[n - 1].cap && !t[n - 1].in_quote &&
        (t[k + 1].cap || lex_.determiners.count(t[k + 1].low)))
      return n;
    return k;
  };
  auto clause_like = [&](std::size_t a, std::size_t b) {
    if (a >= b) return false;
    if (t[a].low == "that"sv || t[a].low == "dass"sv || t[a].in_quote || t[a].low == ":"sv) return true;
    if (t[a].low == "whether"sv || t[a].low == "why"sv || t[a].low == "how"sv || t[a].low == "if"sv) return true;
    for (std::size_t k = a; k + 1 < b; ++k)
      if (!t[k].in_quote && t[k].low == ":"sv && t[k + 1].in_quote) return true;  // "… to voters: “…”"
    for (std::size_t k = a; k < std::min(b, a + 12); ++k) {
      if (!t[k].in_quote && t[k].kind == TK::punct && k > a) return false;
      if (finite_markers().count(t[k].low)) return true;
      if (t[k].in_quote && k > a) return true;
    }
    return false;
  };
  // The end of a forward content: the unit end, or where a new attribution starts
  // (", adding that …", ", according to …").
  auto forward_end = [&](std::size_t a) {
    for (std::size_t k = a; k + 1 < ub && k < a + 2000; ++k) {  // bounded scan
      const bool comma = !t[k].in_quote && t[k].kind == TK::punct && t[k].low == ","sv;
      const bool quote_comma = t[k].kind == TK::mark && t[k].in_quote && !t[k + 1].in_quote && k > a &&
                               t[k - 1].low == ","sv;
      if (!comma && !quote_comma) continue;
      const Tok& n = t[k + 1];
      if (n.in_quote) continue;
      const std::size_t cut = quote_comma ? k + 1 : k;
      const detail::Lexicon::CueWord* c = lex_.cue_word(n.low);
      if (c && c->is_form && c->form.participle) return cut;
      if (n.low == "according"sv) return cut;
      for (const auto& c : cues)
        if (c.a == k + 1 && c.role == CueRole::participle) return cut;
    }
    return ub;
  };
  std::size_t last_mention_a = ub, last_mention_b = ub;
  for (std::size_t ci = 0; ci < cues.size(); ++ci) {
    const Cue& c = cues[ci];
    if (c.a < consumed) continue;
    Attribution at;
    at.para = para;
    at.cue = span_of(c.a, c.b);
    if (c.role == CueRole::scare) {
      // so-called "X": the quotation right after the marker is a scare quote.
      if (c.b < ub && t[c.b].in_quote) {
        const QSpan* q = quote_at(c.b);
        if (q && opt_.scare) {
          at.scare = true;
          at.contents.push_back(span_of(q->a, q->b));
          at.confidence = 0.8;
          d.attrs.push_back(at);
          consumed = q->b;
        }
      }
      continue;
    }
    if (c.role == CueRole::according_after) {
      // "Dem Bericht zufolge sei die Lage „ernst“": the source stands before the cue.
      auto np = np_back(d, consumed, c.a);
      if (np.second <= np.first) continue;
      at.mention_a = np.first; at.mention_b = np.second; at.has_speaker = true;
      std::size_t s = c.b, e = content_end(c.b, forward_end(c.b));
      if (np.first > consumed + 1) { s = consumed; e = content_end(consumed, np.first); }
      while (s < e && t[s].kind == TK::punct && !t[s].in_quote) ++s;
      if (e <= s) continue;
      at.contents.push_back(span_of(s, e));
      at.confidence = 0.65;
      consumed = std::max(e, c.b);
      last_mention_a = at.mention_a; last_mention_b = at.mention_b;
      d.attrs.push_back(at);
      continue;
    }
    if (c.role == CueRole::according) {
      auto np = np_fwd(d, c.b, ub);
      if (np.second <= np.first) continue;
      if (np.second < ub && t[np.second].low != ","sv) {
        // "according to diplomatic sources in Seoul, …": the mention runs to the comma
        std::size_t k = np.second;
        while (k < ub && k - np.second < 8 && t[k].kind == TK::word && !t[k].in_quote && t[k].low != "that"sv) ++k;
        if (k < ub && t[k].low == ","sv && c.a <= consumed + 1) np.second = k;
      }
      at.mention_a = np.first; at.mention_b = np.second; at.has_speaker = true;
      std::size_t a = c.a;
      const bool at_start = c.a == consumed || (c.a > ua && (t[c.a - 1].low == ","sv || leading_filler(t[c.a - 1].low)) && c.a - 1 <= consumed + 1);
      // German puts the verb right after the source: "Nach Angaben der Polizei soll es …"
      if (c.role == CueRole::according && at_start && np.second < ub &&
          (t[np.second].low == ","sv || (german_ && t[np.second].kind == TK::word))) {
        std::size_t s = np.second + (t[np.second].low == ","sv ? 1 : 0), e = content_end(s, forward_end(s));
        if (e <= s) continue;
        at.contents.push_back(span_of(s, e));
        consumed = e;
      } else {
        if (a > consumed && t[a - 1].low == ","sv) --a;
        std::size_t s = consumed, e = content_end(s, a);
        while (s < e && t[s].kind == TK::punct && !t[s].in_quote) ++s;
        if (e <= s) continue;
        at.contents.push_back(span_of(s, e));
        consumed = np.second;
      }
      at.confidence = 0.7;
      last_mention_a = at.mention_a; last_mention_b = at.mention_b;
      d.attrs.push_back(at);
      continue;
    }
    // Colon attributions: "Smith: “…”" or "Smith said: “…”" (the latter reaches here as a verb).
    if (c.colon) {
      auto np = np_back(d, consumed, c.a);
      // Records the quotation right after the colon as spoken by tokens [a, b).
      auto attribute_colon = [&](std::size_t a, std::size_t b, const QSpan& q) {
        at.mention_a = a; at.mention_b = b; at.has_speaker = true;
        at.contents.push_back(span_of(q.a, q.b));
        at.unbalanced = q.unbalanced;
        at.confidence = 0.6;
        consumed = q.b;
        last_mention_a = at.mention_a; last_mention_b = at.mention_b;
        d.attrs.push_back(at);
      };
      const bool after_dash = np.first > consumed && (t[np.first - 1].low == "-"sv || t[np.first - 1].low == "--"sv ||
                                                      t[np.first - 1].low == "\xE2\x80\x94"sv || t[np.first - 1].low == "\xE2\x80\x93"sv);
      // "From the report: “…”", "More from the letter: “…”": the source the writer quotes from
      bool from = false;
      if (!german_ && np.second > np.first && np.first > consumed && t[np.first - 1].low == "from"sv &&
          (np.first - 1 == consumed || (np.first - 2 == consumed && t[consumed].low == "more"sv))) {
        for (std::size_t k = np.first; k < np.second; ++k)
          from = from || lex_.document_heads.count(t[k].low) || lex_.media_heads.count(t[k].low) ||
                 lex_.organisation_heads.count(t[k].low) || (t[k].cap && k > np.first);
      }
      if (!german_ && !from && (np.second <= np.first || np.first != consumed || np.second - np.first > 8)) {
        // "His message to Tarsk was short: “…”", "Smith's answer was blunt: “…”": the possessor of
        // a speech noun that is the subject of a copula before the colon speaks.
        static const WordSet speech_nouns = {"message", "words", "reply", "response", "answer", "verdict", "advice", "warning", "plea",
                                             "demand", "comment", "reaction", "explanation", "argument", "instruction", "request",
                                             "appeal", "retort", "assessment", "prediction", "promise", "instructions", "orders"};
        std::size_t j = c.a;
        int skipped = 0;
        while (j > consumed && skipped < 3 && t[j - 1].kind == TK::word && !t[j - 1].in_quote &&
               !(t[j - 1].low == "was"sv || t[j - 1].low == "is"sv || t[j - 1].low == "were"sv || t[j - 1].low == "are"sv)) {
          --j; ++skipped;
        }
        std::size_t owner_a = 0, owner_b = 0;
        if (j > consumed + 1 && (t[j - 1].low == "was"sv || t[j - 1].low == "is"sv || t[j - 1].low == "were"sv || t[j - 1].low == "are"sv)) {
          for (std::size_t m = j - 1; m-- > consumed && j - 1 - m <= 5;) {
            if (t[m].kind != TK::word || t[m].in_quote) break;
            if (!speech_nouns.count(t[m].low) || m == consumed) continue;
            const std::string& w = t[m - 1].low;
            const bool poss = is_possessive(w);
            if (w == "his" || w == "her" || w == "their" || w == "its") { owner_a = m - 1; owner_b = m; }
            else if (poss) { auto o = np_back(d, consumed, m); owner_a = o.first; owner_b = o.second; }
            break;
          }
        }
        const QSpan* q = quote_at(c.b);
        if (owner_b > owner_a && q) attribute_colon(owner_a, owner_b, *q);
        continue;
      }
      if (np.second <= np.first || (np.first != consumed && !after_dash && !from) || np.second - np.first > 8) continue;
      bool named = from;  // a name, not a label such as "Update:" or "Watch:"
      for (std::size_t k = np.first; k < np.second; ++k) named = named || (t[k].cap && !lex_.not_speakers.count(t[k].low));
      if (!named) continue;
      const QSpan* q = c.b < ub ? quote_at(c.b) : nullptr;
      if (!q && c.b == ub && !german_ && (ub >= t.size() || d.tok_para[ub] != para)) {
        // "Ann Shaw of the institute:" closing a paragraph: the quotation of the next paragraph is hers.
        d.pending = {np.first, np.second};
        d.pending_cue = at.cue;
        d.pending_para = para;
        continue;
      }
      if (!q) continue;
      attribute_colon(np.first, np.second, *q);
      continue;
    }
    const auto* form = c.form;
    const bool phrase = form == nullptr;
    const bool strong = phrase || form->strong;
    // Left context: skip adverbs/auxiliaries and ", however," style inserts.
    std::size_t l = c.a;
    for (;;) {
      if (l > consumed && adverb(t[l - 1])) { --l; continue; }
      if (l > consumed + 1 && !german_ && !t[l - 1].cap && t[l - 1].low.size() > 4 &&
          t[l - 1].low.compare(t[l - 1].low.size() - 2, 2, "ly") == 0 && (adverb(t[l - 2]) || t[l - 2].cap)) { --l; continue; }
      // "Feinstein (D-Calif.) last week said", "Smith on Tuesday said"
      static const WordSet when = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tonight"};
      if (l > consumed + 1 && when.count(t[l - 1].low)) { l -= (t[l - 2].low == "on"sv) ? 2 : 1; continue; }
      if (l > consumed + 2 && (t[l - 1].low == "week"sv || t[l - 1].low == "month"sv || t[l - 1].low == "year"sv ||
                               t[l - 1].low == "night"sv || t[l - 1].low == "weekend"sv || t[l - 1].low == "morning"sv) &&
          (t[l - 2].low == "last"sv || t[l - 2].low == "this"sv || t[l - 2].low == "earlier"sv)) { l -= 2; continue; }
      break;
    }
    if (l >= consumed + 3 && t[l - 1].low == ","sv && adverb(t[l - 2]) && t[l - 3].low == ","sv) l -= 3;
    else if (l >= consumed + 3 && t[l - 1].low == ","sv && (t[l - 2].low == "however"sv || t[l - 2].low == "meanwhile"sv || t[l - 2].low == "though"sv) && t[l - 3].low == ","sv) l -= 3;
    // Passive ("it was announced", "is believed"): no speaker, nothing attributed.
    if (!phrase && form->past_participle && l > consumed && lex_.passive.count(t[l - 1].low) && l == c.a - 0) {
      bool by = c.b < ub && t[c.b].low == "by"sv;
      if (!by) continue;
    }
    if (!phrase && l < c.a && lex_.passive.count(t[c.a - 1].low) && form->past_participle) continue;
    std::pair<std::size_t, std::size_t> subj{l, l};
    bool participle = (c.role == CueRole::participle) || (!phrase && form->participle);
    if (participle) {
      // "…, saying that …", "…,’ decrying it as …": only after a comma (or a quotation closed by
      // one); a sentence-initial or embedded -ing form ("Noting …", "toward concluding") is no cue.
      const bool after_comma = c.a > ua && ((t[c.a - 1].low == ","sv && !t[c.a - 1].in_quote) || t[c.a - 1].low == "by"sv ||
                                            (t[c.a - 1].kind == TK::mark && c.a >= ua + 2 && t[c.a - 2].low == ","sv));
      if (!after_comma) continue;
    }
    if (!participle) {
      if (l > consumed && t[l - 1].low == ","sv) {
        // Apposition: "Graham, a former candidate, said"
        // (up to three comma-delimited inserts: "Ines Varga, 61, who farms near Linz, says")
        const std::size_t j = l - 1;
        std::size_t seg_end = j;
        for (int seg = 0; seg < 3 && subj.second <= subj.first; ++seg) {
          std::size_t k = seg_end;
          while (k > consumed && seg_end - k < 22 && !(t[k - 1].low == ","sv || t[k - 1].in_quote)) --k;
          if (!(k > consumed && t[k - 1].low == ","sv && k < seg_end && !t[k].in_quote)) break;
          // "Mitch Cole, R-Ky., said": a party tag between commas is part of the speaker phrase
          if (!german_ && seg_end - k <= 3 && party_tag(t[k].low)) {
            auto np0 = np_back(d, consumed, k - 1);
            if (np0.second > np0.first && t[np0.second - 1].cap) { subj = {np0.first, j}; break; }
            seg_end = k - 1;
            continue;
          }
          auto np1 = np_back(d, consumed, k - 1);
          bool cap = false;
          for (std::size_t m = np1.first; m < np1.second; ++m) cap = cap || t[m].cap;
          const std::string& w = t[k].low;
          const bool possessive = is_possessive(w);  // "Twitter’s director", "the voters' choice"
          const bool role_app = lex_.determiners.count(w) || !t[k].cap || lex_.titles.count(w) || possessive;
          // "Trump's attorney, Alan Garten, said": a name in apposition to a role
          const bool name_app = np1.second > np1.first && !t[np1.second - 1].cap && t[k].cap && seg_end - k <= 4;
          if (!german_ && np1.second > np1.first && (w == "who" || w == "speaking" || w == "talking")) {
            // ", who spoke on condition of anonymity," / ", speaking on condition of anonymity,": the
            // clause only says the speaker is unnamed; the head noun phrase speaks.
            bool anon = false;
            for (std::size_t m = k; m < seg_end; ++m)
              anon = anon || t[m].low == "anonymity"sv || t[m].low == "named"sv || t[m].low == "identified"sv;
            if (anon) { subj = np1; break; }
          }
          if (np1.second > np1.first && ((role_app && cap) || name_app)) { subj = {np1.first, j}; break; }
          if (!role_app) break;
          seg_end = k - 1;
        }
      } else if (l > consumed && t[l - 1].low == "to"sv && !t[l - 1].in_quote) {
        // "went on to say", "continued to insist": the subject of the governing verb
        std::size_t j = l - 1;
        std::size_t steps = 0;
        while (j > consumed && steps < 3 && t[j - 1].kind == TK::word && !t[j - 1].cap &&
               (!is_stop(t[j - 1]) || t[j - 1].low == "on"sv)) { --j; ++steps; }
        if (steps > 0) {
          while (j > consumed && adverb(t[j - 1])) --j;
          subj = np_back(d, consumed, j);
        }
      } else if (l > consumed) {
        subj = np_back(d, consumed, l);
        if (!german_ && subj.second > subj.first) {
          // "An engineer who asked not to be named told …", "A port official who spoke on condition
          // of anonymity said": the relative clause describes the speaker; the head noun phrase speaks.
          const std::size_t lo = subj.first > consumed + 30 ? subj.first - 30 : consumed;
          std::size_t rel = subj.first;
          for (std::size_t k = subj.first; k-- > lo;) {
            if (t[k].in_quote || t[k].kind != TK::word) break;
            if (t[k].low == "who"sv && k > consumed && t[k - 1].kind == TK::word && !t[k - 1].in_quote && !is_stop(t[k - 1]))
              rel = k;
          }
          if (rel < subj.first) {
            auto head = np_back(d, consumed, rel);
            if (head.second > head.first) subj = head;
          }
        }
      }
    }
    std::size_t after = c.b;
    if (german_ && !participle && c.role == CueRole::verb) {
      // Verb-second order: "Zum Rücktritt sagte der Kardinal: „…“" — the subject follows the verb
      // when something else fills the first position.
      static const WordSet fronted = {"zum", "zur", "am", "im", "in", "auf", "nach", "bei", "während", "hierzu", "dazu", "weiter",
                                      "später", "zudem", "so", "dies", "das", "auch", "gegenüber", "darüber", "daraufhin",
                                      "anschließend", "zuvor", "bereits", "heute", "gestern", "vor", "nun", "jetzt", "dann",
                                      "damals", "deshalb", "daher", "trotzdem", "allerdings", "ebenfalls", "erneut", "dabei",
                                      "danach", "dort", "hier", "mit", "über", "unter", "für", "gegen", "seit", "aus", "von",
                                      "bis", "außerdem", "ende", "anfang", "mitte", "laut", "dem", "den", "zu", "es"};
      const bool front = subj.second <= subj.first || fronted.count(t[subj.first].low) ||
                         (subj.first > ua && fronted.count(t[subj.first - 1].low));
      auto inv = np_fwd(d, after, ub);
      if (front && inv.second > inv.first && inv.second < ub &&
          (t[inv.second].low == ":"sv || t[inv.second].low == ","sv || t[inv.second].in_quote || t[inv.second].low == "dass"sv) &&
          !(subj.second <= subj.first && c.a > ua && (t[c.a - 1].in_quote || t[c.a - 1].low == ","sv))) {
        subj = inv;
        after = inv.second;
      }
    }
    if (!german_ && !participle && c.a == ua && t[c.a].cap && subj.second <= subj.first && c.form) {
      // Sentence-initial inversion: "Said Dorothy Poynter, who grew up with him, “We were proud.”"
      auto inv = np_fwd(d, c.b, ub);
      if (inv.second > inv.first) {
        std::size_t q0 = inv.second;
        while (q0 < ub && !t[q0].in_quote && !is_cue_word(t[q0])) ++q0;
        if (q0 < ub && t[q0].in_quote) {
          at.mention_a = inv.first; at.mention_b = inv.second; at.has_speaker = true;
          const std::size_t e = content_end(q0, forward_end(q0));
          if (e > q0) {
            at.contents.push_back(span_of(q0, e));
            at.confidence = 0.8;
            consumed = e;
            last_mention_a = at.mention_a; last_mention_b = at.mention_b;
            d.attrs.push_back(at);
            continue;
          }
        }
      }
    }
    const bool has_subj = subj.second > subj.first;
    // Content before the cue: "…, X said." / "…,” said X." / "“…,” X said, “…”"
    auto try_backward = [&]() -> bool {
      const std::size_t boundary = has_subj ? subj.first : l;
      // A quotation closes a statement when it ends with punctuation inside its marks (“…,” he said)
      // or is followed by a comma („…“, sagte sie); a quoted name („Associated Press“ sagte) does not.
      // German sets a comma after the closing mark even after "!" or "?" („…!“, sagte sie): without
      // it the quotation ended the previous sentence.
      const bool quote_ends_statement =
          !german_ && boundary >= 2 && t[boundary - 1].in_quote && t[boundary - 1].kind == TK::mark &&
          (t[boundary - 2].kind == TK::punct || t[boundary - 2].kind == TK::mark);
      const bool bounded = boundary > consumed &&
                           (t[boundary - 1].low == ","sv || quote_ends_statement || t[boundary - 1].low == "\xE2\x80\x94"sv ||
                            t[boundary - 1].low == "--"sv || t[boundary - 1].low == "-"sv);
      if (!bounded || participle) return false;
      const bool quoted = t[boundary - 1].in_quote || (boundary >= consumed + 2 && t[boundary - 2].in_quote);
      std::pair<std::size_t, std::size_t> spk = subj;
      std::size_t tail = c.b;
      if (!has_subj) {
        spk = np_fwd(d, c.b, ub);
        if (spk.second <= spk.first) return false;
        tail = spk.second;
      }
      // What follows must be the unit end, an adverbial ("on Tuesday", "to cheers", "in a
      // statement"), a participle clause, or a second quotation piece; not a clause of its own.
      std::size_t k = tail;
      while (k < ub && !t[k].in_quote && t[k].kind == TK::word && t[k].low != "that"sv && k - tail < 12) ++k;
      if (!quoted && k < ub && k > tail && t[k].low == "that"sv) return false;
      if (k > tail && !quoted) {
        // unquoted: only a short time or place adverbial may follow ("…, officials said on Monday.")
        static const WordSet days = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                                     "february", "march", "april", "may", "june", "july", "august", "september", "october",
                                     "november", "december", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.", "the", "a"};
        const std::string& w0 = t[tail].low;
        bool ok = k - tail <= 6 && (is_day_or_time(w0) || w0 == "in" || w0 == "at");
        if (ok && (w0 == "on") && !(tail + 1 < ub && days.count(t[tail + 1].low))) ok = false;
        if (!ok) return false;
      }
      if (quoted && !has_subj && k == tail && k + 2 < ub && t[k].low == ","sv && !t[k + 1].in_quote &&
          t[k + 1].kind == TK::word) {
        // "“…,” said Ines Varga, curator of maps at the river museum, “and …”": an
        // apposition of any length between the inverted speaker and the second quotation piece
        std::size_t m = k + 1;
        while (m < ub && m - k < 30 && !t[m].in_quote && t[m].low != ","sv && !ends_unit(t[m])) ++m;
        if (m + 1 < ub && t[m].low == ","sv && t[m + 1].in_quote && t[m + 1].kind == TK::mark) {
          spk.second = m;
          k = m;
        }
      }
      std::size_t s = consumed, e = boundary;
      if (t[e - 1].kind == TK::punct && !t[e - 1].in_quote) --e;  // the comma / dash before the speaker
      while (s < e && t[s].kind == TK::punct && !t[s].in_quote) ++s;
      e = content_end(s, e);
      if (e <= s) return false;
      at.contents.push_back(span_of(s, e));
      at.mention_a = spk.first; at.mention_b = spk.second; at.has_speaker = true;
      at.confidence = t[e - 1].in_quote ? 0.85 : 0.65;
      consumed = k;
      // "“…,” he said, “…”" and "Her countrymen, she said, should not …": the rest of the unit
      // continues the statement.
      std::size_t before_words = 0;
      for (std::size_t m = s; m < e; ++m) before_words += t[m].kind == TK::word && !t[m].in_quote;
      const bool parenthetical = !quoted && before_words <= 8 && k + 2 < ub && t[k].low == ","sv &&
                                 t[k + 1].kind == TK::word;
      if (k < ub && t[k].kind == TK::punct && (t[k].low == ","sv || t[k].low == ":"sv) && k + 1 < ub &&
          (t[k + 1].in_quote || parenthetical)) {
        std::size_t s2 = k + 1, e2 = content_end(s2, forward_end(s2));
        if (e2 > s2) { at.contents.push_back(span_of(s2, e2)); consumed = e2; }
      }
      for (std::size_t m = s; m < consumed; ++m)
        if (t[m].in_quote) { const QSpan* q = quote_at(m); if (q && q->unbalanced) at.unbalanced = true; }
      last_mention_a = at.mention_a; last_mention_b = at.mention_b;
      d.attrs.push_back(at);
      return true;
    };
    // A cue directly followed by "that", a colon or a quotation introduces what follows; otherwise
    // a cue after a quotation or comma closes what came before.
    std::size_t nx = after;
    while (nx < ub && !t[nx].in_quote && t[nx].low == ","sv) ++nx;
    const std::size_t left_of = has_subj ? subj.first : l;
    const bool left_quote = left_of > consumed && (t[left_of - 1].in_quote || (left_of >= consumed + 2 && t[left_of - 1].low == ","sv && t[left_of - 2].in_quote));
    const bool forward_marked = nx < ub && (t[nx].low == "that"sv || t[nx].low == "dass"sv || t[nx].low == ":"sv ||
                                            (t[nx].in_quote && !left_quote));
    if (!forward_marked && try_backward()) continue;
    if (has_subj && subj.second == subj.first + 1 && (t[subj.first].low == "who"sv || t[subj.first].low == "which"sv) &&
        !forward_marked)
      continue;  // ", who said he would …" inside another attribution's tail
    if (has_subj || participle) {
      // Content after the cue.
      std::size_t s = after;
      // "told reporters that", "said on Tuesday that": skip to "that" when it comes soon.
      for (std::size_t k = s; k < std::min(ub, s + 8); ++k) {
        if (t[k].in_quote || (t[k].kind == TK::punct && t[k].low != ","sv)) break;
        if (t[k].low == "that"sv || t[k].low == "dass"sv) { if (k > s) s = k; break; }
      }
      if (s == after && form && (form->lemma == "tell" || form->lemma == "ask" || form->lemma == "assure" || form->lemma == "inform")) {
        auto obj = np_fwd(d, s, ub);
        if (obj.second > obj.first && obj.second < ub) s = obj.second;
      }
      const std::size_t fe = forward_end(s);
      if (german_) {
        // "äußerte sich positiv über seine Gastgeber: „…“": the statement is the quotation after the colon
        for (std::size_t k = s; k + 1 < fe; ++k) {
          if (t[k].in_quote) break;
          if (t[k].low == ":"sv && t[k + 1].in_quote) { s = k + 1; break; }
        }
        // "berichtete in der Wochenzeitung „X“, es sei …", "schrieb der Reporter in der „Y“, einer
        // Lokalzeitung, die Stadt …", "sagte der Zeitung „Z“, dass …": the inverted subject or an
        // adverbial naming a medium in quotation marks, closed by a comma, comes before the report.
        if (s < fe && !t[s].in_quote && (lex_.determiners.count(t[s].low) || german_prepositions().count(t[s].low))) {
          bool named = false;
          for (std::size_t k = s; k < fe && k - s < 24; ++k) {
            if (t[k].in_quote) {
              const QSpan* q = quote_at(k);
              if (!q || q->b <= k) break;
              std::size_t words = 0;
              for (std::size_t m = q->a; m < q->b; ++m) words += t[m].kind == TK::word;
              const std::size_t first = q->a + 1 < q->b ? q->a + 1 : q->a;
              if (words < 1 || words > 6 || !(t[first].cap || (t[first].low[0] >= '0' && t[first].low[0] <= '9'))) break;
              named = true;
              k = q->b - 1;
              continue;
            }
            if (finite_markers().count(t[k].low) || konjunktiv_markers().count(t[k].low) || t[k].low == "dass"sv) break;
            if (t[k].kind == TK::punct && t[k].low != ","sv && t[k].low != "("sv && t[k].low != ")"sv) break;
            if (t[k].low == ","sv) {
              if (named) s = apposition_end(k) + 1;
              break;
            }
          }
        }
      }
      while (s < ub && !t[s].in_quote && t[s].kind == TK::punct && (t[s].low == ","sv || t[s].low == ":"sv)) ++s;
      const std::size_t e = content_end(s, std::max(s, fe));
      if (e > s && (strong || clause_like(s, e)) && !(e - s == 1 && !t[s].in_quote) &&
          !(e - s <= 2 && !has_quote(s, e) && !clause_like(s, e))) {
        if (participle && !has_subj) {
          if (last_mention_b > last_mention_a && last_mention_b <= ub) { subj = {last_mention_a, last_mention_b}; }
          else {
            // The sentence subject: the first noun phrase after an introductory phrase.
            std::size_t p0 = ua;
            for (std::size_t k = ua; k < c.a; ++k)
              if (t[k].low == ","sv && !t[k].in_quote) { p0 = k + 1; break; }
            auto np = np_fwd(d, ua, c.a, true);
            const std::string& w0 = t[ua].low;
            if (np.second > np.first && (w0 == "on" || w0 == "in" || w0 == "at" || w0 == "after" || w0 == "during" ||
                                         w0 == "asked" || (w0.size() > 4 && w0.compare(w0.size() - 3, 3, "ing") == 0)))
              np = {ua, ua};
            if (np.second <= np.first) np = np_fwd(d, p0, c.a, true);
            subj = np;
          }
        }
        if (subj.second > subj.first) {
          at.mention_a = subj.first; at.mention_b = subj.second; at.has_speaker = true;
        }
        at.contents.push_back(span_of(s, e));
        if (has_quote(s, e)) {
          for (std::size_t k = s; k < e; ++k) if (t[k].in_quote) { const QSpan* q = quote_at(k); if (q && q->unbalanced) at.unbalanced = true; }
        }
        at.confidence = (t[s].in_quote ? 0.85 : (t[s].low == "that"sv ? 0.75 : 0.6)) * (has_subj || participle ? 1.0 : 0.7);
        if (!at.has_speaker) at.confidence *= 0.6;
        consumed = e;
        last_mention_a = at.mention_a; last_mention_b = at.mention_b;
        d.attrs.push_back(at);
        continue;
      }
    }
    if (forward_marked && try_backward()) continue;
    if (has_subj && nx < ub && t[nx].low == ":"sv && nx + 1 == ub) {
      // "X said:" closing a paragraph: the quotation of the next paragraph is X's.
      d.pending = {subj.first, subj.second};
      d.pending_cue = at.cue;
      d.pending_para = para;
      continue;
    }
    if (has_subj) d.entity_mentions.push_back(subj);
  }
  // German reported speech without a cue: a sentence in the subjunctive (Konjunktiv I: "sei",
  // "habe", "könne") that holds a quotation continues the previous speaker's statement.
  if (german_ && d.attrs.size() == first_attr && has_quote(ua, ub)) {
    const auto& subj_markers = konjunktiv_markers();
    bool konj = false;
    for (std::size_t k = ua; k < ub && !konj; ++k) konj = !t[k].in_quote && subj_markers.count(t[k].low) > 0;
    if (konj) {
      Attribution at;
      at.para = para;
      // A framing main clause in the indicative before the first subjunctive verb ("Die Polizei
      // wies darauf hin, dass die Straße gesperrt bleibe", "Der Verband ist der Meinung, es fehle
      // …"): the report is the clause after the comma. A short apposition ("Der Sprecher, Jonas
      // Weber, …") is part of the frame's subject.
      std::size_t s0 = ua;
      {
        std::size_t words_before = 0;
        bool marker_before = false;
        for (std::size_t k = ua; k + 1 < ub && !marker_before; ++k) {
          if (t[k].in_quote) continue;
          if (t[k].kind == TK::word) { ++words_before; marker_before = subj_markers.count(t[k].low) > 0; continue; }
          if (t[k].low != ","sv) continue;
          if (const std::size_t n = apposition_end(k); n != k) { k = n; continue; }  // resume after its closing comma
          bool marker_after = false;
          for (std::size_t m = k + 1; m < ub && !marker_after; ++m)
            marker_after = !t[m].in_quote && subj_markers.count(t[m].low) > 0;
          if (!marker_after) break;
          if (words_before >= 3) { s0 = k + 1; break; }
        }
      }
      const std::size_t e = content_end(s0, ub);
      if (e > s0) {
        at.contents.push_back(span_of(s0, e));
        if (s0 > ua && !t[ua].in_quote && !german_prepositions().count(t[ua].low) && !is_stop(t[ua])) {
          // the frame's subject speaks ("Die Polizei wies darauf hin, …")
          const auto np = np_fwd(d, ua, s0, true);
          if (np.second > np.first) { at.mention_a = np.first; at.mention_b = np.second; at.has_speaker = true; }
        }
        for (std::size_t i = d.attrs.size(), n = 0; i-- > 0 && n++ < 64 && !at.has_speaker;) {
          if (d.attrs[i].para + 1 < para) break;
          if (d.attrs[i].has_speaker) {
            at.mention_a = d.attrs[i].mention_a; at.mention_b = d.attrs[i].mention_b; at.has_speaker = true;
            break;
          }
        }
        at.confidence = at.has_speaker ? 0.45 : 0.3;
        d.attrs.push_back(at);
      }
    }
  }
  if (german_) {
    // "Der Trainer war zufrieden: „…“, sagte er.", "X wandte sich gegen die Annahme, …: „…“": a
    // colon opening a quotation ends the writer's framing; the statement is the quotation. A frame
    // that itself quotes ("… sei „ungerecht“: „…“") is left whole.
    for (std::size_t i = first_attr; i < d.attrs.size(); ++i) {
      for (auto& sp : d.attrs[i].contents) {
        std::size_t k = static_cast<std::size_t>(
            std::lower_bound(t.begin() + static_cast<std::ptrdiff_t>(ua), t.begin() + static_cast<std::ptrdiff_t>(ub), sp.start,
                             [](const Tok& x, std::size_t v) { return x.s < v; }) - t.begin());
        if (k >= ub || t[k].in_quote) continue;
        for (std::size_t j = k; j + 1 < ub && t[j + 1].e <= sp.end; ++j) {
          if (t[j].in_quote) break;
          if (t[j].low == ":"sv && j > k && t[j + 1].in_quote) { sp.start = t[j + 1].s; break; }
        }
      }
    }
  }
  // Quotations no cue claimed.
  std::vector<Span> claimed;
  for (std::size_t i = first_attr; i < d.attrs.size(); ++i)
    claimed.insert(claimed.end(), d.attrs[i].contents.begin(), d.attrs[i].contents.end());
  std::sort(claimed.begin(), claimed.end(), [](const Span& x, const Span& y) { return x.start < y.start; });
  {
    std::vector<Span> merged_spans;
    for (const auto& sp : claimed) {
      if (!merged_spans.empty() && sp.start <= merged_spans.back().end) merged_spans.back().end = std::max(merged_spans.back().end, sp.end);
      else merged_spans.push_back(sp);
    }
    claimed.swap(merged_spans);
  }
  std::size_t unit_words = 0;
  for (std::size_t k = ua; k < ub; ++k) unit_words += t[k].kind == TK::word;
  for (std::size_t qi = static_cast<std::size_t>(std::lower_bound(d.quote_start.begin(), d.quote_start.end(), t[ua].s) -
                                                  d.quote_start.begin());
       qi < d.quotes.size() && d.quotes[qi].a < ub; ++qi) {
    const QSpan& q = d.quotes[qi];
    if (q.a < ua) continue;
    bool covered = false;
    {
      // contents of the cue attributions of this unit, merged and sorted (binary search: a unit
      // with thousands of quotations stays linear)
      const Span qs{t[q.a].s, t[q.b - 1].e};
      auto it = std::upper_bound(claimed.begin(), claimed.end(), qs.start,
                                 [](std::size_t v, const Span& sp) { return v < sp.start; });
      if (it != claimed.begin() && std::prev(it)->end >= qs.end) covered = true;
    }
    if (covered) continue;
    std::size_t words = 0;
    for (std::size_t k = q.a; k < q.b; ++k) words += t[k].kind == TK::word;
    // Share of the unit the quotation fills: a quotation standing as its own sentence continues the
    // previous speaker of the paragraph (or of the paragraph before, for a quote-only paragraph).
    const std::size_t outside = unit_words - words;
    Attribution at;
    at.para = para;
    at.contents.push_back(span_of(q.a, q.b));
    at.unbalanced = q.unbalanced;
    // A quoted name or title („Die Zeit“, "The Apprentice", "Brothers to the Rescue"): every word
    // capitalised but short function words. It attributes nothing.
    if (words >= 1 && words <= 6 && outside > 1) {
      static const WordSet small = {"of", "the", "and", "for", "to", "a", "an", "in", "on", "at", "de", "des", "der", "die",
                                    "das", "am", "im", "und", "von", "für", "la", "le", "el", "y", "et", "du"};
      bool title = true;
      std::size_t caps = 0;
      for (std::size_t k = q.a; k < q.b && title; ++k) {
        if (t[k].kind != TK::word) continue;
        if (t[k].cap || (t[k].low[0] >= '0' && t[k].low[0] <= '9')) ++caps;
        else if (!small.count(t[k].low)) title = false;
      }
      if (title && caps > 0 && t[q.a + 1 < q.b ? q.a + 1 : q.a].cap) continue;  // a name: no statement
    }
    // Dash attributions: "“…” — Jane Doe, mayor" closing the sentence.
    if (q.b + 1 < ub && (t[q.b].low == "\xE2\x80\x94"sv || t[q.b].low == "\xE2\x80\x93"sv || t[q.b].low == "--"sv ||
                         t[q.b].low == "-"sv)) {
      auto np = np_fwd(d, q.b + 1, ub);
      bool named = false;
      for (std::size_t k = np.first; k < np.second; ++k) named = named || t[k].cap;
      if (np.second > np.first && named && content_end(np.second, ub) == np.second) {
        at.mention_a = np.first; at.mention_b = np.second; at.has_speaker = true;
        at.cue = {t[q.b].s, t[q.b].e};
        at.confidence = 0.6;
        d.attrs.push_back(at);
        continue;
      }
    }
    if (outside <= 1 && d.pending.second > d.pending.first && d.pending_para + 1 == para) {
      at.mention_a = d.pending.first; at.mention_b = d.pending.second; at.has_speaker = true;
      at.cue = d.pending_cue;
      at.confidence = 0.8;
      d.pending = {0, 0};
      d.attrs.push_back(at);
      continue;
    }
    if (outside <= 1 && words >= 3) {
      // Look back for the most recent direct statement of this or the previous paragraph.
      for (std::size_t i = d.attrs.size(), n = 0; i-- > 0 && n++ < 64;) {  // bounded: huge paragraphs stay linear
        const auto& prev = d.attrs[i];
        if (prev.scare || !prev.has_speaker) continue;
        if (prev.para + 1 < para) break;
        bool quoted = false;  // a previous statement that holds a quotation
        for (const auto& sp : prev.contents) {
          const auto it = std::lower_bound(d.quote_start.begin(), d.quote_start.end(), sp.start);
          const std::size_t ti = static_cast<std::size_t>(it - d.quote_start.begin());
          if (ti < d.quotes.size() && t[d.quotes[ti].b - 1].e <= sp.end) quoted = true;
        }
        if (!quoted) {
          // The speaker the paragraph (or the one before) is about says it.
          at.mention_a = prev.mention_a; at.mention_b = prev.mention_b;
          at.has_speaker = true;
          at.continuation = true;
          at.confidence = 0.45;
          break;
        }
        if (prev.para == para && !prev.continuation) {
          d.attrs[i].contents.push_back(at.contents.front());
          d.attrs[i].unbalanced = d.attrs[i].unbalanced || q.unbalanced;
          covered = true;
        } else {
          at.mention_a = prev.mention_a; at.mention_b = prev.mention_b;
          at.resolve_a = prev.resolve_a; at.resolve_b = prev.resolve_b;
          at.has_speaker = true;
          at.continuation = true;
          at.confidence = 0.55;
        }
        break;
      }
      if (covered) continue;
      {
        // "Howard continued his remarks.\n\n“…”": the last subject of a cue verb nearby, when it
        // is nearer than the last speaker.
        for (std::size_t i = d.entity_mentions.size(), n = 0; i-- > 0 && n++ < 64;) {
          const auto& em = d.entity_mentions[i];
          if (em.first >= q.a) continue;
          if (d.tok_para[em.first] + 1 < para) break;
          if (at.has_speaker && em.first <= at.mention_a) break;
          at.mention_a = em.first; at.mention_b = em.second; at.has_speaker = true;
          at.continuation = true;
          at.confidence = 0.4;
          break;
        }
      }
      if (!at.has_speaker) at.confidence = 0.3;  // a quotation nobody is said to have said
      d.attrs.push_back(at);
      continue;
    }
    if (words <= 4 && outside > 1) {
      if (!opt_.scare) continue;
      at.scare = true;
      at.confidence = 0.6;
      d.attrs.push_back(at);
      continue;
    }
    at.confidence = 0.3;
    // A quotation inside a sentence whose cue found no speaker ("Clinton, during a town hall in
    // Columbus, said she was “…”"): the sentence subject.
    bool has_cue = false;
    for (const auto& c : cues) has_cue = has_cue || (c.role == CueRole::verb && !c.colon && c.form);
    if (!has_cue && !german_ && q.a > ua) {
      // "He cited … as “…”", "Huckabee is labeling the actions “…”": a quotation as the object of
      // a verb the lexicon does not know; the subject must be followed by a verb-like word.
      auto np = np_fwd(d, ua, q.a, true);
      if (np.second > np.first && np.second < q.a && t[np.second].kind == TK::word && !t[np.second].cap) {
        const std::string& v = t[np.second].low;
        auto ends = [&](const char* suf) { const std::size_t n = std::char_traits<char>::length(suf);
                                           return v.size() > n + 2 && v.compare(v.size() - n, n, suf) == 0; };
        has_cue = ends("ed") || (ends("s") && !ends("ss")) || v == "is" || v == "was" || v == "has" || v == "also";
      }
    }
    if (has_cue && !german_) {
      std::size_t p0 = ua;
      const std::string& w0 = t[ua].low;
      if (w0 == "on" || w0 == "in" || w0 == "at" || w0 == "after" || w0 == "during" || w0 == "asked" ||
          (w0.size() > 4 && w0.compare(w0.size() - 3, 3, "ing") == 0)) {
        for (std::size_t k = ua; k < q.a; ++k)
          if (t[k].low == ","sv && !t[k].in_quote) { p0 = k + 1; break; }
      }
      auto np = p0 < q.a ? np_fwd(d, p0, q.a, true) : std::pair<std::size_t, std::size_t>{q.a, q.a};
      if (np.second > np.first && !lex_.not_speakers.count(t[np.first].low)) {
        at.mention_a = np.first; at.mention_b = np.second; at.has_speaker = true;
        at.confidence = 0.4;
      }
    }
    d.attrs.push_back(at);
  }
  // Keep the unit's statements in text order.
  std::sort(d.attrs.begin() + static_cast<std::ptrdiff_t>(first_attr), d.attrs.end(),
            [](const Attribution& x, const Attribution& y) { return x.contents.front().start < y.contents.front().start; });
}

// ---------------------------------------------------------------------------------------------
// Speakers

struct Mention {
  SourceType type = SourceType::none;
  bool anonymous = false;
  bool pronoun = false;
  std::string pron_kind;   // person, plural, thing, relative
  bool nominal = false;    // "the ministry", "one editorial": refers back
  bool document = false;
  std::string name, role, affiliation, key, head;
};

std::string join_tokens(std::string_view text, const std::vector<Tok>& t, std::size_t a, std::size_t b) {
  if (a >= b) return {};
  return std::string(text.substr(t[a].s, t[b - 1].e - t[a].s));
}

std::string strip_possessive(std::string s) {
  for (const char* suf : {"\xE2\x80\x99s", "'s", "\xE2\x80\x99", "'"}) {
    const std::string_view sv(suf);
    if (s.size() > sv.size() && s.compare(s.size() - sv.size(), sv.size(), sv) == 0) return s.substr(0, s.size() - sv.size());
  }
  return s;
}

class SpeakerBuilder {
 public:
  SpeakerBuilder(const Lexicon& lex, DocState& d) : lex_(lex), d_(d) {}

  Mention classify(std::size_t a, std::size_t b) const {
    const auto& t = d_.toks;
    Mention m;
    if (a >= b) return m;
    std::string text = join_tokens(d_.text, t, a, b);
    if (b - a == 1 && lex_.pronouns.count(t[a].low)) {
      m.pronoun = true;
      m.pron_kind = lex_.pronouns.at(t[a].low);
      m.name = text;
      return m;
    }
    {
      // „Radio Nord“, die Zeitung „Nordkurier“: a quoted name speaks as an organisation (a medium
      // when its head noun is one).
      const std::size_t qa = quoted_name_before(d_, b);
      if (qa < b && qa >= a) {
        m.type = SourceType::organisation;
        m.name = join_tokens(d_.text, t, qa + 1, b - 1);
        m.key = "o:" + lower(m.name);
        m.role = "organisation";
        for (std::size_t k = a; k < qa; ++k)
          if (lex_.media_heads.count(t[k].low)) m.role = "media";
        return m;
      }
    }
    {
      // "Its former skipper, Nils Berg", "Kaldermoor's mayor, Beno Falk": a role then a name in
      // apposition is the named person, with the role (and its affiliation) kept.
      std::size_t c = b;
      for (std::size_t k = a; k < b; ++k)
        if (t[k].low == ","sv) c = k;
      if (c > a && c + 3 <= b && b - c - 1 <= 4 && t[c - 1].kind == TK::word && !t[c - 1].cap) {
        bool names = true;
        for (std::size_t k = c + 1; k < b && names; ++k)
          names = t[k].kind == TK::word && t[k].cap && !lex_.determiners.count(t[k].low) && !lex_.titles.count(t[k].low);
        if (names) {
          Mention n = classify(c + 1, b);
          if (n.type == SourceType::named_person && !n.pronoun && !n.key.empty()) {
            Mention r = classify(a, c);
            if (n.role.empty()) n.role = r.role.empty() ? std::string(t[c - 1].low) : r.role;
            if (n.affiliation.empty()) n.affiliation = r.affiliation;
            return n;
          }
        }
      }
    }
    // Gazetteer hits (longest first), possessives stripped.
    std::vector<std::string> countries;
    std::vector<bool> place_tok(b - a, false);
    const Place* org = nullptr;
    std::size_t org_a = 0, org_b = 0;
    bool only_place = true;
    for (std::size_t i = a; i < b;) {
      bool hit = false;
      for (std::size_t len = std::min(lex_.max_place_words, b - i); len >= 1; --len) {
        std::string key;
        for (std::size_t k = i; k < i + len; ++k) {
          if (k > i) key += ' ';
          key += (k + 1 == i + len) ? strip_possessive(std::string(d_.text.substr(t[k].s, t[k].e - t[k].s)))
                                    : std::string(d_.text.substr(t[k].s, t[k].e - t[k].s));
        }
        auto it = lex_.places.find(key);
        if (it == lex_.places.end() && len == 1 && key.size() > 4 && key.compare(0, 4, "the ") != 0) {
          // "the South" etc. are spelt with the article in the gazetteer
        }
        if (it == lex_.places.end() && i > a && t[i - 1].low == "the"sv) it = lex_.places.find("the " + key);
        if (it != lex_.places.end()) {
          const Place& p = it->second;
          if (!p.country.empty()) countries.push_back(p.country);
          if (p.kind == Place::organisation || p.kind == Place::media) { if (!org) { org = &p; org_a = i; org_b = i + len; } }
          for (std::size_t k = i; k < i + len; ++k) place_tok[k - a] = true;
          if (i > a && t[i - 1].low == "the"sv) place_tok[i - 1 - a] = true;
          i += len;
          hit = true;
          break;
        }
        if (len == 1) break;
      }
      if (!hit) {
        if (!lex_.determiners.count(t[i].low)) only_place = false;
        ++i;
      }
    }
    // Drop a country that another, more specific hit contains ("Korea" beside "North Korea").
    std::vector<std::string> aff;
    for (const auto& c : countries) {
      bool sub = false;
      for (const auto& o : countries)
        if (o != c && o.find(c) != std::string::npos) sub = true;
      if (!sub && std::find(aff.begin(), aff.end(), c) == aff.end()) aff.push_back(c);
    }
    for (std::size_t i = 0; i < aff.size(); ++i) m.affiliation += (i ? "; " : "") + aff[i];
    // Head noun: the last word before "of/at/for/from/," (the first part of the phrase).
    std::size_t hb = b;
    for (std::size_t k = a; k < b; ++k)
      if (t[k].low == "of"sv || t[k].low == "at"sv || t[k].low == "for"sv || t[k].low == "from"sv || t[k].low == ","sv ||
          t[k].low == "close"sv || t[k].low == "with"sv || t[k].low == "in"sv) { hb = k; break; }
    if (hb == a) hb = b;
    m.head = strip_possessive(t[hb - 1].low);
    bool has_name = false;
    std::size_t name_a = hb, name_b = hb;
    {
      // Trailing capitalised words that are not titles, places or determiners form a name.
      std::size_t k = hb;
      while (k > a && t[k - 1].cap && !lex_.titles.count(t[k - 1].low) && !place_tok[k - 1 - a] &&
             !lex_.determiners.count(t[k - 1].low) && !lex_.organisation_heads.count(t[k - 1].low) &&
             !lex_.media_heads.count(t[k - 1].low))
        --k;
      if (k < hb) { has_name = true; name_a = k; name_b = hb; }
    }
    bool org_head = false, media_head = false;
    for (std::size_t k = a; k < hb; ++k) {
      if (!t[k].cap && k + 1 != hb) continue;
      if (lex_.organisation_heads.count(t[k].low)) org_head = true;
      if (lex_.media_heads.count(t[k].low) && t[k].cap) media_head = true;
    }
    // "Residents said", "Analysts say": a one-word anonymous head is capitalised only by its position
    const bool lower_head = !t[hb - 1].cap || (hb - a == 1 && lex_.anonymous_heads.count(t[a].low) > 0);
    // "Foreign Ministry spokesman Geng Shuang": a name after a title is a person, whatever the title.
    if (has_name && name_b == hb && name_a > a && lex_.titles.count(t[name_a - 1].low) && !org) {
      org_head = false;
      media_head = false;
    }
    // "Senate leader Ann Lee": a name after a title after the organisation is a person of it.
    if (org && has_name && name_b == hb && name_a >= org_b && name_a > a && lex_.titles.count(t[name_a - 1].low)) {
      if (m.affiliation.empty()) m.affiliation = org->country;
      org = nullptr;
      org_head = false;
      media_head = false;
    }
    if (org) {
      m.type = org->kind == Place::media ? SourceType::document : SourceType::organisation;
      m.name = org->canonical;
      m.key = "o:" + lower(org->canonical);
      m.role = org->kind == Place::media ? "media" : "organisation";
      if (org_a > a || org_b < b) {
        // A person of an organisation ("a Reuters reporter") keeps the organisation as affiliation.
        if (lower_head && lex_.anonymous_heads.count(m.head)) {
          m.type = SourceType::anonymous_person; m.anonymous = true; m.name = text; m.key = "a:" + lower(text);
          m.role = m.head;
        }
      }
      if (m.affiliation.empty()) m.affiliation = org->country;
      else if (!org->country.empty() && m.affiliation.find(org->country) == std::string::npos) m.affiliation += "; " + org->country;
      return m;
    }
    if (only_place && !countries.empty()) {
      m.type = SourceType::organisation;
      m.name = aff.empty() ? text : aff.front();
      m.key = "c:" + m.name;
      m.role = "state";
      return m;
    }
    if (lower_head && lex_.document_heads.count(m.head)) {
      m.type = SourceType::document; m.document = true;
      bool named = false;
      for (std::size_t k = a; k < hb; ++k) named = named || (t[k].cap && !place_tok[k - a] && k != a);
      m.nominal = !named;
      m.name = text; m.key = "d:" + lower(text); m.role = m.head;
      return m;
    }
    if (lower_head && (lex_.anonymous_heads.count(m.head) || !has_name)) {
      const bool definite = t[a].low == "the"sv || t[a].low == "this"sv || t[a].low == "that"sv;
      const bool org_word = lex_.organisation_heads.count(m.head) > 0;
      if (org_word) {
        m.type = SourceType::organisation;
        m.nominal = definite && !has_name;
        std::size_t s = a;
        while (s < b && lex_.determiners.count(t[s].low)) ++s;
        m.name = join_tokens(d_.text, t, s, b);
        m.key = "o:" + lower(m.name);
        m.role = m.head;
        return m;
      }
      m.type = SourceType::anonymous_person;
      m.anonymous = true;
      m.nominal = definite && b - a <= 2;
      m.name = text;
      if (!m.name.empty() && t[a].cap && lex_.determiners.count(t[a].low)) {
        // "A Japanese government source" at a sentence start: canonical lower-case article
        m.name[0] = static_cast<char>(m.name[0] - 'A' + 'a');
      }
      m.key = "a:" + lower(text);
      std::string role;
      for (std::size_t k = a; k < hb; ++k) {
        if (lex_.determiners.count(t[k].low) || place_tok[k - a] || t[k].low == "and"sv) continue;
        if (!role.empty()) role += ' ';
        role += std::string(d_.text.substr(t[k].s, t[k].e - t[k].s));
      }
      m.role = role;
      return m;
    }
    if (org_head || media_head) {
      m.type = media_head && !org_head ? SourceType::document : SourceType::organisation;
      std::size_t s = a;
      while (s < b && lex_.determiners.count(t[s].low)) ++s;
      m.name = strip_possessive(join_tokens(d_.text, t, s, b));
      // Key: from the first organisation word on ("Ministry of National Defense").
      std::size_t k0 = s;
      for (std::size_t k = s; k < b; ++k)
        if (lex_.organisation_heads.count(t[k].low) || lex_.media_heads.count(t[k].low)) { k0 = k; break; }
      // Words before the organisation word that are not places belong to the name too.
      while (k0 > s && !place_tok[k0 - 1 - a] && t[k0 - 1].cap && !(t[k0 - 1].low.size() > 2 && t[k0 - 1].low.back() == 's' && (t[k0 - 1].low[t[k0 - 1].low.size() - 2] == '\''))) --k0;
      m.key = "o:" + lower(join_tokens(d_.text, t, k0, b));
      m.role = "organisation";
      bool possessive_place = false;
      for (std::size_t k = s; k < b; ++k) {
        const std::string& w = t[k].low;
        if (w.size() > 2 && w.compare(w.size() - 2, 2, "'s") == 0) possessive_place = true;
      }
      m.nominal = false;
      (void)possessive_place;
      return m;
    }
    if (has_name) {
      m.type = SourceType::named_person;
      m.name = join_tokens(d_.text, t, name_a, name_b);
      m.name = strip_possessive(m.name);
      m.key = "p:" + lower(std::string(d_.text.substr(t[name_b - 1].s, t[name_b - 1].e - t[name_b - 1].s)));
      std::string role;
      for (std::size_t k = a; k < b; ++k) {
        if (k >= name_a && k < name_b) continue;
        if (lex_.determiners.count(t[k].low) && k == a) continue;
        if (t[k].kind != TK::word) { if (!role.empty() && t[k].low == ","sv) continue; }
        if (!role.empty()) role += ' ';
        role += std::string(d_.text.substr(t[k].s, t[k].e - t[k].s));
      }
      m.role = role;
      return m;
    }
    m.type = SourceType::anonymous_person;
    m.anonymous = true;
    m.name = text;
    m.key = "a:" + lower(text);
    m.role = m.head;
    return m;
  }

 private:
  const Lexicon& lex_;
  DocState& d_;
};

bool official_role(const std::string& role) {
  const std::string r = lower(role);
  for (const char* w : {"minist", "spokes", "government", "foreign", "defen", "president", "ambassador", "official",
                        "embassy", "army", "military"})
    if (r.find(w) != std::string::npos) return true;
  return false;
}

QuoteResult Extractor::speakers(DocState& d) const {
  QuoteResult res;
  SpeakerBuilder sb(lex_, d);
  const auto& t = d.toks;
  struct Ent { std::size_t speaker; std::size_t pos; };
  std::unordered_map<std::string, std::size_t> by_key;
  std::vector<std::pair<std::size_t, std::size_t>> recent;  // (token position, speaker index)
  std::vector<Mention> ent_mentions;
  // Candidate entities from cues that attributed nothing, merged by position into the walk.
  auto add_entity = [&](const Mention& m, std::size_t a, std::size_t b, double conf, bool as_mention) -> int {
    if (m.key.empty()) return -1;
    std::string key = m.key;
    // A person known by surname only joins the earlier full name.
    auto it = by_key.find(key);
    std::size_t idx;
    if (it == by_key.end()) {
      idx = res.speakers.size();
      Speaker s;
      s.name = m.name; s.type = m.type; s.anonymous = m.anonymous; s.role = m.role; s.affiliation = m.affiliation;
      s.confidence = conf;
      res.speakers.push_back(std::move(s));
      by_key.emplace(key, idx);
      // Organisation names that share the part from the organisation word on are one organisation.
    } else {
      idx = it->second;
      Speaker& s = res.speakers[idx];
      if (m.name.size() > s.name.size() && m.type == s.type && m.name.find("\xE2\x80\x99s") == std::string::npos &&
          m.name.find("'s") == std::string::npos)
        s.name = m.name;
      if (s.role.empty() || (m.role.size() > s.role.size() && m.type == SourceType::named_person)) s.role = m.role;
      if (s.affiliation.empty()) s.affiliation = m.affiliation;
      s.confidence = std::max(s.confidence, conf);
    }
    if (as_mention) res.speakers[idx].mentions.push_back({t[a].s, t[b - 1].e});
    recent.push_back({a, idx});
    return static_cast<int>(idx);
  };
  // Affiliation from context: the country named last in the paragraph before the mention (the
  // spokesman of "Beijing promptly responded …").
  auto context_country = [&](std::size_t a) -> std::string {
    const std::size_t p = d.tok_para[a];
    std::string found;
    for (std::size_t k = a; k-- > 0 && a - k < 400;) {
      if (d.tok_para[k] != p) break;
      if (!t[k].cap || t[k].in_quote) continue;
      auto it = lex_.places.find(strip_possessive(std::string(d.text.substr(t[k].s, t[k].e - t[k].s))));
      if (it == lex_.places.end() || it->second.country.empty()) {
        if (k > 0) {
          it = lex_.places.find(std::string(d.text.substr(t[k - 1].s, t[k].e - t[k - 1].s)));
          if (it == lex_.places.end()) continue;
        } else continue;
      }
      if (it->second.kind == Place::demonym) continue;
      return it->second.country;
    }
    return found;
  };
  // The nearest named-person mention before token `pos` (scanning back at most 64 mentions, until
  // `stop(mention)`), with its classification. person_mentions is in text order, so the scan starts
  // by binary search below `pos` (linear on huge documents).
  auto named_person_before = [&](std::size_t pos, auto stop)
      -> std::optional<std::pair<std::pair<std::size_t, std::size_t>, Mention>> {
    auto i = static_cast<std::size_t>(std::lower_bound(d.person_mentions.begin(), d.person_mentions.end(),
                                                       std::make_pair(pos, std::size_t{0})) -
                                      d.person_mentions.begin());
    for (std::size_t n = 0; i-- > 0 && n++ < 64;) {
      const auto& pm = d.person_mentions[i];
      if (pm.first >= pos) continue;
      if (stop(pm)) break;
      Mention pmm = sb.classify(pm.first, pm.second);
      if (pmm.type != SourceType::named_person || pmm.pronoun || pmm.nominal || pmm.key.empty()) continue;
      return std::make_pair(std::make_pair(pm.first, pm.second), std::move(pmm));
    }
    return std::nullopt;
  };
  auto resolve = [&](const Mention& m, std::size_t pos) -> int {
    if (m.pronoun && m.pron_kind == "person") {
      // he/she: the nearest named person; failing that, the nearest single anonymous person.
      for (std::size_t i = recent.size(), n = 0; i-- > 0 && n++ < 256;)
        if (recent[i].first < pos && res.speakers[recent[i].second].type == SourceType::named_person)
          return static_cast<int>(recent[i].second);
      for (std::size_t i = recent.size(), n = 0; i-- > 0 && n++ < 256;) {
        const Speaker& s = res.speakers[recent[i].second];
        if (recent[i].first < pos && s.type == SourceType::anonymous_person && !s.role.empty() && s.role.back() != 's')
          return static_cast<int>(recent[i].second);
      }
      return -1;
    }
    for (std::size_t i = recent.size(), n = 0; i-- > 0 && n++ < 256;) {
      if (recent[i].first >= pos) continue;
      const Speaker& s = res.speakers[recent[i].second];
      if (m.pronoun) {
        if (m.pron_kind == "person" && s.type == SourceType::named_person) return static_cast<int>(recent[i].second);
        if (m.pron_kind == "plural" && (s.type == SourceType::organisation || s.anonymous)) return static_cast<int>(recent[i].second);
        if (m.pron_kind == "thing" && (s.type == SourceType::organisation || s.type == SourceType::document)) return static_cast<int>(recent[i].second);
        continue;
      }
      if (m.document && (s.type == SourceType::document || s.type == SourceType::organisation)) return static_cast<int>(recent[i].second);
      if (m.nominal) {
        const std::string ln = lower(s.name);
        if (!m.head.empty() && ln.find(m.head) != std::string::npos) return static_cast<int>(recent[i].second);
        if (!m.head.empty() && lower(s.role).find(m.head) != std::string::npos) return static_cast<int>(recent[i].second);
      }
    }
    return -1;
  };
  std::size_t ei = 0;
  std::sort(d.entity_mentions.begin(), d.entity_mentions.end());
  std::sort(d.person_mentions.begin(), d.person_mentions.end());
  for (auto& at : d.attrs) {
    Quote q;
    q.contents = at.contents;
    q.cue = at.cue;
    q.unbalanced = at.unbalanced;
    q.confidence = at.confidence * (at.unbalanced ? 0.4 : 1.0);
    // kind
    std::size_t quoted = 0, total = 0;
    for (const auto& sp : at.contents) {
      total += sp.size();
      for (std::size_t qi = static_cast<std::size_t>(std::lower_bound(d.quote_start.begin(), d.quote_start.end(), sp.start) -
                                                      d.quote_start.begin());
           qi < d.quotes.size() && d.quote_start[qi] < sp.end; ++qi) {
        const std::size_t a = d.quote_start[qi], b = t[d.quotes[qi].b - 1].e;
        if (b <= sp.end) { quoted += b - a; q.quoted.push_back({a, b}); }
      }
    }
    if (at.scare) q.kind = QuoteKind::scare;
    else if (quoted == 0) q.kind = QuoteKind::indirect;
    else if (quoted * 10 >= total * 9) q.kind = QuoteKind::direct;
    else q.kind = QuoteKind::partial;
    const std::size_t pos = at.has_speaker ? at.mention_a : (at.contents.empty() ? 0 : 0);
    while (ei < d.entity_mentions.size() && d.entity_mentions[ei].first < (at.has_speaker ? pos : t.size())) {
      const auto& em = d.entity_mentions[ei++];
      if (at.has_speaker && em.first >= pos) break;
      Mention m = sb.classify(em.first, em.second);
      if (!m.pronoun && !m.nominal && !m.key.empty() && m.type != SourceType::anonymous_person) {
        if (m.affiliation.empty() && official_role(m.role)) m.affiliation = context_country(em.first);
        add_entity(m, em.first, em.second, 0.5, false);
      }
    }
    if (at.has_speaker && at.mention_b > at.mention_a) {
      q.mention = {t[at.mention_a].s, t[at.mention_b - 1].e};
      Mention m = sb.classify(at.mention_a, at.mention_b);
      if (m.pronoun && m.pron_kind == "relative") {
        // ", who said": the antecedent before the comma
        std::size_t k = at.mention_a;
        if (k > 0 && t[k - 1].low == ","sv) {
          const std::size_t lo = k >= 13 ? k - 13 : 0;
          std::size_t s = k - 1;
          while (s > lo && t[s - 1].kind == TK::word && !t[s - 1].in_quote && !(is_stop(t[s - 1]) && t[s - 1].low != "of"sv)) --s;
          if (s < k - 1) m = sb.classify(s, k - 1);
        }
      }
      int idx = -1;
      if (m.pronoun || m.nominal) {
        idx = resolve(m, at.mention_a);
        if (idx >= 0 && m.pronoun && m.pron_kind == "person" && !d.person_mentions.empty()) {
          // A person named in the same paragraph after the resolved speaker's last mention is nearer:
          // "Varne's mayor, Oskar Dahl, joined the families. His message was short: “…”"
          std::size_t last = 0;
          for (const auto& r : recent)
            if (r.second == static_cast<std::size_t>(idx) && r.first < at.mention_a) last = std::max(last, r.first);
          const std::size_t para = d.tok_para[at.mention_a];
          const auto nearer = named_person_before(at.mention_a, [&](const auto& pm) {
            return pm.first <= last || d.tok_para[pm.first] != para;
          });
          if (nearer) idx = -1;  // resolved below from the person mentions
        }
        if (idx >= 0) {
          res.speakers[static_cast<std::size_t>(idx)].mentions.push_back(q.mention);
          recent.push_back({at.mention_a, static_cast<std::size_t>(idx)});
          if (m.document && res.speakers[static_cast<std::size_t>(idx)].type == SourceType::organisation) {
            // "said one editorial" of a news agency: the agency speaks through a document
            res.speakers[static_cast<std::size_t>(idx)].type = SourceType::document;
          }
          q.confidence *= 0.9;
        } else if (!m.pronoun) {
          idx = add_entity(m, at.mention_a, at.mention_b, q.confidence, true);
        }
        if (idx < 0 && m.pronoun && m.pron_kind == "person") {
          // No named speaker yet: a full name opening an earlier sentence nearby ("Greta Holm has
          // run the bakery … “…,” she said").
          const std::size_t para = d.tok_para[at.mention_a];
          const auto earlier = named_person_before(at.mention_a, [&](const auto& pm) { return d.tok_para[pm.first] + 2 < para; });
          if (earlier) {
            const auto& [pm, pmm] = *earlier;
            idx = add_entity(pmm, pm.first, pm.second, 0.5, false);
            res.speakers[static_cast<std::size_t>(idx)].mentions.push_back(q.mention);
            recent.push_back({at.mention_a, static_cast<std::size_t>(idx)});
            q.confidence *= 0.8;
          }
        }
        if (idx < 0 && m.pronoun) {
          // An unresolved pronoun: a speaker the text names elsewhere or not at all.
          Mention u = m;
          u.type = m.pron_kind == "person" ? SourceType::named_person : SourceType::organisation;
          u.key = "u:" + lower(m.name) + ":" + std::to_string(at.mention_a);
          idx = add_entity(u, at.mention_a, at.mention_b, 0.2, true);
          q.confidence *= 0.5;
        }
      } else {
        if (m.affiliation.empty() && official_role(m.role)) m.affiliation = context_country(at.mention_a);
        idx = add_entity(m, at.mention_a, at.mention_b, q.confidence, true);
      }
      q.speaker = idx;
    }
    res.quotes.push_back(std::move(q));
  }
  // Persons named by surname only join the full name of the document ("Kishida" = "Fumio Kishida").
  std::unordered_map<std::string, std::size_t> full_by_last;
  for (std::size_t i = 0; i < res.speakers.size(); ++i) {
    const auto& s = res.speakers[i];
    if (s.type != SourceType::named_person || s.name.find(' ') == std::string::npos) continue;
    full_by_last.emplace(lower(s.name.substr(s.name.rfind(' ') + 1)), i);
  }
  std::vector<int> remap(res.speakers.size(), -1);
  for (std::size_t i = 0; i < res.speakers.size(); ++i) {
    auto& s = res.speakers[i];
    if (s.type != SourceType::named_person) continue;
    auto it = full_by_last.find(lower(s.name.substr(s.name.rfind(' ') == std::string::npos ? 0 : s.name.rfind(' ') + 1)));
    if (it != full_by_last.end() && it->second != i) remap[i] = static_cast<int>(it->second);
  }
  // Organisations that share the part from the organisation word on are one organisation
  // ("the South Korean Ministry of National Defense" = "The South's Ministry of National Defense").
  for (std::size_t i = 0; i < res.speakers.size(); ++i) {
    if (remap[i] >= 0 || res.speakers[i].type != SourceType::organisation) continue;
    const std::string ni = lower(res.speakers[i].name);
    for (std::size_t j = 0; j < i; ++j) {
      if (remap[j] >= 0 || res.speakers[j].type != SourceType::organisation) continue;
      const std::string nj = lower(res.speakers[j].name);
      auto tail = [](const std::string& s) {
        for (const char* w : {"ministry", "department", "agency", "office", "commission", "committee", "council"}) {
          auto p = s.find(w);
          if (p != std::string::npos) return s.substr(p);
        }
        return std::string();
      };
      const std::string ti = tail(ni), tj = tail(nj);
      if (!ti.empty() && ti == tj && ti.find(" of ") != std::string::npos) {
        const auto& ai = res.speakers[i].affiliation;
        const auto& aj = res.speakers[j].affiliation;
        if (ai.empty() || aj.empty() || ai == aj) { remap[i] = static_cast<int>(j); break; }
      }
    }
  }
  bool any = false;
  for (int r : remap) any = any || r >= 0;
  if (any) {
    for (std::size_t i = 0; i < res.speakers.size(); ++i) {
      if (remap[i] < 0) continue;
      auto& to = res.speakers[static_cast<std::size_t>(remap[i])];
      auto& from = res.speakers[i];
      to.mentions.insert(to.mentions.end(), from.mentions.begin(), from.mentions.end());
      if (to.affiliation.empty()) to.affiliation = from.affiliation;
      if (to.role.empty()) to.role = from.role;
    }
    std::vector<int> newidx(res.speakers.size(), -1);
    std::vector<Speaker> kept;
    for (std::size_t i = 0; i < res.speakers.size(); ++i)
      if (remap[i] < 0) { newidx[i] = static_cast<int>(kept.size()); kept.push_back(std::move(res.speakers[i])); }
    for (std::size_t i = 0; i < remap.size(); ++i)
      if (remap[i] >= 0) newidx[i] = newidx[static_cast<std::size_t>(remap[i])];
    for (auto& q : res.quotes)
      if (q.speaker >= 0) q.speaker = newidx[static_cast<std::size_t>(q.speaker)];
    res.speakers = std::move(kept);
  }
  // Drop speakers no statement refers to (entities seen only as subjects of other verbs).
  std::vector<int> used(res.speakers.size(), 0);
  for (const auto& q : res.quotes) if (q.speaker >= 0) used[static_cast<std::size_t>(q.speaker)] = 1;
  std::vector<int> idx2(res.speakers.size(), -1);
  std::vector<Speaker> kept;
  for (std::size_t i = 0; i < res.speakers.size(); ++i)
    if (used[i]) { idx2[i] = static_cast<int>(kept.size()); kept.push_back(std::move(res.speakers[i])); }
  for (auto& q : res.quotes) if (q.speaker >= 0) q.speaker = idx2[static_cast<std::size_t>(q.speaker)];
  res.speakers = std::move(kept);
  for (auto& s : res.speakers) std::sort(s.mentions.begin(), s.mentions.end(), [](const Span& x, const Span& y) { return x.start < y.start; });
  return res;
}

QuoteResult Extractor::run(std::string_view text, const std::vector<Span>* paras_in, const std::vector<Span>* sents_in) const {
  DocState d;
  d.text = text;
  d.toks = tokenize(text);
  d.paras = paras_in && !paras_in->empty() ? *paras_in : split_paragraphs(text);
  {
    // A quotation opened in one paragraph and closed in a later one without being reopened
    // (common in German texts): pair marks over those paragraphs together. Typographic double
    // marks only, whose direction is unambiguous; at most three paragraphs ahead.
    std::vector<int> balance(d.paras.size(), 0);
    std::vector<bool> starts_open(d.paras.size(), false);
    std::size_t ti = 0;
    for (std::size_t p = 0; p < d.paras.size(); ++p) {
      while (ti < d.toks.size() && d.toks[ti].s < d.paras[p].start) ++ti;
      bool first = true;
      for (; ti < d.toks.size() && d.toks[ti].e <= d.paras[p].end; ++ti) {
        const Mark m = d.toks[ti].mark;
        const bool open = m == M_LOW9 || (!german_ && m == M_LDQ);
        const bool close = (german_ && m == M_LDQ) || m == M_RDQ;
        if (open) ++balance[p];
        if (close) --balance[p];
        if (first && open) starts_open[p] = true;
        first = false;
      }
    }
    std::vector<Span> qparas;
    for (std::size_t p = 0; p < d.paras.size();) {
      Span sp = d.paras[p];
      std::size_t q = p + 1;
      if (balance[p] > 0) {
        int run = balance[p];
        for (std::size_t k = p + 1; k < d.paras.size() && k <= p + 3; ++k) {
          if (starts_open[k] && balance[k] >= 0) break;  // reopened: the multi-paragraph convention
          run += balance[k];
          if (run == 0) { sp.end = d.paras[k].end; q = k + 1; break; }
          if (run < 0) break;
        }
      }
      qparas.push_back(sp);
      p = q;
    }
    d.quotes = find_quotations(text, d.toks, qparas, german_);
  }
  std::sort(d.quotes.begin(), d.quotes.end(), [](const QSpan& x, const QSpan& y) { return x.a < y.a; });
  d.quote_start.reserve(d.quotes.size());
  d.quote_of_tok.assign(d.toks.size(), -1);
  for (std::size_t qi = 0; qi < d.quotes.size(); ++qi) {
    d.quote_start.push_back(d.toks[d.quotes[qi].a].s);
    for (std::size_t k = d.quotes[qi].a; k < d.quotes[qi].b; ++k) d.quote_of_tok[k] = static_cast<int>(qi);
  }
  d.tok_para.assign(d.toks.size(), 0);
  {
    std::size_t p = 0;
    for (std::size_t i = 0; i < d.toks.size(); ++i) {
      while (p + 1 < d.paras.size() && d.toks[i].s >= d.paras[p].end) ++p;
      d.tok_para[i] = p;
    }
  }
  std::vector<Span> sents;
  if (sents_in && !sents_in->empty()) sents = *sents_in;
  else for (const auto& p : d.paras) { auto s = split_sentences(text, p); sents.insert(sents.end(), s.begin(), s.end()); }
  // Units: sentences merged where a quotation crosses a sentence break.
  std::vector<std::pair<std::size_t, std::size_t>> units;
  std::size_t ti = 0, qi = 0;
  std::size_t si = 0;
  while (si < sents.size()) {
    std::size_t end = sents[si].end;
    std::size_t sj = si;
    // extend while a quotation starting before `end` ends after it (within the paragraph)
    bool grew = true;
    while (grew) {
      grew = false;
      while (qi < d.quotes.size() && d.toks[d.quotes[qi].b - 1].e <= sents[si].start) ++qi;
      for (std::size_t k = qi; k < d.quotes.size(); ++k) {
        const auto& q = d.quotes[k];
        if (d.toks[q.a].s >= end) break;
        const std::size_t qe = d.toks[q.b - 1].e;
        if (qe > end) {
          while (sj + 1 < sents.size() && sents[sj].end < qe && d.tok_para.size() &&
                 true) { ++sj; end = sents[sj].end; grew = true; }
          break;
        }
      }
    }
    // a closing mark or attribution tail that ICU put into the next sentence stays with this one
    while (ti < d.toks.size() && d.toks[ti].s < sents[si].start) ++ti;
    std::size_t ua = ti, ub = ti;
    while (ub < d.toks.size() && d.toks[ub].e <= end) ++ub;
    if (ub > ua) units.push_back({ua, ub});
    ti = ub;
    si = sj + 1;
  }
  if (!german_) {
    // "… at a hall in Aiken, S.C. “Nobody knew …”": ICU keeps an abbreviation with inner full stops before a
    // quotation in one sentence; a capitalised quotation of four words or more that ends with its
    // own sentence punctuation starts a new one.
    std::vector<std::pair<std::size_t, std::size_t>> split;
    const auto& t = d.toks;
    for (const auto& u : units) {
      std::size_t a = u.first;
      for (std::size_t k = u.first + 1; k + 1 < u.second; ++k) {
        const Tok& p = t[k - 1];
        if (!(t[k].kind == TK::mark && t[k].in_quote && !p.in_quote && p.kind == TK::word && p.low.size() >= 4 &&
              p.low.back() == '.' && std::count(p.low.begin(), p.low.end(), '.') >= 2))
          continue;
        const int qi = d.quote_of_tok[k];
        if (qi < 0) continue;
        const QSpan& q = d.quotes[static_cast<std::size_t>(qi)];
        if (q.a != k || q.b > u.second || q.b < k + 6 || !t[k + 1].cap || !ends_unit(t[q.b - 2])) continue;
        split.push_back({a, k});
        a = k;
      }
      split.push_back({a, u.second});
    }
    units.swap(split);
  }
  // "“Why me?” Trump said.": a sentence break after a closing quotation mark followed by the
  // attribution (a lower-case word, or a short phrase and a cue) is no break.
  std::vector<std::pair<std::size_t, std::size_t>> merged;
  for (const auto& u : units) {
    if (!merged.empty()) {
      auto& pr = merged.back();
      const auto& t = d.toks;
      const bool quote_end = t[pr.second - 1].kind == TK::mark && t[pr.second - 1].in_quote;
      bool attribution = false;
      if (quote_end && pr.second == u.first && d.tok_para[pr.second - 1] == d.tok_para[u.first] && !t[u.first].in_quote) {
        if (t[u.first].kind == TK::word && !t[u.first].cap) attribution = true;
        // "“Why me?” Hale repeated.": a short phrase and a verb form that closes the sentence
        // after a quotation that is its whole sentence
        const int qprev = d.quote_of_tok[pr.second - 1];
        const bool whole = qprev >= 0 && d.quotes[static_cast<std::size_t>(qprev)].a == pr.first;
        if (!german_ && !attribution && whole && u.second - u.first <= 8) {
          std::size_t e = u.second;
          if (e > u.first && ends_unit(t[e - 1])) --e;
          bool words = e > u.first + 1;
          for (std::size_t k = u.first; k < e; ++k) words = words && t[k].kind == TK::word;
          if (words) {
            const std::string& w = t[e - 1].low;
            attribution = !t[e - 1].cap && w.size() > 4 &&
                          (w.compare(w.size() - 2, 2, "ed") == 0 || (w.back() == 's' && w[w.size() - 2] != 's'));
          }
        }
        for (std::size_t k = u.first; !attribution && k < std::min(u.second, u.first + 8); ++k) {
          if (t[k].kind != TK::word) break;
          if (is_cue_word(t[k]) && (!t[k].cap || k == u.first)) {
            // the cue must end the sentence, be followed by a comma, or by a short tail (not a new clause)
            std::size_t rest = 0;
            for (std::size_t m = k + 1; m < u.second; ++m) rest += t[m].kind == TK::word;
            attribution = rest <= 8 || (k + 1 < u.second && t[k + 1].kind == TK::punct && t[k + 1].low == ","sv);
          }
        }
      }
      if (attribution) { pr.second = u.second; continue; }
    }
    merged.push_back(u);
  }
  for (const auto& u : merged) unit(d, u.first, u.second);
  // "“We are ready.” “The money is late,” she said.": a quotation standing alone at the start of
  // a paragraph belongs to the speaker attributed right after it in the same paragraph, before
  // any speaker of an earlier paragraph.
  for (std::size_t i = 0; i < d.attrs.size(); ++i) {
    Attribution& a = d.attrs[i];
    if (a.scare || (a.has_speaker && !a.continuation)) continue;
    if (a.has_speaker && d.tok_para[a.mention_a] == a.para) continue;
    if (i + 1 < d.attrs.size()) {
      const Attribution& b = d.attrs[i + 1];
      if (b.para == a.para && b.has_speaker && !b.continuation && !b.scare && b.mention_a > 0 &&
          d.tok_para[b.mention_a] == a.para) {
        a.mention_a = b.mention_a; a.mention_b = b.mention_b;
        a.has_speaker = true;
        a.confidence = std::max(a.confidence, 0.5);
      }
    }
  }
  return speakers(d);
}

}  // namespace

// ---------------------------------------------------------------------------------------------

struct QuoteExtractor::Impl {
  std::string lang;
  QuoteOptions options;
  Lexicon lex;
};

QuoteExtractor::QuoteExtractor(std::string lang, QuoteOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->lang = lang;
  impl_->options = options;
  impl_->lex.lang = lang;
  const auto cues = data::embedded("lang/" + lang + "/cues.json");
  if (cues.empty()) {
    std::string have;  // every lang/<code>/cues.json
    for (auto n : data::embedded_names())
      if (n.size() > 15 && n.substr(0, 5) == "lang/" && n.substr(n.size() - 10) == "/cues.json")
        have += (have.empty() ? "" : ", ") + std::string(n.substr(5, n.size() - 15));
    throw InvalidArgument("no cue lexicon for language '" + lang + "' (available: " + have +
                          "); pass one of those, or start from 'en' and add cues with add_cues()");
  }
  if (lang != "en") {
    // Speaker vocabulary: English titles and heads (common in any news) plus the language's own.
    Lexicon en; en.lang = "en"; en.add_cues(data::embedded("lang/en/cues.json"));
    impl_->lex.titles = en.titles; impl_->lex.anonymous_heads = en.anonymous_heads;
    impl_->lex.organisation_heads = en.organisation_heads; impl_->lex.media_heads = en.media_heads;
    impl_->lex.document_heads = en.document_heads;
  }
  impl_->lex.add_cues(cues);
  impl_->lex.add_gazetteer(data::embedded("gazetteer.json"));
}

QuoteExtractor::~QuoteExtractor() = default;
QuoteExtractor::QuoteExtractor(const QuoteExtractor& o) : impl_(std::make_unique<Impl>(*o.impl_)) {}
QuoteExtractor& QuoteExtractor::operator=(const QuoteExtractor& o) {
  if (this != &o) impl_ = std::make_unique<Impl>(*o.impl_);
  return *this;
}
QuoteExtractor::QuoteExtractor(QuoteExtractor&&) noexcept = default;
QuoteExtractor& QuoteExtractor::operator=(QuoteExtractor&&) noexcept = default;

const std::string& QuoteExtractor::lang() const noexcept { return impl_->lang; }
const QuoteOptions& QuoteExtractor::options() const noexcept { return impl_->options; }

void QuoteExtractor::add_cues(std::string_view json) {
  Lexicon copy = impl_->lex;  // all or nothing
  try {
    copy.add_cues(json);
  } catch (const nlohmann::json::exception& e) {
    throw FormatError(std::string("the cue lexicon has an entry of the wrong shape (") + e.what() +
                      "); see cpp/data/lang/en/cues.json");
  }
  impl_->lex = std::move(copy);
}

void QuoteExtractor::add_gazetteer(std::string_view json) {
  Lexicon copy = impl_->lex;
  copy.add_gazetteer(json);
  impl_->lex = std::move(copy);
}

QuoteResult QuoteExtractor::extract(std::string_view text) const {
  utf8::validate(text, "quote extraction input");
  Extractor ex(impl_->lex, impl_->options);
  return ex.run(text, nullptr, nullptr);
}

QuoteResult QuoteExtractor::extract(const Document& doc) const {
  utf8::validate(doc.text, doc.id.empty() ? std::string("document") : "document " + doc.id);
  Extractor ex(impl_->lex, impl_->options);
  return ex.run(doc.text, &doc.paragraphs, &doc.sentences);
}

std::vector<QuoteResult> QuoteExtractor::extract(const Corpus& corpus, int n_threads) const {
  std::vector<QuoteResult> out(corpus.size());
  detail::parallel_for(corpus.size(), resolve_threads(n_threads), 16, [&](std::size_t b, std::size_t e, unsigned) {
    for (std::size_t i = b; i < e; ++i) out[i] = extract(corpus[i]);
  });
  canonicalize_speakers(out);
  return out;
}

void canonicalize_speakers(std::vector<QuoteResult>& results) {
  // Surname -> distinct full names across the corpus; a lone surname takes the full name when unique.
  std::unordered_map<std::string, std::vector<std::string>> full;
  for (const auto& r : results)
    for (const auto& s : r.speakers) {
      if (s.type != SourceType::named_person) continue;
      const auto sp = s.name.rfind(' ');
      if (sp == std::string::npos) continue;
      auto& v = full[lower(s.name.substr(sp + 1))];
      if (std::find(v.begin(), v.end(), s.name) == v.end()) v.push_back(s.name);
    }
  for (auto& r : results)
    for (auto& s : r.speakers) {
      if (s.type != SourceType::named_person || s.name.find(' ') != std::string::npos) continue;
      auto it = full.find(lower(s.name));
      if (it != full.end() && it->second.size() == 1) s.name = it->second.front();
    }
}

}  // namespace framelens
