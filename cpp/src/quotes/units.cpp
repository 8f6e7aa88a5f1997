// Document preparation (tokens, quotations, paragraph of each token) and attribution units:
// sentences, merged where a quotation crosses a sentence break or the attribution tail ("“Why
// me?” Roos asked.") was split off.
#include <algorithm>
#include <cstdint>

#include "framelens/segment.hpp"
#include "quotes/boundaries.hpp"
#include "quotes/speaker_choice.hpp"
#include "quotes/statements.hpp"
#include "quotes/engine.hpp"

namespace framelens::quotes_detail {

using namespace std::string_view_literals;

namespace {

void prepare(DocState& d, std::string_view text, const std::vector<Span>* paras_in, const Lexicon& lex, bool german) {
  d.text = text;
  d.toks = tokenize(text, lex.words.abbreviations, d.lows);
  d.paras = paras_in && !paras_in->empty() ? *paras_in : split_paragraphs(text);
  d.quotes = find_quotations(text, d.toks, quotation_paragraphs(d.toks, d.paras, german), d.glued, german, lex.spaced_marks);
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
}

}  // namespace

QuoteResult Extractor::run(std::string_view text, const std::vector<Span>* paras_in, const std::vector<Span>* sents_in) const {
  DocState d;
  attribute(d, text, paras_in, sents_in);
  if (model_) {
    // Loose candidate statements first, then the speakers of all statements (their candidates and
    // features are then those of training), then the boundary model, which keeps clear of the
    // picked mentions and moves the edges of every content piece, the loose statements' too (it is
    // trained on the rules' pieces only).
    if (!model_->statement_weights.empty()) apply_statement_model(d, *this, *model_);
    if (!model_->speaker_weights.empty()) apply_speaker_model(d, *this, *model_);
    if (!model_->weights.empty()) apply_boundary_model(d, lex_, *model_);
  }
  return speakers(d);
}

void Extractor::attribute(DocState& d, std::string_view text, const std::vector<Span>* paras_in,
                          const std::vector<Span>* sents_in) const {
  prepare(d, text, paras_in, lex_, german_);
  std::vector<Span> sents;
  if (sents_in && !sents_in->empty()) sents = *sents_in;
  else for (const auto& p : d.paras) {  // (split_sentences skips ICU's iterator for a one-sentence paragraph)
    const auto s = split_sentences(text, p);
    sents.insert(sents.end(), s.begin(), s.end());
  }
  std::vector<Range> us = units(d, sents);
  if (!lex_.words.ordinal_months.empty()) us = merge_date_breaks(d, us);
  if (!german_) split_after_abbreviations(d, us);
  for (const auto& u : merge_attribution_tails(d, us)) unit(d, u.first, u.second);
  leading_quotations(d);
}

// Sentences merged where a quotation crosses a sentence break.
std::vector<Range> Extractor::units(const DocState& d, const std::vector<Span>& sents) const {
  std::vector<Range> units;
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
  return units;
}

// "… at a hall in Aiken, S.C. “Nobody knew …”": ICU keeps an abbreviation with inner full stops before a
// quotation in one sentence; a capitalised quotation of four words or more that ends with its
// own sentence punctuation starts a new one.
void Extractor::split_after_abbreviations(const DocState& d, std::vector<Range>& units) const {
  std::vector<Range> split;
  const TokView t(d.toks);
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

// "Am 20. Juli sagte die Ministerin …", "… seit dem 3. Mai im Amt": a day number with its full stop
// before a month (ordinal_months in words.json) is a date, no sentence end; the sentences it
// split are one unit.
std::vector<Range> Extractor::merge_date_breaks(const DocState& d, const std::vector<Range>& units) const {
  std::vector<Range> merged;
  const TokView t(d.toks);
  for (const auto& u : units) {
    if (!merged.empty()) {
      auto& pr = merged.back();
      const Tok& dot = t[pr.second - 1];
      const Tok& day = t[pr.second - 2];
      const Tok& month = t[u.first];
      bool day_number = pr.second >= pr.first + 2 && day.kind == TK::word && !day.in_quote && !day.low.empty() &&
                        day.low.size() <= 2 && day.e == dot.s;
      for (const char c : day.low) day_number = day_number && c >= '0' && c <= '9';
      if (day_number && dot.low == "."sv && pr.second == u.first && month.kind == TK::word && !month.in_quote &&
          d.tok_para[u.first] == d.tok_para[pr.second - 1] && lex_.words.ordinal_months.count(month.low)) {
        pr.second = u.second;
        continue;
      }
    }
    merged.push_back(u);
  }
  return merged;
}

namespace {
// Whether a quotation opens in [a, b).
bool quotes_after(const TokView& t, std::size_t a, std::size_t b) {
  for (std::size_t k = a; k < b; ++k) if (t[k].in_quote) return true;
  return false;
}
}  // namespace

// "“Why me?” Trump said.": a sentence break after a closing quotation mark followed by the
// attribution (a lower-case word, or a short phrase and a cue) is no break.
std::vector<Range> Extractor::merge_attribution_tails(const DocState& d, const std::vector<Range>& units) const {
  std::vector<Range> merged;
  const TokView t(d.toks);
  for (const auto& u : units) {
    if (!merged.empty()) {
      auto& pr = merged.back();
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
            const std::string_view w = t[e - 1].low;
            attribution = !t[e - 1].cap && w.size() > 4 &&
                          (w.compare(w.size() - 2, 2, "ed") == 0 || (w.back() == 's' && w[w.size() - 2] != 's'));
          }
        }
        // "… called the plan “unfair.” Lund called it “a relief.”": after a quotation that closed its
        // sentence, a cue with a quotation of its own opens a new statement, not a tail (English:
        // developed on PolNeAR train; German train has no such case, docs/history/quotes-rounds.md, tenth round (b))
        const bool closed = !german_ && pr.second >= pr.first + 2 && ends_unit(t[pr.second - 2]);
        // German writes a comma before an attribution after a quotation („…“, sagte Roos): after a
        // quotation closed by its own full stop, a capitalised word opens a new sentence („Wir
        // fahren.“ Die Kapitänin erklärte, …) — no tail
        const bool german_closed = german_ && pr.second >= pr.first + 2 && t[pr.second - 2].low == "."sv && t[u.first].cap;
        for (std::size_t k = u.first; !attribution && !german_closed && k < std::min(u.second, u.first + 8); ++k) {
          if (t[k].kind != TK::word) break;
          if (is_cue_word(t[k]) && (!t[k].cap || k == u.first) && !(closed && quotes_after(t, k + 1, u.second))) {
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
  return merged;
}

// "“We are ready.” “The money is late,” she said.": a quotation standing alone at the start of
// a paragraph belongs to the speaker attributed right after it in the same paragraph, before
// any speaker of an earlier paragraph.
void Extractor::leading_quotations(DocState& d) const {
  for (std::size_t i = 0; i < d.attrs.size(); ++i) {
    Attribution& a = d.attrs[i];
    if (a.scare || a.no_source || (a.has_speaker && !a.continuation)) continue;
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
}

}  // namespace framelens::quotes_detail
