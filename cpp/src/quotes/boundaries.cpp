// Learned content boundaries (boundaries.hpp): the candidate token edges around the start and the
// end of each content piece the rules found, their features, the model file, scoring, and the
// averaged perceptron that trains the weights. Every example in the comments is invented.
#include "quotes/boundaries.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <random>

#include "framelens/error.hpp"

namespace framelens::quotes_detail {

namespace {

constexpr std::size_t kWindow = 15;  // candidate token edges on each side of the rules' edge
constexpr std::string_view kHeader = "framelens quote boundary model 1";
constexpr std::string_view kHeader2 = "framelens quote model 2";  // with a speaker section
constexpr std::size_t npos = static_cast<std::size_t>(-1);

// What the features of one content piece share: its attribution's cue and mention, and the piece.
struct PieceContext {
  const DocState& d;
  const Lexicon& lex;
  TokView t;
  std::size_t ca = 0, cb = 0;  // cue tokens [ca, cb); ca == cb: no cue
  std::size_t ma = 0, mb = 0;  // speaker mention tokens
  bool quoted = false;         // the piece holds a quotation mark
  std::string side;            // "cb" (cue before the piece), "ca" (after), "nc" (no cue)
  std::size_t ka = 0, kb = 0;  // the rules' first and last token of the piece
  std::string_view cue;        // the cue's lemma ("talk" for "talked about"), its last word, or "<none>"
  bool attitude = false;       // the piece is an attitude's object
};

// The cue as a feature value: the lemma of its first lexicon form ("talk" in "talked about"), else its
// last word ("to" in "according to"), "<none>" without a cue or for a long word.
std::string_view cue_value(const DocState& d, const Lexicon& lex, std::size_t ca, std::size_t cb) {
  for (std::size_t k = ca; k < cb; ++k) {
    const Tok& tk = d.toks[k];
    if (tk.kind != TK::word) continue;
    const Lexicon::CueWord* w = lex.cue_word(tk.low, tk.key);
    if (w && w->is_form && !w->form.lemma.empty() && w->form.lemma.size() <= 24) return w->form.lemma;
  }
  if (cb > ca && d.toks[cb - 1].low.size() <= 24) return d.toks[cb - 1].low;
  return "<none>";
}

// A signed token distance in buckets: exact up to 3, then 4-6, 7-10, 11+.
std::string bucket(long long d) {
  const long long a = d < 0 ? -d : d;
  if (a <= 3) return std::to_string(d);
  const char* sign = d < 0 ? "-" : "+";
  if (a <= 6) return std::string(sign) + "4-6";
  if (a <= 10) return std::string(sign) + "7-10";
  return std::string(sign) + "11+";
}

// The word at token k as a feature value: "<para>" outside the paragraph, "<num>" for numbers.
std::string_view word(const PieceContext& c, std::size_t k, std::size_t para) {
  if (k >= c.t.size() || c.d.tok_para[k] != para) return "<para>";
  const std::string_view w = c.t[k].low;
  if (w.empty()) return "<none>";
  if (w.size() > 24) return "<long>";
  if (static_cast<unsigned char>(w[0] - '0') < 10) return "<num>";
  return w;
}

// The class of the token at k, a feature value that generalises over rare words at an edge (round 19):
// complementizer, pronoun, determiner, preposition, time word, capitalised, function word, number,
// other word; comma, full stop, other punctuation, quotation mark; "para" outside the paragraph.
std::string_view edge_class(const PieceContext& c, std::size_t k, std::size_t para) {
  if (k >= c.t.size() || c.d.tok_para[k] != para) return "para";
  const Tok& tk = c.t[k];
  if (tk.kind == TK::mark) return "mark";
  if (tk.kind != TK::word) return tk.low == "," ? "comma" : ends_unit(tk) ? "stop" : "punct";
  const auto& w = c.lex.words;
  if (w.complementizers.count(tk.low)) return "comp";
  if (w.subject_pronouns.count(tk.low) || w.object_pronouns.count(tk.low) || w.relative_pronouns.count(tk.low)) return "pron";
  if (c.lex.determiners.count(tk.low)) return "det";
  if (w.prepositions.count(tk.low)) return "prep";
  if (w.time_words.count(tk.low) || w.weekdays.count(tk.low)) return "time";
  if (tk.cap) return "cap";
  if (w.function_words.count(tk.low)) return "func";
  if (!tk.low.empty() && static_cast<unsigned char>(tk.low[0] - '0') < 10) return "num";
  return "low";
}

// Token k opens a sentence: the paragraph's first token, or after . ! ? ; (and a closing mark after them).
bool sentence_start(const PieceContext& c, std::size_t k) {
  if (k == 0 || k >= c.t.size() || c.d.tok_para[k - 1] != c.d.tok_para[k]) return true;
  const Tok& p = c.t[k - 1];
  if (ends_unit(p)) return true;
  return p.kind == TK::mark && ends_unit(c.t[k - 2]);
}

bool blocked(const PieceContext& c, std::size_t k) {
  return (k >= c.ca && k < c.cb) || (k >= c.ma && k < c.mb);
}

// What the tokens a candidate adds or cuts hold, as bits of a mask.
enum : unsigned { kAny = 1, kComma = 2, kStop = 4, kMark = 8, kCue = 16, kComplementizer = 32 };

unsigned token_flags(const PieceContext& c, std::size_t k) {
  const Tok& tk = c.t[k];
  unsigned f = kAny;
  if (tk.kind == TK::punct && tk.low == ",") f |= kComma;
  if (ends_unit(tk)) f |= kStop;
  if (tk.kind == TK::mark) f |= kMark;
  if (tk.kind == TK::word) {
    if (c.lex.words.complementizers.count(tk.low) > 0) f |= kComplementizer;
    const Lexicon::CueWord* w = c.lex.cue_word(tk.low, tk.key);
    if (w && w->is_form) f |= kCue;
  }
  return f;
}

// For each candidate k in [first, last] of a decision whose rules' token is `rule`: the flags of the
// tokens it adds or cuts (start: [k, rule) or [rule, k); end: (rule, k] or (k, rule]), in one pass.
std::vector<unsigned> between_masks(const PieceContext& c, std::size_t first, std::size_t last, std::size_t rule, bool start) {
  std::vector<unsigned> m(last - first + 1, 0);
  unsigned acc = 0;
  for (std::size_t k = rule; k > first; --k) {  // k - 1 < rule
    acc |= token_flags(c, start ? k - 1 : k);
    m[k - 1 - first] = acc;
  }
  acc = 0;
  for (std::size_t k = rule + 1; k <= last; ++k) {
    acc |= token_flags(c, start ? k - 1 : k);
    m[k - first] = acc;
  }
  return m;
}

template <class Sink>
void between(unsigned mask, std::string_view prefix, Sink& emit) {
  if (!mask) return;
  emit({prefix, "any"});
  if (mask & kComma) emit({prefix, "comma"});
  if (mask & kStop) emit({prefix, "stop"});
  if (mask & kMark) emit({prefix, "mark"});
  if (mask & kCue) emit({prefix, "cue"});
  if (mask & kComplementizer) emit({prefix, "complementizer"});
}

// Features of a piece starting at token k (the rules start it at ka): "“We will sign,” she said"
// cut to "We will sign" or grown to take in "that" are the same decision at different k.
template <class Sink>
void start_features(const PieceContext& c, std::size_t k, std::size_t ka, std::size_t para, unsigned mask, Sink& emit) {
  const std::string d = bucket(static_cast<long long>(k) - static_cast<long long>(ka));
  emit({"s:d=", d});
  emit({"s:d=", d, "|", c.side, c.quoted ? "|q" : "|nq"});
  const std::string_view w0 = word(c, k, para), w1 = word(c, k - 1, para), w2 = word(c, k - 2, para);
  emit({"s:w=", w0});
  emit({"s:p=", w1});
  emit({"s:pw=", w1, " ", w0});
  emit({"s:pp=", w2});
  const std::string_view dir = k < ka ? "|grow" : k > ka ? "|cut" : "|rule";
  emit({"s:p=", w1, dir});
  emit({"s:w=", w0, dir});
  // The cue with the words at the edge: whether "about" after "talked" or "of" after "critical" opens
  // the content depends on the cue ("talked {about the fares}" against "asked about {the fares}").
  emit({"s:cue_w=", c.cue, "|", w0});
  emit({"s:cue_p=", c.cue, "|", w1, dir});
  emit({"s:d=", d, c.attitude ? "|att" : "|rep"});
  emit({"s:len=", bucket(static_cast<long long>(c.kb) - static_cast<long long>(k)), "|", c.side});
  // The classes of the words before and at the start (round 19; at the end the same feature lost on
  // held-out halves): "that | the", "of | those" generalise where the words are rare.
  emit({"s:c=", edge_class(c, k - 1, para), "|", edge_class(c, k, para), dir});
  if (sentence_start(c, k)) emit({"s:sent"});
  if (c.t[k].kind == TK::mark) emit({"s:mark"});
  if (c.t[k].cap) emit({"s:cap"});
  if (c.cb > c.ca) {
    const char* rel = k == c.cb ? "adj" : k == c.cb + 1 ? "adj1" : k > c.cb ? "after" : k < c.ca ? "before" : "inside";
    emit({"s:cue=", rel});
  }
  between(mask, k < ka ? "s:grow:" : "s:cut:", emit);
}

// Features of a piece ending with token k (the rules end it with kb): "… the talks had ended. Ruiz
// said" ends at "ended" or at the full stop.
template <class Sink>
void end_features(const PieceContext& c, std::size_t k, std::size_t kb, std::size_t para, unsigned mask, Sink& emit) {
  const std::string d = bucket(static_cast<long long>(k) - static_cast<long long>(kb));
  emit({"e:d=", d});
  emit({"e:d=", d, "|", c.side, c.quoted ? "|q" : "|nq"});
  const std::string_view w0 = word(c, k, para), n1 = word(c, k + 1, para), n2 = word(c, k + 2, para);
  emit({"e:w=", w0});
  emit({"e:n=", n1});
  emit({"e:wn=", w0, " ", n1});
  emit({"e:n2=", n2});
  const std::string_view dir = k > kb ? "|grow" : k < kb ? "|cut" : "|rule";
  emit({"e:w=", w0, dir});
  emit({"e:n=", n1, dir});
  // The two tokens after the end (", but", ", which", ", and") and the cue with the token after it.
  emit({"e:n12=", n1, " ", n2});
  emit({"e:n12=", n1, " ", n2, dir});
  emit({"e:cue_n=", c.cue, "|", n1, dir});
  emit({"e:d=", d, c.attitude ? "|att" : "|rep"});
  emit({"e:len=", bucket(static_cast<long long>(k) - static_cast<long long>(c.ka)), "|", c.side});
  if (sentence_start(c, k + 1)) emit({"e:sent"});
  if (c.t[k].kind == TK::mark) emit({"e:mark"});
  if (c.cb > c.ca) {
    const char* rel = k + 1 == c.ca ? "adj" : k + 2 == c.ca ? "adj1" : k + 1 < c.ca ? "before" : k >= c.cb ? "after" : "inside";
    emit({"e:cue=", rel});
  }
  for (std::size_t j = k + 1; j <= k + 4 && j < c.t.size() && c.d.tok_para[j] == para; ++j) {
    const Lexicon::CueWord* w = c.t[j].kind == TK::word ? c.lex.cue_word(c.t[j].low, c.t[j].key) : nullptr;
    if (w && w->is_form) { emit({"e:next_cue"}); break; }
  }
  between(mask, k > kb ? "e:grow:" : "e:cut:", emit);
}

// The token starting at / ending at a byte offset, npos if none does.
std::size_t token_starting_at(const DocState& d, std::size_t byte) {
  const auto it = std::lower_bound(d.toks.begin(), d.toks.end(), byte, [](const Tok& t, std::size_t b) { return t.s < b; });
  return it != d.toks.end() && it->s == byte ? static_cast<std::size_t>(it - d.toks.begin()) : npos;
}
std::size_t token_ending_at(const DocState& d, std::size_t byte) {
  const auto it = std::lower_bound(d.toks.begin(), d.toks.end(), byte, [](const Tok& t, std::size_t b) { return t.e < b; });
  return it != d.toks.end() && it->e == byte ? static_cast<std::size_t>(it - d.toks.begin()) : npos;
}
// The first token starting at or after a byte offset.
std::size_t token_from(const DocState& d, std::size_t byte) {
  return static_cast<std::size_t>(
      std::lower_bound(d.toks.begin(), d.toks.end(), byte, [](const Tok& t, std::size_t b) { return t.s < b; }) - d.toks.begin());
}

// The candidate tokens [first, last] of a piece's start: token starts from up to kWindow tokens before
// ka (within the paragraph, after the previous piece, never taking in the cue or the mention) to kb.
std::pair<std::size_t, std::size_t> start_window(const PieceContext& c, std::size_t ka, std::size_t kb, std::size_t after) {
  const std::size_t para = c.d.tok_para[ka];
  std::size_t first = ka;
  while (first > 0 && ka - (first - 1) <= kWindow) {
    const std::size_t k = first - 1;
    if (c.d.tok_para[k] != para || blocked(c, k) || c.t[k].s < after) break;
    first = k;
  }
  return {first, std::min(kb, ka + kWindow)};
}

// The candidate tokens [first, last] of a piece's end: token ends from max(ka, kb - kWindow) to up to
// kWindow tokens after kb (within the paragraph, before the next piece, never taking in the cue or the mention).
std::pair<std::size_t, std::size_t> end_window(const PieceContext& c, std::size_t ka, std::size_t kb, std::size_t before) {
  const std::size_t para = c.d.tok_para[kb];
  std::size_t last = kb;
  while (last + 1 < c.t.size() && last + 1 - kb <= kWindow) {
    const std::size_t k = last + 1;
    if (c.d.tok_para[k] != para || blocked(c, k) || c.t[k].e > before) break;
    last = k;
  }
  return {std::max(ka, kb >= kWindow ? kb - kWindow : 0), last};
}

// Calls f(context, attribution, piece, ka, kb, after, before) for every content piece of every
// non-scare attribution whose edges are token edges: [ka, kb] its tokens, (after, before) the bytes
// its neighbouring pieces leave it.
template <class F>
void for_each_piece(const DocState& d, const Lexicon& lex, F&& f) {
  for (std::size_t ai = 0; ai < d.attrs.size(); ++ai) {
    const Attribution& at = d.attrs[ai];
    if (at.scare) continue;  // (a loose statement's pieces too: at extraction; training sees the rules' alone)
    PieceContext c{d, lex, TokView(d.toks), 0, 0, 0, 0, false, {}, 0, 0, "<none>", at.attitude};
    if (at.cue.end > at.cue.start) { c.ca = token_from(d, at.cue.start); c.cb = token_from(d, at.cue.end); }
    c.cue = cue_value(d, lex, c.ca, c.cb);
    if (at.has_speaker && at.mention_b > at.mention_a) { c.ma = at.mention_a; c.mb = at.mention_b; }
    for (std::size_t pi = 0; pi < at.contents.size(); ++pi) {
      const Span sp = at.contents[pi];
      const std::size_t ka = token_starting_at(d, sp.start), kb = token_ending_at(d, sp.end);
      if (ka == npos || kb == npos || kb < ka) continue;
      c.quoted = false;
      for (std::size_t k = ka; k <= kb && !c.quoted; ++k) c.quoted = d.toks[k].kind == TK::mark;
      c.side = c.cb <= c.ca ? "nc" : c.cb <= ka ? "cb" : "ca";
      c.ka = ka;
      c.kb = kb;
      const std::size_t after = pi ? at.contents[pi - 1].end : 0;
      const std::size_t before = pi + 1 < at.contents.size() ? at.contents[pi + 1].start : d.text.size();
      f(c, ai, pi, ka, kb, after, before);
    }
  }
}

double parse_weight(const std::string& s, std::size_t line) {
  const char* p = s.c_str();
  char* end = nullptr;
  const double w = std::strtod(p, &end);
  if (s.empty() || end != p + s.size() || !std::isfinite(w))
    throw FormatError("quote boundary model, line " + std::to_string(line) + ": the weight '" + s.substr(0, 40) +
                      "' is not a finite number");
  return w;
}

}  // namespace

std::vector<BoundaryDecision> boundary_decisions(const DocState& d, const Lexicon& lex) {
  std::vector<BoundaryDecision> out;
  for_each_piece(d, lex, [&](const PieceContext& c, std::size_t ai, std::size_t pi, std::size_t ka, std::size_t kb,
                             std::size_t after, std::size_t before) {
    for (const bool start : {true, false}) {
      BoundaryDecision dec;
      dec.start = start;
      dec.attr = ai;
      dec.piece = pi;
      const auto window = start ? start_window(c, ka, kb, after) : end_window(c, ka, kb, before);
      const std::size_t first = window.first, last = window.second;  // named: C++17 lambdas cannot capture bindings
      const std::size_t para = d.tok_para[start ? ka : kb];
      const auto masks = between_masks(c, first, last, start ? ka : kb, start);
      for (std::size_t k = first; k <= last; ++k) {
        FeatureNames names;
        if (start) start_features(c, k, ka, para, masks[k - first], names);
        else end_features(c, k, kb, para, masks[k - first], names);
        dec.positions.push_back(start ? c.t[k].s : c.t[k].e);
        dec.features.push_back(std::move(names.names));
      }
      dec.rule = (start ? ka : kb) - first;
      out.push_back(std::move(dec));
    }
  });
  return out;
}

namespace {
// The weights keyed by the hash of their names (names that share a hash, improbable, add up).
HashedWeights hashed_weights(const std::unordered_map<std::string, double>& named) {
  std::unordered_map<std::uint64_t, double> by_hash;
  by_hash.reserve(named.size());
  for (const auto& [name, w] : named) by_hash[BoundaryModel::hash(BoundaryModel::kHashSeed, name)] += w;
  return HashedWeights(by_hash);
}
}  // namespace

BoundaryModel BoundaryModel::parse(std::string_view text) {
  BoundaryModel m;
  std::size_t line = 0, pos = 0;
  int version = 0;
  std::unordered_map<std::string, double>* section = nullptr;  // format 2: the section of the lines that follow
  bool seen_margin[3] = {false, false, false};  // per section: boundaries, speakers, statements
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view l = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l.empty() || l.front() == '#') continue;
    const std::string where = "quote boundary model, line " + std::to_string(line) + ": ";
    if (!version) {
      if (l != kHeader && l != kHeader2)
        throw FormatError(where + "expected the header '" + std::string(kHeader) + "' or '" + std::string(kHeader2) +
                          "' (a file written by `framelens quotes --train` or QuoteExtractor::train_model)");
      version = l == kHeader ? 1 : 2;
      if (version == 1) section = &m.weights;
      continue;
    }
    if (m.lang.empty()) {
      if (l.size() < 6 || l.substr(0, 5) != "lang " || l.find_first_of(" \t", 5) != std::string_view::npos)
        throw FormatError(where + "expected 'lang <code>' after the header");
      m.lang = std::string(l.substr(5));
      continue;
    }
    if (version == 2 && l.front() == '[') {
      if (l == "[boundaries]") section = &m.weights;
      else if (l == "[speakers]") section = &m.speaker_weights;
      else if (l == "[statements]") section = &m.statement_weights;
      else throw FormatError(where + "unknown section '" + std::string(l.substr(0, 40)) +
                             "' (expected [boundaries], [speakers] or [statements])");
      continue;
    }
    if (!section) throw FormatError(where + "a weight before any section ([boundaries], [speakers] or [statements])");
    const std::size_t tab = l.rfind('\t');
    if (tab == std::string_view::npos || tab == 0)
      throw FormatError(where + "expected '<feature><TAB><weight>'");
    const double w = parse_weight(std::string(l.substr(tab + 1)), line);
    if (l.substr(0, tab) == "@margin") {  // a setting of the section, no feature
      const int part = section == &m.weights ? 0 : section == &m.speaker_weights ? 1 : 2;
      if (w < 0.0 || seen_margin[part]) throw FormatError(where + "'@margin' must appear once per section, with a weight of 0 or more");
      (part == 0 ? m.boundary_margin : part == 1 ? m.speaker_margin : m.statement_margin) = w;
      seen_margin[part] = true;
      continue;
    }
    if (!section->emplace(std::string(l.substr(0, tab)), w).second)
      throw FormatError(where + "the feature '" + std::string(l.substr(0, std::min<std::size_t>(tab, 60))) + "' appears twice");
  }
  if (!version) throw FormatError("quote boundary model: empty (no header '" + std::string(kHeader) + "')");
  if (m.lang.empty()) throw FormatError("quote boundary model: no 'lang <code>' line");
  m.hashed = hashed_weights(m.weights);
  m.speaker_hashed = hashed_weights(m.speaker_weights);
  m.statement_hashed = hashed_weights(m.statement_weights);
  return m;
}

HashedWeights::HashedWeights(const std::unordered_map<std::uint64_t, double>& weights) {
  std::size_t slots = 64;  // (at least one word of taken_)
  unsigned bits = 6;
  while (slots < 4 * weights.size()) { slots *= 2; ++bits; }  // at most a quarter full: short probe runs
  slots_.assign(slots, Slot{});
  taken_.assign(slots / 64, 0);
  shift_ = 64 - bits;
  for (const auto& [key, value] : weights) {
    ++size_;
    if (key == 0) { has_zero_ = true; zero_ = value; continue; }
    std::size_t i = static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift_);
    while (slots_[i].key != 0) i = (i + 1) & (slots - 1);
    slots_[i] = Slot{key, value};
    taken_[i / 64] |= std::uint64_t{1} << (i % 64);
  }
}

const double* HashedWeights::find(std::uint64_t key) const noexcept {
  if (key == 0) return has_zero_ ? &zero_ : nullptr;
  if (slots_.empty()) return nullptr;
  const std::size_t mask = slots_.size() - 1;
  const std::size_t home = static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift_);
  if (!((taken_[home / 64] >> (home % 64)) & 1)) return nullptr;
  for (std::size_t i = home;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.key == key) return &s.value;
    if (s.key == 0) return nullptr;
  }
}

namespace {
void append_margin(std::string& out, double margin) {
  if (margin <= 0.0) return;
  char buf[40];
  std::snprintf(buf, sizeof buf, "@margin\t%.9g\n", margin);
  out += buf;
}

void append_weights(std::string& out, const std::unordered_map<std::string, double>& weights) {
  std::vector<std::pair<std::string_view, double>> sorted(weights.begin(), weights.end());
  std::sort(sorted.begin(), sorted.end());
  char buf[40];
  for (const auto& [name, w] : sorted) {
    std::snprintf(buf, sizeof buf, "\t%.9g\n", w);
    out.append(name).append(buf);
  }
}
}  // namespace

std::string BoundaryModel::to_text() const {
  const bool two = !speaker_weights.empty() || !statement_weights.empty();
  std::string out(two ? kHeader2 : kHeader);
  out += "\nlang " + lang + "\n";
  if (!two) {
    out += "# one feature per line: <feature><TAB><weight>; s: start, e: end of a content piece (docs/quotes.md)\n";
    append_margin(out, boundary_margin);
    append_weights(out, weights);
    return out;
  }
  out += "# sections of <feature><TAB><weight> lines: [boundaries] (s: start, e: end of a content piece) and\n"
         "# [speakers] (k: a candidate speaker mention) (docs/quotes.md)\n[boundaries]\n";
  append_margin(out, boundary_margin);
  append_weights(out, weights);
  out += "[speakers]\n";
  append_margin(out, speaker_margin);
  append_weights(out, speaker_weights);
  if (!statement_weights.empty()) {
    out += "# [statements] (c: a loose candidate statement the rules did not make)\n[statements]\n";
    append_margin(out, statement_margin);
    append_weights(out, statement_weights);
  }
  return out;
}

std::uint64_t BoundaryModel::hash(std::uint64_t h, std::string_view part) noexcept {
  for (const char ch : part) h = (h ^ static_cast<unsigned char>(ch)) * 0x100000001b3ULL;  // FNV-1a
  return h;
}

void apply_boundary_model(DocState& d, const Lexicon& lex, const BoundaryModel& model) {
  std::vector<std::pair<Span*, Span>> moved;  // (piece, its new extent), applied after every decision
  for_each_piece(d, lex, [&](const PieceContext& c, std::size_t ai, std::size_t pi, std::size_t ka, std::size_t kb,
                             std::size_t after, std::size_t before) {
    Span next = d.attrs[ai].contents[pi];
    for (const bool start : {true, false}) {
      const auto window = start ? start_window(c, ka, kb, after) : end_window(c, ka, kb, before);
      const std::size_t first = window.first, last = window.second;  // named: C++17 lambdas cannot capture bindings
      const std::size_t para = d.tok_para[start ? ka : kb], rule = start ? ka : kb;
      const auto masks = between_masks(c, first, last, rule, start);
      auto score = [&](std::size_t k) {
        FeatureScore sum{model.hashed};
        if (start) start_features(c, k, ka, para, masks[k - first], sum);
        else end_features(c, k, kb, para, masks[k - first], sum);
        return sum.sum;
      };
      std::size_t best = rule;  // the rules' edge unless another scores higher by more than the margin
      double top = score(rule) + model.boundary_margin;
      for (std::size_t k = first; k <= last; ++k)
        if (k != rule)
          if (const double s = score(k); s > top) { top = s; best = k; }
      if (start && c.t[best].s < next.end) next.start = c.t[best].s;
      if (!start && c.t[best].e > next.start) next.end = c.t[best].e;
    }
    moved.emplace_back(&d.attrs[ai].contents[pi], next);
  });
  std::vector<std::vector<Span>> rules;  // the rules' pieces, for attributions whose pieces would overlap
  rules.reserve(d.attrs.size());
  for (const auto& at : d.attrs) rules.push_back(at.contents);
  for (const auto& [piece, next] : moved) *piece = next;
  for (std::size_t ai = 0; ai < d.attrs.size(); ++ai) {
    auto& cs = d.attrs[ai].contents;
    for (std::size_t pi = 1; pi < cs.size(); ++pi)
      if (cs[pi - 1].end > cs[pi].start) { cs = rules[ai]; break; }
  }
}

std::size_t annotated_candidate(const BoundaryDecision& dec, Span piece, const std::vector<Span>& gold) {
  const Span* best = nullptr;
  std::size_t most = 0;
  for (const Span& g : gold) {
    const std::size_t a = std::max(g.start, piece.start), b = std::min(g.end, piece.end);
    if (b > a && b - a > most) { most = b - a; best = &g; }
  }
  if (!best) return npos;
  const std::size_t edge = dec.start ? best->start : best->end;
  const auto it = std::find(dec.positions.begin(), dec.positions.end(), edge);
  return it == dec.positions.end() ? npos : static_cast<std::size_t>(it - dec.positions.begin());
}

void BoundaryTrainer::intern(Decision& x, const std::vector<std::vector<std::string>>& features) {
  x.offsets.reserve(features.size() + 1);
  x.offsets.push_back(features_.size());
  for (const auto& fs : features) {
    for (const auto& f : fs) {
      const auto [it, fresh] = ids_.try_emplace(f, names_.size());
      if (fresh) names_.push_back(f);
      features_.push_back(static_cast<std::uint32_t>(it->second));
    }
    x.offsets.push_back(features_.size());
  }
}

void BoundaryTrainer::add(const BoundaryDecision& dec, std::size_t gold, std::size_t doc) {
  Decision x;
  x.doc = doc;
  x.rule = dec.rule;
  x.gold = gold;
  intern(x, dec.features);
  if (gold == dec.rule) ++rules_right_;
  decisions_.push_back(std::move(x));
}

void BoundaryTrainer::add(std::size_t rule, const std::vector<std::vector<std::string>>& features, const std::vector<bool>& ok,
                          std::size_t doc, const std::vector<bool>& counted) {
  Decision x;
  x.rule = rule;
  x.ok = ok;
  x.counted = counted;
  x.doc = doc;
  x.gold = static_cast<std::size_t>(std::find(ok.begin(), ok.end(), true) - ok.begin());
  intern(x, features);
  if (ok[rule]) ++rules_right_;
  decisions_.push_back(std::move(x));
}

double BoundaryTrainer::score(const std::vector<double>& w, const Decision& x, std::size_t c) const {
  double s = 0.0;
  for (std::size_t k = x.offsets[c]; k < x.offsets[c + 1]; ++k) s += w[features_[k]];
  return s;
}

std::size_t BoundaryTrainer::pick(const std::vector<double>& w, const Decision& x) const {
  std::size_t best = x.rule;
  double top = score(w, x, x.rule);
  for (std::size_t c = 0; c + 1 < x.offsets.size(); ++c)
    if (c != x.rule)
      if (const double s = score(w, x, c); s > top) { top = s; best = c; }
  return best;
}

template <class Use>
std::vector<double> BoundaryTrainer::train(int epochs, Use&& use) const {
  const std::size_t n = names_.size();
  std::vector<double> w(n, 0.0), total(n, 0.0);
  std::vector<std::size_t> stamp(n, 0);
  std::size_t step = 0;
  auto update = [&](const Decision& x, std::size_t c, double delta) {
    for (std::size_t k = x.offsets[c]; k < x.offsets[c + 1]; ++k) {
      const std::uint32_t i = features_[k];
      total[i] += static_cast<double>(step - stamp[i]) * w[i];
      stamp[i] = step;
      w[i] += delta;
    }
  };
  auto target = [&](const Decision& x) {  // the best-scoring right candidate
    if (x.ok.empty()) return x.gold;
    std::size_t best = x.gold;
    double top = score(w, x, best);
    for (std::size_t c = best + 1; c < x.ok.size(); ++c)
      if (x.ok[c])
        if (const double s = score(w, x, c); s > top) { top = s; best = c; }
    return best;
  };
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < decisions_.size(); ++i)
    if (use(decisions_[i])) order.push_back(i);
  std::mt19937 rng(12);  // a fixed seed: the same data trains the same model everywhere
  for (int e = 0; e < epochs; ++e) {
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    for (const std::size_t i : order) {
      const Decision& x = decisions_[i];
      ++step;
      const std::size_t best = pick(w, x);
      if (!right_pick(x, best)) {
        update(x, target(x), 1.0);
        update(x, best, -1.0);
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i)
    w[i] = step > 0 ? (total[i] + static_cast<double>(step - stamp[i]) * w[i]) / static_cast<double>(step) : 0.0;
  return w;
}

std::unordered_map<std::string, double> BoundaryTrainer::weights(int epochs, std::size_t* right) const {
  const std::vector<double> w = train(epochs, [](const Decision&) { return true; });
  std::unordered_map<std::string, double> out;
  for (std::size_t i = 0; i < names_.size(); ++i)
    if (w[i] != 0.0) out.emplace(names_[i], w[i]);
  if (right) {
    *right = 0;
    for (const Decision& x : decisions_) *right += right_pick(x, pick(w, x));
  }
  return out;
}

double BoundaryTrainer::margin(int epochs) const {
  // Per held-out decision where another candidate outscores the rules': by how much, and what
  // taking it gains (+1 right where the rules' pick is not, -1 the other way round, 0 otherwise).
  std::vector<std::pair<double, int>> moves;
  for (const std::size_t half : {0, 1}) {
    const std::vector<double> w = train(epochs, [&](const Decision& x) { return x.doc % 2 != half; });
    for (const Decision& x : decisions_) {
      if (x.doc % 2 != half) continue;
      const std::size_t best = pick(w, x);
      if (best == x.rule) continue;
      const double top = score(w, x, best), rule = score(w, x, x.rule);
      const std::vector<bool>& right = x.counted.empty() ? x.ok : x.counted;
      auto ok = [&](std::size_t c) { return right.empty() ? c == x.gold : static_cast<bool>(right[c]); };
      moves.emplace_back(top - rule, static_cast<int>(ok(best)) - static_cast<int>(ok(x.rule)));
    }
  }
  // Margins between the observed differences: a move is taken when its difference exceeds the
  // margin. Sorted by difference, the gain of margin m is the sum over the moves above m.
  std::sort(moves.begin(), moves.end());
  long long gain = 0, best_gain = 0;
  for (const auto& m : moves) gain += m.second;  // margin 0: every move taken
  best_gain = gain;
  double best = 0.0;
  for (std::size_t i = 0; i < moves.size(); ++i) {
    gain -= moves[i].second;  // margin at moves[i]'s difference: it is no longer taken
    if (i + 1 < moves.size() && moves[i + 1].first == moves[i].first) continue;
    if (gain > best_gain) { best_gain = gain; best = moves[i].first; }
  }
  return best;
}

}  // namespace framelens::quotes_detail
