// Loose candidate statements (statements.hpp): the words that could open a statement the rules did not
// make, the candidate contents of each, their features, scoring with a model's statement weights, and
// the annotation's answer for training. Every example in the comments is invented.
#include "quotes/statements.hpp"

#include <algorithm>
#include <string_view>

#include "framelens/utf8.hpp"
#include "quotes/boundaries.hpp"
#include "quotes/speaker_choice.hpp"

namespace framelens::quotes_detail {

namespace {

using namespace std::string_view_literals;

constexpr std::size_t kMaxWord = 20;  // longer words are one feature value ("<long>")

// Tokens no candidate may use: quotations, and the contents, cues and mentions of the statements so far.
std::vector<char> claimed_tokens(const DocState& d) {
  std::vector<char> out(d.toks.size(), 0);
  const auto mark = [&](std::size_t s, std::size_t e) {
    auto it = std::lower_bound(d.toks.begin(), d.toks.end(), s, [](const Tok& t, std::size_t b) { return t.e <= b; });
    for (; it != d.toks.end() && it->s < e; ++it) out[static_cast<std::size_t>(it - d.toks.begin())] = 1;
  };
  for (std::size_t k = 0; k < d.toks.size(); ++k) out[k] = d.toks[k].in_quote ? 1 : 0;
  for (const Attribution& at : d.attrs) {
    for (const Span& c : at.contents) mark(c.start, c.end);
    if (at.cue.end > at.cue.start) mark(at.cue.start, at.cue.end);
    for (std::size_t k = at.mention_a; k < at.mention_b && k < out.size(); ++k) out[k] = 1;
  }
  return out;
}

std::string_view value(const TokView& t, std::size_t k, std::size_t sa, std::size_t sb) {
  if (k < sa || k >= sb) return "<edge>";
  const Tok& x = t[k];
  if (x.kind == TK::mark) return "<mark>";
  if (x.low.size() > kMaxWord) return "<long>";
  return x.low;
}

// The first / last n bytes of a word, moved to a code point edge (the model file is UTF-8).
std::string_view head(std::string_view w, std::size_t n) {
  while (n > 0 && n < w.size() && utf8::is_continuation(w[n])) --n;
  return w.substr(0, n);
}
std::string_view tail(std::string_view w, std::size_t n) {
  std::size_t a = w.size() - n;
  while (a < w.size() && utf8::is_continuation(w[a])) ++a;
  return w.substr(a);
}

// A token count in buckets: exact up to 3, then 4-6, 7-12, 13-25, 26+.
std::string_view count_bucket(std::size_t n) {
  static constexpr std::string_view small[] = {"0", "1", "2", "3"};
  if (n <= 3) return small[n];
  if (n <= 6) return "4-6";
  if (n <= 12) return "7-12";
  if (n <= 25) return "13-25";
  return "26+";
}

// What the decisions of one sentence [sa, sb) share.
struct Sentence {
  const DocState& d;
  const Extractor& ex;
  TokView t;
  const std::vector<char>& claimed;
  std::size_t sa = 0, sb = 0;
  bool has_statement = false;  // a statement of the rules holds a token of the sentence
};

// How a candidate content ends, as a feature value (content_ends' order).
constexpr std::string_view kEndKinds[] = {"sentence", "comma", "break", "prep"};

// Punctuation that breaks a clause without ending the sentence (a comma aside): dashes and colons.
bool clause_break(const Tok& t) {
  return t.kind == TK::punct && (t.low == ":"sv || t.low == "-"sv || t.low == "--"sv || t.low == "\u2014"sv || t.low == "\u2013"sv);
}

// The candidate content ends of a statement opening after the word at i, each before any claimed
// token: the sentence's end (before its closing punctuation), the word before the first comma, before
// the first coordinator ("and", "but") or dash or colon, and before the first preposition ("doubted
// the figures in a letter"). (kind, end) pairs, the sentence's end first; an end already proposed is
// not repeated.
std::vector<std::pair<std::size_t, std::size_t>> content_ends(const Sentence& s, std::size_t i) {
  const Lexicon& lex = s.ex.lex();
  std::size_t e = i + 1, firsts[4] = {0, 0, 0, 0};
  for (; e < s.sb && !s.claimed[e]; ++e) {
    const Tok& k = s.t[e];
    if (e == i + 1) continue;
    if (!firsts[1] && k.low == ","sv) firsts[1] = e;
    if (!firsts[2] && (clause_break(k) || (k.kind == TK::word && lex.words.coordinators.count(k.low)))) firsts[2] = e;
    if (!firsts[3] && k.kind == TK::word && lex.words.prepositions.count(k.low)) firsts[3] = e;
  }
  while (e > i + 1 && s.t[e - 1].kind == TK::punct) --e;  // "… the figures." without its full stop
  std::vector<std::pair<std::size_t, std::size_t>> ends;
  if (e <= i + 1) return ends;
  ends.emplace_back(0, e);
  for (std::size_t kind = 1; kind < 4; ++kind) {
    std::size_t f = firsts[kind];
    while (f > i + 1 && s.t[f - 1].kind == TK::punct) --f;
    if (f <= i + 1 || f >= e) continue;
    if (std::none_of(ends.begin(), ends.end(), [&](const auto& x) { return x.second == f; })) ends.emplace_back(kind, f);
  }
  return ends;
}

// Features every accepting candidate of the word at i shares ("c:"): the word, its prefix and suffix
// (a stand-in for its lemma: "doubt" in "doubted", "doubting"), its neighbours, the lexicon's view of
// it, the speaker phrase before it, where it stands in the sentence.
template <class Sink>
void word_features(const Sentence& s, std::size_t i, Range mention, Sink& emit) {
  const TokView& t = s.t;
  const std::string_view w = value(t, i, s.sa, s.sb), p = value(t, i - 1, s.sa, s.sb), n = value(t, i + 1, s.sa, s.sb);
  emit({"c:bias"});
  emit({"c:w=", w});
  if (w.size() > 4) emit({"c:pre4=", head(w, 4)});
  if (w.size() > 6) emit({"c:pre6=", head(w, 6)});
  if (w.size() > 3) emit({"c:suf3=", tail(w, 3)});
  emit({"c:p=", p});
  emit({"c:pw=", p, "|", w});
  emit({"c:n=", t[i + 1].cap ? "<cap>"sv : n});
  emit({"c:wn=", w, "|", n});
  emit({"c:n2=", value(t, i + 2, s.sa, s.sb)});
  emit({"c:pp=", value(t, i - 2, s.sa, s.sb)});
  emit({"c:pos=", count_bucket(i - s.sa)});
  if (t[i].cap) emit({"c:wcap"});
  if (s.ex.is_cue_word(t[i])) emit({"c:lexcue"});
  // The lexicon's cue form of the word and of the word before: its lemma ("doubt" for "doubted") and
  // its class (takes a bare clause, an attitude object, a speech act, a past participle).
  for (std::size_t back = 0; back < 2 && back <= i - s.sa; ++back) {
    const Tok& x = t[i - back];
    if (x.kind != TK::word) continue;
    const auto* c = s.ex.lex().cue_word(x.low, x.key);
    if (!c || !c->is_form) continue;
    const std::string_view at = back ? "-1"sv : ""sv;
    if (!c->form.lemma.empty() && c->form.lemma.size() <= kMaxWord) emit({"c:lemma", at, "=", c->form.lemma});
    const char cls[] = {c->form.strong ? 's' : '-', c->form.object ? 'o' : '-', c->form.speech_act ? 'a' : '-',
                        c->form.past_participle ? 'p' : '-', c->form.participle ? 'g' : '-', '\0'};
    emit({"c:class", at, "=", std::string_view(cls)});
  }
  if (i > s.sa && s.ex.is_cue_word(t[i - 1])) emit({"c:lexcue-1"});
  if (i > s.sa && s.claimed[i - 1]) emit({"c:after_claimed"});
  if (s.has_statement) emit({"c:sentence_has_statement"});
  if (mention.second > mention.first) {
    emit({"c:np"});
    emit({"c:np_dist=", count_bucket(i - mention.second)});
    emit({"c:np_first=", t[mention.first].cap ? "<cap>"sv : value(t, mention.first, s.sa, s.sb)});
    emit({"c:np_last=", value(t, mention.second - 1, s.sa, s.sb)});
    if (t[mention.first].cap) emit({"c:np_cap|", w});
  } else {
    emit({"c:nonp|", w});
  }
}

// Features of one accepting candidate: its content [i + 1, e) and how it ends.
template <class Sink>
void end_features(const Sentence& s, std::size_t i, std::size_t e, std::string_view kind, Sink& emit) {
  const TokView& t = s.t;
  const std::string_view w = value(t, i, s.sa, s.sb);
  bool cue = false;  // (contents hold no quotation: quotations are claimed)
  for (std::size_t k = i + 1; k < e && !cue; ++k) cue = s.ex.is_cue_word(t[k]);
  emit({"c:end=", kind});
  emit({"c:end=", kind, "|", w});
  emit({"c:len=", count_bucket(e - i - 1), "|", kind});
  emit({"c:last=", value(t, e - 1, s.sa, s.sb), "|", kind});
  emit({"c:after=", value(t, e, s.sa, s.sb), "|", kind});
  if (cue) emit({"c:inner_cue|", kind});
}

// The subject of the clause the word at i stands in: the clause opens after the sentence start or
// the last punctuation before the word, leading fillers skipped ("But Pell, …" → "Pell"); a subject
// pronoun, a relative pronoun or the noun phrase there ("Some council members are hoping for …").
// Without one, the noun phrase right before the word (adverbs skipped: "Pell also doubted").
Range mention_before(const Sentence& s, std::size_t i) {
  const TokView& t = s.t;
  const Lexicon& lex = s.ex.lex();
  std::size_t cs = i;
  while (cs > s.sa && t[cs - 1].kind == TK::word && !s.claimed[cs - 1] && i - cs < 25) --cs;
  while (cs < i && lex.words.leading_fillers.count(t[cs].low)) ++cs;
  if (cs < i) {
    if (lex.words.subject_pronouns.count(t[cs].low) || t[cs].low == "who"sv) return {cs, cs + 1};
    const Range r = s.ex.np_fwd(s.d, cs, i, true);
    if (r.second > r.first && r.second <= i) return r;
  }
  std::size_t k = i;
  while (k > s.sa && s.ex.adverb(t[k - 1])) --k;
  if (k == s.sa || s.claimed[k - 1]) return {k, k};
  return s.ex.np_back(s.d, s.sa, k);
}

// Each decision of the document: f(sentence, word, mention, ends). `claimed` may grow inside f (the
// model's accepted statements); a word claimed by then proposes nothing.
template <class F>
void for_each_candidate(const DocState& d, const Extractor& ex, const std::vector<char>& claimed, F&& f) {
  if (d.toks.empty()) return;
  const std::vector<std::size_t> sent = sentence_ids(d);
  const TokView t(d.toks);
  for (std::size_t sa = 0; sa < d.toks.size();) {
    std::size_t sb = sa;
    bool has = false;
    for (; sb < d.toks.size() && sent[sb] == sent[sa]; ++sb) has = has || (claimed[sb] && !d.toks[sb].in_quote);
    const Sentence s{d, ex, t, claimed, sa, sb, has};
    for (std::size_t i = sa; i + 1 < sb; ++i) {
      if (claimed[i] || t[i].kind != TK::word || claimed[i + 1]) continue;
      if (t[i + 1].kind != TK::word && t[i + 1].kind != TK::mark) continue;
      auto ends = content_ends(s, i);
      if (ends.empty()) continue;
      f(s, i, mention_before(s, i), std::move(ends));
    }
    sa = sb;
  }
}

template <class MakeSink>
void candidate_features(const Sentence& s, std::size_t i, Range mention, const std::vector<std::pair<std::size_t, std::size_t>>& ends,
                        MakeSink&& sink) {
  for (std::size_t k = 0; k < ends.size(); ++k) {
    auto& emit = sink(k + 1);
    word_features(s, i, mention, emit);
    end_features(s, i, ends[k].second, kEndKinds[ends[k].first], emit);
  }
}

}  // namespace

std::vector<StatementDecision> statement_decisions(const DocState& d, const Extractor& ex) {
  std::vector<StatementDecision> out;
  const std::vector<char> claimed = claimed_tokens(d);
  for_each_candidate(d, ex, claimed, [&](const Sentence& s, std::size_t i, Range mention, std::vector<std::pair<std::size_t, std::size_t>> ends) {
    StatementDecision dec;
    dec.cue = i;
    dec.start = i + 1;
    dec.mention = mention;
    std::vector<FeatureNames> names(ends.size() + 1);
    candidate_features(s, i, mention, ends, [&](std::size_t k) -> FeatureNames& { return names[k]; });
    for (auto& n : names) dec.features.push_back(std::move(n.names));
    for (const auto& x : ends) dec.ends.push_back(x.second);
    out.push_back(std::move(dec));
  });
  return out;
}

namespace {

// The statement of the word at i with content [i + 1, e), unless a token of it is claimed; its tokens
// (mention to content end) are claimed then.
bool add_statement(DocState& d, std::vector<char>& claimed, std::size_t i, std::size_t e, Range mention,
                   std::vector<Attribution>& added) {
  for (std::size_t k = i; k < e; ++k)
    if (claimed[k]) return false;  // inside (or reaching into) a statement accepted before
  Attribution at;
  at.contents.push_back({d.toks[i + 1].s, d.toks[e - 1].e});
  at.cue = {d.toks[i].s, d.toks[i].e};
  at.mention_a = mention.first;
  at.mention_b = mention.second;
  at.has_speaker = mention.second > mention.first;
  at.confidence = 0.3;
  at.para = d.tok_para[i];
  at.loose = true;
  for (std::size_t k = std::min(mention.first, i); k < e; ++k) claimed[k] = 1;
  added.push_back(std::move(at));
  return true;
}

// The added statements placed among the rules' attributions in text order (speaker resolution reads
// them in order).
void insert_in_text_order(DocState& d, std::vector<Attribution>& added) {
  const auto pos = [](const Attribution& a) {
    return a.cue.end > a.cue.start ? a.cue.start : a.contents.empty() ? 0 : a.contents[0].start;
  };
  for (auto& at : added) {
    const std::size_t p = pos(at);
    const auto it = std::find_if(d.attrs.begin(), d.attrs.end(), [&](const Attribution& x) { return pos(x) > p; });
    d.attrs.insert(it, std::move(at));
  }
}

}  // namespace

void apply_statement_model(DocState& d, const Extractor& ex, const BoundaryModel& model) {
  std::vector<char> claimed = claimed_tokens(d);
  std::vector<Attribution> added;
  for_each_candidate(d, ex, claimed, [&](const Sentence& s, std::size_t i, Range mention, std::vector<std::pair<std::size_t, std::size_t>> ends) {
    if (claimed[i] || claimed[i + 1]) return;  // inside a statement accepted before
    // The sum candidate_features() would give, with the features every candidate shares looked up once.
    FeatureScore shared{model.statement_hashed};
    word_features(s, i, mention, shared);
    std::size_t best = 0;  // "no statement" (scores 0) unless a candidate scores higher than the margin
    double top = model.statement_margin;
    for (std::size_t k = 0; k < ends.size(); ++k) {
      FeatureScore own{model.statement_hashed};
      end_features(s, i, ends[k].second, kEndKinds[ends[k].first], own);
      if (shared.sum + own.sum > top) { top = shared.sum + own.sum; best = k + 1; }
    }
    if (best > 0) add_statement(d, claimed, i, ends[best - 1].second, mention, added);
  });
  insert_in_text_order(d, added);
}

void add_annotated_statements(DocState& d, const std::vector<std::pair<StatementDecision, std::vector<bool>>>& labelled) {
  std::vector<char> claimed = claimed_tokens(d);
  std::vector<Attribution> added;
  for (const auto& [dec, ok] : labelled) {
    const auto right = std::find(ok.begin() + 1, ok.end(), true);
    if (right != ok.end())
      add_statement(d, claimed, dec.cue, dec.ends[static_cast<std::size_t>(right - ok.begin()) - 1], dec.mention, added);
  }
  insert_in_text_order(d, added);
}

std::vector<bool> annotated_statement(const StatementDecision& dec, const DocState& d, const std::vector<Span>& gold) {
  const std::size_t s = d.toks[dec.start].s;
  bool starts = false;
  std::vector<bool> ok(dec.ends.size() + 1, false);
  bool any = false;
  for (const Span& g : gold) {
    if (g.start != s) continue;
    starts = true;
    for (std::size_t k = 0; k < dec.ends.size(); ++k)
      if (d.toks[dec.ends[k] - 1].e == g.end) ok[k + 1] = any = true;
  }
  if (!starts) ok[0] = true;
  else if (!any) return {};
  return ok;
}

}  // namespace framelens::quotes_detail
