// Quotation pairing: “…” "…" ‘…’ '…' ''…'' «…» »…« „…“ ‚…‘ 「…」 『…』 ‹…›, nesting, mixed-mark
// typos, apostrophes, quotations over several paragraphs and unbalanced marks. Linear in the
// number of tokens whatever the marks (a million unmatched openers included).
#include "quotes/pairing.hpp"

#include <algorithm>
#include <map>

namespace framelens::quotes_detail {

namespace {

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

// The openers waiting in a paragraph, innermost last. Besides the stack itself it keeps, per mark
// kind, the stack positions of the openers of that kind, so the innermost opener a closing mark can
// close is found in constant time (a linear search of the stack per mark made a million unmatched
// openers quadratic).
class OpenerStack {
 public:
  struct Open { std::size_t tok; Mark mark; };
  static constexpr std::size_t kinds = M_LOW9S + 1;

  void clear() {
    stack_.clear();
    for (auto& v : by_mark_) v.clear();
  }
  void push(Open o) {
    by_mark_[o.mark].push_back(stack_.size());
    stack_.push_back(o);
  }
  // The position of the innermost opener `closer` closes, or size() when none.
  std::size_t innermost(Mark closer, bool german) const {
    std::size_t best = stack_.size();
    for (std::size_t m = 0; m < kinds; ++m) {
      const auto& v = by_mark_[m];
      if (v.empty() || !closes(closer, static_cast<Mark>(m), german)) continue;
      if (best == stack_.size() || v.back() > best) best = v.back();
    }
    return best;
  }
  // Drops the openers at positions >= n.
  void truncate(std::size_t n) {
    if (n >= stack_.size()) return;
    stack_.resize(n);
    for (auto& v : by_mark_)
      while (!v.empty() && v.back() >= n) v.pop_back();
  }
  std::size_t size() const noexcept { return stack_.size(); }
  bool empty() const noexcept { return stack_.empty(); }
  const Open& operator[](std::size_t i) const { return stack_[i]; }
  const Open& front() const { return stack_.front(); }
  const Open& back() const { return stack_.back(); }

 private:
  std::vector<Open> stack_;
  std::vector<std::size_t> by_mark_[kinds];
};

// Pairs the marks of one paragraph after another, carrying a quotation that continues into the
// next paragraph (the multi-paragraph convention).
class Pairer {
 public:
  Pairer(std::string_view text, std::vector<Tok>& toks, const std::vector<Span>& paras, std::deque<std::string>& glued,
         bool german, bool spaced)
      : text_(text), toks_(toks), paras_(paras), glued_(glued), german_(german), spaced_(spaced) {}

  std::vector<QSpan> run() {
    std::size_t ti = 0;
    for (std::size_t p = 0; p < paras_.size(); ++p) {
      while (ti < toks_.size() && toks_[ti].s < paras_[p].start) ++ti;
      std::size_t last = ti;
      while (last < toks_.size() && toks_[last].e <= paras_[p].end) ++last;
      paragraph(p, ti, last);
      ti = last;
    }
    balance_groups();
    glue_apostrophes();
    for (const auto& q : out_)
      for (std::size_t k = q.a; k < q.b; ++k) toks_[k].in_quote = true;
    return std::move(out_);
  }

 private:
  using Open = OpenerStack::Open;

  void paragraph(std::size_t p, std::size_t first, std::size_t last) {
    stack_.clear();
    continuing_ = false;
    if (carry_group_ >= 0) {
      if (first < last && toks_[first].kind == TK::mark && same_family(toks_[first].mark, carry_mark_)) {
        continuing_ = true;
        stack_.push({first, toks_[first].mark});
      } else {
        carry_group_ = -1;
      }
    }
    for (std::size_t k = first; k < last; ++k) {
      if (toks_[k].kind != TK::mark) continue;
      if (continuing_ && k == first) continue;
      mark(k, first, last, paras_[p].end);
    }
    close_paragraph(p, first, last);
  }

  // One quotation mark: it closes the innermost opener it can close, opens, or is an apostrophe.
  void mark(std::size_t k, std::size_t first, std::size_t last, std::size_t para_end) {
    const Tok& tk = toks_[k];
    const char32_t prev = tk.s > 0 ? cp_before(text_, tk.s) : 0;
    const char32_t next = cp_at(text_, tk.e);
    const bool prev_space = prev == 0 || is_space_cp(prev) || prev == '(' || prev == '[' || prev == 0x2014 ||
                            prev == 0x2013 || prev == '-' || prev == '/' || k == first;
    const bool next_space = next == 0 || is_space_cp(next) || tk.e >= para_end;
    // Close the innermost matching opener, if any.
    const std::size_t match = stack_.innermost(tk.mark, german_);
    // A mark with a space before and a word after opens rather than closes, unless the language
    // sets its marks off with spaces (« Oui », dit-elle).
    bool can_close = match < stack_.size() && (spaced_ || !(prev_space && !next_space));
    // Single closers are apostrophes unless a single opener waits for them.
    if ((tk.mark == M_RSQ || tk.mark == M_ASCII_S) && match < stack_.size() && match + 1 < stack_.size() &&
        !same_family(stack_.back().mark, tk.mark))
      can_close = false;
    if ((tk.mark == M_ASCII_D || tk.mark == M_ASCII_DD) && match < stack_.size()) can_close = true;
    if (can_close) {
      const bool inner_unbalanced = match + 1 < stack_.size();
      const Open o = stack_[match];
      stack_.truncate(match);
      if (stack_.empty()) {
        QSpan q{o.tok, k + 1, inner_unbalanced, -1};
        if (continuing_ && o.tok == first) { q.group = carry_group_; }
        out_.push_back(q);
        continuing_ = false;
        carry_group_ = -1;
      }
      return;
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
    if (opener) stack_.push({k, tk.mark});
    // A single closer glued to the end of a word that closes and opens nothing is an apostrophe:
    // the plural possessive ("the voters’ choice", "Adams' aide") or an elision ("goin'").
    else if ((tk.mark == M_RSQ || tk.mark == M_ASCII_S) && k > first && toks_[k - 1].kind == TK::word &&
             toks_[k - 1].e == tk.s && !is_word_cp(next))
      apostrophes_.push_back(k);
  }

  // Openers left at the paragraph end: a quotation carried into the next paragraph, an unbalanced
  // quotation to the paragraph end, or a lone single mark that is a letter.
  void close_paragraph(std::size_t p, std::size_t first, std::size_t last) {
    if (stack_.empty()) {
      carry_group_ = -1;
      return;
    }
    const Open o = stack_.front();
    // A quotation opened at the paragraph start continues when the next paragraph opens again
    // with the same kind of mark (the convention for quotations over several paragraphs).
    bool carries = false;
    if (o.tok == first && p + 1 < paras_.size()) {
      std::size_t nt = last;
      while (nt < toks_.size() && toks_[nt].s < paras_[p + 1].start) ++nt;
      if (nt < toks_.size() && toks_[nt].kind == TK::mark && same_family(toks_[nt].mark, o.mark) &&
          toks_[nt].s == paras_[p + 1].start)
        carries = true;
    }
    const bool single = o.mark == M_LSQ || o.mark == M_ASCII_S || o.mark == M_LOW9S;
    if (!carries && single && stack_.size() == 1 && !continuing_) {
      // A lone single mark never closed in its paragraph is a letter or an apostrophe (the ayn of
      // a transliteration, ‘Amrun; an elision), not a quotation.
    } else if (carries) {
      if (carry_group_ < 0) carry_group_ = group_counter_++;
      out_.push_back({o.tok, last, false, carry_group_});
      carry_mark_ = o.mark;
    } else {
      out_.push_back({o.tok, last, true, continuing_ ? carry_group_ : -1});
      carry_group_ = -1;
    }
  }

  // A multi-paragraph quotation whose last piece closes properly is balanced; one that never closes
  // is unbalanced in every piece.
  void balance_groups() {
    std::map<int, bool> group_ok;
    for (const auto& q : out_)
      if (q.group >= 0) group_ok[q.group] = group_ok.count(q.group) ? (group_ok[q.group] && true) : true;
    for (std::size_t i = 0; i < out_.size(); ++i) {
      if (out_[i].group < 0) continue;
      const bool last_piece = i + 1 >= out_.size() || out_[i + 1].group != out_[i].group;
      if (last_piece && out_[i].unbalanced) group_ok[out_[i].group] = false;
    }
    for (auto& q : out_)
      if (q.group >= 0 && !group_ok[q.group]) q.unbalanced = true;
  }

  // Glue each apostrophe to its word ("Adams’" is one token, its lower case "adams'") and renumber
  // the quotation token ranges.
  void glue_apostrophes() {
    if (apostrophes_.empty()) return;
    std::vector<std::size_t> kept_before(toks_.size() + 1, 0);
    std::size_t ai = 0, w = 0;
    for (std::size_t k = 0; k < toks_.size(); ++k) {
      kept_before[k] = w;
      if (ai < apostrophes_.size() && apostrophes_[ai] == k) {
        ++ai;
        Tok& word = toks_[w - 1];
        // (the lower case "adams'": the text itself after "'", else a copy)
        const bool in_text = word.low.data() == text_.data() + word.s && word.low.size() == toks_[k].s - word.s &&
                             toks_[k].e == toks_[k].s + 1 && text_[toks_[k].s] == '\'';
        if (in_text) {
          word.low = text_.substr(word.s, word.low.size() + 1);
        } else {
          glued_.push_back(std::string(word.low) + '\'');
          word.low = glued_.back();
        }
        word.key = word_key(word.low);
        word.e = toks_[k].e;
        continue;
      }
      if (w != k) toks_[w] = std::move(toks_[k]);
      ++w;
    }
    kept_before[toks_.size()] = w;
    toks_.resize(w);
    for (auto& q : out_) { q.a = kept_before[q.a]; q.b = kept_before[q.b]; }
  }

  std::string_view text_;
  std::vector<Tok>& toks_;
  const std::vector<Span>& paras_;
  std::deque<std::string>& glued_;
  bool german_;
  bool spaced_;
  std::vector<QSpan> out_;
  OpenerStack stack_;
  std::vector<std::size_t> apostrophes_;  // mark tokens that turned out to be word-final apostrophes
  int group_counter_ = 0;
  int carry_group_ = -1;  // a quotation continuing from the previous paragraph
  Mark carry_mark_ = M_NONE;
  bool continuing_ = false;
};

}  // namespace

std::vector<Span> quotation_paragraphs(const std::vector<Tok>& toks, const std::vector<Span>& paras, bool german) {
  // A quotation opened in one paragraph and closed in a later one without being reopened
  // (common in German texts): pair marks over those paragraphs together. Typographic double
  // marks only, whose direction is unambiguous; at most three paragraphs ahead.
  std::vector<int> balance(paras.size(), 0);
  std::vector<bool> starts_open(paras.size(), false);
  std::size_t ti = 0;
  for (std::size_t p = 0; p < paras.size(); ++p) {
    while (ti < toks.size() && toks[ti].s < paras[p].start) ++ti;
    bool first = true;
    for (; ti < toks.size() && toks[ti].e <= paras[p].end; ++ti) {
      const Mark m = toks[ti].mark;
      const bool open = m == M_LOW9 || (!german && m == M_LDQ);
      const bool close = (german && m == M_LDQ) || m == M_RDQ;
      if (open) ++balance[p];
      if (close) --balance[p];
      if (first && open) starts_open[p] = true;
      first = false;
    }
  }
  std::vector<Span> qparas;
  for (std::size_t p = 0; p < paras.size();) {
    Span sp = paras[p];
    std::size_t q = p + 1;
    if (balance[p] > 0) {
      int run = balance[p];
      for (std::size_t k = p + 1; k < paras.size() && k <= p + 3; ++k) {
        if (starts_open[k] && balance[k] >= 0) break;  // reopened: the multi-paragraph convention
        run += balance[k];
        if (run == 0) { sp.end = paras[k].end; q = k + 1; break; }
        if (run < 0) break;
      }
    }
    qparas.push_back(sp);
    p = q;
  }
  return qparas;
}

std::vector<QSpan> find_quotations(std::string_view text, std::vector<Tok>& toks, const std::vector<Span>& paras,
                                   std::deque<std::string>& glued, bool german, bool spaced) {
  std::vector<QSpan> out = Pairer(text, toks, paras, glued, german, spaced).run();
  std::sort(out.begin(), out.end(), [](const QSpan& x, const QSpan& y) { return x.a < y.a; });
  return out;
}

std::size_t name_like_words(TokView toks, const QSpan& q) {
  std::size_t words = 0;
  for (std::size_t k = q.a + 1; k + 1 < q.b; ++k) {
    const Tok& t = toks[k];
    if (t.kind == TK::word) ++words;
    else if (!(t.kind == TK::punct && (t.low == "." || t.low == "-"))) return 0;
  }
  return words;
}

}  // namespace framelens::quotes_detail
